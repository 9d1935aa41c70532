# collections' containers and itertools' iterators in a program of tasks: a deque of
# recent events, counters, a defaultdict of lists, named tuples as records.
import asyncio
import itertools
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

Reading = namedtuple("Reading", "sensor value at")
recent = deque(maxlen=4)
by_sensor = defaultdict(list)
levels = Counter()


async def sensor(name, values):
    for value in values:
        await asyncio.sleep(0.1)
        reading = Reading(name, value, round(asyncio.get_running_loop().time(), 1))
        recent.append(reading)
        by_sensor[name].append(value)
        levels["high" if value > 5 else "low"] += 1


async def main():
    await asyncio.gather(sensor("a", [3, 7, 9]), sensor("b", [6, 1]))
    print(len(recent), recent[0], recent[-1].value)
    print(by_sensor, dict(by_sensor))
    print(levels, levels.most_common(1), levels["none"])
    best = max(recent, key=lambda r: r.value)
    print(best, best._asdict(), best._replace(value=0))
    print(sorted(Reading("z", 1, 0.0) for _ in range(1)), Reading._fields)
    name, value, at = best
    print(name, value, at, best == ("a", 9, 0.3))

    ids = itertools.count(1)
    colours = itertools.cycle(["red", "green"])
    jobs = [(next(ids), next(colours)) for _ in range(5)]
    print(jobs)
    print(list(itertools.islice(itertools.count(0, 0.5), 4)))
    print(list(itertools.chain("ab", [1, 2])), list(itertools.accumulate([1, 2, 3])))
    print(list(itertools.product("xy", repeat=2)))
    print(list(itertools.combinations(range(4), 3)), len(list(itertools.permutations("abc"))))
    for even, group in itertools.groupby([2, 4, 1, 3, 6], key=lambda n: n % 2 == 0):
        print(even, list(group))
    print(list(itertools.zip_longest([1, 2, 3], "ab")))

    queue = deque(["first", "second"])
    queue.appendleft("zeroth")
    queue.rotate(-1)
    print(queue, queue.popleft(), queue.pop(), queue)
    try:
        deque().pop()
    except IndexError as e:
        print("IndexError:", e)
    ordered = OrderedDict(one=1, two=2, three=3)
    ordered.move_to_end("one")
    print(ordered, ordered.popitem(last=False))
    words = Counter("the cat and the hat and the bat".split())
    print(words, words + Counter(the=1), words - Counter(the=2))
    try:
        Reading("a", 1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())

# islice reads no further than it gives: the iterator goes on from there.
stream = iter(range(12))
print(list(itertools.islice(stream, 3)), list(itertools.islice(stream, 1, 6, 2)), next(stream))
stream = iter("abcdefg")
print(list(itertools.islice(stream, 2, 2)), next(stream), [tuple(itertools.islice(stream, 2)) for _ in range(3)])
