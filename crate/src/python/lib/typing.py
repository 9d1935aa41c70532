# The part of typing written in Python (its names for annotations are in Rust):
# NamedTuple and TypedDict written as classes.

from collections import _NamedTuple, _field


class NamedTuple(_NamedTuple):
    # `class Point(NamedTuple): x: int; y: int = 0`: a named tuple of its annotations.

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
    pass
