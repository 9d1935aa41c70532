# Workers take jobs of random lengths from a queue: seeded, the same order as CPython's.
import asyncio
import random


async def worker(name, queue, done):
    while True:
        job, seconds = await queue.get()
        await asyncio.sleep(seconds)
        done.append(job)
        print(f"{name} finished {job} after {seconds:.2f}s")
        queue.task_done()


async def main():
    random.seed(11)
    queue = asyncio.Queue()
    for job in range(8):
        queue.put_nowait((f"job-{job}", random.uniform(0.05, 0.6)))
    done = []
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, done)) for i in range(3)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(len(done), "jobs", sorted(done) == sorted(f"job-{j}" for j in range(8)))


asyncio.run(main())
