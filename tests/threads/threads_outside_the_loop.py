# Threads started by the module's code, outside any event loop, as threading and
# concurrent.futures tutorials start them: the main thread joins them, waits for an
# executor's results, hands coroutines to a loop running in a thread of its own, and
# at its end waits for the threads that are not daemons. (Prints are 100 ms apart or
# more, so that real threads print them in one order.)
import asyncio
import atexit
import concurrent.futures
import sys
import threading
import time


def print(*args):
    # (One write for each line: the builtin writes a line and its newline apart, and
    # another thread can write between the two.)
    sys.stdout.write(" ".join(map(str, args)) + "\n")


def worker(name, delay, named=True):
    print(f"{name} starts on {threading.current_thread().name}" if named else f"{name} starts")
    time.sleep(delay)
    print(f"{name} done after {delay} s")
    return name.upper()


first = threading.Thread(target=worker, args=("first", 0.2), name="First")
second = threading.Thread(target=worker, args=("second", 0.4))
first.start()
second.start()
print("both started:", first.is_alive(), second.is_alive())
first.join()
print("first joined; second alive:", second.is_alive())
second.join()
print("second joined:", second.is_alive())

with concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    futures = {pool.submit(worker, f"job{n}", delay): n for n, delay in [(1, 0.5), (2, 0.2), (3, 0.1)]}
    for future in concurrent.futures.as_completed(futures):
        print("completed:", futures[future], future.result())
    # (Which of two idle workers takes the next job is up to the system's scheduler.)
    print(list(pool.map(worker, ["m1", "m2"], [0.1, 0.3], [False, False])))
    done, pending = concurrent.futures.wait([pool.submit(time.sleep, 0.1)], return_when=concurrent.futures.ALL_COMPLETED)
    print(len(done), len(pending))


async def add(a, b):
    await asyncio.sleep(0.1)
    return a + b


def run_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    print("the loop's thread ends")


loop = asyncio.new_event_loop()
runner = threading.Thread(target=run_loop, args=(loop,), name="LoopThread")
runner.start()
print("loop running:", loop.is_running())
future = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
print("sum:", future.result(timeout=5), future.done())
print("concat:", asyncio.run_coroutine_threadsafe(add("a", "b"), loop).result())
loop.call_soon_threadsafe(loop.stop)
runner.join()
print("loop running:", loop.is_running())
loop.close()


def from_a_thread():
    # A thread hands a coroutine to a loop that asyncio.run runs on the main thread.
    future = asyncio.run_coroutine_threadsafe(asyncio.sleep(0.1, result="slept"), main_loop)
    print("the thread got:", future.result(), type(future))
    # Cancelling the thread's future cancels the task on the loop.
    slow = asyncio.run_coroutine_threadsafe(asyncio.sleep(5), main_loop)
    print("cancelled:", slow.cancel(), slow.cancelled(), repr(slow).split(" at ")[0])
    time.sleep(0.1)
    # A thread waits for an executor's future, which another thread sets.
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="inner") as pool:
        print("the thread waited for:", pool.submit(lambda: threading.current_thread().name).result())


def outliving():
    time.sleep(0.3)
    print("the outliving thread ends")


async def main():
    global main_loop
    main_loop = asyncio.get_running_loop()
    await asyncio.to_thread(from_a_thread)
    # The default executor's thread is alive, idle, until the loop shuts it down.
    print("threads alive:", threading.active_count())
    # A Thread of the program's own outlives asyncio.run, which does not wait for it.
    threading.Thread(target=outliving).start()
    print("main done")


atexit.register(print, "atexit: after every thread")
asyncio.run(main())
print("asyncio.run returned")
threading.Thread(target=worker, args=("last", 0.2)).start()
time.sleep(0.1)
print("the module's code ends")
