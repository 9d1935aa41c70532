# The names a frame sees (locals, globals, vars, dir), OSError's parts, an enum's
# members kept, a named tuple's fields read only, bytes formatted and converted,
# and the loop's calls refusing keywords they do not take.
import asyncio
import os.path
from collections import namedtuple
from enum import Enum

LIMIT = 3


def summarize(values, scale=2):
    total = sum(values) * scale

    def show():
        return total

    print(sorted(locals()), vars() == locals(), dir())
    return show()


print(summarize([1, 2]), "LIMIT" in globals(), globals()["LIMIT"], globals().get("nothing", "-"))


class Sensor:
    unit = "C"

    def __init__(self, name):
        self.name = name

    def read(self):
        return 21.5


probe = Sensor("probe")
print([n for n in dir(probe) if not n.startswith("_")], "__init__" in dir(Sensor), dir(probe) == sorted(dir(probe)))
print([n for n in dir([]) if not n.startswith("_")], [n for n in dir({}) if not n.startswith("_")])

for error in (OSError(2, "No such file"), FileNotFoundError(2, "gone", "a.txt"), ConnectionRefusedError(111, "refused"), OSError("plain")):
    print(type(error).__name__, str(error), error.errno, error.strerror, error.filename)


class Level(Enum):
    LOW = 1
    HIGH = 2


Level.note = "kept"
for change in (lambda: setattr(Level, "LOW", 5), lambda: delattr(Level, "HIGH")):
    try:
        change()
    except AttributeError as e:
        print("AttributeError:", e)
print(Level.LOW, Level.note, list(Level))

Point = namedtuple("Point", "x y")
try:
    Point(1, 2).x = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Point.x.__doc__)

print(b"%d items, %s, %5.2f, %x" % (5, b"ok", 2.5, 255), str(b"caf\xc3\xa9", "utf-8"), str(b"\xe9", "latin-1"))
print((258).to_bytes(2, "little"), (5).to_bytes(), (-2).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xfe", "little", signed=True), int.from_bytes([1, 2]))
for bad in (lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle")):
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.commonpath(["/a/b", "/a/c"]), os.path.relpath("/a/b/c", "/a"))


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.call_soon(print, "hi", end="!")
    except TypeError as e:
        print("TypeError:", e)
    future = loop.create_future()
    print(future.get_loop() is loop)
    try:
        future.set_exception(StopIteration())
    except TypeError as e:
        print("TypeError:", e)
    future.set_result(1)
    print(await future, sorted(locals()))


asyncio.run(main())
