// Progress while a run is live: lines printed, and time against the expected total.
// It is drawn outside the live status region, so screen readers hear state changes only.

import { store, subscribe } from '../store.js';
import { $, seconds } from '../util.js';
import { linesPrinted } from './log.js';

const box = $('progress-box');
let lastText = '';

subscribe({
  update() {
    const { run, live } = store;
    box.classList.toggle('idle', !live);
    if (!live || !run) return;
    const expected = run.idealTotalMs;
    const elapsed = performance.now() - store.startedAt;
    const value = expected > 0 ? Math.round(Math.min(1, elapsed / expected) * 500) / 500 : 1;
    if ($('progress').value !== value) $('progress').value = value;
    const text = `${linesPrinted()} of ${run.idealLines} lines, `
      + `${seconds(Math.round(elapsed / 100) * 100)} of ${seconds(expected)}`;
    if (text !== lastText) $('progress-text').textContent = lastText = text;
  },
});
