//! Python's tokenizer for the playground's subset: names, numbers, strings (f-strings
//! kept as their source, for the parser), operators, and the NEWLINE, INDENT and DEDENT
//! tokens that carry Python's indentation. Errors use CPython 3.11's words and places.

use super::{Pos, Span, SyntaxError};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    Int(i64),
    /// An int literal beyond 64 bits, in decimal.
    Big(std::rc::Rc<str>),
    Float(f64),
    /// A string literal's value, escapes done.
    Str(String),
    /// A bytes literal's bytes.
    Bytes(Vec<u8>),
    /// An f-string: its text between the quotes, as written, and where that text starts.
    FStr {
        text: String,
        raw: bool,
        at: Pos,
    },
    /// An operator or delimiter, as written: `+=`, `(`, `->`.
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    End,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Longest first, so that `**=` is read before `**` and `*`.
const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "**", "//", "<<",
    ">>", "<=", ">=", "==", "!=", ":=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
    "{", "}", ",", ":", ".", ";", "=",
];

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    /// Open brackets: which, and where.
    brackets: Vec<(char, Pos)>,
    /// Whether the current line's indentation used tabs, spaces, or both (per level).
    tab_kinds: Vec<(usize, usize)>,
    /// For [`highlight`]: indentation and brackets are not checked, and comments are kept.
    lenient: bool,
    comments: Vec<Span>,
}

/// Splits `src` into tokens, or says where and why it cannot.
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut lexer = Lexer::new(src, false);
    lexer.run()?;
    Ok(lexer.tokens)
}

use super::text::{is_name_char, is_name_start};

impl Lexer {
    /// A lexer at the start of `src`; `lenient` for [`highlight`].
    fn new(src: &str, lenient: bool) -> Lexer {
        Lexer {
            chars: src.chars().collect(),
            i: 0,
            line: 1,
            line_start: 0,
            tokens: Vec::new(),
            indents: vec![0],
            brackets: Vec::new(),
            tab_kinds: vec![(0, 0)],
            lenient,
            comments: Vec::new(),
        }
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: (self.i - self.line_start) as u32 }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn push(&mut self, tok: Tok, start: Pos) {
        let end = self.pos();
        self.tokens.push(Token { tok, span: Span { start, end } });
    }

    fn error(&self, message: impl Into<String>, at: Pos) -> SyntaxError {
        SyntaxError::new(message, Span { start: at, end: at })
    }

    fn newline(&mut self) {
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() && !self.lenient {
                if !self.indentation()? {
                    continue;
                }
                at_line_start = false;
            }
            let Some(c) = self.peek(0) else { break };
            let start = self.pos();
            match c {
                ' ' | '\t' | '\x0c' | '\r' => self.i += 1,
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                    if self.lenient {
                        self.comments.push(Span { start, end: self.pos() });
                    }
                }
                '\n' => {
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, start);
                        at_line_start = true;
                    }
                    self.newline();
                }
                '\\' => {
                    self.i += 1;
                    while self.peek(0) == Some('\r') {
                        self.i += 1;
                    }
                    match self.peek(0) {
                        Some('\n') => self.newline(),
                        None => return Err(self.error("unexpected EOF while parsing", start)),
                        Some(_) => {
                            return Err(self.error("unexpected character after line continuation character", start))
                        }
                    }
                }
                c if c.is_ascii_digit() || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) => {
                    self.number()?
                }
                c if is_name_start(c) => {
                    let begin = self.i;
                    while self.peek(0).is_some_and(is_name_char) {
                        self.i += 1;
                    }
                    let word: String = self.chars[begin..self.i].iter().collect();
                    let prefix = |word: &str| word.to_ascii_lowercase();
                    if matches!(self.peek(0), Some('\'' | '"'))
                        && word.len() <= 2
                        && matches!(prefix(&word).as_str(), "r" | "u" | "f" | "b" | "rf" | "fr" | "br" | "rb")
                    {
                        self.string(&prefix(&word), start)?;
                    } else {
                        self.push(Tok::Name(word), start);
                    }
                }
                '\'' | '"' => self.string("", start)?,
                _ => self.operator(c, start)?,
            }
        }
        if let Some(&(open, at)) = self.brackets.last().filter(|_| !self.lenient) {
            return Err(self.error(format!("'{open}' was never closed"), at));
        }
        let end = self.pos();
        if !matches!(self.tokens.last().map(|t| &t.tok), None | Some(Tok::Newline | Tok::Dedent)) {
            self.push(Tok::Newline, end);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, end);
        }
        self.push(Tok::End, end);
        Ok(())
    }

    /// Reads a line's indentation. Returns false if the line is blank or a comment
    /// (nothing to indent), having consumed it.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        let (mut width, mut tabs, mut spaces) = (0usize, 0usize, 0usize);
        while let Some(c) = self.peek(0) {
            match c {
                ' ' => {
                    width += 1;
                    spaces += 1;
                }
                '\t' => {
                    width = (width / 8 + 1) * 8;
                    tabs += 1;
                }
                '\x0c' => width = 0,
                _ => break,
            }
            self.i += 1;
        }
        match self.peek(0) {
            None => return Ok(true),
            Some('#' | '\n' | '\r') => {
                while self.peek(0).is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
                if self.peek(0) == Some('\n') {
                    self.newline();
                }
                return Ok(false);
            }
            Some('\\') => return Ok(true),
            _ => {}
        }
        let here = self.pos();
        let current = *self.indents.last().expect("the indent stack keeps its 0");
        let line_start = Pos { line: self.line, col: 0 };
        if width > current {
            // A tab-and-space mix that means a different depth with tabs of 1 is ambiguous.
            let (outer_tabs, outer_spaces) = *self.tab_kinds.last().expect("kept with the indents");
            if tabs < outer_tabs || (tabs == outer_tabs && spaces <= outer_spaces) {
                return Err(SyntaxError::new(
                    "inconsistent use of tabs and spaces in indentation",
                    Span::at(line_start),
                ));
            }
            // CPython's tokenizer stops at 100 levels (MAXINDENT).
            if self.indents.len() >= 100 {
                return Err(SyntaxError::new("too many levels of indentation", Span::at(line_start)));
            }
            self.indents.push(width);
            self.tab_kinds.push((tabs, spaces));
            self.push(Tok::Indent, line_start);
            self.tokens.last_mut().expect("just pushed").span.end = here;
        } else {
            while width < *self.indents.last().expect("the indent stack keeps its 0") {
                self.indents.pop();
                self.tab_kinds.pop();
                self.push(Tok::Dedent, here);
            }
            if width != *self.indents.last().expect("the indent stack keeps its 0") {
                // CPython points past the end of the line.
                let length = self.chars[self.line_start..].iter().take_while(|&&c| c != '\n').count();
                return Err(SyntaxError::new(
                    "unindent does not match any outer indentation level",
                    Span::at(Pos { line: self.line, col: length as u32 }),
                ));
            }
            let (outer_tabs, outer_spaces) = *self.tab_kinds.last().expect("kept with the indents");
            if width > 0 && (tabs, spaces) != (outer_tabs, outer_spaces) && (tabs == 0) != (outer_tabs == 0) {
                return Err(SyntaxError::new(
                    "inconsistent use of tabs and spaces in indentation",
                    Span::at(line_start),
                ));
            }
        }
        Ok(true)
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos();
        let begin = self.i;
        let radix = match (self.peek(0), self.peek(1).map(|c| c.to_ascii_lowercase())) {
            (Some('0'), Some('x')) => 16,
            (Some('0'), Some('o')) => 8,
            (Some('0'), Some('b')) => 2,
            _ => 10,
        };
        let mut float = false;
        if radix != 10 {
            self.i += 2;
            while self.peek(0).is_some_and(|c| c.is_digit(radix) || c == '_') {
                self.i += 1;
            }
        } else {
            while self.peek(0).is_some_and(|c| c.is_ascii_digit() || c == '_') {
                self.i += 1;
            }
            if self.peek(0) == Some('.') {
                float = true;
                self.i += 1;
                while self.peek(0).is_some_and(|c| c.is_ascii_digit() || c == '_') {
                    self.i += 1;
                }
            }
            if matches!(self.peek(0), Some('e' | 'E')) {
                let sign = usize::from(matches!(self.peek(1), Some('+' | '-')));
                if self.peek(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                    float = true;
                    self.i += 1 + sign;
                    while self.peek(0).is_some_and(|c| c.is_ascii_digit() || c == '_') {
                        self.i += 1;
                    }
                }
            }
        }
        let text: String = self.chars[begin..self.i].iter().filter(|&&c| c != '_').collect();
        if self.peek(0).is_some_and(is_name_char) {
            let kind = match radix {
                16 => "hexadecimal",
                8 => "octal",
                2 => "binary",
                _ => "decimal",
            };
            if matches!(self.peek(0), Some('j' | 'J')) {
                return Err(self.error("complex numbers are not supported in the playground", start));
            }
            return Err(self.error(format!("invalid {kind} literal"), start));
        }
        let tok = if float {
            Tok::Float(text.parse().map_err(|_| self.error("invalid decimal literal", start))?)
        } else {
            if radix == 10 && text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
                return Err(self.error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    start,
                ));
            }
            let digits = if radix == 10 { &text[..] } else { &text[2..] };
            if digits.is_empty() {
                return Err(self.error(
                    format!("invalid {} literal", ["binary", "octal", "hexadecimal"][radix.ilog2() as usize / 2]),
                    start,
                ));
            }
            match i64::from_str_radix(digits, radix) {
                Ok(value) => Tok::Int(value),
                Err(_) => big_literal(digits, radix).ok_or_else(|| {
                    let message = format!(
                        "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                        super::big::MAX_STR_DIGITS,
                        digits.len()
                    );
                    self.error(message, start)
                })?,
            }
        };
        self.push(tok, start);
        Ok(())
    }

    fn string(&mut self, prefix: &str, start: Pos) -> Result<(), SyntaxError> {
        let raw = prefix.contains('r');
        let quote = self.peek(0).expect("called at a quote");
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.i += if triple { 3 } else { 1 };
        let body_at = self.pos();
        let begin = self.i;
        let begin_line = self.line;
        loop {
            match self.peek(0) {
                None => {
                    // CPython counts the lines the file has: a last line break opens none.
                    let line = self.line - u32::from(self.chars.last() == Some(&'\n'));
                    let message = if triple {
                        format!("unterminated triple-quoted string literal (detected at line {line})")
                    } else {
                        format!("unterminated string literal (detected at line {line})")
                    };
                    return Err(self.error(message, start));
                }
                Some('\\') => {
                    self.i += 1;
                    if self.peek(0) == Some('\n') {
                        self.newline();
                    } else if self.peek(0).is_some() {
                        self.i += 1;
                    }
                }
                Some('\n') if !triple => {
                    let message = format!("unterminated string literal (detected at line {begin_line})");
                    return Err(self.error(message, start));
                }
                Some('\n') => self.newline(),
                Some(c) if c == quote && (!triple || (self.peek(1) == Some(quote) && self.peek(2) == Some(quote))) => {
                    break;
                }
                Some(_) => self.i += 1,
            }
        }
        let text: String = self.chars[begin..self.i].iter().collect();
        self.i += if triple { 3 } else { 1 };
        let tok = if prefix.contains('b') {
            if !text.is_ascii() {
                return Err(self.error("bytes can only contain ASCII literal characters", start));
            }
            let bytes = if raw { text.into_bytes() } else { unescape_bytes(&text) };
            Tok::Bytes(bytes)
        } else if prefix.contains('f') {
            Tok::FStr { text, raw, at: body_at }
        } else if raw {
            Tok::Str(text)
        } else {
            Tok::Str(unescape(&text).map_err(|message| self.error(message, start))?)
        };
        self.push(tok, start);
        Ok(())
    }

    fn operator(&mut self, c: char, start: Pos) -> Result<(), SyntaxError> {
        // (The operators that begin with this character, longest first.)
        let op = OPS
            .iter()
            .filter(|op| op.as_bytes()[0] == c as u8 && c.is_ascii())
            .find(|op| op.chars().enumerate().skip(1).all(|(k, o)| self.peek(k) == Some(o)));
        let Some(&op) = op else {
            if c == '!' {
                return Err(self.error("invalid syntax", start));
            }
            let message = if c.is_ascii_graphic() {
                "invalid syntax".to_owned()
            } else {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            };
            return Err(self.error(message, start));
        };
        match op {
            // (For `highlight`: brackets only tell where a line goes on.)
            "(" | "[" | "{" if self.lenient => self.brackets.push((c, start)),
            ")" | "]" | "}" if self.lenient => _ = self.brackets.pop(),
            "(" | "[" | "{" => {
                // CPython's tokenizer stops at 200 levels (MAXLEVEL).
                if self.brackets.len() >= 200 {
                    return Err(self.error("too many nested parentheses", start));
                }
                self.brackets.push((c, start))
            }
            ")" | "]" | "}" => {
                let open = match op {
                    ")" => '(',
                    "]" => '[',
                    _ => '{',
                };
                match self.brackets.pop() {
                    None => return Err(self.error(format!("unmatched '{c}'"), start)),
                    Some((was, at)) if was != open => {
                        let message = if at.line == start.line {
                            format!("closing parenthesis '{c}' does not match opening parenthesis '{was}'")
                        } else {
                            format!(
                                "closing parenthesis '{c}' does not match opening parenthesis '{was}' on line {}",
                                at.line
                            )
                        };
                        return Err(self.error(message, start));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        self.i += op.chars().count();
        self.push(Tok::Op(op), start);
        Ok(())
    }
}

/// A bytes literal's escapes: a string's, but for `\\u`, `\\U` and `\\N`, which
/// bytes keep as written, and `\\x` and octal escapes, which are bytes.
fn unescape_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' || i == b.len() {
            out.push(c);
            continue;
        }
        let e = b[i];
        i += 1;
        let simple = match e {
            b'\n' => Some(None),
            b'\\' | b'\'' | b'"' => Some(Some(e)),
            b'a' => Some(Some(7)),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b'n' => Some(Some(b'\n')),
            b'r' => Some(Some(b'\r')),
            b't' => Some(Some(b'\t')),
            b'v' => Some(Some(11)),
            _ => None,
        };
        if let Some(byte) = simple {
            out.extend(byte);
            continue;
        }
        match e {
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            b'x' if b.len() >= i + 2 && b[i].is_ascii_hexdigit() && b[i + 1].is_ascii_hexdigit() => {
                out.push(u8::from_str_radix(&text[i..i + 2], 16).expect("two hex digits"));
                i += 2;
            }
            other => out.extend([b'\\', other]),
        }
    }
    out
}

/// A string literal's escapes, as Python reads them.
pub fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).expect("an octal digit");
                for _ in 0..2 {
                    match chars.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(value).expect("at most 0o777"));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits: String = (0..n).filter_map(|_| chars.next_if(|d| d.is_ascii_hexdigit())).collect();
                let value = (digits.len() == n).then(|| u32::from_str_radix(&digits, 16).ok()).flatten();
                match value.and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None if e == 'x' => {
                        return Err("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape"
                            .to_owned())
                    }
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{e}{} escape",
                            "X".repeat(n)
                        ))
                    }
                }
            }
            'N' => return Err("\\N{...} escapes are not supported in the playground".to_owned()),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// An int literal beyond 64 bits, as a token (None past CPython's limit on digits).
fn big_literal(digits: &str, radix: u32) -> Option<Tok> {
    let n = super::big::parse(digits, radix)?;
    if radix == 10 && digits.len() > super::big::MAX_STR_DIGITS {
        return None;
    }
    Some(Tok::Big(n.to_string().into()))
}

/// What [`highlight`] calls a stretch of source: the page's editor colours each its way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Colour {
    Keyword,
    /// One of the names CPython's `builtins` module holds (`print`, `len`, `ValueError`).
    Builtin,
    /// The name a `def` or `class` defines.
    Definition,
    Number,
    String,
    Comment,
    /// `(`, `)`, `[`, `]`, `{` or `}`: the editor matches them.
    Bracket,
    /// A decorator: `@` and its dotted name.
    Decorator,
    /// What cannot be read as any token (an invalid character, a bad literal).
    Error,
}

impl Colour {
    pub const NAMES: [&'static str; 9] =
        ["keyword", "builtin", "definition", "number", "string", "comment", "bracket", "decorator", "error"];
}

/// A stretch of source [`highlight`] colours: from char `start` up to char `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub colour: Colour,
}

/// The source's tokens, by colour, in order, for an editor: read by the tokenizer the
/// interpreter reads it with, but never refusing. What the tokenizer cannot read is an
/// `Error` mark (or a `String` one, for a string left open), and it goes on after it;
/// indentation and brackets are not checked, and comments are kept.
pub fn highlight(src: &str) -> Vec<Mark> {
    let mut lexer = Lexer::new(src, true);
    let mut line_starts = vec![0];
    line_starts.extend(lexer.chars.iter().enumerate().filter(|(_, &c)| c == '\n').map(|(i, _)| i + 1));
    let index = |pos: Pos| line_starts.get(pos.line as usize - 1).map_or(usize::MAX, |&start| start + pos.col as usize);
    let mut marks = Vec::new();
    while let Err(error) = lexer.run() {
        let at = index(error.span.start).min(lexer.chars.len());
        if at >= lexer.chars.len() {
            break;
        }
        // Past what could not be read: at least one character, and on from there.
        while lexer.i <= at {
            if lexer.chars[lexer.i] == '\n' {
                lexer.newline();
            } else {
                lexer.i += 1;
            }
        }
        let open_string = error.message.starts_with("unterminated");
        marks.push(Mark { start: at, end: lexer.i, colour: if open_string { Colour::String } else { Colour::Error } });
    }
    let mut decorator = false;
    let mut previous: Option<&Tok> = None;
    for token in &lexer.tokens {
        let colour = match &token.tok {
            Tok::Name(word) if KEYWORDS.contains(&word.as_str()) => Some(Colour::Keyword),
            Tok::Name(_) if matches!(previous, Some(Tok::Name(word)) if word == "def" || word == "class") => {
                Some(Colour::Definition)
            }
            Tok::Name(_) if decorator => Some(Colour::Decorator),
            Tok::Name(word)
                if !word.starts_with("__")
                    && previous != Some(&Tok::Op("."))
                    && super::exceptions::CPYTHON_BUILTINS.contains(&word.as_str()) =>
            {
                Some(Colour::Builtin)
            }
            // (At a line's start: elsewhere, `@` multiplies matrices.)
            Tok::Op("@") if matches!(previous, None | Some(Tok::Newline)) => {
                decorator = true;
                Some(Colour::Decorator)
            }
            Tok::Op(".") if decorator => Some(Colour::Decorator),
            Tok::Op("(" | ")" | "[" | "]" | "{" | "}") => Some(Colour::Bracket),
            Tok::Int(_) | Tok::Big(_) | Tok::Float(_) => Some(Colour::Number),
            Tok::Str(_) | Tok::Bytes(_) | Tok::FStr { .. } => Some(Colour::String),
            _ => None,
        };
        if colour != Some(Colour::Decorator) {
            decorator = false;
        }
        if let Some(colour) = colour {
            marks.push(Mark { start: index(token.span.start), end: index(token.span.end), colour });
        }
        previous = Some(&token.tok);
    }
    marks.extend(lexer.comments.iter().map(|span| Mark {
        start: index(span.start),
        end: index(span.end),
        colour: Colour::Comment,
    }));
    marks.sort_by_key(|mark| mark.start);
    marks
}
