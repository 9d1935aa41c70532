//! The machine's state besides its frames: the program's globals, the loop it runs on,
//! what it printed, and the budgets that keep a program from freezing the page (a step
//! that works too long without awaiting is halted, a long one pauses for the page to
//! draw, the memory and the lines printed are limited). The machine's loop, which runs
//! the compiled code, is in [`super::vm`].

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::bytecode::Code;
use super::compile::GlobalNames;
use super::exceptions::{ExcType, Exception};
use super::value::{FnvMap, Value};

/// How evaluation stops early: an exception, or the run being halted (a budget ran out),
/// which no `except` catches.
#[derive(Clone)]
pub enum Unwind {
    Raise(Rc<Exception>),
    Halt(String),
}

impl std::fmt::Debug for Unwind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unwind::Raise(e) => f.write_str(&e.last_line()),
            Unwind::Halt(message) => f.write_str(message),
        }
    }
}

impl Unwind {
    /// The exception leaves functions of CPython's library, `lines` outermost first
    /// (see [`Exception::passes`]).
    pub fn through(self, lines: &[&'static super::exceptions::LibraryLine]) -> Unwind {
        if let Unwind::Raise(e) = &self {
            e.passes(lines);
        }
        self
    }
}

pub type Res<T> = Result<T, Unwind>;
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

pub fn raise<T>(kind: ExcType, message: impl Into<String>) -> Res<T> {
    Err(Unwind::Raise(Exception::with_message(kind, message)))
}

/// `raise` from a function CPython writes in Python: its frame, which the traceback
/// keeps, holds `args` until the exception goes (a coroutine among them is warned about
/// as never awaited then, where the program let go of the exception).
pub fn raise_keeping<T>(kind: ExcType, message: impl Into<String>, args: Vec<Value>) -> Res<T> {
    let e = Exception::with_message(kind, message);
    *e.kept.borrow_mut() = args;
    Err(Unwind::Raise(e))
}

/// How long a step (or the module's code) may run without awaiting on the page's loop,
/// in seconds of work: long enough for the CPU-bound examples of books and tutorials
/// (a prime test that blocks the loop for seconds, to show that it does), which the
/// page, pausing for itself every 30 ms, stays usable through (Stop ends them).
pub const STEP_BUDGET: f64 = 10.0;

/// How long a step may run without awaiting in a run foreseen on the virtual clock, in
/// seconds of the page's clock: the foresight has a budget of its own, and a step that
/// would take longer is foreseen as stopped.
pub const FORESEEN_STEP_BUDGET: f64 = 0.5;

/// How many ticks (loop iterations and calls) a step may run without awaiting on the
/// virtual clock, whose time stands still within a step (this is what stops `while
/// True: pass` there; on the page's loop, `STEP_BUDGET` does).
pub const STEP_STATEMENTS: u64 = 20_000_000;

/// The recursion limit, CPython's: a frame that would be the 1,001st on the stack raises
/// `RecursionError` (the module's own frame counts; so do asyncio's frames below a
/// task's coroutine, see [`TASK_DEPTH`]).
pub const RECURSION_LIMIT: u32 = 1000;

/// How many calls from Rust back into Python (a `sorted` key calling `sorted`...) may be
/// nested: each takes the wasm stack, which is 1 MB; past it, `RecursionError`.
pub const NESTED_LIMIT: u32 = 200;

/// How many frames CPython's asyncio has on the stack below a task's coroutine
/// (`asyncio.run`, the runner, `run_until_complete`, `run_forever`, `_run_once`, the
/// handle, the module): a coroutine awaited 990 deep in a task is as deep as it goes.
pub const TASK_DEPTH: u32 = 9;

/// The most lines a program may print: the log is for reading.
pub const MAX_PRINTED: u32 = 10_000;

/// How long, in seconds of the page's clock, a step (or the module's code) works before
/// it pauses to let the page draw and take input: the loop stays blocked, the tab does
/// not. Only where the interpreter has the page's clock (`Interp::wall`).
pub use crate::runtime::PAUSE_AFTER;

/// The most events a run may record: the page shows a run from its trace, and a
/// program that never waits on the clock (a task that cancels itself for ever) would
/// record them until the memory ran out.
pub const MAX_EVENTS: usize = 1_000_000;

/// The most events the page's foresight records before it gives up on a run that may
/// never end: enough for ten thousand tasks, and little enough memory (3 MB) that the
/// run that follows needs no fresh core.
pub const FORESEE_EVENTS: usize = 100_000;

/// How long, in seconds of real time, the page spends foreseeing a run on the virtual
/// clock (its ideal run) before it gives up: a program may run for ever.
pub const FORESEE_BUDGET: f64 = 1.0;

/// How many ticks pass between two readings of the clocks and the heap.
pub const TICKS: u32 = 1024;

/// How many ticks a thread works before it lets the others run (see `Runtime::switch`):
/// about the 5 ms of CPython's switch interval, at the machine's pace.
pub const SWITCH_TICKS: u64 = 40_000;

/// What the VM's loop does after a tick (see [`Interp::tick_vm`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    Go,
    Again,
    Pause,
}

/// Where printed text goes, a line at a time.
pub trait Output {
    fn line(&self, text: &str);
}

/// Where the running code stands when objects it dropped are finalized: CPython's
/// warning for a coroutine never awaited names the place it was freed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropPlace {
    /// Not known: the line that made the coroutine stands in.
    Unknown,
    /// A line of the program's.
    Line(u32),
    /// asyncio's, between the steps of tasks (a task's coroutine ended, its locals go).
    Loop,
    /// The interpreter's way out, the module's variables cleared.
    Exit,
}

/// A global slot's value before the program runs, and the builtin its name means: the
/// module's own `__name__` is set, as CPython's `__main__` has it (`if __name__ ==
/// "__main__":`); the others are unbound.
pub fn initial_global(name: &str, module: Option<super::value::Module>) -> (Value, Value) {
    let value = match module {
        _ if name != "__name__" => Value::Unbound,
        None => Value::str("__main__"),
        Some(m) => Value::str(m.name()),
    };
    (value, super::builtins::lookup(name).unwrap_or(Value::Unbound))
}

/// What is called when a watched object is freed: a `weakref.finalize` (held until
/// then), or a weak reference with a callback, called only if the reference itself is
/// still alive (as CPython's). Either is called by its `_fire()` method.
pub enum Watcher {
    Strong(Value),
    Weak(super::stdlib::weak::Target),
}

pub struct Interp {
    /// The program's global variables, by the slots the compiler gave them
    /// (`Value::Unbound` until assigned), and the builtin each name means otherwise.
    pub globals: RefCell<Vec<Value>>,
    pub builtins: RefCell<Vec<Value>>,
    /// Their names (shared with the program, until text compiled as it runs brings
    /// more: see [`Interp::add_globals`]).
    pub global_names: RefCell<Rc<GlobalNames>>,
    /// The module's code.
    pub code: Rc<Code>,
    /// Text compiled as the program ran (`eval`, `exec`, `compile`), by its text and
    /// how it was compiled.
    pub texts: RefCell<FnvMap<(super::value::Str, bool, bool), Rc<Code>>>,
    /// The loop the program's tasks run on.
    rt: RefCell<Option<crate::runtime::Runtime>>,
    /// Every task the program made, by the loop's id: the same object each time.
    pub tasks: RefCell<std::collections::BTreeMap<crate::runtime::TaskId, Rc<super::asyncio::PyTask>>>,
    /// Why the run was halted, once it was.
    halted: RefCell<Option<String>>,
    /// An exception a special method raised where Rust could not pass it on (a
    /// `__repr__` called for a list's repr): raised when the instruction is over.
    kept_error: RefCell<Option<Unwind>>,
    /// Whether `kept_error` holds one: read after every call from the machine's loop.
    kept: Cell<bool>,
    /// The context `contextvars` reads and sets: the module's code has one, and each
    /// task runs in a copy of its creator's, as asyncio's do (see `TaskFuture`).
    pub context: RefCell<Rc<RefCell<super::value::Dict>>>,
    /// The context the next task made runs in, when one was given (`create_task(coro,
    /// context=ctx)`).
    pub task_context: RefCell<Option<Rc<RefCell<super::value::Dict>>>>,
    /// How many of CPython's task numbers (`Task-7`) went to tasks the playground does
    /// not make (those that end an `asyncio.run`): a task's number is its id's plus this.
    pub task_numbers_skipped: Cell<i64>,
    /// The loop's tasks that stand for threads (`asyncio.to_thread`,
    /// `loop.run_in_executor`), each running a function, not a coroutine: a
    /// `time.sleep` there waits without blocking the loop, as a thread's does.
    pub threads: RefCell<Vec<crate::runtime::Task<Value>>>,
    /// The same for the program's own `threading.Thread`s, which `asyncio.run` does
    /// not wait for as it ends (the script's end does, see `threading._shutdown`).
    pub own_threads: RefCell<Vec<crate::runtime::Task<Value>>>,
    /// The tasks a thread's `asyncio.run` made (its main and theirs), by the thread's
    /// task: `threading.current_thread()` there is that thread.
    pub thread_owners: RefCell<FnvMap<crate::runtime::TaskId, crate::runtime::TaskId>>,
    /// What the program set `sys.stdout` and `sys.stderr` to (`contextlib.redirect_stdout`),
    /// if anything: `print` writes there.
    pub streams: RefCell<[Option<Value>; 2]>,
    /// What the program set the standard streams' `write` to (`sys.stdout.write = f`,
    /// as a context manager that reverses what is printed does): `print` calls it.
    pub stream_writes: RefCell<[Option<Value>; 2]>,
    /// Attributes the program set on modules made in Rust (`asyncio.sleep = fake`),
    /// which the program's own reads see (a module written in Python has its globals).
    pub module_overrides: RefCell<Vec<(super::value::Module, super::value::Str, Value)>>,
    /// The program's source, for the tracebacks it formats (`traceback.format_exc()`).
    pub source: RefCell<Rc<str>>,
    /// The `random` module's generator, made when first used.
    pub random: RefCell<Option<super::random::Twister>>,
    /// What an unseeded generator is seeded from: the program's (see `Program::seed`).
    pub random_seed: Cell<u64>,
    /// How many unseeded generators were made: each gets different numbers.
    pub random_reseeds: Cell<u64>,
    /// Whether the loop's machinery was asked for: `asyncio.run` called, a loop made, or
    /// a thread started (threads run on it).
    pub loop_used: Cell<bool>,
    /// Whether the program runs as a notebook cell, its loop running already.
    pub cell: Cell<bool>,
    /// The program's done-callbacks, by the loop's id, for `remove_done_callback`.
    pub callbacks: RefCell<Vec<(Value, crate::runtime::CallbackId)>>,
    /// What the program wrote to standard error: exceptions in callbacks, warnings.
    pub stderr: RefCell<Vec<String>>,
    /// The warnings the machine gave, by their text and place: CPython's default filter
    /// shows a warning once for each place.
    pub warned: RefCell<std::collections::HashSet<String>>,
    /// The step being timed (the loop's step number), when it began on the host's
    /// clock, how many ticks it ran, and when it began on the wall clock.
    budget: Cell<(u64, f64, u64, f64)>,
    /// Ticks left until the clocks and the heap are read again.
    pub ticks: Cell<u32>,
    /// The heap in use when the program began (see `spend`).
    memory_at_start: usize,
    /// A real clock in seconds, for a run on the virtual clock that must not freeze
    /// the page either (the ideal run the page simulates): its steps get the same budget.
    pub wall: Cell<Option<fn() -> f64>>,
    /// The wall clock when the run began, once read.
    wall_start: Cell<Option<f64>>,
    /// The wall clock when the program last began or went on working after a pause.
    worked_from: Cell<f64>,
    /// How long the program has been paused in all, on the wall clock and on the
    /// host's: the budgets count only the time it worked.
    paused_for: Cell<(f64, f64)>,
    /// While a step (or the module's code) that has worked a second or more without
    /// awaiting is paused for the page: what the page says of it as it waits.
    pub blocked_note: Rc<RefCell<Option<String>>>,
    /// While it is paused: the wall clock and the host's when it paused, and whether
    /// it was the module's code that paused (else a task's step).
    paused_at: Cell<Option<(f64, f64, bool)>>,
    /// The pause due is a thread's switch (see `Runtime::switch`), not the page's turn.
    switch_due: Cell<bool>,
    /// Whether the module's code (outside the loop's tasks) is being run: it may pause.
    pub module_polling: Cell<bool>,
    /// How many runs of the machine are nested in calls from Rust (a `sorted` key, a
    /// callback): those cannot pause, as the Rust frames below them cannot.
    pub nested: Cell<u32>,
    /// For a run driven a piece at a time (see [`Interp::away`]): whether it is, and
    /// since when the page has had its turn.
    in_pieces: Cell<bool>,
    away_since: Cell<Option<f64>>,
    /// The heap in use when the clocks were last read: a statement that changed it much
    /// (a big value made or dropped) took a while, so the clocks are read after it.
    heap_read: Cell<usize>,
    /// How many lines the program printed.
    printed: Cell<u32>,
    /// The loop object (`asyncio.get_running_loop()`): one per program, so `is` works.
    the_loop: RefCell<Option<Value>>,
    /// The line where the running code stands, as last recorded (where a task's step
    /// ended: the loop's line probe reads it).
    pub line: Cell<u32>,
    /// Where CPython's library would call `loop.create_task` for the task about to be
    /// made, if it would (see `asyncio::lines::CREATE_TASK`): for its repr in debug mode.
    pub task_made_by: Cell<Option<(&'static str, u32)>>,
    /// The line of the program's innermost frame when it last called a native
    /// function (`loop.create_task`): where a task made in debug mode was created.
    pub calling_line: Cell<u32>,
    /// How many frames are on the stack below the next one pushed (see `RECURSION_LIMIT`).
    pub depth: Cell<u32>,
    /// Numbers frames, for tracebacks (an exception gains one line per frame it leaves).
    pub frame_ids: Cell<u32>,
    /// Generators dropped while suspended, to be closed (their `finally` blocks run)
    /// at the machine's next safe point.
    pub finalizing: RefCell<Vec<Rc<super::vm::Generator>>>,
    /// Objects whose class has `__del__`, dropped by the program: each is called once,
    /// at the same safe point (see `Drop for Instance`).
    pub deleting: RefCell<Vec<Rc<super::classes::Instance>>>,
    /// Coroutines dropped without being awaited (their name, and the line that made
    /// them), warned about at that safe point, naming the place they were dropped.
    pub unawaited: RefCell<Vec<(String, u32)>>,
    /// Where the machine stands at its safe point, for those warnings.
    pub drop_place: Cell<DropPlace>,
    pub finalize_due: Cell<bool>,
    /// What the leaf future being polled said it waits for (see `Interp::awaiting`).
    pub awaited_now: RefCell<Option<Value>>,
    /// For a view's run: pause once the trace has recorded this many lines begun (see
    /// `Simulation::stop_at_line`); taken when it pauses there.
    pub line_stop: Cell<Option<usize>>,
    /// What to call when an object of the program's classes is freed, by the object's
    /// address: its weak references' callbacks and its `weakref.finalize`s, oldest
    /// first (see `Drop for Instance`).
    pub weak_watches: RefCell<FnvMap<usize, Vec<Watcher>>>,
    /// Those of the objects freed, due at the machine's next safe point, in the order
    /// CPython calls them: the newest first.
    pub weak_due: RefCell<Vec<Watcher>>,
    /// Whether the script's code has ended and the interpreter is on its way out
    /// (threads joined, atexit, variables freed): what runs then records no lines, as
    /// a trace function set by the program would see none.
    pub exiting: Cell<bool>,
    /// Whether the main thread's current loop was set to None (as `asyncio.run` ends
    /// by doing): `get_event_loop` outside a running loop then raises.
    pub no_current_loop: Cell<bool>,
    /// The async generators iterated under the loop (see [`Interp::first_iter`]).
    pub asyncgens: RefCell<Vec<std::rc::Weak<super::vm::Generator>>>,
    /// What closing them at the end raised: the report, and the exception.
    pub closing_errors: RefCell<Vec<(String, Rc<super::exceptions::Exception>)>>,
    output: Box<dyn Output>,
    /// Text printed after the last line break (`print(..., end='')`).
    pending: RefCell<String>,
    /// What was written to standard error after its last newline (see
    /// [`Interp::write_stderr_text`]).
    stderr_pending: RefCell<String>,
}

impl Interp {
    pub fn new(code: Rc<Code>, global_names: Rc<GlobalNames>, output: Box<dyn Output>) -> Rc<Interp> {
        let slots = global_names.names.iter().zip(&global_names.modules);
        let (globals, builtins) = slots.map(|(name, module)| initial_global(name, *module)).unzip();
        Rc::new(Interp {
            globals: RefCell::new(globals),
            builtins: RefCell::new(builtins),
            global_names: RefCell::new(global_names),
            code,
            texts: RefCell::default(),
            task_made_by: Cell::default(),
            calling_line: Cell::default(),
            rt: RefCell::default(),
            tasks: RefCell::default(),
            halted: RefCell::default(),
            random: RefCell::default(),
            context: RefCell::default(),
            task_context: RefCell::default(),
            task_numbers_skipped: Cell::new(0),
            threads: RefCell::default(),
            own_threads: RefCell::default(),
            streams: RefCell::default(),
            module_overrides: RefCell::default(),
            kept_error: RefCell::default(),
            kept: Cell::new(false),
            random_seed: Cell::new(0),
            source: RefCell::new(Rc::from("")),
            random_reseeds: Cell::new(0),
            loop_used: Cell::new(false),
            cell: Cell::new(false),
            callbacks: RefCell::default(),
            stderr: RefCell::default(),
            warned: RefCell::default(),
            budget: Cell::new((u64::MAX, 0.0, 0, 0.0)),
            ticks: Cell::new(TICKS),
            memory_at_start: crate::memory::in_use(),
            wall: Cell::new(None),
            wall_start: Cell::new(None),
            worked_from: Cell::new(0.0),
            paused_for: Cell::new((0.0, 0.0)),
            blocked_note: Rc::default(),
            thread_owners: RefCell::default(),
            stream_writes: RefCell::default(),
            paused_at: Cell::new(None),
            switch_due: Cell::new(false),
            module_polling: Cell::new(false),
            nested: Cell::new(0),
            in_pieces: Cell::new(false),
            away_since: Cell::new(None),
            heap_read: Cell::new(crate::memory::in_use()),
            printed: Cell::new(0),
            the_loop: RefCell::default(),
            line: Cell::new(0),
            depth: Cell::new(0),
            frame_ids: Cell::new(0),
            finalizing: RefCell::default(),
            unawaited: RefCell::default(),
            drop_place: Cell::new(DropPlace::Unknown),
            deleting: RefCell::default(),
            exiting: Cell::new(false),
            no_current_loop: Cell::new(false),
            finalize_due: Cell::new(false),
            awaited_now: RefCell::new(None),
            line_stop: Cell::new(None),
            weak_watches: RefCell::default(),
            weak_due: RefCell::default(),
            asyncgens: RefCell::default(),
            closing_errors: RefCell::default(),
            output,
            pending: RefCell::default(),
            stderr_pending: RefCell::default(),
        })
    }

    /// A global's value by name, if it is assigned (for tests and tools).
    pub fn global(&self, name: &str) -> Option<Value> {
        let slot = self.global_names.borrow().find(name)?;
        // (None once the program's globals are let go of at its end.)
        let globals = self.globals.try_borrow().ok()?;
        globals.get(slot as usize).cloned().filter(|v| !matches!(v, Value::Unbound))
    }

    /// Every global the program assigned, by name.
    pub fn take_globals(&self) -> FnvMap<super::value::Str, Value> {
        let values = std::mem::take(&mut *self.globals.borrow_mut());
        let global_names = self.global_names.borrow();
        let names = global_names.names.iter().zip(&global_names.modules);
        // (Only the program's own: the modules written in Python have theirs too.)
        names
            .zip(values)
            .filter(|((_, m), v)| m.is_none() && !matches!(v, Value::Unbound))
            .map(|((n, _), v)| (n.clone(), v))
            .collect()
    }

    /// The program's variables cleared on the interpreter's way out. CPython's collects
    /// the module's namespace as garbage then, running every `__del__` while the
    /// classes and functions are still there: here the data goes first, in order (each
    /// object freed at once, its `__del__` run then), and the classes and functions
    /// after.
    pub fn free_program_globals(self: &Rc<Self>) -> Res<()> {
        let slots: Vec<usize> = {
            let names = self.global_names.borrow();
            (0..names.names.len()).filter(|&i| names.modules[i].is_none()).collect()
        };
        for data_first in [true, false] {
            for &i in &slots {
                let code = matches!(
                    self.globals.borrow()[i],
                    Value::Class(_) | Value::Function(_) | Value::Module(_) | Value::Builtin(_)
                );
                if code == data_first {
                    continue;
                }
                let old = std::mem::replace(&mut self.globals.borrow_mut()[i], Value::Unbound);
                drop(old);
                if self.finalize_due.get() {
                    self.drop_place.set(DropPlace::Exit);
                    self.finalize()?;
                }
            }
        }
        Ok(())
    }

    /// A copy of the current context (see `context`), for a task made now.
    pub fn context_copy(&self) -> Rc<RefCell<super::value::Dict>> {
        Rc::new(RefCell::new(self.context.borrow().borrow().clone()))
    }

    /// `module.name`: for a module written in Python (see `library`), its global; for
    /// one written in Rust with a part in Python (`asyncio`, `contextlib`), the Rust
    /// part's first.
    pub fn module_attr(&self, module: super::value::Module, name: &str) -> Res<Value> {
        if let (super::value::Module::Sys, "stdout" | "stderr") = (module, name) {
            if let Some(stream) = &self.streams.borrow()[usize::from(name == "stderr")] {
                return Ok(stream.clone());
            }
        }
        if let Some((.., set)) = self.module_overrides.borrow().iter().find(|(m, n, _)| *m == module && &**n == name) {
            return Ok(set.clone());
        }
        if name == "__name__" {
            return Ok(Value::str(if module == super::value::Module::OsPath { "posixpath" } else { module.name() }));
        }
        let library = || self.global(&format!("{}.{name}", module.name()));
        if super::library::source(module).is_none() {
            return super::builtins::getattr(&Value::Module(module), name);
        }
        if module.in_python() {
            if let Some(v) = library() {
                return Ok(v);
            }
            return super::builtins::getattr(&Value::Module(module), name);
        }
        match super::builtins::getattr(&Value::Module(module), name) {
            Err(Unwind::Raise(e)) if e.kind == super::exceptions::ExcType::AttributeError => {
                library().ok_or(Unwind::Raise(e))
            }
            other => other,
        }
    }

    /// The program's loop, as the program sees it.
    pub fn loop_object(&self) -> Value {
        self.the_loop
            .borrow_mut()
            .get_or_insert_with(|| {
                Value::Object(Rc::new(super::objects::Obj::Loop(super::objects::LoopState::default())))
            })
            .clone()
    }

    /// The flags of the program's loop object (made if it was not).
    pub fn loop_state<T>(&self, read: impl FnOnce(&super::objects::LoopState) -> T) -> T {
        match self.loop_object() {
            Value::Object(o) => match &*o {
                super::objects::Obj::Loop(state) => read(state),
                _ => unreachable!("the loop object"),
            },
            _ => unreachable!("the loop object"),
        }
    }

    /// Whether the program's loop is in debug mode (`loop.set_debug(True)`).
    pub fn loop_debug(&self) -> bool {
        let the_loop = self.the_loop.borrow();
        match the_loop.as_ref() {
            Some(Value::Object(o)) => matches!(&**o, super::objects::Obj::Loop(state) if state.debug.get()),
            _ => false,
        }
    }

    /// Lets go of the loop object, whatever its state: the next is a new one (the
    /// loop `asyncio.run` makes for itself).
    pub fn forget_loop_object(&self) {
        *self.the_loop.borrow_mut() = None;
    }

    /// Where CPython makes a new loop: once the program's loop is closed, the next one
    /// is a new object (the machine's loop goes on: its clock, its task numbers).
    pub fn new_loop_object(&self) {
        let current = self.the_loop.borrow().clone();
        if current.is_some_and(
            |l| matches!(&l, Value::Object(o) if matches!(&**o, super::objects::Obj::Loop(s) if s.closed.get())),
        ) {
            *self.the_loop.borrow_mut() = None;
        }
    }

    /// Gives the program its loop.
    pub fn set_runtime(&self, rt: crate::runtime::Runtime) {
        *self.rt.borrow_mut() = Some(rt);
    }

    pub fn rt(&self) -> Option<crate::runtime::Runtime> {
        self.rt.borrow().clone()
    }

    /// Stops the run for a reason no `except` can catch (a budget ran out).
    pub fn halt(&self, message: String) {
        self.halted.borrow_mut().get_or_insert(message);
        if let Some(rt) = self.rt() {
            rt.stop();
        }
    }

    pub fn halted(&self) -> Option<String> {
        self.halted.borrow().clone()
    }

    /// Stops a step that runs too long without awaiting, and has a long one pause now
    /// and then, for the Rust futures that work a while (`time.sleep`, `gather` making
    /// thousands of tasks): the tab must never freeze.
    pub async fn check_budget(&self, now: bool) -> Res<()> {
        let due = if now { self.spend(1)? } else { self.tick()? };
        if due && self.may_pause() {
            Pause { interp: self, asked: false }.await;
        }
        Ok(())
    }

    /// Counts one tick (a loop's turn, a call) against the budgets; every `TICKS`, reads
    /// the clocks and the heap. True if the program should pause now.
    #[inline(always)]
    pub fn tick(&self) -> Res<bool> {
        Ok(self.tick_vm()? == Tick::Pause)
    }

    /// [`Interp::tick`], saying also when the VM's loop leaves itself (every `TICKS`
    /// ticks, see `vm::Ran::Again`): `Go` on, `Again` from `drive`, or `Pause` (if it may).
    #[inline(always)]
    pub fn tick_vm(&self) -> Res<Tick> {
        let left = self.ticks.get();
        if left > 1 {
            self.ticks.set(left - 1);
            return Ok(Tick::Go);
        }
        Ok(if self.ticks_out()? { Tick::Pause } else { Tick::Again })
    }

    /// Every `TICKS` ticks, the clocks and the heap are read.
    #[inline(never)]
    fn ticks_out(&self) -> Res<bool> {
        let left = self.ticks.get();
        self.ticks.set(TICKS);
        self.spend(u64::from(TICKS + 1 - left))
    }

    /// Whether the running code may pause now: not inside a call from Rust.
    pub fn may_pause(&self) -> bool {
        self.nested.get() == 0
    }

    /// For a run driven a piece at a time (the page's foresight): the page's turn
    /// between two pieces begins (`away`) or ends. Whatever made the piece end (a step
    /// that paused, or the loop between two handles), that time is not the program's
    /// work, and the budgets do not count it.
    pub fn away(&self, away: bool) {
        let Some(clock) = self.wall.get() else { return };
        self.in_pieces.set(true);
        let now = clock();
        if away {
            self.away_since.set(Some(now));
        } else if let Some(since) = self.away_since.take() {
            let (paused_wall, paused_host) = self.paused_for.get();
            self.paused_for.set((paused_wall + now - since, paused_host));
            self.worked_from.set(now);
        }
    }

    /// Whether the module's code, outside the loop's tasks, is paused (see
    /// [`PAUSE_AFTER`]).
    pub fn module_paused(&self) -> bool {
        self.paused_at.get().is_some_and(|(_, _, module)| module)
    }

    /// Counts `ticks` against the budgets and reads the clocks; true if the program
    /// should pause now.
    pub fn spend(&self, ticks: u64) -> Res<bool> {
        // What the program itself holds: the heap beyond what was in use when it began
        // (runs that are over but not yet freed are not its doing).
        let heap = crate::memory::in_use();
        if heap.saturating_sub(self.memory_at_start) > crate::memory::LIMIT {
            return Err(self.stopping(format!(
                "The program held more than {} MB of memory, the most the playground allows: it was stopped.",
                crate::memory::LIMIT >> 20
            )));
        }
        let (step, began, ops, wall_began) = self.budget.get();
        let ops = ops + ticks;
        self.budget.set((step, began, ops, wall_began));
        self.heap_read.set(heap);
        let Some(rt) = self.rt() else { return Ok(false) };
        // Both clocks less the time spent paused: the budgets are for work.
        let (paused_wall, paused_host) = self.paused_for.get();
        let (current, time) = (rt.steps_run(), rt.host_now() - paused_host);
        // A thousand statements in one step: the trace should say how long it ran.
        rt.worked();
        let cap = if rt.host_is_real() { MAX_EVENTS } else { FORESEE_EVENTS };
        let clock = self.wall.get();
        let raw_wall = clock.map_or(0.0, |clock| clock());
        if rt.trace().events.len() > cap {
            // Stopping a run of many tasks takes a while (each is freed): in a piece of
            // its own, if this one has been working a while and may pause.
            let working = raw_wall - self.worked_from.get() > PAUSE_AFTER / 4.0;
            if clock.is_some() && working && (self.module_polling.get() || rt.may_pause()) {
                return Ok(true);
            }
            // Foreseen, a program that runs for ever with timers gets there too, in
            // hours of the loop's time: what matters then is that it may never end.
            return Err(self.stopping(if rt.host_is_real() {
                format!(
                    "The run recorded over {MAX_EVENTS} events (steps, wake-ups, cancellations), the most the playground keeps: it was stopped."
                )
            } else {
                gave_up(&rt, "a hundred thousand events")
            }));
        }
        let wall = raw_wall - paused_wall;
        let started = self.wall_start.get().unwrap_or_else(|| {
            self.worked_from.set(raw_wall);
            wall
        });
        self.wall_start.set(Some(started));
        // (A real run may go on for ever; foreseeing one on the virtual clock may not.)
        if !rt.host_is_real() && wall - started > FORESEE_BUDGET {
            return Err(self.stopping(gave_up(&rt, "one second of work")));
        }
        if current != step {
            self.budget.set((current, time, 0, wall));
            // On the page's loop, the browser has its turn between slices of steps; on
            // the virtual clock, only when a step pauses.
            if rt.host_is_real() {
                self.worked_from.set(raw_wall);
                return Ok(false);
            }
        } else {
            let (budget, counted) = match rt.host_is_real() {
                true => (STEP_BUDGET, clock.is_none()),
                false => (FORESEEN_STEP_BUDGET, true),
            };
            if time - began > budget || wall - wall_began > budget || (counted && ops > STEP_STATEMENTS) {
                return Err(self.blocked(&rt, budget));
            }
        }
        let due = clock.is_some() && raw_wall - self.worked_from.get() > PAUSE_AFTER;
        if !due
            && ops >= SWITCH_TICKS
            && self.may_pause()
            && rt.may_pause()
            && rt.current_is_thread()
            && rt.others_waiting()
        {
            // A thread that computes lets the others (and the loop) run, as CPython's
            // GIL passes every 5 ms of a thread's work.
            self.switch_due.set(true);
            return Ok(true);
        }
        Ok(due && (self.module_polling.get() || rt.may_pause()))
    }

    /// Why a step that worked past its budget was halted.
    fn blocked(&self, rt: &crate::runtime::Runtime, budget: f64) -> Unwind {
        let who = self.working(rt);
        let budget = if budget >= 1.0 { format!("{budget} s") } else { format!("{} ms", (budget * 1000.0) as u32) };
        let message = format!(
            "{who} ran for over {budget} without awaiting anything. That is what blocking the event loop means: \
             no other task, timer or callback can run until it awaits. The playground stopped the run."
        );
        self.stopping(message)
    }

    /// The text of the program's line `line` (from 1), stripped: empty if there is none.
    pub fn source_line(&self, line: u32) -> String {
        let source = self.source.borrow();
        source.lines().nth((line as usize).wrapping_sub(1)).unwrap_or("").trim().to_owned()
    }

    /// What works now, as the budget's messages name it: `Task-1 (main)`, or the program
    /// (the module's code).
    fn working(&self, rt: &crate::runtime::Runtime) -> String {
        match rt.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned()) {
            Some(task) => format!("{} ({})", task.name.borrow(), task.coro_name),
            None => "The program".to_owned(),
        }
    }

    /// The playground stops the program, saying why: noted at once, so that what the
    /// program leaves behind on the way out (coroutines it made and never awaited) does
    /// not warn as if the program had ended by itself.
    fn stopping(&self, message: String) -> Unwind {
        self.halted.borrow_mut().get_or_insert_with(|| message.clone());
        Unwind::Halt(message)
    }

    /// Keeps an error a special method raised where Rust could not pass it on (the
    /// first one kept wins).
    pub fn keep_error(&self, e: Unwind) {
        self.kept_error.borrow_mut().get_or_insert(e);
        self.kept.set(true);
    }

    /// The error kept, if any (see [`Interp::keep_error`]).
    #[inline(always)]
    pub fn take_kept(&self) -> Option<Unwind> {
        if !self.kept.get() {
            return None;
        }
        self.kept.set(false);
        self.kept_error.borrow_mut().take()
    }

    /// A line the program writes to standard error (`logging`, `sys.stderr.write`): the
    /// log is for reading, so this stops at as many lines as printing does.
    pub fn write_stderr(&self, line: String) -> Res<()> {
        let mut stderr = self.stderr.borrow_mut();
        if stderr.len() >= MAX_PRINTED as usize {
            drop(stderr);
            return Err(self.stopping(format!(
                "The program wrote {MAX_PRINTED} lines to standard error, the most the playground shows: it stopped the run."
            )));
        }
        stderr.push(line);
        Ok(())
    }

    /// Writes `text` to standard error as `sys.stderr.write` and `print(file=...)` do:
    /// what ends with a newline goes out as one entry, the rest waits for its end.
    pub fn write_stderr_text(&self, text: &str) -> Res<()> {
        let mut pending = self.stderr_pending.borrow_mut();
        pending.push_str(text);
        let Some(end) = pending.rfind('\n') else { return Ok(()) };
        let entry = pending[..end].to_owned();
        pending.replace_range(..=end, "");
        drop(pending);
        self.write_stderr(entry)
    }

    /// What standard error was left with no newline at its end, written out.
    pub fn flush_stderr(&self) {
        let rest = std::mem::take(&mut *self.stderr_pending.borrow_mut());
        if !rest.is_empty() {
            self.stderr.borrow_mut().push(rest);
        }
    }

    /// Writes `text` as `sys.stdout.write` would: whole lines go out, the rest waits.
    pub fn write(&self, text: &str) -> Res<()> {
        let mut pending = self.pending.borrow_mut();
        pending.push_str(text);
        while let Some(end) = pending.find('\n') {
            if self.printed.get() >= MAX_PRINTED {
                pending.clear();
                return Err(self.stopping(format!(
                    "The program printed {MAX_PRINTED} lines, the most the playground shows: it stopped the run."
                )));
            }
            self.printed.set(self.printed.get() + 1);
            let line: String = pending.drain(..=end).collect();
            self.output.line(&line[..line.len() - 1]);
        }
        Ok(())
    }

    /// Sends out what was printed without a line break, as a program's end does.
    pub fn flush(&self) {
        let rest = std::mem::take(&mut *self.pending.borrow_mut());
        if !rest.is_empty() {
            self.output.line(&rest);
        }
    }
}

/// Why the page stopped foreseeing a run on the virtual clock (`why`: what it reached).
fn gave_up(rt: &crate::runtime::Runtime, why: &str) -> String {
    format!(
        "The page stopped foreseeing this run after {} s of the loop's time ({why}): it may never end.",
        crate::number::shortest((rt.host_now() * 1000.0).round() / 1000.0)
    )
}

/// A program that pauses (see [`PAUSE_AFTER`]): `Pending` once, which hands the page its
/// turn, then `Ready` when polled again, the step (or the module's code) going on.
struct Pause<'a> {
    interp: &'a Interp,
    asked: bool,
}

impl std::future::Future for Pause<'_> {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.interp.rt().is_none() {
            return std::task::Poll::Ready(());
        }
        if !std::mem::replace(&mut self.asked, true) {
            self.interp.pause_begin();
            return std::task::Poll::Pending;
        }
        self.interp.pause_end();
        std::task::Poll::Ready(())
    }
}

impl Interp {
    /// The running code pauses to let the page have its turn: the loop keeps the step
    /// (or the module waits), and the time until [`Interp::pause_end`] is not work.
    pub fn pause_begin(&self) {
        let Some(rt) = self.rt() else { return };
        if self.switch_due.take() {
            // (A thread's switch: its step ends here and goes on later, as a new one.)
            rt.switch();
            return;
        }
        let wall = self.wall.get().map_or(0.0, |clock| clock());
        let module = self.module_polling.get();
        self.paused_at.set(Some((wall, rt.host_now(), module)));
        if !module {
            rt.pause();
        }
        // How long it has worked so far, as the budget counts it.
        let worked = wall - self.paused_for.get().0 - self.budget.get().3;
        if worked >= 1.0 && rt.host_is_real() {
            let who = self.working(&rt);
            *self.blocked_note.borrow_mut() = Some(format!(
                "{who} has worked {worked:.0} s without awaiting: nothing else runs until it awaits \
                 (the loop is blocked). The playground stops it after {STEP_BUDGET} s; Stop ends it now."
            ));
        }
    }

    /// The code that paused goes on.
    pub fn pause_end(&self) {
        self.blocked_note.borrow_mut().take();
        let Some(rt) = self.rt() else { return };
        let wall = self.wall.get().map_or(0.0, |clock| clock());
        // (Driven a piece at a time, the time away is counted where the pieces end.)
        if let Some((wall_then, host_then, _)) = self.paused_at.take().filter(|_| !self.in_pieces.get()) {
            let (paused_wall, paused_host) = self.paused_for.get();
            self.paused_for.set((paused_wall + wall - wall_then, paused_host + rt.host_now() - host_then));
        }
        self.worked_from.set(wall);
    }

    /// Whether the running code paused and has not gone on yet.
    pub fn is_paused(&self) -> bool {
        self.paused_at.get().is_some()
    }
}
