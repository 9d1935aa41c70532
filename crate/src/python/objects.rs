//! asyncio's objects for interpreted programs, written as CPython writes them
//! (`futures.py`, `locks.py`, `queues.py`, `taskgroups.py`): futures, the loop's
//! handle, `Event`, `Lock`, `Semaphore`, `BoundedSemaphore`, `Queue` and `TaskGroup`,
//! each waiter a future of the loop, so the order in which waiters wake is CPython's.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::asyncio::{from_runtime, lines, to_runtime, Gathered, Native};
use super::exceptions::{ExcType, Exception, LibraryLine};
use super::interp::{raise, Interp, Res, Unwind};
use super::value::{Iter, Key, Str, Value};
use super::vm::Called;
use crate::runtime::{self, Error, FutureId, Outcome, Runtime, Target, TimerId};

/// An `asyncio.Future`.
pub struct PyFuture {
    pub id: FutureId,
    rt: Runtime,
    value: RefCell<Value>,
    /// The message of `cancel(msg)`, for the `CancelledError` its result raises.
    cancel_message: RefCell<Option<Value>>,
    /// The loop object it was made for (`Interp::loop_id`), if the program made it
    /// (`asyncio.Future()`, `loop.create_future()`): a task of another loop that
    /// awaits it while it is pending fails, as CPython's does.
    home: RefCell<Option<Value>>,
    /// Who awaits it, as CPython 3.14's `future_add_to_awaited_by` notes it (see `graph`).
    pub awaited_by: RefCell<Vec<super::graph::Edge>>,
}

impl PyFuture {
    pub fn new(rt: &Runtime) -> Rc<PyFuture> {
        Rc::new(PyFuture {
            id: rt.create_future(),
            rt: rt.clone(),
            value: RefCell::new(Value::None),
            cancel_message: RefCell::new(None),
            home: RefCell::new(None),
            awaited_by: RefCell::default(),
        })
    }

    pub fn done(&self) -> bool {
        self.rt.future_outcome(self.id) != Outcome::Pending
    }

    /// Whether it is pending and was made for a loop other than the program's now.
    pub fn foreign(&self, interp: &Interp) -> bool {
        let home = self.home.borrow();
        let Some(Value::Object(home)) = &*home else { return false };
        !self.done() && !matches!(interp.loop_object(), Value::Object(now) if Rc::ptr_eq(&now, home))
    }

    /// The loop it was made for (`get_loop()`).
    pub fn home_loop(&self, interp: &Interp) -> Value {
        self.home.borrow().clone().unwrap_or_else(|| interp.loop_object())
    }

    pub fn cancelled(&self) -> bool {
        self.rt.future_outcome(self.id) == Outcome::Cancelled
    }

    /// As CPython's repr: `<Future finished result=5>`.
    pub fn repr(&self) -> String {
        match self.rt.future_outcome(self.id) {
            Outcome::Pending => match callbacks_repr(self.rt.done_callbacks(Target::Future(self.id))) {
                Some(callbacks) => format!("<Future pending {callbacks}>"),
                None => "<Future pending>".to_owned(),
            },
            Outcome::Cancelled => "<Future cancelled>".to_owned(),
            Outcome::Done => format!("<Future finished result={}>", self.value.borrow().repr()),
            Outcome::Failed(runtime::Error::Raised(e)) => {
                format!("<Future finished exception={}>", Value::Exception(super::asyncio::exception_of(&e)).repr())
            }
            Outcome::Failed(runtime::Error::Cancelled) => "<Future finished exception=CancelledError()>".to_owned(),
        }
    }

    /// `set_result`: false if it was done already.
    pub fn set_result(&self, value: Value) -> bool {
        if self.done() {
            return false;
        }
        *self.value.borrow_mut() = value;
        self.rt.complete_future(self.id, Outcome::Done)
    }

    pub fn cancel(&self) -> bool {
        self.rt.complete_future(self.id, Outcome::Cancelled)
    }

    /// Ends it with an error (false if it was done already).
    pub fn fail(&self, error: runtime::Error) -> bool {
        !self.done() && self.rt.complete_future(self.id, Outcome::Failed(error))
    }

    /// `cancel(msg)`: the message goes with the `CancelledError` its result raises.
    pub fn cancel_with(&self, message: Option<Value>) -> bool {
        let cancelled = self.cancel();
        if cancelled && message.is_some() {
            *self.cancel_message.borrow_mut() = message;
        }
        cancelled
    }

    fn cancelled_error(&self, interp: &Interp) -> Unwind {
        match self.cancel_message.borrow().clone() {
            Some(message) if interp.halted().is_none() => {
                Unwind::Raise(Exception::new(ExcType::CancelledError, vec![message]))
            }
            _ => from_runtime(interp, Error::Cancelled),
        }
    }

    /// `future.result()`.
    pub fn result(&self, interp: &Interp) -> Res<Value> {
        match self.rt.future_outcome(self.id) {
            Outcome::Pending => raise(ExcType::InvalidStateError, "Result is not set."),
            Outcome::Done => Ok(self.value.borrow().clone()),
            Outcome::Cancelled => Err(self.cancelled_error(interp)),
            Outcome::Failed(e) => Err(from_runtime(interp, e)),
        }
    }

    /// `await future`.
    pub async fn wait(self: &Rc<Self>, interp: &Interp) -> Res<Value> {
        if !self.done() {
            interp.awaiting(&Value::Future(self.clone()));
        }
        self.rt.await_future(self.id).await.map_err(|e| match e {
            Error::Cancelled => self.cancelled_error(interp),
            e => from_runtime(interp, e),
        })?;
        self.result(interp)
    }
}

/// The event loop a program sees: CPython's loop's flags.
pub struct LoopState {
    /// Inside its `run_until_complete` (or `asyncio.run`, or `run_forever`).
    pub running: Cell<bool>,
    pub closed: Cell<bool>,
    /// `loop.set_debug(True)`, `asyncio.run(main(), debug=True)`.
    pub debug: Cell<bool>,
    /// `loop.slow_callback_duration`: in debug mode, a step or callback that takes
    /// this long (in seconds) is reported.
    pub slow_callback_duration: Cell<f64>,
}

impl Default for LoopState {
    fn default() -> LoopState {
        LoopState {
            running: Cell::new(false),
            closed: Cell::new(false),
            debug: Cell::new(false),
            slow_callback_duration: Cell::new(0.1),
        }
    }
}

/// The objects of asyncio a program makes.
pub enum Obj {
    Loop(LoopState),
    /// What `call_soon` (no timer) and `call_later`/`call_at` give: `Handle` and
    /// `TimerHandle`, cancelled or not.
    TimerHandle(HandleState),
    /// `d.keys()`, `d.values()`, `d.items()`: views of the dict, which see it change.
    DictView(ViewKind, Rc<RefCell<super::value::Dict>>),
    Event(RefCell<EventState>),
    Lock(RefCell<LockState>),
    Semaphore(RefCell<SemaphoreState>),
    TaskGroup(RefCell<Option<runtime::TaskGroup>>),
    Timeout(RefCell<TimeoutState>),
    /// `asyncio.Condition(lock)`: the lock, and the waiters to notify.
    Condition(Rc<Obj>, RefCell<VecDeque<Rc<PyFuture>>>),
    /// `random.Random(seed)`: a generator of its own.
    Random(RefCell<Option<super::random::Twister>>),
    /// `property(fget, fset, fdel)`, as `@property` and `@x.setter` make it.
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        /// Its `doc=`, if given (else its getter's docstring is its `__doc__`).
        doc: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super(class, this)`: the attributes of `this`'s class after `class` in its
    /// method resolution order.
    Super(Rc<super::classes::Class>, Value),
    /// `functools.partial(f, *args, **kwargs)`.
    Partial(Value, Vec<Value>, Vec<(Str, Value)>),
    /// A function under `functools.lru_cache` or `cache`.
    Cached(Rc<super::stdlib::Cache>),
    /// `lru_cache(maxsize)`: the decorator it gives.
    CacheMaker(Option<usize>, bool),
    /// `functools.wraps(f)`: the decorator it gives.
    Wraps(Value),
    /// `functools.cmp_to_key(f)`, and what it gives for a value (`K(v)`).
    CmpToKey(Value, Option<Value>),
    /// `cached.cache_info()`: hits, misses, maxsize (None: -1), currsize.
    CacheInfo([i64; 4]),
    /// `sys.stdout` (false) or `sys.stderr` (true).
    Stream(bool),
    /// `contextlib.suppress(*kinds)`.
    Suppress(Vec<Value>),
    /// `contextlib.nullcontext(enter_result)`.
    NullContext(Value),
    /// An exception's `__traceback__`: the lines it had gained, and the frame that
    /// gave the last (setting it back puts the exception where it was).
    Traceback(Vec<super::exceptions::Frame>, usize),
    /// `object()`: an object with nothing but its identity (a sentinel).
    Bare,
    /// `...`, the one `Ellipsis`.
    Ellipsis,
    /// What a `weakref.ref` holds: its object, not kept alive (see `stdlib::weak`).
    Weak(super::stdlib::weak::Target),
    /// `list[int]`, `typing.Dict[str, int]`, `Stack[int]`: a subscripted class.
    Alias(Alias),
}

/// A class (or one of typing's names) subscripted, as CPython's `types.GenericAlias`
/// and typing's aliases are: its origin and arguments, printed as CPython prints them.
/// Calling it calls the origin; the playground checks no types with it.
pub struct Alias {
    pub origin: Value,
    pub args: Vec<Value>,
    /// typing's name (`List`, `Optional`), if the alias is typing's.
    pub typing: Option<&'static str>,
}

/// `origin[index]`: the alias, with typing's rules for its own names (`Optional[X]` is
/// a union with None; `None` stands for `NoneType`; a union of one is that one).
pub fn alias(origin: Value, index: Value) -> Value {
    let mut args = match index {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other],
    };
    let typing = match &origin {
        Value::Type(super::value::Type::Object(name)) => name.strip_prefix("typing."),
        _ => None,
    };
    if let Some(name) = typing {
        if name != "Literal" {
            for arg in &mut args {
                if matches!(arg, Value::None) {
                    *arg = Value::Type(super::value::Type::NoneType);
                }
            }
        }
        match name {
            "Optional" => args.push(Value::Type(super::value::Type::NoneType)),
            "Union" => {
                let mut unique: Vec<Value> = Vec::new();
                for arg in args {
                    let members = match &arg {
                        Value::Object(o) => match &**o {
                            Obj::Alias(a) if matches!(a.typing, Some("Union" | "Optional")) => a.args.clone(),
                            _ => vec![arg.clone()],
                        },
                        _ => vec![arg.clone()],
                    };
                    for m in members {
                        if !unique.iter().any(|u| u.equals(&m)) {
                            unique.push(m);
                        }
                    }
                }
                if unique.len() == 1 {
                    return unique.pop().expect("one");
                }
                args = unique;
            }
            _ => {}
        }
    }
    Value::Object(Rc::new(Obj::Alias(Alias { origin, args, typing })))
}

/// Whether `v` can be a member of `X | Y`: a class, a type, None, or an alias.
pub fn union_member(v: &Value) -> bool {
    match v {
        Value::Type(_) | Value::Class(_) | Value::None => true,
        Value::Object(o) => matches!(&**o, Obj::Alias(_)),
        _ => false,
    }
}

/// `a | b` of types: `types.UnionType`, its members flattened and each once (None as
/// `NoneType`), as CPython makes it.
pub fn union(a: Value, b: Value) -> Value {
    // (With one of typing's aliases, typing's `Union`: `Callable[[str], Any] | None`.)
    let typing = |v: &Value| matches!(v, Value::Object(o) if matches!(&**o, Obj::Alias(x) if x.typing.is_some_and(|t| t != "|")));
    if typing(&a) || typing(&b) {
        return alias(Value::Type(super::value::Type::Object(&"typing.Union")), Value::tuple(vec![a, b]));
    }
    let mut members: Vec<Value> = Vec::new();
    for v in [a, b] {
        let parts = match &v {
            Value::Object(o) => match &**o {
                Obj::Alias(u) if u.typing == Some("|") => u.args.clone(),
                _ => vec![v.clone()],
            },
            Value::None => vec![Value::Type(super::value::Type::NoneType)],
            _ => vec![v.clone()],
        };
        for p in parts {
            if !members.iter().any(|m| m.equals(&p)) {
                members.push(p);
            }
        }
    }
    if members.len() == 1 {
        return members.pop().expect("one");
    }
    let origin = Value::Type(super::value::Type::Object(&"types.UnionType"));
    Value::Object(Rc::new(Obj::Alias(Alias { origin, args: members, typing: Some("|") })))
}

/// A type as typing prints it among an alias's arguments: `int`, `__main__.Point`,
/// `list[int]`, `[int, str]` (a `Callable`'s parameters), `...`.
fn type_repr(v: &Value, typing: bool) -> String {
    match v {
        Value::None => "None".into(),
        Value::Type(super::value::Type::NoneType) => "NoneType".into(),
        Value::Type(super::value::Type::Object(name)) if name.starts_with("typing.") => name.to_string(),
        Value::Type(_) | Value::Class(_) => {
            let text = v.repr();
            match text.strip_prefix("<class '").and_then(|t| t.strip_suffix("'>")) {
                Some(name) => name.strip_prefix("builtins.").unwrap_or(name).to_owned(),
                None => text,
            }
        }
        Value::List(items) => {
            let items: Vec<String> = items.borrow().iter().map(|i| type_repr(i, typing)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) if matches!(&**o, Obj::Ellipsis) => "...".into(),
        // asyncio's classes made in Rust, in the modules CPython's live in.
        Value::Asyncio(f) => match f.name() {
            name @ ("Future" | "Task") => format!("_asyncio.{name}"),
            name @ ("Lock" | "Event" | "Semaphore" | "BoundedSemaphore" | "Condition") => {
                format!("asyncio.locks.{name}")
            }
            name => format!("asyncio.{name}"),
        },
        Value::Str(s) if typing => format!("ForwardRef({})", Value::Str(s.clone()).repr()),
        Value::Function(f) => f.code.name.to_string(),
        other => other.repr(),
    }
}

impl Alias {
    /// As CPython prints it: `list[int]`, `typing.Optional[str]`, `__main__.Stack[int]`.
    pub fn repr(&self) -> String {
        let literal = self.typing == Some("Literal");
        let args: Vec<String> =
            self.args.iter().map(|a| if literal { a.repr() } else { type_repr(a, self.typing.is_some()) }).collect();
        let none = |v: &Value| matches!(v, Value::Type(super::value::Type::NoneType));
        let listed = if args.is_empty() { "()".to_owned() } else { args.join(", ") };
        match self.typing {
            Some("|") => {
                let members: Vec<String> =
                    self.args.iter().map(|a| if none(a) { "None".to_owned() } else { type_repr(a, false) }).collect();
                members.join(" | ")
            }
            Some("Optional" | "Union") if self.args.len() == 2 && self.args.iter().any(none) => {
                let i = usize::from(none(&self.args[0]));
                format!("typing.Optional[{}]", args[i])
            }
            Some("Optional") => format!("typing.Union[{listed}]"),
            Some(name) => format!("typing.{name}[{listed}]"),
            None => format!("{}[{listed}]", type_repr(&self.origin, false)),
        }
    }

    /// Its `__origin__`: the class it subscripts (typing's `List` stands for `list`).
    pub fn origin_class(&self) -> Value {
        use super::value::Type;
        let Some(name) = self.typing else { return self.origin.clone() };
        match name {
            "List" => Value::Type(Type::List),
            "Dict" => Value::Type(Type::Dict),
            "Set" => Value::Type(Type::Set),
            "Tuple" => Value::Type(Type::Tuple),
            "FrozenSet" => Value::Type(Type::FrozenSet),
            "Type" => Value::Type(Type::Type),
            "Optional" => Value::Type(Type::Object(&"typing.Union")),
            _ => self.origin.clone(),
        }
    }
}

thread_local! {
    static ELLIPSIS: Rc<Obj> = Rc::new(Obj::Ellipsis);
}

/// `...`: one object, as CPython's is.
pub fn ellipsis() -> Value {
    Value::Object(ELLIPSIS.with(Rc::clone))
}

/// A callback as CPython's loop names it in a report or a future's repr
/// (`format_helpers._format_callback_source`): `cb(1, 'a') at main.py:9`, the arguments
/// a `functools.partial` gives it first; only a function says where it is defined.
fn callback_source(callback: &Value, args: &[Value]) -> String {
    let listed = |args: &[Value], kwargs: &[(Str, Value)]| {
        let mut shown: Vec<String> = args.iter().map(|a| short_repr(a, 6)).collect();
        shown.extend(kwargs.iter().map(|(k, v)| format!("{k}={}", short_repr(v, 6))));
        format!("({})", shown.join(", "))
    };
    let mut call = listed(args, &[]);
    let mut function = callback;
    while let Value::Object(o) = function {
        let Obj::Partial(f, args, kwargs) = &**o else { break };
        call = listed(args, kwargs) + &call;
        function = f;
    }
    match function {
        Value::Function(f) => format!("{}{call} at main.py:{}", f.code.qualname, f.code.first_line),
        Value::BoundMethod(m) => match &m.function {
            Value::Function(f) => format!("{}{call}", f.code.qualname),
            other => format!("{}{call}", other.repr()),
        },
        // (Built-in functions by their `__qualname__`.)
        Value::Builtin(b) => format!("{}{call}", b.name()),
        Value::Asyncio(f) => format!("{}{call}", f.name()),
        // A method of asyncio's objects: `Future.set_result`.
        Value::Bound(b) => format!("{}.{}{call}", b.0.type_name(), b.1),
        other => format!("{}{call}", other.repr()),
    }
}

/// `reprlib.repr(value)`, as asyncio shows a callback's arguments: long texts, numbers
/// and objects cut in the middle with `...`, containers to their first few items.
fn short_repr(value: &Value, level: usize) -> String {
    let cut = |text: String, max: usize| -> String {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() <= max {
            return text;
        }
        let i = (max - 3) / 2;
        let j = max - 3 - i;
        let head: String = chars[..i].iter().collect();
        let tail: String = chars[chars.len() - j..].iter().collect();
        format!("{head}...{tail}")
    };
    let items = |open: &str, close: &str, values: &[Value], max: usize| -> String {
        if level == 0 {
            return format!("{open}...{close}");
        }
        let mut parts: Vec<String> = values.iter().take(max).map(|v| short_repr(v, level - 1)).collect();
        if values.len() > max {
            parts.push("...".to_owned());
        }
        let comma = if open == "(" && values.len() == 1 { "," } else { "" };
        format!("{open}{}{comma}{close}", parts.join(", "))
    };
    match value {
        Value::Str(text) => {
            let head: String = text.chars().take(30).collect();
            cut(Value::str(&head).repr(), 30)
        }
        Value::Int(_) | Value::Bool(_) | Value::None => cut(value.repr(), 40),
        Value::List(list) => items("[", "]", &list.borrow(), 6),
        Value::Tuple(tuple) => items("(", ")", tuple, 6),
        other => cut(other.repr(), 30),
    }
}

/// `asyncio.timeout(delay)`: `timeouts.Timeout`.
pub struct TimeoutState {
    when: Option<f64>,
    state: TimeoutStage,
    handler: Option<Handler>,
    task: Option<crate::runtime::TaskId>,
    /// The task's cancellation requests when the block was entered.
    cancelling: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TimeoutStage {
    Created,
    Entered,
    Expiring,
    Expired,
    Exited,
}

#[derive(Clone, Copy)]
enum Handler {
    Soon(crate::runtime::CallbackId),
    Timer(TimerId),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl Obj {
    /// A dict view's items now: keys, values or `(key, value)` pairs.
    pub fn view_items(&self) -> Option<Vec<Value>> {
        let Obj::DictView(kind, d) = self else { return None };
        let d = d.borrow();
        Some(match kind {
            ViewKind::Keys => d.keys(),
            ViewKind::Values => d.iter().map(|(_, v)| v.clone()).collect(),
            ViewKind::Items => d.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
        })
    }
}

pub struct HandleState {
    timer: Option<TimerId>,
    when: Option<f64>,
    /// The callback and its arguments as CPython shows them: `cb('a') at main.py:4`.
    source: String,
    cancelled: Rc<Cell<bool>>,
}

#[derive(Default)]
pub struct EventState {
    value: bool,
    waiters: VecDeque<Rc<PyFuture>>,
}

#[derive(Default)]
pub struct LockState {
    locked: bool,
    waiters: VecDeque<Rc<PyFuture>>,
}

pub struct SemaphoreState {
    value: i64,
    /// `BoundedSemaphore`'s bound.
    bound: Option<i64>,
    waiters: VecDeque<Rc<PyFuture>>,
}

impl Obj {
    /// Its repr, as CPython writes it for what it stands for.
    pub fn write_repr(&self, out: &mut String, identity: usize) {
        use std::fmt::Write;
        let _ = match self {
            Obj::Partial(f, args, kwargs) => {
                let mut parts = vec![f.repr()];
                parts.extend(args.iter().map(Value::repr));
                parts.extend(kwargs.iter().map(|(k, v)| format!("{k}={}", v.repr())));
                write!(out, "functools.partial({})", parts.join(", "))
            }
            Obj::CacheInfo([hits, misses, maxsize, currsize]) => {
                let maxsize = if *maxsize < 0 { "None".to_owned() } else { maxsize.to_string() };
                write!(out, "CacheInfo(hits={hits}, misses={misses}, maxsize={maxsize}, currsize={currsize})")
            }
            Obj::Cached(_) => write!(out, "<functools._lru_cache_wrapper object at 0x{identity:x}>"),
            Obj::Property { .. } => write!(out, "<property object at 0x{identity:x}>"),
            Obj::StaticMethod(f) => write!(out, "<staticmethod({})>", f.repr()),
            Obj::ClassMethod(f) => write!(out, "<classmethod({})>", f.repr()),
            Obj::Super(class, this) => write!(out, "<super: <class '{}'>, <{} object>>", class.name, this.type_name()),
            Obj::CmpToKey(..) => write!(out, "<functools.KeyWrapper object at 0x{identity:x}>"),
            Obj::CacheMaker(..) | Obj::Wraps(_) => write!(out, "<function decorator at 0x{identity:x}>"),
            Obj::Random(_) => write!(out, "<random.Random object at 0x{identity:x}>"),
            Obj::Traceback(..) => write!(out, "<traceback object at 0x{identity:x}>"),
            Obj::Bare => write!(out, "<object object at 0x{identity:x}>"),
            Obj::Ellipsis => write!(out, "Ellipsis"),
            Obj::Alias(a) => write!(out, "{}", a.repr()),
            Obj::Stream(false) => write!(out, "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>"),
            Obj::Stream(true) => write!(out, "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"),
            Obj::Loop(state) => {
                let flag = |f: &Cell<bool>| if f.get() { "True" } else { "False" };
                let (running, closed, debug) = (flag(&state.running), flag(&state.closed), flag(&state.debug));
                write!(out, "<_UnixSelectorEventLoop running={running} closed={closed} debug={debug}>")
            }
            Obj::TaskGroup(group) => {
                // As TaskGroup.__repr__ writes it.
                let mut out_text = String::from("<TaskGroup");
                if let Some(group) = &*group.borrow() {
                    let (tasks, errors, aborting) = group.state();
                    if tasks > 0 {
                        out_text.push_str(&format!(" tasks={tasks}"));
                    }
                    if errors > 0 {
                        out_text.push_str(&format!(" errors={errors}"));
                    }
                    out_text.push_str(if aborting { " cancelling" } else { " entered" });
                }
                out_text.push('>');
                out.push_str(&out_text);
                Ok(())
            }
            Obj::Timeout(t) => {
                // As timeouts.Timeout writes it: its state, and its deadline while active.
                let t = t.borrow();
                let state = match t.state {
                    TimeoutStage::Created => "created",
                    TimeoutStage::Entered => "active",
                    TimeoutStage::Expiring => "expiring",
                    TimeoutStage::Expired => "expired",
                    TimeoutStage::Exited => "finished",
                };
                let when = match (t.state, t.when) {
                    (TimeoutStage::Entered, Some(w)) => {
                        format!(" when={}", Value::Float((w * 1000.0).round() / 1000.0).repr())
                    }
                    (TimeoutStage::Entered, None) => " when=None".to_owned(),
                    _ => String::new(),
                };
                write!(out, "<Timeout [{state}]{when}>")
            }
            Obj::DictView(..) => {
                let items = Value::list(self.view_items().expect("a view"));
                write!(out, "{}({})", self.type_name(), items.repr())
            }
            Obj::TimerHandle(h) => {
                let kind = if h.when.is_some() { "TimerHandle" } else { "Handle" };
                let when = h.when.map(|w| format!(" when={}", Value::Float(w).repr())).unwrap_or_default();
                if h.cancelled.get() {
                    write!(out, "<{kind} cancelled{when}>")
                } else {
                    write!(out, "<{kind}{when} {}>", h.source)
                }
            }
            Obj::Event(_) | Obj::Lock(_) | Obj::Semaphore(_) | Obj::Condition(..) => {
                // As asyncio.locks writes them: the state, and the waiters if any.
                let (mut extra, waiters) = match self {
                    Obj::Event(e) => {
                        let e = e.borrow();
                        ((if e.value { "set" } else { "unset" }).to_owned(), e.waiters.len())
                    }
                    Obj::Lock(l) => {
                        let l = l.borrow();
                        ((if l.locked { "locked" } else { "unlocked" }).to_owned(), l.waiters.len())
                    }
                    Obj::Semaphore(s) => {
                        let s = s.borrow();
                        let locked = s.value == 0 || s.waiters.iter().any(|w| !w.cancelled());
                        let state = if locked { "locked".to_owned() } else { format!("unlocked, value:{}", s.value) };
                        (state, s.waiters.len())
                    }
                    Obj::Condition(lock, waiters) => {
                        let locked = matches!(&**lock, Obj::Lock(l) if l.borrow().locked);
                        ((if locked { "locked" } else { "unlocked" }).to_owned(), waiters.borrow().len())
                    }
                    _ => unreachable!("matched above"),
                };
                if waiters > 0 {
                    extra += &format!(", waiters:{waiters}");
                }
                write!(out, "<asyncio.locks.{} object at 0x{identity:x} [{extra}]>", self.type_name())
            }
            other => write!(out, "<asyncio.locks.{} object at 0x{identity:x}>", other.type_name()),
        };
    }

    pub fn type_name(&self) -> &'static &'static str {
        match self {
            Obj::Loop(_) => &"_UnixSelectorEventLoop",
            Obj::Random(_) => &"Random",
            Obj::Property { .. } => &"property",
            Obj::StaticMethod(_) => &"staticmethod",
            Obj::ClassMethod(_) => &"classmethod",
            Obj::Super(..) => &"super",
            Obj::Partial(..) => &"partial",
            Obj::Cached(_) => &"_lru_cache_wrapper",
            Obj::CacheMaker(..) | Obj::Wraps(_) => &"function",
            Obj::CmpToKey(..) => &"functools.KeyWrapper",
            Obj::CacheInfo(_) => &"CacheInfo",
            Obj::Stream(_) => &"TextIOWrapper",
            Obj::Suppress(_) => &"suppress",
            Obj::NullContext(_) => &"nullcontext",
            Obj::Traceback(..) => &"traceback",
            Obj::Bare => &"object",
            Obj::Ellipsis => &"ellipsis",
            Obj::Weak(_) => &"weakref",
            Obj::Alias(a) if a.typing == Some("|") => &"UnionType",
            Obj::Alias(a) if a.typing.is_some() => &"_GenericAlias",
            Obj::Alias(_) => &"GenericAlias",
            Obj::DictView(ViewKind::Keys, _) => &"dict_keys",
            Obj::DictView(ViewKind::Values, _) => &"dict_values",
            Obj::DictView(ViewKind::Items, _) => &"dict_items",
            Obj::TimerHandle(h) if h.when.is_none() => &"Handle",
            Obj::TimerHandle(_) => &"TimerHandle",
            Obj::Event(_) => &"Event",
            Obj::Lock(_) => &"Lock",
            Obj::Semaphore(s) if s.borrow().bound.is_some() => &"BoundedSemaphore",
            Obj::Semaphore(_) => &"Semaphore",
            Obj::TaskGroup(_) => &"TaskGroup",
            Obj::Timeout(_) => &"Timeout",
            Obj::Condition(..) => &"Condition",
        }
    }

    fn methods(&self) -> &'static [&'static str] {
        match self {
            Obj::Loop(_) => &[
                "time",
                "create_future",
                "call_soon",
                "call_soon_threadsafe",
                "call_later",
                "call_at",
                "create_task",
                "run_until_complete",
                "close",
                "is_running",
                "run_forever",
                "stop",
                "is_closed",
                "set_exception_handler",
                "get_exception_handler",
                "default_exception_handler",
                "call_exception_handler",
                "set_debug",
                "get_debug",
                "set_task_factory",
                "get_task_factory",
                "run_in_executor",
                "shutdown_asyncgens",
                "shutdown_default_executor",
                "create_connection",
                "create_server",
                "create_unix_connection",
                "create_unix_server",
                "create_datagram_endpoint",
                "getaddrinfo",
                "getnameinfo",
                "sock_connect",
                "sock_accept",
                "sock_recv",
                "sock_sendall",
                "add_reader",
                "add_writer",
                "subprocess_exec",
                "subprocess_shell",
                "connect_read_pipe",
                "connect_write_pipe",
                "add_signal_handler",
                "remove_signal_handler",
                "set_default_executor",
            ],
            Obj::DictView(..) => &[],
            Obj::TimerHandle(h) if h.when.is_some() => &["cancel", "cancelled", "when"],
            Obj::TimerHandle(_) => &["cancel", "cancelled"],
            Obj::Random(_) => super::random::METHODS,
            Obj::Property { .. } => &["getter", "setter", "deleter"],
            Obj::Cached(_) => &["cache_info", "cache_clear", "cache_parameters"],
            Obj::Stream(_) => &["write", "flush", "writelines", "isatty", "fileno", "writable", "readable", "seekable"],
            Obj::Suppress(_)
            | Obj::NullContext(_)
            | Obj::Traceback(..)
            | Obj::Bare
            | Obj::Ellipsis
            | Obj::Weak(_)
            | Obj::Alias(_) => &[],
            Obj::StaticMethod(_)
            | Obj::ClassMethod(_)
            | Obj::Super(..)
            | Obj::Partial(..)
            | Obj::CacheMaker(..)
            | Obj::Wraps(_)
            | Obj::CmpToKey(..)
            | Obj::CacheInfo(_) => &[],
            Obj::Event(_) => &["set", "clear", "is_set", "wait"],
            Obj::Lock(_) => &["acquire", "release", "locked"],
            Obj::Semaphore(_) => &["acquire", "release", "locked"],
            Obj::TaskGroup(_) => &["create_task"],
            Obj::Timeout(_) => &["when", "reschedule", "expired"],
            Obj::Condition(..) => &["acquire", "release", "locked", "wait", "wait_for", "notify", "notify_all"],
        }
    }
}

fn future_methods() -> &'static [&'static str] {
    &[
        "result",
        "exception",
        "set_result",
        "set_exception",
        "done",
        "cancelled",
        "cancel",
        "add_done_callback",
        "remove_done_callback",
        "get_loop",
    ]
}

/// What `__exit__` and `__aexit__` are called with: the exception's type, the
/// exception and its traceback.
pub fn exit_args(exc: Option<Rc<Exception>>) -> Vec<Value> {
    match exc {
        None => vec![Value::None, Value::None, Value::None],
        Some(e) => {
            let tb = traceback_of(&e);
            vec![e.type_value(), Value::Exception(e), tb]
        }
    }
}

/// The qualified name of a lock's or semaphore's `acquire`, as CPython's warnings give it.
fn acquire_name(obj: &Obj) -> &'static str {
    match obj {
        Obj::Semaphore(_) => "Semaphore.acquire",
        _ => "Lock.acquire",
    }
}

/// `e.__traceback__`: `None` before it is raised.
pub fn traceback_of(e: &Exception) -> Value {
    let lines = e.traceback.borrow();
    if lines.is_empty() {
        return Value::None;
    }
    Value::Object(Rc::new(Obj::Traceback(lines.clone(), e.last_frame.get())))
}

/// `obj.name`: a bound method, or an attribute.
pub fn getattr(object: &Value, name: &str) -> Option<Res<Value>> {
    let method = |names: &[&'static str]| {
        names.iter().find(|m| **m == name).map(|m| Ok(Value::Bound(Rc::new((object.clone(), m)))))
    };
    match object {
        Value::Instance(i) => super::classes::instance_attribute(i, name).map(Ok),
        Value::Class(c) => super::classes::class_attribute(c, name).map(Ok),
        Value::BoundMethod(m) => match name {
            "__self__" => Some(Ok(m.this.clone())),
            "__func__" => Some(Ok(m.function.clone())),
            // The function's own (`__doc__`, `__name__`, attributes set on it).
            _ => super::builtins::getattr(&m.function, name).ok().map(Ok),
        },
        Value::Future(_) => method(future_methods()),
        Value::Task(_) => match super::asyncio::Fn::of_task(name) {
            Some(f) => Some(Ok(Value::Bound(Rc::new((object.clone(), f.name()))))),
            None => method(&[
                "add_done_callback",
                "remove_done_callback",
                "set_name",
                "get_loop",
                "get_coro",
                "get_stack",
                "print_stack",
                "set_result",
                "set_exception",
            ]),
        },
        Value::Native(native) if native.gathered.is_some() => method(future_methods()),
        Value::Exception(e) if e.kind.is_group() => {
            method(&["split", "subgroup", "derive", "add_note", "with_traceback"])
        }
        Value::Exception(_) => method(&["add_note", "with_traceback"]),
        Value::Object(obj) => {
            // (A semaphore's count, which programs print to show it.)
            if let (Obj::Semaphore(s), "_value") = (&**obj, name) {
                return Some(Ok(Value::Int(s.borrow().value)));
            }
            if let (Obj::Loop(state), "slow_callback_duration") = (&**obj, name) {
                return Some(Ok(Value::Float(state.slow_callback_duration.get())));
            }
            match (&**obj, name) {
                (Obj::Partial(f, _, _), "func") => return Some(Ok(f.clone())),
                (Obj::Property { fget, .. }, "fget") => return Some(Ok(fget.clone())),
                (Obj::Property { doc, .. }, "__doc__") if !matches!(doc, Value::None) => return Some(Ok(doc.clone())),
                (Obj::Property { fget, .. }, "__doc__") => {
                    return Some(Ok(super::builtins::getattr(fget, "__doc__").unwrap_or(Value::None)))
                }
                (Obj::Property { fset, .. }, "fset") => return Some(Ok(fset.clone())),
                (Obj::Property { fdel, .. }, "fdel") => return Some(Ok(fdel.clone())),
                (Obj::StaticMethod(f) | Obj::ClassMethod(f), "__func__") => return Some(Ok(f.clone())),
                // Abstract if what it wraps is (`@property` over `@abstractmethod`).
                (
                    Obj::Property { fget: f, .. } | Obj::StaticMethod(f) | Obj::ClassMethod(f),
                    "__isabstractmethod__",
                ) => {
                    let is_abstract = super::builtins::getattr(f, "__isabstractmethod__").is_ok_and(|v| v.truthy());
                    return Some(Ok(Value::Bool(is_abstract)));
                }
                (Obj::Partial(_, a, _), "args") => return Some(Ok(Value::tuple(a.clone()))),
                (Obj::Partial(_, _, kw), "keywords") => {
                    let mut d = super::value::Dict::default();
                    for (k, v) in kw {
                        d.insert(Key::Str(k.clone()), Value::Str(k.clone()), v.clone());
                    }
                    return Some(Ok(Value::Dict(Rc::new(RefCell::new(d)))));
                }
                (Obj::Alias(a), "__origin__") => return Some(Ok(a.origin_class())),
                (Obj::Alias(a), "__args__") => return Some(Ok(Value::tuple(a.args.clone()))),
                (Obj::Alias(_), "__parameters__") => return Some(Ok(Value::tuple(Vec::new()))),
                // (Other attributes are its origin's, as CPython's aliases give them.)
                (Obj::Alias(a), _) if a.typing.is_none() => {
                    return super::builtins::getattr(&a.origin, name).ok().map(Ok)
                }
                (Obj::Cached(c), "__wrapped__") => return Some(Ok(c.function.clone())),
                (Obj::Cached(c), "__name__" | "__qualname__" | "__doc__" | "__module__") => {
                    return Some(super::builtins::getattr(&c.function, name))
                }
                (Obj::Stream(to_stderr), "name") => {
                    return Some(Ok(Value::str(if *to_stderr { "<stderr>" } else { "<stdout>" })))
                }
                // (A page's streams: text in UTF-8, written to the log, no terminal.)
                (Obj::Stream(to_stderr), "encoding" | "errors" | "mode" | "closed" | "line_buffering" | "newlines") => {
                    return Some(Ok(match name {
                        "encoding" => Value::str("utf-8"),
                        "errors" => Value::str(if *to_stderr { "backslashreplace" } else { "strict" }),
                        "mode" => Value::str("w"),
                        "newlines" => Value::None,
                        _ => Value::Bool(false),
                    }));
                }
                (Obj::CacheInfo(info), _) => {
                    let i = ["hits", "misses", "maxsize", "currsize"].iter().position(|n| *n == name)?;
                    return Some(Ok(if i == 2 && info[2] < 0 { Value::None } else { Value::Int(info[i]) }));
                }
                _ => {}
            }
            method(obj.methods())
        }
        _ => None,
    }
}

/// `asyncio.Lock()`, `asyncio.Queue(maxsize)`...
pub fn construct(interp: &Rc<Interp>, name: &str, args: &[Value], kwargs: &[(Str, Value)]) -> Res<Value> {
    let int_arg = |key: &str, default: i64| -> Res<i64> {
        let v = args.first().or_else(|| kwargs.iter().find(|(k, _)| &**k == key).map(|(_, v)| v));
        match v {
            None => Ok(default),
            Some(v) => v.as_int().map_or_else(
                || raise(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", v.type_name())),
                Ok,
            ),
        }
    };
    let obj = match name {
        "Event" => Obj::Event(RefCell::default()),
        "Lock" => Obj::Lock(RefCell::default()),
        "Semaphore" | "BoundedSemaphore" => {
            let value = int_arg("value", 1)?;
            if value < 0 {
                return raise(ExcType::ValueError, "Semaphore initial value must be >= 0");
            }
            let bound = (name == "BoundedSemaphore").then_some(value);
            Obj::Semaphore(RefCell::new(SemaphoreState { value, bound, waiters: VecDeque::new() }))
        }
        "TaskGroup" => Obj::TaskGroup(RefCell::new(None)),
        "Condition" => {
            let lock = match args.first().or_else(|| kwargs.iter().find(|(k, _)| &**k == "lock").map(|(_, v)| v)) {
                None | Some(Value::None) => Rc::new(Obj::Lock(RefCell::default())),
                Some(Value::Object(lock)) if matches!(**lock, Obj::Lock(_)) => lock.clone(),
                Some(other) => {
                    return raise(ExcType::TypeError, format!("a Lock was expected, not {}", other.type_name()))
                }
            };
            Obj::Condition(lock, RefCell::default())
        }
        "timeout" => {
            let rt = interp.running()?;
            let when = args.first().and_then(Value::as_float).map(|delay| rt.time() + delay);
            Obj::Timeout(RefCell::new(TimeoutState {
                when,
                state: TimeoutStage::Created,
                handler: None,
                task: None,
                cancelling: 0,
            }))
        }
        "Future" => {
            let rt = interp.running()?;
            let future = PyFuture::new(&rt);
            *future.home.borrow_mut() = Some(interp.loop_object());
            return Ok(Value::Future(future));
        }
        _ => unreachable!("asyncio's classes are these"),
    };
    Ok(Value::Object(Rc::new(obj)))
}

fn wake_first(waiters: &VecDeque<Rc<PyFuture>>) {
    if let Some(first) = waiters.front() {
        if !first.done() {
            first.set_result(Value::Bool(true));
        }
    }
}

fn remove(waiters: &mut VecDeque<Rc<PyFuture>>, fut: &Rc<PyFuture>) -> bool {
    match waiters.iter().position(|w| Rc::ptr_eq(w, fut)) {
        Some(i) => {
            waiters.remove(i);
            true
        }
        None => false,
    }
}

fn is_cancelled(r: &Res<Value>) -> bool {
    matches!(r, Err(Unwind::Raise(e)) if e.kind == ExcType::CancelledError)
}

impl Interp {
    /// The loop, from inside a task or callback.
    pub fn running(&self) -> Res<Runtime> {
        match self.rt() {
            Some(rt) if self.loop_used.get() && !rt.is_closed() => Ok(rt),
            _ => raise(ExcType::RuntimeError, "no running event loop"),
        }
    }

    /// `object`'s own special methods for `this` (through `super()`, or of an object
    /// whose class defines none): identity for equality and the hash, the default repr.
    fn object_dunder(self: &Rc<Self>, this: &Value, name: &str, args: Vec<Value>) -> Res<Value> {
        let other = args.first().cloned().unwrap_or(Value::None);
        Ok(match name {
            "__repr__" => match this {
                Value::Instance(i) => Value::str(&format!(
                    "<{}.{} object at 0x{:x}>",
                    i.class.module_text(),
                    i.class.qualname,
                    this.identity()
                )),
                other => Value::str(&other.repr()),
            },
            "__str__" => Value::str(&this.repr()),
            "__eq__" if this.is(&other) => Value::Bool(true),
            "__ne__" => {
                let eq = match this {
                    Value::Instance(i) if i.class.lookup("__eq__").is_some() => {
                        i.special("__eq__", vec![other]).expect("looked up")?
                    }
                    _ if this.is(&other) => Value::Bool(true),
                    _ => Value::Builtin(super::builtins::Builtin::NotImplemented),
                };
                match eq {
                    v @ Value::Builtin(super::builtins::Builtin::NotImplemented) => v,
                    v => Value::Bool(!v.truthy()),
                }
            }
            "__hash__" => Value::Int((this.identity() >> 4) as i64),
            "__format__" => match &other {
                Value::Str(spec) if spec.is_empty() => Value::str(&this.to_str()),
                _ => {
                    let message = format!("unsupported format string passed to {}.__format__", this.type_name());
                    return raise(ExcType::TypeError, message);
                }
            },
            _ => Value::Builtin(super::builtins::Builtin::NotImplemented),
        })
    }

    /// A special method of a value of a built-in type, called by its name
    /// (`(3).__add__(4)`, `"ab".__len__()`): the operation it stands for, or
    /// `NotImplemented` where the operation does not take the other operand.
    fn value_dunder(self: &Rc<Self>, this: &Value, name: &str, args: Vec<Value>) -> Res<Value> {
        use super::ast::{BinOp, CmpOp};
        use super::builtins::Builtin;
        let other = args.first().cloned();
        let not_implemented = || Value::Builtin(Builtin::NotImplemented);
        let type_error = |r: Res<Value>| match r {
            Err(Unwind::Raise(e)) if e.kind == ExcType::TypeError => Ok(not_implemented()),
            other => other,
        };
        let call = |f: Builtin, args: Vec<Value>| self.call_value(Value::Builtin(f), args, Vec::new());
        let binary = |op: BinOp| -> Res<Value> {
            let other = other.clone().unwrap_or(Value::None);
            type_error(super::builtins::binop(op, this.clone(), other))
        };
        let compare = |op: CmpOp| -> Res<Value> {
            let other = other.clone().unwrap_or(Value::None);
            type_error(super::builtins::compare(self, op, this, &other).map(Value::Bool))
        };
        match name {
            "__repr__" => call(Builtin::Repr, vec![this.clone()]),
            "__str__" => Ok(Value::str(&this.to_str())),
            "__hash__" => call(Builtin::Hash, vec![this.clone()]),
            "__format__" => call(Builtin::Format, vec![this.clone(), other.unwrap_or_else(|| Value::str(""))]),
            "__len__" => call(Builtin::Len, vec![this.clone()]),
            "__iter__" => call(Builtin::Iter, vec![this.clone()]),
            "__next__" => call(Builtin::Next, vec![this.clone()]),
            "__abs__" => call(Builtin::Abs, vec![this.clone()]),
            "__bool__" => Ok(Value::Bool(this.truthy())),
            "__index__" | "__int__" => {
                self.call_value(Value::Type(super::value::Type::Int), vec![this.clone()], Vec::new())
            }
            "__float__" => self.call_value(Value::Type(super::value::Type::Float), vec![this.clone()], Vec::new()),
            "__neg__" => super::builtins::binop(BinOp::Sub, Value::Int(0), this.clone()),
            "__getitem__" => self.subscript(this.clone(), other.unwrap_or(Value::None)),
            "__contains__" => {
                let item = other.unwrap_or(Value::None);
                super::builtins::compare(self, CmpOp::In, &item, this).map(Value::Bool)
            }
            "__eq__" => compare(CmpOp::Eq),
            "__ne__" => compare(CmpOp::NotEq),
            "__lt__" => compare(CmpOp::Lt),
            "__le__" => compare(CmpOp::LtE),
            "__gt__" => compare(CmpOp::Gt),
            "__ge__" => compare(CmpOp::GtE),
            "__add__" => binary(BinOp::Add),
            "__sub__" => binary(BinOp::Sub),
            "__mul__" => binary(BinOp::Mult),
            "__truediv__" => binary(BinOp::Div),
            "__floordiv__" => binary(BinOp::FloorDiv),
            "__mod__" => binary(BinOp::Mod),
            "__pow__" => binary(BinOp::Pow),
            _ => Ok(not_implemented()),
        }
    }

    /// Calls `object.name(...)` for asyncio's objects, and the methods of async
    /// generators and of awaitables (`__await__`).
    pub fn call_bound(
        self: &Rc<Self>,
        object: Value,
        name: &'static str,
        mut args: Vec<Value>,
        mut kwargs: Vec<(Str, Value)>,
    ) -> Res<Called> {
        if let Value::Object(obj) = &object {
            // Parameters that may be given by keyword (`cond.notify(n=2)`).
            let params: &[&str] = match (&**obj, name) {
                (Obj::Condition(..), "notify") => &["n"],
                (Obj::Condition(..), "wait_for") => &["predicate"],
                (Obj::Loop(_), "call_soon" | "call_soon_threadsafe") => &["callback"],
                (Obj::Loop(_), "call_later") => &["delay", "callback"],
                (Obj::Loop(_), "call_at") => &["when", "callback"],
                (Obj::Loop(_), "create_task") => &["coro"],
                (Obj::Loop(_), "run_until_complete") => &["future"],
                _ => &[],
            };
            super::asyncio::fold_keywords(name, params, &mut args, &mut kwargs)?;
        }
        if let Value::Object(o) = &object {
            if let Obj::Super(_, this) = &**o {
                if super::builtins::OBJECT_DUNDERS.contains(&name) && !matches!(this, Value::Exception(_)) {
                    return self.object_dunder(this, name, args).map(Called::Value);
                }
            }
        }
        // `object.__repr__(x)`, `object.__eq__(x, y)`: object's own, of the first argument.
        if matches!(&object, Value::Type(super::value::Type::Object(o)) if **o == "object")
            && super::builtins::OBJECT_DUNDERS.contains(&name)
            && !args.is_empty()
        {
            let mut args = args;
            let this = args.remove(0);
            return self.object_dunder(&this, name, args).map(Called::Value);
        }
        if let Value::Instance(_) = &object {
            if super::builtins::OBJECT_DUNDERS.contains(&name) {
                return self.object_dunder(&object, name, args).map(Called::Value);
            }
        }
        let dict_view = matches!(&object, Value::Object(o) if matches!(&**o, Obj::DictView(..)));
        if (dict_view || !matches!(object, Value::Object(_) | Value::Exception(_) | Value::Instance(_)))
            && super::builtins::value_dunder(&object, name).is_some()
        {
            return self.value_dunder(&object, name, args).map(Called::Value);
        }
        if let (Value::Class(c), "__subclasses__") = (&object, name) {
            let children = c.children.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Class).collect();
            return Ok(Called::Value(Value::list(children)));
        }
        if let (Value::Class(_), "mro") = (&object, name) {
            // `cls.mro()`: its `__mro__`, as a list.
            let mro = self.load_attr(&object, "__mro__")?;
            return Ok(Called::Value(Value::list(self.collect(&mro)?)));
        }
        if let (Value::Tuple(t), "indices") = (&object, name) {
            if super::builtins::is_slice_parts(t) {
                let [length] = <[Value; 1]>::try_from(args).map_err(|args| {
                    let message = format!("slice.indices() takes exactly one argument ({} given)", args.len());
                    Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
                })?;
                return super::builtins::slice_indices_value(&object, &length).map(Called::Value);
            }
        }
        if name == "__await__" {
            // What awaiting it by hand goes through: iterating it resumes it.
            return Ok(Called::Value(Value::Iterator(Rc::new(RefCell::new(Iter::Await(object))))));
        }
        if let Value::Generator(g) = &object {
            return self.async_generator_method(g, name, args).map(Called::Value);
        }
        if let ("__new__", Value::Type(super::value::Type::Type)) = (name, &object) {
            // `type.__new__(metaclass, name, bases, namespace)`, from a metaclass.
            return super::classes::type_new(self, args, kwargs).map(Called::Value);
        }
        if let ("__new__", Value::Type(_)) = (name, &object) {
            // `object.__new__(cls)`: an object of the class, not initialized.
            return match args.first() {
                Some(Value::Class(c)) => {
                    let made = Value::Instance(super::classes::Instance::new(c.clone()));
                    // `int.__new__(cls, value)` (or str's) for an enum's members, which
                    // are ints (strs) by their `_value_`.
                    let mixin = match &object {
                        Value::Type(super::value::Type::Int) => Some("_IntMixin"),
                        Value::Type(super::value::Type::Str) => Some("_StrMixin"),
                        _ => None,
                    };
                    if let (Some(mixin), Some(value)) = (mixin, args.get(1)) {
                        if c.stands_on(mixin) {
                            let value = self.call_value(object.clone(), vec![value.clone()], Vec::new())?;
                            self.store_attr(&made, "_value_", value)?;
                        }
                    }
                    Ok(Called::Value(made))
                }
                _ => raise(ExcType::TypeError, "object.__new__(X): X is not a type object"),
            };
        }
        if matches!(name, "__setattr__" | "__delattr__") {
            // `object.__setattr__(this, ...)`, or `super().__setattr__(...)`.
            let mut all = args;
            if let Value::Object(o) = &object {
                if let Obj::Super(_, this) = &**o {
                    all.insert(0, this.clone());
                }
            }
            return self.object_setattr(name, all).map(Called::Value);
        }
        match object {
            Value::Module(super::value::Module::Math) => return self.math_call(name, args, kwargs).map(Called::Value),
            Value::Module(super::value::Module::Functools) => {
                return self.functools_call(name, args, kwargs).map(Called::Value)
            }
            Value::Module(super::value::Module::Heapq | super::value::Module::Bisect) => {
                return self.heapq_call(name, args, kwargs).map(Called::Value)
            }
            Value::Module(super::value::Module::Contextlib) => {
                return match name {
                    "suppress" => {
                        if !kwargs.is_empty() {
                            return raise(ExcType::TypeError, "suppress() takes no keyword arguments");
                        }
                        Ok(Called::Value(Value::Object(Rc::new(Obj::Suppress(args)))))
                    }
                    _ => {
                        let v = args.into_iter().next().or_else(|| kwargs.into_iter().next().map(|(_, v)| v));
                        Ok(Called::Value(Value::Object(Rc::new(Obj::NullContext(v.unwrap_or(Value::None))))))
                    }
                };
            }
            Value::Module(
                m @ (super::value::Module::Typing
                | super::value::Module::Sys
                | super::value::Module::Traceback
                | super::value::Module::Hashlib
                | super::value::Module::Re
                | super::value::Module::Weakref),
            ) => return self.module_function(m, name, args).map(Called::Value),
            _ => {}
        }
        if let Value::Module(super::value::Module::Random) = object {
            if name == "Random" {
                // `Random(x)` seeds as `seed(x)` does; `Random()` from the program's seed.
                let generator = RefCell::new(None);
                self.random_call(Some(&generator), "seed", args, kwargs)?;
                return Ok(Called::Value(Value::Object(Rc::new(Obj::Random(generator)))));
            }
            return self.random_call(None, name, args, kwargs).map(Called::Value);
        }
        let value = match &object {
            Value::Future(_) if !kwargs.is_empty() && !matches!(name, "add_done_callback" | "cancel") => {
                return raise(ExcType::TypeError, format!("Future.{name}() takes no keyword arguments"));
            }
            Value::Future(f) if name == "cancel" => {
                let message = kwargs.into_iter().find(|(k, _)| &**k == "msg").map(|(_, v)| v);
                Value::Bool(f.cancel_with(message.or_else(|| args.into_iter().next())))
            }
            Value::Future(f) => self.future_method(f, name, args)?,
            Value::Task(t) => match (super::asyncio::Fn::of_task(name), name) {
                (Some(f), _) => return self.call_asyncio(f, Some(object.clone()), args, kwargs),
                (None, "set_name") => {
                    let Some(value) = args.into_iter().next() else {
                        return raise(ExcType::TypeError, "Task.set_name() takes exactly one argument (0 given)");
                    };
                    *t.name.borrow_mut() = Str::from(value.to_str());
                    Value::None
                }
                (None, "get_loop") => self.loop_object(),
                (None, "set_result" | "set_exception") => {
                    return raise(ExcType::RuntimeError, format!("Task does not support {name} operation"));
                }
                (None, "get_coro") => t.coroutine().unwrap_or(Value::None),
                // (Written in Python, as CPython's `base_tasks` has them.)
                (None, "get_stack" | "print_stack") => {
                    // (Where its coroutine stands, and that line's text.)
                    let place = match t.stack_place() {
                        Some((file, line, function, library)) => {
                            let text = library.map_or_else(|| self.source_line(line), str::to_owned);
                            let (file, text) = (Value::str(&file), Value::str(&text));
                            Value::tuple(vec![file, Value::Int(i64::from(line)), Value::Str(function), text])
                        }
                        None => Value::None,
                    };
                    let function = self.module_attr(super::value::Module::Asyncio, &format!("_task_{name}"))?;
                    let mut args = args;
                    args.splice(0..0, [object.clone(), place]);
                    return self.call_value(function, args, kwargs).map(Called::Value);
                }
                (None, _) => self.done_callback(object.clone(), Target::Task(t.id()), name, args)?,
            },
            Value::Object(obj) => return self.object_method(obj.clone(), name, args, kwargs),
            Value::Native(native) => {
                let gathered = native.gathered.as_ref().expect("methods are bound to gathers only");
                // (`cancel(msg=...)`.)
                let mut args = args;
                args.extend(kwargs.into_iter().filter(|(k, _)| &**k == "msg").map(|(_, v)| v));
                self.gather_method(&object, gathered, name, args)?
            }
            // `e.add_note(text)`: kept in `__notes__`, which tracebacks print.
            Value::Exception(e) if name == "add_note" => {
                let [note] = <[Value; 1]>::try_from(args).map_err(|args| {
                    let message = format!("add_note() takes exactly one argument ({} given)", args.len());
                    Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
                })?;
                if !matches!(note, Value::Str(_)) {
                    return raise(ExcType::TypeError, format!("note must be a str, not '{}'", note.type_name()));
                }
                let key = Key::Str("__notes__".into());
                let notes = e.attrs.borrow().get(&key).cloned();
                match notes {
                    Some(Value::List(list)) => list.borrow_mut().push(note),
                    Some(_) => return raise(ExcType::TypeError, "Cannot add note: __notes__ is not a list"),
                    None => {
                        e.attrs.borrow_mut().insert(key, Value::str("__notes__"), Value::list(vec![note]));
                    }
                }
                Value::None
            }
            // `e.with_traceback(tb)`: the exception, with that traceback.
            Value::Exception(_) if name == "with_traceback" => {
                let tb = args.into_iter().next().unwrap_or(Value::None);
                self.store_attr(&object, "__traceback__", tb)?;
                object.clone()
            }
            // An exception group's `split(kind)`, `subgroup(kind)` and `derive(excs)`.
            Value::Exception(e) => {
                let [arg] = <[Value; 1]>::try_from(args).map_err(|args| {
                    let message = format!("{name}() takes exactly one argument ({} given)", args.len());
                    Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
                })?;
                let or_none = |e: Option<Rc<Exception>>| e.map_or(Value::None, Value::Exception);
                match name {
                    "derive" => {
                        let members = self.collect(&arg)?;
                        let members = members
                            .into_iter()
                            .map(|m| match m {
                                Value::Exception(m) => Ok(m),
                                other => raise(
                                    ExcType::ValueError,
                                    format!(
                                        "Item 0 of second argument (exceptions) is not an exception: {}",
                                        other.repr()
                                    ),
                                ),
                            })
                            .collect::<Res<Vec<_>>>()?;
                        let message = e.args.borrow().first().map(Value::to_str).unwrap_or_default();
                        Value::Exception(Exception::group(e.kind, &message, members))
                    }
                    _ => {
                        // By a kind (or a tuple of them), or by a predicate.
                        let by_kind = matches!(arg, Value::Type(_) | Value::Class(_) | Value::Tuple(_));
                        // (The group itself is tested once, as CPython tests it.)
                        let mut itself = None;
                        let mut test = |x: &Rc<Exception>| -> Res<bool> {
                            if let (true, Some(known)) = (Rc::ptr_eq(x, e), itself) {
                                return Ok(known);
                            }
                            let yes = if by_kind {
                                super::vm::matches(x, &arg)?
                            } else {
                                self.call_value(arg.clone(), vec![Value::Exception(x.clone())], Vec::new())?.truthy()
                            };
                            if Rc::ptr_eq(x, e) {
                                itself = Some(yes);
                            }
                            Ok(yes)
                        };
                        let (mut matched, rest) = super::vm::split_with(e, &mut test)?;
                        // A group whose every member matches is a new group, unless it
                        // matches itself.
                        if matched.as_ref().is_some_and(|m| Rc::ptr_eq(m, e)) && !test(e)? {
                            let message = e.args.borrow().first().map(Value::to_str).unwrap_or_default();
                            matched = Some(Exception::group(e.kind, &message, e.group.clone()));
                        }
                        if name == "split" {
                            Value::tuple(vec![or_none(matched), or_none(rest)])
                        } else {
                            or_none(matched)
                        }
                    }
                }
            }
            _ => unreachable!("bound methods are made for these"),
        };
        Ok(Called::Value(value))
    }

    /// `agen.asend(v)`, `agen.athrow(e)`, `agen.aclose()`, `agen.__anext__()`,
    /// `agen.__aiter__()`.
    fn async_generator_method(
        self: &Rc<Self>,
        g: &Rc<super::vm::Generator>,
        name: &str,
        args: Vec<Value>,
    ) -> Res<Value> {
        use super::vm::{AsyncStep, Delivery};
        let agen = Value::Generator(g.clone());
        let step = |delivery: Delivery, close: bool| {
            Value::AsyncStep(Rc::new(AsyncStep { agen: g.clone(), delivery: RefCell::new(Some(delivery)), close }))
        };
        if name == "athrow" || name == "aclose" {
            self.first_iter(g);
        }
        Ok(match name {
            "__aiter__" => agen,
            "__anext__" => self.anext(&agen, None)?,
            "asend" => self.anext(&agen, Some(args.into_iter().next().unwrap_or(Value::None)))?,
            "athrow" => {
                let e = match args.into_iter().next() {
                    Some(Value::Exception(e)) => e,
                    Some(Value::Type(super::value::Type::Exception(kind))) => Exception::new(kind, Vec::new()),
                    _ => {
                        return raise(
                            ExcType::TypeError,
                            "exceptions must be classes or instances deriving from BaseException, not type",
                        )
                    }
                };
                step(Delivery::Throw(e), false)
            }
            "aclose" => step(Delivery::Throw(Exception::new(ExcType::GeneratorExit, Vec::new())), true),
            _ => unreachable!("the methods bound to async generators"),
        })
    }

    fn done_callback(self: &Rc<Self>, object: Value, target: Target, name: &str, args: Vec<Value>) -> Res<Value> {
        let rt = self.running()?;
        let Some(callback) = args.into_iter().next() else {
            return raise(ExcType::TypeError, format!("{name}() takes exactly one argument (0 given)"));
        };
        if name == "remove_done_callback" {
            let mut removed = 0;
            let ids: Vec<_> =
                self.callbacks.borrow().iter().filter(|(v, _)| v.is(&callback)).map(|(_, id)| *id).collect();
            for id in ids {
                removed += rt.remove_done_callback(target, id);
            }
            return Ok(Value::Int(removed as i64));
        }
        let interp = self.clone();
        let cb = callback.clone();
        // (In a copy of the context it was added in.)
        let context = self.context_copy();
        let id = rt.add_done_callback(target, move || {
            let outside = interp.context.replace(context);
            interp.run_callback_args(cb, vec![object], None);
            *interp.context.borrow_mut() = outside;
        });
        let named = callback.clone();
        rt.name_callback(id, Rc::new(move || callback_source(&named, &[])));
        self.callbacks.borrow_mut().push((callback, id));
        Ok(Value::None)
    }

    /// The methods of `gather(...)`'s future: a `_GatheringFuture`, whose `cancel`
    /// cancels its children, and which is never itself cancelled (a cancellation sets
    /// its exception to a `CancelledError`).
    fn gather_method(self: &Rc<Self>, object: &Value, g: &Gathered, name: &str, args: Vec<Value>) -> Res<Value> {
        let outcome = || g.outcome(self);
        match name {
            "get_loop" => Ok(self.loop_object()),
            "done" => Ok(Value::Bool(outcome().is_some())),
            "cancelled" => Ok(Value::Bool(false)),
            "cancel" => {
                let message = args.into_iter().next();
                for child in &g.children {
                    if !child.task.done() && message.is_some() {
                        *child.cancel_message.borrow_mut() = message.clone();
                    }
                }
                Ok(Value::Bool(g.rt.cancel_gather(g.id)))
            }
            "result" | "exception" => match outcome() {
                None if name == "result" => raise(ExcType::InvalidStateError, "Result is not set."),
                None => raise(ExcType::InvalidStateError, "Exception is not set."),
                Some(result) if name == "result" => result,
                Some(Ok(_)) => Ok(Value::None),
                Some(Err(Unwind::Raise(e))) => Ok(Value::Exception(e)),
                Some(Err(halt)) => Err(halt),
            },
            "set_result" | "set_exception" => raise(ExcType::InvalidStateError, "invalid state"),
            _ => self.done_callback(object.clone(), Target::Gather(g.id), name, args),
        }
    }

    fn future_method(self: &Rc<Self>, f: &Rc<PyFuture>, name: &str, args: Vec<Value>) -> Res<Value> {
        match name {
            "get_loop" => Ok(f.home_loop(self)),
            "result" => f.result(self),
            "exception" => match f.rt.future_outcome(f.id) {
                Outcome::Pending => raise(ExcType::InvalidStateError, "Exception is not set."),
                Outcome::Cancelled => Err(f.cancelled_error(self)),
                Outcome::Done => Ok(Value::None),
                Outcome::Failed(e) => match from_runtime(self, e) {
                    Unwind::Raise(e) => Ok(Value::Exception(e)),
                    halt => Err(halt),
                },
            },
            "set_result" => {
                if f.done() {
                    return raise(ExcType::InvalidStateError, "invalid state");
                }
                f.set_result(args.into_iter().next().unwrap_or(Value::None));
                Ok(Value::None)
            }
            "set_exception" => {
                if f.done() {
                    return raise(ExcType::InvalidStateError, "invalid state");
                }
                let e = match args.into_iter().next() {
                    Some(Value::Exception(e)) => e,
                    Some(Value::Type(super::value::Type::Exception(kind))) => Exception::new(kind, Vec::new()),
                    _ => return raise(ExcType::TypeError, "invalid exception object"),
                };
                if e.kind == ExcType::StopIteration {
                    let message = "StopIteration interacts badly with generators and cannot be raised into a Future";
                    return raise(ExcType::TypeError, message);
                }
                let Error::Raised(error) = to_runtime(self, Unwind::Raise(e)) else {
                    return raise(ExcType::TypeError, "invalid exception object");
                };
                f.rt.complete_future(f.id, Outcome::Failed(Error::Raised(error)));
                Ok(Value::None)
            }
            "done" => Ok(Value::Bool(f.done())),
            "cancelled" => Ok(Value::Bool(f.cancelled())),
            "cancel" => Ok(Value::Bool(f.cancel())),
            _ => self.done_callback(Value::Future(f.clone()), Target::Future(f.id), name, args),
        }
    }

    fn object_method(
        self: &Rc<Self>,
        obj: Rc<Obj>,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Called> {
        match &*obj {
            Obj::Random(cell) => return self.random_call(Some(cell), name, args, kwargs).map(Called::Value),
            Obj::Property { fget, fset, fdel, doc } => {
                if args.len() != 1 {
                    let message = format!("property.{name}() takes exactly one argument ({} given)", args.len());
                    return raise(ExcType::TypeError, message);
                }
                let f = args.into_iter().next().expect("one");
                let (mut fget, mut fset, mut fdel) = (fget.clone(), fset.clone(), fdel.clone());
                *match name {
                    "getter" => &mut fget,
                    "setter" => &mut fset,
                    _ => &mut fdel,
                } = f;
                let doc = doc.clone();
                return Ok(Called::Value(Value::Object(Rc::new(Obj::Property { fget, fset, fdel, doc }))));
            }
            Obj::Stream(to_stderr) => return self.stream_write(*to_stderr, name, args).map(Called::Value),
            Obj::Cached(cache) => {
                if !args.is_empty() {
                    return raise(ExcType::TypeError, format!("{name}() takes no arguments ({} given)", args.len()));
                }
                if name == "cache_clear" {
                    cache.entries.borrow_mut().clear();
                    cache.order.borrow_mut().clear();
                    cache.hits.set(0);
                    cache.misses.set(0);
                    return Ok(Called::Value(Value::None));
                }
                if name == "cache_parameters" {
                    let mut d = super::value::Dict::default();
                    let maxsize = cache.maxsize.map_or(Value::None, |m| Value::Int(m as i64));
                    d.insert(Key::Str("maxsize".into()), Value::str("maxsize"), maxsize);
                    d.insert(Key::Str("typed".into()), Value::str("typed"), Value::Bool(cache.typed));
                    return Ok(Called::Value(Value::Dict(Rc::new(RefCell::new(d)))));
                }
                let info = [
                    cache.hits.get() as i64,
                    cache.misses.get() as i64,
                    cache.maxsize.map_or(-1, |m| m as i64),
                    cache.entries.borrow().len() as i64,
                ];
                return Ok(Called::Value(Value::Object(Rc::new(Obj::CacheInfo(info)))));
            }
            Obj::Super(_, Value::Exception(e)) => {
                // `BaseException.__init__(*args)` and `BaseException.__str__()`.
                if name == "__str__" {
                    return Ok(Called::Value(Value::str(&e.default_message())));
                }
                if !kwargs.is_empty() {
                    return raise(ExcType::TypeError, format!("{}() takes no keyword arguments", e.name()));
                }
                *e.args.borrow_mut() = args;
                return Ok(Called::Value(Value::None));
            }
            Obj::Super(_, this) if name == "__init_subclass__" => {
                if !args.is_empty() || !kwargs.is_empty() {
                    let name = match this {
                        Value::Class(c) => c.name.to_string(),
                        other => other.type_name().to_owned(),
                    };
                    return raise(ExcType::TypeError, format!("{name}.__init_subclass__() takes no keyword arguments"));
                }
                return Ok(Called::Value(Value::None));
            }
            Obj::Super(_, Value::Class(class)) if name == "__call__" => {
                return self.instantiate_class(class, args, kwargs).map(Called::Value);
            }
            // `super().__init__(name, bases, namespace)` in a metaclass: type's, which
            // does nothing more.
            Obj::Super(owner, _) if owner.is_meta.get() => return Ok(Called::Value(Value::None)),
            Obj::Super(..) => {
                // `super().__init__(...)` reaching `object.__init__`.
                if !args.is_empty() || !kwargs.is_empty() {
                    let message = "object.__init__() takes exactly one argument (the instance to initialize)";
                    return raise(ExcType::TypeError, message);
                }
                return Ok(Called::Value(Value::None));
            }
            _ => {}
        }
        if matches!(
            (&*obj, name),
            (
                Obj::Loop(_),
                "run_until_complete"
                    | "run_forever"
                    | "call_soon"
                    | "call_soon_threadsafe"
                    | "call_later"
                    | "call_at"
                    | "create_task"
            )
        ) && matches!(&*obj, Obj::Loop(state) if state.closed.get())
        {
            let kept = if name == "run_until_complete" { args } else { Vec::new() };
            return super::interp::raise_keeping(ExcType::RuntimeError, "Event loop is closed", kept);
        }
        let interp = self.clone();
        let value = match (&*obj, name) {
            // (The loop's own method works before the loop runs, as CPython's does.)
            (Obj::Loop(_), "create_task") => {
                if self.rt().is_none_or(|rt| rt.current_task().is_some()) {
                    self.runtime()?;
                }
                let kwarg = |key: &str| kwargs.iter().find(|(k, _)| &**k == key).map(|(_, v)| v.clone());
                let coro = args.into_iter().next().unwrap_or(Value::None);
                self.given_task_context(kwarg("context"))?;
                return self.create_task_by_factory(coro, kwarg("name")).map(Called::Value);
            }
            (Obj::Loop(_), "run_until_complete") => {
                return self.call_asyncio(super::asyncio::Fn::RunUntilComplete, None, args, kwargs)
            }
            // `run_forever()`: until `stop()`, as the loop running a coroutine that waits
            // for it (asyncio's part in Python has both).
            (Obj::Loop(_), "run_forever") if self.in_thread() => {
                // On one of the playground's threads (the loop "in a thread of its own",
                // as programs that hand it coroutines with run_coroutine_threadsafe
                // run it): the loop's machinery runs already, and the thread stands for
                // the loop's, waiting until loop.stop().
                let rt = self.rt().expect("a thread runs on the loop");
                let stopper = PyFuture::new(&rt);
                let runs = self.module_attr(super::value::Module::Asyncio, "_thread_loop_runs")?;
                self.call_value(runs, vec![Value::Future(stopper.clone())], Vec::new())?;
                self.loop_state(|l| l.running.set(true));
                return Ok(Called::Wait(Box::pin(async move {
                    let stopped = stopper.wait(&interp).await;
                    interp.loop_state(|l| l.running.set(false));
                    stopped.map(|_| Value::None)
                })));
            }
            (Obj::Loop(_), "run_forever") => {
                if self.rt().is_some_and(|rt| rt.current_task().is_some()) {
                    return raise(ExcType::RuntimeError, "This event loop is already running");
                }
                let forever = self.module_attr(super::value::Module::Asyncio, "_run_forever")?;
                let coro = self.call_value(forever, Vec::new(), Vec::new())?;
                return self.call_asyncio(super::asyncio::Fn::RunUntilComplete, None, vec![coro], Vec::new());
            }
            // The loop's exception handler and debug mode, in asyncio's Python part.
            (
                Obj::Loop(_),
                "set_exception_handler"
                | "get_exception_handler"
                | "default_exception_handler"
                | "call_exception_handler"
                | "set_task_factory"
                | "get_task_factory"
                | "run_in_executor"
                | "shutdown_asyncgens"
                | "shutdown_default_executor"
                | "add_signal_handler"
                | "remove_signal_handler"
                | "set_default_executor",
            ) => {
                let method = self.module_attr(super::value::Module::Asyncio, &format!("_loop_{name}"))?;
                let mut args = args;
                args.insert(0, Value::Object(obj.clone()));
                return self.call_value(method, args, kwargs).map(Called::Value);
            }
            // What a page cannot do (sockets, processes, signals, threads): refused by
            // asyncio's Python part, saying why.
            (
                Obj::Loop(_),
                "create_connection"
                | "create_server"
                | "create_unix_connection"
                | "create_unix_server"
                | "create_datagram_endpoint"
                | "getaddrinfo"
                | "getnameinfo"
                | "sock_connect"
                | "sock_accept"
                | "sock_recv"
                | "sock_sendall"
                | "add_reader"
                | "add_writer"
                | "subprocess_exec"
                | "subprocess_shell"
                | "connect_read_pipe"
                | "connect_write_pipe",
            ) => {
                let refuse = self.module_attr(super::value::Module::Asyncio, "_loop_refused")?;
                let mut args = args;
                args.splice(0..0, [Value::Object(obj.clone()), Value::str(name)]);
                return self.call_value(refuse, args, kwargs).map(Called::Value);
            }
            (Obj::Loop(_), "stop") => {
                let stop = self.module_attr(super::value::Module::Asyncio, "_stop_loop")?;
                return self.call_value(stop, Vec::new(), Vec::new()).map(Called::Value);
            }
            _ => self.object_method_now(obj, name, args, kwargs)?,
        };
        let _ = interp;
        Ok(Called::Value(value))
    }

    fn object_method_now(
        self: &Rc<Self>,
        obj: Rc<Obj>,
        name: &'static str,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        let interp = self.clone();
        match (&*obj, name) {
            (Obj::Loop(_), "time") => Ok(Value::Float(self.running()?.time())),
            (Obj::Loop(_), "create_future") => {
                let future = PyFuture::new(&self.running()?);
                *future.home.borrow_mut() = Some(self.loop_object());
                Ok(Value::Future(future))
            }
            (Obj::Loop(state), "is_running") => Ok(Value::Bool(self.loop_running() || state.running.get())),
            (Obj::Loop(_), "call_soon" | "call_soon_threadsafe" | "call_later" | "call_at") => {
                if let Some((key, _)) = kwargs.iter().find(|(k, _)| &**k != "context") {
                    let message = format!("BaseEventLoop.{name}() got an unexpected keyword argument '{key}'");
                    return raise(ExcType::TypeError, message);
                }
                let rt = self.running()?;
                let mut args = args.into_iter();
                let timed = matches!(name, "call_later" | "call_at");
                let when = if timed { args.next().and_then(|d| d.as_float()) } else { None };
                let callback = args.next().unwrap_or(Value::None);
                let rest: Vec<Value> = args.collect();
                let interp = self.clone();
                let deadline = when.map(|w| if name == "call_later" { rt.time() + w } else { w });
                let source = callback_source(&callback, &rest);
                let cancelled: Rc<Cell<bool>> = Rc::default();
                let skip = cancelled.clone();
                // It runs in the context given (a `contextvars.Context`), or a copy of
                // the current one, as CPython's handles do.
                let context = match kwargs.iter().find(|(k, _)| &**k == "context").map(|(_, v)| v.clone()) {
                    Some(Value::None) | None => self.context_copy(),
                    Some(given) => match self.load_attr(&given, "_data")? {
                        Value::Dict(d) => d,
                        _ => return raise(ExcType::TypeError, "context must be a contextvars.Context"),
                    },
                };
                let run = move || {
                    if !skip.get() {
                        let outside = interp.context.replace(context);
                        interp.run_callback_args(callback, rest, deadline);
                        *interp.context.borrow_mut() = outside;
                    }
                };
                let timer = match when {
                    Some(delay) if name == "call_later" => Some(rt.call_later(delay, run)),
                    // `call_at(when)`: the deadline is `when` itself, as in CPython.
                    Some(when) => Some(rt.call_at(when, run)),
                    None if timed => return raise(ExcType::TypeError, format!("{name}() needs a time in seconds")),
                    None => {
                        rt.call_soon(run);
                        None
                    }
                };
                Ok(Value::Object(Rc::new(Obj::TimerHandle(HandleState { timer, when: deadline, source, cancelled }))))
            }
            (Obj::Loop(_), "close") if self.rt().is_some_and(|rt| rt.current_task().is_some()) => {
                super::interp::raise(ExcType::RuntimeError, "Cannot close a running event loop")
                    .map_err(|e| e.through(&[&lines::LOOP_CLOSE, &lines::LOOP_CLOSE_RUNNING]))
            }
            (Obj::Loop(state), "close") => {
                self.loop_closing()?;
                state.closed.set(true);
                Ok(Value::None)
            }
            (Obj::Loop(state), "is_closed") => Ok(Value::Bool(state.closed.get())),
            (Obj::Loop(state), "get_debug") => Ok(Value::Bool(state.debug.get())),
            (Obj::Loop(state), "set_debug") => {
                let [enabled] = <[Value; 1]>::try_from(args).map_err(|args| {
                    let message = format!("set_debug() takes exactly one argument ({} given)", args.len());
                    Unwind::Raise(Exception::with_message(ExcType::TypeError, message))
                })?;
                state.debug.set(enabled.truthy());
                Ok(Value::None)
            }
            (Obj::TimerHandle(h), "cancel") => {
                if !h.cancelled.replace(true) {
                    if let (Some(timer), Some(rt)) = (h.timer, self.rt()) {
                        rt.cancel_timer(timer);
                    }
                }
                Ok(Value::None)
            }
            (Obj::TimerHandle(h), "cancelled") => Ok(Value::Bool(h.cancelled.get())),
            (Obj::TimerHandle(h), "when") => Ok(Value::Float(h.when.unwrap_or_default())),
            (Obj::Event(e), "is_set") => Ok(Value::Bool(e.borrow().value)),
            (Obj::Event(e), "clear") => {
                e.borrow_mut().value = false;
                Ok(Value::None)
            }
            (Obj::Event(_), "set") => {
                event_set(&obj);
                Ok(Value::None)
            }
            (Obj::Event(_), "wait") => {
                Ok(Native::coroutine(self, "Event.wait", async move { event_wait(&interp, &obj).await }, false))
            }
            (Obj::Lock(_) | Obj::Semaphore(_), "acquire") => {
                Ok(Native::coroutine(self, acquire_name(&obj), async move { acquire(&interp, &obj).await }, false))
            }
            (Obj::Lock(_) | Obj::Semaphore(_), "release") => release(&obj).map(|()| Value::None),
            (Obj::Lock(l), "locked") => Ok(Value::Bool(l.borrow().locked)),
            (Obj::Semaphore(s), "locked") => {
                let s = s.borrow();
                Ok(Value::Bool(s.value == 0 || s.waiters.iter().any(|w| !w.cancelled())))
            }
            (Obj::Condition(lock, _), "acquire") => {
                let lock = lock.clone();
                Ok(Native::coroutine(self, "Lock.acquire", async move { acquire(&interp, &lock).await }, false))
            }
            (Obj::Condition(lock, _), "release") => release(lock).map(|()| Value::None),
            (Obj::Condition(lock, _), "locked") => {
                Ok(Value::Bool(matches!(&**lock, Obj::Lock(l) if l.borrow().locked)))
            }
            (Obj::Condition(..), "wait") => {
                Ok(Native::coroutine(self, "Condition.wait", async move { condition_wait(&interp, &obj).await }, false))
            }
            (Obj::Condition(..), "wait_for") => {
                let predicate = args.into_iter().next().unwrap_or(Value::None);
                let wait_for = async move {
                    let mut result = interp.call_value(predicate.clone(), Vec::new(), Vec::new())?;
                    while !result.truthy() {
                        condition_wait(&interp, &obj).await.map_err(|e| e.through(&[&lines::CONDITION_WAIT_FOR]))?;
                        result = interp.call_value(predicate.clone(), Vec::new(), Vec::new())?;
                    }
                    Ok(result)
                };
                Ok(Native::coroutine(self, "Condition.wait_for", wait_for, false))
            }
            (Obj::Condition(lock, waiters), "notify" | "notify_all") => {
                if !matches!(&**lock, Obj::Lock(l) if l.borrow().locked) {
                    return raise(ExcType::RuntimeError, "cannot notify on un-acquired lock");
                }
                let waiters = waiters.borrow().clone();
                let n = if name == "notify_all" {
                    waiters.len()
                } else {
                    args.first().and_then(Value::as_int).unwrap_or(1).max(0) as usize
                };
                let mut woken = 0;
                for fut in waiters {
                    if woken >= n {
                        break;
                    }
                    if !fut.done() {
                        woken += 1;
                        fut.set_result(Value::Bool(false));
                    }
                }
                Ok(Value::None)
            }
            (Obj::Timeout(t), "when") => Ok(t.borrow().when.map_or(Value::None, Value::Float)),
            (Obj::Timeout(t), "expired") => {
                Ok(Value::Bool(matches!(t.borrow().state, TimeoutStage::Expiring | TimeoutStage::Expired)))
            }
            (Obj::Timeout(_), "reschedule") => {
                let when = args.first().and_then(Value::as_float);
                self.reschedule(&obj, when)?;
                Ok(Value::None)
            }
            (Obj::TaskGroup(group), "create_task") => {
                let Some(group) = group.borrow().clone() else {
                    return raise(ExcType::RuntimeError, "TaskGroup <TaskGroup> has not been entered");
                };
                if let Some(refusal) = group.refusal() {
                    // (The coroutine, never started, warns as it is dropped.)
                    let message = format!("TaskGroup {} {refusal}", Value::Object(obj.clone()).repr());
                    return raise(ExcType::RuntimeError, message);
                }
                let in_context = kwargs.iter().any(|(k, v)| &**k == "context" && !matches!(v, Value::None));
                let name = kwargs.into_iter().find(|(k, _)| &**k == "name").map(|(_, v)| Str::from(v.to_str()));
                let coro = args.into_iter().next().unwrap_or(Value::None);
                use super::asyncio::lines::{GROUP_CREATE_TASK, GROUP_CREATE_TASK_IN_CONTEXT};
                self.task_made_by.set(Some(if in_context { GROUP_CREATE_TASK_IN_CONTEXT } else { GROUP_CREATE_TASK }));
                self.create_task_in(Some(&group), coro, name).map(Value::Task)
            }
            _ => unreachable!("methods() lists what is handled here"),
        }
    }

    /// Calls `callback(*args)` from the loop, outside any task. An exception it raises
    /// does not stop the loop: it is reported, as asyncio's exception handler does.
    pub fn run_callback_args(self: &Rc<Self>, callback: Value, args: Vec<Value>, deadline: Option<f64>) {
        // In debug mode, a callback that takes long is reported once it is over.
        let slow = self.debug_started();
        let handle = |source: &str| match deadline {
            Some(when) => format!("<TimerHandle when={} {source}>", Value::Float(when).repr()),
            None => format!("<Handle {source}>"),
        };
        match self.call_value(callback.clone(), args.clone(), Vec::new()) {
            Err(Unwind::Raise(e)) => {
                // (It left the callback for the loop's `Handle._run`.)
                e.passes(&[&lines::CALLBACK_RUN]);
                // As CPython's loop reports it: through the exception handler.
                let source = callback_source(&callback, &args);
                let handle = handle(&source);
                match self.global("asyncio._callback_failed") {
                    Some(report) => {
                        let args = vec![Value::str(&source), Value::str(&handle), Value::Exception(e)];
                        self.report_through(report, args);
                    }
                    None => self.report_to_handler(
                        format!("Exception in callback {source}"),
                        Some(e),
                        &[("handle", Value::str(&handle))],
                    ),
                }
            }
            Err(Unwind::Halt(message)) => self.halt(message),
            Ok(_) => {}
        }
        if let Some(took) = slow.and_then(|started| self.took_long(started)) {
            self.report_slow(handle(&callback_source(&callback, &args)), took);
        }
    }

    /// What the loop cannot pass on (a callback's exception, a task's never asked
    /// for) goes to the exception handler with its context (`message`, `exception`,
    /// and the others given), as CPython's loop's `call_exception_handler`: the
    /// program's handler, or the default one, which writes it to standard error
    /// (through `logging` if the program uses it).
    pub fn report_to_handler(self: &Rc<Self>, message: String, e: Option<Rc<Exception>>, rest: &[(&str, Value)]) {
        let Some(handler) = self.global("asyncio._loop_call_exception_handler") else {
            // (A program without the asyncio module: the default handler's words.)
            let mut text = message;
            for (key, value) in rest {
                // (Texts standing for objects are shown as they are.)
                let shown = if let Value::Str(s) = value { s.to_string() } else { value.repr() };
                text.push_str(&format!("\n{key}: {shown}"));
            }
            if let Some(e) = &e {
                let traceback = super::exceptions::format_traceback(&self.source.borrow(), e);
                text.push_str(&format!("\n{}", traceback.trim_end()));
            }
            self.stderr.borrow_mut().push(text);
            return;
        };
        let mut context = super::value::Dict::default();
        let mut put = |key: &str, value: Value| context.insert(Key::Str(key.into()), Value::str(key), value);
        put("message", Value::str(&message));
        if let Some(e) = e {
            put("exception", Value::Exception(e));
        }
        for (key, value) in rest {
            put(key, value.clone());
        }
        let context = Value::Dict(Rc::new(RefCell::new(context)));
        self.report_through(handler, vec![self.loop_object(), context]);
    }

    /// Calls the asyncio module's reporting `function`; what it raises in turn is
    /// only noted (as CPython's loop notes an error in its default handler).
    pub fn report_through(self: &Rc<Self>, function: Value, args: Vec<Value>) {
        match self.call_value(function, args, Vec::new()) {
            Err(Unwind::Halt(message)) => self.halt(message),
            Err(Unwind::Raise(e)) => self.stderr.borrow_mut().push(e.last_line()),
            Ok(_) => {}
        }
    }

    /// `async with x:` entering: the awaitable of what `as` binds.
    pub fn aenter_of(self: &Rc<Self>, manager: &Value) -> Res<Value> {
        if let Value::Instance(i) = manager {
            let name = &i.class.name;
            let missing = format!("'{name}' object does not support the asynchronous context manager protocol");
            if i.class.lookup("__aenter__").is_none() {
                return raise(ExcType::TypeError, missing);
            }
            if i.class.lookup("__aexit__").is_none() {
                return raise(ExcType::TypeError, format!("{missing} (missed __aexit__ method)"));
            }
            return self.protocol(manager, "__aenter__", Vec::new(), &missing);
        }
        if !matches!(manager, Value::Object(_)) {
            return not_context_manager(manager);
        }
        let stands_in = match manager {
            Value::Object(o) => match &**o {
                Obj::Lock(_) | Obj::Condition(..) => Some("Lock.__aenter__"),
                Obj::Semaphore(_) => Some("Semaphore.__aenter__"),
                _ => None,
            },
            _ => None,
        };
        let (interp, manager) = (self.clone(), manager.clone());
        let aenter = Native::value("__aenter__", async move { interp.aenter(&manager).await });
        if let Value::Native(n) = &aenter {
            n.stands_in.set(stands_in);
        }
        Ok(aenter)
    }

    /// `async with x:` leaving, with the exception the body raised, if any: the
    /// awaitable of whether to swallow it.
    pub fn aexit_of(self: &Rc<Self>, manager: &Value, exc: Option<Rc<Exception>>) -> Res<Value> {
        if let Value::Instance(_) = manager {
            return self.protocol(manager, "__aexit__", exit_args(exc), "");
        }
        let group = matches!(manager, Value::Object(o) if matches!(&**o, Obj::TaskGroup(_)));
        let (interp, manager) = (self.clone(), manager.clone());
        let aexit = Native::value("__aexit__", async move { interp.aexit(&manager, exc).await.map(Value::Bool) });
        if let (Value::Native(n), true) = (&aexit, group) {
            n.stands_in.set(Some("TaskGroup.__aexit__"));
        }
        Ok(aexit)
    }

    /// `async with x:` entering: what `as` binds.
    async fn aenter(self: &Rc<Self>, value: &Value) -> Res<Value> {
        match value {
            Value::Object(obj) => match &**obj {
                Obj::Lock(_) | Obj::Semaphore(_) => {
                    acquire(self, obj).await.map_err(|e| e.through(&[&lines::LOCK_ENTER]))?;
                    Ok(Value::None)
                }
                Obj::Condition(lock, _) => {
                    acquire(self, lock).await.map_err(|e| e.through(&[&lines::LOCK_ENTER]))?;
                    Ok(Value::None)
                }
                Obj::TaskGroup(slot) => {
                    if slot.borrow().is_some() {
                        return raise(
                            ExcType::RuntimeError,
                            format!("TaskGroup {} has already been entered", value.repr()),
                        );
                    }
                    let rt = self.running()?;
                    let group = rt.enter_group().map_err(|e| from_runtime(self, e))?;
                    *slot.borrow_mut() = Some(group);
                    Ok(value.clone())
                }
                Obj::Timeout(t) => {
                    if t.borrow().state != TimeoutStage::Created {
                        return raise(ExcType::RuntimeError, "Timeout has already been entered");
                    }
                    let rt = self.running()?;
                    let Some(task) = rt.current_task() else {
                        return raise(ExcType::RuntimeError, "Timeout should be used inside a task");
                    };
                    let when = {
                        let mut t = t.borrow_mut();
                        t.state = TimeoutStage::Entered;
                        t.task = Some(task);
                        t.cancelling = rt.cancelling(task);
                        t.when
                    };
                    self.reschedule(obj, when)?;
                    Ok(value.clone())
                }
                _ => not_context_manager(value),
            },
            _ => not_context_manager(value),
        }
    }

    /// `Timeout.reschedule(when)`.
    fn reschedule(self: &Rc<Self>, obj: &Rc<Obj>, when: Option<f64>) -> Res<()> {
        let Obj::Timeout(t) = &**obj else { unreachable!("a timeout") };
        let rt = self.running()?;
        if t.borrow().state != TimeoutStage::Entered {
            let message = match t.borrow().state {
                TimeoutStage::Created => "Timeout has not been entered".to_owned(),
                stage => {
                    let name = match stage {
                        TimeoutStage::Expiring => "expiring",
                        TimeoutStage::Expired => "expired",
                        _ => "finished",
                    };
                    format!("Cannot change state of {name} Timeout")
                }
            };
            return raise(ExcType::RuntimeError, message);
        }
        let old = {
            let mut t = t.borrow_mut();
            t.when = when;
            t.handler.take()
        };
        match old {
            Some(Handler::Soon(id)) => rt.cancel_call(id),
            Some(Handler::Timer(id)) => rt.cancel_timer(id),
            None => {}
        }
        if let Some(when) = when {
            let target = obj.clone();
            let rt2 = rt.clone();
            let on_timeout = move || {
                let Obj::Timeout(t) = &*target else { unreachable!("a timeout") };
                let task = t.borrow().task.expect("entered in a task");
                rt2.cancel(task);
                let mut t = t.borrow_mut();
                t.state = TimeoutStage::Expiring;
                t.handler = None;
            };
            let handler = if when <= rt.time() {
                Handler::Soon(rt.call_soon(on_timeout))
            } else {
                Handler::Timer(rt.call_at(when, on_timeout))
            };
            t.borrow_mut().handler = Some(handler);
        }
        Ok(())
    }

    /// `async with x:` leaving, with the exception the body raised, if any: whether it
    /// is swallowed (or what is raised instead).
    async fn aexit(self: &Rc<Self>, value: &Value, exc: Option<Rc<Exception>>) -> Res<bool> {
        let Value::Object(obj) = value else { unreachable!("entered") };
        match &**obj {
            Obj::Lock(_) | Obj::Semaphore(_) => {
                release(obj)?;
                Ok(false)
            }
            Obj::Condition(lock, _) => {
                release(lock)?;
                Ok(false)
            }
            Obj::TaskGroup(slot) => {
                let group = slot.borrow().clone().expect("entered");
                let body = match &exc {
                    None => Ok(()),
                    Some(e) => Err(to_runtime(self, Unwind::Raise(e.clone()))),
                };
                let left = group.clone();
                group.exit(body).await.map_err(|e| match from_runtime(self, e) {
                    // `raise me from None`, as `TaskGroup.__aexit__` raises its group.
                    Unwind::Raise(group) if group.kind.is_group() => {
                        group.suppress_context.set(true);
                        Unwind::Raise(group).through(&[&lines::TASK_GROUP_EXIT])
                    }
                    // A cancellation it passes on: the one that came as it waited for
                    // its tasks, or else its body's, as it was raised.
                    Unwind::Raise(c) if c.kind == ExcType::CancelledError => {
                        let body = exc.clone().filter(|e| e.kind == ExcType::CancelledError);
                        match body {
                            _ if left.cancelled_waiting() => {
                                Unwind::Raise(c).through(&[&lines::TASK_GROUP_CANCELLED, &lines::TASK_GROUP_WAITING])
                            }
                            Some(body) => Unwind::Raise(body).through(&[&lines::TASK_GROUP_CANCELLED]),
                            None => Unwind::Raise(c),
                        }
                    }
                    other => other,
                })?;
                Ok(exc.is_some())
            }
            Obj::Timeout(t) => {
                let rt = self.running()?;
                let (stage, handler, task, cancelling) = {
                    let mut t = t.borrow_mut();
                    (t.state, t.handler.take(), t.task, t.cancelling)
                };
                match handler {
                    Some(Handler::Soon(id)) => rt.cancel_call(id),
                    Some(Handler::Timer(id)) => rt.cancel_timer(id),
                    None => {}
                }
                if stage == TimeoutStage::Expiring {
                    t.borrow_mut().state = TimeoutStage::Expired;
                    let task = task.expect("entered in a task");
                    let cancelled = matches!(&exc, Some(e) if e.kind == ExcType::CancelledError);
                    if rt.uncancel(task) <= cancelling && cancelled {
                        let cancelled = Unwind::Raise(exc.expect("cancelled"));
                        return Err(timeout_error_from(cancelled, &lines::TIMEOUT_EXIT));
                    }
                } else if stage == TimeoutStage::Entered {
                    t.borrow_mut().state = TimeoutStage::Exited;
                }
                Ok(false)
            }
            _ => unreachable!("entered"),
        }
    }
}

fn not_context_manager<T>(value: &Value) -> Res<T> {
    raise(
        ExcType::TypeError,
        format!("'{}' object does not support the asynchronous context manager protocol", value.type_name()),
    )
}

fn event_set(obj: &Rc<Obj>) {
    let Obj::Event(e) = &**obj else { unreachable!("an event") };
    let waiters: Vec<Rc<PyFuture>> = {
        let mut e = e.borrow_mut();
        if e.value {
            return;
        }
        e.value = true;
        e.waiters.iter().cloned().collect()
    };
    for fut in waiters {
        if !fut.done() {
            fut.set_result(Value::Bool(true));
        }
    }
}

async fn event_wait(interp: &Rc<Interp>, obj: &Rc<Obj>) -> Res<Value> {
    let Obj::Event(e) = &**obj else { unreachable!("an event") };
    if e.borrow().value {
        return Ok(Value::Bool(true));
    }
    let fut = PyFuture::new(&interp.running()?);
    e.borrow_mut().waiters.push_back(fut.clone());
    let result = fut.wait(interp).await;
    remove(&mut e.borrow_mut().waiters, &fut);
    result.map(|_| Value::Bool(true)).map_err(|e| e.through(&[&lines::EVENT_WAIT]))
}

async fn acquire(interp: &Rc<Interp>, obj: &Rc<Obj>) -> Res<Value> {
    let rt = interp.running()?;
    match &**obj {
        Obj::Lock(l) => {
            {
                let mut s = l.borrow_mut();
                if !s.locked && s.waiters.iter().all(|w| w.cancelled()) {
                    s.locked = true;
                    return Ok(Value::Bool(true));
                }
            }
            let fut = PyFuture::new(&rt);
            l.borrow_mut().waiters.push_back(fut.clone());
            let result = fut.wait(interp).await;
            remove(&mut l.borrow_mut().waiters, &fut);
            if is_cancelled(&result) {
                if !l.borrow().locked {
                    let waiters = l.borrow().waiters.clone();
                    wake_first(&waiters);
                }
                return result.map_err(|e| e.through(&[&lines::LOCK_ACQUIRE]));
            }
            result?;
            l.borrow_mut().locked = true;
            Ok(Value::Bool(true))
        }
        Obj::Semaphore(s) => {
            {
                let mut st = s.borrow_mut();
                let locked = st.value == 0 || st.waiters.iter().any(|w| !w.cancelled());
                if !locked {
                    st.value -= 1;
                    return Ok(Value::Bool(true));
                }
            }
            let fut = PyFuture::new(&rt);
            s.borrow_mut().waiters.push_back(fut.clone());
            let result = fut.wait(interp).await;
            remove(&mut s.borrow_mut().waiters, &fut);
            if is_cancelled(&result) {
                if !fut.cancelled() {
                    s.borrow_mut().value += 1;
                    semaphore_wake_next(s);
                }
                return result.map_err(|e| e.through(&[&lines::SEMAPHORE_ACQUIRE]));
            }
            result?;
            if s.borrow().value > 0 {
                semaphore_wake_next(s);
            }
            Ok(Value::Bool(true))
        }
        _ => unreachable!("a lock or a semaphore"),
    }
}

/// `Condition.wait()`: releases the lock, waits to be notified, takes the lock back
/// (even when cancelled).
async fn condition_wait(interp: &Rc<Interp>, obj: &Rc<Obj>) -> Res<Value> {
    let Obj::Condition(lock, waiters) = &**obj else { unreachable!("a condition") };
    if !matches!(&**lock, Obj::Lock(l) if l.borrow().locked) {
        let message = "cannot wait on un-acquired lock";
        return raise(ExcType::RuntimeError, message).map_err(|e| e.through(&[&lines::CONDITION_UNACQUIRED]));
    }
    release(lock)?;
    let fut = PyFuture::new(&interp.running()?);
    waiters.borrow_mut().push_back(fut.clone());
    let waited = fut.wait(interp).await;
    remove(&mut waiters.borrow_mut(), &fut);
    let mut cancelled = false;
    loop {
        match acquire(interp, lock).await {
            Ok(_) => break,
            Err(Unwind::Raise(e)) if e.kind == ExcType::CancelledError => cancelled = true,
            Err(other) => return Err(other),
        }
    }
    if cancelled {
        let cancelled = Unwind::Raise(Exception::new(ExcType::CancelledError, Vec::new()));
        return Err(cancelled.through(&[&lines::CONDITION_REACQUIRED]));
    }
    waited.map(|_| Value::Bool(true)).map_err(|e| e.through(&[&lines::CONDITION_WAIT]))
}

fn semaphore_wake_next(s: &RefCell<SemaphoreState>) {
    let waiters = s.borrow().waiters.clone();
    for fut in waiters {
        if !fut.done() {
            s.borrow_mut().value -= 1;
            fut.set_result(Value::Bool(true));
            return;
        }
    }
}

fn release(obj: &Rc<Obj>) -> Res<()> {
    match &**obj {
        Obj::Lock(l) => {
            if !l.borrow().locked {
                return raise(ExcType::RuntimeError, "Lock is not acquired.")
                    .map_err(|e| e.through(&[&lines::LOCK_RELEASE]));
            }
            l.borrow_mut().locked = false;
            let waiters = l.borrow().waiters.clone();
            wake_first(&waiters);
            Ok(())
        }
        Obj::Semaphore(s) => {
            {
                let st = s.borrow();
                if st.bound.is_some_and(|b| st.value >= b) {
                    let message = "BoundedSemaphore released too many times";
                    return raise(ExcType::ValueError, message).map_err(|e| e.through(&[&lines::SEMAPHORE_RELEASE]));
                }
            }
            s.borrow_mut().value += 1;
            semaphore_wake_next(s);
            Ok(())
        }
        _ => unreachable!("a lock or a semaphore"),
    }
}

/// `_wakeup_next`: the first waiter not done gets `None`.
fn wakeup_next(waiters: &mut VecDeque<Rc<PyFuture>>) {
    while let Some(waiter) = waiters.pop_front() {
        if !waiter.done() {
            waiter.set_result(Value::None);
            break;
        }
    }
}

/// What `as_completed` has seen finish, for its awaitables to take in turn (the
/// queue CPython's uses).
#[derive(Default)]
struct Finished {
    items: VecDeque<Value>,
    getters: VecDeque<Rc<PyFuture>>,
}

impl Finished {
    fn put(&mut self, item: Value) {
        self.items.push_back(item);
        wakeup_next(&mut self.getters);
    }

    async fn get(this: &RefCell<Finished>, interp: &Rc<Interp>) -> Res<Value> {
        loop {
            if let Some(item) = this.borrow_mut().items.pop_front() {
                return Ok(item);
            }
            let getter = PyFuture::new(&interp.running()?);
            this.borrow_mut().getters.push_back(getter.clone());
            if let Err(e) = getter.wait(interp).await {
                getter.cancel();
                let mut f = this.borrow_mut();
                remove(&mut f.getters, &getter);
                if !f.items.is_empty() && !getter.cancelled() {
                    wakeup_next(&mut f.getters);
                }
                return Err(e);
            }
        }
    }
}

/// A task or a future: what `wait_for`, `shield` and `wait` work on.
#[derive(Clone)]
pub enum Fut {
    Task(Rc<super::asyncio::PyTask>),
    Future(Rc<PyFuture>),
}

impl Fut {
    fn target(&self) -> Target {
        match self {
            Fut::Task(t) => Target::Task(t.id()),
            Fut::Future(f) => Target::Future(f.id),
        }
    }

    fn done(&self) -> bool {
        match self {
            Fut::Task(t) => t.task.done(),
            Fut::Future(f) => f.done(),
        }
    }

    fn cancelled(&self) -> bool {
        match self {
            Fut::Task(t) => t.task.cancelled(),
            Fut::Future(f) => f.cancelled(),
        }
    }

    fn cancel(&self) -> bool {
        match self {
            Fut::Task(t) => t.task.cancel(),
            Fut::Future(f) => f.cancel(),
        }
    }

    fn result(&self, interp: &Interp) -> Res<Value> {
        match self {
            Fut::Task(t) => t.task.result().map_err(|e| interp.task_error(t, e)),
            Fut::Future(f) => f.result(interp),
        }
    }

    pub fn value(&self) -> Value {
        match self {
            Fut::Task(t) => Value::Task(t.clone()),
            Fut::Future(f) => Value::Future(f.clone()),
        }
    }
}

/// `_release_waiter`.
/// What CPython's repr of a future calls a callback of asyncio's own: the function
/// of `asyncio/tasks.py` at `line`, by its qualified name.
fn library_callback(rt: &Runtime, id: runtime::CallbackId, qualname: &'static str, line: u32) {
    rt.name_callback(
        id,
        Rc::new(move || format!("{qualname}() at {}asyncio/tasks.py:{line}", super::exceptions::LIBRARY)),
    );
}

/// `_release_waiter`'s callback of `waiter` (`functools.partial(_release_waiter, waiter)`).
fn release_waiter_callback(rt: &Runtime, id: runtime::CallbackId, waiter: &Rc<PyFuture>) {
    let waiter = Rc::downgrade(waiter);
    rt.name_callback(
        id,
        Rc::new(move || {
            let waiter = waiter.upgrade().map_or_else(|| "<Future>".to_owned(), |w| w.repr());
            format!("_release_waiter({waiter})() at {}asyncio/tasks.py:421", super::exceptions::LIBRARY)
        }),
    );
}

/// `cb=[...]` for a future's or a task's pending callbacks, as CPython's
/// `base_futures._format_callbacks` writes it (the first, how many more, the last).
pub fn callbacks_repr(callbacks: Vec<runtime::DoneCallback>) -> Option<String> {
    use crate::runtime::DoneCallback;
    let names: Vec<String> = callbacks
        .into_iter()
        .map(|callback| match callback {
            DoneCallback::Wake(_) => "Task.task_wakeup()".to_owned(),
            DoneCallback::Gathered => {
                format!("gather.<locals>._done_callback() at {}asyncio/tasks.py:754", super::exceptions::LIBRARY)
            }
            DoneCallback::GroupDone => "TaskGroup._on_task_done()".to_owned(),
            DoneCallback::Stop => {
                format!("_run_until_complete_cb() at {}asyncio/base_events.py:180", super::exceptions::LIBRARY)
            }
            DoneCallback::Call(name) => name.map_or_else(|| "<callback>()".to_owned(), |name| name()),
        })
        .collect();
    let listed = match names.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [first, second] => format!("{first}, {second}"),
        [first, .., last] => format!("{first}, <{} more>, {last}", names.len() - 2),
    };
    Some(format!("cb=[{listed}]"))
}

fn release_waiter(waiter: &PyFuture) {
    if !waiter.done() {
        waiter.set_result(Value::None);
    }
}

/// `raise TimeoutError from cause`, at `line` of CPython's library.
fn timeout_error_from(cause: Unwind, line: &'static LibraryLine) -> Unwind {
    let e = Exception::new(ExcType::TimeoutError, Vec::new());
    if let Unwind::Raise(cause) = cause {
        *e.cause.borrow_mut() = Some(cause);
        e.suppress_context.set(true);
    }
    Unwind::Raise(e).through(&[line])
}

impl Interp {
    /// `ensure_future(value)`: a task for a coroutine, or the task or future itself.
    pub fn ensure_future(self: &Rc<Self>, value: Value) -> Res<Fut> {
        let fut = self.ensure_future_unasked(value)?;
        if let Fut::Task(t) = &fut {
            // What takes a task this way asks for its outcome (but `wait`).
            t.retrieved.set(true);
        }
        Ok(fut)
    }

    /// `ensure_future` for `wait`, which does not ask for the tasks' outcomes.
    fn ensure_future_unasked(self: &Rc<Self>, value: Value) -> Res<Fut> {
        match value {
            Value::Task(t) => Ok(Fut::Task(t)),
            Value::Future(f) => Ok(Fut::Future(f)),
            coro @ (Value::Generator(_) | Value::Native(_) | Value::AsyncStep(_) | Value::Instance(_)) => {
                Ok(Fut::Task(self.task_for_awaitable(coro)?))
            }
            _ => raise(ExcType::TypeError, "An asyncio.Future, a coroutine or an awaitable is required"),
        }
    }

    /// `_cancel_and_wait(fut)`.
    async fn cancel_and_wait(self: &Rc<Self>, rt: &Runtime, fut: &Fut) -> Res<()> {
        let waiter = PyFuture::new(rt);
        let w = waiter.clone();
        let id = rt.add_done_callback(fut.target(), move || release_waiter(&w));
        release_waiter_callback(rt, id, &waiter);
        fut.cancel();
        let result = waiter.wait(self).await;
        rt.remove_done_callback(fut.target(), id);
        result.map(|_| ())
    }

    /// `asyncio.wait_for(aw, timeout)`, as CPython 3.11 writes it.
    pub async fn wait_for(self: &Rc<Self>, aw: Value, timeout: Value) -> Res<Value> {
        let rt = self.running()?;
        let Some(timeout) = timeout.as_float() else {
            return raise(
                ExcType::TypeError,
                format!("'<=' not supported between instances of '{}' and 'int'", timeout.type_name()),
            );
        };
        // (What it raises passes CPython's `wait_for` at the line that raises it.)
        let result_at = |fut: &Fut, line: &'static LibraryLine| fut.result(self).map_err(|e| e.through(&[line]));
        let timeout_at = |fut: &Fut, line: &'static LibraryLine, timeout: &'static LibraryLine| {
            result_at(fut, line).map_err(|e| match e {
                Unwind::Raise(c) if c.kind == ExcType::CancelledError => timeout_error_from(Unwind::Raise(c), timeout),
                other => other,
            })
        };
        if timeout <= 0.0 {
            let made = !matches!(aw, Value::Task(_) | Value::Future(_));
            let fut = self.ensure_future(aw)?;
            self.waits_for(&fut, made);
            if fut.done() {
                return result_at(&fut, &lines::WAIT_FOR_DONE_AT_ONCE);
            }
            self.cancel_and_wait(&rt, &fut).await?;
            return timeout_at(&fut, &lines::WAIT_FOR_AT_ONCE, &lines::WAIT_FOR_TIMEOUT_AT_ONCE);
        }
        let waiter = PyFuture::new(&rt);
        let w = waiter.clone();
        let timeout_handle = rt.call_later(timeout, move || release_waiter(&w));
        let made = !matches!(aw, Value::Task(_) | Value::Future(_));
        let fut = self.ensure_future(aw)?;
        self.waits_for(&fut, made);
        let w = waiter.clone();
        let cb = rt.add_done_callback(fut.target(), move || release_waiter(&w));
        release_waiter_callback(&rt, cb, &waiter);
        let result = async {
            if let Err(e) = waiter.wait(self).await {
                let e = e.through(&[&lines::WAIT_FOR_WAITER]);
                if !matches!(&e, Unwind::Raise(c) if c.kind == ExcType::CancelledError) {
                    return Err(e);
                }
                if fut.done() {
                    return result_at(&fut, &lines::WAIT_FOR_CANCELLED_DONE);
                }
                rt.remove_done_callback(fut.target(), cb);
                self.cancel_and_wait(&rt, &fut).await?;
                return Err(e);
            }
            if fut.done() {
                return result_at(&fut, &lines::WAIT_FOR_DONE);
            }
            rt.remove_done_callback(fut.target(), cb);
            self.cancel_and_wait(&rt, &fut).await?;
            timeout_at(&fut, &lines::WAIT_FOR_CANCELLED, &lines::WAIT_FOR_TIMEOUT)
        }
        .await;
        rt.cancel_timer(timeout_handle);
        result
    }

    /// `asyncio.as_completed(aws, timeout=None)`: awaitables that give the results in
    /// the order the tasks finish.
    /// With `futures`, each awaitable gives the task or future that finished itself
    /// (what `async for` over `as_completed` gives in Python 3.13), not its result.
    pub fn as_completed(self: &Rc<Self>, aws: Value, timeout: Value, futures: bool) -> Res<Value> {
        let rt = self.running()?;
        let mut todo = Vec::new();
        for item in self.collect(&aws)? {
            todo.push(self.ensure_future(item)?);
        }
        let queue: Rc<RefCell<Finished>> = Rc::default();
        let pending = Rc::new(RefCell::new(todo.clone()));
        let timeout_handle: Rc<RefCell<Option<TimerId>>> = Rc::default();
        for f in &todo {
            let (q, p, th, rt2, f2) = (queue.clone(), pending.clone(), timeout_handle.clone(), rt.clone(), f.clone());
            let id = rt.add_done_callback(f.target(), move || {
                let mut p = p.borrow_mut();
                let Some(i) = p.iter().position(|x| x.target() == f2.target()) else { return };
                p.remove(i);
                q.borrow_mut().put(f2.value());
                if p.is_empty() {
                    if let Some(t) = th.borrow_mut().take() {
                        rt2.cancel_timer(t);
                    }
                }
            });
            library_callback(&rt, id, "as_completed.<locals>._on_completion", 592);
        }
        if let (Some(t), false) = (timeout.as_float(), todo.is_empty()) {
            let (q, p) = (queue.clone(), pending.clone());
            *timeout_handle.borrow_mut() = Some(rt.call_later(t, move || {
                for _ in p.borrow_mut().drain(..) {
                    q.borrow_mut().put(Value::None);
                }
            }));
        }
        let waits = (0..todo.len())
            .map(|_| {
                let (interp, q) = (self.clone(), queue.clone());
                Native::value("as_completed.<locals>._wait_for_one", async move {
                    match Finished::get(&q, &interp).await? {
                        Value::None => Err(Unwind::Raise(Exception::new(ExcType::TimeoutError, Vec::new()))),
                        done if futures => Ok(done),
                        done => interp.ensure_future(done)?.result(&interp),
                    }
                })
            })
            .collect();
        Ok(Value::Iterator(Rc::new(RefCell::new(super::value::Iter::Values(waits, 0, &"iterator")))))
    }

    /// `asyncio.shield(aw)`.
    pub fn shield(self: &Rc<Self>, aw: Value) -> Res<Value> {
        let rt = self.running()?;
        let inner = self.ensure_future(aw)?;
        if inner.done() {
            return Ok(inner.value());
        }
        self.awaited_by_running(&inner.value());
        let outer = PyFuture::new(&rt);
        let (o, i, interp) = (outer.clone(), inner.clone(), self.clone());
        let inner_cb = rt.add_done_callback(inner.target(), move || {
            if o.cancelled() {
                return;
            }
            if i.cancelled() {
                o.cancel();
            } else {
                match i.result(&interp) {
                    Ok(v) => {
                        o.set_result(v);
                    }
                    Err(e) => {
                        if let Error::Raised(error) = to_runtime(&interp, e) {
                            o.rt.complete_future(o.id, Outcome::Failed(Error::Raised(error)));
                        }
                    }
                }
            }
        });
        library_callback(&rt, inner_cb, "shield.<locals>._inner_done_callback", 881);
        let (i, rt2) = (inner.clone(), rt.clone());
        let outer_cb = rt.add_done_callback(Target::Future(outer.id), move || {
            if !i.done() {
                rt2.remove_done_callback(i.target(), inner_cb);
            }
        });
        library_callback(&rt, outer_cb, "shield.<locals>._outer_done_callback", 898);
        Ok(Value::Future(outer))
    }

    /// `asyncio.wait(aws, timeout=None, return_when=ALL_COMPLETED)`: `(done, pending)`.
    pub async fn wait(self: &Rc<Self>, aws: Value, timeout: Value, return_when: &str) -> Res<Value> {
        let rt = self.running()?;
        let items = self.collect(&aws)?;
        if items.is_empty() {
            return raise(ExcType::ValueError, "Set of Tasks/Futures is empty.");
        }
        let mut fs = Vec::new();
        for item in items {
            match item {
                Value::Generator(_) | Value::Native(_) => {
                    let message = "Passing coroutines is forbidden, use tasks explicitly.";
                    return super::interp::raise_keeping(ExcType::TypeError, message, vec![aws]);
                }
                other => fs.push(self.ensure_future_unasked(other)?),
            }
        }
        // (CPython 3.14's notes that the running task awaits each.)
        for f in &fs {
            self.awaited_by_running(&f.value());
        }
        let all_done = fs.iter().all(Fut::done);
        let first = return_when == "FIRST_COMPLETED" && fs.iter().any(Fut::done);
        let failed = return_when == "FIRST_EXCEPTION"
            && fs.iter().any(|f| f.done() && !f.cancelled() && f.result(self).is_err());
        if !(all_done || first || failed) {
            let waiter = PyFuture::new(&rt);
            let timeout_handle = timeout.as_float().map(|t| {
                let w = waiter.clone();
                rt.call_later(t, move || release_waiter(&w))
            });
            let counter = Rc::new(std::cell::Cell::new(fs.len()));
            let mut ids = Vec::new();
            for f in &fs {
                let (w, c, f2, rt2, interp) = (waiter.clone(), counter.clone(), f.clone(), rt.clone(), self.clone());
                let when = return_when.to_owned();
                let id = rt.add_done_callback(f.target(), move || {
                    c.set(c.get().saturating_sub(1));
                    let exception = !f2.cancelled() && f2.result(&interp).is_err();
                    if c.get() == 0 || when == "FIRST_COMPLETED" || (when == "FIRST_EXCEPTION" && exception) {
                        if let Some(t) = timeout_handle {
                            rt2.cancel_timer(t);
                        }
                        release_waiter(&w);
                    }
                });
                library_callback(&rt, id, "_wait.<locals>._on_completion", 509);
                ids.push(id);
            }
            let result = waiter.wait(self).await;
            if let Some(t) = timeout_handle {
                rt.cancel_timer(t);
            }
            for (f, id) in fs.iter().zip(ids) {
                rt.remove_done_callback(f.target(), id);
            }
            result?;
        }
        let (done, pending): (Vec<Fut>, Vec<Fut>) = fs.into_iter().partition(Fut::done);
        let set = |v: Vec<Fut>| {
            let mut d = super::value::Dict::default();
            for f in v {
                let _ = super::builtins::set_add(&mut d, f.value());
            }
            Value::Set(Rc::new(RefCell::new(d)))
        };
        Ok(Value::tuple(vec![set(done), set(pending)]))
    }
}
