# with on objects of our own: entering, leaving by return, break, continue and an
# exception, suppressing it, and what CPython says of objects that are not managers.
import asyncio

class Timer:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type, exc)
        return False

class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
    def __enter__(self):
        return None
    def __exit__(self, exc_type, exc, tb):
        return exc_type is not None and issubclass(exc_type, self.kinds)

with Timer("a") as t:
    print("body", t.name)

with Timer("outer"), Timer("inner") as i:
    print("both", i.name)

with Suppress(KeyError, ValueError):
    raise KeyError("gone")
print("after suppress")

try:
    with Timer("b"):
        raise RuntimeError("boom")
except RuntimeError as e:
    print("caught", e)

def find(items, target):
    with Timer("search"):
        for i, x in enumerate(items):
            if x == target:
                return i
    return -1

print(find([3, 4, 5], 4))

for n in range(3):
    with Timer(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
        print("n", n)

class NoExit:
    def __enter__(self):
        return 1

for bad in [NoExit(), 5, asyncio.Lock()]:
    try:
        with bad:
            pass
    except TypeError as e:
        print(e)

async def main():
    lock = asyncio.Lock()
    with Timer("in coroutine"):
        async with lock:
            await asyncio.sleep(0.1)
            print("locked", lock.locked())
    print("unlocked", lock.locked())

asyncio.run(main())
