//! The Python the playground's editor runs: a subset of Python 3.11 that covers what an
//! asyncio tutorial writes, read into a syntax tree that keeps where each part came from.
//! What is not Python is refused with CPython's words; what is Python but not in the
//! subset is refused with a sentence naming it, before anything runs.

pub mod ast;
pub mod asyncio;
pub mod big;
pub mod builtins;
pub mod bytecode;
pub mod bytes;
pub mod classes;
pub mod compile;
pub mod exceptions;
pub mod format;
pub mod graph;
pub mod interp;
pub mod lexer;
pub mod library;
pub mod objects;
pub mod parser;
pub mod random;
pub mod scope;
pub mod sre;
pub mod stdlib;
pub mod text;
pub mod value;
pub mod vm;

use std::fmt;

/// A place in the source: line from 1, column from 0, in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A stretch of source, from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn at(pos: Pos) -> Span {
        Span { start: pos, end: pos }
    }

    pub fn to(self, other: Span) -> Span {
        Span { start: self.start, end: other.end }
    }
}

/// Why a program cannot run: not Python (`SyntaxError`), or Python the playground
/// does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    /// True when the program is Python, but outside the playground's subset.
    pub unsupported: bool,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError { message: message.into(), span, unsupported: false }
    }

    pub fn unsupported(what: impl fmt::Display, span: Span) -> Self {
        SyntaxError { message: format!("{what} not supported in the playground"), span, unsupported: true }
    }
}

impl fmt::Display for SyntaxError {
    /// As CPython's last line: `SyntaxError: expected ':'`, with the place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.unsupported { "NotSupported" } else { "SyntaxError" };
        write!(f, "line {}, column {}: {kind}: {}", self.span.start.line, self.span.start.col + 1, self.message)
    }
}

pub use parser::parse;

use std::cell::RefCell;
use std::rc::Rc;

use exceptions::Exception;
use interp::{Interp, Output, Unwind};
use value::Value;
use vm::{Fiber, FiberKind, Ran, Start};

/// A program read, checked and compiled, ready to run.
pub struct Program {
    pub source: String,
    pub body: ast::Block,
    /// The module's code, and the names of the program's globals.
    pub code: Rc<bytecode::Code>,
    pub globals: Rc<compile::GlobalNames>,
    /// Whether it runs as a notebook cell: inside a loop that is already running, as a
    /// task of its own, where `await` is allowed outside functions.
    pub cell: bool,
    /// What `random` is seeded from when the program does not seed it: chosen once for
    /// the program, so that the page's foresight and its run print the same numbers.
    pub seed: std::cell::Cell<u64>,
}

impl Program {
    /// Reads `source` as a script (`python3 main.py`), or says why it cannot run.
    pub fn new(source: &str) -> Result<Rc<Program>, SyntaxError> {
        Program::read(source, false)
    }

    /// Reads `source` as a notebook cell, whose loop is running already.
    pub fn new_cell(source: &str) -> Result<Rc<Program>, SyntaxError> {
        Program::read(source, true)
    }

    fn read(source: &str, cell: bool) -> Result<Rc<Program>, SyntaxError> {
        let body = parser::parse_with(source, cell)?;
        Program::compiled(source.to_owned(), body, cell, false)
    }

    fn compiled(source: String, body: ast::Block, cell: bool, line_events: bool) -> Result<Rc<Program>, SyntaxError> {
        let scopes = scope::resolve(&body)?;
        let (libraries, mut globals) = library::compile_imports(&body);
        let code = compile::compile_module(&source, &body, &scopes, &mut globals, cell, line_events, &libraries)?;
        Ok(Rc::new(Program { source, body, code, globals: Rc::new(globals), cell, seed: std::cell::Cell::new(0) }))
    }

    /// The same program, compiled to record each line it runs, in its trace
    /// ([`Trace::lines_run`]): for a view that steps through a run line by line. It
    /// runs as the program does, a little slower; the program itself records nothing.
    ///
    /// [`Trace::lines_run`]: crate::trace::Trace::lines_run
    pub fn with_line_events(&self) -> Rc<Program> {
        let program = parser::parse_with(&self.source, self.cell)
            .and_then(|body| Program::compiled(self.source.clone(), body, self.cell, true))
            .expect("a program that compiled once compiles again");
        // (The same run: its unseeded random numbers too.)
        program.seed.set(self.seed.get());
        program
    }

    /// The machine for a run of this program, printing to `output`.
    fn machine(&self, output: Box<dyn Output>) -> Rc<Interp> {
        let interp = Interp::new(self.code.clone(), self.globals.clone(), output);
        interp.random_seed.set(self.seed.get());
        *interp.source.borrow_mut() = Rc::from(self.source.as_str());
        if !self.cell {
            // A script's own file (CPython's is its full path; the page's program is
            // main.py). A notebook cell has none, as in Jupyter.
            if let Some(slot) = self.globals.find("__file__") {
                interp.globals.borrow_mut()[slot as usize] = Value::str("main.py");
            }
        }
        interp
    }

    /// The module's code as a fiber to run outside the loop.
    fn module_fiber(&self) -> Fiber {
        Fiber::new(FiberKind::Module, Start::Call(Value::Code(self.code.clone()), Vec::new(), Vec::new()))
    }

    /// How a run of the module ended: the traceback, or the message it was halted with.
    fn ended(&self, result: interp::Res<()>) -> Option<String> {
        match result {
            Ok(()) => None,
            // `sys.exit()`: no traceback; its message, if it has one, on its own (an exit
            // status prints nothing, as in CPython).
            Err(Unwind::Raise(e)) if e.kind == exceptions::ExcType::SystemExit => match e.args.borrow().first() {
                None | Some(Value::None) | Some(Value::Int(_) | Value::Bool(_)) => None,
                Some(other) => Some(other.to_str()),
            },
            Err(Unwind::Raise(e)) => {
                // Uncaught, it lets go of the frames it kept (as the interpreter's exit
                // frees them once it has printed it).
                e.release_kept();
                Some(exceptions::format_uncaught(&self.source, &e))
            }
            Err(Unwind::Halt(message)) => Some(message),
        }
    }

    /// The traceback CPython prints for an exception that ends the program.
    pub fn traceback(&self, e: &Rc<Exception>) -> String {
        exceptions::format_traceback(&self.source, e)
    }

    /// Runs a program that needs no event loop, for the tests of the language itself:
    /// what it printed, and the traceback it ended with, if any.
    pub fn run_without_loop(&self) -> (Vec<String>, Option<String>) {
        struct Lines(Rc<RefCell<Vec<String>>>);
        impl Output for Lines {
            fn line(&self, text: &str) {
                self.0.borrow_mut().push(text.to_owned());
            }
        }
        let lines = Rc::new(RefCell::new(Vec::new()));
        let interp = self.machine(Box::new(Lines(lines.clone())));
        let mut fiber = self.module_fiber();
        let result = match interp.drive(&mut fiber) {
            Ran::Returned(_) => Ok(()),
            Ran::Raised(e) => Err(e),
            Ran::Waiting | Ran::Paused | Ran::Yielded(_) | Ran::Again => {
                unreachable!("nothing waits without an event loop, and drive runs the loop again")
            }
        };
        drop(fiber);
        let _ = interp.finalize();
        interp.flush();
        let error = self.ended(result);
        let printed = lines.borrow().clone();
        (printed, error)
    }
}

/// A program run on the virtual clock: what it printed, when, and how it ended.
pub struct Simulated {
    pub trace: crate::trace::Trace,
    /// The traceback (or the halting message) it ended with, if any.
    pub error: Option<String>,
    /// What it wrote to standard error besides: warnings, exceptions in callbacks.
    pub stderr: Vec<String>,
}

impl Simulated {
    /// Every printed line with the loop's time.
    pub fn lines(&self) -> Vec<(String, f64)> {
        self.trace.printed().map(|(text, _, at)| (text.to_owned(), at)).collect()
    }
}

impl Program {
    /// Runs the program on the virtual clock: its ideal run, at once.
    pub fn simulate(self: &Rc<Self>) -> Simulated {
        self.simulate_stopped_at(None)
    }

    /// Runs the program on the virtual clock with Stop pressed at `at` seconds on the
    /// loop's clock, as Ctrl+C would be ([`Runtime::interrupt`]), if given.
    ///
    /// [`Runtime::interrupt`]: crate::runtime::Runtime::interrupt
    pub fn simulate_stopped_at(self: &Rc<Self>, at: Option<f64>) -> Simulated {
        use crate::runtime::Runtime;
        use crate::virtual_clock::VirtualHost;
        let host = VirtualHost::new(0.0);
        let rt = Runtime::new(host.clone());
        let (error, stderr) = self.simulate_until(&rt, &host, None, at);
        Simulated { trace: rt.take_trace(), error, stderr }
    }

    /// Runs the program on `rt`, driven by the virtual clock `host`, to its end: the
    /// traceback or message it ended with, and what it wrote to standard error. With a
    /// `wall` clock (seconds), a step that runs too long for real is halted too.
    pub fn simulate_on(
        self: &Rc<Self>,
        rt: &crate::runtime::Runtime,
        host: &crate::virtual_clock::VirtualHost,
        wall: Option<fn() -> f64>,
    ) -> (Option<String>, Vec<String>) {
        self.simulate_until(rt, host, wall, None)
    }

    fn simulate_until(
        self: &Rc<Self>,
        rt: &crate::runtime::Runtime,
        host: &crate::virtual_clock::VirtualHost,
        wall: Option<fn() -> f64>,
        stop_at: Option<f64>,
    ) -> (Option<String>, Vec<String>) {
        let mut simulation = Simulation::start(self, rt, wall, stop_at);
        loop {
            if let Some(ended) = simulation.work(host) {
                return ended;
            }
        }
    }
}

/// How long a view may take to read a program's state by running it again: a clock
/// (seconds) and how many seconds of it; with none, as long as it takes. The clock also
/// times the run's steps as a run's are (see [`Simulation::start`]).
pub type Budget = Option<(fn() -> f64, f64)>;

/// Whether a reading that began now has gone past `budget`.
fn over_budget(budget: Budget) -> impl Fn() -> bool {
    let began = budget.map_or(0.0, |(wall, _)| wall());
    move || budget.is_some_and(|(wall, most)| wall() - began > most)
}

/// What a view shows inside a program at a moment: every task's frames, and the await
/// graph as `python -m asyncio pstree` draws it (see [`graph::pstree`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inside {
    pub tasks: Vec<TaskFrames>,
    pub tree: Vec<String>,
    /// How many tasks there are, when too many for the tree (see [`graph::MOST_TREE_TASKS`]).
    pub too_many: Option<usize>,
}

/// One task's frames at a moment (or the module's code's, with no task).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskFrames {
    pub task: Option<crate::runtime::TaskId>,
    /// Its name (`Task-2`, or the one it was given), or `<module>`.
    pub name: String,
    /// Outermost first: its coroutine, then each coroutine or generator it awaits,
    /// down to the frame where it stands.
    pub frames: Vec<vm::FrameView>,
}

impl Program {
    /// The frames of every task not yet done, and of the module's code, as they stood
    /// at the end of the handle of the loop that recorded event `event` of the run's
    /// trace (with Stop pressed at `stop_at` on the loop's clock, as the run had it).
    /// Nothing is recorded during a run for this: the program is run again on the
    /// virtual clock up to there, and a run takes the same steps in the same order
    /// every time. After the run's end, nothing is left to show.
    pub fn frames_at(self: &Rc<Self>, event: usize, stop_at: Option<f64>) -> Vec<TaskFrames> {
        self.inside_at_within(event, stop_at, None).unwrap_or_default().tasks
    }

    /// [`Program::frames_at`] within `budget`: its steps timed by the budget's clock, as
    /// a run's are (one that works too long is halted, and nothing after it is shown),
    /// and `None` if reading takes longer than the budget allows.
    fn inside_at_within(self: &Rc<Self>, event: usize, stop_at: Option<f64>, budget: Budget) -> Option<Inside> {
        let host = crate::virtual_clock::VirtualHost::new(0.0);
        let rt = crate::runtime::Runtime::new(host.clone());
        rt.hand_back_after(event);
        let mut simulation = Simulation::start(self, &rt, budget.map(|(wall, _)| wall), stop_at);
        let over = over_budget(budget);
        loop {
            if simulation.work(&host).is_some() {
                return Some(Inside::default());
            }
            if rt.handed_back() {
                return Some(simulation.inside());
            }
            if over() {
                return None;
            }
        }
    }
}

impl Program {
    /// The frames of every task not done, and of the module's code, at the moment after
    /// the first `n` events of the run's trace, as the last of the loop's handles to
    /// end by then left them: a moment inside a task's step shows the tasks as they
    /// stood when the step began (the running one where it is about to resume). Stop
    /// pressed at `stop_at` on the loop's clock, as in [`Program::frames_at`]; `None` if
    /// reading takes longer than `budget` allows. Past the run's end, nothing is left.
    pub fn frames_after(self: &Rc<Self>, n: usize, stop_at: Option<f64>, budget: Budget) -> Option<Vec<TaskFrames>> {
        self.inside_after(n, stop_at, budget).map(|inside| inside.tasks)
    }

    /// [`Program::frames_after`], with the await graph then.
    pub fn inside_after(self: &Rc<Self>, n: usize, stop_at: Option<f64>, budget: Budget) -> Option<Inside> {
        let host = crate::virtual_clock::VirtualHost::new(0.0);
        let rt = crate::runtime::Runtime::new(host.clone());
        let recorded = || rt.trace().events.len();
        // First, where the handles end: the last end at or before the moment.
        let mut boundary = None;
        rt.hand_back_after(0);
        let mut simulation = Simulation::start(self, &rt, budget.map(|(wall, _)| wall), stop_at);
        let over = over_budget(budget);
        loop {
            if simulation.work(&host).is_some() {
                return Some(Inside::default());
            }
            if over() {
                return None;
            }
            if !rt.handed_back() {
                continue;
            }
            let at = recorded();
            if at == n {
                return Some(simulation.inside());
            }
            if at > n {
                break;
            }
            boundary = Some(at);
            // (A mark below what the trace holds: the turn comes after the next handle.)
            rt.hand_back_after(at - 1);
        }
        // The moment is inside a handle: the frames as the one before it left them (or,
        // inside the first, as the first left them).
        match boundary {
            Some(at) => self.inside_at_within(at - 1, stop_at, budget),
            None => Some(simulation.inside()),
        }
    }
}

impl Program {
    /// The lines its run begins, as `sys.settrace` sees them: (how many events the trace
    /// held then, the task, the line) in order, up to [`crate::trace::LINES_RUN_MOST`].
    /// The program runs on the virtual clock compiled to record them (as it prints and
    /// takes the same steps either way), with Stop pressed at `stop_at` as in
    /// [`Program::frames_at`]; `None` if that takes longer than `budget` allows.
    pub fn lines_run(self: &Rc<Self>, stop_at: Option<f64>, budget: Budget) -> Option<Vec<(u32, u32, u32)>> {
        let program = self.with_line_events();
        let host = crate::virtual_clock::VirtualHost::new(0.0);
        let rt = crate::runtime::Runtime::new(host.clone());
        let mut simulation = Simulation::start(&program, &rt, budget.map(|(wall, _)| wall), stop_at);
        let over = over_budget(budget);
        while simulation.work(&host).is_none() {
            if over() {
                return None;
            }
        }
        let lines = rt.trace().lines_run.clone();
        Some(lines)
    }

    /// The frames of every task not done, and of the module's code, as the `k`-th line
    /// its run begins (from 0, in [`Program::lines_run`]'s order) is about to run: the
    /// running task's innermost frame stands at that line, its variables as they are
    /// then. (A line inside a callback, which cannot pause, shows the frames at the next
    /// line that can.) Nothing once the run is over; `None` if reading takes longer than
    /// `budget` allows.
    pub fn frames_at_line(self: &Rc<Self>, k: usize, stop_at: Option<f64>, budget: Budget) -> Option<Vec<TaskFrames>> {
        self.inside_at_line(k, stop_at, budget).map(|inside| inside.tasks)
    }

    /// [`Program::frames_at_line`], with the await graph then.
    pub fn inside_at_line(self: &Rc<Self>, k: usize, stop_at: Option<f64>, budget: Budget) -> Option<Inside> {
        let program = self.with_line_events();
        let host = crate::virtual_clock::VirtualHost::new(0.0);
        let rt = crate::runtime::Runtime::new(host.clone());
        let mut simulation = Simulation::start(&program, &rt, budget.map(|(wall, _)| wall), stop_at);
        simulation.stop_at_line(k + 1);
        let over = over_budget(budget);
        loop {
            if simulation.work(&host).is_some() {
                return Some(Inside::default());
            }
            if simulation.stopped_at_line() {
                return Some(simulation.inside());
            }
            if over() {
                return None;
            }
        }
    }
}

/// A program being run on the virtual clock, a piece at a time: the page's run pauses
/// now and then (see [`interp::PAUSE_AFTER`]) to let the page draw and take input.
pub struct Simulation {
    run: Option<Execution>,
    rt: crate::runtime::Runtime,
    stop_at: Option<f64>,
    /// How many times the loop ran out of things to do with the module still waiting.
    idle: u32,
    /// Whether the loop handed its turn back before it had nothing left to do.
    yielded: bool,
    /// How the program ended, once it has, while what it left is still to be cleared
    /// up: in a piece of its own where the page has its turn in between (a hundred
    /// thousand tasks take a while to free).
    ended: Option<Option<String>>,
}

impl Simulation {
    /// Starts `program` on `rt`, whose host is a virtual clock; with a `wall` clock
    /// (seconds), a step that runs too long for real is halted, and a long one pauses.
    /// With `stop_at`, Stop is pressed at that time on the loop's clock, as Ctrl+C
    /// would be ([`Runtime::interrupt`]).
    ///
    /// [`Runtime::interrupt`]: crate::runtime::Runtime::interrupt
    pub fn start(
        program: &Rc<Program>,
        rt: &crate::runtime::Runtime,
        wall: Option<fn() -> f64>,
        stop_at: Option<f64>,
    ) -> Simulation {
        let run = Execution::start(program.clone(), rt.clone());
        run.interp.wall.set(wall);
        Simulation { run: Some(run), rt: rt.clone(), stop_at, idle: 0, yielded: false, ended: None }
    }

    /// Runs the program on until it ends (then the traceback or message it ended with,
    /// and what it wrote to standard error) or pauses (`None`: call again).
    pub fn work(&mut self, host: &crate::virtual_clock::VirtualHost) -> Option<(Option<String>, Vec<String>)> {
        let run = self.run.as_mut()?;
        run.interp.away(false);
        if let Some(error) = self.ended.take() {
            let run = self.run.take()?;
            return Some((error, run.finish()));
        }
        let error = loop {
            // (A loop that handed the host a turn goes on first: the module waiting in
            // `asyncio.run` goes on only once the loop has finished, as on the page.)
            if !std::mem::take(&mut self.yielded) || run.loop_finished() {
                if let Some(ended) = run.advance() {
                    break ended;
                }
                if run.module_paused() {
                    run.interp.away(true);
                    return None;
                }
            }
            // The module waits in asyncio.run: the loop runs until it has nothing to do
            // (or until Stop is pressed, and then on to its end).
            let steps = self.rt.steps_run();
            match self.stop_at.take() {
                Some(at) => {
                    host.drive_until(&self.rt, at);
                    self.rt.interrupt();
                    continue;
                }
                None if !host.drive_slice(&self.rt, f64::INFINITY) => {
                    self.yielded = true;
                    run.interp.away(true);
                    return None;
                }
                None => {}
            }
            // (Counted since the loop last ran a step: a script may call asyncio.run again.)
            self.idle = if self.rt.steps_run() == steps { self.idle + 1 } else { 1 };
            if self.idle > 2 {
                break Some(
                    "main() is waiting for something that can never happen: the loop has nothing left to run".into(),
                );
            }
        };
        if run.interp.wall.get().is_some() {
            run.interp.away(true);
            self.ended = Some(error);
            return None;
        }
        let run = self.run.take()?;
        Some((error, run.finish()))
    }

    /// Has the run pause as soon as `n` lines begun are recorded (in a program compiled
    /// to record them): see [`Program::frames_at_line`].
    pub fn stop_at_line(&self, n: usize) {
        if let Some(run) = &self.run {
            run.interp.line_stop.set(Some(n));
        }
    }

    /// Whether the run paused where [`Simulation::stop_at_line`] asked.
    pub fn stopped_at_line(&self) -> bool {
        self.run.as_ref().is_some_and(|run| run.interp.line_stop.get().is_none() && run.interp.is_paused())
    }

    /// [`Simulation::frames`], and the await graph.
    pub fn inside(&self) -> Inside {
        let tree = self.await_tree();
        Inside { tasks: self.frames(), too_many: tree.as_ref().err().copied(), tree: tree.unwrap_or_default() }
    }

    /// The await graph as `python -m asyncio pstree` draws it, now; past
    /// [`graph::MOST_TREE_TASKS`], how many tasks there are instead.
    pub fn await_tree(&self) -> Result<Vec<String>, usize> {
        self.run.as_ref().map_or(Ok(Vec::new()), |run| run.interp.await_tree())
    }

    /// The frames of the module's code and of every task not yet done, as they stand
    /// now (between two of the loop's handles, or where a step paused).
    pub fn frames(&self) -> Vec<TaskFrames> {
        let Some(run) = &self.run else { return Vec::new() };
        let mut all = Vec::new();
        if let Some(module) = &run.module {
            all.push(TaskFrames { task: None, name: "<module>".into(), frames: Interp::frames_of(module) });
        }
        let tasks: Vec<_> = run.interp.tasks.borrow().values().cloned().collect();
        for task in tasks.iter().filter(|task| !task.task.done() && !task.closing.get()) {
            // (A task of one of asyncio's own coroutines, `create_task(asyncio.sleep(1))`,
            // has no frame of the program's.)
            let fiber = task.fiber.as_ref().and_then(std::rc::Weak::upgrade);
            let frames = match fiber.as_ref().map(|f| f.try_borrow()) {
                Some(Ok(fiber)) => Interp::frames_of(&fiber),
                Some(Err(_)) => continue,
                None => Vec::new(),
            };
            all.push(TaskFrames { task: Some(task.id()), name: task.name.borrow().to_string(), frames });
        }
        all
    }
}

/// A program being run on a loop, by whatever host drives the loop. A script's module
/// code runs outside the loop's tasks, and waits in `asyncio.run` while the loop runs. A
/// notebook cell's runs as a task of the loop, which is running already (as Jupyter's
/// is), and the run is over once the loop has nothing left to do.
pub struct Execution {
    program: Rc<Program>,
    interp: Rc<Interp>,
    rt: crate::runtime::Runtime,
    /// The module's code, run outside the loop (a script's), until it ends.
    module: Option<Fiber>,
    /// For a cell: how its code ended, once it has.
    cell: Option<CellEnd>,
    /// How the module's code ended, while what CPython's interpreter does as it exits
    /// runs ([`EXIT_STEPS`]), and how many of those steps were started.
    exiting: Option<(interp::Res<()>, usize)>,
}

/// What CPython's interpreter runs as a script's code ends, in order: it waits for the
/// threads that are not daemons, then calls the `atexit` functions. (Each is a function
/// of a module written in Python, run if the program imported that module.)
const EXIT_STEPS: [&str; 2] = ["threading._shutdown", "atexit._run_exitfuncs"];

/// How a notebook cell's code ended, once it has.
type CellEnd = Rc<RefCell<Option<interp::Res<()>>>>;

impl Execution {
    /// Times the steps that block with `clock` (seconds) as well as the host's clock,
    /// which stands at 0 until the loop first runs (the module's code runs before).
    /// What the page says of a step that has worked a while without awaiting, while it
    /// is paused for the page (see `Interp::blocked_note`).
    pub fn blocked_note(&self) -> Rc<RefCell<Option<String>>> {
        self.interp.blocked_note.clone()
    }

    pub fn time_blocking_by(&self, clock: fn() -> f64) {
        self.interp.wall.set(Some(clock));
    }

    /// Starts `program`: nothing runs until [`Execution::advance`].
    pub fn start(program: Rc<Program>, rt: crate::runtime::Runtime) -> Execution {
        struct ToLoop(crate::runtime::Runtime);
        impl Output for ToLoop {
            fn line(&self, text: &str) {
                self.0.print(text);
            }
        }
        let interp = program.machine(Box::new(ToLoop(rt.clone())));
        interp.set_runtime(rt.clone());
        // The loop holds the probe, and the interpreter the loop: only a weak way back.
        let weak = Rc::downgrade(&interp);
        rt.set_line_probe(move || weak.upgrade().map_or(0, |interp| interp.line.get()));
        let weak = Rc::downgrade(&interp);
        rt.set_sigint(move || weak.upgrade().is_some_and(|interp| interp.take_sigint()));
        if program.cell {
            interp.cell.set(true);
            // The notebook's loop is running before the cell is.
            interp.loop_used.set(true);
            interp.loop_state(|l| l.running.set(true));
            let ended: CellEnd = Rc::default();
            let slot = ended.clone();
            // The cell's code is a coroutine, run as the loop's task.
            let function = vm::Function::new(program.code.clone(), Vec::new(), Vec::new(), Vec::new());
            let Value::Generator(cell) = interp
                .call_value(Value::Function(Rc::new(function)), Vec::new(), Vec::new())
                .expect("a coroutine's call makes its object")
            else {
                unreachable!("a cell's code is a coroutine")
            };
            let start = Start::Gen(cell, vm::Delivery::Value(Value::None), vm::Root::Call);
            let fiber = Rc::new(RefCell::new(Fiber::new(FiberKind::Task, start)));
            fiber.borrow_mut().base_depth = interp::TASK_DEPTH;
            let weak_fiber = Rc::downgrade(&fiber);
            let future = asyncio::TaskFuture {
                interp: interp.clone(),
                fiber,
                context: Some(interp.context_copy()),
                on_end: Some(Box::new(move |result: &interp::Res<Value>| {
                    // The cell's task fails as its code does; the traceback is the run's.
                    *slot.borrow_mut() = Some(result.clone().map(|_| ()));
                })),
            };
            let task = rt.create_task("notebook cell", future);
            let id = task.id();
            // The cell is a task like any other to the program (`asyncio.current_task()`).
            let mut of_cell = asyncio::PyTask::of_cell(task);
            of_cell.fiber = Some(weak_fiber);
            interp.tasks.borrow_mut().insert(id, Rc::new(of_cell));
            return Execution { program, interp, rt, module: None, cell: Some(ended), exiting: None };
        }
        let module = program.module_fiber();
        Execution { program, interp, rt, module: Some(module), cell: None, exiting: None }
    }

    /// Runs the module's code until it waits for the loop (`None`) or ends: then the
    /// traceback or message it ended with, if any. A cell's run ends when the loop has
    /// nothing left to do.
    pub fn advance(&mut self) -> Option<Option<String>> {
        if let Some(ended) = &self.cell {
            if !self.rt.idle() {
                return None;
            }
            let result = ended.borrow_mut().take().unwrap_or_else(|| {
                Err(Unwind::Halt(
                    "The cell is waiting for something that can never happen: the loop has nothing left to run".into(),
                ))
            });
            self.cell = None;
            self.interp.flush();
            return Some(self.program.ended(result));
        }
        let module = self.module.as_mut()?;
        self.interp.module_polling.set(true);
        let ran = self.interp.drive(module);
        self.interp.module_polling.set(false);
        let result = match ran {
            Ran::Waiting | Ran::Paused => return None,
            Ran::Returned(_) => Ok(()),
            Ran::Raised(e) => Err(e),
            Ran::Yielded(_) => unreachable!("the module's code does not yield"),
            Ran::Again => unreachable!("drive runs the loop again"),
        };
        self.module = None;
        // (What an exit step ends with counts for nothing: the module's code's end does.)
        let (result, mut next) = self.exiting.take().unwrap_or((result, 0));
        self.interp.exiting.set(true);
        while next < EXIT_STEPS.len() && self.interp.halted().is_none() {
            let step = self.interp.global(EXIT_STEPS[next]);
            next += 1;
            if let Some(step) = step {
                self.exiting = Some((result, next));
                self.module = Some(Fiber::new(FiberKind::Module, Start::Call(step, Vec::new(), Vec::new())));
                return self.advance();
            }
        }
        // Then the interpreter clears the module's variables: the objects only they
        // held are freed, and their `__del__` runs.
        if self.interp.halted().is_none() {
            let _ = self.interp.free_program_globals();
        }
        let _ = self.interp.finalize();
        self.interp.flush();
        Some(self.program.ended(result))
    }

    /// For a cell whose code failed while its loop runs on: the traceback, at once, as
    /// a notebook shows it under the cell before what the cell's tasks print later.
    pub fn cell_error(&self) -> Option<String> {
        let ended = self.cell.as_ref()?.borrow();
        match ended.as_ref()? {
            Ok(()) => None,
            Err(unwind) => self.program.ended(Err(unwind.clone())),
        }
    }

    /// Whether the module waits for the loop to finish `asyncio.run`'s main task, and
    /// the loop has, or the module's code paused: it should [`Execution::advance`].
    pub fn loop_finished(&self) -> bool {
        match &self.cell {
            Some(_) => self.rt.idle(),
            None => self.module.is_some() && (self.module_paused() || self.rt.main_finished()),
        }
    }

    /// Whether the module's code paused to let the page have a turn, outside the loop
    /// (see [`interp::PAUSE_AFTER`]): advance it again once the page has had it.
    pub fn module_paused(&self) -> bool {
        self.module.is_some() && self.interp.module_paused()
    }

    /// Whether the program was halted (a budget ran out), rather than ending by itself.
    pub fn halted(&self) -> bool {
        self.interp.halted().is_some()
    }

    /// Ends the run: stops the loop, and returns what the program wrote to standard
    /// error (warnings for coroutines never awaited among them).
    pub fn finish(self) -> Vec<String> {
        drop(self.module);
        // A task that failed with nobody asking goes to the loop's exception handler,
        // as CPython's does when the task is collected (while the run still records
        // what a handler of the program's prints).
        self.interp.report_never_retrieved();
        // A script's tasks still pending are collected as it exits (a cell's live on in
        // the notebook's loop; a run stopped is not an exit).
        if !self.program.cell && self.interp.halted().is_none() {
            self.interp.report_destroyed_pending();
        }
        drop(self.interp.tasks.take());
        drop(self.interp.threads.take());
        drop(self.interp.own_threads.take());
        self.rt.stop();
        for (text, e) in self.interp.closing_errors.take() {
            let traceback = self.program.traceback(&e);
            self.interp.stderr.borrow_mut().push(format!("{text}\n{}", traceback.trim_end()));
        }
        // The program's variables go while it can still warn of coroutines never awaited.
        let globals = self.interp.take_globals();
        drop(globals);
        let place = if self.program.cell { interp::DropPlace::Unknown } else { interp::DropPlace::Exit };
        vm::warn_unawaited(&self.interp, place);
        self.interp.flush_stderr();
        self.interp.stderr.take()
    }
}
