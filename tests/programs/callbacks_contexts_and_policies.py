# Callbacks see the context they were scheduled in (or the one given), a task may be
# given a context of its own, the event loop policy of older programs, and the reprs
# of a timeout and of queue errors.
import asyncio
import contextvars
import sys

request = contextvars.ContextVar("request", default="none")


def report(label, fut=None):
    print(label, "sees", request.get())


async def handler(name):
    request.set(name)
    loop = asyncio.get_running_loop()
    loop.call_soon(report, f"call_soon from {name}")
    loop.call_later(0.05, report, f"call_later from {name}")
    done = loop.create_future()
    done.add_done_callback(lambda f: report(f"done-callback from {name}"))
    await asyncio.sleep(0.1)
    done.set_result(None)
    await asyncio.sleep(0)


async def main():
    await asyncio.gather(handler("alpha"), handler("beta"))
    ctx = contextvars.copy_context()
    ctx.run(request.set, "in ctx")
    loop = asyncio.get_running_loop()
    loop.call_soon(report, "given context", context=ctx)
    task = asyncio.create_task(asyncio.sleep(0, "task ran"), context=ctx)
    print(await task, request.get(), ctx[request])
    t = asyncio.timeout(2)
    print(t)
    async with t:
        print(repr(t).split(" when=")[0])
    print(t)
    try:
        asyncio.Queue().get_nowait()
    except asyncio.QueueEmpty as e:
        print(type(e), repr(e))


class Dog:
    @property
    def name(self):
        return "rex"


try:
    del Dog().name
except AttributeError as e:
    print(e)
for wrong in (5, None, Dog):
    try:
        asyncio.run(wrong)
    except ValueError as e:
        print(str(e).split(" at 0x")[0])

policy = asyncio.get_event_loop_policy()
print(policy is asyncio.get_event_loop_policy())
if sys.platform.startswith("win"):
    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())
asyncio.set_event_loop_policy(None)
asyncio.run(main())
