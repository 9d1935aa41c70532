# string's constants, and contextlib's suppress and nullcontext, in code and in a
# coroutine.
import asyncio
import contextlib
import string
from contextlib import suppress, nullcontext

print(string.ascii_letters, string.digits, len(string.punctuation), repr(string.whitespace))
print(string.hexdigits, string.octdigits, string.ascii_uppercase[:5], len(string.printable))

with suppress(KeyError):
    {}["missing"]
print("suppressed a KeyError")
with contextlib.suppress(ValueError, TypeError):
    int("x")
print("suppressed a ValueError")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("not suppressed:", e)
with nullcontext(42) as x:
    print("nullcontext gave", x)
with nullcontext():
    print("nothing to manage")


class Missing(Exception):
    pass


async def main():
    for i in range(3):
        with suppress(Missing):
            await asyncio.sleep(0.1)
            if i == 1:
                raise Missing()
            print("step", i)
    print("done")

asyncio.run(main())

# translate with maketrans's three forms.
table = str.maketrans("aeiou", "AEIOU", "-")
print("co-routines await-events".translate(table), "tab\tbed".translate({9: " | ", ord("b"): None}))
print("swap".translate(str.maketrans({"s": "S", "w": "vv", "p": None})), sorted(str.maketrans("ab", "cd").items()))
