// The one module that holds the WebAssembly core's objects, and frees them.
//
// Everything the page knows about programs, modes, limits and the trace's vocabulary
// comes from the core through here. Other modules get plain values, or borrow the
// current Program and Run, and never create or free either.

import * as firstCore from './pkg/asyncio_playground.js';

/** The core the page runs on: the first visit's, or for a code= link, the one with
 * the interpreter (it exports all the other does). */
let wasm = firstCore;

/** Names and limits the core defines, filled in by load(). */
export const names = {};

// ----- a core that fails -------------------------------------------------------------
//
// A panic in the core (a bug), or a trap (memory exhausted, the stack overflowed), stops
// its WebAssembly instance where it stood: it must not be called again. The page is
// told why (onFailure), stops drawing, and may start a fresh instance (renew).

/** The current instance of the core: its number (the first is 1), and why it failed. */
let instance = 1;
let failure = null;
const failureListeners = [];
/** A panic was announced: the trap that follows it is that panic, not news. */
let trapExpected = false;

/** Calls `listener(message)` when the current instance fails. */
export const onFailure = (listener) => failureListeners.push(listener);
/** Why the current instance failed, or null. */
export const coreFailure = () => failure;

function failed(message) {
  if (failure !== null) return;
  failure = message;
  queueMicrotask(() => failureListeners.forEach((listener) => listener(message)));
}

// Called by the core's panic hook (watchPanics), before the instance stops.
globalThis.corePanicked = (from, message) => {
  trapExpected = true;
  if (from === instance) failed(message);
};
// A trap, or the browser's own stack overflowing inside the core.
const stopsTheCore = (error) => error instanceof WebAssembly.RuntimeError
  || (error instanceof Error && /call stack size|too much recursion/.test(error.message));
const trapped = (error) => {
  if (!stopsTheCore(error)) return;
  if (trapExpected) {
    trapExpected = false;
    return;
  }
  failed(`${error.name}: ${error.message}`);
};
window.addEventListener('error', (event) => trapped(event.error));
window.addEventListener('unhandledrejection', (event) => trapped(event.reason));

/** Imports a fresh copy of the core's glue (`dir`: 'pkg' or 'pkg-py') and starts an
 * instance of it; `options`: its compiled wasm, if at hand. */
async function instantiate(dir, options) {
  // The first instance is the glue the page preloaded; each later one, a module of its own.
  const suffix = instance === 1 ? '' : `?instance=${instance}`;
  const glue = dir === 'pkg' && instance === 1 ? firstCore : await import(`./${dir}/asyncio_playground.js${suffix}`);
  // Compiled once: a fresh instance of it starts in a few milliseconds.
  if (options) modules.set(dir, options.module_or_path);
  if (!modules.has(dir)) {
    const url = new URL(`./${dir}/asyncio_playground_bg.wasm`, import.meta.url);
    modules.set(dir, await window.compileCore(url.href).catch(() => undefined));
  }
  const module = modules.get(dir);
  await glue.default(module ? { module_or_path: module } : undefined);
  glue.watchPanics(instance);
  baselines.set(glue, glue.wasmMemoryBytes());
  return glue;
}

/** Each build of the core ('pkg', 'pkg-py'), compiled. */
const modules = new Map();
/** Each instance's memory once it had started, in bytes. */
const baselines = new Map();
/** How far past its start an instance's memory may have grown before it is replaced. */
const GROWN = 8 << 20;

/** The loaded instances of the core. */
const instances = () => [...new Set([wasm, python])].filter((glue) => glue && baselines.has(glue));

/**
 * Whether a program made the core's memory grow far past its start (a wasm memory never
 * shrinks): the page then starts its next run on a fresh instance (renew).
 */
export const grown = () => instances().some((glue) => glue.wasmMemoryBytes() > baselines.get(glue) + GROWN);

/**
 * Replaces the current instance of the core with a fresh one, after a failure or once a
 * program made its memory grow far (see grown): the form's program and the learner's
 * code are made again in it, and no run is left (the page shows none). The old
 * instance's objects are forgotten, never freed: freeing them would call into it.
 */
export async function renew() {
  for (const object of [program, run, code, ...foresights]) object?.__destroy_into_raw();
  foresights.clear();
  program = run = code = foreseen = null;
  // (The old instances go with their glue: nothing may keep it.)
  baselines.clear();
  instance += 1;
  trapExpected = false;
  const withPython = python !== null;
  python = null;
  loadingPython = null;
  if (window.coreWithPython) {
    await loadPython();
    wasm = python;
  } else {
    wasm = await instantiate('pkg');
    if (withPython) await loadPython();
  }
  failure = null;
  if (programArgs) setProgram(...programArgs);
  if (codeArgs && python) setCode(...codeArgs);
}

// For the tests (tests/e2e.py), and only them: the next step of a live run panics, as a
// bug in the core would.
window.playgroundTests = {
  panicAtNextStep: () => instances().forEach((glue) => glue.panicAtNextStep()),
  /** The bytes of memory the core's instances hold now. */
  memoryBytes: () => instances().reduce((sum, glue) => sum + glue.wasmMemoryBytes(), 0),
  /** How far a program may make that grow before the next run gets a fresh core. */
  grownBytes: GROWN,
  /** The editor's colours for `text` (see highlight). */
  highlight: (text) => highlight(text),
};

/** Loads the core; throws if it cannot. */
export async function load() {
  // Compiled already if the page could start it early (index.html); else init fetches it.
  const module = await window.compilingCore?.catch(() => undefined);
  const options = module ? { module_or_path: module } : undefined;
  if (window.coreWithPython) {
    await loadPython(options);
    wasm = python;
  } else {
    wasm = await instantiate('pkg', options);
  }
  const modes = wasm.modeNames();
  const labels = wasm.modeLabels();
  const phrases = wasm.modePhrases();
  names.modes = modes.map((name, i) => ({ name, label: labels[i], phrase: phrases[i] }));
  names.maxCalls = wasm.maxCalls();
  names.kinds = Object.fromEntries(wasm.eventKinds().map((name, code) => [name, code]));
  names.states = wasm.taskStates();
  names.frameSpan = wasm.frameSpan();
  names.spanSize = wasm.spanSize();
  names.byPage = wasm.byPage();
  /** An absent task or index in an event's task or arg. */
  names.none = 0xFFFFFFFF;
}

export const checkDelay = (text) => wasm.checkDelay(text);
export const checkWord = (text) => wasm.checkWord(text);
export const checkRepeat = (text) => wasm.checkRepeat(text);
export const checkParts = (text) => wasm.checkParts(text);
export const formatMs = (ms) => wasm.formatMs(ms);

/** What a Web Worker loads to run the core's code: which core ('pkg' or 'py') and its
 * compiled module, if the page has it. */
export const workerCore = () => (window.coreWithPython
  ? { core: 'py', module: modules.get('pkg-py') }
  : { core: 'pkg', module: modules.get('pkg') });

/** A share link's query, read into plain values. */
export function readLink(search) {
  const link = new wasm.Link(search);
  try {
    return {
      mode: link.mode,
      delays: link.delays,
      words: link.words,
      repeat: link.repeat,
      autorun: link.autorun,
      at: link.at,
      event: link.event,
      lines: link.lines,
      code: link.code,
      cell: link.cell,
      tour: link.tour,
      embed: link.embed,
      notices: link.notices,
    };
  } finally {
    link.free();
  }
}

let program = null;
let run = null;
/** What the form's program and the learner's code were made from (see renew). */
let programArgs = null;
let codeArgs = null;
/** The learner's code (a Code of the interpreter's core), and whether it is the program. */
let code = null;
let usingCode = false;
/** The code's run on the virtual clock, being worked out or known (see foreseeCode):
 * a promise of what it does, for `code` only. */
let foreseen = null;
/** The core with the Python interpreter: loaded the first time the editor needs it. */
let python = null;
let loadingPython = null;

/**
 * Loads the core with the Python interpreter, once (`options`: its wasm, compiled
 * already); throws if it cannot (a later call tries again). A page that started on the
 * first visit's core keeps running the form's programs on it.
 */
export function loadPython(options) {
  loadingPython ??= (async () => {
    python = await instantiate('pkg-py', options);
    if (!pythonWarmed) {
      pythonWarmed = true;
      // When the page is idle, as warmUp is: not in the way of what loads or runs now.
      (window.requestIdleCallback ?? setTimeout)(warmPython);
    }
  })().catch((error) => {
    loadingPython = null;
    throw error;
  });
  return loadingPython;
}

export const pythonLoaded = () => python !== null;

/** The editor's colours for `text`, from the interpreter's own tokenizer: [start, end,
 * colour] per token (UTF-16 offsets; colour indexes colourNames()), or null while the
 * interpreter is not loaded. */
export const highlight = (text) => (python && failure === null ? python.highlight(text) : null);

let colourList = null;
/** The names of the colours highlight() gives. */
export const colourNames = () => (colourList ??= python.highlightColours());

/** Whether the interpreter's code was warmed up (see warmPython): once a page. */
let pythonWarmed = false;

/**
 * A little of everything plain Python does, for warmPython: calls, a loop, a method, a
 * dict, a string, a generator, tasks.
 */
const WARM_PYTHON = `import asyncio


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Tally:
    def __init__(self):
        self.counts = {}

    def add(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1


def squares(n):
    for i in range(n):
        yield i * i


async def main():
    tally, text, parts = Tally(), '', []
    for i in range(600):
        tally.add(i % 7)
        text += 'x'
        parts.append(str(i))
    total = sum(v for v in squares(100) if v % 2 == 0) + fib(12)
    ','.join(parts) + f'{total}'
    sorted(tally.counts.values())
    await asyncio.gather(*(asyncio.sleep(0) for _ in range(20)))


asyncio.run(main())
`;

/**
 * Runs WARM_PYTHON on the virtual clock once the interpreter has loaded, a piece at a
 * time, shown nowhere. A browser first compiles wasm quickly, and compiles the
 * functions that run often again, optimised, in the background (several times as
 * fast); a learner's first run then finds the interpreter's loop optimised already.
 * Given up if a run starts on the browser's loop meanwhile: its timers come first.
 */
function warmPython() {
  const from = instance;
  if (failure !== null || !python || (run && run.state === 'running')) return;
  const warm = new python.Code(WARM_PYTHON, false);
  foresee(warm, () => !(run && run.state === 'running'))
    .then((ideal) => {
      if (from === instance && failure === null) ideal?.free();
    })
    .catch(() => {})
    .finally(() => {
      if (from === instance && failure === null) warm.free();
    });
}

/**
 * Makes the form's fields the form's program. Returns null if they are valid, else
 * the core's message naming what is wrong (and the form has no program then).
 */
export function setProgram(mode, delays, words, repeat) {
  program?.free();
  program = null;
  changes += 1;
  programArgs = [mode, delays, words, repeat];
  try {
    program = new wasm.Program(mode, delays, words, repeat);
    return null;
  } catch (error) {
    return error.message;
  }
}

/** Forgets the form's program: the form is not valid. */
export function clearProgram() {
  changes += 1;
  program?.free();
  program = null;
  programArgs = null;
}

/**
 * Reads the learner's code (the interpreter must be loaded), as a script or as a
 * notebook cell (`cell`). Returns why it cannot run, and where ([line, column, end line,
 * end column], from 1), or null if it can.
 */
export function setCode(source, cell) {
  foreseen = null;
  changes += 1;
  codeArgs = [source, cell];
  code?.free();
  code = new python.Code(source, cell);
  const error = code.error;
  return error === undefined ? null : { message: error, place: [...code.errorPlace()] };
}

/** Makes the learner's code the program (true) or the form's (false). */
export function useCode(use) {
  usingCode = use;
  changes += 1;
}

/** How many times the program may have changed (see setProgram, setCode, useCode). */
let changes = 0;
/** Each run's program, as the page knows it: whether it was the learner's code, as a
 * notebook cell, its text, and `changes` when that was last the current program's. */
const origins = new WeakMap();

function noteOrigin(next) {
  const source = currentProgram();
  origins.set(next, { code: usingCode, cell: codeIsCell(), text: source?.python() ?? null, changes });
}

/** Where the current run came from: {code, cell} (the form's program has code false). */
export const runOrigin = () => (run ? origins.get(run) ?? null : null);

/**
 * Whether the current run is a run of the current program: false once the learner has
 * changed the program since (or it cannot run as it is now).
 */
export function runIsOfProgram() {
  const origin = runOrigin();
  if (!origin) return true;
  if (origin.changes === changes) return true;
  const source = currentProgram();
  if (!source || source.python() !== origin.text || origin.cell !== codeIsCell()) return false;
  origin.changes = changes;
  return true;
}

export const codeInUse = () => usingCode;

/** Whether the program is the learner's code run as a notebook cell. */
export const codeIsCell = () => usingCode && Boolean(codeArgs?.[1]);

/**
 * The current valid program, if any: the form's or the learner's code, borrowed,
 * never to be freed by the caller. Both have python() and shareQuery().
 */
export const currentProgram = () => (usingCode ? (code && code.error === undefined ? code : null) : program);

/** The current run, live or finished, if any: borrowed like the program. */
export const currentRun = () => run;

/**
 * Starts the current program on the browser's loop, replacing any earlier run; for the
 * learner's code, once its run has been foreseen (at once if it was already). Resolves
 * to the run, or null if there is no valid program by then. Whatever is the program
 * when the foresight is over is what runs.
 */
export async function startRun() {
  // Foreseen first: the run needs its ideal totals, and the editor's expected line too.
  while (usingCode && code && code.error === undefined) {
    const foreseeing = code;
    await foreseeCode();
    if (foreseeing === code) break;
  }
  if (!currentProgram() || failure !== null) return null;
  dropRun();
  run = usingCode ? python.Run.fromCode(code) : new wasm.Run(program);
  noteOrigin(run);
  return run;
}

/**
 * Starts the parallelism scene's job on the browser's loop, the primes below `limit`
 * counted by `parts` tasks (as typed), replacing any earlier run. Throws, saying why,
 * if they are out of bounds.
 */
export function startPrimes(limit, parts) {
  // Made first: if it throws, the run shown is still there.
  const next = wasm.Run.primes(limit, parts);
  dropRun();
  run = next;
  return run;
}

/**
 * Runs the current program on the virtual clock to its end, replacing any earlier run:
 * the run, or null if the program changed meanwhile (the learner's code is run a piece
 * at a time).
 */
export async function simulateRun() {
  const next = usingCode ? await foresee(code, () => currentProgram() === code) : wasm.Run.simulate(program);
  if (!next) return null;
  dropRun();
  run = next;
  noteOrigin(run);
  return run;
}

/** Simulations under way, to be forgotten if the core is replaced (see renew). */
const foresights = new Set();

/** Lets the browser have its turn (draw, take input) before going on. */
function turn() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `source` (a Code of the interpreter's core) on the virtual clock a piece at a
 * time, letting the browser have its turn between the pieces: the finished run, or
 * null if `wanted()` turned false meanwhile (or the core was replaced).
 */
async function foresee(source, wanted) {
  const from = instance;
  const foresight = new python.Foresight(source);
  foresights.add(foresight);
  let done = false;
  try {
    while (!(done = foresight.work())) {
      await turn();
      if (from !== instance) return null;
      if (!wanted()) break;
    }
  } finally {
    // (Nothing may call into an instance that failed, nor free what it made.)
    if (from === instance && failure === null) {
      foresights.delete(foresight);
      if (!done) foresight.free();
    }
  }
  return done ? foresight.finish(source) : null;
}

/**
 * What the learner's code does on the virtual clock: how long it takes (ms), how many
 * lines it prints, and the error it ends with, if any; null if the code changed before
 * that was known. Worked out once for each code, a piece at a time.
 */
export function foreseeCode() {
  if (foreseen?.code === code) return foreseen.promise;
  const mine = code;
  const promise = foresee(mine, () => code === mine).then((ideal) => {
    if (!ideal) {
      if (foreseen?.promise === promise) foreseen = null;
      return null;
    }
    try {
      return { totalMs: ideal.idealTotalMs, lines: ideal.idealLines, error: ideal.error ?? null };
    } finally {
      ideal.free();
    }
  });
  foreseen = { code: mine, promise };
  return promise;
}

/**
 * What `source` prints on the virtual clock, as a script or a notebook cell (`cell`),
 * without touching the current program or run: its first `limit` lines as [ms, text],
 * how many it prints in all, the last line of the error it ends with (or why it cannot
 * run) and how many lines came before it (a cell fails while its tasks print on), and
 * its warnings. Loads the interpreter if need be.
 */
export async function foreseeSource(source, cell, limit) {
  await loadPython();
  const from = instance;
  const code = new python.Code(source, cell);
  try {
    if (code.error !== undefined) return { lines: [], count: 0, error: code.error, errorAfter: 0, warnings: [] };
    const ideal = await foresee(code, () => true);
    if (!ideal) throw new Error('the core was replaced meanwhile');
    try {
      const n = ideal.sync();
      const kinds = ideal.kinds(0, n);
      const tasks = ideal.tasks(0, n);
      const args = ideal.args(0, n);
      const ms = ideal.idealMs(0, n);
      const lines = [];
      let count = 0;
      let errorAfter = null;
      for (let i = 0; i < n; i++) {
        // A cell's task is the first: where it raised is where its traceback shows.
        if (cell && errorAfter === null && tasks[i] === 0 && kinds[i] === names.kinds.raised) errorAfter = count;
        if (kinds[i] !== names.kinds.printed) continue;
        if (count++ < limit) lines.push([ms[i], ideal.line(args[i])]);
      }
      const error = ideal.error?.trim().split('\n').pop() ?? null;
      const warnings = ideal.stderr.filter((text) => text.includes('Warning: ')).map((text) => text.replace(/^main\.py:\d+: /, ''));
      return { lines, count, error, errorAfter: errorAfter ?? count, warnings };
    } finally {
      ideal.free();
    }
  } finally {
    if (from === instance) code.free();
  }
}

/**
 * Runs a small program on the virtual clock and reads everything the views read of
 * it, so that the browser has compiled that code before the learner's first run
 * needs it. Called once, when the page is idle.
 */
export function warmUp() {
  const warm = new wasm.Program('gather', ['0.1', '0.2'], ['warm', 'up'], '1');
  const run = wasm.Run.simulate(warm);
  try {
    const n = run.sync();
    run.kinds(0, n); run.tasks(0, n); run.args(0, n); run.idealMs(0, n); run.realMs(0, n); run.spans(0, n);
    for (const at of [n >> 1, n]) {
      run.seek(at);
      run.states(); run.since(); run.changedTasks(); run.stateRange(0, 2); run.shownTaskCount; run.steps(); run.ranMs(); run.createdMs(); run.ready(12); run.timers(12); run.readyCount; run.timerCount;
      run.suspendedLines(); run.frames(0); run.doing(1); run.describe(at - 1);
    }
    run.taskName(1); run.taskLabel(1); run.line(0); run.timerTask(0); run.timerDeadlineMs(0);
  } finally {
    run.free();
    warm.free();
  }
}

/** `task.cancel()` on task `task` (from 0) of the live run, for the learner. */
export function cancelTask(task) {
  return Boolean(run && run.state === 'running' && run.cancelTask(task));
}

/** Stops the current run if it is live, and frees it. */
function dropRun() {
  if (!run) return;
  if (run.state === 'running') run.stop();
  run.free();
  run = null;
}
