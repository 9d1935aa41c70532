// CPython 3.14, for what the tests compare with it: Pyodide's build of it, from npm
// (tools/node_modules/pyodide), run by Node. Usage: tests/cpython314 SCRIPT FILE runs
// SCRIPT (a harness of tests/) with FILE as its argument, as `python3 SCRIPT FILE` would,
// its standard output and error this process's.
//
// Pyodide runs its own event loop for the browser, which the harness does not use: the
// harness's loops are CPython's selector loops on a virtual clock, which never wait on
// a socket, so the self-pipe they make for other threads' wakeups is left out.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { loadPyodide } = await import(join(here, '../tools/node_modules/pyodide/pyodide.mjs'));
const [script, file] = process.argv.slice(2).map((p) => resolve(p));
const py = await loadPyodide({
  indexURL: join(here, '../tools/node_modules/pyodide/'),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// The harness and its file, where CPython expects them.
for (const dir of new Set([dirname(script), dirname(file)])) {
  py.FS.mkdirTree(dir);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
}
py.globals.set('harness_argv', py.toPy([script, file]));
try {
  py.runPython(`
import asyncio, os, runpy, sys
from asyncio import selector_events
asyncio.events._set_running_loop(None)
selector_events.BaseSelectorEventLoop._make_self_pipe = lambda self: None
selector_events.BaseSelectorEventLoop._close_self_pipe = lambda self: None
selector_events.BaseSelectorEventLoop._write_to_self = lambda self: None
sys.argv = list(harness_argv)
sys.path.insert(0, os.path.dirname(sys.argv[0]))
os.chdir(os.path.dirname(sys.argv[0]))
runpy.run_path(sys.argv[0], run_name="__main__")
`);
} catch (e) {
  process.stderr.write(`${e}\n`);
  process.exit(1);
}
