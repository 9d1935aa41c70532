# Exception classes of our own: hierarchies, attributes, super().__init__ with a
# message, __str__, except by base class, gather's return_exceptions, TaskGroup's
# except*, and the traceback of one that is not caught.
import asyncio

class AppError(Exception):
    pass

class RetryError(AppError):
    def __init__(self, attempts, last):
        super().__init__(f"gave up after {attempts} attempts")
        self.attempts = attempts
        self.last = last

class Timeoutish(TimeoutError):
    def __str__(self):
        return f"took too long: {self.args}"

class NotFound(KeyError):
    pass

try:
    raise AppError("plain")
except AppError as e:
    print(type(e).__name__, e, repr(e), e.args, isinstance(e, Exception), isinstance(e, AppError))

try:
    raise RetryError(3, ValueError("x"))
except AppError as e:
    print(type(e).__name__, e, e.attempts, repr(e.last), e.args, isinstance(e, RetryError))

try:
    raise Timeoutish(1.5)
except TimeoutError as e:
    print("timeout:", e)

try:
    raise NotFound("k")
except LookupError as e:
    print("lookup:", e, type(e).__name__)

try:
    raise AppError
except Exception as e:
    print("bare:", repr(e), str(e) == "")

print(issubclass(RetryError, AppError), issubclass(RetryError, Exception), issubclass(AppError, RetryError))
print(RetryError.__mro__[0].__name__ if hasattr(RetryError, "__mro__") else "")

async def flaky(n):
    await asyncio.sleep(0.1 * n)
    if n % 2:
        raise RetryError(n, None)
    return n

async def main():
    results = await asyncio.gather(*(flaky(i) for i in range(4)), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(4):
                tg.create_task(flaky(i))
    except* RetryError as eg:
        print("group:", [str(e) for e in eg.exceptions])
    try:
        await flaky(1)
    except RetryError as e:
        print("awaited:", e, e.attempts)

asyncio.run(main())

def fail():
    raise RetryError(5, None)

fail()
