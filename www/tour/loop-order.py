# The event loop runs what is ready in the order it became ready: callbacks, task
# steps, sleep(0) yields. Timers join the queue only when they are due.
import asyncio


def callback(name):
    print(f"callback: {name}")


async def worker(name):
    print(f"{name}: first step")
    await asyncio.sleep(0)  # yield: back of the ready queue
    print(f"{name}: second step")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, callback, 'call_later(0.1)')
    loop.call_soon(callback, 'call_soon')
    asyncio.create_task(worker('A'))
    asyncio.create_task(worker('B'))
    print('main: four things are queued; now main awaits')
    await asyncio.sleep(0.2)
    print('main: done')


asyncio.run(main())
