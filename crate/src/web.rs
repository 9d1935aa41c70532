//! The one boundary between the page and the core.
//!
//! Every `#[wasm_bindgen]` export and every `JsValue` lives here. Strings from the page
//! are turned into typed values by [`crate::input`] at once, and what the core reports
//! goes back as plain objects through one callback; the page decides how to draw it.
//! [`BrowserHost`] is the browser's side of [`Host`]: `performance.now()`, tasks on
//! wasm-bindgen-futures' microtask queue, and one gloo `Timeout` for the earliest
//! deadline.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use gloo_timers::callback::Timeout;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::code;
use crate::input;
use crate::runtime::{Alarm, Cancelled, Event, Host, JoinHandle, Runtime};
use crate::scenario::{self, Mode, Scenario};
use crate::timeline::Ideal;
use crate::virtual_clock;

/// Milliseconds from the page's time origin, as finely as the browser allows.
fn performance_now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .expect("the playground runs in a browser window, which has `performance`")
        .now()
}

/// The local time of day in ms since midnight, for `time.strftime('%X')`.
fn local_ms_of_day() -> f64 {
    let date = js_sys::Date::new_0();
    let minutes = f64::from(date.get_hours() * 60 + date.get_minutes());
    (minutes * 60.0 + f64::from(date.get_seconds())) * 1000.0 + f64::from(date.get_milliseconds())
}

/// The browser's event loop as a [`Host`].
pub struct BrowserHost {
    origin_ms: Cell<f64>,
    alarm: RefCell<Option<Timeout>>,
    alarms_set: Cell<u32>,
}

impl BrowserHost {
    /// A host whose time zero is now.
    pub fn new() -> Self {
        BrowserHost { origin_ms: Cell::new(performance_now()), alarm: RefCell::new(None), alarms_set: Cell::new(0) }
    }

    /// Makes now time zero. A run calls it as its `main()` starts, so that elapsed
    /// times count from `main()`, not from when it was handed to the loop.
    pub fn start_clock(&self) {
        self.origin_ms.set(performance_now());
    }

    /// How many browser timers this host has set so far.
    pub fn alarms_set(&self) -> u32 {
        self.alarms_set.get()
    }

    /// Whether a browser timer is pending.
    pub fn is_armed(&self) -> bool {
        self.alarm.borrow().is_some()
    }
}

impl Default for BrowserHost {
    fn default() -> Self {
        Self::new()
    }
}

/// `setTimeout` keeps its delay in a signed 32-bit integer; longer delays fire at once.
/// A longer wait is armed in pieces: an early ring finds nothing due and re-arms.
const MAX_TIMEOUT_MS: f64 = i32::MAX as f64;

impl Host for BrowserHost {
    fn now(&self) -> f64 {
        (performance_now() - self.origin_ms.get()) / 1000.0
    }

    fn time_of_day_ms(&self) -> f64 {
        local_ms_of_day()
    }

    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(task);
    }

    fn arm(&self, alarm: Option<Alarm>) {
        let timeout = alarm.map(|Alarm { deadline, ring }| {
            // Rounded up: a timer that fires early only costs a re-arm, but rounding
            // down would make every such wait fire early.
            let ms = ((deadline - self.now()) * 1000.0).ceil().clamp(0.0, MAX_TIMEOUT_MS);
            self.alarms_set.set(self.alarms_set.get() + 1);
            Timeout::new(ms as u32, ring)
        });
        // Dropping the previous Timeout clears it: at most one timer is ever pending.
        self.alarm.replace(timeout);
    }
}

/// Says what is wrong with a delay as typed, or returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkDelay)]
pub fn check_delay(text: &str) -> Option<String> {
    input::parse_delay(text).err()
}

/// Says what is wrong with a word, or returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkWord)]
pub fn check_word(word: &str) -> Option<String> {
    input::check_word(word).err()
}

/// A share link, read. Parts that were wrong are left out (`undefined` / empty) and
/// described in `notices`.
#[wasm_bindgen]
pub struct Link {
    link: input::Link,
}

#[wasm_bindgen]
impl Link {
    /// Reads `location.search`.
    #[wasm_bindgen(constructor)]
    pub fn new(search: &str) -> Link {
        Link { link: input::read_link(search) }
    }

    #[wasm_bindgen(getter)]
    pub fn mode(&self) -> Option<String> {
        self.link.mode.map(|mode| mode.name().to_owned())
    }

    /// The calls' delays as they should appear in the form, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn delays(&self) -> Option<Vec<String>> {
        self.link.calls.as_ref().map(|calls| calls.iter().map(|call| call.delay.to_string()).collect())
    }

    #[wasm_bindgen(getter)]
    pub fn words(&self) -> Option<Vec<String>> {
        self.link.calls.as_ref().map(|calls| calls.iter().map(|call| call.word.clone()).collect())
    }

    #[wasm_bindgen(getter)]
    pub fn autorun(&self) -> bool {
        self.link.autorun
    }

    #[wasm_bindgen(getter)]
    pub fn notices(&self) -> Vec<String> {
        self.link.notices.clone()
    }
}

/// A valid form: the scenario it describes, and everything the page shows of it.
#[wasm_bindgen]
pub struct Program {
    scenario: Scenario,
}

#[wasm_bindgen]
impl Program {
    /// Reads the form: the mode's name, and each call's delay and word as typed.
    /// Throws, with a message naming the call, if any of it is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(mode: &str, delays: Vec<String>, words: Vec<String>) -> Result<Program, JsError> {
        let mode = Mode::from_name(mode).ok_or_else(|| JsError::new(&format!("Unknown mode “{mode}”.")))?;
        if delays.len() != words.len() {
            return Err(JsError::new("Every call needs a delay and a word."));
        }
        let calls = input::parse_calls(delays.iter().map(String::as_str).zip(words.iter().map(String::as_str)))
            .map_err(|message| JsError::new(&message))?;
        Ok(Program { scenario: Scenario { mode, calls } })
    }

    /// How long `main()` takes on the virtual clock with these calls, in ms, for each
    /// mode in the order sequential, tasks, gather, taskgroup.
    #[wasm_bindgen(js_name = idealTotalsMs)]
    pub fn ideal_totals_ms(&self) -> Vec<f64> {
        Mode::ALL
            .into_iter()
            .map(|mode| {
                let scenario = Scenario { mode, calls: self.scenario.calls.clone() };
                virtual_clock::simulate(&scenario).end * 1000.0
            })
            .collect()
    }

    /// The Python program, runnable as is with `python3`.
    pub fn python(&self) -> String {
        code::python(&self.scenario)
    }

    /// The Rust this crate runs for it: `say_after`, `main` and the mode's function.
    pub fn rust(&self) -> String {
        code::rust(&self.scenario)
    }

    /// The share-link query (without `?`) that reads back as this program.
    #[wasm_bindgen(js_name = shareQuery)]
    pub fn share_query(&self, autorun: bool) -> String {
        input::write_link(&self.scenario, autorun)
    }
}

fn line_object(text: &str, at_ms: f64, ideal_ms: Option<f64>) -> Object {
    let line = Object::new();
    let set = |key: &str, value: JsValue| {
        Reflect::set(&line, &JsValue::from_str(key), &value).expect("setting a property on a fresh object succeeds");
    };
    set("text", JsValue::from_str(text));
    set("atMs", JsValue::from_f64(at_ms));
    set("idealMs", ideal_ms.map_or(JsValue::UNDEFINED, JsValue::from_f64));
    line
}

/// One run of `main()` on the browser's event loop.
#[wasm_bindgen]
pub struct Run {
    rt: Runtime,
    main: RefCell<Option<JoinHandle<Result<(), Cancelled>>>>,
    ideal_total_ms: f64,
}

#[wasm_bindgen]
impl Run {
    /// Starts `main()` for `program`. Each printed line is passed to `on_line` as
    /// `{text, atMs, idealMs}` the moment it is printed; `atMs` counts from when `main()` starts and
    /// `idealMs` is when the virtual clock printed the same line.
    #[wasm_bindgen(constructor)]
    pub fn new(program: &Program, on_line: Function) -> Run {
        let scenario = program.scenario.clone();
        let simulated = virtual_clock::simulate(&scenario);
        let ideal = RefCell::new(Ideal::new(simulated.lines()));
        let ideal_total_ms = simulated.end * 1000.0;
        let printed = Cell::new(0);
        let observer = move |event: Event| match event {
            Event::Printed { text, at } => {
                let index = printed.replace(printed.get() + 1);
                let ideal_ms = ideal.borrow_mut().due(index, &text).map(|at| at * 1000.0);
                let line = line_object(&text, at * 1000.0, ideal_ms);
                if let Err(error) = on_line.call1(&JsValue::NULL, &line) {
                    web_sys::console::error_2(&"The page's on_line callback threw:".into(), &error);
                }
            }
        };
        let host = Rc::new(BrowserHost::new());
        let rt = Runtime::new(host.clone(), observer);
        let main_rt = rt.clone();
        let main = rt.spawn(async move {
            host.start_clock();
            scenario::main(main_rt, scenario).await
        });
        Run { rt, main: RefCell::new(Some(main)), ideal_total_ms }
    }

    /// How long the run should take, in ms: its length on the virtual clock.
    #[wasm_bindgen(getter, js_name = idealTotalMs)]
    pub fn ideal_total_ms(&self) -> f64 {
        self.ideal_total_ms
    }

    /// A promise that resolves to `"done"` when `main()` returns, or `"stopped"`.
    pub fn done(&self) -> Promise {
        let main = self.main.take();
        wasm_bindgen_futures::future_to_promise(async move {
            let main = main.ok_or_else(|| JsError::new("done() can be awaited once per run"))?;
            Ok(JsValue::from_str(match main.await {
                Ok(Ok(())) => "done",
                Ok(Err(Cancelled)) | Err(Cancelled) => "stopped",
            }))
        })
    }

    /// Ends the run at once: no line is printed after this, and no timer is left set.
    pub fn stop(&self) {
        self.rt.stop();
    }
}
