# concurrent.futures: executors whose threads are the playground's (tasks of the loop
# that each call a function; a time.sleep there lets the loop run on). Outside the loop,
# the module's code waits for them as CPython's main thread does (result(), wait(),
# as_completed(), shutdown), the threads running meanwhile; from a coroutine, hand them
# work with loop.run_in_executor(pool, fn) or asyncio.wrap_future(pool.submit(fn)). A
# page has no processes: a process pool's work runs on such threads too. Nothing here
# can block a coroutine until a thread is done (the loop would stop with it): await the
# thread's future instead.

import asyncio as _asyncio
import os as _os
import time as _time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


class Error(Exception):
    __module__ = "concurrent.futures._base"


class CancelledError(Error):
    __module__ = "concurrent.futures._base"


class InvalidStateError(Error):
    __module__ = "concurrent.futures._base"


class BrokenExecutor(RuntimeError):
    __module__ = "concurrent.futures._base"


TimeoutError = TimeoutError


def _cannot_wait(what):
    return RuntimeError(
        what + ": the playground's threads run while the event loop runs, and waiting here would"
        " stop the loop with them: await asyncio.wrap_future(future), or loop.run_in_executor(pool, fn)"
    )


def _may_wait():
    # Whether this code may wait here for the threads: one of the program's threads;
    # the module's code outside the loop (whose machinery runs them meanwhile); or a
    # coroutine's step, which then blocks the loop while they run, as CPython's does.
    return _asyncio._thread_ident() != 0 or _asyncio._main_outside_loop() or _asyncio._can_block_loop()


class Future:
    __module__ = "concurrent.futures._base"
    # An outcome: the loop's future a thread's result is set on, or for a future the
    # program makes itself, one it sets with set_result() or set_exception().

    def __init__(self, inner=None, workers=None):
        self._made = inner is None
        self._inner = _asyncio._new_future() if inner is None else inner
        self._workers = workers
        self._running = False
        # (A future the program made and sets calls its callbacks as it is set, as
        # CPython's does, in whatever code sets it.)
        self._callbacks = []

    def __repr__(self):
        shown = self._inner if self._inner.done() or self.running() else None
        return _asyncio._outcome_repr(self, shown)

    def done(self):
        return self._inner.done()

    def running(self):
        if self._inner.done():
            return False
        if self._made:
            return self._running
        return not (self._workers is not None and self._workers.queued(self._inner))

    def cancelled(self):
        return self._inner.cancelled()

    def cancel(self):
        # Work a thread runs cannot be stopped, as in CPython; work still waiting for a
        # thread can.
        if self._inner.done():
            return self._inner.cancelled()
        if self._made:
            if self._running:
                return False
            self._inner.cancel()
            self._settled()
            return True
        return self._workers is not None and self._workers.cancel(self._inner)

    def set_running_or_notify_cancel(self):
        if self._inner.cancelled():
            return False
        if self._running or self._inner.done():
            raise RuntimeError("Future in unexpected state")
        self._running = True
        return True

    def _state(self):
        if self._inner.cancelled():
            return "CANCELLED"
        return "FINISHED" if self._inner.done() else ("RUNNING" if self.running() else "PENDING")

    def set_result(self, result):
        if self._inner.done():
            raise InvalidStateError(f"{self._state()}: {self!r}")
        self._inner.set_result(result)
        self._settled()

    def set_exception(self, exception):
        if self._inner.done():
            raise InvalidStateError(f"{self._state()}: {self!r}")
        self._inner.set_exception(exception)
        self._settled()

    def _finished(self, asked, timeout):
        # The loop's future, once it is done and not cancelled.
        if not self.done() and _may_wait():
            _wait_for_any([self._inner], timeout)
            if not self.done():
                raise TimeoutError()
        if not self.done():
            raise _cannot_wait(f"Future.{asked}() before the thread is done")
        if self._inner.cancelled():
            raise CancelledError()
        return self._inner

    def result(self, timeout=None):
        if self.done() and not self._inner.cancelled():
            self._exception = self._inner.exception()
            return self.__get_result()  # CPython: concurrent/futures/_base.py:449
        self._exception = self._finished("result", timeout).exception()
        return self.__get_result()  # CPython: concurrent/futures/_base.py:456

    def __get_result(self):
        if self._exception:
            raise self._exception  # CPython: concurrent/futures/_base.py:401
        return self._inner.result()

    def exception(self, timeout=None):
        return self._finished("exception", timeout).exception()

    def add_done_callback(self, fn):
        if not self._made:
            self._inner.add_done_callback(lambda _: fn(self))
        elif self._inner.done():
            self._call(fn)
        else:
            self._callbacks.append(fn)

    def _call(self, fn):
        try:
            fn(self)
        except Exception:
            import logging
            logging.getLogger("concurrent.futures").exception("exception calling callback for %r", self)

    def _settled(self):
        callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            self._call(fn)


def _wait_for_any(futures, timeout=None):
    _asyncio._wait_for_any(futures, "concurrent.futures", timeout)


def _left(deadline):
    return None if deadline is None else max(0.0, deadline - _time.monotonic())


class Executor:
    __module__ = "concurrent.futures._base"

    def submit(self, fn, /, *args, **kwargs):
        self._check_open()
        future = Future(self._workers.call(False, fn, args, kwargs), self._workers)
        self._futures.append(future)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        deadline = None if timeout is None else _time.monotonic() + timeout
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        if _may_wait():
            # (Waited for here, in order: the machine cannot wait inside an iteration
            # that list() or a for loop over a builtin drives. A timeout is raised
            # where the iteration reaches the result it did not wait for.)
            results = []
            for future in futures:
                try:
                    results.append(future.result(_left(deadline)))
                except TimeoutError:
                    for rest in futures:
                        rest.cancel()
                    return _results(results, TimeoutError())
            return _results(results, None)
        return (future.result() for future in futures)

    def _check_open(self):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")

    def shutdown(self, wait=True, *, cancel_futures=False):
        # Outside the loop, the module's code waits for the threads, as CPython's main
        # thread does. (From a coroutine, threads still running go on: asyncio.run
        # waits for them as it ends.)
        self._shutdown = True
        if cancel_futures:
            for future in self._futures:
                future.cancel()
        if wait and _may_wait():
            for future in self._futures:
                if not future.done():
                    _wait_for_any([future._inner])
        self._workers.closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


_counter = 0


class ThreadPoolExecutor(Executor):
    __module__ = "concurrent.futures.thread"

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        global _counter
        if max_workers is None:
            max_workers = min(32, (_os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        if not thread_name_prefix:
            # (Counted only for the executors it names, as CPython's counter is.)
            thread_name_prefix = "ThreadPoolExecutor-" + str(_counter)
            _counter += 1
        self._workers = _asyncio._Workers(thread_name_prefix, max_workers)
        self._shutdown = False
        self._futures = []


class ProcessPoolExecutor(Executor):
    __module__ = "concurrent.futures.process"
    # A page has no processes: its work runs on the playground's threads.
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *, max_tasks_per_child=None):
        if max_workers is None:
            max_workers = _os.cpu_count() or 1
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._workers = _asyncio._Workers("ProcessPoolExecutor", max_workers)
        self._shutdown = False
        self._futures = []


def _results(results, error):
    # What map() gave (a generator, as CPython's map() is), then its timeout, if any.
    yield from results
    if error is not None:
        raise error


def as_completed(fs, timeout=None):
    fs = list(dict.fromkeys(fs))
    if any(not f.done() for f in fs) and not _may_wait():
        raise _cannot_wait("as_completed() before every thread is done")
    return _completed(fs, None if timeout is None else _time.monotonic() + timeout)


def _completed(fs, deadline):
    # Those done first, then each as it finishes.
    pending = list(fs)
    while pending:
        done = [f for f in pending if f.done()]
        if not done:
            if deadline is not None and _left(deadline) <= 0:
                raise TimeoutError(f"{len(pending)} (of {len(fs)}) futures unfinished")
            _wait_for_any([f._inner for f in pending], _left(deadline))
            continue
        for f in done:
            pending.remove(f)
            yield f


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    deadline = None if timeout is None else _time.monotonic() + timeout
    if _may_wait():
        while True:
            done = {f for f in fs if f.done()}
            failed = any(f.exception() is not None for f in done if not f.cancelled())
            if done == fs or (done and return_when == FIRST_COMPLETED) or (failed and return_when == FIRST_EXCEPTION):
                break
            if deadline is not None and _left(deadline) <= 0:
                break
            _wait_for_any([f._inner for f in fs - done], _left(deadline))
    done = {f for f in fs if f.done()}
    if (return_when == ALL_COMPLETED and len(done) < len(fs) or not done) and timeout is None:
        raise _cannot_wait("wait() before the threads are done")
    from collections import namedtuple
    return namedtuple("DoneAndNotDoneFutures", "done not_done")(done, fs - done)
