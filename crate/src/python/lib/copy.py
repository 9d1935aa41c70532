# copy: shallow and deep copies of lists, dicts, sets, tuples and the program's objects
# (their attributes copied; __copy__ and __deepcopy__ where a class has them).


class Error(Exception):
    pass


def _sample():
    pass


_ATOMIC = (int, float, bool, str, type(None), range, type, type(len), type(_sample))


def copy(x):
    cls = type(x)
    if cls in (list, dict, set):
        return cls(x)
    if cls in _ATOMIC or cls is tuple or isinstance(x, type):
        return x
    if hasattr(x, "__copy__"):
        return x.__copy__()
    new = object.__new__(cls)
    new.__dict__.update(x.__dict__)
    return new


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    key = id(x)
    if key in memo:
        return memo[key]
    cls = type(x)
    if cls in _ATOMIC or isinstance(x, type):
        return x
    if cls is list:
        result = []
        memo[key] = result
        for item in x:
            result.append(deepcopy(item, memo))
        return result
    if cls is dict:
        result = {}
        memo[key] = result
        for k, v in x.items():
            result[deepcopy(k, memo)] = deepcopy(v, memo)
        return result
    if cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        if all(a is b for a, b in zip(items, x)):
            return x
        return tuple(items)
    if cls is set:
        return {deepcopy(item, memo) for item in x}
    if hasattr(x, "__deepcopy__"):
        return x.__deepcopy__(memo)
    new = object.__new__(cls)
    memo[key] = new
    for k, v in x.__dict__.items():
        new.__dict__[k] = deepcopy(v, memo)
    return new
