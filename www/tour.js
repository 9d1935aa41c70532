// The tour: one card per idea of the tutorial, each with a few sentences, the scenes
// that show it (programs in tour/, run on the page's loop like any other), and what to
// look at while they run. Text marks `code` and [links](#an-id) in page; the view turns
// them into elements, never HTML.
//
// A stop of the tour is named by its card or by one of its scenes (`?tour=semaphore`);
// the names are all different. A card with `workers` runs its job on one loop and then
// on Web Workers (views/parallel.js) instead of programs.

export const CARDS = [
  {
    name: 'concurrency',
    title: 'Concurrency',
    text: 'Concurrency is making progress on several things in the same stretch of time by taking turns. '
      + 'The loop runs one step of one task at a time; while a task waits (on a timer, another task, the network), '
      + 'the loop runs another. Two calls that wait 1 s and 2 s take 3 s one after the other, and 2 s as tasks: '
      + 'their waits overlap, their steps never do.',
    scenes: [
      {
        name: 'one-after-another', label: 'One after the other: the tutorial’s program', file: 'one-after-another.py',
        look: 'One lane, `main()`: each `say_after` runs inside it, one level down, and starts only when the one before '
          + 'has finished. 3 s in all.',
      },
      {
        name: 'as-tasks', label: 'The same calls as tasks', file: 'as-tasks.py',
        look: 'Three [lanes](#lanes-title): both `say_after` tasks sleep (blue) at the same time while `main()` awaits '
          + '(grey). Lay the timeline out by steps: in each column exactly one lane runs. 2 s in all.',
      },
    ],
  },
  {
    name: 'parallelism',
    title: 'Parallelism',
    text: 'Parallelism is doing several things at the same instant, on several cores. An asyncio loop is one thread: '
      + 'it interleaves tasks but never runs two at once, so work that keeps the processor busy, without ever waiting, '
      + 'gains nothing from tasks. Here one such job, counting primes, is split into parts and run twice: as tasks on '
      + 'the one loop, then on Web Workers, threads that each load this page’s WebAssembly core. The loop takes turns; '
      + 'the workers run at once. (In Python the same job would go to processes, `ProcessPoolExecutor`.)',
    workers: true,
    look: 'The [timeline](#lanes-title), by real time: the tasks’ steps (green) never overlap, the workers’ bars do. '
      + 'The workers finish about as many times faster as your device has cores; the loop’s clock counts none of it.',
  },
  {
    name: 'asynchronous',
    title: 'Asynchronous',
    text: 'Asynchronous code starts something slow and does not stand still waiting for it: it carries on with other '
      + 'work and collects the result when it needs it. `create_task` starts the job; the `await` that collects it '
      + 'comes later, if it has to wait at all.',
    scenes: [
      {
        name: 'meanwhile', label: 'Other work while a download runs', file: 'meanwhile.py',
        look: 'The download starts as soon as `main` first awaits, and runs while `main` works on: each time `main` '
          + 'sleeps, the loop has a turn for it. `main` waits for it only at the very end, for 0.1 s.',
      },
    ],
  },
  {
    name: 'event-loop',
    title: 'The event loop',
    text: 'The event loop is asyncio’s scheduler. It keeps a queue of what is ready to run (task steps, callbacks) and '
      + 'the timers by deadline. It runs what is ready, in order, one thing at a time; when nothing is ready, it sleeps '
      + 'until the earliest timer is due. Nothing runs unless the loop runs it, and nothing else runs while it does.',
    scenes: [
      {
        name: 'loop-order', label: 'Who runs when', file: 'loop-order.py',
        look: 'Step through the [replay](#replay-title) one event at a time (→ on the slider) and watch the ready queue: '
          + '`call_soon`’s callback, then A and B, then A and B again after their `sleep(0)`; the `call_later` timer '
          + 'waits among the timers until it is due.',
      },
    ],
  },
  {
    name: 'coroutines',
    title: 'Coroutines',
    text: 'A coroutine is a function that can pause. Calling an `async def` function runs none of its body: it only '
      + 'makes a coroutine object. `await` runs it; each time it has to wait it is suspended, its local variables and '
      + 'the place where it stopped kept intact, and later resumed right there.',
    scenes: [
      {
        name: 'forgot-await', label: 'Called without await', file: 'forgot-await.py',
        look: 'Only `main is done` is printed, and below the log, Python’s warning: the coroutine was made and never run.',
      },
      {
        name: 'count-down', label: 'Suspended and resumed', file: 'count-down.py',
        look: '`count_down(3)` runs inside `main`’s task, one level down on its [lane](#lanes-title): its bar says it '
          + 'was suspended 3 times and resumed 3 times, and the editor marks the line where it waits.',
      },
    ],
  },
  {
    name: 'generators',
    title: 'Generators as coroutines',
    text: 'The tutorial says generators can be used to implement coroutines, and they were, before `async def`: '
      + 'a function with `yield` pauses there, keeping its variables and its place, and `next()` resumes it. '
      + 'A few lines of scheduler are enough to take turns between such generators. `async def` and `await` are the '
      + 'same idea made part of the language, with asyncio’s loop as the scheduler.',
    scenes: [
      {
        name: 'round-robin', label: 'A scheduler built on yield', file: 'round-robin.py',
        look: 'Step through the [replay](#replay-title) and look [inside each task](#frames-title): `main` holds the '
          + 'two generators, each paused at its `yield` with its own `i`, and the scheduler resumes them in turn.',
      },
      {
        name: 'round-robin-async', label: 'The same with async and await', file: 'round-robin-async.py',
        look: 'The same lines in the same order. Now each worker is a task of the loop’s: its frame, paused at its '
          + '`await`, is what the [frames](#frames-title) show under its name.',
      },
      {
        name: 'async-for', label: 'An async generator under async for', file: 'async-for.py',
        look: 'While `ticks` sleeps, its frame stands inside `main`’s in the [frames](#frames-title): one task, two '
          + 'coroutines, each with its own variables.',
      },
    ],
  },
  {
    name: 'futures',
    title: 'Futures',
    text: 'A future is a placeholder for a result that is not there yet. Awaiting it suspends the task until someone '
      + 'sets it (`set_result`, `set_exception`) or cancels it; then every task waiting on it wakes. Tasks are futures '
      + 'too, and asyncio’s own machinery (sleeping, `gather`, locks) is built on them.',
    scenes: [
      {
        name: 'set-result', label: 'One task sets, another waits', file: 'set-result.py',
        look: '`main` waits (grey) on the future for 1 s; the setter sets it, and `main` resumes in the loop’s very next '
          + 'iteration, at the same moment on the loop’s clock.',
      },
      {
        name: 'call-later', label: 'Set by a timer, with a done-callback', file: 'call-later.py',
        look: 'No task sets this future: a timer’s callback does, at 0.5 s. Its done-callback runs first, then `main`.',
      },
    ],
  },
  {
    name: 'tasks',
    title: 'Tasks',
    text: 'A task wraps a coroutine and schedules it on the loop: it starts as soon as the running task gives the loop a '
      + 'turn, and runs step by step until it returns, raises or is cancelled. `await task` waits for its result; '
      + '`gather` and `TaskGroup` start and collect several.',
    scenes: [
      {
        name: 'create-task', label: 'Create, await, cancel', file: 'create-task.py',
        look: '`quick` and `slow` start when `main` first awaits. `slow.cancel()` throws `CancelledError` into it where '
          + 'it sleeps: its [lane](#lanes-title) ends cancelled. The ✕ beside a lane does the same from outside, while '
          + 'a run is live.',
      },
      {
        name: 'gather', label: 'gather', file: 'gather.py',
        look: 'The results come back in the order of the arguments, whatever order the tasks finish in.',
      },
      {
        name: 'taskgroup', label: 'TaskGroup', file: 'taskgroup.py',
        look: 'The `async with` block ends only once every task created in the group is done.',
      },
      {
        name: 'uncaught-error', label: 'An error nobody catches', file: 'uncaught-error.py',
        look: 'The exception travels up through every `await` to `asyncio.run`, and the program ends with CPython’s '
          + 'traceback below the log.',
      },
    ],
  },
  {
    name: 'locks',
    title: 'Locks and semaphores',
    text: 'Tasks take turns only at an `await`, so the code between two awaits never interleaves with another task’s. '
      + 'A read-modify-write that awaits in the middle can be interleaved, and loses updates. asyncio’s primitives '
      + 'order the turns: a `Lock` lets one task in at a time, a `Semaphore(n)` lets n in, an `Event` releases every '
      + 'waiter at once, a `Queue` hands work from producers to consumers.',
    scenes: [
      {
        name: 'semaphore', label: 'Semaphore(2) over five 1 s calls', file: 'semaphore.py',
        look: 'Two calls at a time: 3 and 4 enter as 1 and 2 leave, 5 last, in the order they arrived. 3 s in all.',
      },
      {
        name: 'lock', label: 'A counter with and without a Lock', file: 'lock.py',
        look: 'Without the lock, all five tasks read 0 before any of them writes back: four updates are lost.',
      },
      {
        name: 'event', label: 'An Event', file: 'event.py',
        look: 'Three tasks wait (grey) on one event; `set()` wakes all three in the same moment.',
      },
      {
        name: 'queue', label: 'A Queue of work', file: 'queue.py',
        look: 'The queue holds two items at most: a producer waits when it is full, a consumer when it is empty.',
      },
    ],
  },
  {
    name: 'cancellation',
    title: 'Cancellation and timeouts',
    text: '`task.cancel()` does not stop a task on the spot: it throws `CancelledError` in at the `await` where the '
      + 'task waits, so it can clean up (`finally`) before it ends. `wait_for` and `asyncio.timeout` cancel what they '
      + 'wait for when time is up and turn that into `TimeoutError`. On this page Stop is Ctrl+C: it cancels `main()` '
      + 'the same way.',
    scenes: [
      {
        name: 'cancel', label: 'cancel() and clean-up', file: 'cancel.py',
        look: 'The task catches `CancelledError`, cleans up, and lets it go on: its lane ends cancelled.',
      },
      {
        name: 'timeouts', label: 'wait_for and asyncio.timeout', file: 'timeouts.py',
        look: 'Each timeout cancels the work it waits for at its deadline, and raises `TimeoutError` instead.',
      },
      {
        name: 'swallowed', label: 'A swallowed CancelledError', file: 'swallowed.py',
        look: '`except BaseException` catches the cancellation `wait_for` sends at 0.7 s: the work carries on, and '
          + '`wait_for`, which waits for it to end, returns its result at 1.7 s instead of raising `TimeoutError`.',
      },
      {
        name: 'stop-me', label: 'Press Stop while it runs', file: 'stop-me.py',
        look: 'Press Stop (or Esc) after a tick or two: the log notes the Stop, `main()` and both workers end cancelled '
          + 'after cleaning up, and `asyncio.run` raises `KeyboardInterrupt`, as Ctrl+C makes it do.',
      },
    ],
  },
  {
    name: 'failures',
    title: 'gather against TaskGroup',
    text: 'When one of several calls fails, `gather` passes its exception to the caller at once and lets the others run '
      + 'on, unsupervised. A `TaskGroup` cancels the others, waits for them, and raises every failure together in an '
      + '`ExceptionGroup`, caught with `except*`.',
    scenes: [
      {
        name: 'gather-vs-taskgroup', label: 'One call fails', file: 'gather-vs-taskgroup.py',
        look: '`g1` finishes after `gather` has already raised; `t1` is cancelled, its lane ends cancelled.',
      },
    ],
  },
  {
    name: 'blocking',
    title: 'A blocking call',
    text: 'A task gives the loop a turn only when it awaits. `time.sleep`, a long computation or any call that blocks '
      + 'holds the whole loop: no other task, timer or callback runs until it returns. The fix is to await: '
      + '`asyncio.sleep`, or hand the blocking work to a thread or a process.',
    scenes: [
      {
        name: 'time-sleep', label: 'time.sleep inside a coroutine', file: 'time-sleep.py',
        look: 'The timer was due at 0.1 s and fires at 0.2 s. The log notes the step that blocked the loop; lay the '
          + '[timeline](#lanes-title) out by real time to see that one step fill the whole 0.2 s.',
      },
      {
        name: 'asyncio-sleep', label: 'The fix: await asyncio.sleep', file: 'asyncio-sleep.py',
        look: 'The same program, awaiting: the timer fires on time, at 0.1 s.',
      },
    ],
  },
  {
    name: 'notebook',
    title: 'The notebook’s error',
    text: 'The tutorial ran its example in Jupyter, whose event loop is already running while a cell runs. '
      + '`loop.run_until_complete(main())` asks that loop to start, so it raised `RuntimeError: This event loop is '
      + 'already running`. The tutorial’s Python (3.7) had already made `main()` a task on the running loop, so it ran '
      + 'anyway and printed its lines under the error, 3 s apart. In a notebook, write `await main()`: the cell runs '
      + 'inside the loop and can simply await. (Python 3.8 and later raise before scheduling anything: `main()` never '
      + 'runs there.)',
    scenes: [
      {
        name: 'notebook-script', label: 'As a script, python3 file.py', file: 'notebook.py',
        look: 'No loop is running, so `run_until_complete` creates and runs one: nothing is wrong.',
      },
      {
        name: 'notebook-cell', label: 'The same code as a notebook cell', file: 'notebook.py', cell: true,
        look: 'The traceback shows at once and the cell’s lane fails; `main()` runs on in a lane of its own and prints '
          + 'its lines 3 s apart, as in the tutorial.',
      },
      {
        name: 'await-in-cell', label: 'await main() in a cell', file: 'await-in-cell.py', cell: true,
        look: 'The cell awaits `main()` inside the running loop: one task, no error.',
      },
    ],
  },
];

/** The card of a tour stop and the scene it opens (for a card's own name, its first;
 * none for a card without programs), or null if there is no such stop. */
export function findStop(name) {
  for (const card of CARDS) {
    if (card.name === name) return { card, scene: card.scenes?.[0] ?? null };
    const scene = card.scenes?.find((s) => s.name === name);
    if (scene) return { card, scene };
  }
  return null;
}
