# Before async and await, Python's coroutines were generators: a function with `yield`
# pauses there with its variables kept, and next() resumes it right there. A scheduler
# of a few lines takes turns between two such "tasks", as the event loop does.
import asyncio
from collections import deque


def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        yield  # pause here: the turn goes back to the scheduler
    print(f"{name} done")


async def main():
    a, b = worker('a', 3), worker('b', 2)
    ready = deque([a, b])
    while ready:
        task = ready.popleft()
        try:
            next(task)  # resume it where it paused
        except StopIteration:
            continue  # it returned: drop it
        ready.append(task)
        # (A pause on the real loop, so that the replay has moments to look inside.)
        await asyncio.sleep(0.1)


asyncio.run(main())
