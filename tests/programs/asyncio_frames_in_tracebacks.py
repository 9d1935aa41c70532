# Where asyncio's own code stands in a traceback: the lines of CPython's library an
# exception passes (sleep, wait_for, timeout, TaskGroup, locks, queues, asyncio.run).
import asyncio
import traceback


def report(title):
    print(f"--- {title}")
    print(traceback.format_exc(), end="")


async def nap(seconds):
    await asyncio.sleep(seconds)


async def group_cancelled_in_its_body():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(nap(5))
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        report("a group's body cancelled")
        raise


async def group_cancelled_while_it_waits():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(nap(5))
    except asyncio.CancelledError:
        report("a group cancelled as it waits for its tasks")
        raise


async def waits():
    queue = asyncio.Queue()
    try:
        await asyncio.wait_for(queue.get(), 0.1)
    except TimeoutError:
        report("a queue's get timed out")
    lock = asyncio.Lock()
    await lock.acquire()

    async def contender():
        try:
            async with lock:
                pass
        except asyncio.CancelledError:
            report("waiting for a lock")

    task = asyncio.create_task(contender())
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.sleep(0)
    lock.release()
    condition = asyncio.Condition()
    try:
        await condition.wait()
    except RuntimeError:
        report("a condition not acquired")
    async with condition:
        try:
            await asyncio.wait_for(condition.wait_for(lambda: False), 0.1)
        except TimeoutError:
            report("a condition's predicate never true")
    jobs = asyncio.Queue()
    jobs.put_nowait("job")
    try:
        await asyncio.wait_for(jobs.join(), 0.1)
    except TimeoutError:
        report("a queue never joined")
    for wrong in (lock.release, asyncio.BoundedSemaphore(1).release, asyncio.Queue().get_nowait):
        try:
            wrong()
        except Exception:
            report(f"{type(wrong.__self__).__name__}.{wrong.__name__}")
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(0)
            await asyncio.sleep(1)
    except TimeoutError:
        report("a timeout")
    try:
        await asyncio.sleep("soon")
    except TypeError:
        report("a delay that is no number")


async def main():
    for body in (group_cancelled_in_its_body, group_cancelled_while_it_waits, waits):
        task = asyncio.create_task(body())
        await asyncio.sleep(0.1 if body is not waits else 2)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("cancelled:", body.__name__)
    await asyncio.wait_for(nap(1), timeout=0.25)


asyncio.run(main())
