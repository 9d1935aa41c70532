// The page's entry point: loads the core, lets every view subscribe to the store, and
// wires what the learner does (Run, Stop, Share, presets, links, keys) to the core.
//
// Each view is a module of its own under views/; they draw only from the store. The
// body's data-state says where the page is: loading, idle, starting (the learner's code
// foreseen before it runs), running, done, stopped, failed, replay, or error.

import { codeInUse, codeIsCell, coreFailure, currentProgram, currentRun, grown, load, onFailure, renew, runIsOfProgram, runOrigin, simulateRun, startRun, warmUp } from './core.js';
import { clear, ended, halt, seek, setAxis, show, stateChanged, store, subscribe } from './store.js';
import { scriptURL } from './trusted.js';
import { $, downloaded, el, stderrText } from './util.js';
import './views/log.js';
import './views/output.js';
import './views/progress.js';
import './views/panel.js';
import './views/timeline.js';
import { setByLine } from './views/replay.js';
import './views/frames.js';
import './views/export.js';
import { copy } from './views/code.js';
import { applyLink, initForm, previewForm, refresh } from './views/form.js';
import { initEditor, openCode, previewCode, useForm } from './views/editor.js';
import { initTour, openStop, sceneQuery, stopNames } from './views/tour.js';

const status = $('status');

function say(text) {
  if (status.textContent !== text) status.textContent = text;
}

/** Where the page is, from the store: shown as body[data-state] and on the buttons. */
function pageState() {
  if (coreFailure() !== null) return 'error';
  if (starting) return 'starting';
  const { run } = store;
  if (!run) return 'idle';
  // The parallelism scene's workers run after its loop: one job, from the page's view.
  if (store.live || store.workersState === 'running') return 'running';
  if (store.moment !== null || !store.measured) return 'replay';
  if (store.workersState === 'failed' || store.workersState === 'stopped') return store.workersState;
  const state = run.state;
  return state === 'cancelled' ? 'stopped' : state;
}

function drawState() {
  const state = pageState();
  if (document.body.dataset.state !== state) {
    document.body.dataset.state = state;
    status.dataset.tone = state;
  }
  const program = currentProgram();
  const [run, stop] = [$('run'), $('stop')];
  // A button that is about to be disabled hands the keyboard's focus to its partner.
  const focused = document.activeElement;
  run.disabled = state === 'running' || state === 'starting' || !program;
  stop.disabled = state !== 'running' || store.ending;
  // Stop cancels main(), as Ctrl+C does; pressed again while that goes on, it ends the
  // run at once.
  const label = state === 'running' && (store.run.interrupted || store.run.signalled) ? 'Stop now' : 'Stop';
  if (stop.textContent !== label) stop.textContent = label;
  if (focused === run && run.disabled && !stop.disabled) stop.focus();
  if (focused === stop && stop.disabled && !run.disabled) run.focus();
  $('share').disabled = !program;
  drawStale();
  // Before any run, the status says what Run would start.
  if (!store.run) drawStatus();
}

/**
 * Marks the run shown as the previous program's once the program has changed (or
 * cannot run as it is), so that its lines are not taken for what this one prints.
 */
function drawStale() {
  const stale = Boolean(store.run) && !store.live && !runIsOfProgram();
  const note = $('stale-note');
  $('output').classList.toggle('stale', stale);
  note.hidden = !stale;
  if (!stale) return;
  const fix = codeInUse() ? 'the code in the editor cannot run as it is: its error is marked there'
    : 'the form has an error: it is marked in the form';
  note.textContent = currentProgram()
    ? 'Shown: the last run, of the program before your edit. Press Run to run the program as it is now.'
    : `Shown: the last run, of the previous program; ${fix}.`;
}

/** What the program wrote to standard error: its traceback, warnings, why it was stopped. */
function drawStderr() {
  const { run } = store;
  const box = $('stderr');
  const over = run && (!store.live || store.moment !== null);
  // While it runs, only a notebook cell's traceback can be there already: shown at once.
  const text = stderrText(run, over);
  if (box.textContent !== text) box.textContent = text;
  box.hidden = !text;
}

/** Once a moment of the replay is chosen, the address bar links to it (a few times a
 * second at most, as browsers allow). */
let addressTimer = 0;
function followMoment() {
  if (addressTimer) return;
  addressTimer = setTimeout(() => {
    addressTimer = 0;
    if (store.live || store.moment === null) return;
    const query = linkQuery();
    if (query !== null && location.search !== `?${query}`) history.replaceState(null, '', `?${query}`);
  }, 300);
}

subscribe({
  update(changes) {
    if (changes.moment && !store.live && store.moment !== null) followMoment();
    if (changes.reset || changes.state || changes.moment) drawState();
    if (store.live && changes.to > changes.from) drawStderr();
    // (While a step blocks the loop for long, the status says so as it goes.)
    if (store.live && !(changes.reset || changes.state)) drawStatus();
    if (!(changes.reset || changes.state)) return;
    drawStderr();
    drawStatus();
  },
});

/** The status line: what the page is doing, or how the shown run went. */
function drawStatus() {
  const { run } = store;
  const origin = runOrigin() ?? { code: false, cell: false };
  const lines = run ? `${run.printed} line${run.printed === 1 ? '' : 's'}` : '';
  if (!run) say(codeInUse() ? 'Press Run to run your code.' : 'Press Run to start main().');
  else if (store.workersState === 'running') say('The same job on Web Workers, at once…');
  else if (store.workersState === 'failed') say('A worker failed: see the tour’s card.');
  else if (store.workersState === 'stopped') say('Stopped: the workers were ended where they stood.');
  else if (store.live && run.interrupted) say('Stopping: main() was cancelled, as Ctrl+C would cancel it, and its tasks are finishing. Press Stop again to end the run at once.');
  else if (store.live && run.signalled) say('Stop sent SIGINT, as Ctrl+C does, and the program’s own handler takes it: nothing was cancelled. Press Stop again to end the run at once.');
  else if (store.live && run.blocked) say(run.blocked);
  else if (store.live) say('Running…');
  else if (!store.measured) say('The ideal run, on the virtual clock: step through it below, or press Run to run it for real.');
  else if (run.state === 'done' && run.interrupted) say('Done: the program caught the cancellation Stop sent, and ended by itself.');
  else if (run.state === 'done') say(`Done: ${ending(origin)} after ${lines}.`);
  else if (run.state === 'failed' && run.error) say(`The program ended with an error after ${lines}: see below the log.`);
  else if (run.state === 'failed') say('main() raised an exception.');
  else if (run.stoppedAtOnce) say('Stopped at once: every task was dropped where it stood, and nothing more will print.');
  else if (run.interrupted) say('Stopped: main() was cancelled, as Ctrl+C cancels it, and every task with it. Nothing more will print.');
  else say(`${origin.code ? 'The program' : 'main()'} was cancelled: it ended with CancelledError.`);
}

/** What ended, in a run that is done: the form's main(), a script, or a notebook cell. */
function ending({ code, cell }) {
  if (!code) return 'main() returned';
  if (cell) return 'the cell finished, and nothing is left on its loop,';
  return store.steps === 0 ? 'the script ended without starting the event loop,' : 'the script ended';
}

/** Set while a fresh core starts for the next run, or while the run is foreseen. */
let starting = false;

async function start() {
  // One job at a time: the parallelism card's workers count as one (see restart).
  if (starting || store.live || store.workersState === 'running' || !currentProgram()) return;
  starting = true;
  drawState();
  let run;
  try {
    run = await prepare();
  } finally {
    starting = false;
  }
  if (!run) {
    drawState();
    drawStatus();
    return;
  }
  show(run, { live: true });
  drawState();
  await run.done;
  // A new run may have begun since, or this one been dropped.
  if (currentRun() !== run) return;
  ended();
}

/** Starts the run of the current program (see start): null if there is none by then. */
async function prepare() {
  if (grown()) {
    // The last program made the core's memory grow, and a wasm memory never shrinks:
    // this run gets a fresh instance, and the memory goes back to what it was.
    clear();
    await renew();
    if (!currentProgram()) return null;
  }
  // The learner's code is foreseen first, a piece at a time, if it was not already.
  if (codeInUse()) say('Working out what the code does on the loop’s clock…');
  try {
    // main() starts in the loop's first slice, once this handler has returned.
    return await startRun();
  } catch (error) {
    // The core failed meanwhile: its dialog says so.
    if (coreFailure()) return null;
    throw error;
  }
}

/** Ends the live run at once: every task dropped where it stands. */
function stopAtOnce(run) {
  run.stop();
  ended({ atOnce: true });
  drawState();
}

/** Runs the current program, ending a live run at once first (a scene chosen mid-run),
 * or the parallelism card's workers. */
function restart() {
  const run = currentRun();
  if (run && store.live) stopAtOnce(run);
  parallel?.stopWorkers();
  start();
}

/** Puts a scene of the tour in the editor, as a script or a notebook cell, and runs it
 * if `run`, bringing what it prints into view. */
async function openScene(text, cell, run) {
  await openCode(text, cell);
  drawState();
  if (!run || !currentProgram()) return;
  restart();
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  $('output-title').scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
}

/** The parallelism card's module, once loaded: only that card needs it. */
let parallel = null;
function loadParallel() {
  return import('./views/parallel.js').then((module) => {
    if (!parallel) {
      parallel = module;
      parallel.initParallel({ changed: drawState });
    }
    return parallel;
  });
}

/**
 * Stop: the first press cancels main(), as Ctrl+C does, and the run ends once its tasks
 * have (see start); a second press, while they finish, ends it at once. While the
 * parallelism card's workers count, it ends them.
 */
function stop() {
  if (parallel?.stopWorkers()) return;
  const run = currentRun();
  if (!run || !store.live || store.ending) return;
  if (!run.interrupted && !run.signalled) {
    run.interrupt();
    stateChanged();
    drawState();
    return;
  }
  stopAtOnce(run);
}

/**
 * The core failed (a panic, a trap): nothing more is drawn or run on it, the
 * parallelism card's workers end, and a dialog says why and offers to start again.
 */
function failed(message) {
  // A bug: kept with whatever else went wrong on the page (see boot.js).
  window.pageProblems.push(`The playground's core failed: ${message}`);
  halt();
  parallel?.stopWorkers();
  document.body.dataset.state = 'error';
  status.dataset.tone = 'error';
  say('The playground’s core failed.');
  $('failure-message').textContent = message;
  $('failure').showModal();
}

/** Starts a fresh instance of the core, with the program as it was, and no run. */
async function recover() {
  const button = $('recover');
  button.disabled = true;
  try {
    await renew();
  } catch (error) {
    $('failure-message').textContent = `A fresh core could not start either (${error.message}). Reload the page.`;
    return;
  } finally {
    button.disabled = false;
  }
  clear();
  $('failure').close();
  drawState();
  say('A fresh core is running: press Run.');
}

/**
 * Opens the ideal run of the current program in replay, at `at` ideal ms or after the
 * first `event` events, and brings the replay and the frames into view.
 */
async function openAt({ at, event, lines }) {
  const run = await simulateRun();
  if (!run) return;
  show(run, { live: false });
  const events = run.idealMs(0, run.sync());
  if (lines) {
    // By line: the first line run at or after the moment asked for.
    seek(event ?? 0);
    setByLine(true);
  } else if (event !== undefined) {
    seek(Math.min(event, events.length));
    if (event > events.length) addNotice(`The run records ${events.length} events, not ${event}: it is shown at its end.`);
  } else {
    let n = 0;
    while (n < events.length && events[n] <= at) n++;
    seek(n, at);
  }
  afterPaint(() => document.querySelector('.replay').scrollIntoView({ block: 'start' }));
}

/** Calls `fn` once the page (in a frame: the frame) is at least half in view. */
function whenInView(fn) {
  const watch = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.intersectionRatio >= 0.5)) return;
    watch.disconnect();
    fn();
  }, { threshold: [0, 0.5, 1] });
  watch.observe(document.querySelector('main'));
}

/** Calls `fn` once the page has been drawn with what it holds now. */
function afterPaint(fn) {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => fn();
    channel.port2.postMessage(null);
  });
}

function showNotices(notices) {
  $('notice-list').replaceChildren(...notices.map((notice) => el('li', { textContent: notice })));
  $('notices').hidden = notices.length === 0;
}

/** Adds `notice` to those shown. */
function addNotice(notice) {
  $('notice-list').append(el('li', { textContent: notice }));
  $('notices').hidden = false;
}

/** The link to the program and the moment shown (see the README's links), or null. */
function linkQuery() {
  const program = currentProgram();
  if (!program) return null;
  const run = currentRun();
  const replaying = run && !store.live && (store.moment !== null || store.time !== null);
  // A moment in time (from a link's at=) as a time; one stepped to, as its event.
  const at = replaying && store.time !== null ? store.time : undefined;
  const event = (replaying && store.time === null ? `&event=${store.moment}` : '') + (store.line !== null ? '&lines=1' : '');
  // A scene of the tour, unedited, is shared by its name.
  const scene = sceneQuery(program.python(), codeIsCell());
  return (scene === null ? program.shareQuery(false, at) : `${scene}${at === undefined ? '' : `&at=${at}`}`) + event;
}

function share() {
  const query = linkQuery();
  if (query === null) return;
  history.replaceState(null, '', `?${query}`);
  const url = $('share-url');
  url.value = location.href;
  $('share-box').hidden = false;
  url.select();
  copy(location.href, $('share'), url);
}

/**
 * Loads a link's query into the form, the editor or the tour; opens or runs what it
 * asks for.
 */
async function openLink(search) {
  const link = applyLink(search);
  const notices = [...link.notices];
  // A stop of the tour opens its card, and puts its scene in the editor unless the
  // link carries code of its own.
  const stop = link.tour === undefined ? null : await openStop(link.tour, { load: link.code === undefined });
  const toured = Boolean(stop);
  if (link.tour !== undefined && !toured) {
    notices.push(`Ignored tour “${link.tour}”: the tour has no stop of that name. Its cards are ${stopNames().join(', ')}.`);
    if (link.autorun || link.at !== undefined || link.event !== undefined || link.lines) notices.push('Not run or opened at a moment, because part of the link was ignored.');
  }
  showNotices(notices);
  if (link.code !== undefined) {
    await openCode(link.code, link.cell);
  } else if (!toured) {
    useForm();
  }
  drawState();
  // The parallelism card runs a job of its own rather than a program.
  if (stop?.card.workers && link.code === undefined) {
    if (link.autorun) afterPaint(() => loadParallel().then((module) => module.runParallel()));
    return;
  }
  // A link never runs code the editor would refuse: the error is marked instead.
  if (!currentProgram() || (link.tour !== undefined && !toured)) return;
  if (link.at !== undefined || link.event !== undefined || link.lines) openAt(link);
  // An autorun waits for the page's first drawing, so that its first timers do not:
  // started at once, a 20-call gather of 10-200 ms sleeps printed lines up to 100 ms late.
  // In a course page's frame, it waits until the frame is in view.
  else if (link.autorun) afterPaint(() => (link.embed ? whenInView(start) : start()));
}

/**
 * While the page's core downloads (and before it runs anything), the status says how
 * much of it has arrived, and the progress bar shows it.
 */
function showLoading(event) {
  if (document.body.dataset.state !== 'loading') return;
  const { loaded, total, url } = event.detail;
  const what = url.includes('pkg-py') ? 'the playground’s core, with its Python interpreter' : 'the playground’s core';
  say(`Loading ${what}: ${downloaded(event.detail)}…`);
  $('progress-box').classList.remove('idle');
  $('progress').value = total && loaded <= total ? loaded / total : 0;
  $('progress-text').textContent = downloaded(event.detail);
}

async function main() {
  window.addEventListener('coreprogress', showLoading);
  Object.values(window.coreLoading).forEach((detail) => showLoading({ detail }));
  // What the page shows does not wait for the core: the tour's stops, and a link's code.
  initTour({ scene: openScene, workers: () => loadParallel().then((module) => module.parallelPanel()) });
  // (The editor holds the form's first program already, and the form its calls: what a
  // plain visit shows. A link with a program of its own shows its code, or nothing yet.)
  const early = new URLSearchParams(location.search);
  if (early.has('code')) previewCode(early.get('code'));
  else if (['mode', 'calls', 'repeat', 'tour'].some((key) => early.has(key))) previewCode(null);
  else previewForm();
  try {
    await load();
  } catch (error) {
    window.removeEventListener('coreprogress', showLoading);
    say(`The WebAssembly core failed to load (${error.message}). Serve the page with the README's serve command.`);
    document.body.dataset.state = 'error';
    status.dataset.tone = 'error';
    return;
  }
  window.removeEventListener('coreprogress', showLoading);
  $('progress-box').classList.add('idle');
  $('progress-text').textContent = '';
  const presets = initForm({ run: start, changed: drawState });
  initEditor({ run: start, changed: drawState, formBack: refresh });
  $('stop').addEventListener('click', stop);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') stop();
  });
  $('dismiss-notices').addEventListener('click', () => showNotices([]));
  $('share').addEventListener('click', share);
  // In a course page's frame: the same program, at the same moment, on a page of its own.
  $('open-full').addEventListener('click', (event) => {
    const query = linkQuery();
    event.currentTarget.href = query === null ? './' : `./?${query}`;
  });
  // A preset fills the form, like its link; a run going on goes on (the code view then
  // marks nothing, as it no longer shows that run's program). The choice stays shown,
  // so the arrow keys can go through the presets one by one.
  presets.addEventListener('change', () => {
    if (presets.value) openLink(presets.value);
  });
  for (const radio of document.querySelectorAll('input[name=axis]')) {
    radio.addEventListener('change', () => setAxis(radio.value));
    if (radio.checked) setAxis(radio.value);
  }
  openLink(location.search);
  drawState();
  // Whatever went wrong on the page (see boot.js) is said, never only in the console.
  // (A core that stopped is said by its own dialog, below.)
  const problem = (text) => addNotice(`Something went wrong on the page: ${text}`);
  window.pageProblems.forEach(problem);
  window.addEventListener('pageproblem', (event) => {
    if (!event.detail.startsWith('RuntimeError')) problem(event.detail);
  });
  onFailure(failed);
  $('failure').addEventListener('cancel', (event) => event.preventDefault());
  $('recover').addEventListener('click', recover);
  // Browsers compile code the first time it runs: let that happen before Run is pressed.
  (window.requestIdleCallback ?? setTimeout)(() => warmUp());
}

main();

// Offline after the first visit (see sw.js). Service workers need http(s); on a page
// opened from a file the playground simply stays online-only.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register(scriptURL(new URL('../sw.js', import.meta.url))).catch(() => {});
}
