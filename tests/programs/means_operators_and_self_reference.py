# Averages of measured floats, rounded once as CPython's exact fractions round them;
# operator's in-place functions folded over results; containers that hold themselves;
# gathered tasks cancelled with a message; an empty dict's popitem.
import asyncio
import operator
import random
import statistics
from functools import reduce


async def measure(name, samples):
    await asyncio.sleep(0.1)
    return name, statistics.mean(samples)


async def slow():
    await asyncio.sleep(5)


async def main():
    random.seed(11)
    batches = {f"b{i}": [round(random.uniform(0, 50), 2) for _ in range(i + 3)] for i in range(6)}
    results = await asyncio.gather(*(measure(n, s) for n, s in batches.items()))
    for name, value in results:
        print(name, value)
    print(statistics.mean([0.1, 0.2, 0.3]), statistics.mean([1, 2.5, 4]), statistics.mean([3, 4]))
    print(reduce(operator.isub, [100, 1, 2, 3]), reduce(operator.ipow, [2, 3, 2]), operator.iconcat([1], (2,)))
    print(operator.imod(17, 5), operator.ifloordiv(17, 5), operator.ior({1}, {3}), operator.call(max, 3, 9))
    log = ["start"]
    log.append(log)
    table = {"name": "t"}
    table["self"] = table
    print(log, table, [log, log])
    tasks = [asyncio.create_task(slow()) for _ in range(2)]
    await asyncio.sleep(0)
    tasks[0].cancel("stop now")
    tasks[1].cancel()
    print(await asyncio.gather(*tasks, return_exceptions=True))
    try:
        {}.popitem()
    except KeyError as e:
        print(str(e), repr(e))


asyncio.run(main())
