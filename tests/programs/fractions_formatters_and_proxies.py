# Exact money with fractions split among tasks, a report written through a
# string.Formatter of our own, configuration behind a read-only mapping, statuses that
# are str enums saved as JSON, and the hashes that let floats, ints and fractions meet.
import asyncio
import enum
import json
import math
import string
import types
from fractions import Fraction


class Status(str, enum.Enum):
    PAID = "paid"
    DUE = "due"


class Report(string.Formatter):
    def format_field(self, value, spec):
        if isinstance(value, Fraction):
            value = float(value)
        return super().format_field(value, spec)

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return f"<{key}?>"
        return super().get_value(key, args, kwargs)


async def share(name, total, parts, delay):
    await asyncio.sleep(delay)
    each = Fraction(total) / parts
    print(f"{name}: {each} each ({each!r}), {float(each):.4f}")
    return each


async def main():
    shares = await asyncio.gather(share("rent", 1000, 3, 0.2), share("food", "250.50", 4, 0.1), share("fuel", 0.1, 7, 0.3))
    total = sum(shares)
    print(total, total.limit_denominator(1000), round(total, 2), math.floor(total), total > 420, total == Fraction(total))
    report = Report()
    print(report.format("{0:>10} | {total:.2f} | {who} | {1!r}", "shares", shares[0], total=total))
    print(list(report.parse("a{{b}} {c!s:>4}{}")))
    config = types.MappingProxyType({"retries": 3, "timeout": 1.5})
    try:
        config["retries"] = 5
    except TypeError as e:
        print(e)
    print(config["retries"], len(config), dict(config), config)
    bills = [{"who": "ann", "status": Status.PAID, "amount": str(shares[0])}, {"who": "bo", "status": Status.DUE}]
    saved = json.dumps(bills)
    print(saved, isinstance(Status.DUE, str), Status.DUE == "due", json.loads(saved)[1]["status"] == Status.DUE)


asyncio.run(main())

print(hash(0.5) == hash(Fraction(1, 2)), hash(1.5), hash(-0.25), hash(1e100), hash(float(2**62)), hash(2.0**-20))
print({Fraction(1, 2): "half"}[Fraction(2, 4)], Fraction(3, 4) ** 2, 2 ** Fraction(1, 2), Fraction(-7, 2) // 2, -Fraction(7, 2) % 3)
for wrong in ["1/0", "x", "1.5.2"]:
    try:
        Fraction(wrong)
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
