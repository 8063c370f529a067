// Respondent pages work offline after the first load: the app shell and assets are cached,
// and the last copy of each survey form is served when the network is gone. Answers are not
// cached here: the page keeps them in localStorage and sends them when the connection returns.
const CACHE = 'respond-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(['/'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(event.request));
  if (/^\/api\/public\/s\/[a-z0-9]+$/.test(url.pathname)) return event.respondWith(networkFirst(event.request));
  if (url.pathname.startsWith('/s/')) {
    // every respondent link is the same app shell
    return event.respondWith(networkFirst(new Request('/', { credentials: 'same-origin' })));
  }
});
