# task.cancel() throws CancelledError into the task where it waits; the task may clean
# up, and whoever awaits it gets the CancelledError.
import asyncio

async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('slow: cancelled, cleaning up')
        raise
    finally:
        print('slow: finally')

async def main():
    task = asyncio.create_task(slow(), name='slow-task')
    await asyncio.sleep(0.1)
    print('cancel returns', task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print('main: the task was cancelled')
    print(task.get_name(), 'cancelled:', task.cancelled(), 'done:', task.done())

asyncio.run(main())
