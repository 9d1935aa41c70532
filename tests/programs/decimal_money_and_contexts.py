# A shop's till in decimal arithmetic: prices summed exactly, tax rounded half up to
# the cent, amounts shown with separators, a context with less precision, the
# errors a till meets; then operations on numbers drawn at random, under every
# rounding and a few precisions, compared by their output with CPython's.
import asyncio
import decimal
import random
from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN, localcontext, getcontext

CENT = Decimal("0.01")


async def till(name, prices, queue):
    total = sum((Decimal(p) for p in prices), Decimal(0))
    tax = (total * Decimal("0.0825")).quantize(CENT, rounding=ROUND_HALF_UP)
    await asyncio.sleep(len(prices) * 0.1)
    await queue.put((name, total, tax))


async def main():
    queue = asyncio.Queue()
    carts = {"ana": ["19.99", "5.01", "0.10"], "bo": ["1234567.891", "0.009"], "cy": ["0.1"] * 10}
    async with asyncio.TaskGroup() as group:
        for name, prices in carts.items():
            group.create_task(till(name, prices, queue))
    while not queue.empty():
        name, total, tax = await queue.get()
        print(f"{name:>4}: {total:>14,.2f} + {tax:.2f} tax = {total + tax:,}")


asyncio.run(main())
print(0.1 + 0.2 == 0.3, Decimal("0.1") + Decimal("0.2") == Decimal("0.3"), Decimal(0.1))
print(Decimal(1) / 7, Decimal(2).sqrt(), Decimal("1.30") * 3, Decimal(10) ** -2, Decimal("7") // 2, Decimal(-7) % 3)
with localcontext() as ctx:
    ctx.prec = 6
    print(Decimal(1) / 7, Decimal("123456789") + 0, ctx.prec, getcontext() is ctx)
print(getcontext().prec, repr(Decimal("-0.000001234")), Decimal("1e10"), Decimal("12.5e-10"), Decimal("0E-4"))
print(round(Decimal("2.675"), 2), round(Decimal("2.5")), round(Decimal("3.5")), int(Decimal("-3.99")), float(Decimal("0.5")))
print(Decimal("3.14159").quantize(Decimal("0.001"), rounding=ROUND_DOWN), Decimal("1.50").normalize(), Decimal("1E+3").normalize())
print(Decimal("-12.345").as_tuple(), Decimal("0.75").as_integer_ratio(), Decimal("2.50").adjusted(), Decimal(5).is_signed())
print(sorted([Decimal("2.1"), Decimal(-1), Decimal("2.10"), Decimal("0.5")]), max(Decimal(1), Decimal("1.0")), Decimal(3) > 2.5)
print(hash(Decimal("0.5")) == hash(0.5), hash(Decimal(12)) == hash(12), {Decimal("1.0"): "one"}[1], Decimal("1.5") == 1.5)
print(f"{Decimal('1234.5'):010.2f}|{Decimal('0.125'):.1%}|{Decimal('-2.5'):^9}|{Decimal('6.02E+23'):.3e}|{Decimal('1E-8'):f}")
print(Decimal(1).exp(), Decimal(10).ln(), Decimal(2).log10(), Decimal(2) ** Decimal("0.5"), Decimal("NaN"), -Decimal("Infinity"))
print(Decimal("12345.6789").to_eng_string(), Decimal("1.23E+7").to_eng_string(), Decimal("7").fma(2, 1), Decimal(10).remainder_near(6))
print(getcontext())
for bad in [lambda: Decimal(1) / 0, lambda: Decimal("1,5"), lambda: Decimal("0.5") + 0.5, lambda: Decimal(0) / 0,
            lambda: Decimal("1.5").quantize(Decimal("1e-30")), lambda: Decimal([1, 2]), lambda: divmod(Decimal(3), 0),
            lambda: int(Decimal("NaN")), lambda: Decimal("NaN") < 1, lambda: getcontext().__setattr__("prec", 0)]:
    try:
        print(bad())
    except (ArithmeticError, TypeError, ValueError) as e:
        print(type(e).__name__, e, isinstance(e, decimal.DecimalException))
getcontext().clear_flags()
getcontext().traps[decimal.DivisionByZero] = False
print(Decimal(-1) / 0, getcontext().flags[decimal.DivisionByZero], getcontext())
getcontext().traps[decimal.DivisionByZero] = True
getcontext().clear_flags()

generator = random.Random(11)
ROUNDINGS = [decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_UP,
             decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR, decimal.ROUND_05UP]
OPERATIONS = [
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b), ("/", lambda a, b: a / b),
    ("//", lambda a, b: a // b), ("%", lambda a, b: a % b), ("quantize", lambda a, b: a.quantize(b)),
    ("sqrt", lambda a, b: abs(a).sqrt()), ("**3", lambda a, b: a ** 3), ("<", lambda a, b: a < b),
    ("format", lambda a, b: f"{a:,.3f} {a:.4e} {a:12.5g} {a:%}"), ("str", lambda a, b: (str(a), a.to_eng_string())),
    ("normalize", lambda a, b: a.normalize()), ("integral", lambda a, b: a.to_integral_value()),
    ("round", lambda a, b: round(a, 2)), ("hash", lambda a, b: hash(a) == hash(a.as_integer_ratio()[0] / a.as_integer_ratio()[1])),
]


def number():
    digits = "".join(generator.choice("0123456789") for _ in range(generator.randint(1, generator.choice([4, 12, 30]))))
    return Decimal(f"{generator.choice(['', '-'])}{digits}E{generator.randint(-20, 20)}")


for i in range(300):
    name, operation = generator.choice(OPERATIONS)
    a, b = number(), number()
    with localcontext(prec=generator.choice([28, 9, 3, 40]), rounding=generator.choice(ROUNDINGS)) as ctx:
        try:
            result = operation(a, b)
        except (ArithmeticError, TypeError, ValueError) as e:
            result = type(e).__name__
        print(i, a, name, b, "->", result, ctx.flags[decimal.Inexact], ctx.flags[decimal.Rounded])
