# inspect: what kind of object something is (the predicates programs use to tell
# coroutine functions, coroutines and awaitables apart).

import asyncio


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


def isawaitable(obj):
    return iscoroutine(obj) or asyncio.isfuture(obj) or hasattr(type(obj), "__await__")


def isgenerator(obj):
    return type(obj).__name__ == "generator"


def isasyncgen(obj):
    return type(obj).__name__ == "async_generator"


def isfunction(obj):
    return type(obj).__name__ == "function"


def ismethod(obj):
    return type(obj).__name__ == "method"


def isclass(obj):
    return isinstance(obj, type)


def isbuiltin(obj):
    return type(obj).__name__ == "builtin_function_or_method"


def _function_kind(obj):
    while type(obj).__name__ == "method":
        obj = obj.__func__
    if type(obj).__name__ != "function":
        return None
    # (A generator function types.coroutine made awaitable stays one, as CPython's
    # keeps its code and only flags it.)
    made_of = getattr(obj, "_types_coroutine_of", None)
    return obj._kind if made_of is None else made_of._kind


def isgeneratorfunction(obj):
    return _function_kind(obj) == "generator"


def isasyncgenfunction(obj):
    return _function_kind(obj) == "async generator"


def iscoroutinefunction(obj):
    return _function_kind(obj) == "coroutine" or asyncio.iscoroutinefunction(obj)


GEN_CREATED = "GEN_CREATED"
GEN_RUNNING = "GEN_RUNNING"
GEN_SUSPENDED = "GEN_SUSPENDED"
GEN_CLOSED = "GEN_CLOSED"
CORO_CREATED = "CORO_CREATED"
CORO_RUNNING = "CORO_RUNNING"
CORO_SUSPENDED = "CORO_SUSPENDED"
CORO_CLOSED = "CORO_CLOSED"
AGEN_CREATED = "AGEN_CREATED"
AGEN_RUNNING = "AGEN_RUNNING"
AGEN_SUSPENDED = "AGEN_SUSPENDED"
AGEN_CLOSED = "AGEN_CLOSED"


def getgeneratorstate(generator):
    return "GEN_" + generator._state


def getcoroutinestate(coroutine):
    return "CORO_" + coroutine._state


def getasyncgenstate(agen):
    return "AGEN_" + agen._state


def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
