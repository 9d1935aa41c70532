# gc: the collector's switches. The playground frees an object when its last reference
# goes (CPython does that too, and collects cycles besides): collect() finds nothing
# more to free.

_enabled = True


def collect(generation=2):
    if generation not in (0, 1, 2):
        raise ValueError("invalid generation")
    return 0


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled


def get_count():
    return (0, 0, 0)


def get_threshold():
    return (700, 10, 10)


def set_threshold(threshold0, threshold1=10, threshold2=10):
    pass


def freeze():
    pass


def unfreeze():
    pass


garbage = []
callbacks = []
