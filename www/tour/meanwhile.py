# Asynchronous: fire off a slow job, then do other useful work while it is under way,
# and collect its result only when it is needed.
import asyncio


async def download(name, seconds):
    print(f"{name}: download started")
    await asyncio.sleep(seconds)
    print(f"{name}: download finished")
    return f"{len(name) * 100} KB of {name}"


async def main():
    loop = asyncio.get_running_loop()
    job = asyncio.create_task(download('report', 1))
    for step in range(1, 4):
        print(f"main: other work, part {step}, at {loop.time():.1f} s")
        await asyncio.sleep(0.3)
    print(f"main: now I need the download, at {loop.time():.1f} s")
    result = await job
    print(f"main: got {result} at {loop.time():.1f} s")


asyncio.run(main())
