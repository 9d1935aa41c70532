# The loop's exception handler: a callback that raises and a task that failed with
# nobody asking are reported to the handler the program set (with their context), the
# default one comes back with None, call_exception_handler reports a context of the
# program's own, and debug mode is a flag the loop keeps.
import asyncio

reports = []


def handler(loop, context):
    exception = context.get("exception")
    keys = sorted(k for k in context if k != "exception")
    reports.append(context["message"])
    print(f"handled at {loop.time():.2f}: {context['message']!r} {exception!r} {keys}")


def tick(name, fail):
    print("tick", name)
    if fail:
        raise LookupError(f"tick {name} failed")


async def doomed(delay):
    await asyncio.sleep(delay)
    raise ValueError(f"doomed after {delay}")


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler(), loop.get_debug())
    loop.set_exception_handler(handler)
    loop.set_debug(True)
    print(loop.get_exception_handler() is handler, loop.get_debug())
    # (In debug mode, CPython's contexts carry where each callback was made.)
    loop.set_debug(False)
    loop.call_soon(tick, "soon", True)
    loop.call_later(0.1, tick, "later", True)
    loop.call_later(0.15, tick, "fine", False)
    forgotten = asyncio.create_task(doomed(0.2))
    await asyncio.sleep(0.3)
    print("forgotten task done:", forgotten.done())
    loop.call_exception_handler({"message": "a report of our own", "detail": 42})
    try:
        loop.set_exception_handler("not callable")
    except TypeError as e:
        print(e)
    return len(reports)


print("main returned", asyncio.run(main()))


async def again():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    asyncio.create_task(doomed(0.1))
    await asyncio.sleep(0.2)
    print("second run ends")


asyncio.run(again())
print(reports)
