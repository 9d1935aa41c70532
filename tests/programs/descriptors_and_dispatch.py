# Descriptors of the program's own (__set_name__, __get__, __set__) validating fields,
# functools' cached_property, partialmethod and singledispatch by class, ChainMap for
# layered settings, format_map, and built-in classes as dict keys and in __mro__.
import asyncio
from collections import ChainMap
from functools import cached_property, partialmethod, singledispatch


class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("field", owner.__name__, name)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 0)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive, not {value}")
        setattr(obj, self.name, value)


class Job:
    retries = Positive()
    delay = Positive()

    def __init__(self, name, retries, delay):
        self.name = name
        self.retries = retries
        self.delay = delay

    @cached_property
    def label(self):
        print("label computed for", self.name)
        return f"{self.name}x{self.retries}"

    def tag(self, kind, note=""):
        return f"{kind}:{self.name}{note}"

    urgent = partialmethod(tag, "urgent")
    later = partialmethod(tag, "later", note="!")


@singledispatch
def describe(value):
    return f"something: {value!r}"


@describe.register(int)
def _(value):
    return f"a number: {value}"


@describe.register(list)
def _(value):
    return "a list of " + ", ".join(describe(v) for v in value)


async def run(job):
    for attempt in range(1, job.retries + 1):
        await asyncio.sleep(job.delay)
        print(f"{job.label} attempt {attempt} at {asyncio.get_running_loop().time():.2f}")
    return job.urgent(), job.later()


async def main():
    jobs = [Job("a", 2, 0.1), Job("b", 1, 0.25)]
    print(await asyncio.gather(*(run(j) for j in jobs)))
    try:
        jobs[0].delay = -1
    except ValueError as e:
        print("refused:", e)
    print(jobs[0].label, jobs[0].__dict__, Job.retries.name)


asyncio.run(main())
print(describe(3), describe("x"), describe([1, "y", [2]]), describe(True))
print(describe.dispatch(bool) is describe.dispatch(int), sorted(t.__name__ for t in describe.registry))
defaults = {"level": "info", "color": False, "width": 80}
settings = ChainMap({"color": True}, defaults)
print(settings["color"], settings["width"], len(settings), sorted(settings), settings.get("x", "-"))
local = settings.new_child({"width": 120})
local["level"] = "debug"
print(local["width"], local["level"], settings["level"], local.maps[0], "level" in local.parents)
print("{level} at {width}".format_map(local.maps[0] | {"level": "x"}))
kinds = {int: "int", str: "str", list: "list", bool: "bool", dict: "dict", tuple: "tuple"}
print([kinds[type(v)] for v in (1, "s", [], True, {}, ())], len(kinds))
print(bool.__mro__, KeyError.__mro__)
