# platform: what the page's Python runs on, as Pyodide's CPython reports it in a
# browser (sys.platform is "emscripten" here too), with the version the playground
# follows.

import sys as _sys
from collections import namedtuple as _namedtuple

uname_result = _namedtuple("uname_result", "system node release version machine")


def python_version():
    return "3.11.7"


def python_version_tuple():
    return ("3", "11", "7")


def python_implementation():
    return "CPython"


def python_build():
    return ("main", "Dec  5 2026 00:00:00")


def python_compiler():
    return "Clang 17.0.0"


def system():
    return "Emscripten"


def node():
    return ""


def release():
    return "3.1.58"


def version():
    return "#1"


def machine():
    return "wasm32"


def processor():
    return ""


def architecture(executable=None, bits="", linkage=""):
    return ("32bit", "")


def uname():
    return uname_result(system(), node(), release(), version(), machine())


def platform(aliased=False, terse=False):
    return "Emscripten-3.1.58-wasm32-32bit"
