# contextvars under asyncio: each task runs in a copy of the context it was made in, so
# a request's id set in its handler is seen by the tasks the handler makes, and a task's
# own change stays its own; Context.run, tokens and reset.
import asyncio
import contextvars
from contextvars import ContextVar, copy_context

request = ContextVar("request", default="none")
depth = ContextVar("depth")
lines = []


def log(message):
    lines.append(f"{request.get()}:{depth.get(0)}:{message}")
    print(f"{asyncio.get_running_loop().time():.1f} [{request.get()}|{depth.get(0)}] {message}")


async def step(name, delay):
    depth.set(depth.get(0) + 1)
    await asyncio.sleep(delay)
    log(f"{name} done")


async def serve(req, delay):
    token = request.set(req)
    log("begin")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(step("fetch", delay))
        tg.create_task(step("render", delay * 2))
    log("children finished")
    request.reset(token)
    print("after reset:", request.get())


async def main():
    await asyncio.gather(serve("r1", 0.1), serve("r2", 0.15))
    log("main")
    snapshot = copy_context()

    def inside():
        request.set("in a copy")
        return request.get()

    print(snapshot.run(inside), request.get(), snapshot[request], len(snapshot) >= 1)
    try:
        ContextVar("never").get()
    except LookupError:
        print("LookupError for an unset variable")
    token = request.set("temporary")
    print(token.var is request, token.old_value)
    request.reset(token)
    try:
        request.reset(token)
    except RuntimeError:
        print("RuntimeError: the token was used")
    print(sorted(set(lines))[:3])


asyncio.run(main())
print(request.get(), contextvars.ContextVar("x", default=1).get())
