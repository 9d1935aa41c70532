# A coroutine keeps its state while it is suspended: each await that waits hands
# control back to the loop, and the loop resumes it where it stopped, n and all.
import asyncio


async def count_down(n):
    while n > 0:
        print(f"{n}...")
        await asyncio.sleep(0.5)  # suspended here; resumed 0.5 s later
        n -= 1
    print('lift off')
    return 'landed'


async def main():
    result = await count_down(3)
    print(f"count_down(3) returned {result!r}")


asyncio.run(main())
