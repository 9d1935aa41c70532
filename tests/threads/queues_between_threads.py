# queue.Queue between threads, as thread-pool tutorials use it: a producer thread and
# a consumer thread hand items through a bounded queue, the main coroutine awaits
# both, then join() waits for every task_done().
import asyncio
import queue
import threading
import time

jobs = queue.Queue(maxsize=2)
done = []


def producer(count):
    for i in range(count):
        jobs.put(f"job-{i}")
        print(f"{threading.current_thread().name} put job-{i} (size {jobs.qsize()})")
        time.sleep(0.05)
    jobs.put(None)


def consumer():
    while True:
        item = jobs.get()
        if item is None:
            jobs.task_done()
            return len(done)
        time.sleep(0.12)
        done.append(item)
        print(f"handled {item}")
        jobs.task_done()


async def main():
    handled, _ = await asyncio.gather(asyncio.to_thread(consumer), asyncio.to_thread(producer, 4))
    await asyncio.to_thread(jobs.join)
    print("handled", handled, done, jobs.empty(), jobs.unfinished_tasks)
    try:
        jobs.get(timeout=0.1)
    except queue.Empty:
        print("empty after 0.1 s")


asyncio.run(main())
