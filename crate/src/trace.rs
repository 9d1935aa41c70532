//! What the loop did, recorded as it happened.
//!
//! The [`Runtime`](crate::runtime::Runtime) appends one small fixed-size [`Event`] for
//! everything the loop does: a task created, put on the ready queue, stepped, suspended
//! on a timer or on another task, a timer added or fired, a line printed, a task
//! finished. Strings (task labels, printed lines, error messages) are stored once in
//! side tables that events point into. Every view the page shows, the log, the
//! timeline, the loop panel and replay, is computed from these events by [`Moment`]:
//! the state of the loop after the first `n` of them.

use std::cmp::Ordering;
use std::collections::{BTreeSet, VecDeque};

use crate::code::python_str;
use crate::number;

/// An absent task, cause or index in an event's `task` or `arg`.
pub const NONE: u32 = u32::MAX;

/// Who asked for a cancellation (the `arg` of [`Kind::CancelRequested`]) when the
/// learner did, from the timeline.
pub const BY_PAGE: u32 = u32::MAX - 1;
/// Who asked for a cancellation when the learner pressed Stop ([`Kind::Interrupted`]).
pub const BY_STOP: u32 = u32::MAX - 2;
/// Stop's SIGINT went to the program's own handler ([`Kind::Interrupted`]'s argument).
pub const SIGNALLED: u32 = u32::MAX - 3;

/// What an [`Event`] records. The page reads the names from [`Kind::NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// `task` was created; `arg` is the task that created it, or `NONE`.
    Created,
    /// `task` was put on the ready queue; `arg` is the event that caused it, or `NONE`.
    Scheduled,
    /// One step of `task` starts: the loop runs it until its next `await` that waits.
    Step,
    /// The step ended in `await asyncio.sleep(0)`: straight back to the ready queue.
    Yielded,
    /// The step ended waiting for timer `arg` (a sleep).
    Sleeps,
    /// The step ended waiting for task `arg` (`await task`).
    AwaitsTask,
    /// The step ended waiting for gather `arg` (`await asyncio.gather(...)`).
    AwaitsGather,
    /// The step ended waiting for TaskGroup `arg`'s tasks (the end of `async with`).
    AwaitsGroup,
    /// The step ended waiting for future `arg` (a program's `Future`, `Lock`, `Event`...).
    AwaitsFuture,
    /// `task` returned.
    Returned,
    /// `task` raised the exception `arg` (an index into [`Trace::errors`]).
    Raised,
    /// `task` ended cancelled; `arg` is a [`Cancel`] reason.
    Cancelled,
    /// `task.cancel()` was called; `arg` is the task that called it, or `NONE`.
    CancelRequested,
    /// Timer `arg` of `task` was added (`loop.call_later` inside `asyncio.sleep`).
    TimerAdded,
    /// Timer `arg` of `task` fired.
    TimerFired,
    /// Timer `arg` of `task` was cancelled before it fired.
    TimerCancelled,
    /// `task` printed line `arg` (an index into [`Trace::lines`]).
    Printed,
    /// `task` called the coroutine labelled `arg` and awaits it in the same task.
    Entered,
    /// The innermost coroutine `task` was running returned to its caller.
    Exited,
    /// The host's one alarm was set for real time `arg` (an index into [`Trace::alarms`]),
    /// or cleared (`NONE`).
    Alarm,
    /// Nothing was ready, and now timers are due: the loop's clock moves on to their
    /// deadline (the event's `ideal` time), and the host's alarm has rung if it was set.
    Wakes,
    /// The learner pressed Stop: the loop cancels `task` (the main task), as Ctrl+C
    /// cancels `asyncio.run`'s, or every task still pending if `task` is `NONE`.
    Interrupted,
    /// `task` blocked the loop for `arg` µs without awaiting (`time.sleep`): the loop's
    /// clock moved on meanwhile, and nothing else could run.
    Blocked,
}

impl Kind {
    pub const ALL: [Kind; 23] = [
        Kind::Created,
        Kind::Scheduled,
        Kind::Step,
        Kind::Yielded,
        Kind::Sleeps,
        Kind::AwaitsTask,
        Kind::AwaitsGather,
        Kind::AwaitsGroup,
        Kind::AwaitsFuture,
        Kind::Returned,
        Kind::Raised,
        Kind::Cancelled,
        Kind::CancelRequested,
        Kind::TimerAdded,
        Kind::TimerFired,
        Kind::TimerCancelled,
        Kind::Printed,
        Kind::Entered,
        Kind::Exited,
        Kind::Alarm,
        Kind::Wakes,
        Kind::Interrupted,
        Kind::Blocked,
    ];

    /// The names the page uses for the kinds, in code order.
    pub const NAMES: [&'static str; 23] = [
        "created",
        "scheduled",
        "step",
        "yielded",
        "sleeps",
        "awaitsTask",
        "awaitsGather",
        "awaitsGroup",
        "awaitsFuture",
        "returned",
        "raised",
        "cancelled",
        "cancelRequested",
        "timerAdded",
        "timerFired",
        "timerCancelled",
        "printed",
        "entered",
        "exited",
        "alarm",
        "wakes",
        "interrupted",
        "blocked",
    ];

    /// Whether an event of this kind ends a step.
    pub fn ends_step(self) -> bool {
        matches!(
            self,
            Kind::Yielded
                | Kind::Sleeps
                | Kind::AwaitsTask
                | Kind::AwaitsGather
                | Kind::AwaitsGroup
                | Kind::AwaitsFuture
                | Kind::Returned
                | Kind::Raised
        )
    }
}

/// Why a task ended cancelled (the `arg` of a [`Kind::Cancelled`] event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Cancel {
    /// `CancelledError` came out of the step: the task let the cancellation end it.
    Raised = 0,
    /// The task was cancelled before its first step, so none of its code ran.
    BeforeStart = 1,
    /// The run was stopped: the loop dropped every task where it stood.
    Stopped = 2,
}

/// One thing the loop did, at both clocks: `ideal` is the loop's own clock (the
/// virtual one, which never runs late) and `real` is the host's, in seconds since the
/// run began. On the virtual clock the two are the same. The loop reads the host's
/// clock (in a browser, `performance.now()`, which costs more than a whole step) when
/// it starts running, while it waits for a timer, and after every 16 handles it runs;
/// every event takes the latest reading. A burst of handles is stamped a few µs early
/// at most, as long as no step runs long (none of the Rust scenarios' steps do).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    pub ideal: f64,
    pub real: f64,
    pub task: u32,
    pub arg: u32,
    pub kind: Kind,
}

/// A task's or a coroutine's label: the call as Python writes it. Most are made as
/// the program runs; a fixed one costs nothing per task.
pub type Label = std::borrow::Cow<'static, str>;

/// A task as the trace knows it. Its name is asyncio's default, `Task-N` for the
/// N-th task created ([`Trace::task_name`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskInfo {
    /// The coroutine it runs, as Python would write the call: `say_after(1, 'hello')`.
    pub label: Label,
    /// The task that created it, or [`NONE`].
    pub parent: u32,
}

/// A timer as the trace knows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimerInfo {
    /// The task whose sleep it ends.
    pub task: u32,
    /// When it is due on the loop's clock, in seconds.
    pub deadline: f64,
    /// When it is due on the host's clock: the same delay from when it was added.
    pub real_deadline: f64,
}

/// Everything a run recorded.
#[derive(Debug, Default, PartialEq)]
pub struct Trace {
    pub events: Vec<Event>,
    pub tasks: Vec<TaskInfo>,
    pub timers: Vec<TimerInfo>,
    /// Labels of coroutines awaited inside a task ([`Kind::Entered`]).
    pub labels: Vec<Label>,
    pub lines: Vec<String>,
    /// Exceptions as `Type: message`.
    pub errors: Vec<String>,
    /// How many tasks each gather waits for.
    pub gathers: Vec<u32>,
    /// Real times the host's alarm was set for.
    pub alarms: Vec<f64>,
    /// Whether `real` times were measured on a real clock (false on the virtual clock).
    pub measured: bool,
    /// For an interpreted program: (events before, task, source line) each time a task's
    /// step ended with it waiting, in order.
    pub step_lines: Vec<(u32, u32, u32)>,
    /// For a program compiled to record them ([`Program::with_line_events`]): (events
    /// before, task or [`NONE`] for the module's code, source line) for each line run,
    /// in order, up to [`LINES_RUN_MOST`].
    ///
    /// [`Program::with_line_events`]: crate::python::Program::with_line_events
    pub lines_run: Vec<(u32, u32, u32)>,
}

/// The most lines a trace records as run (12 MB of them).
pub const LINES_RUN_MOST: usize = 1 << 20;

impl Trace {
    /// The line where each task stood after the first `n` events, as recorded when its
    /// last step before then ended (0 for a task that has not waited yet).
    pub fn lines_at(&self, n: usize) -> Vec<u32> {
        let mut lines = vec![0; self.tasks.len()];
        for &(_, task, line) in self.step_lines.iter().take_while(|&&(at, _, _)| at as usize <= n) {
            lines[task as usize] = line;
        }
        lines
    }
}

impl Trace {
    /// asyncio's name for task `id`: `Task-1`, `Task-2`, … in creation order.
    pub fn task_name(&self, id: u32) -> String {
        format!("Task-{}", id + 1)
    }

    /// Each printed line with its task and ideal time, in print order.
    pub fn printed(&self) -> impl Iterator<Item = (&str, u32, f64)> + '_ {
        self.events
            .iter()
            .filter(|e| e.kind == Kind::Printed)
            .map(|e| (self.lines[e.arg as usize].as_str(), e.task, e.ideal))
    }

    /// The steps the loop took, in order: (task, its step number from 1). Two runs
    /// that took the same steps in the same order have equal step lists.
    pub fn steps(&self) -> Vec<(u32, u32)> {
        let mut counts = vec![0; self.tasks.len()];
        self.events
            .iter()
            .filter(|e| e.kind == Kind::Step)
            .map(|e| {
                counts[e.task as usize] += 1;
                (e.task, counts[e.task as usize])
            })
            .collect()
    }

    /// What the event at `index` means, in a sentence the page shows while replaying.
    pub fn describe(&self, index: usize) -> String {
        let Some(e) = self.events.get(index) else { return String::new() };
        let task = |id: u32| match self.tasks.get(id as usize) {
            Some(info) => format!("{} {}", self.task_name(id), info.label),
            None => "the loop".to_owned(),
        };
        let who = task(e.task);
        let ms = |s: f64| format_ms(s * 1000.0);
        match e.kind {
            Kind::Created if e.arg == NONE => format!("{who} is created"),
            Kind::Created => format!("{} creates {who}", self.task_name(e.arg)),
            Kind::Scheduled => format!("{who} joins the ready queue"),
            Kind::Step => format!("the loop runs a step of {who}"),
            Kind::Yielded => format!("{who} yields to the loop (sleep(0)) and rejoins the ready queue"),
            Kind::Sleeps => format!("{who} sleeps until {}", ms(self.timers[e.arg as usize].deadline)),
            Kind::AwaitsTask => format!("{who} awaits {}", self.task_name(e.arg)),
            Kind::AwaitsGather => format!("{who} awaits a gather of {} tasks", self.gathers[e.arg as usize]),
            Kind::AwaitsGroup => format!("{who} waits for its TaskGroup's tasks"),
            Kind::AwaitsFuture => format!("{who} awaits a future"),
            Kind::Returned => format!("{who} returns: the task is done"),
            Kind::Raised => format!("{who} raises {}", self.errors[e.arg as usize]),
            Kind::Cancelled if e.arg == Cancel::Stopped as u32 => format!("{who} is cancelled: the run was stopped"),
            Kind::Cancelled if e.arg == Cancel::BeforeStart as u32 => format!("{who} is cancelled before it started"),
            Kind::Cancelled => format!("{who} ends cancelled (CancelledError)"),
            Kind::CancelRequested if e.arg == NONE => format!("{who} is asked to cancel"),
            Kind::CancelRequested if e.arg == BY_PAGE => format!("you cancel {who} from the timeline: task.cancel()"),
            Kind::CancelRequested if e.arg == BY_STOP => format!("Stop cancels {who}: task.cancel()"),
            Kind::CancelRequested => format!("{} asks {who} to cancel", self.task_name(e.arg)),
            Kind::TimerAdded => format!("{who} sets a timer for {}", ms(self.timers[e.arg as usize].deadline)),
            Kind::TimerFired => format!("the timer of {who} fires"),
            Kind::TimerCancelled => format!("the timer of {who} is cancelled"),
            Kind::Printed => format!("{who} prints {}", python_str(&self.lines[e.arg as usize])),
            Kind::Entered => format!("{who} awaits the coroutine {}", self.labels[e.arg as usize]),
            Kind::Exited => format!("a coroutine returns to its caller in {who}"),
            Kind::Alarm if !self.measured && e.arg == NONE => "nothing is left to wait for".to_owned(),
            Kind::Alarm if !self.measured => "nothing is ready: the loop waits for its next timer".to_owned(),
            Kind::Alarm if e.arg == NONE => "the loop clears its browser timer".to_owned(),
            Kind::Alarm => {
                format!("nothing is ready: the loop sets its one browser timer for {}", ms(self.alarms[e.arg as usize]))
            }
            Kind::Wakes => format!("the loop wakes at {}: timers are due", ms(e.ideal)),
            Kind::Interrupted if e.arg == SIGNALLED => {
                "Stop: the program handles SIGINT itself, as Ctrl+C sends it: its handler runs, and nothing is cancelled".to_owned()
            }
            Kind::Interrupted if e.task == NONE => "Stop: every task still pending is cancelled".to_owned(),
            Kind::Interrupted => format!("Stop: {who} is cancelled, as Ctrl+C cancels asyncio.run's main task"),
            Kind::Blocked => format!(
                "{} blocks the loop for {} without awaiting: nothing else can run meanwhile",
                if e.task == NONE { "code outside any task".to_owned() } else { who },
                format_ms(f64::from(e.arg) / 1000.0)
            ),
        }
    }
}

/// `1000 ms`, `1000.5 ms`: at most three decimals, none that are zero.
pub fn format_ms(ms: f64) -> String {
    let text = number::fixed3(ms);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} ms")
}

/// Where a task stands at a moment. The page reads the names from [`State::NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    /// On the ready queue: it can run, and waits for the loop to get to it.
    Ready,
    /// The loop is running a step of it.
    Running,
    /// Suspended on a timer.
    Sleeping,
    /// Suspended on something else: another task, a gather, a TaskGroup.
    Waiting,
    Done,
    Failed,
    Cancelled,
}

impl State {
    pub const NAMES: [&'static str; 7] = ["ready", "running", "sleeping", "waiting", "done", "failed", "cancelled"];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn is_final(self) -> bool {
        matches!(self, State::Done | State::Failed | State::Cancelled)
    }
}

/// One task at a [`Moment`].
#[derive(Clone, Debug, PartialEq)]
pub struct TaskMoment {
    pub state: State,
    /// The event where `state` began.
    pub since: u32,
    pub steps: u32,
    /// Seconds spent running steps, on the real clock.
    pub ran: f64,
    /// When it was created, on the real clock.
    pub created: f64,
    /// What it last waited on: the event kind that suspended it and its `arg`, kept
    /// while it is ready again, until its next step begins.
    pub wait: Option<(Kind, u32)>,
    /// How many times it has been suspended.
    pub suspensions: u32,
    /// The coroutines it awaits inside itself, outermost first.
    pub frames: Vec<Frame>,
    /// How many coroutines it has entered so far.
    pub entered: u32,
    /// How many times `cancel()` was called on it.
    pub cancels: u32,
    /// Who called `cancel()` on it last: a task, [`NONE`] (the loop), [`BY_PAGE`] or
    /// [`BY_STOP`]; [`NONE`] too if nobody did.
    pub cancelled_by: u32,
    /// What it raised, if it failed: an index into [`Trace::errors`].
    pub raised: Option<u32>,
    /// Whether it is in [`Moment::take_changed`]'s list.
    listed: bool,
}

/// A coroutine awaited inside a task: its label and the event that entered it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub label: u32,
    pub start: u32,
    /// The task's suspensions and steps when it was entered: what the coroutine was
    /// suspended and resumed since is the difference.
    suspensions: u32,
    steps: u32,
}

impl Frame {
    /// How many times the coroutine has been suspended (at an `await` that waited, its
    /// own or one of a coroutine it awaits) and resumed, with the task at `now`.
    pub fn counts(&self, now: &TaskMoment) -> (u32, u32) {
        (now.suspensions - self.suspensions, now.steps - self.steps)
    }
}

/// A stretch of one task's lane: `start` and `end` are event indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub task: u32,
    pub start: u32,
    pub end: u32,
    /// How deep in the task's coroutines: 0 is the task's own coroutine.
    pub depth: u32,
    pub what: SpanKind,
}

/// What a [`Span`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// The task was in this state.
    State(State),
    /// A coroutine called inside the task, from its call to its return: its label, and
    /// how many times it was suspended and resumed.
    Frame { label: u32, suspended: u32, resumed: u32 },
}

impl Span {
    /// The code the page reads for a frame span, where a state's code is its number.
    pub const FRAME: u32 = 255;

    /// How many numbers [`Span::encode`] writes per span.
    pub const ENCODED: usize = 8;

    /// The span as eight numbers for the page: task, start, end, depth, the state's code
    /// or [`Span::FRAME`], and for a frame its label, suspensions and resumptions.
    pub fn encode(&self, out: &mut Vec<u32>) {
        let (code, label, suspended, resumed) = match self.what {
            SpanKind::State(state) => (state as u32, NONE, 0, 0),
            SpanKind::Frame { label, suspended, resumed } => (Self::FRAME, label, suspended, resumed),
        };
        out.extend([self.task, self.start, self.end, self.depth, code, label, suspended, resumed]);
    }
}

/// A deadline in seconds, ordered totally (by `f64::total_cmp`) so that it can key
/// a map: the loop's timer queue and [`Moment`]'s are both ordered by (deadline, timer).
#[derive(Clone, Copy, Debug)]
pub struct Deadline(pub f64);

impl PartialEq for Deadline {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Deadline {}
impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Deadline {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Ordered by deadline, then by creation, like the loop's own timer queue.
type TimerKey = (Deadline, u32);

/// The loop as it stood after the first [`Moment::at`] events of a trace: what the
/// loop panel, the lanes and the code view show during a run and in replay.
#[derive(Clone, Debug, Default)]
pub struct Moment {
    at: usize,
    pub running: Option<u32>,
    pub ready: VecDeque<u32>,
    timers: BTreeSet<TimerKey>,
    pub tasks: Vec<TaskMoment>,
    pub printed: usize,
    /// The real time the host's alarm is set for, if it is.
    pub alarm: Option<f64>,
    /// When kept, the lanes' closed spans so far, in the order they closed.
    spans: Option<Vec<Span>>,
    step_began: f64,
    /// The tasks created or whose state changed since [`Moment::take_changed`].
    changed: Vec<u32>,
}

impl Moment {
    /// The moment before anything happened.
    pub fn new() -> Self {
        Moment::default()
    }

    /// The moment before anything happened, keeping every span as it closes.
    pub fn with_spans() -> Self {
        Moment { spans: Some(Vec::new()), ..Moment::default() }
    }

    /// The moment after the first `n` events of `trace`.
    pub fn after(trace: &Trace, n: usize) -> Self {
        let mut moment = Moment::new();
        moment.advance(trace, n);
        moment
    }

    /// How many events this moment is after.
    pub fn at(&self) -> usize {
        self.at
    }

    /// Moves forward to just after the first `n` events (`n` no less than [`Moment::at`]).
    pub fn advance(&mut self, trace: &Trace, n: usize) {
        let n = n.min(trace.events.len());
        while self.at < n {
            self.apply(trace, self.at);
            self.at += 1;
        }
    }

    /// The pending timers in the order they will fire: (timer, deadline in seconds).
    pub fn timers(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.timers.iter().map(|&(deadline, timer)| (timer, deadline.0))
    }

    /// How many timers are pending.
    pub fn timer_count(&self) -> usize {
        self.timers.len()
    }

    /// The spans that closed so far, if this moment keeps them.
    pub fn spans(&self) -> &[Span] {
        self.spans.as_deref().unwrap_or_default()
    }

    /// Closes `task`'s current state span at `index`, if spans are kept.
    fn close_state(&mut self, task: u32, index: usize) {
        let t = &self.tasks[task as usize];
        if let Some(spans) = &mut self.spans {
            let what = SpanKind::State(t.state);
            spans.push(Span { task, start: t.since, end: index as u32, depth: t.frames.len() as u32, what });
        }
    }

    fn change(&mut self, task: u32, state: State, index: usize) {
        if self.tasks[task as usize].state == state {
            return;
        }
        self.close_state(task, index);
        let t = &mut self.tasks[task as usize];
        t.state = state;
        t.since = index as u32;
        self.list(task);
    }

    fn list(&mut self, task: u32) {
        let t = &mut self.tasks[task as usize];
        if !std::mem::replace(&mut t.listed, true) {
            self.changed.push(task);
        }
    }

    /// The tasks created, or whose state changed, since the last call (all of them
    /// the first time): what a view that follows the moment as it moves on must redraw.
    pub fn take_changed(&mut self) -> Vec<u32> {
        let changed = std::mem::take(&mut self.changed);
        for &task in &changed {
            self.tasks[task as usize].listed = false;
        }
        changed
    }

    fn end_step(&mut self, e: &Event) {
        self.running = None;
        self.tasks[e.task as usize].ran += e.real - self.step_began;
    }

    fn suspend(&mut self, e: &Event, index: usize, state: State) {
        self.end_step(e);
        let t = &mut self.tasks[e.task as usize];
        t.wait = Some((e.kind, e.arg));
        t.suspensions += 1;
        self.change(e.task, state, index);
    }

    fn finish(&mut self, e: &Event, index: usize, state: State) {
        if self.running == Some(e.task) {
            self.end_step(e);
        }
        // Only a task that was ready (cancelled before its step) is on the ready queue:
        // one that ends in its step is not, and looking would cost a pass over the queue.
        if self.tasks[e.task as usize].state == State::Ready {
            if let Some(at) = self.ready.iter().position(|&t| t == e.task) {
                self.ready.remove(at);
            }
        }
        self.change(e.task, state, index);
        let t = &mut self.tasks[e.task as usize];
        t.wait = None;
        let frames = std::mem::take(&mut t.frames);
        let t = &self.tasks[e.task as usize];
        if let Some(spans) = &mut self.spans {
            for (depth, frame) in frames.iter().enumerate().rev() {
                let (suspended, resumed) = frame.counts(t);
                let what = SpanKind::Frame { label: frame.label, suspended, resumed };
                spans.push(Span { task: e.task, start: frame.start, end: index as u32, depth: depth as u32 + 1, what });
            }
        }
    }

    fn apply(&mut self, trace: &Trace, index: usize) {
        let e = &trace.events[index];
        match e.kind {
            Kind::Created => {
                debug_assert_eq!(e.task as usize, self.tasks.len(), "tasks are created in id order");
                self.tasks.push(TaskMoment {
                    state: State::Ready,
                    since: index as u32,
                    steps: 0,
                    ran: 0.0,
                    created: e.real,
                    wait: None,
                    suspensions: 0,
                    frames: Vec::new(),
                    entered: 0,
                    cancels: 0,
                    cancelled_by: NONE,
                    raised: None,
                    listed: false,
                });
                self.list(e.task);
            }
            Kind::Scheduled => {
                self.ready.push_back(e.task);
                self.change(e.task, State::Ready, index);
            }
            Kind::Step => {
                if self.ready.front() == Some(&e.task) {
                    self.ready.pop_front();
                } else if let Some(at) = self.ready.iter().position(|&t| t == e.task) {
                    self.ready.remove(at);
                }
                self.running = Some(e.task);
                self.step_began = e.real;
                let t = &mut self.tasks[e.task as usize];
                t.steps += 1;
                t.wait = None;
                self.change(e.task, State::Running, index);
            }
            Kind::Yielded => self.suspend(e, index, State::Ready),
            Kind::Sleeps => self.suspend(e, index, State::Sleeping),
            Kind::AwaitsTask | Kind::AwaitsGather | Kind::AwaitsGroup | Kind::AwaitsFuture => {
                self.suspend(e, index, State::Waiting)
            }
            Kind::Returned => self.finish(e, index, State::Done),
            Kind::Raised => {
                self.tasks[e.task as usize].raised = Some(e.arg);
                self.finish(e, index, State::Failed)
            }
            Kind::Cancelled => self.finish(e, index, State::Cancelled),
            Kind::CancelRequested => {
                let t = &mut self.tasks[e.task as usize];
                t.cancels += 1;
                t.cancelled_by = e.arg;
            }
            Kind::TimerAdded => {
                self.timers.insert((Deadline(trace.timers[e.arg as usize].deadline), e.arg));
            }
            Kind::TimerFired | Kind::TimerCancelled => {
                self.timers.remove(&(Deadline(trace.timers[e.arg as usize].deadline), e.arg));
            }
            Kind::Printed => self.printed += 1,
            Kind::Entered => {
                // The caller's span ends here; the callee's begins one level deeper.
                self.close_state(e.task, index);
                let t = &mut self.tasks[e.task as usize];
                let (suspensions, steps) = (t.suspensions, t.steps);
                t.frames.push(Frame { label: e.arg, start: index as u32, suspensions, steps });
                t.entered += 1;
                t.since = index as u32;
            }
            Kind::Exited => {
                self.close_state(e.task, index);
                let t = &mut self.tasks[e.task as usize];
                if let Some(frame) = t.frames.pop() {
                    let depth = t.frames.len() as u32 + 1;
                    if let Some(spans) = &mut self.spans {
                        let (suspended, resumed) = frame.counts(t);
                        let what = SpanKind::Frame { label: frame.label, suspended, resumed };
                        spans.push(Span { task: e.task, start: frame.start, end: index as u32, depth, what });
                    }
                }
                t.since = index as u32;
            }
            Kind::Alarm => self.alarm = (e.arg != NONE).then(|| trace.alarms[e.arg as usize]),
            Kind::Wakes => self.alarm = None,
            Kind::Interrupted | Kind::Blocked => {}
        }
    }
}
