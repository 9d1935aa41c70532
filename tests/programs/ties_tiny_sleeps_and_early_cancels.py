# Floats whose two shortest spellings are equally near, a sleep too short to move the
# clock, a task cancelled before its first step, os.path reached through os, and
# arguments whose repr prints when a generator or coroutine is made of them.
import asyncio
import collections
import os


class Loud:
    def __repr__(self):
        print("repr of Loud asked")
        return "Loud()"


def numbers(source):
    yield from range(2)


async def job(item):
    await asyncio.sleep(0.01)
    return item


async def refill(rate):
    loop = asyncio.get_running_loop()
    tokens, last = 0.0, loop.time()
    start = last
    taken = 0
    while taken < 3:
        while tokens < 1:
            await asyncio.sleep((1 - tokens) / rate)
            now = loop.time()
            tokens += (now - last) * rate
            last = now
        tokens -= 1
        taken += 1
    return round(loop.time() - start, 3)


async def main():
    for x in [1000000000000000.25, 2.5e-300 * 3, 0.1 + 0.7, 1e16 / 3, 123456789012345.675]:
        print(repr(x), str(-x), f"{x!r}")
    print(list(numbers(Loud())), list(numbers([Loud(), 1])))
    print(await job(Loud()))
    early = asyncio.create_task(job(1))
    early.cancel("before it ran")
    try:
        await early
    except asyncio.CancelledError as e:
        print("cancelled:", e.args)
    print(await refill(30.0))
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.06)
    before = loop.time()
    await asyncio.sleep(2.2e-18)
    print("the clock moved:", loop.time() > before)
    print(os.path.join("data", "x.txt"), os.path.splitext("a.tar.gz"))
    print(isinstance(collections.abc, type(os)))


asyncio.run(main())
