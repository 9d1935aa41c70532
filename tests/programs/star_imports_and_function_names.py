# A learner's program that imports everything, as some tutorials do: asyncio's names,
# math's and decimal's straight into the program, with functions named and shown.
from asyncio import *
from math import *
from decimal import *
import random
import heapq

print(sqrt(2), pi, floor(2.7), gcd(12, 18), inf > 10**100, isclose(0.1 + 0.2, 0.3))
print(Decimal("0.1") + Decimal("0.2"), getcontext().prec, ROUND_HALF_UP)
print(sleep.__name__, gather.__name__, Queue.__name__, random.randint.__name__, sqrt.__name__)
print(sqrt, heapq.heappush, random.Random)
print(type(random.choice).__name__, callable(random.shuffle))


async def area(radius, delay):
    await sleep(delay)
    return (Decimal(radius) ** 2 * Decimal(pi)).quantize(Decimal("0.01"))


async def main():
    queue = Queue()
    for r in [1, 2, 3]:
        queue.put_nowait(r)
    results = await gather(*(area(queue.get_nowait(), 0.1 * r) for r in range(3)))
    print(results)
    try:
        await wait_for(sleep(1), timeout=0.05)
    except TimeoutError:
        print("timed out", current_task().get_name())
    lock = Lock()
    async with lock:
        print("locked:", lock.locked())


run(main())
