# The tutorial notebook's program, exactly as it starts main(): a loop of its own.
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

loop = asyncio.get_event_loop()

loop.run_until_complete(main())
loop.close()
