//! `asyncio` and `time` for interpreted programs, on the playground's own loop
//! ([`Runtime`]): a coroutine function's call makes a coroutine object (a frame not yet
//! started); awaiting it runs its frame on the awaiting task's fiber; `create_task`,
//! `gather` and `asyncio.run` make the loop's tasks, each driving a fiber of its own, so
//! the trace, the timeline and replay see them as they see the form's.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::exceptions::{ExcType, Exception};
use super::interp::{raise, Interp, Res, Unwind};
use super::value::{Str, Value};
use super::vm::{Called, Delivery, Fiber, FiberKind, Ran, Root, Start};
use crate::runtime::{self, Error, Outcome, Runtime, TaskId};

/// The lines of CPython 3.11.7's asyncio that tracebacks show as an exception passes
/// the function they are in (see [`LibraryLine`](super::exceptions::LibraryLine)).
pub mod lines {
    use super::super::exceptions::LibraryLine;

    const fn at(
        file: &'static str,
        line: u32,
        function: &'static str,
        text: &'static str,
        carets: (u32, u32),
    ) -> LibraryLine {
        LibraryLine::at(file, line, function, text, carets)
    }

    const RUNNERS: &str = "asyncio/runners.py";
    const TASKS: &str = "asyncio/tasks.py";
    const RESULT: &str = "return fut.result()";
    pub static RUN: LibraryLine = at(RUNNERS, 190, "run", "return runner.run(main)", (7, 23));
    pub static RUN_NOT_A_COROUTINE: LibraryLine =
        at(RUNNERS, 89, "run", "raise ValueError(\"a coroutine was expected, got {!r}\".format(coro))", (0, 0));
    pub static NO_CURRENT_LOOP: LibraryLine = at(
        "asyncio/events.py",
        677,
        "get_event_loop",
        "raise RuntimeError('There is no current event loop in thread %r.'",
        (0, 0),
    );
    pub static ENSURE_FUTURE_OUTSIDE: LibraryLine =
        at(TASKS, 659, "ensure_future", "return _ensure_future(coro_or_future, loop=loop)", (7, 48));
    pub static GATHER_OUTSIDE: LibraryLine = at(TASKS, 827, "gather", "fut = _ensure_future(arg, loop=loop)", (6, 36));
    pub static ENSURE_FUTURE_LOOP: LibraryLine =
        at(TASKS, 678, "_ensure_future", "loop = events._get_event_loop(stacklevel=4)", (7, 43));
    pub static RUN_IN_A_LOOP: LibraryLine = at(RUNNERS, 186, "run", "raise RuntimeError(", (0, 0));
    pub static RUNNER_RUN: LibraryLine = at(RUNNERS, 118, "run", "return self._loop.run_until_complete(task)", (7, 42));
    pub static RUNNER_INTERRUPTED: LibraryLine = at(RUNNERS, 123, "run", "raise KeyboardInterrupt()", (0, 0));
    pub static RUN_UNTIL_COMPLETE: LibraryLine =
        at("asyncio/base_events.py", 653, "run_until_complete", "return future.result()", (7, 22));
    pub static RUN_UNTIL_COMPLETE_STOPPED: LibraryLine = at(
        "asyncio/base_events.py",
        651,
        "run_until_complete",
        "raise RuntimeError('Event loop stopped before Future completed.')",
        (0, 0),
    );
    pub static SLEEP: LibraryLine = at(TASKS, 649, "sleep", "return await future", (7, 19));
    pub static SLEEP_COMPARED: LibraryLine = at(TASKS, 639, "sleep", "if delay <= 0:", (3, 13));
    pub static SLEEP_ZERO: LibraryLine = at(TASKS, 640, "sleep", "await __sleep0()", (0, 0));
    pub static SLEEP_ZERO_YIELD: LibraryLine = at(TASKS, 634, "__sleep0", "yield", (0, 0));
    pub static WAIT_FOR_DONE_AT_ONCE: LibraryLine = at(TASKS, 458, "wait_for", RESULT, (7, 19));
    pub static WAIT_FOR_AT_ONCE: LibraryLine = at(TASKS, 463, "wait_for", RESULT, (7, 19));
    pub static WAIT_FOR_TIMEOUT_AT_ONCE: LibraryLine =
        at(TASKS, 465, "wait_for", "raise exceptions.TimeoutError() from exc", (0, 0));
    pub static WAIT_FOR_WAITER: LibraryLine = at(TASKS, 476, "wait_for", "await waiter", (0, 0));
    pub static WAIT_FOR_CANCELLED_DONE: LibraryLine = at(TASKS, 478, "wait_for", RESULT, (7, 19));
    pub static WAIT_FOR_DONE: LibraryLine = at(TASKS, 488, "wait_for", RESULT, (7, 19));
    pub static WAIT_FOR_CANCELLED: LibraryLine = at(TASKS, 500, "wait_for", RESULT, (7, 19));
    pub static WAIT_FOR_TIMEOUT: LibraryLine =
        at(TASKS, 502, "wait_for", "raise exceptions.TimeoutError() from exc", (0, 0));
    pub static TIMEOUT_EXIT: LibraryLine =
        at("asyncio/timeouts.py", 115, "__aexit__", "raise TimeoutError from exc_val", (0, 0));
    pub static LOOP_CLOSE: LibraryLine = at("asyncio/unix_events.py", 68, "close", "super().close()", (0, 0));
    pub static LOOP_CLOSE_RUNNING: LibraryLine = at(
        "asyncio/selector_events.py",
        88,
        "close",
        "raise RuntimeError(\"Cannot close a running event loop\")",
        (0, 0),
    );
    pub static CALLBACK_RUN: LibraryLine =
        at("asyncio/events.py", 80, "_run", "self._context.run(self._callback, *self._args)", (0, 0));
    /// Where CPython's library calls `loop.create_task`, as a task's repr names it in
    /// debug mode (`created at ...`): `asyncio.create_task` (without and with a
    /// context), `ensure_future` (and what uses it: `gather`, `wait_for`...),
    /// `Runner.run`, `TaskGroup.create_task` (without and with a context).
    pub const CREATE_TASK: (&str, u32) = ("asyncio/tasks.py", 384);
    pub const CREATE_TASK_IN_CONTEXT: (&str, u32) = ("asyncio/tasks.py", 386);
    pub const ENSURE_FUTURE: (&str, u32) = ("asyncio/tasks.py", 680);
    pub const RUNNER_CREATE_TASK: (&str, u32) = ("asyncio/runners.py", 100);
    pub const GROUP_CREATE_TASK: (&str, u32) = ("asyncio/taskgroups.py", 161);
    pub const GROUP_CREATE_TASK_IN_CONTEXT: (&str, u32) = ("asyncio/taskgroups.py", 163);
    const LOCKS: &str = "asyncio/locks.py";
    pub static LOCK_ENTER: LibraryLine = at(LOCKS, 15, "__aenter__", "await self.acquire()", (0, 0));
    pub static LOCK_ACQUIRE: LibraryLine = at(LOCKS, 114, "acquire", "await fut", (0, 0));
    pub static EVENT_WAIT: LibraryLine = at(LOCKS, 213, "wait", "await fut", (0, 0));
    pub static LOCK_RELEASE: LibraryLine =
        at(LOCKS, 140, "release", "raise RuntimeError('Lock is not acquired.')", (0, 0));
    pub static CONDITION_UNACQUIRED: LibraryLine =
        at(LOCKS, 260, "wait", "raise RuntimeError('cannot wait on un-acquired lock')", (0, 0));
    pub static CONDITION_REACQUIRED: LibraryLine = at(LOCKS, 283, "wait", "raise exceptions.CancelledError", (0, 0));
    pub static SEMAPHORE_RELEASE: LibraryLine =
        at(LOCKS, 434, "release", "raise ValueError('BoundedSemaphore released too many times')", (0, 0));
    pub static CONDITION_WAIT: LibraryLine = at(LOCKS, 267, "wait", "await fut", (0, 0));
    pub static CONDITION_WAIT_FOR: LibraryLine = at(LOCKS, 294, "wait_for", "await self.wait()", (0, 0));
    pub static SEMAPHORE_ACQUIRE: LibraryLine = at(LOCKS, 387, "acquire", "await fut", (0, 0));
    const TASK_GROUPS: &str = "asyncio/taskgroups.py";
    pub static TASK_GROUP_WAITING: LibraryLine =
        at(TASK_GROUPS, 110, "__aexit__", "await self._on_completed_fut", (0, 0));
    pub static TASK_GROUP_CANCELLED: LibraryLine =
        at(TASK_GROUPS, 134, "__aexit__", "raise propagate_cancellation_error", (0, 0));
    pub static TASK_GROUP_EXIT: LibraryLine = at(TASK_GROUPS, 145, "__aexit__", "raise me from None", (0, 0));
}

/// A coroutine of `asyncio` itself (`asyncio.sleep(1)`) or a future it returns
/// (`asyncio.gather(...)`): what awaiting it does, made when it was called.
pub struct Native {
    pub name: &'static str,
    pub future: RefCell<Option<super::interp::BoxFuture<'static, Res<Value>>>>,
    /// For `gather`: its children and the loop's record of it (CPython's
    /// `_GatheringFuture`, a future of its own with `cancel`, `result`, callbacks...).
    pub gathered: Option<Gathered>,
    /// `asyncio.sleep(0)`: a bare yield, which a coroutine driven by hand yields as `None`.
    pub bare_yield: bool,
    /// For a coroutine of asyncio's (`asyncio.sleep(1)`, `lock.acquire()`): what
    /// CPython's warning names if it is dropped without being awaited.
    pub unawaited: Option<Unawaited>,
    /// For a part of asyncio CPython writes as a coroutine of its own (a TaskGroup's
    /// `__aexit__`, a lock's `__aenter__`): its name in `graph`'s table.
    pub stands_in: Cell<Option<&'static str>>,
}

/// A coroutine's name as CPython's warning gives it (`sleep`, `Lock.acquire`), its
/// machine, and the line of the program that made it.
pub struct Unawaited {
    pub qualname: &'static str,
    pub interp: std::rc::Weak<Interp>,
    pub line: Cell<u32>,
}

impl Drop for Native {
    fn drop(&mut self) {
        let (Some(u), Some(_)) = (&self.unawaited, self.future.get_mut()) else { return };
        if let Some(interp) = u.interp.upgrade() {
            super::vm::warn_never_awaited(&interp, u.qualname, u.line.get());
        }
    }
}

/// What `gather` keeps for its own methods: its children, and its id on the loop.
#[derive(Clone)]
pub struct Gathered {
    pub children: Vec<Rc<PyTask>>,
    pub rt: Runtime,
    pub id: u32,
    pub return_exceptions: bool,
}

impl Native {
    pub fn value(name: &'static str, future: impl Future<Output = Res<Value>> + 'static) -> Value {
        Native::with(name, future, None)
    }

    fn with(
        name: &'static str,
        future: impl Future<Output = Res<Value>> + 'static,
        gathered: Option<Gathered>,
    ) -> Value {
        Value::Native(Rc::new(Native {
            name,
            future: RefCell::new(Some(Box::pin(future))),
            gathered,
            bare_yield: false,
            unawaited: None,
            stands_in: Cell::new(None),
        }))
    }

    /// A coroutine of asyncio's, which warns if it is dropped without being awaited
    /// (the line that made it is set once the call is over: see `call_on_stack`).
    pub fn coroutine(
        interp: &Rc<Interp>,
        qualname: &'static str,
        future: impl Future<Output = Res<Value>> + 'static,
        bare_yield: bool,
    ) -> Value {
        let name = qualname.rsplit('.').next().unwrap_or(qualname);
        let unawaited = Unawaited { qualname, interp: Rc::downgrade(interp), line: Cell::new(0) };
        Value::Native(Rc::new(Native {
            name,
            future: RefCell::new(Some(Box::pin(future))),
            gathered: None,
            bare_yield,
            unawaited: Some(unawaited),
            stands_in: Cell::new(None),
        }))
    }
}

impl Gathered {
    /// What the gather's future holds: `None` while pending; its list, or the
    /// exception it was set to (a child's, or a `CancelledError`).
    pub fn outcome(&self, interp: &Interp) -> Option<Res<Value>> {
        match self.rt.gather_outcome(self.id) {
            Outcome::Pending => None,
            Outcome::Cancelled => Some(Err(from_runtime(interp, Error::Cancelled))),
            Outcome::Failed(e) => {
                // A child's cancellation ends the gather with that child's own
                // CancelledError, as `_GatheringFuture` passes it on.
                let child =
                    self.rt.gather_failed_by(self.id).and_then(|id| self.children.iter().find(|t| t.id() == id));
                Some(Err(match (e, child) {
                    (Error::Cancelled, Some(child)) => interp.task_error(child, Error::Cancelled),
                    (e, _) => from_runtime(interp, e),
                }))
            }
            Outcome::Done => {
                let mut values = Vec::with_capacity(self.children.len());
                for child in &self.children {
                    values.push(match child.task.result() {
                        Ok(v) => v,
                        // As gather writes it: `CancelledError('')` for a child cancelled (a
                        // task keeps no message: its `Future.cancel()` is called without),
                        // with its message for a future of the loop's (see `gather`).
                        Err(Error::Cancelled) => {
                            let message = (&*child.coro_name == WRAPPED_FUTURE)
                                .then(|| child.cancelled_exc.borrow().as_ref()?.args.borrow().first().cloned())
                                .flatten();
                            Value::Exception(Exception::new(
                                ExcType::CancelledError,
                                vec![message.unwrap_or_else(|| Value::str(""))],
                            ))
                        }
                        Err(e) => match from_runtime(interp, e) {
                            Unwind::Raise(e) => Value::Exception(e),
                            halt => return Some(Err(halt)),
                        },
                    });
                }
                Some(Ok(Value::list(values)))
            }
        }
    }
}

/// The name of the coroutine of a task that waits for a future `gather` was given.
const WRAPPED_FUTURE: &str = "_wrap_future";

/// An `asyncio.Task`.
pub struct PyTask {
    pub task: runtime::Task<Value>,
    pub name: RefCell<Str>,
    pub coro_name: Str,
    /// The message of the last `cancel(msg)`, until the `CancelledError` it causes is
    /// raised in the task (CPython's `_cancel_message`).
    pub cancel_message: RefCell<Option<Value>>,
    /// The `CancelledError` the task ended with, for the first to ask for its result
    /// (CPython's `_cancelled_exc`): the same object, with its message.
    pub cancelled_exc: RefCell<Option<Rc<Exception>>>,
    /// Whether anything asked for its outcome (awaited it, gathered it, called
    /// `result()`...): a task that failed unasked is reported at the end, as CPython
    /// reports it when the task is collected.
    pub retrieved: Cell<bool>,
    /// The line of its coroutine's `async def`.
    pub defined_at: u32,
    /// The fiber its coroutine runs on, to read its frames between steps.
    pub fiber: Option<std::rc::Weak<RefCell<Fiber>>>,
    /// The coroutine it was made of, for `get_coro()` (CPython's task keeps it too).
    pub coro: RefCell<Option<Value>>,
    /// Made in debug mode: where `loop.create_task` was called, a file of CPython's
    /// library (under `LIBRARY`) or, for `None`, main.py, and the line.
    pub created_at: Cell<Option<(Option<&'static str>, u32)>>,
    /// One of `asyncio.run`'s own, closing an async generator left suspended: the
    /// trace records nothing of it, and the frames view leaves it out.
    pub closing: Cell<bool>,
    /// Who awaits it besides a task's `await` (a TaskGroup's task, a gather's child),
    /// as CPython 3.14's `future_add_to_awaited_by` notes it (see `graph`).
    pub awaited_by: RefCell<Vec<super::graph::Edge>>,
    /// The task its `wait_for` made of the coroutine it was given, which CPython 3.14's
    /// `wait_for` awaits itself: the await graph shows it within this task's chain.
    pub wait_for: RefCell<Option<Rc<PyTask>>>,
}

impl PyTask {
    /// `task.get_coro()`: the coroutine it runs (None once it is over).
    pub fn coroutine(&self) -> Option<Value> {
        if let Some(coro) = self.coro.borrow().clone() {
            return Some(coro);
        }
        let fiber = self.fiber.as_ref()?.upgrade()?;
        let fiber = fiber.try_borrow().ok()?;
        if let Some(Start::Gen(g, ..)) = &fiber.start {
            return Some(Value::Generator(g.clone()));
        }
        fiber.frames.iter().find_map(|f| f.gen.clone()).map(Value::Generator)
    }

    /// As CPython's repr: `<Task finished name='Task-2' coro=<work() done, defined at
    /// main.py:9> result=3>`; a pending task's coroutine is `running at` the line where
    /// it stands (the line it runs, for the task that asks).
    pub fn repr(&self) -> String {
        thread_local! {
            /// The tasks whose reprs are being written: a task met again inside its own
            /// (tasks that await each other) is `...`, as `reprlib.recursive_repr` has it.
            static WRITING: RefCell<Vec<TaskId>> = const { RefCell::new(Vec::new()) };
        }
        let id = self.id();
        if WRITING.with(|w| w.borrow().contains(&id)) {
            return "...".to_owned();
        }
        WRITING.with(|w| w.borrow_mut().push(id));
        let repr = self.repr_ended(None);
        WRITING.with(|w| w.borrow_mut().retain(|&t| t != id));
        repr
    }

    /// [`PyTask::repr`], for a task whose step just ended it with `ended` (before the
    /// loop has recorded the end).
    pub fn repr_ended(&self, ended: Option<&Res<Value>>) -> String {
        let task = &self.task;
        // What it ended with: its value, the exception it raised, or None if cancelled.
        let outcome = match ended {
            Some(Ok(v)) => Some(Ok(v.clone())),
            Some(Err(Unwind::Raise(e))) if e.kind == ExcType::CancelledError => Some(Err(None)),
            Some(Err(Unwind::Raise(e))) => Some(Err(Some(e.clone()))),
            Some(Err(Unwind::Halt(_))) => None,
            None if task.done() => Some(match task.result() {
                Ok(v) => Ok(v),
                Err(Error::Raised(e)) => Err(Some(exception_of(&e))),
                Err(Error::Cancelled) => Err(None),
            }),
            None => None,
        };
        let state = match &outcome {
            None if task.cancelling() > 0 => "cancelling",
            None => "pending",
            Some(Err(None)) => "cancelled",
            Some(_) => "finished",
        };
        let mut out =
            format!("<Task {state} name={} coro=<{}()", Value::Str(self.name.borrow().clone()).repr(), self.coro_name);
        // (An async generator's step, `anext(agen)`, has no code to say where it is.)
        let codeless = self.coro_name.starts_with("<async_generator");
        if codeless {
            out.push('>');
        }
        if let Some(outcome) = outcome {
            let defined = match self.library_sleep() {
                Some(_) => "/lib/python3.11/asyncio/tasks.py:637".to_owned(),
                None => format!("main.py:{}", self.defined_at),
            };
            if !codeless {
                out.push_str(&format!(" done, defined at {defined}>"));
            }
            match outcome {
                Ok(v) => out.push_str(&format!(" result={}", v.repr())),
                Err(Some(e)) => out.push_str(&format!(" exception={}", Value::Exception(e).repr())),
                Err(None) => {}
            }
        } else {
            if !codeless {
                let (file, line, _) = self.standing();
                out.push_str(&format!(" running at {file}:{line}>"));
            }
            if let Some((kind, state)) = task.waits_on() {
                // What its coroutine awaits, as the program sees it; or a sleep's future.
                let awaited = self.fiber.as_ref().and_then(std::rc::Weak::upgrade).and_then(|fiber| {
                    let fiber = fiber.try_borrow().ok()?;
                    fiber.leaf.as_ref()?.awaited.clone()
                });
                match awaited {
                    Some(awaited) => out.push_str(&format!(" wait_for={}", awaited.repr())),
                    None => out.push_str(&match state {
                        Outcome::Pending => format!(" wait_for=<{kind} pending cb=[Task.task_wakeup()]>"),
                        Outcome::Cancelled => format!(" wait_for=<{kind} cancelled>"),
                        _ => format!(" wait_for=<{kind} finished result=None>"),
                    }),
                }
            }
            if let Some(callbacks) = super::objects::callbacks_repr(task.done_callbacks()) {
                out.push(' ');
                out.push_str(&callbacks);
            }
        }
        match self.created_at.get() {
            Some((Some(file), line)) => {
                out.push_str(&format!(" created at {}{file}:{line}", super::exceptions::LIBRARY))
            }
            Some((None, line)) => out.push_str(&format!(" created at main.py:{line}")),
            None => {}
        }
        out.push('>');
        out
    }

    /// Made in debug mode, it keeps where: where CPython's library would make it
    /// (`made_by`), or the line of the program that did.
    fn made_by(&self, made_by: Option<(&'static str, u32)>, interp: &Interp) {
        if interp.loop_debug() {
            self.created_at.set(Some(match made_by {
                Some((file, line)) => (Some(file), line),
                None => (None, interp.calling_line.get()),
            }));
        }
    }

    /// For a task of `asyncio.sleep(...)` itself, the line of CPython's `sleep` where
    /// its frame stands (its `await __sleep0()` for no delay).
    pub fn library_sleep(&self) -> Option<&'static super::exceptions::LibraryLine> {
        match &*self.coro.borrow() {
            Some(Value::Native(n)) if n.name == "sleep" && n.bare_yield => Some(&lines::SLEEP_ZERO),
            Some(Value::Native(n)) if n.name == "sleep" => Some(&lines::SLEEP),
            _ if self.defined_at == 0 && &*self.coro_name == "sleep" => Some(&lines::SLEEP),
            _ => None,
        }
    }

    /// Where its pending coroutine's frame stands: the file as a traceback names it,
    /// the line, and for a line of CPython's library its text.
    fn standing(&self) -> (String, u32, Option<&'static str>) {
        if let Some(at) = self.library_sleep() {
            return (format!("{}{}", super::exceptions::LIBRARY, at.file), at.line, Some(at.text));
        }
        let line = match self.fiber.as_ref().and_then(std::rc::Weak::upgrade) {
            Some(fiber) => match fiber.try_borrow() {
                Ok(fiber) => fiber.coroutine_line().unwrap_or(self.defined_at),
                // The task asking about itself: the line it runs.
                Err(_) => super::vm::running_line(),
            },
            None => self.defined_at,
        };
        ("main.py".to_owned(), line, None)
    }

    /// Where its coroutine's frame stands, as `get_stack()` gives it: the file, line,
    /// function and, for CPython's library, the line's text (none once it is done).
    pub fn stack_place(&self) -> Option<(String, u32, Str, Option<&'static str>)> {
        if self.task.done() {
            return None;
        }
        let (file, line, text) = self.standing();
        Some((file, line, self.coro_name.clone(), text))
    }

    /// The task a notebook cell runs in: its outcome is the run's, never reported apart.
    pub fn of_cell(task: runtime::Task<Value>) -> PyTask {
        PyTask {
            name: RefCell::new(format!("Task-{}", task.id() + 1).into()),
            task,
            coro_name: Str::from("<cell>"),
            cancel_message: RefCell::default(),
            cancelled_exc: RefCell::default(),
            retrieved: Cell::new(true),
            defined_at: 0,
            fiber: None,
            coro: RefCell::default(),
            created_at: Cell::default(),
            closing: Cell::new(false),
            awaited_by: RefCell::default(),
            wait_for: RefCell::default(),
        }
    }

    pub fn id(&self) -> TaskId {
        self.task.id()
    }

    /// CPython's report of a task that failed and whose exception nobody asked for,
    /// without the traceback: `Task exception was never retrieved`, then the task.
    pub fn never_retrieved(&self) -> Option<(String, Rc<Exception>)> {
        if self.retrieved.get() || !self.task.clone().done() {
            return None;
        }
        let Err(Error::Raised(e)) = self.task.clone().result() else { return None };
        let e = exception_of(&e);
        let text = format!("Task exception was never retrieved\nfuture: {}", self.repr());
        Some((text, e))
    }
}

/// An exception on its way through the loop: the loop's error, carrying the program's
/// exception object.
pub fn to_runtime(interp: &Interp, unwind: Unwind) -> Error {
    match unwind {
        Unwind::Raise(e) if e.kind == ExcType::CancelledError => Error::Cancelled,
        Unwind::Raise(e) => {
            let kind = e.kind.name();
            let message = e.message();
            Error::Raised(runtime::Exception::with_payload(kind, message, e))
        }
        Unwind::Halt(message) => {
            interp.halt(message);
            Error::Cancelled
        }
    }
}

/// The loop's error as the program sees it.
pub fn from_runtime(interp: &Interp, error: Error) -> Unwind {
    if let Some(message) = interp.halted() {
        return Unwind::Halt(message);
    }
    match error {
        Error::Cancelled => Unwind::Raise(interp.cancelled_error()),
        Error::Raised(e) => Unwind::Raise(exception_of(&e)),
    }
}

impl Interp {
    /// The `CancelledError` a cancellation raises in the running task: with the message
    /// its `cancel(msg)` gave, if any.
    fn cancelled_error(&self) -> Rc<Exception> {
        let task = self.rt().and_then(|rt| rt.current_task()).and_then(|id| self.tasks.borrow().get(&id).cloned());
        let message = task.and_then(|task| task.cancel_message.borrow_mut().take());
        Exception::new(ExcType::CancelledError, message.into_iter().collect())
    }

    /// In debug mode, when a step or callback begins: the time on the program's clock.
    pub fn debug_started(&self) -> Option<f64> {
        match self.loop_debug() {
            true => self.rt().map(|rt| rt.time()),
            false => None,
        }
    }

    /// After a step or callback that began at `started` in debug mode: how long it
    /// took, if that is `loop.slow_callback_duration` or more.
    pub fn took_long(&self, started: f64) -> Option<f64> {
        let took = self.rt()?.time() - started;
        (took >= self.loop_state(|l| l.slow_callback_duration.get()) && self.halted().is_none()).then_some(took)
    }

    /// In debug mode, after a step of the running task that began at `started`: if it
    /// took long, the loop says so, as CPython's logs it to the "asyncio" logger.
    fn report_slow_step(self: &Rc<Self>, started: f64, ended: Option<&Res<Value>>) {
        let Some(took) = self.took_long(started) else { return };
        let Some(rt) = self.rt() else { return };
        let task = rt.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned());
        if let Some(task) = task {
            self.report_slow(task.repr_ended(ended), took);
        }
    }

    /// `Executing <handle> took 0.123 seconds`, through asyncio's Python part.
    pub fn report_slow(self: &Rc<Self>, handle: String, took: f64) {
        if let Some(report) = self.global("asyncio._slow_callback") {
            self.report_through(report, vec![Value::str(&handle), Value::Float(took)]);
        }
    }

    /// What asking for the result of `task`, which ended with `error`, raises: the
    /// `CancelledError` it ended with, the first time, as CPython's `_make_cancelled_error`.
    pub fn task_error(&self, task: &PyTask, error: Error) -> Unwind {
        if matches!(error, Error::Cancelled) && self.halted().is_none() {
            if let Some(e) = task.cancelled_exc.borrow_mut().take() {
                return Unwind::Raise(e);
            }
            // A task cancelled before its first step: with the message of its
            // `cancel(msg)`, which nothing inside it raised.
            if let Some(message) = task.cancel_message.borrow().clone() {
                return Unwind::Raise(Exception::new(ExcType::CancelledError, vec![message]));
            }
        }
        from_runtime(self, error)
    }
}

pub fn exception_of(e: &runtime::Exception) -> Rc<Exception> {
    if let Some(payload) = e.payload() {
        if let Ok(exception) = payload.clone().downcast::<Exception>() {
            return exception;
        }
    }
    if !e.exceptions().is_empty() {
        let members = e.exceptions().iter().map(exception_of).collect();
        return Exception::group(ExcType::ExceptionGroup, e.message(), members);
    }
    let kind = ExcType::ALL.iter().copied().find(|k| k.name() == e.kind()).unwrap_or(ExcType::RuntimeError);
    Exception::with_message(kind, e.message())
}

impl Interp {
    pub fn runtime(&self) -> Res<Runtime> {
        match self.rt() {
            Some(rt) if rt.current_task().is_some() => Ok(rt),
            _ => raise(ExcType::RuntimeError, "no running event loop"),
        }
    }

    /// The task object for the loop's task `id`.
    pub(crate) fn task_value(&self, id: TaskId) -> Value {
        self.tasks.borrow().get(&id).map_or(Value::None, |t| Value::Task(t.clone()))
    }

    /// A task for `coro` (`asyncio.create_task`, and the tasks `gather` and `run` make),
    /// in a TaskGroup or not.
    pub fn create_task_in(
        self: &Rc<Self>,
        group: Option<&runtime::TaskGroup>,
        coro: Value,
        name: Option<Str>,
    ) -> Res<Rc<PyTask>> {
        self.create_task_of(group, coro, name, false)
    }

    /// `ensure_future(awaitable)`'s task, for what `gather` and `wait_for` take: a
    /// coroutine, or an object whose `__await__` gives an iterator (the task runs that,
    /// as CPython's `_wrap_awaitable` does).
    pub fn task_for_awaitable(self: &Rc<Self>, awaitable: Value) -> Res<Rc<PyTask>> {
        let factory = self.global("asyncio._task_factory").filter(|f| !matches!(f, Value::None));
        let awaitable = match awaitable {
            // A coroutine becomes a task as `loop.create_task` makes it: by the task
            // factory, if the program set one.
            Value::Generator(g) if g.is_coroutine() && factory.is_some() => {
                self.create_task_by_factory(Value::Generator(g), None)?
            }
            other => other,
        };
        // An object of a class derived from asyncio.Task: its own task.
        if let Value::Instance(i) = &awaitable {
            if i.class.stands_on("_TaskSubclass") {
                if let Value::Task(task) = self.load_attr(&awaitable, "_future")? {
                    return Ok(task);
                }
            }
        }
        if let Value::Task(task) = awaitable {
            return Ok(task);
        }
        self.task_made_by.set(Some(lines::ENSURE_FUTURE));
        let awaitable = match &awaitable {
            Value::Instance(_) => match self.await_iterator(&awaitable)? {
                Value::Iterator(it) => match &*it.borrow() {
                    super::value::Iter::Await(native) => native.clone(),
                    _ => unreachable!("an iterator `await_iterator` gives is a coroutine's"),
                },
                generator => generator,
            },
            _ => awaitable,
        };
        self.create_task_of(None, awaitable, None, true)
    }

    /// Whether the loop is running now (a task's step or a callback): what
    /// `get_running_loop()` and `loop.is_running()` ask.
    pub fn loop_running(&self) -> bool {
        self.rt().is_some_and(|rt| rt.is_running() || rt.current_task().is_some())
    }

    /// `create_task(coro, context=ctx)`: the next task made runs in that
    /// `contextvars.Context` (its dict, shared), not a copy of the current one.
    pub fn given_task_context(self: &Rc<Self>, context: Option<Value>) -> Res<()> {
        match context {
            None | Some(Value::None) => Ok(()),
            Some(given) => match self.load_attr(&given, "_data")? {
                Value::Dict(d) => {
                    *self.task_context.borrow_mut() = Some(d);
                    Ok(())
                }
                _ => raise(ExcType::TypeError, "context must be a contextvars.Context"),
            },
        }
    }

    /// `loop.create_task(coro, name=...)`: the loop's task factory's task if one is set
    /// (`loop.set_task_factory`, kept by asyncio's Python part), named after it.
    pub fn create_task_by_factory(self: &Rc<Self>, coro: Value, name: Option<Value>) -> Res<Value> {
        let name = name.filter(|v| !matches!(v, Value::None));
        let task = match self.global("asyncio._task_factory") {
            Some(factory) if !matches!(factory, Value::None) => {
                let task = self.call_value(factory, vec![self.loop_object(), coro], Vec::new())?;
                if let Some(name) = name {
                    let set_name = self.load_attr(&task, "set_name")?;
                    self.call_value(set_name, vec![name], Vec::new())?;
                }
                return Ok(task);
            }
            _ => self.create_task_in(None, coro, name.map(|v| Str::from(v.to_str())))?,
        };
        Ok(Value::Task(task))
    }

    fn create_task_of(
        self: &Rc<Self>,
        group: Option<&runtime::TaskGroup>,
        coro: Value,
        name: Option<Str>,
        wrapped: bool,
    ) -> Res<Rc<PyTask>> {
        // (Taken first: a task not made does not pass it on to the next.)
        let made_by = self.task_made_by.take();
        let rt = self.running()?;
        let interp = self.clone();
        let make =
            |label: String, future: Pin<Box<dyn Future<Output = Result<Value, Error>>>>| -> Res<runtime::Task<Value>> {
                match group {
                    Some(group) => group.create_task(label, future).map_err(|e| from_runtime(self, e)),
                    None => Ok(rt.create_task(label, future)),
                }
            };
        let mut defined_at = 0;
        let begun = matches!(coro, Value::AsyncStep(_));
        let (start, label, coro_name) = match coro {
            Value::Generator(g) if g.is_coroutine() => {
                g.schedule()?;
                defined_at = g.code.first_line;
                let name = g.qualname.clone();
                (Start::Gen(g.clone(), Delivery::Value(Value::None), Root::Call), g.label.clone(), name)
            }
            // What an object's `__await__` gave, run as CPython's `_wrap_awaitable()` runs it.
            Value::Generator(g) if wrapped && g.kind() == super::bytecode::CodeKind::Generator => {
                if g.is_running() || g.is_finished() {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine");
                }
                let name = Str::from("_wrap_awaitable");
                (Start::Gen(g.clone(), Delivery::Value(Value::None), Root::Call), "_wrap_awaitable()".into(), name)
            }
            Value::AsyncStep(step) => {
                let close = step.close;
                let Some(delivery) = step.delivery.borrow_mut().take() else {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
                };
                // (As CPython's repr of a task names the awaitable, which has no name.)
                let name = Str::from(if close {
                    "<async_generator_athrow without __name__>"
                } else {
                    "<async_generator_asend without __name__>"
                });
                (Start::Gen(step.agen.clone(), delivery, Root::AsyncStep { close }), format!("{name}()"), name)
            }
            Value::Native(native) => {
                let Some(future) = native.future.borrow_mut().take() else {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine");
                };
                let future = async move {
                    future.await.map_err(|e| {
                        remember_cancelled(&interp, &e);
                        to_runtime(&interp, e)
                    })
                };
                let task = make(format!("{}()", native.name), Box::pin(future))?;
                let task = self.register_task(task, group, name, Str::from(native.name), 0, None);
                task.made_by(made_by, self);
                *task.coro.borrow_mut() = Some(Value::Native(native.clone()));
                return Ok(task);
            }
            other => return raise(ExcType::TypeError, format!("a coroutine was expected, got {}", other.repr())),
        };
        let coro = match &start {
            Start::Gen(g, _, Root::Call) if g.is_coroutine() => Some(Value::Generator(g.clone())),
            _ => None,
        };
        let fiber = Rc::new(RefCell::new(Fiber::new(FiberKind::Task, start)));
        fiber.borrow_mut().base_depth = super::interp::TASK_DEPTH;
        let weak = Rc::downgrade(&fiber);
        let context = Some(interp.task_context.take().unwrap_or_else(|| interp.context_copy()));
        let future = TaskFuture { interp: interp.clone(), fiber, on_end: None, context };
        let task = make(label, Box::pin(future))?;
        if begun {
            // A cancellation before its first step is thrown into the generator.
            rt.begun(task.id());
        }
        let task = self.register_task(task, group, name, coro_name, defined_at, Some(weak));
        task.made_by(made_by, self);
        *task.coro.borrow_mut() = coro;
        Ok(task)
    }

    /// The program's object for a task the loop made.
    fn register_task(
        &self,
        task: runtime::Task<Value>,
        group: Option<&runtime::TaskGroup>,
        name: Option<Str>,
        coro_name: Str,
        defined_at: u32,
        fiber: Option<std::rc::Weak<RefCell<Fiber>>>,
    ) -> Rc<PyTask> {
        // (A task made by one of a thread's `asyncio.run` runs in that thread.)
        let maker = self.rt().and_then(|rt| rt.current_task());
        if let Some(thread) = maker.and_then(|id| self.thread_owners.borrow().get(&id).copied()) {
            self.thread_owners.borrow_mut().insert(task.id(), thread);
            if let Some(rt) = self.rt() {
                rt.threaded(task.id());
            }
        }
        let number = (i64::from(task.id()) + 1 + self.task_numbers_skipped.get()).max(1);
        let name = name.unwrap_or_else(|| format!("Task-{number}").into());
        let task = Rc::new(PyTask {
            task,
            name: RefCell::new(name),
            coro_name,
            cancel_message: RefCell::default(),
            cancelled_exc: RefCell::default(),
            // A TaskGroup asks for every task's outcome.
            retrieved: Cell::new(group.is_some()),
            defined_at,
            fiber,
            coro: RefCell::default(),
            created_at: Cell::default(),
            closing: Cell::new(false),
            awaited_by: RefCell::default(),
            wait_for: RefCell::default(),
        });
        self.tasks.borrow_mut().insert(task.id(), task.clone());
        if let Some(group) = group {
            // (CPython 3.14's TaskGroup notes its parent awaits each of its tasks.)
            Interp::awaited_by_task(&Value::Task(task.clone()), group.parent());
        }
        task
    }

    /// A task that failed, if nothing refers to it but the machine's table of tasks:
    /// reported now if nobody asked for its exception (CPython collects it at once).
    pub fn collect_failed(self: &Rc<Self>, id: TaskId) {
        let Some(task) = self.tasks.borrow().get(&id).cloned() else { return };
        // (The table's and this one.)
        if Rc::strong_count(&task) > 2 {
            return;
        }
        if let Some((_, e)) = task.never_retrieved() {
            task.retrieved.set(true);
            let message = "Task exception was never retrieved".to_owned();
            self.report_to_handler(message, Some(e), &[("future", Value::Task(task))]);
        }
    }

    /// Each task still pending when the program ends goes to the loop's exception
    /// handler, as CPython's does when the task is collected at exit.
    pub fn report_destroyed_pending(self: &Rc<Self>) {
        let mut tasks: Vec<Rc<PyTask>> = self.tasks.borrow().values().filter(|t| !t.task.done()).cloned().collect();
        // (A gather's children are held in a cycle, which is never collected then.)
        if let Some(rt) = self.rt() {
            tasks.retain(|t| !rt.in_gather(t.id()));
        }
        tasks.sort_by_key(|t| t.id());
        for task in tasks {
            let message = "Task was destroyed but it is pending!".to_owned();
            self.report_to_handler(message, None, &[("task", Value::Task(task))]);
        }
    }

    /// Each task that failed with nobody asking goes to the loop's exception handler,
    /// once, as CPython's does when the task is collected.
    pub fn report_never_retrieved(self: &Rc<Self>) {
        let tasks: Vec<Rc<PyTask>> = self.tasks.borrow().values().cloned().collect();
        for task in tasks {
            if let Some((_, e)) = task.never_retrieved() {
                task.retrieved.set(true);
                let message = "Task exception was never retrieved".to_owned();
                self.report_to_handler(message, Some(e), &[("future", Value::Task(task))]);
            }
        }
    }

    /// Where CPython closes the loop: in debug mode, it logs it, as it stands before
    /// closing (see `logging._loop_closed`).
    pub fn loop_closing(self: &Rc<Self>) -> Res<()> {
        if self.loop_state(|l| l.debug.get() && !l.closed.get()) {
            if let Some(note) = self.global("logging._loop_closed") {
                self.call_value(note, vec![self.loop_object()], Vec::new())?;
            }
        }
        Ok(())
    }

    /// Where CPython makes a new event loop: it logs which selector it uses, which a
    /// program that logs at DEBUG sees (see `logging._loop_made`).
    fn loop_made(self: &Rc<Self>) -> Res<()> {
        self.new_loop_object();
        self.loop_state(|l| l.debug.set(false));
        if let Some(made) = self.global("asyncio._loop_made") {
            self.call_value(made, Vec::new(), Vec::new())?;
        }
        if let Some(note) = self.global("logging._loop_made") {
            self.call_value(note, Vec::new(), Vec::new())?;
        }
        Ok(())
    }

    /// Calls a function of `asyncio` or `time`, or a task's method. The ones that block
    /// (`asyncio.run`, `time.sleep`, `gather` making its tasks) give a future to wait on.
    pub fn call_asyncio(
        self: &Rc<Self>,
        f: Fn,
        this: Option<Value>,
        mut args: Vec<Value>,
        mut kwargs: Vec<(Str, Value)>,
    ) -> Res<Called> {
        // Parameters that may be given by keyword (`sleep(delay=1)`), as positional ones.
        let params: &[&str] = match f {
            Fn::Sleep => &["delay", "result"],
            Fn::WaitFor => &["fut", "timeout"],
            Fn::Shield => &["arg"],
            Fn::Wait | Fn::AsCompleted => &["fs"],
            Fn::EnsureFuture => &["coro_or_future"],
            Fn::CreateTask | Fn::Task => &["coro"],
            Fn::Run | Fn::RunUntilComplete => &["main"],
            _ => &[],
        };
        fold_keywords(f.name(), params, &mut args, &mut kwargs)?;
        let mut kwarg = |key: &str| kwargs.iter().position(|(k, _)| &**k == key).map(|i| kwargs.remove(i).1);
        match f {
            Fn::TimeSleep => {
                let interp = self.clone();
                Ok(Called::Wait(Box::pin(async move { interp.time_sleep(args).await })))
            }
            Fn::Run | Fn::RunUntilComplete => {
                let debug = kwarg("debug").is_some_and(|v| v.truthy());
                self.run_main(f, args, debug)
            }
            Fn::BlockOn => self.block_on(args),
            Fn::Gather => {
                let return_exceptions = kwarg("return_exceptions").is_some_and(|v| v.truthy());
                let interp = self.clone();
                if self.rt().is_some_and(|rt| rt.current_task().is_none()) {
                    // Outside the running loop (`loop.run_until_complete(gather(...))`):
                    // the loop runs it once it runs (see `run_main`). Its coroutines
                    // become tasks of the current loop, which there may not be.
                    if args.is_empty() || args.iter().any(|a| !matches!(a, Value::Task(_) | Value::Future(_))) {
                        self.current_loop_outside(&[&lines::GATHER_OUTSIDE, &lines::ENSURE_FUTURE_LOOP], &args)?;
                    }
                    let rt = self.running()?;
                    let gather = async move {
                        let Value::Native(gathered) = interp.gather(rt, args, return_exceptions).await? else {
                            unreachable!("gather gives its future")
                        };
                        let future = gathered.future.borrow_mut().take().expect("not awaited yet");
                        future.await
                    };
                    return Ok(Called::Value(Native::value("gather", gather)));
                }
                let rt = self.runtime()?;
                Ok(Called::Wait(Box::pin(async move { interp.gather(rt, args, return_exceptions).await })))
            }
            Fn::WaitFor => {
                let timeout = kwarg("timeout");
                let mut args = args.into_iter();
                let aw = args.next().unwrap_or(Value::None);
                let timeout = timeout.or_else(|| args.next()).unwrap_or(Value::None);
                if let Value::None = timeout {
                    // `await wait_for(aw, None)` is `await aw`.
                    return Ok(Called::Value(aw));
                }
                let interp = self.clone();
                Ok(Called::Value(Native::coroutine(
                    self,
                    "wait_for",
                    async move { interp.wait_for(aw, timeout).await },
                    false,
                )))
            }
            _ => self.call_asyncio_now(f, this, args, kwargs).map(Called::Value),
        }
    }

    /// The functions of `asyncio` and `time` that are done at once.
    fn call_asyncio_now(
        self: &Rc<Self>,
        f: Fn,
        this: Option<Value>,
        mut args: Vec<Value>,
        mut kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        let mut kwarg = |key: &str| kwargs.iter().position(|(k, _)| &**k == key).map(|i| kwargs.remove(i).1);
        match f {
            Fn::Wait => {
                let timeout = kwarg("timeout").unwrap_or(Value::None);
                let when = kwarg("return_when").map_or("ALL_COMPLETED".to_owned(), |v| v.to_str());
                let aws = args.into_iter().next().unwrap_or(Value::None);
                let interp = self.clone();
                let wait = async move {
                    if !matches!(&*when, "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED") {
                        return raise(ExcType::ValueError, format!("Invalid return_when value: {when}"));
                    }
                    interp.wait(aws, timeout, &when).await
                };
                Ok(Native::coroutine(self, "wait", wait, false))
            }
            Fn::Shield => self.shield(args.into_iter().next().unwrap_or(Value::None)),
            // (Read where the machine calls them, which knows the running frames.)
            Fn::CallGraphOf | Fn::RunningGraph => Ok(Value::list(Vec::new())),
            Fn::FutureAddToAwaitedBy | Fn::FutureDiscardFromAwaitedBy => {
                let given = args.len();
                let Ok([target, waiter]) = <[Value; 2]>::try_from(args) else {
                    return raise(
                        ExcType::TypeError,
                        format!("{}() takes exactly 2 arguments ({given} given)", f.name()),
                    );
                };
                if f == Fn::FutureAddToAwaitedBy {
                    self.add_awaited_by(&target, &waiter, false);
                } else {
                    self.discard_awaited_by(&target, &waiter);
                }
                Ok(Value::None)
            }
            Fn::AsCompleted => {
                let timeout = kwarg("timeout").unwrap_or(Value::None);
                let futures = kwarg("futures").is_some_and(|v| v.truthy());
                self.as_completed(args.into_iter().next().unwrap_or(Value::None), timeout, futures)
            }
            Fn::TaskCancelling => {
                let Some(Value::Task(task)) = this else { unreachable!("bound to a task") };
                Ok(Value::Int(self.running()?.cancelling(task.id()) as i64))
            }
            Fn::TaskUncancel => {
                let Some(Value::Task(task)) = this else { unreachable!("bound to a task") };
                Ok(Value::Int(self.running()?.uncancel(task.id()) as i64))
            }
            Fn::Lock
            | Fn::Event
            | Fn::Semaphore
            | Fn::BoundedSemaphore
            | Fn::TaskGroup
            | Fn::Future
            | Fn::Timeout
            | Fn::Condition => {
                // `asyncio.Future()` outside the loop is the event loop's, which
                // `get_event_loop` makes if there is none yet, as CPython's does.
                if f == Fn::Future && !kwargs.iter().any(|(k, _)| &**k == "loop") {
                    self.current_loop_outside(&[], &[])?;
                }
                super::objects::construct(self, f.name(), &args, &kwargs)
            }
            Fn::NewFuture => {
                let rt = self.rt().expect("a program runs with its loop");
                // (Its callbacks run on the loop's machinery, as the threads do.)
                self.loop_used.set(true);
                Ok(Value::Future(super::objects::PyFuture::new(&rt)))
            }
            Fn::GetRunningLoop => {
                if !self.loop_running() {
                    return raise(ExcType::RuntimeError, "no running event loop");
                }
                Ok(self.loop_object())
            }
            // The playground runs one loop per program: a new loop is that one.
            Fn::GetEventLoop => {
                self.current_loop_outside(&[], &[])?;
                Ok(self.loop_object())
            }
            Fn::NewEventLoop => {
                // The program has its loop: callbacks and tasks may be scheduled on it
                // before it runs (`run_forever`, `run_until_complete`).
                self.loop_made()?;
                self.loop_used.set(true);
                Ok(self.loop_object())
            }
            Fn::SetEventLoop => {
                self.no_current_loop.set(matches!(args.first(), Some(Value::None)));
                Ok(Value::None)
            }
            Fn::Sleep => {
                let result = kwarg("result");
                let delay = args.first().cloned().unwrap_or(Value::None);
                // Made without a running loop (`asyncio.run(asyncio.sleep(1))`), the
                // coroutine finds the loop when it runs, as CPython's does.
                let rt = self.rt();
                // (A number of the program's, a Fraction or a Decimal: by its __float__.)
                let as_number = |v: &Value| match v {
                    Value::Instance(i) => match i.special("__float__", Vec::new()) {
                        Some(Ok(Value::Float(x))) => Some(x),
                        _ => None,
                    },
                    other => other.as_float(),
                };
                // (A delay that is no number fails as the coroutine starts, comparing it.)
                let delay = as_number(&delay).ok_or_else(|| {
                    format!("'<=' not supported between instances of '{}' and 'int'", delay.type_name())
                });
                let bare_yield = matches!(delay, Ok(seconds) if seconds <= 0.0);
                let result = result.or_else(|| args.get(1).cloned()).unwrap_or(Value::None);
                let interp = self.clone();
                let sleep = async move {
                    let seconds = match delay {
                        Ok(seconds) => seconds,
                        Err(message) => {
                            return raise(ExcType::TypeError, message).map_err(|e| e.through(&[&lines::SLEEP_COMPARED]))
                        }
                    };
                    let rt = match rt {
                        Some(rt) => rt,
                        None => interp.runtime()?,
                    };
                    rt.sleep(seconds).await.map_err(|e| {
                        let passed: &[_] = if seconds <= 0.0 {
                            &[&lines::SLEEP_ZERO, &lines::SLEEP_ZERO_YIELD]
                        } else {
                            &[&lines::SLEEP]
                        };
                        from_runtime(&interp, e).through(passed)
                    })?;
                    Ok(result)
                };
                Ok(Native::coroutine(self, "sleep", sleep, bare_yield))
            }
            Fn::CreateTask => {
                self.runtime()?;
                let coro = args.drain(..).next().unwrap_or(Value::None);
                let context = kwarg("context");
                let in_context = context.as_ref().is_some_and(|c| !matches!(c, Value::None));
                self.task_made_by.set(Some(if in_context {
                    lines::CREATE_TASK_IN_CONTEXT
                } else {
                    lines::CREATE_TASK
                }));
                self.given_task_context(context)?;
                self.create_task_by_factory(coro, kwarg("name"))
            }
            // `asyncio.Task(coro)`, as a task factory makes them.
            Fn::Task => {
                let name = kwarg("name").filter(|v| !matches!(v, Value::None)).map(|v| Str::from(v.to_str()));
                self.runtime()?;
                let coro = args.drain(..).next().unwrap_or(Value::None);
                self.given_task_context(kwarg("context"))?;
                Ok(Value::Task(self.create_task_in(None, coro, name)?))
            }
            Fn::Context => Ok(Value::Dict(self.context.borrow().clone())),
            Fn::EnsureFuture => match args.drain(..).next() {
                Some(v @ (Value::Task(_) | Value::Future(_))) => Ok(v),
                // (Outside the running loop, a task of the loop for when it runs.)
                Some(coro @ Value::Generator(_)) => {
                    let via = [&lines::ENSURE_FUTURE_OUTSIDE, &lines::ENSURE_FUTURE_LOOP];
                    self.current_loop_outside(&via, std::slice::from_ref(&coro))?;
                    self.task_made_by.set(Some(lines::ENSURE_FUTURE));
                    Ok(Value::Task(self.create_task_in(None, coro, None)?))
                }
                // An awaitable object: a task that awaits it.
                Some(other) => {
                    let via = [&lines::ENSURE_FUTURE_OUTSIDE, &lines::ENSURE_FUTURE_LOOP];
                    self.current_loop_outside(&via, std::slice::from_ref(&other))?;
                    self.ensure_future(other).map(|f| f.value())
                }
                None => raise(
                    ExcType::TypeError,
                    "ensure_future() missing 1 required positional argument: 'coro_or_future'",
                ),
            },
            Fn::IsCoroutine => Ok(Value::Bool(match args.first() {
                Some(Value::Generator(g)) => g.kind() == super::bytecode::CodeKind::Coroutine,
                Some(Value::Native(_)) => true,
                _ => false,
            })),
            Fn::IsCoroutineFunction => Ok(Value::Bool(match args.first() {
                Some(Value::Function(f)) => f.code.kind == super::bytecode::CodeKind::Coroutine,
                Some(Value::BoundMethod(m)) => {
                    matches!(&m.function, Value::Function(f) if f.code.kind == super::bytecode::CodeKind::Coroutine)
                }
                Some(Value::Asyncio(f)) => matches!(f, Fn::Sleep | Fn::WaitFor | Fn::Wait),
                _ => false,
            })),
            Fn::IsFuture => Ok(Value::Bool(match args.first() {
                Some(Value::Task(_) | Value::Future(_)) => true,
                Some(Value::Native(n)) => n.gathered.is_some(),
                // (A future of the program's: a class derived from asyncio.Future.)
                Some(Value::Instance(i)) => i.class.stands_on("_FutureSubclass") || i.class.stands_on("_TaskSubclass"),
                _ => false,
            })),
            Fn::LocalNow => {
                let rt = self.rt().expect("a program runs with its loop");
                Ok(Value::Float(rt.local_epoch_ms() / 1000.0))
            }
            Fn::UtcOffset => {
                let rt = self.rt().expect("a program runs with its loop");
                Ok(Value::Float(rt.utc_offset()))
            }
            // (Its first argument: whether the thread runs in a copy of the current
            // context, or 2 for a `threading.Thread` of the program's own, which
            // `asyncio.run`'s end does not wait for.)
            Fn::RunInThread => {
                let mut args = args.into_iter();
                let kind = args.next();
                let own = matches!(kind, Some(Value::Int(2)));
                let copy_context = !own && kind.is_some_and(|v| v.truthy());
                let func = args.next().unwrap_or(Value::None);
                self.run_in_thread(copy_context, own, func, args.collect(), kwargs)
            }
            Fn::CanBlockLoop => Ok(Value::Bool(self.can_block_loop())),
            Fn::ThreadIdent => {
                // (Or the thread whose `asyncio.run` runs the task.)
                let running = self.rt().and_then(|rt| rt.current_task());
                let thread = match running {
                    Some(id) if self.in_thread() => Some(id),
                    Some(id) => self.thread_owners.borrow().get(&id).copied(),
                    None => None,
                };
                Ok(Value::Int(thread.map_or(0, |id| i64::from(id) + 1)))
            }
            Fn::StopMainRun => {
                // (`run_forever`'s main waits for the stop itself: see `_run_forever`.)
                let forever = |id| self.tasks.borrow().get(&id).is_some_and(|t| &*t.coro_name == "_run_forever");
                Ok(Value::Bool(self.rt().is_some_and(|rt| rt.stop_main_run(|id| !forever(id)))))
            }
            Fn::ThreadsDone => {
                let threads = self.threads.borrow().clone();
                let wait = async move {
                    for thread in threads {
                        let _ = thread.await;
                    }
                    Ok(Value::None)
                };
                Ok(Native::coroutine(self, "shutdown_default_executor", wait, false))
            }
            Fn::LogError => match self.global("logging._asyncio_error") {
                Some(log) => {
                    self.call_value(log, args, Vec::new())?;
                    Ok(Value::Bool(true))
                }
                None => Ok(Value::Bool(false)),
            },
            Fn::EnterContext => match args.drain(..).next() {
                Some(Value::Dict(d)) => Ok(Value::Dict(self.context.replace(d))),
                _ => raise(ExcType::TypeError, "_enter_context() takes a dict"),
            },
            Fn::CurrentTask => {
                let rt = self.runtime()?;
                Ok(rt.current_task().map_or(Value::None, |id| self.task_value(id)))
            }
            Fn::AllTasks => {
                // (`all_tasks(loop)` names a loop, running or not.)
                let rt = match kwarg("loop").or_else(|| args.first().cloned()) {
                    Some(Value::Object(_)) => self.running()?,
                    _ => self.runtime()?,
                };
                let tasks: Vec<Value> = self
                    .tasks
                    .borrow()
                    .values()
                    .filter(|t| rt.outcome(t.id()) == Outcome::Pending)
                    .map(|t| Value::Task(t.clone()))
                    .collect();
                super::builtins::construct(self, super::value::Type::Set, vec![Value::list(tasks)], Vec::new())
            }
            Fn::Time => {
                let rt = self.rt().expect("a program runs with its loop");
                Ok(Value::Float(rt.epoch_ms() / 1000.0))
            }
            Fn::Monotonic | Fn::PerfCounter => {
                let rt = self.rt().expect("a program runs with its loop");
                Ok(Value::Float(rt.time()))
            }
            Fn::TimeSleep | Fn::Run | Fn::RunUntilComplete | Fn::BlockOn | Fn::Gather | Fn::WaitFor => {
                unreachable!("call_asyncio handles the functions that wait")
            }
            Fn::TaskCancel
            | Fn::TaskCancelled
            | Fn::TaskDone
            | Fn::TaskResult
            | Fn::TaskException
            | Fn::TaskGetName => {
                let Some(Value::Task(task)) = this else { unreachable!("task methods are bound to tasks") };
                if f == Fn::TaskCancel {
                    let message =
                        kwarg("msg").or_else(|| args.into_iter().next()).filter(|m| !matches!(m, Value::None));
                    let cancelled = task.task.clone().cancel();
                    if task.task.runtime().take_cancel_overflow() {
                        // (Tasks that await each other: CPython's recursion has no end.)
                        let message = "maximum recursion depth exceeded while calling a Python object";
                        return raise(ExcType::RecursionError, message);
                    }
                    // (A second cancel before the first is delivered keeps the first's message.)
                    if cancelled && task.cancel_message.borrow().is_none() {
                        *task.cancel_message.borrow_mut() = message;
                    }
                    return Ok(Value::Bool(cancelled));
                }
                self.task_method(f, &task)
            }
        }
    }

    /// `time.sleep(seconds)`: the loop blocks, waited out in pieces, so that a long sleep
    /// can pause (and be stopped by the step's budget) like any long step.
    /// `func(*args, **kwargs)` on a thread: a task of the loop's that calls it, whose
    /// `time.sleep` lets the loop run meanwhile (see [`Interp::time_sleep`]). It takes
    /// no task's number and is no task of `all_tasks()`; a future of the loop's gets
    /// what it returns or raises. It runs in a copy of the caller's context
    /// (`to_thread`) or in a thread's own, empty one (`run_in_executor`).
    fn run_in_thread(
        self: &Rc<Self>,
        copy_context: bool,
        own: bool,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        // (Outside the loop, the thread starts once the loop runs: the program's main
        // thread does not wait for it there, see `threading`.)
        let Some(rt) = self.rt() else { return raise(ExcType::RuntimeError, "no running event loop") };
        self.loop_used.set(true);
        let future = super::objects::PyFuture::new(&rt);
        let name = match &func {
            Value::Function(f) => f.code.name.to_string(),
            other => super::builtins::getattr(other, "__name__").map_or_else(|_| "function".to_owned(), |n| n.to_str()),
        };
        // Called from a frame of asyncio's Python part (`_thread_call`), so that a
        // built-in that waits (`time.sleep` itself) has a frame to suspend.
        let start = match self.global("asyncio._thread_call") {
            Some(call) => {
                let mut named = super::value::Dict::default();
                for (k, v) in kwargs {
                    named.insert(super::value::Key::Str(k.clone()), Value::Str(k), v);
                }
                let named = Value::Dict(Rc::new(RefCell::new(named)));
                Start::Call(call, vec![func, Value::tuple(args), named], Vec::new())
            }
            None => Start::Call(func, args, kwargs),
        };
        let fiber = Rc::new(RefCell::new(Fiber::new(FiberKind::Task, start)));
        fiber.borrow_mut().base_depth = super::interp::TASK_DEPTH;
        let context = Some(if copy_context { self.context_copy() } else { Rc::default() });
        let run = TaskFuture { interp: self.clone(), fiber, on_end: None, context };
        let done = future.clone();
        let thread = async move {
            match run.await {
                Ok(value) => {
                    done.set_result(value);
                }
                Err(Error::Cancelled) => {
                    done.cancel();
                }
                Err(e) => {
                    done.fail(e);
                }
            }
            Ok(Value::None)
        };
        let task = rt.create_task(format!("{name}() in a thread"), Box::pin(thread));
        rt.detach(task.id());
        if own {
            rt.set_background(task.id());
        }
        self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
        // (Threads that returned are forgotten: `in_thread` looks through those left.)
        let mut threads = if own { self.own_threads.borrow_mut() } else { self.threads.borrow_mut() };
        threads.retain(|t| !t.done());
        threads.push(task);
        Ok(Value::Future(future))
    }

    /// Whether the running task stands for a thread (see [`Interp::run_in_thread`]).
    pub fn in_thread(&self) -> bool {
        let Some(id) = self.rt().and_then(|rt| rt.current_task()) else { return false };
        self.threads.borrow().iter().chain(self.own_threads.borrow().iter()).any(|t| t.id() == id)
    }

    /// Stop pressed, as Ctrl+C would be: whether the program handles SIGINT itself. A
    /// loop's handler (`loop.add_signal_handler`, while its loop is open) or one set by
    /// `signal.signal` (other than `default_int_handler`, whose Ctrl+C asyncio.run turns
    /// into main()'s cancellation) runs as the loop's next callback, as CPython's loop
    /// calls it once its poll wakes; `SIG_IGN` ignores it.
    pub fn take_sigint(self: &Rc<Self>) -> bool {
        use super::value::Key;
        let entry = |dict: Option<Value>| match dict {
            Some(Value::Dict(d)) => d.borrow().get(&Key::Int(2)).cloned(),
            _ => None,
        };
        let mut handler = None;
        if let Some(Value::Tuple(t)) = entry(self.global("asyncio._signal_handlers")) {
            let open = match t.first() {
                Some(Value::Object(o)) => !matches!(&**o, super::objects::Obj::Loop(state) if state.closed.get()),
                _ => false,
            };
            if let (true, Some(callback), Some(Value::Tuple(args))) = (open, t.get(1), t.get(2)) {
                handler = Some((callback.clone(), args.to_vec()));
            }
        }
        if handler.is_none() {
            let Some(set) = entry(self.global("signal._handlers")) else { return false };
            let named = |name: &str| self.global(name).is_some_and(|v| v.is(&set));
            if named("signal.SIG_IGN") {
                return true;
            }
            if named("signal.default_int_handler") || !super::builtins::is_callable(&set) {
                return false;
            }
            handler = Some((set, vec![Value::Int(2), Value::None]));
        }
        let (Some((callback, args)), Some(rt)) = (handler, self.rt()) else { return false };
        let interp = self.clone();
        rt.call_soon(move || interp.run_callback_args(callback, args, None));
        true
    }

    async fn time_sleep(self: &Rc<Self>, args: Vec<Value>) -> Res<Value> {
        let rt = self.rt().expect("a program runs with its loop");
        let seconds = args.first().and_then(Value::as_float).unwrap_or(0.0);
        if seconds < 0.0 {
            return raise(ExcType::ValueError, "sleep length must be non-negative");
        }
        if self.in_thread() {
            // A thread sleeps while the loop runs on.
            rt.sleep(seconds).await.map_err(|e| from_runtime(self, e))?;
            return Ok(Value::None);
        }
        // The main thread sleeping outside the loop while the program's threads run:
        // they go on meanwhile, as CPython's do.
        let threads_run = self.threads.borrow().iter().chain(self.own_threads.borrow().iter()).any(|t| !t.done());
        if rt.current_task().is_none() && threads_run {
            let (interp, sleeper) = (self.clone(), rt.clone());
            let called = self.main_waits("time.sleep", async move {
                sleeper.sleep(seconds).await.map_err(|e| from_runtime(&interp, e))?;
                Ok(Value::None)
            })?;
            return match called {
                Called::Wait(wait) => wait.await,
                Called::Value(v) => Ok(v),
                _ => unreachable!("the main thread waits"),
            };
        }
        rt.block(seconds);
        // Waited out in pieces, so that a long sleep can pause (and be stopped
        // by the step's budget) like any long step.
        let mut left = seconds;
        while left > 0.0 {
            let piece = left.min(super::interp::PAUSE_AFTER);
            rt.hold(piece);
            left -= piece;
            self.check_budget(true).await?;
        }
        Ok(Value::None)
    }

    /// `asyncio._block_on(future)`, outside the loop: a task of the playground's (it
    /// takes no number) waits for the future, and the module waits until the loop's
    /// machinery has run it, as `run_until_complete` does, without the loop being
    /// running to the program. Its result is the future's.
    fn block_on(self: &Rc<Self>, args: Vec<Value>) -> Res<Called> {
        let rt = self.rt().expect("a program runs with its loop");
        let mut args = args.into_iter();
        let futures = match args.next() {
            Some(Value::Future(future)) => vec![future],
            Some(Value::List(items)) => {
                let items = items.borrow();
                items.iter().filter_map(|f| if let Value::Future(f) = f { Some(f.clone()) } else { None }).collect()
            }
            _ => return raise(ExcType::TypeError, "_block_on() takes a future"),
        };
        if !self.in_thread() && rt.current_task().is_some() {
            // A coroutine waits for threads: the loop is blocked meanwhile, as CPython's.
            let _label = args.next();
            let timeout = args.next().and_then(|t| t.as_float());
            return self.block_loop(&rt, futures, timeout);
        }
        let Some(future) = futures.into_iter().next() else {
            return raise(ExcType::TypeError, "_block_on() takes a future");
        };
        // (What the main thread waits in, for the loop's view: `Thread.join`.)
        let label: &'static str = match args.next() {
            Some(Value::Str(s)) => super::classes::intern(&s),
            _ => "the main thread",
        };
        if !self.in_thread() && rt.current_task().is_some() {
            return raise(ExcType::RuntimeError, "_block_on() inside the running loop");
        }
        // With a timeout: a task of the playground's sets the future (to None) when it
        // is over, and is cancelled if the future is done first.
        let alarm = match args.next().and_then(|t| t.as_float()) {
            Some(timeout) => {
                let (gate, sleeper) = (future.clone(), rt.clone());
                let alarm = Native::value("a timeout", async move {
                    if sleeper.sleep(timeout.max(0.0)).await.is_ok() {
                        gate.set_result(Value::None);
                    }
                    Ok(Value::None)
                });
                let alarm = self.create_task_in(None, alarm, None)?;
                self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
                alarm.retrieved.set(true);
                Some(alarm)
            }
            None => None,
        };
        let interp = self.clone();
        let wait = async move {
            let outcome = future.wait(&interp).await;
            if let Some(alarm) = alarm {
                alarm.task.cancel();
            }
            outcome
        };
        if self.in_thread() {
            // One of the playground's threads waits as a task does.
            return Ok(Called::Wait(Box::pin(wait)));
        }
        self.main_waits(label, wait)
    }

    /// Whether the running code may block the loop while threads run (see
    /// [`Runtime::block_on`]): the step of one of the loop's tasks, not a callback, a
    /// call from Rust back into Python, or a thread.
    ///
    /// [`Runtime::block_on`]: crate::runtime::Runtime::block_on
    pub fn can_block_loop(&self) -> bool {
        let Some(rt) = self.rt() else { return false };
        rt.current_task().is_some() && !self.in_thread() && rt.may_pause() && self.may_pause()
    }

    /// A task's step waits for one of `futures` (which threads set), or `timeout`
    /// seconds, blocking the loop while the threads run (see [`Runtime::block_on`]):
    /// `None` once it is over either way; a `RuntimeError` if nothing could ever set
    /// them (a thread waiting for the loop this wait blocks: CPython's hangs there).
    ///
    /// [`Runtime::block_on`]: crate::runtime::Runtime::block_on
    fn block_loop(
        self: &Rc<Self>,
        rt: &Runtime,
        futures: Vec<Rc<super::objects::PyFuture>>,
        timeout: Option<f64>,
    ) -> Res<Called> {
        if futures.iter().any(|f| f.done()) {
            return Ok(Called::Value(Value::None));
        }
        if !self.can_block_loop() {
            return raise(
                ExcType::RuntimeError,
                "waiting for a thread here would block the event loop where it cannot wait (a callback, or a call from Rust): await asyncio.wrap_future(future) instead",
            );
        }
        let ids: Vec<runtime::FutureId> = futures.iter().map(|f| f.id).collect();
        let rt = rt.clone();
        Ok(Called::Wait(Box::pin(async move {
            match (BlockLoop { rt: rt.clone(), ids: Some(ids), timeout }).await {
                runtime::BlockEnd::Stuck => raise(
                    ExcType::RuntimeError,
                    "this wait blocks the event loop for threads that can never finish: they wait for the loop itself (CPython would hang here)",
                ),
                _ => Ok(Value::None),
            }
        })))
    }

    /// The main thread, outside the loop, waits for `wait` (labelled `label` in the
    /// loop's view) while the loop's machinery runs the threads meanwhile.
    fn main_waits(
        self: &Rc<Self>,
        label: &'static str,
        wait: impl std::future::Future<Output = Res<Value>> + 'static,
    ) -> Res<Called> {
        let rt = self.rt().expect("a program runs with its loop");
        self.loop_used.set(true);
        let wait = Native::value(label, wait);
        let task = self.create_task_in(None, wait, None)?;
        self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
        task.retrieved.set(true);
        rt.set_main_until(task.id(), true);
        let interp = self.clone();
        Ok(Called::Wait(Box::pin(async move {
            LoopDone { rt: rt.clone(), task: task.id() }.await;
            if let Some(message) = interp.halted() {
                return Err(Unwind::Halt(message));
            }
            match task.task.result() {
                Ok(value) => Ok(value),
                Err(error) => Err(interp.task_error(&task, error)),
            }
        })))
    }

    /// The current loop, as `get_event_loop` (and `ensure_future` or `gather` of a
    /// coroutine) finds it outside a running loop: after `asyncio.run` (or
    /// `set_event_loop(None)`) the main thread has none, and saying so is an error;
    /// before any, one is made, as CPython 3.11's policy makes it.
    /// `keep`: the arguments the failed call's frames would hold (unawaited coroutines
    /// are warned about when the exception lets go of them, as CPython's traceback does).
    fn current_loop_outside(
        self: &Rc<Self>,
        via: &[&'static super::exceptions::LibraryLine],
        keep: &[Value],
    ) -> Res<()> {
        if self.loop_running() {
            return Ok(());
        }
        if self.no_current_loop.get() {
            let e = Exception::with_message(
                ExcType::RuntimeError,
                "There is no current event loop in thread 'MainThread'.",
            );
            *e.kept.borrow_mut() = keep.to_vec();
            let mut lines = via.to_vec();
            lines.push(&lines::NO_CURRENT_LOOP);
            return Err(Unwind::Raise(e).through(&lines));
        }
        if !self.loop_used.get() {
            self.loop_made()?;
        }
        self.loop_used.set(true);
        Ok(())
    }

    /// `asyncio.run(main())` (and `loop.run_until_complete`): the main task is made
    /// now; the module waits until the loop has run it, then gets its result.
    fn run_main(self: &Rc<Self>, f: Fn, args: Vec<Value>, debug: bool) -> Res<Called> {
        let rt = self.rt().expect("a program runs with its loop");
        if f == Fn::Run && self.in_thread() {
            // `asyncio.run` in a thread, the loop of its own CPython makes there: its
            // main runs as a task of the playground's loop, and the thread waits for it.
            let coro = args.into_iter().next().unwrap_or(Value::None);
            if !matches!(&coro, Value::Generator(g) if g.is_coroutine()) && !matches!(coro, Value::Native(_)) {
                return raise(ExcType::ValueError, format!("a coroutine was expected, got {}", coro.repr()));
            }
            let task = self.create_task_in(None, coro, None)?;
            task.retrieved.set(true);
            if let Some(thread) = rt.current_task() {
                self.thread_owners.borrow_mut().insert(task.id(), thread);
                rt.threaded(task.id());
            }
            let interp = self.clone();
            return Ok(Called::Wait(Box::pin(async move {
                let _ = task.task.clone().await;
                match task.task.result() {
                    Ok(value) => Ok(value),
                    Err(error) => Err(interp.task_error(&task, error)),
                }
            })));
        }
        if rt.current_task().is_some() {
            if f == Fn::Run {
                let message = "asyncio.run() cannot be called from a running event loop";
                return super::interp::raise_keeping(ExcType::RuntimeError, message, args)
                    .map_err(|e| e.through(&[&lines::RUN_IN_A_LOOP]));
            }
            if self.cell.get() {
                // A notebook's cell as the tutorial's notebook ran it, under Python
                // 3.7: `run_until_complete` wrapped the coroutine in a task on the
                // running loop before `run_forever` found the loop running and
                // raised, so main() ran anyway once the cell was over. (Python 3.8
                // and later check first, and main() never starts.)
                let coro = args.into_iter().next().unwrap_or(Value::None);
                self.create_task_in(None, coro, None)?.retrieved.set(true);
                return raise(ExcType::RuntimeError, "This event loop is already running");
            }
            return super::interp::raise_keeping(ExcType::RuntimeError, "This event loop is already running", args);
        }
        // A second `asyncio.run` (one after the other, as a script may compare two
        // versions of main) goes on with the same loop: its clock, the tasks' numbers.
        if f == Fn::Run {
            // (A loop of its own, as asyncio.run's Runner makes: not one the module's
            // code made or got before, whose futures are that loop's.)
            if self.loop_used.get() {
                self.forget_loop_object();
            }
            self.loop_made()?;
        }
        self.loop_used.set(true);
        if debug {
            // `asyncio.run(main(), debug=True)`.
            self.loop_state(|l| l.debug.set(true));
        }
        let [coro] = <[Value; 1]>::try_from(args).map_err(|_| {
            Unwind::Raise(Exception::with_message(ExcType::TypeError, "run() takes 1 positional argument"))
        })?;
        let task = match coro {
            // `run_until_complete(task)`: until that task is done.
            Value::Task(task) if f == Fn::RunUntilComplete => task,
            // `run_until_complete(future)`: a task of the playground's waits for it
            // (CPython's loop waits on the future itself: the task takes no number).
            Value::Future(future) if f == Fn::RunUntilComplete => {
                let interp = self.clone();
                let wait = Native::value("run_until_complete", async move { future.wait(&interp).await });
                let task = self.create_task_in(None, wait, None)?;
                self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
                task
            }
            // `run_until_complete(gather(...))` made outside the loop: a task of the
            // playground's runs it (CPython's gather is a future: it takes no number).
            Value::Native(native) if f == Fn::RunUntilComplete && native.name == "gather" => {
                let task = self.create_task_in(None, Value::Native(native), None)?;
                self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
                task
            }
            // (`asyncio.run` takes a coroutine, and nothing else.)
            coro if f == Fn::Run
                && !matches!(&coro, Value::Generator(g) if g.is_coroutine())
                && !matches!(coro, Value::Native(_)) =>
            {
                let message = format!("a coroutine was expected, got {}", coro.repr());
                return raise(ExcType::ValueError, message)
                    .map_err(|e| e.through(&[&lines::RUN, &lines::RUN_NOT_A_COROUTINE]));
            }
            coro => {
                if f == Fn::Run {
                    self.task_made_by.set(Some(lines::RUNNER_CREATE_TASK));
                }
                self.create_task_in(None, coro, None)?
            }
        };
        task.retrieved.set(true);
        rt.set_main_until(task.id(), f == Fn::RunUntilComplete);
        self.loop_state(|l| l.running.set(true));
        let interp = self.clone();
        Ok(Called::Wait(Box::pin(async move {
            LoopDone { rt: rt.clone(), task: task.id() }.await;
            interp.loop_state(|l| l.running.set(false));
            let made_task = interp.shutdown_asyncgens(&rt).await;
            if f == Fn::Run && !rt.is_closed() && interp.halted().is_none() {
                if let Some(shut) = interp.global("asyncio._default_executor_shut") {
                    interp.call_value(shut, Vec::new(), Vec::new())?;
                }
                // Then the executor's shutdown: the threads still running finish.
                let threads = interp.threads.take();
                for thread in threads {
                    let _ = thread.await;
                }
            }
            if f == Fn::Run {
                // CPython's asyncio.run ends with two tasks of its own (closing async
                // generators and the default executor), which the next run's numbers
                // count; here the first is a task only if there are generators to close.
                interp.task_numbers_skipped.set(interp.task_numbers_skipped.get() + 2 - i64::from(made_task));
                // Its loop closed, CPython collects the tasks, and reports those that
                // failed with nobody asking.
                interp.report_never_retrieved();
                interp.loop_closing()?;
                interp.loop_state(|l| l.closed.set(true));
                // (`Runner.close` sets the policy's loop to None.)
                interp.no_current_loop.set(true);
            }
            let this = &interp;
            if let Some(message) = this.halted() {
                return Err(Unwind::Halt(message));
            }
            if rt.take_stopped_early() {
                // `loop.stop()` before main was done: `run_until_complete` says so (and
                // `asyncio.run` has cancelled what was left on its way out).
                let e = Exception::with_message(ExcType::RuntimeError, "Event loop stopped before Future completed.");
                let passed: &[_] = match f {
                    Fn::Run => &[&lines::RUN, &lines::RUNNER_RUN, &lines::RUN_UNTIL_COMPLETE_STOPPED],
                    _ => &[&lines::RUN_UNTIL_COMPLETE_STOPPED],
                };
                return Err(Unwind::Raise(e).through(passed));
            }
            let error = match task.task.result() {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let cancelled = error == Error::Cancelled;
            // The CancelledError main() ended with, frames and all.
            let unwind = this.task_error(&task, error);
            // Stopped as by Ctrl+C: `Runner.run` turns main's cancellation into a
            // KeyboardInterrupt, unless main was also cancelled for other reasons.
            // (It passes `run_until_complete`, and `Runner.run` for `asyncio.run`.)
            let passed: &[_] = match f {
                Fn::Run => &[&lines::RUNNER_RUN, &lines::RUN_UNTIL_COMPLETE],
                _ => &[&lines::RUN_UNTIL_COMPLETE],
            };
            match unwind {
                Unwind::Raise(e) if cancelled && rt.interrupted() && rt.uncancel(task.id()) == 0 => {
                    e.passes(passed);
                    let interrupt = Exception::new(ExcType::KeyboardInterrupt, Vec::new());
                    *interrupt.context.borrow_mut() = Some(e);
                    Err(Unwind::Raise(interrupt).through(&[&lines::RUN, &lines::RUNNER_INTERRUPTED]))
                }
                unwind if f == Fn::Run => Err(unwind.through(passed).through(&[&lines::RUN])),
                unwind => Err(unwind.through(passed)),
            }
        })))
    }

    /// `loop.shutdown_asyncgens()`, as `asyncio.run` runs it once main and the tasks it
    /// cancelled are over, as a task of its own: it makes a task of `aclose()` for each
    /// async generator still suspended and waits for them; what one raises is reported.
    /// Whether it made a task of the loop's.
    async fn shutdown_asyncgens(self: &Rc<Self>, rt: &Runtime) -> bool {
        if rt.is_closed() || self.halted().is_some() {
            return false;
        }
        let gens = self.suspended_asyncgens();
        if gens.is_empty() {
            return false;
        }
        let interp = self.clone();
        rt.create_task("shutdown_asyncgens()", async move {
            let mut closing = Vec::new();
            for agen in gens {
                let close = super::vm::Delivery::Throw(Exception::new(ExcType::GeneratorExit, Vec::new()));
                let step = Value::AsyncStep(Rc::new(super::vm::AsyncStep {
                    agen: agen.clone(),
                    delivery: RefCell::new(Some(close)),
                    close: true,
                }));
                if let Ok(task) = interp.create_task_in(None, step, None) {
                    task.retrieved.set(true);
                    task.closing.set(true);
                    closing.push((agen, task));
                }
            }
            for (agen, task) in closing {
                if let Err(Error::Raised(e)) = task.task.clone().await {
                    let agen = Value::Generator(agen).repr();
                    interp.closing_errors.borrow_mut().push((
                        format!("an error occurred during closing of asynchronous generator {agen}\nasyncgen: {agen}"),
                        exception_of(&e),
                    ));
                }
            }
            Ok::<(), Error>(())
        });
        LoopIdle { rt: rt.clone() }.await;
        true
    }

    /// `asyncio.gather(*aws)`: a task for each coroutine, and the future of them all.
    /// Making a hundred thousand tasks takes a while: the page may have its turn meanwhile.
    async fn gather(self: &Rc<Self>, rt: Runtime, args: Vec<Value>, return_exceptions: bool) -> Res<Value> {
        let mut children = Vec::with_capacity(args.len());
        for arg in args {
            // (CPython 3.14's gather notes that the running task awaits each child not
            // done: the future itself, not the task that waits for it here.)
            let awaited = match &arg {
                Value::Future(f) if !f.done() => Some(arg.clone()),
                _ => None,
            };
            let task = match arg {
                Value::Task(t) => t,
                coro @ (Value::Generator(_) | Value::Native(_) | Value::AsyncStep(_) | Value::Instance(_)) => {
                    self.task_for_awaitable(coro)?
                }
                // A future of the loop's (a thread's, `run_in_executor`'s): waited for by
                // a task of the playground's, which takes no task's number.
                Value::Future(future) => {
                    let interp = self.clone();
                    let wait = async move { future.wait(&interp).await };
                    let task = self.task_for_awaitable(Native::coroutine(self, WRAPPED_FUTURE, wait, false))?;
                    self.task_numbers_skipped.set(self.task_numbers_skipped.get() - 1);
                    task
                }
                _ => return raise(ExcType::TypeError, "An asyncio.Future, a coroutine or an awaitable is required"),
            };
            task.retrieved.set(true);
            match awaited {
                Some(future) => self.awaited_by_running(&future),
                None if !task.task.done() => self.awaited_by_running(&Value::Task(task.clone())),
                None => {}
            }
            children.push(task);
            // A hundred thousand tasks made at once take a while: counted as work,
            // and the page may have its turn meanwhile.
            self.check_budget(false).await?;
        }
        let tasks: Vec<_> = children.iter().map(|t| t.task.clone()).collect();
        let gather = rt.gather_returning(tasks, return_exceptions);
        let gathered = Gathered { children, rt, id: gather.id(), return_exceptions };
        let (ours, interp) = (gathered.clone(), self.clone());
        Ok(Native::with(
            "gather",
            async move {
                // (What the gather holds, once the loop says it is done.)
                let waited = gather.await;
                match ours.outcome(&interp) {
                    Some(outcome) => outcome,
                    None => Err(from_runtime(&interp, waited.err().unwrap_or(Error::Cancelled))),
                }
            },
            Some(gathered),
        ))
    }

    fn task_method(&self, f: Fn, task: &Rc<PyTask>) -> Res<Value> {
        let outcome = task.task.clone();
        Ok(match f {
            Fn::TaskCancel => Value::Bool(outcome.cancel()),
            Fn::TaskCancelled => Value::Bool(outcome.cancelled()),
            Fn::TaskDone => Value::Bool(outcome.done()),
            Fn::TaskGetName => Value::Str(task.name.borrow().clone()),
            Fn::TaskResult | Fn::TaskException => {
                task.retrieved.set(true);
                if !outcome.done() {
                    let what = if f == Fn::TaskResult { "Result" } else { "Exception" };
                    return Err(Unwind::Raise(Exception::with_message(
                        ExcType::InvalidStateError,
                        format!("{what} is not set."),
                    )));
                }
                match (f, outcome.result()) {
                    (Fn::TaskResult, Ok(v)) => v,
                    (Fn::TaskResult, Err(e)) => return Err(self.task_error(task, e)),
                    (_, Ok(_)) => Value::None,
                    (_, Err(Error::Cancelled)) => return Err(self.task_error(task, Error::Cancelled)),
                    (_, Err(e)) => match from_runtime(self, e) {
                        Unwind::Raise(e) => Value::Exception(e),
                        halt => return Err(halt),
                    },
                }
            }
            _ => unreachable!("called for task methods"),
        })
    }
}

/// The functions of `asyncio` and `time`, and the methods of tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fn {
    Run,
    NewEventLoop,
    SetEventLoop,
    Sleep,
    CreateTask,
    Gather,
    CurrentTask,
    AllTasks,
    Time,
    Monotonic,
    PerfCounter,
    TaskCancel,
    TaskCancelled,
    TaskDone,
    TaskResult,
    TaskException,
    TaskGetName,
    Lock,
    Event,
    Semaphore,
    BoundedSemaphore,
    TaskGroup,
    Future,
    Task,
    GetRunningLoop,
    GetEventLoop,
    RunUntilComplete,
    WaitFor,
    Wait,
    Shield,
    Timeout,
    TimeSleep,
    TaskCancelling,
    TaskUncancel,
    AsCompleted,
    Condition,
    /// `asyncio._context()`: the current context's dict (for `contextvars`, written
    /// in Python).
    Context,
    /// `asyncio._enter_context(d)`: makes `d` the current context, giving the one before.
    EnterContext,
    /// `time._local_now()`: the local date and time in seconds since 1970-01-01 local
    /// (for `datetime`, written in Python).
    LocalNow,
    /// `time._utc_offset()`: local time's lead on UTC, in seconds.
    UtcOffset,
    EnsureFuture,
    IsCoroutine,
    IsCoroutineFunction,
    IsFuture,
    /// `asyncio._log_error(text, exception)`: the loop's default exception handler
    /// logs through `logging`'s "asyncio" logger if the program uses `logging`
    /// (whether it did: the default handler then writes to standard error itself).
    LogError,
    /// `asyncio._run_in_thread(func, *args, **kwargs)`: `func` called on a thread of
    /// the loop's executor, as a future of its result.
    RunInThread,
    /// `asyncio._threads_done()`: waits until every thread has returned (the
    /// executor's shutdown that ends `asyncio.run`).
    ThreadsDone,
    /// `asyncio._stop_main_run()`: `loop.stop()` while `run_until_complete` (or
    /// `asyncio.run`) runs: true if it stops the loop before main is done.
    StopMainRun,
    /// `asyncio._thread_ident()`: which thread runs (0: the main thread), for
    /// `threading`'s names.
    ThreadIdent,
    /// `asyncio._block_on(future)`: the main thread, outside the loop, waiting for a
    /// thread's future (`Thread.join()`, a `concurrent.futures` result): the loop's
    /// machinery runs the threads until it is done.
    BlockOn,
    /// `asyncio._can_block_loop()`: whether the running code may block the loop while
    /// it waits for threads (a task's step, not a callback nor a call from Rust).
    CanBlockLoop,
    /// `asyncio._new_future()`: a future of the loop's machinery, made with or without
    /// a loop (for `threading`'s own waits).
    NewFuture,
    /// `asyncio._call_graph_of(future, with_stack)`: a task's chain of frames, outermost
    /// first (none for a future, or without the stack), and what awaits it (see `graph`).
    CallGraphOf,
    /// `asyncio._running_graph(depth)`: the running task's frames, innermost first,
    /// from the frame `depth` calls out of the one that asks (see `graph::running`).
    RunningGraph,
    FutureAddToAwaitedBy,
    FutureDiscardFromAwaitedBy,
}

impl Fn {
    pub fn name(self) -> &'static str {
        match self {
            Fn::Run => "run",
            Fn::Sleep => "sleep",
            Fn::CreateTask => "create_task",
            Fn::Gather => "gather",
            Fn::CurrentTask => "current_task",
            Fn::AllTasks => "all_tasks",
            Fn::Time => "time",
            Fn::Monotonic => "monotonic",
            Fn::PerfCounter => "perf_counter",
            Fn::TaskCancel => "cancel",
            Fn::TaskCancelled => "cancelled",
            Fn::TaskDone => "done",
            Fn::TaskResult => "result",
            Fn::TaskException => "exception",
            Fn::TaskGetName => "get_name",
            Fn::Lock => "Lock",
            Fn::Event => "Event",
            Fn::Semaphore => "Semaphore",
            Fn::BoundedSemaphore => "BoundedSemaphore",
            Fn::TaskGroup => "TaskGroup",
            Fn::Future => "Future",
            Fn::Task => "Task",
            Fn::GetRunningLoop => "get_running_loop",
            Fn::NewEventLoop => "new_event_loop",
            Fn::SetEventLoop => "set_event_loop",
            Fn::GetEventLoop => "get_event_loop",
            Fn::RunUntilComplete => "run_until_complete",
            Fn::WaitFor => "wait_for",
            Fn::Wait => "wait",
            Fn::Shield => "shield",
            Fn::Timeout => "timeout",
            Fn::TimeSleep => "sleep",
            Fn::TaskCancelling => "cancelling",
            Fn::TaskUncancel => "uncancel",
            Fn::AsCompleted => "_as_completed",
            Fn::Condition => "Condition",
            Fn::Context => "_context",
            Fn::EnterContext => "_enter_context",
            Fn::LogError => "_log_error",
            Fn::RunInThread => "_run_in_thread",
            Fn::ThreadsDone => "_threads_done",
            Fn::StopMainRun => "_stop_main_run",
            Fn::BlockOn => "_block_on",
            Fn::CanBlockLoop => "_can_block_loop",
            Fn::NewFuture => "_new_future",
            Fn::ThreadIdent => "_thread_ident",
            Fn::LocalNow => "_local_now",
            Fn::EnsureFuture => "ensure_future",
            Fn::IsCoroutine => "iscoroutine",
            Fn::IsCoroutineFunction => "iscoroutinefunction",
            Fn::IsFuture => "isfuture",
            Fn::UtcOffset => "_utc_offset",
            Fn::CallGraphOf => "_call_graph_of",
            Fn::RunningGraph => "_running_graph",
            Fn::FutureAddToAwaitedBy => "future_add_to_awaited_by",
            Fn::FutureDiscardFromAwaitedBy => "future_discard_from_awaited_by",
        }
    }

    /// `asyncio.X` or `time.X`.
    pub fn of_module(asyncio: bool, name: &str) -> Option<Fn> {
        let all: &[Fn] = if asyncio {
            &[
                Fn::Run,
                Fn::Sleep,
                Fn::CreateTask,
                Fn::Gather,
                Fn::CurrentTask,
                Fn::AllTasks,
                Fn::Lock,
                Fn::Event,
                Fn::Semaphore,
                Fn::BoundedSemaphore,
                Fn::TaskGroup,
                Fn::Future,
                Fn::Task,
                Fn::GetRunningLoop,
                Fn::GetEventLoop,
                Fn::NewEventLoop,
                Fn::SetEventLoop,
                Fn::WaitFor,
                Fn::Wait,
                Fn::Shield,
                Fn::Timeout,
                Fn::AsCompleted,
                Fn::Condition,
                Fn::Context,
                Fn::EnterContext,
                Fn::LogError,
                Fn::RunInThread,
                Fn::ThreadsDone,
                Fn::StopMainRun,
                Fn::ThreadIdent,
                Fn::BlockOn,
                Fn::CanBlockLoop,
                Fn::NewFuture,
                Fn::EnsureFuture,
                Fn::IsCoroutine,
                Fn::IsCoroutineFunction,
                Fn::IsFuture,
                Fn::CallGraphOf,
                Fn::RunningGraph,
                Fn::FutureAddToAwaitedBy,
                Fn::FutureDiscardFromAwaitedBy,
            ]
        } else {
            &[Fn::Time, Fn::Monotonic, Fn::PerfCounter, Fn::TimeSleep, Fn::LocalNow, Fn::UtcOffset]
        };
        all.iter().copied().find(|f| f.name() == name)
    }

    /// A task's method.
    pub fn of_task(name: &str) -> Option<Fn> {
        [
            Fn::TaskCancel,
            Fn::TaskCancelled,
            Fn::TaskDone,
            Fn::TaskResult,
            Fn::TaskException,
            Fn::TaskGetName,
            Fn::TaskCancelling,
            Fn::TaskUncancel,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// `asyncio.run` waiting, outside the loop, for the loop to have run its main task to
/// the end: the host polls the program again once the loop has nothing left to do.
struct LoopDone {
    rt: Runtime,
    task: TaskId,
}

impl Future for LoopDone {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.rt.outcome(self.task) == Outcome::Pending && !self.rt.is_closed() && !self.rt.is_suspended() {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

/// Ready once the loop has nothing left to do (or was stopped).
struct LoopIdle {
    rt: Runtime,
}

impl Future for LoopIdle {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.rt.idle() || self.rt.is_closed() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// What a task's coroutine tells of how it ended.
pub type OnEnd = Box<dyn FnOnce(&Res<Value>)>;

/// A task's coroutine: its fiber, driven a step at a time by the loop. Each poll runs
/// it until it awaits one of the loop's futures (which says what the task waits on),
/// pauses for the page, or ends.
pub struct TaskFuture {
    pub interp: Rc<Interp>,
    pub fiber: Rc<RefCell<Fiber>>,
    /// The context each of its steps runs in (`contextvars`), or `None`: the one of
    /// whoever polls it.
    pub context: Option<Rc<RefCell<super::value::Dict>>>,
    /// Told how the coroutine ended, before the loop is (a notebook cell keeps it).
    pub on_end: Option<OnEnd>,
}

impl Future for TaskFuture {
    type Output = Result<Value, Error>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let outside = this.context.clone().map(|c| this.interp.context.replace(c));
        // In debug mode, a step that takes long is reported once it is over.
        let slow = this.interp.debug_started();
        let ran = this.interp.drive(&mut this.fiber.borrow_mut());
        if let Some(outside) = outside {
            *this.interp.context.borrow_mut() = outside;
        }
        // Generators dropped as the step ended (a returning coroutine's locals) are
        // closed now, as CPython closes them when its frame is cleared.
        if this.interp.finalize_due.get() {
            this.interp.drop_place.set(this.fiber.borrow().drop_place());
            if let Err(Unwind::Halt(message)) = this.interp.finalize() {
                this.interp.halt(message);
            }
        }
        let result = match ran {
            Ran::Waiting | Ran::Paused => {
                if let Some(started) = slow {
                    this.interp.report_slow_step(started, None);
                }
                return Poll::Pending;
            }
            Ran::Returned(v) => Ok(v),
            Ran::Raised(unwind) => Err(unwind),
            Ran::Yielded(_) => unreachable!("a task's fiber turns yields into waits"),
            Ran::Again => unreachable!("drive runs the loop again"),
        };
        if let Some(started) = slow {
            this.interp.report_slow_step(started, Some(&result));
        }
        if let Some(on_end) = this.on_end.take() {
            on_end(&result);
        }
        if matches!(&result, Err(Unwind::Raise(e)) if e.kind != ExcType::CancelledError) {
            // A failed task nothing refers to any more is collected by CPython at
            // once, and its exception reported if nobody asked for it: here, as soon
            // as the loop has recorded its end.
            if let (Some(rt), Some(id)) = (this.interp.rt(), this.interp.rt().and_then(|rt| rt.current_task())) {
                let interp = Rc::downgrade(&this.interp);
                rt.call_soon(move || {
                    if let Some(interp) = interp.upgrade() {
                        interp.collect_failed(id);
                    }
                });
            }
        }
        Poll::Ready(result.map_err(|e| {
            remember_cancelled(&this.interp, &e);
            to_runtime(&this.interp, e)
        }))
    }
}

/// A step's wait in [`Runtime::block_on`]: pending once (the loop runs the threads
/// meanwhile), then how the wait ended.
struct BlockLoop {
    rt: Runtime,
    ids: Option<Vec<runtime::FutureId>>,
    timeout: Option<f64>,
}

impl Future for BlockLoop {
    type Output = runtime::BlockEnd;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<runtime::BlockEnd> {
        if let Some(ids) = self.ids.take() {
            self.rt.block_on(ids, self.timeout);
            return Poll::Pending;
        }
        Poll::Ready(self.rt.block_end().unwrap_or(runtime::BlockEnd::Done))
    }
}

/// The `CancelledError` the running task ends with, kept for the first to ask for its
/// result (CPython's `_cancelled_exc`): the same object, with its message.
fn remember_cancelled(interp: &Interp, e: &Unwind) {
    if let Unwind::Raise(e) = e {
        if e.kind == ExcType::CancelledError {
            let me = interp.rt().and_then(|rt| rt.current_task());
            if let Some(task) = me.and_then(|id| interp.tasks.borrow().get(&id).cloned()) {
                *task.cancelled_exc.borrow_mut() = Some(e.clone());
            }
        }
    }
}

/// `anext(agen, default)`: the step, or the default once the generator is exhausted.
/// Moves the arguments given by keyword for the positional parameters `params`
/// (`asyncio.sleep(delay=1)`) to their places among the positional ones.
pub fn fold_keywords(
    function: &str,
    params: &[&str],
    args: &mut Vec<Value>,
    kwargs: &mut Vec<(Str, Value)>,
) -> Res<()> {
    for (i, name) in params.iter().enumerate() {
        let Some(at) = kwargs.iter().position(|(k, _)| &**k == *name) else { continue };
        if args.len() > i {
            let message = format!("{function}() got multiple values for argument '{name}'");
            return raise(ExcType::TypeError, message);
        }
        if args.len() < i {
            // (An earlier parameter is missing: the call's own check says so.)
            return Ok(());
        }
        args.push(kwargs.remove(at).1);
    }
    Ok(())
}

pub fn anext_default(interp: &Rc<Interp>, step: Value, default: Value) -> Value {
    let interp = interp.clone();
    Native::value("anext", async move {
        let start = match step {
            Value::AsyncStep(step) => {
                let Some(delivery) = step.delivery.borrow_mut().take() else {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
                };
                Start::Gen(step.agen.clone(), delivery, Root::AsyncStep { close: false })
            }
            // What an object's own `__anext__` gave: a coroutine.
            Value::Generator(g) if g.is_coroutine() => {
                g.schedule()?;
                Start::Gen(g, Delivery::Value(Value::None), Root::Call)
            }
            other => {
                let message = format!("'{}' object is not awaitable", other.type_name());
                return raise(ExcType::TypeError, message);
            }
        };
        let fiber = Rc::new(RefCell::new(Fiber::new(FiberKind::Task, start)));
        let future = TaskFuture { interp: interp.clone(), fiber, on_end: None, context: None };
        match future.await {
            Ok(v) => Ok(v),
            Err(e) => match from_runtime(&interp, e) {
                Unwind::Raise(e) if e.kind == ExcType::StopAsyncIteration => Ok(default),
                other => Err(other),
            },
        }
    })
}
