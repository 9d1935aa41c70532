# asyncio.run called more than once (a slow version of main, then a fast one), a Runner,
# a Barrier, tasks and futures printed as CPython prints them, and cancel(msg) on a
# task that is only a sleep.
import asyncio
import time


async def fetch(n):
    await asyncio.sleep(n / 10)
    return n * 10


async def one_by_one():
    results = [await fetch(n) for n in (1, 2, 3)]
    print("one by one:", results, round(asyncio.get_running_loop().time(), 1))


async def all_at_once():
    tasks = [asyncio.create_task(fetch(n)) for n in (1, 2, 3)]
    print(tasks[0])
    await asyncio.sleep(0)
    print(tasks[2])
    print("all at once:", await asyncio.gather(*tasks))
    print(tasks[1])


async def broken():
    async def fails():
        await asyncio.sleep(0.1)
        raise KeyError("missing")

    task = asyncio.create_task(fails(), name="fails")
    await asyncio.sleep(0.2)
    print(task)
    task.exception()
    sleeper = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    sleeper.cancel("no more sleep")
    try:
        await sleeper
    except asyncio.CancelledError as e:
        print("CancelledError:", e.args, sleeper.cancelled())
    future = asyncio.get_running_loop().create_future()
    print(future)
    future.set_result([1, 2])
    print(future)


async def meeting(barrier, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives, waiting:", barrier.n_waiting)
    turn = await barrier.wait()
    print(name, "goes on", turn >= 0)


async def barriers():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(meeting(barrier, n, d) for n, d in [("ann", 0.3), ("bob", 0.1), ("cy", 0.2)]))
    print(barrier.parties, barrier.broken)
    await barrier.abort()
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError:
        print("BrokenBarrierError")


start = time.perf_counter()
asyncio.run(one_by_one())
asyncio.run(all_at_once())
asyncio.run(broken())
print(asyncio.run(asyncio.sleep(0.1, "slept")))
with asyncio.Runner() as runner:
    runner.run(barriers())
    print(runner.run(fetch(4)))


async def completions():
    # as_completed iterated: each awaitable gives the next result to come.
    for next_done in asyncio.as_completed([fetch(3), fetch(1), fetch(2)]):
        print("next result:", await next_done)


asyncio.run(completions())
