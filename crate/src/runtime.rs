//! The event loop: asyncio's, minus the clock.
//!
//! [`Runtime`] is what CPython's `BaseEventLoop` and `Task` are together: tasks with
//! names, a FIFO ready queue of things to run (asyncio's `_ready`), a queue of timers
//! ordered by (deadline, creation), and a loop that runs one step of one task at a
//! time. A step polls the task's future until it awaits something that is not done;
//! the thing it awaits then puts the task back on the ready queue when it completes,
//! through the same hops CPython makes (a timer's handle runs first, then the task's
//! wake-up; a gather's callback runs, then its waiter). `task.cancel()` is delivered
//! as asyncio delivers it: the awaited future is cancelled, or the next step throws
//! `CancelledError` in at the task's current `await`.
//!
//! The loop's clock is its own: it stands still while anything is ready and moves to
//! the next deadline when nothing is. A [`Host`] supplies the rest: the real clock,
//! one alarm, and a way to be called back soon. On the virtual clock the host's clock
//! simply jumps; in the browser the loop waits, on one `setTimeout`, until the real
//! clock reaches each deadline too. Either way the loop takes the same steps in the
//! same order, and every step is recorded in a [`Trace`].

use std::cell::{Ref, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use crate::trace::{
    Cancel, Deadline, Event, Kind, Label, TaskInfo, TimerInfo, Trace, BY_PAGE, BY_STOP, NONE, SIGNALLED,
};

mod awaitables;
mod timer_queue;
use awaitables::{Awaiting, SleepState};
pub use awaitables::{Call, Gather, Sleep, Task, TaskGroup};
use timer_queue::{TimerKey, TimerQueue};

/// Timers due within this many seconds of the earliest one fire in the same batch.
///
/// It is CPython's: asyncio pops every timer whose deadline is earlier than
/// `time() + clock_resolution`, and `time.monotonic` reports a resolution of 1 ns on
/// Linux. Keeping the same rule keeps the same order for deadlines that differ only
/// by floating-point rounding (`0.7 + 0.1` against `0.8`).
pub const CLOCK_RESOLUTION: f64 = 1e-9;

/// How many handles the loop runs between looks at the host's clock: for the time of
/// the events that follow, and to see whether its slice of time is up. Reading a
/// browser's clock costs more than a step of `say_after`, so it is not read per step.
const CHECK_EVERY: u32 = 16;

/// What the loop needs from the world around it.
pub trait Host {
    /// Seconds since the run began on the host's clock.
    fn now(&self) -> f64;
    /// The local wall-clock time of day in ms since midnight, for `time.strftime('%X')`.
    /// `loop_time` is the loop's own clock, which a virtual host tells time by.
    fn time_of_day_ms(&self, loop_time: f64) -> f64;
    /// The local date and time, as ms since 1970-01-01 00:00 local time, for
    /// `datetime.now()`; a virtual host's day is 1970-01-01.
    fn local_epoch_ms(&self, loop_time: f64) -> f64 {
        self.time_of_day_ms(loop_time)
    }
    /// The time as ms since 1970-01-01 00:00 UTC, for `time.time()`; a virtual host
    /// counts from the loop's start.
    fn epoch_ms(&self, loop_time: f64) -> f64 {
        loop_time * 1000.0
    }
    /// How far local time is ahead of UTC, in seconds.
    fn utc_offset(&self) -> f64 {
        0.0
    }
    /// Sets the host's one alarm for `at` on its clock, replacing any other; `None`
    /// clears it. When it rings, the host calls [`Runtime::on_alarm`].
    fn arm(&self, at: Option<f64>);
    /// Asks the host to call [`Runtime::run`] soon, once the caller has returned.
    fn soon(&self);
    /// Asks the host to call [`Runtime::run`] again after letting the world around it
    /// have a turn (a browser draws and takes input), because the loop's slice ran out.
    fn later(&self) {
        self.soon();
    }
    /// How long, in seconds of the host's clock, one call of [`Runtime::run`] may go
    /// on before it hands control back (and asks to be called again, later).
    fn slice(&self) -> f64 {
        f64::INFINITY
    }
    /// Whether [`Host::now`] is a real clock (the trace then has measured times).
    fn is_real(&self) -> bool {
        false
    }
    /// `time.sleep(seconds)` inside a step: the host's clock moves on while nothing
    /// else runs (a virtual clock jumps; a real one is waited out).
    fn block(&self, _seconds: f64) {}
    /// Whether the world around the loop should have its turn now, whatever its own
    /// clock says (a virtual clock's run on a page: see [`PAUSE_AFTER`]); the loop then
    /// asks to be called again [`Host::later`].
    fn turn_due(&self) -> bool {
        false
    }
}

/// How long, in seconds of the page's clock, the loop or a step works before the page
/// has its turn (draws, takes input) when the host's own clock cannot say (a run on
/// the virtual clock), or within a step (see `python::interp`).
pub const PAUSE_AFTER: f64 = 0.03;

/// An exception a task raised: asyncio's `BaseException` minus `CancelledError`.
#[derive(Clone, Debug, PartialEq)]
pub struct Exception(Rc<ExceptionData>);

struct ExceptionData {
    kind: String,
    message: String,
    group: Vec<Exception>,
    /// What a program that raised it knows it as (the interpreter's exception object).
    payload: Option<Rc<dyn std::any::Any>>,
}

impl fmt::Debug for ExceptionData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exception")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("group", &self.group)
            .finish()
    }
}

impl PartialEq for ExceptionData {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.message == other.message && self.group == other.group
    }
}

impl Exception {
    /// `kind(message)`, as in `ValueError('boom')`.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Exception(Rc::new(ExceptionData {
            kind: kind.to_owned(),
            message: message.into(),
            group: Vec::new(),
            payload: None,
        }))
    }

    /// An exception that carries the object a program raised, to get it back unchanged.
    pub fn with_payload(kind: &str, message: impl Into<String>, payload: Rc<dyn std::any::Any>) -> Self {
        Exception(Rc::new(ExceptionData {
            kind: kind.to_owned(),
            message: message.into(),
            group: Vec::new(),
            payload: Some(payload),
        }))
    }

    /// The object given to [`Exception::with_payload`].
    pub fn payload(&self) -> Option<&Rc<dyn std::any::Any>> {
        self.0.payload.as_ref()
    }

    /// The message, as `str(exception)` writes it for one that is not a group.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// `ExceptionGroup(message, exceptions)`.
    pub fn group(message: &str, exceptions: Vec<Exception>) -> Self {
        Exception(Rc::new(ExceptionData {
            kind: "ExceptionGroup".to_owned(),
            message: message.to_owned(),
            group: exceptions,
            payload: None,
        }))
    }

    /// The exception's type name: `ValueError`.
    pub fn kind(&self) -> &str {
        &self.0.kind
    }

    /// The exceptions of an `ExceptionGroup` (empty for any other).
    pub fn exceptions(&self) -> &[Exception] {
        &self.0.group
    }
}

impl fmt::Display for Exception {
    /// As the last line of a traceback: `ValueError: boom`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = &self.0;
        f.write_str(&data.kind)?;
        if !data.message.is_empty() || !data.group.is_empty() {
            write!(f, ": {}", data.message)?;
        }
        match data.group.len() {
            0 => Ok(()),
            1 => f.write_str(" (1 sub-exception)"),
            n => write!(f, " ({n} sub-exceptions)"),
        }
    }
}

/// How a task or an `await` can fail.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// `asyncio.CancelledError`.
    Cancelled,
    /// Any other exception.
    Raised(Exception),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Cancelled => f.write_str("CancelledError"),
            Error::Raised(exception) => exception.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<Exception> for Error {
    fn from(exception: Exception) -> Self {
        Error::Raised(exception)
    }
}

/// A task's id: its index in creation order, and in the trace's task table.
pub type TaskId = u32;
pub type TimerId = u32;
pub type FutureId = u32;
type GatherId = u32;
type GroupId = u32;
/// A callback the program gave the loop, by its index.
pub type CallbackId = u32;

/// What a done-callback is added to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Task(TaskId),
    Future(FutureId),
    /// A gather's future (`_GatheringFuture`), by its id.
    Gather(u32),
}

/// How a task or future ended, or that it has not.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Pending,
    Done,
    /// It ended with this exception set (for a gather, possibly a `CancelledError`).
    Failed(Error),
    Cancelled,
}

impl Outcome {
    fn is_done(&self) -> bool {
        *self != Outcome::Pending
    }

    /// What awaiting something that ended this way gives, besides its value.
    fn as_result(&self) -> Result<(), Error> {
        match self {
            Outcome::Pending | Outcome::Done => Ok(()),
            Outcome::Failed(error) => Err(error.clone()),
            Outcome::Cancelled => Err(Error::Cancelled),
        }
    }
}

/// What a suspended task waits on: asyncio's `Task._fut_waiter`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Wait {
    /// `await asyncio.sleep(0)`: a bare yield, nothing to wait on.
    Yield,
    Timer(TimerId),
    Task(TaskId),
    Gather(GatherId),
    /// A TaskGroup's "all tasks done" future.
    Group(GroupId, FutureId),
    /// A future made by [`Runtime::create_future`] (a program's `Future`, `Lock`, `Event`...).
    Future(FutureId),
}

/// How deep `task.cancel()` goes through the tasks each awaits before it stops: CPython's
/// recursion limit of 1,000 frames ends it too, later (a debug build's frames are large).
const CANCEL_DEPTH_MOST: u32 = 200;

/// Something on the ready queue.
#[derive(Clone, Copy, Debug)]
enum Handle {
    /// A step of a task (`Task.__step`, or `__wakeup` once what it awaited is done).
    Step(TaskId),
    /// A due timer (`futures._set_result_unless_cancelled` for a sleep).
    Timer(TimerId),
    /// gather's `_done_callback` for a child that finished; `cause` is its last event.
    Gathered { gather: GatherId, child: TaskId, cause: u32 },
    /// `TaskGroup._on_task_done` for a child that finished.
    GroupDone { group: GroupId, child: TaskId, cause: u32 },
    /// `run_until_complete`'s callback: `loop.stop()`.
    Stop,
    /// A callback given by the program (`call_soon`, a done-callback).
    Call(CallbackId),
}

/// A done-callback: what completing a task or future puts on the ready queue.
#[derive(Clone, Copy, Debug)]
enum Callback {
    Wake(TaskId),
    Gathered(GatherId),
    GroupDone(GroupId),
    /// `asyncio.run`'s main task is done: stop (see [`Runtime::set_main`]).
    Stop,
    /// A callback given by the program: `add_done_callback(fn)`.
    Call(CallbackId),
}

/// A done-callback as a view or a repr sees it (see [`Runtime::done_callbacks`]).
#[derive(Clone)]
pub enum DoneCallback {
    /// A task's step, which awaits it.
    Wake(TaskId),
    /// A gather's, for one of its children.
    Gathered,
    /// A TaskGroup's, for one of its tasks.
    GroupDone,
    /// `asyncio.run`'s or `run_until_complete`'s, which stops the loop.
    Stop,
    /// One given with [`Runtime::add_done_callback`], with its name if it was given one.
    Call(Option<CallbackName>),
}

/// What names a callback, asked when it is shown (what it names may have changed).
pub type CallbackName = Rc<dyn Fn() -> String>;

/// A task's or a future's done-callbacks, in the order they were added. Nearly
/// every one has exactly one (its awaiter, or a gather), kept without an allocation.
#[derive(Default)]
struct Callbacks {
    first: Option<Callback>,
    more: Vec<Callback>,
}

impl Callbacks {
    fn push(&mut self, callback: Callback) {
        if self.first.is_none() {
            self.first = Some(callback);
        } else {
            self.more.push(callback);
        }
    }

    /// Removes every `Call(id)`; says how many there were.
    fn remove_call(&mut self, id: CallbackId) -> usize {
        let before = self.first.iter().count() + self.more.len();
        let mut all: Vec<Callback> = self.take().filter(|c| !matches!(c, Callback::Call(x) if *x == id)).collect();
        let after = all.len();
        if !all.is_empty() {
            self.first = Some(all.remove(0));
            self.more = all;
        }
        before - after
    }

    fn take(&mut self) -> impl Iterator<Item = Callback> {
        let Callbacks { first, more } = std::mem::take(self);
        first.into_iter().chain(more)
    }

    fn iter(&self) -> impl Iterator<Item = &Callback> {
        self.first.iter().chain(&self.more)
    }
}

type Coroutine = Pin<Box<dyn Future<Output = Result<(), Error>>>>;

struct TaskSlot {
    /// The task's code, until it finishes (then it is dropped and its memory freed).
    coro: Option<Coroutine>,
    outcome: Outcome,
    started: bool,
    /// asyncio's `_must_cancel`: throw `CancelledError` in at the next step.
    must_cancel: bool,
    /// asyncio's `_num_cancels_requested`.
    cancels: u32,
    /// An error to throw in at the next step: `call_soon(self.__step, exc)`.
    throw_next: Option<Error>,
    waiter: Option<Wait>,
    callbacks: Callbacks,
    /// A task that stands for a thread (see [`Runtime::detach`]): `asyncio.run`'s
    /// sweep leaves it running.
    detached: bool,
    /// Whether the task runs in one of the program's threads: a thread itself
    /// (`detached`), or a task of a loop a thread runs (see [`Runtime::threaded`]).
    threaded: bool,
    /// A thread that `asyncio.run` does not wait for (see [`Runtime::set_background`]).
    background: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TimerHandle {
    /// In the timer queue, or staged to fire next (`State::due`).
    Queued,
    /// Due, and on the ready queue.
    Ready,
    /// Fired or cancelled.
    Gone,
}

struct TimerSlot {
    sleeper: TaskId,
    deadline: f64,
    real_deadline: f64,
    /// The sleep's future: pending, done when the timer fires, or cancelled.
    outcome: Outcome,
    handle: TimerHandle,
    /// `call_later`'s callback, for a timer that is not a sleep.
    callback: Option<CallbackId>,
}

struct FutureSlot {
    outcome: Outcome,
    callbacks: Callbacks,
}

struct GatherSlot {
    children: Vec<TaskId>,
    finished: usize,
    /// `_GatheringFuture._cancel_requested`.
    cancel_requested: bool,
    /// `gather(..., return_exceptions=True)`: a failed child does not end the gather.
    return_exceptions: bool,
    /// The child whose failure (or cancellation) ended the gather, if one did.
    failed_by: Option<TaskId>,
    future: FutureSlot,
}

struct GroupSlot {
    parent: TaskId,
    /// Every task created in the group, in creation order.
    tasks: Vec<TaskId>,
    /// How many of them the group still waits for (`len(self._tasks)`).
    live: usize,
    errors: Vec<Exception>,
    aborting: bool,
    exiting: bool,
    parent_cancel_requested: bool,
    /// Its parent was cancelled from outside while it waited for its tasks on leaving.
    cancelled_waiting: bool,
    on_completed: Option<FutureId>,
}

/// A task's step waiting, with the loop blocked, for one of `futures` (set by threads),
/// or until `deadline` (on the loop's clock and the host's).
struct Blocking {
    task: TaskId,
    futures: Vec<FutureId>,
    deadline: Option<(f64, f64)>,
    /// Handles run meanwhile, against [`BLOCKED_MOST`].
    handles: usize,
}

/// How a step's wait in [`Runtime::block_on`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockEnd {
    /// One of the futures is done.
    Done,
    /// The timeout passed first.
    TimedOut,
    /// No thread can run any more, nor any timer of one fire: it would wait for ever
    /// (CPython's would hang).
    Stuck,
}

/// The most handles threads run while one step blocks the loop waiting for them: a
/// thread that polls for ever (a lock only the blocked loop would release) stops there.
const BLOCKED_MOST: usize = 1 << 20;

struct State {
    /// The loop's clock, in seconds: `loop.time()`.
    now: f64,
    /// The host's clock as last read, for the events' `real` times.
    real: f64,
    ready: VecDeque<Handle>,
    /// Handles left to run in the current iteration of the loop (CPython's `ntodo`):
    /// due timers join the ready queue only between iterations.
    iteration_left: usize,
    queue: TimerQueue,
    /// The batch of timers that fires next, taken off the queue while the loop waits
    /// for the host's clock to reach the last of them, in (deadline, creation) order.
    due: Vec<TimerId>,
    /// How many timers are queued or due and not cancelled.
    pending_timers: usize,
    /// Of those, the timers that background tasks sleep on.
    background_timers: usize,
    timers: Vec<TimerSlot>,
    tasks: Vec<TaskSlot>,
    futures: Vec<FutureSlot>,
    gathers: Vec<GatherSlot>,
    groups: Vec<GroupSlot>,
    current: Option<TaskId>,
    /// What to throw in at the current task's `await` as it resumes.
    throw: Option<Error>,
    /// What the current task's step is about to wait on.
    suspend: Option<Wait>,
    /// The event that caused what the running handle does, for `Scheduled` events.
    cause: u32,
    /// How deep `task.cancel()` has gone through what tasks await (a task cancels the
    /// task it awaits, which cancels the one it awaits...), and whether it went too deep:
    /// tasks that await each other, where CPython's recursion ends in `RecursionError`.
    cancel_depth: u32,
    cancel_overflow: bool,
    /// A cancellation that went too deep, for the program to raise `RecursionError`.
    cancel_overflowed: bool,
    armed: Option<f64>,
    /// What the last `Alarm` event recorded (see `State::arm`).
    alarm_recorded: Option<Option<f64>>,
    /// Whether the host was asked to call `run` soon and has not yet.
    soon: bool,
    /// Whether `run` is on the stack.
    running: bool,
    /// Whether the main task is done and the loop is to stop after this iteration.
    stopping: bool,
    /// Whether the main task of `run_until_complete` is done: the loop stops after this
    /// iteration, its tasks and timers kept as they are until it runs again.
    suspended: bool,
    /// Whether `loop.stop()` ended `run_until_complete` before its main was done.
    stopped_early: bool,
    /// Whether the main task's end suspends the loop (`run_until_complete`) rather than
    /// stops it (`asyncio.run`).
    main_suspends: bool,
    /// Whether the learner pressed Stop ([`Runtime::interrupt`]).
    interrupted: bool,
    /// Whether Stop's SIGINT went to a handler of the program's ([`Runtime::set_sigint`]).
    signalled: bool,
    /// Whether the running step said it worked a while ([`Runtime::worked`]).
    worked: bool,
    /// Whether the running step asked to let the host have a turn ([`Runtime::pause`]).
    pause: bool,
    /// The step pausing is a thread's whose switch interval is over ([`Runtime::switch`]).
    switching: bool,
    /// The task whose step is paused, to go on before anything else runs.
    paused: Option<TaskId>,
    /// A step that blocks the loop until threads are done (see [`Runtime::block_on`]).
    blocking: Option<Blocking>,
    /// How the last block ended, for the step that resumes after it.
    block_ended: Option<BlockEnd>,
    /// See [`Runtime::hand_back_after`].
    hand_back_after: Option<usize>,
    /// Whether the loop has run (or handed back before its first handle).
    began: bool,
    /// How far the host's clock was ahead of the loop's when the loop's last moved to
    /// a deadline: how late the host was. See [`State::catch_up`].
    late: f64,
    closed: bool,
    trace: Trace,
    /// The program's callbacks, until they run (or are cancelled).
    calls: Vec<Option<Box<dyn FnOnce()>>>,
    /// What a future's repr calls each of those that has a name (see
    /// [`Runtime::name_callback`]).
    call_names: std::collections::HashMap<CallbackId, CallbackName>,
    steps_run: u64,
    main: Option<TaskId>,
}

struct Inner {
    host: Rc<dyn Host>,
    state: RefCell<State>,
    /// Where in its source a task stands when its step ends (an interpreted program's
    /// line), recorded in the trace for the code view's marks; none for the form's.
    line_probe: RefCell<Option<Box<dyn Fn() -> u32>>>,
    /// Whether the program takes Stop's SIGINT itself (see [`Runtime::set_sigint`]).
    sigint: RefCell<Option<Rc<dyn Fn() -> bool>>>,
}

/// A cheap handle to one run's loop; clones share it.
#[derive(Clone)]
pub struct Runtime {
    inner: Rc<Inner>,
}

/// A handle to a loop that does not keep it alive.
pub struct WeakRuntime(Weak<Inner>);

impl WeakRuntime {
    pub fn upgrade(&self) -> Option<Runtime> {
        self.0.upgrade().map(|inner| Runtime { inner })
    }
}

impl Runtime {
    /// A handle that does not keep the loop alive, for its host's callbacks.
    pub fn downgrade(&self) -> WeakRuntime {
        WeakRuntime(Rc::downgrade(&self.inner))
    }

    /// A loop on `host`, with nothing to do yet.
    pub fn new(host: Rc<dyn Host>) -> Self {
        let real = host.now();
        let measured = host.is_real();
        let state = State {
            now: 0.0,
            real,
            ready: VecDeque::new(),
            iteration_left: 0,
            queue: TimerQueue::default(),
            due: Vec::new(),
            pending_timers: 0,
            background_timers: 0,
            timers: Vec::new(),
            tasks: Vec::new(),
            futures: Vec::new(),
            gathers: Vec::new(),
            groups: Vec::new(),
            current: None,
            throw: None,
            suspend: None,
            cause: NONE,
            cancel_depth: 0,
            cancel_overflow: false,
            cancel_overflowed: false,
            armed: None,
            alarm_recorded: None,
            soon: false,
            running: false,
            stopping: false,
            suspended: false,
            stopped_early: false,
            main_suspends: false,
            interrupted: false,
            signalled: false,
            worked: false,
            pause: false,
            switching: false,
            paused: None,
            blocking: None,
            block_ended: None,
            hand_back_after: None,
            began: false,
            late: 0.0,
            closed: false,
            trace: Trace { measured, ..Trace::default() },
            calls: Vec::new(),
            call_names: std::collections::HashMap::new(),
            steps_run: 0,
            main: None,
        };
        Runtime {
            inner: Rc::new(Inner {
                host,
                state: RefCell::new(state),
                line_probe: RefCell::default(),
                sigint: RefCell::default(),
            }),
        }
    }

    fn st(&self) -> std::cell::RefMut<'_, State> {
        self.inner.state.borrow_mut()
    }

    /// `loop.time()`: the loop's clock, in seconds since the run began.
    pub fn time(&self) -> f64 {
        self.inner.state.borrow().now
    }

    /// The local time of day as `HH:MM:SS`: `time.strftime('%X')` in the C locale.
    /// The time of day on the host's clock now, in ms since midnight.
    pub fn time_of_day_ms(&self) -> f64 {
        self.inner.host.time_of_day_ms(self.time())
    }

    /// See [`Host::local_epoch_ms`].
    pub fn local_epoch_ms(&self) -> f64 {
        self.inner.host.local_epoch_ms(self.time())
    }

    /// See [`Host::epoch_ms`].
    pub fn epoch_ms(&self) -> f64 {
        self.inner.host.epoch_ms(self.time())
    }

    /// See [`Host::utc_offset`].
    pub fn utc_offset(&self) -> f64 {
        self.inner.host.utc_offset()
    }

    pub fn strftime_x(&self) -> String {
        hh_mm_ss(self.inner.host.time_of_day_ms(self.time()))
    }

    /// `print(text)` from the running task. Nothing is recorded once the run is stopped.
    pub fn print(&self, text: impl Into<String>) {
        let mut st = self.st();
        if st.closed {
            return;
        }
        let line = st.trace.lines.len() as u32;
        st.trace.lines.push(text.into());
        let task = st.current.unwrap_or(NONE);
        st.emit(Kind::Printed, task, line);
    }

    /// `asyncio.sleep(delay)`. A delay of zero or less yields to the loop once, behind
    /// everything already on the ready queue, without setting a timer.
    pub fn sleep(&self, delay: f64) -> Sleep {
        Sleep { rt: self.clone(), delay, state: SleepState::New }
    }

    /// `asyncio.create_task(coro)`: runs `future` as a task of its own, whose first
    /// step joins the ready queue now. `label` is the coroutine as Python writes the
    /// call. Dropping the returned handle does not cancel the task.
    pub fn create_task<T, F>(&self, label: impl Into<Label>, future: F) -> Task<T>
    where
        T: 'static,
        F: Future<Output = Result<T, Error>> + 'static,
    {
        let value = Rc::new(RefCell::new(None));
        let slot = Rc::clone(&value);
        let coro: Coroutine = Box::pin(async move {
            let result = future.await?;
            *slot.borrow_mut() = Some(result);
            Ok(())
        });
        let mut st = self.st();
        let id = st.create_task(label.into(), self.inner.host.as_ref());
        if st.closed {
            // A stopped loop runs nothing more; the coroutine is dropped with the state released.
            drop(st);
            drop(coro);
        } else {
            st.tasks[id as usize].coro = Some(coro);
            drop(st);
        }
        Task { rt: self.clone(), id, value, awaiting: Awaiting::default() }
    }

    /// Makes `task` (detached) a thread that `asyncio.run` does not wait for, as
    /// CPython's does not wait for a `threading.Thread` of the program's: once main is
    /// done and only such threads have work left, the run is over (they go on when
    /// the loop next runs).
    pub fn set_background(&self, task: TaskId) {
        self.st().tasks[task as usize].background = true;
    }

    /// Makes `task` one that stands for a thread, not a task of asyncio's: its first
    /// step runs next, before the handles already ready (a thread starts at once);
    /// when `asyncio.run`'s main is done, it is not cancelled with the tasks left (a
    /// thread cannot be), and runs on while the loop runs.
    pub fn detach(&self, task: TaskId) {
        let mut st = self.st();
        st.tasks[task as usize].detached = true;
        st.tasks[task as usize].threaded = true;
        if let Some(i) = st.ready.iter().position(|h| matches!(h, Handle::Step(t) if *t == task)) {
            let step = st.ready.remove(i).expect("found");
            // Behind the threads started before it and not yet begun: they start in order.
            let starting = |h: &Handle| matches!(h, Handle::Step(t) if st.tasks[*t as usize].detached && !st.tasks[*t as usize].started);
            let at = st.ready.iter().take_while(|h| starting(h)).count();
            st.ready.insert(at, step);
        }
    }

    /// Makes `task` one of a loop that one of the program's threads runs (its
    /// `asyncio.run`): a step that blocks the loop for threads (see
    /// [`Runtime::block_on`]) lets it and its sleeps run, as it would the thread's own.
    pub fn threaded(&self, task: TaskId) {
        self.st().tasks[task as usize].threaded = true;
    }

    /// Says that the coroutine of `task` runs code when a cancellation is thrown into
    /// it before its first step (an async generator's `aclose()` or `asend()`, whose
    /// generator is already suspended at a `yield`): its first step then polls it, and
    /// it takes the cancellation with [`Runtime::take_cancellation`].
    pub fn begun(&self, task: TaskId) {
        self.st().tasks[task as usize].started = true;
    }

    /// The cancellation to throw into the coroutine being polled, if the step was
    /// handed one: for a coroutine that meets it before awaiting any of the loop's
    /// own futures (see [`Runtime::begun`]).
    pub fn take_cancellation(&self) -> Option<Error> {
        self.take_throw()
    }

    /// `await coro(...)` for a coroutine that runs inside the current task, recorded
    /// as entered and left so the timeline can show it within the task's lane.
    /// A coroutine awaited inside the running task begins (its bar one level down on
    /// the task's lane): what [`Runtime::coroutine`] records on its first poll, for a
    /// coroutine that is not a Rust future (an interpreted one's frame).
    pub fn coroutine_entered(&self, label: impl Into<Label>) {
        let mut st = self.st();
        if st.closed {
            return;
        }
        let index = st.trace.labels.len() as u32;
        st.trace.labels.push(label.into());
        let task = st.current.unwrap_or(NONE);
        st.emit(Kind::Entered, task, index);
    }

    /// The coroutine entered last in the running task returns (or raises).
    pub fn coroutine_exited(&self) {
        let mut st = self.st();
        if !st.closed {
            let task = st.current.unwrap_or(NONE);
            st.emit(Kind::Exited, task, NONE);
        }
    }

    pub fn coroutine<F: Future>(&self, label: impl Into<Label>, future: F) -> Call<F> {
        Call { rt: self.clone(), label: Some(label.into()), future: Box::pin(future) }
    }

    /// `asyncio.gather(coro, ...)`: wraps each coroutine in a task, in order, now; the
    /// result, once awaited, is every value in argument order, or the first exception.
    pub fn gather<T, F, L>(&self, coros: impl IntoIterator<Item = (L, F)>) -> Gather<T>
    where
        L: Into<Label>,
        T: 'static,
        F: Future<Output = Result<T, Error>> + 'static,
    {
        let children: Vec<Task<T>> = coros.into_iter().map(|(label, coro)| self.create_task(label, coro)).collect();
        self.gather_tasks(children)
    }

    /// `asyncio.gather(task, ...)` over tasks that exist already.
    pub fn gather_tasks<T>(&self, children: Vec<Task<T>>) -> Gather<T> {
        let id = self.st().new_gather(children.iter().map(|task| task.id).collect(), self.inner.host.as_ref());
        Gather { rt: self.clone(), id, children, awaiting: Awaiting::default() }
    }

    /// The child whose failure or cancellation ended gather `id`, if one did: awaiting
    /// the gather raises that child's exception (for a cancellation, its own
    /// `CancelledError`, as `_GatheringFuture` passes it on).
    pub fn gather_failed_by(&self, id: u32) -> Option<TaskId> {
        self.inner.state.borrow().gathers[id as usize].failed_by
    }

    /// How gather `id`'s future ended, or that it has not.
    pub fn gather_outcome(&self, id: u32) -> Outcome {
        self.inner.state.borrow().gathers[id as usize].future.outcome.clone()
    }

    /// `_GatheringFuture.cancel()`: cancels the children not done; false if none was.
    pub fn cancel_gather(&self, id: u32) -> bool {
        let mut st = self.st();
        let host = self.inner.host.as_ref();
        st.refresh_real(host);
        st.cancel_wait(Wait::Gather(id), host)
    }

    /// A gather that keeps its children's exceptions as results, or not: awaited, the
    /// children's results once the gather's outcome is set.
    pub fn gather_returning<T>(&self, children: Vec<Task<T>>, return_exceptions: bool) -> Gather<T> {
        let gather = self.gather_tasks(children);
        self.st().gathers[gather.id as usize].return_exceptions = return_exceptions;
        gather
    }

    /// `async with asyncio.TaskGroup() as tg:` around `body`: when the body is done,
    /// waits for every task created in the group. A task that fails cancels the
    /// others and the body; the failures come out together as an `ExceptionGroup`.
    pub async fn task_group<T, B, Fut>(&self, body: B) -> Result<T, Error>
    where
        B: FnOnce(TaskGroup) -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let id = self.st().enter_group()?;
        let group = TaskGroup { rt: self.clone(), id };
        let result = body(group.clone()).await;
        group.exit(result).await
    }

    /// `loop.create_future()`: a future the program completes itself.
    pub fn create_future(&self) -> FutureId {
        self.st().new_future()
    }

    /// How a future made by [`Runtime::create_future`] ended, or that it has not.
    pub fn future_outcome(&self, future: FutureId) -> Outcome {
        self.inner.state.borrow().futures[future as usize].outcome.clone()
    }

    /// `future.set_result(...)`, `set_exception(...)` or `cancel()`: completes the future
    /// and schedules its callbacks. False if it was already done.
    pub fn complete_future(&self, future: FutureId, outcome: Outcome) -> bool {
        let mut st = self.st();
        if st.futures[future as usize].outcome.is_done() || st.closed {
            return false;
        }
        let host = self.inner.host.as_ref();
        st.refresh_real(host);
        let cause = st.cause;
        st.complete_future(future, outcome, cause, host);
        true
    }

    /// `await future`, inside a task: its outcome once it is done.
    pub fn await_future(&self, future: FutureId) -> impl Future<Output = Result<(), Error>> {
        awaitables::future_wait(self.clone(), future, Wait::Future(future))
    }

    /// `loop.call_soon(callback)`: runs `callback` from the ready queue, outside any task.
    pub fn call_soon(&self, callback: impl FnOnce() + 'static) -> CallbackId {
        let mut st = self.st();
        let id = st.new_call(Box::new(callback));
        st.call_soon(Handle::Call(id), self.inner.host.as_ref());
        id
    }

    /// `loop.call_at(when, callback)`: a timer for the loop's time `when` exactly.
    pub fn call_at(&self, when: f64, callback: impl FnOnce() + 'static) -> TimerId {
        let mut st = self.st();
        let id = st.new_call(Box::new(callback));
        let real_deadline = st.real + (when - st.now).max(0.0);
        let timer = st.add_timer_at(when, real_deadline);
        st.timers[timer as usize].callback = Some(id);
        drop(st);
        self.request_alarm();
        timer
    }

    /// Cancels a callback of [`Runtime::call_soon`] that has not run yet.
    pub fn cancel_call(&self, id: CallbackId) {
        self.st().calls[id as usize] = None;
    }

    /// `task.uncancel()`: the cancellation requests left.
    pub fn uncancel(&self, task: TaskId) -> u32 {
        self.st().uncancel(task)
    }

    /// What `task` waits on, as its repr's `wait_for=` names it: a future (a sleep's, a
    /// lock's...), a task, a gather, or nothing (not started, ready, or done); and how
    /// that stands (done already while the task's step to come has not run yet).
    pub fn waits_on(&self, task: TaskId) -> Option<(&'static str, Outcome)> {
        let st = self.inner.state.borrow();
        Some(match st.tasks[task as usize].waiter? {
            Wait::Yield => return None,
            Wait::Task(other) => ("Task", st.tasks[other as usize].outcome.clone()),
            Wait::Gather(gather) => ("_GatheringFuture", st.gathers[gather as usize].future.outcome.clone()),
            Wait::Timer(timer) => ("Future", st.timers[timer as usize].outcome.clone()),
            Wait::Group(_, future) | Wait::Future(future) => ("Future", st.futures[future as usize].outcome.clone()),
        })
    }

    /// Whether `task` is to have a cancellation thrown in at its next step.
    pub fn must_cancel(&self, task: TaskId) -> bool {
        self.inner.state.borrow().tasks[task as usize].must_cancel
    }

    /// `task.cancelling()`.
    pub fn cancelling(&self, task: TaskId) -> u32 {
        self.inner.state.borrow().tasks[task as usize].cancels
    }

    /// How many steps the loop has run: a step's number, to tell one step from the next.
    pub fn steps_run(&self) -> u64 {
        self.inner.state.borrow().steps_run
    }

    /// The host's clock now, in seconds.
    pub fn host_now(&self) -> f64 {
        self.inner.host.now()
    }

    /// Whether the loop runs on a real clock (the browser's), not a virtual one.
    pub fn host_is_real(&self) -> bool {
        self.inner.host.is_real()
    }

    /// Says that the running step has been computing for a while (a block of numbers,
    /// a thousand statements): the loop reads the host's clock when the step ends, so
    /// that the trace says how long it ran. Short steps share a reading; see
    /// [`CHECK_EVERY`].
    pub fn worked(&self) {
        self.st().worked = true;
    }

    /// `time.sleep(seconds)` in the running step: it blocks the loop. The loop's clock
    /// moves on with the host's, and timers due meanwhile fire late, as in CPython. The
    /// caller then waits it out on the host's clock with [`Runtime::hold`], in pieces
    /// if it likes (a step may pause in between).
    pub fn block(&self, seconds: f64) {
        if seconds <= 0.0 {
            return;
        }
        let mut st = self.st();
        let task = st.current.unwrap_or(NONE);
        let micros = (seconds * 1e6).round().min(f64::from(u32::MAX)) as u32;
        st.emit(Kind::Blocked, task, micros);
        st.now += seconds;
    }

    /// Waits `seconds` on the host's clock, doing nothing (a virtual clock jumps).
    pub fn hold(&self, seconds: f64) {
        self.inner.host.block(seconds);
        self.st().refresh_real(self.inner.host.as_ref());
    }

    /// `loop.call_later(delay, callback)`: a timer that runs `callback` when it fires.
    pub fn call_later(&self, delay: f64, callback: impl FnOnce() + 'static) -> TimerId {
        let mut st = self.st();
        let id = st.new_call(Box::new(callback));
        let timer = st.add_timer(delay.max(0.0));
        st.timers[timer as usize].callback = Some(id);
        drop(st);
        self.request_alarm();
        timer
    }

    /// `TimerHandle.cancel()` for a timer of [`Runtime::call_later`].
    pub fn cancel_timer(&self, timer: TimerId) {
        let mut st = self.st();
        if let Some(id) = st.timers[timer as usize].callback {
            st.calls[id as usize] = None;
        }
        st.cancel_timer(timer);
    }

    /// `task.add_done_callback(callback)` (or a future's): `callback` runs from the ready
    /// queue once it is done, at once if it is done already.
    pub fn add_done_callback(&self, target: Target, callback: impl FnOnce() + 'static) -> CallbackId {
        let mut st = self.st();
        let id = st.new_call(Box::new(callback));
        let wait = match target {
            Target::Task(task) => Wait::Task(task),
            Target::Future(future) => Wait::Future(future),
            Target::Gather(gather) => Wait::Gather(gather),
        };
        let cause = st.cause;
        st.add_done_callback(wait, Callback::Call(id), cause, self.inner.host.as_ref());
        id
    }

    /// Names a callback [`Runtime::add_done_callback`] added, for the repr of what it
    /// waits on (`report() at main.py:6`).
    pub fn name_callback(&self, callback: CallbackId, name: CallbackName) {
        self.st().call_names.insert(callback, name);
    }

    /// The done-callbacks of a task or future not done yet, in the order they run.
    pub fn done_callbacks(&self, target: Target) -> Vec<DoneCallback> {
        let st = self.inner.state.borrow();
        let callbacks = match target {
            Target::Task(task) => &st.tasks[task as usize].callbacks,
            Target::Future(future) => &st.futures[future as usize].callbacks,
            Target::Gather(gather) => &st.gathers[gather as usize].future.callbacks,
        };
        callbacks
            .iter()
            .map(|callback| match callback {
                Callback::Wake(task) => DoneCallback::Wake(*task),
                Callback::Gathered(_) => DoneCallback::Gathered,
                Callback::GroupDone(_) => DoneCallback::GroupDone,
                Callback::Stop => DoneCallback::Stop,
                Callback::Call(id) => DoneCallback::Call(st.call_names.get(id).cloned()),
            })
            .collect()
    }

    /// `remove_done_callback`: how many of `callback` were removed.
    pub fn remove_done_callback(&self, target: Target, callback: CallbackId) -> usize {
        let mut st = self.st();
        let removed = match target {
            Target::Task(task) => st.tasks[task as usize].callbacks.remove_call(callback),
            Target::Future(future) => st.futures[future as usize].callbacks.remove_call(callback),
            Target::Gather(gather) => st.gathers[gather as usize].future.callbacks.remove_call(callback),
        };
        if removed > 0 {
            st.calls[callback as usize] = None;
            st.call_names.remove(&callback);
        }
        removed
    }

    /// A timer added from outside the loop's own steps needs the host's attention.
    fn request_alarm(&self) {
        let mut st = self.st();
        let host = self.inner.host.as_ref();
        if !st.running {
            st.request_soon(host);
        }
    }

    fn run_call(&self, id: CallbackId) {
        let callback = {
            let mut st = self.st();
            if !st.call_names.is_empty() {
                st.call_names.remove(&id);
            }
            st.calls[id as usize].take()
        };
        if let Some(callback) = callback {
            callback();
        }
    }

    /// `async with asyncio.TaskGroup() as tg:` entered by the current task; leave it
    /// with [`TaskGroup::exit`].
    pub fn enter_group(&self) -> Result<TaskGroup, Error> {
        let id = self.st().enter_group()?;
        Ok(TaskGroup { rt: self.clone(), id })
    }

    /// Makes `task` the main task of `asyncio.run(main())`: once it is done, the loop
    /// finishes its iteration, then cancels every task still pending, in creation order
    /// (`asyncio.run` cancels them all on its way out, in the order of a set), and runs
    /// until they are over.
    pub fn set_main(&self, task: TaskId) {
        self.set_main_until(task, false);
    }

    /// [`Runtime::set_main`], or with `suspends` `loop.run_until_complete(main)`: once it
    /// is done, the loop finishes its iteration and stops, keeping its other tasks and
    /// its timers for when it runs again.
    pub fn set_main_until(&self, task: TaskId, suspends: bool) {
        let mut st = self.st();
        st.main = Some(task);
        st.main_suspends = suspends;
        let host = self.inner.host.as_ref();
        if std::mem::take(&mut st.suspended) {
            st.request_soon(host);
        }
        st.add_done_callback(Wait::Task(task), Callback::Stop, NONE, host);
    }

    /// `loop.stop()` while `run_until_complete` (or `asyncio.run`) runs a main that is
    /// not done: the loop stops once the handles of this iteration have run, as
    /// CPython's does; `asyncio.run`'s then cancels what is left (see `stopping`).
    /// False if there is no such main, or `stops` says this one does not stop so.
    pub fn stop_main_run(&self, stops: impl Fn(TaskId) -> bool) -> bool {
        let mut st = self.st();
        let Some(main) = st.main else { return false };
        if st.tasks[main as usize].outcome.is_done() || !stops(main) {
            return false;
        }
        st.stop_main();
        st.stopped_early = true;
        true
    }

    /// Whether [`Runtime::stop_main_run`] stopped the loop before main was done (once).
    pub fn take_stopped_early(&self) -> bool {
        std::mem::take(&mut self.st().stopped_early)
    }

    /// Whether the loop stopped for `run_until_complete`'s caller (its main done, or
    /// [`Runtime::stop_main_run`]).
    pub fn is_suspended(&self) -> bool {
        self.inner.state.borrow().suspended
    }

    /// Whether the main task of [`Runtime::set_main`] is done and the loop has nothing
    /// left to do: `asyncio.run` returns.
    pub fn main_finished(&self) -> bool {
        let st = self.inner.state.borrow();
        let main_done = st.main.is_some_and(|main| st.tasks[main as usize].outcome.is_done());
        (st.closed || main_done) && (st.idle() || (main_done && !st.main_suspends && st.only_background()))
    }

    /// Whether the loop has nothing left to do: nothing ready, no timer pending, not
    /// running (or it was stopped). A notebook's loop stays up; a cell's run is over then.
    pub fn idle(&self) -> bool {
        self.inner.state.borrow().idle()
    }

    /// Whether the loop is running a handle now (a task's step or a callback): what
    /// `asyncio.get_running_loop()` asks.
    pub fn is_running(&self) -> bool {
        self.inner.state.borrow().running
    }

    /// `asyncio.current_task()`.
    pub fn current_task(&self) -> Option<TaskId> {
        self.inner.state.borrow().current
    }

    /// A handle to `task` that can await it, as `asyncio.current_task()` or
    /// `asyncio.all_tasks()` give; the task's value, if it has one of type `T`, is not
    /// seen through it.
    pub fn task_handle<T>(&self, task: TaskId) -> Task<T> {
        Task { rt: self.clone(), id: task, value: Rc::new(RefCell::new(None)), awaiting: Awaiting::default() }
    }

    /// `task.cancel()`: false if the task is already done.
    pub fn cancel(&self, task: TaskId) -> bool {
        let mut st = self.st();
        let host = self.inner.host.as_ref();
        st.refresh_real(host);
        st.cancel_task(task, host)
    }

    /// Whether the last `task.cancel()` went round tasks that await each other until it
    /// stopped (see `State::cancel_task_by`): the program raises `RecursionError`.
    pub fn take_cancel_overflow(&self) -> bool {
        std::mem::take(&mut self.st().cancel_overflowed)
    }

    /// `task.cancel()` called by the learner, from outside the program (the timeline):
    /// false if the task is already done or the loop stopped.
    pub fn cancel_from_page(&self, task: TaskId) -> bool {
        let mut st = self.st();
        let host = self.inner.host.as_ref();
        if st.closed || st.tasks.get(task as usize).is_none_or(|slot| slot.outcome.is_done()) {
            return false;
        }
        st.catch_up(host);
        st.cancel_task_by(task, BY_PAGE, host)
    }

    /// Stop, as Ctrl+C stops `asyncio.run`: the main task is cancelled (its
    /// `CancelledError` is thrown in where it waits, and whatever it awaits is cancelled
    /// with it), and once it is over, the loop cancels every task left, as at any end of
    /// `asyncio.run`. With no main task pending, every task still pending is cancelled.
    /// A program may catch the cancellation and carry on: [`Runtime::stop`] ends a run
    /// whatever it does.
    ///
    /// A program that set up its own handling of SIGINT (see [`Runtime::set_sigint`])
    /// gets the signal instead, as a script under CPython does: nothing is cancelled.
    pub fn interrupt(&self) {
        if self.st().closed {
            return;
        }
        self.st().catch_up(self.inner.host.as_ref());
        let sigint = self.inner.sigint.borrow().clone();
        if sigint.is_some_and(|handled| handled()) {
            let mut st = self.st();
            st.signalled = true;
            let main = st.main.unwrap_or(NONE);
            st.emit(Kind::Interrupted, main, SIGNALLED);
            return;
        }
        let mut st = self.st();
        let host = self.inner.host.as_ref();
        st.interrupted = true;
        let main = st.main.filter(|&main| !st.tasks[main as usize].outcome.is_done());
        st.emit(Kind::Interrupted, main.unwrap_or(NONE), NONE);
        match main {
            Some(main) => {
                st.cancel_task_by(main, BY_STOP, host);
            }
            None => {
                for task in 0..st.tasks.len() as TaskId {
                    st.cancel_task_by(task, BY_STOP, host);
                }
            }
        }
    }

    /// Whether `task` is a child of a `gather`: its done-callback holds the gather's
    /// future, which holds the task, a cycle CPython's reference counts never free (so
    /// it is not reported as destroyed while pending, as a task alone would be).
    pub fn in_gather(&self, task: TaskId) -> bool {
        self.inner.state.borrow().gathers.iter().any(|g| g.children.contains(&task))
    }

    /// Whether the learner pressed Stop ([`Runtime::interrupt`]) and main() was
    /// cancelled for it.
    pub fn interrupted(&self) -> bool {
        self.inner.state.borrow().interrupted
    }

    /// Whether the learner pressed Stop and a handler of the program's took the SIGINT.
    pub fn signalled(&self) -> bool {
        self.inner.state.borrow().signalled
    }

    /// What Stop does first: `handled` hands the program the SIGINT Ctrl+C would send,
    /// if it set up its own handling of it (scheduling its handler, or ignoring it), and
    /// says whether it did; if not, Stop cancels main() as asyncio.run's own handler does.
    pub fn set_sigint(&self, handled: impl Fn() -> bool + 'static) {
        *self.inner.sigint.borrow_mut() = Some(Rc::new(handled));
    }

    /// How `task` ended, or that it has not.
    pub fn outcome(&self, task: TaskId) -> Outcome {
        self.inner.state.borrow().tasks[task as usize].outcome.clone()
    }

    /// What the loop recorded so far.
    pub fn trace(&self) -> Ref<'_, Trace> {
        Ref::map(self.inner.state.borrow(), |st| &st.trace)
    }

    /// Takes the trace out, leaving an empty one.
    pub fn take_trace(&self) -> Trace {
        std::mem::take(&mut self.st().trace)
    }

    /// How many timers are pending.
    pub fn sleeping(&self) -> usize {
        self.inner.state.borrow().pending_timers
    }

    /// When the host's alarm is set for, on its clock, if it is.
    pub fn alarm(&self) -> Option<f64> {
        self.inner.state.borrow().armed
    }

    /// Whether the run was stopped.
    pub fn is_closed(&self) -> bool {
        self.inner.state.borrow().closed
    }

    /// The host's alarm rang: the loop runs what is now due.
    pub fn on_alarm(&self) {
        self.st().armed = None;
        self.run();
    }

    /// Runs the loop until nothing is ready and no timer is due on the host's clock,
    /// or until its slice of time is up. Then it sets the host's alarm for the next
    /// deadline (or asks to be called again soon), and returns.
    ///
    /// Each pass is one iteration of CPython's `_run_once`: if nothing is ready, the
    /// loop's clock moves to the earliest deadline (once the host's clock has reached
    /// it too); every timer due within [`CLOCK_RESOLUTION`] joins the ready queue; then
    /// exactly the handles on the queue at that point run, first in, first out.
    pub fn run(&self) {
        let host = self.inner.host.as_ref();
        {
            let mut st = self.st();
            if st.running || st.closed {
                return;
            }
            st.running = true;
            st.soon = false;
            st.refresh_real(host);
        }
        let slice_began = self.inner.state.borrow().real;
        // (Events recorded before any handle ran, by the program's code outside the loop,
        // count for `hand_back_after` too: the turn comes before the first handle.)
        let first = {
            let mut st = self.st();
            st.steps_run == 0 && st.paused.is_none() && !std::mem::replace(&mut st.began, true)
        };
        if first && self.hand_back() {
            return;
        }
        // A step that paused goes on first: the loop was blocked by it all along.
        let paused = self.st().paused.take();
        if let Some(task) = paused {
            self.resume(task);
            if self.yield_if_paused() {
                return;
            }
        }
        let mut count = 0u32;
        loop {
            // A step that blocks the loop for threads: they run, then it goes on.
            if self.st().blocking.is_some() {
                let Some(task) = self.run_blocked(slice_began) else { return };
                self.resume(task);
                if self.yield_if_paused() || self.hand_back() {
                    return;
                }
                continue;
            }
            let handle = {
                let mut st = self.st();
                if st.closed {
                    break;
                }
                if st.iteration_left == 0 && !st.start_iteration(host) {
                    break;
                }
                st.iteration_left -= 1;
                st.ready.pop_front().expect("an iteration runs only the handles on the ready queue")
            };
            self.run_handle(handle);
            if self.yield_if_paused() || self.hand_back() {
                return;
            }
            count += 1;
            if !count.is_multiple_of(CHECK_EVERY) {
                continue;
            }
            if self.slice_over(slice_began) {
                return;
            }
        }
        self.st().running = false;
    }

    /// Whether the loop's slice of the host's time, begun at `slice_began`, is over (or
    /// the host wants its turn): if so, the host is asked to call again soon.
    fn slice_over(&self, slice_began: f64) -> bool {
        let host = self.inner.host.as_ref();
        let mut st = self.st();
        st.refresh_real(host);
        if st.real - slice_began > host.slice() || host.turn_due() {
            st.running = false;
            st.soon = true;
            host.later();
            return true;
        }
        false
    }

    /// How many lines begun the trace has recorded (see [`Runtime::line_ran`]).
    pub fn lines_recorded(&self) -> usize {
        self.inner.state.borrow().trace.lines_run.len()
    }

    /// The running code begins a line (in a program compiled to record them): the
    /// trace records it, with the running task.
    pub fn line_ran(&self, line: u32) {
        let mut st = self.st();
        if st.trace.lines_run.len() < crate::trace::LINES_RUN_MOST {
            let (at, task) = (st.trace.events.len() as u32, st.current.unwrap_or(NONE));
            st.trace.lines_run.push((at, task, line));
        }
    }

    /// Has the loop hand its host a turn, as a paused step does, at the end of the
    /// first handle after which the trace holds more than `events` events (or before
    /// the first handle, if the program's code outside the loop recorded that many):
    /// a view's run stops there to read the program's state as it stood then.
    pub fn hand_back_after(&self, events: usize) {
        self.st().hand_back_after = Some(events);
    }

    /// Whether the loop has handed its host the turn [`Runtime::hand_back_after`] asked
    /// for: no handle is running, and the trace holds more events than the mark.
    pub fn handed_back(&self) -> bool {
        let st = self.inner.state.borrow();
        st.hand_back_after.is_none() && st.paused.is_none()
    }

    /// Whether the trace has grown past [`Runtime::hand_back_after`]'s mark; if so, the
    /// host has its turn.
    fn hand_back(&self) -> bool {
        let mut st = self.st();
        if st.hand_back_after.is_none_or(|n| st.trace.events.len() <= n) {
            return false;
        }
        st.hand_back_after = None;
        st.running = false;
        st.soon = true;
        self.inner.host.later();
        true
    }

    /// If the step that just ran paused, hands the host its turn (the loop stays
    /// blocked: the step goes on first when the host calls [`Runtime::run`] again).
    fn yield_if_paused(&self) -> bool {
        let mut st = self.st();
        if st.paused.is_none() {
            return false;
        }
        st.running = false;
        st.soon = true;
        self.inner.host.later();
        true
    }

    /// Whether the code running now may pause ([`Runtime::pause`]): a task's step may;
    /// a callback, which runs to its end at once, may not.
    pub fn may_pause(&self) -> bool {
        self.inner.state.borrow().current.is_some()
    }

    /// Called by the running step's future as it returns `Pending` to let the host have
    /// a turn (a browser draws, takes input) in the middle of a long step. The step is
    /// not over: the loop runs nothing else, and goes on with it when next run. Nothing
    /// about the program changes but how long the step takes on the host's clock.
    pub fn pause(&self) {
        let mut st = self.st();
        debug_assert!(st.current.is_some(), "only a task's step pauses");
        st.pause = true;
    }

    /// Called by the running step's future, a thread's, as it returns `Pending` when its
    /// switch interval is over: as CPython's GIL passes from a thread that computes to
    /// the others every 5 ms, the loop (or, while a step blocks it, the other threads)
    /// runs what is ready, and the thread goes on behind it.
    pub fn switch(&self) {
        let mut st = self.st();
        debug_assert!(st.current.is_some(), "only a thread's step switches");
        st.pause = true;
        st.switching = true;
    }

    /// Whether the running step is one of the program's threads' (or of a loop a
    /// thread runs), which [`Runtime::switch`] may pass the turn from.
    pub fn current_is_thread(&self) -> bool {
        let st = self.inner.state.borrow();
        st.current.is_some_and(|t| st.tasks[t as usize].threaded)
    }

    /// Whether something besides the running step could run now: a handle ready or a
    /// timer due on the host's clock (while a step blocks the loop for threads, only
    /// another thread's step or sleep).
    pub fn others_waiting(&self) -> bool {
        let now = self.inner.host.now();
        let mut st = self.st();
        let current = st.current;
        if let Some(blocking) = &st.blocking {
            // (Or the blocked step, whose wait is over: a thread it waited to start.)
            let over = blocking.futures.iter().any(|&f| st.futures[f as usize].outcome.is_done());
            let other_thread = st.ready.iter().any(|h| match *h {
                Handle::Step(t) => st.tasks[t as usize].threaded && Some(t) != current,
                Handle::Timer(id) => st.thread_sleep(id),
                _ => false,
            });
            return over || other_thread;
        }
        !st.ready.is_empty() || st.due_on_host(now).is_some()
    }

    /// The running step waits for one of `futures` (which threads set) or for
    /// `timeout` seconds, blocking the loop, as a coroutine that calls a thread's
    /// `result()` or `join()` blocks CPython's: nothing of the loop's runs meanwhile,
    /// only the program's threads (tasks made with [`Runtime::detach`]) and their
    /// timers, on a clock that moves to their deadlines. The step's future then returns
    /// `Pending` once; when it is polled again, [`Runtime::block_end`] says how the
    /// wait ended.
    pub fn block_on(&self, futures: Vec<FutureId>, timeout: Option<f64>) {
        let mut st = self.st();
        let task = st.current.expect("only a task's step blocks on threads");
        let deadline = timeout.map(|t| (st.now + t.max(0.0), st.real + t.max(0.0)));
        st.blocking = Some(Blocking { task, futures, deadline, handles: 0 });
        st.block_ended = None;
        st.pause = true;
    }

    /// How the wait [`Runtime::block_on`] set up ended (`None` while it has not).
    pub fn block_end(&self) -> Option<BlockEnd> {
        self.st().block_ended.take()
    }

    /// Runs the threads while a step blocks the loop for them (see [`Runtime::block_on`]):
    /// the blocked task, once its wait is over, or `None` if the host is to call
    /// [`Runtime::run`] again (the alarm set, or a turn asked for).
    fn run_blocked(&self, slice_began: f64) -> Option<TaskId> {
        let host = self.inner.host.as_ref();
        loop {
            let mut st = self.st();
            let blocking = st.blocking.as_ref().expect("blocked");
            // (Once it is, a thread that took on new work goes on with it first, as
            // CPython's worker, holding the GIL, takes its next work item before the
            // waiting thread wakes: a first step ready to run.)
            let fresh = |h: &Handle| matches!(*h, Handle::Step(t) if st.tasks[t as usize].detached && !st.tasks[t as usize].started);
            let done = blocking.futures.iter().any(|&f| st.futures[f as usize].outcome.is_done())
                && !st.ready.iter().any(fresh);
            let timed_out = blocking.deadline.is_some_and(|(at, _)| st.now >= at);
            let spent = blocking.handles >= BLOCKED_MOST;
            if done || timed_out || spent {
                let blocking = st.blocking.take().expect("blocked");
                st.block_ended = Some(if done {
                    BlockEnd::Done
                } else if timed_out {
                    BlockEnd::TimedOut
                } else {
                    BlockEnd::Stuck
                });
                return Some(blocking.task);
            }
            // A thread's step, or a thread's timer that is due, ready to run.
            let threads = |h: &Handle, st: &State| match *h {
                Handle::Step(t) => st.tasks[t as usize].threaded,
                Handle::Timer(id) => st.thread_sleep(id),
                _ => false,
            };
            if let Some(at) = st.ready.iter().position(|h| threads(h, &st)) {
                let handle = st.ready.remove(at).expect("found");
                if at < st.iteration_left {
                    st.iteration_left -= 1;
                }
                st.blocking.as_mut().expect("blocked").handles += 1;
                drop(st);
                self.run_handle(handle);
                if self.yield_if_paused() || self.hand_back() {
                    return None;
                }
                if self.slice_over(slice_began) {
                    return None;
                }
                continue;
            }
            // Nothing of theirs is ready: the earliest of their timers, or the timeout.
            let next = st
                .queue
                .iter()
                .chain(st.due.iter().map(|&id| TimerKey { deadline: Deadline(st.timers[id as usize].deadline), id }))
                .filter(|key| st.timers[key.id as usize].handle == TimerHandle::Queued && st.thread_sleep(key.id))
                .min();
            let deadline = st.blocking.as_ref().and_then(|b| b.deadline);
            let (at, real_at) = match (next, deadline) {
                (Some(key), Some((at, _))) if at < key.deadline.0 => deadline.expect("given"),
                (Some(key), _) => (key.deadline.0, st.timers[key.id as usize].real_deadline),
                (None, Some(deadline)) => deadline,
                (None, None) => {
                    // Nothing can ever set the futures: the wait would never end.
                    let blocking = st.blocking.take().expect("blocked");
                    st.block_ended = Some(BlockEnd::Stuck);
                    return Some(blocking.task);
                }
            };
            st.refresh_real(host);
            if st.real < real_at {
                st.arm(host, Some(real_at));
                st.running = false;
                return None;
            }
            st.now = st.now.max(at);
            // (Its handle joins the ready queue, where the threads' next is looked for.)
            if let Some(key) = next.filter(|key| key.deadline.0 <= at) {
                st.make_ready(key.id);
            }
        }
    }

    /// Ends the run at once: every task is dropped where it stands and recorded as
    /// cancelled, every timer is cancelled (so the host is left with no alarm), and
    /// nothing more is printed.
    pub fn stop(&self) {
        let host = self.inner.host.as_ref();
        let coros: Vec<Coroutine> = {
            let mut st = self.st();
            if st.closed {
                return;
            }
            st.refresh_real(host);
            st.closed = true;
            st.paused = None;
            st.blocking = None;
            st.pause = false;
            st.ready.clear();
            st.iteration_left = 0;
            st.unstage();
            st.pending_timers = 0;
            st.background_timers = 0;
            while let Some(key) = st.first_timer() {
                st.queue.pop();
                let sleeper = st.timers[key.id as usize].sleeper;
                st.timers[key.id as usize].handle = TimerHandle::Gone;
                st.emit(Kind::TimerCancelled, sleeper, key.id);
            }
            st.arm(host, None);
            let mut coros = Vec::new();
            for id in 0..st.tasks.len() {
                if st.tasks[id].outcome.is_done() {
                    continue;
                }
                st.tasks[id].outcome = Outcome::Cancelled;
                coros.extend(st.tasks[id].coro.take());
                st.emit(Kind::Cancelled, id as u32, Cancel::Stopped as u32);
            }
            coros
        };
        // Dropped with the state released: a task's futures clean up after themselves.
        drop(coros);
    }

    fn run_handle(&self, handle: Handle) {
        let host = self.inner.host.as_ref();
        match handle {
            Handle::Step(task) => self.step(task),
            Handle::Timer(id) => {
                let call = self.st().fire_timer(id, host);
                if let Some(call) = call {
                    self.run_call(call);
                }
            }
            Handle::Call(id) => self.run_call(id),
            Handle::Gathered { gather, child, cause } => self.st().gathered(gather, child, cause, host),
            Handle::GroupDone { group, child, cause } => self.st().group_child_done(group, child, cause, host),
            Handle::Stop => self.st().stop_main(),
        }
    }

    /// Has every step that ends with its task waiting record `probe()`, the line where
    /// the task stands, in the trace's `step_lines`.
    pub fn set_line_probe(&self, probe: impl Fn() -> u32 + 'static) {
        *self.inner.line_probe.borrow_mut() = Some(Box::new(probe));
    }

    /// One step of `task`: asyncio's `Task.__step`.
    fn step(&self, task: TaskId) {
        let host = self.inner.host.as_ref();
        let (coro, throw, started, events_before) = {
            let mut st = self.st();
            let slot = &mut st.tasks[task as usize];
            if slot.outcome.is_done() {
                return;
            }
            // A pending cancellation wins over any other error, as in `__step`.
            let error = slot.throw_next.take();
            let throw = if std::mem::take(&mut slot.must_cancel) { Some(Error::Cancelled) } else { error };
            slot.waiter = None;
            let started = std::mem::replace(&mut slot.started, true);
            let coro = slot.coro.take();
            st.current = Some(task);
            st.steps_run += 1;
            st.emit(Kind::Step, task, NONE);
            (coro, throw, started, st.trace.events.len())
        };
        let coro = coro.expect("a task that is not done has its coroutine");
        if !started && throw.is_some() {
            // Throwing into a coroutine that never started ends it before any of its
            // code runs. It is dropped with the state released, like every coroutine.
            let mut st = self.st();
            st.current = None;
            st.finish(task, Err(Error::Cancelled), Cancel::BeforeStart, host);
            drop(st);
            drop(coro);
            return;
        }
        self.st().throw = throw;
        self.poll_step(task, coro, events_before);
    }

    /// Goes on with the step of `task` that paused.
    fn resume(&self, task: TaskId) {
        let (coro, events_before) = {
            let mut st = self.st();
            st.current = Some(task);
            (st.tasks[task as usize].coro.take(), st.trace.events.len())
        };
        let coro = coro.expect("a paused step keeps its coroutine");
        self.poll_step(task, coro, events_before);
    }

    /// Polls the coroutine of `task`, whose step this is, and settles what follows.
    fn poll_step(&self, task: TaskId, mut coro: Coroutine, events_before: usize) {
        let host = self.inner.host.as_ref();
        let poll = coro.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        let mut st = self.st();
        st.current = None;
        let worked = std::mem::take(&mut st.worked);
        if worked || st.trace.events.len().saturating_sub(events_before) >= CHECK_EVERY as usize {
            // A long step (main creating thousands of tasks, or computing): what follows
            // is stamped with the time it ended, not the time it began.
            st.refresh_real(host);
        }
        if st.closed {
            // The task stopped the run itself: it was recorded as cancelled with the rest.
            st.suspend = None;
            drop(st);
            drop(coro);
            return;
        }
        if poll.is_pending() && std::mem::take(&mut st.pause) {
            // The step goes on later: what it was handed stays for it (after the
            // threads it waits for, if it blocks on them).
            st.tasks[task as usize].coro = Some(coro);
            if std::mem::take(&mut st.switching) {
                // A thread's switch interval is over: it goes on behind what is ready,
                // as after a bare yield; or, when only a timer is due on the host's
                // clock, behind that timer, in its batch (the loop runs due timers only
                // once nothing is ready).
                match st.due_on_host(host.now()) {
                    Some((deadline, real_deadline)) if st.ready.is_empty() => {
                        let timer = st.add_timer_at(deadline, real_deadline);
                        st.timers[timer as usize].sleeper = task;
                        st.suspend_task(task, Wait::Timer(timer), host);
                    }
                    _ => st.suspend_task(task, Wait::Yield, host),
                }
                return;
            }
            if st.blocking.as_ref().is_none_or(|b| b.task != task) {
                st.paused = Some(task);
            }
            return;
        }
        if st.throw.take().is_some() {
            // Nothing awaited took it: deliver it at the next step instead.
            st.tasks[task as usize].must_cancel = true;
        }
        match poll {
            Poll::Ready(result) => {
                st.finish(task, result, Cancel::Raised, host);
                drop(st);
                drop(coro);
            }
            Poll::Pending => {
                st.tasks[task as usize].coro = Some(coro);
                let wait =
                    st.suspend.take().expect("a task awaits only the loop's own futures, which say what they wait on");
                st.suspend_task(task, wait, host);
                if let Some(probe) = self.inner.line_probe.borrow().as_ref() {
                    let at = st.trace.events.len() as u32;
                    st.trace.step_lines.push((at, task, probe()));
                }
            }
        }
    }

    /// Called by the loop's own futures as they are polled on resuming: the
    /// `CancelledError` to raise at this `await` instead of its own result, if any.
    fn take_throw(&self) -> Option<Error> {
        self.st().throw.take()
    }

    /// Called by the loop's own futures when they return `Pending`.
    fn suspend_on(&self, wait: Wait) {
        self.st().suspend = Some(wait);
    }
}

impl State {
    /// The loop stops for the caller of `run_until_complete` (or `asyncio.run`) once
    /// this iteration is over: it suspends, or for `asyncio.run` stops, cancelling
    /// what is left (see `start_iteration`).
    fn stop_main(&mut self) {
        if self.main_suspends {
            self.suspended = true;
        } else {
            self.stopping = true;
        }
    }

    fn emit(&mut self, kind: Kind, task: u32, arg: u32) -> u32 {
        let index = self.trace.events.len() as u32;
        self.trace.events.push(Event { ideal: self.now, real: self.real, task, arg, kind });
        index
    }

    fn refresh_real(&mut self, host: &dyn Host) {
        self.real = host.now();
    }

    /// Something happens from outside the loop now, on the host's clock (the learner
    /// pressed Stop): the loop's clock, which otherwise moves only from deadline to
    /// deadline, moves on to the same moment, less how late the host was when the loop
    /// last woke, as `loop.time()` would have moved on in CPython. Never while anything
    /// is ready (the loop's clock stands still then), and never past a pending timer.
    fn catch_up(&mut self, host: &dyn Host) {
        self.refresh_real(host);
        if !self.ready.is_empty() || self.running || self.paused.is_some() {
            return;
        }
        let mut target = self.real - self.late;
        if let Some(first) = self.first_timer() {
            target = target.min(first.deadline.0);
        }
        for &id in &self.due {
            target = target.min(self.timers[id as usize].deadline);
        }
        self.now = self.now.max(target);
    }

    /// Nothing ready, no timer pending, not running, or stopped.
    fn idle(&self) -> bool {
        self.closed
            || self.suspended
            || (self.ready.is_empty() && self.pending_timers == 0 && !self.running && self.paused.is_none())
    }

    /// Whether all the work left is background tasks' (see [`Runtime::set_background`]).
    fn only_background(&self) -> bool {
        let background = |task: TaskId| task != NONE && self.tasks[task as usize].background;
        !self.running
            && self.paused.is_none()
            && self.pending_timers == self.background_timers
            && self.ready.iter().all(|h| match h {
                Handle::Step(task) => background(*task),
                Handle::Timer(id) => background(self.timers[*id as usize].sleeper),
                _ => false,
            })
    }

    /// Whether the timer `id` is one a background task sleeps on.
    fn background_timer(&self, id: TimerId) -> bool {
        let sleeper = self.timers[id as usize].sleeper;
        sleeper != NONE && self.tasks[sleeper as usize].background
    }

    fn request_soon(&mut self, host: &dyn Host) {
        if !self.soon && !self.running && !self.closed {
            self.soon = true;
            host.soon();
        }
    }

    /// Sets the host's alarm for `at` (or clears it), and records that the loop waits
    /// until then, unless it recorded so already: a host's alarm that rings early (a
    /// browser's timer counts whole ms, and the loop waits out the rest with messages)
    /// is set again for the same deadline, which the loop's run does not record again,
    /// as its ideal run never sets it twice.
    fn arm(&mut self, host: &dyn Host, at: Option<f64>) {
        if self.armed == at {
            return;
        }
        self.armed = at;
        self.record_alarm(at);
        host.arm(at);
    }

    /// Records that the loop waits until `at` on the host's clock (or for nothing), once.
    fn record_alarm(&mut self, at: Option<f64>) {
        if self.alarm_recorded == Some(at) {
            return;
        }
        self.alarm_recorded = Some(at);
        let arg = match at {
            Some(at) => {
                self.trace.alarms.push(at);
                self.trace.alarms.len() as u32 - 1
            }
            None => NONE,
        };
        self.emit(Kind::Alarm, NONE, arg);
    }

    /// Starts an iteration of the loop: returns false if there is nothing to do until
    /// the host's alarm rings (having set it), or nothing to do at all.
    fn start_iteration(&mut self, host: &dyn Host) -> bool {
        if self.suspended {
            self.arm(host, None);
            return false;
        }
        if std::mem::take(&mut self.stopping) {
            // The loop stopped after main's iteration; asyncio.run cancels what is left,
            // and the callbacks of `call_later` still to come never run.
            self.cause = NONE;
            for task in 0..self.tasks.len() as TaskId {
                if !self.tasks[task as usize].detached {
                    self.cancel_task(task, host);
                }
            }
            for timer in 0..self.timers.len() {
                if let (Some(id), TimerHandle::Queued) = (self.timers[timer].callback, self.timers[timer].handle) {
                    self.calls[id as usize] = None;
                    self.cancel_timer(timer as TimerId);
                }
            }
        }
        if self.ready.is_empty() {
            if !self.stage_due() {
                self.arm(host, None);
                return false;
            }
            // Every timer that fires with the first must be due on the host's clock too.
            let real_due =
                self.due.iter().map(|&id| self.timers[id as usize].real_deadline).fold(f64::NEG_INFINITY, f64::max);
            self.refresh_real(host);
            if self.real < real_due {
                self.arm(host, Some(real_due));
                return false;
            }
            if self.now < self.timers[self.due[0] as usize].deadline {
                // The loop's clock moves on to the timers: it waited for them, as its
                // ideal run records, though the host's clock is past them already (the
                // steps before ran late) and no alarm of the host's was needed.
                self.record_alarm(Some(real_due));
            }
            self.now = self.now.max(self.timers[self.due[0] as usize].deadline);
            self.late = self.real - self.now;
            self.emit(Kind::Wakes, NONE, NONE);
            for id in std::mem::take(&mut self.due) {
                self.make_ready(id);
            }
        }
        let end = self.now + CLOCK_RESOLUTION;
        while let Some(key) = self.first_timer() {
            if key.deadline.0 >= end {
                break;
            }
            self.queue.pop();
            self.make_ready(key.id);
        }
        self.iteration_left = self.ready.len();
        self.iteration_left > 0
    }

    /// Stages in `due` the batch of timers that fires next: the earliest one not
    /// cancelled and every other due within [`CLOCK_RESOLUTION`] of it. Returns false
    /// if no timer is pending.
    fn stage_due(&mut self) -> bool {
        let timers = &self.timers;
        self.due.retain(|&id| timers[id as usize].handle == TimerHandle::Queued);
        if let Some(&staged) = self.due.first() {
            let end = self.timers[staged as usize].deadline + CLOCK_RESOLUTION;
            if !self.first_timer().is_some_and(|first| first.deadline.0 < end) {
                return true;
            }
            // A timer set since is due before the staged batch ends: stage it again, in order.
            self.unstage();
        }
        let Some(first) = self.first_timer() else { return false };
        // The first is staged whatever its deadline (at 1e308 s, adding the resolution
        // changes nothing), then those due with it.
        let end = first.deadline.0 + CLOCK_RESOLUTION;
        self.queue.pop();
        self.due.push(first.id);
        while let Some(key) = self.first_timer() {
            if key.deadline.0 >= end {
                break;
            }
            self.queue.pop();
            self.due.push(key.id);
        }
        true
    }

    /// Puts the staged batch back in the queue.
    fn unstage(&mut self) {
        for id in std::mem::take(&mut self.due) {
            let key = TimerKey { deadline: Deadline(self.timers[id as usize].deadline), id };
            self.queue.push(key);
        }
    }

    /// The earliest timer in the queue that is not cancelled; cancelled ones before it
    /// leave the queue.
    fn first_timer(&mut self) -> Option<TimerKey> {
        while let Some(key) = self.queue.peek() {
            if self.timers[key.id as usize].handle == TimerHandle::Queued {
                return Some(key);
            }
            self.queue.pop();
        }
        None
    }

    /// The loop's and the host's deadlines of the first timer, if it is due on the
    /// host's clock at `now` (see [`Runtime::switch`]).
    fn due_on_host(&mut self, now: f64) -> Option<(f64, f64)> {
        let key = self.first_timer()?;
        let real_deadline = self.timers[key.id as usize].real_deadline;
        (real_deadline <= now).then_some((key.deadline.0, real_deadline))
    }

    /// Whether timer `id` is a sleep of one of the program's threads (see
    /// [`Runtime::block_on`]).
    fn thread_sleep(&self, id: TimerId) -> bool {
        let timer = &self.timers[id as usize];
        timer.callback.is_none() && self.tasks.get(timer.sleeper as usize).is_some_and(|t| t.threaded)
    }

    /// A due timer joins the ready queue.
    fn make_ready(&mut self, id: TimerId) {
        self.timers[id as usize].handle = TimerHandle::Ready;
        self.pending_timers -= 1;
        self.background_timers -= usize::from(self.background_timer(id));
        self.ready.push_back(Handle::Timer(id));
    }

    /// A new task, with its coroutine still to be given (unless the loop is closed).
    fn create_task(&mut self, label: Label, host: &dyn Host) -> TaskId {
        let id = self.tasks.len() as TaskId;
        self.tasks.push(TaskSlot {
            coro: None,
            outcome: if self.closed { Outcome::Cancelled } else { Outcome::Pending },
            started: false,
            must_cancel: false,
            cancels: 0,
            throw_next: None,
            waiter: None,
            callbacks: Callbacks::default(),
            detached: false,
            threaded: false,
            background: false,
        });
        let parent = self.current.unwrap_or(NONE);
        self.trace.tasks.push(TaskInfo { label, parent });
        let created = self.emit(Kind::Created, id, parent);
        if self.closed {
            self.emit(Kind::Cancelled, id, Cancel::Stopped as u32);
        } else {
            self.call_soon_step(id, created, host);
        }
        id
    }

    /// Puts a step of `task` on the ready queue.
    fn call_soon_step(&mut self, task: TaskId, cause: u32, host: &dyn Host) {
        self.emit(Kind::Scheduled, task, cause);
        self.call_soon(Handle::Step(task), host);
    }

    fn call_soon(&mut self, handle: Handle, host: &dyn Host) {
        self.ready.push_back(handle);
        self.request_soon(host);
    }

    /// Puts `callback` on the ready queue for task or gather `source`, which just completed.
    fn schedule(&mut self, callback: Callback, source: TaskId, cause: u32, host: &dyn Host) {
        match callback {
            Callback::Wake(task) => self.call_soon_step(task, cause, host),
            Callback::Gathered(gather) => self.call_soon(Handle::Gathered { gather, child: source, cause }, host),
            Callback::GroupDone(group) => self.call_soon(Handle::GroupDone { group, child: source, cause }, host),
            Callback::Stop => self.call_soon(Handle::Stop, host),
            Callback::Call(id) => self.call_soon(Handle::Call(id), host),
        }
    }

    /// Ends `task`'s step (or the task itself) with what its coroutine returned.
    fn finish(&mut self, task: TaskId, result: Result<(), Error>, cancel: Cancel, host: &dyn Host) {
        let slot = &mut self.tasks[task as usize];
        let must_cancel = std::mem::take(&mut slot.must_cancel);
        slot.outcome = match result {
            // Cancelled right before it returned: it still ends cancelled.
            Ok(()) if must_cancel => Outcome::Cancelled,
            Ok(()) => Outcome::Done,
            Err(Error::Cancelled) => Outcome::Cancelled,
            Err(Error::Raised(exception)) => Outcome::Failed(Error::Raised(exception)),
        };
        slot.coro = None;
        slot.waiter = None;
        let callbacks = slot.callbacks.take();
        let event = match &self.tasks[task as usize].outcome {
            Outcome::Done => self.emit(Kind::Returned, task, NONE),
            Outcome::Failed(error) => {
                let text = error.to_string();
                let index = self.trace.errors.len() as u32;
                self.trace.errors.push(text);
                self.emit(Kind::Raised, task, index)
            }
            _ => self.emit(Kind::Cancelled, task, cancel as u32),
        };
        for callback in callbacks {
            self.schedule(callback, task, event, host);
        }
    }

    /// The end of a step that awaits `wait`: the rest of `Task.__step`.
    fn suspend_task(&mut self, task: TaskId, wait: Wait, host: &dyn Host) {
        let (kind, arg) = match wait {
            Wait::Yield => (Kind::Yielded, NONE),
            Wait::Timer(timer) => (Kind::Sleeps, timer),
            Wait::Task(other) => (Kind::AwaitsTask, other),
            Wait::Gather(gather) => (Kind::AwaitsGather, gather),
            Wait::Group(group, _) => (Kind::AwaitsGroup, group),
            Wait::Future(future) => (Kind::AwaitsFuture, future),
        };
        let event = self.emit(kind, task, arg);
        if wait == Wait::Yield {
            // A bare yield: straight to the back of the ready queue.
            self.call_soon_step(task, event, host);
            return;
        }
        self.cause = event;
        self.add_done_callback(wait, Callback::Wake(task), event, host);
        self.tasks[task as usize].waiter = Some(wait);
        if self.tasks[task as usize].must_cancel && self.cancel_wait(wait, host) {
            self.tasks[task as usize].must_cancel = false;
        }
    }

    fn add_done_callback(&mut self, wait: Wait, callback: Callback, cause: u32, host: &dyn Host) {
        let (outcome, callbacks) = match wait {
            // A sleep's only callback is its sleeper's wake-up; the timer knows it.
            Wait::Yield | Wait::Timer(_) => return,
            Wait::Task(task) => {
                let slot = &mut self.tasks[task as usize];
                (&slot.outcome, &mut slot.callbacks)
            }
            Wait::Gather(gather) => {
                let slot = &mut self.gathers[gather as usize].future;
                (&slot.outcome, &mut slot.callbacks)
            }
            Wait::Group(_, future) | Wait::Future(future) => {
                let slot = &mut self.futures[future as usize];
                (&slot.outcome, &mut slot.callbacks)
            }
        };
        if outcome.is_done() {
            let source = if let Wait::Task(task) = wait { task } else { NONE };
            self.schedule(callback, source, cause, host);
        } else {
            callbacks.push(callback);
        }
    }

    /// `task.cancel()`, called by the running task (or by the loop itself).
    fn cancel_task(&mut self, task: TaskId, host: &dyn Host) -> bool {
        let by = self.current.unwrap_or(NONE);
        self.cancel_task_by(task, by, host)
    }

    /// `task.cancel()`, called by `by` (a task, [`NONE`], [`BY_PAGE`] or [`BY_STOP`]).
    /// Through tasks that await each other it would never end: past [`CANCEL_DEPTH_MOST`]
    /// it stops where it is, as CPython's raises `RecursionError` there
    /// ([`Runtime::take_cancel_overflow`]).
    fn cancel_task_by(&mut self, task: TaskId, by: u32, host: &dyn Host) -> bool {
        let outermost = self.cancel_depth == 0;
        if outermost {
            self.cancel_overflowed = false;
        }
        let cancelled = self.cancel_task_within(task, by, host);
        if outermost && self.cancel_overflow {
            self.cancel_overflow = false;
            self.cancel_overflowed = true;
        }
        cancelled
    }

    fn cancel_task_within(&mut self, task: TaskId, by: u32, host: &dyn Host) -> bool {
        if self.closed || self.tasks[task as usize].outcome.is_done() || self.cancel_overflow {
            return false;
        }
        if self.cancel_depth >= CANCEL_DEPTH_MOST {
            self.cancel_overflow = true;
            return false;
        }
        self.tasks[task as usize].cancels += 1;
        self.cause = self.emit(Kind::CancelRequested, task, by);
        if let Some(wait) = self.tasks[task as usize].waiter {
            self.cancel_depth += 1;
            let cancelled = self.cancel_wait(wait, host);
            self.cancel_depth -= 1;
            if self.cancel_overflow {
                return false;
            }
            if cancelled {
                // The waiter stays: it may be a task that ignores the cancellation.
                return true;
            }
        }
        // Its step is on the ready queue already (or it is the one running).
        self.tasks[task as usize].must_cancel = true;
        true
    }

    /// `task.uncancel()`.
    fn uncancel(&mut self, task: TaskId) -> u32 {
        let slot = &mut self.tasks[task as usize];
        slot.cancels = slot.cancels.saturating_sub(1);
        slot.cancels
    }

    /// Cancels what a task waits on: `self._fut_waiter.cancel()`.
    fn cancel_wait(&mut self, wait: Wait, host: &dyn Host) -> bool {
        match wait {
            Wait::Yield => false,
            Wait::Timer(timer) => {
                let slot = &mut self.timers[timer as usize];
                if slot.outcome.is_done() {
                    return false;
                }
                // The sleep's future is cancelled; its timer goes when the sleeper runs.
                slot.outcome = Outcome::Cancelled;
                let sleeper = slot.sleeper;
                let cause = self.cause;
                self.call_soon_step(sleeper, cause, host);
                true
            }
            Wait::Task(task) => self.cancel_task(task, host),
            Wait::Gather(gather) => {
                if self.gathers[gather as usize].future.outcome.is_done() {
                    return false;
                }
                let mut cancelled = false;
                for i in 0..self.gathers[gather as usize].children.len() {
                    let child = self.gathers[gather as usize].children[i];
                    cancelled |= self.cancel_task(child, host);
                }
                if cancelled {
                    self.gathers[gather as usize].cancel_requested = true;
                }
                cancelled
            }
            Wait::Group(_, future) | Wait::Future(future) => {
                if self.futures[future as usize].outcome.is_done() {
                    return false;
                }
                let cause = self.cause;
                self.complete_future(future, Outcome::Cancelled, cause, host);
                true
            }
        }
    }

    fn new_call(&mut self, callback: Box<dyn FnOnce()>) -> CallbackId {
        self.calls.push(Some(callback));
        self.calls.len() as CallbackId - 1
    }

    fn new_future(&mut self) -> FutureId {
        self.futures.push(FutureSlot { outcome: Outcome::Pending, callbacks: Callbacks::default() });
        self.futures.len() as FutureId - 1
    }

    fn complete_future(&mut self, future: FutureId, outcome: Outcome, cause: u32, host: &dyn Host) {
        let slot = &mut self.futures[future as usize];
        slot.outcome = outcome;
        for callback in slot.callbacks.take() {
            self.schedule(callback, NONE, cause, host);
        }
    }

    fn add_timer(&mut self, delay: f64) -> TimerId {
        // A delay too small to move the clock (2e-18 s at 0.06 s) still moves it, by
        // the least it can: real time would have moved on meanwhile, and a program
        // that sleeps until a sum of its own comes out (a token bucket) would spin.
        let later = |at: f64| if delay > 0.0 && at + delay <= at { at.next_up() } else { at + delay };
        self.add_timer_at(later(self.now), later(self.real))
    }

    fn add_timer_at(&mut self, deadline: f64, real_deadline: f64) -> TimerId {
        let id = self.timers.len() as TimerId;
        // A sleep's timer belongs to its sleeper; `call_later`'s to the task that set it.
        let task = self.current.unwrap_or(NONE);
        // A stopped loop runs nothing more: the timer is born cancelled.
        let handle = if self.closed { TimerHandle::Gone } else { TimerHandle::Queued };
        self.timers.push(TimerSlot {
            sleeper: task,
            deadline,
            real_deadline,
            outcome: Outcome::Pending,
            handle,
            callback: None,
        });
        self.trace.timers.push(TimerInfo { task, deadline, real_deadline });
        if !self.closed {
            self.queue.push(TimerKey { deadline: Deadline(deadline), id });
            self.pending_timers += 1;
            self.background_timers += usize::from(self.background_timer(id));
            self.emit(Kind::TimerAdded, task, id);
        }
        id
    }

    /// `TimerHandle.cancel()`: a no-op once it fired.
    fn cancel_timer(&mut self, id: TimerId) {
        match self.timers[id as usize].handle {
            TimerHandle::Gone => return,
            // It leaves the queue when it reaches the front.
            TimerHandle::Queued => {
                self.pending_timers -= 1;
                self.background_timers -= usize::from(self.background_timer(id));
            }
            TimerHandle::Ready => {}
        }
        let slot = &mut self.timers[id as usize];
        slot.handle = TimerHandle::Gone;
        let sleeper = slot.sleeper;
        self.emit(Kind::TimerCancelled, sleeper, id);
    }

    /// A due timer's handle runs: a sleep's ends and its sleeper is scheduled; a
    /// `call_later` timer's callback is returned, to run now.
    fn fire_timer(&mut self, id: TimerId, host: &dyn Host) -> Option<CallbackId> {
        let slot = &mut self.timers[id as usize];
        if slot.handle != TimerHandle::Ready {
            return None;
        }
        slot.handle = TimerHandle::Gone;
        if slot.outcome.is_done() {
            // The sleep was cancelled: `_set_result_unless_cancelled` does nothing, and
            // the timer is gone without firing.
            let sleeper = slot.sleeper;
            self.emit(Kind::TimerCancelled, sleeper, id);
            return None;
        }
        slot.outcome = Outcome::Done;
        let (sleeper, callback) = (slot.sleeper, slot.callback);
        let fired = self.emit(Kind::TimerFired, sleeper, id);
        if callback.is_some() {
            self.cause = fired;
            return callback;
        }
        self.call_soon_step(sleeper, fired, host);
        None
    }

    fn new_gather(&mut self, children: Vec<TaskId>, host: &dyn Host) -> GatherId {
        let id = self.gathers.len() as GatherId;
        let outcome = if children.is_empty() { Outcome::Done } else { Outcome::Pending };
        self.trace.gathers.push(children.len() as u32);
        self.gathers.push(GatherSlot {
            children,
            finished: 0,
            cancel_requested: false,
            return_exceptions: false,
            failed_by: None,
            future: FutureSlot { outcome, callbacks: Callbacks::default() },
        });
        // `add_done_callback`: a child already done calls back at once (soon).
        let cause = self.cause;
        for i in 0..self.gathers[id as usize].children.len() {
            let child = self.gathers[id as usize].children[i];
            self.add_done_callback(Wait::Task(child), Callback::Gathered(id), cause, host);
        }
        id
    }

    /// gather's `_done_callback`, for a child that finished (`cause` is its last event).
    fn gathered(&mut self, id: GatherId, child: TaskId, cause: u32, host: &dyn Host) {
        let gather = &mut self.gathers[id as usize];
        gather.finished += 1;
        if gather.future.outcome.is_done() {
            return;
        }
        let (outcome, failed_by) = match &self.tasks[child as usize].outcome {
            // The first failure (a cancellation counts as one) is the gather's at once.
            Outcome::Cancelled if !gather.return_exceptions => (Some(Outcome::Failed(Error::Cancelled)), Some(child)),
            Outcome::Failed(error) if !gather.return_exceptions => (Some(Outcome::Failed(error.clone())), Some(child)),
            _ if gather.finished < gather.children.len() => (None, None),
            _ if gather.cancel_requested => (Some(Outcome::Failed(Error::Cancelled)), None),
            _ => (Some(Outcome::Done), None),
        };
        if let Some(outcome) = outcome {
            let gather = &mut self.gathers[id as usize];
            gather.failed_by = failed_by;
            gather.future.outcome = outcome;
            for callback in gather.future.callbacks.take() {
                self.schedule(callback, NONE, cause, host);
            }
        }
    }

    fn enter_group(&mut self) -> Result<GroupId, Error> {
        let parent = self.current.ok_or_else(|| {
            Error::Raised(Exception::new("RuntimeError", "TaskGroup cannot determine the parent task"))
        })?;
        self.groups.push(GroupSlot {
            parent,
            tasks: Vec::new(),
            live: 0,
            errors: Vec::new(),
            aborting: false,
            exiting: false,
            parent_cancel_requested: false,
            cancelled_waiting: false,
            on_completed: None,
        });
        Ok(self.groups.len() as GroupId - 1)
    }

    /// `TaskGroup._abort`: cancels every task of the group that is not done, in
    /// creation order.
    fn abort_group(&mut self, id: GroupId, host: &dyn Host) {
        self.groups[id as usize].aborting = true;
        for i in 0..self.groups[id as usize].tasks.len() {
            let task = self.groups[id as usize].tasks[i];
            if !self.tasks[task as usize].outcome.is_done() {
                self.cancel_task(task, host);
            }
        }
    }

    /// `TaskGroup._on_task_done`.
    fn group_child_done(&mut self, id: GroupId, child: TaskId, cause: u32, host: &dyn Host) {
        self.cause = cause;
        let group = &mut self.groups[id as usize];
        group.live -= 1;
        if let (Some(future), 0) = (group.on_completed, group.live) {
            if !self.futures[future as usize].outcome.is_done() {
                self.complete_future(future, Outcome::Done, cause, host);
            }
        }
        let Outcome::Failed(Error::Raised(exception)) = self.tasks[child as usize].outcome.clone() else { return };
        let group = &mut self.groups[id as usize];
        group.errors.push(exception);
        let parent = group.parent;
        if self.tasks[parent as usize].outcome.is_done() {
            return;
        }
        let group = &self.groups[id as usize];
        if !group.aborting && !group.parent_cancel_requested {
            // Cancel the body too, to abort whatever it awaits; __aexit__ uncancels it.
            self.abort_group(id, host);
            self.groups[id as usize].parent_cancel_requested = true;
            self.cause = cause;
            self.cancel_task(parent, host);
        }
    }
}

/// `HH:MM:SS` for a time of day given in ms since midnight (wrapping past midnight).
pub fn hh_mm_ss(ms_of_day: f64) -> String {
    let seconds = (ms_of_day / 1000.0).floor().rem_euclid(86_400.0) as u32;
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::hh_mm_ss;

    #[test]
    fn formats_time_of_day_like_strftime_x() {
        assert_eq!(hh_mm_ss(0.0), "00:00:00");
        assert_eq!(hh_mm_ss(((21 * 60 + 50) * 60 + 43) as f64 * 1000.0 + 999.9), "21:50:43");
        assert_eq!(hh_mm_ss(86_400_000.0 + 61_000.0), "00:01:01");
    }
}
