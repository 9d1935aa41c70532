# What a task or a future says about itself while it waits: the callbacks waiting for
# it (`cb=[...]`), what it waits for (`wait_for=...`), and `cancelling` once asked to
# stop. A frames view shows these reprs as a suspended coroutine's locals.
import asyncio
import functools


class Reporter:
    def done(self, fut):
        print('method callback saw', fut.result())


def report(label, fut):
    print(label, 'saw', fut.result())


async def sleeper(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def waiter(fut):
    return await fut


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut)
    fut.add_done_callback(Reporter().done)
    print(fut)
    fut.add_done_callback(functools.partial(report, 'partial'))
    print(fut)
    fut.add_done_callback(lambda f: print('lambda saw', f.result()))
    print(fut)
    fut.add_done_callback(print)

    job = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print(job)
    print(fut)

    nap = asyncio.create_task(sleeper(0.5))
    await asyncio.sleep(0)
    print(nap)
    outer = asyncio.create_task(waiter(nap))
    await asyncio.sleep(0)
    print(nap)
    print(outer)

    nap.cancel()
    print(nap)
    await asyncio.sleep(0)
    print(nap)
    print(outer)

    fut.set_result(42)
    print(job)
    await asyncio.sleep(0)
    print(job)

    both = asyncio.gather(sleeper(0.1), sleeper(0.2))
    holder = asyncio.create_task(waiter(both))
    await asyncio.sleep(0)
    print(both)
    print(holder)
    await holder
    print(both)

    async def count():
        for i in range(3):
            await asyncio.sleep(0.1)
            yield i

    agen = count()
    step = asyncio.create_task(anext(agen))
    print(step)
    await asyncio.sleep(0)
    print(step)
    print(await step)
    print(step)
    await agen.aclose()
    await asyncio.gather(outer, return_exceptions=True)


asyncio.run(main())
