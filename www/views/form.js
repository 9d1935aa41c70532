// The form: presets, the mode, the calls (add, remove, reorder), what the run should
// take in every mode, and Run, Stop and Share. The core checks every field, so this
// only reports what the core says; the form's valid program lives in core.js.

import { checkDelay, checkRepeat, checkWord, clearProgram, currentProgram, names, readLink, setProgram } from '../core.js';
import { $, el, seconds } from '../util.js';
import { showProgram } from './code.js';

const form = $('form');
const modeSelect = $('mode');
const callList = $('calls');
const repeatField = $('repeat');
const NOTEBOOK = 'calls=1:hello,2:world';
const hundred = Array.from({ length: 100 }, (_, i) => `${((i * 37) % 100) / 100}:task%20${i + 1}`).join(',');
const thousand = Array.from({ length: 1000 }, (_, i) => `${(i * 7) % 10 / 10}:${i + 1}`).join(',');
const ten = Array.from({ length: 10 }, (_, i) => `${i / 10}:${i + 1}`).join(',');
/** Presets are share links: loading one is exactly like opening its link. */
const PRESETS = [
  ['The notebook: one call after the other', `mode=sequential&${NOTEBOOK}`],
  ['create_task: both calls at once', `mode=tasks&${NOTEBOOK}`],
  ['gather', `mode=gather&${NOTEBOOK}`],
  ['TaskGroup', `mode=taskgroup&${NOTEBOOK}`],
  ['Equal delays: who prints first?', 'mode=tasks&calls=1:first,1:second,1:third'],
  ['Zero delays: sleep(0) only yields', 'mode=tasks&calls=0.5:late,0:a,0:b,0:c'],
  ['A hundred tasks', `mode=gather&calls=${hundred}`],
  ['A thousand tasks', `mode=gather&calls=${thousand}`],
  ['Ten thousand tasks: ten calls, a thousand times over', `mode=gather&calls=${ten}&repeat=1000`],
];

const rows = () => [...callList.children];

function addCall(delay, word, before = null) {
  const row = $('call-row').content.firstElementChild.cloneNode(true);
  row.querySelector('[name=delay]').value = delay;
  row.querySelector('[name=word]').value = word;
  callList.insertBefore(row, before);
  return row;
}

/** Fills the form, then checks and redraws it. */
export function fillForm(mode, delays, words, repeat = 1) {
  modeSelect.value = mode;
  repeatField.value = String(repeat);
  callList.replaceChildren();
  delays.forEach((delay, i) => addCall(delay, words[i]));
  refresh();
}

/** Shows the notebook's calls, the form's first program, while the core loads (the core
 * then reads and checks them, as any link's). */
export function previewForm() {
  if (rows().length) return;
  for (const call of NOTEBOOK.slice('calls='.length).split(',')) addCall(...call.split(':'));
  // (Not to be edited yet: the core fills the form afresh.)
  $('form-fields').disabled = true;
}

/** Fills the form from a share link's query; returns the link as read. */
export function applyLink(search) {
  const link = readLink(search);
  const defaults = readLink(NOTEBOOK);
  fillForm(link.mode ?? 'sequential', link.delays ?? defaults.delays, link.words ?? defaults.words, link.repeat ?? 1);
  return link;
}

function readForm() {
  const delays = [];
  const words = [];
  for (const row of rows()) {
    delays.push(row.querySelector('[name=delay]').value);
    words.push(row.querySelector('[name=word]').value);
  }
  return { mode: modeSelect.value, delays, words, repeat: repeatField.value };
}

/** Sets an element's text, if it is not that already. */
function say(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Shows each field's problem beside it; returns whether every field is fine. */
function validate() {
  const all = rows();
  let valid = all.length > 0;
  all.forEach((row, i) => {
    const delay = row.querySelector('[name=delay]');
    const word = row.querySelector('[name=word]');
    const delayError = checkDelay(delay.value);
    const wordError = checkWord(word.value);
    delay.setAttribute('aria-invalid', String(Boolean(delayError)));
    word.setAttribute('aria-invalid', String(Boolean(wordError)));
    // Live regions: rewritten only when what they say changes, so nothing is said twice.
    say(row.querySelector('.field-error'), [delayError, wordError].filter(Boolean).join(' '));
    row.querySelector('.remove').disabled = all.length === 1;
    row.querySelector('.up').disabled = i === 0;
    row.querySelector('.down').disabled = i === all.length - 1;
    valid &&= !delayError && !wordError;
  });
  const repeatError = checkRepeat(repeatField.value);
  repeatField.setAttribute('aria-invalid', String(Boolean(repeatError)));
  say($('repeat-error'), repeatError ?? '');
  return valid && !repeatError;
}

let onChange = () => {};

/** Re-checks the form and redraws what depends on it, after any edit. */
export function refresh() {
  const valid = validate();
  const count = rows().length;
  $('add-call').disabled = count >= names.maxCalls;
  const times = Number(repeatField.value);
  const made = Number.isInteger(times) && times > 1 ? `, ${(count * times).toLocaleString('en')} made in all` : '';
  $('call-count').textContent = (count >= names.maxCalls
    ? `${count} calls: the most a program may list` : `${count} call${count === 1 ? '' : 's'}`) + made;
  if (valid) {
    const { mode, delays, words, repeat } = readForm();
    const error = setProgram(mode, delays, words, repeat);
    if (error) say($('expected'), error);
  } else {
    clearProgram();
  }
  const program = currentProgram();
  if (program) {
    const totals = program.idealTotalsMs();
    const mode = modeSelect.value;
    const index = names.modes.findIndex((m) => m.name === mode);
    say($('expected'), `Expected: ${seconds(totals[index])} from “started at” to “finished at”.`);
    $('compare').replaceChildren('The same calls ', ...names.modes.flatMap((m, i) => [
      el(m.name === mode ? 'strong' : 'span', { textContent: `${m.phrase}: ${seconds(totals[i])}` }),
      i < names.modes.length - 1 ? ', ' : '.',
    ]));
  } else if (!valid) {
    say($('expected'), 'Fix the fields marked in red to run.');
    $('compare').textContent = '';
  }
  showProgram();
  $('share-box').hidden = true;
  onChange();
}

function moveRow(row, direction) {
  if (direction < 0 && row.previousElementSibling) {
    callList.insertBefore(row, row.previousElementSibling);
  } else if (direction > 0 && row.nextElementSibling) {
    callList.insertBefore(row.nextElementSibling, row);
  }
}

/** Wires the form: `run` on submit, `changed` after every edit. */
export function initForm({ run, changed }) {
  onChange = changed;
  $('form-fields').disabled = false;
  modeSelect.replaceChildren(...names.modes.map((m) => new Option(m.label, m.name)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  // 'change' too: WebDriver's clear and some autofill change a value without 'input'.
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  $('add-call').addEventListener('click', () => {
    if (rows().length >= names.maxCalls) return;
    addCall('1', `word ${rows().length + 1}`).querySelector('[name=delay]').focus();
    refresh();
  });
  callList.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || button.disabled) return;
    const row = button.closest('li');
    let focus = button;
    if (button.classList.contains('remove') && rows().length > 1) {
      // The focus goes to the next call's delay, where a keyboard user carries on.
      focus = (row.nextElementSibling ?? row.previousElementSibling).querySelector('[name=delay]');
      row.remove();
    } else if (button.classList.contains('up') || button.classList.contains('down')) {
      moveRow(row, button.classList.contains('up') ? -1 : 1);
    }
    refresh();
    // A move to the top or the bottom disables the button just used: its partner
    // takes the focus.
    if (focus.disabled) focus = row.querySelector(focus.classList.contains('up') ? '.down' : '.up');
    focus.focus();
  });
  const presets = $('preset');
  for (const [name, query] of PRESETS) presets.append(new Option(name, query));
  return presets;
}
