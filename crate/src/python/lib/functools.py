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


class cached_property:
    # Computed on first use, then kept in the instance's own attributes, which a
    # later lookup finds first (it is not a data descriptor).

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = getattr(func, "__doc__", None)

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.attrname!r} and {name!r})."
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling __set_name__ on it.")
        value = self.func(instance)
        instance.__dict__[self.attrname] = value
        return value


class partialmethod:
    # partial for methods: the instance first, then the arguments given here.

    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        func, args, keywords = self.func, self.args, self.keywords

        def method(*more, **more_keywords):
            return func(obj, *args, *more, **{**keywords, **more_keywords})

        return method

    def __repr__(self):
        shown = [repr(self.func)] + [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.keywords.items()]
        return f"functools.partialmethod({', '.join(shown)})"


def singledispatch(func):
    # A function that picks its implementation by its first argument's class.
    registry = {object: func}

    def dispatch(cls):
        for c in cls.__mro__:
            if c in registry:
                return registry[c]
        return func

    def register(cls, func=None):
        if isinstance(cls, type):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError(f"Invalid first argument to `register()`. {cls!r} is not a class or union type.")
            annotations = getattr(cls, "__annotations__", None)
            if not annotations:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    "Use either `@register(some_class)` or plain `@register` on an annotated function."
                )
            func = cls
            argname, cls = next(iter(annotations.items()))
            if not isinstance(cls, type):
                raise TypeError(f"Invalid annotation for {argname!r}. {cls!r} is not a class.")
        registry[cls] = func
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f"{funcname} requires at least 1 positional argument")
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, "__name__", "singledispatch function")
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    # singledispatch for a method: the implementation is picked by the first argument
    # after self.

    def __init__(self, func):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            if obj is None:
                return method(*args, **kwargs)
            return method(obj, *args, **kwargs)

        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method
