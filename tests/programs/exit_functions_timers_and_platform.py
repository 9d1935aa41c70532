# A service's clean-up registered with atexit (run last first, the others still run
# after one that fails is reported), a function timed with timeit, and the platform's
# version strings.
import asyncio
import atexit
import platform
import timeit

log = []


def close(resource, *, reason="exit"):
    print(f"closing {resource} ({reason}); log so far: {log}")


class Flusher:
    def __call__(self):
        raise RuntimeError("cannot flush")

    def __repr__(self):
        return "Flusher()"


failing = Flusher()


atexit.register(close, "database")
atexit.register(failing)
atexit.register(close, "cache", reason="shutdown")


@atexit.register
def goodbye():
    print("goodbye from atexit")


atexit.register(print, "registered twice")
atexit.register(print, "registered twice")
atexit.unregister(print)


async def main():
    elapsed = timeit.timeit(lambda: sorted(range(50)), number=20)
    runs = timeit.repeat(lambda: None, repeat=3, number=5)
    timer = timeit.Timer(lambda: sum(range(10)))
    print(type(elapsed).__name__, elapsed >= 0, len(runs), all(r >= 0 for r in runs), timer.timeit(3) >= 0)
    await asyncio.sleep(0.1)
    log.append("main done")


asyncio.run(main())
print(platform.python_version_tuple()[:2], platform.python_implementation(), platform.python_version()[:4])
print("the module's code ends")
