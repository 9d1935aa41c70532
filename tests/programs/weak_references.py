# Weak references, as caches and registries of tasks use them: an object the program
# lets go of is gone at once, and its references, dictionaries and sets forget it.
import weakref, gc, asyncio

class Node:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Node({self.name!r})"

a = Node("a")
r = weakref.ref(a)
print(r() is a, r(), type(r).__name__, weakref.ref is weakref.ReferenceType, r == weakref.ref(a), hash(r) == hash(a))
del a
print(r(), r() is None)
cache = weakref.WeakValueDictionary()
b, c = Node("b"), Node("c")
cache["b"] = b
cache["c"] = c
print(sorted(cache.keys()), len(cache), "b" in cache, cache.get("c"))
del b
gc.collect()
print(sorted(cache.keys()), len(cache), "b" in cache, cache.get("b", "gone"))
s = weakref.WeakSet()
n1, n2 = Node(1), Node(2)
s.add(n1); s.add(n2); s.add(n1)
print(len(s), n1 in s)
n1 = None
print(len(s), [x.name for x in s])
meta = weakref.WeakKeyDictionary()
k = Node("k")
meta[k] = "info"
print(meta[k], len(meta), k in meta)
del k
print(len(meta))
for bad in [lambda: weakref.ref(1), lambda: weakref.ref([]), lambda: weakref.ref("s")]:
    try:
        bad()
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, str(e)[:60])
class Owner:
    def method(self):
        return "called"
o = Owner()
m = weakref.WeakMethod(o.method)
print(m()(), weakref.ref(o.method)() is None)
del o
print(m())
p = weakref.proxy(Node("tmp"))
try:
    p.name
except ReferenceError as e:
    print("ReferenceError", e)
keep = Node("kept")
p = weakref.proxy(keep)
print(p.name, str(p))

async def job():
    await asyncio.sleep(0.1)

async def main():
    tasks = weakref.WeakSet()
    t = asyncio.create_task(job())
    tasks.add(t)
    print(len(tasks))
    await t
    del t
    print(len(tasks))
asyncio.run(main())
