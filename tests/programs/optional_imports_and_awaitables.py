# What code from answers and older tutorials does: an optional import guarded by
# `except ImportError`, awaitables written with `yield from` a future, `aiter` and
# `ensure_future` on objects of the program's own, enums formatted, generic classes.
import asyncio
import traceback
from enum import Enum, Flag, IntEnum
from typing import Generic, Optional, TypeVar

try:
    import uvloop

    uvloop.install()
except ImportError as e:
    print("running without uvloop:", e, e.name)

try:
    from aiohttp import ClientSession
except (ModuleNotFoundError, KeyError):
    ClientSession = None

T = TypeVar("T")


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item


class IntBox(Box[int]):
    pass


class Level(IntEnum):
    LOW = 1
    HIGH = 10


class Color(Enum):
    RED = "r"


class Perm(Flag):
    READ = 4
    WRITE = 2
    RUN = 1


class Delayed:
    def __init__(self, value, delay):
        self.value, self.delay = value, delay

    def __await__(self):
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        loop.call_later(self.delay, fut.set_result, self.value)
        return (yield from fut)


class Ticks:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        self.i = 0
        return self

    async def __anext__(self):
        if self.i == self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0.1)
        return self.i


def describe(b: Box[int], level: Optional[Level] = None) -> str:
    return f"{b.item:>4}|{level:03d}|{Color.RED:>10}|{Level.HIGH}|{Perm.READ | Perm.WRITE}"


async def main():
    print(ClientSession, describe(IntBox(7), Level.LOW))
    print(await Delayed("late", 0.25), asyncio.get_running_loop().time())
    task = asyncio.ensure_future(Delayed("as a task", 0.1))
    print(type(task).__name__, await task)
    it = aiter(Ticks(3))
    print(await anext(it), [i async for i in Ticks(2)])
    try:
        raise KeyError("k")
    except KeyError as e:
        parts = traceback.format_exception(e)
        print(len(parts), parts[0], parts[-1], end="")
    print("a\nb\r\nc".splitlines(), "x\ny\n".splitlines(True), "{:d}".format(Level.HIGH))


asyncio.run(main())
