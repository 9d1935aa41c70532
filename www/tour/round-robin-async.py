# The same two workers with async def and await, on asyncio's own loop: `await` is
# where a coroutine pauses, and the loop, not a scheduler of ours, takes the turns.
import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0.1)  # pause here: the turn goes back to the loop
    print(f"{name} done")


async def main():
    await asyncio.gather(worker('a', 3), worker('b', 2))


asyncio.run(main())
