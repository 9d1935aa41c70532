# What Python 3.13 added that today's docs teach: a queue shut down, and
# as_completed iterated with async for, giving the tasks as they finish.
import asyncio


async def worker(q, name):
    try:
        while True:
            item = await q.get()
            print(name, "got", item)
            await asyncio.sleep(0.1)
            q.task_done()
    except asyncio.QueueShutDown:
        print(name, "sees the queue shut down")
        return name


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}"


async def main():
    q = asyncio.Queue()
    workers = [asyncio.create_task(worker(q, f"w{i}")) for i in range(2)]
    for i in range(3):
        await q.put(i)
    await q.join()
    q.shutdown()
    print(await asyncio.gather(*workers))
    try:
        q.put_nowait(1)
    except asyncio.QueueShutDown as e:
        print("put refused", repr(e), type(e).__mro__[0])

    full = asyncio.Queue(1)
    full.put_nowait("x")
    blocked = asyncio.create_task(full.put("y"))
    await asyncio.sleep(0.05)
    full.shutdown()
    try:
        await blocked
    except asyncio.QueueShutDown:
        print("the waiting put was refused at", asyncio.get_running_loop().time())
    print(full.get_nowait(), full.qsize())

    now = asyncio.Queue()
    for i in range(3):
        now.put_nowait(i)
    now.shutdown(immediate=True)
    print(now.qsize(), now.empty())
    await now.join()
    print("joined after an immediate shutdown")

    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [("slow", 0.3), ("fast", 0.1), ("mid", 0.2)]]
    async for t in asyncio.as_completed(tasks):
        print(t in tasks, t.done(), await t)
    try:
        async for t in asyncio.as_completed([fetch("late", 1)], timeout=0.5):
            print("never", t)
    except TimeoutError:
        print("as_completed timed out")


asyncio.run(main())
