# enum's Enum, IntEnum, StrEnum and auto in a program of tasks (states of a job, levels
# of priority), and a class's own metaclass: a registry of the classes made with it,
# and the singleton that tutorials write with a metaclass's __call__.
import asyncio
from enum import Enum, IntEnum, StrEnum, auto, unique


@unique
class State(Enum):
    WAITING = auto()
    RUNNING = auto()
    DONE = auto()
    FAILED = auto()

    @property
    def finished(self):
        return self in (State.DONE, State.FAILED)


class Level(IntEnum):
    LOW = 1
    NORMAL = 5
    URGENT = 10


class Channel(StrEnum):
    EMAIL = auto()
    SMS = "text-message"


class Registry(type):
    classes = []

    def __call__(cls, *args, **kwargs):
        made = super().__call__(*args, **kwargs)
        Registry.classes.append(f"{cls.__name__}{args}")
        return made

    def __iter__(cls):
        return iter(Registry.classes)

    def __len__(cls):
        return len(Registry.classes)

    def __repr__(cls):
        return f"<registered class {cls.__name__}>"


class Job(metaclass=Registry):
    def __init__(self, name, level):
        self.name = name
        self.level = level
        self.state = State.WAITING


class Singleton(type):
    instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in Singleton.instances:
            Singleton.instances[cls] = super().__call__(*args, **kwargs)
        return Singleton.instances[cls]


class Settings(metaclass=Singleton):
    def __init__(self):
        print("Settings made once")
        self.retries = 2


async def run(job, counts):
    job.state = State.RUNNING
    await asyncio.sleep(1 / job.level)
    job.state = State.FAILED if job.name.startswith("x") else State.DONE
    counts[job.state] = counts.get(job.state, 0) + 1
    print(f"{job.name}: {job.state.name.lower()} at {asyncio.get_running_loop().time():.2f}", job.state.finished)


async def main():
    jobs = [Job("backup", Level.LOW), Job("xfer", Level.URGENT), Job("mail", Level.NORMAL)]
    counts = {}
    await asyncio.gather(*(run(job, counts) for job in sorted(jobs, key=lambda j: j.level, reverse=True)))
    print(counts)
    print(list(State), State(2), State["DONE"], len(State), State.DONE in State)
    print(Level.URGENT > Level.NORMAL, Level.LOW == 1, Level.NORMAL + 1, ["zero", "one"][Level.LOW], int(Level.URGENT))
    print(str(Level.LOW), repr(Level.LOW), f"{State.DONE}", repr(State.DONE), State.DONE.value)
    print(Channel.EMAIL, Channel.SMS == "text-message", [c.value for c in Channel])
    print(Job, len(Job), list(Job))
    print(Settings() is Settings(), Settings().retries)
    try:
        State(9)
    except ValueError as e:
        print("ValueError:", e)
    try:
        State["PAUSED"]
    except KeyError as e:
        print("KeyError:", e)
    try:

        @unique
        class Twice(Enum):
            ONE = 1
            UNO = 1

    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())


# str and int beside Enum: members that are strs (or ints) too, printed as members.
class Channel(str, Enum):
    EMAIL = "email"
    SMS = "sms"


class Weight(int, Enum):
    LIGHT = 1
    HEAVY = 5


print(Channel.EMAIL, Channel("sms"), Channel.EMAIL == "email", Channel.SMS.upper(), len(Channel.EMAIL), f"{Channel.SMS}")
print(Weight.HEAVY > Weight.LIGHT, Weight.LIGHT + 2, Weight(5), sorted([Weight.HEAVY, Weight.LIGHT]), Weight.HEAVY * 2)
print(isinstance(Channel.SMS, Enum), [c.value for c in Channel], Channel.EMAIL < "f")


# Flags: members that combine, combinations named by their members, and IntFlag.
from enum import Flag, IntFlag


class Access(Flag):
    READ = auto()
    WRITE = auto()
    RUN = auto()
    READ_WRITE = READ | WRITE


both = Access.READ | Access.WRITE
print(both, repr(Access.READ | Access.RUN), both is Access.READ_WRITE, Access.RUN in both, list(Access))
print(~Access.READ, Access(0), bool(Access(0)), list(Access.READ | Access.RUN), len(both), Access.READ_WRITE ^ Access.READ)
try:
    Access(8)
except ValueError as e:
    print(e)


class Mode(IntFlag):
    A = 1
    B = 2
    C = 4


print(Mode.A | Mode.C, repr(Mode.A | 2), Mode.B == 2, Mode(6), Mode.C + 1, f"{Mode.A | Mode.B}")
