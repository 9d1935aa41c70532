# A read-modify-write that awaits in the middle loses updates; a Lock makes it whole.
import asyncio

counter = 0

async def add_one(lock):
    global counter
    if lock is None:
        value = counter
        await asyncio.sleep(0.01)
        counter = value + 1
    else:
        async with lock:
            value = counter
            await asyncio.sleep(0.01)
            counter = value + 1

async def main():
    global counter
    await asyncio.gather(*(add_one(None) for _ in range(5)))
    print('without a lock:', counter)
    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(*(add_one(lock) for _ in range(5)))
    print('with a lock:', counter)

asyncio.run(main())
