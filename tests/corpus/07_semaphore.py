# A Semaphore(2) lets two calls in at a time; the others wait in arrival order.
import asyncio

async def call(n, sem, loop):
    async with sem:
        print(f"call {n} enters at {loop.time():.1f}")
        await asyncio.sleep(0.1)
    print(f"call {n} leaves at {loop.time():.1f}")

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(call(n, sem, loop) for n in range(1, 6)))
    print(f"all done at {loop.time():.1f}")

asyncio.run(main())
