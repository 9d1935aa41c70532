# Bytes, os, argparse and io, as programs pasted from tutorials use them: options
# with defaults, job ids from random bytes, a report written to memory.
import argparse
import asyncio
import io
import os
import os.path
import sys

parser = argparse.ArgumentParser(prog="jobs", description="Run a few jobs through a queue and report on them.")
parser.add_argument("-w", "--workers", type=int, default=2, help="how many workers take jobs")
parser.add_argument("-n", "--jobs", type=int, default=4, help="how many jobs to make")
parser.add_argument("--verbose", "-v", action="store_true")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("names", nargs="*", help="names for the jobs")
options = parser.parse_args([])
print(options)
print(parser.parse_args(["-w", "3", "--jobs=5", "-v", "a", "b"]))
print(parser.parse_args(["-w3", "--mode", "slow"]).workers)
parser.print_help()
for wrong in (["-w", "many"], ["--mode", "medium"], ["--colour"]):
    try:
        parser.parse_args(wrong)
    except SystemExit as e:
        print("exit", e.code)

counts = argparse.ArgumentParser(prog="count")
counts.add_argument("name")
counts.add_argument("times", type=int, nargs="?", default=1)
counts.add_argument("-q", action="count", default=0)
counts.add_argument("--tag", action="append")
print(counts.parse_args(["bob", "-qq", "--tag", "x", "--tag", "y"]), vars(counts.parse_args(["al", "3"])))

raw = b"job:\x00\xff'"
print(raw, len(raw), raw[0], raw[1:3], list(raw[:2]), b"ob" in raw, 255 in raw)
print(b'say "hi"', b"it's", b"\t\\", rb"\n", b"a" b"b")
print("caf\u00e9".encode(), "caf\u00e9".encode().decode(), b"\xde\xad".hex(), bytes.fromhex("de ad be ef"))
print(b"a,b,,c".split(b","), b"  pad ".strip(), b"Mixed".upper(), b"-".join([b"x", b"y"]), b"abcdef".hex(":", 2))
print(bytes(3), bytes([72, 105]), bytes("ok", "ascii"), b"ab" + b"cd", b"ab" * 2, b"ab" < b"b", {b"k": 1}[b"k"])
print(type(raw).__name__, isinstance(raw, bytes), str(b"s"), f"{b'f'}", b"\xe9".isalpha(), b"\xe9".upper())
for bad in (lambda: b"\xff".decode(), lambda: "\u00e9".encode("ascii"), lambda: b"a" + "b", lambda: bytes([256])):
    try:
        bad()
    except (UnicodeError, TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(os.path.join("data", "runs", "a.txt"), os.path.splitext("logs/run.tar.gz"), os.path.basename("/x/y.py"))
print(os.path.dirname("/x/y.py"), os.path.normpath("a//b/../c/."), os.sep, os.getenv("PLAYGROUND_NOT_SET", "unset"))
print(sys.version_info.major, sys.version_info[:1], sys.version_info >= (3, 8), (3, 99) <= sys.version_info)


async def worker(name, queue, report):
    while True:
        job = await queue.get()
        await asyncio.sleep(0.1)
        print(f"{name} did a job of {len(job)} hex digits", file=report)
        queue.task_done()


async def main():
    loop = asyncio.get_running_loop()
    handle = loop.call_later(0.05, print, "a timer fired")
    print(isinstance(handle, asyncio.TimerHandle), isinstance(handle, asyncio.Handle),
          isinstance(loop, asyncio.AbstractEventLoop))
    sleeper = asyncio.create_task(asyncio.sleep(0.01, result="rested"))
    print(sleeper.get_coro().__name__, await sleeper)
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print(e)
    report = io.StringIO()
    queue = asyncio.Queue()
    for _ in range(options.jobs):
        queue.put_nowait(os.urandom(4).hex())
    workers = [asyncio.create_task(worker(f"w{i}", queue, report)) for i in range(options.workers)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    report.seek(0)
    print(sorted(report.readlines()), report.tell() == len(report.getvalue()))


asyncio.run(main())
