# The part of time written in Python: the clocks in nanoseconds, over the loop's clock
# the Rust part reads.

from time import time, perf_counter, monotonic


def time_ns():
    return int(time() * 1000000000)


def perf_counter_ns():
    return int(perf_counter() * 1000000000)


def monotonic_ns():
    return int(monotonic() * 1000000000)


def process_time():
    return perf_counter()
