# An async generator is both at once: `await` inside it waits on the loop, and `yield`
# hands a value to the `async for` that iterates it. While it waits, its frame stands
# inside the frame of the coroutine that iterates it, in the same task.
import asyncio


async def ticks(n, every):
    for i in range(n):
        await asyncio.sleep(every)  # the generator waits here, inside main's task
        yield i


async def main():
    total = 0
    async for tick in ticks(3, 0.2):
        total += tick
        print('tick', tick, 'total', total)
    print('done, total', total)


asyncio.run(main())
