//! The machine that runs code objects. A call pushes a frame on a fiber: a stack of
//! values (each frame's locals, then its operands) and a stack of frames, both on the
//! heap, so a thousand nested calls cost no Rust stack. A generator, coroutine or async
//! generator is a frame saved in its object: resuming it (`next`, `send`, `throw`, a
//! `for` loop, `await`, `yield from`, an `async for` step) pushes it back on the fiber
//! of whoever resumes it, and `yield` takes it off again. A task owns a fiber: when the
//! innermost frame awaits one of the loop's own futures (a sleep, a task, a lock...),
//! the fiber suspends where it stands and the task's step ends; the next step polls
//! that future and goes on. A frame is data: its function, line and locals can be read
//! between steps (see [`Interp::task_frames`]).
//!
//! Calls from Rust into Python (a `sorted` key, a callback, `list(generator)`) run a
//! fiber of their own to its end on the Rust stack, as CPython does; those cannot pause.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::builtins::{self, Builtin};
use super::bytecode::{Code, CodeKind, Op};
use super::exceptions::{ExcType, Exception};
use super::interp::{raise, BoxFuture, DropPlace, Interp, Res, Tick, Unwind, RECURSION_LIMIT};
use super::value::{Dict, Iter, Key, Module, Str, Type, Value};

/// A variable shared by a function and the functions inside it that use it.
pub type Cell = Rc<RefCell<Value>>;

/// A function: its code, its defaults and the cells it closes over.
pub struct Function {
    pub code: Rc<Code>,
    pub defaults: Vec<Value>,
    pub kw_defaults: Vec<(Str, Value)>,
    pub closure: Vec<Cell>,
    /// Attributes set on it (`wrapper.__name__ = f.__name__`, `f.calls = 0`), if any.
    pub attrs: RefCell<Option<Box<Dict>>>,
}

impl Function {
    pub fn new(code: Rc<Code>, defaults: Vec<Value>, kw_defaults: Vec<(Str, Value)>, closure: Vec<Cell>) -> Function {
        Function { code, defaults, kw_defaults, closure, attrs: RefCell::new(None) }
    }

    /// Sets an attribute on it.
    pub fn set_attr(&self, name: &str, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        attrs.get_or_insert_with(Box::default).insert(super::value::Key::Str(name.into()), Value::str(name), value);
    }

    /// An attribute set on it.
    pub fn attr(&self, name: &str) -> Option<Value> {
        self.attrs.borrow().as_ref()?.get(&super::value::Key::Str(name.into())).cloned()
    }

    /// Its `__qualname__`, as set or as its code has it.
    pub fn qualname(&self) -> Str {
        match self.attr("__qualname__") {
            Some(Value::Str(s)) => s,
            _ => self.code.qualname.clone(),
        }
    }

    /// Its `__name__`, as set or as its code has it.
    pub fn name(&self) -> Str {
        match self.attr("__name__") {
            Some(Value::Str(s)) => s,
            _ => self.code.name.clone(),
        }
    }
}

/// A generator, coroutine or async generator object (as its code's kind says).
pub struct Generator {
    pub code: Rc<Code>,
    /// Its `__name__` and `__qualname__`: its function's when it was made (which
    /// `functools.wraps` may have set).
    pub name: Str,
    pub qualname: Str,
    pub state: RefCell<GenState>,
    /// The call as Python writes it, for the timeline: `say_after(1, 'hello')`.
    pub label: String,
    /// Where it was made, to warn if a coroutine is never awaited.
    interp: Weak<Interp>,
    pub line: u32,
    /// An async generator the running loop has seen iterated (asyncio's `firstiter`
    /// hook): `asyncio.run` closes it on its way out if it is still suspended.
    hooked: std::cell::Cell<bool>,
}

pub enum GenState {
    /// Made, not started: its frame holds the arguments.
    Created(Box<Saved>),
    /// A coroutine a task was made for: the task starts it.
    Scheduled(Box<Saved>),
    Suspended(Box<Saved>),
    /// On a fiber now.
    Running,
    Finished,
}

/// A frame off the fiber: the frame and its part of the stack (locals, then operands).
pub struct Saved {
    pub frame: Frame,
    pub values: Vec<Value>,
}

impl Generator {
    pub fn kind(&self) -> CodeKind {
        self.code.kind
    }

    pub fn is_coroutine(&self) -> bool {
        self.code.kind == CodeKind::Coroutine
    }

    /// Takes a coroutine not yet started for a fiber of its own (a task's, or
    /// `anext`'s): it starts it there, and nothing else may.
    pub fn schedule(&self) -> Res<()> {
        let state = std::mem::replace(&mut *self.state.borrow_mut(), GenState::Finished);
        match state {
            GenState::Created(saved) => {
                *self.state.borrow_mut() = GenState::Scheduled(saved);
                Ok(())
            }
            other => {
                *self.state.borrow_mut() = other;
                raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine")
            }
        }
    }

    /// What its messages call it: `generator`, `coroutine`, `async generator`.
    fn what(&self) -> &'static str {
        match self.code.kind {
            CodeKind::Coroutine => "coroutine",
            CodeKind::AsyncGenerator => "async generator",
            _ => "generator",
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(*self.state.borrow(), GenState::Running)
    }

    /// Whether its frame runs now (`cr_running`): on a fiber, and not one of a task
    /// suspended at an await (where CPython's coroutine reads as suspended).
    pub fn is_executing(self: &Rc<Self>) -> bool {
        if !self.is_running() {
            return false;
        }
        let Some(interp) = self.interp.upgrade() else { return true };
        let tasks: Vec<_> = interp.tasks.borrow().values().filter_map(|t| t.fiber.clone()).collect();
        !tasks.iter().filter_map(std::rc::Weak::upgrade).any(|fiber| {
            // (The fiber that runs now is borrowed: its frames run.)
            fiber
                .try_borrow()
                .is_ok_and(|f| f.frames.iter().any(|frame| frame.gen.as_ref().is_some_and(|g| Rc::ptr_eq(g, self))))
        })
    }

    pub fn is_finished(&self) -> bool {
        matches!(*self.state.borrow(), GenState::Finished)
    }

    /// The saved frame's line and locals (for a view of a suspended generator).
    pub fn saved_line(&self) -> Option<u32> {
        match &*self.state.borrow() {
            GenState::Created(s) | GenState::Scheduled(s) | GenState::Suspended(s) => Some(s.frame.line()),
            _ => None,
        }
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        let state = std::mem::replace(self.state.get_mut(), GenState::Finished);
        let Some(interp) = self.interp.upgrade() else { return };
        match state {
            // A coroutine that never ran: CPython's warning.
            GenState::Created(_) if self.code.kind == CodeKind::Coroutine => {
                warn_never_awaited(&interp, &self.qualname, self.line);
            }
            // A generator dropped where it stands is closed, as CPython closes it when it
            // is collected: its `finally` blocks run (at the machine's next safe point).
            // An async generator's `aclose()` runs as a task of the loop, as asyncio's
            // finalizer hook makes one.
            GenState::Suspended(saved)
                if self.code.kind == CodeKind::AsyncGenerator
                    || (self.code.kind == CodeKind::Generator && saved.frame.may_clean_up()) =>
            {
                let heir = Rc::new(Generator {
                    code: self.code.clone(),
                    name: self.name.clone(),
                    qualname: self.qualname.clone(),
                    state: RefCell::new(GenState::Suspended(saved)),
                    label: std::mem::take(&mut self.label),
                    interp: Weak::new(),
                    line: self.line,
                    hooked: std::cell::Cell::new(true),
                });
                if let Ok(mut queue) = interp.finalizing.try_borrow_mut() {
                    queue.push(heir);
                    interp.finalize_due.set(true);
                }
            }
            _ => {}
        }
    }
}

/// The coroutines never started among `values` (a frame's, as an exception leaves it):
/// kept by the exception, as CPython's traceback keeps the frame that holds them.
fn keep_unstarted(e: &Exception, values: &[Value]) {
    for value in values {
        let unstarted = match value {
            Value::Generator(g) => g.is_coroutine() && matches!(*g.state.borrow(), GenState::Created(_)),
            Value::Native(n) => n.unawaited.is_some(),
            _ => false,
        };
        if unstarted {
            e.kept.borrow_mut().push(value.clone());
        }
    }
}

/// CPython's warning for coroutine `name`, made at `line` and dropped without being
/// awaited: queued for the machine's next safe point, which knows where it was dropped.
pub fn warn_never_awaited(interp: &Interp, name: &str, line: u32) {
    if interp.halted().is_some() {
        return;
    }
    if let Ok(mut queue) = interp.unawaited.try_borrow_mut() {
        queue.push((name.to_owned(), line));
        interp.finalize_due.set(true);
    }
}

/// The warnings for the coroutines dropped unawaited, on standard error, as CPython
/// words them: the place where each was freed and its line, and tracemalloc's hint;
/// once per place, and not for a program the playground stopped (a hundred thousand
/// coroutines made for a gather it never finished would each warn, and take a while to).
pub fn warn_unawaited(interp: &Rc<Interp>, place: DropPlace) {
    let dropped = interp.unawaited.take();
    if interp.halted().is_some() {
        return;
    }
    const HINT: &str = "\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback";
    for (name, made) in dropped {
        // Where it was freed, and the text CPython shows of that line: the program's;
        // asyncio's callback that ran the step; or with the module's variables, where
        // no frame runs and CPython names `sys`.
        let run = &super::asyncio::lines::CALLBACK_RUN;
        let (file, line, text) = match place {
            DropPlace::Unknown | DropPlace::Line(_) => {
                let line = if let DropPlace::Line(line) = place { line } else { made };
                ("main.py".to_owned(), line, Some(interp.source_line(line)))
            }
            DropPlace::Loop => (format!("{}{}", super::exceptions::LIBRARY, run.file), run.line, Some(run.text.into())),
            DropPlace::Exit => ("sys".to_owned(), 1, None),
        };
        // (A program that uses `warnings` has its filters and `catch_warnings` see it.)
        if let Some(hook) = interp.global("warnings._unawaited") {
            let message = Value::str(&format!("coroutine '{name}' was never awaited"));
            let args = vec![message, Value::str(&file), Value::Int(i64::from(line))];
            if let Ok(Value::Bool(true)) = interp.call_value(hook, args, Vec::new()) {
                continue;
            }
        }
        let warning = format!("{file}:{line}: RuntimeWarning: coroutine '{name}' was never awaited");
        let shown = match text {
            Some(text) if !text.is_empty() => format!("\n  {text}{HINT}"),
            Some(_) => HINT.to_owned(),
            None => String::new(),
        };
        if interp.warned.borrow_mut().insert(warning.clone()) {
            interp.stderr.borrow_mut().push(format!("{warning}{shown}"));
        }
    }
}

/// An async generator's step being awaited: `anext(agen)`, `agen.asend(v)`,
/// `agen.athrow(e)`, `agen.aclose()`.
pub struct AsyncStep {
    pub agen: Rc<Generator>,
    pub delivery: RefCell<Option<Delivery>>,
    /// `aclose()`: a yield is an error, the generator's end is the result.
    pub close: bool,
}

/// What a generator is resumed with.
#[derive(Clone)]
pub enum Delivery {
    Value(Value),
    Throw(Rc<Exception>),
}

/// How a generator was resumed from the frame below it, so its yield and its end go
/// back there as that way says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeMode {
    /// `next(g)`, `g.send(v)`, `g.throw(e)`: a yield is the call's result, the end
    /// raises `StopIteration`.
    Send,
    /// `next(g, default)`: the end is the default, which is on the stack below.
    NextOr,
    /// `g.close()`: a yield is an error, the end (or `GeneratorExit`) is `None`.
    Close,
}

/// How a frame was entered: where its return, its yield and its exception go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A call: the callable is on the stack just below the frame's locals.
    Call,
    /// A class's `__init__`, called as the class is: the new instance is on the stack
    /// just below the frame's locals, and is what the call gives.
    Init,
    Resume(ResumeMode),
    /// A `for` loop's next item, from the frame below's `ForIter`.
    ForIter {
        exit: u32,
    },
    /// `await` or `yield from` in the frame below: its yields go on through that
    /// frame, its return is the value of the frame below's `Send`.
    Delegate,
    /// An async generator's step awaited in the frame below (at its `Send`).
    AsyncStep {
        close: bool,
    },
    /// The bottom of the fiber: its end goes to whoever drives the fiber.
    Base(Root),
}

/// What a fiber's bottom frame is, for how its end is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    /// A function called from Rust, the module, a task's coroutine.
    Call,
    /// A generator resumed from Rust.
    Resume(ResumeMode),
    /// An async generator's step run as a task.
    AsyncStep { close: bool },
}

/// A function's activation.
pub struct Frame {
    pub code: Rc<Code>,
    /// The next instruction.
    pub ip: u32,
    /// Where its locals start in the fiber's stack.
    pub base: u32,
    /// Its cells, then its free variables' cells.
    pub cells: Vec<Cell>,
    pub entry: Entry,
    /// The generator object this is the frame of.
    pub gen: Option<Rc<Generator>>,
    /// The exceptions being handled in it (`except` blocks entered), innermost last.
    pub handling: Vec<Rc<Exception>>,
    /// A number of its own, for tracebacks.
    pub id: u32,
    /// Whether it stands at a `Send` (awaiting, or delegating to the frame above).
    pub at_send: bool,
    /// Whether the loop's trace has this coroutine entered (a bar on the task's lane).
    pub span: bool,
    /// The line it last recorded as begun, in code compiled to record lines.
    pub traced_line: u32,
}

impl Frame {
    /// The instruction it is executing (or, at the start, its first).
    pub fn current(&self) -> u32 {
        if self.at_send {
            self.ip
        } else {
            self.ip.saturating_sub(1)
        }
    }

    pub fn line(&self) -> u32 {
        if self.ip == 0 && !self.at_send {
            return self.code.first_line;
        }
        self.code.line_at(self.current())
    }

    /// Whether closing it could run code: it stands inside a `try` (or `async with`).
    fn may_clean_up(&self) -> bool {
        self.code.handler_at(self.current()).is_some()
    }
}

/// Who drives a fiber, which decides what its yields can become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FiberKind {
    /// A task's: a yield of one of the loop's futures suspends the task on it.
    Task,
    /// The module's code outside the loop: it waits in `asyncio.run`.
    Module,
    /// A call from Rust, run to its end at once.
    Nested,
}

/// What a suspended fiber waits for, and where its result goes.
pub struct Leaf {
    pub future: BoxFuture<'static, Res<Value>>,
    pub kind: LeafKind,
    /// The task, future or gather it waits for, as the program could see it (a task's
    /// repr names it `wait_for=`); see [`Interp::awaiting`].
    pub awaited: Option<Value>,
    /// The coroutine of asyncio's written in Rust it waits in, if any (`sleep`,
    /// `Lock.acquire`): the await graph shows CPython's frames for it.
    pub native: Option<Rc<super::asyncio::Native>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafKind {
    /// The top frame's `Send` completes with the result.
    Send,
    /// The top frame's bare `yield` gets `None` (or the failure raised).
    Yield,
    /// The top frame's call (a blocking one: `asyncio.run`, `time.sleep`) returns it.
    Call,
}

/// A stack of frames, on the heap.
pub struct Fiber {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub kind: FiberKind,
    /// How many frames are below this fiber's (its caller's, or asyncio's for a task).
    pub base_depth: u32,
    pub leaf: Option<Leaf>,
    /// What it starts with, until it starts.
    pub start: Option<Start>,
    /// For a nested fiber: the exception being handled where it was called from.
    pub outer_handling: Option<Rc<Exception>>,
    /// An exception thrown into the frame just resumed (`g.throw(e)`), raised there
    /// as the loop goes on in it.
    pub throw_pending: Option<Rc<Exception>>,
}

/// What a fiber runs first.
pub enum Start {
    Gen(Rc<Generator>, Delivery, Root),
    Call(Value, Vec<Value>, Vec<(Str, Value)>),
}

/// How a fiber's run ended for now.
pub enum Ran {
    /// The bottom frame returned.
    Returned(Value),
    /// The bottom frame (a generator resumed from Rust) yielded.
    Yielded(Value),
    Raised(Unwind),
    /// It waits on its leaf.
    Waiting,
    /// It paused for the page to have its turn.
    Paused,
    /// The loop left itself to be called again at once (every `TICKS` ticks): a wasm
    /// engine that compiled it quickly at first swaps in its optimised compile only at
    /// a call, and a program's whole run may be one call. Never seen outside `drive`.
    Again,
}

impl Fiber {
    /// The line where its outermost frame of the program's own code stands (a task's
    /// coroutine: where its repr says it is running), or before it starts, its `def`.
    pub fn coroutine_line(&self) -> Option<u32> {
        if let Some(Start::Gen(gen, ..)) = &self.start {
            if let GenState::Created(saved) | GenState::Scheduled(saved) | GenState::Suspended(saved) =
                &*gen.state.borrow()
            {
                return Some(saved.frame.line());
            }
        }
        self.frames.iter().find(|f| f.code.is_program()).map(Frame::line)
    }

    /// Where an object it drops now is freed (see `DropPlace`): the line of its
    /// innermost frame of the program's own code, or for a task, asyncio's step.
    pub fn drop_place(&self) -> DropPlace {
        match self.frames.iter().rev().find(|f| f.code.is_program()) {
            Some(frame) => DropPlace::Line(frame.line()),
            None if self.kind == FiberKind::Task => DropPlace::Loop,
            None => DropPlace::Unknown,
        }
    }

    pub fn new(kind: FiberKind, start: Start) -> Fiber {
        Fiber {
            stack: Vec::new(),
            frames: Vec::new(),
            kind,
            base_depth: 0,
            leaf: None,
            start: Some(start),
            outer_handling: None,
            throw_pending: None,
        }
    }

    /// The exception being handled where the top frame stands, if any.
    fn handled(&self) -> Option<Rc<Exception>> {
        self.frames.iter().rev().find_map(|f| f.handling.last().cloned()).or_else(|| self.outer_handling.clone())
    }

    // The machine's loop runs these for nearly every instruction. The page's core is
    // optimised for size, where the standard library's `Vec::push` and indexing are
    // calls of their own: these are written out so that they inline.

    #[inline(always)]
    fn top(&mut self) -> &mut Frame {
        let n = self.frames.len();
        if n == 0 {
            no_frame();
        }
        // SAFETY: `n - 1` is in bounds.
        unsafe { &mut *self.frames.as_mut_ptr().add(n - 1) }
    }

    #[inline(always)]
    fn push(&mut self, v: Value) {
        let len = self.stack.len();
        if len == self.stack.capacity() {
            self.stack.reserve(64);
        }
        // SAFETY: `len < capacity`, just checked or made so.
        unsafe {
            self.stack.as_mut_ptr().add(len).write(v);
            self.stack.set_len(len + 1);
        }
    }

    #[inline(always)]
    fn pop(&mut self) -> Value {
        take_last(&mut self.stack)
    }

    #[inline(always)]
    fn peek(&self, n: usize) -> &Value {
        self.at(self.stack.len() - n)
    }

    /// Takes the top frame off.
    #[inline(always)]
    fn pop_frame(&mut self) -> Frame {
        take_last(&mut self.frames)
    }

    /// The stack's item `i` from the bottom.
    #[inline(always)]
    fn at(&self, i: usize) -> &Value {
        if i >= self.stack.len() {
            no_frame();
        }
        // SAFETY: in bounds, just checked.
        unsafe { &*self.stack.as_ptr().add(i) }
    }

    #[inline(always)]
    fn at_mut(&mut self, i: usize) -> &mut Value {
        if i >= self.stack.len() {
            no_frame();
        }
        // SAFETY: in bounds, just checked.
        unsafe { &mut *self.stack.as_mut_ptr().add(i) }
    }

    /// Replaces the top two items (both of them without a heap part: ints, floats,
    /// bools, `None`) with `v`.
    #[inline(always)]
    fn replace_two_plain(&mut self, v: Value) {
        let len = self.stack.len();
        if len < 2 {
            no_frame();
        }
        // SAFETY: both items exist and own nothing, so they need no drop: the top is let
        // go by the length, the one below is overwritten.
        unsafe {
            self.stack.set_len(len - 1);
            self.stack.as_mut_ptr().add(len - 2).write(v);
        }
    }
}

/// What happens in the frame below one that returned, yielded or raised.
enum After {
    Push(Value),
    Raise(Rc<Exception>),
    /// The `Send` it stands at completes with the value.
    CompleteSend(Value),
    /// Its `for` loop ends.
    EndFor(u32),
}

/// Why a frame ends or steps out.
enum Event {
    Returned(Value),
    Yielded(Value),
    /// An async generator's `yield`.
    AsyncYielded(Value),
}

macro_rules! tri {
    ($label:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => break $label e,
        }
    };
}

impl Interp {
    // ---- making functions, frames and generators ----

    fn frame_id(&self) -> u32 {
        let id = self.frame_ids.get().wrapping_add(1);
        self.frame_ids.set(id);
        id
    }

    /// The cells a new frame of `function` starts with: its own, holding the
    /// parameters they are, then the ones it closes over.
    fn cells_of(function: &Function, locals: &[Value]) -> Vec<Cell> {
        let code = &function.code;
        if code.cellvars.is_empty() && function.closure.is_empty() {
            return Vec::new();
        }
        let mut cells: Vec<Cell> = code
            .cellvars
            .iter()
            .map(|(_, param)| Rc::new(RefCell::new(param.map_or(Value::Unbound, |p| locals[p as usize].clone()))))
            .collect();
        cells.extend(function.closure.iter().cloned());
        cells
    }

    /// Binds `args` and `kwargs` to `function`'s parameters as Python binds them: its
    /// locals, in slot order.
    pub fn bind_args(&self, function: &Function, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Vec<Value>> {
        let code = &function.code;
        let name = &code.qualname;
        let positional = code.argcount as usize;
        let given = args.len();
        let mut locals = vec![Value::Unbound; code.varnames.len()];
        let mut args = args.into_iter();
        for slot in locals.iter_mut().take(positional.min(given)) {
            *slot = args.next().expect("counted");
        }
        let extra: Vec<Value> = args.collect();
        let mut next = positional;
        if code.varargs {
            locals[next] = Value::tuple(extra);
            next += 1;
        } else if !extra.is_empty() {
            let required = positional - function.defaults.len();
            let takes = if function.defaults.is_empty() {
                format!("{positional}")
            } else {
                format!("from {required} to {positional}")
            };
            let plural = if positional == 1 && function.defaults.is_empty() { "" } else { "s" };
            let were = if given == 1 { "was" } else { "were" };
            return raise(
                ExcType::TypeError,
                format!("{name}() takes {takes} positional argument{plural} but {given} {were} given"),
            );
        }
        let kwonly = next..next + code.kwonlycount as usize;
        let kwarg_slot = kwonly.end;
        let mut extra_kwargs = Dict::default();
        let posonly = code.posonlycount as usize;
        let mut posonly_named = Vec::new();
        for (key, value) in kwargs {
            let slot = code.varnames[posonly..positional]
                .iter()
                .position(|n| *n == key)
                .map(|i| i + posonly)
                .or_else(|| code.varnames[kwonly.clone()].iter().position(|n| *n == key).map(|i| i + kwonly.start));
            if slot.is_none() && !code.varkeywords && code.varnames[..posonly].contains(&key) {
                posonly_named.push(format!("'{key}'"));
                continue;
            }
            match slot {
                Some(slot) => {
                    if !matches!(locals[slot], Value::Unbound) {
                        return raise(ExcType::TypeError, format!("{name}() got multiple values for argument '{key}'"));
                    }
                    locals[slot] = value;
                }
                None if code.varkeywords => {
                    extra_kwargs.insert(Key::Str(key.clone()), Value::Str(key), value);
                }
                None => {
                    return raise(ExcType::TypeError, format!("{name}() got an unexpected keyword argument '{key}'"));
                }
            }
        }
        if !posonly_named.is_empty() {
            let names = posonly_named.join(", ");
            let message = format!("{name}() got some positional-only arguments passed as keyword arguments: {names}");
            return raise(ExcType::TypeError, message);
        }
        if code.varkeywords {
            locals[kwarg_slot] = Value::Dict(Rc::new(RefCell::new(extra_kwargs)));
        }
        let first_default = positional - function.defaults.len();
        let mut missing = Vec::new();
        for (i, slot) in locals.iter_mut().enumerate().take(positional) {
            if matches!(slot, Value::Unbound) {
                if i >= first_default {
                    *slot = function.defaults[i - first_default].clone();
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return raise(ExcType::TypeError, missing_message(name, "positional", &missing));
        }
        for i in kwonly {
            if matches!(locals[i], Value::Unbound) {
                let param = &code.varnames[i];
                match function.kw_defaults.iter().find(|(k, _)| k == param) {
                    Some((_, d)) => locals[i] = d.clone(),
                    None => missing.push(param.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return raise(ExcType::TypeError, missing_message(name, "keyword-only", &missing));
        }
        Ok(locals)
    }

    /// A generator (coroutine, async generator) object for a call of `function`.
    fn make_generator(self: &Rc<Self>, function: &Function, locals: Vec<Value>, label: String, line: u32) -> Value {
        let cells = Self::cells_of(function, &locals);
        let frame = Frame {
            code: function.code.clone(),
            ip: 0,
            base: 0,
            cells,
            entry: Entry::Call,
            gen: None,
            handling: Vec::new(),
            id: self.frame_id(),
            at_send: false,
            span: false,
            traced_line: 0,
        };
        let (name, qualname) = match &*function.attrs.borrow() {
            None => (function.code.name.clone(), function.code.qualname.clone()),
            Some(_) => (function.name(), function.qualname()),
        };
        Value::Generator(Rc::new(Generator {
            code: function.code.clone(),
            name,
            qualname,
            state: RefCell::new(GenState::Created(Box::new(Saved { frame, values: locals }))),
            label,
            interp: Rc::downgrade(self),
            line,
            hooked: std::cell::Cell::new(false),
        }))
    }

    /// Pushes a frame for `function` with its locals on the fiber's stack from `base`.
    #[inline(always)]
    fn push_frame(&self, fiber: &mut Fiber, function: &Function, base: usize, entry: Entry) -> Res<()> {
        let code = &function.code;
        let depth = fiber.base_depth + fiber.frames.len() as u32 + 1;
        if depth > RECURSION_LIMIT {
            fiber.stack.truncate(base.saturating_sub(usize::from(matches!(entry, Entry::Call | Entry::Init))));
            return raise(ExcType::RecursionError, "maximum recursion depth exceeded");
        }
        let cells = if code.cellvars.is_empty() && function.closure.is_empty() {
            Vec::new()
        } else {
            Self::cells_of(function, &fiber.stack[base..])
        };
        let room = code.stack_size as usize + 4;
        if fiber.stack.capacity() - fiber.stack.len() < room {
            fiber.stack.reserve(room);
        }
        if fiber.frames.len() == fiber.frames.capacity() {
            fiber.frames.reserve(16);
        }
        let frame = Frame {
            code: code.clone(),
            ip: 0,
            base: base as u32,
            cells,
            entry,
            gen: None,
            handling: Vec::new(),
            id: self.frame_id(),
            at_send: false,
            span: false,
            traced_line: 0,
        };
        let n = fiber.frames.len();
        // SAFETY: `n < capacity`, made so just above.
        unsafe {
            fiber.frames.as_mut_ptr().add(n).write(frame);
            fiber.frames.set_len(n + 1);
        }
        Ok(())
    }

    /// Resumes `gen` on `fiber` with `delivery`, entered as `entry`: its frame (and
    /// those it delegates to, for a throw) go on the fiber. `Ok(None)` when it runs;
    /// `Ok(Some(v))` when it had already finished (as if it returned `v` now).
    fn resume(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        gen: &Rc<Generator>,
        delivery: Delivery,
        entry: Entry,
    ) -> Res<Option<Value>> {
        let state = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
        let (mut saved, created) = match state {
            GenState::Running => {
                let message = match gen.kind() {
                    CodeKind::Coroutine => "coroutine already executing",
                    CodeKind::AsyncGenerator => "anext(): asynchronous generator is already running",
                    _ => "generator already executing",
                };
                return raise(
                    if gen.kind() == CodeKind::AsyncGenerator { ExcType::RuntimeError } else { ExcType::ValueError },
                    message,
                );
            }
            GenState::Finished => {
                *gen.state.borrow_mut() = GenState::Finished;
                return match delivery {
                    Delivery::Throw(e) => Err(Unwind::Raise(e)),
                    Delivery::Value(_) if gen.is_coroutine() => {
                        raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine")
                    }
                    Delivery::Value(_) => Ok(Some(Value::None)),
                };
            }
            GenState::Created(saved) => (saved, true),
            GenState::Scheduled(saved) if matches!(entry, Entry::Base(_)) => (saved, true),
            GenState::Scheduled(saved) => {
                *gen.state.borrow_mut() = GenState::Scheduled(saved);
                return raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine");
            }
            GenState::Suspended(saved) => (saved, false),
        };
        if created {
            match &delivery {
                Delivery::Value(v) if !matches!(v, Value::None) => {
                    *gen.state.borrow_mut() = GenState::Created(saved);
                    return raise(
                        ExcType::TypeError,
                        format!("can't send non-None value to a just-started {}", gen.what()),
                    );
                }
                Delivery::Throw(e) => {
                    // Thrown in before it began: it ends at once, none of its code run.
                    *gen.state.borrow_mut() = GenState::Finished;
                    return Err(Unwind::Raise(e.clone()));
                }
                _ => {}
            }
        }
        let depth = fiber.base_depth + fiber.frames.len() as u32 + 1;
        if depth > RECURSION_LIMIT {
            // (A coroutine started too deep has started, as CPython's frame has, and
            // ended with the error: it is not one never awaited.)
            *gen.state.borrow_mut() = if created { GenState::Finished } else { GenState::Suspended(saved) };
            return raise(ExcType::RecursionError, "maximum recursion depth exceeded");
        }
        let base = fiber.stack.len();
        fiber.stack.append(&mut saved.values);
        fiber.stack.reserve(gen.code.stack_size as usize + 4);
        let Saved { mut frame, .. } = *saved;
        frame.base = base as u32;
        frame.entry = entry;
        frame.gen = Some(gen.clone());
        if created && gen.is_coroutine() && entry == Entry::Delegate && fiber.kind == FiberKind::Task {
            if let Some(rt) = self.rt() {
                rt.coroutine_entered(gen.label.clone());
                frame.span = true;
            }
        }
        let at_send = frame.at_send;
        fiber.frames.push(frame);
        match delivery {
            Delivery::Value(v) => {
                if !created {
                    fiber.push(v);
                }
            }
            Delivery::Throw(e) => {
                if at_send {
                    // Delegating: the throw goes on to what it awaits.
                    let receiver = fiber.stack.last().cloned();
                    let inner = match receiver {
                        Some(Value::Generator(inner)) if !inner.is_finished() => Some((inner, Entry::Delegate)),
                        Some(Value::AsyncStep(step)) => {
                            Some((step.agen.clone(), Entry::AsyncStep { close: step.close }))
                        }
                        _ => None,
                    };
                    if let Some((inner, entry)) = inner {
                        return match self.resume(fiber, &inner, Delivery::Throw(e), entry) {
                            Ok(Some(v)) => {
                                self.complete_send(fiber, v);
                                Ok(None)
                            }
                            Ok(None) => Ok(None),
                            Err(Unwind::Raise(e)) => {
                                fiber.throw_pending = Some(e);
                                Ok(None)
                            }
                            Err(halt) => Err(halt),
                        };
                    }
                }
                // Raised in the frame as the loop goes on in it.
                fiber.throw_pending = Some(e);
            }
        }
        Ok(None)
    }

    // ---- running ----

    /// Runs `fiber` until its bottom frame ends, it waits on its leaf, or it pauses.
    pub fn drive(self: &Rc<Self>, fiber: &mut Fiber) -> Ran {
        let depth_before = self.depth.get();
        let ran = self.drive_here(fiber);
        self.depth.set(depth_before);
        ran
    }

    fn drive_here(self: &Rc<Self>, fiber: &mut Fiber) -> Ran {
        if self.is_paused() && fiber.kind != FiberKind::Nested {
            self.pause_end();
        }
        if let Some(start) = fiber.start.take() {
            let started = match start {
                Start::Gen(gen, mut delivery, root) => {
                    if fiber.kind == FiberKind::Task && matches!(root, Root::AsyncStep { .. }) {
                        // A task of `aclose()` or `asend()` cancelled before its first step.
                        if let Some(cancel) = self.rt().and_then(|rt| rt.take_cancellation()) {
                            match super::asyncio::from_runtime(self, cancel) {
                                Unwind::Raise(e) => delivery = Delivery::Throw(e),
                                halt => return Ran::Raised(halt),
                            }
                        }
                    }
                    let entry = Entry::Base(root);
                    match self.resume(fiber, &gen, delivery, entry) {
                        Ok(None) => Ok(()),
                        Ok(Some(v)) => {
                            return self.at_base(root, Event::Returned(v)).expect("the base's end is an end")
                        }
                        Err(e) => Err(e),
                    }
                }
                Start::Call(callee, args, kwargs) => match callee {
                    Value::Function(f) if !f.code.is_generator() => {
                        self.bind_args(&f, args, kwargs).and_then(|locals| {
                            fiber.push(Value::Function(f.clone()));
                            let base = fiber.stack.len();
                            fiber.stack.extend(locals);
                            self.push_frame(fiber, &f, base, Entry::Base(Root::Call))
                        })
                    }
                    Value::Code(code) => {
                        let function = Function::new(code, Vec::new(), Vec::new(), Vec::new());
                        fiber.push(Value::None);
                        let base = fiber.stack.len();
                        fiber.stack.extend(std::iter::repeat_n(Value::Unbound, function.code.varnames.len()));
                        self.push_frame(fiber, &function, base, Entry::Base(Root::Call))
                    }
                    other => return self.call_value(other, args, kwargs).map_or_else(Ran::Raised, Ran::Returned),
                },
            };
            if let Err(e) = started {
                if fiber.frames.is_empty() {
                    return Ran::Raised(e);
                }
                if let Some(ran) = self.raise_in(fiber, e) {
                    return ran;
                }
            }
        }
        if let Some(mut leaf) = fiber.leaf.take() {
            self.awaited_now.take();
            let poll = leaf.future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
            let awaited = self.awaited_now.take();
            match poll {
                std::task::Poll::Pending => {
                    if awaited.is_some() {
                        leaf.awaited = awaited;
                    }
                    fiber.leaf = Some(leaf);
                    if self.is_paused() {
                        return Ran::Paused;
                    }
                    return Ran::Waiting;
                }
                std::task::Poll::Ready(result) => {
                    if let Some(ran) = self.deliver_leaf(fiber, leaf.kind, result) {
                        return ran;
                    }
                }
            }
        }
        if fiber.frames.is_empty() {
            return Ran::Returned(Value::None);
        }
        loop {
            match self.run(fiber) {
                Ran::Again => {}
                ran => return ran,
            }
        }
    }

    /// Hands what a leaf ended with to the top frame.
    fn deliver_leaf(self: &Rc<Self>, fiber: &mut Fiber, kind: LeafKind, result: Res<Value>) -> Option<Ran> {
        let value = match result {
            Ok(v) => v,
            Err(e) => {
                if kind == LeafKind::Send {
                    let top = fiber.top();
                    top.at_send = true;
                }
                return self.raise_in(fiber, self.with_context(fiber, e));
            }
        };
        match kind {
            LeafKind::Send => self.complete_send(fiber, value),
            LeafKind::Yield => fiber.push(Value::None),
            LeafKind::Call => fiber.push(value),
        }
        None
    }

    /// The top frame's `Send` is done: its receiver and value give way to `value`.
    fn complete_send(&self, fiber: &mut Fiber, value: Value) {
        let top = fiber.frames.last_mut().expect("a frame at a send");
        let Op::Send(target) = top.code.ops[top.ip as usize] else {
            unreachable!("a frame that awaits stands at a Send")
        };
        top.ip = target;
        top.at_send = false;
        fiber.pop();
        fiber.push(value);
    }

    /// The loop: runs the top frame's instructions, switching frames at calls, returns
    /// and yields, until the bottom frame ends or the fiber suspends.
    #[inline(never)]
    fn run(self: &Rc<Self>, fiber: &mut Fiber) -> Ran {
        'frames: loop {
            self.depth.set(fiber.base_depth + fiber.frames.len() as u32);
            if self.finalize_due.get() {
                // A frame that ended dropped a suspended generator: it is closed now.
                if let Err(e) = self.finalize_in(fiber) {
                    if let Some(ran) = self.raise_in(fiber, e) {
                        return ran;
                    }
                }
            }
            if let Some(e) = fiber.throw_pending.take() {
                let e = self.with_context(fiber, Unwind::Raise(e));
                if let Some(ran) = self.raise_in(fiber, e) {
                    return ran;
                }
                continue 'frames;
            }
            let frame = fiber.top();
            if frame.ip == 0 && !frame.at_send {
                // A frame begins: a call counts against the budgets, and may pause there.
                match self.tick_vm() {
                    Ok(Tick::Go) => {}
                    Ok(Tick::Pause) if fiber.kind != FiberKind::Nested && self.may_pause() => {
                        self.pause_begin();
                        return Ran::Paused;
                    }
                    Ok(_) => return Ran::Again,
                    Err(e) => {
                        if let Some(ran) = self.raise_in(fiber, e) {
                            return ran;
                        }
                        continue 'frames;
                    }
                }
            }
            let frame = fiber.top();
            // SAFETY: the frame holds its code, and is not popped while `code` is used:
            // every instruction that pops or pushes a frame goes on to `'frames`, which
            // takes the new top frame's code.
            let code: &Code = unsafe { &*Rc::as_ptr(&frame.code) };
            let ops: &[Op] = &code.ops;
            let base = frame.base as usize;
            let mut ip = frame.ip as usize;
            let mut kwnames: Option<Rc<super::value::Tuple>> = None;
            'ops: loop {
                let op = *item(ops, ip);
                ip += 1;
                let error: Unwind = 'op: {
                    match op {
                        Op::LoadFast(i) => {
                            let v = fiber.at(base + i as usize);
                            if let Value::Unbound = v {
                                let name = &code.varnames[i as usize];
                                break 'op unbound_local(name);
                            }
                            let v = quick_clone(v);
                            fiber.push(v);
                        }
                        Op::LoadFast2(ab) => {
                            for i in [ab >> 16, ab & 0xffff] {
                                let v = fiber.at(base + i as usize);
                                if let Value::Unbound = v {
                                    break 'op unbound_local(&code.varnames[i as usize]);
                                }
                                let v = quick_clone(v);
                                fiber.push(v);
                            }
                            ip += 1;
                        }
                        Op::LoadFastConst(ac) => {
                            let v = fiber.at(base + (ac >> 16) as usize);
                            if let Value::Unbound = v {
                                break 'op unbound_local(&code.varnames[(ac >> 16) as usize]);
                            }
                            let v = quick_clone(v);
                            fiber.push(v);
                            let c = quick_clone(item(&code.consts, (ac & 0xffff) as usize));
                            fiber.push(c);
                            ip += 1;
                        }
                        Op::CompareJump(c, t) => {
                            let result = match (fiber.peek(2), fiber.peek(1)) {
                                (Value::Int(x), Value::Int(y)) => {
                                    let (x, y) = (*x, *y);
                                    let result = match c {
                                        CmpOp::Lt => Some(x < y),
                                        CmpOp::LtE => Some(x <= y),
                                        CmpOp::Gt => Some(x > y),
                                        CmpOp::GtE => Some(x >= y),
                                        CmpOp::Eq => Some(x == y),
                                        CmpOp::NotEq => Some(x != y),
                                        _ => None,
                                    };
                                    if let Some(r) = result {
                                        let len = fiber.stack.len();
                                        // SAFETY: both are ints, which need no drop.
                                        unsafe { fiber.stack.set_len(len - 2) };
                                        Some(r)
                                    } else {
                                        None
                                    }
                                }
                                _ => None,
                            };
                            let result = match result {
                                Some(r) => r,
                                None => {
                                    let rhs = fiber.pop();
                                    let lhs = fiber.pop();
                                    tri!('op, builtins::compare(self, c, &lhs, &rhs))
                                }
                            };
                            ip = if result { ip + 1 } else { t as usize };
                        }
                        Op::StoreFast(i) => {
                            let v = fiber.pop();
                            let old = std::mem::replace(fiber.at_mut(base + i as usize), v);
                            if !is_plain(&old) {
                                drop(old);
                                if self.finalize_due.get() {
                                    fiber.top().ip = ip as u32;
                                    tri!('op, self.finalize_in(fiber));
                                }
                            } else {
                                std::mem::forget(old);
                            }
                        }
                        Op::LoadConst(i) => {
                            let v = quick_clone(item(&code.consts, i as usize));
                            fiber.push(v);
                        }
                        Op::Pop => {
                            release(fiber.pop());
                            if self.finalize_due.get() {
                                fiber.top().ip = ip as u32;
                                tri!('op, self.finalize_in(fiber));
                            }
                        }
                        Op::Binary(b) => {
                            if let (Value::Int(x), Value::Int(y)) = (fiber.peek(2), fiber.peek(1)) {
                                let (x, y) = (*x, *y);
                                let n = match b {
                                    BinOp::Add => x.checked_add(y),
                                    BinOp::Sub => x.checked_sub(y),
                                    BinOp::Mult => x.checked_mul(y),
                                    BinOp::Mod if y > 0 => Some(x.rem_euclid(y)),
                                    BinOp::FloorDiv if y > 0 => Some(x.div_euclid(y)),
                                    _ => None,
                                };
                                if let Some(n) = n {
                                    fiber.replace_two_plain(Value::Int(n));
                                    continue 'ops;
                                }
                            }
                            let rhs = fiber.pop();
                            let lhs = fiber.pop();
                            let result = tri!('op, self.binop_slow(b, lhs, rhs));
                            fiber.push(result);
                        }
                        Op::Compare(c) => {
                            if let (Value::Int(x), Value::Int(y)) = (fiber.peek(2), fiber.peek(1)) {
                                let (x, y) = (*x, *y);
                                let result = match c {
                                    CmpOp::Lt => Some(x < y),
                                    CmpOp::LtE => Some(x <= y),
                                    CmpOp::Gt => Some(x > y),
                                    CmpOp::GtE => Some(x >= y),
                                    CmpOp::Eq => Some(x == y),
                                    CmpOp::NotEq => Some(x != y),
                                    _ => None,
                                };
                                if let Some(result) = result {
                                    fiber.replace_two_plain(Value::Bool(result));
                                    continue 'ops;
                                }
                            }
                            let rhs = fiber.pop();
                            let lhs = fiber.pop();
                            let result = tri!('op, builtins::compare(self, c, &lhs, &rhs));
                            fiber.push(Value::Bool(result));
                        }
                        Op::PopJumpIfFalse(t) => {
                            let v = fiber.pop();
                            let truth = match v {
                                Value::Bool(b) => b,
                                other => {
                                    let truth = other.truthy();
                                    release(other);
                                    truth
                                }
                            };
                            if !truth {
                                ip = t as usize;
                            }
                        }
                        Op::PopJumpIfTrue(t) => {
                            if fiber.pop().truthy() {
                                ip = t as usize;
                            }
                        }
                        Op::Jump(t) => {
                            if (t as usize) < ip {
                                let tick = tri!('op, self.tick_vm());
                                if tick != Tick::Go {
                                    fiber.top().ip = t;
                                    if tick == Tick::Pause && fiber.kind != FiberKind::Nested && self.may_pause() {
                                        self.pause_begin();
                                        return Ran::Paused;
                                    }
                                    return Ran::Again;
                                }
                                if self.finalize_due.get() {
                                    fiber.top().ip = t;
                                    tri!('op, self.finalize_in(fiber));
                                }
                            }
                            ip = t as usize;
                        }
                        Op::LoadGlobal(slot) => {
                            let v = {
                                // SAFETY: no `RefMut` of the globals is alive while an instruction
                                // runs: `StoreGlobal` and `DeleteGlobal` hold theirs for a statement.
                                let globals: &Vec<Value> = unsafe { &*self.globals.as_ptr() };
                                match item(globals, slot as usize) {
                                    // SAFETY: as the globals: the builtins grow only in a call.
                                    Value::Unbound => match item(unsafe { &*self.builtins.as_ptr() }, slot as usize) {
                                        Value::Unbound => {
                                            let name = self.global_names.borrow().names[slot as usize].clone();
                                            break 'op self.name_error(code, &name);
                                        }
                                        b => b.clone(),
                                    },
                                    v => quick_clone(v),
                                }
                            };
                            fiber.push(v);
                        }
                        Op::StoreGlobal(slot) => {
                            let v = fiber.pop();
                            let old = std::mem::replace(&mut self.globals.borrow_mut()[slot as usize], v);
                            drop(old);
                            if self.finalize_due.get() {
                                fiber.top().ip = ip as u32;
                                tri!('op, self.finalize_in(fiber));
                            }
                        }
                        Op::Call(n) | Op::CallMethod(n) => {
                            let (argc, callee_at) = match op {
                                Op::Call(_) => (n as usize, fiber.stack.len() - n as usize - 1),
                                _ => match fiber.stack[fiber.stack.len() - n as usize - 1] {
                                    // `LoadMethod` found no method: the attribute is called as it is.
                                    Value::Unbound => {
                                        let at = fiber.stack.len() - n as usize - 1;
                                        fiber.stack.remove(at);
                                        (n as usize, at - 1)
                                    }
                                    _ => (n as usize + 1, fiber.stack.len() - n as usize - 2),
                                },
                            };
                            fiber.top().ip = ip as u32;
                            // The common case first: a plain function, its arguments exactly its
                            // positional parameters.
                            if let (Value::Function(f), true) = (fiber.at(callee_at), kwnames.is_none()) {
                                let c = &f.code;
                                if c.kind == CodeKind::Function
                                    && argc == c.argcount as usize
                                    && !c.varargs
                                    && !c.varkeywords
                                    && c.kwonlycount == 0
                                {
                                    // SAFETY: the function stays on the stack, below its frame,
                                    // for as long as the frame runs; the stack's buffer may move,
                                    // the function it points to does not.
                                    let f: &Function = unsafe { &*Rc::as_ptr(f) };
                                    for _ in argc..c.varnames.len() {
                                        fiber.push(Value::Unbound);
                                    }
                                    tri!('op, self.push_frame(fiber, f, callee_at + 1, Entry::Call));
                                    continue 'frames;
                                }
                            }
                            let kw = kwnames.take();
                            match tri!('op, self.call_on_stack(fiber, callee_at, argc, kw)) {
                                Called::Value(v) => {
                                    fiber.push(v);
                                    // A special method Rust called raised (see `special_or_keep`).
                                    let kept = self.take_kept();
                                    if let Some(e) = kept {
                                        break 'op e;
                                    }
                                }
                                Called::Pushed => continue 'frames,
                                Called::Wait(future) => {
                                    if let Some(ran) = self.wait_on(fiber, future, LeafKind::Call) {
                                        return ran;
                                    }
                                    continue 'frames;
                                }
                            }
                        }
                        Op::Return => {
                            let v = fiber.pop();
                            fiber.top().ip = ip as u32;
                            // The common case first: a plain call returns to its caller, and
                            // its frame goes without a call for each of its parts.
                            let top = fiber.top();
                            if matches!(top.entry, Entry::Call) && top.gen.is_none() && !top.span {
                                let keep = top.base as usize - 1;
                                let Frame { code, cells, handling, gen, .. } = fiber.pop_frame();
                                while fiber.stack.len() > keep {
                                    release(fiber.pop());
                                }
                                drop(code);
                                if cells.capacity() == 0 {
                                    std::mem::forget(cells);
                                } else {
                                    drop(cells);
                                }
                                if handling.capacity() == 0 {
                                    std::mem::forget(handling);
                                } else {
                                    drop(handling);
                                }
                                std::mem::forget(gen);
                                fiber.push(v);
                                continue 'frames;
                            }
                            if let Some(ran) = self.end_frame(fiber, Event::Returned(v)) {
                                return ran;
                            }
                            continue 'frames;
                        }
                        Op::ForIter(exit) => {
                            let next = match fiber.peek(1) {
                                Value::Iterator(it) => it.borrow_mut().next_simple(),
                                _ => None,
                            };
                            match next {
                                Some(Some(v)) => fiber.push(v),
                                Some(None) => {
                                    fiber.pop();
                                    ip = exit as usize;
                                }
                                None => {
                                    fiber.top().ip = ip as u32;
                                    if tri!('op, self.tick()) && fiber.kind != FiberKind::Nested && self.may_pause() {
                                        fiber.top().ip = ip as u32 - 1;
                                        self.pause_begin();
                                        return Ran::Paused;
                                    }
                                    let iterator = fiber.stack.last().expect("an iterator").clone();
                                    if let Value::Generator(g) = &iterator {
                                        if g.kind() == CodeKind::Generator {
                                            match tri!('op, self.resume(fiber, g, Delivery::Value(Value::None), Entry::ForIter { exit }))
                                            {
                                                None => continue 'frames,
                                                Some(_) => {
                                                    fiber.pop();
                                                    ip = exit as usize;
                                                    continue 'ops;
                                                }
                                            }
                                        }
                                    }
                                    match tri!('op, self.next_of(&iterator)) {
                                        Some(v) => fiber.push(v),
                                        None => {
                                            fiber.pop();
                                            ip = exit as usize;
                                        }
                                    }
                                }
                            }
                        }
                        _ => {
                            fiber.top().ip = ip as u32;
                            match self.slow_op(fiber, op, code, base, &mut kwnames) {
                                Ok(Flow::Next) => {
                                    ip = fiber.top().ip as usize;
                                    // A special method Rust called raised (see `special_or_keep`).
                                    let kept = self.take_kept();
                                    if let Some(e) = kept {
                                        break 'op e;
                                    }
                                    // (`del x` dropped an object with `__del__`, or a generator.)
                                    if self.finalize_due.get() {
                                        if let Err(e) = self.finalize_in(fiber) {
                                            break 'op e;
                                        }
                                    }
                                }
                                Ok(Flow::Switch) => continue 'frames,
                                Ok(Flow::Stop(ran)) => return ran,
                                Err(e) => break 'op e,
                            }
                        }
                    }
                    continue 'ops;
                };
                // An instruction raised: its frame's handler, or the frames below.
                if !fiber.frames.is_empty() {
                    let top = fiber.top();
                    if !top.at_send {
                        top.ip = ip as u32;
                    }
                }
                let error = match error {
                    Unwind::Raise(e) if e.reraised.get() => {
                        e.reraised.set(false);
                        Unwind::Raise(e)
                    }
                    other => self.with_context(fiber, other),
                };
                if let Some(ran) = self.raise_in(fiber, error) {
                    return ran;
                }
                continue 'frames;
            }
        }
    }

    /// An exception raised now remembers the one being handled (`__context__`).
    fn with_context(&self, fiber: &Fiber, error: Unwind) -> Unwind {
        if let Unwind::Raise(e) = &error {
            if let Some(handled) = fiber.handled() {
                set_context(e, &handled);
            }
        }
        error
    }

    /// The instructions the loop does not inline.
    fn slow_op(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        op: Op,
        code: &Code,
        base: usize,
        kwnames: &mut Option<Rc<super::value::Tuple>>,
    ) -> Res<Flow> {
        match op {
            Op::Copy(n) => {
                let v = fiber.peek(n as usize).clone();
                fiber.push(v);
            }
            Op::Swap(n) => {
                let len = fiber.stack.len();
                fiber.stack.swap(len - 1, len - n as usize);
            }
            Op::LoadDeref(i) => {
                let v = fiber.top().cells[i as usize].borrow().clone();
                if let Value::Unbound = v {
                    return Err(self.unbound_cell(code, i));
                }
                fiber.push(v);
            }
            Op::StoreDeref(i) => {
                let v = fiber.pop();
                let cell = fiber.top().cells[i as usize].clone();
                let old = std::mem::replace(&mut *cell.borrow_mut(), v);
                drop(old);
            }
            Op::LoadClosure(i) => {
                let cell = fiber.top().cells[i as usize].clone();
                fiber.push(Value::Cell(cell));
            }
            Op::LoadAttr(n) => {
                let object = fiber.pop();
                let name = &code.names[n as usize];
                let v = self.load_attr(&object, name).map_err(|e| self.attribute_error(e, &object, name))?;
                fiber.push(v);
            }
            Op::StoreAttr(n) => {
                let object = fiber.pop();
                let value = fiber.pop();
                self.store_attr(&object, &code.names[n as usize], value)?;
            }
            Op::LoadMethod(n) => {
                let object = fiber.pop();
                let name = &code.names[n as usize];
                if let Value::Instance(i) = &object {
                    // A function of its class, called with the instance first, without a
                    // bound method made for the call.
                    if i.dict.borrow().get(&Key::Str(name.clone())).is_none() {
                        if let Some(f @ Value::Function(_)) = i.class.lookup(name) {
                            fiber.push(f);
                            fiber.push(object);
                            return Ok(Flow::Next);
                        }
                    }
                }
                match builtins::method_of(&object, name) {
                    Some(b) => {
                        fiber.push(Value::Builtin(b));
                        fiber.push(object);
                    }
                    None => {
                        let v = self.load_attr(&object, name).map_err(|e| self.attribute_error(e, &object, name))?;
                        fiber.push(v);
                        fiber.push(Value::Unbound);
                    }
                }
            }
            Op::Inplace(b) => {
                if let (Value::Int(x), Value::Int(y)) = (fiber.peek(2), fiber.peek(1)) {
                    let n = match b {
                        BinOp::Add => x.checked_add(*y),
                        BinOp::Sub => x.checked_sub(*y),
                        BinOp::Mult => x.checked_mul(*y),
                        _ => None,
                    };
                    if let Some(n) = n {
                        fiber.replace_two_plain(Value::Int(n));
                        return Ok(Flow::Next);
                    }
                }
                let rhs = fiber.pop();
                let lhs = fiber.pop();
                let v = binop_inplace(self, b, lhs, rhs)?;
                fiber.push(v);
            }
            Op::Unary(u) => {
                let v = fiber.pop();
                let v = match (u, &v) {
                    (UnaryOp::Not, _) => Value::Bool(!v.truthy()),
                    (_, Value::Instance(i)) => {
                        let name = match u {
                            UnaryOp::USub => "__neg__",
                            UnaryOp::UAdd => "__pos__",
                            _ => "__invert__",
                        };
                        match i.special(name, Vec::new()) {
                            Some(result) => result?,
                            None => builtins::unaryop(u, v)?,
                        }
                    }
                    _ => builtins::unaryop(u, v)?,
                };
                fiber.push(v);
            }
            Op::Subscr => {
                let index = fiber.pop();
                let object = fiber.pop();
                let v = self.subscript(object, index)?;
                fiber.push(v);
            }
            Op::StoreSubscr => {
                let index = fiber.pop();
                let object = fiber.pop();
                let value = fiber.pop();
                if let Value::Instance(i) = &object {
                    let missing = format!("'{}' object does not support item assignment", i.class.name);
                    self.protocol(&object, "__setitem__", vec![index, value], &missing)?;
                } else {
                    builtins::setitem(self, &object, index, value)?;
                }
            }
            Op::BuildSlice(n) => {
                let c = if n == 3 { fiber.pop() } else { Value::None };
                let b = fiber.pop();
                let a = fiber.pop();
                fiber.push(builtins::slice_value(a, b, c));
            }
            Op::BuildList(n) => {
                let items = fiber.stack.split_off(fiber.stack.len() - n as usize);
                fiber.push(Value::list(items));
            }
            Op::BuildTuple(n) => {
                let items = fiber.stack.split_off(fiber.stack.len() - n as usize);
                fiber.push(Value::tuple(items));
            }
            Op::BuildMap(n) => {
                let items = fiber.stack.split_off(fiber.stack.len() - 2 * n as usize);
                let mut dict = Dict::default();
                let mut items = items.into_iter();
                while let (Some(k), Some(v)) = (items.next(), items.next()) {
                    builtins::dict_set(&mut dict, k, v)?;
                }
                fiber.push(Value::Dict(Rc::new(RefCell::new(dict))));
            }
            Op::ListAppend(n) => {
                let v = fiber.pop();
                let Value::List(list) = fiber.peek(n as usize) else { unreachable!("a list below") };
                builtins::room::<Value>(list.borrow().len() + 1)?;
                list.borrow_mut().push(v);
            }
            Op::ListToTuple => {
                let Value::List(list) = fiber.pop() else { unreachable!("a list") };
                let items = std::mem::take(&mut *list.borrow_mut());
                fiber.push(Value::tuple(items));
            }
            Op::UnpackSequence(n) => {
                let v = fiber.pop();
                let items = self.unpack(v, n as usize, None)?;
                fiber.stack.extend(items.into_iter().rev());
            }
            Op::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { fiber.pop().to_str() } else { String::new() };
                let v = fiber.pop();
                let v = match flags & 3 {
                    1 => Value::Str(v.to_str().into()),
                    2 => Value::Str(v.repr().into()),
                    3 => Value::Str(ascii(&v.repr()).into()),
                    _ => v,
                };
                let text = builtins::format_value(&v, &spec)?;
                fiber.push(Value::Str(text.into()));
            }
            Op::BuildString(n) => {
                let parts = fiber.stack.split_off(fiber.stack.len() - n as usize);
                let mut out = String::new();
                for p in parts {
                    match p {
                        Value::Str(s) => out.push_str(&s),
                        other => out.push_str(&other.to_str()),
                    }
                }
                fiber.push(Value::Str(out.into()));
            }
            Op::JumpIfFalseOrPop(t) => {
                if !fiber.peek(1).truthy() {
                    fiber.top().ip = t;
                } else {
                    fiber.pop();
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                if fiber.peek(1).truthy() {
                    fiber.top().ip = t;
                } else {
                    fiber.pop();
                }
            }
            Op::PopJumpIfNone(t) => {
                if let Value::None = fiber.pop() {
                    fiber.top().ip = t;
                }
            }
            Op::PopJumpIfNotNone(t) => {
                if !matches!(fiber.pop(), Value::None) {
                    fiber.top().ip = t;
                }
            }
            Op::GetIter => {
                let v = fiber.pop();
                let it = self.iter_of(v)?;
                fiber.push(it);
            }
            Op::MakeFunction { code: c, flags } => {
                let closure = if flags & 4 != 0 {
                    let Value::Tuple(cells) = fiber.pop() else { unreachable!("a tuple of cells") };
                    cells
                        .iter()
                        .map(|c| match c {
                            Value::Cell(cell) => cell.clone(),
                            _ => unreachable!("cells"),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let annotations = (flags & 8 != 0).then(|| fiber.pop());
                let kw_defaults = if flags & 2 != 0 {
                    let Value::Dict(d) = fiber.pop() else { unreachable!("a dict of defaults") };
                    let d = d.borrow();
                    d.iter()
                        .map(|(k, v)| match k {
                            Value::Str(k) => (k.clone(), v.clone()),
                            _ => unreachable!("names"),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let defaults = if flags & 1 != 0 {
                    let Value::Tuple(d) = fiber.pop() else { unreachable!("a tuple of defaults") };
                    d.to_vec()
                } else {
                    Vec::new()
                };
                let Value::Code(code) = &code.consts[c as usize] else { unreachable!("a code constant") };
                let function = Function::new(code.clone(), defaults, kw_defaults, closure);
                if let Some(annotations) = annotations {
                    function.set_attr("__annotations__", annotations);
                }
                fiber.push(Value::Function(Rc::new(function)));
            }
            Op::KwNames(c) => {
                let Value::Tuple(names) = &code.consts[c as usize] else { unreachable!("a tuple of names") };
                *kwnames = Some(names.clone());
            }
            Op::Yield => {
                let v = fiber.pop();
                let event =
                    if code.kind == CodeKind::AsyncGenerator { Event::AsyncYielded(v) } else { Event::Yielded(v) };
                return Ok(self.end_frame(fiber, event).map_or(Flow::Switch, Flow::Stop));
            }
            Op::Send(_) => return self.send(fiber),
            Op::GetAwaitable => {
                let v = fiber.pop();
                let awaitable = self.awaitable(v)?;
                fiber.push(awaitable);
            }
            // The rarer ones: see `slow_op_rare`.
            _ => return self.slow_op_rare(fiber, op, code, base),
        }
        Ok(Flow::Next)
    }

    /// The instructions seldom run in a hot loop (patterns, classes, exceptions, `with`,
    /// `async for`, imports, deletions), kept apart from `slow_op` (by `wasm-opt` too, whose pattern names both: see
    /// `Cargo.toml`), so that what a loop of plain Python runs stays small enough for the
    /// browser to compile it optimised soon.
    #[inline(never)]
    fn slow_op_rare(self: &Rc<Self>, fiber: &mut Fiber, op: Op, code: &Code, base: usize) -> Res<Flow> {
        match op {
            Op::Nop => {}
            Op::MatchSequence | Op::MatchMapping => {
                let v = self.match_kind(fiber.peek(1), op == Op::MatchSequence);
                fiber.push(Value::Bool(v));
            }
            Op::GetLen => {
                let v = fiber.peek(1).clone();
                let n = builtins::call(self, Builtin::Len, None, vec![v], Vec::new())?;
                fiber.push(n);
            }
            Op::MatchStar { before, after } => {
                let items = self.collect(fiber.peek(1))?;
                let (before, after) = (before as usize, after as usize);
                fiber.push(Value::list(items[before..items.len() - after].to_vec()));
            }
            Op::DictRest => {
                let keys = fiber.pop();
                let mapping = fiber.pop();
                let rest = Rc::new(std::cell::RefCell::new(super::value::Dict::default()));
                builtins::call(self, Builtin::Update, Some(Value::Dict(rest.clone())), vec![mapping], Vec::new())?;
                for key in self.collect(&keys)? {
                    rest.borrow_mut().remove(&key.key().expect("a pattern's keys are hashable"));
                }
                fiber.push(Value::Dict(rest));
            }
            Op::MatchClass { positional, names } => {
                let class = fiber.pop();
                let value = fiber.pop();
                let Value::Tuple(names) = &code.consts[names as usize] else { unreachable!("a tuple of names") };
                let v = self.match_class(value, class, positional as usize, names)?;
                fiber.push(v);
            }
            Op::TraceLine(again) => {
                let top = fiber.top();
                let line = code.line_at(top.ip.saturating_sub(1));
                if again || top.traced_line != line {
                    top.traced_line = line;
                    if let Some(rt) = self.rt().filter(|_| !self.exiting.get()) {
                        rt.line_ran(line);
                        if self.line_stop.get().is_some() && self.stop_at_line(&rt, fiber) {
                            return Ok(Flow::Stop(Ran::Paused));
                        }
                    }
                }
            }
            Op::DeleteFast(i) => {
                let slot = &mut fiber.stack[base + i as usize];
                if let Value::Unbound = slot {
                    return Err(unbound_local(&code.varnames[i as usize]));
                }
                let old = std::mem::replace(slot, Value::Unbound);
                self.deleted(old);
                if self.finalize_due.get() {
                    self.finalize_in(fiber)?;
                }
            }
            Op::DeleteDeref(i) => {
                let cell = fiber.top().cells[i as usize].clone();
                if let Value::Unbound = *cell.borrow() {
                    return Err(self.unbound_cell(code, i));
                }
                *cell.borrow_mut() = Value::Unbound;
            }
            Op::DeleteGlobal(slot) => {
                let old = std::mem::replace(&mut self.globals.borrow_mut()[slot as usize], Value::Unbound);
                if let Value::Unbound = old {
                    let name = self.global_names.borrow().names[slot as usize].clone();
                    return raise(ExcType::NameError, format!("name '{name}' is not defined"));
                }
                self.deleted(old);
                if self.finalize_due.get() {
                    self.finalize_in(fiber)?;
                }
            }
            Op::LoadName(slot) => {
                let name = &self.global_names.borrow().names[slot as usize].clone();
                let found = namespace(fiber, base).borrow().get(&Key::Str(name.clone())).cloned();
                let v = match found {
                    Some(v) => v,
                    // Text run with the globals given (`eval(text, g)`): they, then the
                    // builtins they name, if they do.
                    None if code.runs_in_namespace() && matches!(fiber.at(base + 1), Value::Dict(_)) => {
                        let Value::Dict(g) = fiber.at(base + 1) else { unreachable!("matched") };
                        let key = Key::Str(name.clone());
                        let g = g.borrow();
                        match (g.get(&key), g.get(&Key::Str("__builtins__".into()))) {
                            (Some(v), _) => v.clone(),
                            (None, Some(Value::Dict(b))) => match b.borrow().get(&key) {
                                Some(v) => v.clone(),
                                None => return Err(self.name_error(code, name)),
                            },
                            (None, _) => self.builtin_named(code, slot, name)?,
                        }
                    }
                    None => match &self.globals.borrow()[slot as usize] {
                        Value::Unbound => self.builtin_named(code, slot, name)?,
                        v => v.clone(),
                    },
                };
                fiber.push(v);
            }
            Op::StoreName(slot) => {
                let v = fiber.pop();
                let name = self.global_names.borrow().names[slot as usize].clone();
                namespace(fiber, base).borrow_mut().insert(Key::Str(name.clone()), Value::Str(name), v);
            }
            Op::DeleteName(slot) => {
                let name = &self.global_names.borrow().names[slot as usize].clone();
                let old = namespace(fiber, base).borrow_mut().remove(&Key::Str(name.clone()));
                if old.is_none() {
                    return raise(ExcType::NameError, format!("name '{name}' is not defined"));
                }
            }
            Op::LoadClassDeref(i) => {
                let name = &code.freevars[i as usize - code.cellvars.len()];
                let found = namespace(fiber, base).borrow().get(&Key::Str(name.clone())).cloned();
                let v = match found {
                    Some(v) => v,
                    None => fiber.top().cells[i as usize].borrow().clone(),
                };
                if let Value::Unbound = v {
                    return Err(self.unbound_cell(code, i));
                }
                fiber.push(v);
            }
            Op::BuildClass { bases, qualname, meta, keywords } => {
                let Value::Dict(ns) = fiber.pop() else { unreachable!("the namespace is a dict") };
                let keywords: Vec<(Str, Value)> = match keywords {
                    true => match fiber.pop() {
                        Value::Dict(d) => d
                            .borrow()
                            .iter()
                            .map(|(k, v)| match k {
                                Value::Str(k) => (k.clone(), v.clone()),
                                _ => unreachable!("keywords are names"),
                            })
                            .collect(),
                        _ => unreachable!("the keywords are a dict"),
                    },
                    false => Vec::new(),
                };
                let bases = fiber.stack.split_off(fiber.stack.len() - bases as usize);
                let metaclass = if meta { Some(fiber.pop()) } else { None };
                let Value::Tuple(made) = &code.consts[qualname as usize] else { unreachable!("a name and a body") };
                let (Value::Str(qualname), Value::Code(body)) = (&made[0], &made[1]) else {
                    unreachable!("a name and a body")
                };
                let class = super::classes::build_class(
                    self,
                    qualname.clone(),
                    bases,
                    std::mem::take(&mut *ns.borrow_mut()),
                    body.module,
                    metaclass,
                    keywords,
                )?;
                if let Value::Class(class) = &class {
                    // The functions its body defined are its own: `super()` in them means it.
                    for c in &body.consts {
                        if let Value::Code(c) = c {
                            *c.owner.borrow_mut() = Rc::downgrade(class);
                        }
                    }
                }
                fiber.push(class);
            }
            Op::LoadOwner => match code.owner.borrow().upgrade() {
                Some(class) => fiber.push(Value::Class(class)),
                None => return raise(ExcType::RuntimeError, "super(): __class__ cell not found"),
            },
            Op::DeleteAttr(n) => {
                let object = fiber.pop();
                self.delete_attr(&object, &code.names[n as usize])?;
            }
            Op::DeleteSubscr => {
                let index = fiber.pop();
                let object = fiber.pop();
                if let Value::Instance(i) = &object {
                    let missing = format!("'{}' object does not support item deletion", i.class.name);
                    self.protocol(&object, "__delitem__", vec![index], &missing)?;
                } else {
                    builtins::delitem(&object, &index)?;
                }
            }
            Op::BuildSet(n) | Op::BuildConstSet(n) => {
                let items = fiber.stack.split_off(fiber.stack.len() - n as usize);
                let mut set = Dict::default();
                for item in items {
                    builtins::set_add(&mut set, item)?;
                }
                if let Op::BuildConstSet(_) = op {
                    set.from_constants = set.len();
                }
                fiber.push(Value::Set(Rc::new(RefCell::new(set))));
            }
            Op::SetAdd(n) => {
                let v = fiber.pop();
                let Value::Set(set) = fiber.peek(n as usize) else { unreachable!("a set below") };
                builtins::set_add(&mut set.borrow_mut(), v)?;
            }
            Op::MapAdd(n) => {
                let v = fiber.pop();
                let k = fiber.pop();
                let Value::Dict(dict) = fiber.peek(n as usize) else { unreachable!("a dict below") };
                builtins::dict_set(&mut dict.borrow_mut(), k, v)?;
            }
            Op::DictUpdate(n) | Op::DictMerge(n) => {
                let other = fiber.pop();
                let Value::Dict(other) = other else {
                    if let Op::DictMerge(_) = op {
                        let callee = describe_callee(fiber.peek(n as usize + 2));
                        return raise(
                            ExcType::TypeError,
                            format!("{callee} argument after ** must be a mapping, not {}", other.type_name()),
                        );
                    }
                    return raise(ExcType::TypeError, format!("'{}' object is not a mapping", other.type_name()));
                };
                let Value::Dict(dict) = fiber.peek(n as usize).clone() else { unreachable!("a dict below") };
                let entries: Vec<(Value, Value)> = other.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                for (k, v) in entries {
                    if let Op::DictMerge(_) = op {
                        let Value::Str(name) = &k else {
                            return raise(ExcType::TypeError, "keywords must be strings");
                        };
                        if dict.borrow().get(&Key::Str(name.clone())).is_some() {
                            let callee = describe_callee(fiber.peek(n as usize + 2));
                            return raise(
                                ExcType::TypeError,
                                format!("{callee} got multiple values for keyword argument '{name}'"),
                            );
                        }
                    }
                    builtins::dict_set(&mut dict.borrow_mut(), k, v)?;
                }
            }
            Op::UnpackEx(k) => {
                let (before, after) = ((k >> 16) as usize, (k & 0xffff) as usize);
                let v = fiber.pop();
                let items = self.unpack(v, before + after + 1, Some(before))?;
                fiber.stack.extend(items.into_iter().rev());
            }
            Op::GetIterStar(how) => {
                let v = fiber.pop();
                if how != 2 && !is_iterable(&v) {
                    let what = if how == 1 {
                        format!("{} argument", describe_callee(fiber.peek(2)))
                    } else {
                        "Value".to_owned()
                    };
                    return raise(
                        ExcType::TypeError,
                        format!("{what} after * must be an iterable, not {}", v.type_name()),
                    );
                }
                let it = self.iter_of(v)?;
                fiber.push(it);
            }
            Op::CallEx(with_kwargs) => {
                let kwargs = if with_kwargs == 1 { Some(fiber.pop()) } else { None };
                let args = fiber.pop();
                let callee = fiber.pop();
                let args = match args {
                    Value::Tuple(t) => t.to_vec(),
                    other => self.collect(&other).map_err(|e| {
                        if is_iterable(&other) {
                            e
                        } else {
                            Unwind::Raise(Exception::with_message(
                                ExcType::TypeError,
                                format!(
                                    "{} argument after * must be an iterable, not {}",
                                    describe_callee(&callee),
                                    other.type_name()
                                ),
                            ))
                        }
                    })?,
                };
                let kwargs = match kwargs {
                    Some(Value::Dict(d)) => {
                        let d = d.borrow();
                        let mut out = Vec::with_capacity(d.len());
                        for (k, v) in d.iter() {
                            let Value::Str(k) = k else { return raise(ExcType::TypeError, "keywords must be strings") };
                            out.push((k.clone(), v.clone()));
                        }
                        out
                    }
                    Some(_) => unreachable!("a dict of keyword arguments"),
                    None => Vec::new(),
                };
                fiber.push(callee);
                let callee_at = fiber.stack.len() - 1;
                fiber.stack.extend(args);
                let argc = fiber.stack.len() - callee_at - 1;
                let names: Option<Rc<super::value::Tuple>> = if kwargs.is_empty() {
                    None
                } else {
                    let names: Vec<Value> = kwargs.iter().map(|(k, _)| Value::Str(k.clone())).collect();
                    fiber.stack.extend(kwargs.into_iter().map(|(_, v)| v));
                    Some(Rc::new(super::value::Tuple(names.into_boxed_slice())))
                };
                let argc = argc + names.as_ref().map_or(0, |n| n.len());
                match self.call_on_stack(fiber, callee_at, argc, names)? {
                    Called::Value(v) => fiber.push(v),
                    Called::Pushed => return Ok(Flow::Switch),
                    Called::Wait(future) => {
                        return Ok(self.wait_on(fiber, future, LeafKind::Call).map_or(Flow::Switch, Flow::Stop));
                    }
                }
            }
            Op::Raise(n) => {
                let cause = if n == 2 { Some(fiber.pop()) } else { None };
                let e = if n >= 1 {
                    let v = fiber.pop();
                    to_exception(self, v, "exceptions must derive from BaseException")?
                } else {
                    match fiber.handled() {
                        Some(e) => {
                            e.reraised.set(true);
                            return Err(Unwind::Raise(e));
                        }
                        None => return raise(ExcType::RuntimeError, "No active exception to reraise"),
                    }
                };
                if let Some(cause) = cause {
                    let cause = match cause {
                        Value::None => None,
                        value => Some(to_exception(self, value, "exception causes must derive from BaseException")?),
                    };
                    *e.cause.borrow_mut() = cause;
                    e.suppress_context.set(true);
                }
                return Err(Unwind::Raise(e));
            }
            Op::Reraise => {
                let Value::Exception(e) = fiber.pop() else { unreachable!("an exception to raise again") };
                e.reraised.set(true);
                return Err(Unwind::Raise(e));
            }
            Op::PushExcInfo => {
                let Value::Exception(e) = fiber.peek(1).clone() else { unreachable!("an exception being handled") };
                fiber.top().handling.push(e);
            }
            Op::PopExcept => {
                fiber.top().handling.pop();
            }
            Op::CheckExcMatch => {
                let kind = fiber.pop();
                let Value::Exception(e) = fiber.peek(1) else { unreachable!("an exception below") };
                let matched = matches(e, &kind)?;
                fiber.push(Value::Bool(matched));
            }
            Op::CheckEgMatch => {
                let kind = fiber.pop();
                let rest = fiber.pop();
                check_star_kind(&kind)?;
                let Value::Exception(rest) = rest else {
                    fiber.push(Value::None);
                    fiber.push(Value::None);
                    return Ok(Flow::Next);
                };
                let group = if rest.kind.is_group() {
                    rest
                } else {
                    let group = Exception::group(ExcType::ExceptionGroup, "", vec![rest.clone()]);
                    group.naked.set(true);
                    group
                };
                let (matched, left) = split(&group, &kind)?;
                fiber.push(left.map_or(Value::None, Value::Exception));
                match matched {
                    Some(m) => {
                        // What a handler of a naked exception is handed is a group of it;
                        // it is the exception being handled now (in place of the whole).
                        let handling = &mut fiber.top().handling;
                        match handling.last_mut() {
                            Some(top) => *top = m.clone(),
                            None => handling.push(m.clone()),
                        }
                        fiber.push(Value::Exception(m));
                    }
                    None => fiber.push(Value::None),
                }
            }
            Op::PrepReraiseStar => {
                let Value::List(list) = fiber.pop() else { unreachable!("the list of what was raised") };
                let Value::Exception(original) = fiber.pop() else { unreachable!("the original exception") };
                let items = std::mem::take(&mut *list.borrow_mut());
                fiber.push(prep_reraise_star(&original, items));
            }
            Op::LoadAssertionError => fiber.push(Value::Type(Type::Exception(ExcType::AssertionError))),
            Op::GetYieldFromIter => {
                let v = fiber.pop();
                let it = match v {
                    Value::Generator(g) if g.is_coroutine() && code.kind != CodeKind::Coroutine => {
                        return raise(
                            ExcType::TypeError,
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        )
                    }
                    v @ Value::Generator(_) => v,
                    other => self.iter_of(other)?,
                };
                fiber.push(it);
            }
            Op::GetAIter => {
                let v = fiber.pop();
                match &v {
                    Value::Generator(g) if g.kind() == CodeKind::AsyncGenerator => fiber.push(v),
                    Value::Instance(i) if i.class.lookup("__aiter__").is_some() => {
                        let it = self.protocol(&v, "__aiter__", Vec::new(), "")?;
                        let has_anext = match &it {
                            Value::Instance(j) => j.class.lookup("__anext__").is_some(),
                            Value::Generator(g) => g.kind() == CodeKind::AsyncGenerator,
                            _ => false,
                        };
                        if !has_anext {
                            return raise(
                                ExcType::TypeError,
                                format!(
                                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                                    it.type_name()
                                ),
                            );
                        }
                        fiber.push(it);
                    }
                    other => {
                        return raise(
                            ExcType::TypeError,
                            format!("'async for' requires an object with __aiter__ method, got {}", other.type_name()),
                        )
                    }
                }
            }
            Op::GetANext => {
                let v = fiber.peek(1).clone();
                let step = match &v {
                    Value::Instance(_) => self.protocol(&v, "__anext__", Vec::new(), "")?,
                    _ => self.anext(&v, None)?,
                };
                fiber.push(step);
            }
            Op::EndAsyncFor => {
                let Value::Exception(e) = fiber.pop() else { unreachable!("an exception") };
                if e.kind.is_subclass(ExcType::StopAsyncIteration) {
                    fiber.pop();
                    fiber.top().handling.retain(|h| !Rc::ptr_eq(h, &e));
                } else {
                    e.reraised.set(true);
                    return Err(Unwind::Raise(e));
                }
            }
            Op::BeforeAsyncWith => {
                let manager = fiber.pop();
                let enter = self.aenter_of(&manager)?;
                fiber.push(manager);
                fiber.push(enter);
            }
            Op::BeforeWith => {
                let manager = fiber.pop();
                // `contextlib.suppress(...)` and `nullcontext(x)`.
                if let Value::Object(o) = &manager {
                    use super::objects::Obj;
                    let entered = match &**o {
                        Obj::Suppress(_) => Some(Value::None),
                        Obj::NullContext(v) => Some(v.clone()),
                        _ => None,
                    };
                    if let Some(entered) = entered {
                        fiber.push(manager);
                        fiber.push(entered);
                        return Ok(Flow::Next);
                    }
                }
                let kind = manager.type_name();
                let missing = format!("'{kind}' object does not support the context manager protocol");
                let class = match &manager {
                    Value::Instance(i) => Some(i.class.clone()),
                    _ => None,
                };
                if class.as_ref().is_none_or(|c| c.lookup("__enter__").is_none()) {
                    return raise(ExcType::TypeError, missing);
                }
                if class.as_ref().is_none_or(|c| c.lookup("__exit__").is_none()) {
                    return raise(ExcType::TypeError, format!("{missing} (missed __exit__ method)"));
                }
                // (Called as a call instruction calls: what it waits on waits as any call's.)
                fiber.push(manager.clone());
                return self.call_special_as_op(fiber, &manager, "__enter__", Vec::new());
            }
            Op::WithExitSync => {
                let manager = fiber.pop();
                if let Value::Object(_) = &manager {
                    fiber.push(Value::Bool(false));
                    return Ok(Flow::Next);
                }
                return self.call_special_as_op(fiber, &manager, "__exit__", super::objects::exit_args(None));
            }
            Op::WithExceptStartSync => {
                let Value::Exception(e) = fiber.peek(1).clone() else { unreachable!("an exception") };
                let manager = fiber.peek(2).clone();
                if let Value::Object(o) = &manager {
                    // `suppress(kinds)` swallows an exception of one of its kinds.
                    let swallow = match &**o {
                        super::objects::Obj::Suppress(kinds) => {
                            let mut any = false;
                            for k in kinds {
                                any |= matches(&e, k).unwrap_or(false);
                            }
                            any
                        }
                        _ => false,
                    };
                    fiber.push(Value::Bool(swallow));
                    return Ok(Flow::Next);
                }
                return self.call_special_as_op(fiber, &manager, "__exit__", super::objects::exit_args(Some(e)));
            }
            Op::WithExit => {
                let manager = fiber.pop();
                let exit = self.aexit_of(&manager, None)?;
                fiber.push(exit);
            }
            Op::WithExceptStart => {
                let Value::Exception(e) = fiber.peek(1).clone() else { unreachable!("an exception") };
                let manager = fiber.peek(2).clone();
                let exit = self.aexit_of(&manager, Some(e))?;
                fiber.push(exit);
            }
            Op::ImportName(n) => {
                let v = builtins::import(&code.names[n as usize])?;
                fiber.push(v);
            }
            Op::ImportFrom(n) => {
                let module = fiber.peek(1).clone();
                let name = &code.names[n as usize];
                let v = match &module {
                    Value::Module(m) => match self.module_attr(*m, name) {
                        Err(Unwind::Raise(e)) if e.kind == ExcType::AttributeError => {
                            builtins::import_from(&module, name)?
                        }
                        other => other?,
                    },
                    _ => builtins::import_from(&module, name)?,
                };
                fiber.push(v);
            }
            // The loop handles these itself, and `slow_op` these.
            Op::LoadFast(_)
            | Op::LoadFast2(_)
            | Op::LoadFastConst(_)
            | Op::CompareJump(..)
            | Op::StoreFast(_)
            | Op::LoadConst(_)
            | Op::Pop
            | Op::Binary(_)
            | Op::Compare(_)
            | Op::PopJumpIfFalse(_)
            | Op::PopJumpIfTrue(_)
            | Op::Jump(_)
            | Op::LoadGlobal(_)
            | Op::StoreGlobal(_)
            | Op::Call(_)
            | Op::CallMethod(_)
            | Op::Return
            | Op::ForIter(_)
            | Op::Copy(..)
            | Op::Swap(..)
            | Op::LoadDeref(..)
            | Op::StoreDeref(..)
            | Op::LoadClosure(..)
            | Op::LoadAttr(..)
            | Op::StoreAttr(..)
            | Op::LoadMethod(..)
            | Op::Inplace(..)
            | Op::Unary(..)
            | Op::Subscr
            | Op::StoreSubscr
            | Op::BuildSlice(..)
            | Op::BuildList(..)
            | Op::BuildTuple(..)
            | Op::BuildMap(..)
            | Op::ListAppend(..)
            | Op::ListToTuple
            | Op::UnpackSequence(..)
            | Op::FormatValue(..)
            | Op::BuildString(..)
            | Op::JumpIfFalseOrPop(..)
            | Op::JumpIfTrueOrPop(..)
            | Op::PopJumpIfNone(..)
            | Op::PopJumpIfNotNone(..)
            | Op::GetIter
            | Op::MakeFunction { .. }
            | Op::KwNames(..)
            | Op::Yield
            | Op::Send(..)
            | Op::GetAwaitable => unreachable!("handled before"),
        }
        Ok(Flow::Next)
    }

    /// Calls the special method `name` of `this`'s class as a call instruction does:
    /// a Python method's frame goes on the fiber, so what it awaits or blocks on (a
    /// `with` whose `__exit__` runs the loop) waits as any call's would. Its result
    /// ends on the stack.
    fn call_special_as_op(self: &Rc<Self>, fiber: &mut Fiber, this: &Value, name: &str, args: Vec<Value>) -> Res<Flow> {
        let Value::Instance(i) = this else { unreachable!("checked to be an instance") };
        let Some(method) = i.class.lookup(name) else {
            let message = format!("'{}' object does not support the context manager protocol", this.type_name());
            return raise(ExcType::TypeError, message);
        };
        fiber.push(method);
        let callee_at = fiber.stack.len() - 1;
        fiber.push(this.clone());
        let argc = args.len() + 1;
        fiber.stack.extend(args);
        match self.call_on_stack(fiber, callee_at, argc, None)? {
            Called::Value(v) => {
                fiber.push(v);
                Ok(Flow::Next)
            }
            Called::Pushed => Ok(Flow::Switch),
            Called::Wait(future) => Ok(self.wait_on(fiber, future, LeafKind::Call).map_or(Flow::Switch, Flow::Stop)),
        }
    }

    fn unbound_cell(&self, code: &Code, i: u32) -> Unwind {
        let i = i as usize;
        let (name, own) = if i < code.cellvars.len() {
            (code.cellvars[i].0.clone(), true)
        } else {
            (code.freevars[i - code.cellvars.len()].clone(), false)
        };
        if own {
            unbound_local(&name)
        } else {
            Unwind::Raise(Exception::with_message(
                ExcType::NameError,
                format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            ))
        }
    }

    // ---- calls ----

    /// Calls the callable at `callee_at` on the stack with the `argc` values above it
    /// (the last ones keyword arguments named by `kw`). A Python function's frame is
    /// pushed (`Called::Pushed`); anything else is called and its value returned.
    fn call_on_stack(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        callee_at: usize,
        argc: usize,
        kw: Option<Rc<super::value::Tuple>>,
    ) -> Res<Called> {
        if kw.is_none() {
            if let Some(result) = builtins::quick_call(fiber.at(callee_at), &fiber.stack[callee_at + 1..]) {
                while fiber.stack.len() > callee_at {
                    release(fiber.pop());
                }
                return result.map(Called::Value);
            }
        }
        // (Only a task's own repr reads it: the module's code, where plain Python's
        // loops run, records nothing.)
        if fiber.kind == FiberKind::Task {
            if let Some(line) = fiber.coroutine_line() {
                RUNNING_LINE.with(|l| l.set(line));
            }
        }
        let mut args = fiber.stack.split_off(callee_at + 1);
        debug_assert_eq!(args.len(), argc);
        let kwargs: Vec<(Str, Value)> = match &kw {
            Some(names) => {
                let values = args.split_off(args.len() - names.len());
                names
                    .iter()
                    .zip(values)
                    .map(|(n, v)| match n {
                        Value::Str(n) => (n.clone(), v),
                        _ => unreachable!("keyword names are strings"),
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let mut callee = fiber.stack[callee_at].clone();
        let mut args = args;
        let mut kwargs = kwargs;
        if matches!(&callee, Value::Object(o) if matches!(&**o, super::objects::Obj::Partial(..) | super::objects::Obj::Alias(super::objects::Alias { typing: None, .. })))
        {
            callee = unwrap_partial(callee, &mut args, &mut kwargs);
            fiber.stack[callee_at] = callee.clone();
        }
        if let Value::BoundMethod(m) = &callee {
            // `obj.method(...)` made in two steps: the function, with `obj` first.
            args.insert(0, m.this.clone());
            callee = m.function.clone();
            fiber.stack[callee_at] = callee.clone();
        }
        if let Value::Bound(bound) = &callee {
            if let (Value::Object(o), "run_in_executor") = (&bound.0, bound.1) {
                if matches!(&**o, super::objects::Obj::Loop(_)) {
                    // asyncio's Python part, as a frame of this fiber's: a thread it
                    // starts may run its first step while the coroutine waits.
                    args.insert(0, bound.0.clone());
                    callee = self.module_attr(super::value::Module::Asyncio, "_loop_run_in_executor")?;
                    fiber.stack[callee_at] = callee.clone();
                }
            }
        }
        if let Value::Instance(i) = &callee {
            // An object whose class has `__call__`: that, with the object first.
            if let Some(method) = i.class.lookup("__call__") {
                args.insert(0, callee.clone());
                callee = method;
                fiber.stack[callee_at] = callee.clone();
            }
        } else if let Value::Class(c) = &callee {
            // A class whose metaclass has `__call__`: that, with the class first.
            if let Some(method) = c.meta_method("__call__") {
                args.insert(0, callee.clone());
                callee = method;
                fiber.stack[callee_at] = callee.clone();
            }
        }
        match &callee {
            Value::Class(class) if class.lookup("__new__").is_some() => {
                let class = class.clone();
                fiber.pop();
                let made = self.call_new(&class, &args, &kwargs)?.expect("the class has __new__");
                Ok(Called::Value(made))
            }
            Value::Class(class) => {
                let instance = new_object(class, &args);
                match class.lookup("__init__") {
                    Some(Value::Function(init)) if !init.code.is_generator() => {
                        fiber.stack[callee_at] = instance.clone();
                        args.insert(0, instance);
                        let locals = self.bind_args(&init, args, kwargs)?;
                        fiber.stack.extend(locals);
                        self.push_frame(fiber, &init, callee_at + 1, Entry::Init)?;
                        Ok(Called::Pushed)
                    }
                    _ => {
                        fiber.pop();
                        self.instantiate(class, instance, args, kwargs).map(Called::Value)
                    }
                }
            }
            Value::Function(f) => {
                if f.code.is_generator() {
                    fiber.pop();
                    let label = call_label(&f.code.name, &args, &kwargs);
                    let locals = self.bind_args(f, args, kwargs)?;
                    let line = program_line(&fiber.frames);
                    return Ok(Called::Value(self.make_generator(f, locals, label, line)));
                }
                let locals = self.bind_args(f, args, kwargs)?;
                fiber.stack.extend(locals);
                self.push_frame(fiber, f, callee_at + 1, Entry::Call)?;
                Ok(Called::Pushed)
            }
            Value::Builtin(Builtin::Next)
                if matches!(args.first(), Some(Value::Generator(g)) if g.kind() == CodeKind::Generator)
                    && kwargs.is_empty() =>
            {
                fiber.pop();
                let Some(Value::Generator(g)) = args.first().cloned() else { unreachable!("matched") };
                if args.len() > 2 {
                    return raise(ExcType::TypeError, format!("next expected at most 2 arguments, got {}", args.len()));
                }
                let mode = if args.len() == 2 {
                    fiber.push(args[1].clone());
                    ResumeMode::NextOr
                } else {
                    ResumeMode::Send
                };
                self.resume_from_call(fiber, &g, Delivery::Value(Value::None), mode)
            }
            Value::Builtin(b @ (Builtin::Eval | Builtin::Exec)) => {
                // Text run as a function called here: its frame shows in tracebacks.
                let TextCall::Run(function, args) = self.text_call(Some(fiber), *b, args, kwargs)? else {
                    unreachable!("eval and exec run text")
                };
                fiber.stack.extend(args);
                self.push_frame(fiber, &function, callee_at + 1, Entry::Call)?;
                Ok(Called::Pushed)
            }
            Value::Builtin(b @ (Builtin::Locals | Builtin::Globals | Builtin::Vars | Builtin::Dir))
                if args.is_empty() && kwargs.is_empty() =>
            {
                // `locals()`, `vars()`, `globals()`, `dir()`: the calling frame's names.
                fiber.pop();
                self.names_seen(fiber, *b).map(Called::Value)
            }
            Value::Asyncio(super::asyncio::Fn::RunningGraph) => {
                fiber.pop();
                let depth = match args.first() {
                    Some(Value::Int(n)) => usize::try_from(*n).unwrap_or(0),
                    _ => 0,
                };
                Ok(Called::Value(super::graph::frames_value(&super::graph::running(fiber, depth))))
            }
            Value::Asyncio(super::asyncio::Fn::CallGraphOf) => {
                fiber.pop();
                let future = args.first().cloned().unwrap_or(Value::None);
                let with_stack = args.get(1).is_some_and(Value::truthy);
                Ok(Called::Value(self.call_graph_of(&future, with_stack, fiber)))
            }
            Value::Bound(bound)
                if matches!(bound.0, Value::Module(Module::Sys | Module::Traceback))
                    && matches!(bound.1, "exc_info" | "exception" | "_caller" | "_stack") =>
            {
                fiber.pop();
                Ok(Called::Value(Self::frame_function(fiber, bound.1)))
            }
            Value::Bound(bound)
                if bound.1 != "__await__"
                    && matches!(&bound.0, Value::Generator(g) if g.kind() != CodeKind::AsyncGenerator) =>
            {
                fiber.pop();
                let Value::Generator(g) = bound.0.clone() else { unreachable!("matched") };
                let method = bound.1;
                self.generator_method(fiber, &g, method, args, kwargs)
            }
            Value::Builtin(b) if b.is_method() => {
                // A method `LoadMethod` found: its object is the first argument.
                fiber.pop();
                let mut args = args;
                let this = args.remove(0);
                builtins::call(self, *b, Some(this), args, kwargs).map(Called::Value)
            }
            _ => {
                fiber.pop();
                self.calling_line.set(program_line(&fiber.frames));
                let called = self.call_native(callee, args, kwargs)?;
                if let Called::Value(Value::Native(n)) = &called {
                    if let Some(u) = &n.unawaited {
                        u.line.set(program_line(&fiber.frames));
                    }
                }
                Ok(called)
            }
        }
    }

    /// `g.send(v)`, `g.throw(e)`, `g.close()`, `g.__next__()` called from Python.
    fn generator_method(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        g: &Rc<Generator>,
        method: &str,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Called> {
        if !kwargs.is_empty() {
            return raise(ExcType::TypeError, format!("{}.{method}() takes no keyword arguments", g.what()));
        }
        let count = |min: usize, max: usize| -> Res<()> {
            if args.len() < min || args.len() > max {
                let takes = if min == max {
                    format!("exactly one argument ({} given)", args.len())
                } else {
                    "no arguments".to_owned()
                };
                return raise(ExcType::TypeError, format!("{method}() takes {takes}"));
            }
            Ok(())
        };
        let delivery = match method {
            "send" => {
                count(1, 1)?;
                Delivery::Value(args[0].clone())
            }
            "__next__" => {
                count(0, 0)?;
                Delivery::Value(Value::None)
            }
            "throw" => {
                if args.is_empty() || args.len() > 3 {
                    return raise(
                        ExcType::TypeError,
                        format!("throw expected at least 1 argument, got {}", args.len()),
                    );
                }
                // (The old form, `throw(type, value)`: the type called with the value,
                // or the arguments a tuple holds, unless the value is one already.)
                let thrown = match (&args[0], args.get(1)) {
                    (kind @ (Value::Type(_) | Value::Class(_)), Some(value)) if !matches!(value, Value::None) => {
                        let is_one = match value {
                            Value::Exception(_) | Value::Instance(_) => builtins::call(
                                self,
                                builtins::Builtin::IsInstance,
                                None,
                                vec![value.clone(), kind.clone()],
                                Vec::new(),
                            )?
                            .truthy(),
                            _ => false,
                        };
                        match value {
                            _ if is_one => value.clone(),
                            Value::Tuple(items) => self.call_value(kind.clone(), items.to_vec(), Vec::new())?,
                            other => self.call_value(kind.clone(), vec![other.clone()], Vec::new())?,
                        }
                    }
                    (first, _) => first.clone(),
                };
                let e = to_exception(
                    self,
                    thrown,
                    "exceptions must be classes or instances deriving from BaseException, not type",
                )?;
                Delivery::Throw(e)
            }
            "close" => {
                count(0, 0)?;
                let state_created = matches!(*g.state.borrow(), GenState::Created(_) | GenState::Finished);
                if state_created {
                    *g.state.borrow_mut() = GenState::Finished;
                    return Ok(Called::Value(Value::None));
                }
                return self.resume_from_call(
                    fiber,
                    g,
                    Delivery::Throw(Exception::new(ExcType::GeneratorExit, Vec::new())),
                    ResumeMode::Close,
                );
            }
            _ => unreachable!("the methods bound to generators"),
        };
        self.resume_from_call(fiber, g, delivery, ResumeMode::Send)
    }

    /// Resumes `g` for a call in the top frame (whose ip is past the call).
    fn resume_from_call(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        g: &Rc<Generator>,
        delivery: Delivery,
        mode: ResumeMode,
    ) -> Res<Called> {
        match self.resume(fiber, g, delivery, Entry::Resume(mode)) {
            Ok(None) => Ok(Called::Pushed),
            Ok(Some(v)) => match mode {
                ResumeMode::NextOr => Ok(Called::Value(fiber.pop())),
                ResumeMode::Close => Ok(Called::Value(Value::None)),
                ResumeMode::Send => Err(stop_iteration(v)),
            },
            Err(Unwind::Raise(e)) if mode == ResumeMode::Close && e.kind == ExcType::GeneratorExit => {
                Ok(Called::Value(Value::None))
            }
            Err(e) => {
                if mode == ResumeMode::NextOr {
                    fiber.pop();
                }
                Err(e)
            }
        }
    }

    /// Calls anything but a Python function's frame: builtins, types, asyncio's
    /// functions and methods, and (from Rust) Python functions in a fiber of their own.
    pub fn call_native(self: &Rc<Self>, callee: Value, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Called> {
        match callee {
            Value::Asyncio(f) => self.call_asyncio(f, None, args, kwargs),
            Value::Bound(bound) => self.call_bound(bound.0.clone(), bound.1, args, kwargs),
            Value::Builtin(b) => builtins::call(self, b, None, args, kwargs).map(Called::Value),
            Value::Method(m) => builtins::call(self, m.1, Some(m.0.clone()), args, kwargs).map(Called::Value),
            Value::Type(t) => builtins::construct(self, t, args, kwargs).map(Called::Value),
            f @ Value::Function(_) => self.call_value(f, args, kwargs).map(Called::Value),
            Value::BoundMethod(m) => {
                let mut args = args;
                args.insert(0, m.this.clone());
                self.call_value(m.function.clone(), args, kwargs).map(Called::Value)
            }
            Value::Class(ref class) if class.meta_method("__call__").is_some() => {
                let method = class.meta_method("__call__").expect("checked");
                let mut args = args;
                args.insert(0, callee.clone());
                self.call_value(method, args, kwargs).map(Called::Value)
            }
            Value::Class(class) => self.instantiate_class(&class, args, kwargs).map(Called::Value),
            Value::Object(ref o) if builtins::is_callable(&callee) => {
                self.call_functools_object(o, args, kwargs).map(Called::Value)
            }
            Value::Instance(ref i) if i.class.lookup("__call__").is_some() => {
                let method = i.class.lookup("__call__").expect("checked");
                let mut args = args;
                args.insert(0, callee.clone());
                self.call_value(method, args, kwargs).map(Called::Value)
            }
            other => raise(ExcType::TypeError, format!("'{}' object is not callable", other.type_name())),
        }
    }

    /// Whether a sequence pattern (or with `sequence` false, a mapping pattern) can
    /// match `v`: a list, tuple or range (not a string), a `collections.deque` or named
    /// tuple; a dict, or a mapping of `collections`.
    fn match_kind(&self, v: &Value, sequence: bool) -> bool {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Range(_) => sequence,
            Value::Dict(_) => !sequence,
            Value::Instance(i) => {
                let wanted: &[&str] = if sequence { &["deque", "_NamedTuple"] } else { &["_Mapping"] };
                i.class
                    .mro()
                    .iter()
                    .any(|c| c.module == Some(super::value::Module::Collections) && wanted.contains(&&*c.name))
            }
            _ => false,
        }
    }

    /// A class pattern: `value`'s attributes for its sub-patterns, if it is of `class`.
    fn match_class(self: &Rc<Self>, value: Value, class: Value, positional: usize, names: &[Value]) -> Res<Value> {
        let is = builtins::call(self, Builtin::IsInstance, None, vec![value.clone(), class.clone()], Vec::new())?;
        if !is.truthy() {
            return Ok(Value::None);
        }
        let mut found = Vec::new();
        if positional > 0 {
            match &class {
                // `int(x)`, `str(s)`: the value itself.
                Value::Type(_) => {
                    if positional > 1 {
                        let message =
                            format!("{}() accepts 1 positional sub-pattern ({positional} given)", class_name(&class));
                        return raise(ExcType::TypeError, message);
                    }
                    found.push(value.clone());
                }
                _ => {
                    let args = match self.load_attr(&class, "__match_args__") {
                        Ok(Value::Tuple(args)) => args.to_vec(),
                        Ok(_) => {
                            return raise(
                                ExcType::TypeError,
                                format!("{}.__match_args__ must be a tuple", class_name(&class)),
                            )
                        }
                        Err(_) => Vec::new(),
                    };
                    if positional > args.len() {
                        let plural = if args.len() == 1 { "" } else { "s" };
                        let message = format!(
                            "{}() accepts {} positional sub-pattern{plural} ({positional} given)",
                            class_name(&class),
                            args.len()
                        );
                        return raise(ExcType::TypeError, message);
                    }
                    for name in &args[..positional] {
                        let Value::Str(name) = name else {
                            return raise(ExcType::TypeError, "__match_args__ elements must be strings");
                        };
                        match self.load_attr(&value, name) {
                            Ok(v) => found.push(v),
                            Err(Unwind::Raise(e)) if e.kind.is_subclass(ExcType::AttributeError) => {
                                return Ok(Value::None)
                            }
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
        }
        for name in names {
            let Value::Str(name) = name else { unreachable!("names") };
            match self.load_attr(&value, name) {
                Ok(v) => found.push(v),
                Err(Unwind::Raise(e)) if e.kind.is_subclass(ExcType::AttributeError) => return Ok(Value::None),
                Err(e) => return Err(e),
            }
        }
        Ok(Value::tuple(found))
    }

    /// A new object of `class`, made and initialized by `type.__call__` (whatever its
    /// metaclass's `__call__` says).
    pub fn instantiate_class(
        self: &Rc<Self>,
        class: &Rc<super::classes::Class>,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        if let Some(made) = self.call_new(class, &args, &kwargs)? {
            return Ok(made);
        }
        let instance = new_object(class, &args);
        self.instantiate(class, instance, args, kwargs)
    }

    /// `Class(...)` of a class with its own `__new__`: what `__new__(cls, ...)` gives,
    /// initialized by `__init__` if it is an object of the class (`None` without one).
    fn call_new(
        self: &Rc<Self>,
        class: &Rc<super::classes::Class>,
        args: &[Value],
        kwargs: &[(Str, Value)],
    ) -> Res<Option<Value>> {
        let Some(new) = class.lookup("__new__") else { return Ok(None) };
        let new = super::classes::static_function(new);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(Value::Class(class.clone()));
        all.extend(args.iter().cloned());
        let made = self.call_value(new, all, kwargs.to_vec())?;
        let made_class = match &made {
            Value::Instance(i) if i.class.is_subclass(class) => i.class.clone(),
            _ => return Ok(Some(made)),
        };
        // (The `__init__` of the class of what it made, which may be a subclass.)
        self.instantiate(&made_class, made, args.to_vec(), kwargs.to_vec()).map(Some)
    }

    /// `Class(...)` from Rust (or with an `__init__` that is not a plain function): the
    /// new `instance`, its `__init__` called with the arguments, if it has one.
    fn instantiate(
        self: &Rc<Self>,
        class: &Rc<super::classes::Class>,
        instance: Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        let Some(init) = class.lookup("__init__") else {
            if class.exception.is_some() {
                if !kwargs.is_empty() {
                    return raise(ExcType::TypeError, format!("{}() takes no keyword arguments", class.name));
                }
                return Ok(instance);
            }
            // (object's `__init__` takes the arguments a class's own `__new__` took.)
            if (!args.is_empty() || !kwargs.is_empty()) && class.lookup("__new__").is_none() {
                return raise(ExcType::TypeError, format!("{}() takes no arguments", class.name));
            }
            return Ok(instance);
        };
        args.insert(0, instance.clone());
        match self.call_value(init, args, kwargs)? {
            Value::None => Ok(instance),
            other => raise(ExcType::TypeError, format!("__init__() should return None, not '{}'", other.type_name())),
        }
    }

    /// `object[index]`, as `Subscr` does it: an object's `__getitem__`, a class's
    /// `__class_getitem__`, a built-in's item.
    pub fn subscript(self: &Rc<Self>, object: Value, index: Value) -> Res<Value> {
        Ok(match &object {
            Value::Instance(i) => {
                let missing = format!("'{}' object is not subscriptable", i.class.name);
                self.protocol(&object, "__getitem__", vec![index], &missing)?
            }
            Value::Class(c) if c.meta_method("__getitem__").is_some() => {
                c.meta_special("__getitem__", vec![index]).expect("checked")?
            }
            // `Queue[int]` in an annotation: the library's classes are generic, as
            // a class deriving from `Generic[T]` is (an alias: the playground checks
            // no types with it).
            Value::Class(c) => match c.lookup("__class_getitem__") {
                Some(f @ Value::Function(_)) => self.call_value(f, vec![object.clone(), index], Vec::new())?,
                Some(other) => self.call_value(other, vec![index], Vec::new())?,
                None if c.module.is_some()
                    || c.ancestors.iter().any(|a| a.module.is_some())
                    || c.lookup("__orig_bases__").is_some() =>
                {
                    super::objects::alias(object.clone(), index)
                }
                None => return raise(ExcType::TypeError, format!("type '{}' is not subscriptable", c.name)),
            },
            Value::Asyncio(f) if f.name().starts_with(|c: char| c.is_ascii_uppercase()) => {
                super::objects::alias(object.clone(), index)
            }
            Value::Type(_) => super::objects::alias(object.clone(), index),
            _ => builtins::getitem(&object, &index)?,
        })
    }

    /// Calls `callee` from Rust and runs it to its end: a Python function runs in a
    /// fiber of its own (it cannot pause, nor wait for the loop).
    pub fn call_value(self: &Rc<Self>, callee: Value, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
        match &callee {
            Value::Function(f) if !f.code.is_generator() => {
                let mut fiber = Fiber::new(FiberKind::Nested, Start::Call(callee, args, kwargs));
                match self.run_nested(&mut fiber) {
                    Ran::Returned(v) => Ok(v),
                    Ran::Raised(e) => Err(e),
                    Ran::Yielded(_) | Ran::Waiting | Ran::Paused => Err(cannot_wait()),
                    Ran::Again => unreachable!("drive runs the loop again"),
                }
            }
            Value::Function(f) => {
                let label = call_label(&f.code.name, &args, &kwargs);
                let locals = self.bind_args(f, args, kwargs)?;
                let line = self.line.get();
                Ok(self.make_generator(f, locals, label, line))
            }
            _ => match self.call_native(callee, args, kwargs)? {
                Called::Value(v) => Ok(v),
                Called::Pushed => unreachable!("natives push no frames"),
                Called::Wait(mut future) => {
                    // From Rust, a call that would wait for the loop must be done at once.
                    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
                        std::task::Poll::Ready(result) => result,
                        std::task::Poll::Pending => Err(cannot_wait()),
                    }
                }
            },
        }
    }

    /// Runs a nested fiber to its end, on top of the frames that called into Rust.
    fn run_nested(self: &Rc<Self>, fiber: &mut Fiber) -> Ran {
        if self.nested.get() >= super::interp::NESTED_LIMIT {
            return Ran::Raised(Unwind::Raise(Exception::with_message(
                ExcType::RecursionError,
                "maximum recursion depth exceeded",
            )));
        }
        fiber.base_depth = self.depth.get();
        self.nested.set(self.nested.get() + 1);
        let ran = self.drive(fiber);
        self.nested.set(self.nested.get() - 1);
        ran
    }

    /// Resumes a generator from Rust: what it yielded (`Some`), or `None` when it ended.
    pub fn resume_nested(self: &Rc<Self>, g: &Rc<Generator>, delivery: Delivery) -> Res<Option<Value>> {
        let mut fiber = Fiber::new(FiberKind::Nested, Start::Gen(g.clone(), delivery, Root::Resume(ResumeMode::Send)));
        match self.run_nested(&mut fiber) {
            Ran::Yielded(v) => Ok(Some(v)),
            Ran::Returned(_) => Ok(None),
            Ran::Raised(e) => Err(e),
            Ran::Waiting | Ran::Paused => Err(cannot_wait()),
            Ran::Again => unreachable!("drive runs the loop again"),
        }
    }

    /// Suspends the fiber on `future` (or goes on at once if it is ready). `Some` when
    /// the fiber must stop here.
    fn wait_on(
        self: &Rc<Self>,
        fiber: &mut Fiber,
        mut future: BoxFuture<'static, Res<Value>>,
        kind: LeafKind,
    ) -> Option<Ran> {
        if fiber.kind == FiberKind::Nested {
            return match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
                std::task::Poll::Ready(result) => self.deliver_leaf(fiber, kind, result),
                std::task::Poll::Pending => self.raise_in(fiber, cannot_wait()),
            };
        }
        self.awaited_now.take();
        let poll = future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
        let awaited = self.awaited_now.take();
        match poll {
            std::task::Poll::Ready(result) => self.deliver_leaf(fiber, kind, result),
            std::task::Poll::Pending => {
                fiber.leaf = Some(Leaf { future, kind, awaited, native: None });
                self.line.set(program_line(&fiber.frames));
                Some(if self.is_paused() { Ran::Paused } else { Ran::Waiting })
            }
        }
    }

    // ---- generators, await and yield from ----

    /// The top frame's `Send`: hands the value on top to the receiver below it.
    fn send(self: &Rc<Self>, fiber: &mut Fiber) -> Res<Flow> {
        let value = fiber.pop();
        let receiver = fiber.peek(1).clone();
        {
            let top = fiber.top();
            top.ip -= 1;
            top.at_send = true;
        }
        match &receiver {
            Value::Generator(g) => {
                if g.kind() == CodeKind::AsyncGenerator {
                    return raise(ExcType::TypeError, "object async_generator can't be used in 'await' expression");
                }
                match self.resume(fiber, g, Delivery::Value(value), Entry::Delegate)? {
                    None => Ok(Flow::Switch),
                    Some(v) => {
                        self.complete_send(fiber, v);
                        Ok(Flow::Next)
                    }
                }
            }
            Value::AsyncStep(step) => {
                let delivery = step.delivery.borrow_mut().take();
                let Some(delivery) = delivery else {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
                };
                let entry = Entry::AsyncStep { close: step.close };
                let agen = step.agen.clone();
                match self.resume(fiber, &agen, delivery, entry) {
                    Ok(None) => Ok(Flow::Switch),
                    Ok(Some(_)) => {
                        if step.close {
                            self.complete_send(fiber, Value::None);
                            return Ok(Flow::Next);
                        }
                        raise(ExcType::StopAsyncIteration, "")
                    }
                    Err(Unwind::Raise(e))
                        if step.close && matches!(e.kind, ExcType::GeneratorExit | ExcType::StopAsyncIteration) =>
                    {
                        self.complete_send(fiber, Value::None);
                        Ok(Flow::Next)
                    }
                    Err(e) => Err(e),
                }
            }
            Value::Iterator(it) if matches!(&*it.borrow(), Iter::Await(_)) => {
                let Iter::Await(inner) = &*it.borrow() else { unreachable!("matched") };
                let inner = inner.clone();
                let len = fiber.stack.len();
                fiber.stack[len - 1] = inner;
                fiber.push(value);
                // The coroutine's own send, from the same `Send`.
                fiber.top().ip += 1;
                self.send(fiber)
            }
            // Yielded to a coroutine's driver by hand, and sent back: `sleep(0)` is done;
            // anything else was never waited for (CPython's `Future.__await__`).
            Value::Native(n) if n.future.borrow().is_none() => {
                if !n.bare_yield {
                    return raise(ExcType::RuntimeError, "await wasn't used with future");
                }
                self.complete_send(fiber, Value::None);
                Ok(Flow::Next)
            }
            Value::Native(_) | Value::Task(_) | Value::Future(_) => {
                Ok(self.yield_out(fiber, receiver, true).map_or(Flow::Switch, Flow::Stop))
            }
            other => {
                // `yield from` a plain iterator: its items are yielded one by one.
                match self.next_of(other)? {
                    Some(item) => Ok(self.yield_out(fiber, item, true).map_or(Flow::Switch, Flow::Stop)),
                    None => {
                        self.complete_send(fiber, Value::None);
                        Ok(Flow::Next)
                    }
                }
            }
        }
    }

    /// The top frame yields `w` (an item, or a future it awaits): through the frames
    /// that delegate to it, to whoever resumed the chain. On a task's fiber, a future
    /// awaited suspends the fiber where it stands instead.
    fn yield_out(self: &Rc<Self>, fiber: &mut Fiber, w: Value, at_send: bool) -> Option<Ran> {
        let mut bottom = fiber.frames.len() - 1;
        while matches!(fiber.frames[bottom].entry, Entry::Delegate | Entry::AsyncStep { .. }) {
            bottom -= 1;
        }
        let boundary = fiber.frames[bottom].entry;
        if matches!(boundary, Entry::Base(_)) && fiber.kind != FiberKind::Nested {
            // Task.__step: None is a bare yield; a future is waited for; anything else
            // is an error thrown back in.
            let kind = if at_send { LeafKind::Send } else { LeafKind::Yield };
            if let Value::Future(f) = &w {
                if f.foreign(self) {
                    // A pending future of another loop's, which the task's loop refuses.
                    if let Some(line) = fiber.coroutine_line() {
                        RUNNING_LINE.with(|l| l.set(line));
                    }
                    let task = self.rt().and_then(|rt| rt.current_task()).map(|t| self.task_value(t).repr());
                    let message = format!(
                        "Task {} got Future {} attached to a different loop",
                        task.unwrap_or_default(),
                        f.repr()
                    );
                    return self
                        .raise_in(fiber, Unwind::Raise(Exception::with_message(ExcType::RuntimeError, message)));
                }
            }
            return match self.leaf_of(&w) {
                Some(future) => {
                    let ran = self.wait_on(fiber, future, kind);
                    if let (Value::Native(n), Some(leaf)) = (&w, fiber.leaf.as_mut()) {
                        leaf.native = Some(n.clone());
                    }
                    ran
                }
                None => {
                    let e = Exception::with_message(ExcType::RuntimeError, format!("Task got bad yield: {}", w.repr()));
                    self.raise_in(fiber, Unwind::Raise(e))
                }
            };
        }
        // To a generator's caller (or from Rust): every frame of the chain is saved.
        // An awaited future of the loop's, handed to a coroutine's driver by hand.
        let w = match w {
            Value::Native(n) if at_send => {
                n.future.borrow_mut().take();
                if n.bare_yield {
                    Value::None
                } else {
                    Value::Native(n)
                }
            }
            other => other,
        };
        while fiber.frames.len() > bottom {
            let frame = fiber.frames.pop().expect("counted");
            self.save(fiber, frame);
        }
        self.after(fiber, boundary, Event::Yielded(w))
    }

    /// Takes a frame off the fiber into its generator, suspended.
    fn save(&self, fiber: &mut Fiber, frame: Frame) {
        let values = fiber.stack.split_off(frame.base as usize);
        let gen = frame.gen.clone().expect("a frame that yields is a generator's");
        let mut frame = frame;
        frame.gen = None;
        *gen.state.borrow_mut() = GenState::Suspended(Box::new(Saved { frame, values }));
    }

    /// The top frame ends (`Returned`) or steps out (`Yielded`, `AsyncYielded`).
    fn end_frame(self: &Rc<Self>, fiber: &mut Fiber, event: Event) -> Option<Ran> {
        match event {
            Event::Yielded(w) => self.yield_out(fiber, w, false),
            Event::AsyncYielded(v) => {
                let frame = fiber.frames.pop().expect("a frame");
                let entry = frame.entry;
                self.save(fiber, frame);
                self.after(fiber, entry, Event::AsyncYielded(v))
            }
            Event::Returned(v) => {
                let frame = fiber.frames.pop().expect("a frame");
                let entry = frame.entry;
                self.close_frame(fiber, frame);
                self.after(fiber, entry, Event::Returned(v))
            }
        }
    }

    /// A frame that ended: its stack goes, its generator is finished, its bar ends.
    fn close_frame(&self, fiber: &mut Fiber, frame: Frame) {
        let keep = frame.base as usize - usize::from(frame.entry == Entry::Call);
        // (An `__init__`'s frame leaves its instance, below its locals.)
        fiber.stack.truncate(keep);
        if let Some(gen) = &frame.gen {
            *gen.state.borrow_mut() = GenState::Finished;
        }
        if frame.span {
            if let Some(rt) = self.rt() {
                rt.coroutine_exited();
            }
        }
    }

    /// What the frame below one entered as `entry` does now that it ended or stepped
    /// out with `event`: `None` when the fiber runs on.
    fn after(self: &Rc<Self>, fiber: &mut Fiber, entry: Entry, event: Event) -> Option<Ran> {
        let action = match (entry, event) {
            (Entry::Base(root), event) => return self.at_base(root, event),
            (Entry::Call, Event::Returned(v)) => After::Push(v),
            (Entry::Init, Event::Returned(Value::None)) => return None,
            (Entry::Init, Event::Returned(v)) => {
                fiber.pop();
                After::Raise(Exception::with_message(
                    ExcType::TypeError,
                    format!("__init__() should return None, not '{}'", v.type_name()),
                ))
            }
            (Entry::Resume(ResumeMode::Send), Event::Returned(v)) => After::Raise(stop_iteration_exc(v)),
            (Entry::Resume(ResumeMode::NextOr), Event::Returned(_)) => return None,
            (Entry::Resume(ResumeMode::Close), Event::Returned(_)) => After::Push(Value::None),
            (Entry::Resume(ResumeMode::Close), Event::Yielded(_)) => {
                After::Raise(Exception::with_message(ExcType::RuntimeError, "generator ignored GeneratorExit"))
            }
            (Entry::Resume(ResumeMode::NextOr), Event::Yielded(w)) => {
                fiber.pop();
                After::Push(w)
            }
            (Entry::Resume(_), Event::Yielded(w)) => After::Push(w),
            (Entry::ForIter { exit }, Event::Returned(_)) => After::EndFor(exit),
            (Entry::ForIter { .. }, Event::Yielded(w)) => After::Push(w),
            (Entry::Delegate, Event::Returned(v)) => After::CompleteSend(v),
            (Entry::AsyncStep { close: false }, Event::Returned(_)) => {
                After::Raise(Exception::new(ExcType::StopAsyncIteration, Vec::new()))
            }
            (Entry::AsyncStep { close: true }, Event::Returned(_)) => After::CompleteSend(Value::None),
            (Entry::AsyncStep { close: false }, Event::AsyncYielded(v)) => After::CompleteSend(v),
            (Entry::AsyncStep { close: true }, Event::AsyncYielded(_)) => {
                After::Raise(Exception::with_message(ExcType::RuntimeError, "async generator ignored GeneratorExit"))
            }
            (entry, _) => unreachable!("{entry:?} does not step out that way"),
        };
        match action {
            After::Push(v) => fiber.push(v),
            After::CompleteSend(v) => self.complete_send(fiber, v),
            After::EndFor(exit) => {
                fiber.pop();
                fiber.top().ip = exit;
            }
            After::Raise(e) => {
                let e = self.with_context(fiber, Unwind::Raise(e));
                return self.raise_in(fiber, e);
            }
        }
        None
    }

    /// How the fiber's bottom frame's end reads to whoever drives it.
    fn at_base(&self, root: Root, event: Event) -> Option<Ran> {
        Some(match (root, event) {
            (Root::AsyncStep { close: false }, Event::Returned(_)) => {
                Ran::Raised(Unwind::Raise(Exception::new(ExcType::StopAsyncIteration, Vec::new())))
            }
            (Root::AsyncStep { close: true }, Event::Returned(_)) => Ran::Returned(Value::None),
            (Root::AsyncStep { close: true }, Event::AsyncYielded(_)) => Ran::Raised(Unwind::Raise(
                Exception::with_message(ExcType::RuntimeError, "async generator ignored GeneratorExit"),
            )),
            (Root::AsyncStep { .. }, Event::AsyncYielded(v)) => Ran::Returned(v),
            (Root::Resume(ResumeMode::Close), Event::Yielded(_)) => Ran::Raised(Unwind::Raise(
                Exception::with_message(ExcType::RuntimeError, "generator ignored GeneratorExit"),
            )),
            (_, Event::Returned(v)) => Ran::Returned(v),
            (_, Event::Yielded(v) | Event::AsyncYielded(v)) => Ran::Yielded(v),
        })
    }

    /// An exception raised in the top frame: its handler there, or the frame ends and
    /// it goes on below. `None` when a handler was found and the fiber runs on.
    fn raise_in(self: &Rc<Self>, fiber: &mut Fiber, error: Unwind) -> Option<Ran> {
        let mut e = match error {
            Unwind::Raise(e) => e,
            halt @ Unwind::Halt(_) => {
                while let Some(frame) = fiber.frames.pop() {
                    self.close_frame(fiber, frame);
                }
                fiber.leaf = None;
                return Some(Ran::Raised(halt));
            }
        };
        loop {
            let Some(top) = fiber.frames.last_mut() else { return Some(Ran::Raised(Unwind::Raise(e))) };
            let at = top.current();
            add_traceback(&e, top);
            if let Some(h) = top.code.handler_at(at) {
                let keep = top.base as usize + top.code.varnames.len() + h.depth as usize;
                top.ip = h.target;
                top.at_send = false;
                fiber.stack.truncate(keep);
                fiber.push(Value::Exception(e));
                return None;
            }
            let frame = fiber.frames.pop().expect("a frame");
            let entry = frame.entry;
            let kind = frame.code.kind;
            let is_gen = frame.gen.is_some();
            keep_unstarted(&e, &fiber.stack[frame.base as usize..]);
            self.close_frame(fiber, frame);
            if is_gen {
                e = generator_error(kind, e);
            }
            match entry {
                Entry::Base(root) => {
                    return Some(match (root, e.kind) {
                        (Root::Resume(ResumeMode::Close), ExcType::GeneratorExit | ExcType::StopIteration)
                        | (Root::AsyncStep { close: true }, ExcType::GeneratorExit | ExcType::StopAsyncIteration) => {
                            Ran::Returned(Value::None)
                        }
                        _ => Ran::Raised(Unwind::Raise(e)),
                    });
                }
                Entry::Resume(ResumeMode::Close)
                    if matches!(e.kind, ExcType::GeneratorExit | ExcType::StopIteration) =>
                {
                    fiber.push(Value::None);
                    return None;
                }
                Entry::AsyncStep { close: true }
                    if matches!(e.kind, ExcType::GeneratorExit | ExcType::StopAsyncIteration) =>
                {
                    self.complete_send(fiber, Value::None);
                    return None;
                }
                Entry::Resume(ResumeMode::NextOr) | Entry::Init => {
                    fiber.pop();
                }
                _ => {}
            }
        }
    }

    // ---- iteration ----

    /// `iter(value)`.
    pub fn iter_of(self: &Rc<Self>, value: Value) -> Res<Value> {
        match value {
            Value::Generator(g) if g.kind() == CodeKind::Generator => Ok(Value::Generator(g)),
            Value::Generator(g) => {
                raise(ExcType::TypeError, format!("'{}' object is not iterable", g.what().replace(' ', "_")))
            }
            Value::Iterator(_) => Ok(value),
            // A future iterated is its `__await__()` (`yield from fut` in an `__await__`).
            Value::Future(_) | Value::Task(_) => Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Await(value))))),
            Value::Instance(i) => self.instance_iter(&i),
            Value::Class(c) if c.meta_method("__iter__").is_some() => {
                c.meta_special("__iter__", Vec::new()).expect("checked")
            }
            other => Ok(Value::Iterator(builtins::iterate(&other)?)),
        }
    }

    /// The next item of an iterator (`next(it)`), or `None` when it is exhausted.
    pub fn next_of(self: &Rc<Self>, iterator: &Value) -> Res<Option<Value>> {
        match iterator {
            Value::Iterator(it) => {
                let simple = it.borrow_mut().next_simple();
                match simple {
                    Some(next) => Ok(next),
                    None => self.next_lazy(it),
                }
            }
            Value::Generator(g) if g.kind() == CodeKind::Generator => {
                self.resume_nested(g, Delivery::Value(Value::None))
            }
            Value::Instance(i) => self.instance_next(i),
            other => raise(ExcType::TypeError, format!("'{}' object is not an iterator", other.type_name())),
        }
    }

    /// The next item of the iterators that call back into Python (`map`, `filter`...).
    fn next_lazy(self: &Rc<Self>, it: &Rc<RefCell<Iter>>) -> Res<Option<Value>> {
        let lazy = it.borrow().lazy_parts();
        match lazy {
            Lazy::Map(f, sources) => {
                let mut args = Vec::with_capacity(sources.len());
                for s in &sources {
                    match self.next_of(s)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                self.call_value(f, args, Vec::new()).map(Some)
            }
            Lazy::Filter(f, source) => loop {
                let Some(item) = self.next_of(&source)? else { return Ok(None) };
                let keep = match &f {
                    Value::None => item.truthy(),
                    f => self.call_value(f.clone(), vec![item.clone()], Vec::new())?.truthy(),
                };
                if keep {
                    return Ok(Some(item));
                }
            },
            Lazy::Zip(sources, strict) => {
                if sources.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(sources.len());
                for (i, s) in sources.iter().enumerate() {
                    match self.next_of(s)? {
                        Some(v) => items.push(v),
                        None if !strict => return Ok(None),
                        // `strict=True`: every source must end together.
                        None => {
                            let others = |n: usize| if n == 1 { " 1".to_owned() } else { format!("s 1-{n}") };
                            if i > 0 {
                                let message = format!("zip() argument {} is shorter than argument{}", i + 1, others(i));
                                return raise(ExcType::ValueError, message);
                            }
                            for (j, s) in sources.iter().enumerate().skip(1) {
                                if self.next_of(s)?.is_some() {
                                    let message =
                                        format!("zip() argument {} is longer than argument{}", j + 1, others(j));
                                    return raise(ExcType::ValueError, message);
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            Lazy::Enumerate(source) => {
                let Some(item) = self.next_of(&source)? else { return Ok(None) };
                let n = it.borrow_mut().count_up();
                Ok(Some(Value::tuple(vec![Value::Int(n), item])))
            }
            Lazy::Await(inner) => match inner {
                Value::Generator(g) => self.resume_nested(&g, Delivery::Value(Value::None)),
                _ => Err(cannot_wait()),
            },
            Lazy::DictKeys => {
                let mut state = it.borrow_mut();
                let super::value::Iter::DictKeys(dict, at, size) = &mut *state else { return Ok(None) };
                let d = dict.borrow();
                if d.len() != *size {
                    drop(d);
                    *state = super::value::Iter::Done;
                    return raise(ExcType::RuntimeError, "dictionary changed size during iteration");
                }
                match d.key_from(*at) {
                    Some((key, next)) => {
                        *at = next;
                        Ok(Some(key))
                    }
                    None => {
                        drop(d);
                        *state = super::value::Iter::Done;
                        Ok(None)
                    }
                }
            }
            Lazy::Seq(source) => {
                let index = Value::Int(it.borrow_mut().count_up());
                match self.subscript(source, index) {
                    Ok(item) => Ok(Some(item)),
                    Err(Unwind::Raise(e))
                        if e.kind.is_subclass(ExcType::IndexError) || e.kind == ExcType::StopIteration =>
                    {
                        *it.borrow_mut() = super::value::Iter::Done;
                        Ok(None)
                    }
                    Err(other) => Err(other),
                }
            }
            Lazy::Callable(f, sentinel) => {
                let item = self.call_value(f, Vec::new(), Vec::new())?;
                let over = match (&item, &sentinel) {
                    (a, b) if a.is(b) => true,
                    (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                        builtins::compare(self, super::ast::CmpOp::Eq, &item, &sentinel)?
                    }
                    (a, b) => a.equals(b),
                };
                if over {
                    *it.borrow_mut() = super::value::Iter::Done;
                    return Ok(None);
                }
                Ok(Some(item))
            }
            Lazy::Done => Ok(None),
        }
    }

    /// Every item of an iterable, in order.
    pub fn collect(self: &Rc<Self>, value: &Value) -> Res<Vec<Value>> {
        match value {
            Value::List(items) => Ok(items.borrow().clone()),
            Value::Tuple(items) => Ok(items.to_vec()),
            Value::Dict(d) => Ok(d.borrow().keys()),
            Value::Set(d) => Ok(d.borrow().set_keys()),
            other => {
                let it = self.iter_of(other.clone())?;
                let mut out = Vec::new();
                while let Some(v) = self.next_of(&it)? {
                    builtins::room::<Value>(out.len() + 1)?;
                    out.push(v);
                    if self.tick()? {
                        // (Collecting from Rust cannot pause; the budget still counts.)
                    }
                }
                Ok(out)
            }
        }
    }

    /// The values for `a, *b, c = value`: `n` of them, the starred one (after
    /// `star` items) a list; in order.
    fn unpack(self: &Rc<Self>, value: Value, n: usize, star: Option<usize>) -> Res<Vec<Value>> {
        let items: Vec<Value> = match &value {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            v if is_iterable(v) => self.collect(v)?,
            other => {
                return raise(ExcType::TypeError, format!("cannot unpack non-iterable {} object", other.type_name()))
            }
        };
        match star {
            None => {
                if items.len() > n {
                    return raise(ExcType::ValueError, format!("too many values to unpack (expected {n})"));
                }
                if items.len() < n {
                    return raise(
                        ExcType::ValueError,
                        format!("not enough values to unpack (expected {n}, got {})", items.len()),
                    );
                }
                Ok(items)
            }
            Some(s) => {
                let after = n - s - 1;
                if items.len() < n - 1 {
                    return raise(
                        ExcType::ValueError,
                        format!("not enough values to unpack (expected at least {}, got {})", n - 1, items.len()),
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

    // ---- awaiting ----

    /// What `await value` sends to.
    fn awaitable(self: &Rc<Self>, value: Value) -> Res<Value> {
        match &value {
            Value::Generator(g) if g.is_coroutine() => {
                if matches!(*g.state.borrow(), GenState::Finished | GenState::Scheduled(_)) {
                    return raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine");
                }
                Ok(value)
            }
            Value::Native(n) if n.future.borrow().is_none() && !n.bare_yield => {
                raise(ExcType::RuntimeError, "cannot reuse already awaited coroutine")
            }
            Value::Native(_) | Value::Task(_) | Value::Future(_) | Value::AsyncStep(_) => Ok(value),
            Value::Iterator(it) if matches!(&*it.borrow(), Iter::Await(_)) => Ok(value),
            Value::Instance(_) => self.await_iterator(&value),
            other => {
                raise(ExcType::TypeError, format!("object {} can't be used in 'await' expression", other.type_name()))
            }
        }
    }

    /// What an object's `__await__` gives to be awaited: an iterator (a generator,
    /// or a coroutine's `__await__()`), as CPython checks it.
    pub fn await_iterator(self: &Rc<Self>, object: &Value) -> Res<Value> {
        let Some(method) = builtins::getattr(object, "__await__").ok() else {
            return raise(
                ExcType::TypeError,
                format!("object {} can't be used in 'await' expression", object.type_name()),
            );
        };
        let it = self.call_value(method, Vec::new(), Vec::new())?;
        match &it {
            Value::Generator(g) if g.kind() == CodeKind::Generator => Ok(it),
            Value::Iterator(i) if matches!(&*i.borrow(), Iter::Await(_)) => Ok(it),
            Value::Generator(g) if g.is_coroutine() => raise(ExcType::TypeError, "__await__() returned a coroutine"),
            other => {
                raise(ExcType::TypeError, format!("__await__() returned non-iterator of type '{}'", other.type_name()))
            }
        }
    }

    /// The future a task's step waits on for an awaited or yielded `value`, if it is
    /// one it can wait on.
    fn leaf_of(self: &Rc<Self>, value: &Value) -> Option<BoxFuture<'static, Res<Value>>> {
        match value {
            Value::None => {
                let rt = self.rt()?;
                let interp = self.clone();
                Some(Box::pin(async move {
                    rt.sleep(0.0).await.map_err(|e| super::asyncio::from_runtime(&interp, e))?;
                    Ok(Value::None)
                }))
            }
            Value::Native(n) => match n.future.borrow_mut().take() {
                Some(future) if n.gathered.is_some() => {
                    let (gathered, interp) = (value.clone(), self.clone());
                    Some(Box::pin(async move {
                        interp.awaiting(&gathered);
                        future.await
                    }))
                }
                Some(future) => Some(future),
                None => Some(Box::pin(async { Ok(Value::None) })),
            },
            Value::Task(t) => {
                t.retrieved.set(true);
                let (task, interp) = (t.clone(), self.clone());
                Some(Box::pin(async move {
                    interp.awaiting(&Value::Task(task.clone()));
                    let result = task.task.clone().await;
                    result.map_err(|e| interp.task_error(&task, e))
                }))
            }
            Value::Future(f) => {
                let (f, interp) = (f.clone(), self.clone());
                Some(Box::pin(async move { f.wait(&interp).await }))
            }
            _ => None,
        }
    }

    /// For a view's run: whether it stops where this line begins, the one it asked for
    /// (or, in a callback, which cannot pause, at the next line that can); it pauses.
    #[cold]
    #[inline(never)]
    fn stop_at_line(&self, rt: &crate::runtime::Runtime, fiber: &Fiber) -> bool {
        let due = self.line_stop.get().is_some_and(|n| rt.lines_recorded() >= n);
        if !due || fiber.kind == FiberKind::Nested || !self.may_pause() {
            return false;
        }
        self.line_stop.set(None);
        self.pause_begin();
        true
    }

    /// Notes what the leaf future being polled waits for, as the program sees it: the
    /// fiber's leaf keeps it if the poll leaves it waiting.
    pub fn awaiting(&self, value: &Value) {
        self.awaited_now.replace(Some(value.clone()));
    }

    /// `anext(agen)` or `agen.asend(v)`: the awaitable of its next step.
    pub fn anext(self: &Rc<Self>, agen: &Value, value: Option<Value>) -> Res<Value> {
        match agen {
            Value::Generator(g) if g.kind() == CodeKind::AsyncGenerator => {
                self.first_iter(g);
                Ok(Value::AsyncStep(Rc::new(AsyncStep {
                    agen: g.clone(),
                    delivery: RefCell::new(Some(Delivery::Value(value.unwrap_or(Value::None)))),
                    close: false,
                })))
            }
            other => raise(
                ExcType::TypeError,
                format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                    other.type_name()
                ),
            ),
        }
    }

    // ---- generators closed when dropped ----

    /// `del name` let go of `old`: a failed task it was the last reference to is
    /// collected there, as CPython's reference counts collect it (and its exception
    /// reported if nobody asked for it).
    fn deleted(self: &Rc<Self>, old: Value) {
        if let Value::Task(task) = old {
            let id = task.id();
            drop(task);
            self.collect_failed(id);
        }
    }

    /// `finalize` where `fiber` stands: a coroutine dropped unawaited is warned about
    /// at the line of the program's innermost frame, or if none, in asyncio's step.
    fn finalize_in(self: &Rc<Self>, fiber: &Fiber) -> Res<()> {
        self.drop_place.set(fiber.drop_place());
        self.finalize()
    }

    /// `_watch(obj, watcher, weakly)`: `watcher._fire()` is called when `obj`, an object
    /// of the program's classes, is freed.
    pub fn weak_watch(&self, object: &Value, watcher: &Value, weakly: bool) -> Res<()> {
        let Value::Instance(i) = object else {
            let message = format!(
                "a weak reference's callback or weakref.finalize on a '{}' object is not in the playground: \
                 only on objects of the program's own classes",
                object.type_name()
            );
            return raise(ExcType::TypeError, message);
        };
        let watcher = match weakly {
            true => super::interp::Watcher::Weak(super::stdlib::weak::of(watcher).expect("a weak reference object")),
            false => super::interp::Watcher::Strong(watcher.clone()),
        };
        i.class.watched.set(true);
        self.weak_watches.borrow_mut().entry(Rc::as_ptr(i) as usize).or_default().push(watcher);
        Ok(())
    }

    /// An object was freed: what watched it is due (see [`Interp::weak_watch`]).
    pub fn weak_freed(&self, object: usize) {
        let Ok(mut watches) = self.weak_watches.try_borrow_mut() else { return };
        if let Some(watchers) = watches.remove(&object) {
            if let Ok(mut due) = self.weak_due.try_borrow_mut() {
                due.extend(watchers.into_iter().rev());
                self.finalize_due.set(true);
            }
        }
    }

    /// An object dropped lives on as its heir until its `__del__` has run: what watched
    /// it watches the heir.
    pub fn weak_moved(&self, from: usize, to: usize) {
        let Ok(mut watches) = self.weak_watches.try_borrow_mut() else { return };
        if let Some(watchers) = watches.remove(&from) {
            watches.insert(to, watchers);
        }
    }

    /// Calls the weak references' callbacks and finalizers due, each once; what one
    /// raises is reported as CPython reports it.
    fn fire_weak(self: &Rc<Self>) -> Res<()> {
        // (All those due now, taken at once: the calls may free more, whose calls come
        // after them, as CPython's would.)
        loop {
            let due = std::mem::take(&mut *self.weak_due.borrow_mut());
            if due.is_empty() {
                return Ok(());
            }
            for watcher in due {
                self.fire_one(watcher)?;
            }
        }
    }

    fn fire_one(self: &Rc<Self>, watcher: super::interp::Watcher) -> Res<()> {
        let watcher = match watcher {
            super::interp::Watcher::Strong(v) => v,
            super::interp::Watcher::Weak(target) => match super::stdlib::weak::get(&target) {
                Some(v) => v,
                None => return Ok(()),
            },
        };
        let fire = self.load_attr(&watcher, "_fire")?;
        if let Err(Unwind::Raise(e)) = self.call_value(fire, Vec::new(), Vec::new()) {
            let what = self.load_attr(&watcher, "_what").unwrap_or(watcher);
            self.ignored(&what, &e);
        }
        Ok(())
    }

    /// What a finalizer (`__del__`, a weak reference's callback) raised, which nothing
    /// can catch: reported as CPython reports it, naming what raised it.
    fn ignored(&self, what: &Value, e: &Rc<Exception>) {
        let traceback = super::exceptions::format_traceback(&self.source.borrow(), e);
        self.stderr.borrow_mut().push(format!("Exception ignored in: {}\n{}", what.repr(), traceback.trim_end()));
    }

    /// Closes the generators dropped while suspended: their `finally` blocks run now.
    pub fn finalize(self: &Rc<Self>) -> Res<()> {
        self.finalize_due.set(false);
        let place = self.drop_place.replace(DropPlace::Unknown);
        if !self.unawaited.borrow().is_empty() {
            warn_unawaited(self, place);
        }
        // Objects dropped with a `__del__`: called, and what it raises reported as
        // CPython reports it (nothing can catch it).
        loop {
            let next = self.deleting.borrow_mut().pop();
            let Some(object) = next else { break };
            let Some(del) = object.class.lookup("__del__") else { continue };
            match self.call_value(del.clone(), vec![Value::Instance(object)], Vec::new()) {
                Err(Unwind::Halt(m)) => return Err(Unwind::Halt(m)),
                Err(Unwind::Raise(e)) => self.ignored(&del, &e),
                Ok(_) => {}
            }
            self.fire_weak()?;
        }
        self.fire_weak()?;
        loop {
            let next = self.finalizing.borrow_mut().pop();
            let Some(gen) = next else { return Ok(()) };
            if gen.kind() == CodeKind::AsyncGenerator {
                self.schedule_aclose(gen);
                continue;
            }
            let mut fiber = Fiber::new(
                FiberKind::Nested,
                Start::Gen(
                    gen,
                    Delivery::Throw(Exception::new(ExcType::GeneratorExit, Vec::new())),
                    Root::Resume(ResumeMode::Close),
                ),
            );
            match self.run_nested(&mut fiber) {
                Ran::Raised(Unwind::Halt(m)) => return Err(Unwind::Halt(m)),
                Ran::Raised(Unwind::Raise(e)) => {
                    self.stderr
                        .borrow_mut()
                        .push(format!("Exception ignored in a generator's finally: {}", e.last_line()));
                }
                _ => {}
            }
        }
    }

    /// asyncio's `firstiter` hook: an async generator iterated while the loop runs is
    /// kept (weakly) for `asyncio.run` to close on its way out.
    pub fn first_iter(&self, agen: &Rc<Generator>) {
        if agen.hooked.get() || self.rt().is_none_or(|rt| rt.is_closed()) {
            return;
        }
        agen.hooked.set(true);
        let mut gens = self.asyncgens.borrow_mut();
        if gens.len() >= 64 && gens.len().is_power_of_two() {
            gens.retain(|g| g.strong_count() > 0);
        }
        gens.push(Rc::downgrade(agen));
    }

    /// The async generators `asyncio.run` closes once main is over (its
    /// `shutdown_asyncgens`): those the loop saw iterated that still stand at a `yield`.
    pub fn suspended_asyncgens(&self) -> Vec<Rc<Generator>> {
        let gens = self.asyncgens.take();
        gens.iter().filter_map(Weak::upgrade).filter(|g| matches!(*g.state.borrow(), GenState::Suspended(_))).collect()
    }

    /// asyncio's finalizer hook for an async generator collected where it stood: the
    /// loop makes a task of its `aclose()` at its next turn (`call_soon_threadsafe`).
    fn schedule_aclose(self: &Rc<Self>, agen: Rc<Generator>) {
        let Ok(rt) = self.running() else { return };
        let interp = self.clone();
        rt.call_soon(move || {
            let step = Value::AsyncStep(Rc::new(AsyncStep {
                agen,
                delivery: RefCell::new(Some(Delivery::Throw(Exception::new(ExcType::GeneratorExit, Vec::new())))),
                close: true,
            }));
            let made = interp.create_task_in(None, step, None);
            if let Ok(task) = made {
                task.retrieved.set(true);
            }
        });
    }

    /// `sys.exc_info()`, `sys.exception()` and `traceback._caller()`: what the running
    /// frames know (the exception being handled; the program's innermost frame, by its
    /// function's name and line, for `logging`'s records).
    fn frame_function(fiber: &Fiber, name: &str) -> Value {
        if name == "_stack" {
            // The program's frames, outermost first: (function, line) each.
            let frames = fiber.frames.iter().filter(|f| f.code.is_program());
            let pairs =
                frames.map(|f| Value::tuple(vec![Value::Str(f.code.name.clone()), Value::Int(i64::from(f.line()))]));
            return Value::list(pairs.collect());
        }
        if name == "_caller" {
            let frame = fiber.frames.iter().rev().find(|f| f.code.is_program());
            let (function, line) = frame.map_or(("<module>", 0), |f| (&*f.code.name, f.line()));
            return Value::tuple(vec![Value::str(function), Value::Int(i64::from(line))]);
        }
        let handled = fiber.handled();
        match (name, handled) {
            ("exception", e) => e.map_or(Value::None, Value::Exception),
            (_, None) => Value::tuple(vec![Value::None, Value::None, Value::None]),
            (_, Some(e)) => {
                let tb = super::objects::traceback_of(&e);
                Value::tuple(vec![e.type_value(), Value::Exception(e), tb])
            }
        }
    }

    // ---- what a view can read ----

    /// The frames of a fiber, outermost first: function, line, and local variables
    /// as Python reprs (cut at 80 characters). A task not started yet shows its
    /// coroutine's frame as made: at its `def` line, with its arguments.
    pub fn frames_of(fiber: &Fiber) -> Vec<FrameView> {
        if let Some(Start::Gen(gen, ..)) = &fiber.start {
            if let GenState::Created(saved) | GenState::Scheduled(saved) | GenState::Suspended(saved) =
                &*gen.state.borrow()
            {
                // (Nor, before its first step, an awaitable's `__await__` that CPython's
                // `_wrap_awaitable` has not called yet.)
                let unwrapped =
                    matches!(&*gen.state.borrow(), GenState::Created(_)) && gen.kind() == CodeKind::Generator;
                if !saved.frame.code.is_program() || unwrapped {
                    return Vec::new();
                }
                return vec![Self::frame_view(&saved.frame, &saved.values, true)];
            }
        }
        let frames = &fiber.frames;
        (0..frames.len())
            .filter(|&i| frames[i].code.is_program())
            .map(|i| {
                // (Its part of the stack: up to the next frame's.)
                let end = frames.get(i + 1).map_or(fiber.stack.len(), |next| next.base as usize);
                let values = fiber.stack.get(frames[i].base as usize..end.max(frames[i].base as usize));
                Self::frame_view(&frames[i], values.unwrap_or(&[]), true)
            })
            .collect()
    }

    /// `locals()`, `vars()`, `globals()` and `dir()` called without arguments. (Kept out
    /// of `call_on_stack`, whose frame every call from Rust back into Python stacks.)
    #[inline(never)]
    fn names_seen(&self, fiber: &Fiber, b: Builtin) -> Res<Value> {
        let Some(names) = self.frame_names(fiber, b == Builtin::Globals) else {
            return raise(ExcType::TypeError, "vars() argument must have __dict__ attribute");
        };
        if b == Builtin::Dir {
            let mut keys: Vec<Str> = names.into_iter().map(|(n, _)| n).collect();
            keys.sort();
            return Ok(Value::list(keys.into_iter().map(Value::Str).collect()));
        }
        let mut dict = super::value::Dict::default();
        for (name, value) in names {
            builtins::dict_set(&mut dict, Value::Str(name), value)?;
        }
        Ok(Value::Dict(Rc::new(RefCell::new(dict))))
    }

    /// The names the running frame sees and their values, as a snapshot: a function's
    /// locals (`locals()`), or the program's globals (`globals()`, and `locals()` at
    /// the module's level).
    fn frame_names(&self, fiber: &Fiber, globals: bool) -> Option<Vec<(Str, Value)>> {
        let frame = fiber.frames.iter().rev().find(|f| f.code.is_program());
        match frame {
            Some(f) if !globals && f.code.name.as_ref() != "<module>" => {
                Some(Self::frame_locals(f, fiber.stack.get(f.base as usize..).unwrap_or(&[])))
            }
            _ => {
                let mut names = vec![
                    (Str::from("__name__"), self.global("__name__").unwrap_or_else(|| Value::str("__main__"))),
                    (Str::from("__doc__"), Value::None),
                ];
                let values = self.globals.borrow();
                let global_names = self.global_names.borrow();
                let slots = global_names.names.iter().zip(&global_names.modules).zip(values.iter());
                for ((name, module), value) in slots {
                    if module.is_none() && !matches!(value, Value::Unbound) && !names.iter().any(|(n, _)| n == name) {
                        names.push((name.clone(), value.clone()));
                    }
                }
                Some(names)
            }
        }
    }

    /// `eval`, `exec`, `compile` and `__import__`. For `eval` and `exec`, the function
    /// the text (or code) compiles to and its arguments, to be called where they were
    /// (`fiber`: the frame calling them, whose names they see); for the others, what
    /// they give back. Without a namespace given, text run at a module's level runs
    /// among the program's globals, and in a function, in a copy of its locals (as
    /// CPython's: what it assigns there is not the function's).
    pub fn text_call(
        self: &Rc<Self>,
        fiber: Option<&Fiber>,
        b: Builtin,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<TextCall> {
        let name = b.name();
        let mut args = args.into_iter();
        let Some(source) = args.next() else {
            return raise(ExcType::TypeError, format!("{name}() missing required argument 'source' (pos 1)"));
        };
        if b == Builtin::Import {
            let Value::Str(module) = &source else {
                return raise(
                    ExcType::TypeError,
                    format!("__import__() argument 1 must be str, not {}", source.type_name()),
                );
            };
            let fromlist =
                args.nth(2).or_else(|| kwargs.iter().find(|(k, _)| &**k == "fromlist").map(|(_, v)| v.clone()));
            let whole = fromlist.is_some_and(|f| f.truthy());
            let wanted = builtins::import(module)?;
            if let Value::Module(m) = wanted {
                self.load_modules(&[m])?;
            }
            let top = module.split('.').next().unwrap_or(module);
            return Ok(TextCall::Done(if whole { wanted } else { builtins::import(top)? }));
        }
        // (The next positional argument, or the keyword's.)
        let given = |key: &str, args: &mut dyn Iterator<Item = Value>| {
            args.next().or_else(|| kwargs.iter().find(|(k, _)| &**k == key).map(|(_, v)| v.clone()))
        };
        if b == Builtin::Compile {
            let _file = given("filename", &mut args);
            let mode = given("mode", &mut args);
            let expression = match mode.as_ref().map(Value::to_str).as_deref() {
                Some("exec" | "single") => false,
                Some("eval") => true,
                Some(_) => return raise(ExcType::ValueError, "compile() mode must be 'exec', 'eval' or 'single'"),
                None => return raise(ExcType::TypeError, "compile() missing required argument 'mode' (pos 3)"),
            };
            let text = self.text_of(&source, name)?;
            return Ok(TextCall::Done(Value::Code(self.compiled_text(&text, true, expression)?)));
        }
        let globals = given("globals", &mut args).filter(|g| !matches!(g, Value::None));
        let locals = given("locals", &mut args).filter(|l| !matches!(l, Value::None));
        if let Some(g) = globals.as_ref().filter(|g| !matches!(g, Value::Dict(_))) {
            return raise(ExcType::TypeError, format!("{name}() globals must be a dict, not {}", g.type_name()));
        }
        if let Some(l) = locals.as_ref().filter(|l| !matches!(l, Value::Dict(_))) {
            return raise(ExcType::TypeError, format!("locals must be a mapping, not {}", l.type_name()));
        }
        let expression = match &source {
            Value::Code(code) => code.text.as_ref().is_some_and(|(_, e)| *e),
            _ => b == Builtin::Eval,
        };
        let text = self.text_of(&source, name)?;
        // Where the text's names live: the program's globals (`None`), or a namespace,
        // then the globals given (or `None`: the program's).
        let place = match (globals, locals) {
            (None, None) => match fiber.and_then(|f| f.frames.last().map(|frame| (f, frame))) {
                None => None,
                Some((_, frame)) if &*frame.code.name == "<module>" && frame.code.argcount == 0 => None,
                Some((f, frame)) if frame.code.runs_in_namespace() => {
                    Some((f.at(frame.base as usize).clone(), f.at(frame.base as usize + 1).clone()))
                }
                Some((f, frame)) => {
                    let names = Self::frame_locals(frame, f.stack.get(frame.base as usize..).unwrap_or(&[]));
                    let mut dict = Dict::default();
                    for (name, value) in names {
                        builtins::dict_set(&mut dict, Value::Str(name), value)?;
                    }
                    Some((Value::Dict(Rc::new(RefCell::new(dict))), Value::None))
                }
            },
            (Some(g), None) => Some((g.clone(), g)),
            (None, Some(l)) => Some((l, Value::None)),
            (Some(g), Some(l)) => Some((l, g)),
        };
        let code = self.compiled_text(&text, place.is_some(), expression)?;
        let function = Rc::new(Function::new(code, Vec::new(), Vec::new(), Vec::new()));
        Ok(TextCall::Run(function, place.map_or_else(Vec::new, |(ns, g)| vec![ns, g])))
    }

    /// The text `eval`, `exec` or `compile` was given: a string, bytes, or the code
    /// `compile` made.
    fn text_of(&self, source: &Value, name: &str) -> Res<Str> {
        match source {
            Value::Str(s) => Ok(s.clone()),
            Value::Bytes(b) => match std::str::from_utf8(b) {
                Ok(s) => Ok(s.into()),
                Err(_) => raise(ExcType::SyntaxError, "source code is not valid UTF-8"),
            },
            Value::Code(code) => match &code.text {
                Some((text, _)) => Ok(text.clone()),
                None => {
                    raise(ExcType::TypeError, format!("{name}() cannot run the code of a function: call the function"))
                }
            },
            _ if name == "compile" => {
                raise(ExcType::TypeError, "compile() arg 1 must be a string, bytes or AST object")
            }
            _ => raise(ExcType::TypeError, format!("{name}() arg 1 must be a string, bytes or code object")),
        }
    }

    /// Text compiled as the program runs (kept: `timeit` and a loop run the same text
    /// again), its names added to the globals', the modules written in Python it
    /// imports loaded.
    fn compiled_text(self: &Rc<Self>, text: &Str, namespace: bool, expression: bool) -> Res<Rc<Code>> {
        let key = (text.clone(), namespace, expression);
        if let Some(code) = self.texts.borrow().get(&key) {
            return Ok(code.clone());
        }
        // (`eval` leaves out the spaces and tabs before the text, as CPython's does.)
        let source = if expression { text.trim_start_matches([' ', '\t']) } else { text };
        let syntax = |e: super::SyntaxError| {
            let line = e.span.start.line;
            let error = Exception::with_message(ExcType::SyntaxError, format!("{} (<string>, line {line})", e.message));
            let text = source
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .map_or(Value::None, |t| Value::str(&format!("{t}\n")));
            let attrs = [
                ("msg", Value::str(&e.message)),
                ("filename", Value::str("<string>")),
                ("lineno", Value::Int(i64::from(line))),
                ("offset", Value::Int(i64::from(e.span.start.col) + 1)),
                ("text", text),
            ];
            for (name, value) in attrs {
                error.attrs.borrow_mut().insert(Key::Str(name.into()), Value::str(name), value);
            }
            Unwind::Raise(error)
        };
        let body = super::parser::parse_with(source, false).map_err(syntax)?;
        if expression && !matches!(&body[..], [super::ast::Stmt { kind: super::ast::StmtKind::Expr(_), .. }]) {
            let e = super::SyntaxError::new("invalid syntax", body.first().map_or_else(Default::default, |s| s.span));
            return Err(syntax(e));
        }
        self.load_modules(&super::library::imported(&body))?;
        let scopes = if namespace { super::scope::resolve_namespace(&body) } else { super::scope::resolve(&body) };
        let code = {
            let mut names = self.global_names.borrow_mut();
            let names = Rc::make_mut(&mut names);
            let code = scopes
                .and_then(|scopes| super::compile::compile_text(text, &body, &scopes, names, namespace, expression));
            self.grow_globals(names);
            code.map_err(syntax)?
        };
        self.texts.borrow_mut().insert(key, code.clone());
        Ok(code)
    }

    /// Loads the modules written in Python among `modules` that the program did not
    /// import: compiles them among the globals and runs their code.
    fn load_modules(self: &Rc<Self>, modules: &[Module]) -> Res<()> {
        let codes = {
            let mut names = self.global_names.borrow_mut();
            let names = Rc::make_mut(&mut names);
            let codes = super::library::compile_more(modules, names);
            self.grow_globals(names);
            codes
        };
        for code in codes {
            let function = Function::new(code, Vec::new(), Vec::new(), Vec::new());
            self.call_value(Value::Function(Rc::new(function)), Vec::new(), Vec::new())?;
        }
        Ok(())
    }

    /// Slots for the globals `names` has that the globals' values do not yet.
    fn grow_globals(&self, names: &super::compile::GlobalNames) {
        let mut globals = self.globals.borrow_mut();
        let mut builtins = self.builtins.borrow_mut();
        for (name, module) in names.names.iter().zip(&names.modules).skip(globals.len()) {
            let (value, builtin) = super::interp::initial_global(name, *module);
            globals.push(value);
            builtins.push(builtin);
        }
    }

    /// A frame's variables and their values, in the order of CPython's `f_locals`: the
    /// locals in slot order (a parameter in a cell among them), then the other locals
    /// in cells, then the free variables.
    fn frame_locals(f: &Frame, values: &[Value]) -> Vec<(Str, Value)> {
        let code = &f.code;
        let cell = |i: usize| f.cells.get(i).map_or(Value::Unbound, |c| c.borrow().clone());
        let params = (code.argcount + code.kwonlycount + code.varargs as u32 + code.varkeywords as u32) as usize;
        let in_slots = code.varnames.iter().enumerate().map(|(i, name)| {
            let value = match code.cellvars.iter().position(|(c, _)| c == name) {
                Some(c) if i < params => cell(c),
                Some(_) => Value::Unbound,
                None => values.get(i).cloned().unwrap_or(Value::Unbound),
            };
            (name, value)
        });
        let in_cells = code
            .cellvars
            .iter()
            .enumerate()
            .filter(|(_, (_, slot))| slot.is_none_or(|slot| slot as usize >= params))
            .map(|(i, (name, _))| (name, cell(i)));
        let free = code.freevars.iter().enumerate().map(|(j, name)| (name, cell(code.cellvars.len() + j)));
        let mut locals: Vec<(Str, Value)> = Vec::new();
        for (name, value) in in_slots.chain(in_cells).chain(free) {
            // (Of the compiler's own names, a comprehension's iterator `.0` is CPython's too.)
            let own = name.starts_with('.') && &**name != ".0";
            if own || matches!(value, Value::Unbound) || locals.iter().any(|(n, _)| n == name) {
                continue;
            }
            locals.push((name.clone(), value));
        }
        locals
    }

    /// A frame as a view shows it; `values` begin with its locals (see
    /// [`Interp::frame_locals`]), then its operands. With `inner`, the generators of the
    /// program's it holds, suspended or not started, in a local variable or as the
    /// iterator of a `for` loop it is in, with their frames (one level down only).
    fn frame_view(f: &Frame, values: &[Value], inner: bool) -> FrameView {
        let named = Self::frame_locals(f, values);
        let mut held: Vec<(Option<Str>, FrameView)> = Vec::new();
        if inner {
            let mut seen: Vec<*const Generator> = Vec::new();
            let locals = named.iter().map(|(n, v)| (Some(n.clone()), v));
            let operands = values.get(f.code.varnames.len()..).unwrap_or(&[]).iter().map(|v| (None, v));
            for (name, value) in locals.chain(operands) {
                let Value::Generator(g) = value else { continue };
                if held.len() >= MOST_HELD || seen.contains(&Rc::as_ptr(g)) || !g.code.is_program() {
                    continue;
                }
                if let GenState::Created(saved) | GenState::Suspended(saved) = &*g.state.borrow() {
                    seen.push(Rc::as_ptr(g));
                    held.push((name, Self::frame_view(&saved.frame, &saved.values, false)));
                }
            }
        }
        let locals = named.into_iter().map(|(n, v)| (n, short_repr(&v, 80))).collect();
        FrameView { function: f.code.name.clone(), qualname: f.code.qualname.clone(), line: f.line(), locals, held }
    }
}

/// The most generators a frame view shows inside one frame.
const MOST_HELD: usize = 8;

/// One frame as a view shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameView {
    /// Its code's name (CPython's `co_name`), and its qualified name (`co_qualname`:
    /// `Worker.run`, `main.<locals>.job`).
    pub function: Str,
    pub qualname: Str,
    pub line: u32,
    pub locals: Vec<(Str, String)>,
    /// The generators it holds that are not running: each with the local variable it is
    /// in, or none for the iterator of a `for` loop it is in, and its frame.
    pub held: Vec<(Option<Str>, FrameView)>,
}

/// A value's repr, cut at `most` characters with `…`.
pub fn short_repr(value: &Value, most: usize) -> String {
    let repr = value.repr();
    match repr.char_indices().nth(most) {
        Some((at, _)) => format!("{}…", &repr[..at]),
        None => repr,
    }
}

/// What a call did.
pub enum Called {
    Value(Value),
    /// A frame was pushed: the loop goes on in it.
    Pushed,
    /// It waits for the loop (`asyncio.run`, `time.sleep`): the fiber suspends on it.
    Wait(BoxFuture<'static, Res<Value>>),
}

/// What the loop does after a slow instruction.
enum Flow {
    Next,
    Switch,
    Stop(Ran),
}

/// The parts of a lazy iterator's next step.
pub enum Lazy {
    Seq(Value),
    Callable(Value, Value),
    DictKeys,
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    Zip(Vec<Value>, bool),
    Enumerate(Value),
    Await(Value),
    Done,
}

impl Interp {
    /// The builtin of the global slot `slot`, named `name`, for `LoadName`: a
    /// `NameError` if there is none.
    fn builtin_named(&self, code: &Code, slot: u32, name: &str) -> Res<Value> {
        match &self.builtins.borrow()[slot as usize] {
            Value::Unbound => Err(self.name_error(code, name)),
            b => Ok(b.clone()),
        }
    }
}

/// What `eval`, `exec`, `compile` and `__import__` come to (see `Interp::text_call`).
pub enum TextCall {
    /// A function to call with these arguments: the text compiled.
    Run(Rc<Function>, Vec<Value>),
    /// What the call gives back at once.
    Done(Value),
}

#[cold]
#[inline(never)]
/// A class body's namespace: its one local.
fn namespace(fiber: &Fiber, base: usize) -> &RefCell<Dict> {
    match fiber.at(base) {
        Value::Dict(ns) => ns,
        _ => unreachable!("a class body's first local is its namespace"),
    }
}

fn no_frame() -> ! {
    unreachable!("the compiler balances the stack, and a running fiber has a frame")
}

/// `items.pop()` written out, for the values and frames of a fiber: the size-optimised
/// core otherwise calls `Vec::pop` and `Option::expect` for each.
#[inline(always)]
fn take_last<T>(items: &mut Vec<T>) -> T {
    let len = items.len();
    if len == 0 {
        no_frame();
    }
    // SAFETY: the item at `len - 1` exists, and is read once: the length drops first.
    unsafe {
        items.set_len(len - 1);
        items.as_ptr().add(len - 1).read()
    }
}

/// Whether a value owns nothing on the heap (so that dropping it is nothing).
#[inline(always)]
fn is_plain(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Unbound)
}

/// A copy of `v`, inlined for the values that own nothing.
#[inline(always)]
fn quick_clone(v: &Value) -> Value {
    match v {
        Value::Int(n) => Value::Int(*n),
        Value::Bool(b) => Value::Bool(*b),
        Value::None => Value::None,
        Value::Float(x) => Value::Float(*x),
        other => other.clone(),
    }
}

/// Drops `v`, without a call for the values that own nothing.
#[inline(always)]
fn release(v: Value) {
    if is_plain(&v) {
        std::mem::forget(v);
    } else {
        drop(v);
    }
}

/// Item `i` of a slice, the bounds checked inline.
#[inline(always)]
fn item<T>(items: &[T], i: usize) -> &T {
    if i >= items.len() {
        no_frame();
    }
    // SAFETY: in bounds, just checked.
    unsafe { &*items.as_ptr().add(i) }
}

fn cannot_wait() -> Unwind {
    Unwind::Raise(Exception::with_message(
        ExcType::RuntimeError,
        "this call waits for the event loop, which cannot happen here (inside a callback or a key function)",
    ))
}

fn unbound_local(name: &str) -> Unwind {
    Unwind::Raise(Exception::with_message(
        ExcType::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    ))
}

fn stop_iteration_exc(v: Value) -> Rc<Exception> {
    let args = if matches!(v, Value::None) { Vec::new() } else { vec![v] };
    Exception::new(ExcType::StopIteration, args)
}

fn stop_iteration(v: Value) -> Unwind {
    Unwind::Raise(stop_iteration_exc(v))
}

pub fn is_iterable(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(..)
            | Value::Iterator(_)
            | Value::Generator(_)
    ) || matches!(v, Value::Instance(i) if i.class.lookup("__iter__").is_some() || i.class.lookup("__getitem__").is_some())
        || matches!(v, Value::Object(o) if matches!(**o, super::objects::Obj::DictView(..)))
}

/// An exception leaving a generator's frame: `StopIteration` (and in an async
/// generator, `StopAsyncIteration`) becomes a `RuntimeError`, as PEP 479 has it.
fn generator_error(kind: CodeKind, e: Rc<Exception>) -> Rc<Exception> {
    let message = match (kind, e.kind) {
        (CodeKind::Generator, ExcType::StopIteration) => "generator raised StopIteration",
        (CodeKind::Coroutine, ExcType::StopIteration) => "coroutine raised StopIteration",
        (CodeKind::AsyncGenerator, ExcType::StopIteration) => "async generator raised StopIteration",
        (CodeKind::AsyncGenerator, ExcType::StopAsyncIteration) => "async generator raised StopAsyncIteration",
        _ => return e,
    };
    let new = Exception::with_message(ExcType::RuntimeError, message);
    *new.cause.borrow_mut() = Some(e.clone());
    *new.context.borrow_mut() = Some(e);
    new.suppress_context.set(true);
    new
}

thread_local! {
    /// The line where the outermost frame of the program's own code stood when the
    /// running code last called something that is not a plain function: a task's repr
    /// asked for by the task itself (its fiber is busy) names it.
    static RUNNING_LINE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// See `RUNNING_LINE`.
pub fn running_line() -> u32 {
    RUNNING_LINE.with(std::cell::Cell::get)
}

impl Interp {
    /// The `NameError` for `name`, missing where `code` runs, with the name nearest it
    /// among that frame's locals, the program's globals and CPython's built-ins (which
    /// the traceback offers, as CPython's does).
    #[cold]
    #[inline(never)]
    fn name_error(&self, code: &Code, name: &str) -> Unwind {
        let e = Exception::with_message(ExcType::NameError, not_defined(name));
        let globals = self.globals.borrow();
        let global_names = self.global_names.borrow();
        let program_globals = global_names
            .names
            .iter()
            .zip(&global_names.modules)
            .zip(globals.iter())
            .filter(|((_, module), value)| module.is_none() && !matches!(value, Value::Unbound))
            .map(|((n, _), _)| &**n);
        let module_names = super::exceptions::MODULE_DUNDERS.iter().copied().chain(program_globals);
        let found = super::exceptions::suggestion(name, code.varnames.iter().map(|n| &**n))
            .or_else(|| super::exceptions::suggestion(name, module_names))
            .or_else(|| super::exceptions::suggestion(name, super::exceptions::CPYTHON_BUILTINS.iter().copied()));
        *e.suggestion.borrow_mut() = found.map(Rc::from);
        Unwind::Raise(e)
    }

    /// An `AttributeError` that says `object` has no `name`, given the name of its
    /// attributes nearest it (CPython's suggestion, from `dir(object)`).
    #[cold]
    #[inline(never)]
    fn attribute_error(self: &Rc<Self>, error: Unwind, object: &Value, name: &str) -> Unwind {
        if let Unwind::Raise(e) = &error {
            let missing = format!("has no attribute '{name}'");
            if e.kind == ExcType::AttributeError && e.class.is_none() && e.message().ends_with(&missing) {
                let mut names = builtins::attribute_names(self, object);
                names.sort();
                let found = super::exceptions::suggestion(name, names.iter().map(|n| &**n));
                *e.suggestion.borrow_mut() = found.map(Rc::from);
            }
        }
        error
    }
}

/// `NameError`'s message; for a built-in of CPython's that a page cannot have, why.
fn not_defined(name: &str) -> String {
    let why = match name {
        "open" => " (a page has no files: keep the data in the program, in a string or a list)",
        "input" => " (a program in the page reads no keyboard: set the value in the program)",
        // CPython's built-ins the playground's Python does not have (yet).
        "bytearray" | "memoryview" => {
            " (the playground's Python has bytes, not bytearray or memoryview: build a list of ints, then bytes(ints))"
        }
        "complex" => " (the playground's Python has no complex numbers)",
        "breakpoint" | "help" => " (a page has no debugger or help: the replay shows each step)",
        _ => "",
    };
    format!("name '{name}' is not defined{why}")
}

/// A class's name in a class pattern's messages.
fn class_name(class: &Value) -> String {
    match class {
        Value::Class(c) => c.name.to_string(),
        Value::Type(t) => t.name().to_owned(),
        other => other.type_name().to_owned(),
    }
}

/// The line where the innermost frame of the program's own code stands (library code
/// has lines of its own source: see `library`).
fn program_line(frames: &[Frame]) -> u32 {
    frames.iter().rev().find(|f| f.code.is_program()).map_or(0, Frame::line)
}

/// The traceback gains `frame`'s line as the exception first passes it.
fn add_traceback(e: &Exception, frame: &Frame) {
    // Library code shows where a line of it is CPython's (see `library::cpython_line`).
    let library = match frame.code.module {
        Some(module) => match super::library::cpython_line(module, frame.line()) {
            Some(place) => Some(place),
            None => return,
        },
        // Text compiled as the program ran: `File "<string>"`, its line not shown.
        None if frame.code.text.is_some() => {
            Some(super::library::CpythonLine { file: "<string>", line: frame.line(), text: "", indent: 0 })
        }
        None => None,
    };
    let id = frame.id as usize + 1;
    if e.last_frame.get() != id {
        e.last_frame.set(id);
        let mut span = frame.code.span_at(frame.current());
        let mut line = frame.line();
        if let Some(place) = &library {
            // (Its span, moved to CPython's line and to the text stripped.)
            for pos in [&mut span.start, &mut span.end] {
                if pos.line == line {
                    pos.line = place.line;
                    pos.col = pos.col.saturating_sub(place.indent);
                } else {
                    pos.line = 0;
                }
            }
            line = place.line;
        }
        let library = library.map(|place| (place.file, place.text));
        let entry = super::exceptions::Frame { line, function: frame.code.name.clone(), span, library };
        e.traceback.borrow_mut().insert(0, entry);
    }
}

/// An exception raised while `handled` was being handled remembers it.
pub fn set_context(new: &Rc<Exception>, handled: &Rc<Exception>) {
    if Rc::ptr_eq(new, handled) || new.context.borrow().is_some() {
        return;
    }
    // No cycles: `handled` must not already lead back to `new`.
    let mut link = handled.context.borrow().clone();
    while let Some(e) = link {
        if Rc::ptr_eq(&e, new) {
            return;
        }
        link = e.context.borrow().clone();
    }
    *new.context.borrow_mut() = Some(handled.clone());
}

/// `raise X`: an exception object, or a class to instantiate.
fn to_exception(interp: &Rc<Interp>, value: Value, message: &str) -> Res<Rc<Exception>> {
    let _ = interp;
    match value {
        Value::Exception(e) => Ok(e),
        Value::Type(Type::Exception(kind)) => Ok(Exception::new(kind, Vec::new())),
        Value::Class(c) if c.exception.is_some() => match interp.call_value(Value::Class(c), Vec::new(), Vec::new())? {
            Value::Exception(e) => Ok(e),
            _ => raise(ExcType::TypeError, message),
        },
        _ => raise(ExcType::TypeError, message),
    }
}

/// A new object of a program's class, before its `__init__`: an exception (with all
/// the arguments, as `BaseException.__new__` keeps them) if the class derives from one.
fn new_object(class: &Rc<super::classes::Class>, args: &[Value]) -> Value {
    match class.exception {
        Some(kind) => Value::Exception(Exception::of(kind, Some(class.clone()), args.to_vec())),
        None => Value::Instance(super::classes::Instance::new(class.clone())),
    }
}

/// Whether exception `e` is caught by `except kind`.
pub fn matches(e: &Exception, kind: &Value) -> Res<bool> {
    match kind {
        Value::Type(Type::Exception(k)) => Ok(e.kind.is_subclass(*k)),
        Value::Class(c) if c.exception.is_some() => Ok(e.class.as_ref().is_some_and(|ec| ec.is_subclass(c))),
        Value::Tuple(kinds) => {
            for k in kinds.iter() {
                if matches(e, k)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => raise(ExcType::TypeError, "catching classes that do not inherit from BaseException is not allowed"),
    }
}

fn check_star_kind(kind: &Value) -> Res<()> {
    let check = |k: &Value| -> Res<()> {
        match k {
            Value::Type(Type::Exception(e)) if e.is_group() => {
                raise(ExcType::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.")
            }
            Value::Type(Type::Exception(_)) => Ok(()),
            Value::Class(c) if c.exception.is_some_and(|e| e.is_group()) => {
                raise(ExcType::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.")
            }
            Value::Class(c) if c.exception.is_some() => Ok(()),
            _ => raise(ExcType::TypeError, "catching classes that do not inherit from BaseException is not allowed"),
        }
    };
    match kind {
        Value::Tuple(kinds) => kinds.iter().try_for_each(check),
        k => check(k),
    }
}

/// An exception group's part that matches, and the rest.
pub type Split = (Option<Rc<Exception>>, Option<Rc<Exception>>);

/// `eg.split(kind)`: the part that matches, and the rest, each a group or nothing.
pub fn split(group: &Rc<Exception>, kind: &Value) -> Res<Split> {
    split_with(group, &mut |e| matches(e, kind))
}

/// [`split`] by a test of each exception (`eg.split(predicate)`, or a kind's match).
pub fn split_with(group: &Rc<Exception>, test: &mut dyn FnMut(&Rc<Exception>) -> Res<bool>) -> Res<Split> {
    if test(group)? {
        return Ok((Some(group.clone()), None));
    }
    if !group.kind.is_group() {
        return Ok((None, Some(group.clone())));
    }
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    // Whether a side holds a part of a member rather than the member itself.
    let (mut yes_whole, mut no_whole) = (true, true);
    let whole =
        |part: &Option<Rc<Exception>>, member: &Rc<Exception>| part.as_ref().is_none_or(|p| Rc::ptr_eq(p, member));
    for member in &group.group {
        let (m, r) = split_with(member, test)?;
        yes_whole &= whole(&m, member);
        no_whole &= whole(&r, member);
        yes.extend(m);
        no.extend(r);
    }
    let message = group.args.borrow().first().map(Value::to_str).unwrap_or_default();
    let make = |members: Vec<Rc<Exception>>, whole: bool| -> Option<Rc<Exception>> {
        if members.is_empty() {
            None
        } else if whole && members.len() == group.group.len() {
            Some(group.clone())
        } else {
            let kind = if members.iter().all(|m| m.kind.is_subclass(ExcType::Exception)) {
                ExcType::ExceptionGroup
            } else {
                ExcType::BaseExceptionGroup
            };
            let part = Exception::group(kind, &message, members);
            part.naked.set(group.naked.get());
            Some(part)
        }
    };
    Ok((make(yes, yes_whole), make(no, no_whole)))
}

/// What an `except*` statement raises at its end, from the original exception and the
/// list of what its handlers raised followed by what none matched (CPython's
/// `_PyExc_PrepReraiseStar`).
fn prep_reraise_star(original: &Rc<Exception>, mut items: Vec<Value>) -> Value {
    let unhandled = match items.pop() {
        Some(Value::Exception(u)) => Some(u),
        _ => None,
    };
    let raised: Vec<Rc<Exception>> = items
        .into_iter()
        .filter_map(|v| match v {
            Value::Exception(e) => Some(e),
            _ => None,
        })
        .collect();
    // What none matched, as the program raised it when it was not a group.
    let unhandled = unhandled.map(|u| if u.naked.get() && u.group.len() == 1 { u.group[0].clone() } else { u });
    match (raised.is_empty(), unhandled) {
        (true, None) => Value::None,
        (true, Some(u)) => Value::Exception(if u.naked.get() { original.clone() } else { u }),
        (false, None) if raised.len() == 1 => Value::Exception(raised[0].clone()),
        (false, u) => {
            let mut all = raised;
            all.extend(u);
            Value::Exception(Exception::group(ExcType::ExceptionGroup, "", all))
        }
    }
}

impl Interp {
    /// A binary operator other than on two small integers: the program's special
    /// methods, then the builtin types' (out of the machine's loop, which stays small).
    #[inline(never)]
    fn binop_slow(self: &Rc<Self>, op: BinOp, a: Value, b: Value) -> Res<Value> {
        match self.instance_binop(op, &a, &b)? {
            Some(v) => Ok(v),
            None => builtins::binop(op, a, b),
        }
    }
}

fn binop_inplace(interp: &Rc<Interp>, op: BinOp, a: Value, b: Value) -> Res<Value> {
    // Lists grow in place: `xs += ys` changes the list every name for it sees.
    if let (BinOp::Add, Value::List(list)) = (op, &a) {
        let items = interp.collect(&b)?;
        builtins::room::<Value>(list.borrow().len() + items.len())?;
        list.borrow_mut().extend(items);
        return Ok(a);
    }
    // The object's own in-place method (`__iadd__`), if it has one that does not decline.
    if let (Value::Instance(i), Some((name, _))) = (&a, super::classes::arithmetic(op)) {
        let inplace = format!("__i{}", &name[2..]);
        if let Some(result) = i.special(&inplace, vec![b.clone()]) {
            let result = result?;
            if !super::classes::is_not_implemented(&result) {
                return Ok(result);
            }
        }
    }
    let inplace_message = |u: Unwind| match u {
        Unwind::Raise(e) if e.kind == ExcType::TypeError => {
            let message = e.message().replacen(
                &format!("for {}:", op.operand_error_symbol()),
                &format!("for {}=:", op.symbol()),
                1,
            );
            Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
        }
        other => other,
    };
    if let Some(v) = interp.instance_binop(op, &a, &b).map_err(inplace_message)? {
        return Ok(v);
    }
    builtins::binop(op, a, b).map_err(inplace_message)
}

/// A `functools.partial` called: its function, with its arguments put before `args` and
/// its keywords under `kwargs` (so that what it calls is called here, and may wait, as
/// the function called itself may).
#[inline(never)]
pub fn unwrap_partial(mut callee: Value, args: &mut Vec<Value>, kwargs: &mut Vec<(Str, Value)>) -> Value {
    while let Value::Object(o) = &callee {
        // (`list[int]()`, `Stack[int]()`: the origin, called.)
        if let super::objects::Obj::Alias(alias @ super::objects::Alias { typing: None, .. }) = &**o {
            callee = alias.origin.clone();
            continue;
        }
        let super::objects::Obj::Partial(function, bound, bound_kw) = &**o else { break };
        args.splice(0..0, bound.iter().cloned());
        let mut merged = bound_kw.clone();
        for (k, v) in std::mem::take(kwargs) {
            merged.retain(|(key, _)| *key != k);
            merged.push((k, v));
        }
        *kwargs = merged;
        callee = function.clone();
    }
    callee
}

/// A call as Python writes it, for the timeline: `say_after(1, 'hello')`. Containers
/// of more than a few items are written `[…]`: a label is read at a glance, and is made
/// at every call (a list that grows would make each call slower than the last).
pub fn call_label(name: &str, args: &[Value], kwargs: &[(Str, Value)]) -> String {
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
        let mut budget = 64;
        if let Some(class) = writes_with_program_code(value, &mut budget) {
            return class.map_or_else(|| shape.to_owned(), |name| format!("{name}(…)"));
        }
        short_repr(value, 40)
    }
    /// Whether writing `value` would run a `__repr__` of the program's own (which may
    /// print, or call what makes a label): `Some` of the class whose it is, if `value`
    /// is that instance. A label runs no code of the program's, as CPython makes none.
    fn writes_with_program_code(value: &Value, budget: &mut usize) -> Option<Option<Str>> {
        *budget = budget.saturating_sub(1);
        if *budget == 0 {
            return Some(None);
        }
        let inside = |items: &mut dyn Iterator<Item = Value>, budget: &mut usize| {
            for item in items {
                if writes_with_program_code(&item, budget).is_some() {
                    return Some(None);
                }
            }
            None
        };
        match value {
            Value::Instance(i) => match i.class.lookup("__repr__") {
                Some(Value::Function(f)) if f.code.module.is_none() => Some(Some(i.class.qualname.clone())),
                _ => None,
            },
            Value::List(l) => inside(&mut l.borrow().clone().into_iter(), budget),
            Value::Tuple(t) => inside(&mut t.iter().cloned(), budget),
            Value::Set(d) => inside(&mut d.borrow().set_keys().into_iter(), budget),
            Value::Dict(d) => {
                let pairs: Vec<Value> = d.borrow().iter().flat_map(|(k, v)| [k.clone(), v.clone()]).collect();
                inside(&mut pairs.into_iter(), budget)
            }
            _ => None,
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

/// How CPython names a callable in a call's messages: `__main__.f()`, `print()`.
fn describe_callee(callee: &Value) -> String {
    match callee {
        Value::Function(f) => format!("{}.{}()", f.code.module.map_or("__main__", |m| m.name()), f.code.qualname),
        Value::Builtin(b) => format!("{}()", b.name()),
        other => format!("{}()", other.type_name()),
    }
}

pub fn ascii(text: &str) -> String {
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
