# create_task wraps a coroutine in a task and schedules it: it starts as soon as the
# running task lets the loop run. await collects its result; cancel() ends it with
# CancelledError, thrown in where it waits.
import asyncio


async def work(name, seconds):
    print(f"{name}: starts")
    await asyncio.sleep(seconds)
    print(f"{name}: finishes")
    return seconds


async def main():
    quick = asyncio.create_task(work('quick', 0.5))
    slow = asyncio.create_task(work('slow', 5))
    print('main: both tasks created; neither has run yet')
    print(f"main: quick returned {await quick}")
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print(f"main: slow was cancelled: done = {slow.done()}, cancelled = {slow.cancelled()}")


asyncio.run(main())
