//! The tutorial's program, `say_after` and `main`, as Rust `async fn`s.
//!
//! This is the code the playground runs, on the browser's loop and on the virtual
//! clock alike: each `rt.` call is the asyncio call named beside it, and `?` passes a
//! `CancelledError` (or any exception) on as Python's `await` does. `main` comes in
//! the four shapes asyncio offers for running the calls: one after another, as tasks,
//! through `gather`, and in a `TaskGroup`. Each coroutine and task is given the Python
//! call it stands for (`call.python()`), which is how the timeline names it.

use crate::runtime::{Error, Runtime};

/// One `say_after(delay, what)` call of `main`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Seconds, as Python would parse the same literal.
    pub delay: f64,
    pub word: String,
}

impl Call {
    pub fn new(delay: f64, word: &str) -> Self {
        Call { delay, word: word.to_owned() }
    }
}

/// How `main` runs its calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// `await say_after(...)` for each call in turn: the notebook's version.
    #[default]
    Sequential,
    /// `asyncio.create_task(say_after(...))` for every call, then `await` each task.
    Tasks,
    /// `await asyncio.gather(say_after(...), ...)`.
    Gather,
    /// `tg.create_task(say_after(...))` inside `async with asyncio.TaskGroup() as tg`.
    TaskGroup,
}

/// The program's input: the calls `main` makes and how it makes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub mode: Mode,
    pub calls: Vec<Call>,
    /// How many times over `main` makes the calls, in order (`for _ in range(repeat)`).
    pub repeat: u32,
}

impl Scenario {
    /// `calls`, made once, as `mode` says.
    pub fn new(mode: Mode, calls: Vec<Call>) -> Self {
        Scenario { mode, calls, repeat: 1 }
    }

    /// The notebook's program: `say_after(1, 'hello')`, then `say_after(2, 'world')`.
    pub fn notebook() -> Self {
        Scenario::new(Mode::Sequential, vec![Call::new(1.0, "hello"), Call::new(2.0, "world")])
    }
}

/// ```python
/// async def say_after(delay, what):
///     await asyncio.sleep(delay)
///     print(what)
/// ```
pub async fn say_after(rt: Runtime, delay: f64, what: String) -> Result<(), Error> {
    rt.sleep(delay).await?;
    rt.print(what);
    Ok(())
}

/// ```python
/// async def main():
///     print(f"started at {time.strftime('%X')}")
///     ...  # the calls, as the mode says
///     print(f"finished at {time.strftime('%X')}")
/// ```
pub async fn main(rt: Runtime, scenario: Scenario) -> Result<(), Error> {
    rt.print(format!("started at {}", rt.strftime_x()));
    // `for _ in range(repeat)` around the calls: all of them, again and again.
    let calls: Vec<Call> = (0..scenario.repeat).flat_map(|_| scenario.calls.iter().cloned()).collect();
    match scenario.mode {
        Mode::Sequential => sequential(&rt, calls).await?,
        Mode::Tasks => tasks(&rt, calls).await?,
        Mode::Gather => gather(&rt, calls).await?,
        Mode::TaskGroup => task_group(&rt, calls).await?,
    }
    rt.print(format!("finished at {}", rt.strftime_x()));
    Ok(())
}

async fn sequential(rt: &Runtime, calls: Vec<Call>) -> Result<(), Error> {
    for call in calls {
        // `await say_after(...)` runs the coroutine inside main's own task: no new task.
        rt.coroutine(call.python(), say_after(rt.clone(), call.delay, call.word)).await?;
    }
    Ok(())
}

async fn tasks(rt: &Runtime, calls: Vec<Call>) -> Result<(), Error> {
    let tasks: Vec<_> = calls
        .into_iter()
        .map(|call| rt.create_task(call.python(), say_after(rt.clone(), call.delay, call.word)))
        .collect();
    for task in tasks {
        task.await?;
    }
    Ok(())
}

async fn gather(rt: &Runtime, calls: Vec<Call>) -> Result<(), Error> {
    // gather wraps each coroutine in a task, in argument order, then waits for all.
    rt.gather(calls.into_iter().map(|call| (call.python(), say_after(rt.clone(), call.delay, call.word)))).await?;
    Ok(())
}

async fn task_group(rt: &Runtime, calls: Vec<Call>) -> Result<(), Error> {
    rt.task_group(|tg| async move {
        for call in calls {
            tg.create_task(call.python(), say_after(tg.runtime(), call.delay, call.word))?;
        }
        Ok(())
    })
    .await
}
