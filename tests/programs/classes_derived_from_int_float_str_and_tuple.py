# Classes derived from the built-in values: a temperature that is a float, a shouted
# str, a port that is an int, a version that is a tuple. Their objects are what they
# derive from to the built-in functions, as keys, in formats and in JSON; floats'
# hex() and fromhex().
import math, json
class Celsius(float):
    def __new__(cls, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        return super().__new__(cls, value)
    def to_f(self):
        return self * 9 / 5 + 32
c = Celsius(21.5)
print(c, repr(c), c.to_f(), c + 1, type(c + 1).__name__, isinstance(c, float), math.sqrt(Celsius(16)), round(c), int(c), f"{c:.3f}", f"{c}", c.is_integer(), float(c), abs(Celsius(-3)))
print(sorted([Celsius(3), Celsius(1), 2.0]), max(Celsius(3), 5), c == 21.5, hash(c) == hash(21.5), {c: 1}[21.5])
class UpperStr(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
    def shout(self):
        return self + "!"
u = UpperStr("hello")
print(u, repr(u), u.shout(), len(u), u.lower(), u[1:3], "E" in u, isinstance(u, str), u == "HELLO", {"HELLO": 1}[u], "-".join([u, "x"]), f"{u:>8}|", u.startswith("HE"), list(u)[:2], "%s!" % u, u * 2, type(u).__name__)
class Port(int):
    def __repr__(self):
        return f"Port({int(self)})"
p = Port(8080)
print(p, repr(p), p + 1, p * 2, p // 3, p % 7, -p, p > 80, range(Port(3)), [1, 2, 3, 4][Port(2)], hex(p), p.bit_length(), isinstance(p, int), str(p), f"{p:05d}", p == 8080, json.dumps({"p": 1}), bin(Port(5)))
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
pr = Pair(1, 2)
print(pr, pr.first, len(pr), pr + (3,), isinstance(pr, tuple), pr == (1, 2), list(pr), a := pr[1], pr.count(1), pr.index(2))
x, y = pr
print(x, y, *pr, max(pr), sum(Pair(3, 4)), sorted(Pair(5, 1)))
class Money(int):
    pass
m = Money(5)
m.currency = "EUR"
print(m.currency, m, Money("12"), Money("ff", 16), type(m) is Money, type(m).__mro__[0].__name__)
class Tag(str):
    @property
    def kind(self):
        return self.split(":")[0]
t = Tag("color:red")
d = {t: 1, "x": 2}
print(d, d["color:red"], t.kind, json.dumps({"t": t, t: [t]}), "{}/{!r}".format(t, t), t.upper(), type(t.upper()).__name__, t.split(":"), sorted([Tag("b"), "a", Tag("c")]))
print(t in d, "color:red" in {t}, set([t, "color:red"]), [type(k).__name__ for k in d])
class Meters(float):
    def __new__(cls, value, unit="m"):
        obj = super().__new__(cls, value)
        obj.unit = unit
        return obj
    def __str__(self):
        return f"{float(self)} {self.unit}"
m = Meters(3, "km")
print(m, repr(m), f"{m}", f"{m:.1f}", [m], m.unit, m * 2, m / 2, 2 ** Meters(2), divmod(Meters(7), 2), min(m, 1), sum([m, m]), m.hex() if hasattr(m, "hex") else "")
try:
    Meters("abc")
except ValueError as e:
    print("ValueError:", e)
class Flag(int):
    def __bool__(self):
        return self != 0
print(bool(Flag(0)), bool(Flag(2)), [0, 1, 2][Flag(1)], Flag(3) in [1, 2, 3], Flag(10).to_bytes(2, "big"), int(Flag(7)), "%d|%5.1f|%s" % (Flag(4), Meters(2.5), Flag(9)))
print(isinstance(Flag(1), (str, int)), issubclass(Flag, int), issubclass(Tag, str), issubclass(Meters, float), issubclass(Meters, int))
class Version(tuple):
    def __new__(cls, text):
        return super().__new__(cls, (int(p) for p in text.split(".")))
    def __str__(self):
        return ".".join(map(str, self))
v = Version("1.10.2")
print(v, repr(v), v > Version("1.9.0"), sorted([Version("2.0"), Version("1.5.1")]), v[1:], hash(v) == hash((1, 10, 2)), {v: "x"}[(1, 10, 2)])
for x in [0.1, 3.0, -2.5, 0.0, -0.0, 1e308, 5e-324, 2.2250738585072014e-308, float('inf'), 1/3, 123456.789]:
    print(x.hex(), float.fromhex(x.hex()) == x)
print(float.fromhex('0x1.8p1'), float.fromhex('-0x1p-1074'), float.fromhex('0x.8'), float.fromhex('ff'), float.fromhex('  0X1.FFFFFFFFFFFFFp+1023 '), float.fromhex('inf'))
for bad in ['0x', 'zz', '0x1p']:
    try: float.fromhex(bad)
    except ValueError as e: print(e)
try: float.fromhex('0x1p1024')
except OverflowError as e: print(e)
