//! Running a program on a virtual clock.
//!
//! Time stands still while any task can run and jumps straight to the earliest
//! deadline when none can, as a CPython event loop whose `time()` reads the next
//! timer would. A 3 s program finishes in microseconds with every line at its exact
//! ideal time, which is what the tests assert and what the page shows as "ideal".

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use crate::runtime::{Error, Host, Outcome, Runtime, TaskId, PAUSE_AFTER};
use crate::scenario::{self, Scenario};
use crate::trace::Trace;

/// What a program did on the virtual clock.
#[derive(Debug)]
pub struct Run<T> {
    /// Everything the loop did.
    pub trace: Trace,
    /// The main task's result, or `None` if it never finished (it was stopped, or
    /// every task was left waiting on something other than a timer).
    pub result: Option<Result<T, Error>>,
    /// The loop's time, in seconds, when the last task stopped running.
    pub end: f64,
}

impl<T> Run<T> {
    /// Each printed line with the time it was printed, in seconds.
    pub fn lines(&self) -> Vec<(&str, f64)> {
        self.trace.printed().map(|(text, _, at)| (text, at)).collect()
    }
}

/// A host whose clock moves only when the loop asks to be woken at a later time.
pub struct VirtualHost {
    now: Cell<f64>,
    wall_origin_ms: f64,
    alarm: Cell<Option<f64>>,
    soon: Cell<bool>,
    /// Whether a step paused to let whatever drives the loop have a turn.
    yielded: Cell<bool>,
    /// A real clock (seconds), if whatever drives the loop wants a turn every
    /// [`PAUSE_AFTER`] of it, and when its last turn ended.
    wall: Cell<Option<fn() -> f64>>,
    turn_ended: Cell<f64>,
}

impl VirtualHost {
    /// A virtual clock at zero whose time of day at zero is `wall_origin_ms`.
    pub fn new(wall_origin_ms: f64) -> Rc<Self> {
        Rc::new(VirtualHost {
            now: Cell::new(0.0),
            wall_origin_ms,
            alarm: Cell::new(None),
            soon: Cell::new(false),
            yielded: Cell::new(false),
            wall: Cell::new(None),
            turn_ended: Cell::new(0.0),
        })
    }

    /// Runs `rt` until nothing is left to do: whenever the loop waits for its alarm,
    /// the clock jumps to it.
    pub fn drive(&self, rt: &Runtime) {
        self.drive_until(rt, f64::INFINITY);
    }

    /// Runs `rt` until nothing is left to do before `until` seconds, and leaves the
    /// clock there: the moment a learner presses Stop, say.
    pub fn drive_until(&self, rt: &Runtime, until: f64) {
        while !self.drive_slice(rt, until) {}
    }

    /// Runs `rt` as [`VirtualHost::drive_until`] does, but returns false at once if a
    /// step pauses ([`Runtime::pause`]): the caller lets the page have a turn, then
    /// calls again, and the step goes on. True once nothing is left to do.
    pub fn drive_slice(&self, rt: &Runtime, until: f64) -> bool {
        if let Some(wall) = self.wall.get() {
            self.turn_ended.set(wall());
        }
        loop {
            if self.yielded.take() {
                return false;
            }
            if self.soon.take() {
                rt.run();
            } else if rt.main_finished() {
                // (`asyncio.run` is over, with only threads it does not wait for left:
                // they go on when the loop next runs.)
                break;
            } else if let Some(at) = self.alarm.get().filter(|&at| at <= until) {
                self.alarm.set(None);
                self.now.set(self.now.get().max(at));
                rt.on_alarm();
            } else {
                break;
            }
        }
        if until.is_finite() {
            self.now.set(self.now.get().max(until));
        }
        true
    }

    /// Has [`VirtualHost::drive_slice`] return every [`PAUSE_AFTER`] of `wall` (a real
    /// clock, in seconds) between the loop's handles, as it does when a step pauses.
    pub fn pause_every(&self, wall: fn() -> f64) {
        self.wall.set(Some(wall));
    }

    /// The clock, in seconds.
    pub fn time(&self) -> f64 {
        self.now.get()
    }
}

impl Host for VirtualHost {
    fn now(&self) -> f64 {
        self.now.get()
    }

    fn time_of_day_ms(&self, loop_time: f64) -> f64 {
        self.wall_origin_ms + loop_time * 1000.0
    }

    fn arm(&self, at: Option<f64>) {
        self.alarm.set(at);
    }

    fn soon(&self) {
        self.soon.set(true);
    }

    fn later(&self) {
        self.soon.set(true);
        self.yielded.set(true);
    }

    fn block(&self, seconds: f64) {
        self.now.set(self.now.get() + seconds);
    }

    fn turn_due(&self) -> bool {
        self.wall.get().is_some_and(|wall| wall() - self.turn_ended.get() > PAUSE_AFTER)
    }
}

/// Runs `program` as the main task, `main()`, until no task can make progress.
/// `wall_origin_ms` is the local time of day at time zero, for `started at HH:MM:SS`.
pub fn run<T, P, F>(wall_origin_ms: f64, program: P) -> Run<T>
where
    T: 'static,
    P: FnOnce(Runtime) -> F,
    F: Future<Output = Result<T, Error>> + 'static,
{
    let host = VirtualHost::new(wall_origin_ms);
    let rt = Runtime::new(host.clone());
    let main = rt.create_task("main()", program(rt.clone()));
    rt.set_main(main.id());
    host.drive(&rt);
    let end = rt.time();
    let result = (rt.outcome(main.id()) != Outcome::Pending).then(|| main.into_result());
    // Tasks still pending now wait on each other forever: dropping them frees the loop,
    // which their code refers to.
    rt.stop();
    Run { trace: rt.take_trace(), result, end }
}

/// The scenario's `main()` on the virtual clock, starting at midnight.
pub fn simulate(scenario: &Scenario) -> Run<()> {
    let scenario = scenario.clone();
    run(0.0, move |rt| scenario::main(rt, scenario))
}

/// The id of the first task, `main()`, in every run.
pub const MAIN: TaskId = 0;
