//! The compiler: a checked syntax tree, with its scopes resolved, becomes one code
//! object per function (and per module, lambda, comprehension), in the shape CPython
//! 3.11's compiler gives them: `try` blocks as ranges of an exception table, `finally`
//! bodies copied onto every way out, comprehensions as functions called at once,
//! `await` and `yield from` as a `Send` that suspends the frame.

use std::rc::Rc;

use super::ast::*;
use super::bytecode::{Code, CodeKind, ExceptionEntry, Op};
use super::scope::{self, Access, Scope, ScopeKind, Scopes};
use super::value::{FnvMap, Module, Str, Value};
use super::{Span, SyntaxError};

/// The program's global variables by name: each has a slot, the same in every function.
/// The globals of the modules written in Python that it imports (see `library`) are
/// in the same table, each under its module's name (`collections.deque`).
#[derive(Default, Debug, Clone)]
pub struct GlobalNames {
    /// Each slot's name as the code names it (`deque`): for messages, builtins, and
    /// a class body's namespace.
    pub names: Vec<Str>,
    /// The module each slot belongs to: `None` for the program's own.
    pub modules: Vec<Option<Module>>,
    index: FnvMap<Str, u32>,
}

impl GlobalNames {
    /// The slot of the program's global `name`.
    pub fn slot(&mut self, name: &Str) -> u32 {
        self.slot_in(None, name)
    }

    /// The slot of a global `name` of `module` (`None`: the program).
    pub fn slot_in(&mut self, module: Option<Module>, name: &Str) -> u32 {
        let key: Str = match module {
            None => name.clone(),
            Some(m) => format!("{}.{name}", m.name()).into(),
        };
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.clone());
        self.modules.push(module);
        self.index.insert(key, i);
        i
    }

    /// The slot of the program's global `name`, or with a module's name first
    /// (`collections.deque`), of that module's.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }
}

type Compiled<T> = Result<T, SyntaxError>;

/// Compiles the code of `module`, written in Python (see `library`): a function that
/// defines its globals when called.
pub fn compile_library(
    body: &[Stmt],
    scopes: &Scopes,
    globals: &mut GlobalNames,
    module: Module,
) -> Compiled<Rc<Code>> {
    let scope = scopes.get(&0).cloned().expect("the module's scope is resolved");
    let unit = Unit::new(scope, "<module>".into(), "<module>".into(), CodeKind::Function, 1);
    let mut c = Compiler { module: Some(module), ..Compiler::new(scopes, globals, unit) };
    c.block(body)?;
    c.load_const(Value::None);
    c.emit(Op::Return);
    Ok(c.finish_unit())
}

/// Compiles a module (a script, or with `cell` a notebook cell, whose code is a
/// coroutine: `await` works at its top level).
/// With `line_events`, each statement begun and each turn of a loop is marked for the
/// run to record.
/// The modules written in Python it imports (see `library`), each the code of its
/// module, are run first, in that order.
pub fn compile_module(
    source: &str,
    body: &[Stmt],
    scopes: &Scopes,
    globals: &mut GlobalNames,
    cell: bool,
    line_events: bool,
    libraries: &[Rc<Code>],
) -> Compiled<Rc<Code>> {
    let scope = scopes.get(&0).cloned().expect("the module's scope is resolved");
    let kind = if cell { CodeKind::Coroutine } else { CodeKind::Module };
    let unit = Unit::new(scope, "<module>".into(), "<module>".into(), kind, 1);
    let future_annotations = body.iter().any(|s| match &s.kind {
        StmtKind::ImportFrom { module, names, .. } => {
            &**module == "__future__" && names.iter().any(|(n, _)| &**n == "annotations")
        }
        _ => false,
    });
    let annotations_as_text = future_annotations.then(|| source.lines().map(|l| l.chars().collect()).collect());
    let mut c = Compiler { line_events, annotations_as_text, ..Compiler::new(scopes, globals, unit) };
    // (The imported modules' code, which runs first, begins no line of the program's.)
    c.unit.marked_line = c.unit.line;
    for library in libraries {
        let code = c.constant(Value::Code(library.clone()));
        c.emit(Op::MakeFunction { code, flags: 0 });
        c.emit(Op::Call(0));
        c.emit(Op::Pop);
    }
    c.unit.marked_line = 0;
    c.block(body)?;
    c.unit.marked_line = c.unit.line;
    c.load_const(Value::None);
    c.emit(Op::Return);
    Ok(c.finish_unit())
}

/// Compiles text given to `eval`, `exec` or `compile` as the program runs, its names
/// in `globals` (which grows by the names it brings). With `namespace`, its scopes
/// come from `scope::resolve_namespace` and it takes the namespace and the globals
/// given as its two arguments; without, its names are the program's globals (`exec`
/// at the module's level). With `expression`, `body` is one expression statement,
/// whose value it returns.
pub fn compile_text(
    source: &Str,
    body: &[Stmt],
    scopes: &Scopes,
    globals: &mut GlobalNames,
    namespace: bool,
    expression: bool,
) -> Compiled<Rc<Code>> {
    let scope = scopes.get(&0).cloned().expect("the text's scope is resolved");
    let mut unit = Unit::new(scope, "<module>".into(), "<module>".into(), CodeKind::Function, 1);
    unit.argcount = if namespace { 2 } else { 0 };
    let mut c = Compiler { text: Some((source.clone(), expression)), ..Compiler::new(scopes, globals, unit) };
    match body {
        [Stmt { kind: StmtKind::Expr(e), .. }] if expression => {
            c.expr(e)?;
            c.emit(Op::Return);
        }
        _ => {
            if namespace && annotates(body) {
                c.emit(Op::BuildMap(0));
                c.store_name(&"__annotations__".into());
            }
            c.block(body)?;
            c.load_const(Value::None);
            c.emit(Op::Return);
        }
    }
    Ok(c.finish_unit())
}

/// A jump's destination, until the code is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(u32);

const NO_HANDLER: u32 = u32::MAX;

/// What a `break`, `continue` or `return` must undo on its way out of a block.
enum FBlock<'a> {
    While {
        start: Label,
        exit: Label,
    },
    /// The iterator is on the stack.
    For {
        start: Label,
        exit: Label,
    },
    /// A `try` body whose exceptions go to `except` handlers.
    TryExcept {
        handler: u32,
    },
    /// A `try` body with a `finally`: leaving it runs the `finally` body.
    FinallyTry {
        body: &'a [Stmt],
        handler: u32,
    },
    /// A `finally` body run for an exception, which is on the stack and being handled.
    FinallyEnd {
        handler: u32,
    },
    /// An `except` body: its exception is being handled; `as name` is cleared after.
    HandlerCleanup {
        name: Option<Str>,
        handler: u32,
    },
    /// An `except*` body: nothing may leave it but the end.
    StarHandler,
    /// A `with` or `async with` body: the manager is on the stack.
    With {
        handler: u32,
        line: u32,
        is_async: bool,
    },
}

/// A code object being written.
struct Unit<'a> {
    scope: Rc<Scope>,
    name: Str,
    qualname: Str,
    kind: CodeKind,
    ops: Vec<Op>,
    op_lines: Vec<u32>,
    /// The stretch of source each instruction comes from, as CPython's positions
    /// give it: where a traceback draws its carets.
    op_spans: Vec<Span>,
    op_handlers: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Str>,
    name_index: FnvMap<Str, u32>,
    labels: Vec<Option<u32>>,
    /// Each `try` block's handler: where it goes, the instruction it was set up at, and
    /// how many items of the stack there belong to what it protects, not below it.
    handler_blocks: Vec<(Label, u32, u32)>,
    handler_stack: Vec<u32>,
    fblocks: Vec<FBlock<'a>>,
    line: u32,
    /// The expression or statement being compiled (see `op_spans`).
    span: Span,
    /// The line the last [`Op::TraceLine`] marks, while the code runs on straight from
    /// it (0 once a jump may land in between): a line begins once, whatever runs on it.
    marked_line: u32,
    first_line: u32,
    argcount: u32,
    kwonlycount: u32,
    posonlycount: u32,
    varargs: bool,
    varkeywords: bool,
    /// A function's docstring: its body's first statement, a string.
    doc: Option<Str>,
}

impl<'a> Unit<'a> {
    fn new(scope: Rc<Scope>, name: Str, qualname: Str, kind: CodeKind, line: u32) -> Unit<'a> {
        Unit {
            scope,
            name,
            qualname,
            kind,
            ops: Vec::new(),
            op_lines: Vec::new(),
            op_spans: Vec::new(),
            op_handlers: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: FnvMap::default(),
            labels: Vec::new(),
            handler_blocks: Vec::new(),
            handler_stack: Vec::new(),
            fblocks: Vec::new(),
            line,
            span: Span::default(),
            marked_line: 0,
            first_line: line,
            argcount: 0,
            kwonlycount: 0,
            posonlycount: 0,
            varargs: false,
            varkeywords: false,
            doc: None,
        }
    }
}

struct Compiler<'a, 'g> {
    scopes: &'a Scopes,
    globals: &'g mut GlobalNames,
    unit: Unit<'a>,
    outer: Vec<Unit<'a>>,
    /// Whether each line begun is marked with a [`Op::TraceLine`].
    line_events: bool,
    /// The module written in Python being compiled (`None`: the program).
    module: Option<Module>,
    /// The text given to `eval`, `exec` or `compile` it compiles as the program runs
    /// (see `Code::text`).
    text: Option<(Str, bool)>,
    /// Under `from __future__ import annotations`, the program's lines: annotations
    /// are then kept as their text, not evaluated.
    annotations_as_text: Option<Vec<Vec<char>>>,
}

impl<'a, 'g> Compiler<'a, 'g> {
    /// A compiler of the program's own code, recording no lines, starting at `unit`.
    fn new(scopes: &'a Scopes, globals: &'g mut GlobalNames, unit: Unit<'a>) -> Self {
        Compiler {
            scopes,
            globals,
            unit,
            outer: Vec::new(),
            line_events: false,
            module: None,
            text: None,
            annotations_as_text: None,
        }
    }
}

impl<'a> Compiler<'a, '_> {
    // ---- writing instructions ----

    fn emit(&mut self, op: Op) {
        let u = &mut self.unit;
        let bookkeeping = matches!(op, Op::TraceLine(_) | Op::PushExcInfo | Op::PopExcept | Op::Reraise);
        if self.line_events && u.marked_line != u.line && !bookkeeping {
            // In code compiled to record lines, each instruction on a line other than the
            // one before it (or after a place a jump may land) is marked: the run records
            // the line if it is not the one its frame recorded last. What an
            // exception's way out does runs nothing of a line of its own.
            u.marked_line = u.line;
            u.ops.push(Op::TraceLine(false));
            u.op_lines.push(u.line);
            u.op_spans.push(u.span);
            u.op_handlers.push(u.handler_stack.last().copied().unwrap_or(NO_HANDLER));
        }
        u.ops.push(op);
        u.op_lines.push(u.line);
        u.op_spans.push(u.span);
        u.op_handlers.push(u.handler_stack.last().copied().unwrap_or(NO_HANDLER));
    }

    fn label(&mut self) -> Label {
        self.unit.labels.push(None);
        Label(self.unit.labels.len() as u32 - 1)
    }

    fn bind(&mut self, label: Label) {
        self.unit.labels[label.0 as usize] = Some(self.unit.ops.len() as u32);
        self.unit.marked_line = 0;
    }

    fn jump(&mut self, make: fn(u32) -> Op, to: Label) {
        self.emit(make(to.0));
    }

    fn load_const(&mut self, value: Value) {
        let i = self.constant(value);
        self.emit(Op::LoadConst(i));
    }

    fn constant(&mut self, value: Value) -> u32 {
        let u = &mut self.unit;
        // Small immutable constants are shared; the rest are few.
        let found = u.consts.iter().position(|c| match (c, &value) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        });
        match found {
            Some(i) => i as u32,
            None => {
                u.consts.push(value);
                u.consts.len() as u32 - 1
            }
        }
    }

    /// An attribute's name, mangled if it is private to the class around (see
    /// [`Unit::private`]).
    fn attr_index(&mut self, name: &Str) -> u32 {
        let name = self.mangled(name);
        self.name_index(&name)
    }

    /// CPython's private name mangling: `__name` (not `__name__`) in a class's code (its
    /// body, and the functions in it) is `_Class__name`, the innermost class's name
    /// without its leading underscores. (Found by walking out, so that a unit, which
    /// every nested function's compile holds on the stack, stays as small as it was.)
    fn mangled(&self, name: &Str) -> Str {
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return name.clone();
        }
        let class = std::iter::once(&self.unit)
            .chain(self.outer.iter().rev())
            .find(|u| u.scope.kind == scope::ScopeKind::Class && &*u.name != "<module>")
            .map(|u| &u.name);
        match class {
            Some(class) => {
                let class = class.trim_start_matches('_');
                if class.is_empty() {
                    return name.clone();
                }
                format!("_{class}{name}").into()
            }
            _ => name.clone(),
        }
    }

    fn name_index(&mut self, name: &Str) -> u32 {
        let u = &mut self.unit;
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        u.names.push(name.clone());
        let i = u.names.len() as u32 - 1;
        u.name_index.insert(name.clone(), i);
        i
    }

    /// Starts a handler for what follows: exceptions go to `target`.
    fn push_handler(&mut self, target: Label) -> u32 {
        self.push_handler_above(target, 0)
    }

    /// Starts a handler whose stack height is `above` less than the stack's now.
    fn push_handler_above(&mut self, target: Label, above: u32) -> u32 {
        let u = &mut self.unit;
        u.handler_blocks.push((target, u.ops.len() as u32, above));
        let id = u.handler_blocks.len() as u32 - 1;
        u.handler_stack.push(id);
        id
    }

    fn pop_handler(&mut self, id: u32) {
        let popped = self.unit.handler_stack.pop();
        debug_assert_eq!(popped, Some(id), "handlers are popped in order");
    }

    fn set_line(&mut self, line: u32) {
        self.unit.line = line;
    }

    /// Sets the line of what follows, which is CPython's bookkeeping rather than a line
    /// a program runs (clearing an `except` clause's name, say): no line begins there.
    fn set_line_quietly(&mut self, line: u32) {
        self.set_line(line);
        self.unit.marked_line = line;
    }

    /// Marks where a loop comes back to, in code compiled to record lines: its line
    /// begins again there, as CPython's tracing sees a line begin at a jump back.
    fn line_begins_again(&mut self) {
        if self.line_events {
            self.unit.marked_line = self.unit.line;
            self.emit(Op::TraceLine(true));
        }
    }

    /// Binds `start`, where a `for` loop comes back for its next item: its line begins
    /// again there (see [`Compiler::line_begins_again`]), though not on the way in.
    fn loop_head(&mut self, start: Label) {
        if !self.line_events {
            self.bind(start);
            return;
        }
        let first = self.label();
        self.jump(Op::Jump, first);
        self.bind(start);
        self.line_begins_again();
        self.bind(first);
        // Whichever way it came, its line has begun.
        self.unit.marked_line = self.unit.line;
    }

    // ---- names ----

    fn access(&self, name: &str) -> Access {
        self.unit.scope.access(name)
    }

    fn load_name(&mut self, name: &Str) {
        match self.access(name) {
            Access::Fast(i) => self.emit(Op::LoadFast(i)),
            Access::Deref(i) => self.emit(Op::LoadDeref(i)),
            Access::ClassDeref(i) => self.emit(Op::LoadClassDeref(i)),
            Access::Global => {
                let slot = self.globals.slot_in(self.module, name);
                self.emit(Op::LoadGlobal(slot));
            }
            Access::Name => {
                let name = self.mangled(name);
                let slot = self.globals.slot_in(self.module, &name);
                self.emit(Op::LoadName(slot));
            }
        }
    }

    fn store_name(&mut self, name: &Str) {
        match self.access(name) {
            Access::Fast(i) => self.emit(Op::StoreFast(i)),
            Access::Deref(i) => self.emit(Op::StoreDeref(i)),
            Access::Global => {
                let slot = self.globals.slot_in(self.module, name);
                self.emit(Op::StoreGlobal(slot));
            }
            Access::Name | Access::ClassDeref(_) => {
                let name = self.mangled(name);
                let slot = self.globals.slot_in(self.module, &name);
                self.emit(Op::StoreName(slot));
            }
        }
    }

    fn delete_name(&mut self, name: &Str) {
        match self.access(name) {
            Access::Fast(i) => self.emit(Op::DeleteFast(i)),
            Access::Deref(i) => self.emit(Op::DeleteDeref(i)),
            Access::Global => {
                let slot = self.globals.slot_in(self.module, name);
                self.emit(Op::DeleteGlobal(slot));
            }
            Access::Name | Access::ClassDeref(_) => {
                let name = self.mangled(name);
                let slot = self.globals.slot_in(self.module, &name);
                self.emit(Op::DeleteName(slot));
            }
        }
    }

    // ---- statements ----

    fn block(&mut self, body: &'a [Stmt]) -> Compiled<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> Compiled<()> {
        self.set_line(s.span.start.line);
        self.unit.span = s.span;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Copy(1));
                    }
                    self.assign(target)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let Some(value) = value {
                    self.expr(value)?;
                    self.assign(target)?;
                }
                // In a class's body, the annotation is evaluated and, for a name, kept in
                // `__annotations__` (what `dataclasses` reads). Elsewhere the playground
                // does not evaluate it (CPython does at a module's top level).
                if self.unit.scope.kind == ScopeKind::Class {
                    self.annotation(annotation)?;
                    match &target.kind {
                        ExprKind::Name(name) if *simple => {
                            self.load_name(&"__annotations__".into());
                            self.load_const(Value::Str(name.clone()));
                            self.emit(Op::StoreSubscr);
                        }
                        _ => self.emit(Op::Pop),
                    }
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.make_function(f)?;
                self.decorate(&f.decorators);
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                self.class_def(c)?;
                self.decorate(&c.decorators);
                self.set_line(s.span.start.line);
                self.store_name(&c.name);
            }
            StmtKind::Return(value) => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.unwind_all(s.span, true)?;
                // Back from a `finally` run on the way out, the return begins no line.
                self.set_line_quietly(s.span.start.line);
                self.emit(Op::Return);
            }
            StmtKind::If { test, body, orelse } => {
                let (otherwise, end) = (self.label(), self.label());
                self.expr(test)?;
                self.jump(Op::PopJumpIfFalse, otherwise);
                self.block(body)?;
                if !orelse.is_empty() {
                    self.jump(Op::Jump, end);
                }
                self.bind(otherwise);
                self.block(orelse)?;
                self.bind(end);
            }
            StmtKind::While { test, body, orelse } => {
                let (start, otherwise, exit) = (self.label(), self.label(), self.label());
                self.bind(start);
                self.line_begins_again();
                self.expr(test)?;
                self.jump(Op::PopJumpIfFalse, otherwise);
                self.unit.fblocks.push(FBlock::While { start, exit });
                self.block(body)?;
                self.unit.fblocks.pop();
                self.set_line_quietly(s.span.start.line);
                self.jump(Op::Jump, start);
                self.bind(otherwise);
                self.block(orelse)?;
                self.bind(exit);
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                self.for_loop(s, target, iter, body, orelse, *is_async)?;
            }
            StmtKind::Break | StmtKind::Continue => self.break_or_continue(s)?,
            StmtKind::Pass => self.emit(Op::Nop),
            StmtKind::Match { subject, cases } => self.match_statement(subject, cases)?,
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try { body, handlers, orelse, finalbody, star } => {
                if self.line_events {
                    // CPython's `try:` runs an instruction of its own, and its line begins.
                    self.emit(Op::Nop);
                }
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, *star)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, *star)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(exc) = exc {
                    self.expr(exc)?;
                    n = 1;
                    if let Some(cause) = cause {
                        self.expr(cause)?;
                        n = 2;
                    }
                }
                self.set_line(s.span.start.line);
                self.emit(Op::Raise(n));
            }
            StmtKind::With { items, body, is_async } => self.with(items, body, *is_async)?,
            StmtKind::Assert { test, msg } => {
                let end = self.label();
                self.expr(test)?;
                self.jump(Op::PopJumpIfTrue, end);
                self.set_line(s.span.start.line);
                // (CPython's tracebacks point at the test.)
                self.unit.span = test.span;
                self.emit(Op::LoadAssertionError);
                if let Some(msg) = msg {
                    self.expr(msg)?;
                    self.set_line(s.span.start.line);
                    self.emit(Op::Call(1));
                }
                self.unit.span = test.span;
                self.emit(Op::Raise(1));
                self.bind(end);
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.delete(t))?,
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    // `import a.b` binds `a`; `import a.b as c` binds `a.b` to `c`.
                    let top: Name = module.split('.').next().unwrap_or(module).into();
                    let (imported, bound) = match alias {
                        Some(alias) => (module.clone(), alias.clone()),
                        None => (top.clone(), top),
                    };
                    let i = self.name_index(&imported);
                    self.emit(Op::ImportName(i));
                    self.store_name(&bound);
                }
            }
            // (A future feature is the compiler's business, and needs nothing here.)
            StmtKind::ImportFrom { module, .. } if &**module == "__future__" => {}
            StmtKind::ImportFrom { module, names, .. } => {
                let i = self.name_index(module);
                self.emit(Op::ImportName(i));
                for (name, alias) in names {
                    let n = self.attr_index(name);
                    self.emit(Op::ImportFrom(n));
                    self.store_name(alias.as_ref().unwrap_or(name));
                }
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    /// `match`: each case's pattern tried on (a copy of) the subject in turn; a case
    /// whose pattern and guard pass runs its body, and the rest are skipped.
    fn match_statement(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> Compiled<()> {
        self.expr(subject)?;
        let end = self.label();
        for (i, case) in cases.iter().enumerate() {
            let last = i + 1 == cases.len();
            let next = self.label();
            if let Some(line) = case.body.first().map(|s| s.span.start.line) {
                // (The pattern's instructions belong to the `case` line, before the body.)
                self.set_line(pattern_line(&case.pattern).unwrap_or(line));
            }
            if !last {
                self.emit(Op::Copy(1));
            }
            self.pattern(&case.pattern, next)?;
            if let Some(guard) = &case.guard {
                self.expr(guard)?;
                self.jump(Op::PopJumpIfFalse, next);
            }
            if !last {
                self.emit(Op::Pop);
            }
            self.block(&case.body)?;
            self.jump(Op::Jump, end);
            self.bind(next);
        }
        self.bind(end);
        Ok(())
    }

    /// Matches the value on top with `p`, which takes it: on success the pattern's
    /// names are bound and the code goes on; else it jumps to `fail`.
    fn pattern(&mut self, p: &'a Pattern, fail: Label) -> Compiled<()> {
        match p {
            Pattern::Value(e) => {
                self.expr(e)?;
                self.emit(Op::Compare(CmpOp::Eq));
                self.jump(Op::PopJumpIfFalse, fail);
            }
            Pattern::Singleton(e) => {
                self.expr(e)?;
                self.emit(Op::Compare(CmpOp::Is));
                self.jump(Op::PopJumpIfFalse, fail);
            }
            Pattern::As(None, None, _) => self.emit(Op::Pop),
            Pattern::As(None, Some(name), _) => self.store_name(name),
            Pattern::As(Some(inner), name, _) => {
                let (ok, pop_fail) = (self.label(), self.label());
                self.emit(Op::Copy(1));
                self.pattern(inner, pop_fail)?;
                match name {
                    Some(name) => self.store_name(name),
                    None => self.emit(Op::Pop),
                }
                self.pattern_failed(ok, pop_fail, fail);
            }
            Pattern::Or(alternatives) => {
                let ok = self.label();
                for alternative in alternatives {
                    let next = self.label();
                    self.emit(Op::Copy(1));
                    self.pattern(alternative, next)?;
                    self.emit(Op::Pop);
                    self.jump(Op::Jump, ok);
                    self.bind(next);
                }
                self.emit(Op::Pop);
                self.jump(Op::Jump, fail);
                self.bind(ok);
            }
            Pattern::Star(_) => unreachable!("a star pattern is read only inside a sequence"),
            Pattern::Sequence(items) => {
                let (ok, pop_fail) = (self.label(), self.label());
                self.emit(Op::MatchSequence);
                self.jump(Op::PopJumpIfFalse, pop_fail);
                let star = items.iter().position(|p| matches!(p, Pattern::Star(_)));
                let fixed = items.len() - usize::from(star.is_some());
                self.emit(Op::GetLen);
                self.load_const(Value::Int(fixed as i64));
                self.emit(Op::Compare(if star.is_some() { CmpOp::GtE } else { CmpOp::Eq }));
                self.jump(Op::PopJumpIfFalse, pop_fail);
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Pattern::As(None, None, _) | Pattern::Star(None) => continue,
                        Pattern::Star(Some(name)) => {
                            let after = (items.len() - i - 1) as u32;
                            self.emit(Op::MatchStar { before: i as u32, after });
                            self.store_name(name);
                            continue;
                        }
                        _ => {}
                    }
                    self.emit(Op::Copy(1));
                    let index = match star {
                        Some(s) if i > s => i as i64 - items.len() as i64,
                        _ => i as i64,
                    };
                    self.load_const(Value::Int(index));
                    self.emit(Op::Subscr);
                    self.pattern(item, pop_fail)?;
                }
                self.emit(Op::Pop);
                self.pattern_failed(ok, pop_fail, fail);
            }
            Pattern::Mapping { keys, patterns, rest } => {
                let (ok, pop_fail) = (self.label(), self.label());
                self.emit(Op::MatchMapping);
                self.jump(Op::PopJumpIfFalse, pop_fail);
                for (key, pattern) in keys.iter().zip(patterns) {
                    self.expr(key)?;
                    self.emit(Op::Copy(2));
                    self.emit(Op::Compare(CmpOp::In));
                    self.jump(Op::PopJumpIfFalse, pop_fail);
                    self.emit(Op::Copy(1));
                    self.expr(key)?;
                    self.emit(Op::Subscr);
                    self.pattern(pattern, pop_fail)?;
                }
                match rest {
                    Some(name) => {
                        for key in keys {
                            self.expr(key)?;
                        }
                        self.emit(Op::BuildTuple(keys.len() as u32));
                        self.emit(Op::DictRest);
                        self.store_name(name);
                    }
                    None => self.emit(Op::Pop),
                }
                self.pattern_failed(ok, pop_fail, fail);
            }
            Pattern::Class { class, patterns, names, keyword_patterns, span } => {
                let (ok, pop_fail) = (self.label(), self.label());
                self.expr(class)?;
                let names_const = self.constant(Value::tuple(names.iter().map(|n| Value::Str(n.clone())).collect()));
                // (What the class refuses, CPython's carets put under the whole pattern.)
                let outer = std::mem::replace(&mut self.unit.span, *span);
                self.emit(Op::MatchClass { positional: patterns.len() as u32, names: names_const });
                self.unit.span = outer;
                self.emit(Op::Copy(1));
                self.jump(Op::PopJumpIfNone, pop_fail);
                for (i, sub) in patterns.iter().chain(keyword_patterns).enumerate() {
                    if let Pattern::As(None, None, _) = sub {
                        continue;
                    }
                    self.emit(Op::Copy(1));
                    self.load_const(Value::Int(i as i64));
                    self.emit(Op::Subscr);
                    self.pattern(sub, pop_fail)?;
                }
                self.emit(Op::Pop);
                self.pattern_failed(ok, pop_fail, fail);
            }
        }
        Ok(())
    }

    /// The end of a pattern that matched a part of the value on top (the code goes on
    /// to `ok`), and where it goes when a part did not: `pop_fail`, which drops the
    /// value and jumps to `fail`.
    fn pattern_failed(&mut self, ok: Label, pop_fail: Label, fail: Label) {
        self.jump(Op::Jump, ok);
        self.bind(pop_fail);
        self.emit(Op::Pop);
        self.jump(Op::Jump, fail);
        self.bind(ok);
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> Compiled<()> {
        // The target's parts are evaluated once, as Python does. Reading and storing the
        // target come from the target's place, the operation from the statement's.
        let statement = self.unit.span;
        match &target.kind {
            ExprKind::Name(name) => {
                self.unit.span = target.span;
                self.load_name(name);
                self.unit.span = statement;
                self.expr(value)?;
                self.set_line(target.span.start.line);
                self.emit(Op::Inplace(op));
                self.unit.span = target.span;
                self.store_name(name);
            }
            ExprKind::Subscript(object, index) => {
                self.unit.span = target.span;
                self.expr(object)?;
                self.expr(index)?;
                self.emit(Op::Copy(2));
                self.emit(Op::Copy(2));
                self.emit(Op::Subscr);
                self.unit.span = statement;
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.unit.span = target.span;
                // [object, index, result] -> result, object, index for StoreSubscr.
                self.emit(Op::Swap(3));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Attribute(object, name) => {
                self.unit.span = target.span;
                self.expr(object)?;
                self.emit(Op::Copy(1));
                let n = self.attr_index(name);
                self.emit(Op::LoadAttr(n));
                self.unit.span = statement;
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.unit.span = target.span;
                self.emit(Op::Swap(2));
                self.emit(Op::StoreAttr(n));
            }
            _ => unreachable!("the parser allows only names, subscripts and attributes"),
        }
        self.unit.span = statement;
        Ok(())
    }

    fn for_loop(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        is_async: bool,
    ) -> Compiled<()> {
        let (start, cleanup, exit) = (self.label(), self.label(), self.label());
        self.expr(iter)?;
        self.set_line(s.span.start.line);
        if is_async {
            self.emit(Op::GetAIter);
            self.loop_head(start);
            let handler = self.push_handler(cleanup);
            self.emit(Op::GetANext);
            self.await_top();
            self.pop_handler(handler);
        } else {
            self.emit(Op::GetIter);
            self.loop_head(start);
            self.jump(Op::ForIter, cleanup);
        }
        self.assign(target)?;
        self.unit.fblocks.push(FBlock::For { start, exit });
        self.block(body)?;
        self.unit.fblocks.pop();
        self.set_line_quietly(s.span.start.line);
        self.jump(Op::Jump, start);
        self.bind(cleanup);
        if is_async {
            self.emit(Op::EndAsyncFor);
        }
        self.block(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn break_or_continue(&mut self, s: &'a Stmt) -> Compiled<()> {
        let is_break = matches!(s.kind, StmtKind::Break);
        let loop_at = self
            .unit
            .fblocks
            .iter()
            .rposition(|f| matches!(f, FBlock::While { .. } | FBlock::For { .. }))
            .expect("the parser checks that break and continue are in a loop");
        if self.line_events {
            // Its line begins before any `finally` it leaves runs (CPython's NOP).
            self.emit(Op::Nop);
        }
        let saved = self.unwind_to(loop_at + 1, s.span, false)?;
        let (start, exit, is_for) = match &self.unit.fblocks[loop_at] {
            FBlock::While { start, exit } => (*start, *exit, false),
            FBlock::For { start, exit } => (*start, *exit, true),
            _ => unreachable!("found a loop"),
        };
        self.set_line_quietly(s.span.start.line);
        if is_break {
            if is_for {
                self.emit(Op::Pop);
            }
            self.jump(Op::Jump, exit);
        } else {
            self.jump(Op::Jump, start);
        }
        self.restore(saved);
        Ok(())
    }

    /// Emits what leaving every block down to `level` (exclusive of those below it)
    /// must do; with `preserve`, the value on top (being returned) is kept on top.
    /// Returns what to restore afterwards, for the code that follows in the block.
    fn unwind_to(&mut self, level: usize, span: Span, preserve: bool) -> Compiled<Saved<'a>> {
        let mut taken = Vec::new();
        let handlers = self.unit.handler_stack.clone();
        while self.unit.fblocks.len() > level {
            let block = self.unit.fblocks.pop().expect("counted");
            self.unwind_block(&block, span, preserve)?;
            taken.push(block);
        }
        Ok(Saved { fblocks: taken, handlers })
    }

    fn unwind_all(&mut self, span: Span, preserve: bool) -> Compiled<()> {
        let saved = self.unwind_to(0, span, preserve)?;
        self.restore(saved);
        Ok(())
    }

    fn restore(&mut self, saved: Saved<'a>) {
        self.unit.fblocks.extend(saved.fblocks.into_iter().rev());
        self.unit.handler_stack = saved.handlers;
    }

    fn leave_handler(&mut self, handler: u32) {
        if let Some(i) = self.unit.handler_stack.iter().rposition(|h| *h == handler) {
            self.unit.handler_stack.truncate(i);
        }
    }

    fn unwind_block(&mut self, block: &FBlock<'a>, span: Span, preserve: bool) -> Compiled<()> {
        match block {
            FBlock::While { .. } => {}
            FBlock::For { .. } => {
                if preserve {
                    self.emit(Op::Swap(2));
                }
                self.emit(Op::Pop);
            }
            FBlock::TryExcept { handler } => self.leave_handler(*handler),
            FBlock::FinallyTry { body, handler } => {
                self.leave_handler(*handler);
                self.block(body)?;
            }
            FBlock::FinallyEnd { handler } => {
                self.leave_handler(*handler);
                if preserve {
                    self.emit(Op::Swap(2));
                }
                self.emit(Op::Pop);
                self.emit(Op::PopExcept);
            }
            FBlock::HandlerCleanup { name, handler } => {
                self.leave_handler(*handler);
                self.emit(Op::PopExcept);
                if let Some(name) = name {
                    self.load_const(Value::None);
                    self.store_name(name);
                    self.delete_name(name);
                }
            }
            FBlock::StarHandler => {
                return Err(SyntaxError::new(
                    "'break', 'continue' and 'return' cannot appear in an except* block",
                    span,
                ));
            }
            FBlock::With { handler, line, is_async } => {
                self.leave_handler(*handler);
                let here = self.unit.line;
                self.set_line(*line);
                if preserve {
                    self.emit(Op::Swap(2));
                }
                self.exit_with(*is_async);
                self.emit(Op::Pop);
                self.set_line(here);
            }
        }
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        star: bool,
    ) -> Compiled<()> {
        let (except, end) = (self.label(), self.label());
        let handler = self.push_handler(except);
        self.unit.fblocks.push(FBlock::TryExcept { handler });
        self.block(body)?;
        self.unit.fblocks.pop();
        self.pop_handler(handler);
        self.block(orelse)?;
        self.jump(Op::Jump, end);
        self.bind(except);
        if star {
            self.star_handlers(handlers, end)?;
        } else {
            self.handlers(handlers, end)?;
        }
        self.bind(end);
        Ok(())
    }

    /// The `except` clauses, entered with the exception on the stack.
    fn handlers(&mut self, handlers: &'a [Handler], end: Label) -> Compiled<()> {
        let cleanup = self.label();
        self.emit(Op::PushExcInfo);
        let matching = self.push_handler(cleanup);
        let mut after_bodies: Vec<(Label, Str)> = Vec::new();
        for h in handlers {
            self.set_line(h.span.start.line);
            let next = self.label();
            if let Some(kind) = &h.kind {
                self.expr(kind)?;
                self.set_line(h.span.start.line);
                self.emit(Op::CheckExcMatch);
                self.jump(Op::PopJumpIfFalse, next);
            }
            match &h.name {
                Some(name) => {
                    self.store_name(name);
                    let body_cleanup = self.label();
                    let inner = self.push_handler(body_cleanup);
                    self.unit.fblocks.push(FBlock::HandlerCleanup { name: Some(name.clone()), handler: inner });
                    self.block(&h.body)?;
                    self.unit.fblocks.pop();
                    self.pop_handler(inner);
                    // (The clean-up is CPython's artificial code: it stands at the line
                    // before it, where the exception is freed.)
                    self.set_line_quietly(self.unit.line);
                    self.emit(Op::PopExcept);
                    self.load_const(Value::None);
                    self.store_name(name);
                    self.delete_name(name);
                    after_bodies.push((body_cleanup, name.clone()));
                }
                None => {
                    self.emit(Op::Pop);
                    self.unit.fblocks.push(FBlock::HandlerCleanup { name: None, handler: matching });
                    self.block(&h.body)?;
                    self.unit.fblocks.pop();
                    self.set_line_quietly(self.unit.line);
                    self.emit(Op::PopExcept);
                }
            }
            self.jump(Op::Jump, end);
            self.bind(next);
        }
        self.pop_handler(matching);
        // No clause matched: the exception goes on.
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.bind(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        for (label, name) in after_bodies {
            self.bind(label);
            self.unit.marked_line = self.unit.line;
            self.load_const(Value::None);
            self.store_name(&name);
            self.delete_name(&name);
            self.emit(Op::PopExcept);
            self.emit(Op::Reraise);
        }
        Ok(())
    }

    /// The `except*` clauses, entered with the exception on the stack: each takes the
    /// part of the group it matches; what they raise, and what none matched, is raised
    /// together at the end (CPython's `compiler_try_star_except`).
    fn star_handlers(&mut self, handlers: &'a [Handler], end: Label) -> Compiled<()> {
        let (cleanup, reraise) = (self.label(), self.label());
        self.emit(Op::PushExcInfo);
        let outer = self.push_handler(cleanup);
        // [orig] -> [orig, list, rest]
        self.emit(Op::Copy(1));
        self.emit(Op::BuildList(0));
        self.emit(Op::Swap(2));
        for h in handlers {
            self.set_line(h.span.start.line);
            let (no_match, next, raised) = (self.label(), self.label(), self.label());
            let kind = h.kind.as_ref().expect("except* always names its types");
            self.expr(kind)?;
            self.set_line(h.span.start.line);
            // [orig, list, rest, T] -> [orig, list, rest', match]
            self.emit(Op::CheckEgMatch);
            self.emit(Op::Copy(1));
            self.jump(Op::PopJumpIfNone, no_match);
            match &h.name {
                Some(name) => self.store_name(name),
                None => self.emit(Op::Pop),
            }
            let inner = self.push_handler(raised);
            self.unit.fblocks.push(FBlock::StarHandler);
            self.block(&h.body)?;
            self.unit.fblocks.pop();
            self.pop_handler(inner);
            if let Some(name) = &h.name {
                self.load_const(Value::None);
                self.store_name(name);
                self.delete_name(name);
            }
            self.jump(Op::Jump, next);
            // Raised in the body: [orig, list, rest, exc] -> added to the list.
            self.bind(raised);
            if let Some(name) = &h.name {
                self.load_const(Value::None);
                self.store_name(name);
                self.delete_name(name);
            }
            self.emit(Op::ListAppend(2));
            self.jump(Op::Jump, next);
            self.bind(no_match);
            self.emit(Op::Pop);
            self.bind(next);
        }
        // [orig, list, rest]: what none matched joins the list.
        self.emit(Op::ListAppend(1));
        self.emit(Op::PrepReraiseStar);
        self.emit(Op::Copy(1));
        self.jump(Op::PopJumpIfNotNone, reraise);
        self.pop_handler(outer);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.jump(Op::Jump, end);
        self.bind(reraise);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.bind(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> Compiled<()> {
        let (on_exception, cleanup, end) = (self.label(), self.label(), self.label());
        let handler = self.push_handler(on_exception);
        self.unit.fblocks.push(FBlock::FinallyTry { body: finalbody, handler });
        if handlers.is_empty() {
            self.block(body)?;
        } else {
            self.try_except(body, handlers, orelse, star)?;
        }
        self.unit.fblocks.pop();
        self.pop_handler(handler);
        self.block(finalbody)?;
        self.jump(Op::Jump, end);
        self.bind(on_exception);
        self.emit(Op::PushExcInfo);
        let inner = self.push_handler(cleanup);
        self.unit.fblocks.push(FBlock::FinallyEnd { handler: inner });
        self.block(finalbody)?;
        self.unit.fblocks.pop();
        self.pop_handler(inner);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.bind(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.bind(end);
        Ok(())
    }

    /// The manager's exit without an exception: its result on top.
    fn exit_with(&mut self, is_async: bool) {
        if is_async {
            self.emit(Op::WithExit);
            self.await_top();
        } else {
            self.emit(Op::WithExitSync);
        }
    }

    fn with(&mut self, items: &'a [WithItem], body: &'a [Stmt], is_async: bool) -> Compiled<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.block(body);
        };
        let line = item.context.span.start.line;
        let (on_exception, cleanup, suppress, end) = (self.label(), self.label(), self.label(), self.label());
        self.expr(&item.context)?;
        self.set_line(line);
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.await_top();
        } else {
            self.emit(Op::BeforeWith);
        }
        // What entering gave is stored under the handler: only the exit stays below it.
        let handler = self.push_handler_above(on_exception, 1);
        match &item.target {
            Some(target) => self.assign(target)?,
            None => self.emit(Op::Pop),
        }
        self.unit.fblocks.push(FBlock::With { handler, line, is_async });
        self.with(rest, body, is_async)?;
        self.unit.fblocks.pop();
        self.pop_handler(handler);
        self.set_line(line);
        self.exit_with(is_async);
        self.emit(Op::Pop);
        self.jump(Op::Jump, end);
        // [exit, exc]
        self.bind(on_exception);
        self.set_line(line);
        self.emit(Op::PushExcInfo);
        let inner = self.push_handler(cleanup);
        if is_async {
            self.emit(Op::WithExceptStart);
            self.await_top();
        } else {
            self.emit(Op::WithExceptStartSync);
        }
        self.jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise);
        self.bind(suppress);
        self.pop_handler(inner);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.bind(end);
        Ok(())
    }

    /// Adds every item of the iterable on top to the list (or set) below it, one turn of
    /// a loop on the machine per item: a generator's items come from its frame on the
    /// fiber, and a long one can pause like any loop.
    fn spread(&mut self, spread: Spread) -> Compiled<()> {
        let (start, end) = (self.label(), self.label());
        self.emit(Op::GetIterStar(spread as u32));
        self.bind(start);
        self.jump(Op::ForIter, end);
        self.emit(if spread == Spread::Set { Op::SetAdd(2) } else { Op::ListAppend(2) });
        self.jump(Op::Jump, start);
        self.bind(end);
        Ok(())
    }

    /// Awaits the awaitable on top: its result replaces it.
    fn await_top(&mut self) {
        let done = self.label();
        self.load_const(Value::None);
        self.jump(Op::Send, done);
        self.bind(done);
    }

    // ---- assignment ----

    /// Stores the value on the stack in `target`: what fails there is the target's.
    fn assign(&mut self, target: &'a Expr) -> Compiled<()> {
        let span = std::mem::replace(&mut self.unit.span, target.span);
        let result = self.assign_here(target);
        self.unit.span = span;
        result
    }

    fn assign_here(&mut self, target: &'a Expr) -> Compiled<()> {
        match &target.kind {
            ExprKind::Name(name) => self.store_name(name),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
                match star {
                    Some(s) => {
                        let after = items.len() - s - 1;
                        self.emit(Op::UnpackEx(((s as u32) << 16) | after as u32));
                    }
                    None => self.emit(Op::UnpackSequence(items.len() as u32)),
                }
                for item in items {
                    self.assign(item)?;
                }
            }
            ExprKind::Starred(inner) => self.assign(inner)?,
            ExprKind::Subscript(object, index) => {
                self.expr(object)?;
                self.expr(index)?;
                self.set_line(target.span.start.line);
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Attribute(object, name) => {
                self.expr(object)?;
                let n = self.attr_index(name);
                self.set_line(target.span.start.line);
                self.emit(Op::StoreAttr(n));
            }
            _ => unreachable!("the parser checks assignment targets"),
        }
        Ok(())
    }

    fn delete(&mut self, target: &'a Expr) -> Compiled<()> {
        let span = std::mem::replace(&mut self.unit.span, target.span);
        let result = self.delete_here(target);
        self.unit.span = span;
        result
    }

    fn delete_here(&mut self, target: &'a Expr) -> Compiled<()> {
        self.set_line(target.span.start.line);
        match &target.kind {
            ExprKind::Name(name) => self.delete_name(name),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|t| self.delete(t))?,
            ExprKind::Subscript(object, index) => {
                self.expr(object)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Attribute(object, name) => {
                self.expr(object)?;
                let n = self.attr_index(name);
                self.emit(Op::DeleteAttr(n));
            }
            _ => unreachable!("the parser checks del targets"),
        }
        Ok(())
    }

    // ---- expressions ----

    fn expr(&mut self, e: &'a Expr) -> Compiled<()> {
        let (line, span) = (self.unit.line, self.unit.span);
        self.set_line(e.span.start.line);
        self.unit.span = e.span;
        let result = self.expr_here(e);
        self.set_line(line);
        self.unit.span = span;
        result
    }

    fn expr_here(&mut self, e: &'a Expr) -> Compiled<()> {
        match &e.kind {
            ExprKind::Name(name) => self.load_name(name),
            ExprKind::Int(n) => self.load_const(Value::Int(*n)),
            ExprKind::Big(n) => {
                let n = super::big::parse(n, 10).expect("the lexer's digits");
                self.load_const(super::big::value(n))
            }
            ExprKind::Float(x) => self.load_const(Value::Float(*x)),
            ExprKind::Str(s) => self.load_const(Value::Str(s.clone())),
            ExprKind::Bytes(b) => self.load_const(Value::Bytes(b.clone())),
            ExprKind::Bool(b) => self.load_const(Value::Bool(*b)),
            ExprKind::None => self.load_const(Value::None),
            ExprKind::Ellipsis => self.load_const(super::objects::ellipsis()),
            ExprKind::FString(parts) => {
                let n = self.fstring(parts)?;
                if n != 1 || !matches!(parts.first(), Some(FPart::Value { .. })) {
                    self.emit(Op::BuildString(n));
                }
            }
            ExprKind::List(items) => self.sequence(items, SeqKind::List)?,
            ExprKind::Tuple(items) => self.sequence(items, SeqKind::Tuple)?,
            ExprKind::Set(items) => self.sequence(items, SeqKind::Set)?,
            ExprKind::Dict(entries) => self.dict(entries)?,
            ExprKind::ListComp(..) | ExprKind::SetComp(..) | ExprKind::DictComp(..) | ExprKind::GeneratorExp(..) => {
                self.comprehension(e)?
            }
            ExprKind::BinOp(a, op, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp(op, a) => {
                self.expr(a)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::BoolOp(and, values) => {
                let end = self.label();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(if *and { Op::JumpIfFalseOrPop } else { Op::JumpIfTrueOrPop }, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::Compare(first, ops) => self.compare(first, ops)?,
            ExprKind::NamedExpr(name, value) => {
                self.expr(value)?;
                self.emit(Op::Copy(1));
                self.store_name(name);
            }
            ExprKind::IfExp { test, body, orelse } => {
                let (otherwise, end) = (self.label(), self.label());
                self.expr(test)?;
                self.jump(Op::PopJumpIfFalse, otherwise);
                self.expr(body)?;
                self.jump(Op::Jump, end);
                self.bind(otherwise);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Lambda(f) => self.make_function(f)?,
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords)?,
            ExprKind::Attribute(object, name) => {
                self.expr(object)?;
                let n = self.attr_index(name);
                self.emit(Op::LoadAttr(n));
            }
            ExprKind::Subscript(object, index) => {
                self.expr(object)?;
                self.expr(index)?;
                self.emit(Op::Subscr);
            }
            ExprKind::Slice(a, b, c) => {
                for part in [a, b] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Value::None),
                    }
                }
                match c {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => self.emit(Op::BuildSlice(2)),
                }
            }
            ExprKind::Starred(_) => {
                return Err(SyntaxError::new("can't use starred expression here", e.span));
            }
            ExprKind::Await(inner) => {
                self.expr(inner)?;
                self.emit(Op::GetAwaitable);
                self.await_top();
            }
            ExprKind::Yield(value) => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(value) => {
                self.expr(value)?;
                self.emit(Op::GetYieldFromIter);
                self.await_top();
            }
        }
        Ok(())
    }

    /// The parts of an f-string on the stack; how many.
    fn fstring(&mut self, parts: &'a [FPart]) -> Compiled<u32> {
        let mut n = 0;
        for part in parts {
            match part {
                FPart::Text(t) => self.load_const(Value::Str(t.clone())),
                FPart::Value { value, conversion, spec } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if !spec.is_empty() {
                        let k = self.fstring(spec)?;
                        if k != 1 || !matches!(spec.first(), Some(FPart::Text(_))) {
                            self.emit(Op::BuildString(k));
                        }
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue(flags));
                }
            }
            n += 1;
        }
        if n == 0 {
            self.load_const(Value::str(""));
            n = 1;
        }
        Ok(n)
    }

    fn sequence(&mut self, items: &'a [Expr], kind: SeqKind) -> Compiled<()> {
        let starred = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !starred {
            for item in items {
                self.expr(item)?;
            }
            let n = items.len() as u32;
            // CPython's compiler makes a literal of three or more constants a frozenset.
            let constant = |e: &Expr| match &e.kind {
                ExprKind::Int(_)
                | ExprKind::Big(_)
                | ExprKind::Float(_)
                | ExprKind::Str(_)
                | ExprKind::Bytes(_)
                | ExprKind::Bool(_)
                | ExprKind::None
                | ExprKind::Ellipsis => true,
                ExprKind::UnaryOp(UnaryOp::USub | UnaryOp::UAdd, x) => {
                    matches!(x.kind, ExprKind::Int(_) | ExprKind::Big(_) | ExprKind::Float(_))
                }
                _ => false,
            };
            self.emit(match kind {
                SeqKind::List => Op::BuildList(n),
                SeqKind::Tuple => Op::BuildTuple(n),
                SeqKind::Set if items.len() > 2 && items.iter().all(constant) => Op::BuildConstSet(n),
                SeqKind::Set => Op::BuildSet(n),
            });
            return Ok(());
        }
        let mut built = false;
        let mut pending = 0;
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    if !built {
                        self.emit(if kind == SeqKind::Set { Op::BuildSet(pending) } else { Op::BuildList(pending) });
                        built = true;
                    }
                    self.expr(inner)?;
                    self.spread(if kind == SeqKind::Set { Spread::Set } else { Spread::Value })?;
                }
                _ => {
                    self.expr(item)?;
                    if built {
                        self.emit(if kind == SeqKind::Set { Op::SetAdd(1) } else { Op::ListAppend(1) });
                    } else {
                        pending += 1;
                    }
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn dict(&mut self, entries: &'a [(Option<Expr>, Expr)]) -> Compiled<()> {
        let mut pending = 0;
        let mut built = false;
        for (k, v) in entries {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !built {
                        self.emit(Op::BuildMap(pending));
                        if built {
                            self.emit(Op::DictUpdate(1));
                        }
                        built = true;
                        pending = 0;
                    }
                    self.expr(v)?;
                    self.emit(Op::DictUpdate(1));
                }
            }
        }
        if !built || pending > 0 {
            self.emit(Op::BuildMap(pending));
            if built {
                self.emit(Op::DictUpdate(1));
            }
        }
        Ok(())
    }

    fn compare(&mut self, first: &'a Expr, ops: &'a [(CmpOp, Expr)]) -> Compiled<()> {
        self.expr(first)?;
        if ops.len() == 1 {
            self.expr(&ops[0].1)?;
            self.emit(Op::Compare(ops[0].0));
            return Ok(());
        }
        // a < b < c: b is evaluated once, and the chain stops at the first false.
        let (cleanup, end) = (self.label(), self.label());
        for (i, (op, right)) in ops.iter().enumerate() {
            self.expr(right)?;
            if i + 1 < ops.len() {
                self.emit(Op::Swap(2));
                self.emit(Op::Copy(2));
                self.emit(Op::Compare(*op));
                self.jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        self.jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap(2));
        self.emit(Op::Pop);
        self.bind(end);
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> Compiled<()> {
        let line = self.unit.line;
        // `super()` in a function: `super(<its class>, <its first argument>)`, as CPython
        // compiles it with the `__class__` cell.
        if let (ExprKind::Name(name), [], []) = (&func.kind, args, keywords) {
            let first = self.unit.scope.locals.first().cloned();
            if &**name == "super" && self.unit.scope.kind == ScopeKind::Function && self.unit.argcount > 0 {
                if let Some(first) = first {
                    self.load_name(name);
                    self.emit(Op::LoadOwner);
                    self.load_name(&first);
                    self.set_line(line);
                    self.emit(Op::Call(2));
                    return Ok(());
                }
            }
        }
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let spread = keywords.iter().any(|k| k.name.is_none());
        if starred || spread {
            self.expr(func)?;
            // The positional arguments as a tuple.
            if let [Expr { kind: ExprKind::Starred(inner), .. }] = args {
                // `f(*x)`: its error names `f`, as CPython's does.
                self.emit(Op::BuildList(0));
                self.expr(inner)?;
                self.spread(Spread::Call)?;
                self.emit(Op::ListToTuple);
            } else {
                let mut built = false;
                let mut pending = 0;
                for arg in args {
                    match &arg.kind {
                        ExprKind::Starred(inner) => {
                            if !built {
                                self.emit(Op::BuildList(pending));
                                built = true;
                            }
                            self.expr(inner)?;
                            self.spread(Spread::Value)?;
                        }
                        _ => {
                            self.expr(arg)?;
                            if built {
                                self.emit(Op::ListAppend(1));
                            } else {
                                pending += 1;
                            }
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildList(pending));
                }
                self.emit(Op::ListToTuple);
            }
            if keywords.is_empty() {
                self.set_line(line);
                self.emit(Op::CallEx(0));
                return Ok(());
            }
            let mut built = false;
            let mut pending = 0;
            for k in keywords {
                match &k.name {
                    Some(name) => {
                        self.load_const(Value::Str(name.clone()));
                        self.expr(&k.value)?;
                        pending += 1;
                    }
                    None => {
                        if pending > 0 || !built {
                            self.emit(Op::BuildMap(pending));
                            if built {
                                self.emit(Op::DictMerge(1));
                            }
                            built = true;
                            pending = 0;
                        }
                        self.expr(&k.value)?;
                        self.emit(Op::DictMerge(1));
                    }
                }
            }
            if !built {
                self.emit(Op::BuildMap(pending));
            } else if pending > 0 {
                self.emit(Op::BuildMap(pending));
                self.emit(Op::DictMerge(1));
            }
            self.set_line(line);
            self.emit(Op::CallEx(1));
            return Ok(());
        }
        // A method call: `obj.name(...)` without a bound method in between.
        let method = match &func.kind {
            ExprKind::Attribute(object, name) => Some((object, name)),
            _ => None,
        };
        if let Some((object, name)) = method {
            self.expr(object)?;
            let n = self.attr_index(name);
            self.set_line(func.span.end.line);
            let span = std::mem::replace(&mut self.unit.span, func.span);
            self.emit(Op::LoadMethod(n));
            self.unit.span = span;
        } else {
            self.expr(func)?;
        }
        for arg in args {
            self.expr(arg)?;
        }
        for k in keywords {
            self.expr(&k.value)?;
        }
        self.set_line(line);
        if !keywords.is_empty() {
            let names: Vec<Value> = keywords.iter().map(|k| Value::Str(k.name.clone().expect("named"))).collect();
            let c = self.constant(Value::tuple(names));
            self.emit(Op::KwNames(c));
        }
        let n = (args.len() + keywords.len()) as u32;
        self.emit(if method.is_some() { Op::CallMethod(n) } else { Op::Call(n) });
        Ok(())
    }

    // ---- functions ----

    /// Calls the decorators below the function or class just made, innermost first:
    /// each on its own line, as CPython's tracebacks name it.
    fn decorate(&mut self, decorators: &[Expr]) {
        for d in decorators.iter().rev() {
            self.set_line(d.span.start.line);
            self.emit(Op::Call(1));
        }
    }

    fn make_function(&mut self, f: &'a Function) -> Compiled<()> {
        let mut flags = 0u8;
        if !f.params.defaults.is_empty() {
            for d in &f.params.defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(f.params.defaults.len() as u32));
            flags |= 1;
        }
        let kw: Vec<&(Name, Option<Expr>)> = f.params.kwonly.iter().filter(|(_, d)| d.is_some()).collect();
        if !kw.is_empty() {
            for (name, d) in &kw {
                self.load_const(Value::Str(name.clone()));
                self.expr(d.as_ref().expect("filtered"))?;
            }
            self.emit(Op::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        if !f.params.annotations.is_empty() {
            for (name, a) in &f.params.annotations {
                self.load_const(Value::Str(name.clone()));
                self.annotation(a)?;
            }
            self.emit(Op::BuildMap(f.params.annotations.len() as u32));
            flags |= 8;
        }
        let scope = self.scopes.get(&scope::function_key(f)).cloned().expect("every function's scope is resolved");
        let kind = match (f.is_async, scope.generator) {
            (true, true) => CodeKind::AsyncGenerator,
            (true, false) => CodeKind::Coroutine,
            (false, true) => CodeKind::Generator,
            (false, false) => CodeKind::Function,
        };
        let code = self.function_code(f, scope, kind)?;
        self.closure(&code, &mut flags);
        let c = self.constant(Value::Code(code));
        self.emit(Op::MakeFunction { code: c, flags });
        Ok(())
    }

    /// An annotation's value: evaluated, or under `from __future__ import annotations`
    /// its text.
    fn annotation(&mut self, e: &'a Expr) -> Compiled<()> {
        let Some(lines) = &self.annotations_as_text else { return self.expr(e) };
        let (start, end) = (e.span.start, e.span.end);
        let mut text = String::new();
        for line in start.line..=end.line {
            let chars = lines.get(line as usize - 1).map_or(&[][..], |l| &l[..]);
            let from = if line == start.line { (start.col as usize).min(chars.len()) } else { 0 };
            let to = if line == end.line { (end.col as usize).clamp(from, chars.len()) } else { chars.len() };
            if line != start.line {
                text.push(' ');
            }
            text.extend(chars[from..to].iter().map(|c| if *c == '\n' { ' ' } else { *c }));
        }
        self.load_const(Value::str(text.trim()));
        Ok(())
    }

    /// `class Name(bases): body`: the bases, then the body run as a function that
    /// fills the namespace it is given, then the class made of them (CPython calls the
    /// body from `__build_class__`; here the code around it does).
    fn class_def(&mut self, c: &'a ClassDef) -> Compiled<()> {
        if let Some(m) = &c.metaclass {
            self.expr(m)?;
        }
        for base in &c.bases {
            self.expr(base)?;
        }
        if !c.keywords.is_empty() {
            for (name, value) in &c.keywords {
                self.load_const(Value::Str(name.clone()));
                self.expr(value)?;
            }
            self.emit(Op::BuildMap(c.keywords.len() as u32));
        }
        let scope = self.scopes.get(&scope::class_key(c)).cloned().expect("every class's scope is resolved");
        let qualname = self.qualname(&c.name);
        let line = c.span.start.line;
        let mut unit = Unit::new(scope, c.name.clone(), qualname.clone(), CodeKind::Function, line);
        unit.argcount = 1;
        self.outer.push(std::mem::replace(&mut self.unit, unit));
        if self.line_events {
            // CPython's body begins on the `class` line (setting `__module__`).
            self.emit(Op::Nop);
        }
        if let Some(doc) = docstring(&c.body) {
            self.load_const(Value::Str(doc));
            self.store_name(&"__doc__".into());
        }
        if annotates(&c.body) {
            // `__annotations__`, as CPython's `SETUP_ANNOTATIONS` makes it.
            self.emit(Op::BuildMap(0));
            self.store_name(&"__annotations__".into());
        }
        let result = self.block(&c.body);
        self.unit.marked_line = self.unit.line;
        self.load_const(Value::None);
        self.emit(Op::Return);
        // (A body that failed to compile is dropped unfinished: its labels may be unbound.)
        let code = result.is_ok().then(|| self.finish_unit());
        self.unit = self.outer.pop().expect("pushed");
        result?;
        let code = code.expect("finished when it compiled");
        self.set_line(line);
        self.emit(Op::BuildMap(0));
        let mut flags = 0;
        self.closure(&code, &mut flags);
        let body = self.constant(Value::Code(code.clone()));
        self.emit(Op::MakeFunction { code: body, flags });
        self.emit(Op::Copy(2));
        self.emit(Op::Call(1));
        self.emit(Op::Pop);
        let qualname = self.constant(Value::tuple(vec![Value::Str(qualname), Value::Code(code)]));
        let (bases, meta, keywords) = (c.bases.len() as u32, c.metaclass.is_some(), !c.keywords.is_empty());
        self.emit(Op::BuildClass { bases, qualname, meta, keywords });
        Ok(())
    }

    /// Pushes the cells a function of `code` closes over (`flags` says so).
    fn closure(&mut self, code: &Code, flags: &mut u8) {
        if code.freevars.is_empty() {
            return;
        }
        for name in &code.freevars {
            let scope = &self.unit.scope;
            let class_free = scope
                .frees
                .iter()
                .position(|n| n == name)
                .filter(|_| scope.kind == ScopeKind::Class)
                .map(|i| (scope.cells.len() + i) as u32);
            match (class_free, self.access(name)) {
                // A class passes on its enclosing functions' cells, whatever its own
                // namespace holds under the same name.
                (Some(i), _) => self.emit(Op::LoadClosure(i)),
                (None, Access::Deref(i)) => self.emit(Op::LoadClosure(i)),
                _ => unreachable!("a free variable is a cell of the enclosing scope"),
            }
        }
        self.emit(Op::BuildTuple(code.freevars.len() as u32));
        *flags |= 4;
    }

    fn qualname(&self, name: &str) -> Str {
        match self.unit.kind {
            CodeKind::Module => name.into(),
            // (The top level of text run as the program runs.)
            _ if self.outer.is_empty() && self.text.is_some() => name.into(),
            _ if self.unit.scope.kind == ScopeKind::Module => name.into(),
            _ if self.unit.scope.kind == ScopeKind::Class => format!("{}.{name}", self.unit.qualname).into(),
            _ => format!("{}.<locals>.{name}", self.unit.qualname).into(),
        }
    }

    fn function_code(&mut self, f: &'a Function, scope: Rc<Scope>, kind: CodeKind) -> Compiled<Rc<Code>> {
        let qualname = self.qualname(&f.name);
        let line = f.span.start.line;
        let mut unit = Unit::new(scope, f.name.clone(), qualname, kind, line);
        let p = &f.params;
        unit.argcount = p.args.len() as u32;
        unit.kwonlycount = p.kwonly.len() as u32;
        unit.posonlycount = p.posonly as u32;
        unit.varargs = p.vararg.is_some();
        unit.varkeywords = p.kwarg.is_some();
        unit.doc = docstring(&f.body).filter(|_| &*f.name != "<lambda>");
        self.outer.push(std::mem::replace(&mut self.unit, unit));
        let result = (|| {
            if &*f.name == "<lambda>" {
                if let [Stmt { kind: StmtKind::Return(Some(body)), .. }] = &f.body[..] {
                    self.expr(body)?;
                    if kind != CodeKind::Generator {
                        self.emit(Op::Return);
                        return Ok(());
                    }
                    self.emit(Op::Pop);
                }
            } else {
                self.block(&f.body)?;
            }
            // The return at the end runs no line of its own.
            self.unit.marked_line = self.unit.line;
            self.load_const(Value::None);
            self.emit(Op::Return);
            Ok(())
        })();
        let code = result.is_ok().then(|| self.finish_unit());
        self.unit = self.outer.pop().expect("pushed");
        result.map(|()| code.expect("finished when it compiled"))
    }

    fn comprehension(&mut self, e: &'a Expr) -> Compiled<()> {
        let (what, gens, parts): (&str, &'a [Comprehension], CompParts<'a>) = match &e.kind {
            ExprKind::ListComp(elt, gens) => ("<listcomp>", gens, CompParts::List(elt)),
            ExprKind::SetComp(elt, gens) => ("<setcomp>", gens, CompParts::Set(elt)),
            ExprKind::DictComp(k, v, gens) => ("<dictcomp>", gens, CompParts::Dict(k, v)),
            ExprKind::GeneratorExp(elt, gens) => ("<genexpr>", gens, CompParts::Generator(elt)),
            _ => unreachable!("a comprehension"),
        };
        let scope = self.scopes.get(&scope::comprehension_key(e)).cloned().expect("every comprehension is resolved");
        let is_generator = matches!(parts, CompParts::Generator(_));
        let kind = match (is_generator, scope.coroutine) {
            (true, true) => CodeKind::AsyncGenerator,
            (true, false) => CodeKind::Generator,
            (false, true) => CodeKind::Coroutine,
            (false, false) => CodeKind::Function,
        };
        let qualname = self.qualname(what);
        let line = self.unit.line;
        let mut unit = Unit::new(scope, what.into(), qualname, kind, line);
        unit.argcount = 1;
        self.outer.push(std::mem::replace(&mut self.unit, unit));
        let result = self.comprehension_body(gens, &parts);
        let code = result.is_ok().then(|| self.finish_unit());
        self.unit = self.outer.pop().expect("pushed");
        result?;
        let code = code.expect("finished when it compiled");
        let mut flags = 0;
        self.closure(&code, &mut flags);
        let c = self.constant(Value::Code(code));
        self.emit(Op::MakeFunction { code: c, flags });
        self.expr(&gens[0].iter)?;
        self.emit(if gens[0].is_async { Op::GetAIter } else { Op::GetIter });
        self.emit(Op::Call(1));
        if kind == CodeKind::Coroutine {
            self.emit(Op::GetAwaitable);
            self.await_top();
        }
        Ok(())
    }

    fn comprehension_body(&mut self, gens: &'a [Comprehension], parts: &CompParts<'a>) -> Compiled<()> {
        match parts {
            CompParts::List(_) => self.emit(Op::BuildList(0)),
            CompParts::Set(_) => self.emit(Op::BuildSet(0)),
            CompParts::Dict(..) => self.emit(Op::BuildMap(0)),
            CompParts::Generator(_) => {}
        }
        self.comprehension_level(gens, 0, parts)?;
        if !matches!(parts, CompParts::Generator(_)) {
            self.emit(Op::Return);
        } else {
            self.load_const(Value::None);
            self.emit(Op::Return);
        }
        Ok(())
    }

    fn comprehension_level(&mut self, gens: &'a [Comprehension], level: usize, parts: &CompParts<'a>) -> Compiled<()> {
        let Some(g) = gens.get(level) else {
            // Iterators and the accumulator below: the accumulator is `depth` down.
            let depth = level as u32 + 1;
            match parts {
                CompParts::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend(depth));
                }
                CompParts::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd(depth));
                }
                CompParts::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
                CompParts::Generator(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::Yield);
                    self.emit(Op::Pop);
                }
            }
            return Ok(());
        };
        let (start, cleanup, skip) = (self.label(), self.label(), self.label());
        if level == 0 {
            // The first iterator is the argument, `.0`: slot 0.
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async { Op::GetAIter } else { Op::GetIter });
        }
        self.loop_head(start);
        if g.is_async {
            let handler = self.push_handler(cleanup);
            self.emit(Op::GetANext);
            self.await_top();
            self.pop_handler(handler);
        } else {
            self.jump(Op::ForIter, cleanup);
        }
        self.assign(&g.target)?;
        for test in &g.ifs {
            self.expr(test)?;
            self.jump(Op::PopJumpIfFalse, skip);
        }
        self.comprehension_level(gens, level + 1, parts)?;
        self.bind(skip);
        self.jump(Op::Jump, start);
        self.bind(cleanup);
        if g.is_async {
            self.emit(Op::EndAsyncFor);
        }
        Ok(())
    }

    // ---- finishing ----

    fn finish_unit(&mut self) -> Rc<Code> {
        let u = &mut self.unit;
        let target = |labels: &[Option<u32>], l: u32| labels[l as usize].expect("every label is bound");
        for op in u.ops.iter_mut() {
            *op = match *op {
                Op::Jump(l) => Op::Jump(target(&u.labels, l)),
                Op::PopJumpIfFalse(l) => Op::PopJumpIfFalse(target(&u.labels, l)),
                Op::PopJumpIfTrue(l) => Op::PopJumpIfTrue(target(&u.labels, l)),
                Op::JumpIfFalseOrPop(l) => Op::JumpIfFalseOrPop(target(&u.labels, l)),
                Op::JumpIfTrueOrPop(l) => Op::JumpIfTrueOrPop(target(&u.labels, l)),
                Op::PopJumpIfNone(l) => Op::PopJumpIfNone(target(&u.labels, l)),
                Op::PopJumpIfNotNone(l) => Op::PopJumpIfNotNone(target(&u.labels, l)),
                Op::ForIter(l) => Op::ForIter(target(&u.labels, l)),
                Op::Send(l) => Op::Send(target(&u.labels, l)),
                other => other,
            };
        }
        let blocks: Vec<(u32, u32, u32)> =
            u.handler_blocks.iter().map(|(label, setup, above)| (target(&u.labels, label.0), *setup, *above)).collect();
        let (depths, stack_size) = stack_depths(&u.ops, &u.op_handlers, &blocks);
        fuse(&mut u.ops, &u.op_lines, &u.op_handlers);
        let mut handlers = Vec::new();
        let mut i = 0;
        while i < u.ops.len() {
            let h = u.op_handlers[i];
            let start = i;
            while i < u.ops.len() && u.op_handlers[i] == h {
                i += 1;
            }
            if h != NO_HANDLER {
                let (target, setup, above) = blocks[h as usize];
                let depth = depths.get(setup as usize).copied().flatten().unwrap_or(0).saturating_sub(above);
                handlers.push(ExceptionEntry { start: start as u32, end: i as u32, target, depth });
            }
        }
        let mut lines: Vec<(u32, u32)> = Vec::new();
        for (i, &line) in u.op_lines.iter().enumerate() {
            if lines.last().map(|&(_, l)| l) != Some(line) {
                lines.push((i as u32, line));
            }
        }
        let mut spans: Vec<(u32, Span)> = Vec::new();
        for (i, &span) in u.op_spans.iter().enumerate() {
            if spans.last().map(|&(_, s)| s) != Some(span) {
                spans.push((i as u32, span));
            }
        }
        let scope = &u.scope;
        let varnames = scope.locals.clone();
        let cellvars =
            scope.cells.iter().map(|c| (c.clone(), varnames.iter().position(|v| v == c).map(|i| i as u32))).collect();
        Rc::new(Code {
            name: u.name.clone(),
            qualname: u.qualname.clone(),
            kind: u.kind,
            ops: std::mem::take(&mut u.ops),
            consts: std::mem::take(&mut u.consts),
            names: std::mem::take(&mut u.names),
            varnames,
            cellvars,
            freevars: scope.frees.clone(),
            argcount: u.argcount,
            kwonlycount: u.kwonlycount,
            posonlycount: u.posonlycount,
            varargs: u.varargs,
            varkeywords: u.varkeywords,
            doc: u.doc.take(),
            lines,
            spans,
            handlers,
            first_line: u.first_line,
            stack_size,
            owner: std::cell::RefCell::default(),
            module: self.module,
            text: self.text.clone(),
        })
    }
}

/// A body's docstring: its first statement, if that is a string.
fn docstring(body: &[Stmt]) -> Option<Str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr { kind: ExprKind::Str(text), .. })) => Some(text.clone()),
        _ => None,
    }
}

/// What `unwind_to` took off the block stack, to put back.
struct Saved<'a> {
    fblocks: Vec<FBlock<'a>>,
    handlers: Vec<u32>,
}

/// What a `*` spreads into, for its error's wording.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spread {
    /// A list or tuple display, or a call with other arguments: `Value after * ...`.
    Value = 0,
    /// `f(*x)` alone: `f() argument after * ...`.
    Call = 1,
    /// A set display: `'int' object is not iterable`.
    Set = 2,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

enum CompParts<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Generator(&'a Expr),
}

/// Writes the pairs of instructions the machine runs most as one (a superinstruction)
/// over the first of each pair, which then skips the second: the second stays in place,
/// so the jumps that lead to it, the line table and the exception table are unchanged.
fn fuse(ops: &mut [Op], lines: &[u32], handlers: &[u32]) {
    let mut i = 0;
    while i + 1 < ops.len() {
        let same = lines[i] == lines[i + 1] && handlers[i] == handlers[i + 1];
        let fused = match (ops[i], ops[i + 1]) {
            _ if !same => None,
            (Op::LoadFast(a), Op::LoadFast(b)) if a < 1 << 16 && b < 1 << 16 => Some(Op::LoadFast2(a << 16 | b)),
            (Op::LoadFast(a), Op::LoadConst(c)) if a < 1 << 16 && c < 1 << 16 => Some(Op::LoadFastConst(a << 16 | c)),
            (Op::Compare(c), Op::PopJumpIfFalse(t)) => Some(Op::CompareJump(c, t)),
            _ => None,
        };
        match fused {
            Some(op) => {
                ops[i] = op;
                i += 2;
            }
            None => i += 1,
        }
    }
}

/// How an instruction changes the stack's height: falling through, and jumping.
fn effect(op: Op) -> (i32, Option<i32>) {
    use Op::*;
    let n = |x: u32| x as i32;
    match op {
        Nop | TraceLine(_) | Swap(_) | DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_)
        | LoadAttr(_) | Unary(_) | ListToTuple | GetIter | GetIterStar(_) | KwNames(_) | PushExcInfo | PopExcept
        | CheckExcMatch | CheckEgMatch | GetAwaitable | GetYieldFromIter | GetAIter | WithExit | WithExitSync
        | Yield => (0, None),
        Pop | StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) | DeleteAttr(_) | Binary(_) | Inplace(_)
        | Compare(_) | Subscr | ListAppend(_) | SetAdd(_) | DictUpdate(_) | DictMerge(_) | PrepReraiseStar => {
            (-1, None)
        }
        Copy(_) | LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadGlobal(_) | LoadName(_)
        | LoadClassDeref(_) | LoadMethod(_) | LoadAssertionError | GetANext | BeforeAsyncWith | WithExceptStart
        | BeforeWith | WithExceptStartSync | ImportName(_) | ImportFrom(_) | LoadOwner => (1, None),
        StoreAttr(_) | MapAdd(_) | DeleteSubscr => (-2, None),
        StoreSubscr => (-3, None),
        BuildSlice(k) => (1 - n(k), None),
        BuildList(k) | BuildTuple(k) | BuildSet(k) | BuildConstSet(k) | BuildString(k) => (1 - n(k), None),
        BuildMap(k) => (1 - 2 * n(k), None),
        UnpackSequence(k) => (n(k) - 1, None),
        UnpackEx(k) => (n(k >> 16) + n(k & 0xffff), None),
        FormatValue(flags) => (if flags & 4 != 0 { -1 } else { 0 }, None),
        Jump(_) => (0, Some(0)),
        // Written after the analysis (see `fuse`).
        LoadFast2(_) | LoadFastConst(_) | CompareJump(..) => unreachable!("fused after the stack's heights are known"),
        PopJumpIfFalse(_) | PopJumpIfTrue(_) | PopJumpIfNone(_) | PopJumpIfNotNone(_) => (-1, Some(-1)),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => (-1, Some(0)),
        ForIter(_) => (1, Some(-1)),
        Send(_) => (-1, Some(-1)),
        Return | Reraise | Raise(_) => (0, None),
        BuildClass { bases, meta, keywords, .. } => (-n(bases) - i32::from(meta) - i32::from(keywords), None),
        MatchSequence | MatchMapping | GetLen | MatchStar { .. } => (1, None),
        MatchClass { .. } | DictRest => (-1, None),
        MakeFunction { flags, .. } => (
            1 - (flags & 1) as i32 - ((flags >> 1) & 1) as i32 - ((flags >> 2) & 1) as i32 - ((flags >> 3) & 1) as i32,
            None,
        ),
        Call(k) => (-n(k), None),
        CallMethod(k) => (-n(k) - 1, None),
        CallEx(k) => (-1 - n(k), None),
        EndAsyncFor => (-2, None),
    }
}

fn jump_target(op: Op) -> Option<u32> {
    match op {
        Op::Jump(t)
        | Op::PopJumpIfFalse(t)
        | Op::PopJumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::PopJumpIfNone(t)
        | Op::PopJumpIfNotNone(t)
        | Op::ForIter(t)
        | Op::Send(t) => Some(t),
        _ => None,
    }
}

/// The stack's height before each reachable instruction, and the most it ever holds
/// (CPython's `stackdepth`): handlers start at their block's height, plus the exception.
fn stack_depths(ops: &[Op], op_handlers: &[u32], blocks: &[(u32, u32, u32)]) -> (Vec<Option<u32>>, u32) {
    let mut depths: Vec<Option<u32>> = vec![None; ops.len() + 1];
    let mut work = vec![(0usize, 0i32)];
    let mut most = 0i32;
    while let Some((i, depth)) = work.pop() {
        if i >= ops.len() || depths[i].is_some() {
            continue;
        }
        depths[i] = Some(depth.max(0) as u32);
        most = most.max(depth);
        let op = ops[i];
        let h = op_handlers[i];
        if h != NO_HANDLER {
            let (target, setup, above) = blocks[h as usize];
            let base = depths[setup as usize].map_or(depth, |d| d as i32) - above as i32;
            work.push((target as usize, base + 1));
        }
        let (fall, jump) = effect(op);
        if let (Some(t), Some(j)) = (jump_target(op), jump) {
            work.push((t as usize, depth + j));
        }
        let ends = matches!(op, Op::Jump(_) | Op::Return | Op::Reraise | Op::Raise(_) | Op::Send(_));
        if !ends {
            work.push((i + 1, depth + fall));
        }
        most = most.max(depth + fall.max(0) + 2);
    }
    (depths, most.max(0) as u32)
}

/// Whether a class's body annotates a name somewhere (not inside its functions and
/// classes): it then has `__annotations__`.
fn annotates(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { simple, .. } => *simple,
        StmtKind::If { body, orelse, .. }
        | StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. } => annotates(body) || annotates(orelse),
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            annotates(body) || handlers.iter().any(|h| annotates(&h.body)) || annotates(orelse) || annotates(finalbody)
        }
        StmtKind::With { body, .. } => annotates(body),
        StmtKind::Match { cases, .. } => cases.iter().any(|c| annotates(&c.body)),
        _ => false,
    })
}

/// The line a pattern begins on (the `case` line), if it names one.
fn pattern_line(p: &Pattern) -> Option<u32> {
    match p {
        Pattern::Value(e) | Pattern::Singleton(e) => Some(e.span.start.line),
        Pattern::As(_, _, span) => Some(span.start.line),
        Pattern::Class { class, .. } => Some(class.span.start.line),
        Pattern::Sequence(items) | Pattern::Or(items) => items.iter().find_map(pattern_line),
        Pattern::Mapping { keys, .. } => keys.first().map(|k| k.span.start.line),
        Pattern::Star(_) => None,
    }
}
