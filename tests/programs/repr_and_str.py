# __repr__ and __str__ wherever text is made of an object: print, containers,
# f-strings, %-formatting, inheritance, and the errors they raise.
import asyncio

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Named:
    def __init__(self, name):
        self.name = name
    def __str__(self):
        return f"<{self.name}>"

class Both(Point):
    def __str__(self):
        return f"({self.x}|{self.y})"

p = Point(1, 2)
print(p, [p, Point(3, 4)], {"k": p}, (p,))
print(repr(p), str(p), f"{p}", f"{p!r}", "%s and %r" % (p, p))
n = Named("ann")
print(n, str(n), [n].__len__() if False else 1)
print(f"{n}", "x" + str(n))
b = Both(5, 6)
print(b, repr(b), [b])

class Bad:
    def __repr__(self):
        return 42

try:
    print(Bad())
except TypeError as e:
    print("TypeError:", e)

class Raises:
    def __repr__(self):
        raise ValueError("no repr")

try:
    print([Raises()])
except ValueError as e:
    print("ValueError:", e)

class Job:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Job#{self.n}"

async def work(job):
    await asyncio.sleep(0.1 * job.n)
    print("done", job)
    return job

async def main():
    jobs = [Job(i) for i in range(3)]
    print(await asyncio.gather(*(work(j) for j in jobs)))

asyncio.run(main())
