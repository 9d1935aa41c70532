# types: SimpleNamespace, and the types of functions and generators by name.


class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"namespace({items})"

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def _function():
    pass


def _generator():
    yield


FunctionType = type(_function)
LambdaType = FunctionType
BuiltinFunctionType = type(len)
GeneratorType = type(_generator())
