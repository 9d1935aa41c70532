# datetime's dates, times and timedeltas in a scheduler of tasks (deadlines from a fixed
# start, durations, formatting), and the unary and format special methods of a class.
import asyncio
from datetime import date, datetime, time, timedelta

START = datetime(2024, 12, 30, 22, 15)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __neg__(self):
        return Money(-self.cents)

    def __abs__(self):
        return Money(abs(self.cents))

    def __format__(self, spec):
        text = f"{self.cents / 100:.2f}"
        return f"${text:>{spec}}" if spec else f"${text}"

    def __repr__(self):
        return f"Money({self.cents})"


async def job(name, minutes, log):
    await asyncio.sleep(minutes / 60)
    finished = START + timedelta(minutes=minutes)
    log.append((finished, name))
    print(f"{name:>8} done at {finished:%H:%M} on {finished:%A %d %B %Y}", finished.isoformat())


async def main():
    log = []
    await asyncio.gather(job("backup", 90, log), job("report", 30, log), job("cleanup", 150, log))
    first, last = min(log)[0], max(log)[0]
    span = last - first
    print(span, repr(span), span.total_seconds(), span // timedelta(minutes=30), span > timedelta(hours=1))
    print(last.date(), last.time(), last.weekday(), last.strftime("%j %y %p %I"), last.date() - date(2024, 12, 25))
    print(datetime.fromisoformat("2025-01-01T00:00:00") - last, date(2024, 2, 28) + timedelta(days=1))
    print(repr(time(8, 30)), time(8, 30) < time(9), sorted(log)[0][1], {last.date(): "new year"})
    for bad in (lambda: date(2025, 2, 29), lambda: time(24), lambda: datetime(2025, 0, 1)):
        try:
            bad()
        except ValueError as e:
            print("ValueError:", e)
    price = Money(1999)
    print(-price, abs(-price), f"{price}", f"{price:10}", format(price, "6"), -(-price))


asyncio.run(main())
