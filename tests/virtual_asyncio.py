#!/usr/bin/env python3
"""Runs the playground's generated Python programs on CPython's asyncio, on a virtual clock.

Usage: virtual_asyncio.py PROGRAMS_FILE

PROGRAMS_FILE holds programs separated by lines '# === scenario N ==='. Each program is
run unchanged by CPython's own event loop, with three things swapped in:

- the loop's clock: `time()` stands still while anything is ready and jumps to the
  earliest timer when nothing is (the selector is asked to wait, and instead of waiting
  the clock moves), so a program's ideal timeline comes out exactly and at once;
- equal deadlines: CPython keeps timers in a heap ordered by deadline alone, which leaves
  the order of equal deadlines undefined; here they fire first in, first out, the rule
  the playground follows (as browsers order equal timeouts);
- `print` and `time.strftime('%X')`: each printed line is written out as
  'N<TAB>loop.time()<TAB>text', and the wall clock reads midnight plus the loop's time.

- a TaskGroup's set of tasks: CPython keeps it in a `set`, whose order (by object
  address) decides which task `_abort` cancels first; here it keeps creation order,
  the rule the playground follows; the same for the tasks `asyncio.run` cancels when
  `main()` returns.

Everything else, tasks, gather, TaskGroup, cancellation, sleep(0) and the ready queue,
is CPython's.
"""

import asyncio
import weakref
import heapq
import itertools
import math
import re
import selectors
import sys
import time
from asyncio import events


class FifoTimerHandle(events.TimerHandle):
    """A timer ordered by (deadline, creation order)."""

    __slots__ = ("_seq",)
    _counter = itertools.count()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seq = next(self._counter)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()


class JumpingSelector(selectors.DefaultSelector):
    """Instead of waiting for the next timer, moves the loop's clock to it."""

    def __init__(self, loop_ref):
        super().__init__()
        self._loop_ref = loop_ref

    def select(self, timeout=None):
        loop = self._loop_ref()
        # (What is ready already, a signal's wake-up included, ends the wait at once.)
        ready = super().select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:
            raise RuntimeError("deadlock: nothing ready and no timer set")
        if timeout > 0:
            loop._virtual_now = max(loop._virtual_now, loop._scheduled[0]._when)
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self, after=None):
        """A loop of a program whose loop before was `after` (asyncio.run called again):
        its clock goes on from that one's, and its tasks' numbers after that one's."""
        loop = None
        super().__init__(JumpingSelector(lambda: loop))
        loop = self
        self._virtual_now = after._virtual_now if after else 0.0
        # Every task in creation order, for all_tasks() below: weakly, as CPython's
        # asyncio holds them (a task nothing refers to is collected, and reports an
        # exception nobody asked for then). The first, the main task, is kept.
        self._created = []
        self.first_task = None
        self.first_number = after.first_number + after.count if after else 1
        self.set_task_factory(self._make_task)

    @property
    def count(self):
        return len(self._created)

    @property
    def created(self):
        """The tasks made, in creation order, that are still alive."""
        return [task for task in (ref() for ref in self._created) if task is not None]

    def number(self, task):
        """The task's number, as CPython's one counter for the process gives it."""
        return task.number

    def _make_task(self, loop, coro, context=None, name=None, **kwargs):
        # Default names count from Task-1 in a program, as in a fresh `python3` process.
        # (CPython 3.14 passes the name given to create_task here, and 3.11 sets it
        # after; either way every task takes a number, as 3.11's do.)
        if name is None:
            name = f"Task-{self.first_number + len(self._created)}"
        task = asyncio.Task(coro, loop=loop, context=context, name=name, **kwargs)
        if task._source_traceback:
            # (In debug mode, where it was made is where loop.create_task was called,
            # as without a factory: not here, nor in create_task calling the factory.)
            del task._source_traceback[-2:]
        task.number = self.first_number + len(self._created)
        # (What made it, by its coroutine's name: asyncio.run's closing of async
        # generators, `shutdown_asyncgens`, makes tasks of its own.)
        maker = asyncio.current_task(loop) if loop.is_running() else None
        task.made_by = getattr(maker.get_coro(), "__qualname__", "") if maker else ""
        self._created.append(weakref.ref(task))
        if self.first_task is None:
            self.first_task = task
        return task

    def time(self):
        return self._virtual_now

    def call_later(self, delay, callback, *args, context=None):
        # A delay too small to move the clock moves it by the least it can, as real
        # time moves on meanwhile (the playground's rule: see the runtime's add_timer).
        when = self.time() + delay
        if delay > 0 and when <= self.time():
            when = math.nextafter(self.time(), math.inf)
        return self.call_at(when, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at, with FIFO ties.
        self._check_closed()
        timer = FifoTimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class OrderedSet(dict):
    """The parts of `set` a TaskGroup uses, in insertion order."""

    def add(self, item):
        self[item] = None

    def discard(self, item):
        self.pop(item, None)


_taskgroup_init = asyncio.TaskGroup.__init__


def _ordered_taskgroup_init(self, *args, **kwargs):
    _taskgroup_init(self, *args, **kwargs)
    self._tasks = OrderedSet()


asyncio.TaskGroup.__init__ = _ordered_taskgroup_init


def _ordered_all_tasks(loop=None):
    """asyncio.all_tasks, in creation order (asyncio.run cancels what it returns)."""
    loop = loop or asyncio.get_running_loop()
    return OrderedSet.fromkeys(task for task in loop.created if not task.done())


asyncio.tasks.all_tasks = asyncio.all_tasks = _ordered_all_tasks


def hh_mm_ss(seconds_since_midnight):
    # The same floating-point steps as the playground's wall clock, origin midnight.
    s = int(math.floor((0.0 + seconds_since_midnight * 1000.0) / 1000.0)) % 86400
    return f"{s // 3600:02}:{s // 60 % 60:02}:{s % 60:02}"


def run(index, source, out):
    loop = None

    def loop_factory():
        nonlocal loop
        loop = VirtualLoop()
        return loop

    def record(*args):
        out.write(f"{index}\t{loop.time()!r}\t{' '.join(map(str, args))}\n")

    def strftime(fmt, *rest):
        assert fmt == "%X" and not rest, fmt
        return hh_mm_ss(loop.time())

    def asyncio_run(main):
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            return runner.run(main)

    real_run, real_strftime = asyncio.run, time.strftime
    asyncio.run, time.strftime = asyncio_run, strftime
    try:
        exec(compile(source, f"<scenario {index}>", "exec"), {"__name__": "__main__", "print": record})
    finally:
        asyncio.run, time.strftime = real_run, real_strftime


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    parts = re.split(r"^# === scenario (\d+) ===\n", text, flags=re.M)
    out = sys.stdout
    for index, source in zip(parts[1::2], parts[2::2]):
        run(int(index), source, out)


if __name__ == "__main__":
    main()
