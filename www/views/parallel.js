// The parallelism card's job: the primes below a limit counted in parts, first by as many
// tasks on the page's one loop (a run like any other, on the timeline), then by as many
// Web Workers at once (their bars join the timeline, by real time). The two wall times
// are measured and set side by side, with the cores the device reports.

import { checkParts, names, startPrimes, workerCore } from '../core.js';
import { drawn, ended, setAxis, setWorkers, show, store, subscribe } from '../store.js';
import { startWorkers } from '../workers.js';
import { $, el } from '../util.js';

const LIMITS = [1_000_000, 5_000_000, 10_000_000];
const DEFAULT_LIMIT = 5_000_000;
/** The cores the browser reports (it may round them, or hide them: 1 then). */
const cores = () => Math.max(1, navigator.hardwareConcurrency || 1);
const coresText = () => `${cores()} core${cores() === 1 ? '' : 's'}`;
/** As many parts as cores, two at least, sixteen at most. */
const defaultParts = () => Math.min(16, Math.max(2, cores()));

/** The job going on, if any: its run and its workers' `stop`. */
let job = null;
/** Called whenever the page's state may have changed (a run started, workers ended). */
let onChange = () => {};
const number = (n) => n.toLocaleString('en');
const duration = (ms) => `${number(Math.round(ms))} ms`;

/** The card's controls and result: built anew each time the card opens. */
export function parallelPanel() {
  const limit = el('select', { id: 'primes-limit' }, ...LIMITS.map((n) => new Option(number(n), String(n), false, n === DEFAULT_LIMIT)));
  const parts = el('input', { id: 'primes-parts', type: 'text', inputMode: 'numeric', autocomplete: 'off', value: String(defaultParts()) });
  parts.setAttribute('aria-describedby', 'parts-error');
  const run = el('button', { type: 'button', id: 'run-parallel' });
  const error = el('p', { id: 'parts-error', className: 'field-error' });
  error.setAttribute('aria-live', 'polite');
  const label = () => {
    const problem = checkParts(parts.value);
    error.textContent = problem ?? '';
    parts.setAttribute('aria-invalid', String(Boolean(problem)));
    run.disabled = Boolean(problem);
    const n = problem ? 'N' : String(Number(parts.value));
    run.textContent = `Run on one loop, then on ${n} workers`;
  };
  parts.addEventListener('input', label);
  run.addEventListener('click', () => runParallel());
  label();
  const result = el('p', { id: 'parallel-result', className: 'parallel-result' });
  result.setAttribute('aria-live', 'polite');
  drawResult(result);
  return el('div', { className: 'parallel' },
    el('p', { className: 'parallel-controls' },
      el('label', {}, 'Count the primes below ', limit), ' ',
      el('label', {}, 'in ', parts, ' parts'), ' ', run),
    error,
    el('p', { className: 'hint', textContent: `This device reports ${coresText()} `
      + '(navigator.hardwareConcurrency): the workers can go about that many times faster, no more.' }),
    result);
}

/** What the two runs took, once known: `loop` and `workers` are {ms, count}. */
let outcome = null;

function drawResult(box = $('parallel-result')) {
  if (!box) return;
  const data = box.dataset;
  for (const key of Object.keys(data)) delete data[key];
  if (!outcome) {
    box.textContent = '';
    return;
  }
  const { parts, loop, workers, state, error } = outcome;
  const lines = [];
  if (loop) lines.push(`One loop, ${parts} tasks taking turns: ${duration(loop.ms)} (${number(loop.count)} primes).`);
  if (state === 'running' && loop) lines.push(`Now ${parts} workers, at once…`);
  if (workers) {
    const speedup = loop.ms / workers.ms;
    lines.push(`${parts} workers at once: ${duration(workers.ms)} (${number(workers.count)} primes), `
      + `${speedup.toFixed(2)} times as fast, on a device that reports ${coresText()}. `
      + `(Starting them took ${duration(workers.startMs)}, while the loop ran.)`);
    Object.assign(data, { workersMs: String(workers.ms), speedup: String(speedup), workersCount: String(workers.count) });
  }
  if (error) lines.push(error);
  if (loop) Object.assign(data, { loopMs: String(loop.ms), loopCount: String(loop.count) });
  Object.assign(data, { state, parts: String(parts), cores: String(cores()) });
  box.replaceChildren(...lines.flatMap((line, i) => (i ? [el('br'), line] : [line])));
}

/** How long the loop's run took, from main()'s first step to its last event, and its count. */
function loopOutcome(run) {
  const n = run.sync();
  const kinds = run.kinds(0, n);
  const args = run.args(0, n);
  let last = '';
  for (let i = n - 1; i >= 0; i--) {
    if (kinds[i] === names.kinds.printed) {
      last = run.line(args[i]);
      break;
    }
  }
  return { ms: run.realMs(n - 1, n)[0], count: Number.parseInt(last, 10) };
}

/**
 * Runs the job: on one loop, then on workers. Parts and limit come from the card's
 * fields, or the defaults if the card is not shown.
 */
export async function runParallel() {
  stopJob();
  const limit = Number($('primes-limit')?.value ?? DEFAULT_LIMIT);
  const partsText = $('primes-parts')?.value ?? String(defaultParts());
  let run;
  try {
    run = startPrimes(limit, partsText);
  } catch (error) {
    outcome = null;
    drawResult();
    const box = $('parts-error');
    if (box) box.textContent = error.message;
    return;
  }
  const parts = Number(partsText);
  outcome = { run, parts, loop: null, workers: null, state: 'running', error: null };
  drawResult();
  // The workers load the core while the loop counts, so that what is compared is the
  // counting: the loop's turns against the workers' parts at once.
  const { core, module } = workerCore();
  const workers = startWorkers({ core, module, parts });
  const started = performance.now();
  job = { run, workers, counting: false };
  // The work takes no time on the loop's clock: the timeline shows it by real time.
  const real = document.querySelector('input[name=axis][value=real]');
  if (real) real.checked = true;
  setAxis('real');
  show(run, { live: true });
  onChange();
  const state = await run.done;
  if (store.run !== run) return;
  if (state !== 'done') {
    ended();
    stopJob();
    outcome.state = 'stopped';
    drawResult();
    return;
  }
  // From the page's view the job goes on: the workers' rows come in as the loop's end
  // is drawn, and the page stays running.
  setWorkers(workers.entries, 'running');
  ended();
  outcome.loop = loopOutcome(run);
  drawResult();
  // The workers start counting once the page has drawn the loop's run: its own work
  // would take a core from them.
  await drawn();
  if (store.run !== run) return;
  job.counting = true;
  const how = await workers.count(limit, (entries) => {
    if (store.run === run) setWorkers(entries, 'running');
  });
  if (job?.run === run) job = null;
  if (store.run !== run) return;
  const last = workers.entries;
  outcome.state = how;
  if (how === 'done') {
    const posted = Math.min(...last.map((w) => w.posted));
    const finished = Math.max(...last.map((w) => w.ended));
    const ready = Math.max(...last.map((w) => w.ready));
    outcome.workers = { ms: finished - posted, count: last.reduce((sum, w) => sum + w.count, 0), startMs: ready - started };
  } else if (how === 'failed') {
    const failed = last.find((w) => w.state === 'failed');
    outcome.error = `Worker ${failed.part + 1} failed: ${failed.error}. The others were stopped.`;
  } else {
    outcome.error = 'Stopped: the workers were ended where they stood.';
  }
  setWorkers(last, how);
  drawResult();
  onChange();
}

/** Ends the job going on, if any: its run and its workers. */
function stopJob() {
  if (!job) return;
  job.workers.stop();
  job = null;
}

/** Stop, while the workers count: ends them, at once. Returns whether it did. */
export function stopWorkers() {
  if (!job?.counting) return false;
  job.workers.stop();
  setWorkers(job.workers.entries, 'stopped');
  return true;
}

/** Wires the panel to the page: `changed` when the page's state may have changed. */
export function initParallel({ changed }) {
  onChange = changed;
  // Another run replaces this one: its workers end, and its result goes.
  subscribe({
    update(changes) {
      if (!changes.reset) return;
      if (job && store.run !== job.run) stopJob();
      if (outcome && store.run !== outcome.run) {
        outcome = null;
        drawResult();
      }
    },
  });
}
