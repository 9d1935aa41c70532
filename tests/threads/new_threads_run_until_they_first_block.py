# A thread an executor starts runs at once, until it first blocks, before the code
# that submitted its work goes on (a thread it reuses waits for its turn); asyncio.run
# in a thread runs there, as threading.current_thread() says.
import asyncio
import sys
import threading
import time
from concurrent import futures



def log(message, *args):
    # (One write: print writes the line and its newline apart, and another thread
    # can write between the two.)
    sys.stdout.write(f"{threading.current_thread().name:26} {message % args}\n")


def brew(cup):
    log("brewing cup %d", cup)
    time.sleep(0.2 * (cup + 1))
    log("cup %d ready", cup)
    return f"cup {cup}"


pool = futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="barista")
orders = [pool.submit(brew, cup) for cup in range(4)]
log("all %d orders taken", len(orders))
for done in futures.as_completed(orders):
    log("served %s", done.result())
pool.shutdown()


async def where():
    await asyncio.sleep(0.1)
    inner = asyncio.create_task(asyncio.sleep(0, threading.current_thread().name))
    return threading.current_thread().name, await inner


def runs_a_loop():
    log("in its loop: %s", asyncio.run(where()))


helper = threading.Thread(target=runs_a_loop, name="loop-runner")
helper.start()
log("helper started")
helper.join()
log("back on %s", threading.current_thread().name)
