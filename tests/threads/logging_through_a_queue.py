# Logging through a queue, as asyncio programs log without blocking the loop: a
# QueueHandler on the root logger, a QueueListener handling the records on a thread of
# its own (stopped from the coroutine), and a MemoryHandler flushing its buffer to a
# target when it fills or an error comes.
import asyncio
import logging
import logging.handlers
from logging.handlers import QueueHandler, QueueListener, MemoryHandler
from queue import Queue
import sys

async def task(n):
    logging.info(f"task {n} starting")
    await asyncio.sleep(0.1 * n)
    logging.warning(f"task {n} done")

async def main():
    que = Queue()
    log = logging.getLogger()
    log.setLevel(logging.DEBUG)
    log.addHandler(QueueHandler(que))
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    listener = QueueListener(que, handler)
    listener.start()
    logging.info("main starting")
    await asyncio.gather(*(task(i) for i in range(3)))
    logging.info("main done")
    listener.stop()

asyncio.run(main())
target = logging.StreamHandler(sys.stdout)
target.setFormatter(logging.Formatter("buffered: %(message)s"))
mem = MemoryHandler(3, flushLevel=logging.ERROR, target=target)
other = logging.getLogger("mem")
other.propagate = False
other.addHandler(mem)
for i in range(4):
    other.warning("w%d", i)
print("before error", len(mem.buffer))
other.error("boom")
print(len(mem.buffer))
