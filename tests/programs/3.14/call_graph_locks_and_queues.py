# Python 3.14's call graph of tasks waiting in asyncio's own coroutines: a queue,
# an event, a lock, a semaphore, a condition, a timeout, and a future noted by hand.
import asyncio


async def consumer(q):
    return await q.get()


async def producer(q):
    await q.put(1)
    await q.put(2)


async def joiner(q):
    await q.join()


async def locked(lock):
    async with lock:
        return "locked"


async def acquire(sem):
    await sem.acquire()


async def notified(cond):
    async with cond:
        await cond.wait()


async def predicate(cond):
    async with cond:
        await cond.wait_for(lambda: False)


async def bounded(event):
    await asyncio.wait_for(event.wait(), 5)


async def main():
    q = asyncio.Queue(maxsize=1)
    event = asyncio.Event()
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(0)
    cond = asyncio.Condition()
    await lock.acquire()
    tasks = [
        asyncio.create_task(consumer(asyncio.Queue()), name="consumer"),
        asyncio.create_task(producer(q), name="producer"),
        asyncio.create_task(joiner(q), name="joiner"),
        asyncio.create_task(event.wait(), name="bare event"),
        asyncio.create_task(locked(lock), name="locked"),
        asyncio.create_task(acquire(sem), name="semaphore"),
        asyncio.create_task(notified(cond), name="notified"),
        asyncio.create_task(predicate(cond), name="predicate"),
        asyncio.create_task(bounded(event), name="bounded"),
        asyncio.create_task(asyncio.sleep(1), name="sleeper"),
    ]
    await asyncio.sleep(0.01)
    for task in tasks:
        print(asyncio.format_call_graph(task))
    manual = asyncio.get_running_loop().create_future()
    me = asyncio.current_task()
    asyncio.future_add_to_awaited_by(manual, me)
    asyncio.future_add_to_awaited_by(manual, "not a future")
    print(asyncio.format_call_graph(manual))
    asyncio.future_discard_from_awaited_by(manual, me)
    print(asyncio.format_call_graph(manual))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


asyncio.run(main())
