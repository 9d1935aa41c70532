# hashlib: MD5, SHA-1 and SHA-2 digests of bytes, as CPython's (OpenSSL's) give them,
# computed in Rust (`_digest`); BLAKE2 (RFC 7693) and SHA-3 (FIPS 202) computed here,
# in Python, for the short texts programs hash with them.

from hashlib import _digest, _pbkdf2

_SIZES = {
    "md5": (16, 64),
    "sha1": (20, 64),
    "sha224": (28, 64),
    "sha256": (32, 64),
    "sha384": (48, 128),
    "sha512": (64, 128),
}

# (sha3_* and shake_*: rate in bytes, and the padding's domain bits.)
_SHA3 = {
    "sha3_224": (28, 144, 6),
    "sha3_256": (32, 136, 6),
    "sha3_384": (48, 104, 6),
    "sha3_512": (64, 72, 6),
    "shake_128": (0, 168, 0x1F),
    "shake_256": (0, 136, 0x1F),
}

algorithms_guaranteed = set(_SIZES) | set(_SHA3) | {"blake2b", "blake2s"}
algorithms_available = set(algorithms_guaranteed)


def _data(data):
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if not isinstance(data, bytes):
        raise TypeError("object supporting the buffer API required")
    return data


class HASH:
    __module__ = "_hashlib"

    def __init__(self, name, data=b""):
        self.name = name
        self.digest_size, self.block_size = _SIZES[name]
        self._parts = [_data(data)]

    def update(self, data):
        self._parts.append(_data(data))

    def digest(self):
        data = b"".join(self._parts)
        self._parts = [data]
        return _digest(self.name, data)

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        other = HASH(self.name)
        other._parts = list(self._parts)
        return other

    def __repr__(self):
        return f"<{self.name} _hashlib.HASH object @ {hex(id(self))}>"


def new(name, data=b"", *, usedforsecurity=True):
    if not isinstance(name, str):
        raise TypeError(f"new() argument 'name' must be str, not {type(name).__name__}")
    key = name.lower().replace("-", "")
    if key in _SHA3:
        return _Sha3(key, data)
    if key in ("blake2b", "blake2s"):
        return (blake2b if key == "blake2b" else blake2s)(data)
    if key not in _SIZES:
        raise ValueError(f"unsupported hash type {name}")
    return HASH(key, data)


class UnsupportedDigestmodError(ValueError):
    __module__ = "_hashlib"


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    # (Computed in Rust: the iterations are the point of it.)
    if hash_name not in _SIZES:
        raise UnsupportedDigestmodError("[digital envelope routines] unsupported")
    for data in (password, salt):
        if not isinstance(data, bytes):
            raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    if dklen is None:
        dklen = _SIZES[hash_name][0]
    if dklen < 1:
        raise ValueError("key length must be greater than 0.")
    return _pbkdf2(hash_name, password, salt, iterations, dklen)


def md5(string=b"", *, usedforsecurity=True):
    return HASH("md5", string)


def sha1(string=b"", *, usedforsecurity=True):
    return HASH("sha1", string)


def sha224(string=b"", *, usedforsecurity=True):
    return HASH("sha224", string)


def sha256(string=b"", *, usedforsecurity=True):
    return HASH("sha256", string)


def sha384(string=b"", *, usedforsecurity=True):
    return HASH("sha384", string)


def sha512(string=b"", *, usedforsecurity=True):
    return HASH("sha512", string)


def sha3_224(string=b"", *, usedforsecurity=True):
    return _Sha3("sha3_224", string)


def sha3_256(string=b"", *, usedforsecurity=True):
    return _Sha3("sha3_256", string)


def sha3_384(string=b"", *, usedforsecurity=True):
    return _Sha3("sha3_384", string)


def sha3_512(string=b"", *, usedforsecurity=True):
    return _Sha3("sha3_512", string)


def shake_128(string=b"", *, usedforsecurity=True):
    return _Sha3("shake_128", string)


def shake_256(string=b"", *, usedforsecurity=True):
    return _Sha3("shake_256", string)

_B_IV = (
    0x6A09E667F3BCC908, 0xBB67AE8584CAA73B, 0x3C6EF372FE94F82B, 0xA54FF53A5F1D36F1,
    0x510E527FADE682D1, 0x9B05688C2B3E6C1F, 0x1F83D9ABFB41BD6B, 0x5BE0CD19137E2179,
)
_S_IV = (0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19)
_SIGMA = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
    (14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3),
    (11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4),
    (7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8),
    (9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13),
    (2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9),
    (12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11),
    (13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10),
    (6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5),
    (10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0),
)


class _Blake2:
    # One of BLAKE2's two sizes: b (64-bit words, 12 rounds) or s (32-bit, 10).
    __module__ = "_blake2"

    def _start(self, data, digest_size, key, salt, person, wide):
        data, key, salt, person = _data(data), _data(key), _data(salt), _data(person)
        self._wide = wide
        bits, rounds, self.block_size, most = (64, 12, 128, 64) if wide else (32, 10, 64, 32)
        self._bits, self._rounds = bits, rounds
        self._mask = (1 << bits) - 1
        self._rot = (32, 24, 16, 63) if wide else (16, 12, 8, 7)
        if not 1 <= digest_size <= most:
            raise ValueError(f"digest_size must be between 1 and {most} bytes")
        if len(key) > most:
            raise ValueError(f"maximum key length is {most} bytes")
        half = most // 4
        if len(salt) > half:
            raise ValueError(f"maximum salt length is {half} bytes")
        if len(person) > half:
            raise ValueError(f"maximum person length is {half} bytes")
        self.digest_size = digest_size
        word = bits // 8
        params = [0] * most
        params[0], params[1], params[2], params[3] = digest_size, len(key), 1, 1
        params[half * 2 : half * 2 + len(salt)] = list(salt)
        params[half * 3 : half * 3 + len(person)] = list(person)
        iv = _B_IV if wide else _S_IV
        self._h = [iv[i] ^ int.from_bytes(bytes(params[i * word : (i + 1) * word]), "little") for i in range(8)]
        self._count = 0
        self._buffer = b""
        if key:
            self._buffer = key + bytes(self.block_size - len(key))
        self.update(data)

    def _compress(self, block, last):
        mask, rot, bits = self._mask, self._rot, self._bits
        word = bits // 8
        m = [int.from_bytes(block[i : i + word], "little") for i in range(0, self.block_size, word)]
        iv = _B_IV if self._wide else _S_IV
        v = self._h + list(iv)
        v[12] ^= self._count & mask
        v[13] ^= (self._count >> bits) & mask
        if last:
            v[14] ^= mask
        r1, r2, r3, r4 = rot
        for r in range(self._rounds):
            s = _SIGMA[r % 10]
            for i, (a, b, c, d) in enumerate(((0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),
                                             (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14))):
                x, y = m[s[2 * i]], m[s[2 * i + 1]]
                v[a] = (v[a] + v[b] + x) & mask
                t = v[d] ^ v[a]
                v[d] = ((t >> r1) | (t << (bits - r1))) & mask
                v[c] = (v[c] + v[d]) & mask
                t = v[b] ^ v[c]
                v[b] = ((t >> r2) | (t << (bits - r2))) & mask
                v[a] = (v[a] + v[b] + y) & mask
                t = v[d] ^ v[a]
                v[d] = ((t >> r3) | (t << (bits - r3))) & mask
                v[c] = (v[c] + v[d]) & mask
                t = v[b] ^ v[c]
                v[b] = ((t >> r4) | (t << (bits - r4))) & mask
        self._h = [self._h[i] ^ v[i] ^ v[i + 8] for i in range(8)]

    def update(self, data):
        self._buffer += data
        # (The last block waits: it is compressed with the final flag.)
        while len(self._buffer) > self.block_size:
            self._count += self.block_size
            self._compress(self._buffer[: self.block_size], False)
            self._buffer = self._buffer[self.block_size :]

    def digest(self):
        h, count, buffer = list(self._h), self._count, self._buffer
        self._count += len(buffer)
        self._compress(buffer + bytes(self.block_size - len(buffer)), True)
        word = self._bits // 8
        out = b"".join(x.to_bytes(word, "little") for x in self._h)[: self.digest_size]
        self._h, self._count, self._buffer = h, count, buffer
        return out

    def hexdigest(self):
        return self.digest().hex()

    def copy(self):
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other._h = list(self._h)
        return other

    def __repr__(self):
        return f"<_blake2.{self.name} object at {hex(id(self))}>"


class blake2b(_Blake2):
    name = "blake2b"
    SALT_SIZE = 16
    PERSON_SIZE = 16
    MAX_KEY_SIZE = 64
    MAX_DIGEST_SIZE = 64

    def __init__(self, data=b"", *, digest_size=64, key=b"", salt=b"", person=b"", fanout=1, depth=1,
                 leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False, usedforsecurity=True):
        self._start(data, digest_size, key, salt, person, True)


class blake2s(_Blake2):
    name = "blake2s"
    SALT_SIZE = 8
    PERSON_SIZE = 8
    MAX_KEY_SIZE = 32
    MAX_DIGEST_SIZE = 32

    def __init__(self, data=b"", *, digest_size=32, key=b"", salt=b"", person=b"", fanout=1, depth=1,
                 leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False, usedforsecurity=True):
        self._start(data, digest_size, key, salt, person, False)


_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]


def _keccak(state):
    mask = 0xFFFFFFFFFFFFFFFF
    for rc in _RC:
        c = [state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20] for x in range(5)]
        for x in range(5):
            t = c[(x - 1) % 5] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & mask)
            for y in range(0, 25, 5):
                state[x + y] ^= t
        b = [0] * 25
        for x in range(5):
            for y in range(5):
                i = x + 5 * y
                r = _ROT[i]
                b[y + 5 * ((2 * x + 3 * y) % 5)] = ((state[i] << r) | (state[i] >> (64 - r))) & mask if r else state[i]
        for y in range(0, 25, 5):
            for x in range(5):
                state[x + y] = b[x + y] ^ ((~b[(x + 1) % 5 + y]) & b[(x + 2) % 5 + y])
        state[0] ^= rc


class _Sha3:
    __module__ = "_hashlib"

    def __init__(self, name, data=b""):
        self.name = name
        self.digest_size, self.block_size, self._pad = _SHA3[name]
        self._state = [0] * 25
        self._buffer = b""
        self.update(data)

    def update(self, data):
        self._buffer += _data(data)
        while len(self._buffer) >= self.block_size:
            self._absorb(self._buffer[: self.block_size])
            self._buffer = self._buffer[self.block_size :]

    def _absorb(self, block):
        for i in range(0, len(block), 8):
            self._state[i // 8] ^= int.from_bytes(block[i : i + 8], "little")
        _keccak(self._state)

    def _squeeze(self, length):
        state, buffer = list(self._state), self._buffer
        block = list(buffer + bytes(self.block_size - len(buffer)))
        block[len(buffer)] ^= self._pad
        block[-1] ^= 0x80
        self._absorb(bytes(block))
        out = b""
        while True:
            out += b"".join(w.to_bytes(8, "little") for w in self._state[: self.block_size // 8])
            if len(out) >= length:
                break
            _keccak(self._state)
        self._state = state
        return out[:length]

    def _length(self, asked, length):
        if self._pad == 6 and length:
            raise TypeError(f"HASH.{asked}() takes no arguments ({len(length)} given)")
        if self._pad != 6 and len(length) != 1:
            raise TypeError(f"{asked}() missing required argument 'length' (pos 1)")
        return length[0] if length else self.digest_size

    def digest(self, *length):
        return self._squeeze(self._length("digest", length))

    def hexdigest(self, *length):
        return self._squeeze(self._length("hexdigest", length)).hex()

    def copy(self):
        other = _Sha3(self.name)
        other._state, other._buffer = list(self._state), self._buffer
        return other

    def __repr__(self):
        kind = "HASH" if self._pad == 6 else "HASHXOF"
        return f"<{self.name} _hashlib.{kind} object @ {hex(id(self))}>"
