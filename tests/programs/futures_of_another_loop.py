# A future belongs to the loop it was made for: a task of another loop that awaits it
# while it is pending fails with CPython's RuntimeError, at the await. asyncio.run
# makes a loop of its own each time, not the one the module's code made or got.
import asyncio
import traceback

early = asyncio.Future()


async def main():
    asyncio.get_running_loop().call_later(0.1, early.set_result, 1)
    return await early


try:
    print(asyncio.run(main()))
except RuntimeError as e:
    print("RuntimeError:", str(e).split(" got ")[1])


async def make_future():
    return asyncio.get_running_loop().create_future()


kept = asyncio.run(make_future())


async def await_foreign():
    print("same loop:", kept.get_loop() is asyncio.get_running_loop(), kept.get_loop().is_closed())
    try:
        await kept
    except RuntimeError as e:
        print("RuntimeError:", str(e).replace(hex(id(kept)), "ID"))
    return "went on"


print(asyncio.run(await_foreign()))


loop = asyncio.new_event_loop()
made = loop.create_future()
loop.call_soon(made.set_result, "set by the loop's callback")
print(loop.run_until_complete(made))


async def waits():
    return await made


print(loop.run_until_complete(waits()), made.get_loop() is loop)
loop.close()
done = asyncio.run(make_future())
done.set_result("a done future of a closed loop")


async def reads_done():
    return await done


print(asyncio.run(reads_done()))


# After asyncio.run the main thread has no current loop: what needs one says so.
async def idle():
    pass


for needs_a_loop in (asyncio.get_event_loop, asyncio.Future, lambda: asyncio.ensure_future(idle()), lambda: asyncio.gather(idle())):
    try:
        needs_a_loop()
    except RuntimeError:
        traceback.print_exc()
