// Keeps the playground working offline once it has been opened.
//
// Network first, so a rebuilt page is always picked up while the server is there; the
// cache answers only when the network does not. It lives at the root so that its scope
// covers index.html.

const CACHE = 'asyncio-playground';
const PAGE = [
  './',
  'index.html',
  'www/style.css',
  'www/icon.svg',
  'www/boot.js',
  'www/rows.js',
  'www/trusted.js',
  'www/app.js',
  'www/core.js',
  'www/store.js',
  'www/tour.js',
  'www/util.js',
  'www/views/code.js',
  'www/views/editor.js',
  'www/views/export.js',
  'www/views/form.js',
  'www/views/frames.js',
  'www/views/log.js',
  'www/views/output.js',
  'www/views/panel.js',
  'www/views/parallel.js',
  'www/worker.js',
  'www/workers.js',
  'www/views/progress.js',
  'www/views/replay.js',
  'www/views/timeline.js',
  'www/views/tour.js',
  // The tour's programs, fetched when a scene is chosen.
  'www/tour/as-tasks.py',
  'www/tour/async-for.py',
  'www/tour/asyncio-sleep.py',
  'www/tour/await-in-cell.py',
  'www/tour/call-later.py',
  'www/tour/cancel.py',
  'www/tour/count-down.py',
  'www/tour/create-task.py',
  'www/tour/event.py',
  'www/tour/forgot-await.py',
  'www/tour/gather-vs-taskgroup.py',
  'www/tour/gather.py',
  'www/tour/lock.py',
  'www/tour/loop-order.py',
  'www/tour/meanwhile.py',
  'www/tour/notebook.py',
  'www/tour/one-after-another.py',
  'www/tour/queue.py',
  'www/tour/round-robin.py',
  'www/tour/round-robin-async.py',
  'www/tour/semaphore.py',
  'www/tour/set-result.py',
  'www/tour/stop-me.py',
  'www/tour/swallowed.py',
  'www/tour/taskgroup.py',
  'www/tour/time-sleep.py',
  'www/tour/timeouts.py',
  'www/tour/uncaught-error.py',
  'www/pkg/asyncio_playground.js',
  'www/pkg/asyncio_playground_bg.wasm',
  // The core with the interpreter, which the editor and the tour's scenes need.
  'www/pkg-py/asyncio_playground.js',
  'www/pkg-py/asyncio_playground_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PAGE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          // Kept under its address without the query: a share link is the same page,
          // and the cache holds one copy of each file, however many links are opened.
          const key = new URL(request.url);
          key.search = '';
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(key.href, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true })),
  );
});
