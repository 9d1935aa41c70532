// "Download trace": the run as Chrome trace-event JSON, which Perfetto
// (ui.perfetto.dev) and chrome://tracing open. One thread track per task, named
// after it, with its steps as slices; its waits (ready, sleeping, waiting) and the
// coroutines it awaits as async spans, on a track each per task; flow arrows from
// each wake-up to the step it causes; printed lines, Stop and blocking steps as instants.

import { names } from '../core.js';
import { changed, store, subscribe } from '../store.js';
import { $ } from '../util.js';

const button = $('download');
const NONE = 0xFFFFFFFF;

/** The trace of the shown run, as an object ready for JSON.stringify. */
export function chromeTrace() {
  const { run, n, kind, task, arg, ideal, real, measured, ordinal } = store;
  const k = names.kinds;
  // Microseconds; on the virtual clock, steps at one time are spread by a nanosecond
  // each so that they keep their order.
  const ts = (i) => (measured ? real[i] * 1000 : ideal[i] * 1000 + ordinal[i] / 1000);
  const pid = 1;
  const out = [
    { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: 'asyncio playground: the event loop' } },
    { name: 'thread_name', ph: 'M', pid, tid: 0, args: { name: 'the loop (timers)' } },
    { name: 'thread_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: 0 } },
  ];
  const count = run.taskCount;
  for (let t = 0; t < count; t++) {
    out.push({ name: 'thread_name', ph: 'M', pid, tid: t + 1, args: { name: `${run.taskName(t)} ${run.taskLabel(t)}` } });
    out.push({ name: 'thread_sort_index', ph: 'M', pid, tid: t + 1, args: { sort_index: t + 1 } });
  }
  // A task's waits follow each other, so they share one async track (one id); the
  // coroutines it awaits nest, on a second one.
  for (let t = 0; t < count; t++) {
    for (const span of store.spans[t] ?? []) {
      const [start, end] = [ts(span.start), ts(span.end)];
      const base = { pid, tid: t + 1, args: { ideal_ms: ideal[span.start], depth: span.depth } };
      if (span.code === names.frameSpan) {
        const args = { ...base.args, suspended: span.suspended, resumed: span.resumed };
        const frame = { ...base, args, name: run.frameLabel(span.label), cat: 'coroutine', id: `coroutines of ${run.taskName(t)}` };
        out.push({ ...frame, ph: 'b', ts: start }, { ...frame, ph: 'e', ts: end });
        continue;
      }
      const state = names.states[span.code];
      if (state === 'running') {
        out.push({ ...base, name: 'step', cat: 'step', ph: 'X', ts: start, dur: Math.max(end - start, 0.001) });
      } else {
        const wait = { ...base, name: state, cat: 'task', id: run.taskName(t) };
        out.push({ ...wait, ph: 'b', ts: start }, { ...wait, ph: 'e', ts: end });
      }
    }
  }
  // Each task's next step after each event, found walking back from the end.
  const nextStep = new Uint32Array(n).fill(NONE);
  const upcoming = new Map();
  for (let i = n - 1; i >= 0; i--) {
    if (kind[i] === k.step) upcoming.set(task[i], i);
    if (kind[i] === k.scheduled) nextStep[i] = upcoming.get(task[i]) ?? NONE;
  }
  let flow = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] === k.timerFired) {
      out.push({ name: 'timer fired', cat: 'timer', ph: 'X', pid, tid: 0, ts: ts(i), dur: 0.001, args: { task: run.taskName(task[i]) } });
    } else if (kind[i] === k.interrupted) {
      out.push({ name: 'Stop', cat: 'stop', ph: 'i', s: 'g', pid, tid: 0, ts: ts(i), args: { text: run.describe(i) } });
    } else if (kind[i] === k.blocked) {
      const tid = task[i] === NONE ? 0 : task[i] + 1;
      out.push({ name: 'blocked the loop', cat: 'blocked', ph: 'i', s: 't', pid, tid, ts: ts(i), args: { text: run.describe(i) } });
    } else if (kind[i] === k.printed) {
      out.push({ name: 'print', cat: 'print', ph: 'i', s: 't', pid, tid: task[i] + 1, ts: ts(i), args: { text: run.line(arg[i]) } });
    } else if (kind[i] === k.scheduled && arg[i] !== NONE && nextStep[i] !== NONE) {
      const cause = arg[i];
      // The thread whose slice the arrow leaves from: the loop's for a timer, the
      // creator's for a new task, else the task whose step woke this one.
      const waker = kind[cause] === k.created ? arg[cause] : kind[cause] === k.timerFired ? NONE : task[cause];
      const from = waker === NONE ? 0 : waker + 1;
      flow += 1;
      out.push({ name: 'wakes', cat: 'wake', ph: 's', id: flow, pid, tid: from, ts: ts(cause) });
      out.push({ name: 'wakes', cat: 'wake', ph: 'f', bp: 'e', id: flow, pid, tid: task[i] + 1, ts: ts(nextStep[i]) });
    }
  }
  return { traceEvents: out, displayTimeUnit: 'ms', otherData: { clock: measured ? 'measured' : 'ideal' } };
}

button.addEventListener('click', () => {
  if (!store.run) return;
  const blob = new Blob([JSON.stringify(chromeTrace())], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: 'asyncio-playground-trace.json' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

subscribe({
  update(changes) {
    if (!changed(changes)) return;
    if (changes.reset || changes.state) button.disabled = !store.run || store.live;
  },
});
