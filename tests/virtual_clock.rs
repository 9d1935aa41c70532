//! The core on the virtual clock, natively: exact times and exact order.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use asyncio_playground::input::{check_word, parse_delay, read_link, write_link, Link};
use asyncio_playground::runtime::{Alarm, Host, Runtime};
use asyncio_playground::scenario::{say_after, Call, Mode, Scenario};
use asyncio_playground::timeline::Ideal;
use asyncio_playground::virtual_clock::{run, simulate};
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::{select, LocalBoxFuture};
use futures::task::LocalSpawnExt;

fn scenario(mode: Mode, calls: &[(f64, &str)]) -> Scenario {
    Scenario { mode, calls: calls.iter().map(|&(delay, word)| Call::new(delay, word)).collect() }
}

/// Runs `scenario` on the virtual clock and compares every printed line and its time
/// in seconds, exactly.
fn check(scenario: &Scenario, expected: &[(&str, f64)]) {
    let outcome = simulate(scenario);
    assert_eq!(outcome.lines(), expected, "{scenario:?}");
    assert_eq!(outcome.result, Some(Ok(())));
}

#[test]
fn the_notebook_takes_three_seconds_one_call_after_the_other() {
    check(
        &Scenario::notebook(),
        &[("started at 00:00:00", 0.0), ("hello", 1.0), ("world", 3.0), ("finished at 00:00:03", 3.0)],
    );
}

#[test]
fn as_tasks_the_notebook_takes_two_seconds_in_every_concurrent_mode() {
    for mode in [Mode::Tasks, Mode::Gather, Mode::TaskGroup] {
        check(
            &scenario(mode, &[(1.0, "hello"), (2.0, "world")]),
            &[("started at 00:00:00", 0.0), ("hello", 1.0), ("world", 2.0), ("finished at 00:00:02", 2.0)],
        );
    }
}

#[test]
fn the_acceptance_link_scenario_prints_at_0_100_300_300_ms() {
    let outcome = simulate(&scenario(Mode::Sequential, &[(0.1, "hello"), (0.2, "world")]));
    let ms: Vec<f64> = outcome.lines().iter().map(|&(_, at)| (at * 1000.0 * 1000.0).round() / 1000.0).collect();
    assert_eq!(ms, [0.0, 100.0, 300.0, 300.0]);
}

#[test]
fn gather_prints_by_deadline_and_equal_deadlines_in_creation_order() {
    check(
        &scenario(Mode::Gather, &[(0.2, "a"), (0.1, "b"), (0.1, "c")]),
        &[("started at 00:00:00", 0.0), ("b", 0.1), ("c", 0.1), ("a", 0.2), ("finished at 00:00:00", 0.2)],
    );
}

#[test]
fn a_thousand_equal_delays_print_in_creation_order() {
    let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
    let calls: Vec<(f64, &str)> = words.iter().map(|w| (1.5, w.as_str())).collect();
    for mode in [Mode::Tasks, Mode::Gather, Mode::TaskGroup] {
        let outcome = simulate(&scenario(mode, &calls));
        let printed: Vec<&str> = outcome.lines()[1..1001].iter().map(|&(text, _)| text).collect();
        assert_eq!(printed, words, "{mode:?}");
        assert!(outcome.lines().iter().skip(1).all(|&(_, at)| at == 1.5));
    }
}

#[test]
fn zero_delays_yield_to_the_tasks_already_waiting() {
    check(
        &scenario(Mode::Tasks, &[(0.0, "a"), (0.1, "b"), (0.0, "c")]),
        &[("started at 00:00:00", 0.0), ("a", 0.0), ("c", 0.0), ("b", 0.1), ("finished at 00:00:00", 0.1)],
    );
    // Two tasks that each print, yield and print again take turns, as in asyncio.
    let outcome = run(0.0, |rt| async move {
        let turn = |name: &'static str| {
            let rt = rt.clone();
            async move {
                rt.print(format!("{name}1"));
                rt.sleep(0.0).await;
                rt.print(format!("{name}2"));
            }
        };
        let (a, b) = (rt.spawn(turn("a")), rt.spawn(turn("b")));
        (a.await, b.await)
    });
    assert_eq!(outcome.lines(), [("a1", 0.0), ("b1", 0.0), ("a2", 0.0), ("b2", 0.0)]);
}

#[test]
fn deadlines_compare_as_python_floats_do() {
    // 0.7 + 0.1 is 0.7999999999999999 in binary floating point, just before 0.8:
    // CPython prints "late" first although its task was created second, and as the
    // two deadlines are within the clock's resolution, both fire in one batch at the
    // earlier time.
    let outcome = run(0.0, |rt| async move {
        let early = rt.spawn(say_after(rt.clone(), 0.8, "early".into()));
        let r = rt.clone();
        let late = rt.spawn(async move {
            r.sleep(0.7).await;
            say_after(r.clone(), 0.1, "late".into()).await;
        });
        (early.await, late.await)
    });
    assert_eq!(outcome.lines(), [("late", 0.7 + 0.1), ("early", 0.7 + 0.1)]);

    // 0.1 + 0.2 is 0.30000000000000004: within the clock's resolution of 0.3, so both
    // timers fire in one batch and both lines see the loop's time as 0.3.
    let outcome = run(0.0, |rt| async move {
        let r = rt.clone();
        let two_sleeps = rt.spawn(async move {
            r.sleep(0.1).await;
            say_after(r.clone(), 0.2, "two sleeps".into()).await;
        });
        let one_sleep = rt.spawn(say_after(rt.clone(), 0.3, "one sleep".into()));
        (two_sleeps.await, one_sleep.await)
    });
    assert_eq!(outcome.lines(), [("one sleep", 0.3), ("two sleeps", 0.3)]);
}

#[test]
fn a_dropped_sleep_leaves_no_timer_behind() {
    let outcome = run(0.0, |rt| async move {
        select(rt.sleep(1.0), rt.sleep(0.5)).await;
        rt.print(format!("{} sleeping", rt.sleeping()));
    });
    assert_eq!(outcome.lines(), [("0 sleeping", 0.5)]);
    // Had the one-second timer stayed, the clock would have moved on to it.
    assert_eq!(outcome.end, 0.5);
}

#[test]
fn stop_cancels_every_task_and_nothing_prints_after_it() {
    let outcome = run(0.0, |rt| async move {
        let _hello = rt.spawn(say_after(rt.clone(), 1.0, "hello".into()));
        let _world = rt.spawn(say_after(rt.clone(), 2.0, "world".into()));
        rt.sleep(1.5).await;
        rt.stop();
        rt.print("after stop");
        rt.sleep(1.0).await;
    });
    assert_eq!(outcome.lines(), [("hello", 1.0)]);
    assert_eq!(outcome.result, None);
    assert_eq!(outcome.end, 1.5);
}

#[test]
fn wall_clock_lines_follow_the_wall_origin() {
    let origin = ((23 * 60 + 56) * 60 + 59) as f64 * 1000.0;
    let outcome = run(origin, |rt| asyncio_playground::scenario::main(rt, Scenario::notebook()));
    let lines = outcome.lines();
    assert_eq!(lines[0].0, "started at 23:56:59");
    assert_eq!(lines[3].0, "finished at 23:57:02");
}

/// A host whose alarm the test rings by hand, to watch how the runtime uses it.
struct ManualHost {
    now: Cell<f64>,
    spawner: LocalSpawner,
    alarm: RefCell<Option<Alarm>>,
    alarms_set: Cell<u32>,
}

impl Host for ManualHost {
    fn now(&self) -> f64 {
        self.now.get()
    }
    fn time_of_day_ms(&self) -> f64 {
        self.now.get() * 1000.0
    }
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        self.spawner.spawn_local(task).unwrap();
    }
    fn arm(&self, alarm: Option<Alarm>) {
        self.alarms_set.set(self.alarms_set.get() + u32::from(alarm.is_some()));
        self.alarm.replace(alarm);
    }
}

fn manual_host() -> (LocalPool, Rc<ManualHost>) {
    let pool = LocalPool::new();
    let host = Rc::new(ManualHost {
        now: Cell::new(0.0),
        spawner: pool.spawner(),
        alarm: RefCell::new(None),
        alarms_set: Cell::new(0),
    });
    (pool, host)
}

#[test]
fn a_thousand_sleepers_with_one_deadline_need_one_alarm() {
    let (mut pool, host) = manual_host();
    let printed = Rc::new(Cell::new(0));
    let count = Rc::clone(&printed);
    let rt = Runtime::new(host.clone(), move |_| count.set(count.get() + 1));
    for i in 0..1000 {
        let _task = rt.spawn(say_after(rt.clone(), 2.0, i.to_string()));
    }
    pool.run_until_stalled();
    assert_eq!(rt.sleeping(), 1000);
    assert_eq!(host.alarms_set.get(), 1);
    let alarm = host.alarm.take().expect("an alarm is set");
    assert_eq!(alarm.deadline, 2.0);

    // An alarm that rings early wakes nobody and is set again for the same deadline.
    host.now.set(1.999);
    (alarm.ring)();
    pool.run_until_stalled();
    assert_eq!((printed.get(), rt.sleeping(), host.alarms_set.get()), (0, 1000, 2));

    host.now.set(2.0);
    (host.alarm.take().expect("re-armed").ring)();
    pool.run_until_stalled();
    assert_eq!((printed.get(), rt.sleeping()), (1000, 0));
    assert!(host.alarm.borrow().is_none(), "no alarm is left once nobody sleeps");
}

#[test]
fn the_alarm_follows_the_earliest_deadline_and_stop_clears_it() {
    let (mut pool, host) = manual_host();
    let rt = Runtime::new(host.clone(), |_| {});
    let _late = rt.spawn(say_after(rt.clone(), 5.0, "late".into()));
    pool.run_until_stalled();
    let early = rt.spawn(say_after(rt.clone(), 1.0, "early".into()));
    pool.run_until_stalled();
    assert_eq!(host.alarm.borrow().as_ref().map(|a| a.deadline), Some(1.0));
    early.cancel();
    pool.run_until_stalled();
    assert_eq!(host.alarm.borrow().as_ref().map(|a| a.deadline), Some(5.0));
    rt.stop();
    assert!(host.alarm.borrow().is_none());
    assert_eq!(rt.sleeping(), 0);
}

#[test]
fn real_lines_pair_with_their_ideal_times_even_out_of_order() {
    let mut ideal = Ideal::new([("started at 10:00:00", 0.0), ("a", 0.8), ("b", 0.8), ("a", 0.9), ("finished", 0.9)]);
    // The real run printed b before the first a, and its finish line says another second.
    assert_eq!(ideal.due(0, "started at 10:00:00"), Some(0.0));
    assert_eq!(ideal.due(1, "b"), Some(0.8));
    assert_eq!(ideal.due(2, "a"), Some(0.8));
    assert_eq!(ideal.due(3, "a"), Some(0.9));
    assert_eq!(ideal.due(4, "finished at 10:00:01"), Some(0.9));
}

fn check_delay(text: &str, expected: Result<f64, &str>) {
    assert_eq!(parse_delay(text), expected.map_err(str::to_owned), "delay {text:?}");
}

#[test]
fn delays_are_seconds_from_zero_to_a_day() {
    check_delay("1", Ok(1.0));
    check_delay(" 0.25 ", Ok(0.25));
    check_delay("1e-3", Ok(0.001));
    check_delay("-0", Ok(0.0));
    check_delay("86400", Ok(86_400.0));
    check_delay("", Err("Enter a delay in seconds."));
    check_delay("   ", Err("Enter a delay in seconds."));
    check_delay("one", Err("“one” is not a number of seconds."));
    check_delay("1,5", Err("“1,5” is not a number of seconds."));
    check_delay("-1", Err("A delay can't be negative."));
    check_delay("NaN", Err("A delay must be a finite number of seconds."));
    check_delay("inf", Err("A delay must be a finite number of seconds."));
    check_delay("86400.001", Err("A delay can't be over 24 hours (86400 s)."));
}

#[test]
fn words_are_one_line_of_at_most_200_characters() {
    assert_eq!(check_word("<b>hello</b>"), Ok(()));
    assert_eq!(check_word(""), Ok(()));
    assert_eq!(check_word(&"é".repeat(200)), Ok(()));
    assert_eq!(check_word(&"é".repeat(201)), Err("A word can't be over 200 characters (this one has 201).".into()));
    assert_eq!(check_word("two\nlines"), Err("A word can't contain line breaks or other control characters.".into()));
}

#[test]
fn a_link_fills_the_form() {
    let link = read_link("?calls=0.1:hello,0.2:world&autorun=1");
    assert_eq!(
        link,
        Link {
            mode: None,
            calls: Some(vec![Call::new(0.1, "hello"), Call::new(0.2, "world")]),
            autorun: true,
            notices: vec![]
        }
    );
    let link = read_link("mode=gather&calls=1:caf%C3%A9%2C%20%3Cb%3E,2:a%3Ab");
    assert_eq!(link.mode, Some(Mode::Gather));
    assert_eq!(link.calls, Some(vec![Call::new(1.0, "café, <b>"), Call::new(2.0, "a:b")]));
    assert!(!link.autorun);
}

#[test]
fn a_link_round_trips_through_share() {
    let shared = scenario(Mode::TaskGroup, &[(0.1, "a,b:c&d=e%f"), (2.5, "日本 <i>"), (0.0, "")]);
    let link = read_link(&write_link(&shared, true));
    assert_eq!((link.mode, link.calls.as_ref(), link.autorun), (Some(shared.mode), Some(&shared.calls), true));
    assert_eq!(link.notices, Vec::<String>::new());
}

fn check_notices(search: &str, expected: &[&str]) {
    let link = read_link(search);
    assert_eq!(link.notices, expected, "{search}");
}

#[test]
fn bad_links_keep_the_defaults_and_say_what_was_ignored() {
    check_notices(
        "calls=abc:hello,2:world&autorun=1",
        &[
            "Ignored the link's calls: Call 1: “abc” is not a number of seconds.",
            "Not run automatically, because part of the link was ignored.",
        ],
    );
    check_notices("calls=1hello", &["Ignored the link's calls: Call 1 (“1hello”) is not delay:word."]);
    check_notices("calls=", &["Ignored the link's calls: Call 1 (“”) is not delay:word."]);
    check_notices("calls=-1:a", &["Ignored the link's calls: Call 1: A delay can't be negative."]);
    check_notices("calls=1:%FF", &["Ignored the link's calls: Call 1: its percent-encoding is not UTF-8 text."]);
    check_notices(
        "mode=parallel",
        &["Ignored mode “parallel”: it is not one of sequential, tasks, gather or taskgroup."],
    );
    check_notices("autorun=yes", &["Ignored autorun “yes”: use 1 or 0."]);
    check_notices("x=1", &["Ignored unknown parameter “x”."]);
    check_notices("calls=1:a&calls=2:b", &["“calls” was given more than once; only the first was used."]);
    // Parameters that are not part of the scenario don't stop it from running.
    assert!(read_link("calls=1:a&autorun=1&utm_source=mail").autorun);
    assert!(!read_link("calls=1:a&autorun=1&mode=nope").autorun);
    let many = vec!["1:a"; 1001].join(",");
    check_notices(&format!("calls={many}"), &["Ignored the link's calls: At most 1000 calls (this has 1001)."]);
    let huge = format!("calls=1:{}", "a".repeat(9000));
    check_notices(&huge, &["The link's query is 9 KB, over the 8 KB limit, so all of it was ignored."]);
    assert_eq!(read_link(&huge).calls, None);
    assert_eq!(read_link("calls=abc:hello").calls, None);
}
