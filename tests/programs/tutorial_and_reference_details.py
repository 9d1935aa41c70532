# Details the Python tutorial and the library reference show in passing, which programs
# then use: the rarer built-in exceptions, index() with bounds, %-formatting from a
# mapping of the program's, typed caches, abstract context managers, brackets around
# a with's items, iter() with a sentinel, the old throw(type, value), ISO times with
# their offsets, and a futures package imported from its parent.
import asyncio
import contextlib
import operator
import textwrap
from collections import Counter, defaultdict
from concurrent import futures
from datetime import datetime, time
from functools import lru_cache

group = ExceptionGroup("startup", [OSError("disk"), SystemError("kernel"), BufferError("ring")])
print([type(e).__name__ for e in group.exceptions], IOError is OSError, EnvironmentError.__name__)
print(TabError.__mro__[1:3], issubclass(UnicodeTranslateError, ValueError), EncodingWarning.__mro__[1])

letters = list("abracadabra")
print(letters.index("a", 1), letters.index("a", -4), tuple(letters).index("r", 3, 10))
for bounds in [("a", 8, 9), ("z",)]:
    try:
        letters.index(*bounds)
    except ValueError as e:
        print("ValueError:", e)

scores = defaultdict(lambda: "n/a", alice=91)
print("%(alice)s / %(bob)s" % scores, "%(x)d%%" % Counter(x=3))
print("{!a} {!r}".format("café", "café"), (12).__index__(), (2.75).__int__(), True.__float__())
print(operator.__mul__(6, 7), operator.__getitem__("xyz", -1), operator.__not__([]))


class Settings:
    def __init__(self, path):
        self.path = path


blank = Settings.__new__(Settings)
print(type(blank).__name__, hasattr(blank, "path"))


@lru_cache(maxsize=16, typed=True)
def square(x):
    print("  computing", repr(x))
    return x * x


square(4), square(4.0), square(4)
print(square.cache_info(), square.cache_parameters())


@lru_cache
def half(x):
    return x / 2


half(2), half(2.0)
print(half.cache_info())


class Tracked(contextlib.AbstractContextManager):
    def __init__(self, name):
        self.name = name

    def __exit__(self, kind, value, tb):
        print("  leaving", self.name, kind.__name__ if kind else None)
        return kind is KeyError


with (Tracked("outer") as outer, Tracked("inner") as inner):
    print("inside", outer.name, inner.name)
    {}["missing"]
with (Tracked("single")):
    pass
print(isinstance(contextlib.ExitStack(), contextlib.AbstractContextManager), [c.__name__ for c in Tracked.__mro__])
try:
    contextlib.AbstractContextManager()
except TypeError as e:
    print("TypeError:", e)

rolls = iter([3, 5, 1, 6, 2])
print(list(iter(lambda: next(rolls), 6)), type(iter(int, 1)).__name__)


def listener():
    while True:
        try:
            yield "waiting"
        except Exception as e:
            print("  listener got", repr(e))


gen = listener()
next(gen)
gen.throw(RuntimeError, "late")
gen.throw(KeyError, ("k",))
gen.throw(ValueError, ValueError("made"))

for text in ["2024-05-06T07:08:09+05:30", "2024-05-06 07:08Z", "20240506T0708", "2024-05-06T07:08:09.5-01:00"]:
    moment = datetime.fromisoformat(text)
    print(repr(moment), moment.utcoffset())
print(repr(time.fromisoformat("07:08:09.25+02:00")))
for bad in ["2024-05-06T", "2024-05-06T07:61"]:
    try:
        datetime.fromisoformat(bad)
    except ValueError as e:
        print("ValueError:", e)

print(textwrap.wrap("tab\there", width=30, tabsize=4), textwrap.wrap("tab\there", width=30, expand_tabs=False))

made = futures.Future()
made.add_done_callback(lambda f: print("  called back with", f.result()))
made.set_result("ready")
made.add_done_callback(lambda f: print("  late callback sees", f.result()))
print(futures.ThreadPoolExecutor.__module__, futures.Future.__module__, futures.CancelledError.__module__)
with futures.ThreadPoolExecutor(max_workers=2) as pool:
    print(list(pool.map(len, ["a", "bb", "ccc"])))


async def main():
    task = asyncio.current_task()
    for method in ("set_result", "set_exception"):
        try:
            getattr(task, method)(None)
        except RuntimeError as e:
            print("RuntimeError:", e)


asyncio.run(main())
