# timeit: a statement timed over many runs, by time.perf_counter (the page's clock in
# a live run). A statement given as text is compiled into a function that runs it in a
# loop, as CPython's is; a callable is called in the loop.

import itertools as _itertools
import time as _time

default_timer = _time.perf_counter
default_number = 1000000
default_repeat = 5
dummy_src_name = "<timeit-src>"

# (The setup's text is indented 4 spaces, the statement's 8, by _reindent.)
_template = """
def inner(_it, _timer{init}):
    {setup}
    _t0 = _timer()
    for _i in _it:
        {stmt}
        pass
    _t1 = _timer()
    return _t1 - _t0
"""


def _reindent(src, indent):
    return src.replace("\n", "\n" + " " * indent)


class Timer:
    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        local_ns = {}
        global_ns = {} if globals is None else globals
        init = ""
        if isinstance(setup, str):
            # (Compiled on its own first, for its syntax errors.)
            compile(setup, dummy_src_name, "exec")
            stmtprefix = setup + "\n"
            setup = _reindent(setup, 4)
        elif callable(setup):
            local_ns["_setup"] = setup
            init += ", _setup=_setup"
            stmtprefix = ""
            setup = "_setup()"
        else:
            raise ValueError("setup is neither a string nor callable")
        if isinstance(stmt, str):
            compile(stmtprefix + stmt, dummy_src_name, "exec")
            stmt = _reindent(stmt, 8)
        elif callable(stmt):
            local_ns["_stmt"] = stmt
            init += ", _stmt=_stmt"
            stmt = "_stmt()"
        else:
            raise ValueError("stmt is neither a string nor callable")
        src = _template.format(stmt=stmt, setup=setup, init=init)
        self.src = src
        exec(compile(src, dummy_src_name, "exec"), global_ns, local_ns)
        self.inner = local_ns["inner"]

    def timeit(self, number=default_number):
        return self.inner(_itertools.repeat(None, number), self.timer)

    def repeat(self, repeat=default_repeat, number=default_number):
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        i = 1
        while True:
            for j in (1, 2, 5):
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return number, time_taken
            i *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
