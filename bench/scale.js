// Core at scale, for the benchmark: n concurrent say_after(delay) calls under gather,
// on the playground's loop (trace on, as always) and, in the same page, as the plain
// JavaScript one would write: Promise.all of setTimeout sleeps. Each resolves to the
// ms from start to the last line.

import init, { Run } from '../www/pkg/asyncio_playground.js';

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

window.playgroundGather = async (n, delay) => {
  const began = performance.now();
  const run = Run.many(n, delay);
  const state = await run.done;
  const ms = performance.now() - began;
  run.free();
  return { ms, state };
};

window.plainGather = async (n, delay) => {
  const printed = [];
  const began = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => sleep(delay).then(() => printed.push(String(i)))));
  return { ms: performance.now() - began, state: printed.length === n ? 'done' : 'short' };
};

await init();
document.body.dataset.state = 'idle';
