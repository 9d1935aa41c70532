# Asynchronous comprehensions inside ordinary ones (which makes them asynchronous
# too), and coroutines never awaited that an exception keeps until it is handled.
import asyncio


async def countdown(n):
    for i in range(n, 0, -1):
        await asyncio.sleep(0.01)
        yield i


async def square(x):
    await asyncio.sleep(0)
    return x * x


def refuse(job):
    raise ValueError(f"refused {job.__qualname__}")


async def attempt():
    return "never runs"


async def main():
    print([[i async for i in countdown(n)] for n in range(4)])
    print({n: [i async for i in countdown(n)] for n in range(1, 3)})
    print({total for n in range(4) for total in [await square(n)]})
    print([[await square(x) for x in range(n)] for n in range(3)])
    lazy = ([i async for i in countdown(n)] for n in range(3))
    print(type(lazy).__name__, [batch async for batch in lazy])
    for _ in range(3):
        try:
            refuse(attempt())
        except ValueError as e:
            print("handled:", e)
    try:
        asyncio.run(attempt())
    except RuntimeError as e:
        print("nested run:", e)
    try:
        await asyncio.wait([attempt()])
    except TypeError as e:
        print("wait:", e)


asyncio.run(main())
