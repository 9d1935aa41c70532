# print hands each piece to a writer of the program's (and to sys.stdout.write when a
# context manager replaces it, the looking-glass trick); methods dispatched on their
# argument's type; enum members made by the class's own __new__ from tuples, as
# http.HTTPStatus makes its codes and phrases.
import sys
from enum import Enum, IntEnum
from functools import singledispatchmethod


class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, text):
        self.calls.append(text)


rec = Recorder()
print("x", 1, None, sep=", ", end=".\n", file=rec)
print(file=rec)
print("a", "b", sep="", end="", file=rec)
print(rec.calls)


class Mirror:
    def __enter__(self):
        self.original = sys.stdout.write
        sys.stdout.write = self.backwards
        return "through the mirror"

    def backwards(self, text):
        self.original(text[::-1])

    def __exit__(self, kind, value, tb):
        sys.stdout.write = self.original
        if kind is ZeroDivisionError:
            print("no dividing by zero in here")
            return True


with Mirror() as words:
    print("Alice", "and the Queen", sep=" meets ")
    print(words)
    sys.stdout.write("written directly\n")
print(words)
with Mirror():
    1 / 0
print("the right way round")


class Describer:
    unit = "cm"

    @singledispatchmethod
    def describe(self, thing):
        return f"something: {thing!r}"

    @describe.register
    def _(self, thing: int):
        return f"{thing} {self.unit}"

    @describe.register(list)
    @describe.register(tuple)
    def _(self, thing):
        return f"{len(thing)} things: " + ", ".join(self.describe(t) for t in thing)


d = Describer()
print(d.describe(3), "|", d.describe("rope"), "|", d.describe([1, (2, "x")]), "|", d.describe(True))


class Status(IntEnum):
    def __new__(cls, code, phrase, description=""):
        member = int.__new__(cls, code)
        member._value_ = code
        member.phrase = phrase
        member.description = description
        return member

    OK = 200, "OK", "Request fulfilled, document follows"
    NOT_FOUND = 404, "Not Found", "Nothing matches the given URI"
    TEAPOT = 418, "I'm a Teapot"


print(Status.OK, repr(Status(404)), Status(404).phrase, Status.TEAPOT.description == "", Status.OK < 300, Status.NOT_FOUND + 1)
print([s.name for s in Status], Status["TEAPOT"].phrase)


class Planet(Enum):
    def __new__(cls, order, colour):
        member = object.__new__(cls)
        member._value_ = order
        member.colour = colour
        return member

    MERCURY = 1, "grey"
    VENUS = 2, "yellow"
    EARTH = 3, "blue"
    TERRA = 3, "also blue"


print(Planet(3), Planet.TERRA is Planet.EARTH, Planet.EARTH.colour, [p.value for p in Planet], len(Planet))
try:
    Planet(9)
except ValueError as e:
    print("ValueError:", e)

# typing's old names in isinstance and issubclass, and a class tree walked by
# __subclasses__.
import typing


def numbers():
    yield 1


print(isinstance([], typing.List), isinstance(numbers(), typing.Generator), isinstance({}, typing.Mapping),
      issubclass(tuple, typing.Sequence), isinstance(len, typing.Callable), isinstance(3, typing.Iterable))


class Shape:
    pass


class Polygon(Shape):
    pass


class Circle(Shape):
    pass


class Square(Polygon):
    pass


def tree(cls, depth=0):
    print("  " * depth + cls.__name__)
    for sub in cls.__subclasses__():
        tree(sub, depth + 1)


tree(Shape)
print(Square.__subclasses__())
