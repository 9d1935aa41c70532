//! The editor's Python against CPython's: every program of the corpus is read by the
//! core's parser and by CPython (`tests/python_ast.py`), and both trees must be the
//! same; every broken program is refused with CPython's message, line and column.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

use asyncio_playground::python::{ast, parse};

/// CPython's reading of each source: `Ok(tree)` or `Err((message, line, column))`.
fn cpython(sources: &[&str]) -> Vec<Result<String, (String, u32, u32)>> {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("asyncio-playground-python-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sources.json");
    let json: Vec<String> = sources.iter().map(|s| json_string(s)).collect();
    std::fs::write(&file, format!("[{}]", json.join(","))).unwrap();
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_ast.py");
    let output = Command::new("python3").arg(&harness).arg(&file).output().expect("python3 runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
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
    "# a comment only\n\n   # indented comment\nx = 1  # trailing\n",
    "if x:\n\n    # comment in a block\n\n    y = 1\n",
    "print(\"\"\"multi\nline\"\"\")\n",
];

/// Programs CPython refuses, with its message, line and column.
const BROKEN: &[&str] = &[
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
];

#[test]
fn the_parser_reads_every_program_as_cpython_does() {
    let cpython = cpython(PROGRAMS);
    for (source, expected) in PROGRAMS.iter().zip(cpython) {
        let expected = expected.unwrap_or_else(|e| panic!("CPython refused {source:?}: {e:?}"));
        let ours = parse(source).unwrap_or_else(|e| panic!("{e}\n{source}"));
        assert_eq!(ast::dump(&ours), expected, "\n{source}");
    }
}

#[test]
fn broken_programs_are_refused_with_cpythons_message_line_and_column() {
    let cpython = cpython(BROKEN);
    let mut wrong = Vec::new();
    for (source, expected) in BROKEN.iter().zip(cpython) {
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
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), BROKEN.len(), wrong.join("\n"));
}

#[test]
fn what_the_subset_lacks_is_refused_before_it_runs_naming_it() {
    for (source, what) in [
        ("class A:\n    pass\n", "classes"),
        ("def g():\n    yield 1\n", "generators"),
        ("with open('f') as f:\n    pass\n", "'with'"),
        ("async def f():\n    async for x in y:\n        pass\n", "'async for'"),
        ("import os\n", "not 'os'"),
        ("from random import choice\n", "not 'random'"),
        ("@decorator\ndef f():\n    pass\n", "decorators"),
        ("if (n := 10) > 5:\n    pass\n", "':='"),
        ("x = b'bytes'\n", "bytes"),
        ("x = 1j\n", "complex"),
        ("x = ...\n", "Ellipsis"),
        ("x = 99999999999999999999\n", "64-bit"),
    ] {
        let error = parse(source).expect_err(source);
        assert!(error.message.contains(what), "{source:?}: {error}");
    }
}
