//! The scheduler: asyncio's event loop, minus the loop.
//!
//! asyncio keeps sleeping tasks in a heap ordered by deadline and asks the operating
//! system to wake it at the earliest one. [`Runtime`] does the same on top of a
//! [`Host`], which supplies the three things a loop needs from the outside world: the
//! time, a way to run a task, and one alarm for the earliest deadline. The browser
//! host answers with `performance.now()`, wasm-bindgen-futures and a single gloo
//! `Timeout`; the virtual host answers with a number it moves forward itself.
//! Because both share this module, the order in which tasks wake is decided in one
//! place, whatever the clock.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture};

/// Timers due within this many seconds of the earliest one fire in the same batch.
///
/// It is CPython's: asyncio pops every timer whose deadline is earlier than
/// `time() + clock_resolution`, and `time.monotonic` reports a resolution of 1 ns on
/// Linux. Keeping the same rule keeps the same order for deadlines that differ only
/// by floating-point rounding (`0.7 + 0.1` against `0.8`).
pub const CLOCK_RESOLUTION: f64 = 1e-9;

/// What a [`Runtime`] needs from the loop that hosts it.
pub trait Host {
    /// Seconds since the run began, on this host's clock.
    fn now(&self) -> f64;
    /// The local wall-clock time of day, in ms since midnight.
    fn time_of_day_ms(&self) -> f64;
    /// Runs `task` concurrently with the caller, in the order tasks were handed over.
    fn spawn(&self, task: LocalBoxFuture<'static, ()>);
    /// Replaces the pending alarm, if any, with `alarm`; `None` leaves no alarm set.
    fn arm(&self, alarm: Option<Alarm>);
}

/// A request to call `ring` once the host's clock reaches `deadline`.
pub struct Alarm {
    pub deadline: f64,
    pub ring: Box<dyn FnOnce()>,
}

/// Something the program did that an observer may want to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `print(text)` ran `at` seconds after the run began.
    Printed { text: String, at: f64 },
}

/// A cheap handle to one run's scheduler; clones share it.
#[derive(Clone)]
pub struct Runtime {
    inner: Rc<Inner>,
}

struct Inner {
    host: Rc<dyn Host>,
    timers: RefCell<Timers>,
    /// The deadline the host's alarm is set for, so it is re-armed only when the
    /// earliest deadline changes: a thousand sleepers cost one browser timer.
    armed_for: Cell<Option<f64>>,
    observer: Box<dyn Fn(Event)>,
    tasks: RefCell<Vec<AbortHandle>>,
    stopped: Cell<bool>,
}

impl Runtime {
    /// A scheduler on `host` that reports to `observer`.
    pub fn new(host: Rc<dyn Host>, observer: impl Fn(Event) + 'static) -> Self {
        Runtime {
            inner: Rc::new(Inner {
                host,
                timers: RefCell::default(),
                armed_for: Cell::new(None),
                observer: Box::new(observer),
                tasks: RefCell::default(),
                stopped: Cell::new(false),
            }),
        }
    }

    /// Seconds since the run began: asyncio's `loop.time()`.
    pub fn time(&self) -> f64 {
        self.inner.host.now()
    }

    /// The local time of day as `HH:MM:SS`: `time.strftime('%X')` in the C locale.
    pub fn strftime_x(&self) -> String {
        hh_mm_ss(self.inner.host.time_of_day_ms())
    }

    /// `print(text)`: reports the line with the time it was printed. Nothing is
    /// reported once the run is stopped.
    pub fn print(&self, text: impl Into<String>) {
        if !self.inner.stopped.get() {
            (self.inner.observer)(Event::Printed { text: text.into(), at: self.time() });
        }
    }

    /// `asyncio.sleep(delay)`. A delay of zero or less yields to the loop once, behind
    /// every task already waiting to run, without setting a timer.
    pub fn sleep(&self, delay: f64) -> Sleep {
        Sleep { rt: self.clone(), delay, state: SleepState::New }
    }

    /// `asyncio.create_task(future)`: runs `future` as a task of its own, after the
    /// tasks already waiting to run. Dropping the handle does not cancel the task.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let (sender, receiver) = oneshot::channel();
        let (abort, registration) = AbortHandle::new_pair();
        if self.is_stopped() {
            abort.abort();
        } else {
            self.inner.tasks.borrow_mut().push(abort.clone());
        }
        let task = Abortable::new(
            async move {
                // The receiver is gone only if nobody waits for the result.
                let _ = sender.send(future.await);
            },
            registration,
        );
        self.inner.host.spawn(Box::pin(async move {
            let _ = task.await;
        }));
        JoinHandle { receiver, abort }
    }

    /// Ends the run at once: every task is cancelled, every timer is dropped (so the
    /// host is left with no alarm), and nothing more is printed.
    pub fn stop(&self) {
        self.inner.stopped.set(true);
        for task in self.inner.tasks.take() {
            task.abort();
        }
        self.inner.timers.borrow_mut().queue.clear();
        self.rearm();
    }

    pub fn is_stopped(&self) -> bool {
        self.inner.stopped.get()
    }

    /// The earliest deadline among sleeping tasks.
    pub fn next_deadline(&self) -> Option<f64> {
        self.inner.timers.borrow().next_deadline()
    }

    /// How many tasks are sleeping on a timer.
    pub fn sleeping(&self) -> usize {
        self.inner.timers.borrow().queue.len()
    }

    /// Wakes, in (deadline, creation) order, every sleeper whose deadline is within
    /// [`CLOCK_RESOLUTION`] of the host's current time, then sets the alarm anew.
    pub fn fire_due(&self) {
        let due = self.inner.timers.borrow_mut().pop_due(self.time() + CLOCK_RESOLUTION);
        for waker in due {
            waker.wake();
        }
        // The alarm that brought us here has rung (or rang early): set the next one,
        // or tell the host that none is needed, even if the earliest deadline is the same.
        self.arm_next();
    }

    fn add_timer(&self, deadline: f64, waker: Waker) -> TimerKey {
        let key = self.inner.timers.borrow_mut().insert(deadline, waker);
        self.rearm();
        key
    }

    fn cancel_timer(&self, key: TimerKey) {
        let removed = self.inner.timers.borrow_mut().queue.remove(&key).is_some();
        if removed {
            self.rearm();
        }
    }

    /// Whether `key` is still sleeping; if so, `waker` becomes the one it will wake.
    fn still_sleeping(&self, key: TimerKey, waker: &Waker) -> bool {
        match self.inner.timers.borrow_mut().queue.get_mut(&key) {
            Some(stored) => {
                stored.clone_from(waker);
                true
            }
            None => false,
        }
    }

    /// Sets the host's alarm for the earliest deadline, unless it is set for it already.
    fn rearm(&self) {
        if self.next_deadline() != self.inner.armed_for.get() {
            self.arm_next();
        }
    }

    fn arm_next(&self) {
        let next = self.next_deadline();
        self.inner.armed_for.set(next);
        let alarm = next.map(|deadline| {
            let weak: Weak<Inner> = Rc::downgrade(&self.inner);
            let ring = move || {
                if let Some(inner) = weak.upgrade() {
                    Runtime { inner }.fire_due();
                }
            };
            Alarm { deadline, ring: Box::new(ring) }
        });
        self.inner.host.arm(alarm);
    }
}

/// `HH:MM:SS` for a time of day given in ms since midnight (wrapping past midnight).
pub fn hh_mm_ss(ms_of_day: f64) -> String {
    let seconds = (ms_of_day / 1000.0).floor().rem_euclid(86_400.0) as u32;
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// The future of [`Runtime::sleep`]. Dropping it before it is done removes its timer.
pub struct Sleep {
    rt: Runtime,
    delay: f64,
    state: SleepState,
}

enum SleepState {
    New,
    Yielded,
    Waiting(TimerKey),
    Done,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.state {
            SleepState::New if self.delay <= 0.0 => {
                // asyncio.sleep(0) is a bare yield: the task goes to the back of the
                // ready queue. Waking ourselves does exactly that, with no timer.
                self.state = SleepState::Yielded;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            SleepState::New => {
                let deadline = self.rt.time() + self.delay;
                let key = self.rt.add_timer(deadline, cx.waker().clone());
                self.state = SleepState::Waiting(key);
                Poll::Pending
            }
            SleepState::Waiting(key) if self.rt.still_sleeping(key, cx.waker()) => Poll::Pending,
            SleepState::Yielded | SleepState::Waiting(_) | SleepState::Done => {
                self.state = SleepState::Done;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let SleepState::Waiting(key) = self.state {
            self.rt.cancel_timer(key);
        }
    }
}

/// The handle [`Runtime::spawn`] returns: awaiting it is `await task`.
pub struct JoinHandle<T> {
    receiver: oneshot::Receiver<T>,
    abort: AbortHandle,
}

impl<T> JoinHandle<T> {
    /// `task.cancel()`: the task stops at its next await and never finishes.
    pub fn cancel(&self) {
        self.abort.abort();
    }
}

/// The task was cancelled before it finished: asyncio's `CancelledError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the task was cancelled")
    }
}

impl std::error::Error for Cancelled {}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.receiver).poll(cx).map(|result| result.map_err(|_| Cancelled))
    }
}

/// `asyncio.TaskGroup`: tasks created in the group are awaited together when the
/// group is; if one of them is cancelled, the others are cancelled too.
pub struct TaskGroup {
    rt: Runtime,
    tasks: Vec<JoinHandle<()>>,
}

impl TaskGroup {
    /// `async with asyncio.TaskGroup() as tg:`
    pub fn new(rt: &Runtime) -> Self {
        TaskGroup { rt: rt.clone(), tasks: Vec::new() }
    }

    /// `tg.create_task(future)`
    pub fn create_task(&mut self, future: impl Future<Output = ()> + 'static) {
        self.tasks.push(self.rt.spawn(future));
    }

    /// Leaving the `async with` block: waits for every task in the group.
    pub async fn join(self) -> Result<(), Cancelled> {
        let mut tasks = self.tasks.into_iter();
        while let Some(task) = tasks.next() {
            if let Err(cancelled) = task.await {
                tasks.for_each(|rest| rest.cancel());
                return Err(cancelled);
            }
        }
        Ok(())
    }
}

/// Sleeping tasks ordered by (deadline, creation order): equal deadlines fire first
/// in, first out, as browsers order equal timeouts.
#[derive(Default)]
struct Timers {
    queue: BTreeMap<TimerKey, Waker>,
    next_seq: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct TimerKey {
    deadline: Deadline,
    seq: u64,
}

/// A deadline in seconds, ordered totally so it can key a map.
#[derive(Clone, Copy, Debug)]
struct Deadline(f64);

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

impl Timers {
    fn insert(&mut self, deadline: f64, waker: Waker) -> TimerKey {
        let key = TimerKey { deadline: Deadline(deadline), seq: self.next_seq };
        self.next_seq += 1;
        self.queue.insert(key, waker);
        key
    }

    fn next_deadline(&self) -> Option<f64> {
        self.queue.keys().next().map(|key| key.deadline.0)
    }

    /// Removes and returns, in order, the wakers of every timer due before `end`.
    fn pop_due(&mut self, end: f64) -> Vec<Waker> {
        let mut due = Vec::new();
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().deadline.0 >= end {
                break;
            }
            due.push(entry.remove());
        }
        due
    }
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
