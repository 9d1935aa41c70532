//! The bytecode the compiler writes and the machine runs: a code object per function
//! (and per module, lambda, comprehension and generator expression) with its
//! instructions, constants, names, local slots, line table and exception table, in the
//! shape of CPython 3.11's (`co_code`, `co_consts`, `co_varnames`, `co_lines()`,
//! `co_exceptiontable`), with a few instructions of its own where that is simpler.

use std::fmt::Write;
use std::rc::Rc;

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::value::{Str, Value};

/// One instruction. Jumps name the index of the instruction they go to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    /// Only in code compiled to record each line it runs
    /// ([`Program::with_line_events`]): the instruction that follows begins its line.
    /// The run records the line if it is not the one its frame recorded last, or
    /// always (`true`, where a loop comes back to its head).
    ///
    /// [`Program::with_line_events`]: super::Program::with_line_events
    TraceLine(bool),
    Pop,
    /// Pushes the `n`th item from the top (1: the top).
    Copy(u32),
    /// Swaps the top with the `n`th item from the top.
    Swap(u32),
    LoadConst(u32),
    LoadFast(u32),
    /// `LoadFast` of two slots (`a << 16 | b`), the instruction after it skipped: the
    /// compiler writes it over a `LoadFast a` followed by `LoadFast b`.
    LoadFast2(u32),
    /// `LoadFast` of slot `a` and `LoadConst` of `c` (`a << 16 | c`), likewise.
    LoadFastConst(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// A cell: the code's own cells first, then its free variables.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// The cell itself, for a closure being made.
    LoadClosure(u32),
    /// In a class's body, a name of its namespace (local slot 0), by the global slot
    /// of the same name: `LoadName` looks in the namespace, then the globals and the
    /// builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    /// In a class's body, a free variable it reads: the namespace first, then the cell.
    LoadClassDeref(u32),
    /// The class the running function was defined in (`super()`'s first argument).
    LoadOwner,
    /// Makes a class of the namespace on top and the `bases` below it (and below them,
    /// with `meta`, its metaclass); `consts[qualname]` holds its name
    /// (`outer.<locals>.Name`) and the code of its body, whose functions are then the
    /// class's own (see `Code::owner`).
    BuildClass {
        bases: u32,
        qualname: u32,
        meta: bool,
        /// A dict of its keywords, above the bases (`class Csv(Plugin, name="csv")`).
        keywords: bool,
    },
    /// `match`: whether the value on top is a sequence a pattern matches (not a
    /// string), pushed above it.
    MatchSequence,
    /// Whether the value on top is a mapping, pushed above it.
    MatchMapping,
    /// `len()` of the value on top, pushed above it.
    GetLen,
    /// A class pattern: the value and the class below it become the tuple of the
    /// value's attributes the sub-patterns match (`positional` of them by the class's
    /// `__match_args__`, then those named in the tuple `consts[names]`), or `None` if
    /// it is not of the class or lacks one.
    MatchClass {
        positional: u32,
        names: u32,
    },
    /// `*name` in a sequence pattern: a list of the sequence on top's items but its
    /// first `before` and last `after`, pushed above it.
    MatchStar {
        before: u32,
        after: u32,
    },
    /// `**rest` in a mapping pattern: the mapping below the tuple of keys on top
    /// becomes a dict of its other items.
    DictRest,
    /// A global by its slot in the program's globals (see `Globals`).
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// `value.name`, by the index of `name` in `names`.
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// `value.name` about to be called: pushes the method and `value`, or the attribute
    /// and `Value::Unbound` (see `CallMethod`).
    LoadMethod(u32),
    Binary(BinOp),
    /// `a op= b`: in place where the type allows it.
    Inplace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    /// `Compare` and the `PopJumpIfFalse` after it (which it skips).
    CompareJump(CmpOp, u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    /// `a:b` or `a:b:c`, from 2 or 3 items.
    BuildSlice(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// A set literal of constants (CPython makes it from a frozenset: its order is that).
    BuildConstSet(u32),
    /// A dict from `n` key, value pairs.
    BuildMap(u32),
    /// Comprehensions: adds the top to the list, set or dict `n` items below it.
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    /// Displays with `**`: updates the dict `n` below the top with it.
    DictUpdate(u32),
    /// `f(**a, **b)`: like `DictUpdate`, but a repeated key is an error.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// `a, *b, c = ...`: items before and after the starred one, `before << 16 | after`.
    UnpackEx(u32),
    /// An f-string's `{value!conv:spec}`: bits 0-1 the conversion (none, `s`, `r`, `a`),
    /// bit 2 whether the spec is on the stack above the value.
    FormatValue(u32),
    /// Joins the `n` strings on top.
    BuildString(u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// Pops the top, and jumps if it is `None` (or is not).
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    GetIter,
    /// `*x`: `iter(x)`, with CPython's words if it is not iterable (0: `Value after *`,
    /// 1: the callable named, 2: as `iter` says it).
    GetIterStar(u32),
    /// The next item of the iterator on top, or (when it is exhausted) pops it and jumps.
    ForIter(u32),
    Return,
    /// Makes a function of the code at `consts[code]`; with the bits of `flags`, the
    /// stack holds (in this order, below the top) its defaults as a tuple (1), its
    /// keyword-only defaults as a dict (2), its annotations as a dict (8), its
    /// closure cells as a tuple (4).
    MakeFunction {
        code: u32,
        flags: u8,
    },
    /// The keyword names (a tuple constant) of the `Call` that follows.
    KwNames(u32),
    /// Calls the callable below `n` arguments.
    Call(u32),
    /// Calls what `LoadMethod` pushed, with `n` arguments.
    CallMethod(u32),
    /// `f(*args)` or, with 1, `f(*args, **kwargs)`: a tuple and a dict on the stack.
    CallEx(u32),
    /// `raise` (0), `raise exc` (1) or `raise exc from cause` (2).
    Raise(u32),
    /// Raises the exception on top again, as it is.
    Reraise,
    /// The exception on top is now being handled (`except` entered, `sys.exc_info()`).
    PushExcInfo,
    /// The innermost exception being handled is no longer.
    PopExcept,
    /// `except T`: with the exception below `T`, replaces `T` with whether it matches.
    CheckExcMatch,
    /// `except* T`: with the unmatched part of a group below `T`, replaces both with the
    /// rest and the part that matches (`None` if none does).
    CheckEgMatch,
    /// `except*`'s end: from the original exception and the list of what the handlers
    /// raised, what to raise (or `None`).
    PrepReraiseStar,
    LoadAssertionError,
    /// Yields the top to whoever resumed the generator; the value sent in comes back.
    Yield,
    /// `yield from` and `await`: sends the top to the iterator below it; when that
    /// finishes, replaces both with its value and jumps to the target; when it yields,
    /// yields that, and comes back to this instruction with the value sent in.
    Send(u32),
    /// `await x`: what to send to (a coroutine, a future, a task...).
    GetAwaitable,
    /// `yield from x`: its iterator (a generator as it is).
    GetYieldFromIter,
    /// `async for`: the async iterator of the top, and each step's awaitable.
    GetAIter,
    GetANext,
    /// The end of `async for`: the `StopAsyncIteration` on top ends the loop (pops it
    /// and the iterator below); anything else is raised again.
    EndAsyncFor,
    /// `async with`: replaces the manager with its exit (an object to call) and the
    /// awaitable of its entering.
    BeforeAsyncWith,
    /// `with`'s entering: the manager on top, then what its `__enter__` gave.
    BeforeWith,
    /// `with`'s leaving without an exception: the manager on top becomes what its
    /// `__exit__(None, None, None)` gave.
    WithExitSync,
    /// `with`'s leaving with the exception on top: what `__exit__` gave for it.
    WithExceptStartSync,
    /// Calls the `async with` exit below the exception on top (`__aexit__(type, exc,
    /// tb)`): pushes the awaitable of its result.
    WithExceptStart,
    /// The `async with` exit below the top, called without an exception.
    WithExit,
    /// `import module`, by the name's index.
    ImportName(u32),
    /// `from module import name`: the module stays on the stack.
    ImportFrom(u32),
}

/// What kind of code: what calling a function of it makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Generator,
    Coroutine,
    AsyncGenerator,
}

/// An entry of the exception table: an exception raised by an instruction in
/// `start..end` goes to `target`, with the stack cut to `depth` items above the locals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

/// A compiled function body (or module, lambda, comprehension).
#[derive(Debug)]
pub struct Code {
    /// What tracebacks call it: the function's name, `<module>`, `<listcomp>`...
    pub name: Str,
    /// `outer.<locals>.inner`, as a task's repr names its coroutine.
    pub qualname: Str,
    pub kind: CodeKind,
    pub ops: Vec<Op>,
    pub consts: Vec<Value>,
    pub names: Vec<Str>,
    /// The local variables, in slot order: the parameters first.
    pub varnames: Vec<Str>,
    /// Locals that live in cells, and for each the slot of the parameter it starts as.
    pub cellvars: Vec<(Str, Option<u32>)>,
    pub freevars: Vec<Str>,
    /// Positional parameters (`*args` not counted), keyword-only ones.
    pub argcount: u32,
    pub kwonlycount: u32,
    /// How many of the positional parameters come before a `/`.
    pub posonlycount: u32,
    pub varargs: bool,
    pub varkeywords: bool,
    /// Its docstring (`__doc__`).
    pub doc: Option<Str>,
    /// Where each run of instructions comes from: (first instruction, line), in order.
    pub lines: Vec<(u32, u32)>,
    /// Where each run of instructions comes from in the source: (first instruction,
    /// stretch), in order.
    pub spans: Vec<(u32, super::Span)>,
    pub handlers: Vec<ExceptionEntry>,
    /// The line of the `def` (for `<module>`, 1).
    pub first_line: u32,
    /// The most items the operand stack ever holds.
    pub stack_size: u32,
    /// For a function defined in a class's body, the class (once it is made): what
    /// `super()` in it means, as CPython's `__class__` cell does.
    pub owner: std::cell::RefCell<std::rc::Weak<super::classes::Class>>,
    /// The module written in Python it belongs to (see `library`), or `None`: the
    /// program's own. Tracebacks and the frames a learner sees leave library code out.
    pub module: Option<super::value::Module>,
    /// Compiled as the program ran, from text given to `eval`, `exec` or `compile`:
    /// that text, and whether it is one expression (`eval`'s). Its file is
    /// `<string>`, whose lines tracebacks do not show.
    pub text: Option<(Str, bool)>,
}

impl Code {
    /// Whether it is the program's own code, in main.py (not the library's, nor text
    /// compiled as the program ran).
    pub fn is_program(&self) -> bool {
        self.module.is_none() && self.text.is_none()
    }

    /// Whether it is the top level of text run in a namespace (see
    /// `scope::resolve_namespace`): its locals are the namespace and the globals given.
    pub fn runs_in_namespace(&self) -> bool {
        self.text.is_some() && self.varnames.get(1).is_some_and(|n| &**n == ".globals")
    }

    /// The line the instruction at `ip` comes from.
    pub fn line_at(&self, ip: u32) -> u32 {
        let i = self.lines.partition_point(|&(start, _)| start <= ip);
        if i == 0 {
            self.first_line
        } else {
            self.lines[i - 1].1
        }
    }

    /// The stretch of source the instruction at `ip` comes from.
    pub fn span_at(&self, ip: u32) -> super::Span {
        let i = self.spans.partition_point(|&(start, _)| start <= ip);
        i.checked_sub(1).map_or_else(super::Span::default, |i| self.spans[i].1)
    }

    /// The innermost handler of an exception raised at `ip`.
    pub fn handler_at(&self, ip: u32) -> Option<ExceptionEntry> {
        // Entries are written innermost first where they overlap.
        self.handlers.iter().find(|h| h.start <= ip && ip < h.end).copied()
    }

    /// Whether calling a function of this code makes a generator, coroutine or
    /// async generator object rather than running it.
    pub fn is_generator(&self) -> bool {
        matches!(self.kind, CodeKind::Generator | CodeKind::Coroutine | CodeKind::AsyncGenerator)
    }

    /// The instructions as text, for tests and for reading what the compiler wrote.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "code {} ({:?})", self.qualname, self.kind);
        let mut line = 0;
        for (i, op) in self.ops.iter().enumerate() {
            let l = self.line_at(i as u32);
            let shown = if l != line { format!("{l:>4}") } else { "    ".to_owned() };
            line = l;
            let _ = write!(out, "{shown} {i:>5} {op:?}");
            match op {
                Op::LoadConst(c) => {
                    let _ = write!(out, " ({})", self.consts[*c as usize].repr());
                }
                Op::LoadFast(n) | Op::StoreFast(n) | Op::DeleteFast(n) => {
                    let _ = write!(out, " ({})", self.varnames[*n as usize]);
                }
                Op::LoadAttr(n) | Op::StoreAttr(n) | Op::LoadMethod(n) | Op::ImportName(n) | Op::ImportFrom(n) => {
                    let _ = write!(out, " ({})", self.names[*n as usize]);
                }
                _ => {}
            }
            out.push('\n');
        }
        for h in &self.handlers {
            let _ = writeln!(out, "  {} to {} -> {} [{}]", h.start, h.end, h.target, h.depth);
        }
        for c in &self.consts {
            if let Value::Code(inner) = c {
                out.push_str(&inner.disassemble());
            }
        }
        out
    }
}

/// A code object as a constant of the code around it.
pub type CodeRef = Rc<Code>;
