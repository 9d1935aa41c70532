# gather runs its awaitables concurrently and returns their results in the order given,
# whatever order they finish in.
import asyncio

async def square(n, delay):
    await asyncio.sleep(delay)
    print(f"{n} squared is ready")
    return n * n

async def main():
    loop = asyncio.get_running_loop()
    began = loop.time()
    results = await asyncio.gather(square(3, 0.3), square(1, 0.1), square(2, 0.2))
    print(results, f"after {loop.time() - began:.1f} s")

asyncio.run(main())
