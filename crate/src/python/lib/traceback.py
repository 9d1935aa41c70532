# traceback's printing and formatting of exceptions, as CPython's prints them. The
# machine formats a whole exception (its chain, each frame's line and source) in one
# text: a list of lines here holds that one text, which joins and prints the same.

import sys
from traceback import _format

_sentinel = object()


def _exception(exc, value):
    # format_exception(exc) (3.10 and later) or format_exception(type, value, tb).
    if value is _sentinel:
        return exc
    return value


def format_exception(exc, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    return _chunks(_format(value))


def _chunks(text):
    # The pieces CPython's format_exception gives: the header, each frame with its line,
    # each chaining message with its blank lines, the exception's own line.
    out = []
    for line in text.splitlines(True):
        if out and line.startswith("    ") and out[-1].startswith("  File "):
            out[-1] += line
        elif len(out) >= 2 and line == "\n" and out[-2] == "\n" and (
            out[-1].startswith("The above exception") or out[-1].startswith("During handling")
        ):
            out[-2:] = [out[-2] + out[-1] + line]
        else:
            out.append(line)
    return out


def format_exception_only(exc, value=_sentinel):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    name = type(value).__name__
    text = str(value)
    return [name + ": " + text + "\n" if text else name + "\n"]


def print_exception(exc, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    text = "".join(format_exception(exc, value, tb))
    (sys.stderr if file is None else file).write(text)


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exception()))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), file=file)
