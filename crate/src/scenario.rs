//! The tutorial's program, `say_after` and `main`, as Rust `async fn`s.
//!
//! This is the code the playground runs, on the browser's loop and on the virtual
//! clock alike: each `rt.` call is the asyncio call named beside it. `main` comes in
//! the four shapes asyncio offers for running the calls: one after another, as tasks,
//! through `gather`, and in a `TaskGroup`.

use futures::future::try_join_all;

use crate::runtime::{Cancelled, Runtime, TaskGroup};

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
}

impl Scenario {
    /// The notebook's program: `say_after(1, 'hello')`, then `say_after(2, 'world')`.
    pub fn notebook() -> Self {
        Scenario { mode: Mode::Sequential, calls: vec![Call::new(1.0, "hello"), Call::new(2.0, "world")] }
    }
}

/// ```python
/// async def say_after(delay, what):
///     await asyncio.sleep(delay)
///     print(what)
/// ```
pub async fn say_after(rt: Runtime, delay: f64, what: String) {
    rt.sleep(delay).await;
    rt.print(what);
}

/// ```python
/// async def main():
///     print(f"started at {time.strftime('%X')}")
///     ...  # the calls, as the mode says
///     print(f"finished at {time.strftime('%X')}")
/// ```
pub async fn main(rt: Runtime, scenario: Scenario) -> Result<(), Cancelled> {
    rt.print(format!("started at {}", rt.strftime_x()));
    let calls = scenario.calls;
    match scenario.mode {
        Mode::Sequential => sequential(&rt, calls).await,
        Mode::Tasks => tasks(&rt, calls).await?,
        Mode::Gather => gather(&rt, calls).await?,
        Mode::TaskGroup => task_group(&rt, calls).await?,
    }
    rt.print(format!("finished at {}", rt.strftime_x()));
    Ok(())
}

async fn sequential(rt: &Runtime, calls: Vec<Call>) {
    for Call { delay, word } in calls {
        say_after(rt.clone(), delay, word).await;
    }
}

async fn tasks(rt: &Runtime, calls: Vec<Call>) -> Result<(), Cancelled> {
    let tasks: Vec<_> =
        calls.into_iter().map(|Call { delay, word }| rt.spawn(say_after(rt.clone(), delay, word))).collect();
    for task in tasks {
        task.await?;
    }
    Ok(())
}

async fn gather(rt: &Runtime, calls: Vec<Call>) -> Result<(), Cancelled> {
    // gather wraps each coroutine in a task, in argument order, then waits for all.
    try_join_all(calls.into_iter().map(|Call { delay, word }| rt.spawn(say_after(rt.clone(), delay, word)))).await?;
    Ok(())
}

async fn task_group(rt: &Runtime, calls: Vec<Call>) -> Result<(), Cancelled> {
    let mut tg = TaskGroup::new(rt);
    for Call { delay, word } in calls {
        tg.create_task(say_after(rt.clone(), delay, word));
    }
    tg.join().await
}
