# asyncio.run inside threads: each thread runs an event loop of its own (as the
# tutorials on running asyncio in a new thread show), and the main thread joins them
# outside any loop, then runs its own. (Prints are 100 ms apart or more, so that real
# threads print them in one order.)
import asyncio
import threading

results = {}


async def countdown(name, n, pause, start):
    await asyncio.sleep(start)
    for i in range(n, 0, -1):
        print(f"{name}: {i}")
        await asyncio.sleep(pause)
    return f"{name} done"


def in_a_thread(name, n, pause, start=0):
    results[name] = asyncio.run(countdown(name, n, pause, start))


first = threading.Thread(target=in_a_thread, args=("left", 3, 0.3))
second = threading.Thread(target=in_a_thread, args=("right", 2, 0.3, 0.15))
first.start()
second.start()
first.join()
second.join()
print(sorted(results.items()))


async def main():
    value = await asyncio.to_thread(in_a_thread, "nested", 1, 0.1)
    print("to_thread gave", value, results["nested"])


asyncio.run(main())
