# Outside a running loop, gather and ensure_future of a coroutine make tasks of the
# current loop: before any loop there is one made for them; after asyncio.run the main
# thread has none, and they say so, as get_event_loop does; set_event_loop gives one.
import asyncio


async def price(symbol):
    await asyncio.sleep(0.1)
    return {"ABC": 1.5, "XYZ": 2.25}[symbol]


early = asyncio.ensure_future(price("ABC"))
both = asyncio.gather(price("ABC"), price("XYZ"))
loop = asyncio.get_event_loop()
print(loop.run_until_complete(both), early.result())
loop.close()
print(asyncio.run(price("XYZ")))
nap = price("ABC")
for attempt in (asyncio.get_event_loop, lambda: asyncio.ensure_future(nap), lambda: asyncio.gather(nap)):
    try:
        attempt()
    except RuntimeError as e:
        print("RuntimeError:", e)
nap.close()
ready = asyncio.get_event_loop_policy().new_event_loop()
done = ready.create_future()
done.set_result("a future of a loop made by hand")
asyncio.set_event_loop(ready)
print(ready.run_until_complete(asyncio.gather(price("ABC"), done)))
ready.close()
