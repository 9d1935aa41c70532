# reprlib: reprs cut to a size (long strings and numbers shortened in the middle with
# "...", containers after a few items and a few levels deep), and recursive_repr, as
# CPython 3.11's reprlib writes them.

import itertools as _itertools
from functools import wraps as _wraps

_builtin_repr = repr  # (The module's own `repr` below is Repr's.)


def recursive_repr(fillvalue="..."):
    # A __repr__ that meets its own object again, inside itself, says `fillvalue`.
    def decorating_function(user_function):
        running = set()

        @_wraps(user_function)
        def wrapper(self):
            key = id(self)
            if key in running:
                return fillvalue
            running.add(key)
            try:
                return user_function(self)
            finally:
                running.discard(key)

        return wrapper

    return decorating_function


def _cut(text, most):
    # The text's two ends around "...", `most` characters in all.
    if len(text) <= most:
        return text
    left = max(0, (most - 3) // 2)
    right = max(0, most - 3 - left)
    return text[:left] + "..." + text[len(text) - right:]


def _possibly_sorted(x):
    try:
        return sorted(x)
    except Exception:
        return list(x)


class Repr:
    def __init__(self):
        self.maxlevel = 6
        self.maxtuple = 6
        self.maxlist = 6
        self.maxarray = 5
        self.maxdict = 4
        self.maxset = 6
        self.maxfrozenset = 6
        self.maxdeque = 6
        self.maxstring = 30
        self.maxlong = 40
        self.maxother = 30

    def repr(self, x):
        return self.repr1(x, self.maxlevel)

    def repr1(self, x, level):
        typename = "_".join(type(x).__name__.split())
        method = getattr(self, "repr_" + typename, None)
        if method is not None:
            return method(x, level)
        return self.repr_instance(x, level)

    def _repr_iterable(self, x, level, left, right, most, trail=""):
        n = len(x)
        if n == 0:
            return left + right
        if level <= 0:
            shown = "..."
        else:
            pieces = [self.repr1(item, level - 1) for item in _itertools.islice(x, most)]
            if n > most:
                pieces.append("...")
            shown = ", ".join(pieces)
            if n == 1 and trail:
                right = trail + right
        return left + shown + right

    def repr_tuple(self, x, level):
        return self._repr_iterable(x, level, "(", ")", self.maxtuple, ",")

    def repr_list(self, x, level):
        return self._repr_iterable(x, level, "[", "]", self.maxlist)

    def repr_set(self, x, level):
        if not x:
            return "set()"
        return self._repr_iterable(_possibly_sorted(x), level, "{", "}", self.maxset)

    def repr_frozenset(self, x, level):
        if not x:
            return "frozenset()"
        return self._repr_iterable(_possibly_sorted(x), level, "frozenset({", "})", self.maxfrozenset)

    def repr_deque(self, x, level):
        return self._repr_iterable(x, level, "deque([", "])", self.maxdeque)

    def repr_dict(self, x, level):
        n = len(x)
        if n == 0:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = []
        for key in _itertools.islice(_possibly_sorted(x), self.maxdict):
            pieces.append(self.repr1(key, level - 1) + ": " + self.repr1(x[key], level - 1))
        if n > self.maxdict:
            pieces.append("...")
        return "{" + ", ".join(pieces) + "}"

    def repr_str(self, x, level):
        text = _builtin_repr(x[:self.maxstring])
        if len(text) > self.maxstring:
            left = max(0, (self.maxstring - 3) // 2)
            right = max(0, self.maxstring - 3 - left)
            text = _builtin_repr(x[:left] + x[len(x) - right:])
            text = text[:left] + "..." + text[len(text) - right:]
        return text

    def repr_int(self, x, level):
        return _cut(_builtin_repr(x), self.maxlong)

    def repr_instance(self, x, level):
        try:
            text = _builtin_repr(x)
        except Exception:
            return f"<{x.__class__.__name__} instance at {id(x):#x}>"
        return _cut(text, self.maxother)


aRepr = Repr()
repr = aRepr.repr
