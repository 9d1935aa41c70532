# A TaskGroup waits for every task created in it before the async with block ends.
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"fetched {name}")
    return name.upper()

async def main():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(fetch('a', 0.2))
        second = tg.create_task(fetch('b', 0.1))
        print('both tasks created')
    print('group done:', first.result(), second.result())

asyncio.run(main())
