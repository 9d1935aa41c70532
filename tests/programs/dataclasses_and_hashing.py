# dataclasses as asyncio programs use them: records for jobs and results, ordered for a
# priority queue, frozen ones as dict keys; and what a class may define to be hashed,
# to watch its attributes being set, and to be asked for what it lacks.
import asyncio
import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar, List, Optional


@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)
    attempts: int = field(default=0, compare=False, repr=False)
    made: ClassVar[int] = 0

    def __post_init__(self):
        Job.made += 1


@dataclass(frozen=True)
class Host:
    name: str
    port: int = 80


@dataclass
class Report:
    job: Job
    seconds: float
    notes: List[str] = field(default_factory=list)
    error: Optional[str] = None


async def worker(name, queue, reports, visits):
    while True:
        job = await queue.get()
        started = asyncio.get_running_loop().time()
        await asyncio.sleep(job.priority / 10)
        host = Host("example.org", 8000 + job.priority % 2)
        visits[host] = visits.get(host, 0) + 1
        reports.append(Report(job, round(asyncio.get_running_loop().time() - started, 2), [name]))
        queue.task_done()


async def main():
    queue = asyncio.PriorityQueue()
    for priority, name in [(3, "backup"), (1, "email"), (2, "build"), (1, "alert")]:
        queue.put_nowait(Job(priority, name))
    reports, visits = [], {}
    workers = [asyncio.create_task(worker(f"w{i}", queue, reports, visits)) for i in range(2)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    for report in reports:
        print(report)
    print(visits, Job.made)
    print(dataclasses.asdict(reports[0]))
    print(dataclasses.astuple(Host("a")), dataclasses.replace(Host("a"), port=1))
    print([f.name for f in dataclasses.fields(Report)], dataclasses.is_dataclass(Report))
    host = Host("x")
    try:
        host.port = 1
    except dataclasses.FrozenInstanceError as e:
        print("FrozenInstanceError:", e)
    try:
        Job()
    except TypeError as e:
        print("TypeError:", e)
    try:
        {reports[0]}
    except TypeError as e:
        print("TypeError:", e)


class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __hash__(self):
        return hash((self.major, self.minor))

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


class Settings:
    def __init__(self):
        object.__setattr__(self, "changes", [])

    def __setattr__(self, name, value):
        self.changes.append(name)
        super().__setattr__(name, value)

    def __getattr__(self, name):
        return f"(default {name})"


releases = {Version(1, 0): "old", Version(2, 1): "new"}
print(releases[Version(2, 1)], Version(1, 0) in releases, len({Version(1, 0), Version(1, 0)}))
settings = Settings()
settings.debug = True
settings.level = 3
del settings.level
print(settings.debug, settings.level, settings.changes, vars(settings))
asyncio.run(main())
