// The loop at the shown moment: the task running now, the ready queue in order, and
// the pending timers in the order they fire, with the one browser timer behind them.
// Tasks are named in data-task by their number in creation order (N of Task-N).

import { formatMs } from '../core.js';
import { changed, store, subscribe } from '../store.js';
import { $, el } from '../util.js';
import { runningLine } from './frames.js';

const running = $('running');
/** How many items a queue shows; a note counts the rest. */
const SHOWN = 12;
const lists = Object.fromEntries(['ready', 'timers'].map((id) => [id, { list: $(id), items: new Map() }]));

const label = (id) => `${store.run.taskName(id)} ${store.run.taskLabel(id)}`;

/**
 * Shows `keys`, the first of `count`, in list `id`, in order, making an item for a new
 * key with `make`; items that stay are kept, so a frame changes only what changed.
 */
function redraw(id, keys, count, make) {
  const { list, items } = lists[id];
  const wanted = new Set(keys);
  for (const [key, item] of items) {
    if (!wanted.has(key)) {
      item.remove();
      items.delete(key);
    }
  }
  let next = list.firstElementChild;
  for (const key of wanted) {
    let item = items.get(key);
    if (!item) {
      item = make(key);
      items.set(key, item);
    }
    if (item === next) next = next.nextElementSibling;
    else list.insertBefore(item, next);
  }
  $(`${id}-empty`).hidden = count > 0;
  const more = $(`${id}-more`);
  more.hidden = count <= keys.length;
  more.textContent = count > keys.length ? `and ${count - keys.length} more` : '';
}

/** The line the running task stands at (from the frames view), in data-line and words. */
function showLine() {
  const now = store.run?.running ?? -1;
  const line = (now >= 0 || store.line !== null) && runningLine > 0 ? String(runningLine) : '';
  if (running.dataset.line === line && (line === '') === !running.querySelector('.line-note')) return;
  running.dataset.line = line;
  running.querySelector('.line-note')?.remove();
  if (line) running.append(el('span', { className: 'line-note', textContent: `, at line ${line}` }));
}

document.addEventListener('frames-read', showLine);

function draw() {
  const { run } = store;
  if (!run) {
    running.dataset.task = '';
    running.dataset.line = '';
    running.textContent = 'nothing: the loop is idle';
    redraw('ready', [], 0, null);
    redraw('timers', [], 0, null);
    $('alarm').textContent = '';
    return;
  }
  const now = run.running;
  running.dataset.task = now < 0 ? '' : String(now + 1);
  running.textContent = now < 0 ? 'nothing: the loop is idle' : label(now);
  showLine();

  redraw('ready', [...run.ready(SHOWN)].map(String), run.readyCount, (key) =>
    el('li', { textContent: label(Number(key)), data: { key, task: String(Number(key) + 1) } }));

  redraw('timers', [...run.timers(SHOWN)].map(String), run.timerCount, (key) => {
    const timer = Number(key);
    const task = run.timerTask(timer);
    const deadline = run.timerDeadlineMs(timer);
    return el('li', { data: { key, task: String(task + 1), deadlineMs: String(deadline) } },
      el('strong', { textContent: formatMs(deadline) }), ` ${label(task)}`);
  });

  const alarm = run.alarmMs;
  $('alarm').textContent = !store.measured ? ''
    : Number.isNaN(alarm) ? 'No browser timer is set.'
      : `Its one browser timer: set for ${formatMs(alarm)}.`;
}

subscribe({
  update(changes) {
    if (!changed(changes)) return;
    if (changes.reset) {
      // A new run numbers its tasks and timers anew: nothing of the last one is reused.
      for (const { list, items } of Object.values(lists)) {
        items.clear();
        list.replaceChildren();
      }
    }
    if (changes.reset || changes.moment || changes.state) draw();
  },
});
