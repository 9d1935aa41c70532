# pprint's checks (isreadable, isrecursive, saferepr, a printer's format) and the
# layout of collections' mappings too wide for a line: defaultdict, Counter, OrderedDict.
import pprint
r = [1, 2]
r.append(r)
d = {"b": (1,), "a": [r, {}]}
print(pprint.isreadable({'a': 1}), pprint.isreadable(object()), pprint.isreadable(r), pprint.isrecursive(r), pprint.isrecursive(d))
print(pprint.saferepr(d).replace(hex(id(r)), "ID").replace(str(id(r)), "ID"), pprint.saferepr({3: "x", 1: (2,)}), pprint.saferepr([]), pprint.saferepr(("a",)))
pp = pprint.PrettyPrinter(depth=1)
print(pp.isreadable([[1]]), pp.isrecursive([[1]]), pp.format({"k": [1]}, {}, 1, 0), pprint.PrettyPrinter().isreadable([1, 2.5, None, "x", b"y", True]))
from collections import OrderedDict, defaultdict, Counter
pprint.pprint(defaultdict(list, {'x': [1] * 20, 'y': []}), width=40)
pprint.pprint(Counter({f"word{i}": 30 - i for i in range(12)}), width=50)
pprint.pprint(OrderedDict((f"key{i}", "v" * i) for i in range(8)), width=40)
pprint.pprint(defaultdict(int, {"a": 1}), width=10)
pprint.pprint(defaultdict(int), width=10)
pprint.pprint({"nested": defaultdict(list, {"deep": list(range(30))})}, width=50, indent=2)
