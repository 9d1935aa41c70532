"""struct, written for the playground: CPython 3.11's results and error messages
(its _struct on a 64-bit little-endian machine, as learners' computers have it). Only math is imported: IEEE 754 encoding is done with
frexp/ldexp and integer arithmetic."""

import math

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from",
           "iter_unpack", "Struct", "error"]

class error(Exception):
    """Raised on bad formats, bad arguments and bad buffers."""
    __module__ = "struct"

_LONG_MIN = -(1 << 63)          # C long / Py_ssize_t range on 64-bit Linux
_LONG_MAX = (1 << 63) - 1
_ULONG_MAX = (1 << 64) - 1
_SPACE = " \t\n\r\x0b\x0c"      # the characters C's isspace() skips
_INF = float("inf")
_NAN = float("nan")

def _type_name(obj):
    return type(obj).__name__

def _put(out, pos, data):
    """Store the byte values of data into the list/bytearray out at pos."""
    for k in range(len(data)):
        out[pos + k] = data[k]

# --- Argument conversion (CPython's get_pylong, PyFloat_AsDouble) ---
def _get_int(v):
    if isinstance(v, int):
        return v
    if hasattr(v, "__index__"):
        return v.__index__()
    raise error("required argument is not an integer")

def _get_float(v):
    try:
        if isinstance(v, (int, float)):
            return float(v)             # OverflowError for huge ints
        if hasattr(v, "__float__"):
            return float(v.__float__())
        if hasattr(v, "__index__"):
            return float(v.__index__())
    except Exception:
        pass
    raise error("required argument is not a float")

def _get_offset(v, overflow_exc, overflow_msg):
    """Convert an offset argument to a C Py_ssize_t."""
    if not isinstance(v, int):
        if not hasattr(v, "__index__"):
            raise TypeError(f"'{_type_name(v)}' object cannot be "
                            "interpreted as an integer")
        v = v.__index__()
    if v < _LONG_MIN or v > _LONG_MAX:
        raise overflow_exc(overflow_msg)
    return v

# --- IEEE 754 binary16/32/64 encoding and decoding ---
def _float_to_bits(x, ebits, mbits, overflow_msg):
    """Round x to nearest-even in the format with ebits exponent bits and
    mbits fraction bits; return the bit pattern as an int.  On overflow
    raise OverflowError(overflow_msg), or give infinity if it is None."""
    sign = (1 if math.copysign(1.0, x) < 0 else 0) << (ebits + mbits)
    emax = (1 << ebits) - 1
    bias = emax >> 1
    if math.isnan(x):                       # quiet NaN, keeping the sign
        return sign | (emax << mbits) | (1 << (mbits - 1))
    x = abs(x)
    if math.isinf(x):
        return sign | (emax << mbits)
    if x == 0.0:
        return sign
    m, e = math.frexp(x)                    # x = m * 2**e, 0.5 <= m < 1
    big = int(math.ldexp(m, 53))            # exact 53-bit significand
    qexp = max(e - 1 - mbits, 1 - bias - mbits)   # exponent of one ulp
    shift = qexp - (e - 53)                 # always >= 0
    q = big >> shift
    if shift:                               # round half to even
        rest = big - (q << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and q & 1):
            q += 1
    if q >> (mbits + 1):                    # rounding carried out
        q >>= 1
        qexp += 1
    if q < (1 << mbits):                    # subnormal (or rounded to zero)
        return sign | q
    biased = qexp + mbits + bias
    if biased >= emax:
        if overflow_msg is not None:
            raise OverflowError(overflow_msg)
        return sign | (emax << mbits)
    return sign | (biased << mbits) | (q - (1 << mbits))

def _bits_to_float(bits, ebits, mbits):
    emax = (1 << ebits) - 1
    bias = emax >> 1
    frac = bits & ((1 << mbits) - 1)
    exp = (bits >> mbits) & emax
    if exp == emax:
        v = _NAN if frac else _INF
    elif exp == 0:
        v = math.ldexp(frac, 1 - bias - mbits)
    else:
        v = math.ldexp(frac | (1 << mbits), exp - bias - mbits)
    return math.copysign(v, -1.0 if bits >> (ebits + mbits) else 1.0)

# --- Format tables: code -> (size, alignment, pack, unpack) ---
# pack(out, pos, value) stores bytes into out; unpack(bytes) -> value.
def _int_entry(code, size, align, signed, conv, style, order):
    """conv says how CPython first converts the value: 'long'/'ulong'
    (PyLong_AsLong & co.), 'bytes' (_PyLong_AsByteArray) or 'ptr'
    (PyLong_AsVoidPtr).  style is the start of the range message: 'byte',
    'short', ..., 'code' for "'h'", or None for no range check."""
    bits = 8 * size
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    mask = (1 << bits) - 1
    prefix = f"'{code}'" if style == "code" else style
    msg = f"{prefix} format requires {lo} <= number <= {hi}"

    def pack(out, pos, v):
        n = _get_int(v)
        if (conv == "long" and not _LONG_MIN <= n <= _LONG_MAX
                or conv == "ulong" and not 0 <= n <= _ULONG_MAX):
            raise error("argument out of range")
        if conv == "bytes" and not lo <= n <= hi:
            if n < 0 and not signed:
                raise OverflowError("can't convert negative int to unsigned")
            # CPython has already written the low bytes when it fails
            _put(out, pos, (n & mask).to_bytes(size, order))
            raise OverflowError("int too big to convert")
        if conv == "ptr" and not _LONG_MIN <= n <= _ULONG_MAX:
            raise OverflowError("Python int too large to convert to C "
                                + ("long" if n < 0 else "unsigned long"))
        if style is not None and not lo <= n <= hi:
            raise error(msg)
        _put(out, pos, (n & mask).to_bytes(size, order))

    def unpack(b):
        return int.from_bytes(b, order, signed=signed)
    return (size, align, pack, unpack)

def _float_entry(size, align, ebits, mbits, overflow_msg, order):
    def pack(out, pos, v):
        bits = _float_to_bits(_get_float(v), ebits, mbits, overflow_msg)
        _put(out, pos, bits.to_bytes(size, order))

    def unpack(b):
        return _bits_to_float(int.from_bytes(b, order), ebits, mbits)
    return (size, align, pack, unpack)

def _pack_char(out, pos, v):
    if not isinstance(v, bytes) or len(v) != 1:
        raise error("char format requires a bytes object of length 1")
    out[pos] = v[0]

def _pack_bool(out, pos, v):
    out[pos] = 1 if v else 0

# Integer codes: code -> (size, align, signed, conv, style)
_NATIVE_INTS = {
    "b": (1, 0, True, "long", "byte"), "B": (1, 0, False, "long", "ubyte"),
    "h": (2, 2, True, "long", "short"), "H": (2, 2, False, "long", "ushort"),
    "i": (4, 4, True, "long", "code"), "I": (4, 4, False, "ulong", "code"),
    "l": (8, 8, True, "long", None), "L": (8, 8, False, "ulong", None),
    "q": (8, 8, True, "long", None), "Q": (8, 8, False, "ulong", None),
    "n": (8, 8, True, "long", None), "N": (8, 8, False, "ulong", None),
    "P": (8, 8, False, "ptr", None)}
# '<' and '=': CPython reuses the native packers where the sizes agree.
_LITTLE_INTS = {
    "b": (1, 0, True, "long", "byte"), "B": (1, 0, False, "long", "ubyte"),
    "h": (2, 0, True, "long", "short"), "H": (2, 0, False, "long", "ushort"),
    "i": (4, 0, True, "long", "code"), "I": (4, 0, False, "ulong", "code"),
    "l": (4, 0, True, "long", "code"), "L": (4, 0, False, "ulong", "code"),
    "q": (8, 0, True, "long", None), "Q": (8, 0, False, "ulong", None)}
# '>' and '!'
_BIG_INTS = {
    "b": (1, 0, True, "long", "byte"), "B": (1, 0, False, "long", "ubyte"),
    "h": (2, 0, True, "long", "code"), "H": (2, 0, False, "ulong", "code"),
    "i": (4, 0, True, "long", "code"), "I": (4, 0, False, "ulong", "code"),
    "l": (4, 0, True, "long", "code"), "L": (4, 0, False, "ulong", "code"),
    "q": (8, 0, True, "bytes", None), "Q": (8, 0, False, "bytes", None)}

def _make_table(ints, order, native):
    table = {}
    for code in ints:
        size, align, signed, conv, style = ints[code]
        table[code] = _int_entry(code, size, align, signed, conv, style,
                                 order)
    a = 1 if native else 0              # only native mode aligns
    f_msg = None if native else "float too large to pack with f format"
    table["e"] = _float_entry(2, 2 * a, 5, 10,
                              "float too large to pack with e format", order)
    table["f"] = _float_entry(4, 4 * a, 8, 23, f_msg, order)
    table["d"] = _float_entry(8, 8 * a, 11, 52, None, order)
    table["c"] = (1, 0, _pack_char, lambda b: b)
    table["?"] = (1, 0, _pack_bool, lambda b: b[0] != 0)
    for code in "xsp":                  # handled by the parser / Struct
        table[code] = (1, 0, None, None)
    return table

_NATIVE = _make_table(_NATIVE_INTS, "little", True)
_LITTLE = _make_table(_LITTLE_INTS, "little", False)
_BIG = _make_table(_BIG_INTS, "big", False)
_TABLES = {"@": _NATIVE, "=": _LITTLE, "<": _LITTLE, ">": _BIG, "!": _BIG}

# --- Format parsing ---
def _parse(fmt):
    """Return (size, number of arguments, codes) where each code is
    (char, offset, repeat, item size, pack, unpack).  For 's' and 'p' the
    repeat is 1 and the item size is the count."""
    if "\0" in fmt:
        raise error("embedded null character")
    table, i = _NATIVE, 0
    if fmt and fmt[0] in _TABLES:
        table, i = _TABLES[fmt[0]], 1
    size = nargs = 0
    codes = []
    while i < len(fmt):
        c = fmt[i]
        i += 1
        if c in _SPACE:
            continue
        num = 1
        if "0" <= c <= "9":             # repeat count
            num = ord(c) - 48
            while i < len(fmt) and "0" <= fmt[i] <= "9":
                num = num * 10 + ord(fmt[i]) - 48
                i += 1
                if num > _LONG_MAX:
                    raise error("total struct size too long")
            if i == len(fmt):
                raise error("repeat count given without format specifier")
            c = fmt[i]
            i += 1
        entry = table.get(c)
        if entry is None:
            raise error("bad char in struct format")
        itemsize, align, pack, unpack = entry
        if align and size > 0:          # native alignment padding
            size += (align - 1) - (size - 1) % align
        if num > (_LONG_MAX - size) // itemsize:
            raise error("total struct size too long")
        if c == "s" or c == "p":
            codes.append((c, size, 1, num, None, None))
            nargs += 1
        elif c != "x" and num:
            codes.append((c, size, num, itemsize, pack, unpack))
            nargs += num
        size += num * itemsize
    return size, nargs, codes

# --- Buffer helpers ---
def _buffer_len(buf):
    """Length of a readable buffer: bytes, bytearray, list of ints, ..."""
    if not (isinstance(buf, (bytes, list, tuple))
            or _type_name(buf) in ("bytearray", "memoryview")
            or (not isinstance(buf, str) and hasattr(buf, "__len__")
                and hasattr(buf, "__getitem__"))):
        raise TypeError("a bytes-like object is required, "
                        f"not '{_type_name(buf)}'")
    return len(buf)

def _check_offset(offset, size, n, verb):
    """Validate (and make non-negative) an offset for pack_into or
    unpack_from (verb 'pack' / 'unpack') into an n-byte buffer."""
    if offset < 0:
        if offset + size > 0:
            what = "no space to pack" if verb == "pack" else \
                "not enough data to unpack"
            raise error(f"{what} {size} bytes at offset {offset}")
        if offset + n < 0:
            raise error(f"offset {offset} out of range for {n}-byte buffer")
        offset += n
    if n - offset < size:
        name = "pack_into" if verb == "pack" else "unpack_from"
        raise error(f"{name} requires a buffer of at least {size + offset} "
                    f"bytes for {verb}ing {size} bytes at offset {offset} "
                    f"(actual buffer size is {n})")
    return offset

# --- The Struct class ---
class Struct:
    """Struct(format): a compiled struct format."""
    # (CPython 3.11's is _struct's, printed as an object of that module.)
    __module__ = "_struct"

    def __init__(self, format):
        if isinstance(format, bytes):
            text = "".join([chr(b) for b in format])
        elif isinstance(format, str):
            text = format
            for ch in text:
                if ord(ch) > 127:       # raises UnicodeEncodeError
                    text.encode("ascii")
        else:
            raise TypeError("Struct() argument 1 must be a str or bytes "
                            f"object, not {_type_name(format)}")
        self.format = text
        self.size, self._nargs, self._codes = _parse(text)

    def _pack_to(self, out, base, args):
        # Store args into out (already zeroed) at base, item by item.
        i = 0
        for c, off, repeat, itemsize, pack, unpack in self._codes:
            pos = base + off
            if c == "s" or c == "p":
                v = args[i]
                i += 1
                if not (isinstance(v, bytes) or _type_name(v) == "bytearray"):
                    raise error(f"argument for '{c}' must be a bytes object")
                if c == "s":
                    _put(out, pos, v[:itemsize])
                    continue
                n = min(len(v), itemsize - 1)       # Pascal string
                if n > 0:
                    _put(out, pos + 1, v[:n])
                if pos < len(out):      # CPython writes 0xff even for '0p'
                    out[pos] = min(n, 255) & 0xFF
                continue
            for k in range(repeat):
                v = args[i]
                i += 1
                too_big = False
                try:
                    pack(out, pos + k * itemsize, v)
                except OverflowError:
                    if not isinstance(v, int):
                        raise
                    too_big = True
                if too_big:
                    raise error("int too large to convert")

    def pack(self, *args):
        if len(args) != self._nargs:
            raise error(f"pack expected {self._nargs} items for packing "
                        f"(got {len(args)})")
        out = [0] * self.size
        self._pack_to(out, 0, args)
        return bytes(out)

    def pack_into(self, *args):
        if len(args) != self._nargs + 2:
            if not args:
                raise error("pack_into expected buffer argument")
            if len(args) == 1:
                raise error("pack_into expected offset argument")
            raise error(f"pack_into expected {self._nargs} items for "
                        f"packing (got {len(args) - 2})")
        buf = args[0]
        if not (isinstance(buf, list) or _type_name(buf) == "bytearray"
                or (hasattr(buf, "__setitem__") and hasattr(buf, "__len__"))):
            raise TypeError("argument must be read-write bytes-like object, "
                            "not " + ("None" if buf is None
                                      else _type_name(buf)))
        offset = _get_offset(args[1], IndexError,
                             "cannot fit 'int' into an index-sized integer")
        offset = _check_offset(offset, self.size, len(buf), "pack")
        _put(buf, offset, [0] * self.size)      # CPython zeroes, then packs
        self._pack_to(buf, offset, args[2:])

    def _unpack_at(self, buf, offset):
        # Unpack self.size bytes of buf starting at offset (already checked).
        if not isinstance(buf, bytes):
            buf = bytes([buf[k] for k in range(offset, offset + self.size)])
            offset = 0
        result = []
        for c, off, repeat, itemsize, pack, unpack in self._codes:
            pos = offset + off
            if c == "s":
                result.append(buf[pos:pos + itemsize])
            elif c == "p":
                if itemsize == 0:       # what CPython does for '0p'
                    raise SystemError(
                        "Negative size passed to PyBytes_FromStringAndSize")
                n = min(buf[pos], itemsize - 1)
                result.append(buf[pos + 1:pos + 1 + n])
            else:
                for k in range(repeat):
                    result.append(unpack(buf[pos:pos + itemsize]))
                    pos += itemsize
        return tuple(result)

    def unpack(self, buffer):
        if _buffer_len(buffer) != self.size:
            raise error(f"unpack requires a buffer of {self.size} bytes")
        return self._unpack_at(buffer, 0)

    def unpack_from(self, buffer, offset=0):
        n = _buffer_len(buffer)
        offset = _get_offset(offset, OverflowError,
                             "Python int too large to convert to C ssize_t")
        return self._unpack_at(buffer,
                               _check_offset(offset, self.size, n, "unpack"))

    def iter_unpack(self, buffer):
        if self.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        n = _buffer_len(buffer)
        if n % self.size:
            raise error("iterative unpacking requires a buffer of a multiple "
                        f"of {self.size} bytes")
        return self._iter(buffer, n)

    def _iter(self, buffer, n):
        for offset in range(0, n, self.size):
            yield self._unpack_at(buffer, offset)

# --- Module-level functions, using a cache of compiled formats ---
_cache = {}
_MAXCACHE = 100

def _struct(format):
    if not isinstance(format, (str, bytes)):
        return Struct(format)           # raises the TypeError
    s = _cache.get(format)
    if s is None:
        s = Struct(format)
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[format] = s
    return s

def _clearcache():
    _cache.clear()

def calcsize(format):
    """Return the size of the struct described by format."""
    return _struct(format).size

def pack(format, *args):
    """Return bytes containing args packed according to format."""
    return _struct(format).pack(*args)

def pack_into(format, *args):
    """pack_into(format, buffer, offset, *values): pack into buffer."""
    return _struct(format).pack_into(*args)

def unpack(format, buffer):
    """Unpack a buffer of exactly calcsize(format) bytes into a tuple."""
    return _struct(format).unpack(buffer)

def unpack_from(format, buffer, offset=0):
    """Unpack from buffer starting at offset (the buffer may be longer)."""
    return _struct(format).unpack_from(buffer, offset)

def iter_unpack(format, buffer):
    """Iterate over tuples unpacked from consecutive chunks of buffer."""
    return _struct(format).iter_unpack(buffer)
