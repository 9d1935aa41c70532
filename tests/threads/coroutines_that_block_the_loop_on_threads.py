# A coroutine that waits for a thread the way plain code does (a future's result(),
# as_completed, wait, map, Thread.join, a queue's get, an event's wait, an executor's
# shutdown) blocks the event loop until the thread is done: the threads run, the
# loop's own tasks wait, and the loop's clock shows how long it was blocked. A thread
# started from a coroutine runs until it first blocks before the coroutine goes on.
import asyncio
import concurrent.futures
import queue
import sys
import threading
import time



def log(message):
    # (One write: print writes the line and its newline apart, and another thread
    # can write between the two.)
    sys.stdout.write(f"{threading.current_thread().name:24} {message}\n")


def slow_square(n):
    log(f"squaring {n}")
    time.sleep(0.1 * n)
    log(f"squared {n}")
    return n * n


async def heartbeat():
    for beat in range(4):
        log(f"beat {beat}")
        await asyncio.sleep(0.25)


async def main():
    loop = asyncio.get_running_loop()
    beats = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    start = loop.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="squarer") as pool:
        futures = [pool.submit(slow_square, n) for n in (3, 1, 2)]
        log("submitted, now blocking")
        log(f"first result {futures[1].result()} at {loop.time() - start:.1f}")
        log(f"as completed: {[f.result() for f in concurrent.futures.as_completed(futures)]}")
        done, pending = concurrent.futures.wait(futures)
        log(f"waited: {len(done)} done, {len(pending)} pending; mapped {list(pool.map(slow_square, [4, 5]))}")
        late = pool.submit(pow, 6, 2)
    log(f"pool shut down at {loop.time() - start:.1f}, late = {late.result()}")

    inbox = queue.Queue()
    ready = threading.Event()

    def producer():
        for item in ("a", "b"):
            time.sleep(0.15)
            inbox.put(item)
        ready.set()

    worker = threading.Thread(target=producer, name="producer")
    worker.start()
    log(f"got {inbox.get()} and {inbox.get(timeout=1)}")
    log(f"event set: {ready.wait(timeout=1)}")
    worker.join()
    try:
        inbox.get(timeout=0.25)
    except queue.Empty:
        log(f"queue empty at {loop.time() - start:.1f}")

    trace = []
    starter = threading.Thread(target=lambda: (trace.append("thread ran"), time.sleep(0.1)))
    starter.start()
    trace.append("start returned")
    starter.join()
    log(trace)

    # A thread runs a loop of its own while this one is blocked joining it.
    async def inner(n):
        await asyncio.sleep(0.1)
        helper = asyncio.create_task(asyncio.sleep(0.05, "helper"))
        return [n * 2, await helper]

    answers = []
    looper = threading.Thread(target=lambda: answers.append(asyncio.run(inner(21))))
    looper.start()
    looper.join()
    log(f"the thread's loop gave {answers}")
    await beats


asyncio.run(main())
