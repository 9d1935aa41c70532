# The interpreter described by sys (records, sizes, limits), a protocol and a
# transport of the program's own driven by hand, gather's future as a future, and
# divisions rounded once: ints beyond 2**53, harmonic means, a Decimal as a fraction.
import asyncio
import random
import statistics
import sys
from decimal import Decimal
from fractions import Fraction

print(sys.byteorder, sys.maxunicode, hex(sys.hexversion), sys.api_version)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info[2])
print(sys.int_info, len(sys.int_info), sys.flags.optimize, sys.flags.dev_mode)
limit = sys.getrecursionlimit()
sys.setrecursionlimit(limit + 500)
print(limit >= 1000, sys.getrecursionlimit() - limit, sys.intern("key") == "key")
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
for thing in [None, 0, 7, 2 ** 40, -(2 ** 70), 3.5, "", "abc", "é", "€uro", b"xyz", (), (1, 2, 3), [], range(9), {}]:
    print(type(thing).__name__, sys.getsizeof(thing))
print([sys.getsizeof([i for i in range(n)]) for n in (1, 4, 5, 9, 17, 100, 1000)])
print(sys.getsizeof({"a": 1, "b": 2}), sys.getsizeof({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}))
print(sys.getsizeof(n * n for n in range(10)) < sys.getsizeof([n * n for n in range(10)]))


class LineProtocol(asyncio.Protocol):
    def __init__(self):
        self.buffer = b""
        self.lines = []

    def connection_made(self, transport):
        self.transport = transport
        print("from", transport.get_extra_info("peername"), transport.get_extra_info("missing", "-"))

    def data_received(self, data):
        self.buffer += data
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            self.lines.append(line.decode())
            self.transport.write(line.upper() + b"\n")

    def eof_received(self):
        print("eof with", self.buffer)
        return False


class MemoryTransport(asyncio.Transport):
    def __init__(self, peer):
        super().__init__({"peername": peer})
        self.out = []
        self.closing = False

    def write(self, data):
        self.out.append(data)

    def is_closing(self):
        return self.closing

    def close(self):
        self.closing = True


proto, transport = LineProtocol(), MemoryTransport(("10.0.0.2", 4242))
proto.connection_made(transport)
for chunk in [b"hel", b"lo\nwor", b"ld\npartial"]:
    proto.data_received(chunk)
print(proto.eof_received(), proto.lines, transport.out)
transport.writelines([b"a", b"b"])
transport.close()
print(transport.out[-1], transport.is_closing(), isinstance(transport, asyncio.WriteTransport))
print([c.__name__ for c in MemoryTransport.__mro__], asyncio.BaseProtocol.__module__)
try:
    asyncio.DatagramTransport().sendto(b"x")
except NotImplementedError:
    print("a datagram transport sends nothing by itself")


async def main():
    both = asyncio.gather(asyncio.sleep(0.1, result="slow"), asyncio.sleep(0, result="fast"))
    print(both, isinstance(both, asyncio.Future), asyncio.isfuture(both))
    print(await both, both)
    doomed = asyncio.gather(asyncio.sleep(5))
    doomed.cancel()
    try:
        await doomed
    except asyncio.CancelledError:
        print(doomed, doomed.cancelled())
    await asyncio.sleep(Fraction(1, 8))
    print("slept an eighth of a second", asyncio.get_running_loop().time() > 0)


asyncio.run(main())

rng = random.Random(11)
pairs = [(rng.getrandbits(rng.randint(50, 130)) + 1, rng.getrandbits(rng.randint(50, 130)) + 1) for _ in range(8)]
print([a / b for a, b in pairs])
print(2 ** 62 / 3, (2 ** 62 + 1) / 7, -(10 ** 17 + 3) / 9, 123456789012345678 / 10)
print(statistics.harmonic_mean([40, 60]), statistics.harmonic_mean([2.5, 3, 10]), statistics.harmonic_mean([7.25]))
print(statistics.harmonic_mean([40, 60], weights=[5, 30]))
print(Fraction(Decimal("1.1")), Fraction(Decimal("-0.125")), Fraction(Decimal("3")) + 1)
