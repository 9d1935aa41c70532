# The main thread's current event loop around asyncio.run, as a script that mixes the
# old style and the new one meets it: asyncio.run ends by leaving no current loop, so
# get_event_loop() refuses until set_event_loop() gives one; a Runner does the same.
import asyncio


async def answer():
    await asyncio.sleep(0.1)
    return 42


print(asyncio.run(answer()))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("after run:", e)
loop = asyncio.new_event_loop()
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("a new loop is not the current one:", e)
asyncio.set_event_loop(loop)
print(asyncio.get_event_loop() is loop, loop.run_until_complete(answer()))
loop.close()
with asyncio.Runner() as runner:
    print(runner.run(answer()))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("after the runner:", e)
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("set to None:", e)
