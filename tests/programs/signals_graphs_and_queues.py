# A build runner's pieces: signal handlers set up for a graceful shutdown (no signal
# arrives, as in a run no one interrupts), a dependency graph run in topological
# order by tasks, and the queue module's containers used from the main thread.
import asyncio
import graphlib
import queue
import signal

print(signal.SIGINT, repr(signal.SIGTERM), signal.SIG_DFL, repr(signal.SIG_IGN), signal.getsignal(signal.SIGTERM))
print(signal.getsignal(signal.SIGINT).__name__, signal.strsignal(signal.SIGTERM), signal.Signals(15).name)
received = []
print(signal.signal(signal.SIGUSR1, lambda number, frame: received.append(number)))
signal.raise_signal(signal.SIGUSR1)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(received)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt from the default handler")
try:
    signal.signal(signal.SIGTERM, "ignore")
except TypeError as e:
    print(e)


async def build(name):
    await asyncio.sleep(0.1 * len(name))
    print(f"built {name}")
    return name


async def shutdown(sig):
    print(f"received {sig.name}: stopping")


async def main():
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda s=sig: asyncio.create_task(shutdown(s)))
    for wrong in ["x", 0, signal.SIGKILL]:
        try:
            loop.add_signal_handler(wrong, print)
        except (TypeError, ValueError, RuntimeError) as e:
            print(type(e).__name__, e)
    graph = {"app": ["lib", "ui"], "ui": ["lib"], "lib": ["core"], "docs": [], "tests": ["app"]}
    order = graphlib.TopologicalSorter(graph)
    order.prepare()
    while order.is_active():
        ready = order.get_ready()
        print("ready:", ready)
        for name in await asyncio.gather(*(build(n) for n in ready)):
            order.done(name)
    print(loop.remove_signal_handler(signal.SIGTERM), loop.remove_signal_handler(signal.SIGTERM))


asyncio.run(main())

print(list(graphlib.TopologicalSorter({3: [2, 1], 1: [0], 2: [0]}).static_order()))
try:
    graphlib.TopologicalSorter({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}).prepare()
except graphlib.CycleError as e:
    print(type(e).__name__, e.args)
sorter = graphlib.TopologicalSorter({"x": ["y"]})
sorter.prepare()
for call in [lambda: sorter.add("z"), lambda: sorter.done("x"), lambda: sorter.done("q")]:
    try:
        call()
    except ValueError as e:
        print(e)
jobs = queue.PriorityQueue()
for job in [(3, "low"), (1, "urgent"), (2, "normal")]:
    jobs.put(job)
print([jobs.get() for _ in range(jobs.qsize())], jobs.empty())
stack = queue.LifoQueue(maxsize=2)
stack.put("a")
stack.put("b")
try:
    stack.put_nowait("c")
except queue.Full:
    print("full:", stack.full(), stack.get(), stack.get())
try:
    queue.Queue().get(block=False)
except queue.Empty:
    print("empty")
