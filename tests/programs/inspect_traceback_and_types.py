# What programs ask of their own functions, coroutines and tracebacks: inspect's
# kinds and states, traceback's summaries of frames, types.coroutine's
# generator-based coroutines.
import asyncio
import inspect
import traceback
import types


def countdown(n):
    while n:
        yield n
        n -= 1


async def fetch(delay):
    await asyncio.sleep(delay)
    return delay


async def numbers():
    yield 1


class Service:
    def handle(self):
        """Handles one request.

            Indented more, kept relative.
        """

    async def serve(self):
        pass


@types.coroutine
def legacy_wait(delay):
    # A generator-based coroutine, as asyncio's were before async def.
    value = yield from asyncio.sleep(delay, result="slept").__await__()
    return value + " the old way"


def parse(text):
    return int(text)


def load(texts):
    return [parse(t) for t in texts]


def where_am_i():
    return [(f.name, f.lineno, f.line) for f in traceback.extract_stack()]


async def main():
    print(inspect.isgeneratorfunction(countdown), inspect.iscoroutinefunction(fetch),
          inspect.isasyncgenfunction(numbers), inspect.iscoroutinefunction(Service().serve),
          inspect.isgeneratorfunction(fetch))
    g = countdown(2)
    print(inspect.getgeneratorstate(g), next(g), inspect.getgeneratorstate(g))
    g.close()
    print(inspect.getgeneratorstate(g))
    coro = fetch(0.1)
    print(inspect.getcoroutinestate(coro), await coro, inspect.getcoroutinestate(coro))
    print(inspect.getdoc(Service.handle))
    print(inspect.getdoc(Service))
    print(await legacy_wait(0.2), type(types.coroutine) is types.FunctionType)
    print(types.CoroutineType, types.MethodType)
    try:
        load(["1", "two"])
    except ValueError as e:
        frames = traceback.extract_tb(e.__traceback__)
        print(len(frames), [(f.name, f.lineno) for f in frames], frames[-1].line)
        # (format_tb's text is CPython's with carets under the failing part of each
        # line, which the playground's tracebacks do not draw.)
        for filename, lineno, name, line in frames:
            print(filename, lineno, name, line)
    print(where_am_i()[-2:])
    print("".join(traceback.format_list([("main.py", 12, "countdown", "yield n")])), end="")


asyncio.run(main())
