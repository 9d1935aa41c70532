# A thread that computes (no sleep, no I/O) still lets the event loop run: CPython's
# GIL passes from it to the loop's thread every 5 ms, so a task ready to run prints
# (and yields, and prints again) while the thread works, and the coroutine waiting for the thread goes on when it is
# done. (Called directly, the same work blocks the loop: nothing prints meanwhile.)
import asyncio
import sys
import threading


def log(message):
    sys.stdout.write(f"{threading.current_thread().name:12} {message}\n")


def count_up(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total


async def ticker(label):
    for beat in range(3):
        log(f"{label} tick {beat}")
        await asyncio.sleep(0)


async def main():
    ticks = asyncio.create_task(ticker("threaded"))
    log(f"computed {await asyncio.to_thread(count_up, 400_000)} on a thread")
    await ticks
    blocked = asyncio.create_task(ticker("blocked"))
    log(f"computed {count_up(400_000)} in the coroutine, before the task's first tick")
    await blocked


asyncio.run(main())
