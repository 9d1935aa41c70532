# In debug mode a task remembers where it was made, and its repr says so: the
# program's line for loop.create_task, asyncio's own lines for create_task,
# ensure_future, gather, TaskGroup and asyncio.run.
import asyncio
import contextvars


async def job(n):
    await asyncio.sleep(0.01 * n)
    return n * 10


def make_on(loop, n):
    return loop.create_task(job(n))


async def main():
    loop = asyncio.get_running_loop()
    print("debug:", loop.get_debug())
    print(asyncio.current_task())
    made = [
        asyncio.create_task(job(1)),
        asyncio.create_task(job(2), context=contextvars.copy_context()),
        loop.create_task(job(3)),
        make_on(loop, 4),
        asyncio.ensure_future(job(5)),
    ]
    await asyncio.gather(*made)
    for task in made:
        print(task)
    gathered = asyncio.gather(job(6))
    await gathered
    async with asyncio.TaskGroup() as group:
        grouped = group.create_task(job(7))
        in_context = group.create_task(job(8), context=contextvars.copy_context())
    print(grouped)
    print(in_context)
    try:
        asyncio.create_task("not a coroutine")
    except TypeError as e:
        print("TypeError:", e)
    later = loop.create_task(job(0))
    await later
    print(later)


asyncio.run(main(), debug=True)
asyncio.run(main())
