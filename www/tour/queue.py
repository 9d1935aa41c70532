# Producers put work on a bounded Queue; consumers take it; join waits until all is done.
import asyncio

async def producer(name, queue, count):
    for i in range(count):
        await queue.put(f"{name}-{i}")
        print(f"{name} put {name}-{i} (size {queue.qsize()})")
    print(f"{name} finished")

async def consumer(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.05)
        print(f"{name} handled {item}")
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in range(2)]
    await asyncio.gather(producer('p', queue, 3), producer('q', queue, 2))
    await queue.join()
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print('empty:', queue.empty(), 'full:', queue.full())

asyncio.run(main())
