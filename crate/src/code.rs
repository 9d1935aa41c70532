//! The program a scenario is, as code a learner can read and run.
//!
//! [`python`] writes the asyncio program that prints the same lines (what one would type
//! into a notebook or a script, runnable as is with `python3`); [`rust`] shows the Rust
//! this crate actually runs for the scenario's mode, cut from `scenario.rs` itself so it
//! can never drift from the code that runs. [`Layout`] says where each `await` of the
//! Python program is, so the page can mark the line where each task is suspended.

use std::fmt::Write;

use crate::number;
use crate::scenario::{Call, Mode, Scenario};
use crate::trace::{Kind, Moment, State, Trace};

/// The Python program for `scenario`, ending in `asyncio.run(main())`.
pub fn python(scenario: &Scenario) -> String {
    if scenario.repeat > 1 {
        return with_body(&repeated(scenario));
    }
    let mut body = String::new();
    let call = Call::python;
    let calls = &scenario.calls;
    // Writing to a String cannot fail.
    match scenario.mode {
        Mode::Sequential => calls.iter().for_each(|c| writeln!(body, "    await {}", call(c)).unwrap()),
        Mode::Tasks => {
            for (i, c) in calls.iter().enumerate() {
                writeln!(body, "    task{} = asyncio.create_task({})", i + 1, call(c)).unwrap();
            }
            body.push('\n');
            (1..=calls.len()).for_each(|i| writeln!(body, "    await task{i}").unwrap());
        }
        Mode::Gather => {
            body.push_str("    await asyncio.gather(\n");
            calls.iter().for_each(|c| writeln!(body, "        {},", call(c)).unwrap());
            body.push_str("    )\n");
        }
        Mode::TaskGroup => {
            body.push_str("    async with asyncio.TaskGroup() as tg:\n");
            calls.iter().for_each(|c| writeln!(body, "        tg.create_task({})", call(c)).unwrap());
        }
    }
    with_body(&body)
}

/// `main()`'s body when it makes the calls `repeat` times over: each mode in a loop.
fn repeated(scenario: &Scenario) -> String {
    let (calls, n) = (&scenario.calls, scenario.repeat);
    let lines = |indent: &str, template: &str| -> String {
        calls.iter().map(|c| format!("{indent}{}\n", template.replace("{}", &c.python()))).collect()
    };
    match scenario.mode {
        Mode::Sequential => format!("    for _ in range({n}):\n{}", lines("        ", "await {}")),
        Mode::Tasks => format!(
            "    tasks = []\n    for _ in range({n}):\n{}\n    for task in tasks:\n        await task\n",
            lines("        ", "tasks.append(asyncio.create_task({}))")
        ),
        Mode::Gather => format!(
            "    await asyncio.gather(*[\n        coro\n        for _ in range({n})\n        for coro in [\n{}        ]\n    ])\n",
            lines("            ", "{},")
        ),
        Mode::TaskGroup => format!(
            "    async with asyncio.TaskGroup() as tg:\n        for _ in range({n}):\n{}",
            lines("            ", "tg.create_task({})")
        ),
    }
}

/// The whole program around `main()`'s body.
fn with_body(body: &str) -> String {
    format!(
        "import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f\"started at {{time.strftime('%X')}}\")

{body}
    print(f\"finished at {{time.strftime('%X')}}\")


asyncio.run(main())
"
    )
}

/// Where the Python program of a scenario has what the loop waits on, by line number
/// (from 1). `tests::the_layout_matches_the_program` keeps it true to [`python`].
#[derive(Debug, PartialEq)]
pub struct Layout {
    pub say_after: u32,
    /// `await asyncio.sleep(delay)` in `say_after`.
    pub sleep: u32,
    pub main: u32,
    /// The line of each call: `await say_after(...)`, `taskN = asyncio.create_task(...)`,
    /// the call among gather's arguments, or `tg.create_task(...)`. Made several times
    /// over, the k-th call made is on the line of call k modulo their number.
    pub calls: Vec<u32>,
    /// `await taskN`, in `tasks` mode; one `await task` for all, in a loop.
    pub awaits: Vec<u32>,
    /// `await asyncio.gather(` or `async with asyncio.TaskGroup() as tg:`.
    pub block: Option<u32>,
}

impl Layout {
    pub fn of(scenario: &Scenario) -> Layout {
        // The body of main() starts on line 13, after the fixed part of the program.
        const BODY: u32 = 13;
        let n = scenario.calls.len() as u32;
        let (calls, awaits, block) = match scenario.mode {
            // In a loop (see `repeated`): the loop's lines, then the calls.
            Mode::Sequential if scenario.repeat > 1 => (BODY + 1..BODY + 1 + n, 0..0, None),
            // `await task` once, in a loop of its own after the calls' loop.
            Mode::Tasks if scenario.repeat > 1 => (BODY + 2..BODY + 2 + n, BODY + n + 4..BODY + n + 5, None),
            Mode::Gather if scenario.repeat > 1 => (BODY + 4..BODY + 4 + n, 0..0, Some(BODY)),
            Mode::TaskGroup if scenario.repeat > 1 => (BODY + 2..BODY + 2 + n, 0..0, Some(BODY)),
            Mode::Sequential => (BODY..BODY + n, 0..0, None),
            // The task lines, a blank line, then the awaits.
            Mode::Tasks => (BODY..BODY + n, BODY + n + 1..BODY + 2 * n + 1, None),
            Mode::Gather | Mode::TaskGroup => (BODY + 1..BODY + 1 + n, 0..0, Some(BODY)),
        };
        Layout { say_after: 5, sleep: 6, main: 10, calls: calls.collect(), awaits: awaits.collect(), block }
    }

    /// The lines where the live tasks of `moment` stand while the loop is elsewhere:
    /// (line, task), innermost first for a task that awaits a coroutine inside itself.
    /// A task that has not started stands at its `async def`.
    pub fn suspended(&self, trace: &Trace, moment: &Moment) -> Vec<(u32, u32)> {
        let mut lines = Vec::new();
        for (id, task) in moment.tasks.iter().enumerate() {
            let id = id as u32;
            if task.state.is_final() || task.state == State::Running {
                continue;
            }
            let is_main = trace.tasks[id as usize].parent == crate::trace::NONE;
            match (is_main, task.steps, task.wait) {
                (true, 0, _) => lines.push((self.main, id)),
                (false, 0, _) => lines.push((self.say_after, id)),
                // main awaits say_after inside itself: sleeping there, at the k-th call.
                (true, _, Some((Kind::Sleeps | Kind::Yielded, _))) => {
                    lines.push((self.sleep, id));
                    let k = task.entered.saturating_sub(1) as usize;
                    if let Some(&line) = self.calls.get(k % self.calls.len().max(1)) {
                        lines.push((line, id));
                    }
                }
                (true, _, Some((Kind::AwaitsTask, child))) => {
                    // The tasks were created in call order, right after main.
                    let k = child as usize - 1;
                    if let Some(&line) = self.awaits.get(if self.awaits.len() == 1 { 0 } else { k }) {
                        lines.push((line, id));
                    }
                }
                (true, _, Some((Kind::AwaitsGather | Kind::AwaitsGroup, _))) => {
                    lines.extend(self.block.map(|l| (l, id)))
                }
                (false, _, Some(_)) => lines.push((self.sleep, id)),
                _ => {}
            }
        }
        lines
    }
}

impl Call {
    /// The call as Python writes it: `say_after(1, 'hello')`.
    pub fn python(&self) -> String {
        format!("say_after({}, {})", number::shortest(self.delay), python_str(&self.word))
    }
}

/// A Python string literal for `text`.
pub fn python_str(text: &str) -> String {
    // As Python's repr spells what it does not print.
    string_literal(text, '\'', |c| match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n @ 0x100..=0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    })
}

/// A Rust string literal for `text`.
fn rust_str(text: &str) -> String {
    string_literal(text, '"', |c| format!("\\u{{{:x}}}", c as u32))
}

/// A Rust `f64` literal: Rust's `Display` never uses an exponent, but drops `.0`.
fn rust_f64(value: f64) -> String {
    let text = number::shortest(value);
    if text.contains('.') {
        text
    } else {
        text + ".0"
    }
}

/// `text` between `quote`s, with the quote and `\` escaped, as Python and Rust both
/// read them. Words never hold control characters ([`crate::input::check_word`]); if
/// one did, `escape` would spell it in the language's own syntax, as it does the
/// characters that change how text around them reads or look like nothing (see
/// [`unseen`]).
fn string_literal(text: &str, quote: char, escape: impl Fn(char) -> String) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push(quote);
    for c in text.chars() {
        if c == '\\' || c == quote {
            literal.push('\\');
            literal.push(c);
        } else if c.is_control() || unseen(c) {
            literal.push_str(&escape(c));
        } else {
            literal.push(c);
        }
    }
    literal.push(quote);
    literal
}

/// Characters Python's repr escapes besides control characters, because they do not
/// show as themselves: format characters (the bidirectional overrides that can make code
/// read other than it runs, zero-width ones), line and paragraph separators, and spaces
/// other than ' '.
fn unseen(c: char) -> bool {
    matches!(c,
        '\u{a0}' | '\u{ad}' | '\u{61c}' | '\u{1680}' | '\u{180e}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
        | '\u{205f}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{3000}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

const SCENARIO_RS: &str = include_str!("scenario.rs");

/// The item of `scenario.rs` that starts with `signature`, up to its closing brace.
fn item(signature: &str) -> &'static str {
    let start = SCENARIO_RS.find(signature).expect("scenario.rs defines every item the code view shows");
    let end = start + SCENARIO_RS[start..].find("\n}\n").expect("every item in scenario.rs ends with a lone `}`");
    &SCENARIO_RS[start..end + 2]
}

/// The Rust this crate runs for `scenario`: `say_after`, `main`, the mode's function,
/// and the form's calls as data.
pub fn rust(scenario: &Scenario) -> String {
    let mode = match scenario.mode {
        Mode::Sequential => item("async fn sequential("),
        Mode::Tasks => item("async fn tasks("),
        Mode::Gather => item("async fn gather("),
        Mode::TaskGroup => item("async fn task_group("),
    };
    let mut form = format!(
        "// The form, as main() receives it:\nlet scenario = Scenario {{\n    mode: Mode::{:?},\n    calls: vec![\n",
        scenario.mode
    );
    for c in &scenario.calls {
        writeln!(form, "        Call::new({}, {}),", rust_f64(c.delay), rust_str(&c.word)).unwrap();
    }
    writeln!(form, "    ],\n    repeat: {},", scenario.repeat).unwrap();
    form.push_str("};");
    [form.as_str(), item("pub async fn say_after("), item("pub async fn main("), mode].join("\n\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::{python, python_str, rust_f64, rust_str, Layout};
    use crate::scenario::{Call, Mode, Scenario};

    #[test]
    fn the_layout_matches_the_program() {
        for (mode, repeat) in Mode::ALL.into_iter().flat_map(|mode| [(mode, 1), (mode, 3)]) {
            let calls = vec![Call::new(1.0, "a"), Call::new(0.5, "b'c"), Call::new(0.0, "")];
            let scenario = Scenario { mode, calls, repeat };
            let program = python(&scenario);
            let line = |n: u32| program.lines().nth(n as usize - 1).unwrap().trim();
            let layout = Layout::of(&scenario);
            assert_eq!(line(layout.say_after), "async def say_after(delay, what):");
            assert_eq!(line(layout.sleep), "await asyncio.sleep(delay)");
            assert_eq!(line(layout.main), "async def main():");
            for (call, &at) in scenario.calls.iter().zip(&layout.calls) {
                assert!(line(at).contains(&call.python()), "{mode:?}: line {at} is {:?}", line(at));
            }
            for (k, &at) in layout.awaits.iter().enumerate() {
                assert_eq!(line(at), if repeat > 1 { "await task".to_owned() } else { format!("await task{}", k + 1) });
            }
            match layout.block {
                Some(at) => {
                    assert!(line(at).starts_with("await asyncio.gather(") || line(at).starts_with("async with"))
                }
                None => assert!(matches!(mode, Mode::Sequential | Mode::Tasks)),
            }
        }
    }

    #[test]
    fn literals_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(python_str("it's a \\ \"x\" é\u{85}"), r#"'it\'s a \\ "x" é\x85'"#);
        assert_eq!(python_str("שלום \u{202e}evil\u{200b}\u{3000}"), r#"'שלום \u202eevil\u200b\u3000'"#);
        assert_eq!(rust_str("it's a \\ \"x\" é\u{85}"), r#""it's a \\ \"x\" é\u{85}""#);
        assert_eq!((rust_f64(1.0), rust_f64(0.1), rust_f64(1e-7)), ("1.0".into(), "0.1".into(), "0.0000001".into()));
    }
}
