# Calling a coroutine function runs none of its code: it only makes a coroutine
# object. Without await (or create_task), nothing ever runs it, and Python warns.
import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    say_after(1, 'hello')  # forgot await: hello is never printed
    print('main is done')


asyncio.run(main())
