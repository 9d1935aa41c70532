# Python 3.14's call graph: a task prints who awaits it, through two levels of
# TaskGroups, and the outer task's graph is captured and walked as data.
import asyncio


async def brew(kind, seconds):
    await asyncio.sleep(seconds)
    if kind == "tea":
        asyncio.print_call_graph()
    return kind


async def kitchen(order):
    async with asyncio.TaskGroup() as tg:
        for kind, seconds in order:
            tg.create_task(brew(kind, seconds), name=kind)
    return len(order)


async def watch(task):
    await asyncio.sleep(0.05)
    graph = asyncio.capture_call_graph(task)
    print(type(graph).__name__, graph.future.get_name())
    for entry in graph.call_stack:
        code = entry.frame.f_code
        print("  frame", code.co_qualname, code.co_name, entry.frame.f_lineno, entry.frame.f_generator is not None)
    print("  awaited by", [g.future.get_name() for g in graph.awaited_by])
    print(asyncio.format_call_graph(task))


async def main():
    async with asyncio.TaskGroup() as tg:
        morning = tg.create_task(kitchen([("coffee", 0.2), ("tea", 0.1)]), name="morning")
        tg.create_task(kitchen([("juice", 0.3)]), name="noon")
        tg.create_task(watch(morning))
    print("done", morning.result())


asyncio.run(main())
