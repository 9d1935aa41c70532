# A cache of connections that cleans up after itself: weak references with callbacks,
# weakref.finalize, __del__ and finalize together, and TracebackException for the
# report of what went wrong.
import asyncio
import inspect
import traceback
import weakref


class Connection:
    opened = 0

    def __init__(self, name):
        self.name = name
        Connection.opened += 1

    def __repr__(self):
        return f"Connection({self.name!r})"


class Pool:
    def __init__(self):
        self._refs = {}

    def add(self, conn):
        def forget(ref, name=conn.name):
            print("  pool forgets", name, "ref gives", ref())
            del self._refs[name]

        self._refs[conn.name] = weakref.ref(conn, forget)

    def names(self):
        return sorted(self._refs)


pool = Pool()
a, b = Connection("a"), Connection("b")
pool.add(a)
pool.add(b)
print(pool.names(), pool._refs["a"]() is a, pool._refs["a"].__callback__ is not None)
del a
print("after del a:", pool.names())

closer = weakref.finalize(b, print, "  closing", "b")
print(closer.alive, closer.atexit, closer.peek()[2])
b = None
print("after b = None:", closer.alive, pool.names())

# A reference dropped before its object never calls back.
c = Connection("c")
weakref.ref(c, lambda ref: print("never printed"))
del c
print("c gone quietly")

# A finalizer called by hand runs once; one detached never runs.
d = Connection("d")
done = weakref.finalize(d, lambda: "d finished")
print(done(), done(), done.alive)
kept = weakref.finalize(d, print, "never")
print(kept.detach()[0], kept.alive)
del d


class Logged(Connection):
    def __del__(self):
        print("  __del__", self.name)


# Callbacks are called newest first, after __del__.
e = Logged("e")
first = weakref.ref(e, lambda ref: print("  first callback"))
weakref.finalize(e, print, "  finalizer")
second = weakref.ref(e, lambda ref: print("  second callback"))
del e
print("after del e")



async def worker(name):
    conn = Connection(name)
    weakref.finalize(conn, print, "  released", name)
    await asyncio.sleep(0.01)
    return name


async def main():
    print(await asyncio.gather(worker("w1"), worker("w2")))


asyncio.run(main())


def level3():
    raise KeyError("deep")


def level2():
    try:
        level3()
    except KeyError as e:
        raise RuntimeError("wrapped") from e


try:
    level2()
except RuntimeError as e:
    report = traceback.TracebackException.from_exception(e)
    print([frame.name for frame in report.stack], str(report))
    print("".join(report.format_exception_only()).strip())
    print(type(report.__cause__).__name__, report.__cause__.exc_type.__name__, report.__suppress_context__)
    print(report == traceback.TracebackException.from_exception(e))

print([name for name, _ in inspect.getmembers(Logged, inspect.isfunction)])
print(inspect.isabstract(Logged), Connection.opened)
g = Connection("g")
weakref.finalize(g, print, "at exit: g")
print("end")
