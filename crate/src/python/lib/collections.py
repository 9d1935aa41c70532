# collections' containers, behaving as CPython's: deque, defaultdict, Counter,
# OrderedDict and namedtuple. The mappings here are classes over a dict of their own
# (the playground's classes cannot derive from dict); dict(m), dict.update(m) and
# sorted(m.items()) take them as CPython takes a dict.
from collections.abc import Mapping as _AnyMapping, MutableMapping as _MutableMapping


class _Items:
    # What deque and a class derived from list share: a sequence over self._items.
    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __contains__(self, x):
        return x in self._items


class deque(_Items):
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._items = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def append(self, x):
        self._items.append(x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def rotate(self, n=1):
        size = len(self._items)
        if size:
            n = n % size
            if n:
                self._items[:] = self._items[-n:] + self._items[:-n]

    def clear(self):
        self._items.clear()

    def copy(self):
        return deque(self._items, self._maxlen)

    def count(self, x):
        return self._items.count(x)

    def index(self, x, start=0, stop=None):
        if stop is None:
            stop = len(self._items)
        for i in range(start, min(stop, len(self._items))):
            if self._items[i] == x:
                return i
        raise ValueError(f"{x!r} is not in deque")

    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def remove(self, value):
        for i in range(len(self._items)):
            if self._items[i] == value:
                del self._items[i]
                return
        raise ValueError(f"{value!r} is not in deque")

    def reverse(self):
        self._items.reverse()


    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        if i < -len(self._items) or i >= len(self._items):
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items == other._items

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        return deque(self._items + other._items, self._maxlen)

    def __repr__(self):
        name = type(self).__name__
        if self._maxlen is None:
            return f"{name}({self._items!r})"
        return f"{name}({self._items!r}, maxlen={self._maxlen})"


class _Mapping:
    # What defaultdict, Counter and OrderedDict share: a dict's methods over self._data.

    @classmethod
    def fromkeys(cls, iterable, value=None):
        made = cls()
        for key in iterable:
            made[key] = value
        return made

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __contains__(self, key):
        return key in self._data

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __eq__(self, other):
        if isinstance(other, _Mapping):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return NotImplemented

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, key, default=None):
        return self._data.get(key, default)

    def pop(self, key, *default):
        return self._data.pop(key, *default)

    def popitem(self):
        return self._data.popitem()

    def setdefault(self, key, default=None):
        return self._data.setdefault(key, default)

    def clear(self):
        self._data.clear()

    def update(self, *args, **kwds):
        self._data.update(*args, **kwds)


class _DictBase(_Mapping):
    # What a class derived from dict stands on (the playground's dict is not a class):
    # a dict's methods over self._data, made before __init__ runs, as dict's __new__ does.
    __hash__ = None

    def __new__(cls, *args, **kwds):
        self = object.__new__(cls)
        object.__setattr__(self, "_data", {})
        return self

    def __init__(self, *args, **kwds):
        self._data.update(*args, **kwds)

    def __getitem__(self, key):
        if key in self._data:
            return self._data[key]
        missing = getattr(type(self), "__missing__", None)
        if missing is not None:
            return missing(self, key)
        raise KeyError(key)

    def __repr__(self):
        return repr(self._data)

    def __bool__(self):
        return len(self._data) > 0

    def __or__(self, other):
        if not isinstance(other, (dict, _Mapping)):
            return NotImplemented
        merged = dict(self._data)
        merged.update(other)
        return merged

    def __ior__(self, other):
        self.update(other)
        return self

    def __reversed__(self):
        return reversed(list(self._data))

    def copy(self):
        return dict(self._data)


def _plain(x):
    # The value a class derived from int, float, str or tuple stands for.
    return x._value if isinstance(x, _ValueBase) else x


class _ValueBase:
    # What a class derived from int, float, str or tuple stands on (the playground's
    # values are not classes): the value in self._value, made by __new__ as the type's
    # own __new__ makes it. Its operators and methods are the value's, and so are their
    # results (1.5 + Distance(2) is a float, as in CPython).
    _type = object

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        object.__setattr__(self, "_value", cls._type(*[_plain(a) for a in args], **kwargs))
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __repr__(self):
        return repr(self._value)

    def __format__(self, spec):
        return format(self._value, spec) if spec else str(self)

    def __hash__(self):
        return hash(self._value)

    def __bool__(self):
        return bool(self._value)

    def __eq__(self, other):
        return self._value == _plain(other)

    def __ne__(self, other):
        return self._value != _plain(other)

    def __lt__(self, other):
        return self._value < _plain(other)

    def __le__(self, other):
        return self._value <= _plain(other)

    def __gt__(self, other):
        return self._value > _plain(other)

    def __ge__(self, other):
        return self._value >= _plain(other)

    def __add__(self, other):
        return self._value + _plain(other)

    def __radd__(self, other):
        return _plain(other) + self._value

    def __mul__(self, other):
        return self._value * _plain(other)

    def __rmul__(self, other):
        return _plain(other) * self._value

    def __mod__(self, other):
        return self._value % _plain(other)

    def __rmod__(self, other):
        return _plain(other) % self._value

    def __getattr__(self, name):
        return getattr(self._value, name)


class _NumberBase(_ValueBase):
    # int's and float's operators.
    def __sub__(self, other):
        return self._value - _plain(other)

    def __rsub__(self, other):
        return _plain(other) - self._value

    def __truediv__(self, other):
        return self._value / _plain(other)

    def __rtruediv__(self, other):
        return _plain(other) / self._value

    def __floordiv__(self, other):
        return self._value // _plain(other)

    def __rfloordiv__(self, other):
        return _plain(other) // self._value

    def __divmod__(self, other):
        return divmod(self._value, _plain(other))

    def __rdivmod__(self, other):
        return divmod(_plain(other), self._value)

    def __pow__(self, other, modulo=None):
        if modulo is None:
            return self._value ** _plain(other)
        return pow(self._value, _plain(other), _plain(modulo))

    def __rpow__(self, other):
        return _plain(other) ** self._value

    def __neg__(self):
        return -self._value

    def __pos__(self):
        return +self._value

    def __abs__(self):
        return abs(self._value)

    def __int__(self):
        return int(self._value)

    def __float__(self):
        return float(self._value)

    def __round__(self, ndigits=None):
        return round(self._value, ndigits)

    def __trunc__(self):
        return int(self._value)


class _FloatBase(_NumberBase):
    _type = float


class _IntBase(_NumberBase):
    _type = int

    def __index__(self):
        return self._value

    def __and__(self, other):
        return self._value & _plain(other)

    def __rand__(self, other):
        return _plain(other) & self._value

    def __or__(self, other):
        return self._value | _plain(other)

    def __ror__(self, other):
        return _plain(other) | self._value

    def __xor__(self, other):
        return self._value ^ _plain(other)

    def __rxor__(self, other):
        return _plain(other) ^ self._value

    def __lshift__(self, other):
        return self._value << _plain(other)

    def __rshift__(self, other):
        return self._value >> _plain(other)

    def __invert__(self):
        return ~self._value


class _SequenceBase(_ValueBase):
    # str's and tuple's.
    def __len__(self):
        return len(self._value)

    def __iter__(self):
        return iter(self._value)

    def __contains__(self, x):
        return x in self._value

    def __getitem__(self, i):
        return self._value[i]


class _StrBase(_SequenceBase):
    _type = str

    def __str__(self):
        return self._value


class _TupleBase(_SequenceBase):
    _type = tuple

    def __new__(cls, iterable=()):
        self = object.__new__(cls)
        object.__setattr__(self, "_value", tuple(iterable))
        return self


class _ListBase(_Items):
    # What a class derived from list stands on: a list's methods over self._items.
    __hash__ = None

    def __new__(cls, *args, **kwds):
        self = object.__new__(cls)
        object.__setattr__(self, "_items", [])
        return self

    def __init__(self, iterable=()):
        self._items.clear()
        self._items.extend(iterable)


    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, x):
        self._items[i] = x

    def __delitem__(self, i):
        del self._items[i]

    def _other(self, other):
        if isinstance(other, _ListBase):
            return other._items
        return other

    def __eq__(self, other):
        other = self._other(other)
        return self._items == other if isinstance(other, list) else NotImplemented

    def __lt__(self, other):
        return self._items < self._other(other)

    def __le__(self, other):
        return self._items <= self._other(other)

    def __gt__(self, other):
        return self._items > self._other(other)

    def __ge__(self, other):
        return self._items >= self._other(other)

    def __add__(self, other):
        other = self._other(other)
        if not isinstance(other, list):
            raise TypeError(f'can only concatenate list (not "{type(other).__name__}") to list')
        return self._items + other

    def __radd__(self, other):
        return other + self._items

    def __iadd__(self, other):
        self._items.extend(other)
        return self

    def __mul__(self, n):
        return self._items * n

    __rmul__ = __mul__

    def __imul__(self, n):
        self._items[:] = self._items * n
        return self

    def __repr__(self):
        return repr(self._items)

    def append(self, x):
        self._items.append(x)

    def extend(self, iterable):
        self._items.extend(iterable)

    def insert(self, i, x):
        self._items.insert(i, x)

    def pop(self, *i):
        return self._items.pop(*i)

    def remove(self, x):
        self._items.remove(x)

    def index(self, x, *bounds):
        return self._items.index(x, *bounds)

    def count(self, x):
        return self._items.count(x)

    def sort(self, *, key=None, reverse=False):
        self._items.sort(key=key, reverse=reverse)

    def reverse(self):
        self._items.reverse()

    def copy(self):
        return list(self._items)

    def clear(self):
        self._items.clear()


class UserDict(_DictBase):
    # collections.UserDict: a dict whose contents are in self.data.
    def __init__(self, dict=None, /, **kwargs):
        object.__setattr__(self, "data", self._data)
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __setitem__(self, key, value):
        self.data[key] = value

    def update(self, *args, **kwds):
        for source in args:
            pairs = source.items() if hasattr(source, "items") else source
            for key, value in pairs:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def copy(self):
        return type(self)(self.data)


class UserList(_ListBase):
    # collections.UserList: a list whose items are in self.data.
    def __init__(self, initlist=None):
        object.__setattr__(self, "data", self._items)
        if initlist is not None:
            self._items.extend(initlist)

    def copy(self):
        return type(self)(self.data)


class defaultdict(_Mapping):
    def __init__(self, default_factory=None, *args, **kwds):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        self._data = dict(*args, **kwds)

    def __getitem__(self, key):
        if key in self._data:
            return self._data[key]
        return self.__missing__(key)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._data[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._data)

    def __repr__(self):
        factory = self.default_factory
        shown = "None" if factory is None else repr(factory)
        return f"{type(self).__name__}({shown}, {self._data!r})"


class Counter(_Mapping):
    def __init__(self, iterable=None, **kwds):
        self._data = {}
        self.update(iterable, **kwds)

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def __getitem__(self, key):
        return self._data.get(key, 0)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for key, count in iterable.items():
                    self._data[key] = self._data.get(key, 0) + count
            else:
                for key in iterable:
                    self._data[key] = self._data.get(key, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for key, count in iterable.items():
                    self._data[key] = self._data.get(key, 0) - count
            else:
                for key in iterable:
                    self._data[key] = self._data.get(key, 0) - 1
        if kwds:
            self.subtract(kwds)

    def most_common(self, n=None):
        ordered = sorted(self._data.items(), key=lambda item: item[1], reverse=True)
        if n is None:
            return ordered
        return ordered[: max(n, 0)]

    def elements(self):
        for key, count in self._data.items():
            for _ in range(count):
                yield key

    def total(self):
        return sum(self._data.values())

    def copy(self):
        return type(self)(self)

    def __delitem__(self, key):
        if key in self._data:
            del self._data[key]

    def __repr__(self):
        if not self._data:
            return f"{type(self).__name__}()"
        shown = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
        return f"{type(self).__name__}({{{shown}}})"

    def _keep(self, pairs):
        result = Counter()
        for key, count in pairs:
            if count > 0:
                result._data[key] = count
        return result

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        pairs = [(k, c + other[k]) for k, c in self._data.items()]
        pairs += [(k, c) for k, c in other._data.items() if k not in self._data]
        return self._keep(pairs)

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        pairs = [(k, c - other[k]) for k, c in self._data.items()]
        pairs += [(k, -c) for k, c in other._data.items() if k not in self._data]
        return self._keep(pairs)

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        pairs = [(k, max(c, other[k])) for k, c in self._data.items()]
        pairs += [(k, c) for k, c in other._data.items() if k not in self._data]
        return self._keep(pairs)

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._keep([(k, min(c, other[k])) for k, c in self._data.items()])

    def __pos__(self):
        return self._keep([(k, c) for k, c in self._data.items()])

    def __neg__(self):
        return self._keep([(k, -c) for k, c in self._data.items()])

    def _all(self, other, test):
        # Counters compared as multisets: a missing element counts zero.
        if not isinstance(other, Counter):
            return NotImplemented
        return all(test(self[k], other[k]) for k in list(self._data) + list(other._data))

    def __eq__(self, other):
        if isinstance(other, dict) and not isinstance(other, Counter):
            return self._data == other
        return self._all(other, lambda a, b: a == b)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __le__(self, other):
        return self._all(other, lambda a, b: a <= b)

    def __lt__(self, other):
        return self.__le__(other) and self != other if isinstance(other, Counter) else NotImplemented

    def __ge__(self, other):
        return self._all(other, lambda a, b: a >= b)

    def __gt__(self, other):
        return self.__ge__(other) and self != other if isinstance(other, Counter) else NotImplemented


class OrderedDict(_Mapping):
    def __init__(self, *args, **kwds):
        self._data = dict(*args, **kwds)

    def __getitem__(self, key):
        return self._data[key]

    def move_to_end(self, key, last=True):
        value = self._data.pop(key)
        if last:
            self._data[key] = value
        else:
            rest = self._data
            self._data = {key: value}
            self._data.update(rest)

    def popitem(self, last=True):
        if not self._data:
            raise KeyError("dictionary is empty")
        if last:
            return self._data.popitem()
        key = next(iter(self._data))
        return (key, self._data.pop(key))

    def copy(self):
        return OrderedDict(self._data)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._data.items()) == list(other._data.items())
        return _Mapping.__eq__(self, other)

    def __repr__(self):
        if not self._data:
            return f"{type(self).__name__}()"
        return f"{type(self).__name__}({list(self._data.items())!r})"


class _Missing:
    pass


_MISSING = _Missing()


def _listed(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} and {quoted[1]}"
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


class _NamedTuple:
    # What every class namedtuple makes shares: a tuple of values in self._values.

    def __init__(self, *args, **kwds):
        cls = type(self)
        fields = cls._fields
        count = len(fields)
        values = list(args[:count]) + [_MISSING] * (count - min(len(args), count))
        for name, value in kwds.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__}.__new__() got an unexpected keyword argument '{name}'")
            i = fields.index(name)
            if values[i] is not _MISSING:
                raise TypeError(f"{cls.__name__}.__new__() got multiple values for argument '{name}'")
            values[i] = value
        if len(args) > count:
            least = count - len(cls._field_defaults) + 1
            takes = f"{count + 1} positional argument{'' if count == 0 else 's'}"
            if least < count + 1:
                takes = f"from {least} to {count + 1} positional arguments"
            raise TypeError(f"{cls.__name__}.__new__() takes {takes} but {len(args) + 1} were given")
        missing = []
        for i in range(count):
            if values[i] is _MISSING:
                if fields[i] in cls._field_defaults:
                    values[i] = cls._field_defaults[fields[i]]
                else:
                    missing.append(fields[i])
        if missing:
            plural = "" if len(missing) == 1 else "s"
            raise TypeError(
                f"{cls.__name__}.__new__() missing {len(missing)} required positional argument{plural}: "
                + _listed(missing)
            )
        self._values = tuple(values)

    @classmethod
    def _make(cls, iterable):
        values = tuple(iterable)
        if len(values) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(values)}")
        return cls(*values)

    def _asdict(self):
        return dict(zip(self._fields, self._values))

    def _replace(self, **kwds):
        values = [kwds.pop(name, value) for name, value in zip(self._fields, self._values)]
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return type(self)(*values)

    def __repr__(self):
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values))
        return f"{type(self).__name__}({shown})"

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __getitem__(self, i):
        return self._values[i]

    def __contains__(self, x):
        return x in self._values

    def count(self, x):
        return self._values.count(x)

    def index(self, x):
        return self._values.index(x)

    def _other(self, other):
        if isinstance(other, _NamedTuple):
            return other._values
        if isinstance(other, tuple):
            return other
        return None

    def __eq__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values == values

    def __lt__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values < values

    def __le__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values <= values

    def __gt__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values > values

    def __ge__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values >= values

    def __add__(self, other):
        values = self._other(other)
        return NotImplemented if values is None else self._values + values

    def __hash__(self):
        return hash(self._values)


class _tuplegetter:
    # A named tuple's field: its item, read only (CPython's _collections._tuplegetter).
    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance._values[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")


def _field(i):
    return _tuplegetter(i, f"Alias for field number {i}")


_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except"
    " finally for from global if import in is lambda nonlocal not or pass raise return try"
    " while with yield".split()
)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = [str(name) for name in field_names]
    typename = str(typename)
    if rename:
        # A name that cannot be a field's becomes its position's: _0, _1...
        taken = set()
        for i, name in enumerate(fields):
            if not name.isidentifier() or name in _KEYWORDS or name.startswith("_") or name in taken:
                fields[i] = f"_{i}"
            taken.add(name)
    fields = tuple(fields)
    for name in (typename,) + fields:
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = []
    for name in fields:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.append(name)
    defaults = () if defaults is None else tuple(defaults)
    if len(defaults) > len(fields):
        raise TypeError("Got more default values than field names")
    namespace = {
        "_fields": fields,
        "__match_args__": fields,
        "_field_defaults": dict(zip(fields[len(fields) - len(defaults) :], defaults)),
    }
    for i, name in enumerate(fields):
        namespace[name] = _field(i)
    return type(typename, (_NamedTuple,), namespace)


class ChainMap(_MutableMapping):
    # Several mappings looked up as one, the first that has a key winning; writes go
    # to the first (update, setdefault and the views are MutableMapping's).

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        seen = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                seen[key] = None
        return iter(seen)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(map(repr, self.maps))})"

    def copy(self):
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.")

    @classmethod
    def fromkeys(cls, iterable, value=None, /):
        return cls(dict.fromkeys(iterable, value))

    def __or__(self, other):
        if not isinstance(other, _AnyMapping):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def pop(self, key, *default):
        try:
            return self.maps[0].pop(key, *default)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def clear(self):
        self.maps[0].clear()
