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
