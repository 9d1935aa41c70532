# The part of asyncio written in Python (the rest is the loop, in Rust): the queues and
# Barrier, on futures and a Condition as CPython's are, and Runner, over asyncio.run.

import sys
from heapq import heappush, heappop
from asyncio import QueueEmpty, QueueFull, Event, Condition, run, new_event_loop, set_event_loop, get_event_loop, get_running_loop, timeout, iscoroutine, iscoroutinefunction, all_tasks, gather, Future, Task, _context, _as_completed, _log_error, _run_in_thread, _threads_done, _stop_main_run, _thread_ident, _new_future, _block_on, _can_block_loop, current_task, _call_graph_of, _running_graph
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
_stopping = False


async def _run_forever():
    # loop.run_forever(): the loop runs this until loop.stop(). A stop asked for before
    # it runs (by a callback of the same turn) ends it once that turn is over.
    global _stopper, _stopping
    _stopper = get_running_loop().create_future()
    if _stopping:
        _stopping = False
        _stopper.set_result(None)
    await _stopper


def _thread_loop_runs(stopper):
    # loop.run_forever() on a thread: it waits for `stopper`, which loop.stop() sets.
    global _stopper, _stopping
    _stopper = stopper
    if _stopping:
        _stopping = False
        _stopper.set_result(None)


def _stop_loop():
    global _stopping
    if _stopper is not None and not _stopper.done():
        _stopper.set_result(None)
    elif not _stop_main_run():
        _stopping = True


def timeout_at(when):
    # A timeout at a time of the loop's clock (None: never).
    return timeout(None if when is None else when - get_running_loop().time())


# What a page cannot do, refused by name with what to do instead.
_NETWORK = (
    " needs the network, and a page's Python has no sockets: it cannot open connections or"
    " listen for them. Stand in for the other side with a coroutine that awaits asyncio.sleep"
    " (a server that answers after a while)"
)
_PROCESSES = (
    " starts a process of the machine, and a page runs Python alone: call the work as a function,"
    " or make it a coroutine that awaits asyncio.sleep"
)


def _refused(name, why):
    def refuse(*args, **kwargs):
        raise RuntimeError(name + why)

    refuse.__name__ = name.split(".")[-1]
    return refuse


open_connection = _refused("asyncio.open_connection", _NETWORK)
start_server = _refused("asyncio.start_server", _NETWORK)
open_unix_connection = _refused("asyncio.open_unix_connection", _NETWORK)
start_unix_server = _refused("asyncio.start_unix_server", _NETWORK)
create_subprocess_exec = _refused("asyncio.create_subprocess_exec", _PROCESSES)
create_subprocess_shell = _refused("asyncio.create_subprocess_shell", _PROCESSES)


def run_coroutine_threadsafe(coro, loop):
    # From one of the playground's threads (or the module's code): a task on the loop,
    # and a concurrent.futures.Future that takes its outcome, as CPython chains them
    # (cancelling that future cancels the task).
    if not iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    from concurrent.futures import Future as _ConcurrentFuture

    future = _ConcurrentFuture()
    task = loop.create_task(coro)

    def _call_set_state(source):
        if future.cancelled():
            return
        if source.cancelled():
            future.cancel()
        elif not future.set_running_or_notify_cancel():
            return
        elif source.exception() is not None:
            future.set_exception(source.exception())
        else:
            future.set_result(source.result())

    def _call_check_cancel(destination):
        if destination.cancelled() and not task.done():
            loop.call_soon_threadsafe(task.cancel)

    task.add_done_callback(_call_set_state)
    future.add_done_callback(_call_check_cancel)
    return future


def _main_outside_loop():
    # Whether the main thread runs the module's code, outside the loop: there it may
    # wait for the threads, which the loop's machinery runs meanwhile.
    if _thread_ident() != 0:
        return False
    try:
        get_running_loop()
    except RuntimeError:
        return True
    return False


def _wait_for_any(futures, waiting_in, timeout=None):
    # The module's code (or a thread) waits until one of the loop's futures or tasks
    # is done, or the timeout is over; `waiting_in` names the wait for the loop's view.
    if any(f.done() for f in futures):
        return
    if _thread_ident() == 0 and _can_block_loop():
        # A coroutine waits for threads: the loop is blocked meanwhile, as CPython's.
        _block_on(list(futures), waiting_in, timeout)
        return
    gate = _new_future()
    for f in futures:
        f.add_done_callback(lambda _: gate.done() or gate.set_result(None))
    if timeout is None:
        _block_on(gate, waiting_in)
    else:
        _block_on(gate, waiting_in, timeout)


def _outcome_repr(future, outcome):
    # concurrent.futures.Future's repr, of the loop's future or task that holds its
    # outcome (None: not handed to a thread yet).
    if outcome is None or not outcome.done():
        state = "running" if outcome is not None else "pending"
        return f"<Future at 0x{id(future):x} state={state}>"
    if outcome.cancelled():
        return f"<Future at 0x{id(future):x} state=cancelled>"
    if outcome.exception() is not None:
        return f"<Future at 0x{id(future):x} state=finished raised {type(outcome.exception()).__name__}>"
    return f"<Future at 0x{id(future):x} state=finished returned {type(outcome.result()).__name__}>"


class StreamReader:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("asyncio.StreamReader" + _NETWORK)


class StreamWriter:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("asyncio.StreamWriter" + _NETWORK)


class subprocess:
    # asyncio.subprocess's constants, for the calls that refuse.
    PIPE = -1
    STDOUT = -2
    DEVNULL = -3


_LOOP_REFUSED = {
    "create_connection": _NETWORK,
    "create_server": _NETWORK,
    "create_unix_connection": _NETWORK,
    "create_unix_server": _NETWORK,
    "create_datagram_endpoint": _NETWORK,
    "getaddrinfo": _NETWORK,
    "getnameinfo": _NETWORK,
    "sock_connect": _NETWORK,
    "sock_accept": _NETWORK,
    "sock_recv": _NETWORK,
    "sock_sendall": _NETWORK,
    "add_reader": _NETWORK,
    "add_writer": _NETWORK,
    "subprocess_exec": _PROCESSES,
    "subprocess_shell": _PROCESSES,
    "connect_read_pipe": _PROCESSES,
    "connect_write_pipe": _PROCESSES,
}


def _loop_refused(loop, name, *args, **kwargs):
    raise RuntimeError("loop." + name + _LOOP_REFUSED[name])


# Signal handlers: kept, as CPython's loop keeps them; a page's run gets no signal.
_signal_handlers = {}


def _check_signal(sig):
    # (A member of signal.Signals is an int by its __index__.)
    if type(sig) is not int:
        if isinstance(sig, (str, float)) or not hasattr(sig, "__index__"):
            raise TypeError(f"sig must be an int, not {sig!r}")
        sig = sig.__index__()
    if not 1 <= sig < 65 or sig in (32, 33):
        raise ValueError(f"invalid signal number {sig}")
    return sig


def _loop_add_signal_handler(loop, sig, callback, *args):
    if iscoroutine(callback) or iscoroutinefunction(callback):
        raise TypeError("coroutines cannot be used with add_signal_handler()")
    sig = _check_signal(sig)
    if sig in (9, 19):
        raise RuntimeError(f"sig {sig:d} cannot be caught")
    _signal_handlers[sig] = (loop, callback, args)


def _deliver_signal(sig):
    # Whether a loop's handler takes the signal. CPython's loop learns of it when it
    # next polls for I/O, and then schedules the handler: here, a callback due at
    # once (a timer, which the loop moves to its ready ones after polling) does.
    entry = _signal_handlers.get(sig)
    if entry is None or entry[0].is_closed():
        return False
    loop, callback, args = entry
    loop.call_later(0, loop.call_soon, callback, *args)
    return True


def _loop_remove_signal_handler(loop, sig):
    return _signal_handlers.pop(_check_signal(sig), None) is not None


async def _loop_shutdown_asyncgens(loop):
    # (The playground closes a run's async generators as asyncio.run ends.)
    pass


async def _loop_shutdown_default_executor(loop, timeout=None):
    # Waits for the threads still running, as CPython's executor's shutdown does.
    _default_executor_shut()
    await _threads_done()


# How many threads threading has named Thread-N.
_thread_numbers = 0


def _next_thread_number():
    global _thread_numbers
    _thread_numbers += 1
    return _thread_numbers


def _default_executor_shut():
    # CPython's loop shuts its default executor down (if it made one, or was given one)
    # on a thread of its own, which takes the next of threading's numbers.
    global _program_default_executor
    if _program_default_executor is not None:
        _next_thread_number()
        _program_default_executor.shutdown(wait=False)
        _program_default_executor = None
    elif _default_workers.started:
        _next_thread_number()
    _default_workers.closed = True


def _thread_call(func, args, kwargs):
    # A thread's bottom frame (see Interp::run_in_thread).
    return func(*args, **kwargs)


# The name of each thread running, by its ident (threading.current_thread() reads it).
_thread_names = {}


_pools = []


def _idle_threads():
    # How many of the executors' threads are alive and waiting for work.
    return sum(len(pool.idle) for pool in _pools if not pool.closed)


def _threads_busy():
    # Whether an executor's thread runs (or has work waiting for one).
    return any(pool.started > len(pool.idle) or pool.waiting for pool in _pools)


class _Workers:
    # An executor's threads, by name: a thread starts only when none is idle, as
    # concurrent.futures' ThreadPoolExecutor starts them (the first idle one is reused),
    # and no more than `most` at once: the work beyond waits for a thread to be free.

    def __init__(self, prefix, most):
        self.prefix = prefix
        self.most = most
        self.idle = []
        self.started = 0
        self.named = set()
        self.waiting = []
        # (Set once the executor is shut down: its idle threads have ended.)
        self.closed = False
        _pools.append(self)

    def cancel(self, future):
        # Work still waiting for a thread is cancelled (it never runs).
        for at, entry in enumerate(self.waiting):
            if entry[4] is future:
                del self.waiting[at]
                future.cancel()
                return True
        return False

    def queued(self, future):
        return any(entry[4] is future for entry in self.waiting)

    def call(self, copy_context, func, args, kwargs):
        if self.idle:
            name = self.idle.pop(0)
        elif self.started < self.most:
            name = self.prefix + "_" + str(self.started)
            self.started += 1
        else:
            future = _new_future()
            self.waiting.append((copy_context, func, args, kwargs, future))
            return future
        worker = _Worker(self, name, func)
        # A new thread starts at once: the module's code goes on once it first blocks,
        # as CPython's submit() waits in Thread.start() (a thread reused does not).
        starts = name not in self.named and (_main_outside_loop() or _can_block_loop())
        self.named.add(name)
        if starts:
            worker.began = _new_future()
        try:
            inner = _run_in_thread(copy_context, worker, *args, **kwargs)
        except RuntimeError:
            self.idle.insert(0, name)
            raise
        if starts:
            _block_on(worker.began, "ThreadPoolExecutor.submit")
        return inner

    def free(self, name):
        # The thread `name` is done: it takes the work waiting first, if any.
        while self.waiting and self.waiting[0][4].cancelled():
            del self.waiting[0]
        if not self.waiting:
            self.idle.append(name)
            return
        copy_context, func, args, kwargs, future = self.waiting.pop(0)
        # (The thread sets the future its work was promised, as it ends: not a callback
        # of the loop's, which a coroutine blocking the loop for it would hold up.)
        worker = _Worker(self, name, func)
        worker.outer = future
        _run_in_thread(copy_context, worker, *args, **kwargs)


class _Worker:
    # func, called on the thread `name` of `workers` (an executor's work item, or a
    # threading.Thread's bootstrap when `pooled` is false).

    def __init__(self, workers, name, func, pooled=True):
        self.workers = workers
        self.name = name
        self.func = func
        self.pooled = pooled
        self.began = None
        self.outer = None
        self.__name__ = getattr(func, "__name__", "function")

    def __call__(self, *args, **kwargs):
        ident = _thread_ident()
        _thread_names[ident] = self.name
        if self.began is not None:
            self.began.set_result(None)
        try:
            if not self.pooled:
                return self.func(*args, **kwargs)
            try:
                result = _WorkItem(self.func, args, kwargs).run()
            except BaseException as e:
                if self.outer is not None and not self.outer.done():
                    self.outer.set_exception(e)
                raise
            if self.outer is not None and not self.outer.done():
                self.outer.set_result(result)
            return result
        finally:
            del _thread_names[ident]
            self.workers.free(self.name)


class _WorkItem:
    # concurrent.futures' work item: its run() is the frame tracebacks show between a
    # thread's function and whoever waits for its result, as CPython's.

    def __init__(self, fn, args, kwargs):
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        result = self.fn(*self.args, **self.kwargs)  # CPython: concurrent/futures/thread.py:58
        return result


class _ThreadCall:
    # to_thread's call: on the default executor's thread, in a copy of the context.

    def __init__(self, func, args, kwargs):
        self.func = func
        self.args = args
        self.kwargs = kwargs


# The loop's default executor (a new loop has a new one).
_default_workers = _Workers("asyncio", 5)


async def to_thread(func, /, *args, **kwargs):
    # func on a thread of the loop's (a task of the playground's that calls it: a
    # time.sleep there lets the loop run on), in a copy of this task's context.
    loop = get_running_loop()
    func_call = _ThreadCall(func, args, kwargs)
    return await loop.run_in_executor(None, func_call)  # CPython: asyncio/threads.py:25


def wrap_future(future, *, loop=None):
    # A concurrent.futures future (a thread's) as asyncio's: the loop's future it is.
    if isinstance(future, Future):
        return future
    inner = getattr(future, "_inner", None)
    if inner is None:
        raise TypeError(f"concurrent.futures.Future is expected, got {future!r}")
    return inner


class IncompleteReadError(EOFError):
    # What a stream's readexactly raises (streams need the network, which a page has
    # not; the class is here for the programs that name it).
    __module__ = "asyncio.exceptions"

    def __init__(self, partial, expected):
        r_expected = "undefined" if expected is None else repr(expected)
        super().__init__(f"{len(partial)} bytes read on a total of {r_expected} expected bytes")
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    __module__ = "asyncio.exceptions"

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class SendfileNotAvailableError(RuntimeError):
    __module__ = "asyncio.exceptions"


class QueueShutDown(Exception):
    # Raised by put and get on a queue shut down (Python 3.13).
    __module__ = "asyncio.queues"


class Queue:
    # A queue of items for tasks: put waits while it is full (maxsize > 0), get while
    # it is empty; join waits until task_done was called for every item put. Each
    # waiter is a future, woken first come first served, as CPython's.
    __module__ = "asyncio.queues"

    def __init__(self, maxsize=0):
        self._loop = None
        self._maxsize = maxsize
        self._getters = []
        self._putters = []
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._is_shutdown = False
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = []

    def _get(self):
        return self._queue.pop(0)

    def _put(self, item):
        self._queue.append(item)

    def _get_loop(self):
        loop = get_running_loop()
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f"{self!r} is bound to a different event loop")
        return loop

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f"<{type(self).__name__} at {id(self):#x} {self._format()}>"

    def __str__(self):
        return f"<{type(self).__name__} {self._format()}>"

    def _format(self):
        result = f"maxsize={self._maxsize!r}"
        if getattr(self, "_queue", None):
            result += f" _queue={list(self._queue)!r}"
        if self._getters:
            result += f" _getters[{len(self._getters)}]"
        if self._putters:
            result += f" _putters[{len(self._putters)}]"
        if self._unfinished_tasks:
            result += f" tasks={self._unfinished_tasks}"
        if self._is_shutdown:
            result += " shutdown"
        return result

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            if self._is_shutdown:
                raise QueueShutDown
            putter = self._get_loop().create_future()
            self._putters.append(putter)
            try:
                await putter  # CPython: asyncio/queues.py:120
            except:
                putter.cancel()
                if putter in self._putters:
                    self._putters.remove(putter)
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self._is_shutdown:
            raise QueueShutDown
        if self.full():
            raise QueueFull  # CPython: asyncio/queues.py:143
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            if self._is_shutdown and self.empty():
                raise QueueShutDown
            getter = self._get_loop().create_future()
            self._getters.append(getter)
            try:
                await getter  # CPython: asyncio/queues.py:158
            except:
                getter.cancel()
                if getter in self._getters:
                    self._getters.remove(getter)
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            if self._is_shutdown:
                raise QueueShutDown
            raise QueueEmpty  # CPython: asyncio/queues.py:181
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')  # CPython: asyncio/queues.py:201
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()  # CPython: asyncio/queues.py:215

    def shutdown(self, immediate=False):
        self._is_shutdown = True
        if immediate:
            while not self.empty():
                self._get()
                if self._unfinished_tasks > 0:
                    self._unfinished_tasks -= 1
            if self._unfinished_tasks == 0:
                self._finished.set()
        while self._getters:
            getter = self._getters.pop(0)
            if not getter.done():
                getter.set_result(None)
        while self._putters:
            putter = self._putters.pop(0)
            if not putter.done():
                putter.set_result(None)


class PriorityQueue(Queue):
    # Smallest item first, a heap as heapq keeps it.
    __module__ = "asyncio.queues"

    def _put(self, item):
        heappush(self._queue, item)

    def _get(self):
        return heappop(self._queue)


class LifoQueue(Queue):
    # Last in, first out.
    __module__ = "asyncio.queues"

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


class BrokenBarrierError(RuntimeError):
    __module__ = "asyncio.exceptions"


class Barrier:
    # Its state: "filling" while parties arrive, "draining" while they leave,
    # "resetting" after reset() with parties still inside, "broken" after abort().
    __module__ = "asyncio.locks"

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
    # Runs coroutines one after the other on one loop, as CPython's: each run is a task
    # of that loop, in the runner's own copy of the context; close cancels what is left.
    __module__ = "asyncio.runners"

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = "created"
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._context = None
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, *args):
        self.close()

    def close(self):
        if self._state != "initialized":
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = "closed"

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got {!r}".format(coro))  # CPython: asyncio/runners.py:89
        if _get_running_loop() is not None:
            raise RuntimeError(  # CPython: asyncio/runners.py:93
                "Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        if context is None:
            context = self._context
        task = self._loop.create_task(coro, context=context)
        return self._loop.run_until_complete(task)  # CPython: asyncio/runners.py:118

    def _lazy_init(self):
        if self._state == "closed":
            raise RuntimeError("Runner is closed")
        if self._state == "initialized":
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._context = _RunnerContext()
        self._state = "initialized"


class _FutureSubclass:
    # What a class derived from asyncio.Future stands on: one of the loop's futures,
    # whose methods it passes on (callbacks are handed the subclass's object).
    __module__ = "_asyncio"

    def __init__(self, *, loop=None):
        self._future = Future()
        self._callbacks = []

    def _wrapped(self, fn):
        # (Out of the list once called: it refers to self, which refers to the list.)
        def callback(_):
            self._callbacks.remove((fn, callback))
            fn(self)

        self._callbacks.append((fn, callback))
        return callback

    def result(self):
        return self._future.result()

    def exception(self):
        return self._future.exception()

    def set_result(self, result):
        self._future.set_result(result)

    def set_exception(self, exception):
        self._future.set_exception(exception)

    def done(self):
        return self._future.done()

    def cancelled(self):
        return self._future.cancelled()

    def cancel(self, msg=None):
        return self._future.cancel(msg)

    def add_done_callback(self, fn, *, context=None):
        self._future.add_done_callback(self._wrapped(fn), context=context)

    def remove_done_callback(self, fn):
        removed = 0
        for given, callback in list(self._callbacks):
            if given == fn:
                removed += self._future.remove_done_callback(callback)
                self._callbacks.remove((given, callback))
        return removed

    def get_loop(self):
        return self._future.get_loop()

    def __await__(self):
        return (yield from self._future)

    __iter__ = __await__

    def __repr__(self):
        return "<" + type(self).__name__ + repr(self._future)[len(type(self._future).__name__) + 1:]


class _TaskSubclass(_FutureSubclass):
    # What a class derived from asyncio.Task stands on: one of the loop's tasks.
    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
        self._future = Task(coro, name=name, context=context)
        self._callbacks = []

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def get_name(self):
        return self._future.get_name()

    def set_name(self, value):
        self._future.set_name(value)

    def get_coro(self):
        return self._future.get_coro()

    def get_context(self):
        return self._future.get_context()

    def cancelling(self):
        return self._future.cancelling()

    def uncancel(self):
        return self._future.uncancel()


def _get_running_loop():
    try:
        return get_running_loop()
    except RuntimeError:
        return None


class _RunnerContext:
    # The runner's copy of the context its runs share (a contextvars.Context's data,
    # without importing contextvars into every program that uses asyncio).
    def __init__(self):
        self._data = dict(_context())


def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


# The loop's exception handler and debug mode (loop.set_exception_handler and the
# others call these): what the loop cannot pass on (a callback's exception, a task's
# that nobody asked for) is reported through call_exception_handler, as CPython's is.

_exception_handler = None


class _UnixDefaultEventLoopPolicy:
    # The event loop policy: the one the page runs (it has one loop at a time).
    __module__ = "asyncio.unix_events"

    def get_event_loop(self):
        return get_event_loop()

    def set_event_loop(self, loop):
        set_event_loop(loop)

    def new_event_loop(self):
        return new_event_loop()


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy
_policy = None


def get_event_loop_policy():
    global _policy
    if _policy is None:
        _policy = DefaultEventLoopPolicy()
    return _policy


def set_event_loop_policy(policy):
    global _policy
    if policy is not None and not isinstance(policy, _UnixDefaultEventLoopPolicy):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, not '{type(policy).__name__}'")
    _policy = policy


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


def _slow_callback(handle, seconds):
    # Debug mode: a step or callback that took slow_callback_duration or more.
    text = "Executing %s took %.3f seconds" % (handle, seconds)
    if not _log_error(text, None, "warning"):
        sys.stderr.write(text + "\n")


def _callback_failed(source, handle, exc):
    _loop_call_exception_handler(get_running_loop(), {
        "message": f"Exception in callback {source}",
        "exception": exc,
        "handle": _Shown(handle),
    })


_task_factory = None


def _loop_set_task_factory(loop, factory):
    global _task_factory
    if factory is not None and not callable(factory):
        raise TypeError("task factory must be a callable or None")
    _task_factory = factory


def _loop_get_task_factory(loop):
    return _task_factory


def _loop_made():
    # A new loop: without the last one's handler, factory and default executor.
    global _exception_handler, _task_factory, _default_workers
    _exception_handler = None
    _task_factory = None
    _default_workers = _Workers("asyncio", 5)


# The loop's default executor, if the program set one (loop.set_default_executor).
_program_default_executor = None


def _loop_set_default_executor(loop, executor):
    global _program_default_executor
    # (concurrent.futures imports asyncio: its class is recognized by name.)
    if not any(c.__name__ == "ThreadPoolExecutor" for c in type(executor).__mro__):
        raise TypeError('executor must be ThreadPoolExecutor instance')
    _program_default_executor = executor


def _loop_run_in_executor(loop, executor, func, *args, **kwargs):
    if kwargs:
        raise TypeError(f"BaseEventLoop.run_in_executor() got an unexpected keyword argument '{next(iter(kwargs))}'")
    # On the default executor's threads (executor None) or a concurrent.futures
    # executor's: the playground's threads, named as that executor names them.
    copy_context = isinstance(func, _ThreadCall)
    if copy_context:
        func, args, kwargs = func.func, func.args, func.kwargs
    if executor is None:
        executor = _program_default_executor
    if executor is None:
        return _default_workers.call(copy_context, func, args, kwargs)
    workers = getattr(executor, "_workers", None)
    if workers is None:
        # (An executor of the program's own, as CPython's loop would use it.)
        return wrap_future(executor.submit(func, *args, **kwargs))
    executor._check_open()
    return workers.call(copy_context, func, args, kwargs)


# Protocols and transports: the interfaces a network server's code is written against.
# A page opens no connections, so nothing calls them here but the program itself (a
# protocol driven by hand, a transport of its own that records what is written).


class BaseProtocol:
    __module__ = "asyncio.protocols"
    __slots__ = ()

    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass

    def pause_writing(self):
        pass

    def resume_writing(self):
        pass


class Protocol(BaseProtocol):
    __module__ = "asyncio.protocols"
    __slots__ = ()

    def data_received(self, data):
        pass

    def eof_received(self):
        pass


class BufferedProtocol(BaseProtocol):
    __module__ = "asyncio.protocols"
    __slots__ = ()

    def get_buffer(self, sizehint):
        raise NotImplementedError

    def buffer_updated(self, nbytes):
        raise NotImplementedError

    def eof_received(self):
        pass


class DatagramProtocol(BaseProtocol):
    __module__ = "asyncio.protocols"
    __slots__ = ()

    def datagram_received(self, data, addr):
        pass

    def error_received(self, exc):
        pass


class SubprocessProtocol(BaseProtocol):
    __module__ = "asyncio.protocols"
    __slots__ = ()

    def pipe_data_received(self, fd, data):
        pass

    def pipe_connection_lost(self, fd, exc):
        pass

    def process_exited(self):
        pass


class BaseTransport:
    __module__ = "asyncio.transports"
    __slots__ = ("_extra",)

    def __init__(self, extra=None):
        if extra is None:
            extra = {}
        self._extra = extra

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)

    def is_closing(self):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError

    def set_protocol(self, protocol):
        raise NotImplementedError

    def get_protocol(self):
        raise NotImplementedError


class ReadTransport(BaseTransport):
    __module__ = "asyncio.transports"
    __slots__ = ()

    def is_reading(self):
        raise NotImplementedError

    def pause_reading(self):
        raise NotImplementedError

    def resume_reading(self):
        raise NotImplementedError


class WriteTransport(BaseTransport):
    __module__ = "asyncio.transports"
    __slots__ = ()

    def set_write_buffer_limits(self, high=None, low=None):
        raise NotImplementedError

    def get_write_buffer_size(self):
        raise NotImplementedError

    def get_write_buffer_limits(self):
        raise NotImplementedError

    def write(self, data):
        raise NotImplementedError

    def writelines(self, list_of_data):
        self.write(b"".join(list_of_data))

    def write_eof(self):
        raise NotImplementedError

    def can_write_eof(self):
        raise NotImplementedError

    def abort(self):
        raise NotImplementedError


class Transport(ReadTransport, WriteTransport):
    __module__ = "asyncio.transports"
    __slots__ = ()


class DatagramTransport(BaseTransport):
    __module__ = "asyncio.transports"
    __slots__ = ()

    def sendto(self, data, addr=None):
        raise NotImplementedError

    def abort(self):
        raise NotImplementedError


class SubprocessTransport(BaseTransport):
    __module__ = "asyncio.transports"
    __slots__ = ()

    def get_pid(self):
        raise NotImplementedError

    def get_returncode(self):
        raise NotImplementedError

    def get_pipe_transport(self, fd):
        raise NotImplementedError

    def send_signal(self, signal):
        raise NotImplementedError

    def terminate(self):
        raise NotImplementedError

    def kill(self):
        raise NotImplementedError


# A task's stack, as CPython's base_tasks gives it: the frame its coroutine stands in.


class _StackCode:
    def __init__(self, filename, name, qualname=None):
        self.co_filename = filename
        self.co_name = name
        self.co_qualname = name if qualname is None else qualname


class _StackFrame:
    def __init__(self, filename, lineno, name, text):
        self.f_code = _StackCode(filename, name)
        self.f_lineno = lineno
        self._text = text

    def __repr__(self):
        return f"<frame at 0x{id(self):x}, file '{self.f_code.co_filename}', line {self.f_lineno}, code {self.f_code.co_name}>"


def _task_get_stack(task, place, *, limit=None):
    if place is None or limit == 0:
        return []
    return [_StackFrame(*place)]


def _task_print_stack(task, place, *, limit=None, file=None):
    frames = _task_get_stack(task, place, limit=limit)
    exc = None
    if task.done() and not task.cancelled():
        exc = task.exception()
    # (As CPython's: the heading goes where print() sends it, the frames where
    # traceback.print_list does, standard error, when no file is given.)
    listed = sys.stderr if file is None else file
    if not frames:
        print(f"No stack for {task!r}", file=file)
    elif exc is not None:
        print(f"Traceback for {task!r} (most recent call last):", file=file)
    else:
        print(f"Stack for {task!r} (most recent call last):", file=file)
    for f in frames:
        print(f'  File "{f.f_code.co_filename}", line {f.f_lineno}, in {f.f_code.co_name}', file=listed)
        if f._text:
            print(f"    {f._text}", file=listed)
    if exc is not None:
        kind = type(exc)
        name = kind.__qualname__ if kind.__module__ in ("__main__", "builtins") else kind.__module__ + "." + kind.__qualname__
        text = str(exc)
        print(f"{name}: {text}" if text else name, file=file)


# The call graph, as CPython 3.14's asyncio.graph captures and prints it. Each frame is
# taken as it stands when the graph is captured (the machine reads the task's chain:
# see graph.rs), with its generator's kind: "async", "async generator", "generator", or
# "" for a plain function.


class _GraphGenerator:
    def __init__(self, frame, tag):
        kind = {"async": "cr", "async generator": "ag", "generator": "gi"}[tag]
        setattr(self, kind + "_frame", frame)
        setattr(self, kind + "_code", frame.f_code)


class _GraphFrame:
    def __init__(self, filename, lineno, qualname, name, tag):
        self.f_code = _StackCode(filename, name, qualname)
        self.f_lineno = lineno
        self.f_generator = _GraphGenerator(self, tag) if tag else None
        self._tag = tag

    def __repr__(self):
        return f"<frame at 0x{id(self):x}, file '{self.f_code.co_filename}', line {self.f_lineno}, code {self.f_code.co_name}>"


class FrameCallGraphEntry:
    __slots__ = ("frame",)

    def __init__(self, frame):
        self.frame = frame

    def __repr__(self):
        return f"FrameCallGraphEntry(frame={self.frame!r})"

    def __eq__(self, other):
        return type(other) is type(self) and self.frame == other.frame

    def __hash__(self):
        return hash((self.frame,))


class FutureCallGraph:
    __slots__ = ("future", "call_stack", "awaited_by")

    def __init__(self, future, call_stack, awaited_by):
        self.future = future
        self.call_stack = call_stack
        self.awaited_by = awaited_by

    def __repr__(self):
        return f"FutureCallGraph(future={self.future!r}, call_stack={self.call_stack!r}, awaited_by={self.awaited_by!r})"

    def __eq__(self, other):
        return type(other) is type(self) and (self.future, self.call_stack, self.awaited_by) == (
            other.future, other.call_stack, other.awaited_by)

    def __hash__(self):
        return hash((self.future, self.call_stack, self.awaited_by))


def _not_a_future(future):
    return TypeError(f"{future!r} object does not appear to be compatible with asyncio.Future")


def _cut(stack, limit):
    # At most abs(limit) entries: the first ones for a positive limit, the last for a
    # negative one.
    if limit is None or limit == 0:
        return stack
    return stack[:limit] if limit > 0 else stack[limit:]


def _graph_of(future, limit):
    if not isinstance(future, Future):
        raise _not_a_future(future)
    frames, waiters = _call_graph_of(future, limit != 0)
    # (A task done has its finished coroutine, whose frame is None.)
    stack = [FrameCallGraphEntry(None if frame is None else _GraphFrame(*frame)) for frame in frames]
    awaited_by = [_graph_of(waiter, limit) for waiter in waiters]
    stack = _cut(stack, limit)
    stack.reverse()
    return FutureCallGraph(future, tuple(stack), tuple(awaited_by))


def _running_loop_or_none():
    try:
        return get_running_loop()
    except RuntimeError:
        return None


def capture_call_graph(future=None, /, *, depth=1, limit=None):
    loop = _running_loop_or_none()
    if future is not None:
        if loop is None or future is not current_task(loop=loop):
            return _graph_of(future, limit)
    elif loop is None:
        raise RuntimeError("capture_call_graph() is called outside of a running event loop "
                           "and no *future* to introspect was provided")
    else:
        future = current_task(loop=loop)
    if future is None:
        return None
    if not isinstance(future, Future):
        raise _not_a_future(future)
    frames = _running_graph(depth) if limit != 0 else []
    stack = [FrameCallGraphEntry(_GraphFrame(*frame)) for frame in frames]
    awaited_by = [_graph_of(waiter, limit) for waiter in _call_graph_of(future, False)[1]]
    if limit is not None:
        stack = _cut(stack, -limit)
    return FutureCallGraph(future, tuple(stack), tuple(awaited_by))


def _graph_lines(graph, lines, level):
    indent = "    " * level
    future = graph.future
    if isinstance(future, Task):
        lines.append(f"{indent}* Task(name={future.get_name()!r}, id={id(future):#x})")
    else:
        lines.append(f"{indent}* Future(id={id(future):#x})")
    if graph.call_stack:
        lines.append(f"{indent}  + Call stack:")
        for entry in graph.call_stack:
            frame = entry.frame
            kind = "" if frame.f_generator is None else frame._tag + " "
            lines.append(f"{indent}  |   File {frame.f_code.co_filename!r}, line {frame.f_lineno}, "
                         f"in {kind}{frame.f_code.co_qualname}()")
    if graph.awaited_by:
        lines.append(f"{indent}  + Awaited by:")
        for waiter in graph.awaited_by:
            _graph_lines(waiter, lines, level + 1)


def format_call_graph(future=None, /, *, depth=1, limit=None):
    graph = capture_call_graph(future, depth=depth + 1, limit=limit)
    if graph is None:
        return ""
    lines = []
    _graph_lines(graph, lines, 0)
    return "\n".join(lines)


def print_call_graph(future=None, /, *, file=None, depth=1, limit=None):
    print(format_call_graph(future, depth=depth, limit=limit), file=file)
