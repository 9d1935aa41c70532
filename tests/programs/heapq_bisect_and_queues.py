# heapq (CPython's sift order, ties included), bisect (with key), and asyncio's
# PriorityQueue (a heap of tuples and of objects with __lt__) and LifoQueue.
import asyncio
import bisect
import heapq
import random

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2, 2, 6]
heapq.heapify(data)
print(data, heapq.heappushpop(data, 3), heapq.heapreplace(data, 10), data)
print(heapq.nlargest(3, [4, 1, 9, 7, 3]), heapq.nsmallest(2, ["pear", "fig", "apple"], key=len))
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "read"))
heapq.heappush(tasks, (2, "append"))
heapq.heappush(tasks, (0, "open"))
print([heapq.heappop(tasks) for _ in range(len(tasks))])
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError", e)

scores = [10, 20, 20, 30, 40]
print(bisect.bisect_left(scores, 20), bisect.bisect_right(scores, 20), bisect.bisect(scores, 25))
bisect.insort(scores, 25)
bisect.insort_left(scores, 20)
print(scores)
records = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(records, 3, key=lambda r: r[1]))
bisect.insort(records, ("d", 4), key=lambda r: r[1])
print(records)

class Job:
    def __init__(self, priority, name):
        self.priority, self.name = priority, name
    def __lt__(self, other):
        return self.priority < other.priority
    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"

async def worker(q, done):
    while True:
        prio, job = await q.get()
        await asyncio.sleep(0.01)
        done.append((prio, job.name))
        q.task_done()

async def main():
    random.seed(3)
    pq = asyncio.PriorityQueue()
    for i in range(6):
        p = random.randint(1, 3)
        await pq.put((p, Job(p, f"j{i}")))
    print(pq.qsize(), type(pq).__name__)
    done = []
    w = asyncio.create_task(worker(pq, done))
    await pq.join()
    w.cancel()
    print(done)
    lq = asyncio.LifoQueue()
    for i in range(4):
        lq.put_nowait(i)
    print([lq.get_nowait() for _ in range(4)], type(lq).__name__)
    jobs = asyncio.PriorityQueue()
    for j in [Job(3, "c"), Job(1, "a"), Job(2, "b")]:
        jobs.put_nowait(j)
    print([jobs.get_nowait() for _ in range(3)])

asyncio.run(main())
