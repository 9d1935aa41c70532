//! The core on the browser's own event loop, with real timers and short delays.
//!
//! Times are checked in loose bounds: a line may never print before it is due, and
//! on a busy machine it may print well after. Exact times are the native suite's job.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use asyncio_playground::runtime::{Event, Runtime};
use asyncio_playground::scenario::{self, say_after, Call, Mode, Scenario};
use asyncio_playground::virtual_clock::simulate;
use asyncio_playground::web::{BrowserHost, Program, Run};
use gloo_timers::future::sleep;
use js_sys::{Function, Reflect};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How late a line may print on a loaded machine before the test calls it a bug.
const LATE_MS: f64 = 250.0;

/// Printed lines with the ms they were printed at, shared with the runtime's observer.
type Lines = Rc<RefCell<Vec<(String, f64)>>>;

/// A runtime on the browser's loop whose printed lines are collected.
fn browser_runtime() -> (Runtime, Rc<BrowserHost>, Lines) {
    let host = Rc::new(BrowserHost::new());
    let lines = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&lines);
    let rt = Runtime::new(host.clone(), move |Event::Printed { text, at }| {
        sink.borrow_mut().push((text, at * 1000.0));
    });
    (rt, host, lines)
}

fn calls(calls: &[(f64, &str)]) -> Vec<Call> {
    calls.iter().map(|&(delay, word)| Call::new(delay, word)).collect()
}

/// Runs `scenario` for real and checks each line against its time on the virtual clock.
async fn check_against_virtual_clock(scenario: Scenario) {
    let ideal = simulate(&scenario);
    let (rt, _host, lines) = browser_runtime();
    rt.spawn(scenario::main(rt.clone(), scenario)).await.expect("main is not cancelled").expect("main finishes");
    let lines = lines.borrow();
    let texts: Vec<&str> = lines.iter().map(|(text, _)| text.as_str()).collect();
    let ideal_texts: Vec<&str> = ideal.lines().iter().map(|&(text, _)| text).collect();
    assert_eq!(texts[1..texts.len() - 1], ideal_texts[1..ideal_texts.len() - 1]);
    for ((text, at), (_, due)) in lines.iter().zip(ideal.lines()) {
        let due = due * 1000.0;
        assert!(*at >= due - 0.001, "{text} printed at {at} ms, before it was due at {due} ms");
        assert!(*at < due + LATE_MS, "{text} printed at {at} ms, {} ms late", at - due);
    }
}

#[wasm_bindgen_test]
async fn the_notebook_scaled_down_prints_in_order_on_time() {
    check_against_virtual_clock(Scenario { mode: Mode::Sequential, calls: calls(&[(0.05, "hello"), (0.1, "world")]) })
        .await;
}

#[wasm_bindgen_test]
async fn concurrent_modes_print_by_deadline_on_real_timers() {
    for mode in [Mode::Tasks, Mode::Gather, Mode::TaskGroup] {
        check_against_virtual_clock(Scenario { mode, calls: calls(&[(0.08, "a"), (0.03, "b"), (0.03, "c")]) }).await;
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
    let (rt, host, _lines) = browser_runtime();
    let start = rt.time();
    let r = rt.clone();
    rt.spawn(async move {
        for _ in 0..200 {
            r.sleep(0.0).await;
        }
    })
    .await
    .unwrap();
    let elapsed_ms = (rt.time() - start) * 1000.0;
    assert_eq!(host.alarms_set(), 0);
    // Chained setTimeout(0) would take at least 4 ms a turn after the fifth: 780 ms.
    assert!(elapsed_ms < 200.0, "200 zero sleeps took {elapsed_ms} ms");
}

#[wasm_bindgen_test]
async fn a_thousand_sleepers_share_one_browser_timer() {
    let (rt, host, lines) = browser_runtime();
    let tasks: Vec<_> = (0..1000).map(|i| rt.spawn(say_after(rt.clone(), 0.05, i.to_string()))).collect();
    for task in tasks {
        task.await.unwrap();
    }
    let printed: Vec<String> = lines.borrow().iter().map(|(text, _)| text.clone()).collect();
    let expected: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
    assert_eq!(printed, expected, "equal delays print in creation order");
    // Each task's deadline is a hair later than the previous one's, so a timer that
    // rings may find a few still due; it is set again for those, not once per task.
    assert!(host.alarms_set() <= 10, "{} browser timers for 1000 sleepers", host.alarms_set());
    assert!(!host.is_armed());
}

#[wasm_bindgen_test]
async fn stop_ends_the_run_and_leaves_no_timer_set() {
    let (rt, host, lines) = browser_runtime();
    let main = rt.spawn(scenario::main(
        rt.clone(),
        Scenario { mode: Mode::Tasks, calls: calls(&[(0.02, "hello"), (0.15, "world")]) },
    ));
    sleep(Duration::from_millis(80)).await;
    rt.stop();
    assert!(!host.is_armed(), "stop clears the browser timer");
    assert_eq!(main.await, Err(asyncio_playground::runtime::Cancelled));
    sleep(Duration::from_millis(150)).await;
    let printed: Vec<String> = lines.borrow().iter().map(|(text, _)| text.clone()).collect();
    assert_eq!(printed.len(), 2, "{printed:?}");
    assert_eq!(printed[1], "hello");
    assert_eq!(rt.sleeping(), 0);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap()
}

#[wasm_bindgen_test]
async fn the_page_api_streams_lines_with_their_ideal_times() {
    let lines = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&lines);
    let on_line = Closure::<dyn Fn(JsValue)>::new(move |line: JsValue| sink.borrow_mut().push(line));
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let function: &Function = on_line.as_ref().unchecked_ref();
    let program = Program::new("sequential", strings(&["0.02", "0.04"]), strings(&["hello", "<b>world</b>"])).unwrap();
    assert_eq!(program.ideal_totals_ms(), [60.0, 40.0, 40.0, 40.0]);
    let run = Run::new(&program, function.clone());
    assert_eq!(run.ideal_total_ms(), 60.0);
    assert_eq!(JsFuture::from(run.done()).await.unwrap(), "done");
    let lines = lines.borrow();
    let ideal: Vec<f64> = lines.iter().map(|line| get(line, "idealMs").as_f64().unwrap().round()).collect();
    assert_eq!(ideal, [0.0, 20.0, 60.0, 60.0]);
    assert!(get(&lines[0], "text").as_string().unwrap().starts_with("started at "));
    assert_eq!(get(&lines[2], "text").as_string().unwrap(), "<b>world</b>");
    assert!(get(&lines[3], "atMs").as_f64().unwrap() >= 60.0);
}

#[wasm_bindgen_test]
fn the_page_api_refuses_bad_input_before_anything_can_start() {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let long = "x".repeat(201);
    for (delays, words) in [(&["-1"][..], &["a"][..]), (&["1"], &[long.as_str()]), (&[], &[]), (&["1", "2"], &["a"])] {
        assert!(Program::new("sequential", strings(delays), strings(words)).is_err(), "{delays:?} {words:?}");
    }
    assert!(Program::new("parallel", strings(&["1"]), strings(&["a"])).is_err());
}
