# threading: the names of the playground's threads (those asyncio.to_thread,
# run_in_executor and concurrent.futures start: tasks of the loop that each call a
# function, whose time.sleep lets the loop run on), and locks and events for them. Their
# threads run on the event loop's machinery: started outside the loop, a thread runs
# once the module's code waits (in join(), asyncio.run, or at its end, where the
# threads that are not daemons are waited for, as CPython's interpreter waits). Nothing
# here blocks a coroutine until a thread is done (the loop would stop with it): await
# the thread's work instead.

import asyncio as _asyncio
import sys as _sys
import time as _time
import traceback as _traceback

TIMEOUT_MAX = 9223372036.0


class _MainThread:
    def __init__(self):
        self.name = "MainThread"
        self.ident = self.native_id = 1
        self.daemon = False

    def getName(self):
        return self.name

    def is_alive(self):
        return True

    def __repr__(self):
        return f"<_MainThread({self.name}, started {self.ident})>"


_main = _MainThread()
_seen = {}
# The Thread objects of the program's own running, by ident.
_running = {}


def _shutdown():
    # The program's end, as CPython's interpreter exits: it waits for each thread of
    # the program's that is not a daemon.
    for thread in list(_program_threads):
        if not thread.daemon and not thread._future.done():
            _asyncio._block_on(thread._future, "the interpreter's exit")


# The program's Threads started, in order.
_program_threads = []


def get_ident():
    return _asyncio._thread_ident() or 1


get_native_id = get_ident


def current_thread():
    return _thread_of(_asyncio._thread_ident())


def _thread_of(ident):
    # The Thread running as `ident`: the main one, one of the program's, or an
    # executor's (made when first asked for, as CPython's workers are Threads).
    if ident == 0:
        return _main
    if ident in _running:
        return _running[ident]
    name = _asyncio._thread_names.get(ident, "Thread")
    thread = _seen.get(ident)
    if thread is None or thread.name != name:
        # An executor's thread: a Thread, as CPython's workers are.
        thread = _seen[ident] = Thread(name=name)
        thread.ident = thread.native_id = ident + 1
        thread._started = True
    return thread


currentThread = current_thread


def main_thread():
    return _main


class ExceptHookArgs:
    # What threading.excepthook is called with: a thread's exception that ended it.
    __module__ = "_thread"

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __repr__(self):
        return (f"_thread._ExceptHookArgs(exc_type={self.exc_type!r}, exc_value={self.exc_value!r}, "
                f"exc_traceback={self.exc_traceback!r}, thread={self.thread!r})")


def excepthook(args, /):
    # The default: the thread's name and the traceback, on standard error.
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    print(f"Exception in thread {name}:", file=_sys.stderr)
    _traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=_sys.stderr)


__excepthook__ = excepthook


def active_count():
    # (An executor's idle threads are alive too, until it is shut down.)
    return 1 + len(_asyncio._thread_names) + _asyncio._idle_threads()


activeCount = active_count


def enumerate():
    return [_main] + [_thread_of(ident) for ident in _asyncio._thread_names]


def _wait_until(ready, timeout, what):
    # On one of the playground's threads: sleeps in short turns, letting the loop (and
    # the other threads) run, until `ready()` or the timeout. On the main thread nothing
    # else could make it ready.
    if ready():
        return True
    main = _asyncio._thread_ident() == 0
    if main and not _others_run():
        if timeout is None or timeout < 0:
            raise RuntimeError(what + " would wait forever: on the main thread nothing else runs meanwhile")
        _time.sleep(timeout)
        return ready()
    # (The main thread, outside the loop, waits so while other threads run.)
    waited = 0.0
    while not ready():
        if timeout is not None and timeout >= 0 and waited >= timeout:
            return False
        if main and not _others_run():
            if timeout is None or timeout < 0:
                raise RuntimeError(what + " would wait forever: the other threads are done")
            _time.sleep(max(0.0, timeout - waited))
            return ready()
        _let_others_run(0.001)
        waited += 0.001
    return True


def _others_run():
    # Whether the main thread, outside the loop (or blocking it in a coroutine), has
    # threads running beside it.
    waits = _asyncio._main_outside_loop() or _asyncio._can_block_loop()
    return waits and (len(_running) > 0 or _asyncio._threads_busy())


def _let_others_run(seconds):
    # The threads run for `seconds` of the clock while this one waits: a coroutine's
    # wait blocks the loop meanwhile.
    if _asyncio._thread_ident() == 0 and _asyncio._can_block_loop():
        _asyncio._block_on([], "a thread's wait", seconds)
    else:
        _time.sleep(seconds)


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


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if name is None:
            # (Counted only for the threads it names, as CPython's counter is.)
            name = f"Thread-{_asyncio._next_thread_number()}"
            if target is not None:
                name += f" ({getattr(target, '__name__', 'target')})"
        self.name = name
        self.daemon = bool(daemon)
        self._target = target
        self._args = args
        self._kwargs = kwargs or {}
        self._future = None
        self._started = False
        self.ident = None
        self.native_id = None

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)  # CPython: threading.py:982

    def start(self):
        if self._future is not None:
            raise RuntimeError("threads can only be started once")
        self._began = _asyncio._new_future()
        worker = _asyncio._Worker(_OneThread(self.name), self.name, self._bootstrap_inner, False)
        # (The loop's view names the thread's work by its target, as `worker()`.)
        worker.__name__ = getattr(self._target, "__name__", type(self).__name__ + ".run")
        self._future = _asyncio._run_in_thread(2, worker)
        self._started = True
        _program_threads.append(self)
        if _asyncio._main_outside_loop() or _asyncio._can_block_loop():
            # As CPython's start() waits for the thread to begin, which then runs until
            # it first blocks: the module's code (or the coroutine, the loop blocked
            # meanwhile) goes on after that first step.
            _asyncio._block_on(self._began, "Thread.start")

    def _bootstrap_inner(self):
        # The thread's bottom: run(), and an exception it lets out written as CPython's
        # threading.excepthook writes it.
        ident = _asyncio._thread_ident()
        self.ident = self.native_id = ident + 1
        _running[ident] = self
        self._began.set_result(None)
        try:
            self.run()  # CPython: threading.py:1045
        except SystemExit:
            pass
        except BaseException as e:
            excepthook(ExceptHookArgs(type(e), e, e.__traceback__, self))
        finally:
            del _running[ident]

    def is_alive(self):
        if self._future is None:
            return self._started
        return not self._future.done()

    def join(self, timeout=None):
        if self._future is None:
            raise RuntimeError("cannot join thread before it is started")
        if not self._future.done() and _asyncio._thread_ident() == 0:
            if _asyncio._main_outside_loop() or _asyncio._can_block_loop():
                # The module's code waits (or a coroutine, blocking the loop), and the
                # threads run meanwhile (without a timeout, a thread that never ends
                # keeps it waiting, as in CPython).
                if timeout is None:
                    _asyncio._block_on(self._future, "Thread.join")
                else:
                    _asyncio._wait_for_any([self._future], "Thread.join", max(0.0, timeout))
                return
            raise RuntimeError(
                "Thread.join() before the thread is done would stop the event loop with it:"
                " await asyncio.to_thread(fn) instead, or join from another thread"
            )
        _wait_until(self._future.done, timeout, "Thread.join()")

    def getName(self):
        return self.name

    def __repr__(self):
        if self._future is not None and self._future.done():
            state = "stopped"
        elif self._started:
            state = f"started {self.ident}"
        else:
            state = "initial"
        if self.daemon:
            state += " daemon"
        return f"<{type(self).__name__}({self.name}, {state})>"


class _OneThread:
    # A Thread's own worker: its name is its own.
    def __init__(self, name):
        self.name = name

    def free(self, name):
        pass


class Timer(Thread):
    # Calls function(*args, **kwargs) after `interval` seconds, unless cancelled.
    def __init__(self, interval, function, args=None, kwargs=None):
        super().__init__()
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class Condition:
    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self._waiters = []
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        waiter = [False]
        self._waiters.append(waiter)
        self._lock.release()
        try:
            return _wait_until(lambda: waiter[0], timeout, "Condition.wait()")
        finally:
            self._lock.acquire()
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            if not self.wait(timeout):
                return predicate()
            result = predicate()
        return result

    def notify(self, n=1):
        for waiter in self._waiters[:n]:
            waiter[0] = True
        del self._waiters[:n]

    def notify_all(self):
        self.notify(len(self._waiters))


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        self.parties = parties
        self._action = action
        self._timeout = timeout
        self._count = 0
        self._generation = 0
        self.broken = False

    @property
    def n_waiting(self):
        return self._count

    def wait(self, timeout=None):
        if self.broken:
            raise BrokenBarrierError
        index = self._count
        self._count += 1
        generation = self._generation
        if self._count == self.parties:
            if self._action is not None:
                self._action()
            self._count = 0
            self._generation += 1
            return index
        if not _wait_until(lambda: self._generation != generation or self.broken,
                           self._timeout if timeout is None else timeout, "Barrier.wait()"):
            self.broken = True
            raise BrokenBarrierError
        if self.broken:
            raise BrokenBarrierError
        return index

    def abort(self):
        self.broken = True

    def reset(self):
        self._count = 0
        self.broken = False


ThreadError = RuntimeError
