# A coroutine's state as a task holds it, a never-awaited coroutine's warning caught by
# catch_warnings, and OrderedDict.fromkeys.
import asyncio
import inspect
import warnings
from collections import OrderedDict


async def nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    coro = nap(0.1)
    print(inspect.getcoroutinestate(coro), coro.cr_running)
    task = asyncio.create_task(coro)
    await asyncio.sleep(0)
    print(inspect.getcoroutinestate(coro), coro.cr_running, coro.cr_suspended)
    here = asyncio.current_task().get_coro()
    print(inspect.getcoroutinestate(here), here.cr_running)
    print(await task, inspect.getcoroutinestate(coro))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nap(1)
    print(len(caught), [str(w.message) for w in caught], caught[0].category.__name__ if caught else None)


asyncio.run(main())
print(OrderedDict.fromkeys("cab", 0), OrderedDict.fromkeys([3, 1]))
