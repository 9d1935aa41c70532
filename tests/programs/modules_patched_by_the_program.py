# A program that patches modules: a faster asyncio.sleep for a test run, a hook for
# threads' failures, a constant of its own on a module, a function of math replaced.
import asyncio
import json
import math
import threading
import time

real_sleep = asyncio.sleep


async def quick_sleep(seconds, result=None):
    print(f"  (asked to sleep {seconds} s)")
    return await real_sleep(0, result)


async def slow_job(n):
    await asyncio.sleep(10)
    return n * n


async def main():
    asyncio.sleep = quick_sleep
    try:
        print(await asyncio.gather(slow_job(2), slow_job(3)))
    finally:
        asyncio.sleep = real_sleep
    print(asyncio.sleep is real_sleep)


asyncio.run(main())

seen = []
threading.excepthook = lambda args: seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
worker = threading.Thread(target=lambda: 1 / 0, name="divider")
worker.start()
worker.join()
print(seen)
threading.excepthook = threading.__excepthook__

json.DEFAULT_INDENT = 2
print(json.dumps({"a": [1, 2]}, indent=json.DEFAULT_INDENT))
real_floor = math.floor
math.floor = lambda x: "patched"
print(math.floor(2.5), math.ceil(2.5))
# (Put back, as a test that patches a module does when it is over.)
math.floor = real_floor
del json.DEFAULT_INDENT
time.sleep(0.01)
print("done")
