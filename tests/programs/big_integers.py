# Integers past 64 bits, as learners' programs reach them: factorials and Fibonacci
# numbers computed by tasks, a sum of squares, a hash of a big number, and the formats,
# conversions and errors they pass through.
import asyncio
import math
import random


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: Compute factorial({number}), currently i={i}...") if i % 10 == 0 else None
        await asyncio.sleep(0.01)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")
    return f


def squares(n):
    return sum(i * i * 10**12 for i in range(n))


async def main():
    results = await asyncio.gather(factorial("A", 22), factorial("B", 25), factorial("C", 12))
    print(results, [r.bit_length() for r in results], math.factorial(25) == results[1])
    total = squares(3000)
    print(total, type(total).__name__, f"{total:,}", f"{total:.3e}", total // 10**15, total % 97)
    print(fib(90), fib(93), fib(100), fib(150) % 1_000_000_007, [fib(n) > 2**63 for n in (92, 93)])


asyncio.run(main())

big = 2**64
print(big, big - 1, -big, big * big, big // 3, big % 1000, big / 3, big ** 0.5, big >> 10, big << 10)
print(hex(big), bin(big)[:12], oct(big), f"{big:_x}", "%d|%x|%10.3f" % (big, big, big), str(-big)[:6], repr(10**25))
print(big == 18446744073709551616, big > 1e19, big < 1.9e19, big == float(big), hash(big), hash(-big), hash(2**61 - 1))
print(int("123456789" * 3), int("-" + "7" * 22, 8), int(2.5e21), float(10**22), round(10**22 + 5, -1), divmod(-big, 7))
print(pow(3, 200, 10**9 + 7), pow(big, 3), math.isqrt(big * big + 1), math.gcd(big, 6**30), math.comb(90, 45), math.log2(big))
counts = {2**70: "a", 2**70 + 1: "b", 5: "c"}
print(counts[2**70], 2**70 + 1 in counts, sorted([10**20, -(10**21), 3, 2**65]), max(2**100, 3**60), sum([2**62] * 6))
print((2**70).to_bytes(9, "big"), int.from_bytes(b"\x01" + bytes(9), "big"), (-(2**70)).to_bytes(10, "little", signed=True))
for fail in [lambda: float(2**1100), lambda: 2**1100 / 3, lambda: "text"[2**80], lambda: (2**70).to_bytes(4, "big")]:
    try:
        fail()
    except (OverflowError, IndexError) as e:
        print(type(e).__name__, e)
print(math.factorial(1000) // math.factorial(998), len(str(2**10000)))
random.seed(7)
print(random.getrandbits(100), random.Random(42).getrandbits(128), hex(random.getrandbits(70)), random.getrandbits(64) > 0)
