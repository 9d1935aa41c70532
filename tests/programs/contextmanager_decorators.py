# contextlib's contextmanager and asynccontextmanager: a generator that yields once
# becomes a context manager; what the body raises is thrown in at the yield.
import asyncio
from contextlib import asynccontextmanager, contextmanager


@contextmanager
def section(title):
    print(f"== {title} ==")
    try:
        yield title.lower()
    finally:
        print(f"== end of {title} ==")


@contextmanager
def ignoring(kind):
    try:
        yield
    except kind as e:
        print("ignored", type(e).__name__, e)


@contextmanager
def translated():
    try:
        yield
    except KeyError as e:
        raise LookupError(f"no such key: {e}") from e


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


with section("Setup") as name:
    print("inside", name)

with ignoring(ZeroDivisionError):
    print(1 / 0)
print("went on")

try:
    with translated():
        {}["colour"]
except LookupError as e:
    print("LookupError:", e, "| cause:", repr(e.__cause__))

for manager in (no_yield, two_yields):
    try:
        with manager():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)


@section("Decorated")
def compute(x):
    print("computing", x)
    return x * 2


print(compute(21), compute.__name__)

opened = []


@asynccontextmanager
async def connection(host):
    await asyncio.sleep(0.1)
    opened.append(host)
    print(f"connected to {host} at {asyncio.get_running_loop().time():.1f}")
    try:
        yield {"host": host, "queries": 0}
    finally:
        await asyncio.sleep(0.05)
        opened.remove(host)
        print(f"closed {host}")


async def query(host, n):
    async with connection(host) as conn:
        for _ in range(n):
            await asyncio.sleep(0.1)
            conn["queries"] += 1
        return conn["queries"]


async def failing(host):
    async with connection(host):
        await asyncio.sleep(0.05)
        raise ConnectionError(f"{host} went away")


async def main():
    results = await asyncio.gather(query("db1", 2), query("db2", 3), failing("db3"), return_exceptions=True)
    print(results, opened)
    async with connection("db4") as conn:
        print("using", conn["host"])
    print("left", opened)
    with section("Teardown"):
        await asyncio.sleep(0.1)
    async with connection("db5"):
        raise ValueError("the last one fails")


async def stacked():
    # Exit stacks: as many managers as there are names, left in reverse order.
    from contextlib import AsyncExitStack, ExitStack

    with ExitStack() as stack:
        titles = [stack.enter_context(section(t)) for t in ("One", "Two")]
        stack.callback(print, "callback after", titles)
        print("stacked", titles)
    async with AsyncExitStack() as stack:
        hosts = [await stack.enter_async_context(connection(h)) for h in ("db6", "db7")]
        stack.push_async_callback(asyncio.sleep, 0.01)
        print("both open", [h["host"] for h in hosts], sorted(opened))
    print("after the stack", opened, dict.fromkeys(["db6", "db7"], "closed"))
    try:
        with ExitStack() as stack:
            stack.enter_context(ignoring(KeyError))
            stack.enter_context(section("Three"))
            raise KeyError("lost")
    except KeyError:
        print("not reached: the KeyError was ignored")
    print("went on after the stack")


asyncio.run(stacked())
asyncio.run(main())


# closing and aclosing: an object's close() and an async generator's aclose() on the
# way out, also when the loop over it stops early.
from contextlib import aclosing, closing


class Connection:
    def close(self):
        print("connection closed")


async def readings():
    try:
        for n in range(100):
            await asyncio.sleep(0.01)
            yield n * n
    finally:
        print("readings closed at", round(asyncio.get_running_loop().time(), 2))


async def read_some():
    with closing(Connection()) as c:
        print("using", type(c).__name__)
    async with aclosing(readings()) as stream:
        async for value in stream:
            if value > 10:
                break
    print("after aclosing")


asyncio.run(read_some())
