// Progress while a run is live: lines printed, and time against the expected total
// (or, for a run that never waits, steps against the expected number).
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
    // A run that never waits (the parallelism scene's) takes no time on the loop's
    // clock: its progress is in steps.
    const byTime = expected > 0 || !run.idealSteps;
    const done = byTime ? (expected > 0 ? elapsed / expected : 1) : store.steps / run.idealSteps;
    const value = Math.round(Math.min(1, done) * 500) / 500;
    if ($('progress').value !== value) $('progress').value = value;
    const text = `${linesPrinted()} of ${run.idealLines} lines, ` + (byTime
      ? `${seconds(Math.round(elapsed / 100) * 100)} of ${seconds(expected)}`
      : `${store.steps.toLocaleString('en')} of ${run.idealSteps.toLocaleString('en')} steps`);
    if (text !== lastText) $('progress-text').textContent = lastText = text;
  },
});
