# Dataclasses with __slots__: attributes beyond the fields refused, defaults kept in
# __init__, frozen ones hashed, and a slotted subclass holding only its own field.
from dataclasses import dataclass, field, asdict, fields
@dataclass(slots=True)
class Item:
    sku: str
    qty: int = 1
    tags: list = field(default_factory=list)
    def total(self, price):
        return self.qty * price
i = Item("a")
try:
    i.other = 1
    print("no error")
except AttributeError as e:
    print("AttributeError:", e)
print(Item.__slots__, i, i.total(2.5), asdict(i), [f.name for f in fields(Item)], hasattr(i, "__dict__"))
print(Item.__qualname__, Item.__name__, Item("b", 3) == Item("b", 3), Item.__match_args__)
@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
p = Point(1)
try:
    p.x = 5
except Exception as e:
    print(type(e).__name__, e)
print(p, hash(p) == hash(Point(1, 0)), Point.__slots__)
@dataclass(slots=True)
class Sub(Item):
    extra: str = "e"
print(Sub.__slots__, Sub("s"))
