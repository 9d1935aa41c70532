# CancelledError is not an Exception, so `except Exception` lets it through, as it
# must. Code that catches it anyway (a bare except, or BaseException) and carries on
# breaks whoever cancelled it: here wait_for's 0.7 s timeout cannot stop the work.
import asyncio


async def stubborn():
    for step in range(1, 5):
        try:
            await asyncio.sleep(0.5)
            print(f"step {step} done")
        except Exception:
            print('never printed: CancelledError is not an Exception')
        except BaseException:
            print(f"step {step}: swallowed a CancelledError and carried on")
    return 'finished anyway'


async def main():
    loop = asyncio.get_running_loop()
    try:
        result = await asyncio.wait_for(stubborn(), timeout=0.7)
        print(f"wait_for returned {result!r} at {loop.time():.1f} s, a second after its timeout")
    except TimeoutError:
        print('timed out')


asyncio.run(main())
