# A thread an executor starts runs at once, until it first blocks, before the code
# that submitted its work goes on (a thread it reuses waits for its turn); asyncio.run
# in a thread runs there, as threading.current_thread() says.
import asyncio
import logging
import threading
import time
from concurrent import futures

logging.basicConfig(level=logging.INFO, format="%(threadName)-26s %(message)s")


def brew(cup):
    logging.info("brewing cup %d", cup)
    time.sleep(0.05 * (cup + 1))
    logging.info("cup %d ready", cup)
    return f"cup {cup}"


pool = futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="barista")
orders = [pool.submit(brew, cup) for cup in range(4)]
logging.info("all %d orders taken", len(orders))
for done in futures.as_completed(orders):
    logging.info("served %s", done.result())
pool.shutdown()


async def where():
    await asyncio.sleep(0.01)
    inner = asyncio.create_task(asyncio.sleep(0, threading.current_thread().name))
    return threading.current_thread().name, await inner


def runs_a_loop():
    logging.info("in its loop: %s", asyncio.run(where()))


helper = threading.Thread(target=runs_a_loop, name="loop-runner")
helper.start()
logging.info("helper started")
helper.join()
logging.info("back on %s", threading.current_thread().name)
