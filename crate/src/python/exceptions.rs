//! Python's exceptions: the classes the subset knows, in CPython's hierarchy, and the
//! exception objects a program raises and catches, with the frames they passed through.

use std::cell::RefCell;
use std::rc::Rc;

use super::value::Value;

macro_rules! exc_types {
    ($($name:ident = $text:literal, $module:literal, [$($parent:ident),*];)*) => {
        /// An exception class. Its parents are CPython's (`KeyError` is a `LookupError`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExcType { $($name),* }

        impl ExcType {
            pub const ALL: &'static [ExcType] = &[$(ExcType::$name),*];

            pub fn name(self) -> &'static str {
                match self { $(ExcType::$name => $text),* }
            }

            /// `asyncio` for the classes a program reaches as `asyncio.X`; else `builtins`.
            pub fn module(self) -> &'static str {
                match self { $(ExcType::$name => $module),* }
            }

            pub fn parents(self) -> &'static [ExcType] {
                match self { $(ExcType::$name => &[$(ExcType::$parent),*]),* }
            }
        }
    };
}

exc_types! {
    BaseException = "BaseException", "builtins", [];
    Exception = "Exception", "builtins", [BaseException];
    ArithmeticError = "ArithmeticError", "builtins", [Exception];
    LookupError = "LookupError", "builtins", [Exception];
    ValueError = "ValueError", "builtins", [Exception];
    TypeError = "TypeError", "builtins", [Exception];
    KeyError = "KeyError", "builtins", [LookupError];
    IndexError = "IndexError", "builtins", [LookupError];
    ZeroDivisionError = "ZeroDivisionError", "builtins", [ArithmeticError];
    OverflowError = "OverflowError", "builtins", [ArithmeticError];
    RuntimeError = "RuntimeError", "builtins", [Exception];
    RecursionError = "RecursionError", "builtins", [RuntimeError];
    NotImplementedError = "NotImplementedError", "builtins", [RuntimeError];
    OSError = "OSError", "builtins", [Exception];
    TimeoutError = "TimeoutError", "builtins", [OSError];
    ConnectionError = "ConnectionError", "builtins", [OSError];
    ConnectionRefusedError = "ConnectionRefusedError", "builtins", [ConnectionError];
    ConnectionResetError = "ConnectionResetError", "builtins", [ConnectionError];
    ConnectionAbortedError = "ConnectionAbortedError", "builtins", [ConnectionError];
    BrokenPipeError = "BrokenPipeError", "builtins", [ConnectionError];
    FileNotFoundError = "FileNotFoundError", "builtins", [OSError];
    PermissionError = "PermissionError", "builtins", [OSError];
    ProcessLookupError = "ProcessLookupError", "builtins", [OSError];
    ChildProcessError = "ChildProcessError", "builtins", [OSError];
    FileExistsError = "FileExistsError", "builtins", [OSError];
    IsADirectoryError = "IsADirectoryError", "builtins", [OSError];
    NotADirectoryError = "NotADirectoryError", "builtins", [OSError];
    InterruptedError = "InterruptedError", "builtins", [OSError];
    BlockingIOError = "BlockingIOError", "builtins", [OSError];
    FloatingPointError = "FloatingPointError", "builtins", [ArithmeticError];
    EOFError = "EOFError", "builtins", [Exception];
    ReferenceError = "ReferenceError", "builtins", [Exception];
    UnicodeError = "UnicodeError", "builtins", [ValueError];
    UnicodeDecodeError = "UnicodeDecodeError", "builtins", [UnicodeError];
    UnicodeEncodeError = "UnicodeEncodeError", "builtins", [UnicodeError];
    UnicodeTranslateError = "UnicodeTranslateError", "builtins", [UnicodeError];
    ModuleNotFoundError = "ModuleNotFoundError", "builtins", [ImportError];
    Warning = "Warning", "builtins", [Exception];
    UserWarning = "UserWarning", "builtins", [Warning];
    DeprecationWarning = "DeprecationWarning", "builtins", [Warning];
    RuntimeWarning = "RuntimeWarning", "builtins", [Warning];
    PendingDeprecationWarning = "PendingDeprecationWarning", "builtins", [Warning];
    FutureWarning = "FutureWarning", "builtins", [Warning];
    SyntaxWarning = "SyntaxWarning", "builtins", [Warning];
    ImportWarning = "ImportWarning", "builtins", [Warning];
    ResourceWarning = "ResourceWarning", "builtins", [Warning];
    BytesWarning = "BytesWarning", "builtins", [Warning];
    UnicodeWarning = "UnicodeWarning", "builtins", [Warning];
    EncodingWarning = "EncodingWarning", "builtins", [Warning];
    NameError = "NameError", "builtins", [Exception];
    UnboundLocalError = "UnboundLocalError", "builtins", [NameError];
    AttributeError = "AttributeError", "builtins", [Exception];
    ImportError = "ImportError", "builtins", [Exception];
    SyntaxError = "SyntaxError", "builtins", [Exception];
    IndentationError = "IndentationError", "builtins", [SyntaxError];
    TabError = "TabError", "builtins", [IndentationError];
    SystemError = "SystemError", "builtins", [Exception];
    BufferError = "BufferError", "builtins", [Exception];
    MemoryError = "MemoryError", "builtins", [Exception];
    AssertionError = "AssertionError", "builtins", [Exception];
    StopIteration = "StopIteration", "builtins", [Exception];
    StopAsyncIteration = "StopAsyncIteration", "builtins", [Exception];
    GeneratorExit = "GeneratorExit", "builtins", [BaseException];
    KeyboardInterrupt = "KeyboardInterrupt", "builtins", [BaseException];
    SystemExit = "SystemExit", "builtins", [BaseException];
    BaseExceptionGroup = "BaseExceptionGroup", "builtins", [BaseException];
    ExceptionGroup = "ExceptionGroup", "builtins", [BaseExceptionGroup, Exception];
    CancelledError = "CancelledError", "asyncio", [BaseException];
    InvalidStateError = "InvalidStateError", "asyncio", [Exception];
    QueueEmpty = "QueueEmpty", "asyncio", [Exception];
    QueueFull = "QueueFull", "asyncio", [Exception];
}

impl ExcType {
    pub fn is_subclass(self, of: ExcType) -> bool {
        self == of || self.parents().iter().any(|p| p.is_subclass(of))
    }

    /// The builtin name a program uses for it, if it is a builtin.
    pub fn builtin(name: &str) -> Option<ExcType> {
        ExcType::ALL.iter().copied().find(|t| t.module() == "builtins" && t.name() == name)
    }

    pub fn is_group(self) -> bool {
        self.is_subclass(ExcType::BaseExceptionGroup)
    }
}

/// One line a traceback shows: where a frame stood when the exception passed it.
#[derive(Clone, Debug)]
pub struct Frame {
    pub line: u32,
    pub function: Rc<str>,
    /// The stretch of the source its instruction comes from, for the carets under
    /// the line (the default: none known).
    pub span: super::Span,
    /// For a frame of CPython's own library: its file (under `/lib/python3.11/`) and
    /// the text of its line, stripped (a frame of main.py: none).
    pub library: Option<(&'static str, &'static str)>,
}

impl Frame {
    /// Its file, for a frame not of main.py: CPython's library's under `LIBRARY`, or
    /// `<string>` for text compiled as the program ran.
    pub fn file(&self) -> Option<String> {
        self.library.map(|(file, _)| if file.starts_with('<') { file.to_owned() } else { format!("{LIBRARY}{file}") })
    }
}

/// The same place, as a traceback counts repeats: by file, line and function.
impl PartialEq for Frame {
    fn eq(&self, other: &Frame) -> bool {
        self.line == other.line && self.function == other.function && self.library == other.library
    }
}

/// A line of CPython 3.11.7's library that tracebacks show when an exception passes
/// the function it is in: its file under `/lib/python3.11/` (where a browser's
/// CPython keeps its library), number, function, text (stripped) and the columns of
/// that text the carets go under (none where they take in all of it).
#[derive(Debug)]
pub struct LibraryLine {
    pub file: &'static str,
    pub line: u32,
    pub function: &'static str,
    pub text: &'static str,
    pub carets: (u32, u32),
}

/// Where a browser's CPython keeps its library (Pyodide's `sys.prefix`), as tracebacks
/// and warnings name its files.
pub const LIBRARY: &str = "/lib/python3.11/";

impl LibraryLine {
    /// Line `line` of `file`, in `function`: `text`, with carets under `carets`.
    pub const fn at(
        file: &'static str,
        line: u32,
        function: &'static str,
        text: &'static str,
        carets: (u32, u32),
    ) -> Self {
        LibraryLine { file, line, function, text, carets }
    }

    pub fn frame(&'static self) -> Frame {
        let at = |col| super::Pos { line: self.line, col };
        Frame {
            line: self.line,
            function: self.function.into(),
            span: super::Span { start: at(self.carets.0), end: at(self.carets.1) },
            library: Some((self.file, self.text)),
        }
    }
}

/// An exception object.
pub struct Exception {
    /// Its built-in class, or the built-in class its program's class derives from.
    pub kind: ExcType,
    /// The program's class, for an exception of one (`class RetryError(Exception)`).
    pub class: Option<Rc<super::classes::Class>>,
    /// Attributes its program's class set (`self.attempts = n`).
    pub attrs: RefCell<super::value::Dict>,
    pub args: RefCell<Vec<Value>>,
    /// An `ExceptionGroup`'s exceptions.
    pub group: Vec<Rc<Exception>>,
    /// The frames it passed through, innermost last (as a traceback prints them).
    pub traceback: RefCell<Vec<Frame>>,
    /// For a `NameError` or `AttributeError`: the name nearest the one missing, which
    /// the traceback of an uncaught exception offers ("Did you mean: 'total'?").
    pub suggestion: RefCell<Option<Rc<str>>>,
    /// `raise ... from cause`.
    pub cause: RefCell<Option<Rc<Exception>>>,
    /// The exception being handled when this one was raised.
    pub context: RefCell<Option<Rc<Exception>>>,
    /// `raise ... from None`: the context is not shown.
    pub suppress_context: std::cell::Cell<bool>,
    /// The frame (by address) whose line the traceback gained last: an exception gains
    /// one line per frame it passes through, however many blocks it leaves there.
    pub last_frame: std::cell::Cell<usize>,
    /// Raised again as it is (`raise`, the end of a `finally`): its context stays.
    pub reraised: std::cell::Cell<bool>,
    /// A group `except*` made around an exception raised alone.
    pub naked: std::cell::Cell<bool>,
    /// Coroutines never started that the frames it left held: CPython's traceback keeps
    /// those frames, so they are freed (and warned about) when the exception is.
    pub kept: RefCell<Vec<Value>>,
}

impl Exception {
    /// It leaves functions of CPython's library, `lines` outermost first, on its way out
    /// (its traceback shows them between the frames it passes next and those it passed).
    pub fn passes(&self, lines: &[&'static LibraryLine]) {
        let mut traceback = self.traceback.borrow_mut();
        for (i, line) in lines.iter().enumerate() {
            traceback.insert(i, line.frame());
        }
        // (The frame it passes next gains its line even if it passed it just before.)
        self.last_frame.set(0);
    }

    /// Lets go of what it kept (see `kept`), and what the exceptions it chains to kept.
    pub fn release_kept(&self) {
        drop(self.kept.take());
        for next in [&self.cause, &self.context] {
            let next = next.borrow().clone();
            if let Some(next) = next {
                next.release_kept();
            }
        }
    }

    /// Its class: the program's, or the built-in one.
    pub fn type_value(&self) -> Value {
        match &self.class {
            Some(c) => Value::Class(c.clone()),
            None => Value::Type(super::value::Type::Exception(self.kind)),
        }
    }

    pub fn new(kind: ExcType, args: Vec<Value>) -> Rc<Exception> {
        Exception::of(kind, None, args)
    }

    /// An exception of the built-in class `kind` or of the program's `class` (which
    /// derives from `kind`).
    pub fn of(kind: ExcType, class: Option<Rc<super::classes::Class>>, args: Vec<Value>) -> Rc<Exception> {
        Rc::new(Exception {
            kind,
            class,
            attrs: RefCell::default(),
            args: RefCell::new(args),
            group: Vec::new(),
            traceback: RefCell::default(),
            suggestion: RefCell::default(),
            cause: RefCell::default(),
            context: RefCell::default(),
            suppress_context: Default::default(),
            last_frame: Default::default(),
            reraised: Default::default(),
            naked: Default::default(),
            kept: RefCell::default(),
        })
    }

    pub fn with_message(kind: ExcType, message: impl Into<String>) -> Rc<Exception> {
        Exception::new(kind, vec![Value::Str(message.into().into())])
    }

    pub fn group(kind: ExcType, message: &str, group: Vec<Rc<Exception>>) -> Rc<Exception> {
        let list = Value::list(group.iter().map(|e| Value::Exception(e.clone())).collect());
        Rc::new(Exception {
            kind,
            class: None,
            attrs: RefCell::default(),
            args: RefCell::new(vec![Value::str(message), list]),
            group,
            traceback: RefCell::default(),
            suggestion: RefCell::default(),
            cause: RefCell::default(),
            context: RefCell::default(),
            suppress_context: Default::default(),
            last_frame: Default::default(),
            reraised: Default::default(),
            naked: Default::default(),
            kept: RefCell::default(),
        })
    }

    /// Its class's name: the program's class's, or the built-in one's.
    pub fn name(&self) -> String {
        match &self.class {
            Some(class) => class.name.to_string(),
            None => self.kind.name().to_owned(),
        }
    }

    /// `str(e)`.
    pub fn message(self: &Rc<Self>) -> String {
        if let Some(text) = self
            .class
            .as_ref()
            .and_then(|c| c.lookup("__str__").map(|_| c))
            .and_then(|c| super::classes::special_text(c, Value::Exception(self.clone()), "__str__"))
        {
            return text;
        }
        self.default_message()
    }

    /// `str(e)` as `BaseException.__str__` makes it, from its arguments.
    pub fn default_message(&self) -> String {
        let args = self.args.borrow();
        if self.kind.is_group() {
            let message = args.first().map(Value::to_str).unwrap_or_default();
            let n = self.group.len();
            return format!("{message} ({n} sub-exception{})", if n == 1 { "" } else { "s" });
        }
        match &args[..] {
            [] => String::new(),
            // `OSError(errno, strerror[, filename])`: `[Errno 2] No such file: 'a.txt'`.
            [errno, strerror, rest @ ..] if self.kind.is_subclass(ExcType::OSError) && rest.len() <= 3 => {
                let mut text = format!("[Errno {}] {}", errno.to_str(), strerror.to_str());
                if let Some(filename) = rest.first() {
                    text.push_str(&format!(": {}", filename.repr()));
                }
                if let Some(filename2) = rest.get(2) {
                    text.push_str(&format!(" -> {}", filename2.repr()));
                }
                text
            }
            // A KeyError shows its key as repr: `KeyError: 'k'`.
            [arg] if self.kind == ExcType::KeyError => arg.repr(),
            [arg] => arg.to_str(),
            args => Value::tuple(args.to_vec()).repr(),
        }
    }

    /// `repr(e)`: `ValueError('boom')`.
    pub fn repr(&self) -> String {
        let args = self.args.borrow();
        let text = Value::tuple(args.clone()).repr();
        let text = if args.len() == 1 { text.trim_end_matches(",)").to_owned() + ")" } else { text };
        format!("{}{text}", self.name())
    }

    /// The traceback's last line: `ValueError: boom`, or just `ValueError`.
    pub fn last_line(self: &Rc<Self>) -> String {
        let name = match self.kind.module() {
            _ if self.class.is_some() => match self.class.as_ref().map(|c| c.module_text()) {
                Some(module) if module != "__main__" => format!("{module}.{}", self.name()),
                _ => self.name(),
            },
            "asyncio" => format!("{}.{}", asyncio_module_of(self.kind), self.kind.name()),
            _ => self.kind.name().to_owned(),
        };
        let message = self.message();
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
    }
}

/// The module of CPython's asyncio where one of its exceptions is defined.
pub fn asyncio_module_of(kind: ExcType) -> &'static str {
    match kind {
        ExcType::QueueEmpty | ExcType::QueueFull => "asyncio.queues",
        _ => "asyncio.exceptions",
    }
}

/// The traceback CPython prints for `e`, its lines read from `source`; an exception
/// group's exceptions below it, boxed, as CPython's `traceback` draws them.
pub fn format_traceback(source: &str, e: &Rc<Exception>) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::new();
    format_into(&mut out, &lines, e, &mut Boxes::default());
    out
}

/// The traceback of an exception that ends the program, as CPython's interpreter prints
/// it: with its suggestions ("Did you mean: 'total'?"), which 3.11's `traceback` module
/// does not print.
pub fn format_uncaught(source: &str, e: &Rc<Exception>) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::new();
    format_into(&mut out, &lines, e, &mut Boxes { suggest: true, ..Boxes::default() });
    out
}

/// Where a traceback is in the boxes of exception groups (CPython's
/// `_ExceptionPrintContext`).
#[derive(Default)]
struct Boxes {
    depth: usize,
    need_close: bool,
    /// Whether suggestions are offered (see [`format_uncaught`]).
    suggest: bool,
}

impl Boxes {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `text`'s lines, each indented and, inside a box, behind its margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// CPython's limits on the exceptions of a group shown, and on groups within groups.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

fn format_into(out: &mut String, lines: &[&str], e: &Rc<Exception>, boxes: &mut Boxes) {
    if let Some(cause) = e.cause.borrow().as_ref() {
        format_into(out, lines, cause, boxes);
        boxes.emit(out, "\nThe above exception was the direct cause of the following exception:\n\n", '|');
    } else if let Some(context) = e.context.borrow().as_ref().filter(|_| !e.suppress_context.get()) {
        format_into(out, lines, context, boxes);
        boxes.emit(out, "\nDuring handling of the above exception, another exception occurred:\n\n", '|');
    }
    let stack = format_stack(lines, &e.traceback.borrow());
    let mut last = e.last_line();
    if let Some(name) = e.suggestion.borrow().as_ref().filter(|_| boxes.suggest) {
        last.push_str(&format!(". Did you mean: '{name}'?"));
    }
    last.push('\n');
    // Its notes (`add_note`), each on lines of its own.
    if let Some(Value::List(notes)) = e.attrs.borrow().get(&super::value::Key::Str("__notes__".into())) {
        for note in notes.borrow().iter() {
            last.push_str(&note.to_str());
            last.push('\n');
        }
    }
    if !e.kind.is_group() {
        if !stack.is_empty() {
            boxes.emit(out, "Traceback (most recent call last):\n", '|');
            boxes.emit(out, &stack, '|');
        }
        boxes.emit(out, &last, '|');
        return;
    }
    if boxes.depth > MAX_GROUP_DEPTH {
        boxes.emit(out, &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
        return;
    }
    let top = boxes.depth == 0;
    if top {
        boxes.depth += 1;
    }
    if !stack.is_empty() {
        boxes.emit(out, "Exception Group Traceback (most recent call last):\n", if top { '+' } else { '|' });
        boxes.emit(out, &stack, '|');
    }
    boxes.emit(out, &last, '|');
    let count = e.group.len();
    let n = if count <= MAX_GROUP_WIDTH { count } else { MAX_GROUP_WIDTH + 1 };
    boxes.need_close = false;
    for i in 0..n {
        let last = i == n - 1;
        if last {
            boxes.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated { "...".to_owned() } else { (i + 1).to_string() };
        out.push_str(&format!(
            "{}{}+---------------- {title} ----------------\n",
            boxes.indent(),
            if i == 0 { "+-" } else { "  " }
        ));
        boxes.depth += 1;
        if truncated {
            let remaining = count - MAX_GROUP_WIDTH;
            let plural = if remaining > 1 { "s" } else { "" };
            boxes.emit(out, &format!("and {remaining} more exception{plural}\n"), '|');
        } else {
            format_into(out, lines, &e.group[i], boxes);
        }
        if last && boxes.need_close {
            out.push_str(&format!("{}+------------------------------------\n", boxes.indent()));
            boxes.need_close = false;
        }
        boxes.depth -= 1;
    }
    if top {
        boxes.depth = 0;
    }
}

/// A traceback's frames, as CPython lists them: a frame repeated more than three
/// times in a row is shown three times.
fn format_stack(lines: &[&str], frames: &[Frame]) -> String {
    let mut out = String::new();
    let mut repeated = 0;
    for (i, frame) in frames.iter().enumerate() {
        if i > 0 && frames[i - 1] == *frame {
            repeated += 1;
            if repeated >= 3 {
                continue;
            }
        } else {
            if repeated >= 3 {
                out.push_str(&repeated_line(repeated - 2));
            }
            repeated = 0;
        }
        if let (Some(file), Some((_, text))) = (frame.file(), frame.library) {
            out.push_str(&format!("  File \"{file}\", line {}, in {}\n", frame.line, frame.function));
            if text.is_empty() {
                continue;
            }
            out.push_str(&format!("    {text}\n"));
            if let Some(carets) = carets(text, frame.line, frame.span) {
                out.push_str(&carets);
            }
            continue;
        }
        out.push_str(&format!("  File \"main.py\", line {}, in {}\n", frame.line, frame.function));
        if let Some(text) = lines.get(frame.line as usize - 1) {
            out.push_str(&format!("    {}\n", text.trim()));
            if let Some(carets) = carets(text, frame.line, frame.span) {
                out.push_str(&carets);
            }
        }
    }
    if repeated >= 3 {
        out.push_str(&repeated_line(repeated - 2));
    }
    out
}

/// `  [Previous line repeated 5 more times]`, and `1 more time`.
fn repeated_line(more: usize) -> String {
    format!("  [Previous line repeated {more} more time{}]\n", if more == 1 { "" } else { "s" })
}

/// The carets CPython 3.11 draws under a traceback's line of source `text` (line
/// `line`) for the stretch `span` its frame's instruction comes from: none where the
/// stretch is the whole line; under a binary operation its operator in `^` and its
/// operands in `~`, under a subscript its brackets; elsewhere `^` throughout.
/// (CPython's `StackSummary.format_frame_summary`, whose count of the characters
/// stripped from the line takes in its end of line, and any spaces before it.)
fn carets(text: &str, line: u32, span: super::Span) -> Option<String> {
    if span.start.line != line || span.end.line < span.start.line {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let same_line = span.end.line == span.start.line;
    let start = span.start.col as usize;
    let end = if same_line { span.end.col as usize } else { text.trim_end().chars().count() };
    if start >= end || end > chars.len() {
        return None;
    }
    let segment: String = chars[start..end].iter().collect();
    let anchors = if same_line { anchors(&segment) } else { None };
    let stripped = text.trim().chars().count();
    if end - start >= stripped && anchors.is_none_or(|(left, right)| right <= left) {
        return None;
    }
    let stripped_characters = chars.len() + 1 - stripped;
    let mut row = format!("    {}", " ".repeat((start + 1).saturating_sub(stripped_characters)));
    match anchors {
        Some((left, right)) => {
            row.push_str(&"~".repeat(left));
            row.push_str(&"^".repeat(right.saturating_sub(left)));
            row.push_str(&"~".repeat((end - start).saturating_sub(right)));
        }
        None => row.push_str(&"^".repeat(end - start)),
    }
    row.push('\n');
    Some(row)
}

/// Where the `^` of a binary operation's or a subscript's carets begin and end in
/// `segment`, its source (CPython's `_extract_caret_anchors_from_line_segment`).
fn anchors(segment: &str) -> Option<(usize, usize)> {
    use super::ast::{ExprKind, StmtKind};
    let body = super::parser::parse_with(segment, true).ok()?;
    let [statement] = &body[..] else { return None };
    let StmtKind::Expr(expr) = &statement.kind else { return None };
    let chars: Vec<char> = segment.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    match &expr.kind {
        ExprKind::BinOp(left, _, right) => {
            let (op_start, op_end) = (left.span.end.col as usize, right.span.start.col as usize);
            let operator: Vec<char> = chars.get(op_start..op_end)?.to_vec();
            let offset = operator.iter().take_while(|c| c.is_whitespace()).count();
            let mut left_anchor = op_start + offset;
            let mut right_anchor = left_anchor + 1;
            if offset + 1 < operator.len() && !operator[offset + 1].is_whitespace() {
                right_anchor += 1;
            }
            while at(left_anchor).is_some_and(|c| c.is_whitespace() || c == ')' || c == '#') {
                left_anchor += 1;
                right_anchor += 1;
            }
            Some((left_anchor, right_anchor))
        }
        ExprKind::Subscript(value, slice) => {
            let mut left_anchor = value.span.end.col as usize;
            let mut right_anchor = slice.span.end.col as usize + 1;
            while at(left_anchor).is_some_and(|c| c != '[') {
                left_anchor += 1;
            }
            while at(right_anchor).is_some_and(|c| c != ']') {
                right_anchor += 1;
            }
            if right_anchor < chars.len() {
                right_anchor += 1;
            }
            Some((left_anchor, right_anchor))
        }
        _ => None,
    }
}

/// CPython 3.11's built-in names, in the order its `builtins` module holds them: the
/// last place a `NameError`'s suggestion is looked for.
pub const CPYTHON_BUILTINS: &[&str] = &[
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__build_class__",
    "__import__",
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "breakpoint",
    "callable",
    "chr",
    "compile",
    "delattr",
    "dir",
    "divmod",
    "eval",
    "exec",
    "format",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "hex",
    "id",
    "input",
    "isinstance",
    "issubclass",
    "iter",
    "aiter",
    "len",
    "locals",
    "max",
    "min",
    "next",
    "anext",
    "oct",
    "ord",
    "pow",
    "print",
    "repr",
    "round",
    "setattr",
    "sorted",
    "sum",
    "vars",
    "None",
    "Ellipsis",
    "NotImplemented",
    "False",
    "True",
    "bool",
    "memoryview",
    "bytearray",
    "bytes",
    "classmethod",
    "complex",
    "dict",
    "enumerate",
    "filter",
    "float",
    "frozenset",
    "property",
    "int",
    "list",
    "map",
    "object",
    "range",
    "reversed",
    "set",
    "slice",
    "staticmethod",
    "str",
    "super",
    "tuple",
    "type",
    "zip",
    "__debug__",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "GeneratorExit",
    "KeyboardInterrupt",
    "SystemExit",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BufferError",
    "EOFError",
    "ImportError",
    "LookupError",
    "MemoryError",
    "NameError",
    "OSError",
    "ReferenceError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemError",
    "TypeError",
    "ValueError",
    "Warning",
    "FloatingPointError",
    "OverflowError",
    "ZeroDivisionError",
    "BytesWarning",
    "DeprecationWarning",
    "EncodingWarning",
    "FutureWarning",
    "ImportWarning",
    "PendingDeprecationWarning",
    "ResourceWarning",
    "RuntimeWarning",
    "SyntaxWarning",
    "UnicodeWarning",
    "UserWarning",
    "BlockingIOError",
    "ChildProcessError",
    "ConnectionError",
    "FileExistsError",
    "FileNotFoundError",
    "InterruptedError",
    "IsADirectoryError",
    "NotADirectoryError",
    "PermissionError",
    "ProcessLookupError",
    "TimeoutError",
    "IndentationError",
    "IndexError",
    "KeyError",
    "ModuleNotFoundError",
    "NotImplementedError",
    "RecursionError",
    "UnboundLocalError",
    "UnicodeError",
    "BrokenPipeError",
    "ConnectionAbortedError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TabError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeTranslateError",
    "ExceptionGroup",
    "EnvironmentError",
    "IOError",
    "open",
    "quit",
    "exit",
    "copyright",
    "credits",
    "license",
    "help",
];

/// The names a `NameError` in a module's code can be near, after its locals: the
/// module's own, in CPython's order.
pub const MODULE_DUNDERS: &[&str] = &[
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__annotations__",
    "__builtins__",
    "__file__",
    "__cached__",
];

/// The candidate nearest `name`, as CPython's `suggestions.c` picks it: a Levenshtein
/// distance where a move costs 2 and a change of case 1, at most a third of the
/// characters involved; the first of the nearest wins; none among 750 or more.
pub fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() >= 750 {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let most = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        let most = best.map_or(most, |(_, d)| most.min(d.saturating_sub(1)));
        let distance = levenshtein(name.as_bytes(), candidate.as_bytes(), most);
        if distance > most {
            continue;
        }
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((candidate, distance));
        }
    }
    best.map(|(c, _)| c)
}

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > 40 || b.len() > 40 {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &c) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, c);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}
