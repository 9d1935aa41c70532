# atexit: functions the program asks to have called at its end, last registered first,
# as CPython's interpreter calls them as it exits (after the threads that are not
# daemons have finished). One that raises is reported, and the others still run.

import sys as _sys
import traceback as _traceback

_functions = []


def register(func, *args, **kwargs):
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _functions.append((func, args, kwargs))
    return func


def unregister(func):
    _functions[:] = [entry for entry in _functions if entry[0] != func]


def _clear():
    _functions.clear()


def _run_exitfuncs():
    while _functions:
        func, args, kwargs = _functions.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            print(f"Exception ignored in atexit callback: {func!r}", file=_sys.stderr)
            _traceback.print_exception(type(e), e, e.__traceback__, file=_sys.stderr)
