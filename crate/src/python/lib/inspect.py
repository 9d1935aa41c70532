# inspect: what kind of object something is (the predicates programs use to tell
# coroutine functions, coroutines and awaitables apart).

import asyncio


def iscoroutinefunction(obj):
    return asyncio.iscoroutinefunction(obj)


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
