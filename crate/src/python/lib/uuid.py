# uuid: UUID objects and uuid4(), random ones. A page's uuid4 draws from a generator
# of its own (seeded as the program's unseeded random is), never from random's.

import random as _random

_generator = None


class UUID:
    def __init__(self, hex=None, *, version=None):
        if hex is None:
            raise TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")
        digits = hex.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
        if len(digits) != 32 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise ValueError("badly formed hexadecimal UUID string")
        digits = digits.lower()
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError("illegal version number")
            variant = "89ab"[int(digits[16], 16) & 3]
            digits = digits[:12] + str(version) + digits[13:16] + variant + digits[17:]
        self._hex = digits

    @property
    def hex(self):
        return self._hex

    @property
    def version(self):
        if self._hex[16] in "89ab":
            return int(self._hex[12], 16)
        return None

    @property
    def urn(self):
        return "urn:uuid:" + str(self)

    def __str__(self):
        h = self._hex
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def __repr__(self):
        return f"UUID('{self}')"

    def __eq__(self, other):
        if isinstance(other, UUID):
            return self._hex == other._hex
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, UUID):
            return self._hex < other._hex
        return NotImplemented

    def __hash__(self):
        return hash(self._hex)


def uuid4():
    global _generator
    if _generator is None:
        _generator = _random.Random()
    digits = "".join(f"{_generator.getrandbits(32):08x}" for _ in range(4))
    return UUID(digits, version=4)
