//! `re`'s engine, named after CPython's (`_sre`): a pattern in Python's syntax is read
//! into a tree, compiled to a small program, and run by a backtracking machine with an
//! explicit stack, so that it finds the match CPython's finds (leftmost, alternatives
//! in order, greedy or lazy repeats), with backreferences, lookarounds and atomic groups.
//! The stack lives on the heap: a long subject cannot overflow the wasm stack, and a
//! repeat of one character (`.*`, `\d+`, `[^,]*`) backtracks without an entry per
//! character. The objects (`re.Match`, `re.Pattern`, `sub`'s templates) are Python,
//! in `lib/re.py`; this answers where a pattern matches.

use std::collections::HashMap;
use std::rc::Rc;

pub const IGNORECASE: i64 = 2;
pub const LOCALE: i64 = 4;
pub const MULTILINE: i64 = 8;
pub const DOTALL: i64 = 16;
pub const UNICODE: i64 = 32;
pub const VERBOSE: i64 = 64;
pub const ASCII: i64 = 256;

/// A compiled pattern.
pub struct Regex {
    prog: Vec<Inst>,
    /// The capturing groups, not counting the whole match.
    pub groups: usize,
    /// Named groups, by name.
    pub names: Vec<(String, usize)>,
    /// The flags in effect: those given and those set inline at the start.
    pub flags: i64,
    /// Slots for the capture positions and the loops' progress registers.
    slots: usize,
}

/// What is wrong with a pattern: CPython's message, and where (in characters).
pub struct Error {
    pub message: String,
    pub pos: Option<usize>,
}

/// The flags that change how one piece matches, as they are where it was read.
#[derive(Clone, Copy)]
struct Flags {
    fold: bool,
    multiline: bool,
    dotall: bool,
    ascii: bool,
    verbose: bool,
}

#[derive(Clone, Copy)]
enum Class {
    Digit,
    Word,
    Space,
}

#[derive(Clone)]
enum Item {
    Char(char),
    Range(char, char),
    Class(Class, bool),
}

#[derive(Clone)]
struct Set {
    items: Vec<Item>,
    negated: bool,
}

#[derive(Clone, Copy)]
enum Assertion {
    /// `\A`
    Start,
    /// `^`
    LineStart(bool),
    /// `$`
    End(bool),
    /// `\Z`
    EndText,
    /// `\b` (`\B` when false)
    Boundary(bool),
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Greedy,
    Lazy,
    Possessive,
}

enum Node {
    Empty,
    Char(char, bool),
    Any(bool),
    Set(Rc<Set>, bool, bool),
    Assert(Assertion, bool),
    Group(Option<usize>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, usize, Option<usize>, Kind),
    Backref(usize, bool),
    Look(bool, bool, Box<Node>),
    Atomic(Box<Node>),
}

/// One character's test: what a repeat of one character repeats.
#[derive(Clone)]
enum One {
    /// The character, and whether case is ignored.
    Char(char, bool),
    /// Any character, and whether a newline is one.
    Any(bool),
    /// A set, whether case is ignored, and whether its classes are ASCII's.
    Set(Rc<Set>, bool, bool),
}

enum Inst {
    One(One),
    Assert(Assertion, bool),
    Save(usize),
    /// Go on at the first; on failure, at the second.
    Split(usize, usize),
    Jmp(usize),
    /// A repeat of one character: min, max, kind.
    Repeat(One, usize, usize, Kind),
    /// Where the loop's body began, kept in the slot; after the body, a body that matched
    /// nothing ends the loop (going on at the exit) rather than going round for ever, as
    /// SRE's does.
    Mark(usize),
    Progress(usize, usize),
    Backref(usize, bool),
    /// A lookaround: its program, how far back it starts (behind), and whether negated.
    Look(Rc<Vec<Inst>>, Option<usize>, bool),
    Atomic(Rc<Vec<Inst>>),
    Match,
}

const MAX: usize = usize::MAX;

/// Reads and compiles `pattern` with `flags`; compiled patterns are kept, as CPython's `re` keeps them.
pub fn compile(pattern: &str, flags: i64) -> Result<Rc<Regex>, Error> {
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<(String, i64), Rc<Regex>>> = Default::default();
    }
    if let Some(found) = CACHE.with(|c| c.borrow().get(&(pattern.to_owned(), flags)).cloned()) {
        return Ok(found);
    }
    let regex = Rc::new(build(pattern, flags)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 512 {
            c.clear();
        }
        c.insert((pattern.to_owned(), flags), regex.clone());
    });
    Ok(regex)
}

fn build(pattern: &str, flags: i64) -> Result<Regex, Error> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser { chars: &chars, at: 0, groups: 0, names: Vec::new(), open: Vec::new() };
    // Global flags come first: `(?i)` at the start applies to the whole pattern.
    let mut global = flags;
    while parser.chars.get(parser.at) == Some(&'(')
        && parser.chars.get(parser.at + 1) == Some(&'?')
        && parser.chars.get(parser.at + 2).is_some_and(|c| "aiLmsux".contains(*c))
    {
        let start = parser.at;
        parser.at += 2;
        let (on, off, scoped) = parser.inline_flags()?;
        if scoped {
            parser.at = start;
            break;
        }
        global = (global | on) & !off;
    }
    if global & LOCALE != 0 {
        return Err(Error { message: "cannot use LOCALE flag with a str pattern".into(), pos: None });
    }
    if global & ASCII != 0 && global & UNICODE != 0 {
        return Err(Error { message: "ASCII and UNICODE flags are incompatible".into(), pos: None });
    }
    let node = parser.alternation(parser.flags_of(global))?;
    if parser.at < chars.len() {
        return Err(parser.error("unbalanced parenthesis", parser.at));
    }
    // (The slot after the groups' holds the last group closed: `Match.lastindex`.)
    let mut compiler = Compiler { slots: 2 * (parser.groups + 1) + 1 };
    let mut prog = Vec::new();
    prog.push(Inst::Save(0));
    compiler.emit(&node, &mut prog)?;
    prog.push(Inst::Save(1));
    prog.push(Inst::Match);
    if global & ASCII == 0 {
        global |= UNICODE;
    }
    Ok(Regex { prog, groups: parser.groups, names: parser.names, flags: global, slots: compiler.slots })
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
    groups: usize,
    names: Vec<(String, usize)>,
    /// The groups still open (a backreference to one is an error).
    open: Vec<usize>,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>, pos: usize) -> Error {
        Error { message: message.into(), pos: Some(pos) }
    }

    fn flags_of(&self, flags: i64) -> Flags {
        Flags {
            fold: flags & IGNORECASE != 0,
            multiline: flags & MULTILINE != 0,
            dotall: flags & DOTALL != 0,
            ascii: flags & ASCII != 0,
            verbose: flags & VERBOSE != 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// In verbose mode, whitespace and comments between the pieces are not the pattern's.
    fn skip(&mut self, f: Flags) {
        if !f.verbose {
            return;
        }
        while let Some(c) = self.peek() {
            if super::text::is_space(c) {
                self.at += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.at += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self, f: Flags) -> Result<Node, Error> {
        let mut branches = vec![self.sequence(f)?];
        while self.eat('|') {
            branches.push(self.sequence(f)?);
        }
        Ok(if branches.len() == 1 { branches.pop().expect("one branch") } else { Node::Alt(branches) })
    }

    fn sequence(&mut self, f: Flags) -> Result<Node, Error> {
        let mut items = Vec::new();
        loop {
            self.skip(f);
            match self.peek() {
                None | Some('|' | ')') => break,
                _ => {}
            }
            let atom = self.atom(f)?;
            self.skip(f);
            let node = self.quantified(atom, f)?;
            items.push(node);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().expect("one item"),
            _ => Node::Concat(items),
        })
    }

    fn quantified(&mut self, atom: Node, f: Flags) -> Result<Node, Error> {
        let at = self.at;
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braces()? {
                Some(range) => range,
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if self.chars[at] != '{' {
            self.at += 1;
        }
        if max.is_some_and(|max| min > max) {
            return Err(self.error("min repeat greater than max repeat", at + 1));
        }
        if matches!(atom, Node::Empty | Node::Assert(..)) {
            return Err(self.error("nothing to repeat", at));
        }
        let kind = if self.eat('?') {
            Kind::Lazy
        } else if self.eat('+') {
            Kind::Possessive
        } else {
            Kind::Greedy
        };
        self.skip(f);
        if matches!(self.peek(), Some('*' | '+' | '?')) || (self.peek() == Some('{') && self.braces_ahead()) {
            return Err(self.error("multiple repeat", self.at));
        }
        Ok(Node::Repeat(Box::new(atom), min, max, kind))
    }

    /// Whether `{` here begins a repeat (`{2}`, `{1,}`, `{,3}`), not a literal brace.
    fn braces_ahead(&self) -> bool {
        let mut i = self.at + 1;
        let mut digits = 0;
        while self.chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
            digits += 1;
        }
        if self.chars.get(i) == Some(&',') {
            i += 1;
            while self.chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
        } else if digits == 0 {
            return false;
        }
        self.chars.get(i) == Some(&'}')
    }

    /// `{m,n}`: the range, consumed; or None, nothing consumed, when the brace is a literal.
    fn braces(&mut self) -> Result<Option<(usize, Option<usize>)>, Error> {
        if !self.braces_ahead() {
            return Ok(None);
        }
        self.at += 1;
        let number = |p: &mut Self| -> Option<u64> {
            let start = p.at;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.at += 1;
            }
            (p.at > start).then(|| p.chars[start..p.at].iter().collect::<String>().parse().unwrap_or(u64::MAX))
        };
        let min = number(self);
        let max = if self.eat(',') { number(self) } else { Some(min.unwrap_or(0)) };
        self.at += 1; // the '}'
                      // (CPython's limit; a count that large is refused, not expanded.)
        let size = |n: u64| usize::try_from(n).ok().filter(|n| *n < 4_294_967_295);
        let (Some(min), Some(max)) = (size(min.unwrap_or(0)), max.map_or(Some(None), |m| size(m).map(Some))) else {
            return Err(self.error("the repetition number is too large", self.at - 1));
        };
        Ok(Some((min, max)))
    }

    fn atom(&mut self, f: Flags) -> Result<Node, Error> {
        let start = self.at;
        let c = self.peek().expect("an atom to read");
        self.at += 1;
        Ok(match c {
            '.' => Node::Any(f.dotall),
            '^' => Node::Assert(Assertion::LineStart(f.multiline), false),
            '$' => Node::Assert(Assertion::End(f.multiline), false),
            '[' => Node::Set(Rc::new(self.set(f, start)?), f.fold, f.ascii),
            '(' => return self.group(f, start),
            '\\' => self.escape(f, start)?,
            '*' | '+' | '?' => return Err(self.error("nothing to repeat", start)),
            '{' => {
                self.at -= 1;
                if self.braces_ahead() {
                    return Err(self.error("nothing to repeat", start));
                }
                self.at += 1;
                Node::Char('{', f.fold)
            }
            c => Node::Char(c, f.fold),
        })
    }

    fn group(&mut self, f: Flags, start: usize) -> Result<Node, Error> {
        let mut inner = f;
        let mut capture = true;
        let mut name = None;
        let mut look = None;
        let mut atomic = false;
        if self.eat('?') {
            capture = false;
            match self.peek() {
                Some(':') => self.at += 1,
                Some('>') => {
                    self.at += 1;
                    atomic = true;
                }
                Some('=') => {
                    self.at += 1;
                    look = Some((false, false));
                }
                Some('!') => {
                    self.at += 1;
                    look = Some((false, true));
                }
                Some('#') => {
                    while let Some(c) = self.peek() {
                        self.at += 1;
                        if c == ')' {
                            return Ok(Node::Empty);
                        }
                    }
                    return Err(self.error("missing ), unterminated comment", start));
                }
                Some('<') if matches!(self.chars.get(self.at + 1), Some('=' | '!')) => {
                    look = Some((true, self.chars[self.at + 1] == '!'));
                    self.at += 2;
                }
                Some('P') => {
                    self.at += 1;
                    match self.peek() {
                        Some('<') => {
                            self.at += 1;
                            name = Some(self.name('>')?);
                            capture = true;
                        }
                        Some('=') => {
                            self.at += 1;
                            let at = self.at;
                            let n = self.name(')')?;
                            let Some(&(_, index)) = self.names.iter().find(|(m, _)| *m == n) else {
                                return Err(self.error(format!("unknown group name '{n}'"), at));
                            };
                            if self.open.contains(&index) {
                                return Err(self.error("cannot refer to an open group", start));
                            }
                            return Ok(Node::Backref(index, f.fold));
                        }
                        Some(c) => return Err(self.error(format!("unknown extension ?P{c}"), start + 1)),
                        None => return Err(self.error("unexpected end of pattern", self.at)),
                    }
                }
                Some('<') => {
                    let Some(c) = self.chars.get(self.at + 1) else {
                        return Err(self.error("unexpected end of pattern", self.at + 1));
                    };
                    return Err(self.error(format!("unknown extension ?<{c}"), start + 1));
                }
                Some(c) if "aiLmsux-".contains(c) => {
                    let (on, off, scoped) = self.inline_flags()?;
                    if !scoped {
                        // (Those at the start were read before the pattern: see `build`.)
                        return Err(self.error("global flags not at the start of the expression", start));
                    }
                    inner = self.flags_of((self.bits(f) | on) & !off);
                }
                Some(c) => return Err(self.error(format!("unknown extension ?{c}"), start + 1)),
                None => return Err(self.error("unexpected end of pattern", self.at)),
            }
        }
        let index = capture.then(|| {
            self.groups += 1;
            self.groups
        });
        if let (Some(index), Some(name)) = (index, name) {
            if self.names.iter().any(|(n, _)| *n == name) {
                return Err(self.error(
                    format!(
                        "redefinition of group name '{name}' as group {index}; was group {}",
                        self.names.iter().find(|(n, _)| *n == name).map_or(0, |x| x.1)
                    ),
                    start + 4,
                ));
            }
            self.names.push((name, index));
        }
        if let Some(index) = index {
            self.open.push(index);
        }
        let body = self.alternation(inner)?;
        if !self.eat(')') {
            return Err(self.error("missing ), unterminated subpattern", start));
        }
        if index.is_some() {
            self.open.pop();
        }
        Ok(match (look, atomic) {
            (Some((behind, negated)), _) => Node::Look(behind, negated, Box::new(body)),
            (None, true) => Node::Atomic(Box::new(body)),
            _ => Node::Group(index, Box::new(body)),
        })
    }

    fn bits(&self, f: Flags) -> i64 {
        let mut b = 0;
        if f.fold {
            b |= IGNORECASE;
        }
        if f.multiline {
            b |= MULTILINE;
        }
        if f.dotall {
            b |= DOTALL;
        }
        if f.ascii {
            b |= ASCII;
        }
        if f.verbose {
            b |= VERBOSE;
        }
        b
    }

    /// `(?imsx)` or `(?i-s:`: the flags turned on and off, and whether scoped.
    fn inline_flags(&mut self) -> Result<(i64, i64, bool), Error> {
        let flag = |c: char| match c {
            'a' => Some(ASCII),
            'i' => Some(IGNORECASE),
            'L' => Some(LOCALE),
            'm' => Some(MULTILINE),
            's' => Some(DOTALL),
            'u' => Some(UNICODE),
            'x' => Some(VERBOSE),
            _ => None,
        };
        let mut on = 0;
        let mut off = 0;
        let mut negative = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("missing -, : or )", self.at));
            };
            self.at += 1;
            match c {
                ')' if !negative => return self.check_flags(on, 0, false),
                ':' => return self.check_flags(on, off, true),
                '-' if !negative => negative = true,
                c => match flag(c) {
                    Some(bit) if negative => {
                        if matches!(c, 'a' | 'L' | 'u') {
                            return Err(self.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", self.at));
                        }
                        off |= bit;
                    }
                    Some(bit) => on |= bit,
                    None => {
                        let message = if super::text::is_alpha(c) { "unknown flag" } else { "missing -, : or )" };
                        return Err(self.error(message, self.at - 1));
                    }
                },
            }
        }
    }

    fn check_flags(&self, on: i64, off: i64, scoped: bool) -> Result<(i64, i64, bool), Error> {
        if on & LOCALE != 0 {
            return Err(self.error("bad inline flags: cannot use 'L' flag with a str pattern", self.at - 1));
        }
        Ok((on, off, scoped))
    }

    /// A group's name, up to `end`.
    fn name(&mut self, end: char) -> Result<String, Error> {
        let start = self.at;
        while self.peek().is_some_and(|c| c != end) {
            self.at += 1;
        }
        if self.peek() != Some(end) {
            let message = if self.at == start {
                "missing group name".into()
            } else {
                format!("missing {end}, unterminated name")
            };
            return Err(self.error(message, start));
        }
        let name: String = self.chars[start..self.at].iter().collect();
        self.at += 1;
        if name.is_empty() {
            return Err(self.error("missing group name", start));
        }
        let ident = name.chars().next().is_some_and(|c| c == '_' || super::text::is_name_start(c))
            && name.chars().all(|c| c == '_' || super::text::is_name_char(c));
        if !ident {
            return Err(self.error(format!("bad character in group name '{name}'"), start));
        }
        Ok(name)
    }

    fn escape(&mut self, f: Flags, start: usize) -> Result<Node, Error> {
        let Some(c) = self.peek() else {
            return Err(self.error("bad escape (end of pattern)", start));
        };
        self.at += 1;
        let class =
            |k, negated| Node::Set(Rc::new(Set { items: vec![Item::Class(k, false)], negated }), false, f.ascii);
        Ok(match c {
            'd' => class(Class::Digit, false),
            'D' => class(Class::Digit, true),
            'w' => class(Class::Word, false),
            'W' => class(Class::Word, true),
            's' => class(Class::Space, false),
            'S' => class(Class::Space, true),
            'A' => Node::Assert(Assertion::Start, false),
            'Z' => Node::Assert(Assertion::EndText, false),
            'b' => Node::Assert(Assertion::Boundary(true), f.ascii),
            'B' => Node::Assert(Assertion::Boundary(false), f.ascii),
            '1'..='9' => {
                // A backreference, unless it reads as an octal escape (three octal digits).
                let mut digits = c.to_string();
                if let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    let third = self.chars.get(self.at + 1).copied();
                    if c <= '7' && d <= '7' && third.is_some_and(|t| ('0'..='7').contains(&t)) {
                        self.at += 2;
                        let code = u32::from_str_radix(&format!("{c}{d}{}", third.unwrap_or('0')), 8).unwrap_or(0);
                        if code > 0o377 {
                            return Err(self.error(
                                format!("octal escape value \\{c}{d}{} outside of range 0-0o377", third.unwrap_or('0')),
                                start,
                            ));
                        }
                        return Ok(Node::Char(char::from_u32(code).unwrap_or('\0'), f.fold));
                    }
                    digits.push(d);
                    self.at += 1;
                }
                let index: usize = digits.parse().unwrap_or(0);
                if self.open.contains(&index) {
                    return Err(self.error("cannot refer to an open group", start));
                }
                if index > self.groups {
                    return Err(self.error(format!("invalid group reference {index}"), start + 1));
                }
                Node::Backref(index, f.fold)
            }
            c => Node::Char(self.char_escape(c, start)?, f.fold),
        })
    }

    /// The character an escape stands for (`\n`, `\x41`, `\.`), inside a set or out.
    fn char_escape(&mut self, c: char, start: usize) -> Result<char, Error> {
        let hex = |p: &mut Self, n: usize, letter: char| -> Result<char, Error> {
            let digits: String = p.chars.iter().skip(p.at).take(n).take_while(|d| d.is_ascii_hexdigit()).collect();
            if digits.len() < n {
                return Err(p.error(format!("incomplete escape \\{letter}{digits}"), start));
            }
            p.at += n;
            let code = u32::from_str_radix(&digits, 16).unwrap_or(0);
            char::from_u32(code).ok_or_else(|| p.error(format!("bad escape \\{letter}{digits}"), start))
        };
        Ok(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'f' => '\x0c',
            'v' => '\x0b',
            'a' => '\x07',
            'x' => hex(self, 2, 'x')?,
            'u' => hex(self, 4, 'u')?,
            'U' => hex(self, 8, 'U')?,
            '0' => {
                let mut code = 0;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            self.at += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(code).unwrap_or('\0')
            }
            c if c.is_ascii_alphanumeric() => return Err(self.error(format!("bad escape \\{c}"), start)),
            c => c,
        })
    }

    fn set(&mut self, f: Flags, start: usize) -> Result<Set, Error> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated character set", start));
            };
            let at = self.at;
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let low = if c == '\\' {
                let Some(e) = self.peek() else {
                    return Err(self.error("unterminated character set", start));
                };
                self.at += 1;
                let class = match e {
                    'd' => Some((Class::Digit, false)),
                    'D' => Some((Class::Digit, true)),
                    'w' => Some((Class::Word, false)),
                    'W' => Some((Class::Word, true)),
                    's' => Some((Class::Space, false)),
                    'S' => Some((Class::Space, true)),
                    _ => None,
                };
                if let Some((k, n)) = class {
                    if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                        let text: String = self.chars[at..self.at + 2].iter().collect();
                        return Err(self.error(format!("bad character range {text}"), at));
                    }
                    items.push(Item::Class(k, n));
                    continue;
                }
                match e {
                    'b' => '\x08',
                    '1'..='7' if self.peek().is_some_and(|d| ('0'..='7').contains(&d)) => {
                        let mut code = e.to_digit(8).unwrap_or(0);
                        while let Some(d) = self.peek().and_then(|d| d.to_digit(8)).filter(|_| code < 0o40) {
                            code = code * 8 + d;
                            self.at += 1;
                        }
                        char::from_u32(code).unwrap_or('\0')
                    }
                    e if e.is_ascii_digit() && e != '0' => return Err(self.error(format!("bad escape \\{e}"), at)),
                    e => self.char_escape(e, at)?,
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let hat = self.at;
                let Some(h) = self.peek() else {
                    return Err(self.error("unterminated character set", start));
                };
                self.at += 1;
                let high = if h == '\\' {
                    let Some(e) = self.peek() else {
                        return Err(self.error("unterminated character set", start));
                    };
                    self.at += 1;
                    if matches!(e, 'd' | 'D' | 'w' | 'W' | 's' | 'S') {
                        let text: String = self.chars[at..self.at].iter().collect();
                        return Err(self.error(format!("bad character range {text}"), at));
                    }
                    if e == 'b' {
                        '\x08'
                    } else {
                        self.char_escape(e, hat)?
                    }
                } else {
                    h
                };
                if high < low {
                    let text: String = self.chars[at..self.at].iter().collect();
                    return Err(self.error(format!("bad character range {text}"), at));
                }
                items.push(Item::Range(low, high));
            } else {
                items.push(Item::Char(low));
            }
        }
        let _ = f;
        Ok(Set { items, negated })
    }
}

struct Compiler {
    slots: usize,
}

impl Compiler {
    fn emit(&mut self, node: &Node, prog: &mut Vec<Inst>) -> Result<(), Error> {
        if prog.len() > 1_000_000 {
            return Err(Error { message: "pattern too large".into(), pos: None });
        }
        match node {
            Node::Empty => {}
            Node::Char(c, fold) => prog.push(Inst::One(One::Char(*c, *fold))),
            Node::Any(dotall) => prog.push(Inst::One(One::Any(*dotall))),
            Node::Set(set, fold, ascii) => prog.push(Inst::One(One::Set(set.clone(), *fold, *ascii))),
            Node::Assert(a, ascii) => prog.push(Inst::Assert(*a, *ascii)),
            Node::Group(index, body) => match index {
                Some(i) => {
                    prog.push(Inst::Save(2 * i));
                    self.emit(body, prog)?;
                    prog.push(Inst::Save(2 * i + 1));
                }
                None => self.emit(body, prog)?,
            },
            Node::Concat(items) => {
                for item in items {
                    self.emit(item, prog)?;
                }
            }
            Node::Alt(branches) => {
                if let Some(one) = single(node) {
                    prog.push(Inst::One(one));
                    return Ok(());
                }
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = prog.len();
                        prog.push(Inst::Split(split + 1, 0));
                        self.emit(branch, prog)?;
                        jumps.push(prog.len());
                        prog.push(Inst::Jmp(0));
                        let next = prog.len();
                        prog[split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(branch, prog)?;
                    }
                }
                let end = prog.len();
                for j in jumps {
                    prog[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat(body, min, max, kind) => self.repeat(body, *min, *max, *kind, prog)?,
            Node::Backref(i, fold) => prog.push(Inst::Backref(*i, *fold)),
            Node::Look(behind, negated, body) => {
                let width = if *behind {
                    match width(body) {
                        Some(w) => Some(w),
                        None => {
                            return Err(Error { message: "look-behind requires fixed-width pattern".into(), pos: None })
                        }
                    }
                } else {
                    None
                };
                let mut inner = Vec::new();
                self.emit(body, &mut inner)?;
                inner.push(Inst::Match);
                prog.push(Inst::Look(Rc::new(inner), width, *negated));
            }
            Node::Atomic(body) => {
                let mut inner = Vec::new();
                self.emit(body, &mut inner)?;
                inner.push(Inst::Match);
                prog.push(Inst::Atomic(Rc::new(inner)));
            }
        }
        Ok(())
    }

    /// `body{min,max}`, greedy, lazy or possessive.
    fn repeat(
        &mut self,
        body: &Node,
        min: usize,
        max: Option<usize>,
        kind: Kind,
        prog: &mut Vec<Inst>,
    ) -> Result<(), Error> {
        if kind == Kind::Possessive {
            // The greedy repeat, taken whole: an atomic group of it.
            let mut inner = Vec::new();
            self.repeat(body, min, max, Kind::Greedy, &mut inner)?;
            inner.push(Inst::Match);
            prog.push(Inst::Atomic(Rc::new(inner)));
            return Ok(());
        }
        if let Some(one) = single(body) {
            prog.push(Inst::Repeat(one, min, max.unwrap_or(MAX), kind));
            return Ok(());
        }
        for _ in 0..min {
            self.emit(body, prog)?;
        }
        let lazy = kind == Kind::Lazy;
        // Past the minimum, an iteration that matched nothing is the last, as in SRE:
        // its start is marked in a slot of its own, and `Progress` leaves the loop.
        let nullable = can_be_empty(body);
        let slot = self.slots;
        if nullable {
            self.slots += 1;
        }
        match max {
            None => {
                let top = prog.len();
                prog.push(Inst::Split(0, 0));
                if nullable {
                    prog.push(Inst::Mark(slot));
                }
                self.emit(body, prog)?;
                let progress = prog.len();
                if nullable {
                    prog.push(Inst::Progress(slot, 0));
                }
                prog.push(Inst::Jmp(top));
                let exit = prog.len();
                if nullable {
                    prog[progress] = Inst::Progress(slot, exit);
                }
                prog[top] = if lazy { Inst::Split(exit, top + 1) } else { Inst::Split(top + 1, exit) };
            }
            Some(max) => {
                let mut splits = Vec::new();
                let mut checks = Vec::new();
                for _ in min..max {
                    splits.push(prog.len());
                    prog.push(Inst::Split(0, 0));
                    if nullable {
                        prog.push(Inst::Mark(slot));
                    }
                    self.emit(body, prog)?;
                    if nullable {
                        checks.push(prog.len());
                        prog.push(Inst::Progress(slot, 0));
                    }
                }
                let exit = prog.len();
                for s in splits {
                    prog[s] = if lazy { Inst::Split(exit, s + 1) } else { Inst::Split(s + 1, exit) };
                }
                for c in checks {
                    prog[c] = Inst::Progress(slot, exit);
                }
            }
        }
        Ok(())
    }
}

/// The node as a one-character test, if it is one.
fn single(node: &Node) -> Option<One> {
    match node {
        Node::Char(c, f) => Some(One::Char(*c, *f)),
        Node::Any(d) => Some(One::Any(*d)),
        Node::Set(s, f, a) => Some(One::Set(s.clone(), *f, *a)),
        Node::Group(None, body) => single(body),
        // `a|b|[xy]`: one character of a set, as SRE compiles it (alternatives that each
        // take one character leave nothing to go back for).
        Node::Alt(branches) => {
            let mut items = Vec::new();
            let mut flags = None;
            for branch in branches {
                let (item, fold, ascii) = match branch {
                    Node::Char(c, fold) => (vec![Item::Char(*c)], *fold, false),
                    Node::Set(set, fold, ascii) if !set.negated => (set.items.clone(), *fold, *ascii),
                    _ => return None,
                };
                if flags.is_some_and(|f| f != (fold, ascii)) {
                    return None;
                }
                flags = Some((fold, ascii));
                items.extend(item);
            }
            let (fold, ascii) = flags?;
            Some(One::Set(Rc::new(Set { items, negated: false }), fold, ascii))
        }
        _ => None,
    }
}

fn can_be_empty(node: &Node) -> bool {
    match node {
        Node::Char(..) | Node::Any(_) | Node::Set(..) => false,
        Node::Empty | Node::Assert(..) | Node::Look(..) | Node::Backref(..) => true,
        Node::Group(_, b) | Node::Atomic(b) => can_be_empty(b),
        Node::Concat(items) => items.iter().all(can_be_empty),
        Node::Alt(items) => items.iter().any(can_be_empty),
        Node::Repeat(b, min, ..) => *min == 0 || can_be_empty(b),
    }
}

/// How many characters the node always matches, if that is fixed (a look-behind's must be).
fn width(node: &Node) -> Option<usize> {
    match node {
        Node::Char(..) | Node::Any(_) | Node::Set(..) => Some(1),
        Node::Empty | Node::Assert(..) | Node::Look(..) => Some(0),
        Node::Group(_, b) | Node::Atomic(b) => width(b),
        Node::Concat(items) => items.iter().map(width).sum(),
        Node::Alt(items) => {
            let first = width(&items[0])?;
            items.iter().all(|i| width(i) == Some(first)).then_some(first)
        }
        Node::Repeat(b, min, max, _) => (Some(*min) == *max).then(|| width(b).map(|w| w * min)).flatten(),
        Node::Backref(..) => None,
    }
}

/// Python's `\w`, `\d` and `\s`, for str patterns (Unicode) or with ASCII.
fn in_class(class: Class, c: char, ascii: bool) -> bool {
    match class {
        Class::Digit => c.is_ascii_digit() || (!ascii && is_decimal(c)),
        Class::Word => c == '_' || if ascii { c.is_ascii_alphanumeric() } else { super::text::is_alnum(c) },
        Class::Space => {
            if ascii {
                matches!(c, ' ' | '\t'..='\r')
            } else {
                super::text::is_space(c)
            }
        }
    }
}

/// A decimal digit of another script (Unicode's Nd): ten in a row from a zero.
fn is_decimal(c: char) -> bool {
    // The Nd blocks all start at a code point whose last hex digit is 0 or 6 and run for
    // ten; the common ones are listed (a digit of another script in a pattern is rare).
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20,
        0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
    ];
    let code = c as u32;
    ZEROS.iter().any(|z| (*z..z + 10).contains(&code))
}

/// A character's lower case, where that is one character (as SRE folds case).
fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    one(&super::text::lower(c.encode_utf8(&mut [0; 4]))).unwrap_or(c)
}

fn upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    one(&super::text::upper(c.encode_utf8(&mut [0; 4]))).unwrap_or(c)
}

fn one(s: &str) -> Option<char> {
    let mut chars = s.chars();
    chars.next().filter(|_| chars.next().is_none())
}

impl Set {
    fn contains(&self, c: char, fold: bool, ascii: bool) -> bool {
        let has = |c: char| {
            self.items.iter().any(|item| match *item {
                Item::Char(x) => x == c,
                Item::Range(a, b) => (a..=b).contains(&c),
                Item::Class(k, negated) => in_class(k, c, ascii) != negated,
            })
        };
        let found = has(c) || (fold && (has(lower(c)) || has(upper(c))));
        found != self.negated
    }
}

impl One {
    fn test(&self, c: char) -> bool {
        match self {
            One::Char(x, fold) => *x == c || (*fold && lower(*x) == lower(c)),
            One::Any(dotall) => *dotall || c != '\n',
            One::Set(set, fold, ascii) => set.contains(c, *fold, *ascii),
        }
    }
}

/// How a search is asked for: where it must match.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// At the start position (`match`).
    Match,
    /// At the start and through to the end (`fullmatch`).
    Full,
    /// Anywhere from the start position on (`search`, `findall`, `sub`...).
    Search,
}

enum Back {
    /// Go on at `pc` from `pos`.
    At(usize, usize),
    /// Give the slot back its value.
    Slot(usize, Option<usize>),
    /// A repeat of one character that may give back (greedy) or take (lazy) one more:
    /// where it went on, where it began, how many it took, and its bounds.
    Repeat { pc: usize, start: usize, count: usize, min: usize, max: usize, lazy: bool },
}

struct Machine<'a> {
    text: &'a [char],
    /// The slot of the last group closed.
    last: usize,
    slots: Vec<Option<usize>>,
    stack: Vec<Back>,
}

/// Every match of `regex` in `text[..end]` from `pos`, up to `limit` of them (0: all),
/// as CPython's scanner finds them one after another: an empty match is not taken
/// where the one before it ended empty. Each is the slots of its groups, in pairs,
/// then the last group closed.
pub fn scan(regex: &Regex, text: &[char], pos: usize, end: usize, mode: Mode, limit: usize) -> Vec<Vec<Option<usize>>> {
    let end = end.min(text.len());
    let text = &text[..end];
    let last = 2 * (regex.groups + 1);
    let mut machine = Machine { text, last, slots: vec![None; regex.slots], stack: Vec::new() };
    let mut found = Vec::new();
    let mut at = pos.min(end);
    let mut must_advance = false;
    loop {
        let mut hit = None;
        let mut start = at;
        loop {
            machine.slots.fill(None);
            if let Some(stop) = machine.run(&regex.prog, start, Some((start, must_advance && start == at, mode))) {
                hit = Some(stop);
                break;
            }
            if mode != Mode::Search || start >= end {
                break;
            }
            start += 1;
        }
        let Some(stop) = hit else { break };
        let mut groups: Vec<Option<usize>> = machine.slots[..=last].to_vec();
        groups[0] = Some(start);
        groups[1] = Some(stop);
        found.push(groups);
        if mode != Mode::Search || (limit != 0 && found.len() >= limit) {
            break;
        }
        must_advance = stop == start;
        at = stop;
        if at > end {
            break;
        }
    }
    found
}

impl Machine<'_> {
    fn set_slot(&mut self, slot: usize, value: Option<usize>) {
        let old = self.slots[slot];
        self.stack.push(Back::Slot(slot, old));
        self.slots[slot] = value;
    }

    fn assert(&self, a: Assertion, ascii: bool, pos: usize) -> bool {
        let n = self.text.len();
        match a {
            Assertion::Start => pos == 0,
            Assertion::LineStart(multiline) => pos == 0 || (multiline && self.text[pos - 1] == '\n'),
            Assertion::End(multiline) => pos == n || (self.text[pos] == '\n' && (multiline || pos + 1 == n)),
            Assertion::EndText => pos == n,
            // (SRE's `\B` does not match in an empty string.)
            Assertion::Boundary(false) if n == 0 => false,
            Assertion::Boundary(at) => {
                let word = |i: usize| in_class(Class::Word, self.text[i], ascii);
                let before = pos > 0 && word(pos - 1);
                let after = pos < n && word(pos);
                (before != after) == at
            }
        }
    }

    /// Runs `prog` from `pos`: where its match ends, or None. At the top (`top`: the
    /// start, whether an empty match there is refused, the mode) the slots are left as
    /// the match set them; within a lookaround or atomic group, the first way through is
    /// taken and never gone back into.
    fn run(&mut self, prog: &[Inst], pos: usize, top: Option<(usize, bool, Mode)>) -> Option<usize> {
        let base = self.stack.len();
        let mut pc = 0;
        let mut pos = pos;
        let result = 'run: loop {
            let ok = match &prog[pc] {
                Inst::One(one) => {
                    if pos < self.text.len() && one.test(self.text[pos]) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::Assert(a, ascii) => {
                    pc += 1;
                    self.assert(*a, *ascii, pos)
                }
                Inst::Save(slot) => {
                    self.set_slot(*slot, Some(pos));
                    if slot % 2 == 1 && *slot > 1 {
                        self.set_slot(self.last, Some(slot / 2));
                    }
                    pc += 1;
                    true
                }
                Inst::Split(first, second) => {
                    self.stack.push(Back::At(*second, pos));
                    pc = *first;
                    true
                }
                Inst::Jmp(to) => {
                    pc = *to;
                    true
                }
                Inst::Mark(slot) => {
                    self.set_slot(*slot, Some(pos));
                    pc += 1;
                    true
                }
                Inst::Progress(slot, exit) => {
                    pc = if self.slots[*slot] == Some(pos) { *exit } else { pc + 1 };
                    true
                }
                Inst::Repeat(one, min, max, kind) => {
                    let start = pos;
                    let lazy = *kind == Kind::Lazy;
                    let mut count = 0;
                    let want = if lazy { *min } else { *max };
                    while count < want && start + count < self.text.len() && one.test(self.text[start + count]) {
                        count += 1;
                    }
                    if count < *min {
                        false
                    } else {
                        if (lazy && count < *max) || (!lazy && count > *min) {
                            self.stack.push(Back::Repeat { pc: pc + 1, start, count, min: *min, max: *max, lazy });
                        }
                        pos = start + count;
                        pc += 1;
                        true
                    }
                }
                Inst::Backref(group, fold) => match (self.slots[2 * group], self.slots[2 * group + 1]) {
                    (Some(a), Some(b)) if b >= a => {
                        let len = b - a;
                        let same = pos + len <= self.text.len()
                            && (0..len).all(|i| {
                                let (x, y) = (self.text[a + i], self.text[pos + i]);
                                x == y || (*fold && lower(x) == lower(y))
                            });
                        if same {
                            pos += len;
                        }
                        pc += 1;
                        same
                    }
                    _ => false,
                },
                Inst::Look(inner, behind, negated) => {
                    let from = match behind {
                        Some(w) => pos.checked_sub(*w),
                        None => Some(pos),
                    };
                    let saved = self.slots.clone();
                    let matched = from.and_then(|from| self.run(inner, from, None)).is_some();
                    pc += 1;
                    if *negated {
                        self.slots = saved;
                        !matched
                    } else {
                        if matched {
                            self.keep_undo(&saved);
                        }
                        matched
                    }
                }
                Inst::Atomic(inner) => {
                    let saved = self.slots.clone();
                    match self.run(inner, pos, None) {
                        Some(stop) => {
                            self.keep_undo(&saved);
                            pos = stop;
                            pc += 1;
                            true
                        }
                        None => false,
                    }
                }
                Inst::Match => match top {
                    None => break 'run Some(pos),
                    Some((start, refuse_empty, mode)) => {
                        if (refuse_empty && pos == start) || (mode == Mode::Full && pos != self.text.len()) {
                            false
                        } else {
                            break 'run Some(pos);
                        }
                    }
                },
            };
            if ok {
                continue;
            }
            // Back to the latest choice, undoing the slots set since.
            loop {
                if self.stack.len() <= base {
                    break 'run None;
                }
                match self.stack.pop().expect("an entry above the base") {
                    Back::Slot(slot, old) => self.slots[slot] = old,
                    Back::At(to, at) => {
                        pc = to;
                        pos = at;
                        break;
                    }
                    Back::Repeat { pc: next, start, count, min, max, lazy } => {
                        let Inst::Repeat(one, ..) = &prog[next - 1] else {
                            unreachable!("a repeat's entry follows its instruction")
                        };
                        let count = if lazy {
                            if start + count >= self.text.len() || !one.test(self.text[start + count]) {
                                continue;
                            }
                            count + 1
                        } else {
                            count - 1
                        };
                        if (lazy && count < max) || (!lazy && count > min) {
                            self.stack.push(Back::Repeat { pc: next, start, count, min, max, lazy });
                        }
                        pc = next;
                        pos = start + count;
                        break;
                    }
                }
            }
        };
        // The match stands or fails: its choices are dropped (the slots it set stay).
        self.stack.truncate(base);
        result
    }

    /// After a lookaround or atomic group matched: what it set is undone from `saved`
    /// on backtracking past it.
    fn keep_undo(&mut self, saved: &[Option<usize>]) {
        for (slot, old) in saved.iter().enumerate() {
            if self.slots[slot] != *old {
                self.stack.push(Back::Slot(slot, *old));
            }
        }
    }
}
