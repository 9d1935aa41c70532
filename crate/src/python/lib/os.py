# os, as a page has it: no files, processes or signals, so what needs them raises
# OSError saying so; the names programs read (environ, getpid, cpu_count, urandom,
# sep) are here. The page's one "process" runs one thread, in the folder "/".

import random as _random

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
devnull = "/dev/null"
environ = {}
_generator = None


def getenv(key, default=None):
    return environ.get(key, default)


def getpid():
    return 1


def getppid():
    return 0


def cpu_count():
    return 1


def getcwd():
    return "/"


def urandom(size):
    # (Drawn from a generator of the page's own, seeded as unseeded random is.)
    global _generator
    if size < 0:
        raise ValueError("negative argument not allowed")
    if _generator is None:
        _generator = _random.Random()
    return bytes(_generator.getrandbits(8) for _ in range(size))


def _cannot(what):
    def refuse(*args, **kwargs):
        raise OSError(f"os.{what}: a page has no files, processes or signals (to stand for slow I/O, await asyncio.sleep)")
    refuse.__name__ = what
    return refuse


listdir = _cannot("listdir")
scandir = _cannot("scandir")
walk = _cannot("walk")
stat = _cannot("stat")
mkdir = _cannot("mkdir")
makedirs = _cannot("makedirs")
remove = _cannot("remove")
unlink = _cannot("unlink")
rmdir = _cannot("rmdir")
rename = _cannot("rename")
replace = _cannot("replace")
chdir = _cannot("chdir")
system = _cannot("system")


def kill(pid, signalnum):
    # A program may signal itself (its one process): the signal arrives as CPython's
    # does, to the loop's handler or signal's. There is no other process to signal.
    if pid != getpid() and pid != 0:
        raise ProcessLookupError(3, "No such process")
    import signal
    signal._deliver(signalnum)

fork = _cannot("fork")
