//! Which names are local to which function, as CPython's compiler decides it: a name a
//! function assigns is local to it (unless declared `global` or `nonlocal`), so reading
//! it before the assignment is an `UnboundLocalError`, not a read of a global. Checked
//! before the run, with CPython's messages for misplaced declarations.

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::*;
use super::value::{FnvMap, Str};
use super::{Span, SyntaxError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Comprehension,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub locals: HashSet<Str>,
    pub globals: HashSet<Str>,
    pub nonlocals: HashSet<Str>,
}

impl Scope {
    pub fn module() -> Rc<Scope> {
        Rc::new(Scope {
            kind: ScopeKind::Module,
            locals: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
        })
    }

    /// A comprehension's scope: its targets are its own.
    pub fn comprehension(generators: &[Comprehension]) -> Scope {
        let mut locals = HashSet::new();
        for g in generators {
            target_names(&g.target, &mut locals);
        }
        Scope { kind: ScopeKind::Comprehension, locals, globals: HashSet::new(), nonlocals: HashSet::new() }
    }
}

/// Every function's scope, by the function's address.
pub type Scopes = FnvMap<usize, Rc<Scope>>;

pub fn key(function: &Rc<Function>) -> usize {
    Rc::as_ptr(function) as usize
}

/// Works out the scope of every function in `body`, or says what is misdeclared.
pub fn resolve(body: &[Stmt]) -> Result<Scopes, SyntaxError> {
    let mut scopes = Scopes::default();
    let mut enclosing: Vec<HashSet<Str>> = Vec::new();
    visit_block(body, &mut scopes, &mut enclosing)?;
    Ok(scopes)
}

fn target_names(target: &Expr, out: &mut HashSet<Str>) {
    match &target.kind {
        ExprKind::Name(n) => {
            out.insert(n.clone());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|t| target_names(t, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// The names a block binds, not looking into nested functions.
fn bound_names(body: &[Stmt], out: &mut HashSet<Str>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, out)),
            StmtKind::AugAssign { target, .. } => target_names(target, out),
            StmtKind::FunctionDef(f) => {
                out.insert(f.name.clone());
            }
            StmtKind::For { target, body, orelse, .. } => {
                target_names(target, out);
                bound_names(body, out);
                bound_names(orelse, out);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                bound_names(body, out);
                bound_names(orelse, out);
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                bound_names(body, out);
                for h in handlers {
                    if let Some(name) = &h.name {
                        out.insert(name.clone());
                    }
                    bound_names(&h.body, out);
                }
                bound_names(orelse, out);
                bound_names(finalbody, out);
            }
            StmtKind::AsyncWith { items, body } => {
                for item in items {
                    if let Some(t) = &item.target {
                        target_names(t, out);
                    }
                }
                bound_names(body, out);
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| target_names(t, out)),
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let bound = alias.clone().unwrap_or_else(|| module.split('.').next().unwrap_or(module).into());
                    out.insert(bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for (name, alias) in names {
                    out.insert(alias.clone().unwrap_or_else(|| name.clone()));
                }
            }
            _ => {}
        }
    }
}

/// Declarations in a block (not nested functions), with where each stands.
fn declarations(body: &[Stmt], globals: &mut Vec<(Str, Span)>, nonlocals: &mut Vec<(Str, Span)>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Global(names) => globals.extend(names.iter().map(|n| (n.clone(), stmt.span))),
            StmtKind::Nonlocal(names) => nonlocals.extend(names.iter().map(|n| (n.clone(), stmt.span))),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                declarations(body, globals, nonlocals);
                declarations(orelse, globals, nonlocals);
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                declarations(body, globals, nonlocals);
                handlers.iter().for_each(|h| declarations(&h.body, globals, nonlocals));
                declarations(orelse, globals, nonlocals);
                declarations(finalbody, globals, nonlocals);
            }
            StmtKind::AsyncWith { body, .. } => declarations(body, globals, nonlocals),
            _ => {}
        }
    }
}

fn function_scope(f: &Function, enclosing: &[HashSet<Str>]) -> Result<Scope, SyntaxError> {
    let params: Vec<&Str> = f
        .params
        .args
        .iter()
        .chain(&f.params.vararg)
        .chain(f.params.kwonly.iter().map(|(n, _)| n))
        .chain(&f.params.kwarg)
        .collect();
    let mut bound = HashSet::new();
    bound_names(&f.body, &mut bound);
    let (mut globals, mut nonlocals) = (Vec::new(), Vec::new());
    declarations(&f.body, &mut globals, &mut nonlocals);
    for (name, span) in &globals {
        if params.contains(&name) {
            return Err(SyntaxError::new(format!("name '{name}' is parameter and global"), *span));
        }
    }
    for (name, span) in &nonlocals {
        if params.contains(&name) {
            return Err(SyntaxError::new(format!("name '{name}' is parameter and nonlocal"), *span));
        }
        if globals.iter().any(|(g, _)| g == name) {
            return Err(SyntaxError::new(format!("name '{name}' is nonlocal and global"), *span));
        }
        if !enclosing.iter().any(|scope| scope.contains(name)) {
            return Err(SyntaxError::new(format!("no binding for nonlocal '{name}' found"), *span));
        }
    }
    let globals: HashSet<Str> = globals.into_iter().map(|(n, _)| n).collect();
    let nonlocals: HashSet<Str> = nonlocals.into_iter().map(|(n, _)| n).collect();
    let mut locals: HashSet<Str> = params.into_iter().cloned().collect();
    locals.extend(bound.into_iter().filter(|n| !globals.contains(n) && !nonlocals.contains(n)));
    Ok(Scope { kind: ScopeKind::Function, locals, globals, nonlocals })
}

fn visit_function(f: &Rc<Function>, scopes: &mut Scopes, enclosing: &mut Vec<HashSet<Str>>) -> Result<(), SyntaxError> {
    for default in f.params.defaults.iter().chain(f.params.kwonly.iter().filter_map(|(_, d)| d.as_ref())) {
        visit_expr(default, scopes, enclosing)?;
    }
    let scope = function_scope(f, enclosing)?;
    check_use_before_global(&f.body, &scope)?;
    enclosing.push(scope.locals.clone());
    let result = visit_block(&f.body, scopes, enclosing);
    enclosing.pop();
    result?;
    scopes.insert(key(f), Rc::new(scope));
    Ok(())
}

/// `x = 1` and then `global x` in the same function: CPython refuses it.
fn check_use_before_global(body: &[Stmt], scope: &Scope) -> Result<(), SyntaxError> {
    if scope.globals.is_empty() {
        return Ok(());
    }
    let mut assigned = HashSet::new();
    for stmt in body {
        if let StmtKind::Global(names) = &stmt.kind {
            for name in names {
                if assigned.contains(name) {
                    let message = format!("name '{name}' is assigned to before global declaration");
                    return Err(SyntaxError::new(message, stmt.span));
                }
            }
        }
        bound_names(std::slice::from_ref(stmt), &mut assigned);
    }
    Ok(())
}

fn visit_block(body: &[Stmt], scopes: &mut Scopes, enclosing: &mut Vec<HashSet<Str>>) -> Result<(), SyntaxError> {
    for stmt in body {
        match &stmt.kind {
            StmtKind::FunctionDef(f) => visit_function(f, scopes, enclosing)?,
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => visit_expr(e, scopes, enclosing)?,
            StmtKind::Assign { targets, value } => {
                targets.iter().try_for_each(|t| visit_expr(t, scopes, enclosing))?;
                visit_expr(value, scopes, enclosing)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                visit_expr(target, scopes, enclosing)?;
                visit_expr(value, scopes, enclosing)?;
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                visit_expr(test, scopes, enclosing)?;
                visit_block(body, scopes, enclosing)?;
                visit_block(orelse, scopes, enclosing)?;
            }
            StmtKind::For { target, iter, body, orelse } => {
                visit_expr(target, scopes, enclosing)?;
                visit_expr(iter, scopes, enclosing)?;
                visit_block(body, scopes, enclosing)?;
                visit_block(orelse, scopes, enclosing)?;
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                visit_block(body, scopes, enclosing)?;
                for h in handlers {
                    if let Some(k) = &h.kind {
                        visit_expr(k, scopes, enclosing)?;
                    }
                    visit_block(&h.body, scopes, enclosing)?;
                }
                visit_block(orelse, scopes, enclosing)?;
                visit_block(finalbody, scopes, enclosing)?;
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter().chain(cause).try_for_each(|e| visit_expr(e, scopes, enclosing))?;
            }
            StmtKind::AsyncWith { items, body } => {
                for item in items {
                    visit_expr(&item.context, scopes, enclosing)?;
                }
                visit_block(body, scopes, enclosing)?;
            }
            StmtKind::Assert { test, msg } => {
                visit_expr(test, scopes, enclosing)?;
                msg.iter().try_for_each(|e| visit_expr(e, scopes, enclosing))?;
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| visit_expr(t, scopes, enclosing))?,
            _ => {}
        }
    }
    Ok(())
}

fn visit_expr(e: &Expr, scopes: &mut Scopes, enclosing: &mut Vec<HashSet<Str>>) -> Result<(), SyntaxError> {
    let mut visit = |e: &Expr| visit_expr(e, scopes, enclosing);
    match &e.kind {
        ExprKind::Lambda(f) => return visit_function(f, scopes, enclosing),
        ExprKind::FString(parts) => {
            fn parts_of(
                parts: &[FPart],
                visit: &mut dyn FnMut(&Expr) -> Result<(), SyntaxError>,
            ) -> Result<(), SyntaxError> {
                for part in parts {
                    if let FPart::Value { value, spec, .. } = part {
                        visit(value)?;
                        parts_of(spec, visit)?;
                    }
                }
                Ok(())
            }
            parts_of(parts, &mut visit)?;
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) | ExprKind::BoolOp(_, items) => {
            items.iter().try_for_each(visit)?;
        }
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                k.iter().try_for_each(&mut visit)?;
                visit(v)?;
            }
        }
        ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) | ExprKind::GeneratorExp(elt, gens) => {
            visit(elt)?;
            for g in gens {
                visit(&g.iter)?;
                g.ifs.iter().try_for_each(&mut visit)?;
            }
        }
        ExprKind::DictComp(k, v, gens) => {
            visit(k)?;
            visit(v)?;
            for g in gens {
                visit(&g.iter)?;
                g.ifs.iter().try_for_each(&mut visit)?;
            }
        }
        ExprKind::BinOp(a, _, b) => {
            visit(a)?;
            visit(b)?;
        }
        ExprKind::UnaryOp(_, a) | ExprKind::Starred(a) | ExprKind::Await(a) | ExprKind::Attribute(a, _) => visit(a)?,
        ExprKind::Compare(a, ops) => {
            visit(a)?;
            ops.iter().try_for_each(|(_, b)| visit(b))?;
        }
        ExprKind::IfExp { test, body, orelse } => {
            visit(test)?;
            visit(body)?;
            visit(orelse)?;
        }
        ExprKind::Call { func, args, keywords } => {
            visit(func)?;
            args.iter().try_for_each(&mut visit)?;
            keywords.iter().try_for_each(|k| visit(&k.value))?;
        }
        ExprKind::Subscript(a, b) => {
            visit(a)?;
            visit(b)?;
        }
        ExprKind::Slice(a, b, c) => {
            for part in [a, b, c].into_iter().flatten() {
                visit(part)?;
            }
        }
        _ => {}
    }
    Ok(())
}
