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
