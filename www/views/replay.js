// Replay: a slider over the run's events, with buttons and keys to step through them
// one event or one moment in time at a time. The log, the lanes, the loop panel and
// the code all follow the shown moment; the run itself is never run again.

import { formatMs } from '../core.js';
import { changed, linesOfRun, seek, seekLine, shownAt, store, subscribe } from '../store.js';
import { $ } from '../util.js';

const scrubber = $('scrubber');
const text = $('moment-text');
const buttons = ['to-start', 'back-time', 'back-event', 'forward-event', 'forward-time', 'to-end'].map($);

/** The moment one distinct ideal time before (-1) or after (+1) the shown one. */
function byTime(direction) {
  const { ideal, n } = store;
  let m = shownAt();
  if (direction > 0) {
    if (m >= n) return n;
    const now = ideal[m];
    while (m < n && ideal[m] === now) m++;
    return m;
  }
  if (m === 0) return 0;
  // Back to the first event of the previous time, then after all of that time's events.
  const now = ideal[m - 1];
  while (m > 0 && ideal[m - 1] === now) m--;
  if (m === 0) return 0;
  const before = ideal[m - 1];
  while (m > 0 && ideal[m - 1] === before) m--;
  while (m < n && ideal[m] === before) m++;
  return m;
}

const moves = {
  'to-start': () => 0,
  'back-time': () => byTime(-1),
  'back-event': () => shownAt() - 1,
  'forward-event': () => shownAt() + 1,
  'forward-time': () => byTime(1),
  'to-end': () => store.n,
};

const byLine = $('by-line');
/** The most lines a run may begin for the replay to step through them one by one. */
const MOST_LINES = 200_000;

/** Whether ◀ ▶ and ← → step by line now. */
const steppingLines = () => byLine.checked && !byLine.disabled;

/** The line begun one before (-1) or after (+1) the shown one; from a moment between
 * lines, the first line at or after it. */
function stepLine(direction) {
  const lines = linesOfRun();
  const count = lines.length / 3;
  if (store.line !== null) return seekLine(store.line + direction);
  const at = shownAt();
  let k = 0;
  while (k < count && lines[3 * k] < at) k++;
  seekLine(direction < 0 ? k - 1 : k);
}

for (const button of buttons) {
  button.addEventListener('click', () => {
    if (steppingLines() && (button.id === 'back-event' || button.id === 'forward-event')) {
      stepLine(button.id === 'back-event' ? -1 : 1);
    } else {
      seek(moves[button.id]());
    }
  });
}

/** Turns stepping by line on or off (for a run of a program of the editor's). */
export function setByLine(on) {
  byLine.checked = on;
  const python = store.run && !store.live && typeof store.run.linesRun === 'function' && store.run.hasProgram;
  if (!on || !python) {
    byLine.checked = false;
    if (store.line !== null) seek(shownAt());
    return;
  }
  // (The lines are worked out now, by running the program again: once per run.)
  const count = linesOfRun().length / 3;
  if (count === 0 || count >= MOST_LINES) {
    byLine.checked = false;
    $('by-line-note').textContent = store.linesError || (count === 0 ? 'This run begins no line of Python.'
      : `This run begins ${MOST_LINES} lines or more, too many to step through one by one: step by events.`);
    return;
  }
  $('by-line-note').textContent = `◀ ▶ and ← → move one of its ${count} lines, of whichever task runs, as Python runs them.`;
  if (store.line === null) stepLine(1);
}
byLine.addEventListener('change', () => setByLine(byLine.checked));
// (Off while a run is live, and deaf then too: a scripted drag does nothing either.)
scrubber.addEventListener('input', () => {
  if (!store.live) seek(Number(scrubber.value));
});
scrubber.addEventListener('keydown', (event) => {
  const key = event.shiftKey ? `Shift+${event.key}` : event.key;
  if (steppingLines() && ['ArrowLeft', 'ArrowRight', 'ArrowDown', 'ArrowUp'].includes(key)) {
    event.preventDefault();
    stepLine(key === 'ArrowLeft' || key === 'ArrowDown' ? -1 : 1);
    return;
  }
  const move = {
    'Shift+ArrowLeft': 'back-time', 'Shift+ArrowDown': 'back-time', PageDown: 'back-time',
    'Shift+ArrowRight': 'forward-time', 'Shift+ArrowUp': 'forward-time', PageUp: 'forward-time',
  }[key];
  if (!move) return;
  event.preventDefault();
  seek(moves[move]());
});

function describe() {
  const { run, n } = store;
  const m = shownAt();
  if (!run) return 'Run the program, then step through what the loop did.';
  if (store.live && store.moment === null) return 'Running: replay opens when the run is over.';
  if (store.line !== null) {
    const lines = linesOfRun();
    const [at, task, line] = lines.slice(3 * store.line, 3 * store.line + 3);
    const who = task === 0 ? 'the module’s code' : run.taskName(task - 1);
    return `Line ${store.line + 1} of ${lines.length / 3} run: ${who} begins line ${line}, after event ${at} of ${n}`
      + (at > 0 ? `, at ${formatMs(store.ideal[at - 1])}.` : '.');
  }
  if (store.time !== null) {
    return `At ${formatMs(store.time)}, after event ${m} of ${n}: ${m === 0 ? 'nothing has happened yet' : run.describe(m - 1)}.`;
  }
  if (m === 0) return `Before anything: the loop has ${n} events to replay.`;
  return `Event ${m} of ${n}, at ${formatMs(store.ideal[m - 1])}: ${run.describe(m - 1)}.`;
}

/** Stepping by line is for a finished run of a program of the editor's, not too long. */
function lineMode(ready) {
  const python = ready && typeof store.run.linesRun === 'function' && store.run.hasProgram;
  const note = $('by-line-note');
  if (!python) {
    byLine.disabled = true;
    note.textContent = store.run && !store.live ? 'For Python run from the editor.' : 'Once a run is over.';
    return;
  }
  byLine.disabled = false;
  if (store.line === null) {
    byLine.checked = false;
    note.textContent = '◀ ▶ and ← → move one line of whichever task runs, as Python runs them.';
  }
}

subscribe({
  update(changes) {
    if (!changed(changes)) return;
    if (!(changes.reset || changes.moment || changes.state || changes.to > changes.from)) return;
    // While a run is live the slider is off and says so: nothing to redraw per frame.
    if (store.live && !changes.reset && !changes.state) return;
    const ready = Boolean(store.run) && !store.live;
    scrubber.disabled = !ready;
    for (const button of buttons) button.disabled = !ready;
    if (changes.reset || changes.state) lineMode(ready);
    scrubber.max = String(store.n);
    scrubber.value = String(shownAt());
    // The slider says the whole moment, so stepping with its keys reads it out.
    const sentence = describe();
    scrubber.setAttribute('aria-valuetext', ready ? sentence : 'no run to replay');
    if (text.textContent !== sentence) text.textContent = sentence;
  },
});
