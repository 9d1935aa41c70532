//! What a task awaits: the futures [`Runtime`] hands out (`Sleep`, `Task`, `Gather`,
//! a coroutine `Call`, a `TaskGroup`). Each is polled by the task that awaits it; when
//! it cannot finish, it tells the loop what it waits on (`suspend_on`), and when the
//! task resumes, it first takes any `CancelledError` the loop throws in at it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::{Callback, Error, Exception, FutureId, GatherId, GroupId, Outcome, Runtime, TaskId, TimerId, Wait};
use crate::trace::Label;

/// The future of [`Runtime::sleep`]. Dropping it before it is done cancels its timer.
pub struct Sleep {
    pub(super) rt: Runtime,
    pub(super) delay: f64,
    pub(super) state: SleepState,
}

pub(super) enum SleepState {
    New,
    Yielded,
    Waiting(TimerId),
    Done,
}

impl Future for Sleep {
    type Output = Result<(), Error>;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        match self.state {
            SleepState::New if self.delay <= 0.0 => {
                self.state = SleepState::Yielded;
                self.rt.suspend_on(Wait::Yield);
                Poll::Pending
            }
            SleepState::New => {
                let id = self.rt.st().add_timer(self.delay);
                self.state = SleepState::Waiting(id);
                self.rt.suspend_on(Wait::Timer(id));
                Poll::Pending
            }
            SleepState::Yielded => {
                self.state = SleepState::Done;
                Poll::Ready(self.rt.take_throw().map_or(Ok(()), Err))
            }
            SleepState::Waiting(id) => {
                if let Some(error) = self.rt.take_throw() {
                    self.state = SleepState::Done;
                    self.rt.st().cancel_timer(id);
                    return Poll::Ready(Err(error));
                }
                let outcome = self.rt.st().timers[id as usize].outcome.clone();
                match outcome {
                    Outcome::Pending => {
                        self.rt.suspend_on(Wait::Timer(id));
                        Poll::Pending
                    }
                    outcome => {
                        // `finally: h.cancel()`, a no-op if the timer fired.
                        self.state = SleepState::Done;
                        self.rt.st().cancel_timer(id);
                        Poll::Ready(outcome.as_result())
                    }
                }
            }
            SleepState::Done => panic!("a Sleep is not polled after it completed"),
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let SleepState::Waiting(id) = self.state {
            self.rt.st().cancel_timer(id);
        }
    }
}

/// A task created by [`Runtime::create_task`]: awaiting it is `await task`. Clones
/// are handles to the same task, and each can await it.
pub struct Task<T> {
    pub(super) rt: Runtime,
    pub(super) id: TaskId,
    pub(super) value: Rc<RefCell<Option<T>>>,
    pub(super) awaiting: Awaiting,
}

impl<T> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task { rt: self.rt.clone(), id: self.id, value: Rc::clone(&self.value), awaiting: Awaiting::default() }
    }
}

impl<T> Task<T> {
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// `task.cancel()`: false if the task is already done.
    pub fn cancel(&self) -> bool {
        self.rt.cancel(self.id)
    }

    /// The loop it runs on.
    pub fn runtime(&self) -> Runtime {
        self.rt.clone()
    }

    /// Whether its first step has run.
    pub fn started(&self) -> bool {
        self.rt.inner.state.borrow().tasks[self.id as usize].started
    }

    /// `task.done()`.
    pub fn done(&self) -> bool {
        self.rt.outcome(self.id).is_done()
    }

    /// `task.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.rt.outcome(self.id) == Outcome::Cancelled
    }

    /// What it waits on, for its repr (see [`Runtime::waits_on`]).
    pub fn waits_on(&self) -> Option<(&'static str, Outcome)> {
        self.rt.waits_on(self.id)
    }

    /// Its done-callbacks, while it is not done (for its repr).
    pub fn done_callbacks(&self) -> Vec<super::DoneCallback> {
        self.rt.done_callbacks(super::Target::Task(self.id))
    }

    /// `task.cancelling()`: the cancellations asked for and not taken back, which its
    /// repr shows as `cancelling` while it is not done.
    pub fn cancelling(&self) -> u32 {
        self.rt.cancelling(self.id)
    }

    /// The task's result once it is done: `task.result()`.
    pub fn result(&self) -> Result<T, Error>
    where
        T: Clone,
    {
        self.rt.outcome(self.id).as_result()?;
        Ok(self.value.borrow().clone().expect("a task that is done has its value"))
    }

    /// The task's result, taken out of the last handle to it.
    pub fn into_result(self) -> Result<T, Error> {
        self.take()
    }

    /// The task's result, taken out: for a gather, which alone holds its tasks.
    fn take(&self) -> Result<T, Error> {
        self.rt.outcome(self.id).as_result()?;
        Ok(self.value.borrow_mut().take().expect("a gather takes each of its tasks' values once"))
    }
}

/// The part of awaiting a task, a gather or a future that is the same for all three.
#[derive(Default)]
pub(super) struct Awaiting {
    /// Whether this `await` has suspended before, so that polling it now resumes it.
    pub(super) suspended: bool,
}

impl Awaiting {
    /// `Ok(true)` if the awaited thing is done and its result can be read, `Ok(false)`
    /// after suspending on `wait`, or the error thrown in at this `await` as it resumes.
    fn poll(&mut self, rt: &Runtime, wait: Wait, done: bool) -> Result<bool, Error> {
        if self.suspended {
            if let Some(error) = rt.take_throw() {
                return Err(error);
            }
        }
        if done {
            return Ok(true);
        }
        self.suspended = true;
        rt.suspend_on(wait);
        Ok(false)
    }
}

impl<T: Clone> Future for Task<T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if !this.awaiting.suspended && this.rt.current_task() == Some(this.id) {
            // As `__step` does: the error is thrown in at the task's next step.
            let error = Exception::new("RuntimeError", "Task cannot await on itself");
            this.rt.st().tasks[this.id as usize].throw_next = Some(error.into());
            this.awaiting.suspended = true;
            this.rt.suspend_on(Wait::Yield);
            return Poll::Pending;
        }
        let done = this.done();
        match this.awaiting.poll(&this.rt, Wait::Task(this.id), done) {
            Ok(true) => Poll::Ready(this.result()),
            Ok(false) => Poll::Pending,
            Err(error) => Poll::Ready(Err(error)),
        }
    }
}

/// The future of [`Runtime::gather`].
pub struct Gather<T> {
    pub(super) rt: Runtime,
    pub(super) id: GatherId,
    pub(super) children: Vec<Task<T>>,
    pub(super) awaiting: Awaiting,
}

impl<T> Gather<T> {
    /// The gather's id, for [`Runtime::gather_failed_by`].
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The tasks the gather wraps its coroutines in, in argument order.
    pub fn tasks(&self) -> impl Iterator<Item = TaskId> + '_ {
        self.children.iter().map(|task| task.id)
    }
}

impl<T: Clone> Future for Gather<T> {
    type Output = Result<Vec<T>, Error>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let outcome = this.rt.inner.state.borrow().gathers[this.id as usize].future.outcome.clone();
        match this.awaiting.poll(&this.rt, Wait::Gather(this.id), outcome.is_done()) {
            Ok(true) => {
                Poll::Ready(outcome.as_result().and_then(|()| this.children.iter().map(Task::result).collect()))
            }
            Ok(false) => Poll::Pending,
            Err(error) => Poll::Ready(Err(error)),
        }
    }
}

/// Awaiting one of the loop's plain futures.
pub(super) fn future_wait(rt: Runtime, id: FutureId, wait: Wait) -> impl Future<Output = Result<(), Error>> {
    FutureWait { rt, id, wait, awaiting: Awaiting::default() }
}

/// Awaiting one of the loop's plain futures.
struct FutureWait {
    rt: Runtime,
    id: FutureId,
    wait: Wait,
    awaiting: Awaiting,
}

impl Future for FutureWait {
    type Output = Result<(), Error>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let outcome = this.rt.inner.state.borrow().futures[this.id as usize].outcome.clone();
        match this.awaiting.poll(&this.rt, this.wait, outcome.is_done()) {
            Ok(true) => Poll::Ready(outcome.as_result()),
            Ok(false) => Poll::Pending,
            Err(error) => Poll::Ready(Err(error)),
        }
    }
}

/// The future of [`Runtime::coroutine`]: the coroutine, recorded as entered on its
/// first poll and left when it returns.
pub struct Call<F> {
    pub(super) rt: Runtime,
    pub(super) label: Option<Label>,
    pub(super) future: Pin<Box<F>>,
}

impl<F: Future> Future for Call<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        if let Some(label) = self.label.take() {
            if self.rt.is_closed() {
                return self.future.as_mut().poll(cx);
            }
            self.rt.coroutine_entered(label);
        }
        let poll = self.future.as_mut().poll(cx);
        if poll.is_ready() {
            self.rt.coroutine_exited();
        }
        poll
    }
}

/// The `tg` of `async with asyncio.TaskGroup() as tg:`, given to the body of
/// [`Runtime::task_group`].
#[derive(Clone)]
pub struct TaskGroup {
    pub(super) rt: Runtime,
    pub(super) id: GroupId,
}

impl TaskGroup {
    /// The loop the group's tasks run on.
    pub fn runtime(&self) -> Runtime {
        self.rt.clone()
    }

    /// The task whose `async with` it is.
    pub fn parent(&self) -> TaskId {
        self.rt.inner.state.borrow().groups[self.id as usize].parent
    }

    /// As `TaskGroup.__repr__` describes it: the tasks it waits for, its errors so
    /// far, whether it is cancelling them.
    pub fn state(&self) -> (usize, usize, bool) {
        let st = self.rt.inner.state.borrow();
        let group = &st.groups[self.id as usize];
        (group.live, group.errors.len(), group.aborting)
    }

    /// What `create_task` refuses now, if anything: the group is over, or shutting down.
    pub fn refusal(&self) -> Option<&'static str> {
        let st = self.rt.inner.state.borrow();
        let group = &st.groups[self.id as usize];
        if group.exiting && group.live == 0 {
            Some("is finished")
        } else if group.aborting {
            Some("is shutting down")
        } else {
            None
        }
    }

    /// `tg.create_task(coro)`: a task the group waits for, and cancels if another fails.
    pub fn create_task<T, F>(&self, label: impl Into<Label>, future: F) -> Result<Task<T>, Error>
    where
        T: 'static,
        F: Future<Output = Result<T, Error>> + 'static,
    {
        {
            let st = self.rt.inner.state.borrow();
            let group = &st.groups[self.id as usize];
            if group.exiting && group.live == 0 {
                return Err(Exception::new("RuntimeError", "TaskGroup is finished").into());
            }
            if group.aborting {
                return Err(Exception::new("RuntimeError", "TaskGroup is shutting down").into());
            }
        }
        let task = self.rt.create_task(label, future);
        let mut st = self.rt.st();
        st.tasks[task.id as usize].callbacks.push(Callback::GroupDone(self.id));
        let group = &mut st.groups[self.id as usize];
        group.tasks.push(task.id);
        group.live += 1;
        Ok(task)
    }

    /// Whether the cancellation leaving it passes on came while it waited for its
    /// tasks (not from its body).
    pub fn cancelled_waiting(&self) -> bool {
        self.rt.st().groups[self.id as usize].cancelled_waiting
    }

    /// Leaving the `async with` block with the body's `result`: `TaskGroup.__aexit__`.
    pub async fn exit<T>(self, result: Result<T, Error>) -> Result<T, Error> {
        let host = Rc::clone(&self.rt.inner.host);
        let id = self.id as usize;
        let mut propagate_cancellation = {
            let mut st = self.rt.st();
            st.groups[id].exiting = true;
            let mut propagate = matches!(result, Err(Error::Cancelled));
            let parent = st.groups[id].parent;
            if st.groups[id].parent_cancel_requested && st.uncancel(parent) == 0 {
                // The group cancelled its parent itself: that is not a cancellation to pass on.
                propagate = false;
            }
            if result.is_err() && !st.groups[id].aborting {
                st.abort_group(self.id, host.as_ref());
            }
            propagate
        };
        loop {
            let future = {
                let mut st = self.rt.st();
                if st.groups[id].live == 0 {
                    break;
                }
                let future = st.new_future();
                st.groups[id].on_completed = Some(future);
                future
            };
            let wait = Wait::Group(self.id, future);
            let waited = FutureWait { rt: self.rt.clone(), id: future, wait, awaiting: Awaiting::default() }.await;
            let mut st = self.rt.st();
            if waited == Err(Error::Cancelled) && !st.groups[id].aborting {
                // The parent task is being cancelled from outside while the group waits.
                propagate_cancellation = true;
                st.groups[id].cancelled_waiting = true;
                st.abort_group(self.id, host.as_ref());
            }
            st.groups[id].on_completed = None;
        }
        let mut errors = std::mem::take(&mut self.rt.st().groups[id].errors);
        if propagate_cancellation && errors.is_empty() {
            return Err(Error::Cancelled);
        }
        if let Err(Error::Raised(exception)) = &result {
            errors.push(exception.clone());
        }
        if errors.is_empty() {
            result
        } else {
            Err(Exception::group("unhandled errors in a TaskGroup", errors).into())
        }
    }
}
