// The run's events and the moment the page shows: the one source every view draws from.
//
// Once per animation frame, while a run is live or after anything changed, the store
// copies the run's new events out of the core, moves the shown moment, and hands each
// view what changed. Views draw only that: nothing is drawn per frame that did not change.

import { names } from './core.js';

const views = [];

/** Everything the views read. Treat as read-only outside this module. */
export const store = {
  /** The run being shown (a wasm Run, owned by core.js), or null. */
  run: null,
  /** Whether it is running on the browser's loop right now, or just ended and its
   * last events are still being drawn (see ended). */
  live: false,
  /** Whether a live run has ended, its last events still to be drawn. */
  ending: false,
  /** Whether its events carry measured (real) times. */
  measured: false,
  /** How many events have been copied out, and their columns. */
  n: 0,
  kind: new Uint8Array(0),
  task: new Uint32Array(0),
  arg: new Uint32Array(0),
  ideal: new Float64Array(0),
  real: new Float64Array(0),
  /** For each event, how many steps the loop began before it. */
  ordinal: new Uint32Array(0),
  steps: 0,
  /** Per task, the events where it printed a line. */
  printedBy: [],
  /** Per task, the event that created it. */
  createdAt: [],
  /** The lanes' closed spans, per task: {start, end, depth, code, label, suspended,
   * resumed} (the last three for a coroutine's frame). */
  spans: [],
  spanCount: 0,
  /** The moment shown, as a number of events, or null to follow the end. */
  moment: null,
  /** The ideal time (ms) a link asked to see, while that moment is shown. */
  time: null,
  /** When stepping by line: which line begun is shown (its index in `lines`), or null. */
  line: null,
  /** The lines the shown run begins, three numbers each (see Run.linesRun), once asked;
   * and why there are none, if working them out took too long. */
  lines: null,
  linesError: '',
  /** performance.now() when the live run began. */
  startedAt: 0,
  /** The parallelism scene's Web Workers after the run, if any: per worker, its
   * `state` and, in ms since the run began, when it was `posted`, `began` and `ended`
   * (see workers.js); and how their job went: 'running', 'done', 'failed', 'stopped'. */
  workers: null,
  workersState: null,
  /** How the timeline lays events out: by the loop's clock ('time'), the real one
   * ('real'), or the loop's steps ('steps'). */
  axis: 'time',
};

/** The number of events the shown moment is after. */
export const shownAt = () => store.moment ?? store.n;

/** Registers a view: an object with `update(changes)` (and optionally `reset()`). */
export function subscribe(view) {
  views.push(view);
}

let changes = fresh();
let scheduled = false;
/** Whether this frame copied a batch of events and left more for the next. */
let batched = false;
let ticker = 0;
/** How often the progress and the playhead move while nothing else happens, in ms. */
const TICK = 100;
/** When the current frame began, and how long views may spend building in it, in ms. */
let frameBegan = 0;
const BUDGET = 6;
/** The fewest events copied out of the core in a frame that has more to copy; more
 * while frames stay cheap, up to a hundred times as many (see frame). */
const EVENTS_PER_FRAME = 1000;
let perFrame = EVENTS_PER_FRAME;

/**
 * Whether the frame still has time for work that can wait (filling in rows, drawing
 * lanes), or `times` as much (work that only a frame's count makes slower). A view that
 * stops for lack of time asks for another frame with again().
 */
export const hasTime = (times = 1) => performance.now() - frameBegan < times * BUDGET;

function fresh() {
  return {
    reset: false, from: store.n, to: store.n, spans: [], moment: false, state: false, axis: false, more: false, workers: false,
  };
}

/**
 * What drawing a frame costs, script and rendering, in ms: a running average of the
 * time from a frame's views to the first task after it, which runs once it is drawn.
 */
let drawCost = 8;
/** The same for the frame that starts a run, which draws the most. */
let resetCost = 40;
const port = new MessageChannel();
let measuring = 0;
let measuringReset = false;
port.port1.onmessage = () => {
  const cost = performance.now() - measuring;
  if (measuringReset) resetCost = 0.5 * resetCost + 0.5 * cost;
  else drawCost = 0.7 * drawCost + 0.3 * cost;
  measuring = 0;
};

function measureDraw(began, reset) {
  if (measuring) return;
  measuring = began;
  measuringReset = reset;
  port.port2.postMessage(null);
}

/** Whether `changes` holds more than the passing of time. */
export const changed = (changes) => changes.reset || changes.to > changes.from || changes.spans.length > 0
  || changes.moment || changes.state || changes.axis || changes.more || changes.workers;

/** Set while the core has failed: nothing may call into it, and nothing is drawn. */
let halted = false;

function schedule() {
  if (!scheduled && !halted) {
    scheduled = true;
    requestAnimationFrame(frame);
  }
}

function grow(array, need) {
  if (array.length >= need) return array;
  const bigger = new array.constructor(Math.max(need, array.length * 2, 1024));
  bigger.set(array);
  return bigger;
}

function copyEvents(run, n) {
  const from = store.n;
  for (const column of ['kind', 'task', 'arg', 'ideal', 'real', 'ordinal']) store[column] = grow(store[column], n);
  store.kind.set(run.kinds(from, n), from);
  store.task.set(run.tasks(from, n), from);
  store.arg.set(run.args(from, n), from);
  store.ideal.set(run.idealMs(from, n), from);
  store.real.set(run.realMs(from, n), from);
  const { step, printed, created } = names.kinds;
  for (let i = from; i < n; i++) {
    store.ordinal[i] = store.steps;
    if (store.kind[i] === step) store.steps += 1;
    else if (store.kind[i] === printed) (store.printedBy[store.task[i]] ??= []).push(i);
    else if (store.kind[i] === created) store.createdAt[store.task[i]] = i;
  }
  store.n = n;
}

/** Copies out the spans that closed by event `n`. */
function copySpans(run, n) {
  const count = run.spanCount;
  if (count === store.spanCount) return;
  // A span is drawn once the events it covers are.
  const flat = run.spans(store.spanCount, n);
  const size = names.spanSize;
  for (let i = 0; i < flat.length; i += size) {
    const [task, start, end, depth, code, label, suspended, resumed] = flat.subarray(i, i + size);
    (store.spans[task] ??= []).push({ start, end, depth, code, label, suspended, resumed });
    changes.spans.push(task);
  }
  store.spanCount += flat.length / size;
}

function frame() {
  scheduled = false;
  if (halted) return;
  frameBegan = performance.now();
  const { run } = store;
  if (run) {
    // While a run is live (and until its end is drawn) its events come out a batch a
    // frame, so that a burst of them (a thousand tasks starting at once) is drawn over
    // a few frames: a thousand, or more while the frames that draw them stay short (see
    // below). A finished run's come out at once: a moment shown may be anywhere in them.
    const total = run.sync();
    const n = store.live ? Math.min(total, store.n + perFrame) : total;
    if (n > store.n) {
      copyEvents(run, n);
      changes.to = n;
      if (store.moment === null) changes.moment = true;
      if (n < total) {
        again();
        batched = true;
      }
    }
    if (store.ending && n === total && !changes.more) {
      // Every event of the run that ended is out, and every view has drawn what it
      // had to (none asked for another frame): the page shows the run's end.
      Object.assign(store, { live: false, ending: false });
      changes.state = true;
      changes.moment = true;
      for (const resolve of drawnWaiters.splice(0)) resolve();
    }
    copySpans(run, n);
    if (changes.moment) run.seek(shownAt());
  }
  // While the run is live, its timers come first: if the next one rings before this
  // frame could be drawn, the drawing waits for it (and the frame after it).
  const cost = changes.reset ? resetCost : drawCost;
  if (store.live && run && run.quietMs < cost * 1.5 + 2) {
    // The run says when the timer has rung (see show); the tick is a fallback.
    tick();
    return;
  }
  const done = changes;
  changes = fresh();
  const began = performance.now();
  for (const view of views) view.update(done);
  measureDraw(began, done.reset);
  if (batched) {
    // A frame that drew a whole batch quickly takes twice as many next time; one that
    // took long, half as many (views that fill what time a frame has left, with
    // hasTime, take up to BUDGET of it). The page stays responsive, and a million
    // events come out in seconds.
    batched = false;
    const spent = performance.now() - frameBegan;
    if (spent < 2 * BUDGET) perFrame = Math.min(perFrame * 2, 100 * EVENTS_PER_FRAME);
    else if (spent > 4 * BUDGET) perFrame = Math.max(perFrame >> 1, EVENTS_PER_FRAME);
  }
  // While the run is live the core says when it did something (see show); meanwhile
  // time passes, for the progress and the playhead, a few times a second. Drawing
  // every frame would slow Firefox's timers, the very thing the page measures. So too
  // while workers run, whose bars grow.
  if (store.live || store.workersState === 'running') tick();
}

function tick() {
  clearTimeout(ticker);
  ticker = setTimeout(schedule, TICK);
}

/** Shows `run` from its start: `live` if it runs on the browser's loop now. */
export function show(run, { live }) {
  if (live) run.onChange(schedule);
  perFrame = EVENTS_PER_FRAME;
  Object.assign(store, {
    run, live, ending: false, measured: run.measured, n: 0, steps: 0, printedBy: [], createdAt: [], spans: [], spanCount: 0, moment: null, time: null,
    line: null, lines: null, linesError: '', startedAt: performance.now(), workers: null, workersState: null,
  });
  changes = fresh();
  changes.reset = true;
  changes.state = true;
  changes.moment = true;
  schedule();
}

/** The core failed (see core.onFailure): the views keep what they show, and are not
 * drawn again until clear(). */
export function halt() {
  halted = true;
  clearTimeout(ticker);
}

/** Shows no run (after the core was renewed), and draws again. */
export function clear() {
  halted = false;
  Object.assign(store, {
    run: null, live: false, ending: false, measured: false, n: 0, steps: 0, printedBy: [], createdAt: [], spans: [], spanCount: 0,
    moment: null, time: null, workers: null, workersState: null,
  });
  drawnWaiters = [];
  changes = fresh();
  changes.reset = true;
  changes.state = true;
  changes.moment = true;
  schedule();
}

/** Waiters for the end of the live run's drawing (see drawn). */
let drawnWaiters = [];

/** Resolves once the shown run is no longer live: over, and all of it drawn. */
export function drawn() {
  if (!store.live) return Promise.resolve();
  return new Promise((resolve) => drawnWaiters.push(resolve));
}

/**
 * The live run ended. The page goes on following it until its last events are drawn,
 * a batch a frame as while it ran (ten thousand tasks leave a hundred thousand events
 * to draw), then shows its end; or at once, for a run the learner stopped.
 */
export function ended({ atOnce = false } = {}) {
  store.ending = !atOnce;
  if (atOnce) {
    store.live = false;
    changes.state = true;
    changes.moment = true;
    for (const resolve of drawnWaiters.splice(0)) resolve();
  }
  schedule();
}

/**
 * Shows the moment after the first `n` events (the end if `n` reaches it); `time` is
 * the ideal time that moment stands for, when a link asked for one.
 */
export function seek(n, time = null, line = null) {
  if (time !== store.time || line !== store.line) {
    store.time = time;
    store.line = line;
    changes.moment = true;
    schedule();
  }
  // A finished run's events may not all be copied out yet (before its first frame).
  const total = store.live || !store.run ? store.n : store.run.sync();
  const at = Math.max(0, Math.min(n, total));
  const moment = at >= total && !store.live ? null : at;
  if (moment === store.moment) return;
  store.moment = moment;
  changes.moment = true;
  schedule();
}

/** How long working out a run's lines may keep the page from answering, in ms. */
const LINES_MOST_MS = 500;

/** The lines the shown run begins (see Run.linesRun), worked out once; null without,
 * and an empty list, with `store.linesError` saying why, if that took too long. */
export function linesOfRun() {
  const { run } = store;
  if (!run || typeof run.linesRun !== 'function' || !run.hasProgram) return null;
  if (store.lines === null) {
    try {
      store.lines = run.linesRun(LINES_MOST_MS);
    } catch (error) {
      store.lines = new Uint32Array(0);
      store.linesError = error.message;
    }
  }
  return store.lines;
}

/** Shows the moment the `k`-th line begun is about to run (see `seek`). */
export function seekLine(k) {
  const lines = linesOfRun();
  if (!lines || lines.length === 0) return;
  const line = Math.max(0, Math.min(k, lines.length / 3 - 1));
  seek(lines[3 * line], null, line);
}

/**
 * The shown run's Web Workers (see `store.workers`), and how their job goes; their
 * times are moved from the page's clock to ms since the run began.
 */
/** When the shown run began, on the page's clock (performance.now(), ms). */
export const runOrigin = () => store.run?.originMs ?? store.startedAt;

export function setWorkers(workers, state) {
  const origin = runOrigin();
  const since = (ms) => (ms === null ? null : ms - origin);
  store.workers = workers.map((w) => ({ ...w, posted: since(w.posted), began: since(w.began), ended: since(w.ended) }));
  if (store.workersState !== state) changes.state = true;
  store.workersState = state;
  changes.workers = true;
  schedule();
}

/** The run's state changed without an event of its own (Stop was pressed). */
export function stateChanged() {
  changes.state = true;
  schedule();
}

/** Lays the timeline out by 'time', 'real' or 'steps'. */
export function setAxis(axis) {
  store.axis = axis;
  changes.axis = true;
  schedule();
}


/** Asks for one more frame: a view has more to draw than it draws in one. */
export function again() {
  changes.more = true;
  schedule();
}
