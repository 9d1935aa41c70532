// The page: a form for main()'s calls, Run and Stop, and the log of what was printed.
//
// The Rust core decides what is valid and runs the program; this file only draws.
// Everything the learner typed reaches the DOM as text (textContent, setAttribute).

import init, { Run, Link, checkDelay, checkWord, idealTotalMs } from './pkg/asyncio_playground.js';

const DEFAULT_CALLS = [['1', 'hello'], ['2', 'world']];
const DEFAULT_MODE = 'sequential';

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

function setState(state) {
  document.body.dataset.state = state;
  runButton.disabled = state === 'running' || !formIsValid();
  stopButton.disabled = state !== 'running';
}

function say(text) {
  status.textContent = text;
}

// ----- the form -------------------------------------------------------------------

function addCall(delay = '1', word = '') {
  const row = $('call-row').content.firstElementChild.cloneNode(true);
  row.querySelector('[name=delay]').value = delay;
  row.querySelector('[name=word]').value = word;
  callList.append(row);
  return row;
}

function rows() {
  return [...callList.querySelectorAll('li.call')];
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
  let valid = rows().length > 0;
  for (const row of rows()) {
    const delay = row.querySelector('[name=delay]');
    const word = row.querySelector('[name=word]');
    const delayError = checkDelay(delay.value);
    const wordError = checkWord(word.value);
    delay.setAttribute('aria-invalid', String(Boolean(delayError)));
    word.setAttribute('aria-invalid', String(Boolean(wordError)));
    row.querySelector('.field-error').textContent = [delayError, wordError].filter(Boolean).join(' ');
    row.querySelector('.remove').disabled = rows().length === 1;
    valid &&= !delayError && !wordError;
  }
  return valid;
}

let lastValid = false;
function formIsValid() {
  return lastValid;
}

/** Re-checks the form and the expected total after any edit. */
function refresh() {
  lastValid = validate();
  const expected = $('expected');
  if (lastValid) {
    const { mode, delays, words } = readForm();
    const ms = idealTotalMs(mode, delays, words);
    expected.textContent = `Expected: ${seconds(ms)} from “started at” to “finished at”.`;
  } else {
    expected.textContent = 'Fix the fields marked in red to run.';
  }
  setState(document.body.dataset.state);
}

// ----- running ----------------------------------------------------------------------

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

const round3 = (x) => String(Math.round(x * 1000) / 1000);
const ms = (x) => `${x.toFixed(1)} ms`;
const signedMs = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} ms`;
const seconds = (x) => `${(x / 1000).toFixed(3).replace(/(\.\d+?)0+$/, '$1')} s`;

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
  say(`Running… printed ${log.children.length} of ${rows().length + 2} lines.`);
}

function showTotal() {
  const lines = log.children;
  const total = $('total');
  if (lines.length === 0) return;
  const last = lines[lines.length - 1];
  const at = Number(last.dataset.atMs);
  const ideal = Number(last.dataset.idealMs);
  const [, elapsedCell, idealCell, driftCell] = total.children;
  elapsedCell.textContent = ms(at);
  idealCell.textContent = ms(ideal);
  driftCell.textContent = signedMs(at - ideal);
  total.hidden = false;
}

async function start() {
  if (run || !formIsValid()) return;
  const { mode, delays, words } = readForm();
  log.replaceChildren();
  $('total').hidden = true;
  try {
    run = new Run(mode, delays, words, showLine);
  } catch (error) {
    say(`Could not start: ${error.message}`);
    setState('error');
    return;
  }
  setState('running');
  say('Running…');
  const current = run;
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

// ----- wiring -------------------------------------------------------------------------

function showNotices(notices) {
  const box = $('notices');
  $('notice-list').replaceChildren(...notices.map((notice) => {
    const li = document.createElement('li');
    li.textContent = notice;
    return li;
  }));
  box.hidden = notices.length === 0;
}

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
    addCall('1', `word ${rows().length + 1}`).querySelector('[name=delay]').focus();
    refresh();
  });
  callList.addEventListener('click', (event) => {
    const remove = event.target.closest('.remove');
    if (!remove || rows().length === 1) return;
    remove.closest('li.call').remove();
    refresh();
  });
  $('dismiss-notices').addEventListener('click', () => showNotices([]));

  const link = new Link(location.search);
  const notices = link.notices;
  fillForm(
    link.mode ?? DEFAULT_MODE,
    link.delays ?? DEFAULT_CALLS.map(([delay]) => delay),
    link.words ?? DEFAULT_CALLS.map(([, word]) => word),
  );
  const autorun = link.autorun;
  link.free();
  showNotices(notices);
  setState('idle');
  if (autorun) start();
}

main();
