// The Python editor: a plain textarea over a copy of its text that carries the line
// marks (where each task stands, where an error is), with line numbers beside it. It
// shows the form's program until the learner edits it; from then on the learner's code
// is the program, read by the interpreter's core (loaded on first use), until they go
// back to the form's. Their code is kept when they do, to come back to.

import { codeInUse, foreseeCode, loadPython, pythonLoaded, setCode, useCode } from '../core.js';
import { $, el, seconds } from '../util.js';

const area = $('python-code');
const backdrop = $('python-lines');
const gutter = $('python-gutter');
const errorText = $('code-error');
const note = $('source-note');
const noteText = $('source-text');
const noteButton = $('source-switch');
const fields = $('form-fields');
const cellBox = $('cell-mode');
const INDENT = '    ';

/** The backdrop's line elements, one per line of the text: code.js marks them. */
export let lines = [];
/** The learner's code while the form's program is shown, to go back to, and whether
 * it ran as a notebook cell. */
let kept = null;
let keptCell = false;
/** Called after the program changed (which one, or whether it is valid). */
let onChange = () => {};
/** Called by Ctrl+Enter. */
let onRun = () => {};
/** Called when the form's program is the program again. */
let onForm = () => {};
/** The error shown on the text, if any: {message, place}. */
let error = null;
/** Whether Tab should leave the editor (after Esc), as in any other field. */
let tabLeaves = false;

/** Draws the text's lines behind the textarea, and their numbers beside it. */
function render() {
  const text = area.value;
  const parts = text.split('\n');
  lines = parts.map((line, i) => el('span', { className: 'line', textContent: line, data: { line: String(i + 1) } }));
  backdrop.replaceChildren(...lines.flatMap((line) => [line, '\n']));
  gutter.replaceChildren(...parts.flatMap((_, i) => [el('span', { textContent: String(i + 1) }), '\n']));
  markError();
}

/** Marks the error's line, underlines its place, and says it below the editor. */
function markError() {
  for (const number of gutter.querySelectorAll('.error')) number.classList.remove('error');
  area.setAttribute('aria-invalid', String(Boolean(error)));
  if (!error) {
    errorText.textContent = '';
    return;
  }
  const [line, column, endLine, endColumn] = error.place;
  errorText.textContent = line ? `Line ${line}, column ${column}: ${error.message}` : error.message;
  const target = lines[line - 1];
  if (!target) return;
  // Columns count characters (code points), as Python does, not UTF-16 units.
  const chars = [...target.textContent];
  const from = Math.min(column - 1, chars.length);
  const to = endLine === line ? Math.max(from + 1, endColumn - 1) : chars.length;
  target.classList.add('error');
  gutter.children[line - 1]?.classList.add('error');
  target.replaceChildren(chars.slice(0, from).join(''),
    el('span', { className: 'error-at', textContent: chars.slice(from, to).join('') || ' ' }), chars.slice(to).join(''));
}

/** Shows `text` in the editor (the form's program, or code from a link). */
function setText(text) {
  if (area.value === text) return;
  area.value = text;
  render();
}

/** The form's program is shown in the editor while it is the program. */
export function showFormProgram(text) {
  if (!codeInUse()) setText(text);
}

/** Says which program runs, and offers the other. */
function drawNote() {
  // Set aside: out of the way (on a phone, between the code's Run and its output).
  fields.disabled = codeInUse();
  fields.hidden = codeInUse();
  $('to-editor').hidden = !codeInUse();
  $('run-keys').textContent = codeInUse() ? 'Ctrl+Enter in the editor runs, Esc stops' : 'Enter runs, Esc stops';
  if (codeInUse()) {
    noteText.textContent = 'Your code in the editor is the program now: the form’s calls are set aside.';
    noteButton.textContent = 'Use the form’s program';
  } else if (kept !== null) {
    noteText.textContent = 'The form’s program is back. Your code is kept.';
    noteButton.textContent = 'Back to my code';
  }
  note.hidden = !codeInUse() && kept === null;
}

let foreseeTimer = 0;

/** Reads the code, marks what is wrong, and works out what it should print and when. */
function check() {
  clearTimeout(foreseeTimer);
  if (!pythonLoaded()) return;
  error = setCode(area.value, cellBox.checked);
  markError();
  onChange();
  const expected = $('expected');
  $('compare').textContent = '';
  if (error) {
    expected.textContent = `The code cannot run: ${errorText.textContent.replace(/[^.!?]$/, '$&.')} It is marked in the editor.`;
    return;
  }
  expected.textContent = 'Working out what it does…';
  // Foreseen once typing pauses: a big program takes a moment on the virtual clock.
  foreseeTimer = setTimeout(async () => {
    if (!codeInUse()) return;
    let ideal;
    try {
      ideal = await foreseeCode();
    } catch (failure) {
      // The core failed (its dialog says so), or the code could not be foreseen.
      expected.textContent = `Could not work out what it does (${failure.message}).`;
      return;
    }
    // The code changed meanwhile: its own foresight says what it does.
    if (!ideal) return;
    const printed = `${ideal.lines.toLocaleString('en')} line${ideal.lines === 1 ? '' : 's'}`;
    expected.textContent = foreseenUntil(ideal, printed) ?? (ideal.error
      ? `Expected: it prints ${printed}, then ends with an error after ${seconds(ideal.totalMs)}: ${errorLine(ideal.error)}`
      : `Expected: ${seconds(ideal.totalMs)} on the loop's clock, ${printed} printed.`);
  }, 250);
}

/**
 * What the page says of a run it stopped foreseeing, not of one that fails: a step
 * that works without awaiting for longer than a foresight's budget (a run gives it
 * seconds, and may well end), or a run that may never end.
 */
function foreseenUntil(ideal, printed) {
  const error = ideal.error ?? '';
  const by = `by ${seconds(ideal.totalMs)} on the loop's clock`;
  if (/ran for over \d+ ms without awaiting anything/.test(error)) {
    return `Expected: it prints ${printed} ${by}; then a step works without awaiting for longer than the page foresees. It blocks the loop while it works: Run shows for how long.`;
  }
  if (error.startsWith('The page stopped foreseeing')) return `Expected: it prints ${printed} ${by}, and may never end.`;
  return null;
}

/**
 * The line of a traceback that names the exception: the one after the last frame (notes
 * may follow it), or an exception group's own line inside its box.
 */
export function errorLine(traceback) {
  const lines = traceback.trimEnd().split('\n');
  if (lines[0].startsWith('  + Exception Group Traceback')) {
    const own = lines.find((line) => line.startsWith('  | ') && !line.startsWith('  |  '));
    if (own) return own.slice(4);
  }
  const lastFrame = lines.findLastIndex((line) => line.startsWith('  File '));
  if (lastFrame < 0) return lines[lines.length - 1];
  const after = lines[lastFrame + 1]?.startsWith('    ') ? lastFrame + 2 : lastFrame + 1;
  return lines[after] ?? lines[lines.length - 1];
}

/** Makes the learner's code (the editor's text) the program, loading the interpreter. */
async function useEditor() {
  const first = !codeInUse();
  useCode(true);
  kept = null;
  drawNote();
  if (first) {
    const caption = $('rust-caption');
    caption.dataset.form ??= caption.textContent;
    caption.textContent = 'Rust: what runs your code';
    $('rust-code').textContent = '// Your code runs in the Python interpreter of this page\'s Rust core\n'
      + '// (crate/src/python), on the same event loop as the form\'s programs.';
  }
  if (!pythonLoaded()) {
    onChange();
    $('expected').textContent = 'Loading the Python interpreter…';
    try {
      await loadPython();
    } catch (failure) {
      error = { message: `The Python interpreter could not load (${failure.message}). Edit the code to try again.`, place: [] };
      markError();
      $('expected').textContent = '';
      return;
    }
    if (!codeInUse()) return;
  }
  check();
}

/**
 * Opens `text` as the program (a link's code, a scene of the tour), as a notebook cell
 * if `cell`: resolves once it is read.
 */
export async function openCode(text, cell = false) {
  setText(text);
  cellBox.checked = cell;
  await useEditor();
}

/** Goes back to the form's program, keeping the learner's code. */
export function useForm() {
  if (!codeInUse()) return;
  clearTimeout(foreseeTimer);
  kept = area.value;
  keptCell = cellBox.checked;
  // The form's program is a script.
  cellBox.checked = false;
  useCode(false);
  const caption = $('rust-caption');
  caption.textContent = caption.dataset.form ?? caption.textContent;
  error = null;
  render();
  drawNote();
  // The form redraws its program, its expected run and the code views.
  onForm();
}

/** Replaces the selected lines (whole) by what `edit` makes of them, as one undo step. */
function editLines(edit) {
  const { value, selectionStart, selectionEnd } = area;
  const start = value.lastIndexOf('\n', selectionStart - 1) + 1;
  let end = value.indexOf('\n', selectionEnd - (selectionEnd > selectionStart && value[selectionEnd - 1] === '\n' ? 1 : 0));
  if (end < 0) end = value.length;
  const before = value.slice(start, end);
  const after = before.split('\n').map(edit).join('\n');
  if (after === before) return;
  area.setSelectionRange(start, end);
  insert(after);
  if (selectionStart === selectionEnd) {
    // A caret stays where it was in its line's text.
    const caret = Math.max(start, selectionStart + after.length - before.length);
    area.setSelectionRange(caret, caret);
  } else {
    area.setSelectionRange(start, start + after.length);
  }
}

/** Types `text` over the selection: undoable, and an input event like any typing. */
function insert(text) {
  if (!document.execCommand('insertText', false, text)) {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

function onKey(event) {
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
  if (event.key === 'Escape') {
    tabLeaves = true;
    return;
  }
  if (event.key === 'Tab' && plain && !tabLeaves) {
    event.preventDefault();
    const { value, selectionStart, selectionEnd } = area;
    if (event.shiftKey) {
      editLines((line) => line.replace(/^ {1,4}/, ''));
    } else if (value.slice(selectionStart, selectionEnd).includes('\n')) {
      editLines((line) => (line ? INDENT + line : line));
    } else {
      const column = selectionStart - value.lastIndexOf('\n', selectionStart - 1) - 1;
      insert(' '.repeat(4 - (column % 4)));
    }
    return;
  }
  if (event.key !== 'Shift') tabLeaves = false;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    onRun();
  } else if (event.key === 'Enter' && plain && !event.shiftKey) {
    // A new line keeps the indentation, one level more after a colon.
    event.preventDefault();
    const { value, selectionStart } = area;
    const line = value.slice(value.lastIndexOf('\n', selectionStart - 1) + 1, selectionStart);
    const indent = line.match(/^ */)[0] + (/:\s*$/.test(line) ? INDENT : '');
    insert(`\n${indent}`);
  }
}

/**
 * Wires the editor: `run` on Ctrl+Enter, `changed` whenever the program changed,
 * `formBack` when the form's program is the program again.
 */
export function initEditor({ run, changed, formBack }) {
  onRun = run;
  onChange = changed;
  onForm = formBack;
  area.addEventListener('keydown', onKey);
  area.addEventListener('blur', () => { tabLeaves = false; });
  $('to-editor').addEventListener('click', (event) => {
    event.preventDefault();
    area.scrollIntoView({ block: 'center' });
    area.focus({ preventScroll: true });
  });
  // The interpreter starts loading as soon as the learner is in the editor.
  area.addEventListener('focus', () => loadPython().catch(() => {}));
  area.addEventListener('input', () => {
    render();
    if (codeInUse()) check();
    else useEditor();
  });
  noteButton.addEventListener('click', () => {
    if (codeInUse()) {
      useForm();
    } else if (kept !== null) {
      setText(kept);
      cellBox.checked = keptCell;
      useEditor();
      area.focus();
    }
  });
  // A script or a notebook cell: the same text, read and run another way.
  cellBox.addEventListener('change', () => {
    if (codeInUse()) check();
    else useEditor();
  });
}
