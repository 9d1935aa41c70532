//! The playground's semantics against CPython's: for hundreds of generated scenarios in
//! every mode, the generated Python program, run by CPython's asyncio on a virtual clock
//! (`tests/virtual_asyncio.py`), prints the same lines in the same order at the same
//! times, to the last bit of the floating-point seconds, as the core's virtual clock.
//! Programs written twice, in Python and as Rust on the core's loop, check the loop's
//! cancellation, gather and TaskGroup against CPython's the same way. And the same
//! scenarios run on a host whose clock runs late take the same steps in the same order.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::process::Command;
use std::rc::Rc;

use asyncio_playground::code;
use asyncio_playground::runtime::{Error, Exception, Host, Runtime};
use asyncio_playground::scenario::{self, Call, Mode, Scenario};
use asyncio_playground::virtual_clock::{run, simulate};

/// SplitMix64: a tiny seeded generator, so every run checks the same scenarios.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Delays chosen to collide: zeros, equal values, and sums that round (0.1 + 0.2).
const DELAYS: [f64; 12] = [0.0, 0.0, 0.1, 0.2, 0.3, 0.1, 0.7, 0.8, 1.0, 0.25, 0.001, 2.5];
const WORDS: [&str; 8] = ["hello", "world", "hello", "it's", "back\\slash", "<b>html</b>", "café ☕", "a, b: c"];

fn generated_scenarios(count: usize) -> Vec<Scenario> {
    let mut rng = Rng(2024);
    (0..count)
        .map(|i| {
            let mode = Mode::ALL[i % Mode::ALL.len()];
            let calls = if i % 97 == 0 { 100 } else { 1 + rng.below(9) };
            let calls = (0..calls)
                .map(|_| {
                    let delay = match rng.below(3) {
                        0 => (rng.below(3000) as f64) / 1000.0,
                        _ => DELAYS[rng.below(DELAYS.len())],
                    };
                    Call::new(delay, WORDS[rng.below(WORDS.len())])
                })
                .collect();
            // Some make their calls a few times over (`for _ in range(repeat)`).
            let repeat = if i % 7 == 3 { 2 + rng.below(3) as u32 } else { 1 };
            Scenario { mode, calls, repeat }
        })
        .collect()
}

/// What CPython prints for each program, with the loop's time of each line.
fn cpython_lines(programs: &[String]) -> BTreeMap<usize, Vec<(String, f64)>> {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("asyncio-playground-conformance-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("programs.py");
    let text: String =
        programs.iter().enumerate().map(|(i, program)| format!("# === scenario {i} ===\n{program}")).collect();
    std::fs::write(&file, text).unwrap();
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/virtual_asyncio.py");
    let output = Command::new("python3").arg(&harness).arg(&file).output().expect("python3 runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut lines: BTreeMap<usize, Vec<(String, f64)>> = BTreeMap::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let mut fields = line.splitn(3, '\t');
        let (index, at, text) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        lines.entry(index.parse().unwrap()).or_default().push((text.to_owned(), at.parse().unwrap()));
    }
    lines
}

#[test]
fn six_hundred_generated_scenarios_print_exactly_what_cpython_prints() {
    let scenarios = generated_scenarios(600);
    let cpython = cpython_lines(&scenarios.iter().map(code::python).collect::<Vec<_>>());
    assert_eq!(cpython.len(), scenarios.len(), "CPython ran every program");
    let mut ties = 0;
    for (i, scenario) in scenarios.iter().enumerate() {
        let ours = simulate(scenario);
        let ours: Vec<(String, f64)> = ours.lines().into_iter().map(|(text, at)| (text.to_owned(), at)).collect();
        assert_eq!(ours, cpython[&i], "scenario {i}: {scenario:?}\n{}", code::python(scenario));
        ties += ours.windows(2).filter(|pair| pair[0].1 == pair[1].1).count();
    }
    // The generator is meant to produce many equal times; make sure it does.
    assert!(ties > 1000, "only {ties} ties");
}

#[test]
fn the_notebook_scenario_is_the_tutorials_program() {
    let expected = r#"import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
"#;
    assert_eq!(code::python(&Scenario::notebook()), expected);
}

#[test]
fn the_rust_shown_is_the_function_each_mode_runs() {
    for (mode, function) in [
        (Mode::Sequential, "async fn sequential("),
        (Mode::Tasks, "async fn tasks("),
        (Mode::Gather, "async fn gather("),
        (Mode::TaskGroup, "async fn task_group("),
    ] {
        let shown = code::rust(&Scenario::new(mode, vec![Call::new(0.5, "it's \"x\"")]));
        assert!(shown.contains(function), "{mode:?}:\n{shown}");
        assert!(shown.contains("pub async fn say_after(") && shown.contains("pub async fn main("), "{shown}");
        assert!(shown.contains(r#"Call::new(0.5, "it's \"x\""),"#), "{shown}");
        let others = ["async fn sequential(", "async fn tasks(", "async fn gather(", "async fn task_group("];
        assert_eq!(others.iter().filter(|f| shown.contains(*f)).count(), 1, "only {mode:?}'s function:\n{shown}");
    }
}

// ----- programs written twice: in Python, and in Rust on the core's loop ---------------

type Boxed = Pin<Box<dyn Future<Output = Result<(), Error>>>>;
type Program = fn(Runtime) -> Boxed;

/// The coroutines the Python programs below share, as Python writes them.
const HELPERS: &str = r#"import asyncio


async def noisy(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} got CancelledError")
        raise
    print(f"{name} woke")


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def ping(name, n):
    for i in range(n):
        print(f"{name} {i}")
        await asyncio.sleep(0)


def report(e):
    print(f"{type(e).__name__}: {e}")
    for inner in getattr(e, "exceptions", ()):
        print(f"  {type(inner).__name__}: {inner}")

"#;

async fn noisy(rt: Runtime, name: &'static str, delay: f64) -> Result<(), Error> {
    if let Err(error) = rt.sleep(delay).await {
        rt.print(format!("{name} got CancelledError"));
        return Err(error);
    }
    rt.print(format!("{name} woke"));
    Ok(())
}

async fn fail(rt: Runtime, name: &'static str, delay: f64) -> Result<(), Error> {
    rt.sleep(delay).await?;
    Err(Exception::new("ValueError", format!("{name} failed")).into())
}

async fn ping(rt: Runtime, name: &'static str, n: u32) -> Result<(), Error> {
    for i in 0..n {
        rt.print(format!("{name} {i}"));
        rt.sleep(0.0).await?;
    }
    Ok(())
}

fn report(rt: &Runtime, error: &Error) {
    rt.print(error.to_string());
    if let Error::Raised(exception) = error {
        for inner in exception.exceptions() {
            rt.print(format!("  {inner}"));
        }
    }
}

/// A bool as Python prints it.
fn py(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// `try: await t` / `except asyncio.CancelledError: print(f"{prefix}cancelled: {t.cancelled()}")`
async fn print_if_cancelled(rt: &Runtime, prefix: &str, t: asyncio_playground::runtime::Task<()>) {
    if t.clone().await == Err(Error::Cancelled) {
        rt.print(format!("{prefix}cancelled: {}", py(t.cancelled())));
    }
}

fn boxed(future: impl Future<Output = Result<(), Error>> + 'static) -> Boxed {
    Box::pin(future)
}

/// (what it checks, `main()` in Python, the same `main()` in Rust)
const TWINS: [(&str, &str, Program); 12] = [
    (
        "a failing child cancels its TaskGroup's siblings and body, in creation order",
        r#"
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(noisy('a', 1))
            tg.create_task(fail('b', 0.5))
            tg.create_task(noisy('c', 2))
            await noisy('body', 3)
    except Exception as e:
        report(e)
    print("main goes on")
"#,
        |rt| {
            boxed(async move {
                let result = rt
                    .task_group(|tg| async move {
                        let rt = tg.runtime();
                        tg.create_task("noisy('a', 1)", noisy(rt.clone(), "a", 1.0))?;
                        tg.create_task("fail('b', 0.5)", fail(rt.clone(), "b", 0.5))?;
                        tg.create_task("noisy('c', 2)", noisy(rt.clone(), "c", 2.0))?;
                        rt.coroutine("noisy('body', 3)", noisy(rt.clone(), "body", 3.0)).await
                    })
                    .await;
                if let Err(error) = result {
                    report(&rt, &error);
                }
                rt.print("main goes on");
                Ok(())
            })
        },
    ),
    (
        "an exception in the TaskGroup's body cancels its tasks and joins the group",
        r#"
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(noisy('a', 1))
            tg.create_task(noisy('b', 0.1))
            await asyncio.sleep(0.2)
            raise ValueError("body failed")
    except Exception as e:
        report(e)
"#,
        |rt| {
            boxed(async move {
                let result = rt
                    .task_group(|tg| async move {
                        let rt = tg.runtime();
                        tg.create_task("noisy('a', 1)", noisy(rt.clone(), "a", 1.0))?;
                        tg.create_task("noisy('b', 0.1)", noisy(rt.clone(), "b", 0.1))?;
                        rt.sleep(0.2).await?;
                        Err::<(), _>(Exception::new("ValueError", "body failed").into())
                    })
                    .await;
                if let Err(error) = result {
                    report(&rt, &error);
                }
                Ok(())
            })
        },
    ),
    (
        "a task cancelled while its TaskGroup waits cancels the group's tasks",
        r#"
async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(noisy('x', 1))
        tg.create_task(noisy('y', 2))
    print("group done")


async def main():
    t = asyncio.create_task(grouped())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"cancelled: {t.cancelled()}")
"#,
        |rt| {
            boxed(async move {
                let r = rt.clone();
                let t = rt.create_task("grouped()", async move {
                    r.task_group(|tg| async move {
                        let rt = tg.runtime();
                        tg.create_task("noisy('x', 1)", noisy(rt.clone(), "x", 1.0))?;
                        tg.create_task("noisy('y', 2)", noisy(rt.clone(), "y", 2.0))?;
                        Ok(())
                    })
                    .await?;
                    r.print("group done");
                    Ok(())
                });
                rt.sleep(0.5).await?;
                t.cancel();
                print_if_cancelled(&rt, "", t).await;
                Ok(())
            })
        },
    ),
    (
        "gather passes on the first exception at once and lets the others run on",
        r#"
async def main():
    try:
        await asyncio.gather(noisy('a', 1), fail('b', 0.5), noisy('c', 2))
    except Exception as e:
        report(e)
    await asyncio.sleep(3)
    print("main done")
"#,
        |rt| {
            boxed(async move {
                let coros = [
                    ("noisy('a', 1)".to_owned(), boxed(noisy(rt.clone(), "a", 1.0))),
                    ("fail('b', 0.5)".to_owned(), boxed(fail(rt.clone(), "b", 0.5))),
                    ("noisy('c', 2)".to_owned(), boxed(noisy(rt.clone(), "c", 2.0))),
                ];
                if let Err(error) = rt.gather(coros).await {
                    report(&rt, &error);
                }
                rt.sleep(3.0).await?;
                rt.print("main done");
                Ok(())
            })
        },
    ),
    (
        "cancelling a task that awaits a gather cancels every child",
        r#"
async def waiter():
    try:
        await asyncio.gather(noisy('a', 1), noisy('b', 2))
    except asyncio.CancelledError:
        print("waiter got CancelledError")
        raise


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"cancelled: {t.cancelled()}")
"#,
        |rt| {
            boxed(async move {
                let r = rt.clone();
                let t = rt.create_task("waiter()", async move {
                    let coros = [
                        ("noisy('a', 1)".to_owned(), noisy(r.clone(), "a", 1.0)),
                        ("noisy('b', 2)".to_owned(), noisy(r.clone(), "b", 2.0)),
                    ];
                    if let Err(error) = r.gather(coros).await {
                        r.print("waiter got CancelledError");
                        return Err(error);
                    }
                    Ok(())
                });
                rt.sleep(0.5).await?;
                t.cancel();
                print_if_cancelled(&rt, "", t).await;
                Ok(())
            })
        },
    ),
    (
        "cancelling a task that awaits another task cancels that one too",
        r#"
async def outer(inner):
    try:
        await inner
    except asyncio.CancelledError:
        print("outer got CancelledError")
        raise


async def main():
    inner = asyncio.create_task(noisy('inner', 2))
    o = asyncio.create_task(outer(inner))
    await asyncio.sleep(1)
    o.cancel()
    for t, name in ((o, 'outer'), (inner, 'inner')):
        try:
            await t
        except asyncio.CancelledError:
            print(f"{name} cancelled: {t.cancelled()}")
"#,
        |rt| {
            boxed(async move {
                let inner = rt.create_task("noisy('inner', 2)", noisy(rt.clone(), "inner", 2.0));
                let (r, awaited) = (rt.clone(), inner.clone());
                let o = rt.create_task("outer(inner)", async move {
                    if let Err(error) = awaited.await {
                        r.print("outer got CancelledError");
                        return Err(error);
                    }
                    Ok(())
                });
                rt.sleep(1.0).await?;
                o.cancel();
                for (t, name) in [(o, "outer "), (inner, "inner ")] {
                    print_if_cancelled(&rt, name, t).await;
                }
                Ok(())
            })
        },
    ),
    (
        "a task that swallows CancelledError finishes normally",
        r#"
async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelled, but carrying on")
    await asyncio.sleep(1)
    print("finished anyway")


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.5)
    print(f"cancel: {t.cancel()}")
    await t
    print(f"cancelled: {t.cancelled()}")
"#,
        |rt| {
            boxed(async move {
                let r = rt.clone();
                let t = rt.create_task("stubborn()", async move {
                    if r.sleep(1.0).await.is_err() {
                        r.print("cancelled, but carrying on");
                    }
                    r.sleep(1.0).await?;
                    r.print("finished anyway");
                    Ok(())
                });
                rt.sleep(0.5).await?;
                rt.print(format!("cancel: {}", py(t.cancel())));
                t.clone().await?;
                rt.print(format!("cancelled: {}", py(t.cancelled())));
                Ok(())
            })
        },
    ),
    (
        "a task cancelled after its timer fired, before it ran, gets CancelledError",
        r#"
async def first(other):
    await asyncio.sleep(1)
    print(f"first cancels: {other[0].cancel()}")


async def main():
    other = []
    a = asyncio.create_task(first(other))
    b = asyncio.create_task(noisy('second', 1))
    other.append(b)
    await a
    try:
        await b
    except asyncio.CancelledError:
        print("second cancelled")
"#,
        |rt| {
            boxed(async move {
                let other = Rc::new(Cell::new(u32::MAX));
                let (r, o) = (rt.clone(), Rc::clone(&other));
                let a = rt.create_task("first(other)", async move {
                    r.sleep(1.0).await?;
                    r.print(format!("first cancels: {}", py(r.cancel(o.get()))));
                    Ok(())
                });
                let b = rt.create_task("noisy('second', 1)", noisy(rt.clone(), "second", 1.0));
                other.set(b.id());
                a.await?;
                if b.await == Err(Error::Cancelled) {
                    rt.print("second cancelled");
                }
                Ok(())
            })
        },
    ),
    (
        "gather's callbacks take their turns on the ready queue",
        r#"
async def main():
    g = asyncio.gather(ping('a', 3), ping('b', 2))
    t = asyncio.create_task(ping('c', 5))
    await g
    print("gathered")
    await t
    print("all done")
"#,
        |rt| {
            boxed(async move {
                let g = rt.gather([
                    ("ping('a', 3)".to_owned(), ping(rt.clone(), "a", 3)),
                    ("ping('b', 2)".to_owned(), ping(rt.clone(), "b", 2)),
                ]);
                let t = rt.create_task("ping('c', 5)", ping(rt.clone(), "c", 5));
                g.await?;
                rt.print("gathered");
                t.await?;
                rt.print("all done");
                Ok(())
            })
        },
    ),
    (
        "a task that awaits itself gets RuntimeError at its next step, after the others",
        r#"
async def me():
    try:
        await asyncio.current_task()
    except RuntimeError as e:
        print(f"me: {type(e).__name__}")


async def other():
    print("other runs")


async def main():
    a = asyncio.create_task(me())
    b = asyncio.create_task(other())
    await a
    await b
"#,
        |rt| {
            boxed(async move {
                let slot: Rc<Cell<Option<u32>>> = Rc::default();
                let (r, own) = (rt.clone(), Rc::clone(&slot));
                let a = rt.create_task("me()", async move {
                    // The task's own handle, as asyncio.current_task() gives it.
                    let me = own.get().expect("set before the task runs");
                    let handle = r.task_handle::<()>(me);
                    if let Err(Error::Raised(error)) = handle.await {
                        r.print(format!("me: {}", error.kind()));
                    }
                    Ok(())
                });
                slot.set(Some(a.id()));
                let r = rt.clone();
                let b = rt.create_task("other()", async move {
                    r.print("other runs");
                    Ok(())
                });
                a.await?;
                b.await
            })
        },
    ),
    (
        "a task awaited twice gives its result twice",
        r#"
async def value():
    await asyncio.sleep(0.1)
    return 42


async def main():
    t = asyncio.create_task(value())
    print(await t, await t)
"#,
        |rt| {
            boxed(async move {
                let r = rt.clone();
                let t = rt.create_task("value()", async move {
                    r.sleep(0.1).await?;
                    Ok(42)
                });
                let first = t.clone().await?;
                let second = t.await?;
                rt.print(format!("{first} {second}"));
                Ok(())
            })
        },
    ),
    (
        "tasks left when main returns are cancelled, as asyncio.run does",
        r#"
async def main():
    asyncio.create_task(noisy('background', 5))
    asyncio.create_task(ping('pinger', 3))
    await asyncio.sleep(1)
    print("main done")
"#,
        |rt| {
            boxed(async move {
                drop(rt.create_task("noisy('background', 5)", noisy(rt.clone(), "background", 5.0)));
                drop(rt.create_task("ping('pinger', 3)", ping(rt.clone(), "pinger", 3)));
                rt.sleep(1.0).await?;
                rt.print("main done");
                Ok(())
            })
        },
    ),
];

#[test]
fn cancellation_gather_and_task_group_behave_as_in_cpython() {
    let sources: Vec<String> =
        TWINS.iter().map(|(_, main, _)| format!("{HELPERS}{main}\n\nasyncio.run(main())\n")).collect();
    let cpython = cpython_lines(&sources);
    for (i, (what, _, program)) in TWINS.iter().enumerate() {
        let ours = run(0.0, program);
        assert_eq!(ours.result, Some(Ok(())), "{what}");
        let ours: Vec<(String, f64)> = ours.lines().into_iter().map(|(text, at)| (text.to_owned(), at)).collect();
        assert_eq!(ours, cpython[&i], "{what}\n{}", sources[i]);
    }
}

// ----- a real clock that runs late takes the same steps ----------------------------------

/// A host whose clock moves on by itself, a little every time it is read (work takes
/// time), and whose alarm rings late by up to 20 ms, as a busy browser's does.
struct LateHost {
    now: Cell<f64>,
    rng: Cell<u64>,
    alarm: Cell<Option<f64>>,
    soon: Cell<bool>,
}

impl LateHost {
    fn random(&self) -> f64 {
        let mut rng = Rng(self.rng.get());
        let value = rng.next();
        self.rng.set(rng.0);
        (value >> 11) as f64 / (1u64 << 53) as f64
    }

    fn drive(&self, rt: &Runtime) {
        loop {
            if self.soon.take() {
                rt.run();
            } else if let Some(at) = self.alarm.take() {
                self.now.set(self.now.get().max(at) + self.random() * 0.02);
                rt.on_alarm();
            } else {
                break;
            }
        }
    }
}

impl Host for LateHost {
    fn now(&self) -> f64 {
        self.now.set(self.now.get() + self.random() * 20e-6);
        self.now.get()
    }
    fn time_of_day_ms(&self, _: f64) -> f64 {
        0.0
    }
    fn arm(&self, at: Option<f64>) {
        self.alarm.set(at);
    }
    fn soon(&self) {
        self.soon.set(true);
    }
    fn is_real(&self) -> bool {
        true
    }
}

#[test]
fn on_a_late_real_clock_every_scenario_takes_the_steps_of_the_virtual_one() {
    for (i, scenario) in generated_scenarios(600).into_iter().enumerate() {
        let ideal = simulate(&scenario);
        let host = Rc::new(LateHost {
            now: Cell::new(0.0),
            rng: Cell::new(i as u64),
            alarm: Cell::new(None),
            soon: Cell::new(false),
        });
        let rt = Runtime::new(host.clone());
        let main = rt.create_task("main()", scenario::main(rt.clone(), scenario.clone()));
        host.drive(&rt);
        assert_eq!(main.result(), Ok(()));
        let real = rt.take_trace();
        assert_eq!(real.steps(), ideal.trace.steps(), "scenario {i}: {scenario:?}");
        // Each line is paired with its ideal time by (task, sequence): the same lines
        // from the same tasks, at the same loop times, and never before they were due.
        let lines = |trace: &asyncio_playground::trace::Trace| -> Vec<(u32, f64)> {
            trace.printed().map(|(_, task, ideal)| (task, ideal)).collect()
        };
        assert_eq!(lines(&real), lines(&ideal.trace), "scenario {i}");
        for event in &real.events {
            assert!(event.real >= event.ideal - 1e-9, "scenario {i}: an event ran before it was due: {event:?}");
        }
    }
}
