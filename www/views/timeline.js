// The timeline: one lane per task in the accessible table #lanes, each row saying what
// the task is doing at the shown moment, how many steps it ran, and how long it ran
// and waited, beside an SVG of its spans (running, ready, sleeping, waiting), the
// coroutines it awaited inside itself, and the lines it printed (due and measured).
// While a run is live, each task still going has a button that cancels it, as
// `task.cancel()` would.
//
// A lane is redrawn only when its task changed, and only once it scrolls into view; one
// playhead over all the lanes moves by transform alone.

import { cancelTask, names } from '../core.js';
import { again, changed, hasTime, runOrigin, shownAt, store, subscribe } from '../store.js';
import { Rows } from '../rows.js';
import { $, el, fitColumns, short, svg, unfitColumns } from '../util.js';

const table = $('lanes');
/** The widest task cell so far (see fitColumns). */
const widths = {};
const body = $('lane-rows');
const box = table.closest('.lanes-box');
const axis = $('axis');
/** Height of one level of a lane (a task's own coroutine, or one it awaits), in px. */
const LEVEL = 22;
/** Height of the band that shows the task's state within a level, in px. */
const BAND = 8;
/** A row's height beyond its levels, in px. */
const PAD = 6;
/** On a phone a task's name is a line of its own above its lane, this tall in px (see
 * the style sheet's .lane-row at 600 px): the lane then has the row's whole width. */
const NAME = 16;
const phone = matchMedia('(max-width: 600px)');
/** A row's height in px, for a lane of `levels` levels. */
const rowHeight = (levels) => levels * LEVEL + PAD + (phone.matches ? NAME : 0);
/** The header row's height, in px (see .lane-row.head). */
const HEADER = 30;
/** How many lanes are added at a time: as many times in a frame as it has time for. */
const ROWS_PER_FRAME = 250;

/** Per task: {row, cells, svg, dirty, stale, state, since, levels, drawnAt, cost}: when it
 * was last drawn (performance.now()) and how long that took, in ms. */
let lanes = [];
/** How many tasks exist at the shown moment: the lanes shown. */
let existing = 0;
const rows = new Rows(box, body, (i) => rowHeight(lanes[i].levels), table, { blocks: true });
phone.addEventListener('change', () => {
  for (const lane of lanes) {
    if (lane.levels > 1) lane.row.style.height = `${rowHeight(lane.levels)}px`;
  }
  for (const worker of workerLanes) worker.row.style.height = `${rowHeight(1)}px`;
  rows.resized();
  again();
});
rows.onMove = () => again();

/** Where the playhead is drawn, as a fraction of the lane, and how much the veil covers. */
let playhead = -1;
let veiled = -1;
/** Where the lanes' drawings are, in px of #lanes: measured when the layout changes. */
const lane = { left: 0, width: 0 };
/** The lanes' width in px (where `lane` names a task's lane). */
const laneWidth = () => lane.width;
const head = $('playhead');
const [veilDiv, line] = head.children;

// Measured in the frame after a resize (see rows.js: never resizing within the observer).
new ResizeObserver(() => requestAnimationFrame(() => {
  const cell = table.querySelector('.axis-cell');
  const style = getComputedStyle(cell);
  const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  lane.left = cell.offsetLeft + parseFloat(style.paddingLeft);
  if (width !== lane.width) {
    // The coroutines' labels are fitted to their bars.
    lane.width = width;
    lanes.forEach((_, task) => markDirty(task));
    again();
  }
  head.style.left = `${lane.left}px`;
  head.style.width = `${lane.width}px`;
  playhead = -1;
  movePlayhead();
})).observe(table.querySelector('.axis-cell'));

// ----- where things go on the x axis ------------------------------------------------------

/** The times events are laid out by: the loop's clock, or the real one. */
const times = () => (store.axis === 'real' ? store.real : store.ideal);

function axisMax() {
  const { run } = store;
  if (store.axis === 'steps') return Math.max(run.idealSteps, store.steps, 1);
  const last = store.n ? times()[store.n - 1] : 0;
  // By real time, the workers that ran after the loop are on the axis too.
  const workers = store.axis === 'real' ? (store.workers ?? []).map((w) => w.ended ?? (w.state === 'running' ? workersNow() : 0)) : [];
  return Math.max(run.idealTotalMs, last, ...workers, 1e-6);
}

/** Now, in ms since the run began, for workers still going. */
const workersNow = () => performance.now() - runOrigin();

/** The x of a time in ms (or of a step), in % of the lane. */
const xOf = (at, max) => Math.min(100, (at / max) * 100);

/** The x of event `i`, in % of the lane. */
const x = (i, max) => xOf(store.axis === 'steps' ? store.ordinal[i] : times()[i], max);

/** The x of the shown moment, in %. */
function playheadX(max) {
  const m = shownAt();
  if (store.axis === 'steps') return xOf(m < store.n ? store.ordinal[m] : store.steps, max);
  if (store.live && store.moment === null) return xOf(performance.now() - store.startedAt, max);
  if (store.time !== null) return xOf(store.time, max);
  return m === 0 ? 0 : x(m - 1, max);
}

// ----- rows --------------------------------------------------------------------------------

/** What a lane's row is before it first comes into view: copied for each task. */
const bareRow = el('div', { className: 'lane-row', role: 'row', hidden: true, data: { state: 'ready' } });

/** A task's row: bare (its number and state) until it first comes into view. */
function addLane(task) {
  const row = bareRow.cloneNode(false);
  row.dataset.task = String(task + 1);
  lanes[task] = { row, cells: null, svg: null, dirty: true, stale: true, state: -1, since: -1, levels: 1, drawnAt: 0, cost: 0 };
  return row;
}

/** Fills in a row's cells, the first time it is in view. */
function build(task) {
  const { run } = store;
  const lane = lanes[task];
  const cell = (className = '') => el('span', { role: 'cell', className });
  lane.cells = { now: cell('now'), steps: cell('num'), ran: cell('num'), waited: cell('num') };
  lane.svg = svg('svg', { class: 'lane-svg', 'aria-hidden': 'true', height: LEVEL });
  const name = run.taskName(task);
  const label = run.taskLabel(task);
  lane.cancel = el('button', { type: 'button', className: 'cancel quiet', textContent: '✕', title: `${name}.cancel()`, hidden: true,
    data: { task: String(task) } });
  lane.cancel.setAttribute('aria-label', `Cancel ${name} ${label}`);
  lane.row.append(
    el('span', { role: 'rowheader', className: 'task' }, lane.cancel, el('span', { className: 'name', textContent: name }), ' ',
      el('span', { className: 'label', textContent: label })),
    lane.cells.now, lane.cells.steps, lane.cells.ran, lane.cells.waited,
    el('span', { role: 'cell', className: 'lane' }, lane.svg),
  );
}

function timeOf(i) {
  return store.measured ? store.real[i] : store.ideal[i];
}

/**
 * Brings the rows up to the shown moment: all of them if `all`, else those whose task
 * changed. Every row's data-state is set at once; what rows out of view say is brought
 * up to date when they come into view, so a moment where a thousand tasks change costs
 * a frame a few dozen rows.
 */
function updateRows(all) {
  const { run } = store;
  // The tasks that changed at the shown moment (every task, for a moment shown afresh),
  // drained either way; while the lanes follow the run to its end, only those, and the
  // lanes added since the last update.
  const changed = run.changedTasks();
  const following = !all && store.moment === null && followed;
  followed = store.moment === null;
  if (!following) {
    updateAll(all);
    synced = lanes.length;
    fillRows();
    return;
  }
  for (let i = 0; i < changed.length; i += 3) {
    if (changed[i] < synced) setRow(changed[i], changed[i + 1], changed[i + 2], false);
  }
  existing = Math.min(run.shownTaskCount, lanes.length);
  if (existing > synced) {
    const fresh = run.stateRange(synced, existing);
    for (let task = synced; task < existing; task++) setRow(task, fresh[2 * (task - synced)], fresh[2 * (task - synced) + 1], false);
    synced = existing;
  }
  fillRows();
}

/** Whether the lanes followed the run's end at the last update (see updateRows). */
let followed = false;
/** How many lanes have been brought up to the shown moment (see updateRows). */
let synced = 0;

/** Brings every row to the shown moment: all of it if `all`, else what changed. */
function updateAll(all) {
  const { run } = store;
  const states = run.states();
  const since = run.since();
  // Tasks not created yet at the shown moment have no lane.
  existing = Math.min(states.length, lanes.length);
  for (let task = 0; task < existing; task++) setRow(task, states[task], since[task], all);
}

/** Sets a row's state at the shown moment, if it changed (or `all`). */
function setRow(task, code, since, all) {
  const lane = lanes[task];
  if (!all && lane.state === code && lane.since === since) return;
  lane.state = code;
  lane.since = since;
  // The state is the page's contract, kept true for every row; the rest waits.
  const state = names.states[code];
  if (lane.row.dataset.state !== state) lane.row.dataset.state = state;
  lane.stale = true;
  if (store.live) markDirty(task);
}

/** Writes what the rows in view say, where it is out of date. */
function fillRows() {
  const { run } = store;
  let arrays = null;
  const m = shownAt();
  // While the run goes on, now is now: a task that waits has waited longer each moment.
  const now = store.live && store.moment === null && store.measured ? performance.now() - store.startedAt
    : store.time ?? (m === 0 ? 0 : timeOf(m - 1));
  const filled = [];
  // No task's name in view is cut: its column is as wide as the widest (see
  // fitColumns); nor what a task does now, up to 22rem (past that, its title says it).
  const fit = () => {
    const named = [];
    for (let task = rows.from; task < rows.to; task++) if (lanes[task].cells) named.push([0, lanes[task].row.firstChild]);
    fitColumns(table, [...named, ...filled.map((task) => [1, lanes[task].cells.now])], widths, { 1: 22 * REM });
  };
  for (let task = rows.from; task < rows.to; task++) {
    const lane = lanes[task];
    if (!lane.stale) continue;
    if (!lane.cells) {
      if (!hasTime()) {
        again();
        fit();
        return;
      }
      build(task);
    }
    lane.stale = false;
    arrays ??= { steps: run.steps(), ran: run.ranMs(), created: run.createdMs() };
    const state = names.states[lane.state];
    const final = state === 'done' || state === 'failed' || state === 'cancelled';
    const doing = run.doing(task);
    lane.cells.now.textContent = doing;
    lane.cells.now.title = doing;
    filled.push(task);
    const cancellable = store.live && !store.ending && store.moment === null && !final && !run.interrupted;
    if (lane.cancel.hidden === cancellable) {
      // A button about to go away hands the keyboard's focus to the lanes.
      if (!cancellable && document.activeElement === lane.cancel) box.focus();
      lane.cancel.hidden = !cancellable;
    }
    lane.cells.steps.textContent = String(arrays.steps[task]);
    lane.cells.ran.textContent = store.measured ? short(arrays.ran[task]) : '—';
    const until = final ? timeOf(lane.since) : now;
    const born = store.measured ? arrays.created[task] : 0;
    lane.cells.waited.textContent = short(Math.max(0, until - born - (store.measured ? arrays.ran[task] : 0)));
  }
  fit();
}

body.addEventListener('click', (event) => {
  const button = event.target.closest('button.cancel');
  if (button) cancelTask(Number(button.dataset.task));
});

// ----- drawing a lane ------------------------------------------------------------------------

function markDirty(task) {
  const lane = lanes[task];
  if (lane) lane.dirty = true;
}

/** The lanes' box grows with its lanes, up to 30rem, then scrolls. */
let boxHeight = '';
const REM = parseFloat(getComputedStyle(document.documentElement).fontSize);
function fitBox() {
  const workers = workerLanes.length * rowHeight(1);
  const height = `${Math.min(30 * REM, rows.offset(existing) + HEADER + 2 + workers)}px`;
  if (height !== boxHeight) {
    boxHeight = height;
    box.style.height = height;
  }
}

/** Draws the lanes in view that changed since they were last drawn. */
function drawInView() {
  const now = performance.now();
  for (let task = rows.from; task < rows.to; task++) {
    const lane = lanes[task];
    if (!lane.dirty || !lane.svg) continue;
    // A lane of a task that took a hundred thousand steps takes a while to draw: while
    // the run is live it is redrawn at most a tenth of the time (it stays dirty, and a
    // later frame draws it), and once the run is over, once more.
    if (store.live && now - lane.drawnAt < 10 * lane.cost) continue;
    if (!hasTime()) {
      again();
      return;
    }
    const began = performance.now();
    drawLane(task);
    lane.drawnAt = performance.now();
    lane.cost = lane.drawnAt - began;
  }
}

/** A band at `depth` showing a state, in the lower part of the level. */
function band(x0, x1, depth, cls, least = 0) {
  const y = depth * LEVEL + LEVEL - BAND - 2;
  return svg('rect', { x: `${x0}%`, width: `${Math.max(least, x1 - x0)}%`, y, height: BAND, class: cls });
}

/** The states a step takes no loop time in (running, and ready on the loop's clock): their
 * bands are at least a pixel wide, and drawn over the others, so that they show at every axis. */
const BRIEF = new Set(['running', 'ready']);

/** A coroutine's name on its bar, with how often it was suspended and resumed. */
const frameName = (label, suspended, resumed) => `${label} · suspended ${suspended}×, resumed ${resumed}×`;

/** A coroutine at `depth`, from its call to its return: a bar with its name. */
/** How wide a character of a frame's label is, in px (9 px monospace). */
const LABEL_CHAR = 5.4;

function bar(x0, x1, depth, name) {
  const rect = svg('rect', { x: `${x0}%`, width: `${Math.max(0, x1 - x0)}%`, y: depth * LEVEL + 1, height: LEVEL - 2, class: 'frame' });
  // The label stays within its bar, cut short if need be; the whole of it is its tooltip.
  const fits = Math.floor((((x1 - x0) / 100) * lane.width - 6) / LABEL_CHAR);
  if (!name || fits < 2) return [rect];
  const text = svg('text', { x: `${x0}%`, dx: 4, y: depth * LEVEL + 10, class: 'frame-label' });
  text.textContent = name.length > fits ? `${name.slice(0, fits - 1)}…` : name;
  const title = svg('title');
  title.textContent = name;
  return [rect, text, title];
}

function tick(at, y1, y2, cls) {
  return svg('line', { x1: `${at}%`, x2: `${at}%`, y1, y2, class: cls });
}

function drawLane(task) {
  const lane = lanes[task];
  lane.dirty = false;
  const { run } = store;
  const max = axisMax();
  const bars = [];
  const bands = [];
  let depth = 0;
  // At most one band starts in each pixel of a level: a task that takes a hundred
  // thousand steps is drawn with as many elements as its lane is wide, not one a step.
  const pixel = 100 / Math.max(laneWidth(), 1);
  // (Running and ready are counted apart, in each pixel one of each, and drawn last:
  // at the loop's clock a step takes no time, and they would hide under the wait after.)
  const drawnTo = { running: [], ready: [], other: [] };
  const brief = { ready: [], running: [] };
  const addBand = (x0, x1, level, state) => {
    const kind = BRIEF.has(state) ? state : 'other';
    const to = drawnTo[kind];
    if (x0 < (to[level] ?? -1) + pixel && x1 <= (to[level] ?? -1) + pixel) return;
    to[level] = Math.max(x1, x0 + pixel);
    if (kind === 'other') bands.push(band(x0, x1, level, `span ${state}`));
    else brief[kind].push(band(x0, x1, level, `span ${state}`, pixel));
  };
  const live = store.live && store.moment === null;
  const spans = store.spans[task] ?? [];
  // The task's own coroutine, for as long as the task lives.
  const born = store.createdAt[task] ?? 0;
  const last = spans.reduce((end, span) => Math.max(end, span.end), born);
  const final = ['done', 'failed', 'cancelled'].includes(names.states[lane.state]);
  bars.push(...bar(x(born, max), live && !final ? 100 : x(last, max), 0, ''));
  /** A coroutine awaited inside the task; its caller, one level up, awaits it meanwhile. */
  const frame = (x0, x1, level, name) => {
    depth = Math.max(depth, level);
    bars.push(...bar(x0, x1, level, name));
    addBand(x0, x1, level - 1, 'waiting');
  };
  for (const span of spans) {
    const x0 = x(span.start, max);
    const x1 = x(span.end, max);
    if (span.code === names.frameSpan) {
      frame(x0, x1, span.depth, frameName(run.frameLabel(span.label), span.suspended, span.resumed));
    } else {
      depth = Math.max(depth, span.depth);
      addBand(x0, x1, span.depth, names.states[span.code]);
    }
  }
  // While the run is live, what is still going on runs off to the right edge; the
  // playhead's veil hides what has not happened yet.
  if (live) {
    const frames = run.frames(task);
    for (let i = 0; i < frames.length; i += 4) {
      frame(x(frames[i + 1], max), 100, i / 4 + 1, frameName(run.frameLabel(frames[i]), frames[i + 2], frames[i + 3]));
    }
    if (lane.state >= 0 && !final) bands.push(band(x(lane.since, max), 100, frames.length / 4, `span ${names.states[lane.state]}`));
  }
  const height = LEVEL * (depth + 1);
  const marks = [];
  for (const i of store.printedBy[task] ?? []) {
    if (store.axis === 'steps') {
      marks.push(tick(x(i, max), 0, 6, 'mark ideal'));
      continue;
    }
    // By either clock, when the line was due and when it was printed.
    marks.push(tick(xOf(store.ideal[i], max), 0, 6, 'mark ideal'));
    if (store.measured) marks.push(tick(xOf(store.real[i], max), height - 6, height, 'mark measured'));
  }
  lane.svg.setAttribute('height', height);
  // Running over ready, both over the rest.
  lane.svg.replaceChildren(...bars, ...bands, ...brief.ready, ...brief.running, ...marks);
  if (lane.levels !== depth + 1) {
    lane.levels = depth + 1;
    // (A row of one level is as tall as the style sheet makes it.)
    lane.row.style.height = lane.levels === 1 ? '' : `${rowHeight(lane.levels)}px`;
    rows.resized();
  }
}

// ----- the workers ---------------------------------------------------------------------------------

/** The parallelism scene's Web Workers, after the tasks: a row each, in a group of their own. */
const workerRows = $('worker-rows');
/** Per worker: {row, cells, svg}. */
let workerLanes = [];

function workerLane(part) {
  const cell = (className = '') => el('span', { role: 'cell', className });
  const cells = { now: cell('now'), steps: cell('num'), ran: cell('num'), waited: cell('num') };
  const lane = svg('svg', { class: 'lane-svg', 'aria-hidden': 'true', height: LEVEL });
  const row = el('div', { className: 'lane-row worker-row', role: 'row', data: { worker: String(part + 1) } },
    el('span', { role: 'rowheader', className: 'task' }, el('span', { className: 'name', textContent: `Worker ${part + 1}` }), ' ',
      el('span', { className: 'label', textContent: 'a thread of its own' })),
    cells.now, cells.steps, cells.ran, cells.waited, el('span', { role: 'cell', className: 'lane' }, lane));
  row.style.height = `${rowHeight(1)}px`;
  return { row, cells, svg: lane };
}

/** Draws the workers' rows: what each did and when, its bars by real time. */
function drawWorkers() {
  const workers = store.run ? store.workers ?? [] : [];
  if (workerLanes.length !== workers.length) {
    workerLanes = workers.map((_, part) => workerLane(part));
    workerRows.replaceChildren(...workerLanes.map((lane) => lane.row));
    workerRows.hidden = workers.length === 0;
    rows.extra = workers.length;
  }
  if (workers.length === 0) return;
  const max = axisMax();
  const now = workersNow();
  workers.forEach((worker, part) => {
    const { row, cells, svg: lane } = workerLanes[part];
    if (row.dataset.state !== worker.state) row.dataset.state = worker.state;
    // Given its part, a worker counts at once: it says when it began only at its end.
    const began = worker.began ?? worker.posted;
    const end = worker.ended ?? (worker.state === 'running' ? now : began);
    cells.now.textContent = {
      starting: worker.ready === null ? 'loading the core' : 'ready',
      running: 'counting',
      done: `counted ${worker.count?.toLocaleString('en')} primes`,
      failed: `failed: ${worker.error}`,
      stopped: 'stopped',
    }[worker.state];
    cells.steps.textContent = '—';
    cells.ran.textContent = began === null ? '—' : short(end - began);
    cells.waited.textContent = worker.began === null ? '—' : short(worker.began - worker.posted);
    // Bars by real time only: the workers have no loop, and no loop's clock.
    const bars = [];
    if (store.axis === 'real' && began !== null) {
      if (worker.began !== null) bars.push(band(xOf(worker.posted, max), xOf(worker.began, max), 0, 'span ready'));
      bars.push(band(xOf(began, max), xOf(end, max), 0, 'span running'));
    }
    lane.replaceChildren(...bars);
  });
}

// ----- the axis and the playhead ----------------------------------------------------------------

/** A round step for about `count` ticks over `max`. */
function tickStep(max, count) {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= raw) ?? raw;
}

function drawAxis() {
  if (!store.run) {
    axis.replaceChildren();
    return;
  }
  const max = axisMax();
  const step = tickStep(max, 5);
  const ticks = [];
  for (let at = 0; at <= max + step / 1000; at += step) {
    const pos = `${(at / max) * 100}%`;
    const text = store.axis === 'steps' ? `${Math.round(at)}` : at === 0 ? '0' : short(at);
    ticks.push(svg('line', { x1: pos, x2: pos, y1: 14, y2: 20, class: 'axis-tick' }));
    const label = svg('text', { x: pos, y: 11, class: 'tick-label', 'text-anchor': at === 0 ? 'start' : 'middle' });
    label.textContent = text;
    ticks.push(label);
  }
  axis.replaceChildren(...ticks);
}

function movePlayhead() {
  if (!store.run) return;
  const at = playheadX(axisMax()) / 100;
  // What has not happened yet at the shown moment is veiled: in a live run, and in replay.
  const atEnd = store.moment === null && !store.live && store.time === null;
  const veil = atEnd ? 0 : 1 - at;
  if (Math.abs(at - playhead) * lane.width < 0.5 && veil === veiled) return;
  playhead = at;
  veiled = veil;
  head.classList.toggle('live', store.live && store.moment === null);
  line.style.transform = `translateX(${at * lane.width}px)`;
  veilDiv.style.transform = `scaleX(${veil})`;
}

/** When the lanes' waited times were last brought up to now, in a live run. */
let waitedAt = 0;

/**
 * While the run goes on, the lanes in view say how long each task has waited up to now,
 * a few times a second, even when nothing happens (every task waits): marks them to be
 * filled again, and says whether it did.
 */
function waitedDue() {
  if (!store.live || store.moment !== null || performance.now() - waitedAt < 150) return false;
  waitedAt = performance.now();
  for (let task = rows.from; task < rows.to; task++) {
    if (lanes[task]?.cells) lanes[task].stale = true;
  }
  return true;
}

subscribe({
  update(changes) {
    if (!changed(changes) && store.workersState !== 'running') {
      movePlayhead();
      if (waitedDue()) fillRows();
      return;
    }
    if (changes.reset) {
      lanes = [];
      existing = 0;
      synced = 0;
      followed = false;
      rows.clear();
      unfitColumns(table, widths);
      playhead = -1;
      drawAxis();
    }
    // The workers' bars grow while they run, and the axis with them.
    if (store.workersState === 'running' || changes.workers || changes.reset) {
      drawWorkers();
      if (store.axis === 'real') {
        drawAxis();
        lanes.forEach((_, task) => markDirty(task));
      }
    }
    const { run } = store;
    if (!run) {
      // No run: no playhead, no veil, an empty box.
      fitBox();
      line.style.transform = veilDiv.style.transform = '';
      head.classList.remove('live');
      return;
    }
    // New lanes arrive a few hundred at a time, for as long as the frame has time, so
    // that a thousand tasks created at once never hold the page up for long.
    const count = run.taskCount;
    let added = false;
    // The frame that starts a run has enough to do: the lanes begin with the next.
    if (count > lanes.length && !changes.reset) {
      do {
        const more = [];
        const end = Math.min(count, lanes.length + ROWS_PER_FRAME);
        for (let task = lanes.length; task < end; task++) more.push(addLane(task));
        rows.add(more);
        // Once the run is over nothing else is drawn meanwhile: more at a time, as each
        // frame that adds rows costs the browser a pass over them all.
      } while (lanes.length < count && hasTime(store.live && !store.ending ? 1 : 4));
      added = true;
      if (lanes.length < count) again();
    } else if (count > lanes.length) {
      again();
    }
    for (const task of new Set(changes.spans)) markDirty(task);
    const rescale = changes.axis || (changes.state && !store.live);
    if (rescale) {
      drawAxis();
      lanes.forEach((_, task) => markDirty(task));
      drawWorkers();
    }
    if (changes.moment || changes.reset || changes.state || added) updateRows(changes.reset || changes.state);
    // The lanes of the tasks that exist at the shown moment, and the workers' after them.
    rows.place(existing);
    workerLanes.forEach((lane, part) => lane.row.setAttribute('aria-rowindex', String(existing + 2 + part)));
    waitedDue();
    fillRows();
    drawInView();
    // A lane that grew a level moves the ones below it.
    rows.place(existing);
    fitBox();
    movePlayhead();
  },
});

