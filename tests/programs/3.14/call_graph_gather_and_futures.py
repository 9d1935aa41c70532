# Python 3.14's call graph for gather, shield, wait and a future awaited by hand:
# who awaits what, while they wait.
import asyncio


async def step(name, delay):
    await asyncio.sleep(delay)
    return name


async def reporter(targets):
    await asyncio.sleep(0.05)
    for target in targets:
        print(asyncio.format_call_graph(target))
        print("--")


async def waits_on(fut):
    return await fut


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    a = asyncio.create_task(step("a", 0.1), name="a")
    b = asyncio.create_task(step("b", 0.2), name="b")
    holder = asyncio.create_task(waits_on(fut), name="holder")
    shielded = asyncio.create_task(step("s", 0.1), name="shielded")
    guard = asyncio.create_task(asyncio.wait_for(asyncio.shield(shielded), 1), name="guard")
    spy = asyncio.create_task(reporter([a, b, fut, shielded, holder]), name="spy")
    print(await asyncio.gather(a, b))
    fut.set_result("ok")
    print(await holder, await guard)
    await spy
    c = asyncio.create_task(step("c", 0.1), name="c")
    d = asyncio.create_task(step("d", 0.3), name="d")
    done, pending = await asyncio.wait([c, d], return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.get_name() for t in done), asyncio.format_call_graph(d))
    await d
    print(asyncio.capture_call_graph(d).call_stack)


asyncio.run(main())
