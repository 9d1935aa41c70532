# loop.stop() before main is done: the loop stops once its iteration is over and
# run_until_complete raises; asyncio.run then cancels what is left, as a signal handler
# that stops the loop does in the docs' example.
import asyncio
import functools


async def other(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("other", n, "cancelled")
        raise


def ask_exit(signame, loop):
    print(f"got signal {signame}: exit")
    loop.stop()


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(other(1))
    loop.call_later(0.1, functools.partial(ask_exit, "SIGTERM", loop))
    loop.call_later(0.1, print, "a callback of the same iteration runs")
    loop.call_later(0.3, print, "never printed")
    started = loop.time()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("main cancelled after", round(loop.time() - started, 2))
        raise


asyncio.run(main())
