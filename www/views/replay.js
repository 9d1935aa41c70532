// Replay: a slider over the run's events, with buttons and keys to step through them
// one event or one moment in time at a time. The log, the lanes, the loop panel and
// the code all follow the shown moment; the run itself is never run again.

import { formatMs } from '../core.js';
import { changed, seek, shownAt, store, subscribe } from '../store.js';
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

for (const button of buttons) button.addEventListener('click', () => seek(moves[button.id]()));
// (Off while a run is live, and deaf then too: a scripted drag does nothing either.)
scrubber.addEventListener('input', () => {
  if (!store.live) seek(Number(scrubber.value));
});
scrubber.addEventListener('keydown', (event) => {
  const key = event.shiftKey ? `Shift+${event.key}` : event.key;
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
  if (store.time !== null) {
    return `At ${formatMs(store.time)}, after event ${m} of ${n}: ${m === 0 ? 'nothing has happened yet' : run.describe(m - 1)}.`;
  }
  if (m === 0) return `Before anything: the loop has ${n} events to replay.`;
  return `Event ${m} of ${n}, at ${formatMs(store.ideal[m - 1])}: ${run.describe(m - 1)}.`;
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
    scrubber.max = String(store.n);
    scrubber.value = String(shownAt());
    // The slider says the whole moment, so stepping with its keys reads it out.
    const sentence = describe();
    scrubber.setAttribute('aria-valuetext', ready ? sentence : 'no run to replay');
    if (text.textContent !== sentence) text.textContent = sentence;
  },
});
