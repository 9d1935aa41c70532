# match statements (literals, captures, sequences with a star, mappings with **rest,
# classes by position and keyword, or-patterns, guards) on the messages tasks pass
# through a queue, and := in conditions, comprehensions and calls.
import asyncio
from collections import namedtuple
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    PING = 1
    DATA = 2


@dataclass
class Move:
    x: int
    y: int


Reply = namedtuple("Reply", "to text")


def handle(message):
    match message:
        case Kind.PING:
            return "pong"
        case "stop" | "quit" as word:
            return f"stopping ({word})"
        case Move(0, 0):
            return "stay"
        case Move(x=0, y=dy):
            return f"vertical {dy}"
        case Move(dx, dy) if abs(dx) == abs(dy):
            return f"diagonal {dx},{dy}"
        case Move():
            return "move"
        case Reply(to, text=str(text)) if (n := len(text)) > 3:
            return f"long reply to {to} ({n})"
        case Reply(to, _):
            return f"reply to {to}"
        case [Kind.DATA, *values] if values:
            return f"data {sum(values)} from {len(values)}"
        case [single]:
            return f"one {single!r}"
        case {"op": "add", "args": [a, b]}:
            return f"sum {a + b}"
        case {"op": op, **rest}:
            return f"op {op} {rest}"
        case int(n) | float(n) if n < 0:
            return "negative"
        case bool(flag):
            return f"flag {flag}"
        case int() | float():
            return "number"
        case _:
            return "unknown"


async def producer(queue):
    for message in [Kind.PING, "quit", Move(0, 0), Move(0, 3), Move(2, -2), Move(1, 5), Reply("ann", "hello"),
                    Reply("bob", "hi"), [Kind.DATA, 1, 2, 3], [Kind.DATA], ["x"], {"op": "add", "args": [2, 3]},
                    {"op": "mul", "x": 1}, -4, True, 7.5, object]:
        await asyncio.sleep(0.01)
        await queue.put(message)
    await queue.put(None)


async def consumer(queue):
    handled = []
    while (message := await queue.get()) is not None:
        handled.append(reply := handle(message))
        print(f"{asyncio.get_running_loop().time():.2f}", reply)
    return handled


async def main():
    queue = asyncio.Queue()
    _, handled = await asyncio.gather(producer(queue), consumer(queue))
    print(len(handled), [word for w in handled if (word := w.split()[0]) != "number"][:5], word)
    if (count := len([h for h in handled if h.startswith("reply")])) > 0:
        print("replies:", count)
    print(max(n := [3, 1, 4]), n)
    match = {"match": "a name still"}
    print(match["match"])


asyncio.run(main())
