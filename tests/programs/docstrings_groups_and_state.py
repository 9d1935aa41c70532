# Docstrings read back, an exception group taken apart, a generator's state saved and
# replayed, and a coroutine forgotten in a loop (CPython warns once for the place).
import asyncio
import functools
import random


def timed(fn):
    """Wraps a coroutine function, keeping its name and docstring."""

    @functools.wraps(fn)
    async def wrapper(*args):
        return await fn(*args)

    return wrapper


class Sensor:
    """A sensor that reads a value after a while."""

    def __init__(self, name):
        self.name = name

    @timed
    async def read(self, delay):
        """Reads the sensor."""
        await asyncio.sleep(delay)
        return random.randint(1, 100)


class Probe(Sensor):
    pass


async def ping(n):
    return n


async def fail(kind, text, delay):
    await asyncio.sleep(delay)
    e = kind(text)
    if text == "with a note":
        e.add_note("a note the traceback shows")
    raise e


async def main():
    print(Sensor.__doc__, "|", Probe.__doc__, "|", Sensor("s").__doc__)
    print(Sensor.read.__doc__, Sensor.read.__name__, Sensor("s").read.__doc__, timed.__doc__[:7])
    print(main.__doc__, (lambda: 0).__doc__)
    random.seed(2024)
    state = random.getstate()
    first = [await Sensor("a").read(0.01) for _ in range(3)]
    random.setstate(state)
    again = [await Probe("b").read(0.01) for _ in range(3)]
    print(first, first == again, state[0], len(state[1]))
    for i in range(3):
        ping(i)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError, "bad value", 0.1))
            tg.create_task(fail(KeyError, "missing", 0.1))
            tg.create_task(fail(ValueError, "worse value", 0.1))
    except ExceptionGroup as eg:
        values, rest = eg.split(ValueError)
        print(len(values.exceptions), [str(e) for e in values.exceptions], repr(rest))
        print(eg.subgroup(KeyError), eg.subgroup(TypeError), eg.subgroup((KeyError, ValueError)) is eg)
        print(repr(eg.derive([ValueError("only")])))
    try:
        try:
            await fail(KeyError, "the key", 0)
        except KeyError as e:
            e.add_note("while looking up the user")
            e.detail = "kept on the exception"
            raise
    except KeyError as e:
        print(e.__notes__, e.detail, e.with_traceback(None) is e)
    await fail(ValueError, "with a note", 0.05)


asyncio.run(main())
