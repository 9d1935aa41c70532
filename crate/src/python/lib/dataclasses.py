# dataclasses, as CPython's dataclasses.py behaves: the fields are the class's
# annotations (its bases' first), and the methods it adds are closures over them
# rather than code compiled from text, with CPython's messages.

from collections import _listed


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


class _KwOnlyType:
    def __repr__(self):
        return "KW_ONLY"


KW_ONLY = _KwOnlyType()


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        name = self.type.__name__ if isinstance(self.type, type) else repr(self.type)
        return f"dataclasses.InitVar[{name}]"

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (
            f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
            f"default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},"
            f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},"
            f"kw_only={self.kw_only!r},_field_type={self._field_type})"
        )


class _FieldKind:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FieldKind("_FIELD")
_FIELD_CLASSVAR = _FieldKind("_FIELD_CLASSVAR")
_FIELD_INITVAR = _FieldKind("_FIELD_INITVAR")


def field(
    *, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None,
    kw_only=MISSING
):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    import typing

    return (
        annotation is typing.ClassVar
        or typing.get_origin(annotation) is typing.ClassVar
        or (isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar")))
    )


def _get_field(cls, name, annotation, kw_only):
    default = getattr(cls, name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD
    if _is_classvar(annotation):
        f._field_type = _FIELD_CLASSVAR
    elif isinstance(annotation, InitVar) or annotation is InitVar:
        f._field_type = _FIELD_INITVAR
    if f._field_type is not _FIELD and f.default_factory is not MISSING:
        raise TypeError(f"field {name} cannot have a default factory")
    if f._field_type is _FIELD or f._field_type is _FIELD_INITVAR:
        if f.kw_only is MISSING:
            f.kw_only = kw_only
    if f._field_type is _FIELD and isinstance(f.default, (list, dict, set)):
        raise ValueError(
            f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
        )
    return f


def _missing(qualname, names, kind):
    plural = "" if len(names) == 1 else "s"
    return TypeError(f"{qualname}() missing {len(names)} required {kind} argument{plural}: {_listed(names)}")


def _init_fn(cls, init_fields, frozen, has_post_init):
    positional = [f for f in init_fields if not f.kw_only]
    keyword = [f for f in init_fields if f.kw_only]
    seen_default = None
    for f in positional:
        if f.init:
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = f
            elif seen_default is not None:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
    params = [f for f in positional if f.init]
    kwparams = [f for f in keyword if f.init]
    names = [f.name for f in params] + [f.name for f in kwparams]
    qualname = f"{cls.__qualname__}.__init__"

    def __init__(self, *args, **kwargs):
        values = {}
        for f, value in zip(params, args):
            values[f.name] = value
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{qualname}() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{qualname}() got multiple values for argument '{name}'")
            values[name] = value
        if len(args) > len(params):
            count = len(params) + 1
            least = len([f for f in params if f.default is MISSING and f.default_factory is MISSING]) + 1
            takes = f"{count} positional argument{'' if count == 1 else 's'}"
            if least < count:
                takes = f"from {least} to {count} positional arguments"
            raise TypeError(f"{qualname}() takes {takes} but {len(args) + 1} were given")
        for group, kind in ((params, "positional"), (kwparams, "keyword-only")):
            missing = [
                f.name
                for f in group
                if f.name not in values and f.default is MISSING and f.default_factory is MISSING
            ]
            if missing:
                raise _missing(qualname, missing, kind)
        initvars = []
        for f in init_fields:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if f._field_type is _FIELD_INITVAR:
                initvars.append(value)
            elif frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__(*initvars)

    return __init__


def _tuple(obj, fields):
    return tuple(getattr(obj, f.name) for f in fields)


def _repr_fn(fields):
    def __repr__(self):
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq_fn(fields):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _tuple(self, fields) == _tuple(other, fields)
        return NotImplemented

    return __eq__


def _order_fns(fields):
    def __lt__(self, other):
        if other.__class__ is self.__class__:
            return _tuple(self, fields) < _tuple(other, fields)
        return NotImplemented

    def __le__(self, other):
        if other.__class__ is self.__class__:
            return _tuple(self, fields) <= _tuple(other, fields)
        return NotImplemented

    def __gt__(self, other):
        if other.__class__ is self.__class__:
            return _tuple(self, fields) > _tuple(other, fields)
        return NotImplemented

    def __ge__(self, other):
        if other.__class__ is self.__class__:
            return _tuple(self, fields) >= _tuple(other, fields)
        return NotImplemented

    return [("__lt__", __lt__), ("__le__", __le__), ("__gt__", __gt__), ("__ge__", __ge__)]


def _hash_fn(fields):
    def __hash__(self):
        return hash(_tuple(self, fields))

    return __hash__


def _frozen_fns(cls, fields):
    names = tuple(f.name for f in fields)

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")  # CPython: <string>:4
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")  # CPython: <string>:4
        object.__delattr__(self, name)

    return [("__setattr__", __setattr__), ("__delattr__", __delattr__)]


def _set_new_attribute(cls, name, value):
    # A method the class defines itself wins.
    if name in vars(cls):
        return True
    setattr(cls, name, value)
    return False


class _DataclassParams:
    __slots__ = ("init", "repr", "eq", "order", "unsafe_hash", "frozen")

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return (f"_DataclassParams(init={self.init!r},repr={self.repr!r},eq={self.eq!r},order={self.order!r},"
                f"unsafe_hash={self.unsafe_hash!r},frozen={self.frozen!r})")


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, "__dataclass_fields__", None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if base.__dataclass_params__.frozen:
                any_frozen_base = True
    own = vars(cls)
    annotations = own.get("__annotations__", {})
    cls_fields = []
    kw_only_seen = False
    for name, annotation in annotations.items():
        if annotation is KW_ONLY:
            if kw_only_seen:
                raise TypeError(f"{name!r} is KW_ONLY, but KW_ONLY has already been specified")
            kw_only_seen = True
            kw_only = True
        else:
            cls_fields.append(_get_field(cls, name, annotation, kw_only))
    for f in cls_fields:
        fields[f.name] = f
        if isinstance(own.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in own.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not any_frozen_base and frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order, unsafe_hash, frozen)
    class_hash = own.get("__hash__", MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    init_fields = [f for f in fields.values() if f._field_type is _FIELD or f._field_type is _FIELD_INITVAR]
    field_list = [f for f in fields.values() if f._field_type is _FIELD]
    if init:
        has_post_init = hasattr(cls, "__post_init__")
        _set_new_attribute(cls, "__init__", _init_fn(cls, init_fields, frozen, has_post_init))
    if repr:
        _set_new_attribute(cls, "__repr__", _repr_fn([f for f in field_list if f.repr]))
    compared = [f for f in field_list if f.compare]
    if eq:
        _set_new_attribute(cls, "__eq__", _eq_fn(compared))
    if order:
        for name, fn in _order_fns(compared):
            if _set_new_attribute(cls, name, fn):
                raise TypeError(
                    f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                    "Consider using functools.total_ordering"
                )
    if frozen:
        for name, fn in _frozen_fns(cls, field_list):
            if _set_new_attribute(cls, name, fn):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    hashed = [f for f in field_list if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
        cls.__hash__ = _hash_fn(hashed)
    elif eq and not has_explicit_hash:
        cls.__hash__ = _hash_fn(hashed) if frozen else None
    cls.__match_args__ = tuple(f.name for f in init_fields if f.init and not f.kw_only)
    return cls


def dataclass(
    cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
    match_args=True, kw_only=False, slots=False, weakref_slot=False
):
    def wrap(cls):
        cls = _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only)
        if slots:
            cls = _add_slots(cls, weakref_slot)
        return cls

    if cls is None:
        return wrap
    return wrap(cls)


_KEYWORDS = frozenset((
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
))


def make_dataclass(
    cls_name, fields, *, bases=(), namespace=None, init=True, repr=True, eq=True, order=False,
    unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False,
    module=None
):
    # A class of these fields made as a class statement would make it: `name`,
    # `(name, type)` or `(name, type, default or field(...))` each.
    seen = set()
    annotations = {}
    defaults = {}
    for item in fields:
        if isinstance(item, str):
            name = item
            tp = "typing.Any"
        elif len(item) == 2:
            name, tp = item
        elif len(item) == 3:
            name, tp, spec = item
            defaults[name] = spec
        else:
            raise TypeError(f"Invalid field: {item!r}")
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"Field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise TypeError(f"Field names must not be keywords: {name!r}")
        if name in seen:
            raise TypeError(f"Field name duplicated: {name!r}")
        seen.add(name)
        annotations[name] = tp
    body = dict(namespace or {})
    body.update(defaults)
    body["__annotations__"] = annotations
    body["__qualname__"] = cls_name
    body["__module__"] = "__main__" if module is None else module
    cls = type(cls_name, tuple(bases), body)
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash, frozen=frozen,
                     match_args=match_args, kw_only=kw_only, slots=slots, weakref_slot=weakref_slot)


def _add_slots(cls, weakref_slot):
    # As CPython's: a new class, made of the same namespace with __slots__ for the
    # fields (but those a base's slots hold), and without the fields' defaults.
    namespace = dict(cls.__dict__)
    names = tuple(f.name for f in fields(cls))
    inherited = set()
    for base in cls.__mro__[1:-1]:
        held = base.__dict__.get("__slots__", ())
        inherited.update((held,) if isinstance(held, str) else held)
    wanted = names + (("__weakref__",) if weakref_slot else ())
    namespace["__slots__"] = tuple(name for name in wanted if name not in inherited)
    for name in names:
        namespace.pop(name, None)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    qualname = getattr(cls, "__qualname__", None)
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    if qualname is not None and qualname != made.__qualname__:
        made.__qualname__ = qualname
    return made


def fields(class_or_instance):
    found = getattr(class_or_instance, "__dataclass_fields__", None)
    if found is None:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(f for f in found.values() if f._field_type is _FIELD)


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def _is_instance(obj):
    return hasattr(obj, "__dataclass_fields__") and not isinstance(obj, type)


def _as(obj, into):
    if _is_instance(obj):
        values = [(f.name, _as(getattr(obj, f.name), into)) for f in fields(obj)]
        return dict(values) if into is dict else tuple(v for _, v in values)
    if isinstance(obj, list):
        return [_as(v, into) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_as(v, into) for v in obj)
    if isinstance(obj, dict):
        return {_as(k, into): _as(v, into) for k, v in obj.items()}
    return obj


def asdict(obj, *, dict_factory=dict):
    if not _is_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    result = _as(obj, dict)
    return result if dict_factory is dict else dict_factory(list(result.items()))


def astuple(obj, *, tuple_factory=tuple):
    if not _is_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    result = _as(obj, tuple)
    return result if tuple_factory is tuple else tuple_factory(result)


def replace(obj, **changes):
    if not _is_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in obj.__dataclass_fields__.values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
