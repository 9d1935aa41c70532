# secrets: random tokens and choices from os.urandom (the page's generator, seeded as
# unseeded random is: a run and its foresight agree).

import base64 as _base64
import os as _os
import random as _random

DEFAULT_ENTROPY = 32

_sysrand = _random.Random(int.from_bytes(_os.urandom(8), "big"))


def randbits(k):
    return _sysrand.getrandbits(k)


def randbelow(exclusive_upper_bound):
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")
    return _sysrand.randrange(exclusive_upper_bound)


def choice(seq):
    return _sysrand.choice(seq)


def token_bytes(nbytes=None):
    return _os.urandom(DEFAULT_ENTROPY if nbytes is None else nbytes)


def token_hex(nbytes=None):
    return token_bytes(nbytes).hex()


def token_urlsafe(nbytes=None):
    return _base64.urlsafe_b64encode(token_bytes(nbytes)).rstrip(b"=").decode("ascii")


def compare_digest(a, b):
    if type(a) is not type(b) or not isinstance(a, (str, bytes)):
        raise TypeError(f"unsupported operand types(s) or combination of types: '{type(a).__name__}' and '{type(b).__name__}'")
    return a == b


SystemRandom = _random.Random
