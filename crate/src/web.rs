//! The one boundary between the page and the core.
//!
//! Every `#[wasm_bindgen]` export and every `JsValue` lives here. Strings from the page
//! are turned into typed values by [`crate::input`] at once. A run hands the page no
//! callbacks: the page reads the run's trace, and the loop's state at the moment it
//! shows, once per animation frame, as typed arrays and strings.
//!
//! [`BrowserHost`] is the browser's side of [`Host`]: `performance.now()`, one gloo
//! `Timeout` for the loop's alarm, a microtask to be called back soon, and a
//! `MessageChannel` to be called back after the browser has had its turn, without
//! `setTimeout`'s 4 ms clamp.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::MessageChannel;

use crate::code::{self, Layout};
use crate::input;
use crate::number;
use crate::runtime::{Error, Host, Outcome, Runtime, TaskId};
use crate::scenario::{self, Mode, Scenario};
use crate::trace::{format_ms, Kind, Moment, Span, State, Trace, BY_PAGE, BY_STOP, NONE};
use crate::virtual_clock::{self, VirtualHost};

/// Milliseconds from the page's time origin, as finely as the browser allows.
fn performance_now() -> f64 {
    PERFORMANCE.with(web_sys::Performance::now)
}

thread_local! {
    // Found once: the loop reads the clock at every step.
    static PERFORMANCE: web_sys::Performance = web_sys::window()
        .and_then(|window| window.performance())
        .expect("the playground runs in a browser window, which has `performance`");
}

/// The local time of day in ms since midnight, for `time.strftime('%X')`.
fn local_ms_of_day() -> f64 {
    let date = js_sys::Date::new_0();
    let minutes = f64::from(date.get_hours() * 60 + date.get_minutes());
    (minutes * 60.0 + f64::from(date.get_seconds())) * 1000.0 + f64::from(date.get_milliseconds())
}

/// `setTimeout` keeps its delay in a signed 32-bit integer; longer delays fire at once.
/// A longer wait is armed in pieces: an early ring finds nothing due and re-arms.
const MAX_TIMEOUT_MS: f64 = i32::MAX as f64;

/// How long the loop runs before it lets the browser draw and take input, in seconds.
const SLICE: f64 = 0.008;

/// The longest the host is held at once, in seconds, however long it is asked to be:
/// the interpreter waits a `time.sleep` out in pieces, pausing in between (its
/// `PAUSE_AFTER`), and stops a step past its budget.
const MAX_BLOCK: f64 = 0.05;

/// What brings the loop back: its alarm, or a call soon.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    Alarm,
    Soon,
    /// For a program's module code that paused before its loop began (its clock does
    /// not start then).
    Module,
}

/// Where the host finds the loop's entry point; empty until the loop exists.
type WakeSlot = Rc<RefCell<Option<Box<dyn Fn(Wake)>>>>;

/// Hosts waiting for their microtask, and the one closure that serves them all. It
/// lives as long as the page, so a microtask can never find it dropped, even if its
/// host was freed meanwhile.
struct Microtasks {
    hosts: RefCell<Vec<Weak<BrowserHost>>>,
    callback: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    static MICROTASKS: Microtasks = Microtasks {
        hosts: RefCell::new(Vec::new()),
        callback: Closure::new(|_| {
            let hosts = MICROTASKS.with(|queue| queue.hosts.take());
            for host in hosts.iter().filter_map(Weak::upgrade) {
                host.queued.set(false);
                host.call(Wake::Soon);
            }
        }),
    };
}

/// Calls `host` back in a microtask: as soon as the current script returns.
fn queue_microtask(host: Weak<BrowserHost>) {
    MICROTASKS.with(|queue| {
        let mut hosts = queue.hosts.borrow_mut();
        if hosts.is_empty() {
            let _ = Promise::resolve(&JsValue::UNDEFINED).then(&queue.callback);
        }
        hosts.push(host);
    });
}

/// The browser's event loop as a [`Host`].
pub struct BrowserHost {
    me: Weak<BrowserHost>,
    /// `performance.now()` at the loop's time zero: when it first runs.
    origin_ms: Cell<f64>,
    started: Cell<bool>,
    alarm: RefCell<Option<Timeout>>,
    armed: Rc<Cell<bool>>,
    alarms_set: Cell<u32>,
    /// For `later`: a message to ourselves, which the browser delivers after it has
    /// had its turn (unlike a microtask) and without `setTimeout`'s 4 ms clamp.
    channel: MessageChannel,
    /// Kept alive for as long as the port may call it; see `Drop`.
    _on_message: Closure<dyn FnMut()>,
    /// Whether a message is on its way, and what for: a slice of the loop later, or an
    /// alarm's last fraction of a ms.
    posted: Cell<bool>,
    want_soon: Cell<bool>,
    want_alarm: Cell<bool>,
    want_module: Cell<bool>,
    /// Whether a microtask is queued for this host (see [`queue_microtask`]).
    queued: Cell<bool>,
    /// What the host calls when it wakes; set once the loop exists.
    wake: WakeSlot,
}

impl BrowserHost {
    /// A host whose time zero is now, which calls `wake` when the loop is due to run.
    pub fn new() -> Rc<Self> {
        let wake: WakeSlot = Rc::new(RefCell::new(None));
        let channel = MessageChannel::new().expect("browsers have MessageChannel");
        Rc::new_cyclic(|weak: &Weak<BrowserHost>| {
            let host = weak.clone();
            let on_message = Closure::<dyn FnMut()>::new(move || {
                if let Some(host) = host.upgrade() {
                    host.posted.set(false);
                    let soon = host.want_soon.replace(false);
                    let module = host.want_module.replace(false);
                    if host.want_alarm.replace(false) {
                        host.call(Wake::Alarm);
                    } else if soon {
                        host.call(Wake::Soon);
                    } else if module {
                        host.call(Wake::Module);
                    }
                }
            });
            channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            BrowserHost {
                me: weak.clone(),
                origin_ms: Cell::new(performance_now()),
                started: Cell::new(false),
                alarm: RefCell::new(None),
                armed: Rc::new(Cell::new(false)),
                alarms_set: Cell::new(0),
                channel,
                _on_message: on_message,
                posted: Cell::new(false),
                want_soon: Cell::new(false),
                want_alarm: Cell::new(false),
                want_module: Cell::new(false),
                queued: Cell::new(false),
                wake,
            }
        })
    }

    /// What to call when the loop is due to run.
    pub fn on_wake(&self, wake: impl Fn(Wake) + 'static) {
        self.wake.replace(Some(Box::new(wake)));
    }

    fn call(&self, why: Wake) {
        if why != Wake::Module && !self.started.replace(true) {
            // Time zero is when the loop first runs: when main() starts.
            self.origin_ms.set(performance_now());
        }
        let wake = self.wake.borrow();
        if let Some(wake) = wake.as_ref() {
            wake(why);
        }
    }

    /// Calls back after the browser has had its turn, for a program's module code that
    /// paused (every wake is followed by a look at the program; see `start_code`).
    pub fn module_later(&self) {
        self.want_module.set(true);
        self.post();
    }

    /// `performance.now()` at the loop's time zero, once it has run.
    pub fn origin(&self) -> Option<f64> {
        self.started.get().then(|| self.origin_ms.get())
    }

    /// How many browser timers this host has set so far.
    pub fn alarms_set(&self) -> u32 {
        self.alarms_set.get()
    }

    /// Whether a browser timer (or an alarm's last fraction) is pending.
    pub fn is_armed(&self) -> bool {
        self.armed.get() || self.want_alarm.get()
    }

    /// Posts a message to ourselves, unless one is on its way.
    fn post(&self) {
        if !self.posted.replace(true) {
            self.channel.port2().post_message(&JsValue::UNDEFINED).expect("posting to our own port succeeds");
        }
    }
}

impl Drop for BrowserHost {
    fn drop(&mut self) {
        // No message may reach the closure once it is gone.
        self.channel.port1().set_onmessage(None);
        self.channel.port1().close();
        self.channel.port2().close();
    }
}

impl Host for BrowserHost {
    fn now(&self) -> f64 {
        if !self.started.get() {
            return 0.0;
        }
        (performance_now() - self.origin_ms.get()) / 1000.0
    }

    fn time_of_day_ms(&self, _loop_time: f64) -> f64 {
        local_ms_of_day()
    }

    fn local_epoch_ms(&self, _loop_time: f64) -> f64 {
        let date = js_sys::Date::new_0();
        date.get_time() - date.get_timezone_offset() * 60_000.0
    }

    fn epoch_ms(&self, _loop_time: f64) -> f64 {
        PERFORMANCE.with(|p| p.time_origin() + p.now())
    }

    fn utc_offset(&self) -> f64 {
        -js_sys::Date::new_0().get_timezone_offset() * 60.0
    }

    fn arm(&self, at: Option<f64>) {
        self.want_alarm.set(false);
        let timeout = at.and_then(|at| {
            let ms = ((at - self.now()) * 1000.0).clamp(0.0, MAX_TIMEOUT_MS);
            if ms < 1.0 {
                // The last fraction of a ms: a message to ourselves rings sooner than
                // any timer can (timers count whole ms, and nested ones at least 4).
                self.want_alarm.set(true);
                self.post();
                return None;
            }
            // Rounded down, so the timer rings up to a ms early rather than late; the
            // loop then finishes the wait with messages.
            self.alarms_set.set(self.alarms_set.get() + 1);
            let (wake, armed) = (Rc::clone(&self.wake), Rc::clone(&self.armed));
            Some(Timeout::new(ms.floor() as u32, move || {
                armed.set(false);
                if let Some(wake) = wake.borrow().as_ref() {
                    wake(Wake::Alarm);
                }
            }))
        });
        self.armed.set(timeout.is_some());
        // Dropping the previous Timeout clears it: at most one timer is ever pending.
        self.alarm.replace(timeout);
    }

    fn soon(&self) {
        if !self.queued.replace(true) {
            queue_microtask(self.me.clone());
        }
    }

    fn later(&self) {
        self.want_soon.set(true);
        self.post();
    }

    fn slice(&self) -> f64 {
        SLICE
    }

    fn block(&self, seconds: f64) {
        // `time.sleep` blocks the loop as it blocks CPython's; the page only for a piece
        // of it at a time (see MAX_BLOCK).
        let end = self.now() + seconds.min(MAX_BLOCK);
        while self.now() < end {}
    }

    fn is_real(&self) -> bool {
        true
    }
}

/// A program started as `main()` on the browser's loop.
pub struct Started {
    pub rt: Runtime,
    pub host: Rc<BrowserHost>,
    pub main: TaskId,
    /// Resolves to the run's final state (see `Run.state`) once `main()` is over.
    pub done: Promise,
    /// Called (with no arguments) after each slice of the loop that recorded anything.
    pub on_change: Rc<RefCell<Option<Function>>>,
    /// How a program of the editor's ended: its traceback or the message it was stopped
    /// with (none for the form's programs, whose errors are in the trace).
    pub error: Rc<RefCell<Option<String>>>,
    /// What a program of the editor's wrote to standard error besides (warnings).
    pub stderr: Rc<RefCell<Vec<String>>>,
    /// How a program of the editor's ended, once it has (see `Run.state`).
    pub ended: Rc<Cell<Option<&'static str>>>,
    /// While a program of the editor's blocks the loop for long: what the page says.
    pub blocked: Rc<RefCell<Option<String>>>,
}

/// Starts `program` as the task `main()` on the browser's loop; its first step runs
/// as soon as the caller's JavaScript task is over.
pub fn start<T, F>(program: impl FnOnce(Runtime) -> F) -> Started
where
    T: 'static,
    F: Future<Output = Result<T, Error>> + 'static,
{
    let host = BrowserHost::new();
    let rt = Runtime::new(host.clone());
    let main = rt.create_task("main()", program(rt.clone())).id();
    rt.set_main(main);
    let (done, resolve) = promise();
    let on_change = drive(&host, &rt, move |rt| {
        let outcome = rt.outcome(main);
        if outcome != Outcome::Pending {
            let state = JsValue::from_str(run_state(&outcome, rt.is_closed()));
            // Resolving a settled promise again does nothing.
            let _ = resolve.call1(&JsValue::NULL, &state);
        }
    });
    let (error, stderr, ended, blocked) = Default::default();
    Started { rt, host, main, done, on_change, error, stderr, ended, blocked }
}

/// A promise, and the function that resolves it.
fn promise() -> (Promise, Function) {
    let mut resolve = None;
    let done = Promise::new(&mut |resolve_done, _reject| resolve = Some(resolve_done));
    (done, resolve.expect("a Promise calls its executor at once"))
}

/// Runs `rt` whenever its host wakes, then `after`, then tells the page (through the
/// returned slot's callback) if the loop recorded anything.
fn drive(host: &BrowserHost, rt: &Runtime, after: impl Fn(&Runtime) + 'static) -> Rc<RefCell<Option<Function>>> {
    let on_change: Rc<RefCell<Option<Function>>> = Rc::default();
    let notify = Rc::clone(&on_change);
    // The host holds this, and the loop holds the host: only a weak way back.
    let weak = rt.downgrade();
    host.on_wake(move |why| {
        let Some(rt) = weak.upgrade() else { return };
        if PANIC_NEXT.take() {
            panic!("a panic asked for by panicAtNextStep(), to test that the page recovers");
        }
        let before = rt.trace().events.len();
        match why {
            Wake::Alarm => rt.on_alarm(),
            Wake::Soon => rt.run(),
            Wake::Module => {}
        }
        after(&rt);
        if rt.trace().events.len() > before {
            if let Some(callback) = notify.borrow().as_ref() {
                let _ = callback.call0(&JsValue::NULL);
            }
        }
    });
    on_change
}

/// Starts a program of the editor's on the browser's loop: its module's code runs now,
/// up to `asyncio.run`, whose main task runs as soon as the caller's JavaScript task is
/// over; the module goes on once the loop has finished it. `done` resolves when the
/// module is over.
#[cfg(feature = "python")]
pub fn start_code(program: Rc<crate::python::Program>) -> Started {
    use crate::python::Execution;
    let host = BrowserHost::new();
    let rt = Runtime::new(host.clone());
    let (done, resolve) = promise();
    let error: Rc<RefCell<Option<String>>> = Rc::default();
    let stderr: Rc<RefCell<Vec<String>>> = Rc::default();
    let ended: Rc<Cell<Option<&'static str>>> = Rc::default();
    let execution = Execution::start(program, rt.clone());
    // The module's code runs before the loop's clock starts: a step that blocks is timed
    // on the page's clock.
    execution.time_blocking_by(wall_seconds);
    let blocked = execution.blocked_note();
    let execution = Rc::new(RefCell::new(Some(execution)));
    // Runs the module's code as far as it can go; once it is over, the run is done.
    let advance = {
        let (execution, error, stderr, ended, rt) =
            (execution.clone(), error.clone(), stderr.clone(), ended.clone(), rt.downgrade());
        let host = Rc::downgrade(&host);
        move || {
            let mut slot = execution.borrow_mut();
            // Ended at once while the module's code was paused: it goes no further.
            let closed = rt.upgrade().is_some_and(|rt| rt.is_closed());
            let result = match slot.as_mut() {
                Some(run) if closed && run.module_paused() => Some(None),
                Some(run) => run.advance(),
                None => None,
            };
            if slot.as_ref().is_some_and(Execution::module_paused) {
                if let Some(host) = host.upgrade() {
                    host.module_later();
                }
            }
            let Some(result) = result else { return };
            // Ended from outside at once (Stop pressed twice) before the program ended by
            // itself: what that raised is not the program's error. Stopped as by Ctrl+C
            // (Stop pressed once), it is: the KeyboardInterrupt CPython shows then.
            let halted = slot.as_ref().is_some_and(Execution::halted);
            let rt = rt.upgrade();
            let ended_at_once = !halted && rt.as_ref().is_some_and(Runtime::is_closed);
            let interrupted = rt.as_ref().is_some_and(Runtime::interrupted);
            *stderr.borrow_mut() = slot.take().map(Execution::finish).unwrap_or_default();
            // Stop pressed once and caught: a program that then ended by itself is done.
            let state = match &result {
                _ if ended_at_once => "stopped",
                Some(_) if interrupted => "stopped",
                Some(_) => "failed",
                None => "done",
            };
            // A notebook cell's own traceback, shown already, stays.
            if !ended_at_once {
                *error.borrow_mut() = result;
            }
            ended.set(Some(state));
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(state));
        }
    };
    advance();
    let shown = error.clone();
    let on_change = drive(&host, &rt, move |_| {
        let (waiting, failed) = match execution.borrow().as_ref() {
            Some(run) => (run.loop_finished(), shown.borrow().is_none().then(|| run.cell_error()).flatten()),
            None => (false, None),
        };
        if failed.is_some() {
            *shown.borrow_mut() = failed;
        }
        if waiting {
            advance();
        }
    });
    Started { rt, host, main: 0, done, on_change, error, stderr, ended, blocked }
}

/// The wall clock in seconds, for the budget of a run foreseen on the virtual clock.
#[cfg(feature = "python")]
fn wall_seconds() -> f64 {
    performance_now() / 1000.0
}

/// Says what is wrong with a delay as typed, or returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkDelay)]
pub fn check_delay(text: &str) -> Option<String> {
    input::parse_delay(text).err()
}

/// Says what is wrong with how many times over the calls are to be made, as typed, or
/// returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkRepeat)]
pub fn check_repeat(text: &str) -> Option<String> {
    input::parse_repeat(text).err()
}

/// Says what is wrong with a word, or returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkWord)]
pub fn check_word(word: &str) -> Option<String> {
    input::check_word(word).err()
}

/// The modes' names, in the order `Program.idealTotalsMs()` follows.
#[wasm_bindgen(js_name = modeNames)]
pub fn mode_names() -> Vec<String> {
    Mode::ALL.iter().map(|mode| mode.name().to_owned()).collect()
}

/// The modes as the form offers them.
#[wasm_bindgen(js_name = modeLabels)]
pub fn mode_labels() -> Vec<String> {
    Mode::ALL.iter().map(|mode| mode.label().to_owned()).collect()
}

/// The modes in a sentence ("as tasks").
#[wasm_bindgen(js_name = modePhrases)]
pub fn mode_phrases() -> Vec<String> {
    Mode::ALL.iter().map(|mode| mode.phrase().to_owned()).collect()
}

/// How many primes part `part` (from 0) of `parts` of the numbers below `limit` holds:
/// a Web Worker's whole job in the parallelism scene, done at once.
#[wasm_bindgen(js_name = countPrimes)]
pub fn count_primes(limit: u32, parts: u32, part: u32) -> Result<u32, JsError> {
    input::check_primes_limit(limit).map_err(|message| JsError::new(&message))?;
    input::check_parts(parts).map_err(|message| JsError::new(&message))?;
    if part >= parts {
        return Err(JsError::new(&format!("There is no part {part} of {parts}.")));
    }
    Ok(crate::primes::count_part(limit, parts, part))
}

/// Says what is wrong with a number of parts for the parallelism scene, as typed, or
/// returns `undefined` if it is fine.
#[wasm_bindgen(js_name = checkParts)]
pub fn check_parts(text: &str) -> Option<String> {
    input::parse_parts(text).err()
}

/// The most calls a program may have.
#[wasm_bindgen(js_name = maxCalls)]
pub fn max_calls() -> usize {
    input::MAX_CALLS
}

/// The names of the trace's event kinds, by code.
#[wasm_bindgen(js_name = eventKinds)]
pub fn event_kinds() -> Vec<String> {
    Kind::NAMES.iter().map(|&name| name.to_owned()).collect()
}

/// The names of the states a task can be in, by code.
#[wasm_bindgen(js_name = taskStates)]
pub fn task_states() -> Vec<String> {
    State::NAMES.iter().map(|&name| name.to_owned()).collect()
}

/// Who asked for a cancellation, in a `cancelRequested` event's arg, when the learner
/// did from the timeline (see `Run.cancelTask`).
#[wasm_bindgen(js_name = byPage)]
pub fn by_page() -> u32 {
    BY_PAGE
}

/// The code of a frame span (see `Run.spans`).
#[wasm_bindgen(js_name = frameSpan)]
pub fn frame_span() -> u32 {
    Span::FRAME
}

/// How many numbers `Run.spans` gives per span.
#[wasm_bindgen(js_name = spanSize)]
pub fn span_size() -> usize {
    Span::ENCODED
}

#[wasm_bindgen]
extern "C" {
    /// The page's `globalThis.corePanicked(instance, message)`: told of a panic before
    /// the core stops with it (as `unreachable`, which tells nothing).
    #[wasm_bindgen(js_namespace = globalThis, js_name = corePanicked)]
    fn core_panicked(instance: u32, message: &str);
}

/// Has every panic of this instance (`instance`: the page's number for it) told to the
/// page, with its message and place, before the instance stops: after a panic it cannot
/// be used again, and the page starts a fresh one.
#[wasm_bindgen(js_name = watchPanics)]
pub fn watch_panics(instance: u32) {
    std::panic::set_hook(Box::new(move |info| core_panicked(instance, &info.to_string())));
}

thread_local! {
    static PANIC_NEXT: Cell<bool> = const { Cell::new(false) };
}

/// For the tests: the next step of any live run panics, as a bug in the core would.
#[wasm_bindgen(js_name = panicAtNextStep)]
pub fn panic_at_next_step() {
    PANIC_NEXT.set(true);
}

/// How many bytes of memory the WebAssembly core holds, for the benchmark.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    f64::from(buffer.byte_length())
}

/// `1000 ms`, `1000.5 ms`, as the core writes times.
#[wasm_bindgen(js_name = formatMs)]
pub fn format_ms_js(ms: f64) -> String {
    format_ms(ms)
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
        let link = input::read_link(search);
        Link { link }
    }

    #[wasm_bindgen(getter)]
    pub fn mode(&self) -> Option<String> {
        self.link.mode.map(|mode| mode.name().to_owned())
    }

    /// The calls' delays as they should appear in the form, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn delays(&self) -> Option<Vec<String>> {
        self.link.calls.as_ref().map(|calls| calls.iter().map(|call| number::shortest(call.delay)).collect())
    }

    #[wasm_bindgen(getter)]
    pub fn words(&self) -> Option<Vec<String>> {
        self.link.calls.as_ref().map(|calls| calls.iter().map(|call| call.word.clone()).collect())
    }

    /// How many times over `main()` makes the calls, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn repeat(&self) -> Option<u32> {
        self.link.repeat
    }

    #[wasm_bindgen(getter)]
    pub fn autorun(&self) -> bool {
        self.link.autorun
    }

    /// The moment to open the replay at, in ideal ms, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn at(&self) -> Option<f64> {
        self.link.at
    }

    /// The event to open the replay at (the moment after that many), or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn event(&self) -> Option<usize> {
        self.link.event
    }

    /// Whether the replay steps by line (`lines=1`).
    #[wasm_bindgen(getter)]
    pub fn lines(&self) -> bool {
        self.link.lines
    }

    /// The program of the learner's own the link carries, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> Option<String> {
        self.link.code.clone()
    }

    /// Whether the link's program runs as a notebook cell.
    #[wasm_bindgen(getter)]
    pub fn cell(&self) -> bool {
        self.link.cell
    }

    /// The stop of the tour the link opens, by name, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn tour(&self) -> Option<String> {
        self.link.tour.clone()
    }

    /// Whether the page is laid out for a course page's frame (`embed=1`).
    #[wasm_bindgen(getter)]
    pub fn embed(&self) -> bool {
        self.link.embed
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
    /// Reads the form: the mode's name, each call's delay and word, and how many times
    /// over to make them, as typed. Throws, with a message naming what is wrong (the
    /// call, if it is one), if any of it is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(mode: &str, delays: Vec<String>, words: Vec<String>, repeat: &str) -> Result<Program, JsError> {
        let mode = Mode::from_name(mode).ok_or_else(|| JsError::new(&format!("Unknown mode “{mode}”.")))?;
        if delays.len() != words.len() {
            return Err(JsError::new("Every call needs a delay and a word."));
        }
        let calls = input::parse_calls(delays.iter().map(String::as_str).zip(words.iter().map(String::as_str)))
            .map_err(|message| JsError::new(&message))?;
        let repeat = input::parse_repeat(repeat).map_err(|message| JsError::new(&message))?;
        input::check_calls_made(calls.len(), repeat).map_err(|message| JsError::new(&message))?;
        Ok(Program { scenario: Scenario { mode, calls, repeat } })
    }

    /// How long `main()` takes on the virtual clock with these calls, in ms, for each
    /// mode in the order of `modeNames()`.
    #[wasm_bindgen(js_name = idealTotalsMs)]
    pub fn ideal_totals_ms(&self) -> Vec<f64> {
        Mode::ALL
            .into_iter()
            .map(|mode| {
                let scenario = Scenario { mode, ..self.scenario.clone() };
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

    /// The share-link query (without `?`) that reads back as this program, opened at
    /// `at` ideal ms if given.
    #[wasm_bindgen(js_name = shareQuery)]
    pub fn share_query(&self, autorun: bool, at: Option<f64>) -> String {
        input::write_link(&self.scenario, autorun, at)
    }
}

/// The editor's colours for `source`, as the interpreter's tokenizer reads it: for each
/// stretch, its start and end (UTF-16 offsets, as a textarea counts them) and its colour
/// (an index into `highlightColours`), in order.
#[cfg(feature = "python")]
#[wasm_bindgen]
pub fn highlight(source: &str) -> Vec<u32> {
    let marks = crate::python::lexer::highlight(source);
    // Each char's UTF-16 offset, and the end's.
    let mut offsets = Vec::with_capacity(source.len() + 1);
    let mut at = 0;
    for c in source.chars() {
        offsets.push(at);
        at += c.len_utf16() as u32;
    }
    offsets.push(at);
    marks.iter().flat_map(|mark| [offsets[mark.start], offsets[mark.end], mark.colour as u32]).collect()
}

/// The names of [`highlight`]'s colours, by index.
#[cfg(feature = "python")]
#[wasm_bindgen(js_name = highlightColours)]
pub fn highlight_colours() -> Vec<String> {
    crate::python::lexer::Colour::NAMES.iter().map(|&name| name.to_owned()).collect()
}

/// A program of the editor's: Python source, read and checked, or why it cannot run.
#[cfg(feature = "python")]
#[wasm_bindgen]
pub struct Code {
    source: String,
    /// Whether it runs as a notebook cell.
    cell: bool,
    program: Result<Rc<crate::python::Program>, (String, Option<crate::python::Span>)>,
    /// Its run on the virtual clock, once foreseen: a run for real needs it too.
    ideal: Cell<Option<Ideal>>,
}

#[cfg(feature = "python")]
#[wasm_bindgen]
impl Code {
    /// Reads `source`, as a script or as a notebook cell (`cell`); never throws: see
    /// `error`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str, cell: bool) -> Code {
        let read = if cell { crate::python::Program::new_cell } else { crate::python::Program::new };
        let program = match input::check_code(source) {
            Err(why) => Err((format!("The program cannot run: {why}"), None)),
            Ok(()) => read(source).map_err(|e| {
                let message = if e.unsupported {
                    let mut chars = e.message.chars();
                    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
                } else {
                    format!("SyntaxError: {}", e.message)
                };
                (message, Some(e.span))
            }),
        };
        if let Ok(program) = &program {
            // Unseeded, `random` gives new numbers for each code the learner runs, and
            // the same in its foresight and in its runs (they share the program).
            let seed = (js_sys::Math::random() * 2f64.powi(53)) as u64;
            program.seed.set(seed);
        }
        Code { source: source.to_owned(), cell, program, ideal: Cell::new(None) }
    }

    fn program(&self) -> Result<Rc<crate::python::Program>, JsError> {
        self.program.clone().map_err(|(message, _)| JsError::new(&message))
    }

    /// Why the code cannot run, CPython's words for a syntax error (`SyntaxError:
    /// expected ':'`), or `undefined` if it can.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.program.as_ref().err().map(|(message, _)| message.clone())
    }

    /// Where the error is: start line (from 1), start column (from 1), end line, end
    /// column; empty if it has no place (or there is no error).
    #[wasm_bindgen(js_name = errorPlace)]
    pub fn error_place(&self) -> Vec<u32> {
        match &self.program {
            Err((_, Some(span))) => vec![span.start.line, span.start.col + 1, span.end.line, span.end.col + 1],
            _ => Vec::new(),
        }
    }

    /// The source, as given.
    pub fn python(&self) -> String {
        self.source.clone()
    }

    /// The share-link query (without `?`) that carries this program, opened at `at`
    /// ideal ms if given.
    #[wasm_bindgen(js_name = shareQuery)]
    pub fn share_query(&self, autorun: bool, at: Option<f64>) -> String {
        input::write_code_link(&self.source, self.cell, autorun, at)
    }
}

/// A program of the editor's being run on the virtual clock (its ideal run), a piece
/// at a time: a long step pauses now and then (the interpreter's `PAUSE_AFTER`), and
/// `work` returns then, so that the page draws and takes input before going on.
#[cfg(feature = "python")]
#[wasm_bindgen]
pub struct Foresight {
    rt: Runtime,
    host: Rc<VirtualHost>,
    simulation: crate::python::Simulation,
    ended: Option<(Option<String>, Vec<String>)>,
}

#[cfg(feature = "python")]
#[wasm_bindgen]
impl Foresight {
    /// Starts foreseeing `code`'s run; nothing runs until `work`. Throws if the code
    /// cannot run (see `Code.error`).
    #[wasm_bindgen(constructor)]
    pub fn new(code: &Code) -> Result<Foresight, JsError> {
        let program = code.program()?;
        let host = VirtualHost::new(0.0);
        host.pause_every(wall_seconds);
        let rt = Runtime::new(host.clone());
        let simulation = crate::python::Simulation::start(&program, &rt, Some(wall_seconds), None);
        Ok(Foresight { rt, host, simulation, ended: None })
    }

    /// Runs the program on: true once it has ended, false if it paused (call again
    /// once the page has had its turn).
    pub fn work(&mut self) -> bool {
        if self.ended.is_none() {
            self.ended = self.simulation.work(&self.host);
        }
        self.ended.is_some()
    }

    /// The run, finished, once `work` said so; `code`, the program foreseen, keeps
    /// what its runs for real need of it. Throws if the run is not over.
    pub fn finish(mut self, code: &Code) -> Result<Run, JsError> {
        let (error, stderr) = self.ended.take().ok_or_else(|| JsError::new("the run is not over"))?;
        let ideal = Ideal::of(&self.rt.trace());
        code.ideal.set(Some(ideal));
        let state = if error.is_some() { "failed" } else { "done" };
        let done = Promise::resolve(&JsValue::from_str(state));
        let mut run = Run::with(self.rt.clone(), None, 0, None, ideal, done);
        run.code = Some(CodeEnd {
            state: Rc::new(Cell::new(Some(state))),
            error: Rc::new(RefCell::new(error)),
            stderr: Rc::new(RefCell::new(stderr)),
            blocked: Rc::default(),
        });
        run.program = code.program().ok();
        Ok(run)
    }
}

#[cfg(feature = "python")]
impl Drop for Foresight {
    /// Given up before its end: its tasks refer to its loop, and its loop holds them.
    fn drop(&mut self) {
        self.rt.stop();
    }
}

/// One run of `main()`: live on the browser's event loop, or already finished on the
/// virtual clock ([`Run::simulate`]). The page reads what it did from its trace.
#[wasm_bindgen]
pub struct Run {
    rt: Runtime,
    host: Option<Rc<BrowserHost>>,
    main: TaskId,
    /// Where the Python program's lines are; none for a run without a program.
    layout: Option<Layout>,
    ideal: Ideal,
    done: Promise,
    /// The loop at the end of the trace so far, keeping the lanes' spans.
    tail: RefCell<Moment>,
    /// The loop at the moment the page shows, when that is not the end.
    shown: RefCell<Option<Moment>>,
    on_change: Rc<RefCell<Option<Function>>>,
    /// How a program of the editor's ended; none for the form's.
    code: Option<CodeEnd>,
    /// Whether `stop` ended it while it was going on.
    stopped_at_once: Cell<bool>,
    /// The program of the editor's it runs, to read its frames at a moment.
    #[cfg(feature = "python")]
    program: Option<Rc<crate::python::Program>>,
    /// The lines its run begins, once asked for (see `linesRun`).
    #[cfg(feature = "python")]
    lines: RefCell<Option<Vec<(u32, u32, u32)>>>,
}

/// How a run of a program of the editor's ended, once it has: its state, the traceback
/// or message it ended with, and what else it wrote to standard error.
struct CodeEnd {
    state: Rc<Cell<Option<&'static str>>>,
    error: Rc<RefCell<Option<String>>>,
    stderr: Rc<RefCell<Vec<String>>>,
    blocked: Rc<RefCell<Option<String>>>,
}

/// What the run looks like on the virtual clock, for progress and the timeline's axis.
#[derive(Clone, Copy)]
struct Ideal {
    total_ms: f64,
    lines: usize,
    steps: usize,
}

impl Ideal {
    fn of(trace: &Trace) -> Ideal {
        let last = trace.events.last().map_or(0.0, |e| e.ideal);
        let count = |kind| trace.events.iter().filter(|e| e.kind == kind).count();
        Ideal { total_ms: last * 1000.0, lines: count(Kind::Printed), steps: count(Kind::Step) }
    }
}

impl Drop for Run {
    /// A run's tasks refer to its loop, and its loop holds them: dropping them breaks
    /// the circle, whether or not the run was over.
    fn drop(&mut self) {
        self.rt.stop();
    }
}

/// The state of a run's `main()` as the page names it.
fn run_state(outcome: &Outcome, stopped: bool) -> &'static str {
    match outcome {
        _ if stopped => "stopped",
        Outcome::Pending => "running",
        Outcome::Done => "done",
        Outcome::Failed(_) => "failed",
        Outcome::Cancelled => "cancelled",
    }
}

#[wasm_bindgen]
impl Run {
    /// Starts `main()` for `program` on the browser's loop; its first step runs as
    /// soon as the page's current task is over.
    #[wasm_bindgen(constructor)]
    pub fn new(program: &Program) -> Run {
        let scenario = program.scenario.clone();
        let ideal = Ideal::of(&virtual_clock::simulate(&scenario).trace);
        let main_scenario = scenario.clone();
        Run::live(start(move |rt| scenario::main(rt, main_scenario)), Some(Layout::of(&scenario)), ideal)
    }

    /// For the benchmark: `main()` gathers `n` calls of `say_after(delay, str(i))` on
    /// the browser's loop, with the trace on as always; `done` resolves when it is over.
    pub fn many(n: u32, delay: f64) -> Run {
        let started = start(move |rt| async move {
            let calls = (0..n).map(|i| ("say_after()", scenario::say_after(rt.clone(), delay, i.to_string())));
            rt.gather(calls).await?;
            Ok(())
        });
        let ideal = Ideal { total_ms: delay * 1000.0, lines: n as usize, steps: 1 + 2 * n as usize };
        Run::live(started, None, ideal)
    }

    /// The parallelism scene's job on the browser's loop: the primes below `limit`
    /// counted by `parts` tasks taking turns (see `countPrimes` for a worker's part).
    /// Throws, saying why, if `limit` or `parts` is out of bounds.
    pub fn primes(limit: u32, parts: &str) -> Result<Run, JsError> {
        let parts = input::parse_parts(parts).map_err(|message| JsError::new(&message))?;
        input::check_primes_limit(limit).map_err(|message| JsError::new(&message))?;
        let started = start(move |rt| crate::primes::on_one_loop(rt, limit, parts));
        // It never waits: all of it happens at 0 on the loop's clock, in this many steps.
        let ideal = Ideal { total_ms: 0.0, lines: parts as usize + 1, steps: crate::primes::steps(limit, parts) };
        Ok(Run::live(started, None, ideal))
    }

    /// When the run's time zero was on the page's clock (`performance.now()`, ms):
    /// when `main()` first ran. NaN for a run that is not live, or has not started.
    #[wasm_bindgen(getter, js_name = originMs)]
    pub fn origin_ms(&self) -> f64 {
        self.host.as_ref().and_then(|host| host.origin()).unwrap_or(f64::NAN)
    }

    /// The run of `program` on the virtual clock, finished at once: the ideal run a
    /// link's `at=` opens in replay.
    pub fn simulate(program: &Program) -> Run {
        let scenario = program.scenario.clone();
        let host = VirtualHost::new(0.0);
        let rt = Runtime::new(host.clone());
        let main = rt.create_task("main()", scenario::main(rt.clone(), scenario.clone())).id();
        rt.set_main(main);
        host.drive(&rt);
        let ideal = Ideal::of(&rt.trace());
        let done = Promise::resolve(&JsValue::from_str(run_state(&rt.outcome(main), false)));
        Run::with(rt, None, main, Some(Layout::of(&scenario)), ideal, done)
    }

    /// Starts a program of the editor's on the browser's loop: its module's code runs
    /// at once, up to `asyncio.run`, whose main task starts as soon as the page's
    /// current task is over. Throws if the code cannot run (see `Code.error`).
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = fromCode)]
    pub fn from_code(code: &Code) -> Result<Run, JsError> {
        let program = code.program()?;
        let ideal = match code.ideal.get() {
            Some(ideal) => ideal,
            None => Run::simulate_code(code)?.ideal,
        };
        let started = start_code(program.clone());
        let end = CodeEnd {
            state: started.ended.clone(),
            error: started.error.clone(),
            stderr: started.stderr.clone(),
            blocked: started.blocked.clone(),
        };
        let mut run = Run::live(started, None, ideal);
        run.code = Some(end);
        run.program = Some(program);
        Ok(run)
    }

    /// The run of a program of the editor's on the virtual clock, finished at once (a
    /// step that works for longer than the budget for real is halted, as it would be).
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = simulateCode)]
    pub fn simulate_code(code: &Code) -> Result<Run, JsError> {
        let mut foresight = Foresight::new(code)?;
        while !foresight.work() {}
        foresight.finish(code)
    }

    /// A run of a program started on the browser's loop, told of each slice that did
    /// anything.
    fn live(started: Started, layout: Option<Layout>, ideal: Ideal) -> Run {
        let Started { rt, host, main, done, on_change, .. } = started;
        let mut run = Run::with(rt, Some(host), main, layout, ideal, done);
        run.on_change = on_change;
        run
    }

    fn with(
        rt: Runtime,
        host: Option<Rc<BrowserHost>>,
        main: TaskId,
        layout: Option<Layout>,
        ideal: Ideal,
        done: Promise,
    ) -> Run {
        Run {
            rt,
            host,
            main,
            layout,
            ideal,
            done,
            tail: RefCell::new(Moment::with_spans()),
            shown: RefCell::new(None),
            on_change: Rc::default(),
            code: None,
            stopped_at_once: Cell::new(false),
            #[cfg(feature = "python")]
            program: None,
            #[cfg(feature = "python")]
            lines: RefCell::default(),
        }
    }

    /// How long the run should take, in ms: its length on the virtual clock.
    #[wasm_bindgen(getter, js_name = idealTotalMs)]
    pub fn ideal_total_ms(&self) -> f64 {
        self.ideal.total_ms
    }

    /// How many lines the run prints on the virtual clock.
    #[wasm_bindgen(getter, js_name = idealLines)]
    pub fn ideal_lines(&self) -> usize {
        self.ideal.lines
    }

    /// How many steps the loop takes on the virtual clock: the same it takes for real.
    #[wasm_bindgen(getter, js_name = idealSteps)]
    pub fn ideal_steps(&self) -> usize {
        self.ideal.steps
    }

    /// Whether the run has real, measured times (false for a simulated run).
    #[wasm_bindgen(getter)]
    pub fn measured(&self) -> bool {
        self.host.is_some()
    }

    /// `"running"`, `"done"`, `"failed"`, `"cancelled"` or `"stopped"`.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> String {
        match &self.code {
            Some(code) => code.state.get().unwrap_or("running").to_owned(),
            None => run_state(&self.rt.outcome(self.main), self.rt.is_closed()).to_owned(),
        }
    }

    /// For a program of the editor's: the traceback it ended with, as CPython prints
    /// it, or the message the playground stopped it with; else `undefined`.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.code.as_ref().and_then(|code| code.error.borrow().clone())
    }

    /// For a program of the editor's: what it wrote to standard error besides its
    /// error (warnings such as a coroutine never awaited), one entry each.
    #[wasm_bindgen(getter)]
    pub fn stderr(&self) -> Vec<String> {
        self.code.as_ref().map(|code| code.stderr.borrow().clone()).unwrap_or_default()
    }

    /// A promise of the run's final state (see `state`), once `main()` is over.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> Promise {
        self.done.clone()
    }

    /// While a program of the editor's works without awaiting for a second or more (the
    /// page has its turn in the middle of the step): a sentence saying so; else
    /// `undefined`.
    #[wasm_bindgen(getter)]
    pub fn blocked(&self) -> Option<String> {
        self.code.as_ref().and_then(|code| code.blocked.borrow().clone())
    }

    /// Stop, as Ctrl+C stops `asyncio.run`: `main()` is cancelled where it waits, and
    /// once it is over every task left is cancelled. The run goes on until they are
    /// (a program may even catch the cancellation and carry on); `stop` ends it at once.
    pub fn interrupt(&self) {
        self.rt.interrupt();
    }

    /// Whether `interrupt` was called.
    #[wasm_bindgen(getter)]
    pub fn interrupted(&self) -> bool {
        self.rt.interrupted()
    }

    /// Whether `interrupt` handed the program the SIGINT Ctrl+C sends, to a handler of
    /// its own (`loop.add_signal_handler`, `signal.signal`), instead of cancelling main().
    #[wasm_bindgen(getter)]
    pub fn signalled(&self) -> bool {
        self.rt.signalled()
    }

    /// `task.cancel()` on task `id` (from 0), for the learner: false if it is done.
    #[wasm_bindgen(js_name = cancelTask)]
    pub fn cancel_task(&self, id: u32) -> bool {
        self.host.is_some() && self.rt.cancel_from_page(id)
    }

    /// Whether `stop` ended the run while it was going on.
    #[wasm_bindgen(getter, js_name = stoppedAtOnce)]
    pub fn stopped_at_once(&self) -> bool {
        self.stopped_at_once.get()
    }

    /// Ends the run at once: every task is dropped where it stands, nothing more is
    /// printed, and no timer is left set.
    pub fn stop(&self) {
        if self.state() == "running" {
            self.stopped_at_once.set(true);
        }
        self.rt.stop();
        // Whoever awaits `done` hears of it now: the loop will not run again.
        if let Some(host) = &self.host {
            host.call(Wake::Soon);
        }
    }

    /// Calls `callback` whenever the live run has recorded more: the page draws then,
    /// instead of asking every frame (which, in Firefox, makes timers late).
    #[wasm_bindgen(js_name = onChange)]
    pub fn on_change(&self, callback: Function) {
        self.on_change.replace(Some(callback));
    }

    /// How many browser timers the run has set so far.
    #[wasm_bindgen(getter, js_name = browserTimersSet)]
    pub fn browser_timers_set(&self) -> u32 {
        self.host.as_ref().map_or(0, |host| host.alarms_set())
    }

    /// Whether a browser timer of the run is pending.
    #[wasm_bindgen(getter, js_name = browserTimerPending)]
    pub fn browser_timer_pending(&self) -> bool {
        self.host.as_ref().is_some_and(|host| host.is_armed())
    }

    /// How long, in ms, until the loop's browser timer rings: Infinity if none is set
    /// (the loop is working, or done). The page draws in such gaps, not over the timer.
    #[wasm_bindgen(getter, js_name = quietMs)]
    pub fn quiet_ms(&self) -> f64 {
        match (&self.host, self.rt.alarm()) {
            (Some(host), Some(at)) if !self.rt.is_closed() => (at - host.now()) * 1000.0,
            _ => f64::INFINITY,
        }
    }

    // ----- the trace -------------------------------------------------------------

    /// Brings the lanes' spans up to the end of the trace; returns how many events it has.
    pub fn sync(&self) -> usize {
        let trace = self.rt.trace();
        self.tail.borrow_mut().advance(&trace, trace.events.len());
        trace.events.len()
    }

    fn column<T>(&self, from: usize, to: usize, pick: impl Fn(&crate::trace::Event) -> T) -> Vec<T> {
        let trace = self.rt.trace();
        let to = to.min(trace.events.len());
        trace.events.get(from.min(to)..to).unwrap_or_default().iter().map(pick).collect()
    }

    /// The kind code of each event in `from..to` (see `eventKinds()`).
    pub fn kinds(&self, from: usize, to: usize) -> Vec<u8> {
        self.column(from, to, |e| e.kind as u8)
    }

    /// The task of each event in `from..to` (`0xFFFFFFFF` for none).
    pub fn tasks(&self, from: usize, to: usize) -> Vec<u32> {
        self.column(from, to, |e| e.task)
    }

    /// The `arg` of each event in `from..to`.
    pub fn args(&self, from: usize, to: usize) -> Vec<u32> {
        self.column(from, to, |e| e.arg)
    }

    /// Each event's time on the loop's (ideal) clock, in ms, for events in `from..to`.
    #[wasm_bindgen(js_name = idealMs)]
    pub fn ideal_ms(&self, from: usize, to: usize) -> Vec<f64> {
        self.column(from, to, |e| e.ideal * 1000.0)
    }

    /// Each event's time on the real clock, in ms since `main()` started, for events
    /// in `from..to`.
    #[wasm_bindgen(js_name = realMs)]
    pub fn real_ms(&self, from: usize, to: usize) -> Vec<f64> {
        self.column(from, to, |e| e.real * 1000.0)
    }

    #[wasm_bindgen(getter, js_name = taskCount)]
    pub fn task_count(&self) -> usize {
        self.rt.trace().tasks.len()
    }

    /// asyncio's name for task `id`: `Task-1`.
    #[wasm_bindgen(js_name = taskName)]
    pub fn task_name(&self, id: usize) -> String {
        let trace = self.rt.trace();
        if id < trace.tasks.len() {
            trace.task_name(id as u32)
        } else {
            String::new()
        }
    }

    /// The coroutine task `id` runs: `say_after(1, 'hello')`.
    #[wasm_bindgen(js_name = taskLabel)]
    pub fn task_label(&self, id: usize) -> String {
        self.rt.trace().tasks.get(id).map(|t| t.label.to_string()).unwrap_or_default()
    }

    /// The label of a coroutine awaited inside a task.
    #[wasm_bindgen(js_name = frameLabel)]
    pub fn frame_label(&self, index: usize) -> String {
        self.rt.trace().labels.get(index).map(|label| label.to_string()).unwrap_or_default()
    }

    /// Printed line `index`.
    pub fn line(&self, index: usize) -> String {
        self.rt.trace().lines.get(index).cloned().unwrap_or_default()
    }

    /// When timer `index` is due, in ideal ms.
    #[wasm_bindgen(js_name = timerDeadlineMs)]
    pub fn timer_deadline_ms(&self, index: usize) -> f64 {
        self.rt.trace().timers.get(index).map_or(f64::NAN, |t| t.deadline * 1000.0)
    }

    /// The task whose sleep timer `index` ends.
    #[wasm_bindgen(js_name = timerTask)]
    pub fn timer_task(&self, index: usize) -> u32 {
        self.rt.trace().timers.get(index).map_or(NONE, |t| t.task)
    }

    /// What event `index` means, as a sentence.
    pub fn describe(&self, index: usize) -> String {
        self.rt.trace().describe(index)
    }

    /// How many spans have closed so far (after `sync`).
    #[wasm_bindgen(getter, js_name = spanCount)]
    pub fn span_count(&self) -> usize {
        self.tail.borrow().spans().len()
    }

    /// The spans that closed from the `from`-th on, by event `until`, eight numbers each:
    /// task, start event, end event, depth, the state's code or `frameSpan()`, and for a
    /// frame its label index and how many times it was suspended and resumed.
    pub fn spans(&self, from: usize, until: u32) -> Vec<u32> {
        let tail = self.tail.borrow();
        let mut out = Vec::new();
        // They are in the order they closed.
        for span in tail.spans().get(from..).unwrap_or_default().iter().take_while(|span| span.end <= until) {
            span.encode(&mut out);
        }
        out
    }

    // ----- the loop at the shown moment -------------------------------------------------

    /// Whether it runs a program of the editor's, whose frames `framesAfter` reads.
    #[cfg(feature = "python")]
    #[wasm_bindgen(getter, js_name = hasProgram)]
    pub fn has_program(&self) -> bool {
        self.program.is_some()
    }

    /// The frames of every task not done after the first `n` events, and of the module's
    /// code (see `Program::frames_after`), for the frames view, as a flat list of texts:
    /// for each task `task`, its number (N of Task-N; none for the module's code) and
    /// name; for each of its frames, outermost first, `frame`, its function, qualified
    /// name and line; for each local variable of a frame, `local`, its name and repr;
    /// for each generator a frame holds that is not running, `held`, the local variable
    /// it is in (none for a `for` loop's iterator), its function, qualified name and
    /// line, then `heldlocal`, name and repr for each of its locals; then `tree` and a
    /// line for each line of the await graph, as `python -m asyncio pstree` draws it, or
    /// `treenote` and why it is not drawn.
    /// The program runs again on the virtual clock up to there; that may take at most
    /// `most_ms` ms of the page's time. Throws if it would take longer, and for a moment
    /// after a task was cancelled from the timeline, which that run cannot repeat.
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = framesAfter)]
    pub fn frames_after(&self, n: usize, most_ms: f64) -> Result<Vec<String>, JsError> {
        let Some(program) = &self.program else { return Ok(Vec::new()) };
        let stop_at = self.stop_at();
        let by_page = {
            let trace = self.rt.trace();
            let before = &trace.events[..n.min(trace.events.len())];
            before.iter().any(|e| e.kind == Kind::CancelRequested && e.arg == BY_PAGE)
        };
        if by_page {
            return Err(JsError::new(
                "After a cancellation from the timeline, the frames are not shown: replaying the run cannot repeat your click.",
            ));
        }
        let inside = program.inside_after(n, stop_at, Some((wall_seconds, most_ms / 1000.0)));
        inside.map(encode_inside).ok_or_else(|| too_long(most_ms))
    }

    /// The lines its run begins, as `sys.settrace` sees them, three numbers each: how
    /// many events had happened then, the task (its number N of Task-N, 0 for the
    /// module's code), and the line. Worked out once, by running the program again on
    /// the virtual clock compiled to record them (throws if that takes over `most_ms`
    /// ms); empty for a run without a program.
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = linesRun)]
    pub fn lines_run(&self, most_ms: f64) -> Result<Vec<u32>, JsError> {
        let Some(program) = &self.program else { return Ok(Vec::new()) };
        let mut lines = self.lines.borrow_mut();
        if lines.is_none() {
            let run = program.lines_run(self.stop_at(), Some((wall_seconds, most_ms / 1000.0)));
            *lines = Some(run.ok_or_else(|| too_long(most_ms))?);
        }
        let lines = lines.iter().flatten();
        Ok(lines.flat_map(|&(at, task, line)| [at, if task == NONE { 0 } else { task + 1 }, line]).collect())
    }

    /// The frames as the `k`-th line of `linesRun` is about to run, in `framesAfter`'s
    /// list: the running task's innermost frame stands at that line.
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = framesAtLine)]
    pub fn frames_at_line(&self, k: usize, most_ms: f64) -> Result<Vec<String>, JsError> {
        let Some(program) = &self.program else { return Ok(Vec::new()) };
        let inside = program.inside_at_line(k, self.stop_at(), Some((wall_seconds, most_ms / 1000.0)));
        inside.map(encode_inside).ok_or_else(|| too_long(most_ms))
    }
}

#[cfg(feature = "python")]
impl Run {
    /// When Stop was pressed in the run, on the loop's clock, for a run again to repeat.
    fn stop_at(&self) -> Option<f64> {
        self.rt.trace().events.iter().find(|e| e.kind == Kind::Interrupted).map(|e| e.ideal)
    }
}

/// Why a view's reading of a run gave up: the page's turn comes first.
#[cfg(feature = "python")]
fn too_long(most_ms: f64) -> JsError {
    JsError::new(&format!(
        "Reading this moment means running the program again up to it, which takes over {most_ms} ms here: \
         the page would stop answering meanwhile."
    ))
}

/// Why the frames view draws no await graph at a moment with `count` tasks.
#[cfg(feature = "python")]
fn too_many_for_the_tree(count: usize) -> String {
    let most = crate::python::graph::MOST_TREE_TASKS;
    format!("{count} tasks are not done at this moment: the await graph is drawn for up to {most}.")
}

/// The frames a view reads, as a flat list of texts (see `Run.framesAfter`).
#[cfg(feature = "python")]
fn encode_inside(inside: crate::python::Inside) -> Vec<String> {
    let mut out = Vec::new();
    for task in inside.tasks {
        out.push("task".to_owned());
        out.push(task.task.map_or_else(String::new, |id| (id + 1).to_string()));
        out.push(task.name);
        for frame in task.frames {
            out.extend(["frame".to_owned(), frame.function.to_string(), frame.qualname.to_string()]);
            out.push(frame.line.to_string());
            for (name, repr) in frame.locals {
                out.extend(["local".to_owned(), name.to_string(), repr]);
            }
            for (name, held) in frame.held {
                out.extend(["held".to_owned(), name.map_or_else(String::new, |n| n.to_string())]);
                out.extend([held.function.to_string(), held.qualname.to_string(), held.line.to_string()]);
                for (name, repr) in held.locals {
                    out.extend(["heldlocal".to_owned(), name.to_string(), repr]);
                }
            }
        }
    }
    for line in inside.tree {
        out.extend(["tree".to_owned(), line]);
    }
    if let Some(count) = inside.too_many {
        out.extend(["treenote".to_owned(), too_many_for_the_tree(count)]);
    }
    out
}

#[wasm_bindgen]
impl Run {
    /// Shows the loop as it stood after the first `n` events: the end of the trace if
    /// `n` is at or past it.
    pub fn seek(&self, n: usize) {
        let trace = self.rt.trace();
        self.tail.borrow_mut().advance(&trace, trace.events.len());
        let mut shown = self.shown.borrow_mut();
        if n >= trace.events.len() {
            *shown = None;
            return;
        }
        match shown.as_mut() {
            Some(moment) if moment.at() <= n => moment.advance(&trace, n),
            _ => *shown = Some(Moment::after(&trace, n)),
        }
    }

    fn with_moment<T>(&self, read: impl FnOnce(&Moment) -> T) -> T {
        match self.shown.borrow().as_ref() {
            Some(moment) => read(moment),
            None => read(&self.tail.borrow()),
        }
    }

    /// How many events the shown moment is after.
    #[wasm_bindgen(getter)]
    pub fn moment(&self) -> usize {
        self.with_moment(Moment::at)
    }

    /// The task running at the shown moment, or -1.
    #[wasm_bindgen(getter)]
    pub fn running(&self) -> i32 {
        self.with_moment(|m| m.running.map_or(-1, |task| task as i32))
    }

    /// The first `limit` tasks of the ready queue, in order.
    pub fn ready(&self, limit: usize) -> Vec<u32> {
        self.with_moment(|m| m.ready.iter().take(limit).copied().collect())
    }

    /// How many tasks are on the ready queue.
    #[wasm_bindgen(getter, js_name = readyCount)]
    pub fn ready_count(&self) -> usize {
        self.with_moment(|m| m.ready.len())
    }

    /// The first `limit` pending timers, in the order they fire.
    pub fn timers(&self, limit: usize) -> Vec<u32> {
        self.with_moment(|m| m.timers().take(limit).map(|(timer, _)| timer).collect())
    }

    /// How many timers are pending.
    #[wasm_bindgen(getter, js_name = timerCount)]
    pub fn timer_count(&self) -> usize {
        self.with_moment(Moment::timer_count)
    }

    /// How many lines were printed by the shown moment.
    #[wasm_bindgen(getter)]
    pub fn printed(&self) -> usize {
        self.with_moment(|m| m.printed)
    }

    /// The real time (ms) the browser timer is set for at the shown moment, or NaN.
    #[wasm_bindgen(getter, js_name = alarmMs)]
    pub fn alarm_ms(&self) -> f64 {
        self.with_moment(|m| m.alarm.map_or(f64::NAN, |at| at * 1000.0))
    }

    /// Each task's state code (see `taskStates()`).
    pub fn states(&self) -> Vec<u8> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.state as u8).collect())
    }

    /// The tasks created, or whose state changed, at the shown moment since the last
    /// call for that moment (a moment shown afresh lists every task): for each,
    /// `task, state, since`. A view that follows the run as it goes reads this rather
    /// than every task's state each frame.
    #[wasm_bindgen(js_name = changedTasks)]
    pub fn changed_tasks(&self) -> Vec<u32> {
        let take = |moment: &mut Moment| {
            let changed = moment.take_changed();
            changed
                .iter()
                .flat_map(|&task| {
                    let t = &moment.tasks[task as usize];
                    [task, t.state as u32, t.since]
                })
                .collect()
        };
        match self.shown.borrow_mut().as_mut() {
            Some(moment) => take(moment),
            None => take(&mut self.tail.borrow_mut()),
        }
    }

    /// How many tasks exist at the shown moment.
    #[wasm_bindgen(getter, js_name = shownTaskCount)]
    pub fn shown_task_count(&self) -> usize {
        self.with_moment(|m| m.tasks.len())
    }

    /// For each task in `from..to` at the shown moment: its state code, and the event
    /// where that state began.
    #[wasm_bindgen(js_name = stateRange)]
    pub fn state_range(&self, from: usize, to: usize) -> Vec<u32> {
        self.with_moment(|m| {
            let to = to.min(m.tasks.len());
            m.tasks[from.min(to)..to].iter().flat_map(|t| [t.state as u32, t.since]).collect()
        })
    }

    /// For each task, the event where its state began.
    pub fn since(&self) -> Vec<u32> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.since).collect())
    }

    /// How many steps each task has run.
    pub fn steps(&self) -> Vec<u32> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.steps).collect())
    }

    /// How long each task has spent running, in real ms.
    #[wasm_bindgen(js_name = ranMs)]
    pub fn ran_ms(&self) -> Vec<f64> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.ran * 1000.0).collect())
    }

    /// When each task was created, in real ms.
    #[wasm_bindgen(js_name = createdMs)]
    pub fn created_ms(&self) -> Vec<f64> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.created * 1000.0).collect())
    }

    /// How many times `cancel()` was called on each task.
    pub fn cancels(&self) -> Vec<u32> {
        self.with_moment(|m| m.tasks.iter().map(|t| t.cancels).collect())
    }

    /// The coroutines task `id` awaits inside itself at the shown moment, outermost
    /// first: four numbers each, its label index, the event that entered it, and how
    /// many times it has been suspended and resumed so far.
    pub fn frames(&self, id: usize) -> Vec<u32> {
        self.with_moment(|m| {
            let Some(t) = m.tasks.get(id) else { return Vec::new() };
            t.frames
                .iter()
                .flat_map(|f| {
                    let (suspended, resumed) = f.counts(t);
                    [f.label, f.start, suspended, resumed]
                })
                .collect()
        })
    }

    /// What task `id` is doing at the shown moment, in a few words.
    pub fn doing(&self, id: usize) -> String {
        let trace = self.rt.trace();
        self.with_moment(|m| {
            let Some(task) = m.tasks.get(id) else { return String::new() };
            let name = |id: u32| trace.task_name(id);
            let inner = task.frames.last().map(|f| format!(" in {}", trace.labels[f.label as usize]));
            let inner = inner.unwrap_or_default();
            match (task.state, task.wait) {
                (State::Ready, _) if task.steps == 0 => "ready to start".to_owned(),
                (State::Ready, _) => format!("ready to resume{inner}"),
                (State::Running, _) => format!("running{inner}"),
                (State::Sleeping, Some((_, timer))) => {
                    format!("sleeping{inner} until {}", format_ms(trace.timers[timer as usize].deadline * 1000.0))
                }
                (State::Waiting, Some((Kind::AwaitsTask, other))) => format!("awaiting {}", name(other)),
                (State::Waiting, Some((Kind::AwaitsGather, gather))) => {
                    format!("awaiting gather of {} tasks", trace.gathers[gather as usize])
                }
                (State::Waiting, Some((Kind::AwaitsGroup, _))) => "waiting for its TaskGroup's tasks".to_owned(),
                (State::Waiting, Some((Kind::AwaitsFuture, _))) => "awaiting a future".to_owned(),
                // What it raised, as the traceback's last line says it.
                (State::Failed, _) => match task.raised {
                    Some(error) => format!("failed: {}", trace.errors[error as usize]),
                    None => State::Failed.name().to_owned(),
                },
                (State::Cancelled, _) => match task.cancelled_by {
                    BY_STOP => "cancelled by Stop".to_owned(),
                    BY_PAGE => "cancelled from the timeline".to_owned(),
                    _ => "cancelled".to_owned(),
                },
                (state, _) => state.name().to_owned(),
            }
        })
    }

    /// The Python lines where the live tasks stand at the shown moment: pairs of
    /// (line from 1, task).
    #[wasm_bindgen(js_name = suspendedLines)]
    pub fn suspended_lines(&self) -> Vec<u32> {
        let trace = self.rt.trace();
        self.with_moment(|m| {
            if let Some(layout) = &self.layout {
                return layout.suspended(&trace, m).into_iter().flat_map(|(line, task)| [line, task]).collect();
            }
            // An interpreted program: where each waiting task's last step ended.
            let lines = trace.lines_at(m.at());
            let waiting = m.tasks.iter().enumerate().filter(|(_, t)| !t.state.is_final() && t.state != State::Running);
            waiting
                .filter_map(|(id, _)| lines.get(id).filter(|&&line| line > 0).map(|&line| [line, id as u32]))
                .flatten()
                .collect()
        })
    }
}
