# A future completed by a callback the loop calls later, and a done-callback that runs
# once it is done: futures are how asyncio's own parts wait for one another.
import asyncio


def report(future):
    print(f"done-callback: the result is {future.result()!r}")


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    future.add_done_callback(report)
    loop.call_later(0.5, future.set_result, 42)
    print('main: waiting for call_later to set the future')
    print(f"main: await gave {await future} at {loop.time():.1f} s")


asyncio.run(main())
