// The tour: a row of the tutorial's ideas at the top of the page; choosing one opens its
// card, with a few sentences, and its scenes side by side: what each shows, what it
// prints (worked out on the virtual clock by the core), and buttons that put it in the
// editor and run it, like any program of the learner's own, which it then is.

import { CARDS, findStop } from '../tour.js';
import { foreseeSource } from '../core.js';
import { $, el } from '../util.js';

const stops = $('tour-stops');
const card = $('tour-card');
/** The card shown, if any. */
let shown = null;
/** The scene last put in the editor, and its text, to share it by name while unedited. */
let loaded = null;
/** What to do with a scene: put it in the editor, and run it if asked. */
let onScene = async () => {};
/** The parallelism card's controls, loaded when it first opens. */
let workersPanel = async () => null;

/** Each program's text, fetched once. */
const texts = new Map();
function sceneText(scene) {
  if (!texts.has(scene.file)) {
    const text = fetch(new URL(`../tour/${scene.file}`, import.meta.url)).then((response) => {
      if (!response.ok) throw new Error(`${scene.file}: ${response.status} ${response.statusText}`);
      return response.text();
    });
    // A failed fetch is tried again next time.
    text.catch(() => texts.delete(scene.file));
    texts.set(scene.file, text);
  }
  return texts.get(scene.file);
}

/** The tour's text as elements: `code` and [links](#an-id) marked, the rest as text. */
function inline(text) {
  return text.split(/(`[^`]+`|\[[^\]]+\]\(#[\w-]+\))/).filter(Boolean).map((part) => {
    if (part.startsWith('`')) return el('code', { textContent: part.slice(1, -1) });
    const link = part.match(/^\[([^\]]+)\]\(#([\w-]+)\)$/);
    if (link) return el('a', { href: `#${link[2]}`, textContent: link[1] });
    return part;
  });
}

/** `0.5 s`, as the scenes' outcomes show times on the loop's clock. */
const at = (ms) => `${(Math.round(ms) / 1000).toFixed(1)} s`;

/** What a scene prints, worked out on the virtual clock: filled in once known. */
async function foresee(scene, box) {
  try {
    const ideal = await foreseeSource(await sceneText(scene), Boolean(scene.cell), 12);
    const lines = ideal.lines.map(([ms, text]) => el('span', { textContent: `${at(ms).padStart(6)}  ${text}\n` }));
    if (ideal.count > ideal.lines.length) {
      lines.push(el('span', { textContent: `        … and ${ideal.count - ideal.lines.length} more lines\n` }));
    }
    // The error where it happened: a cell's comes before what its tasks print later.
    if (ideal.error) lines.splice(Math.min(ideal.errorAfter, lines.length), 0, el('span', { className: 'note', textContent: `${ideal.error}\n` }));
    const notes = ideal.warnings.map((note) => el('span', { className: 'note', textContent: `${note}\n` }));
    if (!lines.length && !notes.length) lines.push(el('span', { textContent: '(prints nothing)' }));
    box.replaceChildren(...lines, ...notes);
  } catch (error) {
    box.textContent = `Could not work out what it prints (${error.message}).`;
  }
}

function sceneView(scene) {
  const outcome = el('pre', { className: 'outcome', textContent: 'Working out what it prints…' });
  const run = el('button', { type: 'button', className: 'run-scene', textContent: 'Run it', data: { scene: scene.name } });
  run.setAttribute('aria-label', `Run it: ${scene.label}`);
  const open = el('button', { type: 'button', className: 'quiet open-scene', textContent: 'Open in the editor', data: { scene: scene.name } });
  open.setAttribute('aria-label', `Open in the editor: ${scene.label}`);
  const link = el('a', { href: `?tour=${scene.name}`, textContent: 'Link' });
  link.setAttribute('aria-label', `Link to ${scene.label}`);
  foresee(scene, outcome);
  return el('article', { className: 'scene', data: { scene: scene.name, file: scene.file, cell: scene.cell ? '1' : '0' } },
    el('h4', {}, ...inline(scene.label), scene.cell ? el('span', { className: 'cell-tag', textContent: 'notebook cell' }) : ''),
    el('p', { className: 'look' }, el('strong', { textContent: 'Look: ' }), ...inline(scene.look)),
    el('p', { className: 'scene-actions' }, run, ' ', open, ' ', link),
    outcome);
}

/** Opens the card `name` (closes it if it is open and `toggle`). */
export function openCard(name, { toggle = false } = {}) {
  const next = toggle && shown?.name === name ? null : CARDS.find((c) => c.name === name) ?? null;
  shown = next;
  for (const button of stops.querySelectorAll('button')) {
    const open = button.dataset.card === next?.name;
    button.setAttribute('aria-expanded', String(open));
    // On a phone the stops scroll sideways: the open one is brought into the row's view.
    if (open && stops.scrollWidth > stops.clientWidth) stops.scrollLeft = button.parentElement.offsetLeft - stops.offsetLeft;
  }
  card.hidden = !next;
  if (!next) {
    card.replaceChildren();
    return;
  }
  const title = el('h3', { id: 'card-title', textContent: next.title });
  const text = el('p', { className: 'card-text' }, ...inline(next.text));
  if (next.workers) {
    card.replaceChildren(title, text, el('p', { className: 'look' }, el('strong', { textContent: 'Look: ' }), ...inline(next.look)));
    // Once loaded, and only if this very card is still the one open.
    const opened = title;
    const still = () => card.contains(opened);
    workersPanel().then((panel) => {
      if (still()) card.append(panel);
    }).catch((error) => {
      if (still()) card.append(el('p', { className: 'field-error', textContent: `The workers could not load (${error.message}).` }));
    });
    return;
  }
  card.replaceChildren(title, text,
    el('h4', { className: 'scenes-title', textContent: next.scenes.length > 1
      ? 'Its scenes, side by side: what each prints on the loop’s clock' : 'Its scene: what it prints on the loop’s clock' }),
    el('div', { className: 'scenes' }, ...next.scenes.map(sceneView)),
  );
  markLoaded();
}

/**
 * Opens the tour at stop `name` (a card or a scene); puts its scene in the editor, and
 * runs it if `run`. Returns the stop ({card, scene}), or null, having done nothing, if
 * there is no such stop.
 */
export async function openStop(name, { run = false, load = true } = {}) {
  const stop = findStop(name);
  if (!stop) return null;
  openCard(stop.card.name);
  if (stop.scene && load) await loadScene(stop.scene, run);
  return stop;
}

async function loadScene(scene, run) {
  let text;
  try {
    text = await sceneText(scene);
  } catch (error) {
    const box = card.querySelector(`[data-scene="${scene.name}"] .outcome`);
    if (box) box.textContent = `The program could not be loaded (${error.message}). Try again.`;
    return;
  }
  loaded = { scene, text };
  await onScene(text, Boolean(scene.cell), run);
  markLoaded();
}

/** The share-link query of the scene in the editor, if it is one and unedited, else null. */
export function sceneQuery(source, cell) {
  if (!loaded || loaded.text !== source || Boolean(loaded.scene.cell) !== cell) return null;
  return `tour=${loaded.scene.name}`;
}

/** Marks the scene whose program is in the editor, unedited, if its card is shown. */
function markLoaded() {
  const current = sceneQuery($('python-code').value, $('cell-mode').checked) ? loaded.scene.name : null;
  for (const article of card.querySelectorAll('.scene')) {
    const here = article.dataset.scene === current;
    if (article.classList.contains('current') !== here) article.classList.toggle('current', here);
  }
}

/** The address bar links to the stop the learner chose (`tour=name`), or to the page. */
function showAddress(name) {
  history.replaceState(null, '', name === null ? location.pathname : `?tour=${encodeURIComponent(name)}`);
}

/** The names a tour stop may have, for a link that names none of them. */
export const stopNames = () => CARDS.map((c) => c.name);

/**
 * Draws the tour's stops and wires them: `scene(text, cell, run)` puts a scene's
 * program in the editor, and runs it if `run`; `workers()` resolves to the parallelism
 * card's controls.
 */
export function initTour({ scene, workers }) {
  onScene = scene;
  workersPanel = workers;
  stops.replaceChildren(...CARDS.map((c) => {
    const button = el('button', { type: 'button', className: 'stop quiet', textContent: c.title, data: { card: c.name } });
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'tour-card');
    return el('li', {}, button);
  }));
  stops.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-card]');
    if (!button) return;
    openCard(button.dataset.card, { toggle: true });
    showAddress(shown?.name ?? null);
  });
  // Edited, or run another way, a scene is the learner's own code.
  $('python-code').addEventListener('input', markLoaded);
  $('cell-mode').addEventListener('change', markLoaded);
  // Back to the form's program, or to the code: the editor's text changed.
  $('source-switch').addEventListener('click', () => setTimeout(markLoaded));
  card.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-scene]');
    if (!button) return;
    const found = findStop(button.dataset.scene);
    if (!found) return;
    loadScene(found.scene, button.classList.contains('run-scene'));
    showAddress(found.scene.name);
  });
}
