# str.format as reports write it (nested widths, attributes and items, objects that
# format themselves), numbers in other bases, sets compared, ranges sliced, and
# asyncio's functions called with keyword arguments.
import asyncio
from datetime import datetime, timedelta


class Money:
    def __init__(self, cents):
        self.cents = cents
        self.parts = {"euros": cents // 100, "cents": [cents % 100]}

    def __format__(self, spec):
        text = f"{self.cents / 100:.2f} EUR"
        return format(text, spec) if spec else text


class Worker:
    def __init__(self, name, done):
        self.name, self.done = name, done


def report(workers, width):
    print("{:<{w}}|{:>6}".format("worker", "done", w=width))
    for w in workers:
        print("{0.name:<{1}}|{0.done:>6}".format(w, width))
    print("{:-^{}}".format(" end ", width + 7))


async def waiter(cond, name, results):
    async with cond:
        await cond.wait()
        results.append(name)


async def main():
    start = datetime(2024, 5, 17, 9, 5, 30)
    print("{:%H:%M:%S} then {:%Y-%m-%d}".format(start, start + timedelta(days=1)))
    pay = Money(123456)
    print("[{}] [{:>16}] [{:*^18}] {!r:.8}".format(pay, pay, pay, "truncated"))
    print("{p.parts[euros]} euros and {p.parts[cents][0]} cents".format(p=pay))
    report([Worker("alpha", 3), Worker("beta", 12)], 8)
    print("{0:{fill}>{width}.{prec}f}".format(3.14159, fill="0", width=9, prec=3))
    print(hex(255), bin(10), oct(64), hex(-42), (1023).bit_length(), (4.0).is_integer())
    seen, wanted = {"a", "b"}, {"a", "b", "c"}
    print(seen <= wanted, seen < wanted, wanted >= seen, seen > wanted, seen.issubset(wanted))
    print(wanted.issuperset("ab"), seen.isdisjoint({"z"}), sorted(seen.symmetric_difference({"b", "d"})))
    r = range(0, 100, 5)
    print(r[2:6], r[::-4], r[-3:], list(r[1:4]), len(range(10**9)[::3]))
    print(hash(2.0) == hash(2), hash(-1), {1: "int"}[1.0])
    stock = {"apples": 3, "pears": 0}
    names, counts, pairs = stock.keys(), stock.values(), stock.items()
    print(names, counts, pairs, len(names))
    stock["plums"] = 7
    print(names, sum(counts), ("plums", 7) in pairs, "pears" in names, 0 in counts, bool({}.items()))
    print(names & {"plums", "figs"}, sorted(names - {"pears"}), names == {"apples", "pears", "plums"})
    print(max(stock.items(), key=lambda kv: kv[1]), dict(pairs) == stock, list(zip(names, counts)))

    got = await asyncio.sleep(delay=0.1, result="slept by keyword")
    print(got, await asyncio.wait_for(fut=asyncio.sleep(0.05, "in time"), timeout=1))
    cond = asyncio.Condition()
    results = []
    tasks = [asyncio.create_task(coro=waiter(cond, n, results)) for n in "xyz"]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(n=2)
    await asyncio.sleep(0.1)
    print("after notify(n=2):", results)
    async with cond:
        cond.notify_all()
    done, pending = await asyncio.wait(fs=tasks, timeout=1)
    print(results, len(done), len(pending))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(delay=0.2, callback=fut.set_result)
    try:
        fut.set_result(result=1)
    except TypeError as e:
        print(e)
    print(await asyncio.shield(arg=asyncio.sleep(0.01, "shielded")))


asyncio.run(main())
