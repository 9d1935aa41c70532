//! Which names are local to which function, as CPython's symbol table decides it: a name
//! a function assigns is local to it (unless declared `global` or `nonlocal`), so reading
//! it before the assignment is an `UnboundLocalError`, not a read of a global; a local
//! that an inner function uses lives in a cell the inner function shares; a function
//! with `yield` is a generator. Comprehensions and generator expressions are scopes of
//! their own, as in Python 3. Checked before the run, with CPython's messages for
//! misplaced declarations and misplaced `yield`s.

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::*;
use super::value::{FnvMap, Str};
use super::{Span, SyntaxError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    /// A list, set or dict comprehension, or a generator expression.
    Comprehension,
    /// A class's body: its names live in the class's namespace (a dict), which the
    /// functions inside it do not see.
    Class,
}

/// What the compiler needs to know about one scope.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The local variables in slot order: the parameters first, in order (positional,
    /// `*args`, keyword-only, `**kwargs`), then the others in the order first bound.
    pub locals: Vec<Str>,
    /// Names declared `global`.
    pub globals: HashSet<Str>,
    /// Locals that inner scopes use: they live in cells.
    pub cells: Vec<Str>,
    /// Names of enclosing functions' locals this scope (or one inside it) uses.
    pub frees: Vec<Str>,
    /// Whether it has `yield` (or is a generator expression).
    pub generator: bool,
    /// Whether it is `async def` (or a comprehension that awaits).
    pub coroutine: bool,
    /// For a class's body: the names it binds, which live in its namespace.
    pub class_names: HashSet<Str>,
    /// Names declared `nonlocal`.
    pub nonlocals: HashSet<Str>,
}

/// Where a name lives, seen from one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// A local's slot.
    Fast(u32),
    /// A cell: the scope's own cells first, then its free variables.
    Deref(u32),
    Global,
    /// In a class's body: the namespace, then the globals and builtins (`LOAD_NAME`).
    Name,
    /// In a class's body, a variable of an enclosing function it reads: the namespace
    /// first, then the cell (`LOAD_CLASSDEREF`).
    ClassDeref(u32),
}

impl Scope {
    pub fn access(&self, name: &str) -> Access {
        if self.kind == ScopeKind::Module || self.globals.contains(name) {
            return Access::Global;
        }
        if self.kind == ScopeKind::Class {
            if self.class_names.contains(name) {
                return Access::Name;
            }
            return match self.frees.iter().position(|n| &**n == name) {
                Some(i) if self.nonlocals.contains(name) => Access::Deref((self.cells.len() + i) as u32),
                Some(i) => Access::ClassDeref((self.cells.len() + i) as u32),
                None => Access::Name,
            };
        }
        if let Some(i) = self.cells.iter().position(|n| &**n == name) {
            return Access::Deref(i as u32);
        }
        if let Some(i) = self.frees.iter().position(|n| &**n == name) {
            return Access::Deref((self.cells.len() + i) as u32);
        }
        match self.locals.iter().position(|n| &**n == name) {
            Some(i) => Access::Fast(i as u32),
            None => Access::Global,
        }
    }
}

/// Every scope, by the address of its node: a `Function` (for `def` and `lambda`), a
/// comprehension's `Expr`, and the module (address 0).
pub type Scopes = FnvMap<usize, Rc<Scope>>;

pub fn function_key(function: &Function) -> usize {
    function as *const Function as usize
}

pub fn comprehension_key(e: &Expr) -> usize {
    e as *const Expr as usize
}

pub fn class_key(class: &ClassDef) -> usize {
    class as *const ClassDef as usize
}

/// Works out every scope of `body`, or says what is misdeclared.
pub fn resolve(body: &[Stmt]) -> Result<Scopes, SyntaxError> {
    let mut module = Info::new(ScopeKind::Module, 0);
    let mut visitor = Visitor { stack: Vec::new() };
    visitor.stack.push(std::mem::replace(&mut module, Info::new(ScopeKind::Module, 0)));
    visitor.block(body)?;
    let module = visitor.stack.pop().expect("the module's scope");
    let mut scopes = Scopes::default();
    analyze(module, &[], &mut scopes)?;
    Ok(scopes)
}

/// Works out the scopes of text run as the program runs in a namespace of its own
/// (`exec(text, ns)`, or `eval` in a function): its top level is like a class's body,
/// its names looked up in the namespace, then the globals (`LOAD_NAME`). Its two
/// parameters: the namespace (a dict), and the globals given (a dict, or `None`:
/// the program's own).
pub fn resolve_namespace(body: &[Stmt]) -> Result<Scopes, SyntaxError> {
    let mut top = Info::new(ScopeKind::Class, 0);
    top.bind(&".namespace".into());
    top.bind(&".globals".into());
    top.params = 2;
    let mut visitor = Visitor { stack: vec![top] };
    visitor.block(body)?;
    let top = visitor.stack.pop().expect("the top level's scope");
    let mut scopes = Scopes::default();
    analyze(top, &[], &mut scopes)?;
    Ok(scopes)
}

/// A scope as the first pass finds it.
struct Info {
    kind: ScopeKind,
    key: usize,
    /// Bound names in the order first bound (parameters first).
    bound: Vec<Str>,
    bound_set: HashSet<Str>,
    params: usize,
    used: Vec<Str>,
    used_set: HashSet<Str>,
    globals: Vec<(Str, Span)>,
    nonlocals: Vec<(Str, Span)>,
    children: Vec<Info>,
    generator: bool,
    coroutine: bool,
    /// `return value` statements (an error in an async generator).
    returns: Vec<Span>,
    /// For a comprehension: what CPython calls it in its messages.
    what: &'static str,
}

impl Info {
    fn new(kind: ScopeKind, key: usize) -> Info {
        Info {
            kind,
            key,
            bound: Vec::new(),
            bound_set: HashSet::new(),
            params: 0,
            used: Vec::new(),
            used_set: HashSet::new(),
            globals: Vec::new(),
            nonlocals: Vec::new(),
            children: Vec::new(),
            generator: false,
            coroutine: false,
            returns: Vec::new(),
            what: "",
        }
    }

    fn bind(&mut self, name: &Str) {
        if self.bound_set.insert(name.clone()) {
            self.bound.push(name.clone());
        }
    }

    fn use_name(&mut self, name: &Str) {
        if self.used_set.insert(name.clone()) {
            self.used.push(name.clone());
        }
    }
}

struct Visitor {
    /// The scopes being read, innermost last.
    stack: Vec<Info>,
}

type Checked = Result<(), SyntaxError>;

impl Visitor {
    fn top(&mut self) -> &mut Info {
        self.stack.last_mut().expect("the module's scope")
    }

    fn block(&mut self, body: &[Stmt]) -> Checked {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn target(&mut self, target: &Expr) -> Checked {
        match &target.kind {
            ExprKind::Name(n) => {
                self.top().bind(n);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|t| self.target(t)),
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(target),
        }
    }

    fn stmt(&mut self, stmt: &Stmt) -> Checked {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                value.iter().try_for_each(|v| self.expr(v))?;
                // Annotations are evaluated in a class's body only (see the compiler).
                if self.top().kind == ScopeKind::Class {
                    self.expr(annotation)?;
                    if *simple {
                        self.top().bind(&"__annotations__".into());
                    }
                }
                match &target.kind {
                    // An annotated name is local, with a value or without.
                    ExprKind::Name(n) => {
                        self.top().bind(n);
                        Ok(())
                    }
                    _ if value.is_some() => self.target(target),
                    _ => Ok(()),
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.top().use_name(n);
                }
                self.target(target)
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().try_for_each(|d| self.expr(d))?;
                self.top().bind(&f.name);
                self.function(f)
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().try_for_each(|d| self.expr(d))?;
                c.bases
                    .iter()
                    .chain(&c.metaclass)
                    .chain(c.keywords.iter().map(|(_, v)| v))
                    .try_for_each(|b| self.expr(b))?;
                self.top().bind(&c.name);
                let mut info = Info::new(ScopeKind::Class, class_key(c));
                // Its one parameter: the namespace the body fills.
                info.bind(&".namespace".into());
                info.params = 1;
                if matches!(c.body.first().map(|s| &s.kind), Some(StmtKind::Expr(Expr { kind: ExprKind::Str(_), .. })))
                {
                    // A docstring is the class's `__doc__`.
                    info.bind(&"__doc__".into());
                }
                self.stack.push(info);
                let result = self.block(&c.body);
                let info = self.stack.pop().expect("pushed");
                result?;
                self.top().children.push(info);
                Ok(())
            }
            StmtKind::Return(value) => {
                if value.is_some() {
                    self.top().returns.push(stmt.span);
                }
                value.iter().try_for_each(|v| self.expr(v))
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.block(body)?;
                self.block(orelse)
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.expr(iter)?;
                self.target(target)?;
                self.block(body)?;
                self.block(orelse)
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                self.block(body)?;
                for h in handlers {
                    if let Some(k) = &h.kind {
                        self.expr(k)?;
                    }
                    if let Some(name) = &h.name {
                        self.top().bind(name);
                    }
                    self.block(&h.body)?;
                }
                self.block(orelse)?;
                self.block(finalbody)
            }
            StmtKind::Raise { exc, cause } => exc.iter().chain(cause).try_for_each(|e| self.expr(e)),
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.block(body)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.iter().try_for_each(|m| self.expr(m))
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let bound = alias.clone().unwrap_or_else(|| module.split('.').next().unwrap_or(module).into());
                    self.top().bind(&bound);
                }
                Ok(())
            }
            StmtKind::ImportFrom { module, .. } if &**module == "__future__" => Ok(()),
            StmtKind::ImportFrom { star: true, .. } if self.top().kind != ScopeKind::Module => {
                // (At the `*`, the statement's last character, as CPython points.)
                let star = super::Pos { line: stmt.span.end.line, col: stmt.span.end.col.saturating_sub(1) };
                Err(SyntaxError::new("import * only allowed at module level", super::Span::at(star)))
            }
            StmtKind::ImportFrom { names, .. } => {
                for (name, alias) in names {
                    self.top().bind(alias.as_ref().unwrap_or(name));
                }
                Ok(())
            }
            StmtKind::Global(names) => {
                for name in names {
                    self.top().globals.push((name.clone(), stmt.span));
                    self.check_before_global(name, stmt.span)?;
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                for name in names {
                    self.top().nonlocals.push((name.clone(), stmt.span));
                }
                Ok(())
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases {
                    self.pattern(&case.pattern)?;
                    case.guard.iter().try_for_each(|g| self.expr(g))?;
                    self.block(&case.body)?;
                }
                Ok(())
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
        }
    }

    /// A pattern's captures are bound; its values and classes are read.
    fn pattern(&mut self, p: &Pattern) -> Checked {
        match p {
            Pattern::Value(e) | Pattern::Singleton(e) => self.expr(e),
            Pattern::Sequence(items) | Pattern::Or(items) => items.iter().try_for_each(|i| self.pattern(i)),
            Pattern::Star(name) => {
                if let Some(n) = name {
                    self.top().bind(n);
                }
                Ok(())
            }
            Pattern::Mapping { keys, patterns, rest } => {
                keys.iter().try_for_each(|k| self.expr(k))?;
                patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(n) = rest {
                    self.top().bind(n);
                }
                Ok(())
            }
            Pattern::Class { class, patterns, keyword_patterns, .. } => {
                self.expr(class)?;
                patterns.iter().chain(keyword_patterns).try_for_each(|p| self.pattern(p))
            }
            Pattern::As(inner, name, _) => {
                if let Some(inner) = inner {
                    self.pattern(inner)?;
                }
                if let Some(n) = name {
                    self.top().bind(n);
                }
                Ok(())
            }
        }
    }

    /// `x = 1` and then `global x` in the same function: CPython refuses it.
    fn check_before_global(&mut self, name: &Str, span: Span) -> Checked {
        let top = self.top();
        if top.kind == ScopeKind::Function
            && top.bound_set.contains(name)
            && top.bound[..top.params].iter().all(|p| p != name)
        {
            let message = format!("name '{name}' is assigned to before global declaration");
            return Err(SyntaxError::new(message, span));
        }
        Ok(())
    }

    fn function(&mut self, f: &Function) -> Checked {
        // Defaults and annotations are evaluated where the function is defined.
        for default in f.params.defaults.iter().chain(f.params.kwonly.iter().filter_map(|(_, d)| d.as_ref())) {
            self.expr(default)?;
        }
        for (_, annotation) in &f.params.annotations {
            self.expr(annotation)?;
        }
        let mut info = Info::new(ScopeKind::Function, function_key(f));
        let p = &f.params;
        for name in p.args.iter().chain(&p.vararg).chain(p.kwonly.iter().map(|(n, _)| n)).chain(&p.kwarg) {
            info.bind(name);
        }
        info.params = info.bound.len();
        info.coroutine = f.is_async;
        self.stack.push(info);
        let result = self.block(&f.body);
        let info = self.stack.pop().expect("pushed");
        result?;
        if info.coroutine && info.generator {
            if let Some(span) = info.returns.first() {
                return Err(SyntaxError::new("'return' with value in async generator", *span));
            }
        }
        self.top().children.push(info);
        Ok(())
    }

    /// A comprehension or generator expression: its first iterable is evaluated in the
    /// enclosing scope, everything else in its own.
    fn comprehension(&mut self, e: &Expr, parts: &[&Expr], gens: &[Comprehension], what: &'static str) -> Checked {
        self.expr(&gens[0].iter)?;
        let mut info = Info::new(ScopeKind::Comprehension, comprehension_key(e));
        // Its one parameter: the first iterable's iterator, as CPython names it.
        info.bind(&".0".into());
        info.params = 1;
        info.what = what;
        info.generator = what == "generator expression";
        self.stack.push(info);
        let result = (|| {
            for (i, g) in gens.iter().enumerate() {
                if i > 0 {
                    self.expr(&g.iter)?;
                }
                self.target(&g.target)?;
                g.ifs.iter().try_for_each(|c| self.expr(c))?;
                if g.is_async {
                    self.top().coroutine = true;
                }
            }
            parts.iter().try_for_each(|p| self.expr(p))
        })();
        let info = self.stack.pop().expect("pushed");
        result?;
        // An asynchronous list, set or dict comprehension is awaited where it stands: in
        // a comprehension, that makes the comprehension asynchronous too.
        if info.coroutine && !info.generator && self.top().kind == ScopeKind::Comprehension {
            self.top().coroutine = true;
        }
        self.top().children.push(info);
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Checked {
        match &e.kind {
            ExprKind::Name(n) => {
                self.top().use_name(n);
                Ok(())
            }
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::ListComp(elt, gens) => self.comprehension(e, &[elt], gens, "list comprehension"),
            ExprKind::SetComp(elt, gens) => self.comprehension(e, &[elt], gens, "set comprehension"),
            ExprKind::DictComp(k, v, gens) => self.comprehension(e, &[k, v], gens, "dict comprehension"),
            ExprKind::GeneratorExp(elt, gens) => self.comprehension(e, &[elt], gens, "generator expression"),
            ExprKind::Yield(value) => {
                self.yielded(e.span)?;
                value.iter().try_for_each(|v| self.expr(v))
            }
            ExprKind::YieldFrom(value) => {
                self.yielded(e.span)?;
                self.expr(value)
            }
            ExprKind::Await(value) => {
                if self.top().kind == ScopeKind::Comprehension {
                    self.top().coroutine = true;
                }
                self.expr(value)
            }
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) | ExprKind::BoolOp(_, items) => {
                items.iter().try_for_each(|i| self.expr(i))
            }
            ExprKind::Dict(entries) => entries.iter().try_for_each(|(k, v)| {
                k.iter().try_for_each(|k| self.expr(k))?;
                self.expr(v)
            }),
            ExprKind::BinOp(a, _, b) | ExprKind::Subscript(a, b) => {
                self.expr(a)?;
                self.expr(b)
            }
            ExprKind::UnaryOp(_, a) | ExprKind::Starred(a) | ExprKind::Attribute(a, _) => self.expr(a),
            ExprKind::Compare(a, ops) => {
                self.expr(a)?;
                ops.iter().try_for_each(|(_, b)| self.expr(b))
            }
            ExprKind::NamedExpr(name, value) => {
                self.expr(value)?;
                // In a comprehension, the name is the enclosing function's (or the
                // module's): the comprehension reaches it as a free variable.
                let Some(owner) = self.stack.iter().rposition(|s| s.kind != ScopeKind::Comprehension) else {
                    return Ok(());
                };
                if owner + 1 < self.stack.len() {
                    if self.stack[owner].kind == ScopeKind::Class {
                        let message = "assignment expression within a comprehension cannot be used in a class body";
                        return Err(SyntaxError::new(message, e.span));
                    }
                    self.top().use_name(name);
                }
                self.stack[owner].bind(name);
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                args.iter().try_for_each(|a| self.expr(a))?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::Slice(a, b, c) => [a, b, c].into_iter().flatten().try_for_each(|x| self.expr(x)),
            ExprKind::Int(_)
            | ExprKind::Big(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Ellipsis => Ok(()),
        }
    }

    fn fstring(&mut self, parts: &[FPart]) -> Checked {
        for part in parts {
            if let FPart::Value { value, spec, .. } = part {
                self.expr(value)?;
                self.fstring(spec)?;
            }
        }
        Ok(())
    }

    /// A `yield` makes its function a generator; in a comprehension it is an error.
    fn yielded(&mut self, span: Span) -> Checked {
        let top = self.top();
        if top.kind == ScopeKind::Comprehension {
            return Err(SyntaxError::new(format!("'yield' inside {}", top.what), span));
        }
        top.generator = true;
        Ok(())
    }
}

/// Decides where each name of `info` lives, given the locals of the enclosing function
/// scopes (innermost last), checks its declarations, and records it and the scopes
/// inside it. Returns the free variables it needs from the scopes around it.
fn analyze(info: Info, enclosing: &[&HashSet<Str>], scopes: &mut Scopes) -> Result<Vec<Str>, SyntaxError> {
    let params: &[Str] = &info.bound[..info.params];
    for (name, span) in &info.globals {
        if params.contains(name) {
            return Err(SyntaxError::new(format!("name '{name}' is parameter and global"), *span));
        }
    }
    for (name, span) in &info.nonlocals {
        if params.contains(name) {
            return Err(SyntaxError::new(format!("name '{name}' is parameter and nonlocal"), *span));
        }
        if info.globals.iter().any(|(g, _)| g == name) {
            return Err(SyntaxError::new(format!("name '{name}' is nonlocal and global"), *span));
        }
        if !enclosing.iter().any(|scope| scope.contains(name)) {
            return Err(SyntaxError::new(format!("no binding for nonlocal '{name}' found"), *span));
        }
    }
    let globals: HashSet<Str> = info.globals.iter().map(|(n, _)| n.clone()).collect();
    let nonlocals: HashSet<Str> = info.nonlocals.iter().map(|(n, _)| n.clone()).collect();
    let module = info.kind == ScopeKind::Module;
    let class = info.kind == ScopeKind::Class;
    let declared = |n: &&Str| !globals.contains(*n) && !nonlocals.contains(*n);
    let locals: Vec<Str> = if module {
        Vec::new()
    } else if class {
        // Its one slot is the namespace; the names it binds live there.
        info.bound[..info.params].to_vec()
    } else {
        info.bound.iter().filter(declared).cloned().collect()
    };
    let class_names: HashSet<Str> =
        if class { info.bound[info.params..].iter().filter(declared).cloned().collect() } else { HashSet::new() };
    let local_set: HashSet<Str> = locals.iter().cloned().collect();
    // What inner scopes see: this scope's locals, and the names it reaches in scopes
    // around it (a nonlocal is the enclosing scope's variable).
    let mut visible = local_set.clone();
    visible.extend(nonlocals.iter().cloned());
    let mut inner: Vec<&HashSet<Str>> = enclosing.to_vec();
    if !module && !class {
        inner.push(&visible);
    }
    let mut frees: Vec<Str> = Vec::new();
    let add = |list: &mut Vec<Str>, name: &Str| {
        if !list.contains(name) {
            list.push(name.clone());
        }
    };
    if !module {
        for name in info.nonlocals.iter().map(|(n, _)| n) {
            add(&mut frees, name);
        }
        for name in &info.used {
            let own = local_set.contains(name) || globals.contains(name) || class_names.contains(name);
            if !own && enclosing.iter().any(|scope| scope.contains(name)) {
                add(&mut frees, name);
            }
        }
    }
    let mut cells: Vec<Str> = Vec::new();
    for child in info.children {
        for name in analyze(child, &inner, scopes)? {
            if local_set.contains(&name) {
                add(&mut cells, &name);
            } else if !module && !globals.contains(&name) {
                add(&mut frees, &name);
            }
        }
    }
    let scope = Scope {
        kind: info.kind,
        locals,
        globals,
        cells,
        frees: frees.clone(),
        generator: info.generator,
        coroutine: info.coroutine,
        class_names,
        nonlocals,
    };
    scopes.insert(info.key, Rc::new(scope));
    Ok(frees)
}
