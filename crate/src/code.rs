//! The program a scenario is, as code a learner can read and run.
//!
//! [`python`] writes the asyncio program that prints the same lines (what one would type
//! into a notebook or a script, runnable as is with `python3`); [`rust`] shows the Rust
//! this crate actually runs for the scenario's mode, cut from `scenario.rs` itself so it
//! can never drift from the code that runs.

use std::fmt::Write;

use crate::scenario::{Call, Mode, Scenario};

/// The Python program for `scenario`, ending in `asyncio.run(main())`.
pub fn python(scenario: &Scenario) -> String {
    let mut body = String::new();
    let call = |c: &Call| format!("say_after({}, {})", c.delay, python_str(&c.word));
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

/// A Python string literal for `text`.
fn python_str(text: &str) -> String {
    string_literal(text, '\'', |c| format!("\\u{:04x}", c as u32))
}

/// A Rust string literal for `text`.
fn rust_str(text: &str) -> String {
    string_literal(text, '"', |c| format!("\\u{{{:x}}}", c as u32))
}

/// A Rust `f64` literal: Rust's `Display` never uses an exponent, but drops `.0`.
fn rust_f64(value: f64) -> String {
    let text = value.to_string();
    if text.contains('.') {
        text
    } else {
        text + ".0"
    }
}

/// `text` between `quote`s, with the quote and `\` escaped, as Python and Rust both
/// read them. Words never hold control characters ([`crate::input::check_word`]); if
/// one did, `escape` would spell it in the language's own syntax.
fn string_literal(text: &str, quote: char, escape: impl Fn(char) -> String) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push(quote);
    for c in text.chars() {
        if c == '\\' || c == quote {
            literal.push('\\');
            literal.push(c);
        } else if c.is_control() {
            literal.push_str(&escape(c));
        } else {
            literal.push(c);
        }
    }
    literal.push(quote);
    literal
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
    form.push_str("    ],\n};");
    [form.as_str(), item("pub async fn say_after("), item("pub async fn main("), mode].join("\n\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::{python_str, rust_f64, rust_str};

    #[test]
    fn literals_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(python_str("it's a \\ \"x\" é\u{85}"), r#"'it\'s a \\ "x" é\u0085'"#);
        assert_eq!(rust_str("it's a \\ \"x\" é\u{85}"), r#""it's a \\ \"x\" é\u{85}""#);
        assert_eq!((rust_f64(1.0), rust_f64(0.1), rust_f64(1e-7)), ("1.0".into(), "0.1".into(), "0.0000001".into()));
    }
}
