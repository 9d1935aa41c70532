# The helpers learners' programs import beside asyncio: json for fake API replies,
# abstract base classes for workers, operator's getters for sorting results, copy for
# snapshots, textwrap and statistics for reports, warnings, and uuid's objects.
import abc
import asyncio
import copy
import json
import operator
import statistics
import textwrap
import uuid
import warnings
from abc import ABC, abstractmethod
from operator import attrgetter, itemgetter


class Worker(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    async def handle(self, payload):
        ...

    @abstractmethod
    def describe(self):
        ...


class Half(Worker):
    async def handle(self, payload):
        await asyncio.sleep(0.1)
        return {"worker": self.name, "value": payload["n"] / 2}


class Doubler(Half):
    async def handle(self, payload):
        await asyncio.sleep(0.05 * payload["n"])
        return {"worker": self.name, "value": payload["n"] * 2, "tags": ["x", "é"]}

    def describe(self):
        return f"Doubler({self.name})"


async def fake_api(n):
    await asyncio.sleep(0.01 * n)
    return json.dumps({"n": n, "ok": n % 3 != 0, "items": list(range(n)), "note": None})


async def main():
    for cls in (Worker, Half):
        try:
            cls("w")
        except TypeError as e:
            print(e)
    worker = Doubler("d1")
    print(worker.describe(), isinstance(worker, Worker), issubclass(Doubler, abc.ABC))
    replies = await asyncio.gather(*(fake_api(n) for n in (4, 2, 3)))
    print(replies)
    payloads = [json.loads(r) for r in replies]
    results = await asyncio.gather(*(worker.handle(p) for p in payloads if p["ok"]))
    print(json.dumps(results, indent=2, sort_keys=True))
    print(json.dumps(results[0], ensure_ascii=False, separators=(",", ":")))
    by_value = sorted(results, key=itemgetter("value"), reverse=True)
    print([r["value"] for r in by_value], itemgetter(0, 2)("abc"), attrgetter("name")(worker))
    print(sorted(payloads, key=operator.itemgetter("n"))[0], operator.add(2, 3), operator.mul("ab", 2))
    try:
        json.loads('{"n": 1,}')
    except json.JSONDecodeError as e:
        print("bad reply:", e)
    snapshot = copy.deepcopy(payloads)
    payloads[0]["items"].append(99)
    shallow = copy.copy(payloads)
    shallow.append({})
    print(snapshot[0]["items"], payloads[0]["items"], len(shallow), len(payloads), copy.copy(worker).name)
    times = [0.12, 0.3, 0.25, 0.41, 0.3, 0.18]
    print(statistics.mean(times), statistics.median(times), statistics.mode(times),
          round(statistics.stdev(times), 6), statistics.quantiles([1, 5, 2, 8, 4, 7], n=4))
    report = "Every task slept, woke and reported back in the order the loop chose; " * 2
    print(textwrap.fill(report, width=40, initial_indent="- ", subsequent_indent="  "))
    print(textwrap.shorten(report, 50), repr(textwrap.dedent("    a\n      b\n")))
    warnings.warn("results are simulated")
    warnings.warn("old call", DeprecationWarning)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("recorded", RuntimeWarning)
    print([(w.category.__name__, str(w.message)) for w in caught])
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
    print(ident, repr(ident), ident.hex, ident.version, uuid.uuid4().version, len(str(uuid.uuid4())))


asyncio.run(main())
import inspect
import pprint
import types

status = {"workers": [{"name": f"w{i}", "done": i % 2 == 0, "times": [0.1 * i, 0.2 * i]} for i in range(3)],
          "queue": {"size": 3, "max": 10}, "ids": tuple(range(25)), "note": "all good"}
pprint.pprint(status)
pprint.pprint(status, width=50, sort_dicts=False)
print(pprint.pformat(list(range(30)), compact=True, width=40))
ns = types.SimpleNamespace(host="localhost", port=8080)
ns.port += 1
print(ns, ns == types.SimpleNamespace(host="localhost", port=8081), isinstance(fake_api, types.FunctionType))
print(inspect.iscoroutinefunction(fake_api), inspect.iscoroutinefunction(print), inspect.isclass(Worker),
      inspect.isfunction(fake_api))
pending = fake_api(0)
print(inspect.isawaitable(pending), inspect.iscoroutine(pending), inspect.isawaitable(3))
pending.close()
