# sys: the part written in Python. version_info is a named tuple of CPython's: its
# fields by name (sys.version_info.minor), its items by index, compared as a tuple.


class version_info:
    __slots__ = ("major", "minor", "micro", "releaselevel", "serial")

    def __init__(self, major, minor, micro, releaselevel, serial):
        self.major = major
        self.minor = minor
        self.micro = micro
        self.releaselevel = releaselevel
        self.serial = serial

    def _tuple(self):
        return (self.major, self.minor, self.micro, self.releaselevel, self.serial)

    def __repr__(self):
        return ("sys.version_info(major={}, minor={}, micro={}, releaselevel={!r}, serial={})"
                .format(*self._tuple()))

    def __getitem__(self, index):
        return self._tuple()[index]

    def __iter__(self):
        return iter(self._tuple())

    def __len__(self):
        return 5

    def __hash__(self):
        return hash(self._tuple())

    def __eq__(self, other):
        return self._tuple() == _as_tuple(self, other)

    def __ne__(self, other):
        return self._tuple() != _as_tuple(self, other)

    def __lt__(self, other):
        return self._tuple() < _as_tuple(self, other)

    def __le__(self, other):
        return self._tuple() <= _as_tuple(self, other)

    def __gt__(self, other):
        return self._tuple() > _as_tuple(self, other)

    def __ge__(self, other):
        return self._tuple() >= _as_tuple(self, other)


def _as_tuple(self, other):
    # (The class's name is the instance's now, as in CPython.)
    return other._tuple() if isinstance(other, type(self)) else other


version_info = version_info(3, 11, 7, "final", 0)


class _Record:
    # A read-only record of CPython's (sys.float_info, sys.flags): fields by name and
    # by index, printed as CPython prints them.

    def __init__(self, name, fields):
        self._name = name
        self._fields = tuple(fields)
        self._values = tuple(fields.values())

    def __getattr__(self, name):
        if name in self._fields:
            return self._values[self._fields.index(name)]
        raise AttributeError(f"'{self._name}' object has no attribute '{name}'")

    def __getitem__(self, index):
        return self._values[index]

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __eq__(self, other):
        return self._values == (other._values if isinstance(other, _Record) else other)

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        pairs = ", ".join(f"{k}={v!r}" for k, v in zip(self._fields, self._values))
        return f"{self._name}({pairs})"


def _record(name, **fields):
    return _Record(name, fields)


float_info = _record(
    "sys.float_info", max=1.7976931348623157e308, max_exp=1024, max_10_exp=308, min=2.2250738585072014e-308,
    min_exp=-1021, min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2, rounds=1,
)
int_info = _record(
    "sys.int_info", bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300, str_digits_check_threshold=640
)
flags = _record(
    "sys.flags", debug=0, inspect=0, interactive=0, optimize=0, dont_write_bytecode=0, no_user_site=0, no_site=0,
    ignore_environment=0, verbose=0, bytes_warning=0, quiet=0, hash_randomization=1, isolated=0, dev_mode=False,
    utf8_mode=0, warn_default_encoding=0, safe_path=False, int_max_str_digits=-1,
)
byteorder = "little"
maxunicode = 1114111
hexversion = 0x30B07F0
api_version = 1013
# (A browser's CPython: the program is main.py, and the standard library in /lib.)
executable = ""
path = ["", "/lib/python311.zip", "/lib/python3.11", "/lib/python3.11/lib-dynload"]
prefix = exec_prefix = base_prefix = base_exec_prefix = "/"
_limit = 1000


def setrecursionlimit(limit):
    # (Kept for getrecursionlimit; the playground's frames stop at 1000 deep, as
    # CPython's do by default.)
    global _limit
    if not isinstance(limit, int):
        raise TypeError(f"'{type(limit).__name__}' object cannot be interpreted as an integer")
    if limit < 1:
        raise ValueError("recursion limit must be greater or equal than 1")
    _limit = limit


def intern(string):
    if type(string) is not str:
        raise TypeError(f"intern() argument must be str, not {type(string).__name__}")
    return string


def _list_size(n):
    # A list grown by appends (a comprehension's, a loop's): CPython's over-allocation.
    allocated = 0
    for size in range(1, n + 1):
        if size > allocated:
            allocated = (size + (size >> 3) + 6) & ~3
            if size - (size - 1) > allocated - size:
                allocated = (size + 3) & ~3
    return 56 + 8 * allocated


def _dict_size(d):
    n = len(d)
    if n == 0:
        return 64
    size = 8
    while size * 2 // 3 < n:
        size *= 2
    entry = 16 if all(type(k) is str for k in d) else 24
    index = 1 if size <= 128 else (2 if size <= 2 ** 15 else 4)
    return 96 + size * index + (size * 2 // 3) * entry


def _set_size(n):
    mask, fill = 7, 0
    for _ in range(n):
        fill += 1
        if fill * 5 >= mask * 3:
            size = 8
            while size <= fill * 4:
                size <<= 1
            mask = size - 1
    return 216 if mask == 7 else 216 + (mask + 1) * 16


def getsizeof(obj, default=None):
    # The sizes CPython 3.11 gives on a 64-bit machine, for the objects whose layout
    # is known here; a list is sized as one grown by appends (a comprehension's).
    kind = type(obj)
    if obj is None:
        return 16
    if kind is bool or kind is int:
        digits = max(1, (abs(int(obj)).bit_length() + 29) // 30)
        return 24 + 4 * digits
    if kind is float:
        return 24
    if kind is str:
        widest = max(map(ord, obj), default=0)
        if widest < 128:
            return 49 + len(obj)
        if widest < 256:
            return 73 + len(obj)
        return (74 + 2 * len(obj)) if widest < 65536 else (76 + 4 * len(obj))
    if kind is bytes:
        return 33 + len(obj)
    if kind is tuple:
        return 40 + 8 * len(obj)
    if kind is list:
        return _list_size(len(obj))
    if kind is dict:
        return _dict_size(obj)
    if kind is set or kind is frozenset:
        return _set_size(len(obj))
    if kind is range:
        return 48
    name = kind.__name__
    known = {"generator": 200, "coroutine": 176, "async_generator": 176, "function": 152,
             "builtin_function_or_method": 72, "object": 16}
    if name in known:
        return known[name]
    if default is not None:
        return default
    if hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        return 56 if hasattr(obj, "__dict__") else 16 + 8 * len(type(obj).__slots__)
    raise TypeError(f"the playground does not know the size of a '{name}' object in CPython's memory")


def getrecursionlimit():
    return _limit


# The interpreter, as a browser's CPython (Pyodide's, on WebAssembly) describes itself.
implementation = _Record("namespace", {
    "name": "cpython", "cache_tag": "cpython-311", "version": version_info, "hexversion": hexversion,
    "_multiarch": "wasm32-emscripten",
})


def getdefaultencoding():
    return "utf-8"


def getfilesystemencoding():
    return "utf-8"


# The hooks an event loop sets for async generators (asyncio's keeps them itself: these
# are the program's own, if it sets any).
_asyncgen_hooks = {"firstiter": None, "finalizer": None}
_unset = object()


def get_asyncgen_hooks():
    return _Record("asyncgen_hooks", dict(_asyncgen_hooks))


def set_asyncgen_hooks(firstiter=_unset, finalizer=_unset):
    for name, hook in (("firstiter", firstiter), ("finalizer", finalizer)):
        if hook is not _unset and hook is not None and not callable(hook):
            raise TypeError(f"callable {name} expected, got {type(hook).__name__}")
    for name, hook in (("firstiter", firstiter), ("finalizer", finalizer)):
        if hook is not _unset:
            _asyncgen_hooks[name] = hook
