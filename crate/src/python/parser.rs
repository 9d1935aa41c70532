//! A recursive-descent parser for the subset, following Python's grammar and its
//! precedence: `lambda`, `if`-`else`, `or`, `and`, `not`, comparisons, `|`, `^`, `&`,
//! shifts, `+ -`, `* / // % @`, unary `+ - ~`, `**`, `await`, then calls, subscripts
//! and attributes. Errors name the place and use CPython 3.11's wording where it has
//! one; checks that CPython makes while compiling (`'await' outside function`, `'break'
//! outside loop`) are made here too, so that a program is refused before it runs.

use std::rc::Rc;

use super::ast::*;
use super::lexer::{tokenize, Tok, Token, KEYWORDS};
use super::{Pos, Span, SyntaxError};

type Parsed<T> = Result<T, SyntaxError>;

/// The modules a program can import, as a sentence lists them (alphabetically).
fn importable() -> String {
    let mut names: Vec<&str> = super::value::Module::ALL.iter().map(|m| m.name()).collect();
    names.sort_unstable();
    match &names[..] {
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// The special methods a class may define: Python calls them where the playground does.
pub const SPECIAL_METHODS: &[&str] = &[
    "__init__",
    "__await__",
    "__repr__",
    "__str__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__len__",
    "__bool__",
    "__iter__",
    "__next__",
    "__contains__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__hash__",
    "__setattr__",
    "__delattr__",
    "__getattr__",
    "__reversed__",
    "__missing__",
    "__post_init__",
    "__del__",
    "__init_subclass__",
    "__instancecheck__",
    "__subclasshook__",
    "__round__",
    "__floor__",
    "__ceil__",
    "__trunc__",
    "__subclasscheck__",
    "__class_getitem__",
    "__callback__",
    "__set_name__",
    "__get__",
    "__set__",
    "__int__",
    "__float__",
    "__index__",
    "__divmod__",
    "__rdivmod__",
    "__new__",
    "__copy__",
    "__deepcopy__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__itruediv__",
    "__ifloordiv__",
    "__imod__",
    "__ipow__",
    "__imatmul__",
    "__ilshift__",
    "__irshift__",
    "__ior__",
    "__ixor__",
    "__iand__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__format__",
    "__invert__",
    "__call__",
    "__enter__",
    "__exit__",
    "__aenter__",
    "__aexit__",
    "__aiter__",
    "__anext__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__mod__",
    "__rmod__",
    "__pow__",
    "__rpow__",
    "__matmul__",
    "__rmatmul__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__or__",
    "__ror__",
    "__xor__",
    "__rxor__",
    "__and__",
    "__rand__",
];

/// Reads a whole program. `top_level_await` allows `await` outside functions, as in a
/// notebook cell.
pub fn parse(src: &str) -> Parsed<Block> {
    parse_with(src, false)
}

pub fn parse_with(src: &str, top_level_await: bool) -> Parsed<Block> {
    let tokens = tokenize(src)?;
    let mut parser = Parser {
        tokens,
        i: 0,
        scopes: vec![Scope { kind: ScopeKind::Module, loops: 0 }],
        top_level_await,
        depth: 0,
        deferring: Vec::new(),
        deferred: Vec::new(),
        guarded_imports: Vec::new(),
    };
    let mut body = Vec::new();
    while parser.tok() != &Tok::End {
        parser.statement(&mut body)?;
    }
    Ok(body)
}

#[derive(Clone, Copy, PartialEq)]
enum ScopeKind {
    Module,
    Function,
    AsyncFunction,
    Lambda,
    /// A class's body: like the module's for `return`, `yield` and `await`.
    Class,
    /// The clauses of a comprehension after its first iterable: `await` is allowed
    /// there, and decides whether the comprehension is asynchronous.
    Clauses,
}

struct Scope {
    kind: ScopeKind,
    loops: u32,
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
    scopes: Vec<Scope>,
    top_level_await: bool,
    /// How deep the expression being read is nested, about (see `nest`).
    depth: u32,
    /// While the first item of a bracket is read, it may turn out to be the element of
    /// a comprehension, where `await` may be allowed: the scope depth this applies to,
    /// and the `await` errors kept meanwhile (see `element`).
    deferring: Vec<usize>,
    deferred: Vec<SyntaxError>,
    /// For each `try` body being read, the imports of modules the playground lacks in
    /// it: refused unless one of its handlers catches `ImportError` (an optional import,
    /// which then fails at run time as CPython's does without the module).
    guarded_imports: Vec<Vec<SyntaxError>>,
}

/// The deepest nesting of expressions the playground reads (a `lambda` counts twice).
/// The parser, scope analysis and the compiler recurse once per level, on the 1 MB wasm
/// stack, which holds about twice as many (measured in Chromium, Firefox and Node);
/// CPython's compiler gives up at about 3,000 levels (RecursionError), its tokenizer at
/// 200 brackets, its indentation at 100.
const MAX_NESTING: u32 = 1000;

/// What a statement that takes a block is called in CPython's messages.
fn block_owner(keyword: &str) -> String {
    match keyword {
        "def" => "function definition".to_owned(),
        "class definition" => "class definition".to_owned(),
        other => format!("'{other}' statement"),
    }
}

fn starts_expression(tok: &Tok) -> bool {
    match tok {
        Tok::Name(name) => {
            !KEYWORDS.contains(&name.as_str())
                || matches!(name.as_str(), "None" | "True" | "False" | "not" | "lambda" | "await")
        }
        Tok::Int(_) | Tok::Big(_) | Tok::Float(_) | Tok::Str(_) | Tok::Bytes(_) | Tok::FStr { .. } => true,
        Tok::Op(op) => matches!(*op, "(" | "[" | "{" | "-" | "+" | "~" | "..."),
        _ => false,
    }
}

/// Whether a pattern matches anything (a capture or `_`, as CPython words it), and
/// where it is.
fn irrefutable(p: &Pattern) -> Option<(String, Span)> {
    match p {
        Pattern::As(None, None, span) => Some(("wildcard".to_owned(), *span)),
        Pattern::As(None, Some(name), span) => Some((format!("name capture '{name}'"), *span)),
        Pattern::As(Some(inner), _, _) => irrefutable(inner),
        Pattern::Or(alternatives) => alternatives.iter().find_map(irrefutable),
        _ => None,
    }
}

/// How CPython names what `:=` cannot assign to.
fn describe_walrus(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::Name(_) => "name",
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        _ => describe(expr),
    }
}

/// How CPython names an expression that cannot be assigned to or deleted.
fn describe(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_)
        | ExprKind::Big(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Starred(_) => "starred",
        _ => "expression",
    }
}

impl Parser {
    fn tok(&self) -> &Tok {
        &self.tokens[self.i].tok
    }

    fn span(&self) -> Span {
        self.tokens[self.i].span
    }

    fn prev_end(&self) -> Pos {
        self.tokens[self.i.saturating_sub(1)].span.end
    }

    /// Moves past the token here: its place.
    fn advance(&mut self) -> Span {
        let span = self.tokens[self.i].span;
        if self.i + 1 < self.tokens.len() {
            self.i += 1;
        }
        span
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if n == kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.is_op(op);
        if found {
            self.advance();
        }
        found
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        let found = self.is_kw(kw);
        if found {
            self.advance();
        }
        found
    }

    fn invalid(&self) -> SyntaxError {
        let span = self.span();
        match self.tok() {
            Tok::Indent => SyntaxError::new("unexpected indent", span),
            Tok::Dedent => SyntaxError::new("unindent does not match any outer indentation level", span),
            _ => SyntaxError::new("invalid syntax", span),
        }
    }

    /// Refuses an expression nested deeper than `MAX_NESTING`, `more` levels below the
    /// current one: a left-deep chain (`1 + 1 + …`, `x.a.b…`) counts a level per link.
    fn nest(&self, more: u32) -> Parsed<()> {
        if self.depth + more > MAX_NESTING {
            return Err(SyntaxError::unsupported("expressions nested over 1,000 levels deep are", self.span()));
        }
        Ok(())
    }

    /// Reads with `read` one level deeper.
    fn deeper<T>(&mut self, read: impl FnOnce(&mut Self) -> Parsed<T>) -> Parsed<T> {
        self.nest(1)?;
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn expect_op(&mut self, op: &str) -> Parsed<()> {
        if self.eat_op(op) {
            Ok(())
        } else if op == ":" {
            Err(SyntaxError::new("expected ':'", Span::at(self.span().start)))
        } else {
            Err(self.invalid())
        }
    }

    fn name(&mut self) -> Parsed<Name> {
        match self.tok() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                let name: Name = n.as_str().into();
                self.advance();
                Ok(name)
            }
            _ => Err(self.invalid()),
        }
    }

    fn scope(&mut self) -> &mut Scope {
        self.scopes.last_mut().expect("the module's scope is always there")
    }

    fn in_async(&self) -> bool {
        match self.scopes.last().expect("the module's scope").kind {
            ScopeKind::AsyncFunction | ScopeKind::Clauses => true,
            ScopeKind::Module => self.top_level_await,
            _ => false,
        }
    }

    /// Whether the code being read is in an asynchronous function (or a notebook cell's
    /// top level), looking past comprehension clauses.
    fn in_async_function(&self) -> bool {
        match self.scopes.iter().rev().find(|s| s.kind != ScopeKind::Clauses).expect("the module's scope").kind {
            ScopeKind::AsyncFunction => true,
            ScopeKind::Module => self.top_level_await,
            _ => false,
        }
    }

    /// Reads the first item of a bracket with `read`: it may be a comprehension's
    /// element, where an `await` outside an asynchronous function is allowed (a generator
    /// expression) or makes another error (a list comprehension). The `await` errors
    /// found meanwhile are returned for the caller to raise or forget.
    fn element(&mut self, read: impl FnOnce(&mut Self) -> Parsed<Expr>) -> Parsed<(Expr, Vec<SyntaxError>)> {
        let mark = self.deferred.len();
        self.deferring.push(self.scopes.len());
        let item = read(self);
        self.deferring.pop();
        let errors = self.deferred.split_off(mark);
        Ok((item?, errors))
    }

    /// An `await` error kept by `element` turns out to be one: it is raised.
    fn no_comprehension(errors: Vec<SyntaxError>) -> Parsed<()> {
        match errors.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    // ---- statements ----

    fn statement(&mut self, body: &mut Block) -> Parsed<()> {
        let start = self.span();
        let keyword = match self.tok() {
            Tok::Name(n) => n.clone(),
            Tok::Indent => return Err(SyntaxError::new("unexpected indent", self.unexpected_indent_span())),
            Tok::Op("@") => return self.decorated(body),
            _ => String::new(),
        };
        let kind = match keyword.as_str() {
            "if" => self.if_statement()?,
            "while" => {
                self.advance();
                let test = self.named_expression()?;
                let body = self.looped(|p| p.block("while", start.start.line))?;
                let orelse = self.else_block()?;
                StmtKind::While { test, body, orelse }
            }
            "for" => self.for_statement(false, start)?,
            "try" => self.try_statement()?,
            "def" => self.function(false, start)?,
            "async" => {
                self.advance();
                if self.is_kw("def") {
                    self.function(true, start)?
                } else if self.eat_kw("with") {
                    if !self.in_async() {
                        return Err(SyntaxError::new("'async with' outside async function", start));
                    }
                    self.with_statement(true, start)?
                } else if self.is_kw("for") {
                    if !self.in_async() {
                        return Err(SyntaxError::new("'async for' outside async function", start));
                    }
                    self.for_statement(true, start)?
                } else {
                    return Err(self.invalid());
                }
            }
            "class" => self.class(start)?,
            "match" => match self.match_statement(start)? {
                Some(kind) => kind,
                None => {
                    self.simple_statements(body)?;
                    return Ok(());
                }
            },
            "with" => {
                self.advance();
                self.with_statement(false, start)?
            }
            _ => {
                self.simple_statements(body)?;
                return Ok(());
            }
        };
        body.push(Stmt { kind, span: start.to(Span::at(self.prev_end())) });
        Ok(())
    }

    /// `match subject:` and its cases, if the `match` here begins one: `match` is a
    /// soft keyword, and `match = 1` or `match(x)` are statements of a name (`None`:
    /// the statement is read again as one).
    fn match_statement(&mut self, start: Span) -> Parsed<Option<StmtKind>> {
        let (mark, deferred) = (self.i, self.deferred.len());
        self.advance(); // match
        let subject = if starts_expression(self.tok()) || self.is_op("*") {
            self.tuple_of(|p| p.star_named_expression()).ok()
        } else {
            None
        };
        let Some(subject) = subject.filter(|_| self.is_op(":")) else {
            self.i = mark;
            self.deferred.truncate(deferred);
            return Ok(None);
        };
        self.advance(); // :
        if self.tok() != &Tok::Newline {
            return Err(self.invalid());
        }
        self.advance();
        if self.tok() != &Tok::Indent {
            let message = format!("expected an indented block after 'match' statement on line {}", start.start.line);
            return Err(SyntaxError::new(message, self.span()));
        }
        self.advance();
        let mut cases = Vec::new();
        while !matches!(self.tok(), Tok::Dedent | Tok::End) {
            let case_start = self.span();
            if !self.eat_kw("case") {
                return Err(self.invalid());
            }
            let pattern = self.patterns()?;
            let guard = if self.eat_kw("if") { Some(self.named_expression()?) } else { None };
            let body = self.block("case", case_start.start.line)?;
            cases.push(MatchCase { pattern, guard, body });
        }
        self.advance();
        // A case that matches anything, unguarded, before others.
        for case in &cases[..cases.len() - 1] {
            if case.guard.is_none() {
                if let Some((what, span)) = irrefutable(&case.pattern) {
                    return Err(SyntaxError::new(format!("{what} makes remaining patterns unreachable"), span));
                }
            }
        }
        Ok(Some(StmtKind::Match { subject, cases }))
    }

    /// A case's patterns: one, or several with commas (a sequence without brackets).
    fn patterns(&mut self) -> Parsed<Pattern> {
        let first = self.maybe_star_pattern()?;
        if !self.is_op(",") {
            if let Pattern::Star(_) = first {
                return Err(SyntaxError::new("can't use starred expression here", self.span()));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(":") || self.is_kw("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern::Sequence(items))
    }

    fn maybe_star_pattern(&mut self) -> Parsed<Pattern> {
        if self.eat_op("*") {
            let name = self.name()?;
            return Ok(Pattern::Star(if &*name == "_" { None } else { Some(name) }));
        }
        self.pattern()
    }

    /// `a | b` or `pattern as name`.
    fn pattern(&mut self) -> Parsed<Pattern> {
        self.deeper(|p| {
            let start = p.span();
            let mut alternatives = vec![p.closed_pattern()?];
            while p.eat_op("|") {
                alternatives.push(p.closed_pattern()?);
            }
            let pattern = if alternatives.len() == 1 {
                alternatives.pop().expect("one")
            } else {
                if let Some(i) = alternatives[..alternatives.len() - 1].iter().position(|a| irrefutable(a).is_some()) {
                    let (what, span) = irrefutable(&alternatives[i]).expect("found");
                    return Err(SyntaxError::new(format!("{what} makes remaining patterns unreachable"), span));
                }
                Pattern::Or(alternatives)
            };
            if p.eat_kw("as") {
                let at = p.span();
                let name = p.name()?;
                if &*name == "_" {
                    return Err(SyntaxError::new("cannot use '_' as a target", at));
                }
                let span = start.to(Span::at(p.prev_end()));
                return Ok(Pattern::As(Some(Box::new(pattern)), Some(name), span));
            }
            Ok(pattern)
        })
    }

    fn closed_pattern(&mut self) -> Parsed<Pattern> {
        let start = self.span();
        match self.tok().clone() {
            Tok::Int(_) | Tok::Big(_) | Tok::Float(_) | Tok::Str(_) | Tok::Bytes(_) => Ok(Pattern::Value(self.atom()?)),
            Tok::FStr { .. } => {
                Err(SyntaxError::new("patterns may only match literals and attribute lookups", self.span()))
            }
            Tok::Op("-") => {
                self.advance();
                if !matches!(self.tok(), Tok::Int(_) | Tok::Big(_) | Tok::Float(_)) {
                    return Err(self.invalid());
                }
                let number = self.atom()?;
                let span = start.to(number.span);
                Ok(Pattern::Value(Expr { kind: ExprKind::UnaryOp(UnaryOp::USub, Box::new(number)), span }))
            }
            Tok::Name(n) if matches!(n.as_str(), "None" | "True" | "False") => Ok(Pattern::Singleton(self.atom()?)),
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                let mut value = self.atom()?;
                let mut dotted = false;
                while self.eat_op(".") {
                    let attr = self.name()?;
                    let span = start.to(Span::at(self.prev_end()));
                    value = Expr { kind: ExprKind::Attribute(Box::new(value), attr), span };
                    dotted = true;
                }
                if self.eat_op("(") {
                    return self.class_pattern(value);
                }
                if dotted {
                    return Ok(Pattern::Value(value));
                }
                let span = value.span;
                let ExprKind::Name(name) = value.kind else { unreachable!("a name") };
                Ok(Pattern::As(None, if &*name == "_" { None } else { Some(name) }, span))
            }
            Tok::Op("(") => {
                self.advance();
                if self.eat_op(")") {
                    return Ok(Pattern::Sequence(Vec::new()));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat_op(")") {
                    if let Pattern::Star(_) = first {
                        return Err(SyntaxError::new("can't use starred expression here", start));
                    }
                    return Ok(first);
                }
                let mut items = vec![first];
                while self.eat_op(",") {
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.maybe_star_pattern()?);
                }
                self.expect_op(")")?;
                Ok(Pattern::Sequence(items))
            }
            Tok::Op("[") => {
                self.advance();
                let mut items = Vec::new();
                while !self.is_op("]") {
                    items.push(self.maybe_star_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("]")?;
                Ok(Pattern::Sequence(items))
            }
            Tok::Op("{") => {
                self.advance();
                let (mut keys, mut patterns, mut rest) = (Vec::new(), Vec::new(), None);
                while !self.is_op("}") {
                    if self.eat_op("**") {
                        rest = Some(self.name()?);
                        self.eat_op(",");
                        break;
                    }
                    let key = match self.closed_pattern()? {
                        Pattern::Value(e) | Pattern::Singleton(e) => e,
                        _ => {
                            let message = "mapping pattern keys may only match literals and attribute lookups";
                            return Err(SyntaxError::new(message, start));
                        }
                    };
                    self.expect_op(":")?;
                    keys.push(key);
                    patterns.push(self.pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("}")?;
                Ok(Pattern::Mapping { keys, patterns, rest })
            }
            _ => Err(self.invalid()),
        }
    }

    /// `Class(patterns, name=pattern)`, after the `(`.
    fn class_pattern(&mut self, class: Expr) -> Parsed<Pattern> {
        let (mut patterns, mut names, mut keyword_patterns) = (Vec::new(), Vec::new(), Vec::new());
        while !self.is_op(")") {
            let at = self.span();
            if matches!(self.tok(), Tok::Name(_)) && matches!(self.tokens[self.i + 1].tok, Tok::Op("=")) {
                names.push(self.name()?);
                self.advance();
                keyword_patterns.push(self.pattern()?);
            } else {
                let pattern = self.pattern()?;
                if !names.is_empty() {
                    return Err(SyntaxError::new("positional patterns follow keyword patterns", at));
                }
                patterns.push(pattern);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        let close = self.span();
        self.expect_op(")")?;
        let span = super::Span { start: class.span.start, end: close.end };
        Ok(Pattern::Class { class, patterns, names, keyword_patterns, span })
    }

    /// `with` or `async with`'s items and body, after the `with`.
    fn with_statement(&mut self, is_async: bool, start: Span) -> Parsed<StmtKind> {
        // Python 3.10's items in brackets, `with (A() as a, B() as b):`, if that is
        // what follows; else (`with (a, b) as c:`) the items as before.
        if self.is_op("(") {
            let (i, depth, deferring, deferred, scopes) =
                (self.i, self.depth, self.deferring.len(), self.deferred.len(), self.scopes.len());
            if let Ok(items) = self.bracketed_with_items() {
                let body = self.block("with", start.start.line)?;
                return Ok(StmtKind::With { items, body, is_async });
            }
            self.i = i;
            self.depth = depth;
            self.deferring.truncate(deferring);
            self.deferred.truncate(deferred);
            self.scopes.truncate(scopes);
        }
        let mut items = Vec::new();
        loop {
            let context = self.expression()?;
            let target = if self.eat_kw("as") { Some(self.target(false)?) } else { None };
            items.push(WithItem { context, target });
            if !self.eat_op(",") {
                break;
            }
        }
        let body = self.block("with", start.start.line)?;
        Ok(StmtKind::With { items, body, is_async })
    }

    /// `(item, item as target, ...)` before a `with`'s colon.
    fn bracketed_with_items(&mut self) -> Parsed<Vec<WithItem>> {
        self.expect_op("(")?;
        let mut items = Vec::new();
        while !self.is_op(")") {
            let context = self.expression()?;
            let target = if self.eat_kw("as") { Some(self.target(false)?) } else { None };
            items.push(WithItem { context, target });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        if items.is_empty() || !self.is_op(":") {
            return Err(self.invalid());
        }
        Ok(items)
    }

    /// `@expr` lines (any expression, as since Python 3.9), then the `def`, `async def`
    /// or `class` they decorate.
    fn decorated(&mut self, body: &mut Block) -> Parsed<()> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if self.tok() != &Tok::Newline {
                return Err(self.invalid());
            }
            self.advance();
        }
        let start = self.span();
        let mut kind = match self.tok() {
            Tok::Name(n) if n == "def" => self.function(false, start)?,
            Tok::Name(n) if n == "class" => self.class(start)?,
            Tok::Name(n) if n == "async" => {
                self.advance();
                if !self.is_kw("def") {
                    return Err(self.invalid());
                }
                self.function(true, start)?
            }
            Tok::Dedent => {
                // CPython: at the end of the decorator's line.
                let newline = self.tokens[..self.i].iter().rev().find(|t| t.tok == Tok::Newline);
                let at = newline.map_or(start, |t| Span::at(t.span.start));
                return Err(SyntaxError::new("unexpected unindent", at));
            }
            _ => return Err(self.invalid()),
        };
        match &mut kind {
            StmtKind::FunctionDef(f) => Rc::get_mut(f).expect("just made").decorators = decorators,
            StmtKind::ClassDef(c) => Rc::get_mut(c).expect("just made").decorators = decorators,
            _ => unreachable!("a definition"),
        }
        body.push(Stmt { kind, span: start.to(Span::at(self.prev_end())) });
        Ok(())
    }

    /// `for` or `async for`, from the `for`.
    fn for_statement(&mut self, is_async: bool, start: Span) -> Parsed<StmtKind> {
        self.advance();
        let target = self.target_list()?;
        if !self.eat_kw("in") {
            return Err(self.invalid());
        }
        let iter = self.expressions()?;
        let body = self.looped(|p| p.block("for", start.start.line))?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For { target, iter, body, orelse, is_async })
    }

    fn unexpected_indent_span(&self) -> Span {
        // CPython places it on the last character of the indentation.
        let end = self.span().end;
        Span::at(Pos { line: end.line, col: end.col.saturating_sub(1) })
    }

    fn looped<T>(&mut self, f: impl FnOnce(&mut Self) -> Parsed<T>) -> Parsed<T> {
        self.scope().loops += 1;
        let result = f(self);
        self.scope().loops -= 1;
        result
    }

    fn if_statement(&mut self) -> Parsed<StmtKind> {
        let keyword = match self.tok() {
            Tok::Name(n) => n.clone(),
            _ => unreachable!("called at 'if' or 'elif'"),
        };
        self.advance();
        let line = self.tokens[self.i - 1].span.start.line;
        let test = self.named_expression()?;
        let body = self.block(&keyword, line)?;
        let orelse = if self.is_kw("elif") {
            let start = self.span();
            let kind = self.if_statement()?;
            vec![Stmt { kind, span: start.to(Span::at(self.prev_end())) }]
        } else {
            self.else_block()?
        };
        Ok(StmtKind::If { test, body, orelse })
    }

    fn else_block(&mut self) -> Parsed<Block> {
        if self.is_kw("else") {
            let line = self.span().start.line;
            self.advance();
            self.block("else", line)
        } else {
            Ok(Vec::new())
        }
    }

    fn try_statement(&mut self) -> Parsed<StmtKind> {
        let line = self.span().start.line;
        self.advance();
        self.guarded_imports.push(Vec::new());
        let body = self.block("try", line);
        let unguarded = self.guarded_imports.pop().expect("pushed");
        let body = body?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.is_kw("except") {
            let start = self.span();
            self.advance();
            let is_star = self.eat_op("*");
            match star {
                Some(was) if was != is_star => {
                    return Err(SyntaxError::new("cannot have both 'except' and 'except*' on the same 'try'", start))
                }
                _ => star = Some(is_star),
            }
            let (kind, name) = if self.is_op(":") {
                if is_star {
                    return Err(SyntaxError::new("expected one or more exception types", self.span()));
                }
                (None, None)
            } else {
                let kind = self.expression()?;
                let kind = if self.is_op(",") {
                    // `except A, B:` is Python 2.
                    return Err(SyntaxError::new("multiple exception types must be parenthesized", kind.span));
                } else {
                    kind
                };
                let name = if self.eat_kw("as") { Some(self.name()?) } else { None };
                (Some(kind), name)
            };
            let keyword = if is_star { "except*" } else { "except" };
            let body = self.block(keyword, start.start.line)?;
            handlers.push(Handler { kind, name, body, span: start.to(Span::at(self.prev_end())) });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.is_kw("finally") {
            let line = self.span().start.line;
            self.advance();
            self.block("finally", line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            // CPython points at the end of the block's last line.
            let newline = self.tokens[..self.i].iter().rev().find(|t| t.tok == Tok::Newline);
            let at = newline.map_or(self.span(), |t| t.span);
            return Err(SyntaxError::new("expected 'except' or 'finally' block", Span::at(at.start)));
        }
        let guarded = handlers.iter().any(|h| match &h.kind {
            None => true,
            Some(kind) => catches_import_error(kind),
        });
        if !guarded {
            match (self.guarded_imports.last_mut(), unguarded.into_iter().next()) {
                (_, None) => {}
                (Some(outer), Some(refusal)) => outer.push(refusal),
                (None, Some(refusal)) => return Err(refusal),
            }
        }
        Ok(StmtKind::Try { body, handlers, orelse, finalbody, star: star == Some(true) })
    }

    fn function(&mut self, is_async: bool, start: Span) -> Parsed<StmtKind> {
        self.advance(); // def
        let name = self.name()?;
        self.expect_op("(")?;
        let mut params = self.params(")")?;
        self.expect_op(")")?;
        if self.eat_op("->") {
            params.annotations.push(("return".into(), self.expression()?));
        }
        let kind = if is_async { ScopeKind::AsyncFunction } else { ScopeKind::Function };
        self.scopes.push(Scope { kind, loops: 0 });
        let body = self.block("def", start.start.line);
        self.scopes.pop();
        let body = body?;
        let span = start.to(Span::at(self.prev_end()));
        Ok(StmtKind::FunctionDef(Rc::new(Function { name, decorators: Vec::new(), is_async, params, body, span })))
    }

    /// `class Name(bases):` and its body, from the `class`.
    fn class(&mut self, start: Span) -> Parsed<StmtKind> {
        self.advance(); // class
        let name = self.name()?;
        let mut bases = Vec::new();
        let mut metaclass = None;
        let mut keywords: Vec<(Name, Expr)> = Vec::new();
        if self.eat_op("(") {
            while !self.is_op(")") {
                let at = self.span();
                let base = self.expression()?;
                if self.is_op("=") {
                    let ExprKind::Name(keyword) = &base.kind else {
                        return Err(SyntaxError::new(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            base.span,
                        ));
                    };
                    let keyword = keyword.clone();
                    if keywords.iter().any(|(k, _)| *k == keyword) || (&*keyword == "metaclass" && metaclass.is_some())
                    {
                        return Err(SyntaxError::new(format!("keyword argument repeated: {keyword}"), at));
                    }
                    self.advance();
                    let value = self.expression()?;
                    if &*keyword == "metaclass" {
                        metaclass = Some(value);
                    } else {
                        keywords.push((keyword, value));
                    }
                    if !self.eat_op(",") {
                        break;
                    }
                    continue;
                }
                if metaclass.is_some() || !keywords.is_empty() {
                    return Err(SyntaxError::new("positional argument follows keyword argument", base.span));
                }
                if matches!(base.kind, ExprKind::Starred(_)) {
                    return Err(SyntaxError::unsupported("starred bases are", at));
                }
                bases.push(base);
                if !self.eat_op(",") {
                    break;
                }
            }
            self.expect_op(")")?;
        }
        self.scopes.push(Scope { kind: ScopeKind::Class, loops: 0 });
        let body = self.block("class definition", start.start.line);
        self.scopes.pop();
        let body = body?;
        for s in &body {
            if let StmtKind::FunctionDef(f) = &s.kind {
                let special = f.name.starts_with("__") && f.name.ends_with("__") && f.name.len() > 4;
                if special && !SPECIAL_METHODS.contains(&&*f.name) {
                    // Not silently ignored: Python calls them where the playground would not.
                    let what = format!("the special method {} is", f.name);
                    return Err(SyntaxError::unsupported(what, s.span));
                }
            }
        }
        let span = start.to(Span::at(self.prev_end()));
        Ok(StmtKind::ClassDef(Rc::new(ClassDef {
            name,
            decorators: Vec::new(),
            bases,
            metaclass,
            keywords,
            body,
            span,
        })))
    }

    /// Parameters up to `close` (`)` for `def`, `:` for `lambda`).
    fn params(&mut self, close: &str) -> Parsed<Params> {
        let mut params = Params::default();
        let mut star = false;
        let mut seen: Vec<Name> = Vec::new();
        while !self.is_op(close) {
            let at = self.span();
            if self.eat_op("**") {
                params.kwarg = Some(self.param(&mut seen, close, &mut params.annotations)?);
            } else if self.eat_op("*") {
                if star {
                    return Err(SyntaxError::new("* argument may appear only once", at));
                }
                star = true;
                if !self.is_op(",") {
                    params.vararg = Some(self.param(&mut seen, close, &mut params.annotations)?);
                }
            } else if self.eat_op("/") {
                if star || params.kwarg.is_some() {
                    return Err(SyntaxError::new("/ must be ahead of *", at));
                }
                if params.posonly > 0 {
                    return Err(SyntaxError::new("/ may appear only once", at));
                }
                if params.args.is_empty() {
                    return Err(SyntaxError::new("at least one argument must precede /", at));
                }
                params.posonly = params.args.len();
            } else {
                if params.kwarg.is_some() {
                    return Err(SyntaxError::new("arguments cannot follow var-keyword argument", at));
                }
                let name = self.param(&mut seen, close, &mut params.annotations)?;
                let default = if self.eat_op("=") { Some(self.expression()?) } else { None };
                if star {
                    params.kwonly.push((name, default));
                } else {
                    match default {
                        Some(value) => params.defaults.push(value),
                        None if !params.defaults.is_empty() => {
                            return Err(SyntaxError::new("non-default argument follows default argument", at));
                        }
                        None => {}
                    }
                    params.args.push(name);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(params)
    }

    fn param(&mut self, seen: &mut Vec<Name>, close: &str, annotations: &mut Vec<(Name, Expr)>) -> Parsed<Name> {
        let at = self.span();
        let name = self.name()?;
        if seen.contains(&name) {
            return Err(SyntaxError::new(format!("duplicate argument '{name}' in function definition"), at));
        }
        seen.push(name.clone());
        if close == ")" && self.eat_op(":") {
            annotations.push((name.clone(), self.expression()?));
        }
        Ok(name)
    }

    /// `:` and the block after it, on the same line or indented below.
    fn block(&mut self, keyword: &str, line: u32) -> Parsed<Block> {
        self.expect_op(":")?;
        let mut body = Vec::new();
        if self.tok() != &Tok::Newline {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if self.tok() != &Tok::Indent {
            let span = self.span();
            let message = format!("expected an indented block after {} on line {line}", block_owner(keyword));
            return Err(SyntaxError::new(message, span));
        }
        self.advance();
        while !matches!(self.tok(), Tok::Dedent | Tok::End) {
            self.statement(&mut body)?;
        }
        self.advance();
        Ok(body)
    }

    fn simple_statements(&mut self, body: &mut Block) -> Parsed<()> {
        loop {
            let start = self.span();
            let kind = self.simple_statement()?;
            body.push(Stmt { kind, span: start.to(Span::at(self.prev_end())) });
            if !self.eat_op(";") || self.tok() == &Tok::Newline {
                break;
            }
        }
        match self.tok() {
            Tok::Newline => {
                self.advance();
                Ok(())
            }
            Tok::Op("=") => Err(self.invalid()),
            _ => Err(self.invalid()),
        }
    }

    fn simple_statement(&mut self) -> Parsed<StmtKind> {
        let start = self.span();
        let keyword = match self.tok() {
            Tok::Name(n) if KEYWORDS.contains(&n.as_str()) => n.clone(),
            _ => String::new(),
        };
        let stmt = match keyword.as_str() {
            "pass" => {
                self.advance();
                StmtKind::Pass
            }
            "break" | "continue" => {
                self.advance();
                if self.scopes.last().expect("the module's scope").loops == 0 {
                    let message =
                        if keyword == "break" { "'break' outside loop" } else { "'continue' not properly in loop" };
                    return Err(SyntaxError::new(message, start));
                }
                if keyword == "break" {
                    StmtKind::Break
                } else {
                    StmtKind::Continue
                }
            }
            "return" => {
                self.advance();
                let value = if matches!(self.tok(), Tok::Newline) || self.is_op(";") {
                    None
                } else {
                    Some(self.expressions()?)
                };
                if matches!(self.scopes.last().expect("the module's scope").kind, ScopeKind::Module | ScopeKind::Class)
                {
                    return Err(SyntaxError::new("'return' outside function", start.to(Span::at(self.prev_end()))));
                }
                StmtKind::Return(value)
            }
            "raise" => {
                self.advance();
                if matches!(self.tok(), Tok::Newline) || self.is_op(";") {
                    StmtKind::Raise { exc: None, cause: None }
                } else {
                    let exc = Some(self.expression()?);
                    let cause = if self.eat_kw("from") { Some(self.expression()?) } else { None };
                    StmtKind::Raise { exc, cause }
                }
            }
            "global" | "nonlocal" => {
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if keyword == "nonlocal" {
                    if self.scopes.last().expect("the module's scope").kind == ScopeKind::Module {
                        let span = start.to(Span::at(self.prev_end()));
                        return Err(SyntaxError::new("nonlocal declaration not allowed at module level", span));
                    }
                    StmtKind::Nonlocal(names)
                } else {
                    StmtKind::Global(names)
                }
            }
            "assert" => {
                self.advance();
                let test = self.expression()?;
                let msg = if self.eat_op(",") { Some(self.expression()?) } else { None };
                StmtKind::Assert { test, msg }
            }
            "del" => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let target = self.bitwise_or()?;
                    self.check_target(&target, "delete")?;
                    targets.push(target);
                    if !self.eat_op(",") || matches!(self.tok(), Tok::Newline) {
                        break;
                    }
                }
                StmtKind::Delete(targets)
            }
            "import" => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let at = self.span();
                    let module = self.dotted_name()?;
                    let alias = if self.eat_kw("as") { Some(self.name()?) } else { None };
                    self.check_import(&module, at)?;
                    names.push((module, alias));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            "from" => {
                self.advance();
                let at = self.span();
                let module = self.dotted_name()?;
                // (`from __future__ import annotations`: Python 3.11's features need
                // nothing of the playground; its annotations outside classes are not
                // evaluated.)
                let future = &*module == "__future__";
                if !future {
                    self.check_import(&module, at)?;
                }
                if !self.eat_kw("import") {
                    return Err(self.invalid());
                }
                // `from module import *`: the names the module gives, as its `__all__`.
                if !future && self.is_op("*") {
                    self.advance();
                    let names = match super::value::Module::named(&module) {
                        Some(m) => super::library::star_names(m).into_iter().map(|n| (n, None)).collect(),
                        // (A refused module, under `except ImportError`: it fails there.)
                        None => Vec::new(),
                    };
                    StmtKind::ImportFrom { module, names, star: true }
                } else {
                    let parens = self.eat_op("(");
                    let mut names = Vec::new();
                    loop {
                        let name_at = self.span();
                        let name = self.name()?;
                        if future && !FUTURE_FEATURES.contains(&&*name) {
                            return Err(SyntaxError::new(format!("future feature {name} is not defined"), name_at));
                        }
                        let alias = if self.eat_kw("as") { Some(self.name()?) } else { None };
                        names.push((name, alias));
                        if !self.eat_op(",") || (parens && self.is_op(")")) {
                            break;
                        }
                    }
                    if parens {
                        self.expect_op(")")?;
                    }
                    StmtKind::ImportFrom { module, names, star: false }
                }
            }
            "else" | "elif" | "except" | "finally" | "in" | "as" | "is" | "and" | "or" => return Err(self.invalid()),
            _ => self.expression_statement()?,
        };
        Ok(stmt)
    }

    fn dotted_name(&mut self) -> Parsed<Name> {
        let mut name = self.name()?.to_string();
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.name()?);
        }
        Ok(name.into())
    }

    fn expression_statement(&mut self) -> Parsed<StmtKind> {
        let first_parenthesized = self.is_op("(");
        let first = if self.is_kw("yield") { self.yield_expression()? } else { self.star_expressions()? };
        if let (ExprKind::Yield(_) | ExprKind::YieldFrom(_), true) = (&first.kind, self.is_op("=")) {
            return Err(SyntaxError::new("assignment to yield expression not possible", first.span));
        }
        if let Tok::Op(op) = self.tok() {
            let op = *op;
            if op.len() >= 2 && op.ends_with('=') && !matches!(op, "==" | "<=" | ">=" | "!=" | ":=") {
                let binop = BinOp::from_op(&op[..op.len() - 1]).expect("an augmented assignment's operator");
                match &first.kind {
                    ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
                    _ => {
                        let what = match &first.kind {
                            ExprKind::Tuple(_) => "'tuple'".to_owned(),
                            ExprKind::List(_) => "'list'".to_owned(),
                            _ => format!("'{}'", describe(&first)),
                        };
                        let message = format!("{what} is an illegal expression for augmented assignment");
                        return Err(SyntaxError::new(message, first.span));
                    }
                }
                self.advance();
                let value = if self.is_kw("yield") { self.yield_expression()? } else { self.expressions()? };
                return Ok(StmtKind::AugAssign { target: first, op: binop, value });
            }
            if op == ":" {
                // An annotated assignment: `x: int = 1`.
                if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)) {
                    return Err(SyntaxError::new("only single target (not tuple) can be annotated", first.span));
                }
                let simple = matches!(first.kind, ExprKind::Name(_)) && !first_parenthesized;
                self.advance();
                let annotation = self.expression()?;
                let value = if self.eat_op("=") {
                    Some(if self.is_kw("yield") { self.yield_expression()? } else { self.star_expressions()? })
                } else {
                    None
                };
                return Ok(StmtKind::AnnAssign { target: first, annotation, value, simple });
            }
            if op == "=" {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.advance();
                    value = if self.is_kw("yield") { self.yield_expression()? } else { self.star_expressions()? };
                    if !self.is_op("=") {
                        break;
                    }
                    targets.push(value);
                }
                for target in &targets {
                    self.check_assign_target(target)?;
                }
                check_starred(&value)?;
                return Ok(StmtKind::Assign { targets, value });
            }
        }
        if starts_expression(self.tok()) {
            if let ExprKind::Name(name) = &first.kind {
                if &**name == "print" {
                    let end = self.expressions().map(|e| e.span.end).unwrap_or(self.span().end);
                    return Err(SyntaxError::new(
                        "Missing parentheses in call to 'print'. Did you mean print(...)?",
                        first.span.to(Span::at(end)),
                    ));
                }
            }
        }
        check_starred(&first)?;
        Ok(StmtKind::Expr(first))
    }

    fn check_assign_target(&self, target: &Expr) -> Parsed<()> {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut starred = 0;
                for item in items {
                    if let ExprKind::Starred(inner) = &item.kind {
                        starred += 1;
                        if starred > 1 {
                            return Err(SyntaxError::new("multiple starred expressions in assignment", item.span));
                        }
                        self.check_assign_target(inner)?;
                    } else {
                        self.check_assign_target(item)?;
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) => {
                Err(SyntaxError::new("starred assignment target must be in a list or tuple", target.span))
            }
            _ => Err(SyntaxError::new(
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", describe(target)),
                target.span,
            )),
        }
    }

    fn check_target(&self, target: &Expr, verb: &str) -> Parsed<()> {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|item| match &item.kind {
                ExprKind::Starred(inner) if verb == "assign to" => self.check_target(inner, verb),
                _ => self.check_target(item, verb),
            }),
            _ => Err(SyntaxError::new(format!("cannot {verb} {}", describe(target)), target.span)),
        }
    }

    /// A `for` or comprehension target: `x`, `a, b`, `(k, v)`.
    fn target_list(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let first = self.target(true)?;
        if !self.is_op(",") {
            if let ExprKind::Starred(_) = first.kind {
                return Err(SyntaxError::new("starred assignment target must be in a list or tuple", first.span));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_kw("in") || self.is_op("=") {
                break;
            }
            items.push(self.target(true)?);
        }
        let span = start.to(Span::at(self.prev_end()));
        if items.iter().filter(|i| matches!(i.kind, ExprKind::Starred(_))).count() > 1 {
            return Err(SyntaxError::new("multiple starred expressions in assignment", span));
        }
        Ok(Expr { kind: ExprKind::Tuple(items), span })
    }

    fn target(&mut self, star: bool) -> Parsed<Expr> {
        let start = self.span();
        if star && self.eat_op("*") {
            // `for head, *tail in rows`: the starred part takes what is left.
            let inner = self.bitwise_or()?;
            self.check_target(&inner, "assign to")?;
            return Ok(Expr { kind: ExprKind::Starred(Box::new(inner)), span: start.to(Span::at(self.prev_end())) });
        }
        let target = self.bitwise_or()?;
        self.check_target(&target, "assign to")?;
        Ok(target)
    }

    // ---- expressions ----

    /// `a, b` or `*a, b` as a statement or an assignment's value: a tuple if there is a comma.
    fn star_expressions(&mut self) -> Parsed<Expr> {
        self.tuple_of(|p| p.star_expression())
    }

    /// Expressions with commas, no stars: `return a, b`.
    fn expressions(&mut self) -> Parsed<Expr> {
        self.tuple_of(|p| p.star_expression())
    }

    fn tuple_of(&mut self, mut item: impl FnMut(&mut Self) -> Parsed<Expr>) -> Parsed<Expr> {
        let start = self.span();
        let first = item(self)?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if !starts_expression(self.tok()) && !self.is_op("*") {
                break;
            }
            items.push(item(self)?);
        }
        Ok(Expr { kind: ExprKind::Tuple(items), span: start.to(Span::at(self.prev_end())) })
    }

    fn star_expression(&mut self) -> Parsed<Expr> {
        let start = self.span();
        if self.eat_op("*") {
            let inner = self.bitwise_or()?;
            return Ok(Expr { kind: ExprKind::Starred(Box::new(inner)), span: start.to(Span::at(self.prev_end())) });
        }
        self.expression()
    }

    fn named_expression(&mut self) -> Parsed<Expr> {
        let expr = self.expression()?;
        self.walrus(expr)
    }

    /// `*x` or a named expression: an item of a list, a set or a tuple in brackets.
    fn star_named_expression(&mut self) -> Parsed<Expr> {
        if self.is_op("*") {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// `target := value`, if `:=` follows the target just read.
    fn walrus(&mut self, target: Expr) -> Parsed<Expr> {
        if !self.is_op(":=") {
            return Ok(target);
        }
        let ExprKind::Name(name) = &target.kind else {
            let message = format!("cannot use assignment expressions with {}", describe_walrus(&target));
            return Err(SyntaxError::new(message, target.span));
        };
        let name = name.clone();
        self.advance();
        let value = self.expression()?;
        let span = target.span.to(value.span);
        Ok(Expr { kind: ExprKind::NamedExpr(name, Box::new(value)), span })
    }

    pub(super) fn expression(&mut self) -> Parsed<Expr> {
        self.deeper(Self::expression_here)
    }

    fn expression_here(&mut self) -> Parsed<Expr> {
        let start = self.span();
        if self.is_kw("lambda") {
            return self.lambda();
        }
        let body = self.disjunction()?;
        if !self.eat_kw("if") {
            return Ok(body);
        }
        let test = self.disjunction()?;
        if !self.eat_kw("else") {
            let span = start.to(Span::at(self.prev_end()));
            return Err(SyntaxError::new("expected 'else' after 'if' expression", span));
        }
        let orelse = self.expression()?;
        // (To the end of its last token: a `)` closing the operand, in CPython's places.)
        let span = start.to(Span::at(self.prev_end()));
        Ok(Expr {
            kind: ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) },
            span,
        })
    }

    fn lambda(&mut self) -> Parsed<Expr> {
        let start = self.span();
        self.advance();
        let params = self.params(":")?;
        self.expect_op(":")?;
        self.scopes.push(Scope { kind: ScopeKind::Lambda, loops: 0 });
        // A function of its own: twice another level's stack, in the compiler.
        let body = self.deeper(Self::expression);
        self.scopes.pop();
        let body = body?;
        let span = start.to(body.span);
        let ret = Stmt { span: body.span, kind: StmtKind::Return(Some(body)) };
        let function = Function {
            name: "<lambda>".into(),
            decorators: Vec::new(),
            is_async: false,
            params,
            body: vec![ret],
            span,
        };
        Ok(Expr { kind: ExprKind::Lambda(Rc::new(function)), span })
    }

    /// `yield`, `yield value` or `yield from iterable`, at the `yield`.
    fn yield_expression(&mut self) -> Parsed<Expr> {
        let start = self.span();
        self.advance();
        let kind = if self.eat_kw("from") {
            ExprKind::YieldFrom(Box::new(self.expression()?))
        } else if starts_expression(self.tok()) || self.is_op("*") {
            ExprKind::Yield(Some(Box::new(self.star_expressions()?)))
        } else {
            ExprKind::Yield(None)
        };
        let span = start.to(Span::at(self.prev_end()));
        let scope = self.scopes.iter().rev().find(|s| s.kind != ScopeKind::Clauses).expect("the module's scope");
        match (scope.kind, &kind) {
            (ScopeKind::Module | ScopeKind::Class, _) => Err(SyntaxError::new("'yield' outside function", span)),
            (ScopeKind::AsyncFunction, ExprKind::YieldFrom(_)) => {
                Err(SyntaxError::new("'yield from' inside async function", span))
            }
            _ => Ok(Expr { kind, span }),
        }
    }

    fn disjunction(&mut self) -> Parsed<Expr> {
        self.bool_op("or", false, Self::conjunction)
    }

    fn conjunction(&mut self) -> Parsed<Expr> {
        self.bool_op("and", true, Self::inversion)
    }

    fn bool_op(&mut self, kw: &str, and: bool, next: fn(&mut Self) -> Parsed<Expr>) -> Parsed<Expr> {
        // (From the first token: a `(` opening the first operand, in CPython's places.)
        let start = self.span();
        let first = next(self)?;
        if !self.is_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(next(self)?);
        }
        let span = start.to(Span::at(self.prev_end()));
        Ok(Expr { kind: ExprKind::BoolOp(and, values), span })
    }

    fn inversion(&mut self) -> Parsed<Expr> {
        let start = self.span();
        if self.eat_kw("not") {
            let operand = self.deeper(Self::inversion)?;
            let span = start.to(Span::at(self.prev_end()));
            return Ok(Expr { kind: ExprKind::UnaryOp(UnaryOp::Not, Box::new(operand)), span });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        loop {
            let op = match self.tok() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::NotEq,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::LtE,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::GtE,
                Tok::Name(n) if n == "in" => CmpOp::In,
                Tok::Name(n) if n == "is" => {
                    self.advance();
                    let op = if self.eat_kw("not") { CmpOp::IsNot } else { CmpOp::Is };
                    ops.push((op, self.bitwise_or()?));
                    continue;
                }
                Tok::Name(n) if n == "not" && matches!(&self.tokens[self.i + 1].tok, Tok::Name(m) if m == "in") => {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            ops.push((op, self.bitwise_or()?));
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let span = start.to(Span::at(self.prev_end()));
        Ok(Expr { kind: ExprKind::Compare(Box::new(left), ops), span })
    }

    /// The binary operators from `|` down to `*`, by precedence climbing: one call
    /// per operand of a higher precedence, rather than one per level of the grammar
    /// (the parser's stack is the page's, and a bracket nests all of them again).
    fn bitwise_or(&mut self) -> Parsed<Expr> {
        self.binary(0)
    }

    /// Operators of precedence `min` or higher, left to right.
    fn binary(&mut self, min: u8) -> Parsed<Expr> {
        let start = self.span();
        let mut left = self.factor()?;
        let mut links = 0;
        while let Tok::Op(op) = self.tok() {
            let precedence = match *op {
                "|" => 0,
                "^" => 1,
                "&" => 2,
                "<<" | ">>" => 3,
                "+" | "-" => 4,
                "*" | "/" | "//" | "%" | "@" => 5,
                _ => break,
            };
            if precedence < min {
                break;
            }
            links += 1;
            self.nest(links)?;
            let op = BinOp::from_op(op).expect("a binary operator");
            self.advance();
            let right = if precedence == 5 { self.factor()? } else { self.binary(precedence + 1)? };
            let span = start.to(Span::at(self.prev_end()));
            left = Expr { kind: ExprKind::BinOp(Box::new(left), op, Box::new(right)), span };
        }
        Ok(left)
    }

    fn factor(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let op = match self.tok() {
            Tok::Op("-") => UnaryOp::USub,
            Tok::Op("+") => UnaryOp::UAdd,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.advance();
        let operand = self.deeper(Self::factor)?;
        let span = start.to(Span::at(self.prev_end()));
        Ok(Expr { kind: ExprKind::UnaryOp(op, Box::new(operand)), span })
    }

    fn power(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let base = self.await_primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        let exponent = self.factor()?;
        let span = start.to(Span::at(self.prev_end()));
        Ok(Expr { kind: ExprKind::BinOp(Box::new(base), BinOp::Pow, Box::new(exponent)), span })
    }

    fn await_primary(&mut self) -> Parsed<Expr> {
        let start = self.span();
        if !self.eat_kw("await") {
            return self.primary();
        }
        let value = self.primary()?;
        let span = start.to(Span::at(self.prev_end()));
        if !self.in_async() {
            let message =
                if matches!(self.scopes.last().expect("the module's scope").kind, ScopeKind::Module | ScopeKind::Class)
                {
                    "'await' outside function"
                } else {
                    "'await' outside async function"
                };
            let error = SyntaxError::new(message, span);
            if self.deferring.last() != Some(&self.scopes.len()) {
                return Err(error);
            }
            self.deferred.push(error);
        }
        Ok(Expr { kind: ExprKind::Await(Box::new(value)), span })
    }

    fn primary(&mut self) -> Parsed<Expr> {
        // (From the first token: a `(` opening the atom, in CPython's places.)
        let start = self.span();
        let mut expr = self.atom()?;
        let mut links = 0;
        loop {
            links += 1;
            self.nest(links)?;
            if self.eat_op(".") {
                let name = self.name()?;
                expr =
                    Expr { kind: ExprKind::Attribute(Box::new(expr), name), span: start.to(Span::at(self.prev_end())) };
            } else if self.eat_op("(") {
                let (args, keywords) = self.arguments()?;
                self.expect_op(")")?;
                let span = start.to(Span::at(self.prev_end()));
                expr = Expr { kind: ExprKind::Call { func: Box::new(expr), args, keywords }, span };
            } else if self.eat_op("[") {
                let index = self.slices()?;
                self.expect_op("]")?;
                let span = start.to(Span::at(self.prev_end()));
                expr = Expr { kind: ExprKind::Subscript(Box::new(expr), Box::new(index)), span };
            } else {
                return Ok(expr);
            }
        }
    }

    fn arguments(&mut self) -> Parsed<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        while !self.is_op(")") {
            let start = self.span();
            if self.eat_op("**") {
                keywords.push(Keyword { name: None, value: self.expression()? });
            } else if self.eat_op("*") {
                let value = self.expression()?;
                let span = start.to(value.span);
                let starred = Expr { kind: ExprKind::Starred(Box::new(value)), span };
                if self.at_comprehension() {
                    no_unpacking_in(&starred)?;
                }
                args.push(starred);
            } else if matches!(self.tok(), Tok::Name(_)) && matches!(self.tokens[self.i + 1].tok, Tok::Op("=")) {
                let name = self.name()?;
                self.advance();
                if keywords.iter().any(|k| k.name.as_ref() == Some(&name)) {
                    return Err(SyntaxError::new(format!("keyword argument repeated: {name}"), start));
                }
                keywords.push(Keyword { name: Some(name), value: self.expression()? });
            } else {
                let (value, awaits) = self.element(Self::named_expression)?;
                if !self.at_comprehension() {
                    Self::no_comprehension(awaits)?;
                }
                if self.at_comprehension() {
                    let generators = self.comprehensions()?;
                    let span = start.to(Span::at(self.prev_end()));
                    let genexp = Expr { kind: ExprKind::GeneratorExp(Box::new(value), generators), span };
                    if !args.is_empty() || !keywords.is_empty() || self.is_op(",") {
                        return Err(SyntaxError::new("Generator expression must be parenthesized", span));
                    }
                    args.push(genexp);
                    continue;
                }
                if let Some(last) = keywords.last() {
                    let message = if last.name.is_some() {
                        "positional argument follows keyword argument"
                    } else {
                        "positional argument follows keyword argument unpacking"
                    };
                    return Err(SyntaxError::new(message, Span::at(value.span.end)));
                }
                args.push(value);
            }
            if !self.eat_op(",") {
                if starts_expression(self.tok()) {
                    return Err(self.forgot_comma(start));
                }
                break;
            }
        }
        Ok((args, keywords))
    }

    fn forgot_comma(&mut self, start: Span) -> SyntaxError {
        let end = self.expression().map(|e| e.span.end).unwrap_or(self.span().end);
        SyntaxError::new("invalid syntax. Perhaps you forgot a comma?", start.to(Span::at(end)))
    }

    fn slices(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let first = self.slice()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") && !self.is_op("]") {
            items.push(self.slice()?);
        }
        Ok(Expr { kind: ExprKind::Tuple(items), span: start.to(Span::at(self.prev_end())) })
    }

    fn slice(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let part = |p: &mut Self| -> Parsed<Option<Box<Expr>>> {
            if p.is_op(":") || p.is_op("]") || p.is_op(",") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let lower = part(self)?;
        if !self.eat_op(":") {
            return Ok(*lower.ok_or_else(|| self.invalid())?);
        }
        let upper = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        Ok(Expr { kind: ExprKind::Slice(lower, upper, step), span: start.to(Span::at(self.prev_end())) })
    }

    /// Whether a comprehension's clauses begin here: `for`, or `async for`.
    fn at_comprehension(&self) -> bool {
        self.is_kw("for") || (self.is_kw("async") && matches!(&self.tokens[self.i + 1].tok, Tok::Name(n) if n == "for"))
    }

    /// The `for` and `if` clauses of a comprehension. The first iterable belongs to the
    /// enclosing scope; after it, `await` is allowed (see `check_comprehension`).
    fn comprehensions(&mut self) -> Parsed<Vec<Comprehension>> {
        let mut generators = Vec::new();
        let mut clauses = false;
        let result = loop {
            if !(self.is_kw("for")
                || (self.is_kw("async") && matches!(&self.tokens[self.i + 1].tok, Tok::Name(n) if n == "for")))
            {
                break Ok(generators);
            }
            let is_async = self.eat_kw("async");
            self.advance();
            let target = match self.target_list() {
                Ok(target) => target,
                Err(e) => break Err(e),
            };
            if !self.eat_kw("in") {
                break Err(self.invalid());
            }
            let iter = match self.disjunction() {
                Ok(iter) => iter,
                Err(e) => break Err(e),
            };
            if !clauses {
                clauses = true;
                self.scopes.push(Scope { kind: ScopeKind::Clauses, loops: 0 });
            }
            let mut ifs = Vec::new();
            let mut failed = None;
            while self.eat_kw("if") {
                match self.disjunction() {
                    Ok(test) => ifs.push(test),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
            generators.push(Comprehension { target, iter, ifs, is_async });
        };
        if clauses {
            self.scopes.pop();
        }
        result
    }

    /// A list, set or dict comprehension that awaits (in its element, its conditions or
    /// an `async for`) is only allowed in an asynchronous function.
    fn check_comprehension(
        &mut self,
        span: Span,
        awaits: &[SyntaxError],
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[Comprehension],
    ) -> Parsed<()> {
        if self.in_async_function() {
            return Ok(());
        }
        let awaiting = !awaits.is_empty()
            || contains_await(elt)
            || value.is_some_and(contains_await)
            || generators
                .iter()
                .enumerate()
                .any(|(i, g)| g.is_async || g.ifs.iter().any(contains_await) || (i > 0 && contains_await(&g.iter)));
        if awaiting {
            let error = SyntaxError::new("asynchronous comprehension outside of an asynchronous function", span);
            // The element of a bracket that may turn out a comprehension: awaited in
            // that comprehension, it makes it asynchronous (and the error is its own).
            if self.deferring.last() != Some(&self.scopes.len()) {
                return Err(error);
            }
            self.deferred.push(error);
        }
        Ok(())
    }

    fn atom(&mut self) -> Parsed<Expr> {
        let token = self.tokens[self.i].clone();
        let span = token.span;
        let kind = match token.tok {
            Tok::Int(n) => ExprKind::Int(n),
            Tok::Big(n) => ExprKind::Big(n),
            Tok::Float(x) => ExprKind::Float(x),
            Tok::Str(_) | Tok::FStr { .. } => return self.strings(),
            Tok::Bytes(_) => return self.bytes(),
            Tok::Name(name) => match name.as_str() {
                "None" => ExprKind::None,
                "True" => ExprKind::Bool(true),
                "False" => ExprKind::Bool(false),
                "await" => return Err(SyntaxError::new("invalid syntax", span)),
                n if KEYWORDS.contains(&n) => return Err(self.invalid()),
                _ => ExprKind::Name(name.as_str().into()),
            },
            Tok::Op("(") => return self.parenthesized(),
            Tok::Op("[") => return self.list_display(),
            Tok::Op("{") => return self.brace_display(),
            Tok::Op("...") => ExprKind::Ellipsis,
            _ => return Err(self.invalid()),
        };
        self.advance();
        Ok(Expr { kind, span })
    }

    fn parenthesized(&mut self) -> Parsed<Expr> {
        let start = self.advance();
        if self.eat_op(")") {
            return Ok(Expr { kind: ExprKind::Tuple(Vec::new()), span: start.to(Span::at(self.prev_end())) });
        }
        if self.is_kw("yield") {
            let value = self.yield_expression()?;
            self.expect_op(")")?;
            return Ok(value);
        }
        let (first, awaits) = self.element(Self::star_expression)?;
        if self.at_comprehension() {
            no_unpacking_in(&first)?;
            let generators = self.comprehensions()?;
            self.expect_op(")")?;
            let span = start.to(Span::at(self.prev_end()));
            return Ok(Expr { kind: ExprKind::GeneratorExp(Box::new(first), generators), span });
        }
        Self::no_comprehension(awaits)?;
        let first = self.walrus(first)?;
        if self.eat_op(")") {
            if let ExprKind::Starred(_) = first.kind {
                return Err(SyntaxError::new("cannot use starred expression here", first.span));
            }
            // Parentheses group: the expression keeps its own place, as in CPython.
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(")") {
                break;
            }
            items.push(self.star_named_expression()?);
        }
        if !self.is_op(")") && starts_expression(self.tok()) {
            return Err(self.forgot_comma(items.last().expect("not empty").span));
        }
        self.expect_op(")")?;
        Ok(Expr { kind: ExprKind::Tuple(items), span: start.to(Span::at(self.prev_end())) })
    }

    fn list_display(&mut self) -> Parsed<Expr> {
        let start = self.advance();
        let mut items = Vec::new();
        while !self.is_op("]") {
            let (item, awaits) = self.element(Self::star_named_expression)?;
            if items.is_empty() && self.at_comprehension() {
                no_unpacking_in(&item)?;
                let generators = self.comprehensions()?;
                self.expect_op("]")?;
                let span = start.to(Span::at(self.prev_end()));
                self.check_comprehension(span, &awaits, &item, None, &generators)?;
                return Ok(Expr { kind: ExprKind::ListComp(Box::new(item), generators), span });
            }
            Self::no_comprehension(awaits)?;
            let item_span = item.span;
            items.push(item);
            if !self.eat_op(",") {
                if starts_expression(self.tok()) {
                    return Err(self.forgot_comma(item_span));
                }
                break;
            }
        }
        self.expect_op("]")?;
        Ok(Expr { kind: ExprKind::List(items), span: start.to(Span::at(self.prev_end())) })
    }

    fn brace_display(&mut self) -> Parsed<Expr> {
        let start = self.advance();
        if self.eat_op("}") {
            return Ok(Expr { kind: ExprKind::Dict(Vec::new()), span: start.to(Span::at(self.prev_end())) });
        }
        // A dict if the first item is `k: v` or `**d`; a set otherwise.
        let first_at = self.span();
        let (first_key, mut awaits) = if self.eat_op("**") {
            (None, Vec::new())
        } else {
            self.element(Self::star_expression).map(|(k, a)| (Some(k), a))?
        };
        let is_dict = first_key.is_none() || self.is_op(":");
        if !is_dict {
            let first = first_key.expect("a set's first item");
            if self.at_comprehension() {
                no_unpacking_in(&first)?;
                let generators = self.comprehensions()?;
                self.expect_op("}")?;
                let span = start.to(Span::at(self.prev_end()));
                self.check_comprehension(span, &awaits, &first, None, &generators)?;
                return Ok(Expr { kind: ExprKind::SetComp(Box::new(first), generators), span });
            }
            Self::no_comprehension(awaits)?;
            let mut items = vec![first];
            while self.eat_op(",") && !self.is_op("}") {
                items.push(self.star_expression()?);
            }
            self.expect_op("}")?;
            return Ok(Expr { kind: ExprKind::Set(items), span: start.to(Span::at(self.prev_end())) });
        }
        let mut entries = Vec::new();
        let mut key = first_key;
        loop {
            match key {
                Some(k) => {
                    self.expect_op(":")?;
                    let first = entries.is_empty();
                    let (value, more) =
                        if first { self.element(Self::expression)? } else { (self.expression()?, Vec::new()) };
                    awaits.extend(more);
                    if first && self.at_comprehension() {
                        let generators = self.comprehensions()?;
                        self.expect_op("}")?;
                        let span = start.to(Span::at(self.prev_end()));
                        self.check_comprehension(span, &awaits, &k, Some(&value), &generators)?;
                        return Ok(Expr { kind: ExprKind::DictComp(Box::new(k), Box::new(value), generators), span });
                    }
                    Self::no_comprehension(std::mem::take(&mut awaits))?;
                    entries.push((Some(k), value));
                }
                None => {
                    let value = self.bitwise_or()?;
                    if entries.is_empty() && self.at_comprehension() {
                        return Err(SyntaxError::new(
                            "dict unpacking cannot be used in dict comprehension",
                            first_at.to(value.span),
                        ));
                    }
                    entries.push((None, value));
                }
            }
            if !self.eat_op(",") || self.is_op("}") {
                break;
            }
            key = if self.eat_op("**") { None } else { Some(self.expression()?) };
        }
        self.expect_op("}")?;
        Ok(Expr { kind: ExprKind::Dict(entries), span: start.to(Span::at(self.prev_end())) })
    }

    /// CPython's refusal of `b'a' 'b'`, placed, as CPython places it, after the last
    /// of the literals.
    fn mixed_literals(&mut self) -> SyntaxError {
        while matches!(self.tok(), Tok::Str(_) | Tok::Bytes(_) | Tok::FStr { .. }) {
            self.advance();
        }
        SyntaxError::new("cannot mix bytes and nonbytes literals", Span::at(self.prev_end()))
    }

    /// Adjacent bytes literals, joined: `b'a' b'b'`.
    fn bytes(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let mut all = Vec::new();
        loop {
            match self.tok().clone() {
                Tok::Bytes(b) => all.extend(b),
                Tok::Str(_) | Tok::FStr { .. } => return Err(self.mixed_literals()),
                _ => break,
            }
            self.advance();
        }
        Ok(Expr { kind: ExprKind::Bytes(all.into()), span: start.to(Span::at(self.prev_end())) })
    }

    /// Adjacent string literals, joined: `'a' f'{b}'`.
    fn strings(&mut self) -> Parsed<Expr> {
        let start = self.span();
        let mut parts: Vec<FPart> = Vec::new();
        let mut any_f = false;
        loop {
            match self.tok().clone() {
                Tok::Str(text) => push_text(&mut parts, &text),
                Tok::Bytes(_) => return Err(self.mixed_literals()),
                Tok::FStr { text, raw, at } => {
                    any_f = true;
                    let end = self.span().end;
                    let read = self.fstring(&text, raw, at).map_err(|mut e| {
                        // CPython 3.11 places an f-string's own errors after it.
                        if e.message.starts_with("f-string") {
                            e.span = Span::at(end);
                        } else {
                            e.message = format!("f-string: {}", e.message);
                        }
                        e
                    })?;
                    for part in read {
                        match part {
                            FPart::Text(text) => push_text(&mut parts, &text),
                            value => parts.push(value),
                        }
                    }
                }
                _ => break,
            }
            self.advance();
        }
        let span = start.to(Span::at(self.prev_end()));
        if !any_f {
            let text = match parts.pop() {
                Some(FPart::Text(text)) => text,
                _ => "".into(),
            };
            return Ok(Expr { kind: ExprKind::Str(text), span });
        }
        Ok(Expr { kind: ExprKind::FString(parts), span })
    }

    /// An f-string's parts: its text between the quotes, which starts at `at`.
    fn fstring(&mut self, text: &str, raw: bool, at: Pos) -> Parsed<Vec<FPart>> {
        let chars: Vec<char> = text.chars().collect();
        let mut k = 0;
        self.fstring_parts(&chars, &mut k, raw, at, false)
    }

    fn fstring_parts(
        &mut self,
        chars: &[char],
        k: &mut usize,
        raw: bool,
        at: Pos,
        in_spec: bool,
    ) -> Parsed<Vec<FPart>> {
        let pos_of = |k: usize| -> Pos {
            let mut pos = at;
            for &c in &chars[..k] {
                if c == '\n' {
                    pos.line += 1;
                    pos.col = 0;
                } else {
                    pos.col += 1;
                }
            }
            pos
        };
        let mut parts = Vec::new();
        let mut literal = String::new();
        while *k < chars.len() {
            let c = chars[*k];
            match c {
                '{' if chars.get(*k + 1) == Some(&'{') && !in_spec => {
                    literal.push('{');
                    *k += 2;
                }
                '}' if chars.get(*k + 1) == Some(&'}') && !in_spec => {
                    literal.push('}');
                    *k += 2;
                }
                '}' if in_spec => break,
                '}' => return Err(SyntaxError::new("f-string: single '}' is not allowed", Span::at(pos_of(*k)))),
                '{' => {
                    if !literal.is_empty() {
                        let text = if raw {
                            literal.clone()
                        } else {
                            super::lexer::unescape(&literal).map_err(|m| SyntaxError::new(m, Span::at(pos_of(*k))))?
                        };
                        parts.push(FPart::Text(text.into()));
                        literal.clear();
                    }
                    *k += 1;
                    let (debug, field) = self.replacement_field(chars, k, raw, at, &pos_of, in_spec)?;
                    if let Some(text) = debug {
                        // `{x=}` writes `x=` before the value.
                        push_text(&mut parts, &text);
                    }
                    parts.push(field);
                }
                _ => {
                    literal.push(c);
                    *k += 1;
                }
            }
        }
        if !literal.is_empty() {
            let text = if raw {
                literal
            } else {
                super::lexer::unescape(&literal).map_err(|m| SyntaxError::new(m, Span::at(at)))?
            };
            parts.push(FPart::Text(text.into()));
        }
        Ok(parts)
    }

    fn replacement_field(
        &mut self,
        chars: &[char],
        k: &mut usize,
        raw: bool,
        at: Pos,
        pos_of: &dyn Fn(usize) -> Pos,
        in_spec: bool,
    ) -> Parsed<(Option<String>, FPart)> {
        // The expression runs to a `!`, `:`, `=` or `}` outside brackets and strings.
        let begin = *k;
        let mut depth = 0;
        let mut quote: Option<char> = None;
        while *k < chars.len() {
            let c = chars[*k];
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']') => depth -= 1,
                (None, '}') if depth > 0 => depth -= 1,
                (None, '}' | ':') if depth == 0 => break,
                (None, '!') if depth == 0 && chars.get(*k + 1) != Some(&'=') => break,
                (None, '=')
                    if depth == 0
                        && !matches!(chars.get(*k + 1), Some('='))
                        && !matches!(chars.get(k.wrapping_sub(1)), Some('=' | '!' | '<' | '>')) =>
                {
                    break
                }
                _ => {}
            }
            *k += 1;
        }
        let source: String = chars[begin..*k].iter().collect();
        if source.contains('\\') {
            // (3.12 allows it; 3.11, whose semantics are the playground's, does not.)
            return Err(SyntaxError::new("f-string expression part cannot include a backslash", Span::at(at)));
        }
        if *k >= chars.len() {
            return Err(SyntaxError::new("f-string: expecting '}'", Span::at(pos_of(begin.saturating_sub(1)))));
        }
        if source.trim().is_empty() {
            return Err(SyntaxError::new("f-string: empty expression not allowed", Span::at(pos_of(*k))));
        }
        let value = self.sub_expression(&source, pos_of(begin))?;
        let mut debug = None;
        if chars[*k] == '=' {
            // `{x = }`: the text up to the value, spaces and all.
            *k += 1;
            let from = *k;
            while chars.get(*k).is_some_and(|c| c.is_whitespace()) {
                *k += 1;
            }
            let spaces: String = chars[from..*k].iter().collect();
            debug = Some(format!("{source}={spaces}"));
        }
        let mut conversion = None;
        if chars.get(*k) == Some(&'!') {
            let c = chars.get(*k + 1).copied();
            if !matches!(c, Some('s' | 'r' | 'a')) {
                return Err(SyntaxError::new(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    Span::at(pos_of(*k + 1)),
                ));
            }
            conversion = c;
            *k += 2;
        }
        let mut spec = Vec::new();
        if chars.get(*k) == Some(&':') {
            if in_spec {
                return Err(SyntaxError::new("f-string: expressions nested too deeply", Span::at(at)));
            }
            *k += 1;
            spec = self.fstring_parts(chars, k, raw, at, true)?;
        }
        if chars.get(*k) != Some(&'}') {
            return Err(SyntaxError::new("f-string: expecting '}'", Span::at(pos_of(*k))));
        }
        *k += 1;
        // `{x=}` shows the value's repr, unless a conversion or a spec says otherwise.
        if debug.is_some() && conversion.is_none() && spec.is_empty() {
            conversion = Some('r');
        }
        Ok((debug, FPart::Value { value: Box::new(value), conversion, spec }))
    }

    /// Parses an f-string's expression, placed where it stands in the source.
    fn sub_expression(&mut self, source: &str, at: Pos) -> Parsed<Expr> {
        let wrapped = format!("({source})");
        let mut tokens = tokenize(&wrapped).map_err(|e| shift(e, at))?;
        for token in &mut tokens {
            token.span = shift_span(token.span, at);
        }
        let saved = std::mem::replace(&mut self.tokens, tokens);
        let saved_i = std::mem::replace(&mut self.i, 0);
        let result = self.expressions().and_then(|e| {
            if matches!(self.tok(), Tok::Newline | Tok::End) {
                Ok(e)
            } else {
                Err(self.invalid())
            }
        });
        self.tokens = saved;
        self.i = saved_i;
        result
    }
}

fn push_text(parts: &mut Vec<FPart>, text: &str) {
    if let Some(FPart::Text(last)) = parts.last_mut() {
        *last = format!("{last}{text}").into();
    } else {
        parts.push(FPart::Text(text.into()));
    }
}

/// Moves a place in `(…)`-wrapped f-string code to where the code stands in the file.
fn shift_pos(pos: Pos, at: Pos) -> Pos {
    if pos.line == 1 {
        Pos { line: at.line, col: (at.col + pos.col).saturating_sub(1) }
    } else {
        Pos { line: at.line + pos.line - 1, col: pos.col }
    }
}

fn shift_span(span: Span, at: Pos) -> Span {
    Span { start: shift_pos(span.start, at), end: shift_pos(span.end, at) }
}

fn shift(mut error: SyntaxError, at: Pos) -> SyntaxError {
    error.span = shift_span(error.span, at);
    error
}

/// What `from __future__ import` may name in Python 3.11.
const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Whether an `except` clause's classes catch `ImportError`.
fn catches_import_error(kind: &Expr) -> bool {
    match &kind.kind {
        ExprKind::Name(n) => matches!(&**n, "ImportError" | "ModuleNotFoundError" | "Exception" | "BaseException"),
        ExprKind::Tuple(items) => items.iter().any(catches_import_error),
        _ => false,
    }
}

impl Parser {
    /// A module the playground lacks is refused, unless the import is in a `try` body
    /// (whose handlers are yet to be read: see `try_statement`).
    fn check_import(&mut self, module: &str, at: Span) -> Parsed<()> {
        match check_module(module, at) {
            Err(refusal) => match self.guarded_imports.last_mut() {
                Some(pending) => {
                    pending.push(refusal);
                    Ok(())
                }
                None => Err(refusal),
            },
            ok => ok,
        }
    }
}

fn check_module(module: &str, at: Span) -> Parsed<()> {
    if super::value::Module::named(module).is_some() {
        return Ok(());
    }
    let top = module.split('.').next().unwrap_or(module);
    let why = match top {
        "socket" | "ssl" | "select" | "selectors" | "http" | "urllib" | "requests" | "aiohttp" | "httpx" | "websockets" => {
            " (a page cannot open network connections of its own: to stand for a request that takes a while, await asyncio.sleep)"
        }
        "subprocess" | "shutil" | "pathlib" | "tempfile" | "aiofiles" => {
            " (a page has no files, processes or signals: to stand for slow I/O, await asyncio.sleep)"
        }
        "multiprocessing" => {
            " (a page has no processes: asyncio.to_thread and concurrent.futures run work on the playground's threads)"
        }
        "getopt" | "optparse" => " (a page has no command line: use argparse, or set the values in the program itself)",
        "sqlite3" | "csv" | "pickle" | "shelve" | "zipfile" | "gzip" => {
            " (a page has no files: keep the data in the program, in lists and dicts)"
        }
        _ => "",
    };
    Err(SyntaxError {
        message: format!("the playground can import {}, not '{module}'{why}", importable()),
        span: at,
        unsupported: true,
    })
}

/// CPython's refusal of `[*xs for xs in xss]`: a comprehension's item is one value.
fn no_unpacking_in(item: &Expr) -> Parsed<()> {
    match item.kind {
        ExprKind::Starred(_) => Err(SyntaxError::new("iterable unpacking cannot be used in comprehension", item.span)),
        _ => Ok(()),
    }
}

/// Whether `e` awaits, not looking into lambdas (whose code is their own).
fn contains_await(e: &Expr) -> bool {
    let any = |items: &[Expr]| items.iter().any(contains_await);
    match &e.kind {
        ExprKind::Await(_) => true,
        ExprKind::Lambda(_) => false,
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) | ExprKind::BoolOp(_, items) => {
            any(items)
        }
        ExprKind::Dict(entries) => {
            entries.iter().any(|(k, v)| k.as_ref().is_some_and(contains_await) || contains_await(v))
        }
        ExprKind::ListComp(elt, gens) | ExprKind::SetComp(elt, gens) => {
            contains_await(elt) || gens.iter().any(|g| g.is_async || contains_await(&g.iter) || any(&g.ifs))
        }
        ExprKind::DictComp(k, v, gens) => {
            contains_await(k)
                || contains_await(v)
                || gens.iter().any(|g| g.is_async || contains_await(&g.iter) || any(&g.ifs))
        }
        // A generator expression's own awaits make it asynchronous, not its enclosing scope.
        ExprKind::GeneratorExp(_, gens) => contains_await(&gens[0].iter),
        ExprKind::BinOp(a, _, b) | ExprKind::Subscript(a, b) => contains_await(a) || contains_await(b),
        ExprKind::UnaryOp(_, a)
        | ExprKind::Attribute(a, _)
        | ExprKind::Starred(a)
        | ExprKind::YieldFrom(a)
        | ExprKind::NamedExpr(_, a) => contains_await(a),
        ExprKind::Yield(a) => a.as_deref().is_some_and(contains_await),
        ExprKind::Compare(a, ops) => contains_await(a) || ops.iter().any(|(_, b)| contains_await(b)),
        ExprKind::IfExp { test, body, orelse } => {
            contains_await(test) || contains_await(body) || contains_await(orelse)
        }
        ExprKind::Call { func, args, keywords } => {
            contains_await(func) || any(args) || keywords.iter().any(|k| contains_await(&k.value))
        }
        ExprKind::Slice(a, b, c) => [a, b, c].into_iter().flatten().any(|x| contains_await(x)),
        ExprKind::FString(parts) => fstring_awaits(parts),
        _ => false,
    }
}

fn fstring_awaits(parts: &[FPart]) -> bool {
    parts.iter().any(|p| match p {
        FPart::Text(_) => false,
        FPart::Value { value, spec, .. } => contains_await(value) || fstring_awaits(spec),
    })
}

/// `*a` alone, outside a tuple, list or call.
fn check_starred(expr: &Expr) -> Parsed<()> {
    match &expr.kind {
        ExprKind::Starred(_) => Err(SyntaxError::new("can't use starred expression here", expr.span)),
        _ => Ok(()),
    }
}
