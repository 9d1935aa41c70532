# Special methods: comparisons and sorting, NotImplemented, containers (len, truth, iteration,
# membership, indexing), iterators, arithmetic with reflection, callables, and the async
# protocols (async for over __aiter__/__anext__, async with over __aenter__/__aexit__).
import asyncio

class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __repr__(self):
        return f"v{self.major}.{self.minor}"
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __le__(self, other):
        return self == other or self < other

vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), min(vs), max(vs))
print(Version(1, 0) == Version(1, 0), Version(1, 0) != Version(1, 1), Version(1, 0) == 3)
print(Version(1, 0) in vs, vs.index(Version(1, 0)), Version(2, 0) > Version(1, 0))
try:
    {Version(1, 0): 1}
except TypeError as e:
    print(e)
try:
    Version(1, 0) >= 3
except TypeError as e:
    print(e)
print(NotImplemented, type(NotImplemented).__name__)

class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
        return self
    def __len__(self):
        return len(self.items)
    def __iter__(self):
        return iter(reversed(self.items))
    def __contains__(self, x):
        return x in self.items
    def __getitem__(self, i):
        return self.items[-1 - i]
    def __setitem__(self, i, v):
        self.items[-1 - i] = v
    def __bool__(self):
        return bool(self.items)

s = Stack()
print(len(s), bool(s), "empty" if not s else "full")
s.push(1).push(2).push(3)
print(len(s), list(s), 2 in s, 5 in s, s[0], [x * 10 for x in s])
s[0] = 30
print(s[0], sum(s), sorted(s), *s)
a, b, c = s
print(a, b, c)

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(3)), [i for i in Countdown(2)])
for i in Countdown(2):
    print("tick", i)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return Money(self.cents + other)
    def __radd__(self, other):
        return self.__add__(other)
    def __mul__(self, k):
        return Money(self.cents * k)
    def __repr__(self):
        return f"${self.cents / 100:.2f}"

print(Money(150) + Money(275), Money(100) * 3, sum([Money(1), Money(2)]), 5 + Money(1))
m = Money(1)
m += Money(9)
print(m)
try:
    Money(1) - Money(2)
except TypeError as e:
    print(e)

class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x * self.k

double = Multiplier(2)
print(double(21), list(map(double, [1, 2, 3])), callable(double))

class Ticker:
    def __init__(self, n, delay):
        self.n, self.delay, self.i = n, delay, 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.i += 1
        return self.i

class Session:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("open", self.name)
        return self
    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print("close", self.name, exc_type.__name__ if exc_type else None, exc)
        return exc_type is KeyError

async def main():
    async for t in Ticker(3, 0.2):
        print("tick", t)
    print([t async for t in Ticker(2, 0.1)])
    async with Session("a") as s:
        print("inside", s.name)
    async with Session("b"):
        raise KeyError("swallowed")
    print("after b")
    try:
        async with Session("c"):
            raise ValueError("passes")
    except ValueError as e:
        print("caught", e)
    try:
        async with Version(1, 0):
            pass
    except TypeError as e:
        print(e)

asyncio.run(main())
