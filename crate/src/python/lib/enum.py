# enum, as CPython 3.11's enum.py behaves for the programs people write: Enum,
# IntEnum, StrEnum, Flag, IntFlag, auto and unique. The members are made when the class is (in
# __init_subclass__), and the class itself is iterated, called and subscripted
# through its metaclass, EnumType.


class _Combined:
    # `R | W` in a class body where R and W are auto(): worked out once they have
    # their values (CPython gives auto() its value at once; here the members are made
    # after the body has run).

    def __init__(self, op, left, right):
        self.op = op
        self.left = left
        self.right = right

    def __or__(self, other):
        return _Combined("|", self, other)

    def __and__(self, other):
        return _Combined("&", self, other)

    def __xor__(self, other):
        return _Combined("^", self, other)


class auto(_Combined):
    def __init__(self):
        self.value = None

    def __repr__(self):
        return "auto()"


def _bits(n):
    # How many bits n takes (int.bit_length), for n not negative.
    count = 0
    while n:
        n >>= 1
        count += 1
    return count


def _resolve(value, resolved):
    if isinstance(value, auto):
        return resolved[id(value)]
    if isinstance(value, _Combined):
        left, right = _resolve(value.left, resolved), _resolve(value.right, resolved)
        if value.op == "|":
            return left | right
        if value.op == "&":
            return left & right
        return left ^ right
    return value


def _is_member(name, value):
    if name.startswith("_"):
        return False
    kind = type(value).__name__
    return kind not in ("function", "property", "staticmethod", "classmethod", "builtin_function_or_method")


class EnumType(type):
    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is not None:
            return cls._functional(value, names, start)
        return cls.__new__(cls, value)  # CPython: enum.py:712

    def _functional(cls, name, names, start):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        namespace = {}
        for i, item in enumerate(names):
            if isinstance(item, str):
                namespace[item] = cls._generate_next_value_(item, start, i, list(namespace.values()))
            else:
                namespace[item[0]] = item[1]
        if isinstance(names, dict):
            namespace = dict(names)
        return type(name, (cls,), namespace)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"{cls.__name__!r} cannot delete member {name!r}.")
        super().__delattr__(name)

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_ if cls._canonical(name)])

    def _canonical(cls, name):
        # (A flag's members of several bits are aliases, not iterated over.)
        value = cls._member_map_[name]._value_
        return not issubclass(cls, Flag) or (isinstance(value, int) and value > 0 and value & (value - 1) == 0)

    def __reversed__(cls):
        return iter([cls._member_map_[name] for name in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                f"unsupported operand type(s) for 'in': '{type(member).__qualname__}' and '{type(cls).__qualname__}'"
            )
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __repr__(cls):
        return f"<enum {cls.__name__!r}>"

    def _members(cls):
        return dict(cls._member_map_)

    __members__ = property(_members)


class Enum(metaclass=EnumType):
    def __init_subclass__(cls, **kwds):
        members = {}
        names = []
        values = []
        for base in cls.__mro__[1:]:
            if getattr(base, "__dict__", {}).get("_member_names_"):
                raise TypeError(f"{cls.__name__} cannot extend {base!r}")
        resolved = {}
        # A __new__ of the class's own makes its members (from their values, a tuple
        # spread over its arguments); the class's call then looks members up by
        # value, as CPython's renames it to _new_member_.
        new_member = cls.__dict__.get("__new__")
        if new_member is not None:
            cls._new_member_ = new_member
            cls.__new__ = Enum.__new__
        for name, value in list(vars(cls).items()):
            if not _is_member(name, value):
                continue
            if isinstance(value, auto):
                made = cls._generate_next_value_(name, 1, len(names), values[:])
                resolved[id(value)] = made
                value = made
            elif isinstance(value, _Combined):
                value = _resolve(value, resolved)
            args = value
            if new_member is not None:
                member = new_member(cls, *args) if isinstance(args, tuple) else new_member(cls, args)
                if not hasattr(member, "_value_"):
                    member._value_ = args
                value = member._value_
            values.append(value)
            alias = None
            for existing in members.values():
                if existing._value_ == value:
                    alias = existing
                    break
            if alias is not None:
                members[name] = alias
                setattr(cls, name, alias)
                continue
            if new_member is None:
                member = object.__new__(cls)
                member._value_ = value
            value = args
            member._name_ = name
            init = cls.__dict__.get("__init__")
            if init is not None:
                if isinstance(value, tuple):
                    init(member, *value)
                else:
                    init(member, value)
            members[name] = member
            names.append(name)
            setattr(cls, name, member)
        cls._member_map_ = members
        cls._member_names_ = names

    def __new__(cls, value):
        # The member of that value (Color(1)), as the class's call looks it up.
        if value.__class__ is cls:
            return value
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        missing = cls._missing_(value)
        if missing is not None:
            return missing
        ve_exc = ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise ve_exc  # CPython: enum.py:1135

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)


class _IntMixin:
    # `int` among an Enum's bases: its members are ints too (equal to, ordered among
    # and added to ints), with int's methods; printed as the Enum prints them.

    def _int(self, other):
        return other._value_ if isinstance(other, Enum) else other

    def __eq__(self, other):
        return self._value_ == self._int(other)

    def __hash__(self):
        return hash(self._value_)

    def __lt__(self, other):
        return self._value_ < self._int(other)

    def __le__(self, other):
        return self._value_ <= self._int(other)

    def __gt__(self, other):
        return self._value_ > self._int(other)

    def __ge__(self, other):
        return self._value_ >= self._int(other)

    def __add__(self, other):
        return self._value_ + self._int(other)

    def __radd__(self, other):
        return self._int(other) + self._value_

    def __sub__(self, other):
        return self._value_ - self._int(other)

    def __rsub__(self, other):
        return self._int(other) - self._value_

    def __mul__(self, other):
        return self._value_ * self._int(other)

    def __rmul__(self, other):
        return self._int(other) * self._value_

    def __truediv__(self, other):
        return self._value_ / self._int(other)

    def __rtruediv__(self, other):
        return self._int(other) / self._value_

    def __floordiv__(self, other):
        return self._value_ // self._int(other)

    def __rfloordiv__(self, other):
        return self._int(other) // self._value_

    def __mod__(self, other):
        return self._value_ % self._int(other)

    def __rmod__(self, other):
        return self._int(other) % self._value_

    def __pow__(self, other):
        return self._value_ ** self._int(other)

    def __rpow__(self, other):
        return self._int(other) ** self._value_

    def __index__(self):
        return self._value_

    def __int__(self):
        return self._value_

    def __getattr__(self, name):
        return getattr(self._value_, name)


class IntEnum(_IntMixin, Enum):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


class _StrMixin:
    # `str` among an Enum's bases: its members are strs too (equal to and ordered with
    # strs, added to them), with str's methods; printed as the Enum prints them.

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __hash__(self):
        return hash(self._value_)

    def __lt__(self, other):
        return self._value_ < (other._value_ if isinstance(other, Enum) else other)

    def __add__(self, other):
        return self._value_ + other

    def __radd__(self, other):
        return other + self._value_

    def __len__(self):
        return len(self._value_)

    def __contains__(self, part):
        return part in self._value_

    def __getattr__(self, name):
        return getattr(self._value_, name)


class StrEnum(_StrMixin, Enum):
    # Its members are strs too, printed as their value.

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return self._value_


class Flag(Enum):
    # Members that combine with | & ^ ~; a combination without a name of its own is
    # made when first asked for, named by its members' names.

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        return 2 ** _bits(max(last_values))

    @classmethod
    def _all_bits(cls):
        bits = 0
        for name in cls._member_names_:
            bits |= cls._member_map_[name]._value_
        return bits

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        pseudo = cls.__dict__.get("_pseudo_")
        if pseudo is None:
            pseudo = {}
            cls._pseudo_ = pseudo
        if value in pseudo:
            return pseudo[value]
        allowed = cls._all_bits()
        if value < 0 or value & ~allowed:
            if not issubclass(cls, _IntMixin):
                width = max(_bits(allowed), _bits(value))
                raise ValueError(
                    f"<flag {cls.__name__!r}> invalid value {value}\n"
                    f"    given 0b0 {value:0{width}b}\n  allowed 0b0 {allowed:0{width}b}"
                )
        names = [m._name_ for m in cls._members_in(value)]
        member = object.__new__(cls)
        member._name_ = "|".join(names) if names else None
        member._value_ = value
        pseudo[value] = member
        return member

    @classmethod
    def _members_in(cls, value):
        found = [cls._member_map_[n] for n in cls._member_names_ if cls._canonical(n)]
        found = [m for m in found if m._value_ & value == m._value_]
        # By value, unless the members were defined out of that order: then as defined.
        defined = [cls._member_map_[n]._value_ for n in cls._member_names_]
        if defined != sorted(defined):
            return found
        return sorted(found, key=lambda m: m._value_)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError(
                f"unsupported operand type(s) for 'in': '{type(other).__qualname__}' and '{type(self).__qualname__}'"
            )
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(type(self)._members_in(self._value_))

    def __len__(self):
        return len(type(self)._members_in(self._value_))

    def __bool__(self):
        return bool(self._value_)

    def _other(self, other):
        if isinstance(other, type(self)):
            return other._value_
        if isinstance(other, int) and isinstance(self, _IntMixin):
            return other
        return None

    def __or__(self, other):
        value = self._other(other)
        return NotImplemented if value is None else type(self)(self._value_ | value)

    def __and__(self, other):
        value = self._other(other)
        return NotImplemented if value is None else type(self)(self._value_ & value)

    def __xor__(self, other):
        value = self._other(other)
        return NotImplemented if value is None else type(self)(self._value_ ^ value)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return type(self)(type(self)._all_bits() & ~self._value_)

    def __repr__(self):
        if self._name_ is None:
            return f"<{type(self).__name__}: {self._value_!r}>"
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        if self._name_ is None:
            return f"{type(self).__name__}({self._value_!r})"
        return f"{type(self).__name__}.{self._name_}"


class IntFlag(_IntMixin, Flag):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


def unique(enumeration):
    duplicates = [
        (name, member.name) for name, member in enumeration.__members__.items() if name != member.name
    ]
    if duplicates:
        shown = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {shown}")
    return enumeration
