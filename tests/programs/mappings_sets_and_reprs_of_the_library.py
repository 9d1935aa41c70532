# The library's abstract mappings and sets as mixins give them (views that follow the
# mapping, set operators that make sets of the class), ChainMap as a mutable mapping,
# exception groups that become what their members allow, a dataclass's init-only
# values, counters over decimals and fractions, keywords, and reprs cut to size.
import itertools
import keyword
import reprlib
from collections import ChainMap, deque
from collections.abc import ItemsView, KeysView, Mapping, Set
from dataclasses import InitVar, dataclass, fields
from decimal import Decimal
from fractions import Fraction


class Inventory(Mapping):
    def __init__(self, **stock):
        self._stock = stock

    def __getitem__(self, item):
        return self._stock[item]

    def __len__(self):
        return len(self._stock)

    def __iter__(self):
        return iter(self._stock)

    def __repr__(self):
        return f"Inventory({self._stock})"


shelf = Inventory(apples=3, pears=0, plums=7)
names = shelf.keys()
print(names, isinstance(names, KeysView), isinstance(shelf.items(), ItemsView))
print(names & {"plums", "kiwis"}, sorted(names | {"kiwis"}), sorted(names - {"pears"}), sorted(names ^ {"apples", "figs"}))
print(("plums", 7) in shelf.items(), ("plums", 8) in shelf.items(), 0 in shelf.values(), sorted(shelf.values()))
print(names == {"apples", "pears", "plums"}, names < {"apples", "pears", "plums", "x"}, shelf == dict(apples=3, pears=0, plums=7))


class Span(Set):
    def __init__(self, values=()):
        self._values = sorted(set(values))

    def __iter__(self):
        return iter(self._values)

    def __contains__(self, value):
        return value in self._values

    def __len__(self):
        return len(self._values)

    def __repr__(self):
        return f"Span{self._values}"


low, high = Span(range(0, 5)), Span(range(3, 8))
print(low & high, low | high, low - high, low ^ high, low - [0, 1], [4, 9] - low, low & [4, 9])
print(Span([1]) < Span([1, 2]), Span([1, 2]) >= Span([2]), low.isdisjoint([9]))

settings = ChainMap({}, {"colour": "blue", "size": 3})
settings.update(size=4, shape="round")
print(settings, settings.setdefault("colour", "red"), settings.setdefault("depth", 1))
print(settings.pop("size"), settings.popitem(), settings, len(settings), sorted(settings.keys()))
print(ChainMap.fromkeys("ab", 0), settings | {"extra": True}, settings.new_child({"local": 1}).parents)
settings.maps[0].clear()
try:
    settings.popitem()
except KeyError as e:
    print("KeyError:", e)

print(type(BaseExceptionGroup("mixed", [ValueError(1), TypeError(2)])).__name__)
print(type(BaseExceptionGroup("mixed", [ValueError(1), KeyboardInterrupt()])).__name__)
try:
    ExceptionGroup("too strong", [SystemExit(1)])
except TypeError as e:
    print("TypeError:", e)
try:
    ExceptionGroup("not all", [ValueError(), "text"])
except ValueError as e:
    print("ValueError:", e)


@dataclass
class Account:
    owner: str
    balance: int = 0
    bonus: InitVar[int] = 0

    def __post_init__(self, bonus):
        self.balance += bonus


print(Account("ada", 10, bonus=5), Account("bo"), [f.name for f in fields(Account)], Account.__dataclass_fields__["bonus"].type)

print(list(itertools.islice(itertools.count(Decimal("1.5"), Decimal("0.25")), 3)))
print(list(itertools.islice(itertools.count(Fraction(1, 3), Fraction(1, 6)), 3)))
print(keyword.iskeyword("await"), keyword.iskeyword("match"), keyword.issoftkeyword("case"), len(keyword.kwlist))

print(reprlib.repr(list(range(20))), reprlib.repr("x" * 50), reprlib.repr({n: n * n for n in range(9)}))
print(reprlib.repr(set("reprlib")), reprlib.repr(deque("abcdefgh")), reprlib.repr(3 ** 100), reprlib.repr((7,)))
short = reprlib.Repr()
short.maxlist, short.maxlevel = 2, 1
print(short.repr([1, [2, [3]], 4]), short.repr([]))


class Tree:
    def __init__(self, name):
        self.name, self.children = name, []

    @reprlib.recursive_repr()
    def __repr__(self):
        return f"Tree({self.name}, {self.children})"


root = Tree("root")
root.children.append(root)
print(root)
