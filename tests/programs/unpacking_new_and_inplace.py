# Rows unpacked with a starred target, dict views spread into calls, objects made by
# __new__ (a registry of one object per name), in-place operators of the program's
# own, copies that follow __copy__ and __deepcopy__, nested exception groups split,
# a task cancelled twice and a task group's states.
import asyncio
import copy

rows = [("alice", 3, 4, 5), ("bob", 1), ("carol", 2, 2)]
for name, *scores in rows:
    print(name, scores, sum(scores))
print([first for first, *_ in rows], [rest for _, *rest in rows if rest])
ages = {"alice": 31, "bob": 27}
print(*ages.values(), *ages, sep=" | ")
print(max(*ages.values()), list(zip(*ages.items())))


class Connection:
    _open = {}

    def __new__(cls, host):
        if host not in cls._open:
            print("  opening", host)
            cls._open[host] = super().__new__(cls)
        return cls._open[host]

    def __init__(self, host):
        self.host = host
        self.uses = getattr(self, "uses", 0) + 1


a, b, c = Connection("db"), Connection("db"), Connection("cache")
print(a is b, a is c, a.uses, c.uses)


class Basket:
    def __init__(self, *items):
        self.items = list(items)

    def __iadd__(self, item):
        self.items.append(item)
        return self

    def __isub__(self, item):
        self.items.remove(item)
        return self

    def __add__(self, other):
        return Basket(*self.items, *other.items)

    def __copy__(self):
        print("  shallow copy")
        return Basket(*self.items)

    def __deepcopy__(self, memo):
        print("  deep copy")
        return Basket(*copy.deepcopy(self.items, memo))

    def __repr__(self):
        return f"Basket({self.items})"


basket = Basket("apple")
same = basket
basket += "pear"
basket -= "apple"
print(basket, same is basket)
mixed = Basket("fig")
mixed = mixed + Basket("kiwi")
print(mixed, copy.copy(mixed), copy.deepcopy(Basket([1, 2])))

group = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
matched, rest = group.split(ValueError)
print(repr(matched))
print(repr(rest))
try:
    raise group
except* ValueError as e:
    print("values:", repr(e))
except* TypeError as e:
    print("types:", repr(e))


async def job(n):
    await asyncio.sleep(n)
    return n


async def main():
    t = asyncio.create_task(job(1))
    await asyncio.sleep(0)
    t.cancel("first")
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
    tg = asyncio.TaskGroup()
    print(repr(tg))
    async with tg:
        tg.create_task(job(0.1))
        print(repr(tg))
    print(repr(tg))
    pending = job(0)
    try:
        tg.create_task(pending)
    except RuntimeError as e:
        print(e)
    pending.close()


asyncio.run(main())


# Class keywords reach __init_subclass__ (a registry of plugins by name); a
# TypedDict's total; typing's decorators and NewType; a runtime-checkable protocol.
from typing import NewType, Protocol, TypedDict, final, overload, runtime_checkable


class Plugin:
    registry = {}

    def __init_subclass__(cls, name="", **rest):
        super().__init_subclass__(**rest)
        Plugin.registry[name or cls.__name__.lower()] = cls.__name__


class CsvPlugin(Plugin, name="csv"):
    pass


class JsonPlugin(Plugin):
    pass


print(Plugin.registry)
try:
    class Broken(Plugin, name="x", colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)


class Movie(TypedDict, total=False):
    title: str
    year: int


print(Movie.__total__, sorted(Movie.__optional_keys__), Movie(title="Up"))
UserId = NewType("UserId", int)
print(UserId(7), UserId)


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


@final
def frozen():
    return "final"


print(double(4), double("ab"), frozen())


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Door:
    def close(self):
        pass


print(isinstance(Door(), Closer), isinstance(3, Closer))
