# enum, as CPython 3.11's enum.py behaves for the programs people write: Enum,
# IntEnum, StrEnum, auto and unique. The members are made when the class is (in
# __init_subclass__), and the class itself is iterated, called and subscripted
# through its metaclass, EnumType.


class auto:
    def __init__(self):
        self.value = None

    def __repr__(self):
        return "auto()"


def _is_member(name, value):
    if name.startswith("_"):
        return False
    kind = type(value).__name__
    return kind not in ("function", "property", "staticmethod", "classmethod", "builtin_function_or_method")


class EnumType(type):
    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1):
        if names is not None:
            return cls._functional(value, names, start)
        if value.__class__ is cls:
            return value
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

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

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

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
        for name, value in list(vars(cls).items()):
            if not _is_member(name, value):
                continue
            if isinstance(value, auto):
                value = cls._generate_next_value_(name, 1, len(names), values[:])
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
            member = object.__new__(cls)
            member._name_ = name
            member._value_ = value
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

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

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


def unique(enumeration):
    duplicates = [
        (name, member.name) for name, member in enumeration.__members__.items() if name != member.name
    ]
    if duplicates:
        shown = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {shown}")
    return enumeration
