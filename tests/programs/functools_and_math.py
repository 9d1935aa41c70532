# functools (partial, reduce, wraps, lru_cache and cache with their statistics, on
# functions and methods, cmp_to_key) and math, with the errors they raise.
import asyncio
import functools
import math
from functools import partial, reduce, wraps, lru_cache, cache

def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r

square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=7)
print(square(5), cube_mod(4), square.func.__name__, square.args, square.keywords)
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 10))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)

def log_calls(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        print(f"calling {f.__name__}{args}")
        return f(*args, **kwargs)
    return wrapper

@log_calls
def add(a, b):
    return a + b

print(add(2, 3), add.__name__, add.__wrapped__.__name__)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(60), fib.cache_info())

@cache
def slow_square(n):
    print("computing", n)
    return n * n

print(slow_square(4), slow_square(4), slow_square.cache_info().hits)

@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x

for x in [1, 2, 1, 3, 2, 1]:
    ident(x)
print(ident.cache_info())
ident.cache_clear()
print(ident.cache_info())

class Circle:
    def __init__(self, r):
        self.r = r
    @lru_cache
    def area(self):
        print("area computed")
        return round(math.pi * self.r ** 2, 3)

c = Circle(2)
print(c.area(), c.area())

def compare_len(a, b):
    return len(a) - len(b)

print(sorted(["ccc", "a", "bb"], key=functools.cmp_to_key(compare_len)))

print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi, math.e, math.inf, math.isclose(0.1 + 0.2, 0.3))
print(math.gcd(12, 18), math.factorial(10), math.comb(5, 2), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.log(100, 10), math.log2(8), math.log10(1000), math.exp(1), math.hypot(3, 4), math.dist((0, 0), (3, 4)))
print(math.sin(0), math.cos(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180), math.fsum([0.1] * 10))
print(math.trunc(-2.5), math.fabs(-3), math.pow(2, 10), math.isnan(math.nan), math.isinf(-math.inf), math.copysign(3, -1))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1), lambda: math.sqrt("x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

async def fetch(url, delay):
    await asyncio.sleep(delay)
    return f"{url}: {delay}"

async def main():
    jobs = [partial(fetch, f"u{i}") for i in range(3)]
    print(await asyncio.gather(*(job(0.1 * (3 - i)) for i, job in enumerate(jobs))))

asyncio.run(main())
