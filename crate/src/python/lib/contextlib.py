# contextlib's decorators and exit stacks, as CPython's contextlib.py behaves: a
# generator that yields once becomes a context manager (suppress and nullcontext are
# written in Rust).

import abc as _abc
import sys
from functools import wraps


class AbstractContextManager(_abc.ABC):
    # What a context manager has: __enter__ gives the manager itself, and __exit__ is
    # for its subclasses to write.

    def __enter__(self):
        return self

    @_abc.abstractmethod
    def __exit__(self, exc_type, exc_value, traceback):
        return None


class AbstractAsyncContextManager(_abc.ABC):
    async def __aenter__(self):
        return self

    @_abc.abstractmethod
    async def __aexit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    # A context manager that is also a decorator: each call of the function it
    # decorates runs inside it (or inside the one _recreate_cm makes).

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)

        return inner


class AsyncContextDecorator:
    # The same for an asynchronous context manager around a coroutine function.

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)

        return inner


class _GeneratorContextManagerBase:
    # What the two kinds share: the generator, and how to make another like it.

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func = func
        self.args = args
        self.kwds = kwds

    def _recreate_cm(self):
        # Used as a decorator (see ContextDecorator): each call runs inside a fresh one.
        return type(self)(self.func, self.args, self.kwds)


class _GeneratorContextManager(_GeneratorContextManagerBase, AbstractContextManager, ContextDecorator):
    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            # The generator caught it and returned: swallowed, unless it was the
            # StopIteration raised in the body.
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                exc.__traceback__ = traceback
                return False
            if isinstance(value, StopIteration) and exc.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            # The exception goes on as it came, without the generator's lines.
            exc.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after throw()")


class _AsyncGeneratorContextManager(_GeneratorContextManagerBase, AbstractAsyncContextManager, AsyncContextDecorator):
    async def __aenter__(self):
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            await self.gen.athrow(value)
        except StopAsyncIteration as exc:
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                exc.__traceback__ = traceback
                return False
            if isinstance(value, (StopIteration, StopAsyncIteration)) and exc.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            # The exception goes on as it came, without the generator's lines.
            exc.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after athrow()")


def contextmanager(func):
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)

    return helper


def asynccontextmanager(func):
    @wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)

    return helper


class _BaseExitStack:
    # The callbacks to run on the way out, last in first out: (is_async, callback).

    def __init__(self):
        self._exits = []

    def pop_all(self):
        new = type(self)()
        new._exits = self._exits
        self._exits = []
        return new

    def push(self, exit):
        # An object's __exit__, or a callback taking what __exit__ takes.
        method = getattr(type(exit), "__exit__", None)
        if method is None:
            self._exits.append((False, exit))
        else:
            self._exits.append((False, lambda *details: method(exit, *details)))
        return exit

    def enter_context(self, cm):
        kind = type(cm)
        try:
            enter = kind.__enter__
            exit = kind.__exit__
        except AttributeError:
            raise TypeError(
                f"'{kind.__module__}.{kind.__qualname__}' object does not support the context manager protocol"
            ) from None
        result = enter(cm)
        self._exits.append((False, lambda *details: exit(cm, *details)))
        return result

    def callback(self, callback, *args, **kwds):
        def run(kind, exc, tb):
            callback(*args, **kwds)

        run.__wrapped__ = callback
        self._exits.append((False, run))
        return callback


class ExitStack(_BaseExitStack, AbstractContextManager):
    def __enter__(self):
        return self

    def __exit__(self, *details):
        pending = details[1] is not None
        error = details[1]
        while self._exits:
            _, callback = self._exits.pop()
            try:
                now = (None, None, None) if error is None else (type(error), error, error.__traceback__)
                if callback(*now):
                    error = None
            except BaseException as new:
                if error is not None and new is not error:
                    new.__context__ = error
                error = new
        if error is not None and error is not details[1]:
            raise error
        return pending and error is None

    def close(self):
        self.__exit__(None, None, None)


class AsyncExitStack(_BaseExitStack, AbstractAsyncContextManager):
    async def enter_async_context(self, cm):
        kind = type(cm)
        try:
            enter = kind.__aenter__
            exit = kind.__aexit__
        except AttributeError:
            raise TypeError(
                f"'{kind.__module__}.{kind.__qualname__}' object does not support the asynchronous context manager protocol"
            ) from None
        result = await enter(cm)
        self._exits.append((True, lambda *details: exit(cm, *details)))
        return result

    def push_async_exit(self, exit):
        method = getattr(type(exit), "__aexit__", None)
        if method is None:
            self._exits.append((True, exit))
        else:
            self._exits.append((True, lambda *details: method(exit, *details)))
        return exit

    def push_async_callback(self, callback, *args, **kwds):
        async def run(kind, exc, tb):
            await callback(*args, **kwds)

        run.__wrapped__ = callback
        self._exits.append((True, run))
        return callback

    async def __aenter__(self):
        return self

    async def __aexit__(self, *details):
        pending = details[1] is not None
        error = details[1]
        while self._exits:
            is_async, callback = self._exits.pop()
            try:
                now = (None, None, None) if error is None else (type(error), error, error.__traceback__)
                result = callback(*now)
                if is_async:
                    result = await result
                if result:
                    error = None
            except BaseException as new:
                if error is not None and new is not error:
                    new.__context__ = error
                error = new
        if error is not None and error is not details[1]:
            raise error
        return pending and error is None

    async def aclose(self):
        await self.__aexit__(None, None, None)


class closing(AbstractContextManager):
    # Calls thing.close() on the way out.

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing(AbstractAsyncContextManager):
    # Awaits thing.aclose() on the way out (an async generator left early is closed).

    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class _RedirectStream:
    # sys.stdout (or sys.stderr) set to another stream for the block: print writes there.
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    _stream = "stderr"
