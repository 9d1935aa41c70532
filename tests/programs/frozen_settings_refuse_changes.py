# Settings frozen once loaded: a change is refused where the dataclass's generated
# __setattr__ raises, which tracebacks show as CPython's <string> frame.
import asyncio
import traceback
from dataclasses import dataclass, FrozenInstanceError, replace


@dataclass(frozen=True)
class Settings:
    workers: int = 2
    delay: float = 0.01


async def worker(settings, n):
    await asyncio.sleep(settings.delay * n)
    return n


async def main(settings):
    print(await asyncio.gather(*(worker(settings, n) for n in range(settings.workers))))
    try:
        del settings.delay
    except FrozenInstanceError:
        print(traceback.format_exc().splitlines()[-2:])
    faster = replace(settings, delay=0.001)
    print(faster, faster == settings)
    settings.workers = 8


asyncio.run(main(Settings(workers=3)))
