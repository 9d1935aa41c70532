# The tutorial's program: main() awaits one say_after, then the other. Each await
# waits for the call to finish before the next one starts: 1 s, then 2 s, 3 s in all.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
