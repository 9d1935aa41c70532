# Two tasks noted as awaiting each other: Python 3.14's pstree refuses to draw such a
# graph and names the cycle. (Tasks really awaiting each other would wait forever, and
# cancelling one would cancel the other, and so on, without end.)
import asyncio


async def nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    first = asyncio.create_task(nap(0.3), name="first")
    second = asyncio.create_task(nap(0.4), name="second")
    await asyncio.sleep(0.1)
    asyncio.future_add_to_awaited_by(first, second)
    asyncio.future_add_to_awaited_by(second, first)
    try:
        # (Each awaits the other: capturing either's graph has no end.)
        asyncio.capture_call_graph(first, limit=0)
    except RecursionError as e:
        print("RecursionError:", e)
    await asyncio.sleep(0.1)
    asyncio.future_discard_from_awaited_by(first, second)
    asyncio.future_discard_from_awaited_by(second, first)
    print(await first, await second)


asyncio.run(main())
