//! The values a program works with, and what every value can do whatever its type:
//! say its type, be true or false, be compared, be a dict key, be written as `str()`
//! and `repr()` write it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use super::builtins::Builtin;
use super::exceptions::{ExcType, Exception};

pub type Str = Rc<str>;

/// A Python value. Mutable containers are shared, as Python shares them.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int beyond 64 bits (never one an i64 holds: see `big`).
    Big(Rc<num_bigint::BigInt>),
    Float(f64),
    Str(Str),
    Bytes(Rc<[u8]>),
    List(Rc<List>),
    Tuple(Rc<Tuple>),
    Dict(Rc<RefCell<Dict>>),
    /// A set: a dict whose values are all `None`.
    Set(Rc<RefCell<Dict>>),
    Range(Rc<RangeValue>),
    Function(Rc<super::vm::Function>),
    Builtin(Builtin),
    /// A builtin method bound to its object: `words.append`.
    Method(Rc<(Value, Builtin)>),
    Type(Type),
    Exception(Rc<Exception>),
    Module(Module),
    Iterator(Rc<RefCell<Iter>>),
    /// A generator, coroutine or async generator object.
    Generator(Rc<super::vm::Generator>),
    /// An async generator's step to await (`anext(agen)`, `agen.asend(v)`...).
    AsyncStep(Rc<super::vm::AsyncStep>),
    /// A coroutine or future of asyncio's own: `asyncio.sleep(1)`.
    Native(Rc<super::asyncio::Native>),
    Task(Rc<super::asyncio::PyTask>),
    /// A function of `asyncio` or `time`.
    Asyncio(super::asyncio::Fn),
    Future(Rc<super::objects::PyFuture>),
    /// `asyncio.Lock()`, `asyncio.Queue()`, the loop...
    Object(Rc<super::objects::Obj>),
    /// A method of a task, a future, a generator or one of asyncio's objects, bound to it.
    Bound(Rc<(Value, &'static str)>),
    /// A class the program defined, an instance of one, and a function looked up on
    /// an instance, bound to it.
    Class(Rc<super::classes::Class>),
    Instance(Rc<super::classes::Instance>),
    BoundMethod(Rc<super::classes::BoundMethod>),
    /// A code object: a constant of the code around it, for `MakeFunction`.
    Code(Rc<super::bytecode::Code>),
    /// A closure's cell, on its way into a function being made.
    Cell(super::vm::Cell),
    /// What a local or global slot holds before it is assigned (never a program's value).
    Unbound,
}

/// A list's items: a `RefCell` of them, dropped as the trashcan drops (see [`discard`]).
pub struct List(pub RefCell<Vec<Value>>);

impl std::ops::Deref for List {
    type Target = RefCell<Vec<Value>>;

    fn deref(&self) -> &RefCell<Vec<Value>> {
        &self.0
    }
}

impl Drop for List {
    fn drop(&mut self) {
        discard(std::mem::take(self.0.get_mut()));
    }
}

/// A tuple's items, dropped as the trashcan drops (see [`discard`]).
pub struct Tuple(pub Box<[Value]>);

impl std::ops::Deref for Tuple {
    type Target = [Value];

    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        discard(std::mem::take(&mut self.0).into_vec());
    }
}

thread_local! {
    static TRASH: RefCell<Vec<Vec<Value>>> = const { RefCell::new(Vec::new()) };
    static TRASH_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many containers deep a drop goes before the ones inside wait their turn.
const TRASH_DEPTH_MAX: u32 = 32;

/// Drops a container's items. Containers nested deeper than a few dozen levels are
/// dropped one after another instead of inside each other (CPython's trashcan), so a
/// list nested a hundred thousand deep takes no more stack to drop than a flat one.
pub fn discard(items: Vec<Value>) {
    if items.is_empty() {
        return;
    }
    let Ok(depth) = TRASH_DEPTH.try_with(std::cell::Cell::get) else { return };
    if depth >= TRASH_DEPTH_MAX {
        TRASH.with(|t| t.borrow_mut().push(items));
        return;
    }
    TRASH_DEPTH.with(|d| d.set(depth + 1));
    drop(items);
    if depth == 0 {
        while let Some(next) = TRASH.with(|t| t.borrow_mut().pop()) {
            drop(next);
        }
    }
    TRASH_DEPTH.with(|d| d.set(depth));
}

/// A `range`: kept apart, so that a value is no bigger than its biggest common kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeValue {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeValue {
    pub fn len(&self) -> i64 {
        range_len(self.start, self.stop, self.step)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Module {
    Asyncio,
    Time,
    Random,
    Math,
    Functools,
    Typing,
    Sys,
    Logging,
    Heapq,
    Bisect,
    String,
    Contextlib,
    Collections,
    Itertools,
    Dataclasses,
    Enum,
    Contextvars,
    Datetime,
    Traceback,
    Json,
    Abc,
    Operator,
    Copy,
    Textwrap,
    Statistics,
    Uuid,
    Warnings,
    CollectionsAbc,
    Types,
    Inspect,
    Pprint,
    Argparse,
    Os,
    OsPath,
    Io,
    Gc,
    Base64,
    Secrets,
    Binascii,
    Threading,
    /// `concurrent`: the package, whose `futures` is the module.
    Concurrent,
    ConcurrentFutures,
    Hashlib,
    Hmac,
    Re,
    Graphlib,
    Keyword,
    Http,
    Reprlib,
    Signal,
    Queue,
    Fractions,
    /// `urllib`: the package, whose `parse` is the module (`request` is refused).
    Urllib,
    UrllibParse,
    Weakref,
    Decimal,
    Atexit,
    Timeit,
    Platform,
    Struct,
    LoggingHandlers,
}

impl Module {
    /// The modules a program can import, by name.
    pub const ALL: [Module; 61] = [
        Module::Asyncio,
        Module::Bisect,
        Module::Collections,
        Module::Contextvars,
        Module::Datetime,
        Module::Dataclasses,
        Module::Enum,
        Module::Contextlib,
        Module::Heapq,
        Module::Itertools,
        Module::String,
        Module::Functools,
        Module::Logging,
        Module::Math,
        Module::Random,
        Module::Sys,
        Module::Time,
        Module::Traceback,
        Module::Typing,
        Module::Json,
        Module::Abc,
        Module::Operator,
        Module::Copy,
        Module::Textwrap,
        Module::Statistics,
        Module::Uuid,
        Module::Warnings,
        Module::CollectionsAbc,
        Module::Types,
        Module::Inspect,
        Module::Pprint,
        Module::Argparse,
        Module::Os,
        Module::OsPath,
        Module::Io,
        Module::Gc,
        Module::Base64,
        Module::Secrets,
        Module::Binascii,
        Module::Threading,
        Module::Concurrent,
        Module::ConcurrentFutures,
        Module::Hashlib,
        Module::Hmac,
        Module::Re,
        Module::Graphlib,
        Module::Keyword,
        Module::Http,
        Module::Reprlib,
        Module::Signal,
        Module::Queue,
        Module::Fractions,
        Module::Urllib,
        Module::UrllibParse,
        Module::Weakref,
        Module::Decimal,
        Module::Atexit,
        Module::Timeit,
        Module::Platform,
        Module::Struct,
        Module::LoggingHandlers,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Module::Asyncio => "asyncio",
            Module::Time => "time",
            Module::Random => "random",
            Module::Math => "math",
            Module::Functools => "functools",
            Module::Typing => "typing",
            Module::Sys => "sys",
            Module::Logging => "logging",
            Module::Heapq => "heapq",
            Module::Bisect => "bisect",
            Module::String => "string",
            Module::Contextlib => "contextlib",
            Module::Collections => "collections",
            Module::Itertools => "itertools",
            Module::Dataclasses => "dataclasses",
            Module::Enum => "enum",
            Module::Contextvars => "contextvars",
            Module::Datetime => "datetime",
            Module::Traceback => "traceback",
            Module::Json => "json",
            Module::Abc => "abc",
            Module::Operator => "operator",
            Module::Copy => "copy",
            Module::Textwrap => "textwrap",
            Module::Statistics => "statistics",
            Module::Uuid => "uuid",
            Module::Warnings => "warnings",
            Module::CollectionsAbc => "collections.abc",
            Module::Types => "types",
            Module::Inspect => "inspect",
            Module::Pprint => "pprint",
            Module::Argparse => "argparse",
            Module::Os => "os",
            Module::OsPath => "os.path",
            Module::Io => "io",
            Module::Gc => "gc",
            Module::Base64 => "base64",
            Module::Secrets => "secrets",
            Module::Binascii => "binascii",
            Module::Threading => "threading",
            Module::Concurrent => "concurrent",
            Module::ConcurrentFutures => "concurrent.futures",
            Module::Hashlib => "hashlib",
            Module::Hmac => "hmac",
            Module::Re => "re",
            Module::Graphlib => "graphlib",
            Module::Keyword => "keyword",
            Module::Http => "http",
            Module::Reprlib => "reprlib",
            Module::Signal => "signal",
            Module::Queue => "queue",
            Module::Fractions => "fractions",
            Module::Urllib => "urllib",
            Module::UrllibParse => "urllib.parse",
            Module::Weakref => "weakref",
            Module::Decimal => "decimal",
            Module::Atexit => "atexit",
            Module::Timeit => "timeit",
            Module::Platform => "platform",
            Module::Struct => "struct",
            Module::LoggingHandlers => "logging.handlers",
        }
    }

    /// Whether it is written in Python alone (see `library`), not in part.
    pub fn in_python(self) -> bool {
        matches!(
            self,
            Module::Collections
                | Module::Itertools
                | Module::Dataclasses
                | Module::Enum
                | Module::Contextvars
                | Module::Datetime
                | Module::Logging
                | Module::Json
                | Module::Abc
                | Module::Operator
                | Module::Copy
                | Module::Textwrap
                | Module::Statistics
                | Module::Uuid
                | Module::Warnings
                | Module::CollectionsAbc
                | Module::Types
                | Module::Inspect
                | Module::Pprint
                | Module::Argparse
                | Module::Os
                | Module::OsPath
                | Module::Io
                | Module::Gc
                | Module::Base64
                | Module::Secrets
                | Module::Binascii
                | Module::Threading
                | Module::ConcurrentFutures
                | Module::Hmac
                | Module::Graphlib
                | Module::Keyword
                | Module::Http
                | Module::Reprlib
                | Module::Signal
                | Module::Queue
                | Module::Fractions
                | Module::UrllibParse
                | Module::Decimal
                | Module::Atexit
                | Module::Timeit
                | Module::Platform
                | Module::Struct
                | Module::LoggingHandlers
        )
    }

    pub fn named(name: &str) -> Option<Module> {
        Module::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The types a program can name or ask for: `int`, `type(x).__name__`, `except E`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Function,
    BuiltinFunction,
    Type,
    Module,
    Iterator,
    Generator,
    Coroutine,
    AsyncGenerator,
    Task,
    Future,
    /// One of asyncio's classes (or another object's type), by name (a thin reference,
    /// so that a type, and a value, stays small).
    Object(&'static &'static str),
    Exception(ExcType),
}

impl Type {
    /// Its `__module__`: asyncio's classes made in Rust, and the built-in exceptions,
    /// in the modules CPython's live in.
    pub fn module(self) -> &'static str {
        match self {
            Type::Exception(e) if e.module() == "asyncio" => super::exceptions::asyncio_module_of(e),
            Type::Exception(e) => e.module(),
            _ => match self.name() {
                "Task" | "Future" => "_asyncio",
                "Lock" | "Event" | "Semaphore" | "BoundedSemaphore" | "Condition" => "asyncio.locks",
                "TaskGroup" => "asyncio.taskgroups",
                "Timeout" => "asyncio.timeouts",
                "TimerHandle" | "Handle" | "AbstractEventLoop" => "asyncio.events",
                "BaseEventLoop" => "asyncio.base_events",
                "_UnixSelectorEventLoop" => "asyncio.unix_events",
                _ => "builtins",
            },
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Type::NoneType => "NoneType",
            Type::Bool => "bool",
            Type::Int => "int",
            Type::Float => "float",
            Type::Str => "str",
            Type::Bytes => "bytes",
            Type::List => "list",
            Type::Tuple => "tuple",
            Type::Dict => "dict",
            Type::Set => "set",
            Type::FrozenSet => "frozenset",
            Type::Range => "range",
            Type::Function => "function",
            Type::BuiltinFunction => "builtin_function_or_method",
            Type::Type => "type",
            Type::Module => "module",
            Type::Iterator => "iterator",
            Type::Generator => "generator",
            Type::Coroutine => "coroutine",
            Type::AsyncGenerator => "async_generator",
            Type::Task => "Task",
            Type::Future => "Future",
            Type::Object(name) => name,
            Type::Exception(e) => e.name(),
        }
    }

    /// Whether a value of this type is an instance of `other` (`isinstance`).
    pub fn is_subtype(self, other: Type) -> bool {
        match (self, other) {
            (a, b) if a == b => true,
            (_, Type::Object(&"object")) => true,
            (Type::Bool, Type::Int) => true,
            (Type::Exception(a), Type::Exception(b)) => a.is_subclass(b),
            // asyncio's classes made in Rust, as CPython's derive.
            (Type::Object(&"TimerHandle"), Type::Object(&"Handle")) => true,
            (Type::Object(&"_UnixSelectorEventLoop"), Type::Object(&("AbstractEventLoop" | "BaseEventLoop"))) => true,
            _ => false,
        }
    }
}

/// What `iter()` gives: a position in something iterable. The lazy ones (`map`,
/// `filter`, `zip`, `enumerate`) take their items from other iterators as they are asked.
pub enum Iter {
    /// Over a snapshot-free list (it sees appends, as Python's does).
    List(Rc<List>, usize),
    /// Over values taken as iteration began, and the name of its type.
    Values(Vec<Value>, usize, &'static &'static str),
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    Chars(Str, usize),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    /// `zip(*sources, strict=)`.
    Zip(Vec<Value>, bool),
    Enumerate(Value, i64),
    /// `coro.__await__()`: iterating it resumes what it wraps.
    Await(Value),
    /// Over a dict's keys as they stand (the dict, the next entry, and its size when
    /// iterating began: a change of size is an error, as in CPython).
    DictKeys(Rc<RefCell<Dict>>, usize, usize),
    /// `iter(obj)` of an object with `__getitem__` and no `__iter__`: `obj[0]`,
    /// `obj[1]`... until `IndexError` (the old sequence protocol).
    Seq(Value, i64),
    /// `iter(callable, sentinel)`: calls until it returns the sentinel.
    Callable(Value, Value),
    Done,
}

impl Iter {
    /// The next item when it needs no call into Python: `Some(None)` when exhausted,
    /// `None` when the lazy parts must be asked (see `Interp::next_of`).
    pub fn next_simple(&mut self) -> Option<Option<Value>> {
        match self {
            Iter::Map(..)
            | Iter::Filter(..)
            | Iter::Zip(..)
            | Iter::Enumerate(..)
            | Iter::Await(_)
            | Iter::Seq(..)
            | Iter::Callable(..)
            | Iter::DictKeys(..) => None,
            Iter::Done => Some(None),
            simple => Some(simple.next()),
        }
    }

    /// What a lazy iterator's next step needs.
    pub fn lazy_parts(&self) -> super::vm::Lazy {
        use super::vm::Lazy;
        match self {
            Iter::Map(f, sources) => Lazy::Map(f.clone(), sources.clone()),
            Iter::Filter(f, source) => Lazy::Filter(f.clone(), source.clone()),
            Iter::Zip(sources, strict) => Lazy::Zip(sources.clone(), *strict),
            Iter::Enumerate(source, _) => Lazy::Enumerate(source.clone()),
            Iter::Await(inner) => Lazy::Await(inner.clone()),
            Iter::Seq(source, _) => Lazy::Seq(source.clone()),
            Iter::Callable(f, sentinel) => Lazy::Callable(f.clone(), sentinel.clone()),
            Iter::DictKeys(..) => Lazy::DictKeys,
            _ => Lazy::Done,
        }
    }

    /// `enumerate`'s count (or the sequence protocol's index): the current one, then
    /// one more.
    pub fn count_up(&mut self) -> i64 {
        match self {
            Iter::Enumerate(_, n) | Iter::Seq(_, n) => {
                let current = *n;
                *n += 1;
                current
            }
            _ => 0,
        }
    }
}

impl Iterator for Iter {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        match self {
            Iter::List(list, i) => {
                let item = list.borrow().get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Values(values, i, _) => {
                let item = values.get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let item = *next;
                    *next += *step;
                    Some(Value::Int(item))
                } else {
                    None
                }
            }
            Iter::Chars(text, i) => {
                let c = text[*i..].chars().next()?;
                *i += c.len_utf8();
                Some(Value::Str(c.to_string().into()))
            }
            _ => None,
        }
    }
}

// ---- dicts and sets ----

/// A hashable value's identity as a key: equal values (`1`, `1.0`, `True`) give equal keys.
/// A number and an object of the program's (`Decimal("1.0")`, `Fraction(1, 2)`) are the
/// same key when their hashes agree and the object's `__eq__` says they are equal.
#[derive(Clone, Debug)]
pub enum Key {
    None,
    Int(i64),
    Big(Rc<num_bigint::BigInt>),
    /// A float that is not a whole number, by its bits (`-0.0` is `Int(0)`).
    Float(u64),
    Str(Str),
    Bytes(Rc<[u8]>),
    Tuple(Vec<Key>),
    /// A frozenset's keys, in an order that depends on them alone (their hashes).
    Frozen(Vec<Key>),
    /// Functions, types and other objects hash by identity.
    Object(usize),
    /// An object of a class with `__hash__`: equal by its `__eq__`.
    Custom(CustomKey),
}

/// The key of an object whose class defines `__hash__`: its hash, and the object,
/// whose `__eq__` (run on its class's machine) decides whether two keys are the same.
#[derive(Clone, Debug)]
pub struct CustomKey {
    pub hash: i64,
    pub value: Value,
}

impl PartialEq for CustomKey {
    fn eq(&self, other: &CustomKey) -> bool {
        self.equals(&other.value)
    }
}

impl CustomKey {
    /// Whether `other` is the same key: the object itself, or equal by its `__eq__`.
    fn equals(&self, other: &Value) -> bool {
        if self.value.identity() == other.identity() {
            return true;
        }
        let Value::Instance(i) = &self.value else { return false };
        // (An error `__eq__` raises is kept for the machine: the keys then differ.)
        match i.special_or_keep("__eq__", vec![other.clone()]) {
            Some(Value::Bool(b)) => b,
            Some(Value::Int(n)) => n != 0,
            _ => false,
        }
    }
}

impl Eq for CustomKey {}

impl Key {
    /// CPython's hash of a numeric key (an int, a float, an object with `__hash__`),
    /// which equal numbers share; `None` for other keys.
    fn number_hash(&self) -> Option<i64> {
        match self {
            Key::Int(n) => Some(super::big::hash_small(*n)),
            Key::Big(b) => Some(super::big::hash(b)),
            Key::Float(bits) => Some(super::big::hash_float(f64::from_bits(*bits))),
            Key::Custom(c) => Some(c.hash),
            _ => None,
        }
    }

    /// The value of a numeric key, for an object's `__eq__` to compare with.
    fn number_value(&self) -> Option<Value> {
        match self {
            Key::Int(n) => Some(Value::Int(*n)),
            Key::Big(b) => Some(Value::Big(b.clone())),
            Key::Float(bits) => Some(Value::Float(f64::from_bits(*bits))),
            _ => None,
        }
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::None, Key::None) => true,
            (Key::Int(a), Key::Int(b)) => a == b,
            (Key::Big(a), Key::Big(b)) => a == b,
            (Key::Float(a), Key::Float(b)) => a == b,
            (Key::Str(a), Key::Str(b)) => a == b,
            (Key::Bytes(a), Key::Bytes(b)) => a == b,
            (Key::Tuple(a), Key::Tuple(b)) | (Key::Frozen(a), Key::Frozen(b)) => a == b,
            (Key::Object(a), Key::Object(b)) => a == b,
            (Key::Custom(a), Key::Custom(b)) => a == b,
            (Key::Custom(c), number) | (number, Key::Custom(c)) => {
                number.number_hash() == Some(c.hash) && number.number_value().is_some_and(|n| c.equals(&n))
            }
            _ => false,
        }
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if let Some(h) = self.number_hash() {
            state.write_i64(h);
            return;
        }
        std::mem::discriminant(self).hash(state);
        match self {
            Key::Str(s) => s.hash(state),
            Key::Bytes(b) => b.hash(state),
            Key::Tuple(keys) | Key::Frozen(keys) => keys.hash(state),
            Key::Object(id) => id.hash(state),
            _ => {}
        }
    }
}

impl std::hash::Hash for CustomKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

/// CPython's `hash()` of an int, as the unsigned word its tables use: the int modulo
/// 2**61 - 1, with the sign kept, and -1 (an error code in C) made -2.
fn int_hash(n: i64) -> u64 {
    super::big::hash_small(n) as u64
}

/// The slot order of a CPython set (`Objects/setobject.c`) filled with these hashes in
/// this order: linear probing 9 slots, then perturbed jumps; the table (8 slots at
/// first) grows to the smallest power of two over 4 × used once it is 3/5 full, and
/// re-inserts its entries in slot order. Returns indexes into `hashes`.
///
/// The first `merged` hashes (a literal of constants) are first added to a frozenset,
/// which is then merged into the empty set: one resize to over 2 × their number if
/// they fill 3/5 of 8 slots, and a clean insert in the frozenset's slot order.
fn cpython_set_order(hashes: &[u64], merged: usize) -> Vec<usize> {
    const LINEAR_PROBES: usize = 9;
    fn insert(table: &mut [Option<usize>], hashes: &[u64], item: usize) {
        let mask = table.len() - 1;
        let hash = hashes[item];
        let mut perturb = hash;
        let mut i = hash as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            if let Some(slot) = table[i..=i + probes].iter_mut().find(|slot| slot.is_none()) {
                *slot = Some(item);
                return;
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
    /// A table of the smallest power of two over `minused` slots, at least 8.
    fn empty(minused: usize) -> Vec<Option<usize>> {
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        vec![None; size]
    }
    /// Adds `items` one by one, as `set.add` does.
    fn add(table: &mut Vec<Option<usize>>, hashes: &[u64], items: impl Iterator<Item = usize>, mut used: usize) {
        for item in items {
            insert(table, hashes, item);
            used += 1;
            if used * 5 >= (table.len() - 1) * 3 {
                let old = std::mem::replace(table, empty(if used > 50_000 { used * 2 } else { used * 4 }));
                for entry in old.into_iter().flatten() {
                    insert(table, hashes, entry);
                }
            }
        }
    }
    let mut table = empty(0);
    let mut used = 0;
    if merged > 2 {
        let mut frozen = empty(0);
        add(&mut frozen, hashes, 0..merged, 0);
        if merged * 5 >= 7 * 3 {
            table = empty(merged * 2);
        }
        for entry in frozen.into_iter().flatten() {
            insert(&mut table, hashes, entry);
        }
        used = merged;
    }
    add(&mut table, hashes, used..hashes.len(), used);
    table.into_iter().flatten().collect()
}

/// An insertion-ordered dict, as Python's.
#[derive(Default, Clone)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<Key, usize, BuildHasherDefault<Fnv>>,
    live: usize,
    /// For a set made by a literal of three or more constants, how many of its first
    /// keys came from it: CPython builds those as a frozenset and merges it in.
    pub from_constants: usize,
    /// A `frozenset`: a set that cannot change, and so can be a key.
    pub frozen: bool,
}

impl Dict {
    /// The key of the first entry at `at` or after it that is still there, and where
    /// the next search begins; `None` past the last.
    pub fn key_from(&self, at: usize) -> Option<(Value, usize)> {
        (at..self.entries.len()).find_map(|i| self.entries[i].as_ref().map(|(k, _)| (k.clone(), i + 1)))
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        let &i = self.index.get(key)?;
        self.entries[i].as_ref().map(|(_, v)| v)
    }

    pub fn insert(&mut self, key: Key, k: Value, v: Value) {
        match self.index.get(&key) {
            Some(&i) => {
                let entry = self.entries[i].as_mut().expect("indexed entries are live");
                entry.1 = v;
            }
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push(Some((k, v)));
                self.live += 1;
            }
        }
    }

    pub fn remove(&mut self, key: &Key) -> Option<(Value, Value)> {
        let i = self.index.remove(key)?;
        self.live -= 1;
        let entry = self.entries[i].take();
        if self.entries.len() > 32 && self.live < self.entries.len() / 2 {
            self.compact();
        }
        entry
    }

    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        self.index.clear();
        for (i, (k, _)) in self.entries.iter().flatten().enumerate() {
            self.index.insert(k.key().expect("keys in a dict are hashable"), i);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    pub fn clear(&mut self) {
        *self = Dict::default();
    }

    /// The keys of a set in the order CPython iterates it: by their slots in its hash
    /// table, which for integers (hashed as themselves) is the same in every run. Sets
    /// of anything else keep the order they were filled in (CPython's is then different
    /// in every process, as strings are hashed with a random key).
    pub fn set_keys(&self) -> Vec<Value> {
        let keys = self.keys();
        let hashes: Option<Vec<u64>> = keys
            .iter()
            .map(|k| match k {
                Value::Int(n) => Some(int_hash(*n)),
                Value::Bool(b) => Some(u64::from(*b)),
                _ => None,
            })
            .collect();
        match hashes {
            Some(hashes) => cpython_set_order(&hashes, self.from_constants.min(hashes.len()))
                .into_iter()
                .map(|i| keys[i].clone())
                .collect(),
            None => keys,
        }
    }

    /// Removes and returns the last entry (`dict.popitem()`).
    /// Its keys and values, taken out.
    fn take_all(&mut self) -> Vec<Value> {
        let entries = std::mem::take(&mut self.entries);
        self.index.clear();
        self.live = 0;
        entries.into_iter().flatten().flat_map(|(k, v)| [k, v]).collect()
    }

    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let last = self.entries.iter().rposition(Option::is_some)?;
        let key = self.entries[last].as_ref().expect("found live").0.key().expect("hashable");
        self.remove(&key)
    }
}

impl Drop for Dict {
    fn drop(&mut self) {
        if self.live > 0 {
            discard(self.take_all());
        }
    }
}

/// A word at a time (the Fx hash of Firefox and rustc): names and small keys hash fast,
/// and no key comes from an attacker who could make collisions cost more than a program
/// can spend anyway.
#[derive(Default)]
pub struct Fnv(u64);

impl Fnv {
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = 0u64;
        for (i, &b) in chunks.remainder().iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        self.add(last ^ bytes.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

// ---- what every value can do ----

impl Value {
    pub fn str(text: &str) -> Value {
        Value::Str(text.into())
    }

    pub fn range(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Rc::new(RangeValue { start, stop, step }))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(List(RefCell::new(items))))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(Tuple(items.into_boxed_slice())))
    }

    pub fn type_of(&self) -> Type {
        match self {
            Value::None => Type::NoneType,
            Value::Bool(_) => Type::Bool,
            Value::Int(_) | Value::Big(_) => Type::Int,
            Value::Float(_) => Type::Float,
            Value::Str(_) => Type::Str,
            Value::Bytes(_) => Type::Bytes,
            Value::List(_) => Type::List,
            Value::Tuple(t) if super::builtins::is_slice_parts(t) => Type::Object(&"slice"),
            Value::Tuple(_) => Type::Tuple,
            Value::Dict(_) => Type::Dict,
            Value::Set(d) if d.borrow().frozen => Type::FrozenSet,
            Value::Set(_) => Type::Set,
            Value::Range(..) => Type::Range,
            Value::Function(_) => Type::Function,
            Value::Builtin(Builtin::NotImplemented) => Type::Object(&"NotImplementedType"),
            Value::Builtin(_) | Value::Method(_) => Type::BuiltinFunction,
            Value::Type(_) => Type::Type,
            Value::Exception(e) => Type::Exception(e.kind),
            Value::Module(_) => Type::Module,
            Value::Iterator(it) if matches!(&*it.borrow(), Iter::Await(_)) => Type::Object(&"coroutine_wrapper"),
            Value::Iterator(it) => Type::Object(match &*it.borrow() {
                Iter::Map(..) => &"map",
                Iter::Filter(..) => &"filter",
                Iter::Zip(..) => &"zip",
                Iter::Enumerate(..) => &"enumerate",
                Iter::List(..) => &"list_iterator",
                Iter::Range { .. } => &"range_iterator",
                Iter::Chars(..) => &"str_ascii_iterator",
                Iter::DictKeys(..) => &"dict_keyiterator",
                Iter::Callable(..) => &"callable_iterator",
                Iter::Values(_, _, name) => name,
                _ => &"iterator",
            }),
            Value::Generator(g) => match g.kind() {
                super::bytecode::CodeKind::Coroutine => Type::Coroutine,
                super::bytecode::CodeKind::AsyncGenerator => Type::AsyncGenerator,
                _ => Type::Generator,
            },
            Value::AsyncStep(s) if s.close => Type::Object(&"async_generator_athrow"),
            Value::AsyncStep(_) => Type::Object(&"async_generator_asend"),
            Value::Native(n) if n.name == "gather" => Type::Object(&"_GatheringFuture"),
            Value::Native(_) => Type::Coroutine,
            Value::Task(_) => Type::Task,
            // (random's functions are methods of its hidden generator.)
            Value::Bound(b) if matches!(b.0, Value::Module(Module::Random)) && b.1 != "Random" => {
                Type::Object(&"method")
            }
            Value::Asyncio(_) | Value::Bound(_) => Type::BuiltinFunction,
            Value::Future(_) => Type::Future,
            Value::Object(o) => Type::Object(o.type_name()),
            Value::Code(_) => Type::Object(&"code"),
            Value::Cell(_) => Type::Object(&"cell"),
            Value::Class(_) => Type::Type,
            Value::Instance(i) => Type::Object(i.class.static_name),
            Value::BoundMethod(_) => Type::Object(&"method"),
            Value::Unbound => Type::NoneType,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.type_of().name()
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Object(o) if matches!(&**o, super::objects::Obj::DictView(..)) => {
                o.view_items().is_some_and(|items| !items.is_empty())
            }
            Value::Instance(i) => {
                for name in ["__bool__", "__len__"] {
                    if i.class.lookup(name).is_some() {
                        return i.special_or_keep(name, Vec::new()).is_none_or(|v| v.truthy());
                    }
                }
                true
            }
            _ => true,
        }
    }

    /// The value as a dict key, or `None` if it is unhashable (a list, a dict, a set).
    pub fn key(&self) -> Option<Key> {
        Some(match self {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(i64::from(*b)),
            Value::Int(n) => Key::Int(*n),
            Value::Big(n) => Key::Big(n.clone()),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => Key::Int(*x as i64),
            Value::Float(x) if x.fract() == 0.0 && x.is_finite() => {
                super::big::from_float(*x).map_or(Key::Float(x.to_bits()), |n| Key::Big(Rc::new(n)))
            }
            Value::Float(x) => Key::Float(x.to_bits()),
            Value::Str(s) => Key::Str(s.clone()),
            Value::Bytes(b) => Key::Bytes(b.clone()),
            Value::Tuple(items) => Key::Tuple(items.iter().map(Value::key).collect::<Option<_>>()?),
            Value::Set(d) if d.borrow().frozen => {
                use std::hash::{BuildHasher, BuildHasherDefault};
                let hasher = BuildHasherDefault::<Fnv>::default();
                let mut keys: Vec<Key> = d.borrow().keys().iter().map(Value::key).collect::<Option<_>>()?;
                keys.sort_by_cached_key(|k| hasher.hash_one(k));
                Key::Frozen(keys)
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => return None,
            // A member of an enum with a str or int mixin is the key its value is
            // (`{2: ...}[Signals.SIGINT]`), as it hashes and compares as that value.
            Value::Instance(i) if i.class.stands_on("_IntMixin") || i.class.stands_on("_StrMixin") => {
                let value = i.dict.borrow().get(&Key::Str("_value_".into())).cloned()?;
                return value.key();
            }
            Value::Instance(i) => {
                // An object of a class derived from str, int, float or tuple is the key
                // its value is, while it hashes as that value.
                if let Some(plain) = self.hashed_as_value() {
                    return plain.key();
                }
                match i.class.lookup("__hash__") {
                    // (`__hash__ = None` makes unhashable objects.)
                    Some(Value::None) => return None,
                    Some(_) => match i.special_or_keep("__hash__", Vec::new())? {
                        Value::Int(hash) => Key::Custom(CustomKey { hash, value: self.clone() }),
                        Value::Bool(b) => Key::Custom(CustomKey { hash: i64::from(b), value: self.clone() }),
                        _ => {
                            let e = super::exceptions::Exception::with_message(
                                super::exceptions::ExcType::TypeError,
                                "__hash__ method should return an integer",
                            );
                            if let Some(interp) = i.class.interp.upgrade() {
                                interp.keep_error(super::interp::Unwind::Raise(e));
                            }
                            return None;
                        }
                    },
                    // A class with `__eq__` and no `__hash__` makes unhashable objects, as in CPython.
                    None if i.class.lookup("__eq__").is_some() => return None,
                    None => Key::Object(self.identity()),
                }
            }
            other => Key::Object(other.identity()),
        })
    }

    /// An address standing for the object, for `is` and identity hashing.
    pub fn identity(&self) -> usize {
        match self {
            Value::List(l) => Rc::as_ptr(l) as *const u8 as usize,
            Value::Tuple(t) => t.as_ptr() as usize,
            Value::Dict(d) | Value::Set(d) => Rc::as_ptr(d) as *const u8 as usize,
            Value::Function(f) => Rc::as_ptr(f) as *const u8 as usize,
            Value::Method(m) => Rc::as_ptr(m) as *const u8 as usize,
            Value::Exception(e) => Rc::as_ptr(e) as *const u8 as usize,
            Value::Iterator(i) => Rc::as_ptr(i) as *const u8 as usize,
            Value::Generator(g) => Rc::as_ptr(g) as *const u8 as usize,
            Value::AsyncStep(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::Code(c) => Rc::as_ptr(c) as *const u8 as usize,
            Value::Cell(c) => Rc::as_ptr(c) as *const u8 as usize,
            Value::Class(c) => Rc::as_ptr(c) as *const u8 as usize,
            Value::Instance(i) => Rc::as_ptr(i) as *const u8 as usize,
            Value::BoundMethod(m) => Rc::as_ptr(m) as *const u8 as usize,
            Value::Unbound => 0,
            Value::Native(n) => Rc::as_ptr(n) as *const u8 as usize,
            Value::Task(t) => Rc::as_ptr(t) as *const u8 as usize,
            Value::Asyncio(f) => 0x3000 + *f as usize,
            Value::Future(f) => Rc::as_ptr(f) as *const u8 as usize,
            Value::Object(o) => Rc::as_ptr(o) as *const u8 as usize,
            Value::Bound(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::Str(s) => s.as_ptr() as usize,
            Value::Bytes(b) => b.as_ptr() as usize,
            Value::Builtin(b) => *b as usize + 1,
            Value::Type(t) => type_index(*t),
            Value::Module(m) => 0x2000 + *m as usize,
            Value::None => 1,
            Value::Bool(b) => 2 + usize::from(*b),
            Value::Int(n) => *n as usize,
            Value::Big(n) => Rc::as_ptr(n) as *const u8 as usize,
            Value::Float(x) => x.to_bits() as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are shared in CPython; the playground's ints all compare by value.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Type(a), Value::Type(b)) => a == b,
            (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Builtin(a), Value::Builtin(b)) => a == b,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b) && a.identity() == b.identity(),
        }
    }

    /// `a == b`, for the values whose equality does not call back into the program.
    pub fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(_) | Value::Int(_), Value::Bool(_) | Value::Int(_)) => self.as_int() == other.as_int(),
            (Value::Big(a), Value::Big(b)) => a == b,
            (Value::Big(n), Value::Float(x)) | (Value::Float(x), Value::Big(n)) => {
                x.fract() == 0.0 && super::big::from_float(*x).is_some_and(|m| m == **n)
            }
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Float(a), Value::Bool(_) | Value::Int(_)) | (Value::Bool(_) | Value::Int(_), Value::Float(a)) => {
                let n = if let Value::Float(_) = self { other.as_int() } else { self.as_int() };
                n.is_some_and(|n| *a == n as f64 && (a.abs() < 9.2e18 && *a as i64 == n))
            }
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (Value::Instance(_), _) | (_, Value::Instance(_)) => super::classes::instance_equals(self, other),
            // A dict's keys or items equal a set of the same (and each other).
            (Value::Object(_), _) | (_, Value::Object(_))
                if super::builtins::set_like_view(self) || super::builtins::set_like_view(other) =>
            {
                let as_set = |v: &Value| super::builtins::view_or_set(v).and_then(Result::ok);
                match (as_set(self), as_set(other)) {
                    (Some(a), Some(b)) => a.equals(&b),
                    _ => false,
                }
            }
            (Value::BoundMethod(a), Value::BoundMethod(b)) => a.this.is(&b.this) && a.function.is(&b.function),
            // Aliases of the same origin and arguments (`List[int] == List[int]`).
            (Value::Object(a), Value::Object(b))
                if matches!((&**a, &**b), (super::objects::Obj::Alias(_), super::objects::Obj::Alias(_))) =>
            {
                let (super::objects::Obj::Alias(a), super::objects::Obj::Alias(b)) = (&**a, &**b) else {
                    unreachable!("aliases")
                };
                // (Unions, however spelled, are equal when their members are, in any order:
                // `Optional[int] == Union[None, int] == int | None`.)
                let union = |t: Option<&str>| matches!(t, Some("Union" | "Optional" | "|"));
                if union(a.typing) && union(b.typing) {
                    let within = |x: &[Value], y: &[Value]| x.iter().all(|v| y.iter().any(|w| v.equals(w)));
                    return within(&a.args, &b.args) && within(&b.args, &a.args);
                }
                a.typing == b.typing
                    && a.origin.equals(&b.origin)
                    && a.args.len() == b.args.len()
                    && a.args.iter().zip(&b.args).all(|(x, y)| x.equals(y))
            }
            (Value::List(a), Value::List(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (a, b) = (a.borrow(), b.borrow());
                    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.is(y) || x.equals(y))
                }
            }
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.is(y) || x.equals(y))
            }
            (Value::Dict(a), Value::Dict(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (a, b) = (a.borrow(), b.borrow());
                    a.len() == b.len()
                        && a.iter().all(|(k, v)| {
                            k.key().and_then(|key| b.get(&key).map(|w| v.is(w) || v.equals(w))).unwrap_or(false)
                        })
                }
            }
            (Value::Set(a), Value::Set(b)) => {
                Rc::ptr_eq(a, b) || {
                    let (a, b) = (a.borrow(), b.borrow());
                    a.len() == b.len() && a.iter().all(|(k, _)| k.key().is_some_and(|key| b.get(&key).is_some()))
                }
            }
            (Value::Range(r), Value::Range(q)) => {
                let (a, b, c, x, y, z) = (&r.start, &r.stop, &r.step, &q.start, &q.stop, &q.step);
                let (n, m) = (range_len(*a, *b, *c), range_len(*x, *y, *z));
                n == m && (n == 0 || (a == x && (n == 1 || c == z)))
            }
            (a, b) => a.is(b),
        }
    }

    #[inline]
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Bool(b) => Some(i64::from(*b)),
            Value::Int(n) => Some(*n),
            Value::Instance(_) => self.plain_int(),
            _ => None,
        }
    }

    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Int(n) => Some(*n as f64),
            Value::Big(n) => Some(num_traits::ToPrimitive::to_f64(&**n).unwrap_or(f64::INFINITY)),
            Value::Float(x) => Some(*x),
            Value::Instance(_) => self.plain_float(),
            _ => None,
        }
    }

    /// [`Value::as_int`] of an object of a class derived from int (kept out of the
    /// hot path).
    #[cold]
    #[inline(never)]
    fn plain_int(&self) -> Option<i64> {
        match self.plain_value()? {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    /// [`Value::as_float`] of an object of a class derived from int or float.
    #[cold]
    #[inline(never)]
    fn plain_float(&self) -> Option<f64> {
        match self.plain_value()? {
            plain @ (Value::Int(_) | Value::Big(_) | Value::Float(_)) => plain.as_float(),
            _ => None,
        }
    }

    /// [`Value::plain_value`], for an object whose class keeps the library base's
    /// `__hash__`: it hashes, and is a dict's key, as that value.
    pub fn hashed_as_value(&self) -> Option<Value> {
        match self {
            Value::Instance(i) if i.class.defined_by("__hash__", "_ValueBase") => self.plain_value(),
            _ => None,
        }
    }

    /// The value an object of a class derived from int, float, str or tuple stands
    /// for (collections' `_ValueBase`), as the built-in functions take it.
    pub fn plain_value(&self) -> Option<Value> {
        match self {
            Value::Instance(i) if i.class.stands_on("_ValueBase") => {
                i.dict.borrow().get(&Key::Str("_value".into())).cloned()
            }
            _ => None,
        }
    }

    /// `str(value)`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Exception(e) => e.message(),
            Value::Instance(i) if i.class.lookup("__str__").is_some() => {
                i.text("__str__", "__str__").unwrap_or_default()
            }
            Value::Instance(i) if i.class.lookup("__repr__").is_some() => {
                i.text("__repr__", "__str__").unwrap_or_default()
            }
            _ => self.repr(),
        }
    }

    /// `repr(value)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out, 0);
        out
    }

    fn write_repr(&self, out: &mut String, depth: usize) {
        if depth > 100 {
            out.push_str("...");
            return;
        }
        let seq = |out: &mut String, items: &[Value], open: &str, close: &str| {
            out.push_str(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                item.write_repr(out, depth + 1);
            }
            out.push_str(close);
        };
        match self {
            Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(n) => push_int(out, *n),
            Value::Big(n) => out.push_str(&n.to_string()),
            Value::Float(x) => out.push_str(&float_repr(*x)),
            Value::Str(s) => out.push_str(&str_repr(s)),
            Value::Bytes(b) => out.push_str(&bytes_repr(b)),
            Value::List(items) => {
                // A list inside itself is written `[...]`, as CPython's `Py_ReprEnter` has it.
                let Some(_entered) = ReprGuard::enter(Rc::as_ptr(items) as *const () as usize) else {
                    out.push_str("[...]");
                    return;
                };
                seq(out, &items.borrow(), "[", "]")
            }
            Value::Tuple(items) if super::builtins::is_slice_parts(items) => seq(out, &items[1..], "slice(", ")"),
            Value::Tuple(items) if items.len() == 1 => seq(out, items, "(", ",)"),
            Value::Tuple(items) => seq(out, items, "(", ")"),
            Value::Dict(d) => {
                let Some(_entered) = ReprGuard::enter(Rc::as_ptr(d) as *const () as usize) else {
                    out.push_str("{...}");
                    return;
                };
                out.push('{');
                for (i, (k, v)) in d.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out, depth + 1);
                    out.push_str(": ");
                    v.write_repr(out, depth + 1);
                }
                out.push('}');
            }
            Value::Set(d) if d.borrow().frozen && d.borrow().is_empty() => out.push_str("frozenset()"),
            Value::Set(d) if d.borrow().frozen => seq(out, &d.borrow().set_keys(), "frozenset({", "})"),
            Value::Set(d) if d.borrow().is_empty() => out.push_str("set()"),
            Value::Set(d) => seq(out, &d.borrow().set_keys(), "{", "}"),
            Value::Range(r) if r.step == 1 => {
                let (a, b) = (r.start, r.stop);
                let _ = write!(out, "range({a}, {b})");
            }
            Value::Range(r) => {
                let (a, b, c) = (r.start, r.stop, r.step);
                let _ = write!(out, "range({a}, {b}, {c})");
            }
            Value::Function(f) => {
                let _ = write!(out, "<function {} at 0x{:x}>", f.qualname(), self.identity());
            }
            Value::Builtin(Builtin::NotImplemented) => out.push_str("NotImplemented"),
            Value::Builtin(b) => {
                let _ = write!(out, "<built-in function {}>", b.name());
            }
            Value::Method(m) => {
                let _ = write!(out, "<built-in method {} of {} object>", m.1.name(), m.0.type_name());
            }
            Value::Type(Type::Exception(e)) if e.module() == "asyncio" => {
                let _ = write!(out, "<class '{}.{}'>", super::exceptions::asyncio_module_of(*e), e.name());
            }
            // typing's names print as themselves (`typing.List`).
            Value::Type(Type::Object(name)) if name.starts_with("typing.") => out.push_str(name),
            Value::Type(t) => match t.module() {
                "builtins" => {
                    let _ = write!(out, "<class '{}'>", t.name());
                }
                module => {
                    let _ = write!(out, "<class '{module}.{}'>", t.name());
                }
            },
            Value::Exception(e) => out.push_str(&e.repr()),
            Value::Module(m) => {
                let _ = write!(out, "<module '{}'>", m.name());
            }
            Value::Iterator(_) => {
                let _ = write!(out, "<{} object at 0x{:x}>", self.type_name(), self.identity());
            }
            Value::Generator(g) => {
                let _ = write!(out, "<{} object {} at 0x{:x}>", self.type_name(), g.qualname, self.identity());
            }
            Value::AsyncStep(_) => {
                let _ = write!(out, "<{} object at 0x{:x}>", self.type_name(), self.identity());
            }
            Value::Code(c) => {
                let _ = write!(
                    out,
                    "<code object {} at 0x{:x}, file \"main.py\", line {}>",
                    c.name,
                    self.identity(),
                    c.first_line
                );
            }
            Value::Cell(_) => {
                let _ = write!(out, "<cell at 0x{:x}>", self.identity());
            }
            Value::Class(c) => match c.meta_repr() {
                Some(text) => out.push_str(&text),
                None => {
                    let _ = write!(out, "<class '{}.{}'>", c.module_text(), c.qualname);
                }
            },
            Value::Instance(i) => match i.text("__repr__", "__repr__") {
                Some(text) => out.push_str(&text),
                None => {
                    let _ = write!(
                        out,
                        "<{}.{} object at 0x{:x}>",
                        i.class.module_text(),
                        i.class.qualname,
                        self.identity()
                    );
                }
            },
            Value::BoundMethod(m) => {
                let name = match &m.function {
                    Value::Function(f) => f.code.qualname.clone(),
                    _ => "?".into(),
                };
                let _ = write!(out, "<bound method {name} of {}>", m.this.repr());
            }
            Value::Unbound => out.push_str("<unbound>"),
            Value::Task(t) => out.push_str(&t.repr()),
            // asyncio's classes made in Rust print as classes; its functions as functions.
            Value::Asyncio(f) => match super::builtins::getattr(self, "__module__") {
                Ok(module) if f.name().starts_with(|c: char| c.is_ascii_uppercase()) => {
                    let _ = write!(out, "<class '{}.{}'>", module.to_str(), f.name());
                }
                _ => {
                    let _ = write!(out, "<function {} at 0x{:x}>", f.name(), self.identity());
                }
            },
            // gather's future, as `_GatheringFuture` prints.
            Value::Native(n) if n.gathered.is_some() => {
                let gathered = n.gathered.as_ref().expect("checked");
                match gathered.rt.gather_outcome(gathered.id) {
                    crate::runtime::Outcome::Pending => {
                        let target = crate::runtime::Target::Gather(gathered.id);
                        match super::objects::callbacks_repr(gathered.rt.done_callbacks(target)) {
                            Some(callbacks) => {
                                let _ = write!(out, "<_GatheringFuture pending {callbacks}>");
                            }
                            None => out.push_str("<_GatheringFuture pending>"),
                        }
                    }
                    // (Its children cancelled, it is set to their CancelledError.)
                    crate::runtime::Outcome::Cancelled
                    | crate::runtime::Outcome::Failed(crate::runtime::Error::Cancelled) => {
                        out.push_str("<_GatheringFuture finished exception=CancelledError()>")
                    }
                    crate::runtime::Outcome::Done => {
                        let results: Option<Vec<Value>> =
                            gathered.children.iter().map(|child| child.task.result().ok()).collect();
                        match results {
                            Some(results) => {
                                let _ =
                                    write!(out, "<_GatheringFuture finished result={}>", Value::list(results).repr());
                            }
                            None => out.push_str("<_GatheringFuture finished>"),
                        }
                    }
                    _ => out.push_str("<_GatheringFuture finished>"),
                }
            }
            Value::Native(n) => {
                let _ = write!(out, "<coroutine object {} at 0x{:x}>", n.name, self.identity());
            }
            Value::Future(f) => out.push_str(&f.repr()),
            Value::Object(o) => o.write_repr(out, self.identity()),
            // A module's function written in Rust: as CPython's built-in ones, but
            // random's, which are methods of its hidden generator.
            Value::Bound(b) => match &b.0 {
                Value::Module(Module::Random) if b.1 != "Random" => {
                    let _ = write!(
                        out,
                        "<bound method Random.{} of <random.Random object at 0x{:x}>>",
                        b.1,
                        Rc::as_ptr(b) as *const u8 as usize
                    );
                }
                Value::Module(Module::Random) => out.push_str("<class 'random.Random'>"),
                Value::Module(_) => {
                    let _ = write!(out, "<built-in function {}>", b.1);
                }
                _ => {
                    let _ = write!(out, "<bound method {} of {}>", b.1, b.0.repr());
                }
            },
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr())
    }
}

/// Writes `n` in decimal, without the formatting machinery (ints are printed often).
pub fn push_int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    out.push_str(int_digits(n, &mut digits));
}

/// `str(n)`, made at once.
pub fn int_str(n: i64) -> Str {
    let mut digits = [0u8; 20];
    Str::from(int_digits(n, &mut digits))
}

fn int_digits(n: i64, digits: &mut [u8; 20]) -> &str {
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    // SAFETY: ASCII digits and a minus sign.
    unsafe { std::str::from_utf8_unchecked(&digits[at..]) }
}

fn type_index(t: Type) -> usize {
    // (Its name's FNV-1a hash, in the top of the address space where no object lies:
    // types are dict keys by identity, and `str` and `list` must not be one key.)
    let hash = t.name().bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    (0xF000_0000 | (hash & 0x0FFF_FFFF)) as usize
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// `repr(x)` for a float: the shortest digits that read back, in Python's layout.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // `{:e}` gives the shortest digits that read back as `x`: `1.2345e-5`. Where two
    // such are equally near (1000000000000000.25), CPython's is the even one, which
    // the exact rounding to as many digits gives.
    let mut sci = format!("{x:e}");
    let digits = sci.split_once('e').map_or(0, |(m, _)| m.chars().filter(char::is_ascii_digit).count());
    if digits > 1 {
        let even = format!("{x:.*e}", digits - 1);
        if even != sci && even.parse::<f64>() == Ok(x) {
            sci = even;
        }
    }
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} writes an exponent");
    let exponent: i32 = exponent.parse().expect("a whole exponent");
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    // The point stands after `point` digits: 0.d1d2… × 10^point.
    let point = exponent + 1;
    if !(-3..=16).contains(&point) {
        let rest = &digits[1..];
        let dot = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let esign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{}{dot}e{esign}{:02}", &digits[..1], exponent.abs());
    }
    if point <= 0 {
        return format!("{sign}0.{}{digits}", "0".repeat((-point) as usize));
    }
    let point = point as usize;
    if digits.len() <= point {
        format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..point], &digits[point..])
    }
}

/// `repr(s)`: quoted with `'` unless the text has `'` and no `"`; escapes as Python's.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character, near enough: control and format
/// characters, separators other than the space, and unassigned code points are not.
fn is_printable(c: char) -> bool {
    let n = c as u32;
    !(n < 0x20
        || (0x7f..=0xa0).contains(&n)
        || n == 0xad
        || (0x2000..=0x200f).contains(&n)
        || (0x2028..=0x202f).contains(&n)
        || (0x2060..=0x206f).contains(&n)
        || n == 0xfeff
        || (0xd800..0xe000).contains(&n)
        || (0xe000..0xf900).contains(&n)
        || n == 0x3000
        || n == 0x1680
        || n == 0x85
        || (0xfff9..=0xfffb).contains(&n)
        || (0xf0000..).contains(&n))
}

/// `repr(b)` for bytes: CPython's quotes and escapes.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

thread_local! {
    /// The lists and dicts whose repr is being written, innermost last.
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A container's repr being written: while it lives, the same container met inside is
/// written `[...]` or `{...}` rather than again.
struct ReprGuard(usize);

impl ReprGuard {
    fn enter(at: usize) -> Option<ReprGuard> {
        IN_REPR.with(|r| {
            let mut r = r.borrow_mut();
            if r.contains(&at) {
                return None;
            }
            r.push(at);
            Some(ReprGuard(at))
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        IN_REPR.with(|r| {
            let mut r = r.borrow_mut();
            if let Some(i) = r.iter().rposition(|p| *p == self.0) {
                r.remove(i);
            }
        });
    }
}
