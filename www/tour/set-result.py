# A future is a result that is not there yet. One task awaits it; another sets it
# with set_result after a while, and the waiting task resumes at that instant.
import asyncio


async def set_after(future, delay, value):
    await asyncio.sleep(delay)
    print(f"setter: set_result({value!r})")
    future.set_result(value)


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    asyncio.create_task(set_after(future, 1, 'the answer'))
    print(f"main: awaiting the future, done = {future.done()}")
    value = await future
    print(f"main: got {value!r} at {loop.time():.1f} s, done = {future.done()}")


asyncio.run(main())
