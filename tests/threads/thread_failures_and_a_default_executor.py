# What a thread's failure looks like where it is waited for (to_thread, run_in_executor,
# an executor's future), with a default executor the program gives its loop.
import asyncio
import concurrent.futures
import sys
import threading
import time
import traceback


def ratio(total, parts):
    time.sleep(0.1)
    return total / parts


def named():
    return threading.current_thread().name


async def main():
    loop = asyncio.get_running_loop()
    for label, wait in (
        ("to_thread", lambda: asyncio.to_thread(ratio, 10, 0)),
        ("run_in_executor", lambda: loop.run_in_executor(None, ratio, 10, 0)),
    ):
        try:
            await wait()
        except ZeroDivisionError:
            print(f"--- {label}")
            traceback.print_exc(file=sys.stdout)
    loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="mine"))
    print(await loop.run_in_executor(None, named), await asyncio.to_thread(named))
    try:
        loop.set_default_executor(object())
    except TypeError as e:
        print("refused:", e)


asyncio.run(main())
with concurrent.futures.ThreadPoolExecutor(thread_name_prefix="pool") as pool:
    future = pool.submit(ratio, 1, 0)
    try:
        future.result()
    except ZeroDivisionError:
        print("--- an executor's future")
        traceback.print_exc(file=sys.stdout)
