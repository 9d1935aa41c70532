# A report captured with redirect_stdout and handed to another task; objects iterated
# through __getitem__ alone; a class's mro() beside its __mro__.
import asyncio
import io
import sys
from contextlib import redirect_stderr, redirect_stdout


class Readings:
    """Indexable, with no __iter__: for, in, list() and zip() count up to IndexError."""

    def __init__(self, *values):
        self.values = values

    def __getitem__(self, i):
        return self.values[i] * 10


class Countdown:
    def __init__(self, start):
        self.start = start

    def __getitem__(self, i):
        if i >= self.start:
            raise StopIteration
        return self.start - i


class Shelf:
    """__len__ and __getitem__: reversed() reads it from the end."""

    def __len__(self):
        return 3

    def __getitem__(self, i):
        return "abc"[i]


class Base:
    pass


class Sensor(Base):
    pass


class Logged(Sensor, Base):
    pass


async def report(name, readings):
    await asyncio.sleep(0.1)
    print(f"{name}: {list(readings)} max={max(readings)} has 20: {20 in readings}")


async def main():
    captured = io.StringIO()
    with redirect_stdout(captured):
        await asyncio.gather(report("a", Readings(1, 2)), report("b", Readings(3)))
        print("inside", sys.stdout is captured)
    print("outside", sys.stdout is not captured)
    print(captured.getvalue().splitlines())
    errors = io.StringIO()
    with redirect_stderr(errors):
        print("warning: low", file=sys.stderr)
    print(repr(errors.getvalue()))
    it = iter(Readings(5, 6))
    print(type(it).__name__, next(it), next(it), next(it, "done"))
    print([n for n in Countdown(3)], dict(zip(Countdown(2), "xy")), sorted(Countdown(4)))
    print([c.__name__ for c in Logged.mro()], Logged.mro() == list(Logged.__mro__))
    print(list(reversed(Shelf())), list(Shelf()), "b" in Shelf())


asyncio.run(main())
