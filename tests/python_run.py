"""Runs programs as CPython does and prints what each printed and its traceback.

Reads a JSON list of programs from the file named by the first argument, each its
source, or an object {"source": ..., "interrupt": T, "cell": true, "lines": true,
"line_frames": true, "frames": true, "trees": true}: a program interrupted as by Ctrl+C when the loop's clock reaches T seconds
(as the page's Stop does), run as a notebook cell (see run_cell), traced line by line, or
looked inside after each of the loop's handles (see frames_recorder; with `trees`, the await
graph as `pstree` prints it, `tree "..."` per line, under CPython 3.14). Prints, for each
program, a line `program`, then `out TIME "..."` per printed line (TIME: the
virtual loop's time, or 0.0 outside a loop), `warn "..."` per warning it wrote
to standard error (`main.py:8: RuntimeWarning: ...`), `line TASK N` for each line of
main.py run if traced (TASK: the running task's name, or <module>; with `line_frames`,
then `lineframe FUNCTION` and a `local NAME "..."` per local of the frame that begins it),
after each handle if
asked `moment TIME`, then `task "..."` per task not done, `frame FUNCTION LINE` per frame of
main.py it stands in, outermost first, `local NAME "..."` per local variable (its repr),
and `error "..."` if
it ended with an exception (strings as JSON writes them). The traceback
is CPython's, with the frames of main.py and of CPython's library (with 3.11's
carets under their lines, the library's files named as in a browser), as the playground writes it. Used by tests/python.rs.
"""

import ast
import asyncio
import atexit
import contextlib
import gc
import inspect
import io
import json
import linecache
import os
import signal
import sys
import time
import traceback
import logging
import warnings
import weakref

import virtual_asyncio


STDLIB = os.path.dirname(os.__file__) + os.sep
# Where a browser's CPython keeps its library, as the playground names its files.
LIBRARY = "/lib/python3.11/"


def program_frames(stack):
    """The frames of the program's own code (main.py) and of CPython 3.11's library
    (named as a browser's CPython has them), with CPython 3.11's carets. A newer
    CPython's asyncio has other lines, and it draws other carets: its frames are the
    program's only, shown without. The harness's own `asyncio.run` stands for
    CPython's."""
    kept = []
    newer = sys.version_info >= (3, 12)
    for f in stack:
        if f.filename == __file__ and f.name == "asyncio_run" and not newer:
            if f.line.startswith("raise"):
                # (Its check that no loop runs, as CPython's asyncio.run raises it.)
                f = traceback.FrameSummary(LIBRARY + "asyncio/runners.py", 186, "run", line="        raise RuntimeError(\n",
                                           lookup_line=False)
            else:
                indented = "        return runner.run(main)\n"
                f = traceback.FrameSummary(LIBRARY + "asyncio/runners.py", 190, "run", line=indented, lookup_line=False,
                                           end_lineno=190, colno=15, end_colno=31)
        elif f.filename.startswith(STDLIB + "re" + os.sep):
            # (re's compiler and parser, written in C or deep in Python: the
            # playground's engine is its own, and shows none of their frames.)
            continue
        elif f.filename.startswith(STDLIB) and not newer:
            f = traceback.FrameSummary(LIBRARY + f.filename[len(STDLIB):], f.lineno, f.name, line=f._line,
                                       lookup_line=False, end_lineno=f.end_lineno, colno=f.colno,
                                       end_colno=f.end_colno)
        elif f.filename == "<string>" and not newer:
            # (Text compiled as the program runs: by its eval and exec, or the library's,
            # as dataclasses' generated methods are.)
            f = traceback.FrameSummary("<string>", f.lineno, f.name, line="", lookup_line=False)
        elif f.filename != "main.py":
            continue
        kept.append(f)
    if newer:
        kept = [traceback.FrameSummary(f.filename, f.lineno, f.name, line=f.line) for f in kept]
    return traceback.StackSummary.from_list(kept)


def library_named(text):
    """What the program printed or logged, asyncio's files named as in a browser (CPython
    3.14's, which only the call graph names, as the playground names them for it)."""
    if sys.version_info >= (3, 14):
        return text.replace(STDLIB, "/lib/python3.14/")
    return text.replace(STDLIB, LIBRARY) if sys.version_info < (3, 12) else text


def program_only(te, seen):
    """A TracebackException with only the program's frames, throughout its chain
    and, for an exception group, its exceptions."""
    if id(te) in seen:
        return
    seen.add(id(te))
    te.stack = program_frames(te.stack)
    for other in (te.__cause__, te.__context__):
        if other is not None:
            program_only(other, seen)
    for sub in te.exceptions or ():
        program_only(sub, seen)


def describe(e):
    te = traceback.TracebackException(type(e), e, e.__traceback__)
    program_only(te, set())
    return "".join(te.format())


class Stream(io.StringIO):
    """Stands for a real standard stream: what programs read about it is the real one's
    when it is not a terminal."""

    mode = "w"
    encoding = "utf-8"
    line_buffering = False
    number = 1

    def isatty(self):
        return False

    def readable(self):
        return False

    def fileno(self):
        return self.number


class Written(Stream):
    """Standard error, kept: named as the real one is (a logging handler shows it)."""

    name = "<stderr>"
    errors = "backslashreplace"
    number = 2


class Clocked(Stream):
    """stdout that notes the loop's time of each line it ends."""

    name = "<stdout>"
    errors = "strict"

    def __init__(self, clock):
        super().__init__()
        self.clock = clock
        self.lines = []
        self.partial = ""

    def write(self, text):
        self.partial += text
        while "\n" in self.partial:
            line, self.partial = self.partial.split("\n", 1)
            self.lines.append((self.clock(), line))
        return len(text)

    def close_lines(self):
        if self.partial:
            self.lines.append((self.clock(), self.partial))


def line_tracer(lines, frames=False):
    """A trace function noting (task, line) for each line of main.py begun (sys.settrace):
    the task by the name asyncio first gave it, Task-N for the Nth the loop made. With
    `frames`, also the frame that begins it: its function and, but for the module's,
    its locals as reprs (as the line is about to run)."""

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "main.py":
            return None
        if event == "line":
            loop = asyncio.events._get_running_loop()
            task = asyncio.current_task() if loop else None
            entry = (f"Task-{loop.number(task)}" if task else "<module>", frame.f_lineno)
            if frames:
                name = frame.f_code.co_name
                local = [] if name == "<module>" else [[n, short_repr(v)] for n, v in frame.f_locals.items()]
                # (A callback of the loop's runs in no task: said so.)
                entry += ("<callback>" if loop and loop.is_running() and not task else name, local)
            lines.append(entry)
        return tracer

    return tracer


def short_repr(value, most=80):
    """A value's repr cut at `most` characters with …, as the playground's frames view
    shows it."""
    text = library_named(repr(value))
    return text[:most] + "…" if len(text) > most else text


def awaited_by(coro):
    """What a coroutine, generator or async generator awaits or delegates to: the next
    link of a task's chain (an async generator's `asend`, which holds no frame, stands
    for the async generator it drives)."""
    if type(coro).__name__ in ("async_generator_asend", "async_generator_athrow"):
        return next((r for r in gc.get_referents(coro) if inspect.isasyncgen(r)), None)
    for name in ("cr_await", "gi_yieldfrom", "ag_await"):
        if hasattr(coro, name):
            return getattr(coro, name)
    return None


def held_frame(value):
    """A paused generator's frame, as the frames view sums it up: `FUNCTION LINE` and its
    locals `name=repr` in order of name; None for anything else (running, suspended in
    an await or `yield from`, which a task's chain shows, finished, or not main.py's)."""
    for frame_name, running, inner in (("gi_frame", "gi_running", "gi_yieldfrom"), ("cr_frame", "cr_running", "cr_await"),
                                       ("ag_frame", "ag_running", "ag_await")):
        if hasattr(value, frame_name) and not isinstance(value, type):
            frame = getattr(value, frame_name)
            if frame is None or getattr(value, running) or getattr(value, inner) is not None:
                return None
            if frame.f_code.co_filename != "main.py":
                return None
            local = " ".join(f"{n}={short_repr(v)}" for n, v in sorted(frame.f_locals.items()))
            return f"{frame.f_code.co_name} {frame.f_lineno} {local}"
    return None


def task_frames(task):
    """A task's frames of main.py, outermost first: [co_name, f_lineno, [[name, repr]...]]."""
    frames = []
    coro = task.get_coro()
    while coro is not None:
        frame = next((getattr(coro, n) for n in ("cr_frame", "gi_frame", "ag_frame") if hasattr(coro, n)), None)
        if frame is None and type(coro).__name__ not in ("async_generator_asend", "async_generator_athrow"):
            break
        if frame is not None and frame.f_code.co_filename == "main.py":
            local = [[name, short_repr(value)] for name, value in frame.f_locals.items()]
            # The generators (and coroutines) it holds in a variable, paused at a yield or
            # not started, with their frames: the view shows their saved state.
            # (Each once, under the first variable that holds it.)
            seen = set()
            for name, value in frame.f_locals.items():
                held = held_frame(value)
                if held is not None and id(value) not in seen:
                    seen.add(id(value))
                    local.append([f"held:{name}", held])
            frames.append([frame.f_code.co_name, frame.f_lineno, local])
        coro = awaited_by(coro)
    return frames


def closing(task):
    """Whether a task is asyncio.run's own, closing the async generators left suspended
    once main is over (`loop.shutdown_asyncgens()`, and an `aclose()` for each): the
    playground closes them in tasks it does not show, which record nothing."""
    made_by = getattr(task.get_coro(), "__qualname__", "") + " " + getattr(task, "made_by", "")
    return "shutdown_asyncgens" in made_by


def await_tree(tasks):
    """The await graph of these tasks, as `python -m asyncio pstree` prints it (CPython
    3.14's `asyncio.tools` draws it), from what `capture_call_graph` sees of each: its
    chain of frames and the tasks that await it, each with its own chain."""
    import asyncio.tools as tools
    from collections import namedtuple
    Frame = namedtuple("Frame", "filename lineno funcname")
    Coro = namedtuple("Coro", "call_stack task_name")
    TaskInfo = namedtuple("TaskInfo", "task_id task_name coroutine_stack awaited_by")
    Thread = namedtuple("Thread", "thread_id awaited_by")

    def stack(graph):
        return [Frame(library_named(e.frame.f_code.co_filename), e.frame.f_lineno, e.frame.f_code.co_qualname)
                for e in graph.call_stack if e.frame is not None]

    infos = []
    for task in tasks:
        graph = asyncio.capture_call_graph(task)
        waiters = [Coro(stack(w), id(w.future)) for w in graph.awaited_by if isinstance(w.future, asyncio.Task)]
        infos.append(TaskInfo(id(task), task.get_name(), [Coro(stack(graph), id(task))], waiters))
    try:
        return [line for tree in tools.build_async_tree([Thread(1, infos)]) for line in tree]
    except tools.CycleFoundException as e:
        lines = ["ERROR: await-graph contains cycles - cannot print a tree!", ""]
        for cycle in e.cycles:
            lines.append("cycle: " + " → ".join(e.id2name.get(tid, hex(tid)) for tid in cycle))
        return lines


def frames_recorder(snapshots, tree=False):
    """Notes, after each handle a harness's loop runs, the loop's time and every task not
    done with its frames: (time, [[name, frames]...]), in the tasks' order of creation.
    Returns what undoes it."""
    handle_run = asyncio.events.Handle._run

    def _run(self):
        handle_run(self)
        loop = self._loop
        if isinstance(loop, virtual_asyncio.VirtualLoop):
            alive = [t for t in loop.created if not (t.done() or closing(t))]
            if tree:
                snapshots.append((loop.time(), await_tree(alive)))
            else:
                snapshots.append((loop.time(), [[t.get_name(), task_frames(t)] for t in alive]))

    asyncio.events.Handle._run = _run
    return lambda: setattr(asyncio.events.Handle, "_run", handle_run)


def run(source, interrupt=None, cell=False, lines=None, frames=None, line_frames=False, trees=None):
    # The program gets the depth `python3 main.py` gives it: this harness's frames are extra.
    sys.setrecursionlimit(1000 + len(inspect.stack()))
    linecache.cache["main.py"] = (len(source), None, source.splitlines(True), "main.py")
    loop = virtual_asyncio.VirtualLoop() if cell else None

    def loop_factory():
        nonlocal loop
        loop = virtual_asyncio.VirtualLoop(after=loop)
        return loop

    def asyncio_run(main, *, debug=None):
        # asyncio.run's own check, before the Runner's.
        if asyncio.events._get_running_loop() is not None:
            raise RuntimeError("asyncio.run() cannot be called from a running event loop")
        with asyncio.Runner(debug=debug, loop_factory=loop_factory) as runner:
            if interrupt is not None:
                interrupt_at(runner, interrupt)
            # (asyncio.run's Runner makes its loop the current one, and leaves none.)
            asyncio.set_event_loop(runner.get_loop())
            try:
                return runner.run(main)
            finally:
                asyncio.set_event_loop(None)

    class Policy(asyncio.DefaultEventLoopPolicy):
        """The notebook's way, asyncio.get_event_loop(), gets a virtual loop too."""

        def new_event_loop(self):
            return loop_factory()

    real_strftime, real_gmtime, real_asctime = time.strftime, time.gmtime, time.asctime

    def clock():
        return loop.time() if loop else 0.0

    # The calendar on the virtual clock: the day is 1970-01-01 (UTC) and its time of
    # day the loop's time, as the core's virtual host has it.
    def localtime(secs=None):
        return real_gmtime(clock() if secs is None else secs)

    def strftime(fmt, t=None):
        return real_strftime(fmt, localtime() if t is None else t)

    def asctime(t=None):
        return real_asctime(localtime() if t is None else t)

    def ctime(secs=None):
        return real_asctime(localtime(secs))

    def blocking_sleep(seconds):
        # time.sleep blocks the loop: on the virtual clock, time moves on meanwhile.
        if loop is not None:
            loop._virtual_now += seconds

    stdout = Clocked(clock)
    stderr_text = Written()
    error = None
    real = asyncio.run, time.strftime, time.time, time.monotonic, time.perf_counter, time.sleep
    calendar = time.localtime, time.gmtime, time.asctime, time.ctime
    asyncio.run, time.strftime, time.sleep = asyncio_run, strftime, blocking_sleep
    time.localtime, time.gmtime, time.asctime, time.ctime = localtime, localtime, asctime, ctime
    time.time = time.monotonic = time.perf_counter = clock
    asyncio.set_event_loop_policy(Policy())
    # Each program starts with the logging a fresh interpreter has: this one runs many.
    logging.disable(logging.NOTSET)
    logging.root.handlers.clear()
    logging.root.setLevel(logging.WARNING)
    logging.Logger.manager.loggerDict.clear()
    # ... and weakref's finalizers, which a run before called at its exit.
    weakref.finalize._shutdown = False
    weakref.finalize._registered_with_atexit = False
    weakref.finalize._registry.clear()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr_text), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # The harness's own loops are its business, not the program's.
            warnings.simplefilter("ignore", ResourceWarning)
            # As CPython's default filters have it: a deprecation is shown only where the
            # program's own code is the caller (the standard library's are not shown).
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(?!__main__$)")
            if lines is not None:
                sys.settrace(line_tracer(lines, line_frames))
            if frames is not None:
                undo = frames_recorder(frames)
            elif trees is not None:
                undo = frames_recorder(trees, tree=True)
            else:
                undo = lambda: None  # noqa: E731
            try:
                if cell:
                    run_cell(source, loop)
                else:
                    # (As `python3 main.py` runs it, but for __file__'s full path.)
                    namespace = {"__name__": "__main__", "__file__": "main.py"}
                    exec(compile(source, "main.py", "exec"), namespace)
            except BaseException as e:  # noqa: BLE001 - every exception is the program's
                error = describe(e)
            finally:
                sys.settrace(None)
                undo()
                # A script's end runs its atexit functions, as the interpreter's exit
                # would; a notebook's kernel goes on (the next program starts clean).
                if cell:
                    atexit._clear()
                else:
                    # (CPython's own report of a function that raised reads main.py
                    # from the disk for its traceback: this one reads linecache.)
                    sys.unraisablehook = unraisable
                    try:
                        atexit._run_exitfuncs()
                        # Then the interpreter lets go of the module's namespace, and
                        # collects it: each object's __del__ runs, with the namespace
                        # still whole.
                        namespace = None
                        gc.collect()
                    finally:
                        sys.unraisablehook = sys.__unraisablehook__
            if error is not None:
                # A coroutine kept alive by the traceback warns as it goes.
                gc.collect()
    finally:
        asyncio.set_event_loop_policy(None)
        asyncio.run, time.strftime, time.time, time.monotonic, time.perf_counter, time.sleep = real
        time.localtime, time.gmtime, time.asctime, time.ctime = calendar
    stdout.close_lines()
    # Recorded always (a harness that runs many programs cannot trust the registries of
    # the modules they share), then shown once for each place, as CPython's default
    # filter shows them.
    stderr = list(dict.fromkeys(f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}" for w in caught))
    out = [(at, library_named(line)) for at, line in stdout.lines]
    return {"out": out, "error": error, "stderr": stderr, "written": library_named(stderr_text.getvalue())}


def unraisable(u):
    """Reports an exception nothing can catch, as CPython's default hook does."""
    print(f"{u.err_msg or 'Exception ignored in'}: {u.object!r}", file=sys.stderr)
    traceback.print_exception(u.exc_type, u.exc_value, u.exc_traceback, file=sys.stderr)


def run_cell(source, loop):
    """Runs `source` as a notebook cell: a task on a loop that is running already, as
    Jupyter runs its cells, where `await` is allowed outside functions. The run goes on
    until the loop has nothing left to do; the cell's exception, if any, is raised.

    One rule is the tutorial's notebook's, which ran Python 3.7: `run_until_complete` on
    the running loop wraps its coroutine in a task before it raises (Python 3.8 and later
    raise first, and the coroutine never runs)."""
    asyncio.set_event_loop(loop)
    code = compile(source, "main.py", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    namespace = {"__name__": "__main__"}

    async def cell():
        result = eval(code, namespace)  # noqa: S307 - the program under test
        if inspect.iscoroutine(result):
            await result

    def run_until_complete(future):
        if not loop.is_running():
            return type(loop).run_until_complete(loop, future)
        asyncio.ensure_future(future, loop=loop)
        raise RuntimeError("This event loop is already running")

    loop.run_until_complete = run_until_complete
    task = loop.create_task(cell())
    try:
        while pending := [t for t in loop.created if not t.done()]:
            type(loop).run_until_complete(loop, asyncio.gather(*pending, return_exceptions=True))
    finally:
        asyncio.set_event_loop(None)
    error = task.exception()
    # The loop holds its tasks, and the cell's holds its traceback: let them go.
    loop._created.clear()
    loop.first_task = None
    if error is not None:
        raise error


def interrupt_at(runner, when):
    """Has Ctrl+C reach the program when `runner`'s loop's clock reaches `when`, unless
    its main task (the first the loop creates) is done: SIGINT is raised then, and its
    handler runs (the runner's, which cancels main, unless the program set up its own)."""
    loop = runner.get_loop()
    loop.call_at(when, lambda: loop.first_task.done() or signal.raise_signal(signal.SIGINT))


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        programs = json.load(file)
    for program in programs:
        if isinstance(program, str):
            program = {"source": program}
        line_frames = program.get("line_frames", False)
        lines = [] if program.get("lines") or line_frames else None
        frames = [] if program.get("frames") else None
        trees = [] if program.get("trees") else None
        result = run(program["source"], program.get("interrupt"), program.get("cell", False), lines, frames,
                     line_frames, trees)
        print("program")
        for task, line, *frame in lines or []:
            print("line", task, line)
            if frame:
                function, local = frame
                print("lineframe", function)
                for name, value in local:
                    print("local", name, json.dumps(value))
        for at, snapshot in frames or []:
            print("moment", repr(at))
            for name, chain in snapshot:
                print("task", json.dumps(name))
                for function, lineno, local in chain:
                    print("frame", function, lineno)
                    for local_name, value in local:
                        print("local", local_name, json.dumps(value))
        for at, tree in trees or []:
            print("moment", repr(at))
            for line in tree:
                print("tree", json.dumps(line))
        for at, line in result["out"]:
            print("out", repr(at), json.dumps(line))
        for line in result["stderr"]:
            print("warn", json.dumps(line))
        if result["written"]:
            print("stderr", json.dumps(result["written"]))
        if result["error"] is not None:
            print("error", json.dumps(result["error"]))


if __name__ == "__main__":
    main()
