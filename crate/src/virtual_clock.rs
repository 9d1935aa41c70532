//! Running a program on a virtual clock.
//!
//! Time stands still while any task can run and jumps straight to the earliest
//! deadline when none can, as a CPython event loop whose `time()` reads the next
//! timer would. A 3 s program finishes in microseconds with every line at its exact
//! ideal time, which is what the tests assert and what the page shows as "ideal".

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use futures::executor::{LocalPool, LocalSpawner};
use futures::future::{FutureExt, LocalBoxFuture};
use futures::task::LocalSpawnExt;

use crate::runtime::{Alarm, Event, Host, Runtime};
use crate::scenario::{self, Scenario};

/// What a program did on the virtual clock.
#[derive(Debug, PartialEq)]
pub struct Outcome<T> {
    /// Every event, in the order it happened.
    pub events: Vec<Event>,
    /// The program's result, or `None` if it never finished (it was stopped, or every
    /// task was left waiting on something other than a timer).
    pub result: Option<T>,
    /// The virtual time, in seconds, when the last task stopped running.
    pub end: f64,
}

impl<T> Outcome<T> {
    /// Each printed line with the time it was printed, in seconds.
    pub fn lines(&self) -> Vec<(&str, f64)> {
        self.events
            .iter()
            .map(|event| match event {
                Event::Printed { text, at } => (text.as_str(), *at),
            })
            .collect()
    }
}

struct VirtualHost {
    now: Cell<f64>,
    wall_origin_ms: f64,
    spawner: LocalSpawner,
}

impl Host for VirtualHost {
    fn now(&self) -> f64 {
        self.now.get()
    }

    fn time_of_day_ms(&self) -> f64 {
        self.wall_origin_ms + self.now.get() * 1000.0
    }

    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        self.spawner.spawn_local(task).expect("the virtual clock's pool outlives every task it runs");
    }

    fn arm(&self, _alarm: Option<Alarm>) {
        // The driver loop in `run` asks the runtime for the next deadline itself.
    }
}

/// Runs `program` as the main task until no task can make progress, moving the
/// clock to each next deadline in turn. `wall_origin_ms` is the local time of day at
/// time zero, for the `started at HH:MM:SS` lines.
pub fn run<P, F>(wall_origin_ms: f64, program: P) -> Outcome<F::Output>
where
    P: FnOnce(Runtime) -> F,
    F: Future + 'static,
    F::Output: 'static,
{
    let mut pool = LocalPool::new();
    let host = Rc::new(VirtualHost { now: Cell::new(0.0), wall_origin_ms, spawner: pool.spawner() });
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&events);
    let rt = Runtime::new(host.clone(), move |event| sink.borrow_mut().push(event));
    let main = rt.spawn(program(rt.clone()));
    loop {
        pool.run_until_stalled();
        let Some(deadline) = rt.next_deadline() else { break };
        host.now.set(host.now.get().max(deadline));
        rt.fire_due();
    }
    let result = main.now_or_never().and_then(Result::ok);
    let events = events.take();
    Outcome { events, result, end: host.now.get() }
}

/// The scenario's `main()` on the virtual clock, starting at midnight.
pub fn simulate(scenario: &Scenario) -> Outcome<Result<(), crate::runtime::Cancelled>> {
    let scenario = scenario.clone();
    run(0.0, move |rt| scenario::main(rt, scenario))
}
