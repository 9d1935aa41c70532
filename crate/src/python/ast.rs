//! The syntax tree of the subset: CPython's `ast` nodes that the playground runs, each
//! with the place in the source it came from.

use std::rc::Rc;

use super::Span;

pub type Name = Rc<str>;
pub type Block = Vec<Stmt>;

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: every target, left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation = value`; `simple` when the target is a name not in
    /// parentheses (its annotation is then kept in a class's `__annotations__`).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    FunctionDef(Rc<Function>),
    ClassDef(Rc<ClassDef>),
    Return(Option<Expr>),
    If {
        test: Expr,
        body: Block,
        orelse: Block,
    },
    /// `for`, or `async for` when `is_async`.
    For {
        target: Expr,
        iter: Expr,
        body: Block,
        orelse: Block,
        is_async: bool,
    },
    While {
        test: Expr,
        body: Block,
        orelse: Block,
    },
    Break,
    Continue,
    Pass,
    Global(Vec<Name>),
    Nonlocal(Vec<Name>),
    /// `try`; `star` for `except*`.
    Try {
        body: Block,
        handlers: Vec<Handler>,
        orelse: Block,
        finalbody: Block,
        star: bool,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `with` or `async with`.
    With {
        items: Vec<WithItem>,
        body: Block,
        is_async: bool,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Delete(Vec<Expr>),
    /// `import asyncio` or `import time as t`: the module and the name it is bound to.
    Import(Vec<(Name, Option<Name>)>),
    /// `match subject:` and its cases.
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    /// `from asyncio import sleep, gather as g`; `from math import *` (`star`), whose
    /// names are the module's, listed as the parser finds them.
    ImportFrom {
        module: Name,
        names: Vec<(Name, Option<Name>)>,
        star: bool,
    },
}

#[derive(Debug)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Block,
}

/// A `case`'s pattern, as CPython's `ast` has them.
#[derive(Debug)]
pub enum Pattern {
    /// A literal or a dotted name, compared with `==`.
    Value(Expr),
    /// `None`, `True` or `False`, compared with `is`.
    Singleton(Expr),
    /// `[a, *rest]` or `(a, b)` or `a, b`.
    Sequence(Vec<Pattern>),
    /// `*name` or `*_` in a sequence.
    Star(Option<Name>),
    /// `{key: pattern, **rest}`.
    Mapping { keys: Vec<Expr>, patterns: Vec<Pattern>, rest: Option<Name> },
    /// `Class(patterns, attr=pattern)`, and where it stands (its carets, when the class
    /// refuses its patterns).
    Class { class: Expr, patterns: Vec<Pattern>, names: Vec<Name>, keyword_patterns: Vec<Pattern>, span: super::Span },
    /// `name`, `_`, or `pattern as name`.
    As(Option<Box<Pattern>>, Option<Name>, super::Span),
    /// `a | b | c`.
    Or(Vec<Pattern>),
}

#[derive(Debug)]
pub struct Handler {
    pub kind: Option<Expr>,
    pub name: Option<Name>,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// `class Name(bases):` and its body.
#[derive(Debug)]
pub struct ClassDef {
    pub name: Name,
    /// `@expr` lines above it, outermost first.
    pub decorators: Vec<Expr>,
    pub bases: Vec<Expr>,
    /// `metaclass=M`.
    pub metaclass: Option<Expr>,
    /// Its other keywords (`class Csv(Plugin, name="csv")`), for `__init_subclass__`.
    pub keywords: Vec<(Name, Expr)>,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug)]
pub struct Function {
    pub name: Name,
    /// `@expr` lines above it, outermost first.
    pub decorators: Vec<Expr>,
    pub is_async: bool,
    pub params: Params,
    /// A lambda's body is one `return` statement.
    pub body: Block,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Params {
    pub args: Vec<Name>,
    /// How many of `args` come before a `/`: positional-only.
    pub posonly: usize,
    /// Defaults of the last positional parameters, in order.
    pub defaults: Vec<Expr>,
    pub vararg: Option<Name>,
    pub kwonly: Vec<(Name, Option<Expr>)>,
    pub kwarg: Option<Name>,
    /// Annotated parameters' annotations in order, then `return`'s (`-> T`): what
    /// the function's `__annotations__` holds.
    pub annotations: Vec<(Name, Expr)>,
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum ExprKind {
    Name(Name),
    Int(i64),
    /// An int literal beyond 64 bits, in decimal.
    Big(Rc<str>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Bool(bool),
    None,
    /// `...`.
    Ellipsis,
    FString(Vec<FPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `{k: v, **more}`: a `None` key spreads its value.
    Dict(Vec<(Option<Expr>, Expr)>),
    ListComp(Box<Expr>, Vec<Comprehension>),
    SetComp(Box<Expr>, Vec<Comprehension>),
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    GeneratorExp(Box<Expr>, Vec<Comprehension>),
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    UnaryOp(UnaryOp, Box<Expr>),
    /// `and` (true) or `or` (false) over two or more values.
    BoolOp(bool, Vec<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Rc<Function>),
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute(Box<Expr>, Name),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Starred(Box<Expr>),
    Await(Box<Expr>),
    /// `yield` or `yield value`.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `name := value`.
    NamedExpr(Name, Box<Expr>),
}

#[derive(Debug)]
pub struct Keyword {
    /// `None` for `**kwargs`.
    pub name: Option<Name>,
    pub value: Expr,
}

#[derive(Debug)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

#[derive(Debug)]
pub enum FPart {
    Text(Rc<str>),
    Value { value: Box<Expr>, conversion: Option<char>, spec: Vec<FPart> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    USub,
    UAdd,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl BinOp {
    pub fn from_op(op: &str) -> Option<BinOp> {
        Some(match op {
            "+" => BinOp::Add,
            "-" => BinOp::Sub,
            "*" => BinOp::Mult,
            "@" => BinOp::MatMult,
            "/" => BinOp::Div,
            "//" => BinOp::FloorDiv,
            "%" => BinOp::Mod,
            "**" => BinOp::Pow,
            "<<" => BinOp::LShift,
            ">>" => BinOp::RShift,
            "|" => BinOp::BitOr,
            "^" => BinOp::BitXor,
            "&" => BinOp::BitAnd,
            _ => return None,
        })
    }

    /// How a `TypeError` for unsupported operands names it: `**` as `** or pow()`.
    pub fn operand_error_symbol(self) -> &'static str {
        match self {
            BinOp::Pow => "** or pow()",
            other => other.symbol(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

/// The tree as one line of S-expressions, in the form `tests/python_ast.py` writes
/// CPython's: what the tests compare.
pub fn dump(body: &[Stmt]) -> String {
    let mut out = String::new();
    block(&mut out, body);
    out
}

fn text(out: &mut String, s: &str) {
    out.push_str("(Str \"");
    for c in s.chars() {
        if (' '..='~').contains(&c) && c != '\\' && c != '"' {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out.push_str("\")");
}

fn block(out: &mut String, body: &[Stmt]) {
    out.push('[');
    for (i, s) in body.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        stmt(out, s);
    }
    out.push(']');
}

fn many(out: &mut String, items: &[Expr]) {
    out.push('[');
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        expr(out, e);
    }
    out.push(']');
}

fn opt(out: &mut String, e: Option<&Expr>) {
    match e {
        Some(e) => expr(out, e),
        None => out.push('-'),
    }
}

fn name_or_dash(n: Option<&Name>) -> &str {
    n.map_or("-", |n| n)
}

fn params(out: &mut String, p: &Params) {
    out.push_str("(params ");
    if p.posonly > 0 {
        out.push_str(&format!("/{} ", p.posonly));
    }
    out.push('[');
    out.push_str(&p.args.join(" "));
    out.push_str("] ");
    many(out, &p.defaults);
    out.push_str(&format!(" {} [", name_or_dash(p.vararg.as_ref())));
    for (i, (k, d)) in p.kwonly.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("({k} "));
        opt(out, d.as_ref());
        out.push(')');
    }
    out.push_str(&format!("] {})", name_or_dash(p.kwarg.as_ref())));
}

fn aliases(out: &mut String, names: &[(Name, Option<Name>)]) {
    for (n, a) in names {
        out.push_str(&format!(" ({n} {})", name_or_dash(a.as_ref())));
    }
}

fn stmt(out: &mut String, s: &Stmt) {
    match &s.kind {
        StmtKind::Expr(e) => {
            out.push_str("(Expr ");
            expr(out, e);
        }
        StmtKind::Assign { targets, value } => {
            out.push_str("(Assign ");
            many(out, targets);
            out.push(' ');
            expr(out, value);
        }
        StmtKind::Match { subject, cases } => {
            out.push_str("(Match ");
            expr(out, subject);
            out.push_str(" [");
            for (i, case) in cases.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str("(case ");
                pattern(out, &case.pattern);
                out.push(' ');
                match &case.guard {
                    Some(g) => expr(out, g),
                    None => out.push('-'),
                }
                out.push(' ');
                block(out, &case.body);
                out.push(')');
            }
            out.push(']');
        }
        StmtKind::AnnAssign { target, annotation, value, simple } => {
            out.push_str("(AnnAssign ");
            expr(out, target);
            out.push(' ');
            expr(out, annotation);
            out.push(' ');
            match value {
                Some(v) => expr(out, v),
                None => out.push('-'),
            }
            out.push_str(if *simple { " 1" } else { " 0" });
        }
        StmtKind::AugAssign { target, op, value } => {
            out.push_str("(AugAssign ");
            expr(out, target);
            out.push_str(&format!(" {} ", op.symbol()));
            expr(out, value);
        }
        StmtKind::FunctionDef(f) => {
            out.push_str(if f.is_async { "(AsyncDef " } else { "(Def " });
            out.push_str(&f.name);
            out.push(' ');
            many(out, &f.decorators);
            out.push(' ');
            params(out, &f.params);
            out.push(' ');
            block(out, &f.body);
        }
        StmtKind::ClassDef(c) => {
            out.push_str("(Class ");
            out.push_str(&c.name);
            out.push(' ');
            many(out, &c.decorators);
            out.push(' ');
            many(out, &c.bases);
            out.push(' ');
            block(out, &c.body);
        }
        StmtKind::Return(v) => {
            out.push_str("(Return ");
            opt(out, v.as_ref());
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            out.push_str(if matches!(s.kind, StmtKind::If { .. }) { "(If " } else { "(While " });
            expr(out, test);
            out.push(' ');
            block(out, body);
            out.push(' ');
            block(out, orelse);
        }
        StmtKind::For { target, iter, body, orelse, is_async } => {
            out.push_str(if *is_async { "(AsyncFor " } else { "(For " });
            expr(out, target);
            out.push(' ');
            expr(out, iter);
            out.push(' ');
            block(out, body);
            out.push(' ');
            block(out, orelse);
        }
        StmtKind::Break => out.push_str("(Break"),
        StmtKind::Continue => out.push_str("(Continue"),
        StmtKind::Pass => out.push_str("(Pass"),
        StmtKind::Global(names) => out.push_str(&format!("(Global {}", names.join(" "))),
        StmtKind::Nonlocal(names) => out.push_str(&format!("(Nonlocal {}", names.join(" "))),
        StmtKind::Try { body, handlers, orelse, finalbody, star } => {
            out.push_str(if *star { "(Try* " } else { "(Try " });
            block(out, body);
            out.push_str(" [");
            for (i, h) in handlers.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str("(Handler ");
                opt(out, h.kind.as_ref());
                out.push_str(&format!(" {} ", name_or_dash(h.name.as_ref())));
                block(out, &h.body);
                out.push(')');
            }
            out.push_str("] ");
            block(out, orelse);
            out.push(' ');
            block(out, finalbody);
        }
        StmtKind::Raise { exc, cause } => {
            out.push_str("(Raise ");
            opt(out, exc.as_ref());
            out.push(' ');
            opt(out, cause.as_ref());
        }
        StmtKind::With { items, body, is_async } => {
            out.push_str(if *is_async { "(AsyncWith [" } else { "(With [" });
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str("(item ");
                expr(out, &item.context);
                out.push(' ');
                opt(out, item.target.as_ref());
                out.push(')');
            }
            out.push_str("] ");
            block(out, body);
        }
        StmtKind::Assert { test, msg } => {
            out.push_str("(Assert ");
            expr(out, test);
            out.push(' ');
            opt(out, msg.as_ref());
        }
        StmtKind::Delete(targets) => {
            out.push_str("(Delete ");
            many(out, targets);
        }
        StmtKind::Import(names) => {
            out.push_str("(Import");
            aliases(out, names);
        }
        StmtKind::ImportFrom { module, names, star } => {
            out.push_str(&format!("(ImportFrom {module}"));
            if *star {
                aliases(out, &[("*".into(), None)]);
            } else {
                aliases(out, names);
            }
        }
    }
    out.push(')');
}

fn fparts(out: &mut String, parts: &[FPart]) {
    out.push('[');
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match part {
            FPart::Text(t) => text(out, t),
            FPart::Value { value, conversion, spec } => {
                out.push_str("(Value ");
                expr(out, value);
                out.push(' ');
                out.push(conversion.unwrap_or('-'));
                out.push(' ');
                fparts(out, spec);
                out.push(')');
            }
        }
    }
    out.push(']');
}

fn generators(out: &mut String, gens: &[Comprehension]) {
    for g in gens {
        out.push_str(if g.is_async { " (async for " } else { " (for " });
        expr(out, &g.target);
        out.push(' ');
        expr(out, &g.iter);
        out.push(' ');
        many(out, &g.ifs);
        out.push(')');
    }
}

fn expr(out: &mut String, e: &Expr) {
    let head = |out: &mut String, h: &str| {
        out.push('(');
        out.push_str(h);
        out.push(' ');
    };
    match &e.kind {
        ExprKind::Name(n) => return out.push_str(n),
        ExprKind::Int(n) => out.push_str(&format!("(Int {n}")),
        ExprKind::Big(n) => out.push_str(&format!("(Int {n}")),
        ExprKind::Float(x) => out.push_str(&format!("(Float {}", x.to_bits())),
        ExprKind::Str(s) => return text(out, s),
        ExprKind::Bytes(b) => out.push_str(&format!("(Bytes {b:?}")),
        ExprKind::Bool(b) => return out.push_str(if *b { "True" } else { "False" }),
        ExprKind::None => return out.push_str("None"),
        ExprKind::Ellipsis => return out.push_str("Ellipsis"),
        ExprKind::FString(parts) => {
            head(out, "FString");
            fparts(out, parts);
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            head(
                out,
                match e.kind {
                    ExprKind::List(_) => "List",
                    ExprKind::Tuple(_) => "Tuple",
                    _ => "Set",
                },
            );
            many(out, items);
        }
        ExprKind::Dict(entries) => {
            out.push_str("(Dict");
            for (k, v) in entries {
                out.push_str(" (");
                match k {
                    Some(k) => expr(out, k),
                    None => out.push_str("**"),
                }
                out.push(' ');
                expr(out, v);
                out.push(')');
            }
        }
        ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) | ExprKind::GeneratorExp(elt, gens) => {
            out.push_str(match e.kind {
                ExprKind::ListComp(..) => "(ListComp ",
                ExprKind::SetComp(..) => "(SetComp ",
                _ => "(GeneratorExp ",
            });
            expr(out, elt);
            generators(out, gens);
        }
        ExprKind::DictComp(k, v, gens) => {
            head(out, "DictComp");
            expr(out, k);
            out.push(' ');
            expr(out, v);
            generators(out, gens);
        }
        ExprKind::BinOp(l, op, r) => {
            out.push_str(&format!("(BinOp {} ", op.symbol()));
            expr(out, l);
            out.push(' ');
            expr(out, r);
        }
        ExprKind::UnaryOp(op, x) => {
            let symbol = match op {
                UnaryOp::Not => "not",
                UnaryOp::USub => "-",
                UnaryOp::UAdd => "+",
                UnaryOp::Invert => "~",
            };
            out.push_str(&format!("(UnaryOp {symbol} "));
            expr(out, x);
        }
        ExprKind::BoolOp(and, values) => {
            out.push_str(if *and { "(And" } else { "(Or" });
            for v in values {
                out.push(' ');
                expr(out, v);
            }
        }
        ExprKind::Compare(l, ops) => {
            head(out, "Compare");
            expr(out, l);
            for (op, x) in ops {
                out.push_str(&format!(" {} ", op.symbol()));
                expr(out, x);
            }
        }
        ExprKind::NamedExpr(name, value) => {
            head(out, "NamedExpr");
            out.push_str(name);
            out.push(' ');
            expr(out, value);
        }
        ExprKind::IfExp { test, body, orelse } => {
            head(out, "IfExp");
            expr(out, test);
            out.push(' ');
            expr(out, body);
            out.push(' ');
            expr(out, orelse);
        }
        ExprKind::Lambda(f) => {
            head(out, "Lambda");
            params(out, &f.params);
            out.push(' ');
            match &f.body[..] {
                [Stmt { kind: StmtKind::Return(Some(body)), .. }] => expr(out, body),
                _ => unreachable!("a lambda's body is one return"),
            }
        }
        ExprKind::Call { func, args, keywords } => {
            head(out, "Call");
            expr(out, func);
            out.push(' ');
            many(out, args);
            out.push_str(" [");
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&format!("({} ", k.name.as_deref().unwrap_or("**")));
                expr(out, &k.value);
                out.push(')');
            }
            out.push(']');
        }
        ExprKind::Attribute(v, a) => {
            head(out, "Attr");
            expr(out, v);
            out.push_str(&format!(" {a}"));
        }
        ExprKind::Subscript(v, i) => {
            head(out, "Sub");
            expr(out, v);
            out.push(' ');
            expr(out, i);
        }
        ExprKind::Slice(a, b, c) => {
            head(out, "Slice");
            opt(out, a.as_deref());
            out.push(' ');
            opt(out, b.as_deref());
            out.push(' ');
            opt(out, c.as_deref());
        }
        ExprKind::Starred(v) => {
            head(out, "Star");
            expr(out, v);
        }
        ExprKind::Await(v) => {
            head(out, "Await");
            expr(out, v);
        }
        ExprKind::Yield(v) => {
            head(out, "Yield");
            opt(out, v.as_deref());
        }
        ExprKind::YieldFrom(v) => {
            head(out, "YieldFrom");
            expr(out, v);
        }
    }
    out.push(')');
}

fn patterns(out: &mut String, ps: &[Pattern]) {
    out.push('[');
    for (i, p) in ps.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        pattern(out, p);
    }
    out.push(']');
}

fn pattern(out: &mut String, p: &Pattern) {
    match p {
        Pattern::Value(e) => {
            out.push_str("(MatchValue ");
            expr(out, e);
        }
        Pattern::Singleton(e) => {
            out.push_str("(MatchSingleton ");
            expr(out, e);
        }
        Pattern::Sequence(ps) => {
            out.push_str("(MatchSequence ");
            patterns(out, ps);
        }
        Pattern::Star(name) => out.push_str(&format!("(MatchStar {}", name.as_deref().unwrap_or("-"))),
        Pattern::Mapping { keys, patterns: ps, rest } => {
            out.push_str("(MatchMapping ");
            many(out, keys);
            out.push(' ');
            patterns(out, ps);
            out.push_str(&format!(" {}", rest.as_deref().unwrap_or("-")));
        }
        Pattern::Class { class, patterns: ps, names, keyword_patterns, .. } => {
            out.push_str("(MatchClass ");
            expr(out, class);
            out.push(' ');
            patterns(out, ps);
            let names: Vec<&str> = names.iter().map(|n| &**n).collect();
            out.push_str(&format!(" [{}] ", names.join(" ")));
            patterns(out, keyword_patterns);
        }
        Pattern::As(inner, name, _) => {
            out.push_str("(MatchAs ");
            match inner {
                Some(p) => pattern(out, p),
                None => out.push('-'),
            }
            out.push_str(&format!(" {}", name.as_deref().unwrap_or("-")));
        }
        Pattern::Or(ps) => {
            out.push_str("(MatchOr ");
            patterns(out, ps);
        }
    }
    out.push(')');
}
