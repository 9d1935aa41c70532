# sys: the part written in Python. version_info is a named tuple of CPython's: its
# fields by name (sys.version_info.minor), its items by index, compared as a tuple.


class version_info:
    __slots__ = ("major", "minor", "micro", "releaselevel", "serial")

    def __init__(self, major, minor, micro, releaselevel, serial):
        self.major = major
        self.minor = minor
        self.micro = micro
        self.releaselevel = releaselevel
        self.serial = serial

    def _tuple(self):
        return (self.major, self.minor, self.micro, self.releaselevel, self.serial)

    def __repr__(self):
        return ("sys.version_info(major={}, minor={}, micro={}, releaselevel={!r}, serial={})"
                .format(*self._tuple()))

    def __getitem__(self, index):
        return self._tuple()[index]

    def __iter__(self):
        return iter(self._tuple())

    def __len__(self):
        return 5

    def __hash__(self):
        return hash(self._tuple())

    def __eq__(self, other):
        return self._tuple() == _as_tuple(self, other)

    def __ne__(self, other):
        return self._tuple() != _as_tuple(self, other)

    def __lt__(self, other):
        return self._tuple() < _as_tuple(self, other)

    def __le__(self, other):
        return self._tuple() <= _as_tuple(self, other)

    def __gt__(self, other):
        return self._tuple() > _as_tuple(self, other)

    def __ge__(self, other):
        return self._tuple() >= _as_tuple(self, other)


def _as_tuple(self, other):
    # (The class's name is the instance's now, as in CPython.)
    return other._tuple() if isinstance(other, type(self)) else other


version_info = version_info(3, 11, 7, "final", 0)
