# signal: the numbers and handlers a program sets up, as CPython's signal module keeps
# them. A page has no operating system to send signals: a handler is stored, and called
# when the program signals itself (raise_signal(), os.kill(os.getpid(), n)), as none
# arrives in a CPython run that no one interrupts. (A handler's frame argument is None:
# the playground has no frame objects.)

import enum as _enum


class Signals(_enum.IntEnum):
    SIGHUP = 1
    SIGINT = 2
    SIGQUIT = 3
    SIGILL = 4
    SIGTRAP = 5
    SIGABRT = 6
    SIGBUS = 7
    SIGFPE = 8
    SIGKILL = 9
    SIGUSR1 = 10
    SIGSEGV = 11
    SIGUSR2 = 12
    SIGPIPE = 13
    SIGALRM = 14
    SIGTERM = 15
    SIGCHLD = 17
    SIGCONT = 18
    SIGSTOP = 19
    SIGTSTP = 20
    SIGTTIN = 21
    SIGTTOU = 22
    SIGWINCH = 28


class Handlers(_enum.IntEnum):
    SIG_DFL = 0
    SIG_IGN = 1


SIG_DFL = Handlers.SIG_DFL
SIG_IGN = Handlers.SIG_IGN
NSIG = 65
SIGHUP = Signals.SIGHUP
SIGINT = Signals.SIGINT
SIGQUIT = Signals.SIGQUIT
SIGILL = Signals.SIGILL
SIGTRAP = Signals.SIGTRAP
SIGABRT = Signals.SIGABRT
SIGBUS = Signals.SIGBUS
SIGFPE = Signals.SIGFPE
SIGKILL = Signals.SIGKILL
SIGUSR1 = Signals.SIGUSR1
SIGSEGV = Signals.SIGSEGV
SIGUSR2 = Signals.SIGUSR2
SIGPIPE = Signals.SIGPIPE
SIGALRM = Signals.SIGALRM
SIGTERM = Signals.SIGTERM
SIGCHLD = Signals.SIGCHLD
SIGCONT = Signals.SIGCONT
SIGSTOP = Signals.SIGSTOP
SIGTSTP = Signals.SIGTSTP
SIGTTIN = Signals.SIGTTIN
SIGTTOU = Signals.SIGTTOU
SIGWINCH = Signals.SIGWINCH
SIGIOT = Signals.SIGABRT

_NAMES = {
    1: "Hangup",
    2: "Interrupt",
    3: "Quit",
    4: "Illegal instruction",
    5: "Trace/breakpoint trap",
    6: "Aborted",
    7: "Bus error",
    8: "Floating point exception",
    9: "Killed",
    10: "User defined signal 1",
    11: "Segmentation fault",
    12: "User defined signal 2",
    13: "Broken pipe",
    14: "Alarm clock",
    15: "Terminated",
    17: "Child exited",
    18: "Continued",
    19: "Stopped (signal)",
    20: "Stopped",
    21: "Stopped (tty input)",
    22: "Stopped (tty output)",
    28: "Window changed",
}


def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt


_handlers = {}


def _number(signalnum):
    # (A member of Signals is an int by its __index__.)
    if type(signalnum) is int:
        n = signalnum
    elif hasattr(signalnum, "__index__"):
        n = signalnum.__index__()
    else:
        raise TypeError(f"'{type(signalnum).__name__}' object cannot be interpreted as an integer")
    if not 1 <= n < NSIG:
        raise ValueError("signal number out of range")
    return n


def getsignal(signalnum):
    n = _number(signalnum)
    if n in _handlers:
        return _handlers[n]
    return default_int_handler if n == 2 else SIG_DFL


def signal(signalnum, handler):
    n = _number(signalnum)
    if not callable(handler) and handler not in (SIG_DFL, SIG_IGN):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    if n in (9, 19):
        raise OSError(22, "Invalid argument")
    old = getsignal(n)
    _handlers[n] = handler
    return old


def raise_signal(signalnum):
    _deliver(signalnum)


def _deliver(signalnum):
    n = _number(signalnum)
    import asyncio
    # A running loop's handler (loop.add_signal_handler) runs as the loop's next callback.
    if asyncio._deliver_signal(n):
        return
    handler = getsignal(n)
    if handler == SIG_IGN:
        return
    if handler == SIG_DFL:
        if n in (17, 18, 28):
            return
        # (The process would end here, saying nothing.)
        raise SystemExit(128 + n)
    handler(n, None)


def strsignal(signalnum):
    return _NAMES.get(_number(signalnum))


def valid_signals():
    return {Signals(n) if n in Signals._value2member_map_ else n for n in range(1, NSIG) if n not in (32, 33)}


def _no_timers(*args):
    raise RuntimeError("a page has no operating system timers for signals: to wait, await asyncio.sleep")


alarm = setitimer = pause = _no_timers
