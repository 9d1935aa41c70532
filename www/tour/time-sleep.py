# time.sleep blocks the whole loop: a 0.1 s timer fires only once it returns, at 0.2 s.
import asyncio
import time

async def timer(loop):
    await asyncio.sleep(0.1)
    print(f"the 0.1 s timer fired at {loop.time():.1f} s")

async def blocker():
    time.sleep(0.2)
    print('the blocking call returned')

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(timer(loop), blocker())

asyncio.run(main())
