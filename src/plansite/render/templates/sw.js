/* Service worker of the site, written at build time ({{ version }}): pages and files a reader has opened stay readable offline.
 *
 * Pages (HTML): from the network first; the copy kept is stamped with the time it was saved; without a
 * network, the kept copy is shown, marked so that the page says it is an offline copy and of which day.
 * Files (styles, scripts, pictures, data): from the copy kept, else the network (and kept).
 * Nothing is downloaded ahead: what is kept is what the reader opened, so a first visit costs no more.
 */
"use strict";
const VERSION = "{{ version }}";
const PAGES = "ps-trang-" + VERSION;
const FILES = "ps-tep-" + VERSION;
const SAVED = "x-ps-saved";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("ps-") && name !== PAGES && name !== FILES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html");
}

async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  return new Response(await response.clone().blob(), { status: response.status, statusText: response.statusText, headers });
}

async function keep(cacheName, request, response) {
  if (!response || !response.ok || response.type === "opaque") return;
  const cache = await caches.open(cacheName);
  await cache.put(request, cacheName === PAGES ? await stamped(response) : response.clone());
}

async function offlineCopy(request) {
  const cache = await caches.open(PAGES);
  const copy = (await cache.match(request, { ignoreSearch: true })) || (await cache.match(new URL("404.html", self.registration.scope).href));
  if (!copy) return Response.error();
  const saved = copy.headers.get(SAVED) || "";
  const html = (await copy.text()).replace("<html", '<html data-ps-offline="' + saved + '"');
  const headers = new Headers(copy.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(html, { status: 200, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (isPage(request)) {
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        event.waitUntil(keep(PAGES, request, response.clone()));
        return response;
      } catch (err) {
        return offlineCopy(request);
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request, { ignoreSearch: false });
    if (cached) return cached;
    const response = await fetch(request);
    event.waitUntil(keep(FILES, request, response.clone()));
    return response;
  })());
});

/* The page a reader lands on first is loaded before this worker runs: the page sends its own address
   and those of its files, and they are kept now (the browser's cache answers most of these requests). */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil((async () => {
    for (const address of data.urls) {
      const url = new URL(address, self.registration.scope);
      if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) continue;
      try {
        const request = new Request(url.href, { credentials: "same-origin" });
        const response = await fetch(request);
        await keep(address === data.page ? PAGES : FILES, request, response);
      } catch (err) {
        /* offline already: nothing to keep */
      }
    }
  })());
});
