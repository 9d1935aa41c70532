# The same two calls as tasks: create_task schedules both at once, so their sleeps
# overlap, and the whole takes as long as the longer one: 2 s, not 3.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))

    print(f"started at {time.strftime('%X')}")

    # Both tasks are running already; main only waits for them to finish.
    await task1
    await task2

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
