# Tasks that wait for random times finish in the order of their waits.
import asyncio
from random import seed, random as rand, choice


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} after {delay:.3f}")
    return name, round(delay, 3)


async def main():
    seed(5)
    names = [choice(["alpha", "beta", "gamma"]) + str(i) for i in range(6)]
    results = await asyncio.gather(*(fetch(n, rand() / 2) for n in names))
    print(results)
    first = await asyncio.wait_for(fetch("quick", 0.01 + rand() / 100), timeout=1)
    print(first)

asyncio.run(main())
