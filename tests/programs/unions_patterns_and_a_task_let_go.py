# Unions however they are spelled, a class pattern the class refuses, a generator
# function made awaitable, and a failed task the program lets go of with `del`.
import asyncio
import inspect
import types
from dataclasses import dataclass
from typing import Optional, Union


print(Optional[int] == Union[int, None], int | None == Optional[int], Union[str, int] == Union[int, str])
print(Union[int, str] == Union[int, bytes], Optional[str] == Optional[str], hash(Optional[int]) == hash(Union[int, None]))


@types.coroutine
def pause():
    yield


print(inspect.isgeneratorfunction(pause), asyncio.iscoroutinefunction(pause))


@dataclass
class Reading:
    sensor: str
    value: float


def handler(loop, context):
    print("handler:", context["message"], repr(context.get("exception")))


async def fails():
    raise LookupError("no such sensor")


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    task = asyncio.create_task(fails())
    await pause()
    await asyncio.sleep(0.1)
    print("failed:", task.done())
    del task
    print("let go")
    for reading in (Reading("t1", 20.5), Reading("h2", 61.0)):
        match reading:
            case Reading("t1", value):
                print("temperature", value)
            case Reading(sensor, value, extra):
                print("never", sensor, value, extra)


asyncio.run(main())
