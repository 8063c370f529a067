// Respondent pages work offline after the first load. The app shell and hashed assets come
// from the cache at once (and the shell is refreshed in the background); the form is asked
// from the network first and served from the cache when the network is gone or too slow.
// Answers are never cached here: the page keeps them in localStorage and sends them itself.
const CACHE = 'respond-v3';
const FORM_TIMEOUT_MS = 2500;

self.addEventListener('install', (event) => {
  // the shell under /s/: a separate survey host (SURVEY_URL) serves nothing outside /s/ and /api/public/
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(['/s/'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

// the page tells which assets its first load used (they came before this worker was in control)
self.addEventListener('message', (event) => {
  const urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then((c) => Promise.all(urls.map((u) => c.match(u).then((hit) => hit || c.add(u).catch(() => {}))))));
});

async function staleWhileRevalidate(request, key, fallback) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  const fresh = fetch(request).then((response) => {
    if (response.ok) cache.put(key, response.clone());
    return response;
  });
  if (cached) {
    fresh.catch(() => {});
    return cached;
  }
  // offline on a link never opened before: the plain shell still runs the page
  return fresh.catch(async () => (await cache.match(fallback)) || Response.error());
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  });
  const cached = await cache.match(request);
  if (!cached) return network;
  // a slow rural network: after a while the last copy is good enough
  const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), FORM_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), timeout]);
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
    // the shell of each link (its preload hints name its form), refreshed in the background
    return event.respondWith(staleWhileRevalidate(event.request, new Request(url.pathname), '/s/'));
  }
});
