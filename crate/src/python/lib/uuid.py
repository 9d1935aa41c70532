# uuid: UUID objects over one 128-bit int, uuid3/uuid5 from a namespace and a name,
# and uuid1/uuid4. A page's uuid4 (and uuid1's node and clock sequence) draw from a
# generator of its own (seeded as the program's unseeded random is), never from
# random's, so a seeded program's numbers stay CPython's.

import random as _random
import time as _time
from enum import Enum as _Enum

_int = int
_bytes = bytes
_generator = None

RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE = [
    "reserved for NCS compatibility", "specified in RFC 4122",
    "reserved for Microsoft compatibility", "reserved for future definition"]


class SafeUUID(_Enum):
    safe = 0
    unsafe = -1
    unknown = None


def _check(value, bits, n):
    if not 0 <= value < 1 << bits:
        article = "an" if bits == 8 else "a"
        raise ValueError(f"field {n} out of range (need {article} {bits}-bit value)")


class UUID:
    __slots__ = ("int", "is_safe", "__weakref__")

    def __init__(self, hex=None, bytes=None, bytes_le=None, fields=None, int=None,
                 version=None, *, is_safe=SafeUUID.unknown):
        if [hex, bytes, bytes_le, fields, int].count(None) != 4:
            raise TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")
        if hex is not None:
            hex = hex.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
            if len(hex) != 32:
                raise ValueError("badly formed hexadecimal UUID string")
            int = _int(hex, 16)
        if bytes_le is not None:
            if len(bytes_le) != 16:
                raise ValueError("bytes_le is not a 16-char string")
            bytes = bytes_le[3::-1] + bytes_le[5:3:-1] + bytes_le[7:5:-1] + bytes_le[8:]
        if bytes is not None:
            if len(bytes) != 16:
                raise ValueError("bytes is not a 16-char string")
            int = _int.from_bytes(bytes, "big")
        if fields is not None:
            if len(fields) != 6:
                raise ValueError("fields is not a 6-tuple")
            low, mid, hi_version, seq_hi, seq_low, node = fields
            for n, (value, bits) in enumerate(
                    [(low, 32), (mid, 16), (hi_version, 16), (seq_hi, 8), (seq_low, 8), (node, 48)], 1):
                _check(value, bits, n)
            int = (low << 96) | (mid << 80) | (hi_version << 64) | (seq_hi << 56) | (seq_low << 48) | node
        if not 0 <= int < 1 << 128:
            raise ValueError("int is out of range (need a 128-bit value)")
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError("illegal version number")
            int = (int & ~(0xC000 << 48)) | (0x8000 << 48)
            int = (int & ~(0xF000 << 64)) | (version << 76)
        object.__setattr__(self, "int", int)
        object.__setattr__(self, "is_safe", is_safe)

    def __setattr__(self, name, value):
        raise TypeError("UUID objects are immutable")

    def __eq__(self, other):
        return self.int == other.int if isinstance(other, UUID) else NotImplemented

    def __lt__(self, other):
        return self.int < other.int if isinstance(other, UUID) else NotImplemented

    def __gt__(self, other):
        return self.int > other.int if isinstance(other, UUID) else NotImplemented

    def __le__(self, other):
        return self.int <= other.int if isinstance(other, UUID) else NotImplemented

    def __ge__(self, other):
        return self.int >= other.int if isinstance(other, UUID) else NotImplemented

    def __hash__(self):
        return hash(self.int)

    def __int__(self):
        return self.int

    def __str__(self):
        h = self.hex
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def __repr__(self):
        return f"{type(self).__name__}({str(self)!r})"

    @property
    def hex(self):
        return f"{self.int:032x}"

    @property
    def bytes(self):
        return self.int.to_bytes(16, "big")

    @property
    def bytes_le(self):
        b = self.bytes
        return b[3::-1] + b[5:3:-1] + b[7:5:-1] + b[8:]

    @property
    def urn(self):
        return "urn:uuid:" + str(self)

    @property
    def time_low(self):
        return self.int >> 96

    @property
    def time_mid(self):
        return (self.int >> 80) & 0xFFFF

    @property
    def time_hi_version(self):
        return (self.int >> 64) & 0xFFFF

    @property
    def clock_seq_hi_variant(self):
        return (self.int >> 56) & 0xFF

    @property
    def clock_seq_low(self):
        return (self.int >> 48) & 0xFF

    @property
    def node(self):
        return self.int & 0xFFFFFFFFFFFF

    @property
    def fields(self):
        return (self.time_low, self.time_mid, self.time_hi_version,
                self.clock_seq_hi_variant, self.clock_seq_low, self.node)

    @property
    def time(self):
        return ((self.time_hi_version & 0x0FFF) << 48) | (self.time_mid << 32) | self.time_low

    @property
    def clock_seq(self):
        return ((self.clock_seq_hi_variant & 0x3F) << 8) | self.clock_seq_low

    @property
    def variant(self):
        if not self.int & (0x8000 << 48):
            return RESERVED_NCS
        if not self.int & (0x4000 << 48):
            return RFC_4122
        if not self.int & (0x2000 << 48):
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE

    @property
    def version(self):
        if self.variant == RFC_4122:
            return _int((self.int >> 76) & 0xF)
        return None


def _random_bits(n):
    global _generator
    if _generator is None:
        _generator = _random.Random()
    return _generator.getrandbits(n)


def uuid4():
    return UUID(int=_random_bits(128), version=4)


def _name_hash(algorithm, namespace, name):
    import hashlib
    if isinstance(name, str):
        name = name.encode("utf-8")
    return getattr(hashlib, algorithm)(namespace.bytes + name).digest()[:16]


def uuid3(namespace, name):
    return UUID(bytes=_name_hash("md5", namespace, name), version=3)


def uuid5(namespace, name):
    return UUID(bytes=_name_hash("sha1", namespace, name), version=5)


_last_timestamp = None
_node = None


def getnode():
    # A page cannot read a network card: a random node with its multicast bit set,
    # as CPython falls back to when it finds none.
    global _node
    if _node is None:
        _node = _random_bits(48) | (1 << 40)
    return _node


def uuid1(node=None, clock_seq=None):
    global _last_timestamp
    nanoseconds = _time.time_ns()
    # 100-ns intervals since the Gregorian calendar's start, 1582-10-15.
    timestamp = nanoseconds // 100 + 0x01B21DD213814000
    if _last_timestamp is not None and timestamp <= _last_timestamp:
        timestamp = _last_timestamp + 1
    _last_timestamp = timestamp
    if clock_seq is None:
        clock_seq = _random_bits(14)
    low = timestamp & 0xFFFFFFFF
    mid = (timestamp >> 32) & 0xFFFF
    hi_version = (timestamp >> 48) & 0x0FFF
    if node is None:
        node = getnode()
    return UUID(fields=(low, mid, hi_version, (clock_seq >> 8) & 0x3F, clock_seq & 0xFF, node), version=1)


NAMESPACE_DNS = UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_URL = UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_OID = UUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_X500 = UUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8")
