# decimal: decimal floating point as the General Decimal Arithmetic specification
# defines it and CPython's decimal computes it. A finite number is a sign, an integer
# coefficient and a power-of-ten exponent; every operation is worked out exactly on
# integers, then rounded once to the context's precision, raising the signals it
# must (a trapped one as an exception, the others as flags of the context).

from collections import namedtuple as _namedtuple
import contextvars as _contextvars
import math as _math

__version__ = "1.70"
__libmpdec_version__ = "2.5.1"

ROUND_DOWN = "ROUND_DOWN"
ROUND_HALF_UP = "ROUND_HALF_UP"
ROUND_HALF_EVEN = "ROUND_HALF_EVEN"
ROUND_CEILING = "ROUND_CEILING"
ROUND_FLOOR = "ROUND_FLOOR"
ROUND_UP = "ROUND_UP"
ROUND_HALF_DOWN = "ROUND_HALF_DOWN"
ROUND_05UP = "ROUND_05UP"
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
              ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP)

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True


class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionByZero(DecimalException, ZeroDivisionError):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class InvalidContext(InvalidOperation):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact, Rounded):
    pass


class Underflow(Inexact, Rounded, Subnormal):
    pass


class FloatOperation(DecimalException, TypeError):
    pass


# The signals in the order a context's flags and traps list them, and the order its
# repr prints them in.
_SIGNALS = [InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow,
            Subnormal, Inexact, Rounded, Clamped]
# CPython's decimal keeps a flag for each condition, in this order, and a context's repr
# names the signal of each condition raised, once, where it first comes.
_BITS = [Clamped, ConversionSyntax, DivisionByZero, DivisionImpossible, DivisionUndefined,
         Inexact, InvalidContext, InvalidOperation, FloatOperation, Overflow, Rounded,
         Subnormal, Underflow]
_CONDITIONS = {ConversionSyntax: InvalidOperation, DivisionImpossible: InvalidOperation,
               DivisionUndefined: InvalidOperation, InvalidContext: InvalidOperation}


class _Signals:
    # A context's flags or traps: the nine signals and whether each is on, printed
    # as CPython's.
    def __init__(self):
        self._on = {s: False for s in _SIGNALS}

    def __getitem__(self, key):
        if key not in self._on:
            raise KeyError(_signal_names_message())
        return self._on[key]

    def __setitem__(self, key, value):
        if key not in self._on:
            raise KeyError(_signal_names_message())
        self._on[key] = bool(value)

    def __iter__(self):
        return iter(self._on)

    def __len__(self):
        return len(self._on)

    def __contains__(self, key):
        return key in self._on

    def __eq__(self, other):
        return self._on == (other._on if isinstance(other, _Signals) else other)

    def keys(self):
        return self._on.keys()

    def values(self):
        return self._on.values()

    def items(self):
        return self._on.items()

    def get(self, key, default=None):
        return self._on.get(key, default)

    def copy(self):
        return dict(self._on)

    def __repr__(self):
        return "{" + ", ".join(f"<class 'decimal.{s.__name__}'>:{on}" for s, on in self._on.items()) + "}"


def _printed(signals, raised):
    def place(s):
        where = [_BITS.index(c) for c in raised if _CONDITIONS.get(c, c) is s]
        return min(where) if where else _BITS.index(ConversionSyntax if s is InvalidOperation else s)
    return sorted((s for s in _SIGNALS if signals[s]), key=place)


def _signal_names_message():
    return ("valid values for signals are:\n  [InvalidOperation, FloatOperation, DivisionByZero,\n"
            "   Overflow, Underflow, Subnormal, Inexact, Rounded,\n   Clamped]")


def _signals(given):
    made = _Signals()
    if isinstance(given, (dict, _Signals)):
        for s, on in given.items():
            made[s] = on
    elif given is not None:
        for s in given:
            made[s] = True
    return made


class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                 clamp=None, flags=None, traps=None):
        base = DefaultContext if "DefaultContext" in globals() else None
        self.prec = prec if prec is not None else (base.prec if base else 28)
        self.rounding = rounding if rounding is not None else (base.rounding if base else ROUND_HALF_EVEN)
        self.Emin = Emin if Emin is not None else (base.Emin if base else -999999)
        self.Emax = Emax if Emax is not None else (base.Emax if base else 999999)
        self.capitals = capitals if capitals is not None else (base.capitals if base else 1)
        self.clamp = clamp if clamp is not None else (base.clamp if base else 0)
        self.flags = _signals(flags)
        if traps is None:
            traps = base.traps.copy() if base else [InvalidOperation, DivisionByZero, Overflow]
        self.traps = _signals(traps)

    def __setattr__(self, name, value):
        if name == "prec":
            _check_int(value, 1, MAX_PREC, "prec")
        elif name == "Emin":
            _check_int(value, MIN_EMIN, 0, "Emin")
        elif name == "Emax":
            _check_int(value, 0, MAX_EMAX, "Emax")
        elif name in ("capitals", "clamp"):
            _check_int(value, 0, 1, name)
        elif name == "rounding":
            if value not in _ROUNDINGS:
                raise TypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n"
                                "   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
        elif name in ("flags", "traps"):
            value = _signals(value)
            if name == "flags":
                object.__setattr__(self, "_raised", [])
        elif name == "_raised":
            pass
        else:
            raise AttributeError(f"'decimal.Context' object has no attribute '{name}'")
        object.__setattr__(self, name, value)

    def __repr__(self):
        flags = ", ".join(s.__name__ for s in _printed(self.flags, self._raised))
        traps = ", ".join(s.__name__ for s in _printed(self.traps, ()))
        return (f"Context(prec={self.prec}, rounding={self.rounding}, Emin={self.Emin}, Emax={self.Emax}, "
                f"capitals={self.capitals}, clamp={self.clamp}, flags=[{flags}], traps=[{traps}])")

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals, self.clamp,
                       self.flags.copy(), self.traps.copy())

    __copy__ = copy

    def clear_flags(self):
        for s in _SIGNALS:
            self.flags[s] = False
        self._raised.clear()

    def clear_traps(self):
        for s in _SIGNALS:
            self.traps[s] = False

    def create_decimal(self, num="0"):
        d = Decimal(num, self) if not isinstance(num, float) else Decimal(num)
        if isinstance(num, float):
            self._signal([FloatOperation])
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal.from_float(f)._fix(self)

    def _signal(self, conditions):
        # Sets the flags of what happened; the first trapped signal is raised, with the
        # trapped conditions listed as CPython's decimal lists them.
        trapped = []
        for c in conditions:
            s = _CONDITIONS.get(c, c)
            self.flags[s] = True
            if c not in self._raised:
                self._raised.append(c)
            if self.traps[s] and c not in trapped:
                trapped.append(c)
        if trapped:
            trapped.sort(key=lambda c: _SIGNALS.index(_CONDITIONS.get(c, c)))
            raise _CONDITIONS.get(trapped[0], trapped[0])(trapped)

    def _operation(self, name, *args):
        return getattr(_decimal(args[0], self, True), name)(*args[1:], context=self)

    def abs(self, a):
        return self._operation("__abs__", a)

    def add(self, a, b):
        return self._operation("__add__", a, b)

    def subtract(self, a, b):
        return self._operation("__sub__", a, b)

    def multiply(self, a, b):
        return self._operation("__mul__", a, b)

    def divide(self, a, b):
        return self._operation("__truediv__", a, b)

    def divide_int(self, a, b):
        return self._operation("__floordiv__", a, b)

    def remainder(self, a, b):
        return self._operation("__mod__", a, b)

    def divmod(self, a, b):
        return self._operation("__divmod__", a, b)

    def power(self, a, b, modulo=None):
        return _decimal(a, self, True).__pow__(b, modulo, context=self)

    def plus(self, a):
        return self._operation("__pos__", a)

    def minus(self, a):
        return self._operation("__neg__", a)

    def sqrt(self, a):
        return self._operation("sqrt", a)

    def quantize(self, a, b):
        return self._operation("quantize", a, b)

    def compare(self, a, b):
        return self._operation("compare", a, b)

    def max(self, a, b):
        return self._operation("max", a, b)

    def min(self, a, b):
        return self._operation("min", a, b)

    def exp(self, a):
        return self._operation("exp", a)

    def ln(self, a):
        return self._operation("ln", a)

    def log10(self, a):
        return self._operation("log10", a)

    def normalize(self, a):
        return self._operation("normalize", a)

    def to_integral_value(self, a):
        return self._operation("to_integral_value", a)

    def fma(self, a, b, c):
        return _decimal(a, self, True).fma(b, c, context=self)

    def to_sci_string(self, a):
        return _decimal(a, self, True).__str__(context=self)

    def to_eng_string(self, a):
        return _decimal(a, self, True).to_eng_string(context=self)

    def is_zero(self, a):
        return _decimal(a, self, True).is_zero()

    def is_signed(self, a):
        return _decimal(a, self, True).is_signed()

    def radix(self):
        return Decimal(10)


def _check_int(value, low, high, name):
    if not isinstance(value, int):
        raise TypeError("an integer is required")
    if not low <= value <= high:
        if name == "prec":
            raise ValueError("valid range for prec is [1, MAX_PREC]")
        if name == "Emin":
            raise ValueError("valid range for Emin is [MIN_EMIN, 0]")
        if name == "Emax":
            raise ValueError("valid range for Emax is [0, MAX_EMAX]")
        raise ValueError(f"valid values for {name} are 0 or 1")


DecimalTuple = _namedtuple("DecimalTuple", "sign digits exponent", module="decimal")

_current = _contextvars.ContextVar("decimal_context")


def getcontext():
    try:
        return _current.get()
    except LookupError:
        context = Context()
        _current.set(context)
        return context


def setcontext(context):
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
        context.clear_flags()
    _current.set(context)


class _ContextManager:
    def __init__(self, context):
        self.new_context = context.copy()

    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, *exc):
        setcontext(self.saved_context)


def localcontext(ctx=None, **kwargs):
    made = _ContextManager(ctx if ctx is not None else getcontext())
    for name, value in kwargs.items():
        if name not in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"):
            raise TypeError(f"'{name}' is an invalid keyword argument for this function")
        setattr(made.new_context, name, value)
    return made


def _digits_of(text):
    return all("0" <= c <= "9" for c in text) and text != ""


def _parse(text):
    # (sign, coefficient, exponent) or (sign, payload, "n" | "N" | "F"), or None.
    s = text.strip().replace("_", "").lower() if "__" not in text else None
    if not s or text.strip().startswith("_") or text.strip().endswith("_"):
        return None
    sign = 0
    if s[0] in "+-":
        sign = 1 if s[0] == "-" else 0
        s = s[1:]
    if s in ("inf", "infinity"):
        return sign, 0, "F"
    for prefix, kind in (("snan", "N"), ("nan", "n")):
        if s.startswith(prefix):
            payload = s[len(prefix):]
            if payload == "":
                return sign, 0, kind
            if _digits_of(payload):
                return sign, int(payload), kind
            return None
    exponent = 0
    if "e" in s:
        s, _, power = s.partition("e")
        body = power[1:] if power[:1] in ("+", "-") else power
        if not _digits_of(body):
            return None
        exponent = int(power)
    whole, dot, fraction = s.partition(".")
    if (whole and not _digits_of(whole)) or (fraction and not _digits_of(fraction)) or not (whole or fraction):
        return None
    return sign, int(whole + fraction or "0"), exponent - len(fraction)


def _decimal(value, context, raising=False):
    # The operand an operation takes: a Decimal, or an int made exact; else None
    # (the operation returns NotImplemented), or TypeError when called by a context.
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if raising:
        raise TypeError(f"conversion from {type(value).__name__} to Decimal is not supported")
    return None


_INCREMENT = {
    ROUND_DOWN: lambda q, r, half, sign: False,
    ROUND_UP: lambda q, r, half, sign: r != 0,
    ROUND_HALF_UP: lambda q, r, half, sign: r >= half,
    ROUND_HALF_DOWN: lambda q, r, half, sign: r > half,
    ROUND_HALF_EVEN: lambda q, r, half, sign: r > half or (r == half and q % 2 == 1),
    ROUND_CEILING: lambda q, r, half, sign: r != 0 and sign == 0,
    ROUND_FLOOR: lambda q, r, half, sign: r != 0 and sign == 1,
    ROUND_05UP: lambda q, r, half, sign: r != 0 and q % 5 == 0,
}


def _drop(sign, coefficient, digits, rounding):
    # The coefficient with its last `digits` digits rounded away, and whether any
    # of them was not zero.
    if digits <= 0:
        return coefficient * 10 ** -digits, False
    q, r = divmod(coefficient, 10 ** digits)
    half = 5 * 10 ** (digits - 1)
    if _INCREMENT[rounding](q, r, half, sign):
        q += 1
    return q, r != 0


def _reflected(name):
    # `other op decimal` for an int `other`: the operation with the int made exact.
    def reflected(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        return getattr(other, name)(self, context=context)

    return reflected


def _length(n):
    return len(str(n)) if n else 1


class Decimal:
    __slots__ = ("_sign", "_int", "_exp", "_special")

    def __new__(cls, value="0", context=None):
        self = object.__new__(cls)
        if isinstance(value, Decimal):
            parts = (value._sign, value._int, value._exp)
        elif isinstance(value, str):
            parts = _parse(value)
            if parts is None:
                context = context if context is not None else getcontext()
                context._signal([ConversionSyntax])
                parts = (0, 0, "n")
        elif isinstance(value, bool) or isinstance(value, int):
            parts = (1 if value < 0 else 0, abs(int(value)), 0)
        elif isinstance(value, float):
            (context if context is not None else getcontext())._signal([FloatOperation])
            return cls.from_float(value)
        elif isinstance(value, (tuple, list)):
            if len(value) != 3:
                raise ValueError("argument must be a sequence of length 3")
            sign, digits, exponent = value
            if sign not in (0, 1):
                raise ValueError("sign must be an integer with the value 0 or 1")
            if exponent in ("F", "n", "N"):
                payload = int("".join(str(d) for d in digits) or "0") if exponent != "F" else 0
                parts = (sign, payload, exponent)
            else:
                if not isinstance(exponent, int):
                    raise ValueError("exponent must be an integer")
                for d in digits:
                    if not isinstance(d, int) or not 0 <= d <= 9:
                        raise ValueError("coefficient must be a tuple of digits")
                parts = (sign, int("".join(str(d) for d in digits) or "0"), exponent)
        else:
            raise TypeError(f"conversion from {type(value).__name__} to Decimal is not supported")
        self._sign, self._int, self._exp = parts
        self._special = isinstance(self._exp, str)
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError(f"argument must be int or float")
        if f != f:
            return cls("NaN")
        if f in (float("inf"), float("-inf")):
            return cls("-Infinity" if f < 0 else "Infinity")
        sign = 1 if _math.copysign(1.0, f) < 0 else 0
        n, d = abs(f).as_integer_ratio()
        k = d.bit_length() - 1
        exact = Decimal._make(sign, n * 5 ** k, -k)
        return exact if cls is Decimal else cls(exact)

    @classmethod
    def _make(cls, sign, coefficient, exponent):
        d = object.__new__(Decimal)
        d._sign, d._int, d._exp = sign, coefficient, exponent
        d._special = isinstance(exponent, str)
        return d

    # ----- what it is -------------------------------------------------------------

    def is_nan(self):
        return self._exp in ("n", "N")

    def is_qnan(self):
        return self._exp == "n"

    def is_snan(self):
        return self._exp == "N"

    def is_infinite(self):
        return self._exp == "F"

    def is_finite(self):
        return not self._special

    def is_zero(self):
        return not self._special and self._int == 0

    def is_signed(self):
        return self._sign == 1

    def is_normal(self, context=None):
        context = context if context is not None else getcontext()
        return not self._special and self._int != 0 and self.adjusted() >= context.Emin

    def is_subnormal(self, context=None):
        context = context if context is not None else getcontext()
        return not self._special and self._int != 0 and self.adjusted() < context.Emin

    def is_canonical(self):
        return True

    def adjusted(self):
        return 0 if self._special else self._exp + _length(self._int) - 1

    def as_tuple(self):
        digits = tuple(int(c) for c in str(self._int)) if not (self._exp == "F" or (self._special and self._int == 0)) else ()
        if self._exp == "F":
            digits = (0,)
        return DecimalTuple(self._sign, digits, self._exp)

    def as_integer_ratio(self):
        if self._special:
            if self.is_nan():
                raise ValueError("cannot convert NaN to integer ratio")
            raise OverflowError("cannot convert Infinity to integer ratio")
        n = -self._int if self._sign else self._int
        if self._exp >= 0:
            return n * 10 ** self._exp, 1
        d = 10 ** -self._exp
        g = _math.gcd(n, d)
        return n // g, d // g

    def canonical(self):
        return self

    def number_class(self, context=None):
        context = context if context is not None else getcontext()
        sign = "-" if self._sign else "+"
        if self.is_snan():
            return "sNaN"
        if self.is_qnan():
            return "NaN"
        if self.is_infinite():
            return sign + "Infinity"
        if self.is_zero():
            return sign + "Zero"
        return sign + ("Subnormal" if self.is_subnormal(context) else "Normal")

    # ----- rounding to a context ---------------------------------------------------

    def _fix(self, context, rounding=None):
        # This number rounded to the context: its precision, its exponent range (by
        # the context's rounding, or the one given).
        if self._special:
            if self.is_nan() and _length(self._int) > context.prec - context.clamp:
                return Decimal._make(self._sign, int(str(self._int)[-(context.prec - context.clamp):] or "0"), self._exp)
            return self
        conditions = []
        etiny, etop = context.Etiny(), context.Etop()
        if self._int == 0:
            highest = context.Emax if context.clamp == 0 else etop
            exponent = min(max(self._exp, etiny), highest)
            if exponent != self._exp:
                context._signal([Clamped])
            return Decimal._make(self._sign, 0, exponent)
        sign, coefficient, exponent = self._sign, self._int, self._exp
        length = _length(coefficient)
        lowest = length + exponent - context.prec
        if lowest > etop:
            return self._overflow(context, [Overflow, Inexact, Rounded])
        subnormal = lowest < etiny
        if subnormal:
            lowest = etiny
        if exponent < lowest:
            coefficient, inexact = _drop(sign, coefficient, lowest - exponent, rounding or context.rounding)
            exponent = lowest
            if _length(coefficient) > context.prec:
                coefficient //= 10
                exponent += 1
                if exponent > etop:
                    return self._overflow(context, [Overflow, Inexact, Rounded])
            conditions.append(Rounded)
            if inexact:
                conditions.append(Inexact)
            if subnormal:
                conditions.append(Subnormal)
                if inexact:
                    conditions.append(Underflow)
                if coefficient == 0:
                    conditions.append(Clamped)
        elif subnormal:
            conditions.append(Subnormal)
        if context.clamp == 1 and exponent > etop:
            coefficient *= 10 ** (exponent - etop)
            exponent = etop
            conditions.append(Clamped)
        if conditions:
            context._signal(conditions)
        return Decimal._make(sign, coefficient, exponent)

    def _overflow(self, context, conditions):
        context._signal(conditions)
        largest = Decimal._make(self._sign, 10 ** context.prec - 1, context.Emax - context.prec + 1)
        rounding = context.rounding
        if rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP):
            return Decimal._make(self._sign, 0, "F")
        if rounding == ROUND_CEILING:
            return largest if self._sign else Decimal._make(0, 0, "F")
        if rounding == ROUND_FLOOR:
            return Decimal._make(1, 0, "F") if self._sign else largest
        return largest

    def _nan_operands(self, other, context):
        # The NaN an operation with a NaN gives (a signaling one raises first), or None.
        operands = [self] if other is None else [self, other]
        for d in operands:
            if d._exp == "N":
                context._signal([InvalidOperation])
                return Decimal._make(d._sign, d._int, "n")._fix(context)
        for d in operands:
            if d._exp == "n":
                return d._fix(context)
        return None

    def _invalid(self, context, condition=InvalidOperation):
        context._signal([condition])
        return Decimal._make(0, 0, "n")

    # ----- arithmetic --------------------------------------------------------------

    def __add__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
            if self.is_infinite():
                if other.is_infinite() and self._sign != other._sign:
                    return self._invalid(context)
                return self
            return other
        exponent = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exponent) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exponent) * (-1 if other._sign else 1)
        total = a + b
        if total == 0:
            # An exact zero is positive, but for two negative zeros or ROUND_FLOOR.
            sign = 1 if (self._sign and other._sign) or (context.rounding == ROUND_FLOOR and self._sign != other._sign) else 0
            if a == 0 and b == 0:
                sign = self._sign & other._sign if context.rounding != ROUND_FLOOR else self._sign | other._sign
            return Decimal._make(sign, 0, exponent)._fix(context)
        return Decimal._make(1 if total < 0 else 0, abs(total), exponent)._fix(context)

    __radd__ = __add__

    def __sub__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        return self.__add__(other.copy_negate(), context=context)

    __rsub__ = _reflected("__sub__")

    def __mul__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        sign = self._sign ^ other._sign
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
            if self.is_zero() or other.is_zero():
                return self._invalid(context)
            return Decimal._make(sign, 0, "F")
        return Decimal._make(sign, self._int * other._int, self._exp + other._exp)._fix(context)

    __rmul__ = __mul__

    def __truediv__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        sign = self._sign ^ other._sign
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
            if self.is_infinite() and other.is_infinite():
                return self._invalid(context)
            if self.is_infinite():
                return Decimal._make(sign, 0, "F")
            context._signal([Clamped])
            return Decimal._make(sign, 0, context.Etiny())
        if other._int == 0:
            if self._int == 0:
                return self._invalid(context, DivisionUndefined)
            context._signal([DivisionByZero])
            return Decimal._make(sign, 0, "F")
        ideal = self._exp - other._exp
        if self._int == 0:
            return Decimal._make(sign, 0, ideal)._fix(context)
        shift = _length(other._int) - _length(self._int) + context.prec + 1
        exponent = ideal - shift
        if shift >= 0:
            coefficient, remainder = divmod(self._int * 10 ** shift, other._int)
        else:
            coefficient, remainder = divmod(self._int, other._int * 10 ** -shift)
        if remainder:
            # A sticky digit: the rounding sees that something followed.
            if coefficient % 5 == 0:
                coefficient += 1
        else:
            while exponent < ideal and coefficient % 10 == 0:
                coefficient //= 10
                exponent += 1
        return Decimal._make(sign, coefficient, exponent)._fix(context)

    __rtruediv__ = _reflected("__truediv__")

    def _divide_integer(self, other, context, remainder=True):
        # (quotient, remainder) of the division truncated toward zero, or a Decimal
        # result for the special cases, computed exactly.
        sign = self._sign ^ other._sign
        if other._int == 0:
            if self._int == 0:
                r = self._invalid(context, DivisionUndefined)
                return r, r
            context._signal([DivisionByZero, InvalidOperation] if remainder else [DivisionByZero])
            return Decimal._make(sign, 0, "F"), Decimal._make(0, 0, "n")
        exponent = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exponent)
        b = other._int * 10 ** (other._exp - exponent)
        q, r = divmod(a, b)
        if _length(q) > context.prec:
            r = self._invalid(context, DivisionImpossible)
            return r, r
        if not remainder:
            return Decimal._make(sign, q, 0), None
        return Decimal._make(sign, q, 0), Decimal._make(self._sign, r, exponent)._fix(context)

    def __floordiv__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
            if self.is_infinite():
                if other.is_infinite():
                    return self._invalid(context)
                return Decimal._make(self._sign ^ other._sign, 0, "F")
            return Decimal._make(self._sign ^ other._sign, 0, 0)
        return self._divide_integer(other, context, remainder=False)[0]

    __rfloordiv__ = _reflected("__floordiv__")

    def __mod__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
            if self.is_infinite():
                return self._invalid(context)
            return self._fix(context)
        if other._int == 0:
            return self._invalid(context, DivisionUndefined if self._int == 0 else InvalidOperation)
        return self._divide_integer(other, context)[1]

    __rmod__ = _reflected("__mod__")

    def __divmod__(self, other, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        if self._special or other._special:
            return self.__floordiv__(other, context), self.__mod__(other, context)
        return self._divide_integer(other, context)

    __rdivmod__ = _reflected("__divmod__")

    def remainder_near(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self._special or other._special or other._int == 0:
            return self.__mod__(other, context)
        q, r = self._divide_integer(other, context)
        if r.is_nan():
            return r
        # The quotient rounded to the nearest integer (ties to even) instead.
        exponent = min(r._exp, other._exp)
        twice = 2 * r._int * 10 ** (r._exp - exponent)
        size = other._int * 10 ** (other._exp - exponent)
        if twice > size or (twice == size and q._int % 2 == 1):
            if _length(q._int + 1) > context.prec:
                return self._invalid(context, DivisionImpossible)
            r = r.__sub__(Decimal._make(self._sign, other._int, other._exp), context)
        return r._fix(context)

    def __neg__(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            return nan if nan is not None else self.copy_negate()
        if self._int == 0 and context.rounding != ROUND_FLOOR:
            return Decimal._make(0, 0, self._exp)._fix(context)
        return self.copy_negate()._fix(context)

    def __pos__(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            return nan if nan is not None else self
        if self._int == 0 and context.rounding != ROUND_FLOOR:
            return Decimal._make(0, 0, self._exp)._fix(context)
        return self._fix(context)

    def __abs__(self, round=True, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            return nan if nan is not None else self.copy_abs()
        return self.copy_abs()._fix(context) if round else self.copy_abs()

    def __pow__(self, other, modulo=None, context=None):
        if modulo is not None:
            return self._power_modulo(other, modulo, context)
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        context = context if context is not None else getcontext()
        if self._special or other._special:
            nan = self._nan_operands(other, context)
            if nan is not None:
                return nan
        if other.is_zero():
            if self.is_zero():
                return self._invalid(context)
            return Decimal._make(0, 1, 0)
        integral = other._is_integer()
        sign = self._sign if integral and other._odd() else 0
        if self._sign and not self.is_zero() and not integral:
            return self._invalid(context)
        if self.is_zero():
            if other._sign:
                return Decimal._make(sign, 0, "F")
            return Decimal._make(sign, 0, 0)
        if self.is_infinite():
            return Decimal._make(sign, 0, "F") if not other._sign else Decimal._make(sign, 0, 0)
        if other.is_infinite():
            bigger = self.copy_abs().compare(Decimal(1))
            if bigger == 0:
                return Decimal._make(0, 10 ** (context.prec - 1), 1 - context.prec)._fix(context)
            if (bigger > 0) == (other._sign == 0):
                return Decimal._make(0, 0, "F")
            return Decimal._make(0, 0, 0)
        if integral and abs(other._integer()) <= 10 ** 6:
            n = other._integer()
            exact = Decimal._make(sign, self._int ** abs(n), self._exp * abs(n))
            if n >= 0:
                return exact._fix(context)
            return Decimal._make(0, 1, 0).__truediv__(exact, context=context)
        # Any other power: exp(other * ln(self)), worked with guard digits, then
        # rounded to three digits more than asked (an exact power, such as
        # 100 ** 0.5, comes out exact) and to the context.
        guard = context.prec + 10
        result = _exp_fixed(other._scaled(guard) * _ln_fixed(self, guard) // 10 ** guard, guard)
        near = _round_digits(Decimal._make(sign, result, -guard), context.prec + 3, ROUND_HALF_EVEN)
        return near._fix(context)

    def __rpow__(self, other, modulo=None, context=None):
        other = _decimal(other, context)
        if other is None:
            return NotImplemented
        return other.__pow__(self, modulo, context=context)

    def _power_modulo(self, other, modulo, context):
        context = context if context is not None else getcontext()
        other, modulo = _decimal(other, context, True), _decimal(modulo, context, True)
        if not (self._is_integer() and other._is_integer() and modulo._is_integer()) or other._sign or modulo.is_zero():
            return self._invalid(context)
        m = abs(modulo._integer())
        value = pow(abs(self._integer()), other._integer(), m)
        return Decimal._make(self._sign if other._odd() else 0, value, 0)._fix(context)

    def fma(self, other, third, context=None):
        other = _decimal(other, context, True)
        third = _decimal(third, context, True)
        if self._special or other._special:
            product = self.__mul__(other, context=context)
        else:
            product = Decimal._make(self._sign ^ other._sign, self._int * other._int, self._exp + other._exp)
        return product.__add__(third, context=context)

    def _is_integer(self):
        if self._special:
            return False
        return self._exp >= 0 or self._int % 10 ** -self._exp == 0

    def _integer(self):
        # (Of an integral value.)
        n = self._int * 10 ** self._exp if self._exp >= 0 else self._int // 10 ** -self._exp
        return -n if self._sign else n

    def _odd(self):
        return self._is_integer() and self._integer() % 2 == 1

    def _scaled(self, digits):
        # The value times 10**digits, truncated to an int.
        n = self._int * 10 ** (self._exp + digits) if self._exp + digits >= 0 else self._int // 10 ** -(self._exp + digits)
        return -n if self._sign else n

    # ----- functions ---------------------------------------------------------------

    def sqrt(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            if nan is not None:
                return nan
            if self._sign:
                return self._invalid(context)
            return self
        if self._int == 0:
            return Decimal._make(self._sign, 0, self._exp >> 1)._fix(context)
        if self._sign:
            return self._invalid(context)
        prec = context.prec + 1
        # An exponent made even, a coefficient of at least 2*prec digits.
        exponent = self._exp >> 1
        coefficient = self._int * (10 if self._exp & 1 else 1)
        length = _length(coefficient)
        shift = max(0, prec - (length + 1) // 2) + 1
        coefficient *= 100 ** shift
        root = _math.isqrt(coefficient)
        exact = root * root == coefficient
        exponent -= shift
        ideal = self._exp >> 1
        if exact:
            while exponent < ideal and root % 10 == 0:
                root //= 10
                exponent += 1
        elif root % 5 == 0:
            root += 1
        with localcontext(context) as inner:
            inner.rounding = ROUND_HALF_EVEN
        result = Decimal._make(0, root, exponent)._fix(inner)
        if not exact:
            context._signal([Inexact, Rounded])
        elif _length(root) > context.prec:
            context._signal([Rounded])
        return result

    def exp(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            if nan is not None:
                return nan
            return Decimal._make(0, 0, 0) if self._sign else self
        if self._int == 0:
            return Decimal._make(0, 1, 0)
        guard = context.prec + 10 + max(0, self.adjusted())
        result = Decimal._make(0, _exp_fixed(self._scaled(guard), guard), -guard)
        context._signal([Inexact, Rounded])
        # (exp, ln and log10 round half to even whatever the context's rounding.)
        return result._fix(context, ROUND_HALF_EVEN)

    def ln(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            if nan is not None:
                return nan
            return self._invalid(context) if self._sign else self
        if self._int == 0:
            return Decimal._make(1, 0, "F")
        if self._sign:
            return self._invalid(context)
        if self._int == 1 and self._exp == 0:
            return Decimal._make(0, 0, 0)
        guard = context.prec + 10
        result = _ln_fixed(self, guard)
        context._signal([Inexact, Rounded])
        return Decimal._make(1 if result < 0 else 0, abs(result), -guard)._fix(context, ROUND_HALF_EVEN)

    def log10(self, context=None):
        context = context if context is not None else getcontext()
        if self._special or self._int == 0 or self._sign:
            return self.ln(context)
        text = str(self._int).rstrip("0")
        if text == "1":
            power = self._exp + len(str(self._int)) - 1
            return Decimal(power)._fix(context)
        guard = context.prec + 10
        result = _ln_fixed(self, guard) * 10 ** guard // _ln10(guard)
        context._signal([Inexact, Rounded])
        return Decimal._make(1 if result < 0 else 0, abs(result), -guard)._fix(context, ROUND_HALF_EVEN)

    def logb(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            return self._nan_operands(None, context) or Decimal._make(0, 0, "F")
        if self._int == 0:
            context._signal([DivisionByZero])
            return Decimal._make(1, 0, "F")
        return Decimal(self.adjusted())._fix(context)

    def quantize(self, exp, rounding=None, context=None):
        exp = _decimal(exp, context, True)
        context = context if context is not None else getcontext()
        rounding = rounding if rounding is not None else context.rounding
        if self._special or exp._special:
            nan = self._nan_operands(exp, context)
            if nan is not None:
                return nan
            if self.is_infinite() and exp.is_infinite():
                return self
            return self._invalid(context)
        if not context.Etiny() <= exp._exp <= context.Emax:
            return self._invalid(context)
        if self._int == 0:
            return Decimal._make(self._sign, 0, exp._exp)._fix(context)
        if self.adjusted() > context.Emax or self.adjusted() - exp._exp + 1 > context.prec:
            return self._invalid(context)
        coefficient, inexact = _drop(self._sign, self._int, exp._exp - self._exp, rounding)
        if _length(coefficient) > context.prec:
            return self._invalid(context)
        result = Decimal._make(self._sign, coefficient, exp._exp)
        conditions = []
        if exp._exp > self._exp:
            if result._int != self._int * 10 ** 0 or inexact:
                conditions.append(Rounded)
            if inexact:
                conditions.append(Inexact)
        if conditions:
            context._signal(conditions)
        if result.adjusted() < context.Emin and result._int:
            context._signal([Subnormal])
        return result

    def same_quantum(self, other, context=None):
        other = _decimal(other, context, True)
        if self._special or other._special:
            return (self.is_nan() and other.is_nan()) or (self.is_infinite() and other.is_infinite())
        return self._exp == other._exp

    def to_integral_value(self, rounding=None, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            return nan if nan is not None else self
        if self._exp >= 0:
            return self
        rounding = rounding if rounding is not None else context.rounding
        coefficient, _ = _drop(self._sign, self._int, -self._exp, rounding)
        return Decimal._make(self._sign, coefficient, 0)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        context = context if context is not None else getcontext()
        result = self.to_integral_value(rounding, context)
        if not self._special and self._exp < 0:
            context._signal([Rounded] + ([Inexact] if result != self else []))
        return result

    def normalize(self, context=None):
        context = context if context is not None else getcontext()
        if self._special:
            nan = self._nan_operands(None, context)
            return nan if nan is not None else self
        fixed = self._fix(context)
        if fixed._special or fixed._int == 0:
            return Decimal._make(fixed._sign, 0, 0) if not fixed._special else fixed
        coefficient, exponent = fixed._int, fixed._exp
        top = context.Emax if context.clamp == 0 else context.Etop()
        while coefficient % 10 == 0 and exponent < top:
            coefficient //= 10
            exponent += 1
        return Decimal._make(fixed._sign, coefficient, exponent)

    def scaleb(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self._special:
            return self
        return Decimal._make(self._sign, self._int, self._exp + other._integer())._fix(context)

    def shift(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        n = other._integer()
        coefficient = self._int * 10 ** n if n >= 0 else self._int // 10 ** -n
        return Decimal._make(self._sign, coefficient % 10 ** context.prec, self._exp)

    def copy_abs(self):
        return Decimal._make(0, self._int, self._exp)

    def copy_negate(self):
        return Decimal._make(1 - self._sign, self._int, self._exp)

    def copy_sign(self, other, context=None):
        other = _decimal(other, context, True)
        return Decimal._make(other._sign, self._int, self._exp)

    def compare(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self.is_nan() or other.is_nan():
            return self._nan_operands(other, context)
        return Decimal(self._cmp(other))

    def compare_signal(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self.is_nan() or other.is_nan():
            return self._invalid(context)
        return Decimal(self._cmp(other))

    def compare_total(self, other, context=None):
        other = _decimal(other, context, True)
        if self._sign != other._sign:
            return Decimal(-1 if self._sign else 1)
        c = self._cmp(other) if not (self._special or other._special) else 0
        if c == 0 and not self._special and not other._special:
            c = (self._exp > other._exp) - (self._exp < other._exp)
            if self._sign:
                c = -c
        return Decimal(c)

    def max(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self.is_nan() or other.is_nan():
            if self.is_qnan() and not other.is_nan():
                return other._fix(context)
            if other.is_qnan() and not self.is_nan():
                return self._fix(context)
            return self._nan_operands(other, context)
        c = self._cmp(other)
        if c == 0:
            c = self.compare_total(other)._integer()
        return (self if c >= 0 else other)._fix(context)

    def min(self, other, context=None):
        other = _decimal(other, context, True)
        context = context if context is not None else getcontext()
        if self.is_nan() or other.is_nan():
            return self.max(other, context)
        c = self._cmp(other)
        if c == 0:
            c = self.compare_total(other)._integer()
        return (self if c <= 0 else other)._fix(context)

    def max_mag(self, other, context=None):
        other = _decimal(other, context, True)
        return self if self.copy_abs()._cmp(other.copy_abs()) >= 0 else other

    def min_mag(self, other, context=None):
        other = _decimal(other, context, True)
        return self if self.copy_abs()._cmp(other.copy_abs()) <= 0 else other

    def next_plus(self, context=None):
        context = context if context is not None else getcontext()
        with localcontext(context) as inner:
            inner.rounding = ROUND_CEILING
            inner.traps[Inexact] = inner.traps[Rounded] = False
            tiny = Decimal._make(0, 1, context.Etiny() - 1)
            return self.__add__(tiny, context=inner)

    def next_minus(self, context=None):
        context = context if context is not None else getcontext()
        with localcontext(context) as inner:
            inner.rounding = ROUND_FLOOR
            inner.traps[Inexact] = inner.traps[Rounded] = False
            tiny = Decimal._make(1, 1, context.Etiny() - 1)
            return self.__add__(tiny, context=inner)

    def radix(self):
        return Decimal(10)

    def conjugate(self):
        return self

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    # ----- comparisons ---------------------------------------------------------------

    def _cmp(self, other):
        # -1, 0 or 1, of two numbers that are not NaN.
        if self._special or other._special:
            a = (-1 if self._sign else 1) * (2 if self.is_infinite() else 0)
            b = (-1 if other._sign else 1) * (2 if other.is_infinite() else 0)
            if not self._special:
                a = (-1 if self._sign else 1) if self._int else 0
            if not other._special:
                b = (-1 if other._sign else 1) if other._int else 0
            return (a > b) - (a < b)
        if self._int == 0 and other._int == 0:
            return 0
        if self._int == 0:
            return 1 if other._sign else -1
        if other._int == 0:
            return -1 if self._sign else 1
        if self._sign != other._sign:
            return -1 if self._sign else 1
        exponent = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exponent)
        b = other._int * 10 ** (other._exp - exponent)
        c = (a > b) - (a < b)
        return -c if self._sign else c

    def _comparable(self, other, ordering):
        # The other operand as a Decimal, or NotImplemented; a float compares exactly
        # (raising FloatOperation's flag), a NaN in an ordering is invalid. A fraction
        # (a rational with a numerator and a denominator) is given back as it is.
        if isinstance(other, float):
            getcontext()._signal([FloatOperation])
            other = Decimal.from_float(other)
        elif isinstance(other, int):
            other = Decimal(other)
        elif not isinstance(other, Decimal):
            if isinstance(getattr(other, "numerator", None), int) and isinstance(getattr(other, "denominator", None), int):
                return other
            return NotImplemented
        if self.is_nan() or other.is_nan():
            if ordering:
                getcontext()._signal([InvalidOperation])
            return None
        return other

    def _compare(self, other, test, ordering):
        # test(-1, 0 or 1) of this number against `other`; False against a NaN.
        other = self._comparable(other, ordering)
        if other is NotImplemented:
            return NotImplemented
        if other is None:
            return False
        if not isinstance(other, Decimal):
            return test(_fraction_compare(self, other))
        return test(self._cmp(other))

    def __eq__(self, other):
        return self._compare(other, lambda c: c == 0, False)

    def __lt__(self, other):
        return self._compare(other, lambda c: c < 0, True)

    def __le__(self, other):
        return self._compare(other, lambda c: c <= 0, True)

    def __gt__(self, other):
        return self._compare(other, lambda c: c > 0, True)

    def __ge__(self, other):
        return self._compare(other, lambda c: c >= 0, True)

    def __hash__(self):
        # As CPython hashes numbers: equal values (1.5, Decimal('1.50'),
        # Fraction(3, 2)) hash alike, modulo the prime 2**61 - 1.
        if self._special:
            if self.is_snan():
                raise TypeError("Cannot hash a signaling NaN value")
            if self.is_nan():
                return object.__hash__(self)
            return -314159 if self._sign else 314159
        modulus = 2 ** 61 - 1
        if self._exp >= 0:
            scale = pow(10, self._exp, modulus)
        else:
            scale = pow(pow(10, modulus - 2, modulus), -self._exp, modulus)
        h = self._int * scale % modulus
        h = -h if self._sign else h
        return -2 if h == -1 else h

    def __bool__(self):
        return self._special or self._int != 0

    # ----- conversions ---------------------------------------------------------------

    def __int__(self):
        if self._special:
            if self.is_nan():
                raise ValueError("cannot convert NaN to integer")
            raise OverflowError("cannot convert Infinity to integer")
        n = self._int * 10 ** self._exp if self._exp >= 0 else self._int // 10 ** -self._exp
        return -n if self._sign else n

    __trunc__ = __int__

    def __index__(self):
        raise TypeError("'decimal.Decimal' object cannot be interpreted as an integer")

    def __float__(self):
        if self.is_nan():
            if self.is_snan():
                raise ValueError("cannot convert signaling NaN to float")
            return float("-nan") if self._sign else float("nan")
        return float(str(self))

    def __floor__(self):
        if self._special:
            return int(self)
        return int(self.to_integral_value(ROUND_FLOOR))

    def __ceil__(self):
        if self._special:
            return int(self)
        return int(self.to_integral_value(ROUND_CEILING))

    def __round__(self, n=None):
        if n is not None:
            if not isinstance(n, int):
                raise TypeError("optional arg must be an integer")
            return self.quantize(Decimal._make(0, 1, -n))
        if self._special:
            if self.is_nan():
                raise ValueError("cannot round a NaN")
            raise OverflowError("cannot round an infinity")
        return int(self.to_integral_value(ROUND_HALF_EVEN))

    def __str__(self, eng=False, context=None):
        sign = "-" if self._sign else ""
        if self._special:
            if self._exp == "F":
                return sign + "Infinity"
            payload = str(self._int) if self._int else ""
            return sign + ("NaN" if self._exp == "n" else "sNaN") + payload
        digits = str(self._int)
        leftdigits = self._exp + len(digits)
        if self._exp <= 0 and leftdigits > -6:
            dotplace = leftdigits
        elif not eng:
            dotplace = 1
        elif self._int == 0:
            dotplace = (leftdigits + 1) % 3 - 1
        else:
            dotplace = (leftdigits - 1) % 3 + 1
        if dotplace <= 0:
            whole, fraction = "0", "." + "0" * -dotplace + digits
        elif dotplace >= len(digits):
            whole, fraction = digits + "0" * (dotplace - len(digits)), ""
        else:
            whole, fraction = digits[:dotplace], "." + digits[dotplace:]
        if leftdigits == dotplace:
            exponent = ""
        else:
            capitals = (context if context is not None else getcontext()).capitals
            exponent = ("E" if capitals else "e") + f"{leftdigits - dotplace:+d}"
        return sign + whole + fraction + exponent

    def to_eng_string(self, context=None):
        return self.__str__(eng=True, context=context)

    def __repr__(self):
        return f"Decimal('{self}')"

    def __format__(self, spec, _localeconv=None):
        return _format(self, spec)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _fraction_compare(d, fraction):
    n, m = d.as_integer_ratio()
    a, b = n * fraction.denominator, fraction.numerator * m
    return (a > b) - (a < b)


# ----- exp and ln on integers scaled by 10**digits --------------------------------------

def _exp_fixed(x, digits):
    # e**(x / 10**digits), times 10**digits: the argument halved until small, the
    # series summed, the result squared back.
    one = 10 ** digits
    halvings = 0
    while abs(x) > one // 8:
        x //= 2
        halvings += 1
    work = digits + halvings // 3 + 5
    scale = 10 ** (work - digits)
    x *= scale
    one_work = 10 ** work
    term, total, k = one_work, one_work, 1
    while term:
        term = term * x // (one_work * k)
        total += term
        k += 1
    for _ in range(halvings):
        total = total * total // one_work
    return total // scale


def _ln10(digits):
    return _ln_of_ratio(10, 1, digits)


def _ln_of_ratio(n, d, digits):
    # ln(n / d) times 10**digits, for n / d > 0: brought between 1 and 2 by powers of
    # 2, then the series of atanh (its terms positive, so that they reach zero).
    if n < d:
        return -_ln_of_ratio(d, n, digits)
    work = digits + 10
    one = 10 ** work
    twos = 0
    while n > 2 * d:
        d *= 2
        twos += 1
    y = (n - d) * one // (n + d)
    y2 = y * y // one
    term, total, k = y, y, 1
    while term:
        term = term * y2 // one
        k += 2
        total += term // k
    result = 2 * total + twos * _ln2(work)
    return result // 10 ** (work - digits)


def _ln2(digits):
    # ln 2 = 2 atanh(1/3).
    one = 10 ** digits
    y = one // 3
    y2 = y * y // one
    term, total, k = y, y, 1
    while term:
        term = term * y2 // one
        k += 2
        total += term // k
    return 2 * total


def _ln_fixed(d, digits):
    n, m = d.as_integer_ratio()
    return _ln_of_ratio(n, m, digits)


# ----- format specs ------------------------------------------------------------------

def _format(d, spec):
    # [[fill]align][sign][z][#][0][width][,|_][.precision][type], as CPython's decimal.
    fill, align, i = None, None, 0
    if len(spec) >= 2 and spec[1] in "<>=^":
        fill, align, i = spec[0], spec[1], 2
    elif spec[:1] and spec[0] in "<>=^":
        align, i = spec[0], 1
    sign = "-"
    if spec[i:i + 1] and spec[i] in "+- ":
        sign, i = spec[i], i + 1
    no_negative_zero = spec[i:i + 1] == "z"
    i += no_negative_zero
    alternate = spec[i:i + 1] == "#"
    i += alternate
    zeropad = spec[i:i + 1] == "0"
    i += zeropad
    start = i
    while spec[i:i + 1].isdigit():
        i += 1
    width = int(spec[start:i] or "0")
    separator = ""
    if spec[i:i + 1] in (",", "_") and spec[i:i + 1]:
        separator, i = spec[i], i + 1
    precision = None
    if spec[i:i + 1] == ".":
        start = i = i + 1
        while spec[i:i + 1].isdigit():
            i += 1
        if i == start:
            raise ValueError("Invalid format specifier")
        precision = int(spec[start:i])
    kind = spec[i:i + 1] or None
    if spec[i + 1:] or (kind is not None and kind not in "eEfFgGn%"):
        raise ValueError("Invalid format specifier")
    if zeropad and (fill is not None or align is not None):
        raise ValueError("Invalid format specifier")
    if zeropad:
        fill, align = "0", "="
    fill, align = fill or " ", align or ">"
    if precision == 0 and (kind is None or kind in "gGn"):
        precision = 1
    if kind == "n":
        kind = "g"
    context = getcontext()
    if d._special:
        body = str(d.copy_abs()) + ("%" if kind == "%" else "")
        if zeropad:
            fill, align = " ", ">"
        return _align(_sign_text(d._sign, sign), body, fill, align, width)
    if kind is None:
        kind = "G" if context.capitals else "g"
    value = d
    if kind == "%":
        value = Decimal._make(d._sign, d._int, d._exp + 2)
    if precision is not None:
        if kind in "eE":
            value = _round_digits(value, precision + 1, context.rounding)
        elif kind in "fF%":
            value = _rescale(value, -precision, context.rounding)
        elif _length(value._int) > precision:
            value = _round_digits(value, precision, context.rounding)
    if value._int == 0 and value._exp > 0 and kind in "fF%":
        value = _rescale(value, 0, context.rounding)
    negative = value._sign and not (no_negative_zero and value._int == 0)
    digits = str(value._int)
    leftdigits = value._exp + len(digits)
    if kind in "eE":
        dotplace = 1 - precision if value._int == 0 and precision is not None else 1
    elif kind in "fF%":
        dotplace = leftdigits
    else:
        dotplace = leftdigits if value._exp <= 0 and leftdigits > -6 else 1
    if dotplace < 0:
        whole, fraction = "0", "0" * -dotplace + digits
    elif dotplace > len(digits):
        whole, fraction = digits + "0" * (dotplace - len(digits)), ""
    else:
        whole, fraction = digits[:dotplace] or "0", digits[dotplace:]
    exponent = leftdigits - dotplace
    signed = _sign_text(negative, sign)
    if fraction or alternate:
        fraction = "." + fraction
    if exponent != 0 or kind in "eE":
        fraction += ("E" if kind in "EG" else "e") + f"{exponent:+d}"
    if kind == "%":
        fraction += "%"
    least = width - len(fraction) - len(signed) if zeropad else 0
    return _align(signed, _thousands(whole, separator, least) + fraction, fill, align, width)


def _sign_text(negative, sign):
    if negative:
        return "-"
    return sign if sign in "+ " else ""


def _align(signed, body, fill, align, width):
    padding = fill * (width - len(signed) - len(body))
    if align == "<":
        return signed + body + padding
    if align == "=":
        return signed + padding + body
    if align == "^":
        half = len(padding) // 2
        return padding[:half] + signed + body + padding[half:]
    return padding + signed + body


def _thousands(digits, separator, least):
    # Groups of three, zero-padded to `least` characters (a leading separator is
    # avoided with one more zero).
    if not separator:
        return "0" * (least - len(digits)) + digits
    groups = []
    while True:
        size = min(max(len(digits), least, 1), 3)
        groups.append("0" * (size - len(digits)) + digits[-size:])
        digits = digits[:-size]
        least -= size
        if not digits and least <= 0:
            break
        least -= len(separator)
    return separator.join(reversed(groups))


def _round_digits(value, count, rounding):
    # The value rounded to `count` significant digits.
    if value._int == 0:
        return Decimal._make(value._sign, 0, value._exp + _length(value._int) - count)
    drop = _length(value._int) - count
    if drop <= 0:
        return Decimal._make(value._sign, value._int * 10 ** -drop, value._exp + drop)
    coefficient, _ = _drop(value._sign, value._int, drop, rounding)
    exponent = value._exp + drop
    if _length(coefficient) > count:
        coefficient //= 10
        exponent += 1
    return Decimal._make(value._sign, coefficient, exponent)


def _rescale(value, exponent, rounding):
    if value._exp >= exponent:
        return Decimal._make(value._sign, value._int * 10 ** (value._exp - exponent), exponent)
    coefficient, _ = _drop(value._sign, value._int, exponent - value._exp, rounding)
    return Decimal._make(value._sign, coefficient, exponent)


DefaultContext = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, capitals=1,
                         clamp=0, flags=[], traps=[InvalidOperation, DivisionByZero, Overflow])
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, Emin=-999999, Emax=999999,
                       traps=[InvalidOperation, DivisionByZero, Overflow, Underflow, Clamped], flags=[])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999, traps=[], flags=[])
