//! Fuzzing: the share-link parser and the Python parser, fed inputs that proptest
//! generates: hostile queries, and the tour's programs mutated byte by byte and token by
//! token (deep nesting included).
//!
//! Every input must be either accepted or refused with a message (a link's notices, a
//! syntax error with its place), never panic, and never hang. An accepted link
//! round-trips: written back and read again, it says the same. `cargo test` runs 20,000
//! of each; `scripts/fuzz` runs millions (FUZZ_LINKS and FUZZ_PARSER set the counts) and
//! prints them.

#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use asyncio_playground::input::{read_link, write_code_link, write_link};
use asyncio_playground::python::Program;
use asyncio_playground::runtime::Runtime;
use asyncio_playground::scenario::{Mode, Scenario};
use asyncio_playground::virtual_clock::VirtualHost;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How many inputs of a kind to try: the variable `var` if set, else `default`.
fn count(var: &str, default: u64) -> u64 {
    std::env::var(var).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// How many inputs `fuzz` tries: so many, or as many as it takes for so many to be accepted.
enum Until {
    Tried(u64),
    Accepted(u64),
}

/// Generates inputs from `strategy` (the same ones every run, from a fixed seed) and
/// checks each with `check`, which returns whether the input was accepted, until `until`.
/// A panic is reported with the input that caused it.
fn fuzz<S: Strategy>(name: &str, until: Until, strategy: S, mut check: impl FnMut(&S::Value) -> bool)
where
    S::Value: std::fmt::Debug,
{
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config { failure_persistence: None, ..Config::default() }, rng);
    let began = Instant::now();
    let (mut tried, mut accepted) = (0u64, 0u64);
    // A watchdog names the input that hangs, if one does (the run itself cannot).
    let current = std::sync::Arc::new(std::sync::Mutex::new((0u64, String::new(), Instant::now())));
    let watched = std::sync::Arc::downgrade(&current);
    let label = name.to_owned();
    std::thread::spawn(move || {
        while let Some(current) = watched.upgrade() {
            let (i, input, since) = current.lock().expect("not poisoned").clone();
            drop(current);
            if since.elapsed() > Duration::from_secs(30) {
                eprintln!("{label}: input {i} has run for 30 s and hangs: {input}");
                std::process::exit(101);
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    });
    while match until {
        Until::Tried(n) => tried < n,
        Until::Accepted(n) => accepted < n,
    } {
        let input = strategy.new_tree(&mut runner).expect("the strategies never reject").current();
        *current.lock().expect("not poisoned") = (tried, format!("{input:?}"), Instant::now());
        match catch_unwind(AssertUnwindSafe(|| check(&input))) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => panic!("{name}: input {tried} panicked: {input:?}"),
        }
        tried += 1;
        if let Until::Accepted(n) = until {
            assert!(tried < 20 * n.max(10), "{name}: only {accepted} of {tried} inputs were accepted");
        }
    }
    println!(
        "fuzz {name}: {tried} inputs, {accepted} accepted, {} refused, in {:.1} s",
        tried - accepted,
        began.elapsed().as_secs_f64()
    );
}

// ----- links ---------------------------------------------------------------------------

const KEYS: &[&str] =
    &["calls", "mode", "repeat", "autorun", "at", "code", "cell", "tour", "", "x", "calls", "mode", "%63alls", "CALLS"];
const DELAYS: &[&str] =
    &["1", "0.1", "2", "0", "", "abc", "NaN", "Infinity", "1e400", "-1", "86401", "86400", "1e-9", "0x10", " 1", "1_0"];
const WORDS: &[&str] = &[
    "hello",
    "world",
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "%3C%2Fscript%3E",
    "%22%27",
    "%F0%9F%90%8D",
    "%D7%A9%D7%9C%D7%95%D7%9D",
    "%E2%80%AE",
    "%0A",
    "%FF",
    "%E2%82",
    "%",
    "%2",
    "%zz",
    "a+b",
    "",
    "%2C",
    "%3A",
];
const VALUES: &[&str] = &[
    "1",
    "0",
    "2",
    "",
    "sequential",
    "tasks",
    "gather",
    "taskgroup",
    "nope",
    "1500",
    "-5",
    "NaN",
    "semaphore",
    "locks",
    "no-such-stop",
    "%FF",
    "%",
    "import%20asyncio%0Aprint(1)",
    "print(%27hi%27)",
    "%E2%82",
    "10001",
    "1e3",
];

/// One `key=value` of a hostile query.
fn pair() -> impl Strategy<Value = String> {
    let calls = prop::collection::vec((0..DELAYS.len(), 0..WORDS.len(), 0..3usize), 0..6).prop_map(|calls| {
        let text: Vec<String> = calls
            .iter()
            .map(|&(d, w, shape)| match shape {
                0 => format!("{}:{}", DELAYS[d], WORDS[w]),
                1 => DELAYS[d].to_owned(),
                _ => format!("{}:{}:{}", DELAYS[d], WORDS[w], WORDS[w]),
            })
            .collect();
        format!("calls={}", text.join(","))
    });
    let many = (1usize..1100).prop_map(|n| format!("calls={}", vec!["0:x"; n].join(",")));
    let long_word = (190usize..210).prop_map(|n| format!("calls=1:{}", "w".repeat(n)));
    let code = (0..VALUES.len(), 0usize..20_000).prop_map(|(v, n)| format!("code={}{}", VALUES[v], "%20".repeat(n)));
    let other = (0..KEYS.len(), 0..VALUES.len()).prop_map(|(k, v)| format!("{}={}", KEYS[k], VALUES[v]));
    let bare = (0..KEYS.len()).prop_map(|k| KEYS[k].to_owned());
    prop_oneof![4 => calls, 1 => many, 1 => long_word, 1 => code, 4 => other, 1 => bare, 1 => "[&=%?#+]{0,6}"]
}

fn query() -> impl Strategy<Value = String> {
    (prop::collection::vec(pair(), 0..6), any::<bool>(), 0usize..70_000).prop_map(|(pairs, question, pad)| {
        let mut query = pairs.join("&");
        // Now and then, a query over the 64 KB limit.
        if pad > 65_000 {
            query.push_str(&format!("&x={}", "a".repeat(pad)));
        }
        if question {
            query.insert(0, '?');
        }
        query
    })
}

fn check_link(query: &str) -> bool {
    let link = read_link(query);
    assert!(link.notices.iter().all(|notice| !notice.trim().is_empty()), "an empty notice for {query:?}");
    let mut accepted = true;
    if let Some(calls) = &link.calls {
        let scenario = Scenario {
            mode: link.mode.unwrap_or(Mode::Sequential),
            calls: calls.clone(),
            repeat: link.repeat.unwrap_or(1),
        };
        let again = read_link(&write_link(&scenario, link.autorun, link.at));
        assert!(again.notices.is_empty(), "{query:?} written back is refused: {:?}", again.notices);
        assert_eq!(again.calls.as_ref(), Some(calls), "{query:?}'s calls do not round-trip");
        assert_eq!(again.mode, Some(scenario.mode));
        assert_eq!(again.repeat.unwrap_or(1), scenario.repeat);
        assert_eq!((again.autorun, again.at), (link.autorun, link.at));
    }
    if let Some(code) = &link.code {
        let again = read_link(&write_code_link(code, link.cell, link.autorun, link.at));
        assert!(again.notices.is_empty(), "{query:?}'s code written back is refused: {:?}", again.notices);
        assert_eq!(again.code.as_ref(), Some(code), "{query:?}'s code does not round-trip");
        assert_eq!((again.cell, again.autorun, again.at), (link.cell, link.autorun, link.at));
    }
    // A link that had to be partly ignored never runs anything by itself.
    if !link.notices.is_empty() {
        accepted = false;
    }
    accepted
}

#[test]
fn links_are_read_or_refused_with_a_notice_and_round_trip() {
    fuzz("links", Until::Tried(count("FUZZ_LINKS", 20_000)), query(), |query| check_link(query));
}

// ----- the Python parser ----------------------------------------------------------------

/// The programs the mutations start from: the tour's, and a few of other shapes.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // The tour's programs and the corpus of what learners' programs use.
        let mut programs: Vec<String> = ["www/tour", "tests/programs"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("a folder of programs"))
            .map(|entry| entry.expect("a file").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
            .map(|path| std::fs::read_to_string(path).expect("a program"))
            .collect();
        programs.sort();
        programs.extend(
            [
                "x = [1, 2, 3]\nprint(x[1:], {'a': (1, 2)}, f'{x!r:>10}', 3 ** 2 // 1)\n",
                "def f(n):\n    return 1 if n < 2 else n * f(n - 1)\nprint(f(10))\n",
                "try:\n    raise ValueError('x')\nexcept* ValueError as e:\n    print(e)\nfinally:\n    pass\n",
                "async def g():\n    async with asyncio.timeout(1):\n        await asyncio.sleep(2)\n",
                "def gen(n):\n    total = 0\n    for i in range(n):\n        got = yield i\n        total += got or 0\n    return total\ng = gen(3)\nprint(next(g), g.send(5), list(g))\ndef outer():\n    r = yield from gen(2)\n    print('r', r)\nprint(list(outer()), sum(x * x for x in range(5)))\n",
                "import asyncio\n\nasync def ticks(n):\n    try:\n        for i in range(n):\n            await asyncio.sleep(0.1)\n            yield i\n    finally:\n        print('closed')\n\nasync def main():\n    async for t in ticks(3):\n        print(t)\n        if t == 1:\n            break\n    print([t async for t in ticks(2)], await anext(ticks(1)))\n\nasyncio.run(main())\n",
                "import asyncio\n\nclass Waiter:\n    def __init__(self, d):\n        self.d = d\n\n    def __await__(self):\n        yield from asyncio.sleep(self.d).__await__()\n        return self.d\n\nclass Slower(Waiter):\n    def double(self):\n        self.d *= 2\n        return self\n\nasync def main():\n    print(await Waiter(0.1), await Slower(0.1).double())\n    print(await asyncio.gather(Waiter(0.2), Slower(0.1)))\n\nasyncio.run(main())\n",
            ]
            .map(str::to_owned),
        );
        programs
    })
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "->",
    "\n",
    "\n    ",
    "    ",
    "\t",
    "\r",
    "\x0c",
    "\0",
    "\\",
    "#",
    "'",
    "\"",
    "'''",
    "f'",
    "f\"{",
    "{x}",
    "!r",
    "async ",
    "await ",
    "def ",
    "class ",
    "lambda ",
    "yield ",
    "return ",
    "if ",
    "else",
    "elif ",
    "while ",
    "for ",
    " in ",
    "try:",
    "except* ",
    "finally:",
    "with ",
    "global x",
    "nonlocal x",
    "del ",
    "import ",
    "from ",
    "asyncio",
    "é",
    "\u{202e}",
    "🐍",
    "1e400",
    "0x",
    "1_",
    "0o8",
    "...",
    ";",
    "not ",
    "and ",
    "or ",
    "is ",
    ":=",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(Index, u8),
    Insert(Index, usize),
    Copy(Index, Index, u8),
    Byte(Index, u8),
    Nest(Index, usize, u16),
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), 1u8..20).prop_map(|(at, n)| Edit::Delete(at, n)),
        4 => (any::<Index>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        1 => (any::<Index>(), any::<Index>(), 1u8..40).prop_map(|(at, from, n)| Edit::Copy(at, from, n)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
        1 => (any::<Index>(), 0usize..6, 1u16..3000).prop_map(|(at, shape, depth)| Edit::Nest(at, shape, depth)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// A char boundary of `text` near `at`.
fn boundary(text: &str, at: &Index) -> usize {
    let mut i = at.index(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(source: &str, edits: &[Edit]) -> String {
    let mut text = source.to_owned();
    for edit in edits {
        match edit {
            Edit::Delete(at, n) => {
                let start = boundary(&text, at);
                let mut end = (start + *n as usize).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(start..end, "");
            }
            Edit::Insert(at, t) => text.insert_str(boundary(&text, at), TOKENS[*t]),
            Edit::Copy(at, from, n) => {
                let start = boundary(&text, from);
                let piece: String = text[start..].chars().take(*n as usize).collect();
                text.insert_str(boundary(&text, at), &piece);
            }
            Edit::Byte(at, b) => text.insert(boundary(&text, at), char::from(*b)),
            Edit::Nest(at, shape, depth) => {
                let depth = *depth as usize;
                let piece = match shape {
                    0 => format!("{}1{}", "(".repeat(depth), ")".repeat(depth)),
                    1 => format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
                    2 => format!("x = {}1\n", "-".repeat(depth)),
                    3 => format!("x = {}1\n", "not ".repeat(depth)),
                    4 => {
                        (0..depth.min(200)).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + "pass\n"
                    }
                    _ => format!("x = {}\n", vec!["1"; depth].join(" + ")),
                };
                text.insert_str(boundary(&text, at), &piece);
            }
            Edit::Truncate(at) => text.truncate(boundary(&text, at)),
        }
    }
    text
}

fn mutated() -> impl Strategy<Value = String> {
    (0..corpus().len(), prop::collection::vec(edit(), 1..5))
        .prop_map(|(program, edits)| mutate(&corpus()[program], &edits))
}

/// Reads `source` as a script and as a notebook cell: each is accepted, or refused with
/// a message and a place inside the source; neither takes long. Whether the script was
/// accepted.
fn check_parse(source: &str) -> bool {
    let lines = source.split('\n').count() as u32 + 1;
    let mut accepted = false;
    for (cell, read) in [(false, Program::new as fn(&str) -> _), (true, Program::new_cell)] {
        let began = Instant::now();
        match read(source) {
            Ok(_) => accepted |= !cell,
            Err(error) => {
                assert!(!error.message.trim().is_empty(), "no message for {source:?}");
                let place = error.span.start;
                assert!(place.line >= 1 && place.line <= lines, "line {} of {lines} for {source:?}", place.line);
            }
        }
        assert!(began.elapsed() < Duration::from_secs(1), "reading took {:?}: {source:?}", began.elapsed());
    }
    accepted
}

#[test]
fn the_parser_reads_or_refuses_any_text_with_a_message_and_place() {
    fuzz("parser", Until::Tried(count("FUZZ_PARSER", 20_000)), mutated(), |source| check_parse(source));
}

// ----- the interpreter ------------------------------------------------------------------

const STATEMENTS: &[&str] = &[
    "await asyncio.sleep(0)",
    "await asyncio.sleep(0.5)",
    "raise ValueError('boom')",
    "asyncio.current_task().cancel()",
    "return",
    "print('x' * 1000)",
    "s = 'ab'\nfor _ in range(40):\n    s = s + s",
    "items = []\nwhile True:\n    items.append(len(items))",
    "while True:\n    pass",
    "def deep(n):\n    return deep(n + 1)\ndeep(0)",
    "for i in range(100000):\n    print(i)",
    "tasks = [asyncio.ensure_future(asyncio.sleep(1)) for _ in range(100000)]",
    "try:\n    1 / 0\nfinally:\n    raise KeyError('in finally')",
    "try:\n    raise ExceptionGroup('g', [ValueError(1)])\nexcept* ValueError:\n    raise TypeError('in except*')",
    "asyncio.get_running_loop().call_soon(lambda: 1 / 0)",
    "fut = asyncio.get_running_loop().create_future()\nfut.add_done_callback(lambda f: 1 / 0)\nfut.set_result(1)",
    "x = [x] * 10 if 'x' in dir() else [0]",
    "def g():\n    yield from g()\nlist(g())",
    "def g():\n    while True:\n        yield\nfor _ in g():\n    pass",
    "class K:\n    def __init__(self):\n        K()\nK()",
    "class K:\n    def __await__(self):\n        while True:\n            yield\nawait K()",
    "async def ag():\n    while True:\n        yield 1\nasync for _ in ag():\n    pass",
    "print(10 ** 400)",
    "class R:\n    def __repr__(self):\n        return repr(self)\nprint(R())",
    "class E:\n    def __eq__(self, o):\n        return self == o\nprint(E() == E())",
    "class C:\n    def __iter__(self):\n        return self\n    def __next__(self):\n        return 1\nprint(list(C()))",
    "class W:\n    def __enter__(self):\n        with self:\n            pass\n    def __exit__(self, *a):\n        pass\nwith W():\n    pass",
    "class A:\n    @property\n    def x(self):\n        return self.x\nprint(A().x)",
    "import functools\n@functools.lru_cache(maxsize=None)\ndef f(n):\n    return f(n + 1)\nf(0)",
    "import random\nprint(len(random.sample(range(10**9), 10**6)))",
    "import logging\nlogging.basicConfig(level=0)\nwhile True:\n    logging.debug('x')",
    "import heapq\nh = []\nfor i in range(10**6):\n    heapq.heappush(h, -i)",
    "class X(Exception):\n    def __str__(self):\n        raise X()\nraise X()",
];
const NUMBERS: &[&str] = &["0", "-1", "1e308", "0.001", "1000000", "3", "-0.5", "86400"];

#[derive(Debug, Clone)]
enum LineEdit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    Insert(Index, usize),
    Number(Index, usize),
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    prop_oneof![
        1 => any::<Index>().prop_map(LineEdit::Delete),
        1 => any::<Index>().prop_map(LineEdit::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| LineEdit::Swap(a, b)),
        3 => (any::<Index>(), 0..STATEMENTS.len()).prop_map(|(at, s)| LineEdit::Insert(at, s)),
        2 => (any::<Index>(), 0..NUMBERS.len()).prop_map(|(at, n)| LineEdit::Number(at, n)),
    ]
}

fn edit_lines(source: &str, edits: &[LineEdit]) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    for edit in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match edit {
            LineEdit::Delete(at) => {
                lines.remove(at.index(n));
            }
            LineEdit::Duplicate(at) => {
                let i = at.index(n);
                lines.insert(i, lines[i].clone());
            }
            LineEdit::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
            LineEdit::Insert(at, s) => {
                // At the indentation of the line it goes before, so that it often parses.
                let i = at.index(n);
                let indent: String = lines[i].chars().take_while(|c| *c == ' ').collect();
                let block: Vec<String> = STATEMENTS[*s].lines().map(|line| format!("{indent}{line}")).collect();
                lines.splice(i..i, block);
            }
            LineEdit::Number(at, k) => {
                let i = at.index(n);
                if let Some(start) = lines[i].find(|c: char| c.is_ascii_digit()) {
                    let end = lines[i][start..]
                        .find(|c: char| !c.is_ascii_digit() && c != '.')
                        .map_or(lines[i].len(), |e| start + e);
                    lines[i].replace_range(start..end, NUMBERS[*k]);
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

fn program() -> impl Strategy<Value = (String, bool)> {
    (0..corpus().len(), prop::collection::vec(line_edit(), 1..4), any::<bool>())
        .prop_map(|(program, edits, cell)| (edit_lines(&corpus()[program], &edits), cell))
}

/// Seconds since the first call, for the step budget (the page's foreseeing does the same
/// on the browser's clock).
fn wall() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Runs `source` on the virtual clock, if it is accepted, with the budgets the page
/// uses: it ends, however it ends, within a few seconds. Whether it ran.
fn check_run(source: &str, cell: bool) -> bool {
    let read = if cell { Program::new_cell(source) } else { Program::new(source) };
    let Ok(program): Result<Rc<Program>, _> = read else { return false };
    let host = VirtualHost::new(0.0);
    let rt = Runtime::new(host.clone());
    let began = Instant::now();
    let (error, _stderr) = program.simulate_on(&rt, &host, Some(wall));
    if let Some(error) = error {
        assert!(!error.trim().is_empty(), "an empty error for {source:?}");
    }
    if began.elapsed() > Duration::from_secs(2) {
        eprintln!("slow: {:?}: {source:?}", began.elapsed());
    }
    assert!(began.elapsed() < Duration::from_secs(5), "the run took {:?}: {source:?}", began.elapsed());
    true
}

#[test]
fn the_interpreter_ends_any_program_with_its_output_or_a_message() {
    // Mutated programs are tried until so many were accepted and ran, on a thread with
    // the stack tests/python.rs gives the interpreter (a thousand nested calls, natively
    // and unoptimized, need a few MB).
    let want = count("FUZZ_PROGRAMS", 300);
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || fuzz("programs", Until::Accepted(want), program(), |(source, cell)| check_run(source, *cell)))
        .expect("a thread")
        .join()
        .expect("no panic");
}
