# What tools read about the page's streams and interpreter, a class's type hints,
# exceptions' notes in format_exception_only, and a long usage line wrapped.
import argparse
import asyncio
import json
import sys
import traceback
from dataclasses import dataclass
from typing import get_type_hints


print(sys.stdout.encoding, sys.stderr.errors, sys.stdout.mode, sys.stdout.closed, sys.stdout.isatty())
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdout.writable(), sys.stdout.readable())
sys.stdout.writelines(["one\n", "two\n"])
print(sys.implementation.name, sys.implementation.cache_tag, sys.getdefaultencoding(), sys.getfilesystemencoding())


class Job:
    name: str
    retries: int


@dataclass
class TimedJob(Job):
    timeout: float = 1.0


print(get_type_hints(Job), get_type_hints(TimedJob))


class QuotaError(Exception):
    pass


for error in (ValueError("bad"), QuotaError("over"), asyncio.CancelledError(), json.JSONDecodeError("no", "{", 0)):
    error.add_note("while syncing")
    print(traceback.format_exception_only(error))

parser = argparse.ArgumentParser(prog="crawler")
parser.add_argument("urls", nargs="+")
parser.add_argument("-c", "--concurrency", type=int, default=4)
parser.add_argument("--timeout", type=float)
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--mode", choices=["polite", "fast"])
parser.print_usage(sys.stdout)
print(parser.parse_args(["a", "b", "-vv"]))
