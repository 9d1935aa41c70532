// One Web Worker of the parallelism scene: a thread of its own that loads the page's
// WebAssembly core (the module the page compiled, handed over, or fetched if there is
// none), then counts the primes of its part of the job at once, without taking turns
// with anything, and says how many it found and when it began and ended (ms since the
// epoch, a clock every thread of the page shares).

// First message: which core to load; the worker says when it is ready. Second: its part.
let wasm = null;

self.onmessage = async ({ data }) => {
  try {
    if (!wasm) {
      const { core, module } = data;
      wasm = await import(core === 'py' ? './pkg-py/asyncio_playground.js' : './pkg/asyncio_playground.js');
      await wasm.default(module ? { module_or_path: module } : undefined);
      self.postMessage({ ready: true });
      return;
    }
    const { limit, parts, part } = data;
    const began = performance.timeOrigin + performance.now();
    const count = wasm.countPrimes(limit, parts, part);
    const ended = performance.timeOrigin + performance.now();
    self.postMessage({ count, began, ended });
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
