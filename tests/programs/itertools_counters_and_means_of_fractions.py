# itertools.count and repeat as objects with their reprs (what is left of a repeat, a
# count's next value), groupby's groups as _grouper objects, and statistics.mean of
# fractions and decimals, exact.
import itertools
from fractions import Fraction
from decimal import Decimal
c = itertools.count(5)
print(c, next(c), c, itertools.count(2.5, 0.5), itertools.count(Fraction(1, 3)), itertools.count(1, 1.0), itertools.count(Decimal("0.1"), Decimal("0.2")))
r = itertools.repeat("x", 2)
print(r, next(r), r, list(r), r, itertools.repeat(None), list(itertools.repeat(1, -3)), list(zip(itertools.count(), "ab")))
print(list(map(pow, range(4), itertools.repeat(2))), type(c).__name__, type(r).__name__, list(itertools.islice(itertools.count(10, -2), 4)))
print([(k, type(g).__name__, list(g)) for k, g in itertools.groupby("AABBBC")])
print(list(itertools.takewhile(lambda x: x < 3, itertools.count())), sum(1 for _ in itertools.repeat(0, 5)))
try:
    itertools.count("a")
except TypeError as e:
    print(e)
import statistics
from fractions import Fraction
from decimal import Decimal
print(statistics.mean([Fraction(1, 3), Fraction(2, 3)]), statistics.mean([Fraction(1, 3), 1]), statistics.mean([Decimal("0.5"), Decimal("0.75"), 1]), statistics.mean([Decimal(1), Decimal(3)]), statistics.mean([Decimal("1"), Decimal("2")]))
print(repr(statistics.mean([Fraction(3, 4)])), repr(statistics.mean([Decimal("1.10"), Decimal("2.20")])))
