# Python 3.14's call graph from a plain function, cut by depth and limit, printed
# to a file, captured outside the loop, and its errors.
import asyncio
import io


def where(depth=1, limit=None):
    return asyncio.format_call_graph(depth=depth, limit=limit)


def squares(n):
    for i in range(n):
        if i == 1:
            print(asyncio.format_call_graph())
        yield i * i


async def inner(q):
    print(where())
    print(where(depth=2))
    print(where(limit=1))
    print(where(limit=-1))
    print(where(limit=0))
    buffer = io.StringIO()
    asyncio.print_call_graph(file=buffer, limit=2)
    print(buffer.getvalue().count("\n"), "lines")
    squared = []
    for n in squares(3):
        squared.append(n)
    print(squared)
    return await q.get()


async def outer(q):
    return await inner(q)


async def main():
    q = asyncio.Queue()
    task = asyncio.create_task(outer(q), name="outer")
    await asyncio.sleep(0)
    print(asyncio.format_call_graph(task))
    await q.put("item")
    print(await task)
    try:
        asyncio.capture_call_graph(42)
    except TypeError as e:
        print("TypeError:", e)
    return task


done = asyncio.run(main())
print(asyncio.capture_call_graph(done).call_stack)
try:
    asyncio.capture_call_graph()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    # (CPython 3.14's graph of a task done holds its finished coroutine's frame, None,
    # which formatting it cannot take.)
    asyncio.format_call_graph(done)
except AttributeError as e:
    print("AttributeError:", e)
