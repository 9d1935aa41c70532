# A future is a result that is not there yet. One task waits for it; another, or a
# callback the loop calls later, sets it, and the waiter resumes at that instant.
import asyncio

async def set_after(future, delay, value):
    await asyncio.sleep(delay)
    future.set_result(value)
    print(f"set {value!r}")

async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    asyncio.create_task(set_after(future, 0.2, 'ready'))
    print('waiting, done =', future.done())
    value = await future
    print(f"got {value!r} at {loop.time():.1f}, done = {future.done()}")
    later = loop.create_future()
    loop.call_later(0.1, later.set_result, 42)
    print('from call_later:', await later)

asyncio.run(main())
