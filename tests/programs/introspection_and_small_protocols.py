# What learners poke at when they look inside Python: iterators' and views' own
# special methods and type names, functions' defaults and code, modules' names,
# coroutines named after the function functools.wraps copied, __new__ handing back
# a subclass, namedtuple's renaming, ContextDecorator, and dict's relatives.
import asyncio
import collections
import contextlib
import functools
import math
import random

items = iter([10, 20, 30])
print(items.__next__(), next(items), type(items).__name__, items.__iter__() is items)
views = {"a": 1, "b": 2}
print(views.keys().__len__(), views.items().__contains__(("a", 1)), list(views.values().__iter__()))
for thing in [(1,), {1}, "ab", range(2), b"xy", reversed([1]), reversed(range(3)), views.values(), views.items()]:
    print(type(iter(thing)).__name__, end=" ")
print()

print(isinstance(collections.Counter(), dict), isinstance(collections.OrderedDict(), dict))
print(issubclass(collections.defaultdict, dict), issubclass(collections.UserDict, dict))


class Registry(dict):
    pass


print(issubclass(Registry, dict), issubclass(Registry, list), isinstance(Registry(), dict))
print(collections.Counter("abca") == collections.Counter("aabc"), collections.Counter(a=1) == {"a": 1})
print(math.__name__, random.__name__, asyncio.__name__, collections.__name__)
rng = random.Random(7)
print(rng.choice(b"abcdef"), rng.sample(b"abcdef", 3), rng.randint(2 ** 64, 2 ** 65), rng.randrange(-(10 ** 20), 10 ** 20, 3))
print(pow(3, -1, 11), pow(10, -2, 7), pow(38, -1, 97) * 38 % 97)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)


def retry(attempts=3, *names, delay=0.5, **options):
    return attempts


print(retry.__defaults__, retry.__kwdefaults__, retry.__code__.co_name, retry.__code__.co_argcount)
print(retry.__code__.co_varnames, retry.__code__.co_kwonlyargcount, retry.__module__)
print(print.__defaults__ if hasattr(print, "__defaults__") else "builtins have none")


def traced(func):
    @functools.wraps(func)
    async def wrapper(*args):
        print("calling", func.__name__, args)
        return await func(*args)

    return wrapper


@traced
async def fetch(n):
    await asyncio.sleep(0.1)
    return n * 2


async def main():
    task = asyncio.create_task(fetch(4))
    await asyncio.sleep(0)
    print(task)
    coro = fetch(5)
    print(coro.__name__, coro.__qualname__)
    print(await coro, await task)


asyncio.run(main())


class Shape:
    def __new__(cls, sides):
        kind = Triangle if sides == 3 else Square
        return super().__new__(kind)


class Triangle(Shape):
    def __init__(self, sides):
        self.name = f"triangle of {sides}"


class Square(Shape):
    def __init__(self, sides):
        self.name = f"square of {sides}"


print(Shape(3).name, Shape(4).name, type(Shape(3)).__name__, Shape(4).__module__)

Row = collections.namedtuple("Row", "id class _hidden id", rename=True)
print(Row._fields, Row(1, 2, 3, 4))
for bad in ["id def", "x 1y"]:
    try:
        collections.namedtuple("Bad", bad)
    except ValueError as e:
        print("ValueError:", e)


class timed(contextlib.ContextDecorator):
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0])
        return False


@timed()
def step(x):
    print("step", x)
    return x + 1


print(step(1))


@contextlib.contextmanager
def section(title):
    print("<", title)
    yield
    print(">", title)


@section("work")
def work():
    print("working")


work()
work()
