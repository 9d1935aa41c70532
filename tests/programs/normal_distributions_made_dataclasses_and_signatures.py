# Latencies modelled as a normal distribution, records made by make_dataclass, and the
# signatures of asyncio's functions read by inspect: a service-level report.
import asyncio
import inspect
import math
import statistics
from dataclasses import asdict, fields, make_dataclass, field

samples = [12.5, 13.1, 12.1, 12.4, 12.7, 13.5, 11.9, 12.8]
model = statistics.NormalDist.from_samples(samples)
print(model)
print(f"{model.mean:.3f} {model.stdev:.3f} {model.variance:.4f}")
print([round(q, 3) for q in model.quantiles()], round(model.inv_cdf(0.99), 3))
print(f"{model.cdf(13.0):.5f} {model.pdf(12.5):.5f} {model.zscore(14):.3f}")
slow = statistics.NormalDist(15, 2)
print(f"overlap {model.overlap(slow):.5f}", model + slow, model * 2, 2 * model - 1)
print(model == statistics.NormalDist(model.mean, model.stdev), hash(model) == hash(+model))
print([round(x, 6) for x in statistics.NormalDist(10, 2).samples(3, seed=7)])
print(f"{math.erf(0.5):.12f} {math.erfc(1.5):.12f} {math.erf(-2.0)}")
try:
    statistics.NormalDist(1, -1)
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
try:
    model.inv_cdf(1.0)
except statistics.StatisticsError as e:
    print("StatisticsError:", e)

Probe = make_dataclass("Probe", ["name", ("latency", float), ("tags", list, field(default_factory=list))],
                       order=True)
Summary = make_dataclass("Summary", [("count", int, 0)], frozen=True, namespace={"double": lambda self: self.count * 2})
probes = [Probe("b", 12.4), Probe("a", 13.1, ["slow"])]
print(sorted(probes), [f.name for f in fields(Probe)], asdict(probes[1]))
print(Summary(3), Summary(3).double(), Probe.__dataclass_params__.order, Summary.__dataclass_params__.frozen)
print(Probe.__dataclass_params__)
for bad in [["x", "x"], ["class"], [("a", int, 1, 2)]]:
    try:
        make_dataclass("Bad", bad)
    except TypeError as e:
        print("TypeError:", e)


async def probe(name, delay):
    await asyncio.sleep(delay)
    return name


for function in (asyncio.sleep, asyncio.gather, asyncio.wait_for, asyncio.create_task, asyncio.to_thread, probe, print):
    print(function.__name__, inspect.signature(function))
print(bool(probe.__code__.co_flags & inspect.CO_COROUTINE), inspect.CO_GENERATOR, inspect.CO_ASYNC_GENERATOR)
print(inspect.signature(asyncio.sleep).bind(0.5).arguments)


async def main():
    print(await asyncio.gather(probe("x", 0.02), probe("y", 0.01)))


asyncio.run(main())
