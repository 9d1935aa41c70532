//! The core on the browser's own event loop, with real timers and short delays.
//!
//! Times are checked in loose bounds: a line may never print before it is due, and
//! on a busy machine it may print well after. Exact times are the native suite's job.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use asyncio_playground::runtime::{Outcome, Runtime};
use asyncio_playground::scenario::{self, say_after, Call, Mode, Scenario};
use asyncio_playground::trace::{Kind, Trace};
use asyncio_playground::virtual_clock::simulate;
use asyncio_playground::web::{start, Program, Run, Started};
use gloo_timers::future::sleep;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How late a line may print on a loaded machine before the test calls it a bug.
const LATE_MS: f64 = 250.0;

fn calls(calls: &[(f64, &str)]) -> Vec<Call> {
    calls.iter().map(|&(delay, word)| Call::new(delay, word)).collect()
}

/// Waits for a started program to end; returns its final state.
async fn finish(started: &Started) -> String {
    JsFuture::from(started.done.clone()).await.unwrap().as_string().unwrap()
}

/// The kinds of a trace's events, in order: what a replay steps through.
fn kinds(trace: &Trace) -> Vec<Kind> {
    trace.events.iter().map(|e| e.kind).collect()
}

/// Runs `scenario` for real and checks it against the virtual clock: the same events
/// (the loop's, not its browser timer's re-arming), the same steps in the same order, and
/// each line, paired with its ideal time by (task, sequence), printed no earlier than
/// that and not much later.
async fn check_against_virtual_clock(scenario: Scenario) {
    let ideal = simulate(&scenario);
    let main = scenario.clone();
    let started = start(move |rt| scenario::main(rt, main));
    assert_eq!(finish(&started).await, "done");
    let real = started.rt.trace();
    assert_eq!(kinds(&real), kinds(&ideal.trace), "{scenario:?}");
    assert_eq!(real.steps(), ideal.trace.steps(), "{scenario:?}");
    let by_task = |trace: &Trace| trace.printed().map(|(_, task, at)| (task, at)).collect::<Vec<_>>();
    assert_eq!(by_task(&real), by_task(&ideal.trace), "{scenario:?}");
    for event in real.events.iter().filter(|e| e.kind == Kind::Printed) {
        let (at, due) = (event.real * 1000.0, event.ideal * 1000.0);
        assert!(at >= due - 0.001, "a line printed at {at} ms, before it was due at {due} ms");
        assert!(at < due + LATE_MS, "a line printed at {at} ms, {} ms late", at - due);
    }
}

#[wasm_bindgen_test]
async fn the_notebook_scaled_down_prints_in_order_on_time() {
    check_against_virtual_clock(Scenario::new(Mode::Sequential, calls(&[(0.05, "hello"), (0.1, "world")]))).await;
}

#[wasm_bindgen_test]
async fn every_mode_takes_the_virtual_clocks_steps_on_real_timers() {
    // Equal delays, a zero, and deadlines a millisecond apart: ties and near-ties that
    // a late timer could reorder if the loop went by the real clock.
    let mix: [(f64, &str); 7] =
        [(0.08, "a"), (0.03, "b"), (0.03, "c"), (0.0, "d"), (0.031, "e"), (0.7, "f"), (0.0, "g")];
    for mode in Mode::ALL {
        let mix = if mode == Mode::Sequential { &mix[..4] } else { &mix[..6] };
        let mix: Vec<(f64, &str)> = mix.iter().map(|&(delay, word)| (delay.min(0.1), word)).collect();
        // (Three times: a browser's timers ring early or late by chance.)
        for _ in 0..3 {
            check_against_virtual_clock(Scenario::new(mode, calls(&mix))).await;
        }
    }
}

#[wasm_bindgen_test]
fn the_virtual_clock_gives_the_ideal_timeline_in_the_browser_too() {
    let outcome = simulate(&Scenario::notebook());
    let times: Vec<f64> = outcome.lines().iter().map(|&(_, at)| at).collect();
    assert_eq!(times, [0.0, 1.0, 3.0, 3.0]);
}

#[wasm_bindgen_test]
async fn zero_delays_yield_without_a_timer_or_its_4ms_clamp() {
    let started = start(|rt: Runtime| async move {
        for _ in 0..200 {
            rt.sleep(0.0).await?;
        }
        Ok(rt.time())
    });
    assert_eq!(finish(&started).await, "done");
    assert_eq!(started.host.alarms_set(), 0);
    let steps = started.rt.trace().events.last().unwrap().real * 1000.0;
    // Chained setTimeout(0) would take at least 4 ms a turn after the fifth: 780 ms.
    assert!(steps < 200.0, "200 zero sleeps took {steps} ms");
}

#[wasm_bindgen_test]
async fn a_thousand_sleepers_share_one_browser_timer() {
    let started = start(|rt: Runtime| async move {
        let tasks: Vec<_> =
            (0..1000).map(|i| rt.create_task("say_after()", say_after(rt.clone(), 0.05, i.to_string()))).collect();
        for task in tasks {
            task.await?;
        }
        Ok(())
    });
    assert_eq!(finish(&started).await, "done");
    let printed: Vec<String> = started.rt.trace().printed().map(|(text, _, _)| text.to_owned()).collect();
    let expected: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
    assert_eq!(printed, expected, "equal delays print in creation order");
    // The thousand equal deadlines are one batch: one timer, perhaps set again if it
    // rang before the last of them was due on the real clock.
    assert!(started.host.alarms_set() <= 3, "{} browser timers for 1000 sleepers", started.host.alarms_set());
    assert!(!started.host.is_armed());
}

#[wasm_bindgen_test]
async fn stop_ends_the_run_and_leaves_no_timer_set() {
    let scenario = Scenario::new(Mode::Tasks, calls(&[(0.02, "hello"), (0.15, "world")]));
    let started = start(move |rt| scenario::main(rt, scenario));
    sleep(Duration::from_millis(80)).await;
    started.rt.stop();
    assert!(!started.host.is_armed(), "stop clears the browser timer");
    assert_eq!(started.rt.outcome(started.main), Outcome::Cancelled);
    sleep(Duration::from_millis(150)).await;
    let printed: Vec<String> = started.rt.trace().printed().map(|(text, _, _)| text.to_owned()).collect();
    assert_eq!(printed.len(), 2, "{printed:?}");
    assert_eq!(printed[1], "hello");
    assert_eq!(started.rt.sleeping(), 0);
}

/// Stop as Ctrl+C on real timers: main is cancelled at the moment of the press (on the
/// loop's clock, less how late the browser was), the rest follow, no timer is left.
#[wasm_bindgen_test]
async fn interrupting_cancels_main_where_it_waits_and_leaves_no_timer_set() {
    let scenario = Scenario::new(Mode::Tasks, calls(&[(0.05, "hello"), (0.3, "world")]));
    let started = start(move |rt| scenario::main(rt, scenario));
    sleep(Duration::from_millis(150)).await;
    started.rt.interrupt();
    assert_eq!(finish(&started).await, "cancelled");
    assert!(!started.host.is_armed() && started.rt.sleeping() == 0);
    let stop = *started.rt.trace().events.iter().find(|e| e.kind == Kind::Interrupted).expect("Stop is in the trace");
    assert!(stop.real >= 0.149 && stop.real < 0.15 + LATE_MS / 1000.0, "pressed at {} s", stop.real);
    assert!(
        stop.ideal > 0.05 && stop.ideal <= stop.real && stop.ideal < 0.3,
        "at {} s on the loop's clock",
        stop.ideal
    );
    sleep(Duration::from_millis(250)).await;
    let printed: Vec<String> = started.rt.trace().printed().map(|(text, _, _)| text.to_owned()).collect();
    assert_eq!(printed[1..], ["hello"]);
}

#[wasm_bindgen_test]
async fn a_long_run_hands_the_browser_back_its_turn() {
    // 200,000 steps: far more than one slice of the loop. A browser timer set in the
    // run's first step fires before the run is over, because the loop lets the
    // browser in between slices.
    let seen = Rc::new(Cell::new(false));
    let record = Rc::clone(&seen);
    let started = start(move |rt: Runtime| async move {
        let ticked = Rc::new(Cell::new(false));
        let flag = Rc::clone(&ticked);
        let _tick = gloo_timers::callback::Timeout::new(0, move || flag.set(true));
        let coros = (0..2000).map(|i| {
            let rt = rt.clone();
            (format!("spin({i})"), async move {
                for _ in 0..100 {
                    rt.sleep(0.0).await?;
                }
                Ok(())
            })
        });
        rt.gather(coros).await?;
        record.set(ticked.get());
        Ok(())
    });
    assert_eq!(finish(&started).await, "done");
    assert!(seen.get(), "the browser's timer fired while the loop worked");
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
async fn the_page_api_records_lines_with_their_ideal_and_measured_times() {
    let program =
        Program::new("sequential", strings(&["0.02", "0.04"]), strings(&["hello", "<b>world</b>"]), "1").unwrap();
    assert_eq!(program.ideal_totals_ms(), [60.0, 40.0, 40.0, 40.0]);
    let run = Run::new(&program);
    assert_eq!(run.ideal_total_ms(), 60.0);
    assert_eq!(JsFuture::from(run.done()).await.unwrap(), "done");
    assert_eq!(run.state(), "done");
    let n = run.sync();
    let kinds = run.kinds(0, n);
    let printed: Vec<usize> = (0..n).filter(|&i| kinds[i] == Kind::Printed as u8).collect();
    let (ideal, real, args) = (run.ideal_ms(0, n), run.real_ms(0, n), run.args(0, n));
    let times: Vec<f64> = printed.iter().map(|&i| ideal[i].round()).collect();
    assert_eq!(times, [0.0, 20.0, 60.0, 60.0]);
    assert!(run.line(args[printed[0]] as usize).starts_with("started at "));
    assert_eq!(run.line(args[printed[2]] as usize), "<b>world</b>");
    assert!(real[printed[3]] >= 60.0);
    assert_eq!(run.printed(), 4);
    run.seek(printed[1] + 1);
    assert_eq!(run.printed(), 2, "the moment after hello");
}

#[wasm_bindgen_test]
fn a_simulated_run_opens_at_any_moment() {
    let program = Program::new("tasks", strings(&["1", "2"]), strings(&["hello", "world"]), "1").unwrap();
    let run = Run::simulate(&program);
    assert_eq!(run.state(), "done");
    let n = run.sync();
    let ideal = run.ideal_ms(0, n);
    let at = ideal.iter().take_while(|&&ms| ms <= 1500.0).count();
    assert!(at < n);
    run.seek(at);
    assert_eq!(run.printed(), 2);
    let timers = run.timers(12);
    assert_eq!((timers.len(), run.timer_count(), run.ready_count()), (1, 1, 0));
    assert_eq!((run.timer_task(timers[0] as usize), run.timer_deadline_ms(timers[0] as usize)), (2, 2000.0));
    assert_eq!(run.doing(0), "awaiting Task-3");
    assert_eq!(run.doing(2), "sleeping until 2000 ms");
}

#[wasm_bindgen_test]
fn the_page_api_refuses_bad_input_before_anything_can_start() {
    let long = "x".repeat(201);
    for (delays, words) in [(&["-1"][..], &["a"][..]), (&["1"], &[long.as_str()]), (&[], &[]), (&["1", "2"], &["a"])] {
        assert!(Program::new("sequential", strings(delays), strings(words), "1").is_err(), "{delays:?} {words:?}");
    }
    assert!(Program::new("parallel", strings(&["1"]), strings(&["a"]), "1").is_err());
    for repeat in ["0", "", "2.5", "10001"] {
        assert!(Program::new("gather", strings(&["1"]), strings(&["a"]), repeat).is_err(), "{repeat:?}");
    }
    // 10,000 calls made in all is the most.
    assert!(Program::new("gather", strings(&["1", "2"]), strings(&["a", "b"]), "5000").is_ok());
    assert!(Program::new("gather", strings(&["1", "2"]), strings(&["a", "b"]), "5001").is_err());
}

/// In a browser the page's engine formats and reads numbers for the core
/// (`number`); it must agree with Rust's own, digit for digit.
#[wasm_bindgen_test]
fn numbers_read_and_write_as_rusts_own() {
    use asyncio_playground::number;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut values =
        vec![0.0, -0.0, 1.0, 0.1, 1e-7, 1.5e-7, 1e21, 1e22, 123456.789, 5e-324, f64::MAX, f64::MIN_POSITIVE];
    values.extend([f64::INFINITY, f64::NEG_INFINITY, f64::NAN]);
    for _ in 0..5000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        values.push(f64::from_bits(seed));
        values.push((seed % 10_000_000) as f64 / 1000.0);
    }
    for value in values {
        let text = number::shortest(value);
        assert_eq!(text, value.to_string(), "{value:e}");
        if value.abs() < 9e18 || !value.is_finite() {
            // Beyond that, `fixed3` writes the shortest digits, as documented.
            assert_eq!(number::fixed3(value), format!("{value:.3}"), "{value:e}");
        }
        for text in [text.clone(), format!("{value:e}"), format!("{value:E}"), format!("+{text}")] {
            let (ours, rusts) = (number::parse(&text), text.parse::<f64>().ok());
            assert_eq!(ours.map(f64::to_bits), rusts.map(f64::to_bits), "{text}");
        }
    }
    for text in ["", ".", "1e", "0x10", "1_000", " 1", "Infinity", "INF", "-nan", ".5", "5.", "1E+3"] {
        assert_eq!(number::parse(text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits), "{text:?}");
    }
}

/// A program of the editor's, interpreted, on real timers: the module's code before and
/// after `asyncio.run`, tasks, a lock, an event and a queue take the steps the virtual
/// clock takes, and each line prints no earlier than due.
#[cfg(feature = "python")]
#[wasm_bindgen_test]
async fn an_interpreted_program_takes_the_virtual_clocks_steps_on_real_timers() {
    use asyncio_playground::python::Program as Code;
    use asyncio_playground::web::start_code;
    let source = r#"import asyncio

print('before the loop')

async def say_after(delay, what, lock, event):
    await asyncio.sleep(delay)
    async with lock:
        print(what)
        await asyncio.sleep(0.01)
    if what == 'world':
        event.set()

async def main():
    lock, event = asyncio.Lock(), asyncio.Event()
    waiter = asyncio.create_task(event.wait())
    await asyncio.gather(say_after(0.05, 'hello', lock, event), say_after(0.05, 'world', lock, event))
    await waiter
    return 'main returned'

print(asyncio.run(main()))
"#;
    let code = Code::new(source).unwrap();
    let ideal = code.simulate();
    assert_eq!(ideal.error, None);
    let started = start_code(code);
    assert_eq!(finish(&started).await, "done", "{:?}", started.error.borrow());
    let real = started.rt.trace();
    assert_eq!(kinds(&real), kinds(&ideal.trace));
    assert_eq!(real.steps(), ideal.trace.steps());
    let lines = |trace: &Trace| trace.printed().map(|(text, task, at)| (text.to_owned(), task, at)).collect::<Vec<_>>();
    assert_eq!(lines(&real), lines(&ideal.trace));
    assert_eq!(lines(&real).len(), 4);
    for event in real.events.iter().filter(|e| e.kind == Kind::Printed) {
        let (at, due) = (event.real * 1000.0, event.ideal * 1000.0);
        assert!(at >= due - 0.001, "a line printed at {at} ms, before it was due at {due} ms");
        assert!(at < due + LATE_MS, "a line printed at {at} ms, {} ms late", at - due);
    }
}

/// A task that never awaits is stopped, and the page hears why.
#[cfg(feature = "python")]
#[wasm_bindgen_test]
async fn an_interpreted_task_that_never_awaits_is_stopped_within_the_budget() {
    use asyncio_playground::python::Program as Code;
    use asyncio_playground::web::start_code;
    let source = "import asyncio\n\nasync def main():\n    while True:\n        pass\n\nasyncio.run(main())\n";
    let began = web_sys::window().unwrap().performance().unwrap().now();
    let started = start_code(Code::new(source).unwrap());
    assert_eq!(finish(&started).await, "failed");
    let took = web_sys::window().unwrap().performance().unwrap().now() - began;
    let error = started.error.borrow().clone().unwrap_or_default();
    assert!(error.contains("ran for over 10 s without awaiting anything"), "{error}");
    // (Its 10 s of work, and the page's turns between its slices.)
    assert!(took < 13_000.0, "stopped after {took} ms");
}

/// A step that works for a while, and a `time.sleep`, pause for the page every 30 ms:
/// the browser draws frames meanwhile (without the pauses, none for half a second),
/// the loop stays blocked all along, and the run prints and ends as it would.
#[cfg(feature = "python")]
#[wasm_bindgen_test]
async fn a_long_step_lets_the_page_have_its_turns_and_still_blocks_the_loop() {
    use asyncio_playground::python::Program as Code;
    use asyncio_playground::web::start_code;
    let source = "import asyncio, time\n\nasync def tick():\n    await asyncio.sleep(0.01)\n    print('timer')\n\n\
        async def main():\n    t = asyncio.create_task(tick())\n    await asyncio.sleep(0)\n    \
        for i in range(100_000):\n        pass\n    print('worked')\n    \
        time.sleep(0.3)\n    print('slept')\n    await t\n\nasyncio.run(main())\n";
    // Frames counted by the page's own requestAnimationFrame, until told to stop.
    let count = js_sys::Function::new_no_args(
        "globalThis.frames = 0; globalThis.counting = true; \
         const frame = () => { if (!globalThis.counting) return; globalThis.frames += 1; requestAnimationFrame(frame); }; \
         requestAnimationFrame(frame);",
    );
    let read = js_sys::Function::new_no_args("globalThis.counting = false; return globalThis.frames;");
    let started = start_code(Code::new(source).unwrap());
    count.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert_eq!(finish(&started).await, "done");
    let frames = read.call0(&wasm_bindgen::JsValue::NULL).unwrap().as_f64().unwrap();
    let trace = started.rt.trace();
    let lines: Vec<_> = trace.printed().map(|(text, _, _)| text.to_owned()).collect();
    // The timer was due at 10 ms, but the loop was blocked by main() until it awaited.
    assert_eq!(lines, ["worked", "slept", "timer"]);
    assert!(frames >= 5.0, "the page drew {frames} frames while a step worked for over 0.3 s");
}

/// The page foresees a program's run on the virtual clock before it runs it: a program
/// that never ends, or a step that works for too long, must not freeze the tab there.
#[wasm_bindgen_test]
fn foreseeing_a_run_that_never_ends_gives_up_within_the_budget() {
    use asyncio_playground::web::Code;
    let now = || web_sys::window().unwrap().performance().unwrap().now();
    let forever =
        "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(1)\n\nasyncio.run(main())\n";
    let began = now();
    let run = Run::simulate_code(&Code::new(forever, false)).unwrap();
    let took = now() - began;
    let error = run.error().unwrap_or_default();
    assert!(error.starts_with("The page stopped foreseeing this run after"), "{error}");
    assert!(took < 2500.0, "gave up after {took} ms");
    let spin =
        "import asyncio\n\nasync def main():\n    print('a')\n    while True:\n        pass\n\nasyncio.run(main())\n";
    let began = now();
    let run = Run::simulate_code(&Code::new(spin, false)).unwrap();
    let took = now() - began;
    assert!(run.error().unwrap_or_default().contains("without awaiting anything"));
    assert!(took < 1000.0, "stopped after {took} ms");
    assert_eq!(run.state(), "failed");
    let broken = Code::new("async def main()\n    pass\n", false);
    assert_eq!(broken.error().as_deref(), Some("SyntaxError: expected ':'"));
    assert_eq!(broken.error_place(), [1, 17, 1, 17]);
}

/// Foreseeing a gather of a hundred thousand tasks reaches the foresight's cap on events
/// and gives up: every piece of that work, the giving up and the freeing of what the
/// program made among them, leaves the page its turn, and the coroutines the playground
/// stopped before they ran do not each warn. (Measured before: one piece of 80-150 ms
/// in a release build, stopping and warning for 50,000 coroutines never started; about
/// 60 ms now in a debug build.)
#[wasm_bindgen_test]
fn foreseeing_a_hundred_thousand_tasks_gives_up_in_short_pieces_without_warnings() {
    use asyncio_playground::web::{Code, Foresight};
    let now = || web_sys::window().unwrap().performance().unwrap().now();
    let source = "import asyncio\n\nasync def task(i):\n    await asyncio.sleep(0)\n    return i\n\n\
                  async def main():\n    done = await asyncio.gather(*(task(i) for i in range(100_000)))\n\
                  \x20   print(len(done))\n\nasyncio.run(main())\n";
    let code = Code::new(source, false);
    let mut foresight = Foresight::new(&code).unwrap();
    let (mut pieces, mut longest) = (0, 0.0f64);
    loop {
        let began = now();
        let done = foresight.work();
        longest = longest.max(now() - began);
        pieces += 1;
        if done {
            break;
        }
    }
    let run = foresight.finish(&code).unwrap();
    let error = run.error().unwrap_or_default();
    assert!(error.starts_with("The page stopped foreseeing this run after"), "{error}");
    assert_eq!(run.stderr(), Vec::<String>::new());
    assert!(pieces > 3, "{pieces} pieces");
    assert!(longest < 100.0, "one piece took {longest:.0} ms");
}

/// In a browser the editor's Python asks the page's engine for letter case and classes
/// of characters beyond ASCII: it must answer as Rust's Unicode tables do.
#[wasm_bindgen_test]
fn letter_case_and_classes_agree_with_rusts_own() {
    use asyncio_playground::python::text;
    let samples = [
        "straße",
        "ǅungla",
        "ΣΑΣ ΟΔΟΣ",
        "Ωμέγα",
        "Привет, мир",
        "İstanbul",
        "ﬁne",
        "日本語",
        "한국어",
        "émoji 😀",
        "Ⅻ٣²",
        "a\u{a0}b\u{2003}c\u{3000}d\u{85}e\u{feff}",
        "Ǳ",
        "µ",
        "ŉ",
        "ΐ",
        "ﾊﾝｶｸ",
        "ᾳ",
        "Ⅰⅰ",
    ];
    for sample in samples {
        assert_eq!(text::upper(sample), sample.to_uppercase(), "{sample}");
        assert_eq!(text::lower(sample), sample.to_lowercase(), "{sample}");
        for c in sample.chars() {
            let letter = c.is_alphabetic() && !c.is_numeric();
            let rust = (letter, c.is_alphanumeric(), c.is_whitespace(), c.is_uppercase(), c.is_lowercase());
            let ours = (text::is_alpha(c), text::is_alnum(c), text::is_space(c), text::is_upper(c), text::is_lower(c));
            if c.is_ascii() {
                continue;
            }
            assert_eq!(ours, rust, "{c:?} in {sample}");
            if c.is_alphabetic() {
                assert!(text::is_name_start(c) && text::is_name_char(c), "{c:?} starts a name");
            }
        }
    }
}

/// The interpreter's frames live on the heap and the wasm stack is 1 MB: Python's own
/// recursion goes to CPython's limit of 1,000 frames, past it a `RecursionError`, and
/// what still recurses in Rust (the parser and compiler on the deepest code they take,
/// calls from Rust back into Python, dropping deeply nested values) fits the stack.
#[cfg(feature = "python")]
#[wasm_bindgen_test]
fn deep_recursion_and_deep_nesting_fit_the_stack() {
    use asyncio_playground::python::Program as Code;
    let run = |source: &str| Code::new(source).unwrap_or_else(|e| panic!("{e}: {source}")).run_without_loop();
    let depth = "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n\nprint(depth({n}))\n";
    assert_eq!(run(&depth.replace("{n}", "950")), (vec!["950".to_owned()], None));
    let (printed, error) = run(&depth.replace("{n}", "5000"));
    assert!(printed.is_empty());
    let error = error.unwrap_or_default();
    assert!(error.ends_with("RecursionError: maximum recursion depth exceeded\n"), "{error}");
    assert!(error.contains("[Previous line repeated 996 more times]"), "{error}");
    // Each level a call from Rust (a sort's key) back into Python.
    let keyed =
        "def down(n):\n    return n if n == 0 else sorted([n], key=lambda x: down(n - 1))[0]\n\nprint(down({n}))\n";
    assert_eq!(run(&keyed.replace("{n}", "150")), (vec!["150".to_owned()], None));
    let (_, error) = run(&keyed.replace("{n}", "5000"));
    assert!(error.unwrap_or_default().contains("RecursionError"));
    // The deepest brackets and the longest chains the parser reads.
    let brackets = format!("print({}1{})\n", "(".repeat(198), ")".repeat(198));
    assert_eq!(run(&brackets), (vec!["1".to_owned()], None));
    let negations = format!("print({}1)\n", "-".repeat(990));
    assert_eq!(run(&negations), (vec!["1".to_owned()], None));
    let sum = format!("print({})\n", vec!["1"; 990].join(" + "));
    assert_eq!(run(&sum), (vec!["990".to_owned()], None));
    let nots = format!("print({}True)\n", "not ".repeat(990));
    assert_eq!(run(&nots), (vec!["True".to_owned()], None));
    let attributes = format!("class A:\n    pass\n\na = A()\na.a = a\nprint(a{} is a)\n", ".a".repeat(990));
    assert_eq!(run(&attributes), (vec!["True".to_owned()], None));
    let choices = format!("print({}2)\n", "0 if 0 else ".repeat(990));
    assert_eq!(run(&choices), (vec!["2".to_owned()], None));
    let lambdas = format!("print(({}1){})\n", "lambda: ".repeat(495), "()".repeat(495));
    assert_eq!(run(&lambdas), (vec!["1".to_owned()], None));
    // One level deeper is refused before anything runs.
    for deeper in [format!("print({}1)\n", "-".repeat(1001)), format!("print(({}1)())\n", "lambda: ".repeat(501))] {
        let refused = Code::new(&deeper).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("nested over 1,000 levels"), "{refused}");
    }
    // A list nested a hundred thousand deep is made, printed and dropped.
    let nested = "x = []\nfor i in range(100000):\n    x = [x]\nprint(len(x), str(x)[:5])\n";
    assert_eq!(run(nested), (vec!["1 [[[[[".to_owned()], None));
}
