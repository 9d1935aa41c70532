# Queues subclassed as programs do, a task factory, annotations kept and read.
import asyncio
from functools import singledispatch


class CountingQueue(asyncio.Queue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self.puts = 0
        self.gets = 0

    def _put(self, item):
        self.puts += 1
        super()._put(item)

    async def get(self):
        item = await super().get()
        self.gets += 1
        return item


class Job:
    def __init__(self, priority: int, name: str) -> None:
        self.priority = priority
        self.name = name

    def __lt__(self, other: "Job") -> bool:
        return self.priority < other.priority

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"


class JobQueue(asyncio.PriorityQueue):
    def _put(self, item):
        print("  queued", item)
        super()._put(item)


async def producer(q: asyncio.Queue, n: int) -> None:
    for i in range(n):
        await q.put(i)
        print("put", i, str(q))
    await q.put(None)


async def consumer(q: CountingQueue) -> list[int]:
    seen = []
    while (item := await q.get()) is not None:
        seen.append(item)
        q.task_done()
        await asyncio.sleep(0.1)
    q.task_done()
    return seen


@singledispatch
def describe(x):
    return f"something: {x!r}"


@describe.register
def _(x: int):
    return f"an int: {x}"


@describe.register
def _(x: list):
    return f"a list of {len(x)}"


@describe.register(str)
def _(x):
    return f"a str: {x}"


made = []


def factory(loop, coro, **kwargs):
    made.append(coro.__name__)
    return asyncio.Task(coro, loop=loop, **kwargs)


async def main():
    q = CountingQueue(maxsize=2)
    print(isinstance(q, asyncio.Queue), q.maxsize, q.empty(), q.full())
    _, seen = await asyncio.gather(producer(q, 4), consumer(q))
    await q.join()
    print("seen", seen, "puts", q.puts, "gets", q.gets, str(q))

    jobs = JobQueue()
    for p, name in [(3, "c"), (1, "a"), (2, "b")]:
        jobs.put_nowait(Job(p, name))
    print([jobs.get_nowait() for _ in range(jobs.qsize())])
    try:
        jobs.get_nowait()
    except asyncio.QueueEmpty as e:
        print("empty:", repr(e))
    lifo = asyncio.LifoQueue(2)
    lifo.put_nowait("x")
    lifo.put_nowait("y")
    try:
        lifo.put_nowait("z")
    except asyncio.QueueFull:
        print("full:", str(lifo))
    try:
        await asyncio.wait_for(lifo.put("z"), 0.05)
    except TimeoutError:
        print("still full after 0.05 s", lifo.qsize())

    loop = asyncio.get_running_loop()
    loop.set_task_factory(factory)
    t = asyncio.create_task(asyncio.sleep(0.1, result="slept"), name="napper")
    print(t.get_name(), isinstance(t, asyncio.Task), isinstance(t, asyncio.Future), type(t))
    print(await t, made, loop.get_task_factory() is factory)
    loop.set_task_factory(None)
    try:
        loop.set_task_factory(42)
    except TypeError as e:
        print(e)

    print(producer.__annotations__)
    print(consumer.__annotations__["q"].__name__, Job.__init__.__annotations__, Job.__lt__.__annotations__)
    for x in [1, [1, 2], "s", 2.5]:
        print(describe(x))
    print(asyncio.Queue, issubclass(asyncio.PriorityQueue, asyncio.Queue))


asyncio.run(main())
