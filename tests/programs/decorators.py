# Decorators: stacked, with arguments, on classes, on coroutines, any expression,
# and one that raises.
import asyncio
import time

def shout(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs).upper()
    return wrapper

def tag(name):
    def deco(f):
        def wrapper(*a):
            return f"<{name}>{f(*a)}</{name}>"
        wrapper.__name__ = f.__name__
        return wrapper
    return deco

@tag("b")
@shout
def greet(who):
    return f"hello {who}"

print(greet("ann"))

registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls

@register
class A:
    pass

print(registry, A)

def timed(coro_fn):
    async def wrapper(*args):
        start = asyncio.get_running_loop().time()
        result = await coro_fn(*args)
        print(f"{coro_fn.__name__} took {asyncio.get_running_loop().time() - start:.1f}s")
        return result
    return wrapper

@timed
async def work(n):
    await asyncio.sleep(n)
    return n * 2

async def main():
    print(await asyncio.gather(work(0.1), work(0.2)))

asyncio.run(main())

def bad(f):
    raise ValueError("no")

try:
    @bad
    def g():
        pass
except ValueError as e:
    print("caught", e)

@(lambda f: 42)
def h():
    pass
print(h)


# Positional-only parameters, as a decorator's wrapper often takes its function.
def tagged(func, /, **labels):
    def wrapper(*args, **kwargs):
        return func.__name__, labels, func(*args, **kwargs)
    return wrapper


def area(width, height=1, /, *, unit="m"):
    return f"{width * height} {unit}2"


print(tagged(area, func="labels may use the name")(3, 4, unit="cm"))
try:
    area(width=3)
except TypeError as e:
    print(e)
