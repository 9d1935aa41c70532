# inspect: what kind of object something is (the predicates programs use to tell
# coroutine functions, coroutines and awaitables apart).

import asyncio


def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"


def isawaitable(obj):
    return iscoroutine(obj) or asyncio.isfuture(obj) or hasattr(type(obj), "__await__")


def isgenerator(obj):
    return type(obj).__name__ == "generator"


def isasyncgen(obj):
    return type(obj).__name__ == "async_generator"


def isfunction(obj):
    return type(obj).__name__ == "function"


def ismethod(obj):
    return type(obj).__name__ == "method"


def isclass(obj):
    return isinstance(obj, type)


# The flags of a code object's `co_flags`, as CPython numbers them.
CO_OPTIMIZED = 1
CO_NEWLOCALS = 2
CO_VARARGS = 4
CO_VARKEYWORDS = 8
CO_NESTED = 16
CO_GENERATOR = 32
CO_NOFREE = 64
CO_COROUTINE = 128
CO_ITERABLE_COROUTINE = 256
CO_ASYNC_GENERATOR = 512


def isabstract(obj):
    # (A class with abstract methods left: abc's `__abstractmethods__`.)
    return isinstance(obj, type) and bool(getattr(obj, "__abstractmethods__", False))


def getmembers(object, predicate=None):
    # Each name `dir` gives and its value, as `getattr` reads it, sorted by name; those
    # `predicate` takes, if one is given.
    results = []
    for key in dir(object):
        try:
            value = getattr(object, key)
        except AttributeError:
            continue
        if not predicate or predicate(value):
            results.append((key, value))
    results.sort(key=lambda pair: pair[0])
    return results


def isbuiltin(obj):
    return type(obj).__name__ == "builtin_function_or_method"


def _function_kind(obj):
    while type(obj).__name__ == "method":
        obj = obj.__func__
    if type(obj).__name__ != "function":
        return None
    # (A generator function types.coroutine made awaitable stays one, as CPython's
    # keeps its code and only flags it.)
    made_of = getattr(obj, "_types_coroutine_of", None)
    return obj._kind if made_of is None else made_of._kind


def isgeneratorfunction(obj):
    return _function_kind(obj) == "generator"


def isasyncgenfunction(obj):
    return _function_kind(obj) == "async generator"


def iscoroutinefunction(obj):
    return _function_kind(obj) == "coroutine" or asyncio.iscoroutinefunction(obj)


GEN_CREATED = "GEN_CREATED"
GEN_RUNNING = "GEN_RUNNING"
GEN_SUSPENDED = "GEN_SUSPENDED"
GEN_CLOSED = "GEN_CLOSED"
CORO_CREATED = "CORO_CREATED"
CORO_RUNNING = "CORO_RUNNING"
CORO_SUSPENDED = "CORO_SUSPENDED"
CORO_CLOSED = "CORO_CLOSED"
AGEN_CREATED = "AGEN_CREATED"
AGEN_RUNNING = "AGEN_RUNNING"
AGEN_SUSPENDED = "AGEN_SUSPENDED"
AGEN_CLOSED = "AGEN_CLOSED"


def getgeneratorstate(generator):
    return "GEN_" + generator._state


def getcoroutinestate(coroutine):
    return "CORO_" + coroutine._state


def getasyncgenstate(agen):
    return "AGEN_" + agen._state


def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


# Signatures: a function's parameters as its code, defaults and annotations give them.


class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


class _ParameterKind:
    __module__ = "inspect"

    def __init__(self, value, name, description):
        self.value = value
        self.name = name
        self.description = description

    def __repr__(self):
        return f"<_ParameterKind.{self.name}: {self.value}>"

    def __str__(self):
        return self.name

    def __eq__(self, other):
        if isinstance(other, _ParameterKind):
            return self.value == other.value
        return self.value == other

    def __lt__(self, other):
        return self.value < (other.value if isinstance(other, _ParameterKind) else other)

    def __hash__(self):
        return hash(self.value)

    def __int__(self):
        return self.value

    def __index__(self):
        return self.value


_POSITIONAL_ONLY = _ParameterKind(0, "POSITIONAL_ONLY", "positional-only")
_POSITIONAL_OR_KEYWORD = _ParameterKind(1, "POSITIONAL_OR_KEYWORD", "positional or keyword")
_VAR_POSITIONAL = _ParameterKind(2, "VAR_POSITIONAL", "variadic positional")
_KEYWORD_ONLY = _ParameterKind(3, "KEYWORD_ONLY", "keyword-only")
_VAR_KEYWORD = _ParameterKind(4, "VAR_KEYWORD", "variadic keyword")


def formatannotation(annotation):
    if isinstance(annotation, type) and type(annotation).__name__ != "GenericAlias":
        if annotation.__module__ == "builtins":
            return annotation.__qualname__
        return annotation.__module__ + "." + annotation.__qualname__
    return repr(annotation).replace("typing.", "")


class Parameter:
    __module__ = "inspect"
    empty = _empty
    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    @property
    def name(self):
        return self._name

    @property
    def kind(self):
        return self._kind

    @property
    def default(self):
        return self._default

    @property
    def annotation(self):
        return self._annotation

    def replace(self, *, name=None, kind=None, default=_empty, annotation=_empty):
        return Parameter(self._name if name is None else name, self._kind if kind is None else kind,
                         default=self._default if default is _empty else default,
                         annotation=self._annotation if annotation is _empty else annotation)

    def __str__(self):
        text = self._name
        if self._annotation is not _empty:
            text = f"{text}: {formatannotation(self._annotation)}"
        if self._default is not _empty:
            text = f"{text} = {self._default!r}" if self._annotation is not _empty else f"{text}={self._default!r}"
        if self._kind == _VAR_POSITIONAL:
            text = "*" + text
        elif self._kind == _VAR_KEYWORD:
            text = "**" + text
        return text

    def __repr__(self):
        return f'<Parameter "{self}">'

    def __eq__(self, other):
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name, self._kind, self._default, self._annotation) == (
            other._name, other._kind, other._default, other._annotation)

    def __hash__(self):
        return hash((self._name, self._kind, self._annotation, self._default))


class BoundArguments:
    __module__ = "inspect"

    def __init__(self, signature, arguments):
        self._signature = signature
        self.arguments = arguments

    @property
    def signature(self):
        return self._signature

    @property
    def args(self):
        args = []
        for name, param in self._signature.parameters.items():
            if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY) or name not in self.arguments:
                break
            if param.kind == _VAR_POSITIONAL:
                args.extend(self.arguments[name])
            else:
                args.append(self.arguments[name])
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        started = False
        for name, param in self._signature.parameters.items():
            if not started:
                if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY) or name not in self.arguments:
                    started = True
                else:
                    continue
            if name not in self.arguments:
                continue
            if param.kind == _VAR_KEYWORD:
                kwargs.update(self.arguments[name])
            else:
                kwargs[name] = self.arguments[name]
        return kwargs

    def apply_defaults(self):
        new = {}
        for name, param in self._signature.parameters.items():
            if name in self.arguments:
                new[name] = self.arguments[name]
            elif param.default is not _empty:
                new[name] = param.default
            elif param.kind == _VAR_POSITIONAL:
                new[name] = ()
            elif param.kind == _VAR_KEYWORD:
                new[name] = {}
        self.arguments = new

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    def __repr__(self):
        shown = ", ".join(f"{name}={value!r}" for name, value in self.arguments.items())
        return f"<BoundArguments ({shown})>"


class Signature:
    __module__ = "inspect"
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty):
        self._parameters = {p.name: p for p in (parameters or ())}
        self._return_annotation = return_annotation

    @property
    def parameters(self):
        import types
        return types.MappingProxyType(self._parameters)

    @property
    def return_annotation(self):
        return self._return_annotation

    def replace(self, *, parameters=None, return_annotation=_empty):
        return Signature(list(self._parameters.values()) if parameters is None else parameters,
                         return_annotation=self._return_annotation if return_annotation is _empty
                         else return_annotation)

    def __str__(self):
        parts = []
        slash = False
        star = True
        for param in self._parameters.values():
            if param.kind == _POSITIONAL_ONLY:
                slash = True
            elif slash:
                parts.append("/")
                slash = False
            if param.kind == _VAR_POSITIONAL:
                star = False
            elif param.kind == _KEYWORD_ONLY and star:
                parts.append("*")
                star = False
            parts.append(str(param))
        if slash:
            parts.append("/")
        text = "({})".format(", ".join(parts))
        if self._return_annotation is not _empty:
            text += " -> " + formatannotation(self._return_annotation)
        return text

    def __repr__(self):
        return f"<Signature {self}>"

    def __eq__(self, other):
        if not isinstance(other, Signature):
            return NotImplemented
        return (self._return_annotation == other._return_annotation
                and list(self._parameters.values()) == list(other._parameters.values()))

    def _bind(self, args, kwargs, partial):
        arguments = {}
        params = list(self._parameters.values())
        i = 0
        args = list(args)
        kwargs = dict(kwargs)
        for param in params:
            if param.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                if args:
                    arguments[param.name] = args.pop(0)
                    continue
                break
            if param.kind == _VAR_POSITIONAL:
                arguments[param.name] = tuple(args)
                args = []
                continue
            break
        if args:
            raise TypeError("too many positional arguments")
        var_keyword = None
        for param in params:
            if param.kind == _VAR_KEYWORD:
                var_keyword = param
                continue
            if param.kind == _VAR_POSITIONAL or param.name in arguments:
                if param.name in kwargs and param.kind != _VAR_POSITIONAL:
                    raise TypeError(f"multiple values for argument {param.name!r}")
                continue
            if param.name in kwargs and param.kind != _POSITIONAL_ONLY:
                arguments[param.name] = kwargs.pop(param.name)
            elif not partial and param.default is _empty:
                if param.kind == _KEYWORD_ONLY:
                    raise TypeError(f"missing a required keyword-only argument: {param.name!r}")
                raise TypeError(f"missing a required argument: {param.name!r}")
        if kwargs:
            if var_keyword is None:
                raise TypeError(f"got an unexpected keyword argument {next(iter(kwargs))!r}")
            arguments[var_keyword.name] = kwargs
        ordered = {p.name: arguments[p.name] for p in params if p.name in arguments}
        return BoundArguments(self, ordered)

    def bind(self, /, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, /, *args, **kwargs):
        return self._bind(args, kwargs, True)

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return signature(obj, follow_wrapped=follow_wrapped)


def _function_signature(func, skip_first):
    code = func.__code__
    flags = code.co_flags
    names = code.co_varnames
    positional = code.co_argcount
    posonly = code.co_posonlyargcount
    kwonly = code.co_kwonlyargcount
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__ or {}
    annotations = getattr(func, "__annotations__", {}) or {}
    params = []
    first_default = positional - len(defaults)
    for i in range(positional):
        name = names[i]
        kind = _POSITIONAL_ONLY if i < posonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(name, kind, default=default, annotation=annotations.get(name, _empty)))
    at = positional + kwonly
    if flags & 4:
        name = names[at]
        params.append(Parameter(name, _VAR_POSITIONAL, annotation=annotations.get(name, _empty)))
        at += 1
    for i in range(positional, positional + kwonly):
        name = names[i]
        params.append(Parameter(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty),
                                annotation=annotations.get(name, _empty)))
    if flags & 8:
        name = names[at]
        params.append(Parameter(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    if skip_first:
        if not params or params[0].kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
            raise ValueError("invalid method signature")
        if params[0].kind != _VAR_POSITIONAL:
            params = params[1:]
    return Signature(params, return_annotation=annotations.get("return", _empty))


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    if not callable(obj):
        raise TypeError(f"{obj!r} is not a callable object")
    if follow_wrapped:
        while hasattr(obj, "__wrapped__") and not isinstance(obj, type):
            obj = obj.__wrapped__
    given = getattr(obj, "__signature__", None)
    if given is not None:
        return given
    kind = type(obj).__name__
    if kind == "function":
        return _function_signature(obj, False)
    if kind == "method":
        return _function_signature(obj.__func__, True)
    if isinstance(obj, type):
        init = getattr(obj, "__init__", None)
        if type(init).__name__ == "function":
            return _function_signature(init, True)
        return Signature()
    call = getattr(type(obj), "__call__", None)
    if type(call).__name__ == "function":
        return _function_signature(call, True)
    text = _TEXT_SIGNATURES.get((_module_of(obj), getattr(obj, "__name__", None)))
    if text is not None:
        # (Read as CPython reads a built-in's `__text_signature__`: as a def's.)
        made = {}
        exec(f"def _signed({text}): pass", made)
        return _function_signature(made["_signed"], False)
    raise ValueError(f"no signature found for builtin {obj!r}")


def _module_of(obj):
    module = getattr(obj, "__module__", None) or "builtins"
    return "asyncio" if module.startswith("asyncio") else module


# The signatures of the functions the playground writes in Rust: CPython's (asyncio's
# are Python functions there, the builtins have them as text).
_TEXT_SIGNATURES = {
    ("asyncio", "sleep"): "delay, result=None",
    ("asyncio", "gather"): "*coros_or_futures, return_exceptions=False",
    ("asyncio", "wait_for"): "fut, timeout",
    ("asyncio", "wait"): "fs, *, timeout=None, return_when='ALL_COMPLETED'",
    ("asyncio", "create_task"): "coro, *, name=None, context=None",
    ("asyncio", "ensure_future"): "coro_or_future, *, loop=None",
    ("asyncio", "shield"): "arg",
    ("asyncio", "run"): "main, *, debug=None",
    ("asyncio", "as_completed"): "fs, *, timeout=None",
    ("asyncio", "to_thread"): "func, /, *args, **kwargs",
    ("asyncio", "timeout"): "delay",
    ("asyncio", "timeout_at"): "when",
    ("asyncio", "get_running_loop"): "",
    ("asyncio", "get_event_loop"): "",
    ("asyncio", "current_task"): "loop=None",
    ("asyncio", "all_tasks"): "loop=None",
    ("asyncio", "iscoroutine"): "object",
    ("asyncio", "iscoroutinefunction"): "func",
    ("asyncio", "run_coroutine_threadsafe"): "coro, loop",
    ("asyncio", "wrap_future"): "future, *, loop=None",
    ("builtins", "print"): "*args, sep=' ', end='\\n', file=None, flush=False",
    ("builtins", "len"): "obj, /",
    ("builtins", "abs"): "x, /",
    ("builtins", "repr"): "obj, /",
    ("builtins", "ascii"): "obj, /",
    ("builtins", "sorted"): "iterable, /, *, key=None, reverse=False",
    ("builtins", "isinstance"): "obj, class_or_tuple, /",
    ("builtins", "issubclass"): "cls, class_or_tuple, /",
    ("builtins", "sum"): "iterable, /, start=0",
    ("builtins", "divmod"): "x, y, /",
    ("builtins", "pow"): "base, exp, mod=None",
    ("builtins", "round"): "number, ndigits=None",
    ("builtins", "any"): "iterable, /",
    ("builtins", "all"): "iterable, /",
    ("builtins", "callable"): "obj, /",
    ("builtins", "hash"): "obj, /",
    ("builtins", "id"): "obj, /",
    ("builtins", "format"): "value, format_spec='', /",
    ("builtins", "chr"): "i, /",
    ("builtins", "ord"): "c, /",
    ("builtins", "hex"): "number, /",
    ("builtins", "bin"): "number, /",
    ("builtins", "oct"): "number, /",
    ("builtins", "setattr"): "obj, name, value, /",
    ("builtins", "delattr"): "obj, name, /",
    ("builtins", "hasattr"): "obj, name, /",
    ("builtins", "globals"): "",
    ("builtins", "locals"): "",
    ("builtins", "eval"): "source, globals=None, locals=None, /",
    ("builtins", "exec"): "source, globals=None, locals=None, /, *, closure=None",
    ("builtins", "aiter"): "async_iterable, /",
}
