# Metaclasses that make and initialize their classes: __new__ registering each class
# (its keywords too), __init__ marking it, a singleton through __call__, a namespace
# rewritten before type.__new__ builds the class; and object's special methods called
# by name on an object whose class overrides them.
class Registry(type):
    classes = {}
    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes[name] = cls
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Registry.__init__", name, cls.__name__)
        super().__init__(name, bases, ns)
        cls.created = True

class Plugin(metaclass=Registry):
    def run(self): return "plugin"

class Audio(Plugin, flavour="sound"):
    def run(self): return "audio"
    @classmethod
    def __init_subclass__(cls, **kw):
        pass

print(type(Plugin).__name__, type(Audio) is Registry, Registry.classes, Audio.created, Audio().run(), isinstance(Audio, Registry))

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self):
        print("Config made")

print(Config() is Config(), type(Config).__name__)

class Upper(type):
    def __new__(mcls, name, bases, ns):
        renamed = {k.upper() if not k.startswith("__") else k: v for k, v in ns.items()}
        return super().__new__(mcls, name, bases, renamed)

class Shout(metaclass=Upper):
    greeting = "hi"
    def hello(self): return "hello"

print(Shout.GREETING, Shout().HELLO(), hasattr(Shout, "greeting"))
class P:
    def __repr__(self):
        return "P!"
    def __eq__(self, o):
        return True
p = P()
print(repr(p), object.__repr__(p)[:12], object.__eq__(p, p), object.__eq__(p, 1), object.__str__(p), object.__hash__(p) == hash(id(p)) or True)
