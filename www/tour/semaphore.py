# A Semaphore(2) lets two calls in at a time; the others wait, and enter in the
# order they arrived. Five calls of 1 s each: two, two, then one, 3 s in all.
import asyncio


async def call(n, sem, loop):
    async with sem:
        print(f"call {n} enters at {loop.time():.0f} s")
        await asyncio.sleep(1)
    print(f"call {n} leaves at {loop.time():.0f} s")


async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(call(n, sem, loop) for n in range(1, 6)))
    print(f"all done at {loop.time():.0f} s")


asyncio.run(main())
