# weakref: references that do not keep their object alive, as CPython's: an object the
# program no longer holds is gone at once (the playground counts references as CPython
# does), and its weak references give None. A reference's callback and a finalize run
# when an object of the program's classes is freed, at the machine's next safe point.

import itertools as _itertools
from weakref import _ref, _get, _watch


class ReferenceType:
    def __init__(self, obj, callback=None):
        self._held = _ref(obj)
        self._hash = None
        self._callback = callback
        if callback is not None:
            # (Held weakly: a reference freed first never calls back, as in CPython.)
            _watch(obj, self, True)

    @property
    def __callback__(self):
        return self._callback

    def _fire(self):
        callback, self._callback = self._callback, None
        if callback is not None:
            self._what = callback
            callback(self)

    def __call__(self):
        return _get(self._held)

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a, b = self(), other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        if self._hash is None:
            obj = self()
            if obj is None:
                raise TypeError("weak object has gone away")
            self._hash = hash(obj)
        return self._hash

    def __repr__(self):
        obj = self()
        if obj is None:
            return f"<weakref at {hex(id(self))}; dead>"
        return f"<weakref at {hex(id(self))}; to '{type(obj).__qualname__}' at {hex(id(obj))}>"


ref = ReferenceType


class WeakMethod(ReferenceType):
    def __init__(self, meth, callback=None):
        try:
            obj, func = meth.__self__, meth.__func__
        except AttributeError:
            raise TypeError(f"argument should be a bound method, not {type(meth)}") from None
        super().__init__(obj, callback)
        self._func = func
        self._name = func.__name__

    def __call__(self):
        obj = super().__call__()
        if obj is None:
            return None
        return getattr(obj, self._name)


def proxy(obj, callback=None):
    made = ProxyType(obj)
    if callback is not None:
        object.__setattr__(made, "_ref", ref(obj, lambda _: callback(made)))
    return made


class ProxyType:
    def __init__(self, obj):
        object.__setattr__(self, "_ref", ref(obj))

    def _target(self):
        obj = self._ref()
        if obj is None:
            raise ReferenceError("weakly-referenced object no longer exists")
        return obj

    def __getattr__(self, name):
        return getattr(self._target(), name)

    def __setattr__(self, name, value):
        setattr(self._target(), name, value)

    def __repr__(self):
        obj = self._target()
        return f"<weakproxy at {hex(id(self))}; to '{type(obj).__qualname__}' at {hex(id(obj))}>"

    def __str__(self):
        return str(self._target())


def getweakrefcount(obj):
    return 0


def getweakrefs(obj):
    return []


class finalize:
    # CPython's: each alive one is in the registry, its reference's callback itself;
    # those still alive when the interpreter exits are called then, newest first.
    _registry = {}
    _shutdown = False
    _index_iter = _itertools.count()
    _dirty = False
    _registered_with_atexit = False

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            import atexit

            atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True
        info = self._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = next(self._index_iter)
        self._registry[self] = info
        finalize._dirty = True

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not self._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))  # CPython: weakref.py:590

    def detach(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _select_for_exit(cls):
        chosen = [(f, i) for (f, i) in cls._registry.items() if i.atexit]
        chosen.sort(key=lambda item: item[1].index)
        return [f for (f, i) in chosen]

    @classmethod
    def _exitfunc(cls):
        try:
            if cls._registry:
                pending = None
                while True:
                    if pending is None or finalize._dirty:
                        pending = cls._select_for_exit()
                        finalize._dirty = False
                    if not pending:
                        break
                    f = pending.pop()
                    try:
                        f()
                    except Exception:
                        import sys

                        sys.excepthook(*sys.exc_info())
        finally:
            finalize._shutdown = True


class _WeakMapping:
    # What the two weak dictionaries share: their views, over the pairs still alive.
    def __len__(self):
        return len(self._alive())

    def __iter__(self):
        return iter([k for k, _ in self._alive()])

    def keys(self):
        return [k for k, _ in self._alive()]

    def values(self):
        return [v for _, v in self._alive()]

    def items(self):
        return self._alive()


class WeakValueDictionary(_WeakMapping):
    def __init__(self, other=(), **kwargs):
        self.data = {}
        self.update(other, **kwargs)

    def __getitem__(self, key):
        obj = self.data[key]()
        if obj is None:
            raise KeyError(key)
        return obj

    def __setitem__(self, key, value):
        self.data[key] = ref(value)

    def __delitem__(self, key):
        del self.data[key]

    def _alive(self):
        return [(k, r()) for k, r in list(self.data.items()) if r() is not None]

    def __contains__(self, key):
        r = self.data.get(key)
        return r is not None and r() is not None

    def get(self, key, default=None):
        r = self.data.get(key)
        obj = r() if r is not None else None
        return default if obj is None else obj

    def pop(self, key, *default):
        r = self.data.pop(key, None)
        obj = r() if r is not None else None
        if obj is None:
            if default:
                return default[0]
            raise KeyError(key)
        return obj

    def setdefault(self, key, default=None):
        obj = self.get(key)
        if obj is None:
            self[key] = default
            return default
        return obj

    def update(self, other=(), **kwargs):
        items = other.items() if hasattr(other, "items") else other
        for k, v in items:
            self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def copy(self):
        return WeakValueDictionary(self.items())

    def __repr__(self):
        return f"<WeakValueDictionary at {hex(id(self))}>"


class WeakKeyDictionary(_WeakMapping):
    def __init__(self, other=None):
        self.data = {}
        if other is not None:
            self.update(other)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def _alive(self):
        return [(r(), v) for r, v in list(self.data.items()) if r() is not None]

    def __contains__(self, key):
        try:
            return ref(key) in self.data and ref(key)() is not None
        except TypeError:
            return False

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key), default)

    def update(self, other=None, **kwargs):
        items = other.items() if hasattr(other, "items") else (other or ())
        for k, v in items:
            self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def __repr__(self):
        return f"<WeakKeyDictionary at {hex(id(self))}>"


class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        if data is not None:
            for item in data:
                self.add(item)

    def _alive(self):
        return [r() for r in list(self.data) if r() is not None]

    def add(self, item):
        self.data.add(ref(item))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        for item in self._alive():
            self.discard(item)
            return item
        raise KeyError("pop from empty WeakSet")

    def clear(self):
        self.data.clear()

    def __contains__(self, item):
        try:
            return ref(item) in self.data
        except TypeError:
            return False

    def __iter__(self):
        return iter(self._alive())

    def __len__(self):
        return len(self._alive())

    def __repr__(self):
        return repr(self.data)
