# A task's stack while it waits and once it is done, and the repr of tasks made of
# asyncio.sleep itself.
import asyncio
import sys


async def poll(name, every):
    for _ in range(3):
        await asyncio.sleep(every)
    return name


async def main():
    pollers = [asyncio.create_task(poll(f"p{i}", 0.1 * (i + 1)), name=f"poller-{i}") for i in range(2)]
    nap = asyncio.create_task(asyncio.sleep(0.05, "rested"))
    blink = asyncio.create_task(asyncio.sleep(0))
    await asyncio.sleep(0)
    for task in (*pollers, nap, blink):
        stack = task.get_stack()
        print(task.get_name(), len(stack), [(f.f_code.co_name, f.f_lineno) for f in stack])
        task.print_stack(file=sys.stdout)
    print(nap)
    print(await nap, nap)
    print(len(nap.get_stack(limit=0)), pollers[0].get_stack(limit=0))
    nap.print_stack(file=sys.stdout)
    print(await asyncio.gather(*pollers))
    pollers[1].print_stack(file=sys.stdout)


asyncio.run(main())
