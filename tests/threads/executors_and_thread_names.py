# Executors of the program's own and the threads' names, with delays far enough apart
# that real threads print in one order: a pool of two takes the third job when its first
# thread is free; locks and events between the threads; logging names the thread.
import asyncio
import concurrent.futures
import logging
import sys
import threading
import time

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(name)s: %(message)s", stream=sys.stdout)
shared = threading.Lock()
ready = threading.Event()
seen = []


def job(n, seconds):
    logging.getLogger(f"job{n}").info("starting")
    time.sleep(seconds)
    with shared:
        seen.append(n)
    return f"job{n} on {threading.current_thread().name}"


def waits_for_signal():
    got = ready.wait(2.0)
    return f"signal {got} on {threading.current_thread().name}"


async def main():
    loop = asyncio.get_running_loop()
    print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
    # (Only a Thread without a name of its own takes a number.)
    print(threading.Thread(name="given").name, threading.Thread().name, threading.Thread(target=job).name)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [loop.run_in_executor(pool, job, n, s) for n, s in [(1, 0.3), (2, 0.1), (3, 0.1)]]
        print(await asyncio.gather(*futures))
    print(seen)
    with concurrent.futures.ThreadPoolExecutor(thread_name_prefix="named") as pool:
        submitted = pool.submit(job, 4, 0.1)
        print(await asyncio.wrap_future(submitted), submitted.done(), submitted.result())
    waiting = asyncio.create_task(asyncio.to_thread(waits_for_signal))
    await asyncio.sleep(0.2)
    ready.set()
    print(await waiting)
    # (A moment for the thread to be idle again: a real one marks itself idle only
    # after its result is set, and a job handed over at once may start a new thread.)
    await asyncio.sleep(0.05)
    print(await loop.run_in_executor(None, job, 5, 0.1))


asyncio.run(main())
