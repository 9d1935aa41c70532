# An Event releases every task waiting on it at once.
import asyncio

async def waiter(name, event):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} goes")

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(f"w{i}", event)) for i in range(3)]
    await asyncio.sleep(0.1)
    print('setting the event')
    event.set()
    await asyncio.gather(*tasks)
    print('is set:', event.is_set())

asyncio.run(main())
