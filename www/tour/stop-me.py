# Press Stop while this runs: it is Ctrl+C. main() is cancelled where it waits, the
# TaskGroup cancels its workers, each cleans up in its finally, and asyncio.run
# raises KeyboardInterrupt. Left alone, it ends by itself after 4 s.
import asyncio


async def worker(name, every, times):
    try:
        for _ in range(times):
            await asyncio.sleep(every)
            print(f"{name} ticks")
    finally:
        print(f"{name} cleans up")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker('fast', 0.5, 8))
        tg.create_task(worker('slow', 1, 4))
    print('both workers are done')


asyncio.run(main())
