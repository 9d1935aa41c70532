// The program as Python and as Rust, with Copy buttons; in the Python, the line where
// each live task stands at the shown moment is marked with the task's name. The Python
// is the editor's (editor.js), which shows the form's program until it is edited.

import { codeInUse, currentProgram } from '../core.js';
import { again, changed, store, subscribe } from '../store.js';
import { $ } from '../util.js';
import { lines as editorLines, showFormProgram } from './editor.js';
import { runningLine } from './frames.js';

const python = $('python-code');
const rust = $('rust-code');
/** The Python of the program the shown run runs, to mark only while it is the one shown. */
let runPython = null;
/** The editor's lines the marks were made on: new lines carry no marks. */
let markedLines = null;

/** Shows the current program's code, or keeps the last one, dimmed, if there is none. */
export function showProgram() {
  if (codeInUse()) return;
  const program = currentProgram();
  $('code-title').closest('.code').classList.toggle('stale', !program);
  if (!program) return;
  showFormProgram(program.python());
  mark();
  rust.textContent = program.rust();
}

/** What is marked now: line number → what its mark says. */
let marks = new Map();

/** Marks the lines where tasks stand at the shown moment, changing only what changed. */
function mark() {
  const { run } = store;
  const next = new Map();
  if (markedLines !== editorLines) {
    markedLines = editorLines;
    marks = new Map();
  }
  const lines = editorLines;
  if (run && runPython === python.value) {
    const pairs = run.suspendedLines();
    /** Per line: how many tasks stand there, and the first few. */
    const byLine = new Map();
    for (let i = 0; i < pairs.length; i += 2) {
      const entry = byLine.get(pairs[i]) ?? { count: 0, tasks: [] };
      entry.count += 1;
      if (entry.tasks.length < 3) entry.tasks.push(pairs[i + 1]);
      byLine.set(pairs[i], entry);
    }
    for (const [number, { count, tasks }] of byLine) {
      const names = tasks.map((task) => run.taskName(task));
      next.set(number, count > 3 ? `${names.slice(0, 2).join(', ')} and ${count - 2} more` : names.join(', '));
    }
  }
  for (const [number] of marks) {
    if (next.has(number)) continue;
    const line = lines[number - 1];
    if (!line) continue;
    line.classList.remove('suspended');
    delete line.dataset.tasks;
  }
  for (const [number, text] of next) {
    const line = lines[number - 1];
    if (!line || marks.get(number) === text) continue;
    line.classList.add('suspended');
    line.dataset.tasks = text;
  }
  marks = next;
  markRunning();
}

/** The line the running task stands at, marked: read with the frames (frames.js). */
let runningMarked = null;
function markRunning() {
  const { run } = store;
  const number = run && runPython === python.value ? runningLine : 0;
  const line = number > 0 ? editorLines[number - 1] : null;
  if (line === runningMarked) return;
  runningMarked?.classList.remove('running-line');
  line?.classList.add('running-line');
  runningMarked = line ?? null;
}

document.addEventListener('frames-read', markRunning);

/** While a run is live, the marks are redrawn a few times a second, not every frame. */
let lastMark = 0;
let markPending = false;
const MARK_EVERY = 200;

subscribe({
  update(changes) {
    if (!changed(changes)) return;
    // The program the shown run runs: the editor's text when it started (or was opened).
    if (changes.reset) runPython = store.run ? python.value : null;
    if (!(changes.reset || changes.moment || changes.state || markPending)) return;
    const now = performance.now();
    if (store.live && !changes.reset && now - lastMark < MARK_EVERY) {
      markPending = true;
      again();
      return;
    }
    markPending = false;
    lastMark = now;
    mark();
  },
});

/** Copies `text`; where the clipboard is refused, selects `element` for Ctrl+C instead. */
export async function copy(text, button, element) {
  button.dataset.label ??= button.textContent;
  clearTimeout(Number(button.dataset.timer));
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    if (element.select) element.select(); else getSelection().selectAllChildren(element);
    button.textContent = 'Selected: press Ctrl+C';
  }
  button.dataset.timer = String(setTimeout(() => { button.textContent = button.dataset.label; }, 2000));
}

for (const button of document.querySelectorAll('button.copy')) {
  const code = $(button.dataset.copy);
  button.addEventListener('click', () => copy(code === python ? python.value : code.textContent, button, code));
}
