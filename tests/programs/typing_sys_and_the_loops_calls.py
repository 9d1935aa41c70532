# typing's names in annotations and aliases, sys (version_info, argv, stdout.write), and
# the loop's call_at, call_soon_threadsafe and a cancelled call_at handle.
import asyncio
import sys
from typing import Any, Dict, List, Optional, Awaitable, Callable

Handler = Callable[[str], Awaitable[None]]
Registry = Dict[str, List[int]]

def total(values: List[int], scale: Optional[float] = None) -> float:
    return sum(values) * (scale or 1)

print(total([1, 2, 3]), total([1, 2], 0.5))
print(sys.version_info >= (3, 8), sys.version_info[0], sys.argv[0].endswith(".py"))
n = sys.stdout.write("written without a newline, ")
print(n)
sys.stdout.write("then a line\n")

async def tick(loop, label, results):
    results.append((label, round(loop.time(), 3)))

async def main():
    loop = asyncio.get_running_loop()
    results: List[Any] = []
    start = loop.time()
    loop.call_at(start + 0.3, lambda: results.append(("at 0.3", round(loop.time() - start, 3))))
    loop.call_later(0.1, lambda: results.append(("later 0.1", round(loop.time() - start, 3))))
    loop.call_soon_threadsafe(lambda: results.append(("soon", round(loop.time() - start, 3))))
    handle = loop.call_at(start + 0.2, lambda: results.append(("cancelled", 0)))
    handle.cancel()
    await asyncio.sleep(0.5)
    print(results)

asyncio.run(main())
