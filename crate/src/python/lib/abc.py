# abc: abstract base classes. A class whose metaclass is ABCMeta (ABC's) cannot be made
# while abstract methods it inherits or defines are left without an implementation.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class ABCMeta(type):
    def __call__(cls, *args, **kwargs):
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
        if abstract:
            abstract.sort()
            plural = "s" if len(abstract) > 1 else ""
            raise TypeError(
                f"Can't instantiate abstract class {cls.__name__} with abstract method{plural} {', '.join(abstract)}"
            )
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        return subclass


class ABC(metaclass=ABCMeta):
    pass
