# The part of asyncio written in Python (the rest is the loop, in Rust): Barrier, on a
# Condition as CPython's is, and Runner, over asyncio.run.

import sys
from asyncio import Condition, run, get_event_loop, get_running_loop, timeout, _skip_task_numbers, _as_completed, _log_error
from traceback import _format


class _AsCompleted:
    # as_completed(aws): iterated, an awaitable a turn, each giving the next result to
    # come (as in 3.11); iterated with async for, the tasks themselves in the order
    # they finish (as in 3.13).

    def __init__(self, aws, timeout):
        self._aws = aws
        self._timeout = timeout
        self._waits = None

    def __iter__(self):
        return _as_completed(self._aws, timeout=self._timeout)

    def __aiter__(self):
        self._waits = _as_completed(self._aws, timeout=self._timeout, futures=True)
        return self

    async def __anext__(self):
        for wait in self._waits:
            return await wait
        raise StopAsyncIteration


def as_completed(fs, *, timeout=None):
    return _AsCompleted(fs, timeout)


_stopper = None


async def _run_forever():
    # loop.run_forever(): the loop runs this until loop.stop().
    global _stopper
    _stopper = get_running_loop().create_future()
    await _stopper


def _stop_loop():
    if _stopper is not None and not _stopper.done():
        _stopper.set_result(None)


def timeout_at(when):
    # A timeout at a time of the loop's clock (None: never).
    return timeout(None if when is None else when - get_running_loop().time())


def to_thread(func, *args, **kwargs):
    raise RuntimeError(
        "asyncio.to_thread needs a thread of its own, and a page runs Python on one: call "
        + getattr(func, "__name__", "the function")
        + "() directly (it then blocks the loop while it runs), or make it a coroutine that awaits asyncio.sleep"
    )


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    # Its state: "filling" while parties arrive, "draining" while they leave,
    # "resetting" after reset() with parties still inside, "broken" after abort().

    def __init__(self, parties):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition()
        self._parties = parties
        self._state = "filling"
        self._count = 0

    def __repr__(self):
        extra = self._state
        if not self.broken:
            extra += f", waiters:{self.n_waiting}/{self.parties}"
        return f"<asyncio.locks.Barrier object at 0x{id(self):x} [{extra}]>"

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            await self._cond.wait_for(lambda: self._state not in ("draining", "resetting"))
            if self._state == "broken":
                raise BrokenBarrierError("Barrier aborted")
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    self._state = "draining"
                    self._cond.notify_all()
                else:
                    await self._cond.wait_for(lambda: self._state != "filling")
                    if self._state in ("broken", "resetting"):
                        raise BrokenBarrierError("Abort or reset of barrier")
                return index
            finally:
                self._count -= 1
                if self._count == 0:
                    if self._state in ("resetting", "draining"):
                        self._state = "filling"
                    self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            self._state = "resetting" if self._count > 0 else "filling"
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = "broken"
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count if self._state == "filling" else 0

    @property
    def broken(self):
        return self._state == "broken"


class Runner:
    # Runs coroutines one after the other: here each run is asyncio.run's.

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = "created"

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def run(self, coro, *, context=None):
        if self._state == "closed":
            raise RuntimeError("Runner is closed")
        self._state = "initialized"
        try:
            return run(coro)
        finally:
            # (Its runs do not end as asyncio.run's: that is for close.)
            _skip_task_numbers(-2)

    def close(self):
        if self._state == "initialized":
            _skip_task_numbers(2)
        self._state = "closed"

    def get_loop(self):
        if self._state == "closed":
            raise RuntimeError("Runner is closed")
        return get_event_loop()


# The loop's exception handler and debug mode (loop.set_exception_handler and the
# others call these): what the loop cannot pass on (a callback's exception, a task's
# that nobody asked for) is reported through call_exception_handler, as CPython's is.

_exception_handler = None
_debug = False


class _Shown:
    # A handle as a report shows it: <Handle cb() at main.py:9>.

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text


def _loop_set_exception_handler(loop, handler):
    global _exception_handler
    if handler is not None and not callable(handler):
        raise TypeError(f"A callable object or None is expected, got {handler!r}")
    _exception_handler = handler


def _loop_get_exception_handler(loop):
    return _exception_handler


def _loop_default_exception_handler(loop, context):
    message = context.get("message") or "Unhandled exception in event loop"
    exception = context.get("exception")
    lines = [message]
    for key in sorted(context):
        if key not in ("message", "exception"):
            lines.append(f"{key}: {context[key]!r}")
    text = "\n".join(lines)
    if _log_error(text, exception):
        return
    if exception is not None:
        text += "\n" + _format(exception).rstrip("\n")
    sys.stderr.write(text + "\n")


def _loop_call_exception_handler(loop, context):
    if _exception_handler is None:
        _loop_default_exception_handler(loop, context)
        return
    try:
        _exception_handler(loop, context)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        _loop_default_exception_handler(loop, {
            "message": "Unhandled error in exception handler",
            "exception": exc,
            "context": context,
        })


def _callback_failed(source, handle, exc):
    _loop_call_exception_handler(get_running_loop(), {
        "message": f"Exception in callback {source}",
        "exception": exc,
        "handle": _Shown(handle),
    })


def _loop_set_debug(loop, enabled):
    global _debug
    _debug = bool(enabled)


def _loop_get_debug(loop):
    return _debug


def _loop_run_in_executor(loop, executor, func, *args):
    raise RuntimeError(
        "run_in_executor needs threads or processes of its own, and a page runs Python on one thread: call "
        + getattr(func, "__name__", "the function")
        + "() directly (it then blocks the loop while it runs), or make it a coroutine that awaits asyncio.sleep"
    )
