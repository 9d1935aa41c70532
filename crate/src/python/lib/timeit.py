# timeit: a function timed over many calls, by time.perf_counter (the page's clock in
# a live run). The playground runs the program it is given and compiles no text at run
# time: a statement is passed as a function (timeit.timeit(f, number=1000)), not as a
# string.

import time as _time

default_timer = _time.perf_counter
default_number = 1000000
default_repeat = 5


def _callable(what, name):
    if callable(what):
        return what
    if isinstance(what, str):
        if what == "pass":
            return lambda: None
        raise ValueError(
            f"timeit's {name} as text ({what!r}) would be compiled as the program runs, which the playground"
            " does not do: pass a function instead, as timeit.timeit(lambda: ..., number=1000)"
        )
    raise ValueError(f"{name} is neither a string nor callable")


class Timer:
    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        self._stmt = _callable(stmt, "stmt")
        self._setup = _callable(setup, "setup")

    def timeit(self, number=default_number):
        self._setup()
        stmt = self._stmt
        started = self.timer()
        for _ in range(number):
            stmt()
        return self.timer() - started

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
