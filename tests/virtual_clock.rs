//! The core on the virtual clock, natively: exact times, exact order, and the trace.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use asyncio_playground::input::{check_word, parse_delay, read_link, write_code_link, write_link, Link};
use asyncio_playground::runtime::{Error, Exception, Host, Runtime};
use asyncio_playground::scenario::{self, say_after, Call, Mode, Scenario};
use asyncio_playground::trace::{Kind, Moment, State, BY_PAGE, BY_STOP, NONE};
use asyncio_playground::virtual_clock::{run, simulate, VirtualHost};

fn scenario(mode: Mode, calls: &[(f64, &str)]) -> Scenario {
    Scenario::new(mode, calls.iter().map(|&(delay, word)| Call::new(delay, word)).collect())
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
fn repeat_makes_the_calls_again_one_after_another_or_all_at_once() {
    let calls = [(1.0, "hello"), (2.0, "world")];
    check(
        &Scenario { repeat: 2, ..scenario(Mode::Sequential, &calls) },
        &[
            ("started at 00:00:00", 0.0),
            ("hello", 1.0),
            ("world", 3.0),
            ("hello", 4.0),
            ("world", 6.0),
            ("finished at 00:00:06", 6.0),
        ],
    );
    for mode in [Mode::Tasks, Mode::Gather, Mode::TaskGroup] {
        check(
            &Scenario { repeat: 2, ..scenario(mode, &calls) },
            &[
                ("started at 00:00:00", 0.0),
                ("hello", 1.0),
                ("hello", 1.0),
                ("world", 2.0),
                ("world", 2.0),
                ("finished at 00:00:02", 2.0),
            ],
        );
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
                rt.sleep(0.0).await?;
                rt.print(format!("{name}2"));
                Ok(())
            }
        };
        let (a, b) = (rt.create_task("a()", turn("a")), rt.create_task("b()", turn("b")));
        a.await?;
        b.await
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
        let early = rt.create_task("early()", say_after(rt.clone(), 0.8, "early".into()));
        let r = rt.clone();
        let late = rt.create_task("late()", async move {
            r.sleep(0.7).await?;
            say_after(r.clone(), 0.1, "late".into()).await
        });
        early.await?;
        late.await
    });
    assert_eq!(outcome.lines(), [("late", 0.7 + 0.1), ("early", 0.7 + 0.1)]);

    // 0.1 + 0.2 is 0.30000000000000004: within the clock's resolution of 0.3, so both
    // timers fire in one batch and both lines see the loop's time as 0.3.
    let outcome = run(0.0, |rt| async move {
        let r = rt.clone();
        let two_sleeps = rt.create_task("two()", async move {
            r.sleep(0.1).await?;
            say_after(r.clone(), 0.2, "two sleeps".into()).await
        });
        let one_sleep = rt.create_task("one()", say_after(rt.clone(), 0.3, "one sleep".into()));
        two_sleeps.await?;
        one_sleep.await
    });
    assert_eq!(outcome.lines(), [("one sleep", 0.3), ("two sleeps", 0.3)]);
}

/// A coroutine that says when it is cancelled, and then lets the cancellation go on.
async fn noisy_sleep(rt: Runtime, name: &'static str, delay: f64) -> Result<(), Error> {
    if let Err(error) = rt.sleep(delay).await {
        rt.print(format!("{name} got {error}"));
        return Err(error);
    }
    rt.print(format!("{name} woke"));
    Ok(())
}

#[test]
fn a_cancelled_task_sees_cancelled_error_at_its_await_and_so_does_its_awaiter() {
    let outcome = run(0.0, |rt| async move {
        let sleeper = rt.create_task("sleeper()", noisy_sleep(rt.clone(), "sleeper", 1.0));
        rt.sleep(0.5).await?;
        assert!(sleeper.cancel());
        let result = sleeper.await;
        rt.print(format!("awaiting it gave {result:?} with {} timers left", rt.sleeping()));
        Ok(())
    });
    assert_eq!(
        outcome.lines(),
        [("sleeper got CancelledError", 0.5), ("awaiting it gave Err(Cancelled) with 0 timers left", 0.5)]
    );
    // Had the one-second timer stayed, the clock would have moved on to it.
    assert_eq!(outcome.end, 0.5);
    assert_eq!(outcome.result, Some(Ok(())));
}

#[test]
fn a_task_can_swallow_its_cancellation_and_carry_on() {
    let outcome = run(0.0, |rt| async move {
        let r = rt.clone();
        let stubborn = rt.create_task("stubborn()", async move {
            if r.sleep(1.0).await.is_err() {
                r.print("cancelled, but carrying on");
            }
            r.sleep(1.0).await?;
            r.print("finished anyway");
            Ok(42)
        });
        rt.sleep(0.5).await?;
        stubborn.cancel();
        let value = stubborn.await?;
        rt.print(format!("got {value}"));
        Ok(())
    });
    assert_eq!(outcome.lines(), [("cancelled, but carrying on", 0.5), ("finished anyway", 1.5), ("got 42", 1.5)]);
}

#[test]
fn a_task_cancelled_before_its_first_step_runs_none_of_its_code() {
    let outcome = run(0.0, |rt| async move {
        let r = rt.clone();
        let never = rt.create_task("never()", async move {
            r.print("this never prints");
            Ok(())
        });
        never.cancel();
        let result = never.await;
        rt.print(format!("{result:?}"));
        Ok(())
    });
    assert_eq!(outcome.lines(), [("Err(Cancelled)", 0.0)]);
    let cancelled = outcome.trace.events.iter().find(|e| e.kind == Kind::Cancelled).unwrap();
    assert_eq!((cancelled.task, cancelled.arg), (1, 1), "task 1, cancelled before it started");
}

#[test]
fn cancelling_a_task_whose_timer_already_fired_throws_at_its_sleep() {
    // Both timers fire in one batch; the first task to run cancels the second, whose
    // sleep is over but whose step has not run yet: asyncio's `_must_cancel`.
    let outcome = run(0.0, |rt| async move {
        let second = Rc::new(Cell::new(NONE));
        let (r, s) = (rt.clone(), Rc::clone(&second));
        let first = rt.create_task("first()", async move {
            r.sleep(1.0).await?;
            r.print(format!("first cancels: {}", r.cancel(s.get())));
            Ok(())
        });
        let task = rt.create_task("second()", noisy_sleep(rt.clone(), "second", 1.0));
        second.set(task.id());
        first.await?;
        let result = task.await;
        rt.print(format!("second: {result:?}"));
        Ok(())
    });
    assert_eq!(
        outcome.lines(),
        [("first cancels: true", 1.0), ("second got CancelledError", 1.0), ("second: Err(Cancelled)", 1.0)]
    );
}

#[test]
fn stop_cancels_every_task_and_leaves_no_timer() {
    let host = VirtualHost::new(0.0);
    let rt = Runtime::new(host.clone());
    let main =
        rt.create_task("main()", scenario::main(rt.clone(), scenario(Mode::Tasks, &[(1.0, "hello"), (2.0, "world")])));
    host.drive_until(&rt, 1.5);
    assert_eq!(rt.sleeping(), 1);
    rt.stop();
    host.drive(&rt);
    assert_eq!(rt.sleeping(), 0);
    assert!(main.cancelled());
    let trace = rt.trace();
    let printed: Vec<&str> = trace.printed().map(|(text, _, _)| text).collect();
    assert_eq!(printed[1..], ["hello"]);
    let moment = Moment::after(&trace, trace.events.len());
    let states: Vec<State> = moment.tasks.iter().map(|t| t.state).collect();
    assert_eq!(states, [State::Cancelled, State::Done, State::Cancelled]);
    assert_eq!(moment.timers().count(), 0);
    assert_eq!(moment.alarm, None);
}

/// Stop at 1.5 s in the notebook's program, in every mode: main() is cancelled where it
/// waits, as Ctrl+C cancels it; `hello` was printed, `world` never is; every task ends,
/// and no timer is left.
#[test]
fn stop_cancels_main_as_ctrl_c_does_and_leaves_nothing_behind() {
    for mode in Mode::ALL {
        let host = VirtualHost::new(0.0);
        let rt = Runtime::new(host.clone());
        let main = rt.create_task("main()", scenario::main(rt.clone(), Scenario { mode, ..Scenario::notebook() }));
        rt.set_main(main.id());
        host.drive_until(&rt, 1.5);
        rt.interrupt();
        host.drive(&rt);
        assert!(main.cancelled(), "{mode:?}");
        assert_eq!((rt.sleeping(), rt.alarm(), rt.is_closed()), (0, None, false), "{mode:?}");
        let trace = rt.trace();
        let printed: Vec<&str> = trace.printed().map(|(text, _, _)| text).collect();
        assert_eq!(printed, ["started at 00:00:00", "hello"], "{mode:?}");
        // The Stop is at 1.5 s on the loop's clock, and nothing happens after it.
        let stop = trace.events.iter().position(|e| e.kind == Kind::Interrupted).expect("Stop is in the trace");
        assert_eq!((trace.events[stop].task, trace.events[stop].ideal), (0, 1.5), "{mode:?}");
        assert!(trace.events.iter().all(|e| e.ideal <= 1.5), "{mode:?}");
        let moment = Moment::after(&trace, trace.events.len());
        assert!(moment.tasks.iter().all(|t| t.state.is_final()), "{mode:?}: {:?}", moment.tasks);
        assert_eq!((moment.tasks[0].state, moment.tasks[0].cancelled_by), (State::Cancelled, BY_STOP), "{mode:?}");
        assert_eq!((moment.timers().count(), moment.alarm), (0, None), "{mode:?}");
        assert!(trace.describe(stop).starts_with("Stop: Task-1 main() is cancelled"), "{}", trace.describe(stop));
    }
}

/// A program may catch its cancellation: Stop then does not end it, and `stop()` does.
#[test]
fn a_main_that_swallows_stop_runs_on_until_stopped_at_once() {
    let host = VirtualHost::new(0.0);
    let rt = Runtime::new(host.clone());
    let main = rt.create_task("main()", {
        let rt = rt.clone();
        async move {
            loop {
                match rt.sleep(1.0).await {
                    Err(Error::Cancelled) => rt.print("caught it"),
                    other => other?,
                }
            }
            #[allow(unreachable_code)]
            Ok::<(), Error>(())
        }
    });
    rt.set_main(main.id());
    host.drive_until(&rt, 2.5);
    rt.interrupt();
    host.drive_until(&rt, 4.5);
    assert_eq!(rt.trace().printed().count(), 1);
    assert_eq!(rt.sleeping(), 1, "it sleeps again");
    rt.stop();
    assert!(main.cancelled() && rt.sleeping() == 0 && rt.alarm().is_none());
}

/// A task cancelled from the page, on a host that runs late: the cancellation happens
/// at the moment of the click on the loop's clock, less how late the host was.
#[test]
fn a_task_cancelled_from_the_page_is_cancelled_at_the_moment_of_the_click() {
    let host = Rc::new(ManualHost::default());
    let rt = Runtime::new(host.clone());
    let main =
        rt.create_task("main()", scenario::main(rt.clone(), scenario(Mode::Tasks, &[(1.0, "hello"), (2.0, "world")])));
    rt.set_main(main.id());
    host.settle(&rt);
    assert_eq!(host.alarm.get(), Some(1.0));
    // The alarm rings 0.2 s late.
    host.now.set(1.2);
    host.ring(&rt);
    host.settle(&rt);
    assert_eq!(printed(&rt), 2);
    host.now.set(1.7);
    assert!(rt.cancel_from_page(2), "Task-3 world is pending");
    assert!(!rt.cancel_from_page(1), "Task-2 hello is done");
    host.settle(&rt);
    let trace = rt.trace();
    let asked = trace.events.iter().find(|e| e.kind == Kind::CancelRequested).expect("the click is in the trace");
    assert_eq!((asked.task, asked.arg, asked.ideal), (2, BY_PAGE, 1.5));
    // main awaited Task-3, so the CancelledError reached it too.
    let moment = Moment::after(&trace, trace.events.len());
    let states: Vec<State> = moment.tasks.iter().map(|t| t.state).collect();
    assert_eq!(states, [State::Cancelled, State::Done, State::Cancelled]);
    assert_eq!(moment.tasks[2].cancelled_by, BY_PAGE);
    assert_eq!((rt.sleeping(), host.alarm.get(), printed(&rt)), (0, None, 2));
}

#[test]
fn wall_clock_lines_follow_the_wall_origin() {
    let origin = ((23 * 60 + 56) * 60 + 59) as f64 * 1000.0;
    let outcome = run(origin, |rt| scenario::main(rt, Scenario::notebook()));
    let lines = outcome.lines();
    assert_eq!(lines[0].0, "started at 23:56:59");
    assert_eq!(lines[3].0, "finished at 23:57:02");
}

/// A host whose alarm the test rings by hand, to watch how the loop uses it.
#[derive(Default)]
struct ManualHost {
    now: Cell<f64>,
    alarm: Cell<Option<f64>>,
    alarms_set: Cell<u32>,
    soon: Cell<bool>,
}

impl Host for ManualHost {
    fn now(&self) -> f64 {
        self.now.get()
    }
    fn time_of_day_ms(&self, loop_time: f64) -> f64 {
        loop_time * 1000.0
    }
    fn arm(&self, at: Option<f64>) {
        self.alarms_set.set(self.alarms_set.get() + u32::from(at.is_some()));
        self.alarm.set(at);
    }
    fn soon(&self) {
        self.soon.set(true);
    }
}

impl ManualHost {
    /// The alarm rings (at whatever time the test set), as a real host's would.
    fn ring(&self, rt: &Runtime) {
        self.alarm.set(None);
        rt.on_alarm();
    }

    /// Runs the loop for as long as it asks to be run soon.
    fn settle(&self, rt: &Runtime) {
        while self.soon.take() {
            rt.run();
        }
    }
}

fn printed(rt: &Runtime) -> usize {
    rt.trace().printed().count()
}

#[test]
fn a_thousand_sleepers_with_one_deadline_need_one_alarm() {
    let host = Rc::new(ManualHost::default());
    let rt = Runtime::new(host.clone());
    for i in 0..1000 {
        let _task = rt.create_task("say_after()", say_after(rt.clone(), 2.0, i.to_string()));
    }
    host.settle(&rt);
    assert_eq!(rt.sleeping(), 1000);
    assert_eq!((host.alarms_set.get(), host.alarm.get()), (1, Some(2.0)));

    // An alarm that rings early wakes nobody and is set again for the same time.
    host.now.set(1.999);
    host.ring(&rt);
    assert_eq!((printed(&rt), rt.sleeping(), host.alarms_set.get()), (0, 1000, 2));

    host.now.set(2.0);
    host.ring(&rt);
    host.settle(&rt);
    assert_eq!((printed(&rt), rt.sleeping()), (1000, 0));
    assert_eq!(host.alarm.get(), None, "no alarm is left once nobody sleeps");
}

#[test]
fn the_alarm_follows_the_earliest_deadline_and_stop_clears_it() {
    let host = Rc::new(ManualHost::default());
    let rt = Runtime::new(host.clone());
    let _late = rt.create_task("late()", say_after(rt.clone(), 5.0, "late".into()));
    host.settle(&rt);
    assert_eq!(host.alarm.get(), Some(5.0));
    let early = rt.create_task("early()", say_after(rt.clone(), 1.0, "early".into()));
    host.settle(&rt);
    assert_eq!(host.alarm.get(), Some(1.0));
    early.cancel();
    host.settle(&rt);
    assert_eq!(host.alarm.get(), Some(5.0));
    rt.stop();
    assert_eq!(host.alarm.get(), None);
    assert_eq!(rt.sleeping(), 0);
}

#[test]
fn a_late_alarm_still_fires_timers_one_deadline_at_a_time() {
    // The real clock is far past both deadlines when the alarm rings, yet the loop
    // runs them as the virtual clock does: everything due at 1.0 before the timer at
    // 1.001, so main wakes between the two as it would on time.
    let host = Rc::new(ManualHost::default());
    let rt = Runtime::new(host.clone());
    let main = rt.create_task("main()", scenario::main(rt.clone(), scenario(Mode::Tasks, &[(1.0, "a"), (1.001, "b")])));
    host.settle(&rt);
    host.now.set(1.5);
    host.ring(&rt);
    host.settle(&rt);
    assert!(main.done());
    let ideal = simulate(&scenario(Mode::Tasks, &[(1.0, "a"), (1.001, "b")]));
    assert_eq!(rt.trace().steps(), ideal.trace.steps());
    let times: Vec<f64> = rt.trace().printed().map(|(_, _, at)| at).collect();
    assert_eq!(times, [0.0, 1.0, 1.001, 1.001]);
}

#[test]
fn each_mode_waits_in_its_own_way() {
    // Equal lines and totals in every concurrent mode, but main awaits different things.
    let calls = [(0.2, "a"), (0.1, "b")];
    let waits = |mode| {
        let outcome = simulate(&scenario(mode, &calls));
        let main_waits: Vec<(Kind, u32)> = outcome
            .trace
            .events
            .iter()
            .filter(|e| e.task == 0 && e.kind.ends_step())
            .map(|e| (e.kind, e.arg))
            .collect();
        main_waits
    };
    assert_eq!(waits(Mode::Sequential), [(Kind::Sleeps, 0), (Kind::Sleeps, 1), (Kind::Returned, NONE)]);
    assert_eq!(waits(Mode::Tasks), [(Kind::AwaitsTask, 1), (Kind::Returned, NONE)]);
    assert_eq!(waits(Mode::Gather), [(Kind::AwaitsGather, 0), (Kind::Returned, NONE)]);
    assert_eq!(waits(Mode::TaskGroup), [(Kind::AwaitsGroup, 0), (Kind::Returned, NONE)]);
}

#[test]
fn a_failing_child_cancels_its_task_group_siblings_and_the_body() {
    let outcome = run(0.0, |rt| async move {
        let result = rt
            .task_group(|tg| async move {
                let rt = tg.runtime();
                tg.create_task("a()", noisy_sleep(rt.clone(), "a", 1.0))?;
                let r = rt.clone();
                tg.create_task("b()", async move {
                    r.sleep(0.5).await?;
                    Err::<(), _>(Exception::new("ValueError", "b failed").into())
                })?;
                tg.create_task("c()", noisy_sleep(rt.clone(), "c", 2.0))?;
                noisy_sleep(rt.clone(), "body", 3.0).await
            })
            .await;
        match result {
            Err(Error::Raised(group)) => {
                let inner: Vec<String> = group.exceptions().iter().map(ToString::to_string).collect();
                rt.print(format!("{group} {inner:?}"));
            }
            other => rt.print(format!("unexpected {other:?}")),
        }
        Ok(())
    });
    assert_eq!(
        outcome.lines(),
        [
            // The group cancels its tasks in creation order, then the body's task.
            ("a got CancelledError", 0.5),
            ("c got CancelledError", 0.5),
            ("body got CancelledError", 0.5),
            (r#"ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception) ["ValueError: b failed"]"#, 0.5),
        ]
    );
    assert_eq!(outcome.result, Some(Ok(())), "main caught the group and the group uncancelled it");
}

#[test]
fn the_trace_names_tasks_and_pairs_lines_with_their_tasks() {
    let outcome = simulate(&scenario(Mode::Tasks, &[(1.0, "hello"), (2.0, "world")]));
    let trace = &outcome.trace;
    let names: Vec<(String, &str)> =
        trace.tasks.iter().enumerate().map(|(id, t)| (trace.task_name(id as u32), t.label.as_ref())).collect();
    let expected = [("Task-1", "main()"), ("Task-2", "say_after(1, 'hello')"), ("Task-3", "say_after(2, 'world')")];
    assert_eq!(names, expected.map(|(name, label)| (name.to_owned(), label)));
    let printed: Vec<(&str, u32)> = trace.printed().map(|(text, task, _)| (text, task)).collect();
    assert_eq!(printed, [("started at 00:00:00", 0), ("hello", 1), ("world", 2), ("finished at 00:00:02", 0)]);
    assert_eq!(trace.tasks[1].parent, 0);
}

#[test]
fn at_one_and_a_half_seconds_the_loop_holds_one_timer_for_world() {
    let outcome = simulate(&scenario(Mode::Tasks, &[(1.0, "hello"), (2.0, "world")]));
    let trace = &outcome.trace;
    let n = trace.events.iter().take_while(|e| e.ideal <= 1.5).count();
    let moment = Moment::after(trace, n);
    assert_eq!(moment.printed, 2, "started at, hello");
    assert_eq!(
        moment.timers().map(|(timer, at)| (trace.timers[timer as usize].task, at)).collect::<Vec<_>>(),
        [(2, 2.0)]
    );
    let states: Vec<State> = moment.tasks.iter().map(|t| t.state).collect();
    assert_eq!(states, [State::Waiting, State::Done, State::Sleeping]);
    assert_eq!((moment.running, moment.ready.len()), (None, 0));
    assert_eq!(moment.tasks[0].wait, Some((Kind::AwaitsTask, 2)));
}

#[test]
fn the_notebook_lane_shows_main_awaiting_one_say_after_at_a_time() {
    let outcome = simulate(&Scenario::notebook());
    let trace = &outcome.trace;
    assert_eq!(trace.labels, ["say_after(1, 'hello')", "say_after(2, 'world')"]);
    let mut moment = Moment::with_spans();
    moment.advance(trace, trace.events.len());
    use asyncio_playground::trace::SpanKind;
    let frames: Vec<(u32, f64, f64, u32, u32)> = moment
        .spans()
        .iter()
        .filter_map(|span| match span.what {
            SpanKind::Frame { label, suspended, resumed } => Some((
                label,
                trace.events[span.start as usize].ideal,
                trace.events[span.end as usize].ideal,
                suspended,
                resumed,
            )),
            SpanKind::State(_) => None,
        })
        .collect();
    // Each say_after was suspended once, at its sleep, and resumed once.
    assert_eq!(frames, [(0, 0.0, 1.0, 1, 1), (1, 1.0, 3.0, 1, 1)]);
    let sleeping: Vec<(u32, f64, f64)> = moment
        .spans()
        .iter()
        .filter(|span| span.what == SpanKind::State(State::Sleeping))
        .map(|span| (span.depth, trace.events[span.start as usize].ideal, trace.events[span.end as usize].ideal))
        .collect();
    assert_eq!(sleeping, [(1, 0.0, 1.0), (1, 1.0, 3.0)], "each say_after sleeps inside main's task, one level down");
}

#[test]
fn finished_tasks_release_their_code() {
    let dropped = Rc::new(Cell::new(0));
    struct Witness(Rc<Cell<u32>>);
    impl Drop for Witness {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    let seen = Rc::clone(&dropped);
    let observed = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&observed);
    run(0.0, move |rt| async move {
        for i in 0..3 {
            let witness = Witness(Rc::clone(&seen));
            let r = rt.clone();
            // Dropping the handle leaves the task running, as in asyncio.
            drop(rt.create_task("t()", async move {
                let _keep = witness;
                r.sleep(f64::from(i)).await
            }));
        }
        rt.sleep(1.5).await?;
        // Tasks 0 and 1 are done and their futures dropped; task 2 still sleeps.
        log.borrow_mut().push(seen.get());
        Ok(())
    });
    assert_eq!(*observed.borrow(), [2]);
    assert_eq!(dropped.get(), 3);
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
            repeat: None,
            autorun: true,
            at: None,
            event: None,
            lines: false,
            code: None,
            cell: false,
            tour: None,
            embed: false,
            large: false,
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
    let link = read_link(&write_link(&shared, true, None));
    assert_eq!((link.mode, link.calls.as_ref(), link.autorun), (Some(shared.mode), Some(&shared.calls), true));
    assert_eq!(link.notices, Vec::<String>::new());
    let link = read_link(&write_link(&shared, false, Some(1500.25)));
    assert_eq!((link.at, link.autorun, link.repeat), (Some(1500.25), false, None));
    let repeated = Scenario { repeat: 7, ..shared };
    let query = write_link(&repeated, false, None);
    assert!(query.ends_with("&repeat=7"), "{query}");
    assert_eq!(read_link(&query).repeat, Some(7));
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
    assert_eq!(read_link("mode=tasks&calls=1:hello,2:world&at=1500").at, Some(1500.0));
    for bad in ["-1", "soon", "NaN", "inf", ""] {
        check_notices(
            &format!("at={bad}"),
            &[&format!("Ignored at “{bad}”: use a time in milliseconds from the start, like at=1500.")],
        );
    }
    check_notices(
        "calls=x:a&at=100",
        &[
            "Ignored the link's calls: Call 1: “x” is not a number of seconds.",
            "Not opened at a moment of the run, because part of the link was ignored.",
        ],
    );
    check_notices("x=1", &["Ignored unknown parameter “x”."]);
    // A course page's frame, and a projector's large text.
    let link = read_link("embed=1&font=large&autorun=1");
    assert!(link.embed && link.large && link.autorun && link.notices.is_empty(), "{link:?}");
    let link = read_link("embed=0&font=normal");
    assert!(!link.embed && !link.large && link.notices.is_empty(), "{link:?}");
    check_notices("embed=yes", &["Ignored embed “yes”: use 1 or 0."]);
    check_notices("font=huge", &["Ignored font “huge”: use large or normal."]);
    assert_eq!(read_link("mode=tasks&event=10").event, Some(10));
    for bad in ["-1", "ten", "+3", "", "1e3", "1000000001"] {
        check_notices(
            &format!("event={bad}"),
            &[&format!("Ignored event “{bad}”: use the number of an event of the run, like event=10.")],
        );
    }
    check_notices("at=100&event=3", &["Ignored event: the link gives a time (at) already."]);
    assert!(read_link("code=x&lines=1").lines);
    check_notices("lines=yes", &["Ignored lines “yes”: use 1 or 0."]);
    check_notices(
        "calls=x:a&event=3",
        &[
            "Ignored the link's calls: Call 1: “x” is not a number of seconds.",
            "Not opened at a moment of the run, because part of the link was ignored.",
        ],
    );
    check_notices("calls=1:a&calls=2:b", &["“calls” was given more than once; only the first was used."]);
    // Parameters that are not part of the scenario don't stop it from running.
    assert!(read_link("calls=1:a&autorun=1&utm_source=mail").autorun);
    assert!(!read_link("calls=1:a&autorun=1&mode=nope").autorun);
    let many = vec!["1:a"; 1001].join(",");
    check_notices(&format!("calls={many}"), &["Ignored the link's calls: At most 1000 calls (this has 1001)."]);
    for bad in ["0", "-2", "1.5", "lots", "10001"] {
        check_notices(
            &format!("repeat={bad}"),
            &[&format!("Ignored repeat: “{bad}” is not a whole number from 1 to 10000.")],
        );
    }
    check_notices("repeat=", &["Ignored repeat: Enter how many times to make the calls (1: once)."]);
    check_notices(
        "calls=1:a,2:b,3:c&repeat=4000&autorun=1",
        &[
            "Ignored repeat: 3 calls 4000 times over make 12000 calls; main() may make at most 10000.",
            "Not run automatically, because part of the link was ignored.",
        ],
    );
    assert_eq!(read_link("calls=1:a,2:b&repeat=5000").repeat, Some(5000));
    let huge = format!("calls=1:{}", "a".repeat(66_000));
    check_notices(&huge, &["The link's query is 65 KB, over the 64 KB limit, so all of it was ignored."]);
    assert_eq!(read_link(&huge).calls, None);
    assert_eq!(read_link("calls=abc:hello").calls, None);
}

#[test]
fn a_task_cancelled_before_it_starts_drops_its_code_outside_the_loop() {
    // What the task's code holds may itself call the loop when it is dropped.
    struct SaysBye(Runtime);
    impl Drop for SaysBye {
        fn drop(&mut self) {
            self.0.print("dropped");
        }
    }
    let outcome = run(0.0, |rt| async move {
        let bye = SaysBye(rt.clone());
        let r = rt.clone();
        let task = rt.create_task("never()", async move {
            let _bye = bye;
            r.print("never runs");
            Ok(())
        });
        task.cancel();
        rt.print(format!("{:?}", task.await));
        Ok(())
    });
    assert_eq!(outcome.lines(), [("dropped", 0.0), ("Err(Cancelled)", 0.0)]);
}

#[test]
fn a_due_timer_whose_sleep_was_cancelled_leaves_the_trace_too() {
    // The sleeper's timer is due (within the clock's resolution) in the same iteration
    // as the task that cancels it, and its handle runs before the sleeper does.
    let outcome = run(0.0, |rt| async move {
        let sleeper = rt.create_task("sleeper()", noisy_sleep(rt.clone(), "sleeper", 5e-10));
        let (r, target) = (rt.clone(), sleeper.id());
        let canceller = rt.create_task("canceller()", async move {
            r.sleep(0.0).await?;
            r.cancel(target);
            Ok(())
        });
        canceller.await?;
        rt.print(format!("{:?}", sleeper.await));
        Ok(())
    });
    assert_eq!(outcome.lines(), [("sleeper got CancelledError", 0.0), ("Err(Cancelled)", 0.0)]);
    let trace = &outcome.trace;
    let ended = trace.events.iter().filter(|e| matches!(e.kind, Kind::TimerFired | Kind::TimerCancelled)).count();
    assert_eq!(ended, trace.timers.len(), "every timer that was added fired or was cancelled");
    assert_eq!(Moment::after(trace, trace.events.len()).timers().count(), 0);
}

#[test]
fn a_link_carries_a_program_of_its_own_whole_or_not_at_all() {
    let code = "import asyncio\n\nasync def main():\n    print('héllo, wörld & co: 100%')\n\nasyncio.run(main())\n";
    let query = write_code_link(code, false, true, Some(250.0));
    assert!(query.starts_with("code=import%20asyncio%0A"), "{query}");
    let link = read_link(&query);
    assert_eq!(link.code.as_deref(), Some(code));
    assert!(link.autorun);
    assert_eq!(link.at, Some(250.0));
    assert!(link.notices.is_empty(), "{:?}", link.notices);
    // Form-encoded spaces and Windows line breaks read as the program meant them.
    assert_eq!(read_link("code=print(1)%0D%0Aprint(2+3)").code.as_deref(), Some("print(1)\nprint(2 3)"));
    let long = format!("code={}", "x".repeat(16 * 1024 + 1));
    check_notices(&long, &["Ignored the link's code: it is 17 KB, over the 16 KB a program may have."]);
    assert_eq!(read_link(&long).code, None);
    let link = read_link(&format!("{long}&autorun=1"));
    assert!(!link.autorun, "a program refused is not run");
    check_notices("code=%FF%FE", &["Ignored the link's code: it is not UTF-8 text."]);
    check_notices("code=", &["Ignored the link's code: it is empty."]);
    check_notices("code=print(1)&calls=1:a", &["The link carries code, which runs instead of the form's program."]);
    // As a notebook cell, and a stop of the tour by name.
    let link = read_link(&write_code_link("await main()\n", true, false, None));
    assert_eq!((link.code.as_deref(), link.cell, link.tour), (Some("await main()\n"), true, None));
    let link = read_link("tour=the-notebook&cell=1");
    assert_eq!((link.tour.as_deref(), link.cell, link.notices.len()), (Some("the-notebook"), true, 0));
    check_notices("cell=1", &["Ignored cell=1: it says how a link's code runs, and this link carries none."]);
    check_notices("cell=yes&code=print(1)", &["Ignored cell “yes”: use 1 or 0."]);
    for bad in ["Semaphore", "a%20b", "", "%3Cimg%3E", &"x".repeat(41)] {
        let link = read_link(&format!("tour={bad}"));
        assert_eq!(link.tour, None, "{bad}");
        assert!(link.notices[0].starts_with("Ignored tour"), "{:?}", link.notices);
    }
}

/// The parallelism scene's job: the same count however it is split, and on one loop its
/// parts take turns a block per step, round the tasks in order, never two at once.
#[test]
fn the_prime_count_is_the_same_however_it_is_split_and_its_tasks_take_turns() {
    use asyncio_playground::primes::{count_part, count_range, steps};
    // 78,498 primes below a million, as every table says.
    let limit = 1_000_000;
    assert_eq!(count_range(0, limit), 78_498);
    for parts in [1, 2, 3, 8, 64] {
        assert_eq!((0..parts).map(|part| count_part(limit, parts, part)).sum::<u32>(), 78_498, "{parts} parts");
    }
    let outcome = run(0.0, |rt| asyncio_playground::primes::on_one_loop(rt, 200_000, 3));
    assert_eq!(outcome.result, Some(Ok(())));
    let printed: Vec<&str> = outcome.trace.printed().map(|(text, _, _)| text).collect();
    assert_eq!(printed.last(), Some(&"17984 primes below 200000"));
    let order: Vec<u32> = outcome.trace.steps().iter().map(|&(task, _)| task).collect();
    assert_eq!(order.len(), steps(200_000, 3));
    // main, then the parts in turn (blocks 0, 1, 2, then 3, 4, 5, ...: ten blocks of
    // 20,000), then main again.
    assert_eq!(order, [0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 0]);
    // All of it at once on the loop's clock: the work costs the loop no time.
    assert_eq!(outcome.end, 0.0);
    assert_eq!(steps(100_000, 8), 2 + 8);
    assert_eq!(steps(40_000, 3), 2 + 3, "a part with no block takes one step");
}

thread_local! {
    /// A wall clock for [`ticking_wall`]: it moves on a millisecond each time it is read.
    static TICKS: Cell<f64> = const { Cell::new(0.0) };
}

fn ticking_wall() -> f64 {
    TICKS.with(|t| {
        t.set(t.get() + 0.001);
        t.get()
    })
}

#[test]
fn a_long_run_on_the_virtual_clock_gives_the_page_turns_and_stays_the_same() {
    // Two thousand tasks under gather: the loop reads the wall clock every 16 handles,
    // and hands over every 30 readings, between handles.
    let calls: Vec<_> = (0..2000).map(|i| Call::new(f64::from(i % 7) * 0.1, "w")).collect();
    let scenario = Scenario::new(Mode::Gather, calls);
    let host = VirtualHost::new(0.0);
    host.pause_every(ticking_wall);
    let rt = Runtime::new(host.clone());
    let main = rt.create_task("main()", scenario::main(rt.clone(), scenario.clone()));
    rt.set_main(main.id());
    let mut turns = 0;
    while !host.drive_slice(&rt, f64::INFINITY) {
        turns += 1;
    }
    assert!(turns >= 10, "{turns} turns");
    let whole = simulate(&scenario);
    let events = |trace: &asyncio_playground::trace::Trace| {
        trace.events.iter().map(|e| (e.kind, e.task, e.arg, e.ideal)).collect::<Vec<_>>()
    };
    assert_eq!(events(&rt.trace()), events(&whole.trace));
    rt.stop();
}

#[test]
fn a_moment_lists_the_tasks_that_changed_so_that_a_view_can_follow_it() {
    let calls: Vec<_> = (0..50).map(|i| Call::new(f64::from(i % 5) * 0.1, "w")).collect();
    let trace = simulate(&Scenario::new(Mode::Gather, calls)).trace;
    let mut moment = Moment::new();
    // What a view that follows the moment holds: each task's state and since.
    let mut shown: Vec<Option<(State, u32)>> = Vec::new();
    for n in (0..=trace.events.len()).step_by(7).chain([trace.events.len()]) {
        moment.advance(&trace, n);
        for task in moment.take_changed() {
            let t = &moment.tasks[task as usize];
            if shown.len() <= task as usize {
                shown.resize(task as usize + 1, None);
            }
            shown[task as usize] = Some((t.state, t.since));
        }
        let truth: Vec<_> = moment.tasks.iter().map(|t| Some((t.state, t.since))).collect();
        assert_eq!(shown, truth, "after {n} events");
    }
    assert!(moment.take_changed().is_empty());
}

/// The page, as a first visit gets it before the core loads.
fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

/// Text as HTML writes it, read back (the few entities index.html uses).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[test]
fn the_page_holds_the_forms_modes_as_the_core_names_them() {
    // index.html's mode menu is there while the core loads; the core then fills it with
    // the same modes, in the same order, under the same labels.
    let html = index_html();
    let open = html.find("<select id=\"mode\"").unwrap();
    let close = open + html[open..].find("</select>").unwrap();
    let options: Vec<(String, String)> = html[open..close]
        .split("<option value=\"")
        .skip(1)
        .map(|option| {
            let (value, rest) = option.split_once("\">").unwrap();
            let label = &rest[..rest.find("</option>").unwrap()];
            (value.to_owned(), unescape(label))
        })
        .collect();
    let modes: Vec<_> = Mode::ALL.iter().map(|m| (m.name().to_owned(), m.label().to_owned())).collect();
    assert_eq!(options, modes);
}

#[test]
fn the_page_holds_the_forms_first_program_as_the_core_writes_it() {
    // index.html's editor shows the form's first program (the notebook's, one call after
    // the other) while the core loads; the core then writes the same text.
    let html = index_html();
    let tag = html.find("<textarea id=\"python-code\"").unwrap();
    let open = tag + html[tag..].find('>').unwrap() + 1;
    let close = open + html[open..].find("</textarea>").unwrap();
    let text = unescape(&html[open..close]);
    let link = read_link("calls=1:hello,2:world");
    let calls = link.calls.expect("the notebook's calls");
    let first = Scenario { mode: Mode::Sequential, calls, repeat: 1 };
    assert_eq!(text, asyncio_playground::code::python(&first));
}
