# Blocking functions handed to threads (asyncio.to_thread, loop.run_in_executor):
# their time.sleep lets the loop run on, their results and errors come back to the
# awaiting task, and asyncio.run waits for a thread still running before it returns.
import asyncio
import contextvars
import time

request = contextvars.ContextVar("request", default="none")


def fetch(name, seconds):
    time.sleep(seconds)
    print(f"{name}: fetched after {seconds} s for request {request.get()}")
    return name.upper()


def fails():
    time.sleep(0.15)
    raise ConnectionError("the server went away")


async def heartbeat(beats):
    for i in range(beats):
        await asyncio.sleep(0.2)
        print("heartbeat", i)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    request.set("r-1")
    found = await asyncio.gather(asyncio.to_thread(fetch, "users", 0.5),
                                 asyncio.to_thread(fetch, "orders", 0.3), heartbeat(3))
    print(found, round(loop.time() - start, 1))
    future = loop.run_in_executor(None, fetch, "stock", 0.1)
    print(type(future).__name__, future.done())
    print(await future, future.done(), round(loop.time() - start, 1))
    try:
        await asyncio.to_thread(fails)
    except ConnectionError as e:
        print("caught:", e)
    task = asyncio.create_task(asyncio.to_thread(fetch, "prices", 0.2), name="prices")
    print(task.get_name(), len(asyncio.all_tasks()))
    print(await task)
    try:
        await asyncio.wait_for(asyncio.to_thread(fetch, "report", 1.0), timeout=0.3)
    except TimeoutError:
        print("gave up waiting at", round(loop.time() - start, 1))
    await asyncio.to_thread(time.sleep, 0.25)
    print("slept on a thread until", round(loop.time() - start, 1))
    print("main returns at", round(loop.time() - start, 1))


asyncio.run(main())
print("asyncio.run returned")
