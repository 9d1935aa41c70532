# asyncio.Runner's runs on one loop, gather's future used as a future (callbacks,
# result, cancel), futures cancelled with a message, a with statement whose __exit__
# blocks, asyncio's coroutines never awaited, classes with __slots__, and
# zip(strict=True) and ascii().
import asyncio
import contextvars
import time

visits = contextvars.ContextVar("visits", default=0)


async def step(name, delay):
    await asyncio.sleep(delay)
    visits.set(visits.get() + 1)
    print(name, "visits", visits.get())
    return name.upper()


async def lingering():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("lingering cancelled as the runner closed")
        raise


def with_a_runner():
    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        print("loop running?", loop.is_running(), "closed?", loop.is_closed())
        print(runner.run(step("first", 0.1)))
        left = loop.create_task(lingering())
        print(runner.run(step("second", 0.2)), left.done())
        print("same loop:", runner.get_loop() is loop)
        try:
            runner.run(42)
        except ValueError as e:
            print("ValueError:", e)
    print("closed after with:", loop.is_closed(), left.cancelled(), visits.get())
    late = step("late", 0)
    try:
        runner.run(late)
    except RuntimeError as e:
        print("RuntimeError:", e)
    late.close()


# (A notebook cell's loop is running already: a Runner is for scripts.)
try:
    asyncio.get_running_loop()
except RuntimeError:
    with_a_runner()


class Stopwatch:
    # A context manager whose __enter__ and __exit__ block, as time.sleep does.
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        time.sleep(0.05)
        self.started = time.monotonic()
        return self

    def __exit__(self, kind, value, tb):
        time.sleep(0.1)
        print(self.label, "took", round(time.monotonic() - self.started, 2), "swallowing", kind.__name__ if kind else None)
        return kind is KeyError


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Point3(Point):
    __slots__ = ("z",)


class Tagged(Point):
    pass


async def main():
    loop = asyncio.get_running_loop()
    # The await forgotten: asyncio's own coroutines warn as the program's do.
    asyncio.sleep(0.1)
    asyncio.Lock().acquire()
    group = asyncio.gather(step("a", 0.3), step("b", 0.1))
    group.add_done_callback(lambda g: print("gather done:", g.result(), g.exception()))
    print(await group, group.done(), group.cancelled())

    slow = asyncio.gather(asyncio.sleep(5), step("never", 6))
    await asyncio.sleep(0)
    try:
        slow.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    print("cancel:", slow.cancel("enough"), slow.cancel())
    try:
        await slow
    except asyncio.CancelledError as e:
        print("gather cancelled:", e.args, slow.cancelled(), type(slow.exception()).__name__)

    settled = asyncio.gather(step("c", 0.1), asyncio.sleep(3), return_exceptions=True)
    loop.call_later(0.5, settled.cancel)
    try:
        await settled
    except asyncio.CancelledError:
        print("settled cancelled, done:", settled.done())

    fut = loop.create_future()
    loop.call_later(0.2, fut.cancel, "timed out waiting")
    try:
        await fut
    except asyncio.CancelledError as e:
        print("future cancelled:", e.args, fut.cancelled())
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("its result:", e.args)

    with Stopwatch("quiet"):
        await asyncio.sleep(0.2)
    with Stopwatch("swallow"):
        {}["missing"]
    print("after the swallowed KeyError")

    p, p3, t = Point(1, 2), Point3(1, 2), Tagged(0, 0)
    p3.z = 3
    t.label = "free"
    for obj, name in [(p, "z"), (p3, "w"), (t, "w")]:
        try:
            setattr(obj, name, 9)
            print("set", name, "on", obj)
        except AttributeError as e:
            print("AttributeError:", e)
    print(list(zip("ab", [1, 2], strict=True)))
    for args in (("ab", [1]), ("a", [1, 2]), ("ab", "ab", "abc")):
        try:
            list(zip(*args, strict=True))
        except ValueError as e:
            print("ValueError:", e)
    print(ascii(["café", "naïve", "日本", "😀"]), ascii(42))


asyncio.run(main())
