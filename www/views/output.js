// Beside the editor, while the learner's code is the program: what it printed, as a
// terminal shows `python3 file.py` (its lines, then its traceback), up to the shown
// moment. It takes the place of the Rust the form's programs run.

import { names } from '../core.js';
import { changed, shownAt, store, subscribe } from '../store.js';
import { $, stderrText } from '../util.js';

const terminal = $('code-output');
const out = $('code-output-lines');
const errors = $('code-output-error');
const more = $('code-output-more');
/** The first lines are shown, not more: the log has them all. */
const LIMIT = 2000;
/** How many events were read, and how many lines they printed. */
let read = 0;
let printed = 0;

function draw(changes) {
  const { run } = store;
  const upTo = run ? shownAt() : 0;
  if (changes.reset || upTo < read || !run) {
    out.textContent = '';
    read = printed = 0;
  }
  let text = '';
  for (let i = read; i < upTo; i++) {
    if (store.kind[i] !== names.kinds.printed) continue;
    if (printed < LIMIT) text += `${run.line(store.arg[i])}\n`;
    printed += 1;
  }
  read = upTo;
  if (text) out.append(text);
  more.textContent = printed > LIMIT ? `… and ${(printed - LIMIT).toLocaleString('en')} lines more: the log has them all.` : '';
  more.hidden = printed <= LIMIT;
  // What it wrote to standard error, once the moment shown is its end.
  const over = run && (!store.live || store.moment !== null) && upTo === store.n;
  const error = stderrText(run, over);
  if (errors.textContent !== error) errors.textContent = error;
  terminal.toggleAttribute('data-empty', printed === 0 && error === '');
}

subscribe({
  update(changes) {
    if (changed(changes)) draw(changes);
  },
});
