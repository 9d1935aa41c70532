# types: SimpleNamespace, and the types of functions and generators by name.


class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"namespace({items})"

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def _function():
    pass


def _generator():
    yield


FunctionType = type(_function)
LambdaType = FunctionType
BuiltinFunctionType = type(len)
GeneratorType = type(_generator())


async def _coroutine():
    pass


def _method_owner():
    class _C:
        def _m(self):
            pass

    return _C()._m


_probe = _coroutine()
CoroutineType = type(_probe)
_probe.close()
MethodType = type(_method_owner())


class _GeneratorCoroutine:
    # What a generator function under @types.coroutine gives: its generator, awaitable.
    def __init__(self, gen):
        self._gen = gen

    def __await__(self):
        return self._gen

    def __iter__(self):
        return self._gen

    def __next__(self):
        return next(self._gen)

    def send(self, value):
        return self._gen.send(value)

    def throw(self, *args):
        return self._gen.throw(*args)

    def close(self):
        return self._gen.close()


def coroutine(func):
    # A generator-based coroutine: its generator can be awaited.
    if not callable(func):
        raise TypeError("types.coroutine() expects a callable")
    import asyncio

    if asyncio.iscoroutinefunction(func):
        return func

    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if type(coro).__name__ == "generator":
            return _GeneratorCoroutine(coro)
        return coro

    wrapped.__name__ = getattr(func, "__name__", "wrapped")
    wrapped.__qualname__ = getattr(func, "__qualname__", wrapped.__name__)
    wrapped.__doc__ = getattr(func, "__doc__", None)
    wrapped.__wrapped__ = func
    wrapped._types_coroutine_of = func
    return wrapped


class mappingproxy:
    # A read-only view of a mapping (a class's __dict__, re's Pattern.groupindex).

    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return dict(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __repr__(self):
        return f"mappingproxy({self._mapping!r})"

    def __str__(self):
        return str(self._mapping)

    def __setitem__(self, key, value):
        raise TypeError("'mappingproxy' object does not support item assignment")

    def __delitem__(self, key):
        raise TypeError("'mappingproxy' object does not support item deletion")

    def __or__(self, other):
        return dict(self._mapping) | other


MappingProxyType = mappingproxy
