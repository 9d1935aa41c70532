// Inside the coroutines: for the shown moment, every task not done with its chain of
// frames, outermost first (the function, the line where it stands, its local variables
// as Python reprs), and the module's code. The core runs the program again on the
// virtual clock up to the moment to read them (Run.framesAfter), so they are read when
// the moment changes: at once in replay, a few times a second while a run is live.
//
// Below them, the await graph: which task awaits which, with the frames each stands in,
// as CPython 3.14's `python -m asyncio pstree` prints it (the core draws it).
//
// Contract (README): #frames holds one element per task with data-task (N of Task-N;
// empty for the module's code), inside it one element per frame with data-function and
// data-line, inside that one element per local with data-name and data-repr. The text
// of #await-tree is the tree's lines.

import { changed, linesOfRun, shownAt, store, subscribe } from '../store.js';
import { $, el } from '../util.js';

const box = $('frames');
const note = $('frames-note');
const graph = $('await-graph');
const tree = $('await-tree');
const treeNote = $('await-tree-note');
/** The longest run whose frames are read, in events: reading runs it again. */
const MOST_EVENTS = 50_000;
/** While live, how often the frames are read at most, in ms (more if reading is slow). */
const LIVE_EVERY = 250;
/** How long one reading may keep the page from answering, in ms: live, and in replay. */
const READ_MOST_MS = { live: 40, replay: 250 };

let timer = 0;
/** Whether reading gave up on the live run (see draw). */
let liveGaveUp = false;
let lastRead = 0;
let readCost = 0;
/** What is shown: the run and the moment, so that a moment is read once. */
let shown = { run: null, at: -1, line: null };

function say(text) {
  note.textContent = text;
  note.hidden = text === '';
}

/** The await graph's lines (or why there are none to draw). */
function showTree(lines, why = '') {
  tree.textContent = lines.join('\n');
  treeNote.textContent = why;
  treeNote.hidden = why === '';
  tree.hidden = lines.length === 0;
  graph.hidden = lines.length === 0 && why === '';
}

/** The frames after the first `n` events, and the await graph's lines, as the core lists
 * them (see Run.framesAfter). */
function parse(list) {
  const tasks = [];
  const lines = [];
  let why = '';
  for (let i = 0; i < list.length;) {
    const word = list[i];
    if (word === 'tree') {
      lines.push(list[i + 1]);
      i += 2;
    } else if (word === 'treenote') {
      why = list[i + 1];
      i += 2;
    } else if (word === 'task') {
      tasks.push({ number: list[i + 1], name: list[i + 2], frames: [] });
      i += 3;
    } else if (word === 'frame') {
      tasks.at(-1).frames.push({ name: list[i + 1], qualname: list[i + 2], line: Number(list[i + 3]), locals: [], held: [] });
      i += 4;
    } else if (word === 'held') {
      tasks.at(-1).frames.at(-1).held.push({
        in: list[i + 1], name: list[i + 2], qualname: list[i + 3], line: Number(list[i + 4]), locals: [],
      });
      i += 5;
    } else if (word === 'heldlocal') {
      tasks.at(-1).frames.at(-1).held.at(-1).locals.push({ name: list[i + 1], repr: list[i + 2] });
      i += 3;
    } else {
      tasks.at(-1).frames.at(-1).locals.push({ name: list[i + 1], repr: list[i + 2] });
      i += 3;
    }
  }
  return { tasks, lines, why };
}

function localsElement(locals) {
  return locals.length === 0
    ? el('p', { className: 'empty-note', textContent: 'no local variables' })
    : el('dl', { className: 'locals' }, ...locals.map(({ name, repr }) =>
      el('div', { className: 'local', data: { name, repr } },
        el('dt', { textContent: name }), el('dd', {}, el('code', { textContent: repr })))));
}

function frameElement(frame, current) {
  const called = frame.name === '<module>' ? frame.name : `${frame.qualname}()`;
  const where = el('p', { className: 'where' }, el('code', { textContent: called }), ` at line ${frame.line}`);
  if (current) where.append(el('span', { className: 'now-mark', textContent: ' ← running' }));
  const item = el('li', { className: `frame${current ? ' current' : ''}`, data: { function: frame.name, line: String(frame.line) } },
    where, localsElement(frame.locals));
  // The generators it holds, paused at a `yield` (or not started): their saved state.
  if (frame.held.length > 0) {
    item.append(el('ul', { className: 'held' }, ...frame.held.map((held) => el('li', {
      className: 'frame held-frame', data: { function: held.name, line: String(held.line), heldIn: held.in },
    }, el('p', { className: 'where' }, el('code', { textContent: `${held.qualname}()` }),
      ` at line ${held.line}, paused, ${held.in ? `in ${held.in}` : 'iterated by a for loop'}`),
    localsElement(held.locals)))));
  }
  return item;
}

function taskElement(task, run, runningTask) {
  const index = task.number === '' ? -1 : Number(task.number) - 1;
  const running = index === runningTask && (index >= 0 || store.line !== null);
  const head = el('h4', {}, task.number === '' ? 'the module’s code' : task.name);
  if (index >= 0) head.append(el('span', { className: 'doing', textContent: ` ${run.doing(index)}` }));
  const chain = task.frames.length === 0
    ? el('p', { className: 'empty-note', textContent: 'no frame of the program’s own (asyncio’s code runs it)' })
    : el('ol', { className: 'frame-chain' }, ...task.frames.map((frame, i) =>
      frameElement(frame, running && i === task.frames.length - 1)));
  return el('section', { className: `task-frames${running ? ' running' : ''}`, data: { task: task.number } }, head, chain);
}

/** The line the running task stands at, for the panel and the code's marks. */
export let runningLine = 0;

function draw() {
  timer = 0;
  const { run } = store;
  const at = shownAt();
  const { line } = store;
  if (!run || (shown.run === run && shown.at === at && shown.line === line)) return;
  shown = { run, at, line };
  runningLine = 0;
  showTree([]);
  if (typeof run.framesAfter !== 'function' || !run.hasProgram) {
    box.replaceChildren();
    say(run ? 'The frames show for Python run from the editor: edit the code (or open a scene of the tour) and run it.' : '');
    return;
  }
  if (!store.live && store.moment === null && line === null) {
    // The end of a finished run: no task is left (reading it would run it all again).
    box.replaceChildren();
    say('The run is over: no task is left. Step back through the replay to look inside them.');
    return;
  }
  if (store.n > MOST_EVENTS) {
    box.replaceChildren();
    say(`This run recorded ${store.n} events: the frames are read for runs of up to ${MOST_EVENTS}.`);
    return;
  }
  const began = performance.now();
  let tasks;
  try {
    const most = store.live ? READ_MOST_MS.live : READ_MOST_MS.replay;
    const read = parse(line === null ? run.framesAfter(at, most) : run.framesAtLine(line, most));
    tasks = read.tasks;
    showTree(read.lines, read.why);
  } catch (error) {
    box.replaceChildren();
    // (While live, not tried again: every try would hold the page up as long.)
    liveGaveUp = store.live;
    say(store.live ? `${error.message} They show once the run is over, in replay.` : error.message);
    readCost = performance.now() - began;
    lastRead = performance.now();
    return;
  }
  readCost = performance.now() - began;
  lastRead = performance.now();
  const shownTasks = tasks.filter((task) => task.number !== '' || task.frames.length > 0);
  say(shownTasks.length === 0 ? 'Nothing is left to show: every task is done.' : '');
  // Stepping by line, the task that begins the line runs (0: the module's code).
  const lines = line === null ? null : linesOfRun();
  const running = lines ? lines[3 * line + 1] - 1 : run.running;
  box.replaceChildren(...shownTasks.map((task) => taskElement(task, run, running)));
  const current = tasks.find((task) => (task.number === '' ? -1 : Number(task.number) - 1) === running
    && (running >= 0 || lines));
  runningLine = current?.frames.at(-1)?.line ?? 0;
  document.dispatchEvent(new CustomEvent('frames-read'));
}

function schedule() {
  if (timer || (store.live && liveGaveUp)) return;
  // (Reading is running the program again: a slow read is not repeated at once.)
  const every = store.live ? Math.max(LIVE_EVERY, readCost * 4) : readCost * 2;
  const wait = every - (performance.now() - lastRead);
  timer = setTimeout(draw, Math.max(0, wait));
}

subscribe({
  update(changes) {
    if (!changed(changes) && !changes.state) return;
    if (changes.reset) shown = { run: null, at: -1, line: null };
    if (changes.reset || changes.state) liveGaveUp = false;
    if (changes.reset || changes.moment || changes.state || changes.to > changes.from) schedule();
  },
});
