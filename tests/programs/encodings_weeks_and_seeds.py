# Messages passed between tasks as Base64 and hex text, with a checksum; weeks of the
# year for a schedule; a generator seeded with bytes; tokens whose length is known.
import asyncio
import base64
import binascii
import gc
import random
import secrets
from datetime import date, datetime


class Envelope:
    pass


class Signed(Envelope):
    pass


async def sender(queue, words):
    for word in words:
        raw = word.encode()
        await queue.put((base64.b64encode(raw), binascii.crc32(raw)))
        await asyncio.sleep(0.1)
    await queue.put(None)


async def receiver(queue):
    while (item := await queue.get()) is not None:
        text, check = item
        raw = base64.b64decode(text)
        ok = binascii.crc32(raw) == check
        print(text, raw.decode(), ok, base64.b32encode(raw), binascii.hexlify(raw, ":"))


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(sender(queue, ["tea", "süß", "", "a longer message"]), receiver(queue))
    print(base64.urlsafe_b64encode(bytes([250, 251, 252, 253, 254, 255])), base64.b16decode(b"CAFE"))
    for broken in ["abcde", "ab=c", b"\xff"]:
        try:
            base64.b64decode(broken)
        except (binascii.Error, ValueError) as e:
            print(type(e).__module__, type(e).__name__, e)
    for day in [date(2024, 1, 1), date(2023, 1, 1), date(2021, 12, 31), datetime(2026, 3, 8, 9, 5)]:
        print(day.strftime("week %U/%W, day %j, %e %b, %C"), day.ctime())
    random.seed(b"shared seed")
    print(random.random(), random.randint(1, 100))
    print(len(secrets.token_hex(8)), len(secrets.token_bytes(5)), secrets.randbelow(1) == 0)
    print(gc.collect() >= 0, gc.isenabled(), Signed.__base__.__name__, Envelope.__base__)


asyncio.run(main())
