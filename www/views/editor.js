// The Python editor: a plain textarea over a copy of its text that carries the line
// marks (where each task stands, where an error is), with line numbers beside it. It
// shows the form's program until the learner edits it; from then on the learner's code
// is the program, read by the interpreter's core (loaded on first use), until they go
// back to the form's. Their code is kept when they do, to come back to.

import { codeInUse, colourNames, foreseeCode, highlight, loadPython, pythonLoaded, setCode, useCode } from '../core.js';
import { $, downloaded, el, seconds } from '../util.js';

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

/** The text's colours, as the interpreter's tokenizer reads it (see core.js's
 * highlight): [start, end, colour] per token, in UTF-16 offsets; null before the
 * interpreter has loaded. */
let colours = null;
/** Where each line of the text starts (UTF-16 offsets). */
let lineStarts = [0];
/** The brackets' partners, both ways (offsets), and the brackets that have none. */
let partners = new Map();
let unmatched = new Set();
/** The brackets marked at the caret: [offset, class] pairs. */
let atCaret = [];
/** Per line: what its element shows (see lineKey), to redraw only the lines that changed. */
let keys = [];

/** Draws the text's lines behind the textarea, coloured, and their numbers beside it. */
function render() {
  const text = area.value;
  const parts = text.split('\n');
  lineStarts = [0];
  for (let i = 0; i < parts.length - 1; i++) lineStarts.push(lineStarts[i] + parts[i].length + 1);
  colours = highlight(text);
  pairBrackets(text);
  atCaret = bracketsAtCaret();
  // The text changed: the lines are new (code.js marks them again, or not at all), though
  // the elements of lines that read the same are kept.
  const before = lines;
  const next = parts.map((line, i) => lineKey(line, i));
  let same = 0;
  while (same < before.length && same < next.length && keys[same] === next[same]) same++;
  let sameEnd = 0;
  while (sameEnd < before.length - same && sameEnd < next.length - same
    && keys[before.length - 1 - sameEnd] === next[next.length - 1 - sameEnd]) sameEnd++;
  const made = parts.slice(same, parts.length - sameEnd).map(() => el('span', { className: 'line' }));
  const gone = before.slice(same, before.length - sameEnd);
  const anchor = before[before.length - sameEnd] ?? null;
  for (const line of gone) {
    line.nextSibling?.remove();
    line.remove();
  }
  for (const line of made) {
    if (anchor) anchor.before(line, '\n');
    else backdrop.append(line, '\n');
  }
  lines = [...before.slice(0, same), ...made, ...before.slice(before.length - sameEnd)];
  keys = next;
  for (const line of lines) {
    line.classList.remove('suspended', 'running-line');
    delete line.dataset.tasks;
  }
  for (let i = same; i < lines.length; i++) lines[i].dataset.line = String(i + 1);
  for (let i = same; i < same + made.length; i++) drawLine(i, parts[i]);
  if (gutter.children.length !== lines.length) {
    const numbers = [...gutter.querySelectorAll('span')];
    for (const number of numbers.slice(lines.length)) {
      number.nextSibling?.remove();
      number.remove();
    }
    for (let i = numbers.length; i < lines.length; i++) gutter.append(el('span', { textContent: String(i + 1) }), '\n');
  }
  // (The lines were drawn with the error's place already: see ranges.)
  sayError();
}

/** What line `i` (its text `line`) shows: its text, and its colours and marks. */
function lineKey(line, i) {
  return `${ranges(i, line.length).join(';')}\u0000${line}`;
}

/** Line `i`'s coloured stretches and marks, as [from, to, class] within the line. */
function ranges(i, length) {
  const start = lineStarts[i];
  const end = start + length;
  const out = [];
  if (colours) {
    // (The colours are in order: the first one that ends past the line's start, found
    // by bisection, and on.)
    let low = 0;
    let high = colours.length / 3;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (colours[mid * 3 + 1] <= start) low = mid + 1;
      else high = mid;
    }
    for (let k = low * 3; k < colours.length && colours[k] < end; k += 3) {
      out.push([Math.max(colours[k], start) - start, Math.min(colours[k + 1], end) - start, `tok-${colourNames()[colours[k + 2]]}`]);
    }
  }
  for (const [at, name] of atCaret) {
    if (at >= start && at < end) out.push([at - start, at - start + 1, name]);
  }
  const place = error?.place;
  if (place?.[0] === i + 1) out.push([...errorColumns(place, area.value.slice(start, end)), 'error-at']);
  return out;
}

/** The error's place on its line as UTF-16 offsets within `text`: Python counts columns
 * in characters (code points). */
function errorColumns([line, column, endLine, endColumn], text) {
  const chars = [...text];
  const from = Math.min(column - 1, chars.length);
  const to = endLine === line ? Math.max(from + 1, endColumn - 1) : chars.length;
  const offset = (n) => chars.slice(0, n).join('').length + Math.max(0, n - chars.length);
  return [offset(from), Math.max(offset(to), offset(from) + 1)];
}

/** Draws line `i` (its text `text`) with its colours and marks. */
function drawLine(i, text) {
  const found = ranges(i, text.length);
  if (found.length === 0) {
    lines[i].textContent = text;
    return;
  }
  // (A mark past the line's end, as an error at its end, underlines spaces there.)
  const padded = text.padEnd(Math.max(...found.map(([, to]) => to)));
  // Cut at every range's ends: each piece has the classes of the ranges over it.
  const cuts = [...new Set([0, padded.length, ...found.flatMap(([from, to]) => [from, to])])].sort((a, b) => a - b);
  const pieces = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [from, to] = [cuts[k], cuts[k + 1]];
    const classes = found.filter(([a, b]) => a <= from && b >= to).map(([, , name]) => name);
    const piece = padded.slice(from, to);
    pieces.push(classes.length ? el('span', { className: classes.join(' '), textContent: piece }) : piece);
  }
  lines[i].replaceChildren(...pieces);
}

/** Redraws the lines whose colours or marks changed (the text did not). */
function redraw() {
  const parts = area.value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const key = lineKey(parts[i], i);
    if (key === keys[i]) continue;
    keys[i] = key;
    drawLine(i, parts[i]);
  }
}

/** Pairs each bracket with its partner, as Python nests them. */
function pairBrackets(text) {
  partners = new Map();
  unmatched = new Set();
  if (!colours) return;
  const open = [];
  const bracket = colourNames().indexOf('bracket');
  for (let k = 0; k < colours.length; k += 3) {
    if (colours[k + 2] !== bracket) continue;
    const at = colours[k];
    const c = text[at];
    if ('([{'.includes(c)) {
      open.push(at);
    } else if (open.length && text[open[open.length - 1]] === '([{'[')]}'.indexOf(c)]) {
      const from = open.pop();
      partners.set(from, at).set(at, from);
    } else {
      unmatched.add(at);
    }
  }
  open.forEach((at) => unmatched.add(at));
}

/** The brackets to mark for the caret: the one just after it (or else just before it),
 * and its partner, or that it has none. */
function bracketsAtCaret() {
  if (document.activeElement !== area || area.selectionStart !== area.selectionEnd) return [];
  const caret = area.selectionStart;
  for (const at of [caret, caret - 1]) {
    if (partners.has(at)) return [[at, 'bracket-match'], [partners.get(at), 'bracket-match']];
    if (unmatched.has(at)) return [[at, 'bracket-unmatched']];
  }
  return [];
}

/** Marks the brackets at the caret as it moves. */
function followCaret() {
  const next = bracketsAtCaret();
  if (JSON.stringify(next) === JSON.stringify(atCaret)) return;
  atCaret = next;
  redraw();
}

/** Marks the error's line, underlines its place, and says it below the editor. */
function markError() {
  sayError();
  redraw();
}

/** Marks the error's line and its number, and says it below the editor. */
function sayError() {
  for (const number of gutter.querySelectorAll('.error')) number.classList.remove('error');
  for (const line of backdrop.querySelectorAll('.line.error')) line.classList.remove('error');
  area.setAttribute('aria-invalid', String(Boolean(error)));
  errorText.textContent = !error ? '' : error.place[0] ? `Line ${error.place[0]}, column ${error.place[1]}: ${error.message}` : error.message;
  const line = error?.place[0];
  if (line && lines[line - 1]) {
    lines[line - 1].classList.add('error');
    gutter.children[line - 1]?.classList.add('error');
  }
}

/** Shows `text` in the editor (the form's program, or code from a link). */
function setText(text) {
  if (area.value === text) return;
  area.value = text;
  render();
}

/** Shows a link's code while the core that reads it loads (openCode then opens it), with
 * the form's fields set aside, as they will be; or, for a link whose program the core has
 * yet to make (its calls, a tour stop), nothing (null). */
export function previewCode(text) {
  setText(text ?? '');
  fields.hidden = text !== null;
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
  useCode(true);
  kept = null;
  drawNote();
  // Beside the code, in place of the form's Rust: what the code printed.
  $('rust-figure').hidden = true;
  $('output-figure').hidden = false;
  if (!pythonLoaded()) {
    onChange();
    $('expected').textContent = 'Loading the Python interpreter…';
    // How much of it has arrived, as it arrives.
    const progress = (event) => {
      if (event.detail.url.includes('pkg-py') && !pythonLoaded()) {
        $('expected').textContent = `Loading the Python interpreter: ${downloaded(event.detail)}…`;
      }
    };
    window.addEventListener('coreprogress', progress);
    try {
      await loadPython();
    } catch (failure) {
      error = { message: `The Python interpreter could not load (${failure.message}). Edit the code to try again.`, place: [] };
      markError();
      $('expected').textContent = '';
      return;
    } finally {
      window.removeEventListener('coreprogress', progress);
    }
    // Coloured now, by the interpreter's tokenizer.
    render();
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
  $('rust-figure').hidden = false;
  $('output-figure').hidden = true;
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
  area.addEventListener('focus', () => {
    if (pythonLoaded()) followCaret();
    else loadPython().then(render, () => {});
  });
  // The brackets at the caret are marked as it moves (and not once the editor is left).
  document.addEventListener('selectionchange', followCaret);
  for (const type of ['select', 'keyup', 'mouseup', 'blur']) area.addEventListener(type, followCaret);
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

// The text index.html holds (the form's first program) is drawn at once, before the core.
render();
