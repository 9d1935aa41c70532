# When one call fails, gather lets the others run on; a TaskGroup cancels them and
# raises an ExceptionGroup.
import asyncio

async def ok(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} was cancelled")
        raise

async def fails(delay):
    await asyncio.sleep(delay)
    raise ValueError('boom')

async def main():
    try:
        await asyncio.gather(ok('g1', 0.2), fails(0.1))
    except ValueError as e:
        print('gather raised', repr(e))
    await asyncio.sleep(0.2)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok('t1', 0.2))
            tg.create_task(fails(0.1))
    except* ValueError as group:
        print('TaskGroup raised', repr(group.exceptions[0]))

asyncio.run(main())
