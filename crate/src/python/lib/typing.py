# The part of typing written in Python (its names for annotations are in Rust):
# NamedTuple and TypedDict written as classes.

from collections import _NamedTuple, _field, namedtuple


class NamedTuple(_NamedTuple):
    # `class Point(NamedTuple): x: int; y: int = 0`: a named tuple of its annotations.
    # Called itself, `NamedTuple("Point", [("x", int), ("y", int)])`, it makes the class.

    def __new__(cls, *args, **kwargs):
        if cls is NamedTuple:
            typename = args[0]
            fields = list(args[1]) if len(args) > 1 else list(kwargs.items())
            made = namedtuple(typename, [name for name, _ in fields])
            made.__annotations__ = dict(fields)
            return made
        return object.__new__(cls)

    def __init_subclass__(cls):
        own = vars(cls)
        fields = tuple(own.get("__annotations__", {}))
        defaults = {}
        for name in fields:
            if name in own:
                defaults[name] = own[name]
            elif defaults:
                first = list(defaults)[0]
                raise TypeError(f"Non-default namedtuple field {name} cannot follow default field {first}")
        cls._fields = fields
        cls.__match_args__ = fields
        cls._field_defaults = defaults
        for i, name in enumerate(fields):
            setattr(cls, name, _field(i))


class _TypedDictMeta(type):
    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


class TypedDict(metaclass=_TypedDictMeta):
    # `class Movie(TypedDict): name: str`: calling it makes a dict.
    def __init_subclass__(cls, total=True):
        cls.__total__ = bool(total)
        keys = set(vars(cls).get("__annotations__", {}))
        inherited_required, inherited_optional = set(), set()
        for base in cls.__mro__[1:]:
            inherited_required |= getattr(base, "__required_keys__", set())
            inherited_optional |= getattr(base, "__optional_keys__", set())
        if total:
            cls.__required_keys__ = inherited_required | keys
            cls.__optional_keys__ = inherited_optional
        else:
            cls.__required_keys__ = inherited_required
            cls.__optional_keys__ = inherited_optional | keys


def overload(func):
    # `@overload`: the signatures for type checkers; the last, plain definition is the one called.
    def _overload_dummy(*args, **kwargs):
        raise NotImplementedError(
            "You should not call an overloaded function. "
            "A series of @overload-decorated functions outside a stub module should always be followed "
            "by an implementation that is not @overload-ed."
        )

    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


class NewType:
    # `UserId = NewType("UserId", int)`: calling it gives its argument back.
    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = "__main__"

    def __call__(self, x):
        return x

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"


class TypeVar:
    # `T = TypeVar("T")`: a type variable, printed as typing prints it (`~T`).
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


def get_origin(tp):
    # The class an alias subscripts (`list` for `List[int]`), else None.
    return getattr(tp, "__origin__", None) if type(tp).__name__ in ("GenericAlias", "_GenericAlias") else None


def get_args(tp):
    return getattr(tp, "__args__", ()) if type(tp).__name__ in ("GenericAlias", "_GenericAlias") else ()


class ParamSpec:
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name

    def __repr__(self):
        return "~" + self.__name__


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            # (The built-in classes at the root have none.)
            try:
                own = vars(base)
            except TypeError:
                continue
            hints.update(getattr(base, "__annotations__", {}) if "__annotations__" in own else {})
        return hints
    return dict(getattr(obj, "__annotations__", {}))


def runtime_checkable(cls):
    # A protocol isinstance checks by its members (see the machine's isinstance).
    cls._is_runtime_protocol = True
    return cls
