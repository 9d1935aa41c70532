# The loop driven as older books and the docs' low-level pages drive it: run_forever
# stopped by a callback, run_until_complete of a task, a future and a gather made
# outside the loop, tasks that live on between runs, handles, and the errors a closed
# loop gives.
import asyncio
import sys


def hello(loop, who):
    print("hello", who, loop.is_running())
    loop.stop()


async def ticker(name, n, delay):
    for i in range(n):
        print(name, "tick", i, asyncio.get_running_loop().time())
        await asyncio.sleep(delay)
    return f"{name} done"


async def work(n):
    await asyncio.sleep(0.1 * n)
    return n * n


def state(obj):
    # A lock's repr without its address.
    return repr(obj).split(" [")[-1]


def old_style():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    h = loop.call_soon(hello, loop, "world")
    print(h.cancelled())
    print(loop.call_soon(print, "x" * 40, list(range(10))))
    loop.run_forever()
    print("run_forever returned", loop.is_running())

    background = loop.create_task(ticker("bg", 4, 0.3))
    print(loop.run_until_complete(loop.create_task(work(3))), background.done())
    print("between runs", background.done())
    print(loop.run_until_complete(asyncio.gather(work(1), work(2))))
    fut = loop.create_future()
    timer = loop.call_later(0.25, fut.set_result, "set by a timer")
    print(timer.when() == loop.time() + 0.25)
    print(loop.run_until_complete(fut), timer.cancelled())
    print(loop.run_until_complete(background), background.done())
    never = loop.call_later(5, print, "never printed")
    never.cancel()
    print(never.cancelled())
    skipped = loop.call_soon(print, "skipped")
    skipped.cancel()
    print(skipped)
    task = asyncio.ensure_future(work(1))
    print(loop.run_until_complete(task), len(asyncio.all_tasks(loop)))
    loop.close()
    for attempt in (lambda: loop.run_until_complete(fut), lambda: loop.call_soon(print)):
        try:
            attempt()
        except RuntimeError as e:
            print("closed:", e)
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print("outside:", e)


# (A notebook cell's loop is running already: the old style is for scripts.)
try:
    asyncio.get_running_loop()
except RuntimeError:
    old_style()


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0.1)
        return self.n


async def main():
    me = asyncio.current_task()
    print(me.get_coro().__name__, type(me.get_coro()).__name__)
    lock, event, sem, cond = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2), asyncio.Condition()
    print(state(lock), state(event), state(sem), state(cond))
    async with lock:
        await sem.acquire()
        await sem.acquire()
        event.set()
        print(state(lock), state(event), state(sem))
        sem.release()
        sem.release()
    c = Countdown(2)
    print(await anext(c), await anext(c), await anext(c, "finished"))
    asyncio.get_running_loop().call_later(3, print, "after main: never printed")
    print(asyncio.exceptions.CancelledError is asyncio.CancelledError)
    try:
        try:
            {}["missing"]
        except KeyError:
            raise ValueError("replaced") from None
    except ValueError as e:
        print(e.__suppress_context__, repr(e.__context__), e.__cause__)
    try:
        sys.exit(3)
    except SystemExit as e:
        print("exit code", e.code)
    return "main done"


print(asyncio.run(main()))
try:
    asyncio.run(main)
except ValueError as e:
    print(type(e).__name__, str(e).split(" at ")[0])


async def failing():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(1))
        tg.create_task(asyncio.sleep(0.05, "x"))
        for n in range(2):
            tg.create_task(broken(n))


async def broken(n):
    await asyncio.sleep(0.1 * n)
    if n:
        raise ExceptionGroup("inner", [KeyError(n), TypeError("bad")])
    raise ValueError(f"broken {n}")


asyncio.run(failing())
