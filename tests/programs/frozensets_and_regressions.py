# Frozen sets as keys and members, their operators and methods; slice objects; the statistics of
# two series (covariance, correlation, a fitted line) and a grouped median; the
# asyncio.Timeout class a timeout is.
import asyncio
import statistics

seen = {frozenset({"ada", "bob"}): "pair", frozenset(): "nobody"}
team = frozenset(["bob", "ada"])
print(seen[team], seen[frozenset()], team == {"ada", "bob"}, {"ada", "bob"} == team, len({team, frozenset(team)}))
ids = frozenset([5, 1, 3])
print(ids, frozenset(), type(ids).__name__, isinstance(ids, frozenset), isinstance(ids, set), 3 in ids)
print(ids | {9}, {9} | ids, ids & {1, 5, 7}, ids - {1}, ids ^ frozenset({1, 2}), ids <= frozenset(range(6)))
print(ids.union([2]), ids.intersection({3, 5}), ids.isdisjoint({8}), sorted(ids), frozenset(ids) is ids)
grown = ids
grown |= {0}
print(ids, grown)
try:
    ids.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print([n for n in dir(ids) if not n.startswith("_")])

hours = [1, 2, 3, 4, 5, 6]
scores = [52, 55, 61, 64, 70, 71]
print(statistics.covariance(hours, scores), round(statistics.correlation(hours, scores), 6))
fit = statistics.linear_regression(hours, scores)
print(fit, round(fit.slope, 6), statistics.linear_regression([1, 2, 3], [2, 4, 6], proportional=True))
print(statistics.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5]), statistics.median_grouped([52, 52, 53, 54], interval=2))
try:
    statistics.correlation([1, 1, 1], [1, 2, 3])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)


async def main():
    async with asyncio.timeout(1) as cm:
        print(isinstance(cm, asyncio.Timeout), type(cm) is asyncio.Timeout)


asyncio.run(main())

window = slice(1, 5, 2)
readings = list(range(10))
print(window, slice(3), slice(None, None, -1), type(window).__name__, isinstance(window, slice), isinstance(window, tuple))
print(readings[window], "abcdef"[slice(None, None, -1)], window.start, window.stop, window.step, window.indices(4))
print(slice(None, None, -1).indices(5), window == slice(1, 5, 2), [row[slice(0, 2)] for row in [("ada", 36, "x")]])
