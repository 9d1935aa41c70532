"""Runs programs as CPython does and prints what each printed and its traceback.

Reads a JSON list of programs from the file named by the first argument, each its
source, or an object {"source": ..., "interrupt": T} for a program interrupted as by
Ctrl+C when the loop's clock reaches T seconds (as the page's Stop does), and prints, for
each program, a line `program`, then `out TIME "..."` per printed line (TIME: the
virtual loop's time, or 0.0 outside a loop) and `error "..."` if
it ended with an exception (strings as JSON writes them). The traceback
is CPython's, frames of main.py only and without the ^^^ marker lines, as the
playground writes it. Used by tests/python.rs.
"""

import asyncio
import contextlib
import inspect
import io
import json
import linecache
import re
import signal
import sys
import time
import traceback

import virtual_asyncio


def frames(e):
    out = []
    last, repeated = None, 0
    for f in traceback.extract_tb(e.__traceback__):
        if f.filename != "main.py":
            continue
        if (f.lineno, f.name) == last:
            repeated += 1
            if repeated >= 3:
                continue
        else:
            if repeated >= 3:
                out.append(f"  [Previous line repeated {repeated - 2} more times]\n")
            last, repeated = (f.lineno, f.name), 0
        out.append(f'  File "main.py", line {f.lineno}, in {f.name}\n')
        if f.line:
            out.append(f"    {f.line.strip()}\n")
    if repeated >= 3:
        out.append(f"  [Previous line repeated {repeated - 2} more times]\n")
    return out


def describe(e):
    text = ""
    if e.__cause__ is not None:
        text += describe(e.__cause__) + "\nThe above exception was the direct cause of the following exception:\n\n"
    elif e.__context__ is not None and not e.__suppress_context__:
        text += describe(e.__context__) + "\nDuring handling of the above exception, another exception occurred:\n\n"
    lines = frames(e)
    if lines:
        text += "Traceback (most recent call last):\n" + "".join(lines)
    return text + traceback.format_exception_only(type(e), e)[-1]


class Clocked(io.StringIO):
    """stdout that notes the loop's time of each line it ends."""

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


def run(source, interrupt=None):
    # The program gets the depth `python3 main.py` gives it: this harness's frames are extra.
    sys.setrecursionlimit(1000 + len(inspect.stack()))
    linecache.cache["main.py"] = (len(source), None, source.splitlines(True), "main.py")
    loop = None

    def loop_factory():
        nonlocal loop
        loop = virtual_asyncio.VirtualLoop()
        return loop

    def asyncio_run(main, *, debug=None):
        # asyncio.run's own check, before the Runner's.
        if asyncio.events._get_running_loop() is not None:
            raise RuntimeError("asyncio.run() cannot be called from a running event loop")
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            if interrupt is not None:
                interrupt_at(runner, interrupt)
            return runner.run(main)

    class Policy(asyncio.DefaultEventLoopPolicy):
        """The notebook's way, asyncio.get_event_loop(), gets a virtual loop too."""

        def new_event_loop(self):
            return loop_factory()

    def strftime(fmt, *rest):
        assert not rest, rest
        hms = virtual_asyncio.hh_mm_ss(loop.time() if loop else 0.0)
        parts = {"%%": "%", "%X": hms, "%H": hms[:2], "%M": hms[3:5], "%S": hms[6:]}
        return re.sub("%.", lambda m: parts[m.group()], fmt)

    def clock():
        return loop.time() if loop else 0.0

    def blocking_sleep(seconds):
        # time.sleep blocks the loop: on the virtual clock, time moves on meanwhile.
        if loop is not None:
            loop._virtual_now += seconds

    stdout = Clocked(clock)
    error = None
    real = asyncio.run, time.strftime, time.time, time.monotonic, time.perf_counter, time.sleep
    asyncio.run, time.strftime, time.sleep = asyncio_run, strftime, blocking_sleep
    time.time = time.monotonic = time.perf_counter = clock
    asyncio.set_event_loop_policy(Policy())
    try:
        with contextlib.redirect_stdout(stdout):
            try:
                exec(compile(source, "main.py", "exec"), {"__name__": "__main__"})
            except BaseException as e:  # noqa: BLE001 - every exception is the program's
                error = describe(e)
    finally:
        asyncio.set_event_loop_policy(None)
        asyncio.run, time.strftime, time.time, time.monotonic, time.perf_counter, time.sleep = real
    stdout.close_lines()
    return {"out": stdout.lines, "error": error}


def interrupt_at(runner, when):
    """Has Ctrl+C reach `runner` when its loop's clock reaches `when`: its SIGINT
    handler runs then, with the main task (the first the loop creates)."""
    loop = runner.get_loop()
    created = []
    create_task = loop.create_task

    def first_task(*args, **kwargs):
        task = create_task(*args, **kwargs)
        created.append(task)
        return task

    loop.create_task = first_task
    loop.call_at(when, lambda: created[0].done() or runner._on_sigint(signal.SIGINT, None, created[0]))


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        programs = json.load(file)
    for program in programs:
        if isinstance(program, str):
            program = {"source": program}
        result = run(program["source"], program.get("interrupt"))
        print("program")
        for at, line in result["out"]:
            print("out", repr(at), json.dumps(line))
        if result["error"] is not None:
            print("error", json.dumps(result["error"]))


if __name__ == "__main__":
    main()
