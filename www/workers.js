// The parallelism scene's Web Workers: one per part of the job, each a thread that
// loads the page's core (see worker.js). They are started first, so that they load it
// while the loop runs its share of the comparison; then each is given its part, all at
// once, and reports when it began and ended and what it counted. A worker that fails,
// or does not answer in time, is reported and ends the job; every worker is terminated
// once the job is over, however it ended.

import { scriptURL } from './trusted.js';

/** How long the workers may take to load and count, in ms, before the job fails. */
const ANSWER_WITHIN_MS = 60_000;

/**
 * Starts `parts` workers on the core `core` ('pkg' or 'py'; `module`: its compiled
 * WebAssembly, if the page has it). Returns their `entries`, `count(limit, onUpdate)`,
 * which gives each its part of the primes below `limit` once they are all ready, and
 * `stop()`. Counting resolves to 'done', 'failed' or 'stopped'; `onUpdate(workers)`
 * hears of every change: per part its `state` ('starting', 'running' once given its
 * part, 'done', 'failed', or 'stopped' when the job ended before it did) and, in ms on
 * this page's clock (`performance.now()`), when it was `ready`, when its part was
 * `posted`, when it `began` and `ended` counting (or was stopped), and its `count` or its
 * `error`.
 */
export function startWorkers({ core, module, parts }) {
  const entries = Array.from({ length: parts }, (_, part) => (
    { part, state: 'starting', ready: null, posted: null, began: null, ended: null, count: null, error: null }));
  const workers = [];
  let over = false;
  let timer = 0;
  let report = () => {};
  let settle;
  const done = new Promise((resolve) => { settle = resolve; });
  let counting = null;
  // Ends the job: every worker goes, whatever it was doing; those that had not
  // finished are marked stopped there and then.
  const end = (outcome) => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    for (const worker of workers) worker.terminate();
    const now = performance.now();
    for (const entry of entries) {
      if (entry.state === 'starting' || entry.state === 'running') Object.assign(entry, { state: 'stopped', ended: now });
    }
    report(entries);
    settle(outcome);
  };
  const fail = (part, message) => {
    if (over) return;
    Object.assign(entries[part], { state: 'failed', error: message });
    end('failed');
  };
  // Their clock is the epoch's; the page's counts from its own origin.
  const local = (epochMs) => epochMs - performance.timeOrigin;
  /** Gives every worker its part, once all are ready and counting was asked for. */
  const post = () => {
    if (over || !counting || entries.some((entry) => entry.ready === null)) return;
    const { limit } = counting;
    workers.forEach((worker, part) => {
      Object.assign(entries[part], { state: 'running', posted: performance.now() });
      worker.postMessage({ limit, parts, part });
    });
    report(entries);
  };
  for (let part = 0; part < parts; part++) {
    let worker;
    try {
      worker = new Worker(scriptURL(new URL('./worker.js', import.meta.url)), { type: 'module' });
    } catch (error) {
      fail(part, `it could not start (${error.message})`);
      break;
    }
    workers.push(worker);
    worker.onmessage = ({ data }) => {
      if (over) return;
      if (data.error !== undefined) {
        fail(part, data.error);
      } else if (data.ready) {
        entries[part].ready = performance.now();
        post();
      } else {
        Object.assign(entries[part], { state: 'done', began: local(data.began), ended: local(data.ended), count: data.count });
        worker.terminate();
        if (entries.every((entry) => entry.state === 'done')) end('done');
        else report(entries);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(part, event.message || 'it failed to start');
    };
    worker.onmessageerror = () => fail(part, 'its answer could not be read');
    worker.postMessage({ core, module });
  }
  return {
    /** Every worker's entry, as `onUpdate` gets them. */
    entries,
    count(limit, onUpdate) {
      report = onUpdate;
      counting = { limit };
      report(entries);
      if (!over) {
        timer = setTimeout(() => {
          const late = entries.find((entry) => entry.state !== 'done');
          fail(late.part, `it did not answer within ${ANSWER_WITHIN_MS / 1000} s`);
        }, ANSWER_WITHIN_MS);
        post();
      }
      return done;
    },
    stop: () => end('stopped'),
  };
}
