# The fix: await asyncio.sleep instead of time.sleep. The blocker now waits without
# blocking: the loop runs the 0.1 s timer on time while it waits.
import asyncio


async def timer(loop):
    await asyncio.sleep(0.1)
    print(f"the 0.1 s timer fired at {loop.time():.1f} s")


async def blocker():
    await asyncio.sleep(0.2)
    print('the waiting call returned')


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(timer(loop), blocker())


asyncio.run(main())
