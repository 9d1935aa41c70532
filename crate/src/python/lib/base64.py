# base64: bytes as Base64, Base32 and Base16 text and back (RFC 4648), as CPython's
# binascii writes and reads them.

import binascii as _binascii

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def b64encode(s, altchars=None):
    s = _binascii._bytes(s)
    out = []
    for i in range(0, len(s), 3):
        chunk = s[i:i + 3]
        n = int.from_bytes(chunk + b"\0" * (3 - len(chunk)), "big")
        quad = [_B64[(n >> shift) & 63] for shift in (18, 12, 6, 0)]
        keep = len(chunk) + 1
        out.extend(quad[:keep] + [61] * (4 - keep))
    encoded = bytes(out)
    if altchars is not None:
        altchars = _binascii._data(altchars)
        encoded = encoded.replace(b"+", altchars[0:1]).replace(b"/", altchars[1:2])
    return encoded


def b64decode(s, altchars=None, validate=False):
    s = _binascii._data(s)
    if altchars is not None:
        altchars = _binascii._data(altchars)
        s = s.replace(altchars[0:1], b"+").replace(altchars[1:2], b"/")
    values = []
    pad = 0
    for c in s:
        if c == 61:
            pad += 1
            continue
        at = _B64.find(bytes([c]))
        if at < 0:
            if validate:
                raise _binascii.Error("Only base64 data is allowed")
            continue
        if pad:
            raise _binascii.Error("Discontinuous padding not allowed") if validate else _binascii.Error("Incorrect padding")
        values.append(at)
    if len(values) % 4 == 1:
        raise _binascii.Error(
            "Invalid base64-encoded string: number of data characters (" + str(len(values))
            + ") cannot be 1 more than a multiple of 4")
    if (len(values) + pad) % 4 and len(values) % 4:
        raise _binascii.Error("Incorrect padding")
    out = []
    for i in range(0, len(values), 4):
        group = values[i:i + 4]
        n = 0
        for v in group:
            n = n << 6 | v
        n <<= 6 * (4 - len(group))
        data = n.to_bytes(3, "big")
        out.append(data[:len(group) - 1])
    return b"".join(out)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s).replace(b"+", b"-").replace(b"/", b"_")


def urlsafe_b64decode(s):
    return b64decode(_binascii._data(s).replace(b"-", b"+").replace(b"_", b"/"))


def b32encode(s):
    s = _binascii._bytes(s)
    out = []
    for i in range(0, len(s), 5):
        chunk = s[i:i + 5]
        n = int.from_bytes(chunk + b"\0" * (5 - len(chunk)), "big")
        octet = [_B32[(n >> (35 - 5 * j)) & 31] for j in range(8)]
        keep = [0, 2, 4, 5, 7, 8][len(chunk)]
        out.extend(octet[:keep] + [61] * (8 - keep))
    return bytes(out)


def b32decode(s, casefold=False):
    s = _binascii._data(s)
    if casefold:
        s = s.upper()
    if len(s) % 8:
        raise _binascii.Error("Incorrect padding")
    body = s.rstrip(b"=")
    pad = len(s) - len(body)
    if pad not in (0, 1, 3, 4, 6):
        raise _binascii.Error("Incorrect padding")
    out = []
    for i in range(0, len(s), 8):
        n = 0
        for c in s[i:i + 8]:
            at = 0 if c == 61 else _B32.find(bytes([c]))
            if at < 0:
                raise _binascii.Error("Non-base32 digit found")
            n = n << 5 | at
        out.append(n.to_bytes(5, "big"))
    data = b"".join(out)
    return data[:len(data) - {0: 0, 1: 1, 3: 2, 4: 3, 6: 4}[pad]]


def b16encode(s):
    s = _binascii._bytes(s)
    return s.hex().upper().encode("ascii")


def b16decode(s, casefold=False):
    s = _binascii._data(s)
    if casefold:
        s = s.upper()
    if len(s) % 2:
        raise _binascii.Error("Odd-length string")
    if any(c not in b"0123456789ABCDEF" for c in s):
        raise _binascii.Error("Non-base16 digit found")
    return bytes.fromhex(s.decode("ascii"))


def encodebytes(s):
    encoded = b64encode(s)
    return b"".join(encoded[i:i + 76] + b"\n" for i in range(0, len(encoded), 76))


def decodebytes(s):
    return b64decode(s)
