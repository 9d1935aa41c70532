//! The playground's semantics against CPython's: for hundreds of generated scenarios in
//! every mode, the generated Python program, run by CPython's asyncio on a virtual clock
//! (`tests/virtual_asyncio.py`), prints the same lines in the same order at the same
//! times, to the last bit of the floating-point seconds, as the core's virtual clock.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use asyncio_playground::code;
use asyncio_playground::scenario::{Call, Mode, Scenario};
use asyncio_playground::virtual_clock::simulate;

/// SplitMix64: a tiny seeded generator, so every run checks the same scenarios.
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
}

/// Delays chosen to collide: zeros, equal values, and sums that round (0.1 + 0.2).
const DELAYS: [f64; 12] = [0.0, 0.0, 0.1, 0.2, 0.3, 0.1, 0.7, 0.8, 1.0, 0.25, 0.001, 2.5];
const WORDS: [&str; 8] = ["hello", "world", "hello", "it's", "back\\slash", "<b>html</b>", "café ☕", "a, b: c"];

fn generated_scenarios(count: usize) -> Vec<Scenario> {
    let mut rng = Rng(2024);
    (0..count)
        .map(|i| {
            let mode = Mode::ALL[i % Mode::ALL.len()];
            let calls = if i % 97 == 0 { 100 } else { 1 + rng.below(9) };
            let calls = (0..calls)
                .map(|_| {
                    let delay = match rng.below(3) {
                        0 => (rng.below(3000) as f64) / 1000.0,
                        _ => DELAYS[rng.below(DELAYS.len())],
                    };
                    Call::new(delay, WORDS[rng.below(WORDS.len())])
                })
                .collect();
            Scenario { mode, calls }
        })
        .collect()
}

fn cpython_lines(scenarios: &[Scenario]) -> BTreeMap<usize, Vec<(String, f64)>> {
    let dir = std::env::temp_dir().join(format!("asyncio-playground-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let programs = dir.join("programs.py");
    let text: String = scenarios
        .iter()
        .enumerate()
        .map(|(i, scenario)| format!("# === scenario {i} ===\n{}", code::python(scenario)))
        .collect();
    std::fs::write(&programs, text).unwrap();
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/virtual_asyncio.py");
    let output = Command::new("python3").arg(&harness).arg(&programs).output().expect("python3 runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut lines: BTreeMap<usize, Vec<(String, f64)>> = BTreeMap::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let mut fields = line.splitn(3, '\t');
        let (index, at, text) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        lines.entry(index.parse().unwrap()).or_default().push((text.to_owned(), at.parse().unwrap()));
    }
    lines
}

#[test]
fn six_hundred_generated_scenarios_print_exactly_what_cpython_prints() {
    let scenarios = generated_scenarios(600);
    let cpython = cpython_lines(&scenarios);
    assert_eq!(cpython.len(), scenarios.len(), "CPython ran every program");
    let mut ties = 0;
    for (i, scenario) in scenarios.iter().enumerate() {
        let ours = simulate(scenario);
        let ours: Vec<(String, f64)> = ours.lines().into_iter().map(|(text, at)| (text.to_owned(), at)).collect();
        assert_eq!(ours, cpython[&i], "scenario {i}: {scenario:?}\n{}", code::python(scenario));
        ties += ours.windows(2).filter(|pair| pair[0].1 == pair[1].1).count();
    }
    // The generator is meant to produce many equal times; make sure it does.
    assert!(ties > 1000, "only {ties} ties");
}

#[test]
fn the_notebook_scenario_is_the_tutorials_program() {
    let expected = r#"import asyncio
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
"#;
    assert_eq!(code::python(&Scenario::notebook()), expected);
}

#[test]
fn the_rust_shown_is_the_function_each_mode_runs() {
    for (mode, function) in [
        (Mode::Sequential, "async fn sequential("),
        (Mode::Tasks, "async fn tasks("),
        (Mode::Gather, "async fn gather("),
        (Mode::TaskGroup, "async fn task_group("),
    ] {
        let shown = code::rust(&Scenario { mode, calls: vec![Call::new(0.5, "it's \"x\"")] });
        assert!(shown.contains(function), "{mode:?}:\n{shown}");
        assert!(shown.contains("pub async fn say_after(") && shown.contains("pub async fn main("), "{shown}");
        assert!(shown.contains(r#"Call::new(0.5, "it's \"x\""),"#), "{shown}");
        let others = ["async fn sequential(", "async fn tasks(", "async fn gather(", "async fn task_group("];
        assert_eq!(others.iter().filter(|f| shown.contains(*f)).count(), 1, "only {mode:?}'s function:\n{shown}");
    }
}
