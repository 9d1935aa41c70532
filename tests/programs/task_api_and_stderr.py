# What programs ask of their tasks (names set and read, the coroutine a task runs, its
# loop), printing to standard error with print(file=...) and sys.stderr.write in
# pieces, and a few string and number helpers learners reach for.
from __future__ import annotations

import asyncio
import collections.abc
import sys
from collections.abc import AsyncIterator


async def countdown(n: int) -> AsyncIterator[int]:
    while n:
        yield n
        n -= 1


class Batch:
    sizes: list[int]
    source: collections.abc.Iterable[int] | None = None


async def work(n):
    await asyncio.sleep(n / 10)
    print(f"work {n} done", file=sys.stderr)
    return n * 2


def finished(task):
    print("finished:", task.get_name(), task.result())


async def main():
    task = asyncio.create_task(work(1), name="first")
    task.add_done_callback(finished)
    task.set_name("renamed")
    print(task.get_coro().__name__, task.get_name(), task.get_loop() is asyncio.get_running_loop())
    print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
    await task
    sys.stderr.write("partial ")
    sys.stderr.write("line\n")
    print("to stdout", file=sys.stdout)
    print(await asyncio.gather(work(2), work(3)))
    print([n async for n in countdown(3)], collections.deque([1, 2, 3], maxlen=2), Batch.source)


asyncio.run(main())
print(int("ff", 16), int("0b101", 0), int("-0o17", 8), "abc".isascii(), "é".isascii(), repr("a\tbc\td".expandtabs(4)))
print("asyncio" in sys.modules, "abcabc".find("c", 3), "abcabc".count("b", 2), "hello".startswith("ll", 2))
