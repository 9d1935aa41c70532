# threading: the names of the playground's threads (those asyncio.to_thread,
# run_in_executor and concurrent.futures start: tasks of the loop that each call a
# function, whose time.sleep lets the loop run on), and locks and events for them. Their
# threads run while the event loop runs: a Thread of the program's own is started from a
# coroutine. Nothing here blocks a coroutine until a thread is done (the loop would stop
# with it): await the thread's work instead.

import asyncio as _asyncio
import time as _time

TIMEOUT_MAX = 9223372036.0


class _Named:
    def __init__(self, name, ident):
        self.name = name
        self.ident = ident
        self.native_id = ident
        self.daemon = True

    def getName(self):
        return self.name

    def is_alive(self):
        return True

    def __repr__(self):
        return f"<{type(self).__name__}({self.name}, started daemon {self.ident})>"


class _MainThread(_Named):
    def __init__(self):
        super().__init__("MainThread", 1)
        self.daemon = False

    def __repr__(self):
        return f"<_MainThread({self.name}, started {self.ident})>"


class _DummyThread(_Named):
    pass


_main = _MainThread()
_seen = {}


def get_ident():
    return _asyncio._thread_ident() or 1


get_native_id = get_ident


def current_thread():
    ident = _asyncio._thread_ident()
    if ident == 0:
        return _main
    name = _asyncio._thread_names.get(ident, "Thread")
    thread = _seen.get(ident)
    if thread is None or thread.name != name:
        thread = _seen[ident] = _DummyThread(name, ident + 1)
    return thread


currentThread = current_thread


def main_thread():
    return _main


def active_count():
    return 1 + len(_asyncio._thread_names)


activeCount = active_count


def enumerate():
    return [_main] + [current_thread() if i == _asyncio._thread_ident() else _DummyThread(n, i + 1)
                      for i, n in _asyncio._thread_names.items()]


def _wait_until(ready, timeout, what):
    # On one of the playground's threads: sleeps in short turns, letting the loop (and
    # the other threads) run, until `ready()` or the timeout. On the main thread nothing
    # else could make it ready.
    if ready():
        return True
    if _asyncio._thread_ident() == 0:
        if timeout is None or timeout < 0:
            raise RuntimeError(what + " would wait forever: on the main thread nothing else runs meanwhile")
        _time.sleep(timeout)
        return ready()
    waited = 0.0
    while not ready():
        if timeout is not None and timeout >= 0 and waited >= timeout:
            return False
        _time.sleep(0.001)
        waited += 0.001
    return True


class Lock:
    def __init__(self):
        self._locked = False

    def acquire(self, blocking=True, timeout=-1):
        if self._locked and not blocking:
            return False
        if not _wait_until(lambda: not self._locked, None if timeout < 0 else timeout, "Lock.acquire()"):
            return False
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False

    def locked(self):
        return self._locked

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        return f"<unlocked _thread.lock object at 0x{id(self):x}>" if not self._locked else \
            f"<locked _thread.lock object at 0x{id(self):x}>"


class RLock:
    def __init__(self):
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if self._owner is not None and not blocking:
            return False
        if not _wait_until(lambda: self._owner is None, None if timeout < 0 else timeout, "RLock.acquire()"):
            return False
        self._owner = me
        self._count = 1
        return True

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


class Event:
    def __init__(self):
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        self._flag = True

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        return _wait_until(lambda: self._flag, timeout, "Event.wait()")


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not self._value and not blocking:
            return False
        if not _wait_until(lambda: self._value > 0, timeout, "Semaphore.acquire()"):
            return False
        self._value -= 1
        return True

    def release(self, n=1):
        self._value += n

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        if self._value + n > self._initial:
            raise ValueError("Semaphore released too many times")
        self._value += n


class local:
    # Attributes of each thread's own.
    def __init__(self):
        object.__setattr__(self, "_by_thread", {})

    def _own(self):
        return self._by_thread.setdefault(get_ident(), {})

    def __getattr__(self, name):
        own = self._own()
        if name in own:
            return own[name]
        raise AttributeError(f"'_thread._local' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        self._own()[name] = value

    def __delattr__(self, name):
        del self._own()[name]


_counter = 0


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        global _counter
        _counter += 1
        if name is None:
            name = f"Thread-{_counter}"
            if target is not None:
                name += f" ({getattr(target, '__name__', 'target')})"
        self.name = name
        self.daemon = bool(daemon)
        self._target = target
        self._args = args
        self._kwargs = kwargs or {}
        self._future = None
        self.ident = None
        self.native_id = None

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self._future is not None:
            raise RuntimeError("threads can only be started once")
        try:
            self._future = _asyncio._run_in_thread(False, _asyncio._Worker(_OneThread(self.name), self.name, self.run))
        except RuntimeError:
            raise RuntimeError(
                "Thread.start() outside the event loop: the playground's threads run while the loop runs;"
                " start it from a coroutine, or use asyncio.to_thread"
            ) from None
        self.ident = self.native_id = id(self) & 0xFFFFFF

    def is_alive(self):
        return self._future is not None and not self._future.done()

    def join(self, timeout=None):
        if self._future is None:
            raise RuntimeError("cannot join thread before it is started")
        if not self._future.done() and _asyncio._thread_ident() == 0:
            raise RuntimeError(
                "Thread.join() before the thread is done would stop the event loop with it:"
                " await asyncio.to_thread(fn) instead, or join from another thread"
            )
        _wait_until(self._future.done, timeout, "Thread.join()")

    def getName(self):
        return self.name

    def __repr__(self):
        state = "started" if self._future is not None and not self._future.done() else \
            ("stopped" if self._future is not None else "initial")
        return f"<Thread({self.name}, {state})>"


class _OneThread:
    # A Thread's own worker: its name is its own.
    def __init__(self, name):
        self.name = name

    def free(self, name):
        pass
