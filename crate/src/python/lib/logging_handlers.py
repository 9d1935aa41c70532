# logging.handlers: the handlers a page can have. A queue between the code that logs
# and a listener that handles the records on a thread of its own (as asyncio programs
# log without blocking the loop), and buffers flushed to a target. Handlers that write
# files, or reach sockets, syslog or mail servers, are refused: a page has none.

import copy as _copy
import logging
import threading as _threading


class QueueHandler(logging.Handler):
    def __init__(self, queue):
        logging.Handler.__init__(self)
        self.queue = queue

    def enqueue(self, record):
        self.queue.put_nowait(record)

    def prepare(self, record):
        # The message merged with its arguments, on a copy of the record (other
        # handlers see the original); what a queue need not carry is dropped.
        message = self.format(record)
        record = _copy.copy(record)
        record.message = message
        record.msg = message
        record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return record

    def emit(self, record):
        try:
            self.enqueue(self.prepare(record))
        except Exception:
            self.handleError(record)


class QueueListener:
    _sentinel = None

    def __init__(self, queue, *handlers, respect_handler_level=False):
        self.queue = queue
        self.handlers = handlers
        self._thread = None
        self.respect_handler_level = respect_handler_level

    def dequeue(self, block):
        return self.queue.get(block)

    def start(self):
        self._thread = _threading.Thread(target=self._monitor, daemon=True)
        self._thread.start()

    def prepare(self, record):
        return record

    def handle(self, record):
        record = self.prepare(record)
        for handler in self.handlers:
            if not self.respect_handler_level or record.levelno >= handler.level:
                handler.handle(record)

    def _monitor(self):
        has_task_done = hasattr(self.queue, "task_done")
        while True:
            record = self.dequeue(True)
            if record is self._sentinel:
                if has_task_done:
                    self.queue.task_done()
                break
            self.handle(record)
            if has_task_done:
                self.queue.task_done()

    def enqueue_sentinel(self):
        self.queue.put_nowait(self._sentinel)

    def stop(self):
        if self._thread is None:
            return
        self.enqueue_sentinel()
        try:
            self._thread.join()
        except RuntimeError:
            # Stopped from a coroutine, where the playground's threads cannot be
            # waited for: the records still queued are handled here, in order.
            while True:
                record = self.queue.get_nowait()
                if record is self._sentinel:
                    break
                self.handle(record)
            self.enqueue_sentinel()
        self._thread = None


class BufferingHandler(logging.Handler):
    def __init__(self, capacity):
        logging.Handler.__init__(self)
        self.capacity = capacity
        self.buffer = []

    def shouldFlush(self, record):
        return len(self.buffer) >= self.capacity

    def emit(self, record):
        self.buffer.append(record)
        if self.shouldFlush(record):
            self.flush()

    def flush(self):
        self.buffer.clear()

    def close(self):
        try:
            self.flush()
        finally:
            logging.Handler.close(self)


class MemoryHandler(BufferingHandler):
    def __init__(self, capacity, flushLevel=logging.ERROR, target=None, flushOnClose=True):
        BufferingHandler.__init__(self, capacity)
        self.flushLevel = flushLevel
        self.target = target
        self.flushOnClose = flushOnClose

    def shouldFlush(self, record):
        return len(self.buffer) >= self.capacity or record.levelno >= self.flushLevel

    def setTarget(self, target):
        self.target = target

    def flush(self):
        # The records go to the target, if there is one (the buffer waits otherwise).
        if self.target:
            for record in self.buffer:
                self.target.handle(record)
            self.buffer.clear()

    def close(self):
        try:
            if self.flushOnClose:
                self.flush()
        finally:
            self.target = None
            BufferingHandler.close(self)


def _refused(name, what):
    def handler(*args, **kwargs):
        raise RuntimeError(
            f"logging.handlers.{name} {what}, which a page cannot: log to a StreamHandler (the page's "
            "standard error), or keep the records in a MemoryHandler or a QueueHandler"
        )

    handler.__name__ = name
    return handler


RotatingFileHandler = _refused("RotatingFileHandler", "writes files")
TimedRotatingFileHandler = _refused("TimedRotatingFileHandler", "writes files")
WatchedFileHandler = _refused("WatchedFileHandler", "writes files")
SocketHandler = _refused("SocketHandler", "opens a network connection")
DatagramHandler = _refused("DatagramHandler", "opens a network connection")
SysLogHandler = _refused("SysLogHandler", "talks to the system's log")
SMTPHandler = _refused("SMTPHandler", "sends mail")
HTTPHandler = _refused("HTTPHandler", "opens a network connection")
