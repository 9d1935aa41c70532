# Private names, mangled with their class's name, and the special methods every
# object has: called by name on built-in values, and object's reached through super().


class Account:
    __opened = 0

    def __init__(self, owner, balance):
        Account.__opened += 1
        self.owner = owner
        self.__balance = balance

    def __audit(self):
        return f"{self.owner} holds {self.__balance}"

    def report(self):
        return self.__audit(), Account.__opened


class Savings(Account):
    def __init__(self, owner, balance, rate):
        super().__init__(owner, balance)
        self.__balance = rate

    def both(self):
        return self.__balance, self._Account__balance


s = Savings("ada", 100, 0.05)
print(s.report(), s.both(), sorted(vars(s)), Account._Account__opened)
for attempt in (lambda: s.__balance, lambda: s.__audit()):
    try:
        attempt()
    except AttributeError as e:
        print("AttributeError:", e)


class _Hidden:
    __depth = 3

    def depth(self):
        return [self.__depth for _ in range(2)], (lambda: self.__depth)()


print(_Hidden().depth(), _Hidden._Hidden__depth)

print((1, 2).__repr__(), "ab".__len__(), [1, 2].__contains__(2), (3).__add__(4), (3).__add__("x"))
print((3).__lt__(4), "ab".__mul__(2), [1, 2, 3].__getitem__(-1), {1: 2}.__len__(), "%d%%".__mod__(5))
print(hasattr([], "__iter__"), hasattr(5, "__len__"), hasattr("s", "__getitem__"), {}.__hash__ is None)


class Point:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        if not isinstance(other, Point):
            return super().__eq__(other)
        return self.x == other.x

    __hash__ = None


print(Point(1) == Point(1), Point(1) == "p", Point(1).__eq__("p"), Point(1) != Point(2), Point(1) != 3)


class Tag:
    def __repr__(self):
        return "Tag" + super().__repr__()[:10]

    def __str__(self):
        return "str of " + super().__str__()

    def __format__(self, spec):
        return super().__format__(spec) + "!"


t = Tag()
print(repr(t), str(t), f"{t}")
try:
    format(t, ">5")
except TypeError as e:
    print("TypeError:", e)
plain = object.__new__(Tag)
print(plain.__eq__(plain), plain.__eq__(1), plain.__ne__(1), plain.__hash__() == hash(plain))
