// The log: one row per printed line, with the task that printed it, when it printed
// (measured), when it was due (ideal) and the drift between the two; between them, a
// row for each thing the learner should notice that printed nothing: Stop, a task
// cancelled from the timeline, a step that blocked the loop. In replay it holds only
// the rows up to the shown moment.

import { names } from '../core.js';
import { again, changed, hasTime, runOrigin, store, subscribe } from '../store.js';
import { Rows } from '../rows.js';
import { $, el, fitColumns, ms, round3, signedMs, unfitColumns } from '../util.js';

const log = $('log');
const box = log.closest('.log-box');
const table = log.closest('[role=table]');
/** The widest cell of each column so far (see fitColumns): the columns are as wide. */
const widths = {};
/** A row's height in px; the CSS draws rows this tall. */
const ROW = 28;
box.style.setProperty('--row', `${ROW}px`);
/** Every line's row so far: the log holds the first `shown`. */
const rows = new Rows(box, log, () => ROW, log.closest('[role=table]'));
/** The event each row stands for, in the same order. */
let rowEvents = [];
/** How many of the rows are printed lines. */
let lines = 0;
let shown = 0;
let firstMarked = false;
/** Whether the newest line is in view, so that new lines keep it there. */
let following = true;
rows.onMove = () => {
  following = rows.top + rows.view >= rows.offset(shown) - ROW;
  again();
};

/** Fills in a row's cells, the first time it is in view. */
function build(row, event) {
  const { measured, run } = store;
  const { text, task, idealMs, atMs } = row.dataset;
  const [ideal, real] = [Number(idealMs), Number(atMs)];
  const cell = (textContent, className = '') => el('span', { role: 'cell', textContent, className });
  row.append(
    el('span', { role: 'rowheader', textContent: text ?? run.describe(event), className: 'text' }),
    cell(task ? run.taskName(Number(task) - 1) : '—', 'by'),
    cell(measured ? ms(real) : '—'),
    cell(ms(ideal)),
    cell(measured ? signedMs(real - ideal) : '—'),
  );
}

/** What a row that is not a printed line notes, by event kind (see the README). */
let notes = null;

/** Whether event `i` gets a row of its own, and of which kind: a line, or a note. */
function rowKind(i) {
  const kinds = names.kinds;
  notes ??= new Map([[kinds.interrupted, 'stop'], [kinds.blocked, 'blocked'], [kinds.cancelRequested, 'cancel']]);
  const kind = store.kind[i];
  if (kind === kinds.printed) return 'line';
  // Only the cancellations the learner asked for from the timeline are notes.
  if (kind === kinds.cancelRequested && store.arg[i] !== names.byPage) return null;
  return notes.get(kind) ?? null;
}

/** A row per line printed or note among events [from, to): bare (its data) until in view. */
function addRows(from, to) {
  const added = [];
  for (let i = from; i < to; i++) {
    const kind = rowKind(i);
    if (!kind) continue;
    const data = { idealMs: round3(store.ideal[i]) };
    if (store.task[i] !== names.none) data.task = String(store.task[i] + 1);
    if (store.measured) data.atMs = round3(store.real[i]);
    let title;
    if (kind === 'line') {
      data.text = title = store.run.line(store.arg[i]);
      lines += 1;
    } else {
      data.note = kind;
      title = store.run.describe(i);
    }
    added.push(el('div', { className: kind === 'line' ? 'log-row' : 'log-row note', role: 'row', title, data }));
    rowEvents.push(i);
  }
  rows.add(added);
}

/** How many rows stand for events before the `n`-th. */
function rowsBefore(n) {
  let [low, high] = [0, rowEvents.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rowEvents[mid] < n) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether the log should scroll to its newest line at the start of the next frame. */
let scrollPending = false;

function showRows(wanted) {
  const count = Math.min(wanted, rows.length);
  if (scrollPending) {
    // First thing in the frame, while the layout is still the one just drawn, so the
    // browser need not lay the page out twice.
    scrollPending = false;
    rows.toEnd(shown);
  }
  if (count > shown && following) {
    scrollPending = true;
    again();
  }
  if (lines > 0 && store.live && !firstMarked) {
    // For tools: when the page first showed a printed line (see the README).
    firstMarked = true;
    performance.mark('first-line');
  }
  shown = count;
  rows.place(count);
  // The newest lines first: they are the ones a learner is reading.
  for (let i = rows.to - 1; i >= rows.from; i--) {
    if (rows.rows[i].firstChild) continue;
    if (!hasTime()) {
      again();
      break;
    }
    build(rows.rows[i], rowEvents[i]);
  }
  // No text or time in view is cut: a column is as wide as its widest cell, and the
  // box scrolls sideways if the table is wider.
  fitColumns(table, rows.rows.slice(rows.from, rows.to).flatMap((row) => [...row.children].map((cell, k) => [k, cell])), widths);
}

// ----- a hidden tab ------------------------------------------------------------------------
//
// Browsers hold back the timers of a tab that is not shown (Firefox at once, Chromium
// after a while), so lines print late; the loop still takes the same steps in the same
// order. The page says so when it happened.

/** While the shown run was live, when the tab was hidden and shown again (page clock). */
let hidden = [];
document.addEventListener('visibilitychange', () => {
  if (!store.live) return;
  const now = performance.now();
  if (document.visibilityState === 'hidden') hidden.push([now, Infinity]);
  else if (hidden.length) hidden[hidden.length - 1][1] = now;
});

/** How late lines printed while the tab was hidden (or just after), once the run is over. */
function showThrottled() {
  const note = $('throttled');
  const spans = hidden.map(([from, to]) => [from - runOrigin(), to - runOrigin() + 100]);
  let late = 0;
  let count = 0;
  if (store.measured && !store.live && spans.length) {
    for (const events of store.printedBy) {
      for (const i of events ?? []) {
        const drift = store.real[i] - store.ideal[i];
        if (drift > 20 && spans.some(([from, to]) => store.real[i] >= from && store.real[i] <= to)) {
          late = Math.max(late, drift);
          count += 1;
        }
      }
    }
  }
  note.hidden = count === 0;
  note.dataset.lateMs = count ? String(round3(late)) : '';
  note.textContent = count === 0 ? '' : `The tab was hidden during the run, and the browser held its timers back: `
    + `${count} ${count === 1 ? 'line' : 'lines'} printed up to ${ms(late)} late. `
    + 'The loop still took the same steps in the same order, so the lines came out in the order they would have.';
}

function showTotal() {
  const total = $('total');
  // The last printed line's times, not a note's.
  const last = rows.rows.findLast((row) => row.dataset.text !== undefined);
  const finished = Boolean(store.run && !store.live && store.moment === null && last && store.measured);
  total.hidden = !finished;
  rows.extra = finished ? 1 : 0;
  rows.place(shown);
  if (!finished) return;
  total.setAttribute('aria-rowindex', String(shown + 2));
  const at = Number(last.dataset.atMs);
  const ideal = Number(last.dataset.idealMs);
  const [, , elapsedCell, idealCell, driftCell] = total.children;
  elapsedCell.textContent = ms(at);
  idealCell.textContent = ms(ideal);
  driftCell.textContent = signedMs(at - ideal);
  fitColumns(table, [...total.children].map((cell, k) => [k, cell]), widths);
}

subscribe({
  update(changes) {
    if (!changed(changes)) return;
    if (changes.reset) {
      hidden = document.visibilityState === 'hidden' && store.live ? [[performance.now(), Infinity]] : [];
      rows.clear();
      unfitColumns(table, widths);
      rowEvents = [];
      lines = 0;
      shown = 0;
      following = true;
    }
    // New lines are announced while the run is live, not while replaying or scrolling.
    box.setAttribute('aria-live', store.live ? 'polite' : 'off');
    if (!store.run) return;
    if (changes.to > changes.from) addRows(changes.from, changes.to);
    showRows(store.moment === null ? rows.length : rowsBefore(store.moment));
    if (changes.state || changes.moment) {
      showTotal();
      showThrottled();
    }
  },
});

/** How many lines the run printed so far. */
export const linesPrinted = () => lines;
