//! The interpreter: walks the tree, statement by statement. Every evaluation is a
//! future, so that an `await` anywhere in an expression can suspend the task that runs
//! it and resume it later where it stood; code that never awaits simply finishes in
//! one poll.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::ast::*;
use super::builtins;
use super::exceptions::{ExcType, Exception};
use super::format;
use super::scope::{self, Scope, ScopeKind, Scopes};
use super::value::{Closure, Dict, FnvMap, Iter, Module, Str, Type, Value};

/// How evaluation stops early: an exception, or the run being halted (a budget ran out),
/// which no `except` catches.
#[derive(Clone)]
pub enum Unwind {
    Raise(Rc<Exception>),
    Halt(String),
}

pub type Res<T> = Result<T, Unwind>;
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// How a block ended.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

pub fn raise<T>(kind: ExcType, message: impl Into<String>) -> Res<T> {
    Err(Unwind::Raise(Exception::with_message(kind, message)))
}

/// How long a step may run without awaiting, in seconds of the host's clock.
pub const STEP_BUDGET: f64 = 0.5;

/// How many statements a step may run without awaiting (on the virtual clock, whose
/// time stands still within a step, this is what stops `while True: pass`).
pub const STEP_STATEMENTS: u64 = 20_000_000;

/// The recursion limit: deeper calls raise `RecursionError`. The module's own frame
/// counts, so 499 calls can be under way. CPython's is 1,000; half of it is what the
/// browsers' stacks hold here, where every Python call is a few nested futures.
pub const RECURSION_LIMIT: u32 = 500;

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

/// How much the heap must have changed since the clocks were last read for them to be
/// read again before the usual 1,024 statements.
const BIG_CHANGE: usize = 4 << 20;

/// How long, in seconds of real time, the page spends foreseeing a run on the virtual
/// clock (its ideal run) before it gives up: a program may run for ever.
pub const FORESEE_BUDGET: f64 = 1.0;

/// A function call's variables (or the module's, which are the globals).
pub struct Frame {
    pub vars: RefCell<FnvMap<Str, Value>>,
    scope: Rc<Scope>,
    parent: Option<Rc<Frame>>,
    pub name: Str,
    pub line: Cell<u32>,
    /// The exceptions being handled (`except` blocks entered), innermost last.
    handling: RefCell<Vec<Rc<Exception>>>,
}

impl Frame {
    fn new(scope: Rc<Scope>, parent: Option<Rc<Frame>>, name: Str, line: u32) -> Rc<Frame> {
        Rc::new(Frame {
            vars: RefCell::default(),
            scope,
            parent,
            name,
            line: Cell::new(line),
            handling: RefCell::default(),
        })
    }
}

/// Where printed text goes, a line at a time.
pub trait Output {
    fn line(&self, text: &str);
}

pub struct Interp {
    pub module: Rc<Frame>,
    /// The loop the program's tasks run on.
    rt: RefCell<Option<crate::runtime::Runtime>>,
    /// Every task the program made, by the loop's id: the same object each time.
    pub tasks: RefCell<std::collections::BTreeMap<crate::runtime::TaskId, Rc<super::asyncio::PyTask>>>,
    /// Why the run was halted, once it was.
    halted: RefCell<Option<String>>,
    /// Whether `asyncio.run` was called.
    pub loop_used: Cell<bool>,
    /// Whether the program runs as a notebook cell, its loop running already.
    pub cell: Cell<bool>,
    /// The program's done-callbacks, by the loop's id, for `remove_done_callback`.
    pub callbacks: RefCell<Vec<(Value, crate::runtime::CallbackId)>>,
    /// What the program wrote to standard error: exceptions in callbacks, warnings.
    pub stderr: RefCell<Vec<String>>,
    /// The step being timed (the loop's step number), when it began on the host's
    /// clock, and how many statements it ran.
    budget: Cell<(u64, f64, u64, f64)>,
    /// The heap in use when the program began (see `check_budget`).
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
    /// While it is paused: the wall clock and the host's when it paused, and whether
    /// it was the module's code that paused (else a task's step).
    paused_at: Cell<Option<(f64, f64, bool)>>,
    /// Whether the module's code (outside the loop's tasks) is being run: it may pause.
    pub module_polling: Cell<bool>,
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
    the_loop: std::cell::OnceCell<Value>,
    /// The line of the statement running now.
    pub line: Cell<u32>,
    scopes: Scopes,
    output: Box<dyn Output>,
    /// Text printed after the last line break (`print(..., end='')`).
    pending: RefCell<String>,
    /// How many calls are under way, for each task (and for code outside any task): a
    /// task that is suspended has none of its frames on the stack, so each task
    /// counts its own, and the limit applies to the one running.
    depth: RefCell<FnvMap<u32, u32>>,
}

impl Interp {
    pub fn new(scopes: Scopes, output: Box<dyn Output>) -> Rc<Interp> {
        let module = Frame::new(scope::Scope::module(), None, "<module>".into(), 1);
        Rc::new(Interp {
            module,
            rt: RefCell::default(),
            tasks: RefCell::default(),
            halted: RefCell::default(),
            loop_used: Cell::new(false),
            cell: Cell::new(false),
            callbacks: RefCell::default(),
            stderr: RefCell::default(),
            budget: Cell::new((u64::MAX, 0.0, 0, 0.0)),
            memory_at_start: crate::memory::in_use(),
            wall: Cell::new(None),
            wall_start: Cell::new(None),
            worked_from: Cell::new(0.0),
            paused_for: Cell::new((0.0, 0.0)),
            paused_at: Cell::new(None),
            module_polling: Cell::new(false),
            in_pieces: Cell::new(false),
            away_since: Cell::new(None),
            heap_read: Cell::new(crate::memory::in_use()),
            printed: Cell::new(0),
            the_loop: std::cell::OnceCell::new(),
            line: Cell::new(0),
            scopes,
            output,
            pending: RefCell::default(),
            depth: RefCell::default(),
        })
    }

    /// The program's loop, as the program sees it.
    pub fn loop_object(&self) -> Value {
        self.the_loop.get_or_init(|| Value::Object(Rc::new(super::objects::Obj::Loop))).clone()
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
    /// and then: the tab must never freeze. The host's clock is read every 1,024
    /// statements (and after `time.sleep`).
    pub async fn check_budget(&self, now: bool) -> Res<()> {
        if self.spend(now)? {
            Pause { interp: self, asked: false }.await;
        }
        Ok(())
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

    /// Counts a statement against the budgets; true if the program should pause now.
    fn spend(&self, now: bool) -> Res<bool> {
        // What the program itself holds: the heap beyond what was in use when it began
        // (runs that are over but not yet freed are not its doing).
        let heap = crate::memory::in_use();
        if heap.saturating_sub(self.memory_at_start) > crate::memory::LIMIT {
            return Err(Unwind::Halt(format!(
                "The program held more than {} MB of memory, the most the playground allows: it was stopped.",
                crate::memory::LIMIT >> 20
            )));
        }
        let (step, began, ops, wall_began) = self.budget.get();
        let ops = ops + 1;
        self.budget.set((step, began, ops, wall_began));
        if !now && ops % 1024 != 0 && heap.abs_diff(self.heap_read.get()) < BIG_CHANGE {
            return Ok(false);
        }
        self.heap_read.set(heap);
        let Some(rt) = self.rt() else { return Ok(false) };
        // Both clocks less the time spent paused: the budgets are for work.
        let (paused_wall, paused_host) = self.paused_for.get();
        let (current, time) = (rt.steps_run(), rt.host_now() - paused_host);
        // A thousand statements in one step: the trace should say how long it ran.
        rt.worked();
        if rt.trace().events.len() > MAX_EVENTS {
            // Foreseen, a program that runs for ever with timers gets there too, in
            // hours of the loop's time: what matters then is that it may never end.
            return Err(Unwind::Halt(if rt.host_is_real() {
                format!(
                    "The run recorded over {MAX_EVENTS} events (steps, wake-ups, cancellations), the most the playground keeps: it was stopped."
                )
            } else {
                gave_up(&rt, "a million events")
            }));
        }
        let clock = self.wall.get();
        let raw_wall = clock.map_or(0.0, |clock| clock());
        let wall = raw_wall - paused_wall;
        let started = self.wall_start.get().unwrap_or_else(|| {
            self.worked_from.set(raw_wall);
            wall
        });
        self.wall_start.set(Some(started));
        // (A real run may go on for ever; foreseeing one on the virtual clock may not.)
        if !rt.host_is_real() && wall - started > FORESEE_BUDGET {
            return Err(Unwind::Halt(gave_up(&rt, "one second of work")));
        }
        if current != step {
            self.budget.set((current, time, 0, wall));
            // On the page's loop, the browser has its turn between slices of steps; on
            // the virtual clock, only when a step pauses.
            if rt.host_is_real() {
                self.worked_from.set(raw_wall);
                return Ok(false);
            }
        } else if time - began > STEP_BUDGET || wall - wall_began > STEP_BUDGET || ops > STEP_STATEMENTS {
            return Err(self.blocked(&rt));
        }
        let due = clock.is_some() && raw_wall - self.worked_from.get() > PAUSE_AFTER;
        Ok(due && (self.module_polling.get() || rt.may_pause()))
    }

    /// Why a step that worked past its budget was halted.
    fn blocked(&self, rt: &crate::runtime::Runtime) -> Unwind {
        let who = match rt.current_task().and_then(|id| self.tasks.borrow().get(&id).cloned()) {
            Some(task) => format!("{} ({})", task.name.borrow(), task.coro_name),
            None => "The program".to_owned(),
        };
        let message = format!(
            "{who} ran for over {} ms without awaiting anything. That is what blocking the event loop means: \
             no other task, timer or callback can run until it awaits. The playground stopped the run.",
            (STEP_BUDGET * 1000.0) as u32
        );
        Unwind::Halt(message)
    }

    /// An exception a callback raised: the loop goes on, and says so on standard error.
    pub fn report_callback_error(&self, e: &Exception) {
        self.stderr.borrow_mut().push(format!("Exception in callback: {}", e.last_line()));
    }

    /// Writes `text` as `sys.stdout.write` would: whole lines go out, the rest waits.
    pub fn write(&self, text: &str) -> Res<()> {
        let mut pending = self.pending.borrow_mut();
        pending.push_str(text);
        while let Some(end) = pending.find('\n') {
            if self.printed.get() >= MAX_PRINTED {
                pending.clear();
                return Err(Unwind::Halt(format!(
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

    /// Runs the module's statements.
    pub async fn run_module(self: &Rc<Self>, body: &[Stmt]) -> Res<()> {
        let module = self.module.clone();
        self.exec_block(body, &module).await.map(|_| ())
    }

    // ---- names ----

    fn lookup(&self, name: &Str, frame: &Rc<Frame>) -> Res<Value> {
        // A frame holds only its own variables (a global or nonlocal is assigned in the
        // frame it belongs to): one found there is the one the name means.
        if let Some(v) = frame.vars.borrow().get(name) {
            return Ok(v.clone());
        }
        let mut f = frame;
        loop {
            if f.scope.kind == ScopeKind::Module || f.scope.globals.contains(name) {
                return self.global(name);
            }
            if f.scope.locals.contains(name) {
                if let Some(v) = f.vars.borrow().get(name) {
                    return Ok(v.clone());
                }
                let message = if Rc::ptr_eq(f, frame) {
                    format!("cannot access local variable '{name}' where it is not associated with a value")
                } else {
                    format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope")
                };
                let kind = if Rc::ptr_eq(f, frame) { ExcType::UnboundLocalError } else { ExcType::NameError };
                return raise(kind, message);
            }
            f = match &f.parent {
                Some(parent) => parent,
                None => return self.global(name),
            };
        }
    }

    fn global(&self, name: &Str) -> Res<Value> {
        if let Some(v) = self.module.vars.borrow().get(name) {
            return Ok(v.clone());
        }
        builtins::lookup(name).map_or_else(|| raise(ExcType::NameError, format!("name '{name}' is not defined")), Ok)
    }

    fn assign_name(&self, name: &Str, value: Value, frame: &Rc<Frame>) {
        self.binding_frame(name, frame).vars.borrow_mut().insert(name.clone(), value);
    }

    /// The frame whose variable `name` is, seen from `frame`.
    fn binding_frame<'f>(&'f self, name: &Str, frame: &'f Rc<Frame>) -> &'f Rc<Frame> {
        if frame.scope.kind == ScopeKind::Module || frame.scope.globals.contains(name) {
            return &self.module;
        }
        if frame.scope.nonlocals.contains(name) {
            let mut f = frame;
            while let Some(parent) = &f.parent {
                if parent.scope.locals.contains(name) {
                    return parent;
                }
                f = parent;
            }
            return &self.module;
        }
        frame
    }

    fn delete_name(&self, name: &Str, frame: &Rc<Frame>) -> Res<()> {
        let target = self.binding_frame(name, frame);
        if target.vars.borrow_mut().remove(name).is_none() {
            if target.scope.kind == ScopeKind::Module {
                return raise(ExcType::NameError, format!("name '{name}' is not defined"));
            }
            return raise(
                ExcType::UnboundLocalError,
                format!("cannot access local variable '{name}' where it is not associated with a value"),
            );
        }
        Ok(())
    }

    // ---- statements ----

    pub fn exec_block<'a>(self: &'a Rc<Self>, body: &'a [Stmt], frame: &'a Rc<Frame>) -> BoxFuture<'a, Res<Flow>> {
        Box::pin(async move {
            for stmt in body {
                match self.exec(stmt, frame).await? {
                    Flow::Normal => {}
                    other => return Ok(other),
                }
            }
            Ok(Flow::Normal)
        })
    }

    async fn exec(self: &Rc<Self>, stmt: &Stmt, frame: &Rc<Frame>) -> Res<Flow> {
        let result = self.exec_statement(stmt, frame).await;
        if let Err(Unwind::Raise(e)) = &result {
            // The traceback gains this frame's line as the exception first leaves it.
            let here = Rc::as_ptr(frame) as usize;
            if e.last_frame.get() != here {
                e.last_frame.set(here);
                let entry = super::exceptions::Frame { line: frame.line.get(), function: frame.name.clone() };
                e.traceback.borrow_mut().insert(0, entry);
            }
        }
        result
    }

    async fn exec_statement(self: &Rc<Self>, stmt: &Stmt, frame: &Rc<Frame>) -> Res<Flow> {
        frame.line.set(stmt.span.start.line);
        self.line.set(stmt.span.start.line);
        self.check_budget(false).await?;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e, frame).await?;
            }
            StmtKind::Assign { targets, value } => {
                let value = self.eval(value, frame).await?;
                for target in targets {
                    self.assign(target, value.clone(), frame).await?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                // The target's parts are evaluated once, as Python does.
                match &target.kind {
                    ExprKind::Name(name) => {
                        let current = self.lookup(name, frame)?;
                        let rhs = self.eval(value, frame).await?;
                        let result = self.binop_inplace(*op, current, rhs)?;
                        self.assign_name(name, result, frame);
                    }
                    ExprKind::Subscript(object, index) => {
                        let object = self.eval(object, frame).await?;
                        let index = self.eval(index, frame).await?;
                        let current = builtins::getitem(&object, &index)?;
                        let rhs = self.eval(value, frame).await?;
                        let result = self.binop_inplace(*op, current, rhs)?;
                        builtins::setitem(&object, index, result)?;
                    }
                    ExprKind::Attribute(object, name) => {
                        let object = self.eval(object, frame).await?;
                        let current = builtins::getattr(&object, name)?;
                        let rhs = self.eval(value, frame).await?;
                        let _ = self.binop_inplace(*op, current, rhs)?;
                        builtins::setattr(&object, name)?;
                    }
                    _ => unreachable!("the parser allows only names, subscripts and attributes"),
                }
            }
            StmtKind::FunctionDef(f) => {
                let closure = Box::pin(self.make_function(f, frame)).await?;
                self.assign_name(&f.name, closure, frame);
            }
            StmtKind::Return(value) => {
                let value = match value {
                    Some(v) => self.eval(v, frame).await?,
                    None => Value::None,
                };
                return Ok(Flow::Return(value));
            }
            StmtKind::If { test, body, orelse } => {
                let branch = if self.eval(test, frame).await?.truthy() { body } else { orelse };
                return self.exec_block(branch, frame).await;
            }
            StmtKind::While { test, body, orelse } => {
                while self.eval(test, frame).await?.truthy() {
                    match self.exec_block(body, frame).await? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, frame).await;
            }
            StmtKind::For { target, iter, body, orelse } => {
                let iterable = self.eval(iter, frame).await?;
                let iterator = builtins::iterate(&iterable)?;
                loop {
                    let item = iterator.borrow_mut().next();
                    let Some(item) = item else { break };
                    self.assign(target, item, frame).await?;
                    match self.exec_block(body, frame).await? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse, frame).await;
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try { body, handlers, orelse, finalbody, star } => {
                return Box::pin(self.exec_try(body, handlers, orelse, finalbody, *star, frame)).await;
            }
            StmtKind::Raise { exc, cause } => {
                return Err(Box::pin(self.exec_raise(exc.as_ref(), cause.as_ref(), frame)).await?);
            }
            StmtKind::AsyncWith { items, body } => return self.exec_async_with(items, body, frame).await,
            StmtKind::Assert { test, msg } => {
                if !self.eval(test, frame).await?.truthy() {
                    let args = match msg {
                        Some(m) => vec![self.eval(m, frame).await?],
                        None => Vec::new(),
                    };
                    return Err(self.raised(Exception::new(ExcType::AssertionError, args), frame));
                }
            }
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.delete(target, frame).await?;
                }
            }
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let value = Value::Module(if &**module == "asyncio" { Module::Asyncio } else { Module::Time });
                    self.assign_name(alias.as_ref().unwrap_or(module), value, frame);
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let module = Value::Module(if &**module == "asyncio" { Module::Asyncio } else { Module::Time });
                for (name, alias) in names {
                    let value = builtins::getattr(&module, name).map_err(|_| {
                        let m = if let Value::Module(Module::Asyncio) = module { "asyncio" } else { "time" };
                        Unwind::Raise(Exception::with_message(
                            ExcType::ImportError,
                            format!("cannot import name '{name}' from '{m}'"),
                        ))
                    })?;
                    self.assign_name(alias.as_ref().unwrap_or(name), value, frame);
                }
            }
        }
        Ok(Flow::Normal)
    }

    /// `async with a as x, b:`: nested, as Python nests them.
    fn exec_async_with<'a>(
        self: &'a Rc<Self>,
        items: &'a [WithItem],
        body: &'a [Stmt],
        frame: &'a Rc<Frame>,
    ) -> BoxFuture<'a, Res<Flow>> {
        Box::pin(async move {
            let Some((item, rest)) = items.split_first() else {
                return self.exec_block(body, frame).await;
            };
            let manager = self.eval(&item.context, frame).await?;
            let entered = self.aenter(&manager).await?;
            if let Some(target) = &item.target {
                self.assign(target, entered, frame).await?;
            }
            let result = self.exec_async_with(rest, body, frame).await;
            frame.line.set(item.context.span.start.line);
            self.aexit(&manager, result).await
        })
    }

    /// Marks an exception raised now in `frame`: it remembers the one being handled.
    fn raised(&self, e: Rc<Exception>, frame: &Rc<Frame>) -> Unwind {
        if let Some(handling) = frame.handling.borrow().last() {
            if !Rc::ptr_eq(handling, &e) && e.context.borrow().is_none() {
                *e.context.borrow_mut() = Some(handling.clone());
            }
        }
        Unwind::Raise(e)
    }

    async fn exec_raise(self: &Rc<Self>, exc: Option<&Expr>, cause: Option<&Expr>, frame: &Rc<Frame>) -> Res<Unwind> {
        let Some(exc) = exc else {
            let current = frame.handling.borrow().last().cloned();
            return match current {
                Some(e) => Ok(Unwind::Raise(e)),
                None => raise(ExcType::RuntimeError, "No active exception to reraise"),
            };
        };
        let value = self.eval(exc, frame).await?;
        let e = self.to_exception(value, "exceptions must derive from BaseException").await?;
        if let Some(cause) = cause {
            let cause = match self.eval(cause, frame).await? {
                Value::None => None,
                value => Some(self.to_exception(value, "exception causes must derive from BaseException").await?),
            };
            *e.cause.borrow_mut() = cause;
            e.suppress_context.set(true);
        }
        Ok(self.raised(e, frame))
    }

    /// `raise X`: an exception object, or a class to instantiate.
    async fn to_exception(self: &Rc<Self>, value: Value, message: &str) -> Res<Rc<Exception>> {
        match value {
            Value::Exception(e) => Ok(e),
            Value::Type(Type::Exception(kind)) => Ok(Exception::new(kind, Vec::new())),
            _ => raise(ExcType::TypeError, message),
        }
    }

    async fn exec_try(
        self: &Rc<Self>,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        star: bool,
        frame: &Rc<Frame>,
    ) -> Res<Flow> {
        let mut result = self.exec_block(body, frame).await;
        match std::mem::replace(&mut result, Ok(Flow::Normal)) {
            Err(Unwind::Raise(e)) if star => result = self.handle_star(e, handlers, frame).await,
            Err(Unwind::Raise(e)) => {
                let mut handled = false;
                for handler in handlers {
                    if let Some(kind) = &handler.kind {
                        let kind = self.eval(kind, frame).await?;
                        if !self.matches(&e, &kind)? {
                            continue;
                        }
                    }
                    handled = true;
                    frame.line.set(handler.span.start.line);
                    result = self.run_handler(handler, Value::Exception(e.clone()), e.clone(), frame).await;
                    break;
                }
                if !handled {
                    result = Err(Unwind::Raise(e));
                }
            }
            Ok(Flow::Normal) => result = self.exec_block(orelse, frame).await,
            other => result = other,
        }
        if !finalbody.is_empty() {
            // A `finally` that returns, breaks or raises replaces what came before it.
            let ended = self.exec_block(finalbody, frame).await;
            if let (Err(Unwind::Raise(new)), Err(Unwind::Raise(old))) = (&ended, &result) {
                set_context(new, old);
            }
            match ended? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        result
    }

    async fn run_handler(
        self: &Rc<Self>,
        handler: &Handler,
        bound: Value,
        e: Rc<Exception>,
        frame: &Rc<Frame>,
    ) -> Res<Flow> {
        if let Some(name) = &handler.name {
            self.assign_name(name, bound, frame);
        }
        frame.handling.borrow_mut().push(e.clone());
        let result = self.exec_block(&handler.body, frame).await;
        frame.handling.borrow_mut().pop();
        if let Err(Unwind::Raise(new)) = &result {
            set_context(new, &e);
        }
        if let Some(name) = &handler.name {
            // `except E as e` deletes `e` at the end of the handler.
            self.binding_frame(name, frame).vars.borrow_mut().remove(name);
        }
        result
    }

    /// `except*`: each handler takes the part of the group it matches.
    async fn handle_star(self: &Rc<Self>, e: Rc<Exception>, handlers: &[Handler], frame: &Rc<Frame>) -> Res<Flow> {
        let original = e.clone();
        let group = if e.kind.is_group() { e } else { Exception::group(ExcType::ExceptionGroup, "", vec![e]) };
        let message = group.args.first().map(Value::to_str).unwrap_or_default();
        let mut rest = Some(group.clone());
        let mut raised: Vec<Rc<Exception>> = Vec::new();
        for handler in handlers {
            let Some(current) = rest.clone() else { break };
            let kind = match &handler.kind {
                Some(k) => self.eval(k, frame).await?,
                None => unreachable!("except* always names its types"),
            };
            let (matched, left) = self.split(&current, &kind)?;
            rest = left;
            let Some(matched) = matched else { continue };
            frame.line.set(handler.span.start.line);
            match self.run_handler(handler, Value::Exception(matched.clone()), matched, frame).await {
                Ok(Flow::Normal) => {}
                Ok(_) => {
                    return raise(
                        ExcType::SyntaxError,
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                    )
                }
                Err(Unwind::Raise(r)) => raised.push(r),
                Err(halt) => return Err(halt),
            }
        }
        let unhandled =
            rest.map(|r| if Rc::ptr_eq(&r, &group) && !original.kind.is_group() { original.clone() } else { r });
        match (raised.is_empty(), unhandled) {
            (true, None) => Ok(Flow::Normal),
            (true, Some(u)) => Err(Unwind::Raise(u)),
            // One exception raised in a handler, and nothing left unhandled: that one, as
            // it is (CPython's _PyExc_PrepReraiseStar).
            (false, None) if raised.len() == 1 => Err(Unwind::Raise(raised.remove(0))),
            (false, u) => {
                raised.extend(u);
                let _ = message;
                Err(Unwind::Raise(Exception::group(ExcType::ExceptionGroup, "", raised)))
            }
        }
    }

    /// `eg.split(kind)`: the part that matches, and the rest, each a group or nothing.
    fn split(&self, group: &Rc<Exception>, kind: &Value) -> Res<Split> {
        if self.matches(group, kind)? {
            return Ok((Some(group.clone()), None));
        }
        if !group.kind.is_group() {
            return Ok((None, Some(group.clone())));
        }
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        for member in &group.group {
            let (m, r) = self.split(member, kind)?;
            yes.extend(m);
            no.extend(r);
        }
        let message = group.args.first().map(Value::to_str).unwrap_or_default();
        let make = |members: Vec<Rc<Exception>>| -> Option<Rc<Exception>> {
            if members.is_empty() {
                None
            } else if members.len() == group.group.len() {
                Some(group.clone())
            } else {
                let kind = if members.iter().all(|m| m.kind.is_subclass(ExcType::Exception)) {
                    ExcType::ExceptionGroup
                } else {
                    ExcType::BaseExceptionGroup
                };
                Some(Exception::group(kind, &message, members))
            }
        };
        Ok((make(yes), make(no)))
    }

    /// Whether exception `e` is caught by `except kind`.
    fn matches(&self, e: &Exception, kind: &Value) -> Res<bool> {
        match kind {
            Value::Type(Type::Exception(k)) => Ok(e.kind.is_subclass(*k)),
            Value::Tuple(kinds) => {
                for k in kinds.iter() {
                    if self.matches(e, k)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => raise(ExcType::TypeError, "catching classes that do not inherit from BaseException is not allowed"),
        }
    }

    async fn make_function(self: &Rc<Self>, f: &Rc<Function>, frame: &Rc<Frame>) -> Res<Value> {
        let mut defaults = Vec::new();
        for d in &f.params.defaults {
            defaults.push(self.eval(d, frame).await?);
        }
        let mut kw_defaults = Vec::new();
        for (_, d) in &f.params.kwonly {
            kw_defaults.push(match d {
                Some(d) => Some(self.eval(d, frame).await?),
                None => None,
            });
        }
        let parent = (frame.scope.kind != ScopeKind::Module).then(|| frame.clone());
        Ok(Value::Function(Rc::new(Closure { function: f.clone(), defaults, kw_defaults, parent })))
    }

    // ---- assignment ----

    fn assign<'a>(self: &'a Rc<Self>, target: &'a Expr, value: Value, frame: &'a Rc<Frame>) -> BoxFuture<'a, Res<()>> {
        Box::pin(async move {
            match &target.kind {
                ExprKind::Name(name) => {
                    self.assign_name(name, value, frame);
                    Ok(())
                }
                ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                    let items = self.unpack(value, targets)?;
                    for (t, v) in targets.iter().zip(items) {
                        self.assign(t, v, frame).await?;
                    }
                    Ok(())
                }
                ExprKind::Starred(inner) => self.assign(inner, value, frame).await,
                ExprKind::Subscript(object, index) => {
                    let object = self.eval(object, frame).await?;
                    let index = self.eval(index, frame).await?;
                    builtins::setitem(&object, index, value)
                }
                ExprKind::Attribute(object, name) => {
                    let object = self.eval(object, frame).await?;
                    builtins::setattr(&object, name)
                }
                _ => unreachable!("the parser checks assignment targets"),
            }
        })
    }

    /// The values for `a, *b, c = value`, one per target (a list for the starred one).
    fn unpack(&self, value: Value, targets: &[Expr]) -> Res<Vec<Value>> {
        let items: Vec<Value> = match &value {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(..)
            | Value::Iterator(_) => builtins::collect(&value)?,
            other => {
                return raise(ExcType::TypeError, format!("cannot unpack non-iterable {} object", other.type_name()))
            }
        };
        let star = targets.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if items.len() > targets.len() {
                    return raise(
                        ExcType::ValueError,
                        format!("too many values to unpack (expected {})", targets.len()),
                    );
                }
                if items.len() < targets.len() {
                    return raise(
                        ExcType::ValueError,
                        format!("not enough values to unpack (expected {}, got {})", targets.len(), items.len()),
                    );
                }
                Ok(items)
            }
            Some(s) => {
                let after = targets.len() - s - 1;
                if items.len() < targets.len() - 1 {
                    return raise(
                        ExcType::ValueError,
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            targets.len() - 1,
                            items.len()
                        ),
                    );
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(s);
                items.push(Value::list(middle));
                items.extend(tail);
                Ok(items)
            }
        }
    }

    fn delete<'a>(self: &'a Rc<Self>, target: &'a Expr, frame: &'a Rc<Frame>) -> BoxFuture<'a, Res<()>> {
        Box::pin(async move {
            match &target.kind {
                ExprKind::Name(name) => self.delete_name(name, frame),
                ExprKind::Tuple(items) | ExprKind::List(items) => {
                    for item in items {
                        self.delete(item, frame).await?;
                    }
                    Ok(())
                }
                ExprKind::Subscript(object, index) => {
                    let object = self.eval(object, frame).await?;
                    let index = self.eval(index, frame).await?;
                    builtins::delitem(&object, &index)
                }
                ExprKind::Attribute(object, name) => {
                    let object = self.eval(object, frame).await?;
                    builtins::setattr(&object, name)
                }
                _ => unreachable!("the parser checks del targets"),
            }
        })
    }

    // ---- expressions ----

    /// Evaluates `e`. Expressions that cannot await (names, constants, arithmetic and
    /// comparisons of those, attributes, indexing) are evaluated at once, without the
    /// allocation an expression that may suspend needs.
    pub async fn eval(self: &Rc<Self>, e: &Expr, frame: &Rc<Frame>) -> Res<Value> {
        if is_immediate(e) {
            self.eval_now(e, frame)
        } else {
            self.eval_suspending(e, frame).await
        }
    }

    /// Evaluates an expression that cannot await (see [`is_immediate`]).
    fn eval_now(&self, e: &Expr, frame: &Rc<Frame>) -> Res<Value> {
        Ok(match &e.kind {
            ExprKind::Name(name) => self.lookup(name, frame)?,
            ExprKind::Int(n) => Value::Int(*n),
            ExprKind::Float(x) => Value::Float(*x),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::None,
            ExprKind::BinOp(a, op, b) => {
                let a = self.eval_now(a, frame)?;
                let b = self.eval_now(b, frame)?;
                builtins::binop(*op, a, b)?
            }
            ExprKind::UnaryOp(op, a) => builtins::unaryop(*op, self.eval_now(a, frame)?)?,
            ExprKind::BoolOp(and, values) => {
                let mut last = Value::None;
                for v in values {
                    last = self.eval_now(v, frame)?;
                    if last.truthy() != *and {
                        break;
                    }
                }
                last
            }
            ExprKind::Compare(first, ops) => {
                let mut left = self.eval_now(first, frame)?;
                for (op, right) in ops {
                    let right = self.eval_now(right, frame)?;
                    if !builtins::compare(*op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Value::Bool(true)
            }
            ExprKind::Attribute(object, name) => builtins::getattr(&self.eval_now(object, frame)?, name)?,
            ExprKind::Subscript(object, index) => {
                let object = self.eval_now(object, frame)?;
                let index = self.eval_now(index, frame)?;
                builtins::getitem(&object, &index)?
            }
            _ => unreachable!("only immediate expressions are evaluated at once"),
        })
    }

    fn eval_suspending<'a>(self: &'a Rc<Self>, e: &'a Expr, frame: &'a Rc<Frame>) -> BoxFuture<'a, Res<Value>> {
        Box::pin(async move {
            Ok(match &e.kind {
                ExprKind::Name(name) => self.lookup(name, frame)?,
                ExprKind::Int(n) => Value::Int(*n),
                ExprKind::Float(x) => Value::Float(*x),
                ExprKind::Str(s) => Value::Str(s.clone()),
                ExprKind::Bool(b) => Value::Bool(*b),
                ExprKind::None => Value::None,
                ExprKind::FString(parts) => Value::Str(self.fstring(parts, frame).await?.into()),
                ExprKind::List(items) => Value::list(self.eval_items(items, frame).await?),
                ExprKind::Tuple(items) => Value::tuple(self.eval_items(items, frame).await?),
                ExprKind::Set(items) => {
                    let mut set = Dict::default();
                    for item in self.eval_items(items, frame).await? {
                        builtins::set_add(&mut set, item)?;
                    }
                    // CPython's compiler makes a literal of constants a frozenset.
                    let constant = |e: &Expr| match &e.kind {
                        ExprKind::Int(_)
                        | ExprKind::Float(_)
                        | ExprKind::Str(_)
                        | ExprKind::Bool(_)
                        | ExprKind::None => true,
                        ExprKind::UnaryOp(UnaryOp::USub | UnaryOp::UAdd, x) => {
                            matches!(x.kind, ExprKind::Int(_) | ExprKind::Float(_))
                        }
                        _ => false,
                    };
                    if items.len() > 2 && items.iter().all(constant) {
                        set.from_constants = set.len();
                    }
                    Value::Set(Rc::new(RefCell::new(set)))
                }
                ExprKind::Dict(entries) => {
                    let mut dict = Dict::default();
                    for (k, v) in entries {
                        match k {
                            Some(k) => {
                                let k = self.eval(k, frame).await?;
                                let v = self.eval(v, frame).await?;
                                builtins::dict_set(&mut dict, k, v)?;
                            }
                            None => {
                                let other = self.eval(v, frame).await?;
                                let Value::Dict(other) = other else {
                                    return raise(
                                        ExcType::TypeError,
                                        format!("'{}' object is not a mapping", other.type_name()),
                                    );
                                };
                                for (k, v) in other.borrow().iter() {
                                    builtins::dict_set(&mut dict, k.clone(), v.clone())?;
                                }
                            }
                        }
                    }
                    Value::Dict(Rc::new(RefCell::new(dict)))
                }
                ExprKind::ListComp(elt, gens) => self.comprehension(Comp::List(elt), gens, frame).await?,
                ExprKind::GeneratorExp(elt, gens) => {
                    // Run at once: the subset's generator expressions are arguments that
                    // are consumed whole (`sum(x for x in xs)`).
                    let Value::List(items) = self.comprehension(Comp::List(elt), gens, frame).await? else {
                        unreachable!("a list comprehension makes a list")
                    };
                    let items = std::mem::take(&mut *items.borrow_mut());
                    Value::Iterator(Rc::new(RefCell::new(Iter::Values(items, 0))))
                }
                ExprKind::SetComp(elt, gens) => self.comprehension(Comp::Set(elt), gens, frame).await?,
                ExprKind::DictComp(k, v, gens) => self.comprehension(Comp::Dict(k, v), gens, frame).await?,
                ExprKind::BinOp(a, op, b) => {
                    let a = self.eval(a, frame).await?;
                    let b = self.eval(b, frame).await?;
                    builtins::binop(*op, a, b)?
                }
                ExprKind::UnaryOp(op, a) => {
                    let a = self.eval(a, frame).await?;
                    builtins::unaryop(*op, a)?
                }
                ExprKind::BoolOp(and, values) => {
                    let mut last = Value::None;
                    for v in values {
                        last = self.eval(v, frame).await?;
                        if last.truthy() != *and {
                            break;
                        }
                    }
                    last
                }
                ExprKind::Compare(first, ops) => {
                    let mut left = self.eval(first, frame).await?;
                    for (op, right) in ops {
                        let right = self.eval(right, frame).await?;
                        if !builtins::compare(*op, &left, &right)? {
                            return Ok(Value::Bool(false));
                        }
                        left = right;
                    }
                    Value::Bool(true)
                }
                ExprKind::IfExp { test, body, orelse } => {
                    let branch = if self.eval(test, frame).await?.truthy() { body } else { orelse };
                    self.eval(branch, frame).await?
                }
                ExprKind::Lambda(f) => self.make_function(f, frame).await?,
                ExprKind::Call { func, args, keywords } => {
                    let callee = self.eval(func, frame).await?;
                    let mut values = Vec::with_capacity(args.len());
                    for arg in args {
                        match &arg.kind {
                            ExprKind::Starred(inner) => {
                                let spread = self.eval(inner, frame).await?;
                                values.extend(builtins::collect(&spread).map_err(|_| {
                                    Unwind::Raise(Exception::with_message(
                                        ExcType::TypeError,
                                        format!(
                                            "{} argument after * must be an iterable, not {}",
                                            describe_callee(&callee),
                                            spread.type_name()
                                        ),
                                    ))
                                })?);
                            }
                            _ => values.push(self.eval(arg, frame).await?),
                        }
                    }
                    let mut kwargs: Vec<(Str, Value)> = Vec::with_capacity(keywords.len());
                    for k in keywords {
                        let value = self.eval(&k.value, frame).await?;
                        match &k.name {
                            Some(name) => kwargs.push((name.clone(), value)),
                            None => {
                                let Value::Dict(d) = &value else {
                                    return raise(
                                        ExcType::TypeError,
                                        format!(
                                            "{} argument after ** must be a mapping, not {}",
                                            describe_callee(&callee),
                                            value.type_name()
                                        ),
                                    );
                                };
                                for (k, v) in d.borrow().iter() {
                                    let Value::Str(k) = k else {
                                        return raise(ExcType::TypeError, "keywords must be strings");
                                    };
                                    if kwargs.iter().any(|(n, _)| n == k) {
                                        return raise(
                                            ExcType::TypeError,
                                            format!(
                                                "{} got multiple values for keyword argument '{k}'",
                                                describe_callee(&callee)
                                            ),
                                        );
                                    }
                                    kwargs.push((k.clone(), v.clone()));
                                }
                            }
                        }
                    }
                    frame.line.set(e.span.start.line);
                    self.call(callee, values, kwargs).await?
                }
                ExprKind::Attribute(object, name) => {
                    let object = self.eval(object, frame).await?;
                    builtins::getattr(&object, name)?
                }
                ExprKind::Subscript(object, index) => {
                    let object = self.eval(object, frame).await?;
                    let index = self.eval(index, frame).await?;
                    builtins::getitem(&object, &index)?
                }
                ExprKind::Slice(a, b, c) => {
                    let part = |x: &'a Option<Box<Expr>>| async move {
                        match x {
                            Some(x) => self.eval(x, frame).await,
                            None => Ok(Value::None),
                        }
                    };
                    let (a, b, c) = (part(a).await?, part(b).await?, part(c).await?);
                    builtins::slice_value(a, b, c)
                }
                ExprKind::Starred(_) => return raise(ExcType::SyntaxError, "can't use starred expression here"),
                ExprKind::Await(inner) => {
                    let awaitable = self.eval(inner, frame).await?;
                    frame.line.set(e.span.start.line);
                    self.await_value(awaitable).await?
                }
            })
        })
    }

    async fn eval_items(self: &Rc<Self>, items: &[Expr], frame: &Rc<Frame>) -> Res<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    let spread = self.eval(inner, frame).await?;
                    out.extend(builtins::collect(&spread)?);
                }
                _ => out.push(self.eval(item, frame).await?),
            }
        }
        Ok(out)
    }

    /// A comprehension's value: its element for every combination its `for`s and `if`s
    /// allow, computed in a scope of its own (its targets do not leak, as in Python 3).
    async fn comprehension(self: &Rc<Self>, comp: Comp<'_>, gens: &[Comprehension], frame: &Rc<Frame>) -> Res<Value> {
        // The first iterable is evaluated in the enclosing scope, the rest inside.
        let first = self.eval(&gens[0].iter, frame).await?;
        let scope = Rc::new(Scope::comprehension(gens));
        let inner = Frame::new(scope, Some(frame.clone()), frame.name.clone(), frame.line.get());
        let mut acc = match comp {
            Comp::List(_) => Acc::List(Vec::new()),
            Comp::Set(_) => Acc::Set(Dict::default()),
            Comp::Dict(..) => Acc::Dict(Dict::default()),
        };
        self.comprehension_level(gens, 0, Some(first), &inner, &comp, &mut acc).await?;
        Ok(match acc {
            Acc::List(items) => Value::list(items),
            Acc::Set(set) => Value::Set(Rc::new(RefCell::new(set))),
            Acc::Dict(dict) => Value::Dict(Rc::new(RefCell::new(dict))),
        })
    }

    fn comprehension_level<'a>(
        self: &'a Rc<Self>,
        gens: &'a [Comprehension],
        level: usize,
        iterable: Option<Value>,
        scope: &'a Rc<Frame>,
        comp: &'a Comp<'a>,
        acc: &'a mut Acc,
    ) -> BoxFuture<'a, Res<()>> {
        Box::pin(async move {
            let Some(g) = gens.get(level) else {
                match (comp, acc) {
                    (Comp::List(elt), Acc::List(items)) => items.push(self.eval(elt, scope).await?),
                    (Comp::Set(elt), Acc::Set(set)) => builtins::set_add(set, self.eval(elt, scope).await?)?,
                    (Comp::Dict(k, v), Acc::Dict(dict)) => {
                        let key = self.eval(k, scope).await?;
                        let value = self.eval(v, scope).await?;
                        builtins::dict_set(dict, key, value)?;
                    }
                    _ => unreachable!("the accumulator is made for the comprehension"),
                }
                return Ok(());
            };
            let iterable = match iterable {
                Some(v) => v,
                None => self.eval(&g.iter, scope).await?,
            };
            let iterator = builtins::iterate(&iterable)?;
            'items: loop {
                let item = iterator.borrow_mut().next();
                let Some(item) = item else { break };
                self.assign(&g.target, item, scope).await?;
                for cond in &g.ifs {
                    if !self.eval(cond, scope).await?.truthy() {
                        continue 'items;
                    }
                }
                self.check_budget(false).await?;
                self.comprehension_level(gens, level + 1, None, scope, comp, &mut *acc).await?;
            }
            Ok(())
        })
    }

    async fn fstring(self: &Rc<Self>, parts: &[FPart], frame: &Rc<Frame>) -> Res<String> {
        let mut out = String::new();
        for part in parts {
            match part {
                FPart::Text(t) => out.push_str(t),
                FPart::Value { value, conversion, spec } => {
                    let v = self.eval(value, frame).await?;
                    let v = match conversion {
                        Some('r') => Value::Str(v.repr().into()),
                        Some('s') => Value::Str(v.to_str().into()),
                        Some('a') => Value::Str(ascii(&v.repr()).into()),
                        _ => v,
                    };
                    let spec = Box::pin(self.fstring(spec, frame)).await?;
                    out.push_str(
                        &format::format(&v, &spec)
                            .map_err(|m| Unwind::Raise(Exception::with_message(ExcType::ValueError, m)))?,
                    );
                }
            }
        }
        Ok(out)
    }

    fn binop_inplace(&self, op: BinOp, a: Value, b: Value) -> Res<Value> {
        // Lists grow in place: `xs += ys` changes the list every name for it sees.
        if let (BinOp::Add, Value::List(list)) = (op, &a) {
            let items = builtins::collect(&b)?;
            list.borrow_mut().extend(items);
            return Ok(a);
        }
        builtins::binop(op, a, b).map_err(|u| match u {
            Unwind::Raise(e) if e.kind == ExcType::TypeError => {
                let message =
                    e.message().replacen(&format!("for {}:", op.symbol()), &format!("for {}=:", op.symbol()), 1);
                Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
            }
            other => other,
        })
    }

    // ---- calls ----

    pub fn call<'a>(
        self: &'a Rc<Self>,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> BoxFuture<'a, Res<Value>> {
        Box::pin(async move {
            match callee {
                Value::Function(closure) => {
                    if closure.function.is_async {
                        let label = call_label(&closure.function.name, &args, &kwargs);
                        let frame = self.bind(&closure, args, kwargs)?;
                        return Ok(Value::Coroutine(Rc::new(super::asyncio::Coro::new(self, closure, frame, label))));
                    }
                    let frame = self.bind(&closure, args, kwargs)?;
                    self.run_function(&closure, &frame).await
                }
                Value::Asyncio(f) => self.call_asyncio(f, None, args, kwargs).await,
                Value::Bound(bound) => self.call_bound(bound.0.clone(), bound.1, args, kwargs).await,
                Value::Builtin(b) => builtins::call(self, b, None, args, kwargs).await,
                Value::Method(m) => builtins::call(self, m.1, Some(m.0.clone()), args, kwargs).await,
                Value::Type(t) => builtins::construct(self, t, args, kwargs).await,
                other => raise(ExcType::TypeError, format!("'{}' object is not callable", other.type_name())),
            }
        })
    }

    /// Runs a bound function's body, with the recursion limit and the traceback.
    pub async fn run_function(self: &Rc<Self>, closure: &Rc<Closure>, frame: &Rc<Frame>) -> Res<Value> {
        let key = self.rt().and_then(|rt| rt.current_task()).unwrap_or(u32::MAX);
        {
            let mut depth = self.depth.borrow_mut();
            let d = depth.entry(key).or_insert(0);
            if *d + 1 >= RECURSION_LIMIT {
                return raise(ExcType::RecursionError, "maximum recursion depth exceeded");
            }
            *d += 1;
        }
        let result = self.exec_block(&closure.function.body, frame).await;
        if let Some(d) = self.depth.borrow_mut().get_mut(&key) {
            *d -= 1;
        }
        match result? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Value::None),
        }
    }

    /// A new frame for a call of `closure`, its parameters bound as Python binds them.
    pub fn bind(&self, closure: &Rc<Closure>, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Rc<Frame>> {
        let f = &closure.function;
        let p = &f.params;
        let scope = self.scopes.get(&scope::key(f)).cloned().expect("every function was resolved before the run");
        let frame = Frame::new(scope, closure.parent.clone(), f.name.clone(), f.span.start.line);
        let name = &f.name;
        let mut vars = frame.vars.borrow_mut();
        let positional = p.args.len();
        let given = args.len();
        let mut args = args.into_iter();
        for param in p.args.iter().take(given) {
            vars.insert(param.clone(), args.next().expect("counted"));
        }
        let extra: Vec<Value> = args.collect();
        match &p.vararg {
            Some(vararg) => {
                vars.insert(vararg.clone(), Value::tuple(extra));
            }
            None if !extra.is_empty() => {
                let required = positional - p.defaults.len();
                let takes = if p.defaults.is_empty() {
                    format!("{positional}")
                } else {
                    format!("from {required} to {positional}")
                };
                let plural = if positional == 1 && p.defaults.is_empty() { "" } else { "s" };
                let were = if given == 1 { "was" } else { "were" };
                return raise(
                    ExcType::TypeError,
                    format!("{name}() takes {takes} positional argument{plural} but {given} {were} given"),
                );
            }
            None => {}
        }
        let mut extra_kwargs = Dict::default();
        for (key, value) in kwargs {
            let is_param = p.args.contains(&key) || p.kwonly.iter().any(|(n, _)| *n == key);
            if is_param {
                if vars.contains_key(&key) {
                    return raise(ExcType::TypeError, format!("{name}() got multiple values for argument '{key}'"));
                }
                vars.insert(key, value);
            } else if p.kwarg.is_some() {
                extra_kwargs.insert(super::value::Key::Str(key.clone()), Value::Str(key), value);
            } else {
                return raise(ExcType::TypeError, format!("{name}() got an unexpected keyword argument '{key}'"));
            }
        }
        if let Some(kwarg) = &p.kwarg {
            vars.insert(kwarg.clone(), Value::Dict(Rc::new(RefCell::new(extra_kwargs))));
        }
        let first_default = positional - p.defaults.len();
        let mut missing = Vec::new();
        for (i, param) in p.args.iter().enumerate() {
            if !vars.contains_key(param) {
                if i >= first_default {
                    vars.insert(param.clone(), closure.defaults[i - first_default].clone());
                } else {
                    missing.push(param.clone());
                }
            }
        }
        if !missing.is_empty() {
            return raise(ExcType::TypeError, missing_message(name, "positional", &missing));
        }
        for ((param, _), default) in p.kwonly.iter().zip(&closure.kw_defaults) {
            if !vars.contains_key(param) {
                match default {
                    Some(d) => {
                        vars.insert(param.clone(), d.clone());
                    }
                    None => missing.push(param.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return raise(ExcType::TypeError, missing_message(name, "keyword-only", &missing));
        }
        drop(vars);
        Ok(frame)
    }
}

/// Whether `e` is evaluated without any chance to await: no call, no `await`, nothing
/// that runs the program's code.
fn is_immediate(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None => true,
        ExprKind::BinOp(a, _, b) | ExprKind::Subscript(a, b) => is_immediate(a) && is_immediate(b),
        ExprKind::UnaryOp(_, a) | ExprKind::Attribute(a, _) => is_immediate(a),
        ExprKind::BoolOp(_, values) => values.iter().all(is_immediate),
        ExprKind::Compare(first, ops) => is_immediate(first) && ops.iter().all(|(_, e)| is_immediate(e)),
        _ => false,
    }
}

/// A call as Python writes it, for the timeline: `say_after(1, 'hello')`. Containers
/// of more than a few items are written `[…]`: a label is read at a glance, and is made
/// at every call (a list that grows would make each call slower than the last).
fn call_label(name: &str, args: &[Value], kwargs: &[(Str, Value)]) -> String {
    fn short(value: &Value) -> String {
        let (items, shape) = match value {
            Value::List(l) => (l.borrow().len(), "[…]"),
            Value::Tuple(t) => (t.len(), "(…)"),
            Value::Dict(d) => (d.borrow().len(), "{…}"),
            Value::Set(d) => (d.borrow().len(), "{…}"),
            Value::Str(s) if s.len() > 40 => (usize::MAX, "'…'"),
            _ => (0, ""),
        };
        if items > 4 {
            return shape.to_owned();
        }
        let repr = value.repr();
        match repr.char_indices().nth(40) {
            Some((at, _)) => format!("{}…", &repr[..at]),
            None => repr,
        }
    }
    let mut parts: Vec<String> = args.iter().map(short).collect();
    parts.extend(kwargs.iter().map(|(k, v)| format!("{k}={}", short(v))));
    format!("{name}({})", parts.join(", "))
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`.
fn missing_message(name: &str, kind: &str, missing: &[Str]) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    format!("{name}() missing {} required {kind} argument{plural}: {list}", missing.len())
}

fn describe_callee(callee: &Value) -> String {
    match callee {
        Value::Function(f) => format!("{}()", f.function.name),
        Value::Builtin(b) => format!("{}()", b.name()),
        other => format!("{}()", other.type_name()),
    }
}

fn ascii(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c as u32 {
            n if n < 0x80 => out.push(c),
            n if n < 0x100 => out.push_str(&format!("\\x{n:02x}")),
            n if n < 0x10000 => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// An exception group's part that matches, and the rest.
type Split = (Option<Rc<Exception>>, Option<Rc<Exception>>);

/// An exception raised while `handled` was being handled remembers it.
fn set_context(new: &Rc<Exception>, handled: &Rc<Exception>) {
    if !Rc::ptr_eq(new, handled) && new.context.borrow().is_none() {
        *new.context.borrow_mut() = Some(handled.clone());
    }
}

/// What a comprehension makes of each combination.
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}

enum Acc {
    List(Vec<Value>),
    Set(Dict),
    Dict(Dict),
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
        let interp = self.interp;
        let Some(rt) = interp.rt() else { return std::task::Poll::Ready(()) };
        let wall = interp.wall.get().map_or(0.0, |clock| clock());
        if !std::mem::replace(&mut self.asked, true) {
            let module = interp.module_polling.get();
            interp.paused_at.set(Some((wall, rt.host_now(), module)));
            if !module {
                rt.pause();
            }
            return std::task::Poll::Pending;
        }
        // (Driven a piece at a time, the time away is counted where the pieces end.)
        if let Some((wall_then, host_then, _)) = interp.paused_at.take().filter(|_| !interp.in_pieces.get()) {
            let (paused_wall, paused_host) = interp.paused_for.get();
            interp.paused_for.set((paused_wall + wall - wall_then, paused_host + rt.host_now() - host_then));
        }
        interp.worked_from.set(wall);
        std::task::Poll::Ready(())
    }
}
