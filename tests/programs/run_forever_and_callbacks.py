# The loop driven the old way: callbacks and a task scheduled on a loop that is not
# running yet, run_forever until a callback stops it, then run_until_complete. In a
# notebook, whose loop is running already, the program says so and does the same with
# tasks instead.
import asyncio


def greet(name, loop):
    print(f"hello {name} at {loop.time():.1f}")


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0.3)
    return n


try:
    where = __file__
except NameError:
    where = "a notebook cell, which has no file"
print("running from", where)

try:
    asyncio.get_running_loop()
    in_a_notebook = True
except RuntimeError:
    in_a_notebook = False

if in_a_notebook:
    print("a loop is running already")
    running = asyncio.get_running_loop()
    running.call_soon(greet, "first", running)
    running.call_later(0.5, greet, "later", running)
    running.create_task(ticker(3))
else:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.call_soon(greet, "first", loop)
    loop.call_later(0.5, greet, "later", loop)
    task = loop.create_task(ticker(3))
    loop.call_later(1.0, loop.stop)
    print("running:", loop.is_running())
    loop.run_forever()
    print("stopped:", loop.is_running(), task.done(), task.result())
    print(loop.run_until_complete(ticker(2)))
    loop.close()


# A loop is closed once its asyncio.run is over, or once closed by hand.
async def the_loop():
    return asyncio.get_running_loop()


finished_loop = asyncio.run(the_loop())
fresh = asyncio.new_event_loop()
print(finished_loop.is_closed(), fresh.is_closed())
fresh.close()
print(fresh.is_closed())
