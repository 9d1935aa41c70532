# A service that shuts down on a signal it sends itself, as a demo of graceful
# shutdown does, and names its jobs with UUIDs: from a seeded random, from a
# namespace and a name, and fresh ones (only their shape is printed).
import asyncio
import os
import random
import signal
import uuid

log = []


def on_usr1(number, frame):
    log.append(signal.Signals(number).name)


previous = signal.signal(signal.SIGUSR1, on_usr1)
os.kill(os.getpid(), signal.SIGUSR1)
print("after kill:", log, previous)
signal.signal(signal.SIGUSR1, signal.SIG_IGN)  # (restored to the previous one at the end)
os.kill(os.getpid(), signal.SIGUSR1)
try:
    os.kill(os.getpid(), signal.SIGINT)
except KeyboardInterrupt:
    print("SIGINT raised KeyboardInterrupt")
for pid in [424242, -7]:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError as e:
        print(type(e).__name__, e, e.errno, isinstance(e, OSError))
for errno in [3, 4, 10, 11, 17, 20, 21, 2, 99]:
    e = OSError(errno, "message")
    print(errno, type(e).__name__, e)


async def worker(name, stop):
    done = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        done += 1
    print(f"{name} stopped after {done} rounds")


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def shutdown(sig):
        print(f"received {sig.name}, stopping")
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, shutdown, sig)
    workers = [asyncio.create_task(worker(f"w{i}", stop)) for i in range(2)]
    os.kill(os.getpid(), signal.SIGHUP)
    print("sent SIGHUP; the handler runs once the loop polls")
    await asyncio.sleep(0)
    print("one step later")
    stop.clear()
    await asyncio.sleep(0.12)
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.gather(*workers)
    print(loop.remove_signal_handler(signal.SIGHUP), loop.remove_signal_handler(signal.SIGHUP))


asyncio.run(main())

random.seed(2024)
ids = [uuid.UUID(int=random.getrandbits(128), version=4) for _ in range(3)]
for u in ids:
    print(u, u.version, u.variant, u.time_low, u.clock_seq, u.node)
first = ids[0]
print(repr(first), first.hex, first.int, first.urn)
print(first.bytes, first.bytes_le)
print(uuid.UUID(bytes=first.bytes) == first, uuid.UUID(bytes_le=first.bytes_le) == first)
print(uuid.UUID(fields=first.fields) == first, uuid.UUID(str(first).upper()) == first)
print(sorted(ids) == sorted(ids, key=str), max(ids) > min(ids), len({*ids, ids[0]}))
print(uuid.uuid3(uuid.NAMESPACE_DNS, "example.org"), uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/a"))
print(uuid.uuid5(uuid.NAMESPACE_OID, "1.3.6.1"), uuid.NAMESPACE_X500.variant, int(uuid.UUID(int=10)))
print(uuid.UUID("{12345678-1234-5678-1234-567812345678}").fields, uuid.UUID(int=1 << 127).variant)
fresh = [uuid.uuid4(), uuid.uuid1()]
print([(u.version, u.variant, len(str(u))) for u in fresh], fresh[0] != fresh[1])
try:
    first.x = 1
except TypeError as e:
    print(e)
for bad in [dict(hex="123"), dict(int=1 << 128), dict(fields=(0, 0, 0, 256, 0, 0)), dict(bytes=b"short"), {}]:
    try:
        uuid.UUID(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    uuid.UUID(int=5, version=9)
except ValueError as e:
    print(e)
signal.signal(signal.SIGUSR1, previous)
