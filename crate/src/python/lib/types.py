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
    return wrapped
