// The page: a form for main()'s calls, Run and Stop, the log of what was printed, and
// the program as Python and as Rust.
//
// The Rust core decides what is valid, what the program is and when each line is due;
// this file only draws. Everything the learner typed reaches the DOM as text
// (textContent, value, setAttribute), never as HTML.

import init, { Run, Link, Program, checkDelay, checkWord } from './pkg/asyncio_playground.js';

const MAX_CALLS = 1000;
const MODES = ['sequential', 'tasks', 'gather', 'taskgroup'];
const MODE_NAMES = {
  sequential: 'one after another', tasks: 'as tasks', gather: 'with gather', taskgroup: 'in a TaskGroup',
};
const NOTEBOOK = 'calls=1:hello,2:world';
const hundred = Array.from({ length: 100 }, (_, i) => `${((i * 37) % 100) / 100}:task%20${i + 1}`).join(',');
/** Presets are share links: loading one is exactly like opening its link. */
const PRESETS = [
  ['The notebook: one call after the other', `mode=sequential&${NOTEBOOK}`],
  ['create_task: both calls at once', `mode=tasks&${NOTEBOOK}`],
  ['gather', `mode=gather&${NOTEBOOK}`],
  ['TaskGroup', `mode=taskgroup&${NOTEBOOK}`],
  ['Equal delays: who prints first?', 'mode=tasks&calls=1:first,1:second,1:third'],
  ['Zero delays: sleep(0) only yields', 'mode=tasks&calls=0.5:late,0:a,0:b,0:c'],
  ['A hundred tasks', `mode=gather&calls=${hundred}`],
];

const $ = (id) => document.getElementById(id);
const form = $('form');
const modeSelect = $('mode');
const callList = $('calls');
const runButton = $('run');
const stopButton = $('stop');
const log = $('log');
const status = $('status');

/** The run in progress, if any: there is never more than one. */
let run = null;
/** The form as a Program when every field is valid, as of the last refresh(); else null. */
let program = null;

function setState(state) {
  document.body.dataset.state = state;
  runButton.disabled = state === 'running' || !program;
  stopButton.disabled = state !== 'running';
  $('share').disabled = !program;
}

function say(text) {
  status.textContent = text;
}

// ----- formatting -----------------------------------------------------------------------

const round3 = (x) => String(Math.round(x * 1000) / 1000);
const ms = (x) => `${x.toFixed(1)} ms`;
const signedMs = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} ms`;
const seconds = (x) => `${(x / 1000).toFixed(3).replace(/(\.\d+?)0+$/, '$1')} s`;

// ----- the form -------------------------------------------------------------------------

function rows() {
  return [...callList.children];
}

function addCall(delay, word, before = null) {
  const row = $('call-row').content.firstElementChild.cloneNode(true);
  row.querySelector('[name=delay]').value = delay;
  row.querySelector('[name=word]').value = word;
  callList.insertBefore(row, before);
  return row;
}

function fillForm(mode, delays, words) {
  modeSelect.value = mode;
  callList.replaceChildren();
  delays.forEach((delay, i) => addCall(delay, words[i]));
  refresh();
}

function readForm() {
  const delays = [];
  const words = [];
  for (const row of rows()) {
    delays.push(row.querySelector('[name=delay]').value);
    words.push(row.querySelector('[name=word]').value);
  }
  return { mode: modeSelect.value, delays, words };
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
    row.querySelector('.field-error').textContent = [delayError, wordError].filter(Boolean).join(' ');
    row.querySelector('.remove').disabled = all.length === 1;
    row.querySelector('.up').disabled = i === 0;
    row.querySelector('.down').disabled = i === all.length - 1;
    valid &&= !delayError && !wordError;
  });
  return valid;
}

/** Re-checks the form, and redraws what depends on it, after any edit. */
function refresh() {
  program?.free();
  program = null;
  const valid = validate();
  const count = rows().length;
  $('add-call').disabled = count >= MAX_CALLS;
  $('call-count').textContent = count >= MAX_CALLS ? `${count} calls: the most a program may have.` : `${count} call${count === 1 ? '' : 's'}`;
  if (valid) {
    const { mode, delays, words } = readForm();
    program = new Program(mode, delays, words);
    const totals = program.idealTotalsMs();
    $('expected').textContent = `Expected: ${seconds(totals[MODES.indexOf(mode)])} from “started at” to “finished at”.`;
    $('compare').replaceChildren('The same calls ', ...MODES.flatMap((m, i) => {
      const part = document.createElement(m === mode ? 'strong' : 'span');
      part.textContent = `${MODE_NAMES[m]}: ${seconds(totals[i])}`;
      return [part, i < MODES.length - 1 ? ', ' : '.'];
    }));
    $('python-code').textContent = program.python();
    $('rust-code').textContent = program.rust();
  } else {
    $('expected').textContent = 'Fix the fields marked in red to run.';
    $('compare').textContent = '';
  }
  // While the form is invalid the code panes keep the last valid program, dimmed.
  document.querySelector('.code').classList.toggle('stale', !program);
  $('share-box').hidden = true;
  setState(document.body.dataset.state);
}

function moveRow(row, direction) {
  if (direction < 0 && row.previousElementSibling) {
    callList.insertBefore(row, row.previousElementSibling);
  } else if (direction > 0 && row.nextElementSibling) {
    callList.insertBefore(row.nextElementSibling, row);
  }
}

// ----- running --------------------------------------------------------------------------

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function showLine({ text, atMs, idealMs }) {
  const tr = document.createElement('tr');
  tr.dataset.text = text;
  tr.dataset.atMs = round3(atMs);
  tr.dataset.idealMs = round3(idealMs);
  const printed = document.createElement('th');
  printed.scope = 'row';
  printed.textContent = text;
  tr.append(printed, cell(ms(atMs)), cell(ms(idealMs)), cell(signedMs(atMs - idealMs)));
  log.append(tr);
}

function showTotal() {
  const last = log.lastElementChild;
  if (!last) return;
  const at = Number(last.dataset.atMs);
  const ideal = Number(last.dataset.idealMs);
  const [, elapsedCell, idealCell, driftCell] = $('total').children;
  elapsedCell.textContent = ms(at);
  idealCell.textContent = ms(ideal);
  driftCell.textContent = signedMs(at - ideal);
  $('total').hidden = false;
}

/**
 * Progress while running: lines printed, and time against the expected total. It is
 * drawn outside the live status region, so screen readers hear state changes only.
 */
function trackProgress(current, expectedMs, expectedLines) {
  const started = performance.now();
  const box = $('progress-box');
  box.hidden = false;
  const tick = () => {
    if (run !== current) {
      box.hidden = true;
      return;
    }
    const elapsed = performance.now() - started;
    $('progress').value = expectedMs > 0 ? Math.min(1, elapsed / expectedMs) : 1;
    $('progress-text').textContent = `${log.children.length} of ${expectedLines} lines, `
      + `${seconds(Math.round(elapsed / 100) * 100)} of ${seconds(expectedMs)}`;
    setTimeout(tick, 100);
  };
  tick();
}

async function start() {
  if (run || !program) return;
  log.replaceChildren();
  $('total').hidden = true;
  // main() starts in the next microtask: from here to the first await below, the
  // page does as little as it can, so "elapsed" counts from main()'s first line.
  const current = new Run(program, showLine);
  run = current;
  setState('running');
  say('Running…');
  trackProgress(current, current.idealTotalMs, rows().length + 2);
  const outcome = await current.done();
  current.free();
  // A stopped run was already reported by stop(), and a new run may have begun since.
  if (run !== current) return;
  run = null;
  showTotal();
  say(`Done: main() returned after ${log.children.length} lines.`);
  setState(outcome);
}

function stop() {
  if (!run) return;
  run.stop();
  run = null;
  say('Stopped: every task was cancelled, and nothing more will print.');
  setState('stopped');
}

// ----- links, presets, copying ------------------------------------------------------------

function showNotices(notices) {
  $('notice-list').replaceChildren(...notices.map((notice) => {
    const li = document.createElement('li');
    li.textContent = notice;
    return li;
  }));
  $('notices').hidden = notices.length === 0;
}

/** Fills the form from a share link's query; returns whether it asked to run. */
function applyLink(search) {
  const link = new Link(search);
  try {
    const defaults = new Link(NOTEBOOK);
    fillForm(link.mode ?? 'sequential', link.delays ?? defaults.delays, link.words ?? defaults.words);
    defaults.free();
    showNotices(link.notices);
    return link.autorun;
  } finally {
    link.free();
  }
}

/** Copies `text`; where the clipboard is refused, selects `element` for Ctrl+C instead. */
async function copy(text, button, element) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    if (element.select) element.select(); else getSelection().selectAllChildren(element);
    button.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { button.textContent = label; }, 2000);
}

function share() {
  if (!program) return;
  history.replaceState(null, '', `?${program.shareQuery(false)}`);
  const url = $('share-url');
  url.value = location.href;
  $('share-box').hidden = false;
  url.select();
  copy(location.href, $('share'), url);
}

// ----- wiring -----------------------------------------------------------------------------

async function main() {
  try {
    await init();
  } catch (error) {
    say(`The WebAssembly core failed to load (${error.message}). Serve the page with the README's serve command.`);
    document.body.dataset.state = 'error';
    return;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  // 'change' too: WebDriver's clear and some autofill change a value without 'input'.
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  stopButton.addEventListener('click', stop);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') stop();
  });
  $('add-call').addEventListener('click', () => {
    if (rows().length >= MAX_CALLS) return;
    addCall('1', `word ${rows().length + 1}`).querySelector('[name=delay]').focus();
    refresh();
  });
  callList.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || button.disabled) return;
    const row = button.closest('li');
    if (button.classList.contains('remove') && rows().length > 1) {
      (row.nextElementSibling ?? row.previousElementSibling).querySelector('.remove').focus();
      row.remove();
    } else if (button.classList.contains('up') || button.classList.contains('down')) {
      moveRow(row, button.classList.contains('up') ? -1 : 1);
      button.focus();
    }
    refresh();
  });
  $('dismiss-notices').addEventListener('click', () => showNotices([]));
  $('share').addEventListener('click', share);
  for (const button of document.querySelectorAll('button.copy')) {
    const code = $(button.dataset.copy);
    button.addEventListener('click', () => copy(code.textContent, button, code));
  }

  const presets = $('preset');
  for (const [name, query] of PRESETS) {
    presets.append(new Option(name, query));
  }
  presets.addEventListener('change', () => {
    if (!presets.value) return;
    applyLink(presets.value);
    presets.value = '';
  });

  const autorun = applyLink(location.search);
  setState('idle');
  if (autorun) start();
}

main();

// Offline after the first visit (see sw.js). Service workers need http(s); on a page
// opened from a file the playground simply stays online-only.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch(() => {});
}
