// The page's first script, loaded before its stylesheet and modules (the page's security
// policy allows no inline script, so this is a file of its own).
//
// 1. The core compiles while the page's modules load (www/core.js picks it up). A link
//    with code of its own needs the core with the interpreter, which holds all of the
//    other: that one alone, then. Its bytes are counted as they arrive, and told
//    (`coreprogress` events, and `coreLoading` by address), for the page to show.
// 2. A link's layout is set before anything is drawn: `embed=1`, for a course page's
//    frame, and `font=large`, for a projector (the core reads the link too, and says
//    what is wrong with it).
// 3. Anything that goes wrong on the page, from here on, is kept in `pageProblems` and
//    told to whoever listens (app.js shows it): an uncaught exception, a promise
//    rejected with no one to catch it, something the security policy blocked. Nothing
//    fails silently, and the end-to-end tests fail on any of them.

window.coreLoading = {};
/** Fetches and compiles the wasm at `url`, telling how many of its bytes have arrived. */
window.compileCore = (url) => fetch(url).then((response) => {
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  // (The size sent: a server that compresses it sends fewer bytes than arrive.)
  const total = Number(response.headers.get('Content-Length')) || 0;
  let loaded = 0;
  const report = (done) => {
    const detail = { url, loaded, total, done };
    window.coreLoading[url] = detail;
    window.dispatchEvent(new CustomEvent('coreprogress', { detail }));
  };
  report(false);
  if (!response.body || !window.TransformStream) return WebAssembly.compileStreaming(response);
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      report(false);
      controller.enqueue(chunk);
    },
    flush() {
      report(true);
    },
  }));
  return WebAssembly.compileStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }));
});
window.coreWithPython = /[?&]code=/.test(location.search);
window.compilingCore = WebAssembly.compileStreaming && window.compileCore(window.coreWithPython
  ? 'www/pkg-py/asyncio_playground_bg.wasm' : 'www/pkg/asyncio_playground_bg.wasm');
window.compilingCore?.catch(() => {});

document.documentElement.classList.toggle('embed', /[?&]embed=1(&|$)/.test(location.search));
document.documentElement.classList.toggle('font-large', /[?&]font=large(&|$)/.test(location.search));

window.pageProblems = [];
{
  const problem = (text) => {
    window.pageProblems.push(text);
    window.dispatchEvent(new CustomEvent('pageproblem', { detail: text }));
  };
  const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  window.addEventListener('error', (event) => problem(describe(event.error ?? event.message)));
  window.addEventListener('unhandledrejection', (event) => problem(describe(event.reason)));
  document.addEventListener('securitypolicyviolation', (event) => problem(
    `The page's security policy blocked ${event.blockedURI || 'something'} (${event.violatedDirective}).`));
}
