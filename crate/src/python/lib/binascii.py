# binascii: bytes to hexadecimal text and back, and CRC-32 (base64 is its own module).


class Error(ValueError):
    pass


class Incomplete(Exception):
    pass


def _bytes(data):
    # What is written from: bytes only.
    if not isinstance(data, bytes):
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
    return data


def _data(data):
    # What is read from: bytes, or ASCII text.
    if isinstance(data, str):
        try:
            return data.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("string argument should contain only ASCII characters")
    return _bytes(data)


def hexlify(data, sep=None, bytes_per_sep=1):
    data = _data(data)
    text = data.hex() if sep is None else data.hex(sep, bytes_per_sep)
    return text.encode("ascii")


def unhexlify(hexstr):
    hexstr = _data(hexstr)
    if len(hexstr) % 2:
        raise Error("Odd-length string")
    try:
        return bytes.fromhex(hexstr.decode("ascii"))
    except ValueError:
        raise Error("Non-hexadecimal digit found")


b2a_hex = hexlify
a2b_hex = unhexlify


def crc32(data, value=0):
    crc = ~value & 0xFFFFFFFF
    for byte in _data(data):
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0xEDB88320 if crc & 1 else 0)
    return ~crc & 0xFFFFFFFF
