# The part of functools written in Python (the rest is in Rust): total_ordering and
# update_wrapper, as CPython's functools.py behaves.


def update_wrapper(wrapper, wrapped, assigned=("__module__", "__name__", "__qualname__", "__doc__"), updated=()):
    for name in assigned:
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        setattr(wrapper, name, value)
    wrapper.__wrapped__ = wrapped
    return wrapper


def _flip(method, derive):
    # An ordering derived from `method` (the one the class defines) and equality.
    def derived(self, other):
        result = getattr(type(self), method)(self, other)
        if result is NotImplemented:
            return result
        return derive(result, self, other)

    return derived


_DERIVED = {
    "__lt__": [
        ("__gt__", lambda r, a, b: not r and a != b),
        ("__le__", lambda r, a, b: r or a == b),
        ("__ge__", lambda r, a, b: not r),
    ],
    "__le__": [
        ("__ge__", lambda r, a, b: not r or a == b),
        ("__lt__", lambda r, a, b: r and a != b),
        ("__gt__", lambda r, a, b: not r),
    ],
    "__gt__": [
        ("__lt__", lambda r, a, b: not r and a != b),
        ("__ge__", lambda r, a, b: r or a == b),
        ("__le__", lambda r, a, b: not r),
    ],
    "__ge__": [
        ("__le__", lambda r, a, b: not r or a == b),
        ("__gt__", lambda r, a, b: r and a != b),
        ("__lt__", lambda r, a, b: not r),
    ],
}


def total_ordering(cls):
    roots = [op for op in ("__lt__", "__le__", "__gt__", "__ge__") if vars(cls).get(op) is not None]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = max(roots)
    for name, derive in _DERIVED[root]:
        if name not in roots:
            derived = _flip(root, derive)
            derived.__name__ = name
            setattr(cls, name, derived)
    return cls
