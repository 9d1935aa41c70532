// The page's Python, run by Pyodide, for the benchmark: a row per printed line with
// data-text and data-at-ms (ms since main() started), body[data-state], and the
// performance mark "first-line". The program comes in the URL (?program=...), as the
// playground shows it; Pyodide's loop is the browser's and is always running, so
// asyncio.run(main()) becomes a top-level `await main()`: the notebook's own lesson.

import { loadPyodide } from './node_modules/pyodide/pyodide.mjs';

const log = document.getElementById('log');
let origin = null;

function print(text) {
  origin ??= performance.now();
  const row = document.createElement('tr');
  row.dataset.text = text;
  row.dataset.atMs = String(Math.round((performance.now() - origin) * 1000) / 1000);
  row.append(Object.assign(document.createElement('td'), { textContent: text }));
  log.append(row);
  if (log.children.length === 1) performance.mark('first-line');
}

const program = new URLSearchParams(location.search).get('program') ?? '';
const pyodide = await loadPyodide({ indexURL: new URL('./node_modules/pyodide/', import.meta.url).href });
pyodide.setStdout({ batched: print });
document.body.dataset.state = 'running';
await pyodide.runPythonAsync(program.replace('asyncio.run(main())', 'await main()'));
document.body.dataset.state = 'done';
