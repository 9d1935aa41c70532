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

/** The same calls as a program of the editor's, interpreted by the core on its loop. */
const interpretedSource = (n, delay) => `import asyncio

async def say_after(delay, what, printed):
    await asyncio.sleep(delay)
    printed.append(what)

async def main():
    printed = []
    await asyncio.gather(*(say_after(${delay}, str(i), printed) for i in range(${n})))

asyncio.run(main())
`;

let python = null;

/**
 * What the page does when Run is pressed on code: foresee its run on the virtual clock
 * (unless the editor did already, once typing paused: `foreseen`), then run it for real.
 */
window.interpretedGather = async (n, delay, foreseen = false) => {
  python ??= await import('../www/pkg-py/asyncio_playground.js').then(async (m) => { await m.default(); return m; });
  const code = new python.Code(interpretedSource(n, delay));
  if (foreseen) python.Run.simulateCode(code).free();
  const began = performance.now();
  const run = python.Run.fromCode(code);
  const state = await run.done;
  const ms = performance.now() - began;
  const error = run.error;
  run.free();
  code.free();
  return { ms, state, error };
};

window.plainGather = async (n, delay) => {
  const printed = [];
  const began = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => sleep(delay).then(() => printed.push(String(i)))));
  return { ms: performance.now() - began, state: printed.length === n ? 'done' : 'short' };
};

await init();
document.body.dataset.state = 'idle';
