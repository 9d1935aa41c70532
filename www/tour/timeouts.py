# wait_for and asyncio.timeout cancel what they wait for when time is up.
import asyncio

async def work(delay):
    await asyncio.sleep(delay)
    return f"worked {delay} s"

async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(work(0.1), timeout=0.5))
    try:
        await asyncio.wait_for(work(1), timeout=0.2)
    except TimeoutError:
        print(f"wait_for timed out at {loop.time():.1f}")
    try:
        async with asyncio.timeout(0.1):
            await work(1)
    except TimeoutError:
        print(f"timeout() expired at {loop.time():.1f}")

asyncio.run(main())
