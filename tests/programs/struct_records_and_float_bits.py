# Binary records with struct: headers packed in each byte order, length-prefixed
# frames split from a stream of bytes, floats to their bits and back, and the errors
# a wrong value or a short buffer gives; then math's frexp, ldexp, nextafter and ulp.
import math
import random
import struct

HEADER = struct.Struct("!HHI")
print(type(HEADER).__name__, HEADER.format, HEADER.size)


def frame(kind, seq, payload):
    return HEADER.pack(kind, seq, len(payload)) + payload


stream = b"".join(frame(k, i, f"msg-{i}".encode() * k) for i, k in enumerate([1, 2, 0, 3]))
offset = 0
while offset < len(stream):
    kind, seq, size = HEADER.unpack_from(stream, offset)
    offset += HEADER.size
    print(kind, seq, size, stream[offset:offset + size])
    offset += size

for order in "@=<>!":
    fmt = order + "bhiqBHIQ?f d e 3s"
    values = (-5, -300, -70000, -(2 ** 40), 200, 60000, 4000000000, 2 ** 63, True, 0.1, 2.5, 0.333, b"abc")
    packed = struct.pack(fmt, *values)
    print(order, struct.calcsize(fmt), packed.hex(), struct.unpack(fmt, packed))

rng = random.Random(2024)
codes = "bBhHiIlLqQ"
mismatches = 0
for _ in range(300):
    code = rng.choice(codes)
    order = rng.choice("<>!=@")
    size = struct.calcsize(order + code)
    signed = code.islower()
    low, high = (-(2 ** (8 * size - 1)), 2 ** (8 * size - 1) - 1) if signed else (0, 2 ** (8 * size) - 1)
    n = rng.randint(low, high)
    data = struct.pack(order + code, n)
    if struct.unpack(order + code, data) != (n,) or len(data) != size:
        mismatches += 1
print("integers round-tripped, mismatches:", mismatches)

for x in [0.0, -0.0, 1.0, -2.5, 1e-310, 3.4028235e38, 65504.0, 1 / 3, math.inf, -math.inf]:
    print(x, struct.pack("<d", x).hex(), struct.pack(">f", x).hex(), end=" ")
    try:
        print(struct.pack("<e", x).hex(), struct.unpack("<e", struct.pack("<e", x))[0])
    except OverflowError as e:
        print("OverflowError:", e)

for bad in [("h", 40000), ("B", -1), ("i", 1.5), ("c", b"ab"), ("3s", "abc")]:
    try:
        struct.pack(*bad)
    except (struct.error, TypeError) as e:
        print(bad, type(e).__name__, e)
try:
    struct.unpack("<Q", b"short")
except struct.error as e:
    print("short:", e)
try:
    struct.calcsize("<Z")
except struct.error as e:
    print("bad format:", e)
print(list(struct.iter_unpack("<hB", bytes(range(9)))))

for x in [0.1, 1e300, 5e-324, 123.456, -7.0]:
    m, e = math.frexp(x)
    print(x, m, e, math.ldexp(m, e) == x, math.ulp(x), math.nextafter(x, 0.0))
print(math.ldexp(1.0, 1023), math.ldexp(1.0, -1074), math.ldexp(1.0, -1075))
try:
    math.ldexp(1.0, 1024)
except OverflowError as e:
    print("OverflowError:", e)
