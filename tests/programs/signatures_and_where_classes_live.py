# inspect.signature as decorators and validators read it, and the modules classes say
# they live in.
import asyncio
import functools
import inspect
import typing


def configure(host, port: int, /, retries=3, *extra, timeout: 'float' = 2.5, verbose, **options) -> typing.Optional[str]:
    return None


sig = inspect.signature(configure)
print(sig)
print(repr(sig), list(sig.parameters))
for name, param in sig.parameters.items():
    print(f"{name:8} {str(param.kind):22} default={param.default!r:10} annotation={param.annotation!r}")
print(repr(sig.parameters["timeout"]), repr(sig.parameters["host"].kind), sig.return_annotation)
print(inspect.signature(lambda value, *, scale=2: value * scale))


class Sensor:
    def __init__(self, name, unit="C"):
        self.name = name

    def read(self, samples: int = 1) -> float:
        return 0.0


print(inspect.signature(Sensor), inspect.signature(Sensor("t").read), inspect.signature(Sensor.read))

bound = sig.bind("db", 5432, verbose=True)
print(bound, bound.arguments, bound.args, bound.kwargs)
bound.apply_defaults()
print(bound)
for args, kwargs in (((), {}), (("h",), {}), (("h", 1, 2), {"retries": 4, "verbose": 0})):
    try:
        sig.bind(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


def logged(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        bound = inspect.signature(fn).bind(*args, **kwargs)
        bound.apply_defaults()
        print(f"calling {fn.__name__}{bound.args}")
        return await fn(*args, **kwargs)
    return wrapper


@logged
async def fetch(url: str, timeout: float = 1.0):
    await asyncio.sleep(timeout / 10)
    return len(url)


print(fetch.__name__, inspect.signature(fetch))
print(asyncio.run(fetch("https://example.org")))
print(configure.__code__.co_flags, fetch.__code__.co_flags, Sensor.read.__code__.co_flags)
for cls in (int, ValueError, asyncio.CancelledError, asyncio.Task, asyncio.QueueFull, type(asyncio.Lock())):
    print(cls.__module__, cls)
print(asyncio.Lock, asyncio.Event, asyncio.Future, asyncio.TaskGroup)
