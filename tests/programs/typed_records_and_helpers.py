# typing's NamedTuple and TypedDict written as classes, functools.total_ordering,
# asyncio's ensure_future, iscoroutine(function), isfuture and timeout_at, and the
# string methods that parse what tasks report.
import asyncio
import time
from functools import total_ordering, update_wrapper
from typing import NamedTuple, Optional, TypedDict


class Sample(NamedTuple):
    sensor: str
    value: float
    unit: str = "C"

    def label(self) -> str:
        return f"{self.sensor}={self.value}{self.unit}"


class Config(TypedDict):
    name: str
    retries: int


@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(str(p) for p in self.parts)


async def read(sensor, delay) -> Sample:
    await asyncio.sleep(delay)
    line = f"  {sensor}: {delay * 100:.1f} C  "
    name, _, rest = line.strip().partition(": ")
    value, unit = rest.rsplit(" ", 1)
    return Sample(name.removeprefix("sensor-"), float(value), unit)


def plain():
    return None


async def main():
    config = Config(name="lab", retries=2)
    print(config, asyncio.iscoroutinefunction(read), asyncio.iscoroutinefunction(plain))
    pending = [asyncio.ensure_future(read(f"sensor-{n}", n / 10)) for n in (3, 1, 2)]
    print(asyncio.isfuture(pending[0]), asyncio.ensure_future(pending[0]) is pending[0])
    samples = await asyncio.gather(*pending)
    print(sorted(samples), [s.label() for s in samples], samples[0] == ("3", 30.0, "C"))
    slowest = max(samples, key=lambda s: s.value)
    print(slowest._replace(unit="K"), Sample._fields, Sample("x", 1.0))
    try:
        async with asyncio.timeout_at(asyncio.get_running_loop().time() + 0.05):
            await read("late", 1)
    except TimeoutError:
        print("timed out at", round(asyncio.get_running_loop().time(), 2))
    versions = [Version("1.10.0"), Version("1.2.3"), Version("1.2.10")]
    print(sorted(versions), Version("2.0") >= Version("1.9"), Version("1.0") <= Version("1.0"), max(versions))
    print("a b  c ".rsplit(None, 1), "report.final.txt".removesuffix(".txt").rindex("."), "MiXed".swapcase())
    print(type(time.time_ns()).__name__, time.monotonic_ns() >= 0)

    def wrapper():
        return "wrapped"

    update_wrapper(wrapper, read)
    print(wrapper.__name__, wrapper.__wrapped__ is read)


asyncio.run(main())
