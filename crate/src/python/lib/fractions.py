# fractions: exact rational numbers, as CPython's Fraction computes, parses, compares,
# hashes, rounds and prints them (on the playground's ints, which have no bound).

import math as _math

_HASH_MODULUS = 2305843009213693951
_HASH_INF = 314159


def _parse(text):
    # A Fraction's literal: "3/4", "-1.25e3", " 7 " (the forms CPython's pattern takes).
    s = text.strip().replace("_", "") if "__" not in text else None
    if not s:
        return None
    sign = 1
    if s[0] in "+-":
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if "/" in s:
        num, _, den = s.partition("/")
        if num.isdigit() and den.isdigit() and num.isascii() and den.isascii():
            return sign * int(num), int(den)
        return None
    exp = 0
    lower = s.lower()
    if "e" in lower:
        lower, _, e = lower.partition("e")
        digits = e[1:] if e[:1] in "+-" else e
        if not (digits.isdigit() and digits.isascii()):
            return None
        exp = int(e)
    whole, dot, frac = lower.partition(".")
    if not whole and not frac:
        return None
    if not ((whole.isdigit() or not whole) and (frac.isdigit() or not frac) and lower.isascii()):
        return None
    num = int(whole + frac) if whole + frac else 0
    den = 10 ** len(frac)
    if exp >= 0:
        num *= 10**exp
    else:
        den *= 10**-exp
    return sign * num, den


def _operators(exact, inexact):
    # An operator and its reflection: `exact` with an int or a Fraction (made a
    # Fraction), `inexact` on floats with a float, as CPython's _operator_fallbacks.
    def forward(a, b):
        f = a._other(b)
        if f is not None:
            return exact(a, f)
        if isinstance(b, float):
            return inexact(float(a), b)
        return NotImplemented

    def reverse(b, a):
        f = b._other(a)
        if f is not None:
            return exact(f, b)
        if isinstance(a, float):
            return inexact(a, float(b))
        return NotImplemented

    return forward, reverse


class Fraction:
    __slots__ = ("_numerator", "_denominator")

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator = numerator._numerator
                self._denominator = numerator._denominator
                return self
            if isinstance(numerator, bool) or isinstance(numerator, int):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, float):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            # (A Decimal, by its own exact ratio, without importing decimal.)
            if type(numerator).__name__ == "Decimal" and hasattr(numerator, "as_integer_ratio"):
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self
            if isinstance(numerator, str):
                parsed = _parse(numerator)
                if parsed is None:
                    raise ValueError(f"Invalid literal for Fraction: {numerator!r}")
                numerator, denominator = parsed
            else:
                raise TypeError("argument should be a string or a Rational instance")
        elif isinstance(numerator, (int, Fraction)) and isinstance(denominator, (int, Fraction)):
            if isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
                n1, d1 = _pair(numerator)
                n2, d2 = _pair(denominator)
                numerator, denominator = n1 * d2, d1 * n2
            else:
                numerator, denominator = int(numerator), int(denominator)
        else:
            raise TypeError("both arguments should be Rational instances")
        if denominator == 0:
            raise ZeroDivisionError(f"Fraction({numerator}, 0)")
        g = _math.gcd(numerator, denominator)
        if denominator < 0:
            g = -g
        self._numerator = numerator // g
        self._denominator = denominator // g
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError(f"{cls.__name__}.from_float() only takes floats, not {f!r} ({type(f).__name__})")
        return cls(*f.as_integer_ratio())

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    def __repr__(self):
        return f"{type(self).__name__}({self._numerator}, {self._denominator})"

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return f"{self._numerator}/{self._denominator}"

    # Arithmetic: with an int or a Fraction, a Fraction; with a float, a float.

    def _other(self, other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(int(other))
        return None

    def _exact_add(a, f):
        return Fraction(a._numerator * f._denominator + f._numerator * a._denominator, a._denominator * f._denominator)

    def _exact_sub(a, f):
        return Fraction(a._numerator * f._denominator - f._numerator * a._denominator, a._denominator * f._denominator)

    def _exact_mul(a, f):
        return Fraction(a._numerator * f._numerator, a._denominator * f._denominator)

    def _exact_div(a, f):
        return Fraction(a._numerator * f._denominator, a._denominator * f._numerator)

    def _exact_floordiv(a, f):
        return (a._numerator * f._denominator) // (a._denominator * f._numerator)

    def _exact_mod(a, f):
        d = a._denominator * f._denominator
        return Fraction((a._numerator * f._denominator) % (f._numerator * a._denominator), d)

    def _exact_divmod(a, f):
        q = Fraction._exact_floordiv(a, f)
        return q, a - q * f

    __add__, __radd__ = _operators(_exact_add, lambda x, y: x + y)
    __sub__, __rsub__ = _operators(_exact_sub, lambda x, y: x - y)
    __mul__, __rmul__ = _operators(_exact_mul, lambda x, y: x * y)
    __truediv__, __rtruediv__ = _operators(_exact_div, lambda x, y: x / y)
    __floordiv__, __rfloordiv__ = _operators(_exact_floordiv, lambda x, y: x // y)
    __mod__, __rmod__ = _operators(_exact_mod, lambda x, y: x % y)
    __divmod__, __rdivmod__ = _operators(_exact_divmod, divmod)

    def __pow__(a, b):
        if isinstance(b, int) or (isinstance(b, Fraction) and b._denominator == 1):
            power = b if isinstance(b, int) else b._numerator
            if power >= 0:
                return Fraction._raw(a._numerator**power, a._denominator**power)
            if a._numerator == 0:
                raise ZeroDivisionError(f"Fraction({a._denominator ** -power}, 0)")
            if a._numerator > 0:
                return Fraction._raw(a._denominator**-power, a._numerator**-power)
            return Fraction._raw((-a._denominator) ** -power, (-a._numerator) ** -power)
        if isinstance(b, (float, Fraction)):
            return float(a) ** float(b)
        return NotImplemented

    def __rpow__(b, a):
        if b._denominator == 1 and b._numerator >= 0:
            return a**b._numerator
        if isinstance(a, int):
            return Fraction(a) ** b
        if isinstance(a, float):
            return a ** float(b)
        return NotImplemented

    @classmethod
    def _raw(cls, numerator, denominator):
        # (Already in lowest terms, the denominator positive.)
        self = object.__new__(cls)
        self._numerator = numerator
        self._denominator = denominator
        return self

    def __pos__(a):
        return Fraction._raw(a._numerator, a._denominator)

    def __neg__(a):
        return Fraction._raw(-a._numerator, a._denominator)

    def __abs__(a):
        return Fraction._raw(abs(a._numerator), a._denominator)

    def __int__(a):
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    __trunc__ = __int__

    def __floor__(a):
        return a._numerator // a._denominator

    def __ceil__(a):
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            if remainder * 2 < self._denominator:
                return floor
            if remainder * 2 > self._denominator:
                return floor + 1
            return floor if floor % 2 == 0 else floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(a):
        return a._numerator / a._denominator

    def __bool__(a):
        return a._numerator != 0

    def __hash__(self):
        if self._denominator % _HASH_MODULUS == 0:
            h = _HASH_INF
        else:
            inverse = pow(self._denominator, _HASH_MODULUS - 2, _HASH_MODULUS)
            h = hash(hash(abs(self._numerator)) * inverse)
        result = h if self._numerator >= 0 else -h
        return -2 if result == -1 else result

    def __eq__(a, b):
        if type(b) is int:
            return a._numerator == b and a._denominator == 1
        if isinstance(b, Fraction):
            return a._numerator == b._numerator and a._denominator == b._denominator
        if isinstance(b, float):
            if _math.isnan(b) or _math.isinf(b):
                return 0.0 == b
            return a == a.from_float(b)
        if isinstance(b, int):
            return a._numerator == int(b) and a._denominator == 1
        return NotImplemented

    def _compare(a, b):
        # a - b's sign, or None where b is not a number Fraction compares with.
        if isinstance(b, float):
            if _math.isnan(b) or _math.isinf(b):
                return None
            b = Fraction.from_float(b)
        f = a._other(b)
        if f is None:
            return None
        x = a._numerator * f._denominator - f._numerator * a._denominator
        return (x > 0) - (x < 0)

    def __lt__(a, b):
        c = a._compare(b)
        if c is None:
            return 0.0 < b if isinstance(b, float) else NotImplemented
        return c < 0

    def __le__(a, b):
        c = a._compare(b)
        if c is None:
            return 0.0 <= b if isinstance(b, float) else NotImplemented
        return c <= 0

    def __gt__(a, b):
        c = a._compare(b)
        if c is None:
            return 0.0 > b if isinstance(b, float) else NotImplemented
        return c > 0

    def __ge__(a, b):
        c = a._compare(b)
        if c is None:
            return 0.0 >= b if isinstance(b, float) else NotImplemented
        return c >= 0

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _pair(x):
    if isinstance(x, Fraction):
        return x._numerator, x._denominator
    return int(x), 1
