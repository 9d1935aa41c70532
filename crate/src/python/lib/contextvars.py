# contextvars, as CPython's behave under asyncio: the current context is a dict the
# machine keeps (asyncio._context()); each task runs in a copy of its creator's, so
# what a task sets is seen by it and the tasks it makes afterwards, not by its creator.

import asyncio


class _Missing:
    def __repr__(self):
        return "<Token.MISSING>"


class Token:
    __module__ = "_contextvars"

    MISSING = _Missing()

    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __repr__(self):
        used = " used" if self._used else ""
        return f"<Token{used} var={self._var!r} at 0x{id(self):x}>"


_NO_DEFAULT = _Missing()


class ContextVar:
    __module__ = "_contextvars"

    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, *default):
        context = asyncio._context()
        if self in context:
            return context[self]
        if default:
            return default[0]
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, value):
        context = asyncio._context()
        old = context.get(self, Token.MISSING)
        context[self] = value
        return Token(context, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        context = asyncio._context()
        if token._context is not context:
            raise ValueError(f"{token!r} was created in a different Context")
        if token._old_value is Token.MISSING:
            context.pop(self, None)
        else:
            context[self] = token._old_value
        token._used = True

    def __repr__(self):
        default = "" if self._default is _NO_DEFAULT else f" default={self._default!r}"
        return f"<ContextVar name={self._name!r}{default} at 0x{id(self):x}>"


class Context:
    __module__ = "_contextvars"

    def __init__(self):
        self._data = {}

    def run(self, callable, *args, **kwargs):
        before = asyncio._enter_context(self._data)
        try:
            return callable(*args, **kwargs)
        finally:
            asyncio._enter_context(before)

    def copy(self):
        new = Context()
        new._data = dict(self._data)
        return new

    def __getitem__(self, var):
        return self._data[var]

    def __contains__(self, var):
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()


def copy_context():
    context = Context()
    context._data = dict(asyncio._context())
    return context
