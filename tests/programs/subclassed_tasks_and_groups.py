# Classes derived from asyncio.Task and asyncio.Future (a task factory that makes
# them, gather's tasks made by it), exception groups split by a predicate, what
# except* leaves handled, asyncio.wait's checks, str.casefold and exit().
import asyncio
import sys


class CountingTask(asyncio.Task):
    made = 0

    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(coro, loop=loop, name=name, context=context)
        CountingTask.made += 1
        # (Not its default name: the harness runs many programs in one process,
        # whose tasks CPython numbers on.)
        print("made task number", CountingTask.made, "for", self.get_coro().__name__)

    def cancel(self, msg=None):
        print("cancel asked:", msg)
        return super().cancel(msg)


class Promise(asyncio.Future):
    def keep(self, value):
        self.set_result(value)


async def work(n):
    await asyncio.sleep(n / 10)
    if n < 0:
        raise ValueError(n)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(lambda loop, coro, **kwargs: CountingTask(coro, loop=loop, **kwargs))
    first = asyncio.create_task(work(1), name="first")
    print(isinstance(first, asyncio.Task), isinstance(first, asyncio.Future), type(first).__name__)
    print(first)
    print(await first, first.done(), first.result())
    print(await asyncio.gather(work(2), work(3)))
    slow = asyncio.create_task(work(50))
    await asyncio.sleep(0)
    print(slow.cancel("enough"))
    try:
        await slow
    except asyncio.CancelledError as e:
        print("cancelled", e.args, slow.cancelled())
    failing = asyncio.create_task(work(-1))
    try:
        await failing
    except ValueError as e:
        print("failed", repr(e), repr(failing.exception()))
    loop.set_task_factory(None)

    promise = Promise()
    promise.add_done_callback(lambda f: print("kept:", type(f).__name__, f.result()))
    loop.call_later(0.1, promise.keep, 42)
    print(await promise, promise)
    try:
        await asyncio.wait([first], return_when="SOON")
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())

group = ExceptionGroup("many", [ValueError(1), KeyError(2), ExceptionGroup("inner", [ValueError(3)])])


def wanted(e):
    print("  asked about", repr(e))
    return isinstance(e, (ValueError, ExceptionGroup))


print(repr(group.subgroup(wanted)))
matched, rest = group.split(lambda e: isinstance(e, KeyError))
print(repr(matched), repr(rest))
try:
    raise group
except* ValueError as handled:
    print("handling", repr(sys.exc_info()[1]))
except* KeyError:
    print("and the KeyError")
print("after except*:", sys.exc_info())
print("Straße".casefold(), "ΣΑΣ".casefold(), "ﬁne".casefold())
try:
    exit(3)
except SystemExit as e:
    print("exit code", e.code)
