# abc: abstract base classes. A class whose metaclass is ABCMeta (ABC's) cannot be made
# while abstract methods it inherits or defines are left without an implementation.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _abstract(cls):
    # The names of cls's abstract methods left without an implementation.
    abstract = []
    for klass in cls.__mro__:
        try:
            names = list(vars(klass))
        except TypeError:
            continue
        for name in names:
            if name in abstract:
                continue
            # (What the class has by that name: the first in its method resolution order.)
            for owner in cls.__mro__:
                if name in vars(owner):
                    found = vars(owner)[name]
                    break
            if getattr(found, "__isabstractmethod__", False):
                abstract.append(name)
    return abstract


# The classes registered as virtual subclasses, by the class they were registered with.
_registry = {}


class ABCMeta(type):
    def __call__(cls, *args, **kwargs):
        abstract = sorted(_abstract(cls))
        if abstract:
            plural = "s" if len(abstract) > 1 else ""
            raise TypeError(
                f"Can't instantiate abstract class {cls.__name__} with abstract method{plural} {', '.join(abstract)}"
            )
        return super().__call__(*args, **kwargs)

    # (The names CPython keeps on the class, worked out when asked for.)
    __abstractmethods__ = property(lambda cls: frozenset(_abstract(cls)))

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        _registry.setdefault(cls, []).append(subclass)
        return subclass

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, "__mro__", ()):
            return True
        hook = getattr(cls, "__subclasshook__", None)
        if hook is not None:
            answer = hook(subclass)
            if answer is not NotImplemented:
                return bool(answer)
        for registered in _registry.get(cls, ()):
            if registered in getattr(subclass, "__mro__", ()):
                return True
        # (A registered subclass of one of cls's subclasses.)
        return any(issubclass(subclass, sub) for sub in _registry if sub is not cls and cls in sub.__mro__)

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))


class ABC(metaclass=ABCMeta):
    pass
