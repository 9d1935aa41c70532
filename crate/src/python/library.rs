//! The modules written in Python (`lib/*.py`): what CPython itself writes in Python
//! (`collections`' containers, `contextlib`'s decorators, `itertools`' recipes) is
//! written here in the subset the playground runs, and compiled with the program that
//! imports it. Its source costs the core far fewer bytes than the same in Rust would,
//! and it runs on the same machine as the program: a generator of its own suspends as
//! the program's do.
//!
//! A module's globals live in the program's table of globals under the module's name
//! (`collections.deque`, see [`GlobalNames`]), so the machine has one kind of global.
//! The module's code runs before the program's first line, in the order the imports
//! need (it only defines things). Its frames are left out of tracebacks, and out of
//! what a learner sees, but for its lines that are CPython's too (see [`cpython_line`]).

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::{Stmt, StmtKind};
use super::bytecode::Code;
use super::compile::{self, GlobalNames};
use super::value::Module;

/// A line of a module written in Python that is a line of CPython's library too, as a
/// comment at its end says (`# CPython: asyncio/runners.py:118`): tracebacks show it
/// there, as CPython's do (the module's other lines are not shown).
#[derive(Clone, Copy, Debug)]
pub struct CpythonLine {
    /// Under `/lib/python3.11/`.
    pub file: &'static str,
    pub line: u32,
    /// The line's text, stripped (CPython's too).
    pub text: &'static str,
    /// How far it is indented in the module's source.
    pub indent: u32,
}

/// Where line `line` of `module`'s source is in CPython's library, if its comment says.
pub fn cpython_line(module: Module, line: u32) -> Option<CpythonLine> {
    /// A module's marked lines, by their number in its source.
    type Marked = Rc<[(u32, CpythonLine)]>;
    thread_local! {
        static MARKED: std::cell::RefCell<std::collections::HashMap<Module, Marked>> = Default::default();
    }
    let marked = MARKED.with(|m| {
        m.borrow_mut()
            .entry(module)
            .or_insert_with(|| {
                let source = source(module).unwrap_or_default();
                let marked: Vec<(u32, CpythonLine)> = source
                    .lines()
                    .zip(1..)
                    .filter_map(|(text, n)| {
                        let (code, place) = text.split_once("  # CPython: ")?;
                        let (file, at) = place.trim().rsplit_once(':')?;
                        let indent = (code.len() - code.trim_start().len()) as u32;
                        let line = at.parse().ok()?;
                        // (A function CPython's library makes by `exec`, in `<string>`:
                        // tracebacks show no text for its lines.)
                        let text = if file.starts_with('<') { "" } else { code.trim() };
                        Some((n, CpythonLine { file, line, text, indent }))
                    })
                    .collect();
                marked.into()
            })
            .clone()
    });
    marked.iter().find(|(n, _)| *n == line).map(|(_, place)| *place)
}

/// The source of the module written in Python, if it is (or has a part that is).
pub fn source(module: Module) -> Option<&'static str> {
    match module {
        Module::Collections => Some(include_str!("lib/collections.py")),
        Module::Contextlib => Some(include_str!("lib/contextlib.py")),
        Module::Asyncio => Some(include_str!("lib/asyncio.py")),
        Module::Functools => Some(include_str!("lib/functools.py")),
        Module::Time => Some(include_str!("lib/time.py")),
        Module::Typing => Some(include_str!("lib/typing.py")),
        Module::Itertools => Some(include_str!("lib/itertools.py")),
        Module::Dataclasses => Some(include_str!("lib/dataclasses.py")),
        Module::Enum => Some(include_str!("lib/enum.py")),
        Module::Contextvars => Some(include_str!("lib/contextvars.py")),
        Module::Datetime => Some(include_str!("lib/datetime.py")),
        Module::Traceback => Some(include_str!("lib/traceback.py")),
        Module::Logging => Some(include_str!("lib/logging.py")),
        Module::Random => Some(include_str!("lib/random.py")),
        Module::String => Some(include_str!("lib/string.py")),
        Module::Json => Some(include_str!("lib/json.py")),
        Module::Abc => Some(include_str!("lib/abc.py")),
        Module::Operator => Some(include_str!("lib/operator.py")),
        Module::Copy => Some(include_str!("lib/copy.py")),
        Module::Textwrap => Some(include_str!("lib/textwrap.py")),
        Module::Statistics => Some(include_str!("lib/statistics.py")),
        Module::Uuid => Some(include_str!("lib/uuid.py")),
        Module::Warnings => Some(include_str!("lib/warnings.py")),
        Module::CollectionsAbc => Some(include_str!("lib/collections_abc.py")),
        Module::Types => Some(include_str!("lib/types.py")),
        Module::Inspect => Some(include_str!("lib/inspect.py")),
        Module::Pprint => Some(include_str!("lib/pprint.py")),
        Module::Sys => Some(include_str!("lib/sys.py")),
        Module::Argparse => Some(include_str!("lib/argparse.py")),
        Module::Os => Some(include_str!("lib/os.py")),
        Module::OsPath => Some(include_str!("lib/os_path.py")),
        Module::Io => Some(include_str!("lib/io.py")),
        Module::Gc => Some(include_str!("lib/gc.py")),
        Module::Base64 => Some(include_str!("lib/base64.py")),
        Module::Secrets => Some(include_str!("lib/secrets.py")),
        Module::Binascii => Some(include_str!("lib/binascii.py")),
        Module::Threading => Some(include_str!("lib/threading.py")),
        Module::ConcurrentFutures => Some(include_str!("lib/concurrent_futures.py")),
        Module::Hashlib => Some(include_str!("lib/hashlib.py")),
        Module::Hmac => Some(include_str!("lib/hmac.py")),
        Module::Re => Some(include_str!("lib/re.py")),
        Module::Graphlib => Some(include_str!("lib/graphlib.py")),
        Module::Keyword => Some(include_str!("lib/keyword.py")),
        Module::Http => Some(include_str!("lib/http.py")),
        Module::Reprlib => Some(include_str!("lib/reprlib.py")),
        Module::Signal => Some(include_str!("lib/signal.py")),
        Module::Queue => Some(include_str!("lib/queue.py")),
        Module::Fractions => Some(include_str!("lib/fractions.py")),
        Module::UrllibParse => Some(include_str!("lib/urllib_parse.py")),
        Module::Weakref => Some(include_str!("lib/weakref.py")),
        Module::Decimal => Some(include_str!("lib/decimal.py")),
        Module::Atexit => Some(include_str!("lib/atexit.py")),
        Module::Timeit => Some(include_str!("lib/timeit.py")),
        Module::Platform => Some(include_str!("lib/platform.py")),
        Module::Struct => Some(include_str!("lib/struct.py")),
        Module::LoggingHandlers => Some(include_str!("lib/logging_handlers.py")),
        _ => None,
    }
}

/// `from module import *`: the names it binds, as CPython's `__all__` lists them: the
/// Rust part's, and the public names the Python part defines (not those it imports).
pub fn star_names(module: Module) -> Vec<super::value::Str> {
    let mut names: Vec<super::value::Str> =
        super::builtins::rust_module_names(module).into_iter().map(super::value::Str::from).collect();
    let Some(source) = source(module) else { return names };
    let body = super::parser::parse_with(source, false)
        .unwrap_or_else(|e| panic!("the playground's {} module reads: {e}", module.name()));
    let mut add = |name: &super::value::Str| {
        if !name.starts_with('_') && !names.contains(name) {
            names.push(name.clone());
        }
    };
    for stmt in &body {
        match &stmt.kind {
            StmtKind::FunctionDef(f) => add(&f.name),
            StmtKind::ClassDef(c) => add(&c.name),
            StmtKind::Assign { targets, .. } => {
                fn bound(target: &super::ast::Expr, add: &mut dyn FnMut(&super::value::Str)) {
                    match &target.kind {
                        super::ast::ExprKind::Name(n) => add(n),
                        super::ast::ExprKind::Tuple(items) | super::ast::ExprKind::List(items) => {
                            items.iter().for_each(|t| bound(t, add))
                        }
                        super::ast::ExprKind::Starred(inner) => bound(inner, add),
                        _ => {}
                    }
                }
                targets.iter().for_each(|t| bound(t, &mut add));
            }
            StmtKind::AnnAssign { target, .. } => {
                if let super::ast::ExprKind::Name(n) = &target.kind {
                    add(n);
                }
            }
            _ => {}
        }
    }
    names
}

/// Modules compiled together: the modules asked for, their code, and their globals.
type Compiled = (Vec<Module>, Vec<Rc<Code>>, GlobalNames);

thread_local! {
    /// The modules compiled for the programs read so far, by the modules those
    /// programs import: reading and compiling them takes a while (more than the
    /// program itself), and the same imports give the same code and the same slots.
    /// (Never dropped: at a thread's end, the values in the code would be dropped
    /// after the thread's other state they need.)
    static COMPILED: std::mem::ManuallyDrop<std::cell::RefCell<Vec<Compiled>>> = Default::default();
}

/// The code of each module written in Python that `body` imports, and those they
/// import, a module after those it imports; their globals take the first slots of the
/// `GlobalNames` given back, which the program's own then follow.
pub fn compile_imports(body: &[Stmt]) -> (Vec<Rc<Code>>, GlobalNames) {
    let wanted: Vec<Module> = imports(body).into_iter().filter(|m| source(*m).is_some()).collect();
    if let Some(found) =
        COMPILED.with(|c| c.borrow().iter().find(|(m, ..)| *m == wanted).map(|(_, c, g)| (c.clone(), g.clone())))
    {
        return found;
    }
    let mut globals = GlobalNames::default();
    let mut done = HashSet::new();
    let mut codes = Vec::new();
    for module in &wanted {
        compile_one(*module, &mut globals, &mut done, &mut codes);
    }
    COMPILED.with(|c| {
        let mut c = c.borrow_mut();
        // (A few sets of imports are all a page meets.)
        if c.len() >= 8 {
            c.remove(0);
        }
        c.push((wanted, codes.clone(), globals.clone()));
    });
    (codes, globals)
}

/// For text compiled as the program runs (`exec`) and `__import__`: the code of each
/// module written in Python among `modules` (and those they import) that is not in
/// `globals` yet, compiled into it, a module after those it imports.
pub fn compile_more(modules: &[Module], globals: &mut GlobalNames) -> Vec<Rc<Code>> {
    let mut done: HashSet<Module> = globals.modules.iter().flatten().copied().collect();
    let mut codes = Vec::new();
    for module in modules {
        compile_one(*module, globals, &mut done, &mut codes);
    }
    codes
}

/// The modules `body` imports (see `imports`).
pub fn imported(body: &[Stmt]) -> Vec<Module> {
    imports(body)
}

fn compile_one(module: Module, globals: &mut GlobalNames, done: &mut HashSet<Module>, codes: &mut Vec<Rc<Code>>) {
    let Some(source) = source(module) else { return };
    if !done.insert(module) {
        return;
    }
    let body = super::parser::parse_with(source, false)
        .unwrap_or_else(|e| panic!("the playground's {} module reads: {e}", module.name()));
    for inner in imports(&body) {
        compile_one(inner, globals, done, codes);
    }
    let scopes = super::scope::resolve(&body).expect("a library's scopes resolve");
    let code = compile::compile_library(&body, &scopes, globals, module).expect("a library compiles");
    codes.push(code);
}

/// The modules `body` imports, anywhere in it, in the order met.
fn imports(body: &[Stmt]) -> Vec<Module> {
    let mut found = Vec::new();
    let mut add = |name: &str| {
        // (`import collections.abc` imports `collections` too, as CPython does.)
        let top = name.split('.').next().unwrap_or(name);
        // (`os` imports `os.path`, and `collections` `collections.abc`, for their own
        // use: `import os` then `os.path.join` works.)
        let within = match top {
            "os" => "os.path",
            "collections" | "typing" => "collections.abc",
            _ => name,
        };
        for name in [top, name, within] {
            if let Some(m) = Module::named(name) {
                if !found.contains(&m) {
                    found.push(m);
                }
            }
        }
    };
    fn walk(body: &[Stmt], add: &mut dyn FnMut(&str)) {
        for stmt in body {
            match &stmt.kind {
                StmtKind::Import(names) => names.iter().for_each(|(n, _)| add(n)),
                StmtKind::ImportFrom { module, names, .. } => {
                    add(module);
                    // (`from concurrent import futures`: a module within a package.)
                    for (name, _) in names {
                        if Module::named(&format!("{module}.{name}")).is_some() {
                            add(&format!("{module}.{name}"));
                        }
                    }
                }
                StmtKind::FunctionDef(f) => walk(&f.body, add),
                StmtKind::ClassDef(c) => {
                    // (A class derived from dict, list, int, float, str or tuple stands on
                    // collections' bases.)
                    let builtin_base = |b: &super::ast::Expr| matches!(&b.kind, super::ast::ExprKind::Name(n) if matches!(&**n, "dict" | "list" | "int" | "float" | "str" | "tuple"));
                    if c.bases.iter().any(builtin_base) {
                        add("collections");
                    }
                    walk(&c.body, add)
                }
                StmtKind::If { body, orelse, .. }
                | StmtKind::For { body, orelse, .. }
                | StmtKind::While { body, orelse, .. } => {
                    walk(body, add);
                    walk(orelse, add);
                }
                StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                    walk(body, add);
                    handlers.iter().for_each(|h| walk(&h.body, add));
                    walk(orelse, add);
                    walk(finalbody, add);
                }
                StmtKind::With { body, .. } => walk(body, add),
                StmtKind::Match { cases, .. } => cases.iter().for_each(|c| walk(&c.body, add)),
                _ => {}
            }
        }
    }
    walk(body, &mut add);
    found
}
