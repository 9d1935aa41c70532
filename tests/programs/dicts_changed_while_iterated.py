# A dict changed while a for loop walks it: CPython's RuntimeError, and the ways that
# work (a list of its keys first, values changed in place).
d = {"a": 1, "b": 2, "c": 3}
print(list(d), [k for k in d], sorted(d), dict.fromkeys(d), set(d) == {"a", "b", "c"}, "a" in d, max(d), tuple(d))
for k in d:
    d[k] = d[k] * 2
print(d)
it = iter(d)
print(type(it).__name__, next(it), next(it), next(it), next(it, None))
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
try:
    for k in d:
        d[k + "x"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
e = {}
print(list(e), [*{"x": 1, "y": 2}], {**{"q": 1}}, list(zip({"a": 1, "b": 2}, "xy")), list(enumerate({"k": 0})))
for k in list(d):
    del d[k]
print(d)
