# Counters compared and negated, durations divided with remainders, sorted streams
# merged: the small arithmetic of schedules and tallies.
import heapq
from collections import Counter
from datetime import timedelta

stock = Counter(apples=3, pears=0, plums=-2)
wanted = Counter(apples=2)
print(+stock, -stock, stock.total())
print(wanted <= stock, wanted < stock, stock >= wanted, Counter(a=1) == Counter(a=1, b=0))
print(Counter(a=1) == {"a": 1}, Counter(a=2) != Counter(a=2), Counter(a=1) > Counter())

shift = timedelta(hours=7, minutes=45)
slot = timedelta(minutes=50)
print(shift % slot, divmod(shift, slot), shift // slot, shift / slot)
print(divmod(7, 2), divmod(-7.5, 2))

morning = [("08:00", "stand-up"), ("09:30", "review")]
afternoon = [("13:00", "pairing"), ("16:15", "retro")]
late = [("08:45", "coffee"), ("17:00", "home")]
for when, what in heapq.merge(morning, afternoon, late):
    print(when, what)
print(list(heapq.merge([9, 4, 1], [8, 5], reverse=True)))
print(list(heapq.merge(["kiwi", "fig"], ["banana", "apple"], key=len, reverse=True)))

import math

print(math.isqrt(1000), math.lcm(4, 6, 10), math.fmod(-7, 3), math.modf(-3.25), round(math.tanh(0.5), 12))
print(math.sinh(1), math.acosh(2), math.exp2(10), math.log1p(1e-10))
seen = {"a", "b", "c", "d"}
seen.difference_update({"a"}, ["b"])
seen.intersection_update("cdx")
seen.symmetric_difference_update(["d", "z"])
print(sorted(seen), "Hello World".istitle(), "Hello world".istitle())
print((0.375).as_integer_ratio(), (255).bit_count(), (7).numerator, (7).denominator, (2.5).real, (2.5).imag)

import statistics
from datetime import date, datetime, time
from typing import NamedTuple

print(statistics.harmonic_mean([2, 4, 8]), statistics.harmonic_mean([2, 0]))
for day in (date(2024, 1, 1), date(2021, 1, 3), date(2020, 12, 31), date(2026, 12, 5)):
    iso = day.isocalendar()
    print(day, iso, iso.week, iso[0], tuple(iso))
print(time.min, time.max, datetime.min, date.max, date.resolution)
Slot = NamedTuple("Slot", [("start", str), ("minutes", int)])
print(Slot("09:00", 30), Slot._fields, Slot("10:00", 15).minutes)
