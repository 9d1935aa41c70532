//! The editor's Python against CPython's: every program of the corpus is read by the
//! core's parser and by CPython (`tests/python_ast.py`), and both trees must be the
//! same; every broken program is refused with CPython's message, line and column.
#![cfg(all(not(target_arch = "wasm32"), feature = "python"))]

use std::path::Path;
use std::process::Command;

use asyncio_playground::python::{ast, parse, Program};
use asyncio_playground::runtime::Runtime;
use asyncio_playground::trace::Kind;
use asyncio_playground::virtual_clock::VirtualHost;

/// Runs a CPython harness of tests/ over `sources` (handed over as a JSON list in a
/// file) and returns what it printed.
fn harness(script: &str, sources: &[&str]) -> String {
    let json: Vec<String> = sources.iter().map(|s| json_string(s)).collect();
    harness_json(script, &json)
}

/// Runs a CPython harness of tests/ over `items`, each a JSON value, and returns what
/// it printed.
fn harness_json(script: &str, json: &[String]) -> String {
    harness_json_in("python3", script, json)
}

/// `harness_json` run by the CPython at `python`.
fn harness_json_in(python: &str, script: &str, json: &[String]) -> String {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("asyncio-playground-python-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sources.json");
    std::fs::write(&file, format!("[{}]", json.join(","))).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
    let output = Command::new(python).arg(&script).arg(&file).output().expect("python3 runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// CPython's reading of each source: `Ok(tree)` or `Err((message, line, column))`.
fn cpython(sources: &[&str]) -> Vec<Result<String, (String, u32, u32)>> {
    harness("tests/python_ast.py", sources)
        .lines()
        .map(|line| {
            if let Some(tree) = line.strip_prefix("{\"tree\": ") {
                Ok(json_unquote(tree.strip_suffix('}').unwrap()))
            } else if let Some(error) = line.strip_prefix("{\"error\": [") {
                let error = error.strip_suffix("]}").unwrap();
                let (message, rest) = error.rsplit_once(", ").unwrap();
                let (message, line) = message.rsplit_once(", ").unwrap();
                Err((json_unquote(message), line.parse().unwrap(), rest.parse().unwrap()))
            } else {
                panic!("CPython read a program outside the subset: {line}")
            }
        })
        .collect()
}

/// What a program printed, with the loop's time of each line, and its traceback.
type Ran = (Vec<(String, f64)>, Option<String>);

/// What CPython prints for each program (`tests/python_run.py`), on a virtual clock,
/// with the loop's time of each line, and its traceback.
fn cpython_runs(sources: &[&str]) -> Vec<Ran> {
    let programs: Vec<(&str, Way)> = sources.iter().map(|&source| (source, Way::default())).collect();
    cpython_runs_as(&programs).into_iter().map(|(ran, _)| ran).collect()
}

/// What CPython prints for each program interrupted as by Ctrl+C at the loop's time
/// given, as the page's Stop interrupts it.
fn cpython_runs_stopped(cases: &[(&str, f64)]) -> Vec<Ran> {
    let programs: Vec<(&str, Way)> =
        cases.iter().map(|&(source, at)| (source, Way { stop_at: Some(at), ..Way::default() })).collect();
    cpython_runs_as(&programs).into_iter().map(|(ran, _)| ran).collect()
}

/// How a program is run, by CPython's harness and by the core alike: as a script or as
/// a notebook cell, with Stop pressed at a moment or not.
#[derive(Clone, Copy, Debug, Default)]
struct Way {
    cell: bool,
    stop_at: Option<f64>,
    /// Whether what it writes to standard error besides warnings is compared too (the
    /// harness sees a task that failed unasked report it only when its garbage is
    /// collected, which a harness that runs many programs does not foresee).
    stderr: bool,
}

/// What CPython prints for each program, run its way, and the warnings it writes to
/// standard error, without their place (`RuntimeWarning: coroutine 'f' was never awaited`).
fn cpython_runs_as(programs: &[(&str, Way)]) -> Vec<(Ran, Vec<String>)> {
    cpython_runs_in("python3", programs)
}

/// `cpython_runs_as`, by the CPython at `python`.
fn cpython_runs_in(python: &str, programs: &[(&str, Way)]) -> Vec<(Ran, Vec<String>)> {
    let json: Vec<String> = programs
        .iter()
        .map(|(source, way)| {
            let stop = way.stop_at.map_or("null".to_owned(), |at| format!("{at:?}"));
            format!("{{\"source\": {}, \"interrupt\": {stop}, \"cell\": {}}}", json_string(source), way.cell)
        })
        .collect();
    let mut runs: Vec<(Ran, Vec<String>)> = Vec::new();
    for line in harness_json_in(python, "tests/python_run.py", &json).lines() {
        let compare_stderr = runs.len().checked_sub(1).is_some_and(|i| programs[i].1.stderr);
        let Some(((lines, error), warnings)) = runs.last_mut().filter(|_| line != "program") else {
            runs.push(((Vec::new(), None), Vec::new()));
            continue;
        };
        if let Some(rest) = line.strip_prefix("out ") {
            let (at, text) = rest.split_once(' ').unwrap();
            lines.push((json_unquote(text), at.parse().unwrap()));
        } else if let Some(text) = line.strip_prefix("warn ") {
            warnings.push(without_place(&json_unquote(text)).to_owned());
        } else if let Some(text) = line.strip_prefix("stderr ") {
            // What else it wrote to standard error (logging, tracebacks it printed).
            if compare_stderr {
                warnings.push(format!("stderr:\n{}", json_unquote(text)));
            }
        } else if let Some(text) = line.strip_prefix("error ") {
            *error = Some(json_unquote(text));
        }
    }
    runs
}

/// A warning without the file and line it names: `RuntimeWarning: ...`.
fn without_place(warning: &str) -> &str {
    let after_file = warning.find(".py:").map_or(warning, |at| &warning[at + 4..]);
    after_file.split_once(": ").map_or(warning, |(_, rest)| rest)
}

/// What the core prints for a program run its way, and the warnings among what it
/// writes to standard error, without their place.
fn ours(source: &str, way: Way) -> (Ran, Vec<String>) {
    let source = source.to_owned();
    on_big_stack(move || {
        let program = if way.cell { Program::new_cell(&source) } else { Program::new(&source) };
        let run = program.unwrap_or_else(|e| panic!("{e}\n{source}")).simulate_stopped_at(way.stop_at);
        // (Warnings name where they were given: a line of main.py, asyncio's step in
        // its library, or `sys` at the interpreter's exit.)
        let is_warning = |text: &&String| {
            ["main.py:", "sys:1: ", "/lib/python3.11/"].iter().any(|place| text.starts_with(place))
                && text.lines().next().is_some_and(|first| first.contains("Warning: "))
        };
        // (A warning's first line: the line of source CPython shows under it is not
        // in what the harness records.)
        let mut warnings: Vec<String> = run
            .stderr
            .iter()
            .filter(is_warning)
            .map(|text| without_place(text.lines().next().unwrap_or_default()).to_owned())
            .collect();
        let written: String = run.stderr.iter().filter(|t| !is_warning(t)).map(|t| format!("{t}\n")).collect();
        if way.stderr && !written.is_empty() {
            warnings.push(format!("stderr:\n{written}"));
        }
        ((run.lines(), run.error), warnings)
    })
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads back a JSON string that `json.dumps` wrote.
fn json_unquote(s: &str) -> String {
    let s = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).expect("a JSON string");
    let mut out = String::new();
    let mut chars = s.chars();
    let mut pending: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next().unwrap() {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'u' => {
                let unit = u32::from_str_radix(&chars.by_ref().take(4).collect::<String>(), 16).unwrap();
                if (0xD800..0xDC00).contains(&unit) {
                    pending = Some(unit);
                } else if let Some(high) = pending.take() {
                    out.push(char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)).unwrap());
                } else {
                    out.push(char::from_u32(unit).unwrap());
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Programs in the subset, from the tutorial's to every construct the parser reads.
const PROGRAMS: &[&str] = &[
    r#"import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
"#,
    "loop = asyncio.get_event_loop()\nloop.run_until_complete(main())\n",
    "x = 1; y = 2.5; z = 'a' \"b\" '''c'''\n",
    "a = b = c = [1, 2, 3][1:]\n",
    "a, *b = t\n(x, y), z = p\n[m, n] = q\nfor k, v in d.items(): pass\n",
    "x += 1\ny -= 2\nz *= 3\nw /= 4\nv //= 5\nu %= 6\nt **= 7\ns[0] |= 1\nr.q <<= 2\n",
    "def f(a, b=1, *args, c, d=2, **kw):\n    return a + b * c - d / 2 // 3 % 4 ** -5\n",
    "def g(*, key):\n    pass\n",
    "f = lambda x, y=2: x if x > y else y\nh = lambda: None\nk = lambda *a, **k: (a, k)\n",
    "async def main():\n    async with asyncio.TaskGroup() as tg:\n        t = tg.create_task(work(1), name='w')\n    async with lock:\n        pass\n",
    "async def m():\n    return await asyncio.gather(*(f(i) for i in range(3)), return_exceptions=True)\n",
    "async def m():\n    x = (await a) + await b\n    y = await c ** 2\n    z = -await d\n    return [await e for e in es]\n",
    "if a:\n    pass\nelif b:\n    pass\nelif c: x = 1\nelse:\n    y = 2\n",
    "while not done and n < 10 or flag:\n    n += 1\n    if n == 5:\n        continue\n    break\nelse:\n    pass\n",
    "for i in range(10):\n    pass\nelse:\n    print('no break')\n",
    r#"try:
    risky()
except ValueError as e:
    print(e)
except (TypeError, KeyError):
    raise
except Exception:
    raise RuntimeError('x') from e
else:
    ok()
finally:
    cleanup()
"#,
    "try:\n    pass\nexcept* ValueError as eg:\n    pass\nexcept* (TypeError, KeyError):\n    pass\n",
    "try:\n    pass\nfinally:\n    pass\n",
    "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        global g\n        n += 1\n    return inner\n",
    "assert x == 1, 'x must be 1'\nassert y\ndel a, b[0], c.d\n",
    "from asyncio import sleep, gather as g\nimport time as t, asyncio\nfrom asyncio import (Queue,\n    Event,)\n",
    "print(f'{x!r:>10} {y:.2f} {z=} {w!s} {{literal}} {n:>{width}} {a + b}')\n",
    "print(f\"{'nested'} {d['k']} {x, y}\")\nprint(f'{x = }', rf'\\n{x}', f'a' 'b' f'{c}')\n",
    "s = 'tab\\there' + \"new\\nline\" + '\\x41\\u00e9\\101' + r'raw\\n' + 'caf\u{e9} \u{2615}'\n",
    "print(1, 2, sep=', ', end='')\nprint(*items, **opts)\n",
    "x = {1: 'a', 'b': 2, **other}\ny = {1, 2, 3}\nz = {}\nw = {k: v for k, v in pairs if v}\nv = {i for i in s}\n",
    "squares = [i * i for i in range(10) if i % 2 if i > 2 for j in range(i)]\ntotal = sum(x for x in xs)\n",
    "x = a[1:2:3], a[:], a[::2], a[1:], a[:-1], a[i, j]\n",
    "y = 1 < x <= 3 != 4 == z is not None in w not in v is u\nz = not a\nw = ~x & y | z ^ q << 1 >> 2\n",
    "n = 0x1F + 0o17 + 0b101 + 1_000_000 + 0\nf = 1.5e3 + .5 + 1. + 1e-3 + 0.0\n",
    "x = (1,)\ny = ()\nz = 1,\nw = (1, 2,)\n",
    "x = a if b else c if d else e\ny = [\n    1,\n    2,\n]\nz = \\\n    3\n",
    "def f():\n    return\n\ndef g():\n    return 1, 2\n",
    "async def f(x: int, y: str = 'a') -> None:\n    n: int = 1\n    m: float\n",
    "x = type(e).__name__\ny = isinstance(e, (ValueError, TypeError))\nz = [] if x else {}\n",
    "def stub(a):\n    ...\n\nx = [..., Ellipsis]\n",
    "def f(a, b=1, /, c=2, *, d):\n    pass\n\ng = lambda x, /: x\n",
    "# a comment only\n\n   # indented comment\nx = 1  # trailing\n",
    "if x:\n\n    # comment in a block\n\n    y = 1\n",
    "print(\"\"\"multi\nline\"\"\")\n",
];

/// Programs CPython refuses, with its message, line and column.
const BROKEN: &[&str] = &[
    "x = b'a' 'b'\n",
    "x = (f'{1}'\n     b'b')\n",
    "x = b'caf\u{e9}'\n",
    "@deco\nx = 1\n",
    "@\ndef f():\n    pass\n",
    "@deco extra\ndef f():\n    pass\n",
    "@deco\n\nasync x\n",
    "class A:\n    @property\n    def x(self):\n        return 1\n    @x.setter\n",
    "@x\nclass\n",
    "def k(/, a): pass\n",
    "def k(a, /, /): pass\n",
    "def k(*, a, /): pass\n",
    "x = (1,\n",
    "x = 'abc\n",
    "x = '''abc\n\n",
    "if x:\npass\n",
    "  x\n",
    "x = 1abc\n",
    "x = \u{20ac}\n",
    "x = )\n",
    "x = (]\n",
    "f(a b)\n",
    "def f()\n  pass\n",
    "x = = 1\n",
    "await x\n",
    "return 1\n",
    "break\n",
    "f() = 1\n",
    "x +\n",
    "x = 0777\n",
    "x = 1 if y\n",
    "for x in y\n  pass\n",
    "print 'a'\n",
    "a = [1, 2\nb = 3\n",
    "x = 1\n\tif y: pass\n",
    "x = 'a' 'b\n",
    "x = \"\"\"a\n",
    "f'{x!z}'\n",
    "f'{}'\n",
    "nonlocal x\n",
    "del f()\n",
    "(a, b) += 1\n",
    "x = *a\n",
    "try:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "async with a as b:\n  pass\n",
    "def f():\n    await x\n",
    "while x:\n    def g():\n        break\n",
    "continue\n",
    "def f(a=1, b):\n    pass\n",
    "def f(a, a):\n    pass\n",
    "f(a=1, a=2)\n",
    "f(a=1, 2)\n",
    "1 = x\n",
    "a + b = c\n",
    "for f() in x:\n    pass\n",
    "if x:\n    pass\n  else:\n    pass\n",
    "x = [1, 2 3]\n",
    "def f():\n    return\n  x = 1\n",
    "x = 1 +* 2\n",
    "else:\n    pass\n",
    "lambda x: await y\n",
    "x:=1\n",
    "asy:=ncio.run(main())\n",
    "print(f\"a {'\\\\n'.join(xs)} b\")\n",
    // Found by the fuzzer at scale: each made the compiler give up half way, and panic.
    "tasks = [*make(i) for i in range(3)]\n",
    "s = {*a for a in b}\n",
    "g = (*a for a in b)\n",
    "f(*a for a in b)\n",
    "d = {**a for a in b}\n",
];

/// Broken programs that CPython's compiler refuses (the parser reads them): refused
/// before running with its message, line and column, the compiler giving up cleanly
/// however far into a function it got (the fuzzer at scale found it panicking).
const BROKEN_FOR_THE_COMPILER: &[&str] = &[
    "import asyncio\n\nasync def main():\n    try:\n        pass\n    except* ValueError:\n        return\n        print('after')\n",
    "for x in y:\n    try:\n        pass\n    except* OSError:\n        [x for x in y]\n        break\n",
    "class A:\n    def f(self):\n        while True:\n            try:\n                pass\n            except* KeyError:\n                continue\n",
    "g = lambda: [y for y in x]\nh = (y async for y in x)\n",
    "import asyncio\n\nasync def main():\n    from math import *\n",
    "class A:\n    from asyncio import *\n",
];

#[test]
fn what_cpythons_compiler_refuses_is_refused_before_running() {
    let cpython = cpython(BROKEN_FOR_THE_COMPILER);
    for (source, expected) in BROKEN_FOR_THE_COMPILER.iter().zip(cpython) {
        match expected {
            Err((message, line, column)) => {
                let e =
                    Program::new(source).err().unwrap_or_else(|| panic!("{source:?}: accepted; CPython: {message}"));
                let ours = (e.message.clone(), e.span.start.line, e.span.start.col + 1);
                assert_eq!(ours, (message, line, column), "{source:?}");
            }
            Ok(_) => assert!(Program::new(source).is_ok(), "{source:?}: refused; CPython reads it"),
        }
    }
}

/// Broken programs too long to write out: CPython's limits on nesting.
fn deeply_broken() -> Vec<String> {
    vec![
        format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201)),
        format!("x = {}]\n", "[".repeat(300)),
        (0..100).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(100) + "pass\n",
    ]
}

#[test]
fn the_parser_reads_every_program_as_cpython_does() {
    let mut programs = corpus("tests/programs");
    programs.extend(corpus("tests/programs/3.13"));
    let corpus = programs;
    let sources: Vec<&str> = PROGRAMS.iter().copied().chain(corpus.iter().map(|(_, s)| s.as_str())).collect();
    let cpython = cpython(&sources);
    for (source, expected) in sources.iter().zip(cpython) {
        let expected = expected.unwrap_or_else(|e| panic!("CPython refused {source:?}: {e:?}"));
        let ours = parse(source).unwrap_or_else(|e| panic!("{e}\n{source}"));
        assert_eq!(ast::dump(&ours), expected, "\n{source}");
    }
}

#[test]
fn broken_programs_are_refused_with_cpythons_message_line_and_column() {
    let deep = deeply_broken();
    let broken: Vec<&str> = BROKEN.iter().copied().chain(deep.iter().map(String::as_str)).collect();
    let cpython = cpython(&broken);
    let mut wrong = Vec::new();
    for (source, expected) in broken.iter().zip(cpython) {
        let (message, line, column) = expected.expect_err(source);
        match parse(source) {
            Ok(_) => wrong.push(format!("{source:?}: accepted; CPython: {message} ({line}:{column})")),
            Err(e) => {
                let ours = (e.message.clone(), e.span.start.line, e.span.start.col + 1);
                if ours != (message.clone(), line, column) {
                    wrong.push(format!("{source:?}: ours {ours:?}, CPython {:?}", (message, line, column)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), broken.len(), wrong.join("\n"));
}

#[test]
fn what_the_subset_lacks_is_refused_before_it_runs_naming_it() {
    for (source, what) in [
        ("class A:\n    def __reduce__(self):\n        pass\n", "the special method __reduce__"),
        ("class A:\n    def __getattribute__(self, name):\n        pass\n", "the special method __getattribute__"),
        ("import subprocess\n", "not 'subprocess' (a page has no files, processes or signals"),
        ("import urllib.request\n", "not 'urllib.request' (a page cannot open network connections"),
        ("import socket\n", "not 'socket'"),
        ("x = b'caf\u{e9}'\n", "bytes can only contain ASCII literal characters"),
        ("x = 1j\n", "complex"),
        ("import optparse\n", "not 'optparse' (a page has no command line: use argparse"),
        ("import ctypes\n", "not 'ctypes'"),
    ] {
        let error = Program::new(source).err().expect(source);
        assert!(error.message.contains(what), "{source:?}: {error}");
    }
}

/// What a page cannot do and a program asks for as it runs (the network, processes,
/// signals, files, threads) fails there with a sentence saying why, and what to do
/// instead where there is something.
#[test]
fn what_a_page_cannot_do_fails_where_it_is_asked_for_saying_why() {
    let call = |line: &str| format!("import asyncio\n\nasync def main():\n    {line}\n\nasyncio.run(main())\n");
    for (source, what) in [
        (call("await asyncio.open_connection('example.com', 80)"), "asyncio.open_connection needs the network"),
        (call("await asyncio.start_server(print, port=8888)"), "asyncio.start_server needs the network"),
        (call("await asyncio.create_subprocess_exec('ls', stdout=asyncio.subprocess.PIPE)"), "starts a process"),
        (call("asyncio.get_running_loop().add_reader(0, print)"), "loop.add_reader needs the network"),
        (
            call("await asyncio.get_running_loop().create_connection(object, 'h', 1)"),
            "loop.create_connection needs the network",
        ),
        (call("await asyncio.get_running_loop().getaddrinfo('h', 1)"), "loop.getaddrinfo needs the network"),
        (call("asyncio.StreamReader()"), "asyncio.StreamReader needs the network"),
        // (A coroutine blocks the loop waiting for a thread, as CPython's; a key
        // function, which Rust calls, cannot.)
        (
            call(
                "import time\n    from concurrent.futures import ThreadPoolExecutor\n    pool = ThreadPoolExecutor()\n    sorted([2, 1], key=lambda n: pool.submit(time.sleep, n).result())",
            ),
            "Future.result() before the thread is done: the playground's threads run while the event loop runs",
        ),
        (
            "with open('data.txt') as f:\n    print(f.read())\n".to_owned(),
            "name 'open' is not defined (a page has no files",
        ),
        ("name = input('name? ')\n".to_owned(), "(a program in the page reads no keyboard"),
    ] {
        let error = simulate(&source).1.unwrap_or_else(|| panic!("{source} ran"));
        assert!(error.contains(what), "{source}: {error}");
    }
}

/// Programs that need no event loop: the language itself, printed and raised.
const PLAIN: &[&str] = &[
    "def f():\n    return __name__\n\nif __name__ == '__main__':\n    print(f(), __name__)\n__name__ = 'x'\nprint(f())\ndel __name__\nprint(__name__)\n",
    "print('hello', 'world', sep=', ', end='!\\n')\nprint()\nprint(1, 2.5, None, True, [1, 'a'], (1,), {'k': (2, 3)}, {1, 2}, set())\n",
    "print(1 + 2 * 3 - 4 / 2, 7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 2 ** -1, 10 / 4, 1e16, 1e15, 0.1 + 0.2, 1 / 3)\n",
    "print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 3 & 5, 3 | 5, 3 ^ 5, ~5, 1 << 10, -16 >> 2, abs(-3), abs(-2.5))\n",
    "print(len(f'{0.5:.86400f}'), f'{0.1:.1200f}'[1050:1080], f'{1/3:.1000e}'[-12:], f'{2.5:#.2000g}'[-6:], len(format(1e300, '.70000f')), f'{1e-300:.2000g}'[:20])\n",
    "print(round(2.5), round(3.5), round(0.125, 2), round(1234, -2), round(-0.5), round(2.675, 2), divmod(-7, 2), divmod(7.5, 2))\n",
    "x = 5\nprint(1 < x < 10, x == 5.0, 'a' < 'b', [1, 2] < [1, 3], (1, 2) == (1, 2), x is None, x is not None, 3 in [1, 2, 3], 'ell' in 'hello', 4 not in {1: 2})\n",
    "print(not 0, 1 and 2, 0 and 2, 0 or 'x', '' or [] or None, 1 if 0 else 2)\n",
    "s = 'Hello, World'\nprint(s.upper(), s.lower(), s.split(', '), s.split(), '  x  '.strip(), s.startswith('He'), s.endswith(('x', 'ld')), s.replace('l', 'L', 2), s.find('o'), s.count('l'))\n",
    "print('-'.join(['a', 'b', 'c']), 'abc'[1], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::2], 'abcdef'[::-1], len('café'), 'x'.center(5, '*'), 'ab'.ljust(4) + '|', '42'.zfill(5), 'hello world'.title(), 'hello'.capitalize(), '12'.isdigit())\n",
    "print('{} and {}'.format('a', 1), '{1}{0}'.format('a', 'b'), '{x}!'.format(x=3), '{:>6.2f}|{:<4}|{:^5}|'.format(3.14159, 'ab', 'c'), '%s is %d years, %.1f%%' % ('Al', 30, 99.5))\n",
    "w, n, x = 'hi', 42, 3.14159\nprint(f'{w!r} {n:>5} {n:05} {n:,} {x:.2f} {x:10.3f}| {x:e} {x:g} {n:x} {n:#b} {0.25:.1%} {w:*^8} {n=} {x = :.1f} {1e21} {-0.0} {float(\"inf\")}')\n",
    "xs = [3, 1, 2]\nxs.append(5)\nxs.extend([0, 4])\nxs.insert(0, 9)\nprint(xs, xs.pop(), xs.pop(0), xs.index(2), xs.count(1))\nxs.sort()\nprint(xs, sorted(xs, reverse=True), sorted(['bb', 'a', 'ccc'], key=len), list(reversed(xs)))\nxs.remove(2)\nxs.reverse()\nprint(xs, xs[1:], xs[:-1], xs * 2, xs + [7], min(xs), max(xs), sum(xs), len(xs))\n",
    "d = {'a': 1, 'b': 2}\nd['c'] = 3\nprint(d, d['a'], d.get('z'), d.get('z', 0), list(d.keys()), list(d.values()), list(d.items()), len(d), 'a' in d)\ndel d['a']\nprint(d, d.pop('b'), d, d.setdefault('q', []), d)\nd.update({'x': 1}, y=2)\nprint(d, dict(a=1), dict([('k', 'v')]), {k: v * 2 for k, v in d.items() if k != 'q'})\n",
    "s = {3, 1, 2}\ns.add(4)\ns.discard(9)\nprint(sorted(s), 2 in s, len(s), sorted(s | {9}), {1, 2} & {2, 3}, {1, 2} - {2}, set([1, 1, 2]))\n",
    "print([i * i for i in range(5)], [x for x in range(10) if x % 3 == 0], [(i, j) for i in range(2) for j in range(2)], {i % 3 for i in range(10)}, sum(x for x in range(101)))\n",
    "for i, w in enumerate(['a', 'b'], start=1):\n    print(i, w)\nfor a, b in zip([1, 2, 3], 'xy'):\n    print(a, b)\nprint(list(range(10, 0, -3)), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])), any([0, 1]), all([]), tuple('ab'))\n",
    "n = 0\nwhile True:\n    n += 1\n    if n % 2:\n        continue\n    if n > 6:\n        break\n    print(n)\nelse:\n    print('never')\nfor i in range(3):\n    pass\nelse:\n    print('done', i)\n",
    "def f(a, b=2, *args, c, d=4, **kw):\n    return a, b, args, c, d, kw\nprint(f(1, c=3))\nprint(f(1, 2, 3, 4, c=5, e=6))\nprint(f(*[1, 2], **{'c': 0}))\ng = lambda x, y=1: x * y\nprint(g(3), g(3, 4), (lambda: 'z')())\n",
    "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter()\nc()\nprint(c(), c())\ntotal = 0\ndef add(x):\n    global total\n    total += x\nadd(5)\nadd(6)\nprint(total)\n",
    "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint([fib(i) for i in range(15)])\n",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught', e, repr(e), type(e).__name__, e.args)\nelse:\n    print('no')\nfinally:\n    print('finally')\ntry:\n    [][1]\nexcept (KeyError, IndexError) as e:\n    print(type(e).__name__, e)\ntry:\n    {}['k']\nexcept LookupError as e:\n    print(repr(e), str(e))\n",
    "def f():\n    try:\n        return 'try'\n    finally:\n        print('cleanup')\nprint(f())\ndef g():\n    for i in range(3):\n        try:\n            if i == 1:\n                break\n        finally:\n            print('f', i)\n    return i\nprint(g())\n",
    "try:\n    raise ValueError('bad', 42)\nexcept Exception as e:\n    print(e, e.args, isinstance(e, ValueError), isinstance(e, LookupError), isinstance(True, int), isinstance(1, (str, int)))\ntry:\n    try:\n        raise KeyError('k')\n    except KeyError:\n        raise\nexcept KeyError as e:\n    print('re-raised', e)\n",
    "try:\n    raise ExceptionGroup('g', [ValueError(1)])\nexcept* ValueError:\n    raise TypeError('in except*')\n",
    "try:\n    1 / 0\nfinally:\n    raise KeyError('in finally')\n",
    "try:\n    raise ExceptionGroup('many', [ValueError(1), TypeError(2), ValueError(3)])\nexcept* ValueError as eg:\n    print('values', eg.exceptions)\nexcept* TypeError as eg:\n    print('types', repr(eg))\n",
    "assert 1 + 1 == 2\ntry:\n    assert 1 > 2, 'math'\nexcept AssertionError as e:\n    print('assert:', e)\nx = 1\ndel x\ntry:\n    print(x)\nexcept NameError as e:\n    print(e)\n",
    "def f():\n    print(y)\n    y = 1\ntry:\n    f()\nexcept UnboundLocalError as e:\n    print(e)\nprint(int('42'), int(3.9), int(-3.9), float('1.5'), float(2), str(1.0), bool([]), bool('x'), list('ab'), str(None), repr('it\\'s'), repr(\"q\\\"\"))\n",
    "a, *b, c = range(5)\nprint(a, b, c)\n(x, y), z = (1, 2), 3\nprint(x, y, z)\nfirst, second = 'ab'\nprint(first, second)\nxs = [0, 1, 2, 3, 4]\nxs[1:3] = ['a']\nxs[0] += 10\nprint(xs)\n",
    "print(type(1).__name__, type('').__name__, type([]).__name__, type(None).__name__, type(len).__name__, type(print), int, ValueError, str(type(2.0)))\n",
    "print(1)\nraise ValueError('boom')\n",
    "def inner():\n    raise RuntimeError('deep')\ndef outer():\n    inner()\nouter()\n",
    "try:\n    1 / 0\nexcept ZeroDivisionError:\n    x = {}['missing']\n",
    "try:\n    int('x')\nexcept ValueError as e:\n    raise RuntimeError('wrapped') from e\n",
    "try:\n    int('x')\nexcept ValueError:\n    raise RuntimeError('quiet') from None\n",
    "print(undefined_name)\n",
    "def f(a, b):\n    pass\nf(1)\n",
    "def f(a):\n    pass\nf(1, 2)\n",
    "def f(a):\n    pass\nf(a=1, b=2)\n",
    "x = 1 + 'a'\n",
    "x = 'a' + 1\n",
    "len(5)\n",
    "None()\n",
    "[1, 2][5]\n",
    "x, y = [1, 2, 3]\n",
    "print('partial', end='')\nprint(' line')\nprint('no newline at the end', end='')\n",
    "raise ExceptionGroup('two', [ValueError('a'), KeyError('b')])\n",
    "def f(n):\n    return f(n + 1)\nf(0)\n",
    r#"print('a\x1cb\x85c d\u3000e'.split(), '\x1c'.isspace(), '\ufeff'.isspace(), 'straße'.upper(), 'ΣΑΣ ΟΔΟΣ'.lower())
print('Ǳ'.isupper(), 'ǅ'.istitle() if False else 'x', 'Ⅻ'.isalpha(), '٣'.isalnum(), 'é'.isalpha(), 'x y'.title(), 'ÉCOLE'.capitalize())
"#,
];

/// Runs `f` on a thread with the stack a browser tab gives the interpreter (a thousand
/// nested calls need a few MB).
fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(16 << 20).spawn(f).unwrap().join().unwrap()
}

fn program(source: &str) -> std::rc::Rc<Program> {
    Program::new(source).unwrap_or_else(|e| panic!("{e}\n{source}"))
}

/// Runs a program without the event loop.
fn run_plain(source: &'static str) -> (Vec<String>, Option<String>) {
    on_big_stack(move || program(source).run_without_loop())
}

/// Runs a program on the virtual clock: its lines with their loop times, its traceback.
fn simulate(source: &str) -> Ran {
    let run = program(source).simulate();
    (run.lines(), run.error)
}

#[test]
fn plain_programs_print_and_fail_as_in_cpython() {
    let cpython = cpython_runs(PLAIN);
    let mut wrong = Vec::new();
    for (source, (lines, error)) in PLAIN.iter().zip(cpython) {
        let expected = (lines.into_iter().map(|(text, _)| text).collect::<Vec<_>>(), error);
        let ours = run_plain(source);
        if ours != expected {
            wrong.push(format!("{source}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), PLAIN.len(), wrong.join("\n"));
}

/// Tracebacks draw CPython 3.11's carets: under a binary operation, a subscript, an
/// attribute, a call inside a longer line, a name, an unpacking, a store, an assert's
/// test, across lines, after brackets; none where the failing part is the whole line.
const CARETS: &[&str] = &[
    r#"for spec, v in [("invalid", 3.14), ("xyz", 5), ("bad", "s")]:
    try:
        format(v, spec)
    except ValueError as e:
        print(e)
print(f"{3.14:invalid}")
"#,
    r#"d = {'a': 1}
total += 1
"#,
    r#"d = {'a': 1}
d['b'] += 1
"#,
    r#"class C:
    pass

c = C()
c.n += 1
"#,
    r#"x = [1]
x[0] //= 0
"#,
    r#"d = {}
print(d["b"])
"#,
    r#"x = 1
y = x + "a" + "b"
"#,
    r#"x = [1]
x += 5
"#,
    r#"class P: __slots__ = ()
p = P()
p.x = 5
"#,
    r#"def f():
    return 1 / 0
print(f() + 1)
"#,
    r#"items = [1, 2]
a, b, c = items
"#,
    r#"for i in 5:
    pass
"#,
    r#"print(undefined_name)
"#,
    r#"value = len(5) if True else 0
"#,
    r#"ok = False
if not ok: raise ValueError("x")
"#,
    r#"assert 1 == 2, "nope"
"#,
    r#"def f(a):
    return a
f(1, 2)
"#,
    r#"x = {"a": {"b": 1}}
print(x["a"]["c"])
"#,
    r#"s = "abc"
n = s.missing_method()
"#,
    r#"n = int("x")
"#,
    r#"total = sum([1, "a"])
"#,
    r#"import math
v = math.sqrt(-1) * 2
"#,
    r#"y = (1 +
     "a")
"#,
    r#"obj = None
obj.attr.more
"#,
    r#"a = [1][5]
"#,
    r#"print(f"{1/0}")
"#,
    r#"x = 1 <  "a"
"#,
    r#"def f(): raise KeyError(1)
def g(): f()
g()
"#,
    r#"l = []
l.pop()
"#,
    r#"x = - "a"
"#,
    r#"def gen():
    yield 1
    raise ValueError("in gen")
for x in gen():
    pass
"#,
    r#"data = [1, 2, "x"]
total = [v * 2 + 1 for v in data if v - 1]
"#,
    r#"f = lambda x: x["k"]
print(f({}))
"#,
    r#"class A:
    def __init__(self, n):
        self.n = n + "s"
a = A(1)
"#,
    r#"items = {"a": 1}
del items["b"]
"#,
    r#"x = (1 + 2) * "a" - 3
"#,
    r#"y = 2 ** "x"
"#,
    r#"class C:
    def __init__(self):
        self.count = 0
    def bump(self):
        self.count += "a"
C().bump()
"#,
    r#"text = "héllo wörld"; n = text + 5
"#,
    r#"s = [1, 2, 3]
print(s[1:2] + "x")
"#,
    r#"def outer():
    return inner(1,
                 2)
def inner(a, b):
    return a / (b - 2)
outer()
"#,
    r#"result = max([], key=len) if True else None
"#,
    r#"values = [3, 1]
values.sort(key=lambda v: v.lower())
"#,
    r#"class Err(Exception):
    pass
def check(v):
    if v < 0: raise Err(f"negative: {v}")
check(-1)
"#,
    r#"x = 5
print(f"value: {x.nope}")
"#,
    r#"try:
    int("a")
except ValueError as e:
    raise RuntimeError("wrapped") from e
"#,
    r#"cfg = {"a": {"b": None}}
cfg["a"]["b"]["c"]
"#,
    r#"nums = [1, 2]
first, *rest, last, extra = nums
"#,
    r#"a = 1; b = 0
c = a % b
"#,
    r#"names = ["a"]
print(names.index("b"))
"#,
    r#"def f(*, key):
    return key
f(1)
"#,
    r#"x = None
x()
"#,
];

#[test]
fn tracebacks_draw_cpythons_carets() {
    let cpython = cpython_runs(CARETS);
    let mut wrong = Vec::new();
    for (source, (lines, error)) in CARETS.iter().zip(cpython) {
        let expected = (lines.into_iter().map(|(text, _)| text).collect::<Vec<_>>(), error);
        let ours = run_plain(source);
        if ours != expected {
            wrong.push(format!("{source}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), CARETS.len(), wrong.join("\n"));
    let drawn = CARETS.iter().filter(|s| run_plain(s).1.is_some_and(|e| e.contains("^"))).count();
    assert!(drawn >= 20, "carets drawn in {drawn} tracebacks");
}

#[test]
fn integers_beyond_64_bits_are_exact_not_wrapped() {
    let (printed, error) = run_plain("print(2 ** 62)\nx = 2 ** 64\nprint(x, x - 1 == 18446744073709551615)\n");
    assert_eq!(printed, ["4611686018427387904", "18446744073709551616 True"]);
    assert_eq!(error, None);
    let (printed, _) = run_plain("x = -9223372036854775807 - 1\nprint(-x, x * x, type(-x - 1) is int)\n");
    assert_eq!(printed, ["9223372036854775808 85070591730234615865843651857942052864 True"]);
}

/// asyncio programs, from the tutorial's to the corners of tasks and gather.
const ASYNC: &[&str] = &[
    r#"import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
"#,
    r#"import asyncio
import time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

asyncio.run(main())
"#,
    "import asyncio\n\nasync def double(x, delay):\n    await asyncio.sleep(delay)\n    return x * 2\n\nasync def main():\n    results = await asyncio.gather(double(1, 0.3), double(2, 0.1), double(3, 0.2))\n    print(results)\n    t = asyncio.create_task(double(5, 0.5), name='five')\n    print(t.get_name(), t.done())\n    print(await t, t.done(), t.result())\n    return 'main done'\n\nprint(asyncio.run(main()))\nprint('after the loop')\n",
    "import asyncio\n\nasync def tick(name, n, delay):\n    for i in range(n):\n        await asyncio.sleep(delay)\n        print(name, i, asyncio.current_task().get_name())\n\nasync def main():\n    await asyncio.gather(tick('a', 3, 0.1), tick('b', 2, 0.15), tick('c', 2, 0.0))\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def fail(delay):\n    await asyncio.sleep(delay)\n    raise ValueError(f'failed after {delay}')\n\nasync def main():\n    try:\n        await asyncio.gather(fail(0.2), asyncio.sleep(0.5), fail(0.1))\n    except ValueError as e:\n        print('caught', e)\n    t = asyncio.create_task(fail(0.05))\n    await asyncio.sleep(0.1)\n    print(t.done(), repr(t.exception()))\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def forever():\n    try:\n        while True:\n            await asyncio.sleep(0.1)\n            print('tick')\n    except asyncio.CancelledError:\n        print('cancelled')\n        raise\n\nasync def main():\n    t = asyncio.create_task(forever())\n    await asyncio.sleep(0.35)\n    t.cancel()\n    try:\n        await t\n    except asyncio.CancelledError:\n        print('main saw it', t.cancelled())\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def child():\n    await asyncio.sleep(1)\n    print('never printed')\n\nasync def main():\n    asyncio.create_task(child())\n    await asyncio.sleep(0.5)\n    print('main returns')\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def boom():\n    await asyncio.sleep(0.1)\n    raise RuntimeError('boom')\n\nasync def main():\n    await boom()\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def main():\n    print('before')\n    await asyncio.sleep(0)\n    x = await asyncio.sleep(0.25, result='slept')\n    print(x, f'{asyncio.get_running_loop if False else 1}')\n\nasyncio.run(main())\n",
    "import asyncio\n\nasync def main():\n    asyncio.run(main())\n\nasyncio.run(main())\n",
    r#"import asyncio

async def worker(name, sem, delay):
    async with sem:
        print(name, 'enters', asyncio.get_running_loop().time())
        await asyncio.sleep(delay)
    print(name, 'leaves')

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(f'w{i}', sem, 1) for i in range(5)))
    print(sem.locked())

asyncio.run(main())
"#,
    r#"import asyncio

counter = 0

async def add(lock, n):
    global counter
    for _ in range(n):
        if lock:
            async with lock:
                value = counter
                await asyncio.sleep(0)
                counter = value + 1
        else:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1

async def main():
    global counter
    await asyncio.gather(add(None, 3), add(None, 3))
    print('without a lock', counter)
    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(add(lock, 3), add(lock, 3))
    print('with a lock', counter, lock.locked())

asyncio.run(main())
"#,
    r#"import asyncio

async def waiter(event, name):
    print(name, 'waits')
    await event.wait()
    print(name, 'released at', asyncio.get_running_loop().time())

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in 'abc']
    await asyncio.sleep(0.5)
    print('setting', event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print(event.is_set())

asyncio.run(main())
"#,
    r#"import asyncio

async def producer(queue, name, n):
    for i in range(n):
        await asyncio.sleep(0.1)
        await queue.put(f'{name}{i}')
        print('put', f'{name}{i}', queue.qsize())

async def consumer(queue, name):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.25)
        print(name, 'got', item)
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(queue, c)) for c in ('x', 'y')]
    await asyncio.gather(producer(queue, 'a', 3), producer(queue, 'b', 2))
    await queue.join()
    print('all done', queue.empty(), queue.full(), queue.maxsize)
    for c in consumers:
        c.cancel()
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print('empty')

asyncio.run(main())
"#,
    r#"import asyncio

async def job(n):
    await asyncio.sleep(n / 10)
    if n == 3:
        raise ValueError(f'job {n} failed')
    print('job', n, 'done')
    return n

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job(1))
        b = tg.create_task(job(2))
    print(a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            for n in (1, 3, 5):
                tg.create_task(job(n))
    except* ValueError as eg:
        print('caught', eg.exceptions)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job(6))
    print('end')

asyncio.run(main())
"#,
    r#"import asyncio

async def setter(fut, delay):
    await asyncio.sleep(delay)
    fut.set_result('ready')

def on_done(f):
    print('callback sees', f.result())

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    asyncio.create_task(setter(fut, 0.3))
    print('waiting', fut.done())
    print(await fut, loop.time())
    loop.call_later(0.2, print, 'later')
    loop.call_soon(print, 'soon')
    handle = loop.call_later(0.1, print, 'never')
    handle.cancel()
    await asyncio.sleep(0.5)
    t = asyncio.create_task(setter(loop.create_future(), 0.1))
    t.add_done_callback(lambda task: print('task done', task.done()))
    await t
    await asyncio.sleep(0)

asyncio.run(main())
"#,
    r#"import asyncio

async def slow(delay, value):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print('slow', value, 'cancelled')
        raise
    return value

async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(slow(0.1, 'quick'), timeout=1))
    try:
        await asyncio.wait_for(slow(1, 'late'), timeout=0.3)
    except TimeoutError:
        print('timed out at', loop.time())
    try:
        async with asyncio.timeout(0.2) as t:
            await slow(5, 'inner')
    except TimeoutError:
        print('timeout block expired', t.expired(), loop.time())
    async with asyncio.timeout(1):
        print(await slow(0.1, 'in time'))
    task = asyncio.create_task(slow(0.5, 'shielded'))
    try:
        await asyncio.wait_for(asyncio.shield(task), 0.2)
    except TimeoutError:
        print('shield held', task.done(), task.cancelled())
    print(await task, loop.time())
    a = asyncio.create_task(slow(0.3, 'a'))
    b = asyncio.create_task(slow(0.1, 'b'))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], len(pending), loop.time())
    done, pending = await asyncio.wait([a], timeout=5)
    print(len(done), len(pending), loop.time())

asyncio.run(main())
"#,
    r#"import asyncio
import time

async def ticker():
    for i in range(3):
        print('tick', i, asyncio.get_running_loop().time())
        await asyncio.sleep(0.1)

async def blocker():
    await asyncio.sleep(0.05)
    print('blocking')
    time.sleep(0.2)
    print('unblocked', asyncio.get_running_loop().time())

async def main():
    await asyncio.gather(ticker(), blocker())

asyncio.run(main())
"#,
    r#"import asyncio

async def work(n):
    await asyncio.sleep(n / 10)
    if n % 2:
        raise ValueError(n)
    return n

async def main():
    print(await asyncio.gather(work(1), work(2), work(3), return_exceptions=True))
    t = asyncio.create_task(work(4))
    t.cancel()
    print(await asyncio.gather(t, work(0), return_exceptions=True))
    for aw in asyncio.as_completed([work(4), work(2), work(6)]):
        print('as completed', await aw)
    try:
        for aw in asyncio.as_completed([work(8), work(2)], timeout=0.5):
            print('in time', await aw)
    except TimeoutError:
        print('as_completed timed out')

asyncio.run(main())
"#,
    r#"import asyncio

items = []

async def consumer(cond, name):
    async with cond:
        await cond.wait_for(lambda: items)
        print(name, 'takes', items.pop(0))

async def waiter(cond, name):
    async with cond:
        print(name, 'waits', cond.locked())
        await cond.wait()
        print(name, 'notified')

async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(consumer(cond, f'c{i}')) for i in range(2)]
    tasks += [asyncio.create_task(waiter(cond, f'w{i}')) for i in range(2)]
    await asyncio.sleep(0.1)
    async with cond:
        items.extend(['a', 'b'])
        cond.notify(1)
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*tasks)
    try:
        cond.notify()
    except RuntimeError as e:
        print(e)

asyncio.run(main())
"#,
    r#"import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise KeyError('k')

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail())
        tg.create_task(asyncio.sleep(1))

asyncio.run(main())
"#,
    r#"import asyncio

async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        print(f"{name} cancelled with {e.args!r}")
        raise

async def main():
    t = asyncio.create_task(worker('a', 1), name='A')
    await asyncio.sleep(0.1)
    t.cancel('stop now')
    try:
        await t
    except asyncio.CancelledError as e:
        print('main got', repr(e), e.args)
    print(t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print('result raised', repr(e))
    t2 = asyncio.create_task(worker('b', 0.2))
    done, pending = await asyncio.wait([t2, asyncio.create_task(worker('c', 0.5))], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [d.result() for d in done])
    for p in pending:
        p.cancel()
    await asyncio.sleep(0)
    print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
    for coro in asyncio.as_completed([worker('x', 0.3), worker('y', 0.1)]):
        print('as_completed', await coro)

asyncio.run(main())
"#,
    r#"import asyncio

async def main():
    loop = asyncio.get_event_loop()
    print(loop is asyncio.get_running_loop())
    try:
        loop.run_until_complete(asyncio.sleep(0.1))
    except RuntimeError as e:
        print('error:', e)
    try:
        asyncio.run(asyncio.sleep(0))
    except RuntimeError as e:
        print('error:', e)

asyncio.run(main())
"#,
    r#"import asyncio

results = []

async def job(i):
    await asyncio.sleep(0.1 * (3 - i))
    results.append(i)
    return i

async def main():
    r = await asyncio.gather(job(0), job(1), asyncio.sleep(0.05, result='slept'), return_exceptions=True)
    print(r, results)
    r = await asyncio.gather(*(asyncio.wait_for(job(i), 0.15) for i in range(3)), return_exceptions=True)
    print([type(x).__name__ if isinstance(x, BaseException) else x for x in r])
    try:
        async with asyncio.timeout(0.05) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print('expired', cm.expired())
    t = asyncio.create_task(job(0))
    print(await asyncio.sleep(0.01, 'value'), t.done())
    await t

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main())
finally:
    loop.close()
print('closed')
"#,
    r#"import asyncio

def describe(*args, sep='-', **kwargs):
    return sep.join(str(a) for a in args) + str(sorted(kwargs.items()))

def defaults(a, b=2, *, c=3):
    return a + b + c

async def main():
    print(describe(1, 2, 3, sep='+', z=1, a=2))
    print(defaults(1), defaults(1, 5, c=10))
    for i in range(3):
        if i == 5:
            break
    else:
        print('no break')
    n = 0
    while n < 3:
        n += 1
    else:
        print('while done', n)
    s = 'Hello, World'
    print(s.find('o'), s.replace('l', 'L', 2), s.count('l'), s.title(), s.lower().startswith('hello'), s.endswith('d'))
    print(s[::2], s[-5:], s.split(', '), s.index('W'), 'x'.join(['a', 'b']), s.isalpha(), '42'.isdigit())
    lst = [3, 1, 2]
    lst.insert(0, 9); lst.remove(1); lst.sort(reverse=True)
    print(lst, lst.index(2), 2 in lst, lst.count(3), sorted(['b', 'A', 'c'], key=str.lower))
    d = {'a': 1}
    d.update(b=2); d.setdefault('c', 3); print(d.pop('a'), d, len(d), 'b' in d, list(d.items()))
    print(0.1 + 0.2, 1e-5, 1e16, 123456789.0 * 1000, 2 / 3, float('inf'), -0.0, 3.0, 1.5e300 * 1e10)
    print(int('  7 '), int(-3.7), round(-2.5), round(0.125, 2), abs(-3), max([1, 5, 2]), min('b', 'a'))
    print(f"{3.14159:8.3f}|{'x':^5}|{-5:+d}|{0.5:%}|{12:b}|{255:#x}|{1e6:e}|{1234.5:g}")
    print(str(True), int(True) + 1, bool('False'), [1, 2] + [3], (1,) * 3, 'ab' < 'b', [1, 2] == [1, 2])

asyncio.run(main())
"#,
    r#"import asyncio

async def main():
    tests = [
        lambda: 1 + 'a',
        lambda: undefined_name,
        lambda: [1][5],
        lambda: {}['k'],
        lambda: None.upper(),
        lambda: int('x'),
        lambda: 1 / 0,
        lambda: 'a' * 'b',
        lambda: len(5),
        lambda: [].pop(),
        lambda: float('abc'),
        lambda: (1, 2)[3],
        lambda: 5 % 0,
        lambda: 'abc'.foo,
        lambda: sum(['a']),
    ]
    for t in tests:
        try:
            t()
        except Exception as e:
            print(type(e).__name__ + ':', e)

asyncio.run(main())
"#,
    r#"import asyncio

async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, 'done')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    outer = asyncio.gather(child('a', 0.1), child('b', 0.3))
    await asyncio.sleep(0.2)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print('gather cancelled')
    lock = asyncio.Lock()
    print(lock.locked())
    async with lock:
        print(lock.locked())
    ev = asyncio.Event()
    ev.set(); ev.clear(); print(ev.is_set())
    sem = asyncio.Semaphore(1)
    async with sem:
        print('sem locked', sem.locked())
    t = asyncio.create_task(child('c', 1))
    try:
        await asyncio.wait_for(asyncio.shield(t), 0.1)
    except TimeoutError:
        print('timed out, shielded task still running:', not t.done())
    t.cancel()
    res = await asyncio.gather(t, return_exceptions=True)
    print(res)
    inner = asyncio.gather(child('d', 0.1), child('e', 0.2))
    print(await asyncio.gather(inner, child('f', 0.05)))

asyncio.run(main())
"#,
    r#"import asyncio

async def step(n):
    print('step', n)
    await asyncio.sleep(0)
    print('after', n)

async def main():
    tasks = [asyncio.create_task(step(i)) for i in range(3)]
    print('created')
    await asyncio.sleep(0)
    print('main yielded once')
    await asyncio.wait(tasks)
    loop = asyncio.get_running_loop()
    loop.call_soon(print, 'call_soon ran')
    h = loop.call_later(0.5, print, 'never')
    h.cancel()
    await asyncio.sleep(0)
    print('end', loop.time())

asyncio.run(main())
"#,
    r#"import asyncio

async def fail_after(d, exc):
    await asyncio.sleep(d)
    raise exc

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_after(0.1, ValueError('a')))
            tg.create_task(fail_after(0.1, TypeError('b')))
            tg.create_task(asyncio.sleep(1))
    except* ValueError as eg:
        print('V', [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print('T', [str(e) for e in eg.exceptions])
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(asyncio.sleep(0.1 * i, result=i)) for i in range(3)]
    print([t.result() for t in tasks])
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail_after(0.2, KeyError('x')))

asyncio.run(main())
"#,
    r#"import asyncio
import time

async def main():
    print(time.strftime('%H:%M:%S'), time.strftime('[%X] 100%%'))
    await asyncio.sleep(3725)
    print(time.strftime('%H:%M:%S'), 'later')

asyncio.run(main())
"#,
];

#[test]
fn asyncio_programs_print_what_cpython_prints_at_the_same_loop_times() {
    let cpython = cpython_runs(ASYNC);
    let mut wrong = Vec::new();
    for (source, expected) in ASYNC.iter().zip(cpython) {
        let ours = on_big_stack(move || simulate(source));
        if ours != expected {
            wrong.push(format!("{source}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), ASYNC.len(), wrong.join("\n"));
}

/// Programs with generators, coroutines driven by hand and async generators: each,
/// run as a script and as a notebook cell, prints what CPython prints at the same
/// loop times, fails with the same traceback and warns as it warns.
const GENERATORS: &[&str] = &[
    r#"def count_up(limit):
    n = 0
    while n < limit:
        print('yielding', n)
        yield n
        n += 1
    print('done counting')

gen = count_up(3)
print(type(gen).__name__)
print(next(gen))
print(next(gen))
for value in gen:
    print('loop got', value)
print(next(gen, 'exhausted'))
print(list(count_up(2)))
next(gen)
"#,
    r#"def averager():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count

avg = averager()
print(next(avg))
for v in [10, 20, 30]:
    print('average', avg.send(v))
try:
    avg.send(None)
except StopIteration as e:
    print('returned', e.value, e.args)

def delegate():
    result = yield from averager()
    print('delegate got', result)
    yield 'after'

d = delegate()
next(d)
d.send(4)
d.send(8)
print(d.send(None))
print(list(d))
"#,
    r#"def worker(name, steps):
    for i in range(steps):
        print(f'{name} step {i}')
        yield
    print(f'{name} finished')

def run(tasks):
    queue = list(tasks)
    turns = 0
    while queue:
        task = queue.pop(0)
        try:
            next(task)
        except StopIteration:
            continue
        turns += 1
        queue.append(task)
    return turns

print('turns', run([worker('a', 3), worker('b', 2), worker('c', 1)]))
"#,
    r#"def producer(items, target):
    for item in items:
        print('producing', item)
        target.send(item)
    target.close()

def grep(pattern, target):
    try:
        while True:
            line = yield
            if pattern in line:
                target.send(line.upper())
    finally:
        print('grep closing')
        target.close()

def printer():
    try:
        while True:
            line = yield
            print('got:', line)
    except GeneratorExit:
        print('printer closed')

p = printer()
next(p)
g = grep('py', p)
next(g)
producer(['python', 'ruby', 'pypy', 'go'], g)
"#,
    r#"def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('caught', repr(e))
        yield 'recovered'
    finally:
        print('cleanup')

g = guarded()
print(next(g))
print(g.throw(ValueError('bad')))
g.close()
print('closed')
g2 = guarded()
print(next(g2))
try:
    g2.throw(KeyError('k'))
except KeyError as e:
    print('propagated', e)
g3 = guarded()
g3.close()
print('closed unstarted')
try:
    g3.throw(RuntimeError('late'))
except RuntimeError as e:
    print('after close', e)
for x in guarded():
    print('loop', x)
    break
print('after break')
"#,
    r#"def stubborn():
    closing = False
    while True:
        try:
            yield 'tick'
        except GeneratorExit:
            if closing:
                return
            closing = True
            print('ignoring exit')

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print('RuntimeError:', e)

def stops():
    yield 1
    raise StopIteration('inner')

try:
    print(list(stops()))
except RuntimeError as e:
    print('RuntimeError:', e, '| cause:', repr(e.__cause__))

def reentrant():
    yield next(me)

me = reentrant()
try:
    next(me)
except ValueError as e:
    print('ValueError:', e)
list(stops())
"#,
    r#"def noisy(label, values):
    for v in values:
        print(label, 'gives', v)
        yield v

squares = (x * x for x in noisy('src', range(4)))
print('made the genexp')
print(next(squares))
print(sum(squares))
evens = filter(lambda v: v % 2 == 0, noisy('f', range(5)))
doubled = map(lambda v: v * 2, evens)
print('made map and filter')
for d in doubled:
    print('got', d)
print(any(v > 1 for v in noisy('any', range(10))))
print(all(v < 2 for v in noisy('all', range(10))))
pairs = zip(noisy('left', 'abc'), noisy('right', [1, 2]))
print(list(pairs))
for i, v in enumerate(noisy('en', ['x', 'y']), start=5):
    print(i, v)
print(list(reversed(range(1, 10, 3))))
print(list(map(pow, [2, 3, 4], [5, 2])))
print(3 in noisy('in', range(10)))
it = iter([1, 2, 3])
print(next(it), list(it), next(it, 'none'))
"#,
    r#"def tree(depth, label='root'):
    yield label
    if depth > 0:
        yield from tree(depth - 1, label + '.0')
        yield from tree(depth - 1, label + '.1')

print(list(tree(2)))

def chain(*iterables):
    for it in iterables:
        yield from it
    return len(iterables)

def collect():
    count = yield from chain('ab', [1, 2], range(2))
    print('chained', count, 'iterables')

print(list(collect()))

def deep(n):
    if n == 0:
        yield 'bottom'
        return 'end'
    result = yield from deep(n - 1)
    return result

d = deep(200)
print(next(d))
try:
    next(d)
except StopIteration as e:
    print('value', e.value)
"#,
    r#"def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

def take(n, it):
    return [x for _, x in zip(range(n), it)]

print(take(10, fib()))
evens = (x for x in fib() if x % 2 == 0)
print(take(5, evens))
gen = fib()
print([next(gen) for _ in range(5)])
print(next(gen), next(gen))
lazy = (1 / x for x in [1, 2, 0, 4])
print(next(lazy), next(lazy))
print(next(lazy))
"#,
    r#"import asyncio

async def ticker(name, count, delay):
    try:
        for i in range(count):
            await asyncio.sleep(delay)
            yield f'{name}{i}'
    finally:
        print(name, 'ticker done')

async def consume(name, count, delay):
    async for tick in ticker(name, count, delay):
        print('got', tick, asyncio.get_running_loop().time())
    return name

async def main():
    results = await asyncio.gather(consume('a', 3, 0.1), consume('b', 2, 0.15))
    print(results)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(consume('x', 2, 0.05))
        tg.create_task(consume('y', 1, 0.08))
    print('group done')
    print([t async for t in ticker('c', 3, 0.01)])
    print([t async for t in ticker('d', 5, 0.01) if t != 'd2'])

asyncio.run(main())
"#,
    r#"import asyncio

async def numbers():
    try:
        n = 0
        while True:
            print('producing', n)
            await asyncio.sleep(0.1)
            yield n
            n += 1
    except asyncio.CancelledError:
        print('generator cancelled')
        raise
    finally:
        print('generator finally')

async def reader():
    try:
        async for n in numbers():
            print('read', n)
    except asyncio.CancelledError:
        print('reader cancelled')
        raise

async def main():
    task = asyncio.create_task(reader())
    await asyncio.sleep(0.35)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('main saw the cancellation', task.cancelled())

asyncio.run(main())
"#,
    r#"import asyncio

async def countdown(n):
    try:
        while n > 0:
            received = yield n
            if received is not None:
                print('received', received)
                n = received
            n -= 1
    finally:
        print('countdown closing at', n)

async def main():
    gen = countdown(5)
    print(await anext(gen))
    print(await gen.asend(None))
    print(await gen.asend(10))
    print(await anext(gen))
    await gen.aclose()
    print(await anext(gen, 'default'))
    try:
        await anext(gen)
    except StopAsyncIteration:
        print('stopped')
    g2 = countdown(2)
    print(await anext(g2))
    try:
        await g2.athrow(ValueError('bad'))
    except ValueError as e:
        print('thrown back', e)
    it = aiter(countdown(1))
    print([x async for x in it])

asyncio.run(main())
"#,
    r#"import asyncio

async def fetch(i):
    await asyncio.sleep(0.1 * (3 - i))
    return i * 10

async def main():
    values = [await fetch(i) for i in range(3)]
    print(values)
    squares = {i: await fetch(i) for i in range(2)}
    print(squares)
    agen = (await fetch(i) for i in range(3))
    print(type(agen).__name__)
    print([v async for v in agen])
    tasks = [asyncio.create_task(fetch(i)) for i in range(3)]
    print([await t for t in tasks])

asyncio.run(main())
"#,
    r#"import asyncio

async def answer():
    return 42

async def pause_then(value):
    await asyncio.sleep(0)
    return value

c = answer()
try:
    c.send(None)
except StopIteration as e:
    print('answer', e.value)

c = pause_then('later')
print('first send gave', c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print('then', e.value)

c = answer()
c.close()
print('closed without a warning')

async def nested():
    return await pause_then('inner')

c = nested()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print('nested', e.value)
try:
    c.send(None)
except RuntimeError as e:
    print('RuntimeError:', e)
"#,
    r#"import asyncio

def scheduler_demo():
    log = []
    def task(name, n):
        for i in range(n):
            log.append(f'{name}{i}')
            yield
    ready = [task('a', 2), task('b', 3)]
    while ready:
        t = ready.pop(0)
        try:
            next(t)
            ready.append(t)
        except StopIteration:
            pass
    return log

async def task(name, n, log):
    for i in range(n):
        log.append(f'{name}{i}')
        await asyncio.sleep(0)

async def main():
    log = []
    await asyncio.gather(task('a', 2, log), task('b', 3, log))
    print('asyncio   ', log)

print('generators', scheduler_demo())
asyncio.run(main())
"#,
    r#"def gen():
    x = yield 1
    print('x is', x)
    y = yield x * 2
    print('y is', y)

g = gen()
print(g.send(None))
print(g.send(5))
try:
    g.send(7)
except StopIteration:
    print('finished')
g = gen()
try:
    g.send(3)
except TypeError as e:
    print('TypeError:', e)
print(next(g))
"#,
    r#"import asyncio

async def slow_source():
    for i in range(5):
        await asyncio.sleep(0.1)
        yield i

async def main():
    try:
        async with asyncio.timeout(0.25):
            async for i in slow_source():
                print('item', i)
    except TimeoutError:
        print('timed out')
    results = []
    async def collect(tag):
        async for i in slow_source():
            results.append((tag, i))
            if i == 2:
                break
    await asyncio.gather(collect('p'), collect('q'))
    print(results)
    agen = slow_source()
    print(await asyncio.wait_for(anext(agen), 1))
    task = asyncio.create_task(anext(agen))
    print(await task)
    await agen.aclose()

asyncio.run(main())
"#,
    r#"import asyncio

async def failing():
    yield 1
    raise ValueError('agen failed')

async def main():
    try:
        async for x in failing():
            print('got', x)
    except ValueError as e:
        print('caught', e)
    async def bad_return():
        yield 1
    g = bad_return()
    await anext(g)
    try:
        await anext(g)
    except StopAsyncIteration:
        print('exhausted')
    async for x in failing():
        print('again', x)

asyncio.run(main())
"#,
    r#"def outer():
    inner_gen = inner()
    value = yield from inner_gen
    print('outer got', value)

def inner():
    try:
        received = yield 'first'
        print('inner received', received)
        yield 'second'
    except KeyError:
        print('inner caught KeyError')
        return 'handled'
    return 'normal'

o = outer()
print(next(o))
print(o.send('hello'))
try:
    o.throw(KeyError)
except StopIteration:
    print('outer finished')
o2 = outer()
next(o2)
o2.close()
print('closed through yield from')
"#,
    r#"def numbers(n):
    for i in range(n):
        yield i

def pipeline():
    evens = (i for i in numbers(10) if i % 2 == 0)
    squared = (i * i for i in evens)
    labelled = (f'#{i}' for i in squared)
    return labelled

p = pipeline()
print(next(p))
print(list(p))
print(sorted((x % 3, x) for x in numbers(6)))
print(max(numbers(5)), min(x for x in numbers(5) if x > 1))
print(', '.join(str(x) for x in numbers(4)))
print(dict((i, i * i) for i in numbers(3)))
print(set(x % 2 for x in numbers(5)))
print(tuple(numbers(3)), len(list(numbers(7))))
a, b, *rest = numbers(5)
print(a, b, rest)
print(*numbers(3))
"#,
    r#"def gen():
    yield 1
    yield 2

g = gen()
print(next(g))
del g
print('deleted')

def with_cleanup(tag):
    try:
        yield tag
        yield tag * 2
    finally:
        print('cleanup', tag)

for x in with_cleanup('a'):
    print('first item', x)
    break
print('after the loop')
g = with_cleanup('b')
next(g)
g = None
print('rebound')
def use():
    h = with_cleanup('c')
    next(h)
    return 'returned'
print(use())
"#,
    r#"import asyncio

async def sensor(name, period, count):
    for i in range(count):
        await asyncio.sleep(period)
        yield name, i

async def merge(*gens):
    queue = asyncio.Queue()
    async def pump(g):
        async for item in g:
            await queue.put(item)
        await queue.put(None)
    tasks = [asyncio.create_task(pump(g)) for g in gens]
    finished = 0
    while finished < len(gens):
        item = await queue.get()
        if item is None:
            finished += 1
        else:
            yield item
    await asyncio.gather(*tasks)

async def main():
    async for name, i in merge(sensor('fast', 0.1, 3), sensor('slow', 0.25, 2)):
        print(name, i, asyncio.get_running_loop().time())

asyncio.run(main())
"#,
    r#"import asyncio

async def readings(label, every):
    try:
        n = 0
        while True:
            await asyncio.sleep(every)
            n += 1
            yield f'{label}:{n}'
    except BaseException as e:
        print(label, 'stopped by', type(e).__name__)
        raise
    finally:
        print(label, 'cleaned up at', asyncio.get_running_loop().time())

async def watch():
    async for r in readings('left', 0.25):
        print('got', r)
        if r.endswith(':4'):
            break
    print('watch over')

async def main():
    right = readings('right', 0.5)
    print(await anext(right))
    pending = asyncio.create_task(right.asend(None))
    pending.cancel('not now')
    try:
        await pending
    except asyncio.CancelledError as e:
        print('asend task cancelled with', e.args)
    asyncio.create_task(watch())
    await asyncio.sleep(1.0)
    print('main over')

asyncio.run(main())
"#,
    r#"import asyncio

async def pages(site):
    try:
        for page in range(1, 100):
            yield f'{site}/{page}'
            await asyncio.sleep(0.2)
    finally:
        print('disconnecting from', site)
        await asyncio.sleep(0.3)
        print('disconnected from', site, asyncio.get_running_loop().time())

open_readers = []

async def main():
    for site in ['alpha', 'beta']:
        reader = pages(site)
        print(await anext(reader), await anext(reader))
        if site == 'beta':
            open_readers.append(reader)
        else:
            await reader.aclose()
    print('main returns, one reader still open')

asyncio.run(main())
print('after the run')
"#,
];

/// Classes: attributes of instances and classes, methods bound and called through the
/// class, inheritance and its method resolution order, `__init__`'s errors, objects
/// whose `__await__` is awaited, gathered, timed out and made a task of.
const CLASSES: &[&str] = &[
    r#"class Counter:
    step = 1

    def __init__(self, start=0):
        self.value = start

    def add(self, n=None):
        self.value += self.step if n is None else n
        return self

    def show(self):
        return f'Counter({self.value})'

c = Counter(5)
c.add().add(10)
print(c.value, c.show(), Counter.step, type(c).__name__, isinstance(c, Counter))
m = c.add
m(3)
print(c.value, Counter.add(c, 1).value)
print(type(c) is Counter, Counter.__name__, Counter.__qualname__)

class Loud(Counter):
    step = 10
    def add(self, n=None):
        print('adding')
        return Counter.add(self, n)

l = Loud()
l.add()
print(l.value, isinstance(l, Counter), isinstance(c, Loud), [k.__name__ for k in Loud.__mro__])

def make():
    x = 'outer'
    class Inner:
        x = 'class'
        y = x
        def get(self):
            return x
    return Inner
I = make()
print(I.x, I.y, I().get(), I.__qualname__)

class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print(e)
try:
    Counter(1, 2, 3)
except TypeError as e:
    print(e)
class Empty:
    pass
try:
    Empty(1)
except TypeError as e:
    print(e)
e = Empty()
e.x = 1
del e.x
try:
    e.x
except AttributeError as err:
    print(err)
print(c.add == c.add, c.add is c.add)
"#,
    r#"import asyncio

class Countdown:
    def __init__(self, n, delay):
        self.n = n
        self.delay = delay

    def __await__(self):
        for i in range(self.n, 0, -1):
            print('tick', i)
            yield from asyncio.sleep(self.delay).__await__()
        return 'liftoff'

class Nap:
    def __await__(self):
        yield
        return 'rested'

async def main():
    print(await Countdown(3, 0.1))
    t = asyncio.create_task(wrapper())
    print(await Nap())
    print(await t)
    try:
        await asyncio.wait_for(Countdown(5, 0.2), 0.3)
    except TimeoutError:
        print('timed out')
    results = await asyncio.gather(Countdown(1, 0.1), Nap())
    print(results)

async def wrapper():
    return await Countdown(2, 0.05)

asyncio.run(main())
"#,
    r#"import asyncio
import time

# A round-robin scheduler made of generators.
def job(name, steps):
    for i in range(steps):
        received = yield f'{name}:{i}'
        if received:
            print(name, 'was told', received)
    return f'{name} done'

def round_robin(jobs):
    queue = list(jobs)
    results = []
    while queue:
        current = queue.pop(0)
        try:
            print('ran', current.send(None) if not results else next(current))
            queue.append(current)
        except StopIteration as stop:
            results.append(stop.value)
    return results

print(round_robin([job('a', 2), job('b', 3), job('c', 1)]))

# A custom awaitable.
class Timer:
    def __init__(self, seconds):
        self.seconds = seconds
        self.started = None

    def __await__(self):
        self.started = asyncio.get_running_loop().time()
        yield from asyncio.sleep(self.seconds).__await__()
        return asyncio.get_running_loop().time() - self.started

# An async generator under async for.
async def readings(count):
    try:
        for n in range(count):
            await asyncio.sleep(0.1)
            yield n * n
    finally:
        print('readings closed')

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

async def main():
    waited = await Timer(0.25)
    print('waited', round(waited, 2))
    total = 0
    async for value in readings(5):
        total += value
        if value > 5:
            break
    print('total', total)
    print('depth', depth(950))
    try:
        depth(5000)
    except RecursionError as e:
        print('RecursionError:', e)
    both = await asyncio.gather(Timer(0.1), Timer(0.2))
    print([round(b, 2) for b in both])

asyncio.run(main())
"#,
    r#"import asyncio

class Account:
    interest = 0.5

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f'cannot deposit {amount}')
        self.balance += amount
        self.history.append(('deposit', amount))
        return self.balance

    async def slow_deposit(self, amount, delay):
        await asyncio.sleep(delay)
        return self.deposit(amount)

class Savings(Account):
    interest = 2.0

    def add_interest(self):
        return self.deposit(self.balance * self.interest / 100)

class A:
    pass
class B(A):
    pass
class C(A):
    pass
class D(B, C):
    pass

async def main():
    acct = Savings('ada', 100)
    results = await asyncio.gather(acct.slow_deposit(10, 0.2), acct.slow_deposit(5, 0.1))
    print(results, acct.balance, acct.history)
    print(acct.add_interest(), Account.interest, Savings.interest, acct.interest)
    acct.interest = 10
    print(acct.add_interest(), Savings.interest)
    print([k.__name__ for k in D.__mro__], D.__bases__ == (B, C), isinstance(D(), A), isinstance(acct, (int, Account)))
    try:
        class X(A, B):
            pass
    except TypeError as e:
        print('TypeError:', e)
    for bad in [lambda: acct.deposit(-1), lambda: acct.missing, lambda: Account(), lambda: Savings('x', 1, 2, 3)]:
        try:
            bad()
        except (ValueError, AttributeError, TypeError) as e:
            print(type(e).__name__ + ':', e)
    class NotAwaitable:
        pass
    class WrongAwait:
        def __await__(self):
            return 42
    for thing in [NotAwaitable(), WrongAwait()]:
        try:
            await thing
        except TypeError as e:
            print('TypeError:', e)
    t = asyncio.create_task(acct.slow_deposit(1, 0.1))
    print(type(t).__name__, await t)
    acct.deposit(0)

asyncio.run(main())
"#,
    r#"y = 'global y'
class A:
    xs = [1, 2, 3]
    doubled = [x * 2 for x in xs]
    total = sum(xs)
    label = y
    count = 0
    class Inner:
        tag = 'inner'
    def bump(self):
        A.count += 1
        return A.count
    def __init__(self):
        self.id = self.bump()

a, b = A(), A()
print(A.doubled, A.total, A.label, A.count, a.id, b.id, A.Inner.tag, A.Inner.__qualname__)
try:
    class B:
        zs = [1, 2]
        bad = [z + len(zs) for z in zs]
except NameError as e:
    print('NameError:', e)
print(callable(A), callable(a), a == a, a == b, {a: 1}[a], len({a, b, a}))
fs = [a.bump, b.bump]
print([f() for f in fs], A.count)
print(type(A).__name__, type(a) is A, A.__module__, A.__name__)
del A.count
try:
    A.count
except AttributeError as e:
    print(e)
def f():
    v = 1
    class C:
        v = 2
        w = v
        def get(self):
            return v
    return C().get(), C.w
print(f())
"#,
];

#[test]
fn generator_and_class_programs_print_what_cpython_prints_as_script_and_cell() {
    let programs: Vec<(&str, Way)> = GENERATORS
        .iter()
        .chain(CLASSES)
        .flat_map(|&source| [(source, Way::default()), (source, Way { cell: true, ..Way::default() })])
        .collect();
    let cpython = cpython_runs_as(&programs);
    let mut wrong = Vec::new();
    for ((source, way), expected) in programs.iter().zip(cpython) {
        let ours = ours(source, *way);
        if ours != expected {
            wrong.push(format!("{source}\n{way:?}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), programs.len(), wrong.join("\n"));
}

/// The corpus of `tests/programs`: programs of our own that use what learners' asyncio
/// programs use (the standard library's modules among it), each a file.
fn corpus(under: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(under);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|f| f.extension().is_some_and(|x| x == "py"));
    files.sort();
    files
        .iter()
        .map(|f| (f.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(f).unwrap()))
        .collect()
}

/// Runs each program of `corpus` as a script and as a cell, by the core and by the
/// CPython at `python`, and lists where they differ.
fn corpus_differences(python: &str, corpus: &[(String, String)]) -> Vec<String> {
    let programs: Vec<(&str, Way)> = corpus
        .iter()
        .flat_map(|(_, source)| {
            [
                (source.as_str(), Way { stderr: true, ..Way::default() }),
                (source.as_str(), Way { cell: true, stop_at: None, stderr: true }),
            ]
        })
        .collect();
    let cpython = cpython_runs_in(python, &programs);
    let mut wrong = Vec::new();
    for (((source, way), expected), name) in programs.iter().zip(cpython).zip(corpus.iter().flat_map(|(n, _)| [n, n])) {
        let mut ours = ours(source, *way);
        let mut expected = expected;
        if python != "python3" {
            let ((lines, error), warnings) = &mut ours;
            // (The harness shows a newer CPython's frames of main.py without carets.)
            for text in lines.iter_mut().map(|(text, _)| text).chain(error.iter_mut()).chain(warnings.iter_mut()) {
                *text = without_library_frames(text).split_inclusive('\n').filter(|l| !is_carets(l)).collect();
            }
        }
        if python == python_3_14() {
            // (A call graph names each task and future by its address, CPython's or ours.)
            for ((lines, _), _) in [&mut ours, &mut expected] {
                for (text, _) in lines.iter_mut() {
                    *text = without_addresses(text);
                }
            }
        }
        if ours != expected {
            wrong.push(format!("{name} {way:?}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    wrong
}

#[test]
fn the_corpus_prints_what_cpython_prints_as_script_and_cell() {
    let corpus = corpus("tests/programs");
    assert!(corpus.len() >= 5, "the corpus is in tests/programs");
    let wrong = corpus_differences("python3", &corpus);
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), corpus.len() * 2, wrong.join("\n"));
}

/// The CPython 3.13 that pyenv installs (`python3.13` on the path, or under
/// `~/.pyenv/versions/3.13.*`).
fn python_3_13() -> String {
    let on_path = Command::new("python3.13").arg("-V").output().is_ok_and(|o| o.status.success());
    if on_path {
        return "python3.13".to_owned();
    }
    let home = std::env::var("HOME").unwrap_or_default();
    let versions = Path::new(&home).join(".pyenv/versions");
    let found = std::fs::read_dir(&versions).into_iter().flatten().filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
        p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("3.13.")) && p.join("bin/python3").exists()
    });
    let found = found.unwrap_or_else(|| panic!("CPython 3.13 is needed for tests/programs/3.13: pyenv install 3.13"));
    found.join("bin/python3").to_string_lossy().into_owned()
}

/// What later Pythons added that today's docs teach (`Queue.shutdown`, `async for`
/// over `as_completed`), checked against CPython 3.13.
#[test]
fn the_newer_corpus_prints_what_cpython_3_13_prints_as_script_and_cell() {
    let corpus = corpus("tests/programs/3.13");
    assert!(!corpus.is_empty(), "the programs are in tests/programs/3.13");
    let wrong = corpus_differences(&python_3_13(), &corpus);
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), corpus.len() * 2, wrong.join("\n"));
}

/// Tasks that await each other wait forever. Cancelling one cancels the task it awaits,
/// which cancels the one it awaits, and so on: CPython's recursion ends in
/// `RecursionError`, which the program can catch (the loop's does not overflow its
/// stack). Their reprs name each other once, then `...`, as `reprlib.recursive_repr`.
#[test]
fn cancelling_tasks_that_await_each_other_ends_in_recursion_error_as_in_cpython() {
    let source = "import asyncio\n\nasync def first():\n    await tasks['second']\n\nasync def second():\n    \
                  await tasks['first']\n\ntasks = {}\n\nasync def main():\n    \
                  tasks['first'] = asyncio.create_task(first(), name='first')\n    \
                  tasks['second'] = asyncio.create_task(second(), name='second')\n    \
                  await asyncio.sleep(0.1)\n    print(repr(tasks['first']))\n    try:\n        \
                  tasks['first'].cancel()\n    except RecursionError as e:\n        print('RecursionError:', e)\n    \
                  print(tasks['first'].cancelling() > 10, tasks['second'].cancelling() > 10)\n    \
                  t = asyncio.create_task(asyncio.sleep(1))\n    await asyncio.sleep(0)\n    print(t.cancel())\n\n\
                  asyncio.run(main())\n";
    let expected = cpython_runs(&[source]).remove(0).0;
    let ((lines, _), _) = ours(source, Way::default());
    assert_eq!(lines, expected);
    assert!(lines[0].0.contains("wait_for=...") && lines[1].0.starts_with("RecursionError: maximum recursion"));
}

/// The CPython 3.14 the tests run: Pyodide's build of it, from npm (which
/// `scripts/setup` installs in tools/), under Node (`tests/cpython314`).
fn python_3_14() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython314").to_string_lossy().into_owned()
}

/// Python 3.14's call graph (`capture_call_graph`, `format_call_graph`,
/// `print_call_graph`, `future_add_to_awaited_by`) prints what CPython 3.14 prints, but
/// for the addresses of tasks and futures.
#[test]
fn the_call_graph_corpus_prints_what_cpython_3_14_prints_as_script_and_cell() {
    let corpus = corpus("tests/programs/3.14");
    assert!(corpus.len() >= 4, "the programs are in tests/programs/3.14");
    let wrong = corpus_differences(&python_3_14(), &corpus);
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), corpus.len() * 2, wrong.join("\n"));
}

/// Unseeded, `random` is seeded from the program's seed (which the page draws once for
/// each code it reads): the page's foresight of a run and the run print the same
/// numbers, and another seed gives others; `random.seed()` and `Random()` draw afresh.
#[test]
fn unseeded_random_follows_the_programs_seed() {
    let source = "import random\nprint(random.random(), random.Random().random(), random.Random().random())\n\
                  random.seed()\nprint(random.randint(1, 10**9))\nrandom.seed()\nprint(random.randint(1, 10**9))\n";
    let printed = |seed: u64| {
        let program = Program::new(source).unwrap();
        program.seed.set(seed);
        program.simulate().lines().into_iter().map(|(text, _)| text).collect::<Vec<_>>()
    };
    let first = printed(7);
    assert_eq!(first, printed(7));
    assert_ne!(first, printed(8));
    let numbers: Vec<&str> = first.iter().flat_map(|line| line.split(' ')).collect();
    let mut distinct = numbers.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), numbers.len(), "{first:?}");
}

#[test]
fn a_task_that_never_awaits_is_stopped_with_a_message_about_blocking() {
    let source = "import asyncio\n\nasync def spin():\n    while True:\n        pass\n\nasync def main():\n    print('start')\n    await asyncio.create_task(spin())\n\nasyncio.run(main())\n";
    let (lines, error) = on_big_stack(move || simulate(source));
    assert_eq!(lines, [("start".to_owned(), 0.0)]);
    let error = error.expect("the run is stopped");
    assert!(error.starts_with("Task-2 (spin) ran for over 500 ms without awaiting anything"), "{error}");
}

/// SplitMix64: a tiny seeded generator, so every run checks the same programs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.below(options.len())]
    }
}

const DELAYS: &[&str] = &["0", "0.1", "0.2", "0.3", "0.15", "0.25", "0.05"];

/// One step of a worker, indented by `pad`.
fn action(rng: &mut Rng, name: &str, k: usize, pad: &str, depth: u32) -> String {
    let d = rng.pick(DELAYS);
    let say = |what: &str| format!("{pad}print('{name}', '{what}{k}')\n");
    match rng.below(if depth > 0 { 6 } else { 29 }) {
        0 => format!("{pad}await asyncio.sleep({d})\n{}", say("slept")),
        1 => say("says"),
        2 => format!("{pad}x = await asyncio.sleep({d}, result={k})\n{pad}print('{name}', 'got', x)\n"),
        3 => format!("{pad}await asyncio.sleep(0)\n{}", say("yielded")),
        4 => format!("{pad}c = counter[0]\n{pad}await asyncio.sleep({d})\n{pad}counter[0] = c + 1\n"),
        5 => format!("{pad}for i in range({}):\n{pad}    await asyncio.sleep({d})\n{pad}    print('{name}', 'loop', i)\n", 1 + rng.below(3)),
        6 => format!(
            "{pad}async with lock:\n{}{pad}    await asyncio.sleep({d})\n{pad}    print('{name}', 'holds the lock', lock.locked())\n",
            action(rng, name, k + 100, &format!("{pad}    "), depth + 1)
        ),
        7 => format!("{pad}async with sem:\n{pad}    print('{name}', 'in the semaphore')\n{pad}    await asyncio.sleep({d})\n"),
        8 => format!(
            "{pad}try:\n{pad}    await asyncio.wait_for(event.wait(), {})\n{pad}    print('{name}', 'saw the event')\n{pad}except TimeoutError:\n{pad}    print('{name}', 'gave up on the event')\n",
            rng.pick(&["0.1", "0.3", "0.5"])
        ),
        9 => format!("{pad}event.set()\n{}", say("set the event")),
        10 => format!(
            "{pad}try:\n{pad}    await asyncio.wait_for(queue.put('{name}{k}'), 0.3)\n{pad}    print('{name}', 'put', queue.qsize())\n{pad}except TimeoutError:\n{pad}    print('{name}', 'found the queue full')\n"
        ),
        11 => format!(
            "{pad}try:\n{pad}    item = await asyncio.wait_for(queue.get(), {})\n{pad}    print('{name}', 'took', item)\n{pad}except TimeoutError:\n{pad}    print('{name}', 'found the queue empty')\n",
            rng.pick(&["0.1", "0.2", "0.4"])
        ),
        12 => format!(
            "{pad}try:\n{pad}    async with asyncio.timeout({}):\n{pad}        await asyncio.sleep({d})\n{pad}        print('{name}', 'in time')\n{pad}except TimeoutError:\n{pad}    print('{name}', 'timed out')\n",
            rng.pick(&["0.1", "0.2", "0.12"])
        ),
        // Generators and async generators (defined by `generated_program`).
        13 => format!("{pad}for t in ticks('{name}', {}):\n{pad}    print('{name}', 'tick', t)\n", rng.below(4)),
        14 => format!(
            "{pad}async for s in stream('{name}{k}', {}, {d}):\n{pad}    print('{name}', 'streamed', s)\n{pad}    if s.endswith('{}'):\n{pad}        break\n",
            1 + rng.below(3),
            rng.below(3)
        ),
        15 => format!("{pad}print('{name}', 'collected', [s async for s in stream('{name}{k}', {}, {d})])\n", rng.below(3)),
        16 => format!("{pad}g = acc()\n{pad}next(g)\n{pad}print('{name}', 'acc', g.send({k}), g.send(2))\n{pad}g.close()\n"),
        17 => format!(
            "{pad}it = stream('{name}{k}', 3, {d})\n{pad}print('{name}', 'first', await anext(it))\n{pad}await it.aclose()\n{pad}print('{name}', 'then', await anext(it, 'nothing'))\n"
        ),
        // Classes of the program's own (defined by `generated_program`).
        19 => format!(
            "{pad}async with Resource('{name}{k}') as r:\n{pad}    await asyncio.sleep({d})\n{pad}    print('{name}', 'uses', r, Resource.opened)\n"
        ),
        20 => format!("{pad}async with Resource('{name}{k}'):\n{pad}    raise KeyError('{name}')\n{}", say("swallowed")),
        21 => format!("{pad}with Tally() as t:\n{pad}    t.append({k})\n{pad}    print('{name}', 'tallied', t)\n"),
        22 => format!(
            "{pad}rng = random.Random({})\n{pad}await asyncio.sleep(rng.choice([0, 0.1, 0.2]))\n{pad}print('{name}', 'drew', rng.randint(1, 100), rng.sample(range(10), 3))\n",
            rng.below(1000)
        ),
        23 => format!(
            "{pad}try:\n{pad}    raise WorkError('{name}', {k})\n{pad}except WorkError as e:\n{pad}    print('{name}', 'caught', e, e.who, repr(e))\n"
        ),
        // The standard library's modules written in Python (see `LIBRARY_HELPERS`).
        24 => format!(
            "{pad}j = Job({}, '{name}{k}')\n{pad}recent.append(j)\n{pad}match j:\n{pad}    case Job(priority=0):\n{pad}        print('{name}', 'urgent', j)\n{pad}    case Job(priority=p) if p > 1:\n{pad}        print('{name}', 'later', p)\n{pad}    case _:\n{pad}        print('{name}', 'normal', j, j < Job(2, 'x'))\n",
            rng.below(3)
        ),
        25 => format!(
            "{pad}async with held('{name}{k}') as h:\n{pad}    await asyncio.sleep({d})\n{pad}    print('{name}', 'holding', h)\n"
        ),
        26 => format!(
            "{pad}current.set('{name}{k}')\n{pad}await asyncio.sleep({d})\n{pad}print('{name}', 'context', current.get())\n"
        ),
        27 => format!(
            "{pad}seen['{name}'] += 1\n{pad}mood = Mood.BUSY if seen['{name}'] > 1 else Mood.CALM\n{pad}if (n := len(recent)) > 1:\n{pad}    print('{name}', 'recent', n, list(recent))\n{pad}print('{name}', 'mood', mood, mood.name, sorted(seen.items()))\n"
        ),
        28 => format!(
            "{pad}match [{k}, '{name}']:\n{pad}    case [0, str(who)]:\n{pad}        print(who, 'first')\n{pad}    case [n, _] if n % 2:\n{pad}        print('{name}', 'odd', n)\n{pad}    case _:\n{pad}        print('{name}', 'even')\n"
        ),
        _ => format!(
            "{pad}print('{name}', 'sum', sum(len(t) for t in ticks('{name}', {})), list(zip(ticks('{name}', 3), range(2))))\n",
            rng.below(5)
        ),
    }
}

/// Classes the generated programs' workers use: an async context manager that
/// swallows `KeyError`, a context manager, and an exception class of their own.
const CLASS_HELPERS: &str = "class Resource:\n    opened = 0\n\n    def __init__(self, name):\n        self.name = name\n\n\
    \x20   def __repr__(self):\n        return f'Resource({self.name!r})'\n\n\
    \x20   async def __aenter__(self):\n        Resource.opened += 1\n        await asyncio.sleep(0.05)\n        return self\n\n\
    \x20   async def __aexit__(self, kind, exc, tb):\n        Resource.opened -= 1\n\
    \x20       print(self, 'released', kind.__name__ if kind else None)\n        return kind is KeyError\n\n\
    class Tally:\n    def __enter__(self):\n        self.items = []\n        return self.items\n\n\
    \x20   def __exit__(self, kind, exc, tb):\n        print('tally', len(self.items), kind is not None)\n        return False\n\n\
    class WorkError(Exception):\n    def __init__(self, who, n):\n        super().__init__(f'{who} failed at {n}')\n        self.who = who\n\n";

/// What the generated programs' workers use of the modules written in Python: an
/// ordered dataclass, an enum, an async context manager made of a generator, a
/// context variable (each task sees its own), a counter and a bounded deque.
const LIBRARY_HELPERS: &str = "import contextvars\nfrom collections import Counter, deque\n\
    from contextlib import asynccontextmanager\nfrom dataclasses import dataclass, field\nfrom enum import Enum\n\n\
    @dataclass(order=True)\nclass Job:\n    priority: int\n    name: str = field(compare=False)\n\n\
    class Mood(Enum):\n    CALM = 1\n    BUSY = 2\n\n\
    @asynccontextmanager\nasync def held(name):\n    print(name, 'held')\n    try:\n        yield name.upper()\n    finally:\n        print(name, 'let go')\n\n\
    current = contextvars.ContextVar('current', default='none')\nseen = Counter()\nrecent = deque(maxlen=3)\n\n";

/// Generators the generated programs' workers use: items, a running total sent to,
/// and an async stream that says when it is closed (exhausted, broken out of, closed,
/// cancelled, or collected).
const GENERATOR_HELPERS: &str = "def ticks(name, n):\n    for i in range(n):\n        yield f'{name}-t{i}'\n\n\
    def acc():\n    total = 0\n    while True:\n        x = yield total\n        total += x\n\n\
    async def stream(name, n, d):\n    try:\n        for i in range(n):\n            await asyncio.sleep(d)\n            yield f'{name}-s{i}'\n    finally:\n        print(name, 'stream closed')\n\n";

/// A random asyncio program over the subset: workers that sleep, lock, signal, queue,
/// time out, fail and are cancelled, iterate generators and async generators, started by
/// `create_task`, `gather` or a TaskGroup. As a notebook cell it awaits `main()` itself.
fn generated_program(rng: &mut Rng, cell: bool) -> String {
    let workers = 1 + rng.below(4);
    let mut src = String::from("import asyncio\nimport random\n\ncounter = [0]\n\n");
    src += GENERATOR_HELPERS;
    src += CLASS_HELPERS;
    src += LIBRARY_HELPERS;
    for w in 0..workers {
        let name = format!("w{w}");
        src += &format!("async def {name}(lock, sem, event, queue):\n");
        let body: String = (0..1 + rng.below(4)).map(|k| action(rng, &name, k, "        ", 0)).collect();
        src += "    try:\n";
        src += &body;
        src += "    except asyncio.CancelledError:\n";
        src += &format!("        print('{name}', 'cancelled')\n");
        src += "        raise\n";
        src += "    finally:\n";
        src += &format!("        print('{name}', 'ends')\n");
        match rng.below(5) {
            0 => src += &format!("    raise ValueError('{name} failed')\n"),
            _ => src += &format!("    return '{name} result'\n"),
        }
        src += "\n";
    }
    src += "async def main():\n";
    src += &format!(
        "    lock, sem, event, queue = asyncio.Lock(), asyncio.Semaphore({}), asyncio.Event(), asyncio.Queue({})\n",
        1 + rng.below(2),
        rng.below(3)
    );
    let args = "(lock, sem, event, queue)";
    let calls: Vec<String> = (0..workers).map(|w| format!("w{w}{args}")).collect();
    match rng.below(5) {
        4 => {
            for (w, call) in calls.iter().enumerate() {
                src += &format!("    t{w} = asyncio.create_task({call})\n");
            }
            src += &format!("    await asyncio.sleep({})\n", rng.pick(DELAYS));
            let tasks: Vec<String> = (0..workers).map(|w| format!("t{w}")).collect();
            src += &format!(
                "    print('main', [t.done() for t in ({},)])\n    print('main', await asyncio.gather({}, return_exceptions=True))\n",
                tasks.join(", "),
                tasks.join(", ")
            );
        }
        0 => {
            src += &format!("    results = await asyncio.gather({}, return_exceptions=False)\n", calls.join(", "));
            src = format!("{}\n", src.trim_end_matches('\n'));
            src =
                src.replace("    results = await asyncio.gather(", "    try:\n        results = await asyncio.gather(");
            src += "        print('main', results)\n    except ValueError as e:\n        print('main caught', e)\n        await asyncio.sleep(1)\n";
        }
        1 => {
            src += "    try:\n        async with asyncio.TaskGroup() as tg:\n";
            for (w, call) in calls.iter().enumerate() {
                src += &format!("            t{w} = tg.create_task({call})\n");
            }
            src += "    except* ValueError as eg:\n        print('main caught', [str(e) for e in eg.exceptions])\n";
        }
        2 => {
            for (w, call) in calls.iter().enumerate() {
                src += &format!("    t{w} = asyncio.create_task({call}, name='task{w}')\n");
            }
            let victim = rng.below(workers);
            src += &format!("    await asyncio.sleep({})\n", rng.pick(DELAYS));
            src += &format!("    print('main cancels', t{victim}.get_name(), t{victim}.cancel())\n");
            for w in 0..workers {
                src += &format!(
                    "    try:\n        print('main got', await t{w})\n    except asyncio.CancelledError:\n        print('main saw', t{w}.get_name(), 'cancelled', t{w}.cancelled())\n    except ValueError as e:\n        print('main caught', e)\n"
                );
            }
        }
        _ => {
            for (w, call) in calls.iter().enumerate() {
                src += &format!("    t{w} = asyncio.create_task({call})\n");
            }
            src += &format!(
                "    try:\n        print('main', await asyncio.wait_for(t0, {}))\n    except TimeoutError:\n        print('main timed out waiting', t0.cancelled())\n    except ValueError as e:\n        print('main caught', e)\n",
                rng.pick(&["0.1", "0.3", "1"])
            );
            src += "    await asyncio.sleep(1)\n";
        }
    }
    src += "    print('main ends', counter[0], queue.qsize(), event.is_set(), lock.locked())\n\n";
    src += if cell { "await main()\n" } else { "asyncio.run(main())\n" };
    src
}

#[test]
fn a_thousand_generated_programs_print_what_cpython_prints_as_script_and_cell() {
    let mut rng = Rng(8);
    let mut programs: Vec<(String, Way)> = Vec::new();
    for _ in 0..1000 {
        let mut cell_rng = Rng(rng.0);
        programs.push((generated_program(&mut rng, false), Way::default()));
        programs.push((generated_program(&mut cell_rng, true), Way { cell: true, ..Way::default() }));
    }
    let sources: Vec<(&str, Way)> = programs.iter().map(|(p, way)| (p.as_str(), *way)).collect();
    let cpython = cpython_runs_as(&sources);
    assert_eq!(cpython.len(), sources.len(), "CPython ran every program");
    let mut wrong = Vec::new();
    let mut lines = 0;
    for ((program, way), expected) in programs.iter().zip(cpython) {
        lines += expected.0 .0.len();
        let ours = ours(program, *way);
        if ours != expected && wrong.len() < 3 {
            wrong.push(format!("{program}\n{way:?}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(lines > 20_000, "the programs printed only {lines} lines");
}

#[test]
fn a_coroutine_never_awaited_gets_cpythons_warning() {
    let source = "import asyncio\n\nasync def say_after(delay, what):\n    await asyncio.sleep(delay)\n    print(what)\n\nasync def main():\n    say_after(1, 'hello')\n    print('done')\n\nasyncio.run(main())\n";
    let run = Program::new(source).unwrap().simulate();
    assert_eq!(run.lines(), [("done".to_owned(), 0.0)]);
    assert_eq!(
        run.stderr,
        ["main.py:8: RuntimeWarning: coroutine 'say_after' was never awaited\n  say_after(1, 'hello')\n\
          RuntimeWarning: Enable tracemalloc to get the object allocation traceback"]
    );
}

/// CPython warns where a coroutine never awaited is freed: the line that dropped it, a
/// caller's line when a function's locals go, asyncio's step when a task's coroutine
/// ends with it in a local, `sys` when the module's variables are cleared at exit.
#[test]
fn a_coroutine_never_awaited_is_warned_about_where_it_is_freed() {
    let source = "import asyncio\n\nasync def job():\n    pass\n\ndef helper():\n    c = job()\n    return 1\n\n\
                  kept = job()\n\nasync def main():\n    job()\n    x = job()\n    helper()\n    print('main')\n\n\
                  asyncio.run(main())\nprint('end')\n";
    let run = Program::new(source).unwrap().simulate();
    assert_eq!(run.lines(), [("main".to_owned(), 0.0), ("end".to_owned(), 0.0)]);
    let hint = "RuntimeWarning: Enable tracemalloc to get the object allocation traceback";
    let never = "RuntimeWarning: coroutine 'job' was never awaited";
    assert_eq!(
        run.stderr,
        [
            format!("main.py:13: {never}\n  job()\n{hint}"),
            format!("main.py:15: {never}\n  helper()\n{hint}"),
            format!("/lib/python3.11/asyncio/events.py:80: {never}\n  self._context.run(self._callback, *self._args)\n{hint}"),
            format!("sys:1: {never}"),
        ]
    );
    // An exception keeps the frames it left, and they their coroutines, until the
    // handler lets go of it: CPython's warning names the handler's last line.
    let source = "async def job():\n    pass\n\ndef refuse(c):\n    raise ValueError\n\ntry:\n    refuse(job())\n\
                  except ValueError as e:\n    print('caught')\n    print('still')\nprint('after')\n";
    let run = Program::new(source).unwrap().simulate();
    assert_eq!(run.stderr, [format!("main.py:11: {never}\n  print('still')\n{hint}")]);
}

/// Debug mode's slow-callback warnings, as CPython words them, each task's repr with
/// where it was created (asyncio's `create_task` and `Runner.run` here) and the main
/// task's with the callback that stops the loop. (CPython's add what a task waits for
/// and where a handle was made, which these do not yet.)
#[test]
fn debug_mode_reports_the_steps_and_callbacks_that_took_long() {
    let source = "import asyncio, time\n\nasync def blocker():\n    time.sleep(0.2)\n    await asyncio.sleep(0.1)\n    time.sleep(0.15)\n\ndef cb():\n    time.sleep(0.12)\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    t = asyncio.create_task(blocker())\n    loop.call_soon(cb)\n    await asyncio.sleep(0.01)\n    time.sleep(0.05)\n    loop.slow_callback_duration = 0.04\n    await t\n    print(loop.get_debug(), loop.slow_callback_duration, loop)\n\nasyncio.run(main(), debug=True)\n";
    let run = Program::new(source).unwrap().simulate();
    assert_eq!(run.error, None);
    assert_eq!(
        run.lines(),
        [("True 0.04 <_UnixSelectorEventLoop running=True closed=False debug=True>".to_owned(), 0.52)]
    );
    assert_eq!(
        run.stderr,
        [
            "Executing <Task pending name='Task-2' coro=<blocker() running at main.py:5> \
             created at /lib/python3.11/asyncio/tasks.py:384> took 0.200 seconds",
            "Executing <Handle cb() at main.py:8> took 0.120 seconds",
            "Executing <Task pending name='Task-1' coro=<main() running at main.py:18> \
             cb=[_run_until_complete_cb() at /lib/python3.11/asyncio/base_events.py:180] \
             created at /lib/python3.11/asyncio/runners.py:100> took 0.050 seconds",
            "Executing <Task finished name='Task-2' coro=<blocker() done, defined at main.py:3> result=None \
             created at /lib/python3.11/asyncio/tasks.py:384> took 0.150 seconds",
        ]
    );
}

#[test]
fn thousands_of_suspended_tasks_are_not_a_deep_recursion() {
    let source = "import asyncio\n\nasync def say_after(delay, what):\n    await asyncio.sleep(delay)\n    print(what)\n\nasync def main():\n    await asyncio.gather(*(say_after(0.01, i) for i in range(1500)))\n\nasyncio.run(main())\n";
    let (lines, error) = on_big_stack(move || simulate(source));
    assert_eq!((lines.len(), error), (1500, None));
}

#[test]
fn a_print_flood_is_stopped_after_ten_thousand_lines() {
    let source = "import asyncio\n\nasync def main():\n    i = 0\n    while True:\n        print(i)\n        i += 1\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n";
    let (lines, error) = on_big_stack(move || simulate(source));
    assert_eq!(lines.len(), 10_000);
    assert_eq!(lines.last().map(|(text, _)| text.as_str()), Some("9999"));
    let error = error.expect("the run is stopped");
    assert!(error.starts_with("The program printed 10000 lines"), "{error}");
}

/// The tour's programs (`www/tour/`), the scenes of the tutorial's ideas: each, run as
/// a script and as a notebook cell, prints what CPython prints, at the same loop times,
/// fails with the same traceback and warns as it warns. A program that is a cell only
/// (it awaits outside functions) is refused as a script by both.
#[test]
fn the_tours_programs_print_what_cpython_prints() {
    let sources = tour_programs();
    assert!(sources.len() >= 25, "the tour's programs are in www/tour");
    let mut programs: Vec<(&str, &str, Way)> = Vec::new();
    for (name, source) in &sources {
        if Program::new(source).is_ok() {
            programs.push((name, source, Way::default()));
        } else {
            let error = Program::new(source).err().unwrap();
            assert_eq!(error.message, "'await' outside function", "{name} is neither a script nor a cell");
        }
        programs.push((name, source, Way { cell: true, ..Way::default() }));
    }
    let cpython = cpython_runs_as(&programs.iter().map(|&(_, source, way)| (source, way)).collect::<Vec<_>>());
    let mut wrong = Vec::new();
    for ((name, source, way), expected) in programs.iter().zip(cpython) {
        if !way.cell {
            assert!(!expected.0 .0.is_empty(), "{name} prints nothing under CPython");
        }
        let ours = ours(source, *way);
        if ours != expected {
            wrong.push(format!("{name} {way:?}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
}

/// The coroutine scene's lane: count_down(3), awaited inside main's task, was suspended
/// three times (once per sleep) and resumed three times, where it stopped each time.
#[test]
fn a_coroutines_suspensions_and_resumptions_are_counted_on_its_lane() {
    use asyncio_playground::trace::{Moment, SpanKind};
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www/tour/count-down.py")).unwrap();
    let trace = on_big_stack(move || program(&source).simulate().trace);
    let mut moment = Moment::with_spans();
    moment.advance(&trace, trace.events.len());
    let frames: Vec<(String, u32, u32)> = moment
        .spans()
        .iter()
        .filter_map(|span| match span.what {
            SpanKind::Frame { label, suspended, resumed } => {
                Some((trace.labels[label as usize].to_string(), suspended, resumed))
            }
            SpanKind::State(_) => None,
        })
        .collect();
    assert_eq!(frames, [("count_down(3)".to_owned(), 3, 3)]);
}

/// Stop is Ctrl+C: main() is cancelled where it waits, the tasks left are cancelled
/// once it is over, and asyncio.run raises KeyboardInterrupt, unless the program
/// catches the cancellation. The same lines, at the same times, and the same traceback.
#[test]
fn stop_is_ctrl_c_as_cpython_handles_it() {
    let say_after =
        "import asyncio\n\nasync def say_after(delay, what):\n    await asyncio.sleep(delay)\n    print(what)\n\n";
    let programs = [
        // The notebook's main, one call after the other.
        "async def main():\n    print('started')\n    await say_after(0.1, 'hello')\n    await say_after(0.2, 'world')\n    print('finished')\n\nasyncio.run(main())\n",
        // Tasks: main's cancellation reaches the task it awaits; the other is cancelled at the end.
        "async def main():\n    a = asyncio.create_task(say_after(0.3, 'a'))\n    b = asyncio.create_task(say_after(0.4, 'b'))\n    await a\n    await b\n\nasyncio.run(main())\n",
        // gather and TaskGroup pass the cancellation on to every child.
        "async def main():\n    await asyncio.gather(say_after(0.1, 'x'), say_after(0.3, 'y'), say_after(0.5, 'z'))\n\nasyncio.run(main())\n",
        "async def main():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(say_after(0.1, 'x'))\n        tg.create_task(say_after(0.3, 'y'))\n    print('never')\n\nasyncio.run(main())\n",
        // Clean-up code runs, even code that awaits.
        "async def main():\n    try:\n        await say_after(1, 'never')\n    finally:\n        print('cleaning up')\n        await asyncio.sleep(0.1)\n        print('clean')\n\nasyncio.run(main())\nprint('not reached')\n",
        // A main that catches the cancellation returns normally: no KeyboardInterrupt.
        "async def main():\n    try:\n        await asyncio.sleep(1)\n    except asyncio.CancelledError:\n        print('caught it')\n    return 'done anyway'\n\nprint(asyncio.run(main()))\nprint('and the module goes on')\n",
        // Caught around asyncio.run, as a script can catch Ctrl+C.
        "async def main():\n    await say_after(1, 'never')\n\ntry:\n    asyncio.run(main())\nexcept KeyboardInterrupt:\n    print('interrupted')\n",
        // A task that keeps running after main was cancelled is cancelled with the rest.
        "async def worker():\n    try:\n        while True:\n            await asyncio.sleep(0.1)\n            print('tick')\n    except asyncio.CancelledError:\n        print('worker cancelled')\n        raise\n\nasync def main():\n    asyncio.create_task(worker())\n    await asyncio.sleep(10)\n\nasyncio.run(main())\n",
        // A program that handles SIGINT itself gets it instead: the loop's handler stops
        // the loop before main is done (the docs' example)...
        "import functools, signal\n\ndef ask_exit(signame, loop):\n    print('got signal %s: exit' % signame)\n    loop.stop()\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    for signame in ('SIGINT', 'SIGTERM'):\n        loop.add_signal_handler(getattr(signal, signame), functools.partial(ask_exit, signame, loop))\n    await say_after(3600, 'never')\n\nasyncio.run(main())\n",
        // ... or cancels the tasks, and main gathers them...
        "import signal\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    tasks = [asyncio.create_task(say_after(n, n)) for n in (0.1, 1, 2)]\n    loop.add_signal_handler(signal.SIGINT, lambda: [t.cancel() for t in tasks])\n    print(await asyncio.gather(*tasks, return_exceptions=True))\n    loop.remove_signal_handler(signal.SIGINT)\n\nasyncio.run(main())\n",
        // ... a handler set by `signal.signal` sets an event main waits for...
        "import signal\n\nstop = asyncio.Event()\n\ndef handler(number, frame):\n    print('handler got', signal.Signals(number).name)\n    stop.set()\n\nsignal.signal(signal.SIGINT, handler)\n\nasync def main():\n    ticker = asyncio.create_task(say_after(10, 'never'))\n    await stop.wait()\n    ticker.cancel()\n    print('bye')\n\nasyncio.run(main())\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n",
        // ... and a SIGINT ignored does nothing.
        "import signal\n\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n\nasync def main():\n    await say_after(0.5, 'ignored Ctrl+C')\n\nasyncio.run(main())\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n",
    ];
    let sources: Vec<String> = programs.iter().map(|p| format!("{say_after}{p}")).collect();
    let cases: Vec<(&str, f64)> = sources.iter().map(|s| (s.as_str(), 0.25)).collect();
    let cpython = cpython_runs_stopped(&cases);
    let mut wrong = Vec::new();
    for ((source, at), expected) in cases.iter().zip(cpython) {
        let (source, at) = (source.to_string(), *at);
        let ours = on_big_stack(move || {
            let run = program(&source).simulate_stopped_at(Some(at));
            (run.lines(), run.error)
        });
        if ours != expected {
            wrong.push(format!("{}\nours:    {ours:?}\nCPython: {expected:?}\n", cases.len()));
        }
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
}

/// A notebook cell runs inside a loop that is running already, as Jupyter's cells do:
/// `await` works outside functions, `asyncio.run` refuses to start a loop, and the
/// tutorial's own `loop.run_until_complete(main())` raises `This event loop is already
/// running`, after which main() runs all the same, as in the tutorial's notebook.
#[test]
fn a_notebook_cell_runs_as_in_the_tutorials_notebook() {
    // The tutorial's notebook, as the tour has it: its definitions, then how it ends.
    let tutorial = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www/tour/notebook.py")).unwrap();
    let (notebook, ending) = tutorial.split_at(tutorial.find("loop = asyncio.get_event_loop()").unwrap());
    let endings = [
        ending,
        "await main()\n",
        "asyncio.run(main())\n",
        "loop = asyncio.get_running_loop()\nawait main()\nloop.close()\n",
        "task = asyncio.create_task(main())\nprint('the cell goes on:', asyncio.current_task().get_name(), task.get_name())\nawait asyncio.sleep(1.5)\nprint('the cell is over; main() is not')\n",
        "results = await asyncio.gather(say_after(0.2, 'a'), say_after(0.1, 'b'))\nprint(results)\nasync with asyncio.TaskGroup() as tg:\n    tg.create_task(say_after(0.1, 'c'))\nprint(1 / 0)\n",
    ];
    let sources: Vec<String> = endings.iter().map(|ending| format!("{notebook}{ending}")).collect();
    let mut programs: Vec<(&str, Way)> =
        sources.iter().map(|s| (s.as_str(), Way { cell: true, ..Way::default() })).collect();
    // The same code as a script: a loop of its own, and nothing is wrong.
    programs.push((&sources[0], Way::default()));
    let cpython = cpython_runs_as(&programs);
    let mut wrong = Vec::new();
    for ((source, way), expected) in programs.iter().zip(&cpython) {
        let ours = ours(source, *way);
        if ours != *expected {
            wrong.push(format!("{way:?}\n{source}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
    // What the tutorial's notebook showed: the error, then the four lines, 3 s apart.
    let ((lines, error), _) = &cpython[0];
    let times: Vec<f64> = lines.iter().map(|(_, at)| *at).collect();
    assert_eq!(times, [0.0, 1.0, 3.0, 3.0]);
    assert!(error.as_deref().is_some_and(|e| e.ends_with("RuntimeError: This event loop is already running\n")));
    assert_eq!(cpython[2].1, ["RuntimeWarning: coroutine 'main' was never awaited"]);
}

#[test]
fn sets_of_integers_iterate_in_cpythons_order() {
    // Sets of every size up to 120, of small, large and negative numbers, built by
    // literals, set(), comprehensions and add(): printed, listed and iterated.
    let source = "seed = 7\n\ndef next_number():\n    global seed\n    seed = (seed * 1103515245 + 12345) % 2147483648\n    return seed\n\nfor size in range(120):\n    scale = [10, 100, 1000, 2 ** 40][size % 4]\n    numbers = [next_number() % scale - scale // 3 for _ in range(size)]\n    s = set(numbers)\n    t = {n * 3 for n in numbers}\n    u = set()\n    for n in numbers:\n        u.add(n + 1)\n    print(s, list(t), [n for n in u], {True, 0, 5, -1, 17})\nprint({3, 1, 2}, {10, 2, 33, 7, 100, 64, 8, 1}, {-5, 5, -1, 0, 99}, {1, 2}, {40, 8, 16, 24, 32, 0, 9})\n";
    let (lines, error) = run_plain(source);
    let expected = cpython_runs(&[source]).remove(0);
    assert_eq!(error, expected.1);
    let theirs: Vec<String> = expected.0.into_iter().map(|(text, _)| text).collect();
    assert_eq!(lines.len(), 121);
    for (ours, theirs) in lines.iter().zip(&theirs) {
        assert_eq!(ours, theirs);
    }
}

#[test]
fn a_task_that_failed_unasked_is_reported_as_cpython_reports_it() {
    let source = "import asyncio\n\nasync def bad():\n    await asyncio.sleep(0.1)\n    raise ValueError('lost')\n\nasync def main():\n    asyncio.create_task(bad())\n    asked = asyncio.create_task(bad())\n    await asyncio.sleep(0.2)\n    print('main done', asked.exception())\n\nasyncio.run(main())\n";
    let run = on_big_stack(move || {
        let run = Program::new(source).unwrap().simulate();
        (run.lines(), run.error, run.stderr)
    });
    assert_eq!(run.0, [("main done lost".to_owned(), 0.2)]);
    assert_eq!(run.1, None);
    assert_eq!(
        run.2,
        ["Task exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<bad() done, defined at main.py:3> exception=ValueError('lost')>\nTraceback (most recent call last):\n  File \"main.py\", line 5, in bad\n    raise ValueError('lost')\nValueError: lost"]
    );
}

/// What `python3` writes to standard error for `source`, run as `main.py` in a folder
/// of its own, the folder's path taken out; and what the playground writes.
/// What `python3` wrote, its files named as the playground names them: the program
/// `main.py` (it ran in `dir`), CPython's library under `/lib/python3.11/`, where a
/// browser's CPython keeps it.
fn named_as_in_a_page(text: &str, dir: &Path) -> String {
    static LIBRARY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let library = LIBRARY.get_or_init(|| {
        let out = Command::new("python3")
            .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    });
    text.replace(&format!("{}/", dir.display()), "").replace(&format!("{library}/"), "/lib/python3.11/")
}

/// A traceback without the frames of CPython's library (a newer CPython's have other
/// lines: its frames are compared without them).
/// Whether a traceback's line is the carets under a line of source.
fn is_carets(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '|']).trim_end();
    !rest.is_empty() && rest.chars().all(|c| matches!(c, '^' | '~' | ' '))
}

fn without_library_frames(text: &str) -> String {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.contains("File \"/lib/python3.11/") {
            out.push(line);
            continue;
        }
        // (Its line of source, and the carets under it if any.)
        lines.next();
        let carets = |l: &&str| {
            let rest = l.trim_start_matches([' ', '|']);
            !rest.is_empty() && rest.chars().all(|c| matches!(c, '^' | '~' | ' '))
        };
        lines.next_if(carets);
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

fn stderr_of_both(name: &str, source: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("main.py"), source).unwrap();
    let cpython = Command::new("python3").arg("-I").arg("main.py").current_dir(&dir).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let expected = named_as_in_a_page(&String::from_utf8(cpython.stderr).unwrap(), &dir);
    let source = source.to_owned();
    let ours = on_big_stack(move || Program::new(&source).unwrap().simulate().stderr);
    (ours.join("\n"), expected.trim_end().to_owned())
}

/// An uncaught `NameError` or `AttributeError` ends with the name CPython's interpreter
/// suggests ("Did you mean: 'total'?"): among a function's locals, the program's globals
/// and the built-ins, or among an object's, a class's or a module's attributes.
#[test]
fn uncaught_name_and_attribute_errors_suggest_what_cpython_suggests() {
    let cases = [
        "total = 3\nprint(totl)\n",
        "def area(width, height):\n    return widht * height\n\narea(2, 3)\n",
        "prnt('hello')\n",
        "class Account:\n    def __init__(self):\n        self.balance = 0\n\nAccount().balanse += 1\n",
        "class Account:\n    def deposit(self):\n        pass\n\nAccount().Deposit()\n",
        "import asyncio\n\nasyncio.slep(1)\n",
        "import math\n\nprint(math.sqr(2))\n",
        "import random\n\nrandom.randit(1, 6)\n",
        "items = []\nitems.apend(1)\n",
        "'text'.uper()\n",
        "zzz_nothing_like_it\n",
        "class A:\n    pass\n\nA().qqqqqqqq\n",
        "def f():\n    value = 1\n    return valeu\n\ntry:\n    f()\nexcept NameError as e:\n    print(e)\n    raise\n",
    ];
    let mut suggested = 0;
    for (i, source) in cases.iter().enumerate() {
        let dir = std::env::temp_dir().join(format!("suggest-{i}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("main.py"), source).unwrap();
        let cpython = Command::new("python3").arg("-I").arg("main.py").current_dir(&dir).output().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let expected = named_as_in_a_page(&String::from_utf8(cpython.stderr).unwrap(), &dir);
        let source = source.to_string();
        let ours = on_big_stack(move || Program::new(&source).unwrap().simulate().error).unwrap_or_default();
        assert_eq!(ours.trim_end(), expected.trim_end(), "{}", cases[i]);
        suggested += usize::from(expected.contains("Did you mean"));
    }
    assert!(suggested >= 10, "CPython suggested in {suggested} of them");
}

/// Blocking functions handed to threads (`asyncio.to_thread`, `run_in_executor`) print
/// what `python3` prints running them on threads of its own, in the same order (the
/// program's prints are 100 ms apart or more, so that CPython's real clock orders them
/// as the virtual clock does). The corpus's harness cannot: its loop's clock is
/// virtual, and a thread's `time.sleep` is not. Where two threads print at the same
/// moment, the system's scheduler orders CPython's lines now one way, now the other: the
/// order ours prints must be one that CPython printed, in a few runs.
#[test]
fn threads_print_what_cpythons_threads_print() {
    let mut files: Vec<_> = std::fs::read_dir("tests/threads").unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|f| f.extension().is_some_and(|x| x == "py"));
    files.sort();
    assert!(files.len() >= 2, "the programs are in tests/threads");
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let run = on_big_stack(move || Program::new(&source).unwrap().simulate());
        let ours: Vec<String> = run.lines().into_iter().map(|(text, _)| text).collect();
        assert_eq!(run.error, None, "{file:?}");
        let path = std::fs::canonicalize(&file).unwrap();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for _ in 0..8 {
            let cpython = Command::new("python3").arg("-I").arg(&file).output().unwrap();
            // (Tracebacks it prints name main.py, and CPython's library as a page does.)
            let printed = String::from_utf8(cpython.stdout).unwrap();
            let expected =
                named_as_in_a_page(&printed.replace(&path.display().to_string(), "main.py"), Path::new("/-"));
            seen.push(expected.lines().map(str::to_owned).collect());
            if seen.last() == Some(&ours) {
                break;
            }
        }
        assert_eq!(Some(&ours), seen.last(), "{file:?}: CPython printed {} orders", seen.len());
        if file.ends_with("to_thread_and_executor.py") {
            let times: Vec<f64> = run.lines().into_iter().map(|(_, at)| (at * 100.0).round() / 100.0).collect();
            assert_eq!(times.last(), Some(&2.05), "asyncio.run waited for the last thread: {times:?}");
        }
    }
}

/// A task still pending when a script ends is reported as CPython reports it when it
/// collects the task at exit; a notebook cell's task lives on.
#[test]
fn a_task_pending_at_the_end_of_a_script_is_reported_as_destroyed() {
    let source = "import asyncio\n\nasync def forever():\n    await asyncio.sleep(100)\n\nloop = asyncio.new_event_loop()\nloop.create_task(forever())\nloop.run_until_complete(asyncio.sleep(0.1))\nloop.close()\nprint('closed')\n";
    let (ours, expected) = stderr_of_both("destroyed-pending", source);
    assert_eq!(ours, expected);
    assert!(expected.starts_with("Task was destroyed but it is pending!\ntask: <Task pending name='Task-1' coro=<forever() running at main.py:4>"), "{expected}");
    // A gather's child left pending is held in a cycle with the gather's future, which
    // CPython never collects: nothing is reported.
    let gathered = "import asyncio\n\nasync def part(d):\n    await asyncio.sleep(1 / d)\n\nasync def main():\n    try:\n        await asyncio.gather(part(1), part(0))\n    except ZeroDivisionError:\n        print('raised')\n\nloop = asyncio.new_event_loop()\nloop.run_until_complete(main())\nloop.close()\n";
    let (ours, expected) = stderr_of_both("destroyed-gathered", gathered);
    assert_eq!(ours, expected);
    assert!(expected.is_empty(), "{expected}");
}

/// In debug mode a loop logs, as it closes, how it stood (once: a second `close`
/// says nothing), whether `asyncio.run`, a `Runner` or the program closes it.
#[test]
fn debug_mode_logs_each_loop_closing_as_cpython_does() {
    let source = "import asyncio\nimport logging\n\nlogging.basicConfig(level=logging.DEBUG, format='%(levelname)s %(name)s %(module)s.%(funcName)s:%(lineno)d: %(message)s')\n\nasync def greet(name):\n    await asyncio.sleep(0.1)\n    logging.info('hello, %s', name)\n\nloop = asyncio.new_event_loop()\nloop.set_debug(True)\nloop.run_until_complete(greet('old style'))\nloop.close()\nloop.close()\nwith asyncio.Runner(debug=True) as runner:\n    runner.run(greet('runner'))\nquiet = asyncio.new_event_loop()\nquiet.run_until_complete(greet('no debug'))\nquiet.close()\nasyncio.run(greet('run'), debug=True)\n";
    let (ours, expected) = stderr_of_both("debug-closing", source);
    assert_eq!(ours, expected);
    assert_eq!(
        expected.matches("Close <_UnixSelectorEventLoop running=False closed=False debug=True>").count(),
        3,
        "{expected}"
    );
}

#[test]
fn a_timer_at_the_far_end_of_the_clock_fires_in_its_turn() {
    // 1e308 s plus the clock's resolution is 1e308 s: the loop staged no timer and
    // panicked (found by tests/fuzz.rs). CPython, at that moment, would never run it
    // (its loop breaks on `when >= end_time`), so this one is ours alone.
    let source = "import asyncio\n\ndef callback(name):\n    print(f'callback: {name}')\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    loop.call_later(1e308, callback, 'far')\n    loop.call_soon(callback, 'soon')\n    await asyncio.sleep(0.2)\n    print('main: done')\n    await asyncio.sleep(1e308)\n\nasyncio.run(main())\n";
    let ((lines, error), _) = ours(source, Way::default());
    let texts: Vec<&str> = lines.iter().map(|(text, _)| text.as_str()).collect();
    assert_eq!(texts, ["callback: soon", "main: done", "callback: far"]);
    assert_eq!(lines[2].1, 1e308);
    assert_eq!(error, None);
}

thread_local! {
    /// A wall clock for [`ticking_wall`]: it moves on a millisecond each time it is read.
    static TICKS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// A page's clock, as the interpreter reads it (every 1,024 statements), made
/// deterministic: each reading is a millisecond later than the last.
fn ticking_wall() -> f64 {
    TICKS.with(|t| {
        t.set(t.get() + 0.001);
        t.get()
    })
}

/// What the loop did, and when on its clock: each event's kind, task, argument, time.
type Events = Vec<(Kind, u32, u32, f64)>;

/// Runs `program` on the virtual clock with the ticking wall clock, a piece at a time:
/// its trace, its error, and how many times it paused.
fn simulate_in_pieces(program: &std::rc::Rc<Program>) -> (Events, Option<String>, u32) {
    use asyncio_playground::python::Simulation;
    TICKS.with(|t| t.set(0.0));
    let host = VirtualHost::new(0.0);
    let rt = Runtime::new(host.clone());
    let mut simulation = Simulation::start(program, &rt, Some(ticking_wall), None);
    let mut pauses = 0;
    let (error, _) = loop {
        match simulation.work(&host) {
            Some(ended) => break ended,
            None => pauses += 1,
        }
    };
    let events = rt.trace().events.iter().map(|e| (e.kind, e.task, e.arg, e.ideal)).collect();
    (events, error, pauses)
}

#[test]
fn a_long_step_pauses_for_the_page_and_the_run_is_the_same() {
    let script =
        "import asyncio, time\n\ntotal = 0\nfor i in range(60000):\n    total += i\nprint('module', total)\n\n\
        async def work(name, n):\n    s = 0\n    for i in range(n):\n        s += i\n    print(name, s)\n    \
        await asyncio.sleep(0.1)\n    print(name, 'again', [j for j in range(n // 2)][-1])\n\n\
        async def main():\n    await asyncio.gather(work('a', 100000), work('b', 50000), asyncio.sleep(0.05))\n    \
        time.sleep(0.2)\n    print('slept')\n\nasyncio.run(main())\nprint('after', total)\n";
    let cell = "import asyncio\n\nasync def work(n):\n    s = 0\n    for i in range(n):\n        s += i\n    \
        print(s)\n\ns = 0\nfor i in range(50000):\n    s += i\nawait asyncio.gather(work(90000), asyncio.sleep(0.1))\nprint(s)\n";
    on_big_stack(move || {
        for (source, cell) in [(script, false), (cell, true)] {
            let read = if cell { Program::new_cell(source) } else { Program::new(source) };
            let program = read.unwrap_or_else(|e| panic!("{e}"));
            let (events, error, pauses) = simulate_in_pieces(&program);
            assert!(error.is_none(), "{error:?}");
            // Steps of 50,000 to 100,000 statements, a reading every 1,024, a pause
            // after 30 readings in a step.
            assert!(pauses >= 3, "paused {pauses} times");
            let whole = program.simulate();
            let unpaused: Vec<_> = whole.trace.events.iter().map(|e| (e.kind, e.task, e.arg, e.ideal)).collect();
            assert_eq!(events, unpaused, "the run changed when it paused ({source})");
        }
    });
}

#[test]
fn a_step_that_pauses_is_still_stopped_after_its_budget_of_work() {
    let source = "import asyncio\n\nasync def spin():\n    while True:\n        pass\n\nasync def main():\n    print('start')\n    await asyncio.create_task(spin())\n\nasyncio.run(main())\n";
    let module = "x = 0\nwhile True:\n    x += 1\n";
    on_big_stack(move || {
        let (events, error, pauses) = simulate_in_pieces(&program(source));
        let error = error.expect("the run is stopped");
        assert!(error.starts_with("Task-2 (spin) ran for over 500 ms without awaiting anything"), "{error}");
        // A reading a ms: 500 readings, a pause after every 30 of them.
        assert!((15..=17).contains(&pauses), "paused {pauses} times");
        assert_eq!(events.iter().filter(|e| e.0 == Kind::Printed).count(), 1);
        let (_, error, pauses) = simulate_in_pieces(&program(module));
        assert!(error.expect("stopped").contains("The program ran for over 500 ms"));
        assert!((15..=17).contains(&pauses), "paused {pauses} times");
    });
}

#[test]
fn the_pages_turns_between_pieces_do_not_count_as_the_programs_work() {
    use asyncio_playground::python::Simulation;
    // Long steps pause inside the interpreter; a thousand short ones, between the loop's
    // handles (the virtual host reads the clock every 16 of them).
    let source = "import asyncio\n\nasync def work(n):\n    s = 0\n    for i in range(n):\n        s += i\n    print(s)\n\n\
        async def nap():\n    await asyncio.sleep(0)\n\n\
        async def main():\n    await asyncio.gather(*(work(20000) for _ in range(5)), *(nap() for _ in range(3000)))\n\n\
        asyncio.run(main())\n";
    on_big_stack(move || {
        TICKS.with(|t| t.set(0.0));
        let program = program(source);
        let host = VirtualHost::new(0.0);
        host.pause_every(ticking_wall);
        let rt = Runtime::new(host.clone());
        let mut simulation = Simulation::start(&program, &rt, Some(ticking_wall), None);
        let mut turns = 0;
        let (error, _) = loop {
            match simulation.work(&host) {
                Some(ended) => break ended,
                None => {
                    // The page takes a whole second each turn: a second of the wall
                    // clock the program did not work, past the foresight's budget.
                    turns += 1;
                    TICKS.with(|t| t.set(t.get() + 1.0));
                }
            }
        };
        assert_eq!(error, None, "after {turns} turns");
        assert!(turns >= 6, "{turns} turns");
        assert_eq!(rt.trace().printed().count(), 5);
    });
}

/// The lines each program runs, as CPython's `sys.settrace` sees them: (the running
/// task's name or `<module>`, line), in order.
fn cpython_lines(sources: &[&str]) -> Vec<Vec<(String, u32)>> {
    let json: Vec<String> =
        sources.iter().map(|source| format!("{{\"source\": {}, \"lines\": true}}", json_string(source))).collect();
    let mut runs: Vec<Vec<(String, u32)>> = Vec::new();
    for line in harness_json("tests/python_run.py", &json).lines() {
        if line == "program" {
            runs.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("line ") {
            let (task, n) = rest.rsplit_once(' ').unwrap();
            runs.last_mut().unwrap().push((task.to_owned(), n.parse().unwrap()));
        }
    }
    runs
}

/// The lines a program runs, as its trace records them when it is compiled to. It
/// prints what it prints when it is not, at the same times, and ends the same way.
fn lines_run(source: &str) -> Vec<(String, u32)> {
    let source = source.to_owned();
    on_big_stack(move || {
        let plain = program(&source).simulate();
        let run = program(&source).with_line_events().simulate();
        assert_eq!((run.lines(), &run.error), (plain.lines(), &plain.error), "{source}");
        let trace = run.trace;
        trace
            .lines_run
            .iter()
            .map(|&(_, task, line)| {
                let name = if task == u32::MAX { "<module>".to_owned() } else { trace.task_name(task) };
                (name, line)
            })
            .collect()
    })
}

#[test]
fn each_line_run_is_recorded_on_demand_as_cpythons_tracing_sees_it() {
    // Left out: what CPython's own tracing tells differently for reasons of its own. It
    // sees the code after `except*` clauses on lines its compiler passes on from one
    // block to the next; its `as_completed` makes its tasks in the order of a set; its
    // tracer adds to the depth of a runaway recursion. And ours: a gather awaited by a
    // gather is a task of its own (CPython's is a future; task names differ by one).
    let traceable = |source: &&str| {
        !["except*", "as_completed", "return f(n + 1)", "depth(5000)", "gather(inner"]
            .iter()
            .any(|s| source.contains(s))
    };
    // The tour's programs among them: stepping line by line through a scene visits these.
    let tour: Vec<String> = tour_scripts().into_iter().map(|(_, source)| source).collect();
    let sources: Vec<&str> = LINE_PROGRAMS
        .iter()
        .chain(GENERATORS)
        .chain(CLASSES)
        .chain(PLAIN)
        .chain(ASYNC)
        .copied()
        .chain(tour.iter().map(String::as_str))
        .filter(traceable)
        .collect();
    assert!(sources.len() > 110, "{}", sources.len());
    let cpython = cpython_lines(&sources);
    let mut wrong = Vec::new();
    for (source, expected) in sources.iter().zip(cpython) {
        let ours = lines_run(source);
        if ours != expected {
            wrong.push(format!("{source}\nours:    {ours:?}\nCPython: {expected:?}\n"));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), sources.len(), wrong.join("\n"));
    // A program not compiled to record them records none.
    assert!(program(LINE_PROGRAMS[0]).simulate().trace.lines_run.is_empty());
}

/// What CPython's frame holds as each line of main.py begins (`sys.settrace`): the task,
/// the line, the function and, but for the module's, its locals as reprs.
type LineFrame = (String, u32, String, Vec<(String, String)>);

fn cpython_line_frames(sources: &[&str]) -> Vec<Vec<LineFrame>> {
    let json: Vec<String> = sources
        .iter()
        .map(|source| format!("{{\"source\": {}, \"line_frames\": true}}", json_string(source)))
        .collect();
    let mut runs: Vec<Vec<LineFrame>> = Vec::new();
    for line in harness_json("tests/python_run.py", &json).lines() {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let run = runs.last_mut();
        match word {
            "program" => runs.push(Vec::new()),
            "line" => {
                let (task, n) = rest.rsplit_once(' ').unwrap();
                run.unwrap().push((task.to_owned(), n.parse().unwrap(), String::new(), Vec::new()));
            }
            "lineframe" => run.unwrap().last_mut().unwrap().2 = rest.to_owned(),
            "local" => {
                let (name, repr) = rest.split_once(' ').unwrap();
                let entry = run.unwrap().last_mut().unwrap();
                entry.3.push((name.to_owned(), without_addresses(&json_unquote(repr))));
            }
            _ => {}
        }
    }
    for run in &mut runs {
        for entry in run.iter_mut() {
            entry.3.sort();
        }
    }
    runs
}

/// Ours: for each line its run begins, the frames as that line is about to run
/// (`Program::frames_at_line`), the running task's innermost one: the line its run
/// recorded, the frame's function and locals, and the line where that frame stands.
fn our_line_frames(source: &str) -> Vec<(LineFrame, u32)> {
    let source = source.to_owned();
    on_big_stack(move || {
        let program = program(&source);
        let lines = program.lines_run(None, None).unwrap();
        lines
            .iter()
            .enumerate()
            .map(|(k, &(_, task, line))| {
                let frames = program.frames_at_line(k, None, None).unwrap();
                let id = (task != u32::MAX).then_some(task);
                let running = frames.into_iter().find(|t| t.task == id).and_then(|t| t.frames.into_iter().last());
                let name = id.map_or_else(|| "<module>".to_owned(), |t| format!("Task-{}", t + 1));
                let Some(frame) = running else { return ((name, line, "(no frame)".to_owned(), Vec::new()), 0) };
                let mut locals: Vec<(String, String)> = match &*frame.function {
                    "<module>" => Vec::new(),
                    _ => frame.locals.into_iter().map(|(n, v)| (n.to_string(), without_addresses(&v))).collect(),
                };
                locals.sort();
                ((name, line, frame.function.to_string(), locals), frame.line)
            })
            .collect()
    })
}

/// Stepping line by line: at each line a run begins, the running task's frame stands at
/// that line with the variables CPython's frame holds as the line begins.
#[test]
fn each_line_stepped_to_shows_the_frame_cpython_begins_it_in() {
    let mut programs: Vec<(String, String)> = tour_scripts();
    programs
        .extend(LINE_PROGRAMS.iter().take(6).enumerate().map(|(i, s)| (format!("LINE_PROGRAMS[{i}]"), s.to_string())));
    let traceable = |source: &str| !["as_completed", "gather(inner", "except*"].iter().any(|s| source.contains(s));
    programs.retain(|(_, source)| traceable(source));
    let sources: Vec<&str> = programs.iter().map(|(_, s)| s.as_str()).collect();
    let cpython = cpython_line_frames(&sources);
    let mut wrong = Vec::new();
    let mut lines = 0;
    for ((name, source), mut expected) in programs.iter().zip(cpython) {
        let (mut ours, stands): (Vec<LineFrame>, Vec<u32>) = our_line_frames(source).into_iter().unzip();
        lines += ours.len();
        for ((ours, stands), expected) in ours.iter_mut().zip(stands).zip(expected.iter_mut()) {
            if expected.2 == "<callback>" {
                // A callback of the loop's runs where nothing can pause: stepping shows
                // the frames at the next line that can. Its line is CPython's all the same.
                (ours.2, ours.3) = (String::new(), Vec::new());
                (expected.2, expected.3) = (String::new(), Vec::new());
            } else {
                // The running frame stands at the line begun.
                assert_eq!(stands, ours.1, "{name}: {ours:?}");
            }
        }
        wrong.extend(first_difference(name, "lines", &ours, &expected));
    }
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), programs.len(), wrong.join("\n"));
    assert!(lines > 500, "{lines} lines");
}

const LINE_PROGRAMS: &[&str] = &[
    r#"import asyncio

async def count(name, n):
    for i in range(n):
        await asyncio.sleep(0.1)
    print(name, 'done')

async def main():
    await asyncio.gather(count('a', 2), count('b', 1))

asyncio.run(main())
"#,
    r#"def collatz(n):
    steps = 0
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        steps += 1
    return steps

print([collatz(k) for k in range(1, 6)])
"#,
];

#[test]
fn every_tasks_frames_and_locals_are_recovered_at_any_event() {
    let source = r#"import asyncio

async def leaf(n):
    total = n * 2
    await asyncio.sleep(0.5)
    return total

async def worker(name, items):
    done = []
    for item in items:
        got = await leaf(item)
        done.append(got)
        print(name, got)
    return done

async def main():
    label = 'x' * 100
    t = asyncio.create_task(worker('w', [1, 2]))
    await asyncio.sleep(0.2)
    print('main at 0.2')
    await t

asyncio.run(main())
"#;
    on_big_stack(move || {
        let program = program(source);
        let trace = program.simulate().trace;
        let event_of = |kind: Kind, task: u32| {
            trace.events.iter().position(|e| e.kind == kind && e.task == task).expect("the event happens")
        };
        let local = |frame: &asyncio_playground::python::vm::FrameView, name: &str| {
            frame.locals.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.clone())
        };
        // When main's first step made the worker's task: the worker has not started,
        // and shows its coroutine as made, at its `def` with its arguments.
        let made = program.frames_at(event_of(Kind::Created, 1), None);
        let names: Vec<&str> = made.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["<module>", "Task-1", "Task-2"]);
        assert_eq!(made[0].frames[0].line, 23);
        let main = &made[1].frames;
        assert_eq!((main.len(), &*main[0].function, main[0].line), (1, "main", 19));
        assert_eq!(local(&main[0], "label"), Some(format!("'{}…", "x".repeat(79))));
        let worker = &made[2].frames;
        assert_eq!((worker.len(), &*worker[0].function, worker[0].line), (1, "worker", 8));
        let locals: Vec<(&str, &str)> = worker[0].locals.iter().map(|(n, v)| (&**n, v.as_str())).collect();
        assert_eq!(locals, [("name", "'w'"), ("items", "[1, 2]")]);
        // When main printed: main went on to await the worker, which awaits its leaf.
        let printed = trace.events.iter().position(|e| e.kind == Kind::Printed).unwrap();
        let then = program.frames_at(printed, None);
        let main = &then[1].frames;
        assert_eq!(main[0].line, 21);
        assert!(local(&main[0], "t").unwrap().starts_with("<Task pending name='Task-2'"), "{main:?}");
        let worker = &then[2].frames;
        let chain: Vec<(&str, u32)> = worker.iter().map(|f| (&*f.function, f.line)).collect();
        assert_eq!(chain, [("worker", 11), ("leaf", 5)]);
        assert_eq!(local(&worker[0], "done").as_deref(), Some("[]"));
        assert_eq!(local(&worker[0], "item").as_deref(), Some("1"));
        assert_eq!(local(&worker[1], "total").as_deref(), Some("2"));
        // Later, on its second item; after the run's end, nothing.
        let second = trace.events.iter().enumerate().filter(|(_, e)| e.kind == Kind::Printed).nth(1).unwrap().0;
        let worker = program.frames_at(second, None).into_iter().find(|t| t.task == Some(1)).unwrap().frames;
        assert_eq!(local(&worker[0], "done").as_deref(), Some("[2]"));
        assert_eq!(local(&worker[0], "item").as_deref(), Some("2"));
        assert!(program.frames_at(trace.events.len(), None).is_empty());
    });
}

/// The frames view's moment is after any number of events: at the end of one of the
/// loop's handles, the frames that handle left; inside one (a task's step under way),
/// those the handle before it left, the running task where it is about to resume.
#[test]
fn the_frames_after_any_number_of_events_are_those_the_last_handle_to_end_left() {
    use asyncio_playground::python::Simulation;
    let source = "import asyncio\n\nasync def tick(name, n):\n    for i in range(n):\n        print(name, i)\n        \
                  await asyncio.sleep(0.1)\n\nasync def main():\n    t = asyncio.create_task(tick('a', 2))\n    \
                  await tick('b', 2)\n    await t\n\nasyncio.run(main())\n";
    on_big_stack(move || {
        let program = program(source);
        // Where the handles end, as the trace stands then.
        let host = VirtualHost::new(0.0);
        let rt = Runtime::new(host.clone());
        rt.hand_back_after(0);
        let mut simulation = Simulation::start(&program, &rt, None, None);
        let mut ends = Vec::new();
        while simulation.work(&host).is_none() {
            if rt.handed_back() {
                let at = rt.trace().events.len();
                ends.push(at);
                rt.hand_back_after(at - 1);
            }
        }
        // (A handle that records nothing ends where the one before it did.)
        ends.dedup();
        let total = rt.trace().events.len();
        assert!(ends.len() > 8 && ends.windows(2).all(|w| w[0] < w[1]), "{ends:?}");
        let mut inside = 0;
        for n in ends[0]..total {
            let last = *ends.iter().rev().find(|&&end| end <= n).unwrap();
            inside += usize::from(last < n);
            assert_eq!(
                program.frames_after(n, None, None).unwrap(),
                program.frames_at(last - 1, None),
                "after {n} events"
            );
        }
        assert!(inside > 10, "{inside} moments inside a step");
        // Inside main's second step, which prints 'b 0': main stands where it resumes.
        let trace = program.simulate().trace;
        let printed = trace.events.iter().position(|e| e.kind == Kind::Printed).unwrap();
        let frames = program.frames_after(printed + 1, None, None).unwrap();
        let main = frames.iter().find(|t| t.name == "Task-1").unwrap();
        assert_eq!(main.frames.iter().map(|f| (&*f.function, f.line)).collect::<Vec<_>>(), [("main", 8)]);
        // At the end, no task is left: only the module's code, returning from asyncio.run.
        assert!(program.frames_after(total, None, None).unwrap().iter().all(|t| t.task.is_none()));
    });
}

/// `loop.stop()` before the future `run_until_complete` waits for is done: it raises
/// CPython's `RuntimeError` once the iteration is over, and the loop runs again after.
/// (The corpus has `asyncio.run`'s side; a notebook cell cannot run a loop of its own.)
#[test]
fn a_loop_stopped_before_its_future_is_done_says_so_and_runs_again() {
    let source = "import asyncio\n\nasync def other():\n    try:\n        await asyncio.sleep(10)\n    \
                  except asyncio.CancelledError:\n        print('other cancelled')\n        raise\n\n\
                  loop = asyncio.new_event_loop()\nwaiting = loop.create_task(other())\ntry:\n    \
                  print(loop.run_until_complete(asyncio.sleep(0.2, 'slept')))\n    loop.call_soon(loop.stop)\n    \
                  print(loop.run_until_complete(asyncio.sleep(1, 'again')))\nexcept RuntimeError as e:\n    \
                  print('RuntimeError:', e, waiting.done())\n\
                  print(loop.run_until_complete(asyncio.sleep(0.1, 'the loop runs again')))\nwaiting.cancel()\n\
                  loop.run_until_complete(asyncio.sleep(0))\nloop.close()\n\
                  loop = asyncio.new_event_loop()\nloop.call_later(0.05, loop.stop)\n\
                  loop.run_until_complete(asyncio.sleep(1))\n";
    let (lines, error) = simulate(source);
    let printed: Vec<(&str, f64)> = lines.iter().map(|(text, at)| (text.as_str(), *at)).collect();
    assert_eq!(
        printed,
        [
            ("slept", 0.2),
            ("RuntimeError: Event loop stopped before Future completed. False", 0.2),
            ("the loop runs again", 0.2 + 0.1),
            ("other cancelled", 0.2 + 0.1),
        ]
    );
    let error = error.expect("the last run_until_complete raises");
    assert!(
        error.ends_with(
            "  File \"/lib/python3.11/asyncio/base_events.py\", line 651, in run_until_complete\n    \
             raise RuntimeError('Event loop stopped before Future completed.')\n\
             RuntimeError: Event loop stopped before Future completed.\n"
        ),
        "{error}"
    );
}

/// Where two runs' lists first differ, said for a failure: none if they are equal.
fn first_difference<T: std::fmt::Debug + PartialEq>(
    name: &str,
    what: &str,
    ours: &[T],
    cpython: &[T],
) -> Option<String> {
    if ours == cpython {
        return None;
    }
    let at = ours.iter().zip(cpython).position(|(a, b)| a != b).unwrap_or(ours.len().min(cpython.len()));
    Some(format!(
        "{name}: {} {what} against {}, first differing at {at}\nours:    {:?}\nCPython: {:?}\n",
        ours.len(),
        cpython.len(),
        ours.get(at),
        cpython.get(at)
    ))
}

/// What a frames view shows at one moment: each task not done, by name, with its
/// frames of the program's own code, outermost first: (function, line, locals as
/// reprs), any object's address written `0x…`.
type FramesMoment = Vec<(String, Vec<(String, u32, Vec<(String, String)>)>)>;

/// Any `0x1a2b…` address in a repr as `0x…`: CPython's and ours differ. (And the
/// harness's loop and timers, a `VirtualLoop`'s, stand for CPython's own.)
fn without_addresses(repr: &str) -> String {
    let mut out = String::new();
    let repr = repr.replace("<VirtualLoop ", "<_UnixSelectorEventLoop ").replace("<FifoTimerHandle ", "<TimerHandle ");
    let mut rest = repr.as_str();
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let digits = rest.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(rest.len());
        if digits > 0 {
            out.push('…');
        }
        rest = &rest[digits..];
    }
    out + rest
}

/// Consecutive moments that are the same, as one: a handle that changed no frame. Each
/// frame's locals are compared as the mapping `f_locals` is, by name (the order of
/// CPython's dict is the order in which it first saw them bound, when it was read).
fn distinct(moments: Vec<FramesMoment>) -> Vec<FramesMoment> {
    let mut kept: Vec<FramesMoment> = Vec::new();
    for mut moment in moments {
        for (_, frames) in &mut moment {
            for (_, _, locals) in frames {
                locals.sort();
            }
        }
        if kept.last() != Some(&moment) {
            kept.push(moment);
        }
    }
    kept
}

/// The frames of each program's tasks as CPython's coroutines hold them (`cr_frame`'s
/// `co_name`, `f_lineno` and `f_locals`, down each task's chain of `cr_await`, and the
/// paused generators a frame holds in a variable, `held:NAME`), after each handle its
/// loop runs.
fn cpython_frames(sources: &[&str]) -> Vec<Vec<FramesMoment>> {
    let json: Vec<String> =
        sources.iter().map(|source| format!("{{\"source\": {}, \"frames\": true}}", json_string(source))).collect();
    let mut runs: Vec<Vec<FramesMoment>> = Vec::new();
    for line in harness_json("tests/python_run.py", &json).lines() {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let run = runs.last_mut();
        match word {
            "program" => runs.push(Vec::new()),
            "moment" => run.unwrap().push(Vec::new()),
            "task" => run.unwrap().last_mut().unwrap().push((json_unquote(rest), Vec::new())),
            "frame" => {
                let (function, n) = rest.split_once(' ').unwrap();
                let task = run.unwrap().last_mut().unwrap().last_mut().unwrap();
                task.1.push((function.to_owned(), n.parse().unwrap(), Vec::new()));
            }
            "local" => {
                let (name, repr) = rest.split_once(' ').unwrap();
                let task = run.unwrap().last_mut().unwrap().last_mut().unwrap();
                task.1.last_mut().unwrap().2.push((name.to_owned(), without_addresses(&json_unquote(repr))));
            }
            _ => {}
        }
    }
    runs.into_iter().map(distinct).collect()
}

/// What `read` finds in a program's run after each of the loop's handles (not before
/// the first: CPython's harness looks after each), on the virtual clock.
fn after_each_handle<T: Send + 'static>(
    source: &str,
    read: impl Fn(&asyncio_playground::python::Simulation) -> T + Send + 'static,
) -> Vec<T> {
    use asyncio_playground::python::Simulation;
    let source = source.to_owned();
    on_big_stack(move || {
        let program = program(&source);
        let host = VirtualHost::new(0.0);
        let rt = Runtime::new(host.clone());
        rt.hand_back_after(0);
        let mut simulation = Simulation::start(&program, &rt, None, None);
        let mut moments = Vec::new();
        while simulation.work(&host).is_none() {
            if rt.handed_back() && rt.steps_run() > 0 {
                moments.push(read(&simulation));
            }
            if rt.handed_back() {
                // (A mark below what the trace holds: the turn comes after the next
                // handle, whether or not it records anything, as CPython's are seen.)
                let recorded = rt.trace().events.len();
                rt.hand_back_after(recorded.saturating_sub(1));
            }
        }
        moments
    })
}

/// The frames view's moments for a program: after each of the loop's handles, every
/// task not done (the module's code left out), as `Simulation::frames` reads them.
fn our_frames(source: &str) -> Vec<FramesMoment> {
    let mut moments = after_each_handle(source, |simulation| {
        let tasks = simulation.frames().into_iter().filter(|task| task.task.is_some());
        tasks
            .map(|task| {
                let frames = task
                    .frames
                    .into_iter()
                    .map(|f| {
                        let mut locals: Vec<(String, String)> =
                            f.locals.into_iter().map(|(n, v)| (n.to_string(), without_addresses(&v))).collect();
                        // The generators it holds in a variable, summed up as the
                        // harness sums them up.
                        for (name, held) in f.held.into_iter().filter_map(|(n, h)| Some((n?, h))) {
                            let mut inner: Vec<String> = held.locals.iter().map(|(n, v)| format!("{n}={v}")).collect();
                            inner.sort();
                            let summary = format!("{} {} {}", held.function, held.line, inner.join(" "));
                            locals.push((format!("held:{name}"), without_addresses(&summary)));
                        }
                        (f.function.to_string(), f.line, locals)
                    })
                    .collect();
                (task.name, frames)
            })
            .collect::<FramesMoment>()
    });
    // Once the run is over, no task is left.
    moments.push(Vec::new());
    distinct(moments)
}

/// How many of the loop's handles each program's run takes, by the CPython at `python`.
fn cpython_handles(python: &str, sources: &[&str]) -> Vec<usize> {
    let json: Vec<String> =
        sources.iter().map(|source| format!("{{\"source\": {}, \"frames\": true}}", json_string(source))).collect();
    let mut runs: Vec<usize> = Vec::new();
    for line in harness_json_in(python, "tests/python_run.py", &json).lines() {
        match line.split_once(' ').map_or(line, |(word, _)| word) {
            "program" => runs.push(0),
            "moment" => *runs.last_mut().unwrap() += 1,
            _ => {}
        }
    }
    runs
}

/// CPython 3.14's await graph after each of the loop's handles, as `python -m asyncio
/// pstree` draws it: how many handles the run took, and each moment's lines, the same
/// moments in a row once.
fn cpython_trees(sources: &[&str]) -> Vec<(usize, Vec<Vec<String>>)> {
    let json: Vec<String> =
        sources.iter().map(|source| format!("{{\"source\": {}, \"trees\": true}}", json_string(source))).collect();
    let mut runs: Vec<Vec<Vec<String>>> = Vec::new();
    for line in harness_json_in(&python_3_14(), "tests/python_run.py", &json).lines() {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "program" => runs.push(Vec::new()),
            "moment" => runs.last_mut().unwrap().push(Vec::new()),
            "tree" => runs.last_mut().unwrap().last_mut().unwrap().push(json_unquote(rest)),
            _ => {}
        }
    }
    runs.into_iter()
        .map(|mut moments| {
            let handles = moments.len();
            // (Once the run is over, no task is left.)
            moments.push(Vec::new());
            moments.dedup();
            (handles, moments)
        })
        .collect()
}

/// The frames view's await graph after each of the loop's handles
/// (`Simulation::await_tree`), the same moments in a row once.
fn our_trees(source: &str) -> Vec<Vec<String>> {
    let mut moments = after_each_handle(source, |simulation| simulation.await_tree().unwrap());
    moments.push(Vec::new());
    moments.dedup();
    moments
}

/// The await graph the frames view draws at every moment of a run is the tree CPython
/// 3.14's `python -m asyncio pstree` prints at the same moment on the virtual clock:
/// for the tour's programs, the form's, the call graph's corpus and generated ones.
#[test]
fn the_await_graph_is_the_tree_cpython_3_14s_pstree_prints_at_every_moment() {
    let mut programs = tour_and_form_scripts();
    programs.extend(corpus("tests/programs/3.14"));
    let mut rng = Rng(21);
    programs.extend((0..60).map(|i| (format!("generated {i}"), generated_program(&mut rng, false))));
    // Left out: the programs whose runs take other steps since CPython 3.12, where the
    // playground's are CPython 3.11's. (Its `wait_for` awaits a coroutine in the waiting
    // task, where 3.11's runs it as a task of its own, a step later; its `gather` of
    // tasks done already does not wait a step; its `get_event_loop()` makes no loop.)
    let sources: Vec<&str> = programs.iter().map(|(_, s)| s.as_str()).collect();
    let cpython: Vec<_> = cpython_handles("python3", &sources)
        .into_iter()
        .zip(cpython_trees(&sources))
        .zip(&programs)
        .filter(|((old, (new, _)), _)| old == new)
        .map(|((_, (_, trees)), program)| (program, trees))
        .collect();
    assert!(cpython.len() >= 45, "{} programs take the same steps in CPython 3.11 and 3.14", cpython.len());
    let mut wrong = Vec::new();
    let mut moments = 0;
    for ((name, source), expected) in cpython {
        let ours = our_trees(source);
        moments += expected.len();
        wrong.extend(first_difference(name, "moments", &ours, &expected));
    }
    assert!(wrong.is_empty(), "{} differ:\n{}", wrong.len(), wrong.join("\n"));
    assert!(moments > 300, "{moments} moments");
}

/// The tour's programs (`www/tour/*.py`): each file's name and source, by name.
fn tour_programs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/tour");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| (file.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(file).unwrap()))
        .collect()
}

/// The tour's programs that run as scripts.
fn tour_scripts() -> Vec<(String, String)> {
    tour_programs().into_iter().filter(|(_, source)| Program::new(source).is_ok()).collect()
}

/// The tour's programs that run as scripts, then the form's program in every mode.
fn tour_and_form_scripts() -> Vec<(String, String)> {
    use asyncio_playground::scenario::{Call, Mode, Scenario};
    let mut programs = tour_scripts();
    for (i, mode) in Mode::ALL.iter().enumerate() {
        let calls = vec![Call::new(0.2, "hello"), Call::new(0.1 * i as f64, "world"), Call::new(0.0, "again")];
        let scenario = Scenario { mode: *mode, calls, repeat: 1 + (i as u32 % 2) };
        programs.push((format!("{mode:?}"), asyncio_playground::code::python(&scenario)));
    }
    programs
}

#[test]
fn a_suspended_coroutines_frames_are_what_cpythons_cr_frame_holds_at_every_moment() {
    let mut programs = tour_and_form_scripts();
    // The programs of these tests that run on the loop as scripts, and generated ones.
    // Left out, as from the lines' test: a gather awaited by a gather is a task of its
    // own here, and CPython's `as_completed` makes its tasks in the order of a set.
    let comparable = |source: &str| !["gather(inner", "as_completed("].iter().any(|s| source.contains(s));
    let sets = [("LINE_PROGRAMS", LINE_PROGRAMS), ("ASYNC", ASYNC), ("GENERATORS", GENERATORS), ("CLASSES", CLASSES)];
    for (set, sources) in sets {
        for (i, source) in sources.iter().enumerate() {
            if source.contains("asyncio.run(") && comparable(source) && Program::new(source).is_ok() {
                programs.push((format!("{set}[{i}]"), source.to_string()));
            }
        }
    }
    let mut rng = Rng(20);
    programs.extend((0..60).map(|i| (format!("generated {i}"), generated_program(&mut rng, false))));
    let sources: Vec<&str> = programs.iter().map(|(_, s)| s.as_str()).collect();
    let cpython = cpython_frames(&sources);
    let mut wrong = Vec::new();
    let mut moments = 0;
    for ((name, source), expected) in programs.iter().zip(cpython) {
        let ours = our_frames(source);
        moments += expected.len();
        wrong.extend(first_difference(name, "moments", &ours, &expected));
    }
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), programs.len(), wrong.join("\n"));
    assert!(moments > 1000, "{moments} moments");
}

/// The editor's colours as CPython's `tokenize` would give them (`tests/python_tokens.py`
/// colours its tokens by the same rules), for `highlight`'s marks of `source`: one JSON
/// list as that harness prints it.
fn highlight_json(source: &str) -> String {
    use asyncio_playground::python::lexer::{highlight, Colour};
    let chars: Vec<char> = source.chars().collect();
    let mut line_starts = vec![0];
    line_starts.extend(chars.iter().enumerate().filter(|(_, &c)| c == '\n').map(|(i, _)| i + 1));
    let place = |at: usize| {
        let line = line_starts.partition_point(|&start| start <= at);
        format!("{line}, {}", at - line_starts[line - 1])
    };
    let marks: Vec<String> = highlight(source)
        .iter()
        .map(|m| format!("[{}, {}, \"{}\"]", place(m.start), place(m.end), Colour::NAMES[m.colour as usize]))
        .collect();
    format!("[{}]", marks.join(", "))
}

#[test]
fn the_editor_colours_every_token_as_cpythons_tokenizer_reads_it() {
    let mut programs = tour_programs();
    programs.extend(corpus("tests/programs"));
    programs.extend(corpus("crate/src/python/lib"));
    // Every colour, and what could be taken for one: `@` as an operator, a builtin's
    // name as an attribute, a decorator's dotted name and call, strings of every prefix.
    programs.push((
        "colours".into(),
        "import functools  # a comment\n\n@functools.lru_cache(maxsize=None)\ndef fib(n: int) -> int:\n    \
         return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\nclass Box(object):\n    '''Doc.'''\n    \
         def len(self, m):\n        return self.print @ m, len([1.5e3, 0x1F, 10**30]), {b'x': rb'\\d', f'{m!r}': (u'é', \"\"\"t\"\"\")}\n\n\
         x = (1,\n     print)  # inside brackets\n@ property\ndef é(): ...\n"
            .into(),
    ));
    let sources: Vec<&str> = programs.iter().map(|(_, source)| source.as_str()).collect();
    let expected = harness("tests/python_tokens.py", &sources);
    assert_eq!(expected.lines().count(), programs.len());
    let mut wrong = Vec::new();
    for ((name, source), cpython) in programs.iter().zip(expected.lines()) {
        let ours = highlight_json(source);
        if ours != cpython {
            let at = ours.chars().zip(cpython.chars()).take_while(|(a, b)| a == b).count();
            wrong.push(format!(
                "{name}: ours …{}… CPython's …{}…",
                &ours[at.saturating_sub(80)..(at + 80).min(ours.len())],
                &cpython[at.saturating_sub(80)..(at + 80).min(cpython.len())]
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} programs:\n{}", wrong.len(), programs.len(), wrong.join("\n"));
}

#[test]
fn the_editor_colours_any_text_typed_so_far_and_reads_on_past_what_cannot_be_read() {
    use asyncio_playground::python::lexer::{highlight, Colour};
    // Every prefix of a program, as it is typed: the marks are in order, apart, inside
    // the text, and what comes before the point typed to is coloured as in the whole.
    let (_, program) = tour_programs().into_iter().find(|(name, _)| name == "taskgroup.py").unwrap();
    let chars: Vec<char> = program.chars().collect();
    for n in 0..=chars.len() {
        let text: String = chars[..n].iter().collect();
        let marks = highlight(&text);
        let mut end = 0;
        for mark in &marks {
            assert!(mark.start >= end && mark.end > mark.start && mark.end <= n, "{text:?}: {marks:?}");
            end = mark.end;
        }
    }
    // Past what the tokenizer refuses, it reads on: a bad character, a bad number, a
    // string left open to its line's end, a triple-quoted one to the end of the text.
    let text = "x = 1 $ 2\ny = 0x\nz = 'open\nif True: print(1)\ns = '''never\nclosed\n";
    let marks: Vec<(String, Colour)> = highlight(text)
        .iter()
        .map(|m| (text.chars().skip(m.start).take(m.end - m.start).collect(), m.colour))
        .collect();
    let colours = |colour| marks.iter().filter(|(_, c)| *c == colour).map(|(t, _)| t.as_str()).collect::<Vec<_>>();
    assert_eq!(colours(Colour::Error), ["$", "0x"], "{marks:?}");
    assert_eq!(colours(Colour::String), ["'open", "'''never\nclosed\n"], "{marks:?}");
    assert_eq!(colours(Colour::Keyword), ["if", "True"], "{marks:?}");
    assert_eq!(colours(Colour::Builtin), ["print"], "{marks:?}");
}
