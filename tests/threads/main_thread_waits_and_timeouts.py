# The main thread, outside any event loop, polling and waiting while threads work:
# time.sleep while a thread is alive, a condition and a queue's join on the main
# thread, concurrent.futures' timeouts (result, wait, as_completed, map), futures the
# program sets itself, and work cancelled before a thread takes it. (Prints are 100 ms
# apart or more, so that real threads print them in one order.)
import concurrent.futures as cf
import queue
import threading
import time


def slow(seconds, label):
    time.sleep(seconds)
    return label


t = threading.Thread(target=slow, args=(0.35, "poll"))
t.start()
polls = 0
while t.is_alive():
    time.sleep(0.1)
    polls += 1
print("thread done after", polls, "polls")

ready = []
cond = threading.Condition()


def producer():
    time.sleep(0.2)
    with cond:
        ready.append("data")
        cond.notify()


threading.Thread(target=producer).start()
with cond:
    cond.wait_for(lambda: ready)
print("main woke with", ready)

jobs = queue.Queue()


def consumer():
    while True:
        item = jobs.get()
        time.sleep(0.1)
        print("handled", item)
        jobs.task_done()


threading.Thread(target=consumer, daemon=True).start()
for n in range(3):
    jobs.put(n)
jobs.join()
print("queue drained")

with cf.ThreadPoolExecutor(max_workers=2) as pool:
    a = pool.submit(slow, 0.5, "a")
    b = pool.submit(slow, 0.2, "b")
    queued = pool.submit(slow, 0.1, "never")
    print("cancel queued:", queued.cancel(), queued.cancelled(), "cancel running:", a.cancel())
    try:
        a.result(timeout=0.1)
    except TimeoutError:
        print("a not ready after 0.1 s")
    done, not_done = cf.wait([a, b], timeout=0.3)
    print("after 0.3 s:", sorted(f.result() for f in done), len(not_done))
    try:
        for f in cf.as_completed([a], timeout=0.05):
            print("as_completed gave", f.result())
    except TimeoutError as e:
        print("as_completed:", e)
    print("a:", a.result())
    try:
        print(list(pool.map(slow, [0.1, 0.6], ["m1", "m2"], timeout=0.3)))
    except TimeoutError:
        print("map timed out")

mine = cf.Future()
print(mine.done(), mine.running(), mine.set_running_or_notify_cancel(), mine.running())
mine.set_result(42)
print(mine.result(), mine.done())
try:
    mine.set_result(43)
except cf.InvalidStateError:
    print("already set")
other = cf.Future()
print(other.cancel(), other.cancelled(), other.done())
failing = cf.Future()
failing.set_exception(ValueError("bad"))
print(repr(failing.exception()))

slowpoke = threading.Thread(target=slow, args=(0.5, "late"))
slowpoke.start()
slowpoke.join(timeout=0.2)
print("after join(timeout=0.2):", slowpoke.is_alive())
slowpoke.join()
print("after join():", slowpoke.is_alive())
