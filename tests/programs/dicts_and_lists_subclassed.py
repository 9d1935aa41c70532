# Classes derived from dict and list, as programs write registries, attribute
# dictionaries and stacks; collections' UserDict and UserList.
import json
from collections import UserDict, UserList


class Registry(dict):
    def __setitem__(self, key, value):
        print("  registering", key)
        super().__setitem__(key, value.upper())

    def __missing__(self, key):
        return f"<no {key}>"


handlers = Registry(start="boot")
handlers["stop"] = "halt"
print(handlers, len(handlers), handlers["stop"], handlers["other"], "start" in handlers)
print(isinstance(handlers, dict), dict(handlers), json.dumps(handlers), list(handlers), handlers.get("x", 0))
print(handlers | {"extra": 1}, sorted(handlers.items()))


class AttrDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


config = AttrDict(host="db", port=5432)
config.debug = True
print(config.host, config.port, config, sorted(config))
try:
    config.missing
except AttributeError as e:
    print("AttributeError:", e)


class Stack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        return self[-1]


jobs = Stack([1, 2])
jobs.push(3)
print(jobs, jobs.peek(), len(jobs), jobs[0:2], isinstance(jobs, list), jobs == [1, 2, 3])
print(sorted(jobs, reverse=True), jobs + [4], sum(jobs), 2 in jobs, jobs.index(2))
jobs += [9]
print(jobs, jobs.pop(), jobs, list(reversed(jobs)))


class LowerKeys(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)


names = LowerKeys({"Alice": 1})
names["BOB"] = 2
print(names, names.data, len(names), isinstance(names, dict))
scores = UserList([3, 1, 2])
scores.sort()
print(scores, scores.data, scores.copy())


# Abstract properties and static methods, and the methods of built-in types unbound.
from abc import ABC, abstractmethod


class Shape(ABC):
    @property
    @abstractmethod
    def area(self): ...

    @staticmethod
    @abstractmethod
    def kind(): ...


class Square(Shape):
    def __init__(self, side):
        self.side = side

    @property
    def area(self):
        return self.side**2

    @staticmethod
    def kind():
        return "square"


class Unfinished(Shape):
    @staticmethod
    def kind():
        return "?"


for make in (Shape, Unfinished, lambda: Square(3)):
    try:
        shape = make()
        print(shape.kind(), shape.area)
    except TypeError as e:
        print("TypeError:", e)
print(Shape.area.__isabstractmethod__, Square.area.__isabstractmethod__, Square.area.fget.__name__, Square.area.fset)
groups = [{1, 2}, {2, 3}, {3, 5}]
print(sorted(set.union(*groups)), set.intersection({1, 2, 3}, {2, 3}, {3}), tuple.count((1, 2, 1), 1))
