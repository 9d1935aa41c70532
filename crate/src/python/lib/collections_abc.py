# collections.abc: the abstract classes, as CPython's _collections_abc.py has them: a
# class is one of them if it derives from it, is registered (the built-in types are), or,
# for those that ask for one method (Iterable, Sized, Hashable...), has that method; a
# class deriving from Sequence, Mapping or a mutable one gets their other methods.
# Subscripted in annotations (`Iterable[int]`), each gives itself back.


class _AbcMeta(type):
    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in getattr(subclass, "__mro__", ()):
            return True
        # (Registered with it, or with a class deriving from it: a list, registered as a
        # MutableSequence, is a Sequence.)
        for kind in _REGISTERING:
            if cls not in kind.__mro__:
                continue
            for registered in vars(kind).get("_registered", ()):
                if subclass == registered or _derives(subclass, registered):
                    return True
        needs = vars(cls).get("_needs")
        if needs is not None:
            return all(_has(subclass, name) for name in needs)
        return False

    def register(cls, subclass):
        if "_registered" not in vars(cls):
            cls._registered = []
            _REGISTERING.append(cls)
        cls._registered.append(subclass)
        return subclass


# The classes something is registered with.
_REGISTERING = []


def _derives(subclass, registered):
    try:
        return subclass != registered and issubclass(subclass, registered)
    except TypeError:
        return False


_COLLECTIONS = {"list", "tuple", "str", "bytes", "dict", "set", "frozenset", "range", "dict_keys", "dict_values",
                "dict_items"}
_ITERATORS = {"list_iterator", "tuple_iterator", "str_ascii_iterator", "str_iterator", "range_iterator",
              "dict_keyiterator", "set_iterator", "bytes_iterator", "generator", "map", "filter", "zip",
              "enumerate", "reversed", "list_reverseiterator", "iterator"}
_BUILT_IN = {
    "__iter__": _COLLECTIONS | _ITERATORS,
    "__next__": _ITERATORS,
    "__len__": _COLLECTIONS,
    "__contains__": _COLLECTIONS,
    "__reversed__": {"list", "dict", "range", "dict_keys", "dict_values", "dict_items"},
    "__call__": {"function", "builtin_function_or_method", "method", "type"},
    "send": {"generator", "coroutine"},
    "throw": {"generator", "coroutine"},
    "close": {"generator", "coroutine"},
    "__await__": {"coroutine", "Future", "Task"},
    "__aiter__": {"async_generator"},
    "__anext__": {"async_generator"},
    "asend": {"async_generator"},
    "athrow": {"async_generator"},
    "aclose": {"async_generator"},
}
_UNHASHABLE = {"list", "dict", "set", "dict_keys", "dict_items"}


def _has(subclass, name):
    # The method, defined and not None, on the class or above it; for a built-in type,
    # whether it has it.
    for kind in subclass.__mro__:
        try:
            own = vars(kind)
        except TypeError:
            if kind is subclass:
                if name == "__hash__":
                    return subclass.__name__ not in _UNHASHABLE
                return subclass.__name__ in _BUILT_IN.get(name, ())
            continue
        if name in own:
            return own[name] is not None
    return name == "__hash__"


class _Abc(metaclass=_AbcMeta):
    __slots__ = ()

    def __class_getitem__(cls, item):
        return cls


class Hashable(_Abc):
    _needs = ("__hash__",)


class Awaitable(_Abc):
    _needs = ("__await__",)


class Coroutine(Awaitable):
    _needs = ("send", "throw", "close", "__await__")


class AsyncIterable(_Abc):
    _needs = ("__aiter__",)


class AsyncIterator(AsyncIterable):
    _needs = ("__aiter__", "__anext__")

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    _needs = ("__aiter__", "__anext__", "asend", "athrow", "aclose")


class Iterable(_Abc):
    _needs = ("__iter__",)


class Iterator(Iterable):
    _needs = ("__iter__", "__next__")

    def __iter__(self):
        return self


class Reversible(Iterable):
    _needs = ("__reversed__", "__iter__")


class Generator(Iterator):
    _needs = ("__iter__", "__next__", "send", "throw", "close")


class Sized(_Abc):
    _needs = ("__len__",)


class Container(_Abc):
    _needs = ("__contains__",)


class Collection(Sized, Iterable, Container):
    _needs = ("__len__", "__iter__", "__contains__")


class Callable(_Abc):
    _needs = ("__call__",)


class Set(Collection):
    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) <= len(other) and all(e in other for e in self)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) >= len(other) and all(e in self for e in other)

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def isdisjoint(self, other):
        return all(value not in self for value in other)

    # The operators make a new set of the same class from what they pick
    # (_from_iterable, which a class may override), as CPython's mixins do.
    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def _as_set(self, other):
        if isinstance(other, Set):
            return other
        return self._from_iterable(other) if isinstance(other, Iterable) else None

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for part in (self, other) for value in part)

    __ror__ = __or__

    def __sub__(self, other):
        other = self._as_set(other)
        if other is None:
            return NotImplemented
        return self._from_iterable(value for value in self if value not in other)

    def __rsub__(self, other):
        other = self._as_set(other)
        if other is None:
            return NotImplemented
        return self._from_iterable(value for value in other if value not in self)

    def __xor__(self, other):
        other = self._as_set(other)
        if other is None:
            return NotImplemented
        return (self - other) | (other - self)

    __rxor__ = __xor__


class MutableSet(Set):
    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass


class Mapping(Collection):
    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())


class MutableMapping(Mapping):
    _marker = object()

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is self._marker:
                raise
            return default
        del self[key]
        return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), /, **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class Sequence(Reversible, Collection):
    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


class ByteString(Sequence):
    pass


class MappingView(Sized):
    # A mapping's keys, items or values, as they stand whenever they are asked.

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f"{type(self).__name__}({self._mapping!r})"


class KeysView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView, Collection):
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


Sequence.register(tuple)
Sequence.register(str)
Sequence.register(range)
Sequence.register(bytes)
MutableSequence.register(list)
MutableMapping.register(dict)
Set.register(frozenset)
MutableSet.register(set)
