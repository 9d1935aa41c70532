# Abstract base classes with registered virtual subclasses and a subclass hook, the
# abstract methods a class leaves (__abstractmethods__), and the descriptor types
# (property with its doc, staticmethod, classmethod) checked with isinstance.
import abc


class Storage(abc.ABC):
    @abc.abstractmethod
    def load(self, key): ...

    @abc.abstractmethod
    def save(self, key, value): ...

    @property
    @abc.abstractmethod
    def size(self): ...


class Partial(Storage):
    def load(self, key):
        return None


print(sorted(Storage.__abstractmethods__), sorted(Partial.__abstractmethods__))
try:
    Partial()
except TypeError as e:
    print("TypeError:", e)


class LegacyCache:
    def load(self, key):
        return key * 2


Storage.register(LegacyCache)
print(issubclass(LegacyCache, Storage), isinstance(LegacyCache(), Storage), isinstance(object(), Storage))


class SubLegacy(LegacyCache):
    pass


print(issubclass(SubLegacy, Storage), issubclass(int, Storage))
try:
    Storage.register(42)
except TypeError as e:
    print("TypeError:", e)


class Closeable(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        if cls is Closeable:
            return callable(getattr(other, "close", None))
        return NotImplemented


class File:
    def close(self):
        pass


print(issubclass(File, Closeable), isinstance(File(), Closeable), issubclass(int, Closeable))


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    def _get(self):
        return self._celsius * 9 / 5 + 32

    fahrenheit = property(_get, doc="The temperature in Fahrenheit")

    @property
    def celsius(self):
        "The temperature in Celsius"
        return self._celsius

    @staticmethod
    def scale():
        return "C"

    @classmethod
    def freezing(cls):
        return cls(0)


t = Temperature(21.5)
print(t.fahrenheit, Temperature.fahrenheit.__doc__, Temperature.celsius.__doc__)
for name in ["fahrenheit", "celsius", "scale", "freezing", "_get"]:
    member = vars(Temperature)[name]
    print(name, isinstance(member, property), isinstance(member, staticmethod), isinstance(member, classmethod))
print(Temperature.freezing().fahrenheit, Temperature.scale())
