// Micromastery service worker: serves the app shell from cache so the app opens
// with no network (never touching the API or Reflex's socket), flushes the outbox
// on Background Sync, and shows pushes (prefetching the pushed nugget).
// The build (mmapp/pwa/plugin.py) replaces the next line with the real file list.
self.__MM_PRECACHE__ = { version: "dev", files: [] };

// Names, API calls and keys shared with the pages; the sync loop (Background Sync).
// mm-i18n.js first: the others' t() (English here: the worker loads no catalogue; a
// push's title and body come already worded by the server).
importScripts(
  "/js/mm-i18n.js",
  "/js/mm-shared.js",
  "/js/mm-store.js",
  "/js/mm-outbox.js",
  "/js/mm-sync-rules.js",
  "/js/mm-media.js",
  "/js/mm-sync.js",
);
const { NAMES, MESSAGES, QUIET_REASONS, call, serverPushKey } = self.mmShared;

const { version: VERSION, files: FILES } = self.__MM_PRECACHE__;
const SHELL = NAMES.shellCachePrefix + VERSION;
const RUNTIME = NAMES.runtimeCache;
// Server pages and files, never the app shell: a credential's public page and
// downloads (/badges/...), the issuer's DID document (/.well-known/...), a shared
// skills profile (/p/...).
const NEVER = [
  /^\/api\//,
  /^\/_event/,
  /^\/_upload/,
  /^\/ping/,
  /^\/_health/,
  /^\/sw\.js$/,
  /^\/badges\/(?!achievements\/)/, // badge images: from the media cache offline
  /^\/p\//, // a shared skills profile
  /^\/\.well-known\//,
];
const FALLBACK = "/__spa-fallback.html";
const APP_NAME = "Micromastery"; // i18n: not text (a name: a push's title when it has none)
const shellUrls = new Set(FILES.map((f) => f.url));

self.addEventListener("install", (event) => {
  // Fetch past the HTTP cache, so the new shell is really the new build. No
  // skipWaiting here: an update waits until the learner chooses to apply it.
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f.url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  // Every page this worker now controls reloads on `controllerchange` (mm-bridge.js),
  // so older shells can go: no open page keeps using them.
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if ((key.startsWith(NAMES.shellCachePrefix) && key !== SHELL) || key === RUNTIME)
          await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// Background Sync: the page asked to be synced once the network is back; this runs
// even with every tab closed. mm-sync.js takes the same Web Lock as the pages.
self.addEventListener("sync", (event) => {
  if (event.tag !== NAMES.syncTag) return;
  event.waitUntil(
    (async () => {
      const result = await self.mmSync.sync("background");
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.postMessage({ type: MESSAGES.synced, ok: result.ok });
      }
      // Failing the event makes the browser try again later, with its own backoff.
      if (!result.ok && !QUIET_REASONS.includes(result.reason)) throw new Error(result.reason);
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === MESSAGES.skipWaiting) self.skipWaiting();
  // A page that opened while this worker was activating (or by a forced reload) has
  // no controller; it asks to be taken over so that it, too, works offline.
  if (event.data?.type === MESSAGES.claim) event.waitUntil(self.clients.claim());
  if (event.data?.type === MESSAGES.version && event.ports[0]) event.ports[0].postMessage(VERSION);
});

// "/nugget" or "/nugget/" -> the page's prerendered HTML, else the SPA fallback.
function shellPageFor(pathname) {
  const path = pathname.replace(/\/+$/, "") || "";
  for (const candidate of [`${path}/index.html`, `${path}.html`]) {
    if (shellUrls.has(candidate)) return candidate;
  }
  return FALLBACK;
}

async function fromCache(request) {
  // The static server answers with `Vary: Origin` and module requests carry Origin.
  return caches.match(request, { ignoreVary: true, ignoreSearch: false });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NEVER.some((pattern) => pattern.test(url.pathname))) return;

  if (request.mode === "navigate") {
    event.respondWith(
      (async () => {
        const page = await caches.match(shellPageFor(url.pathname), { ignoreVary: true });
        return page || fetch(request);
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const hit = await fromCache(request);
      if (hit) return hit;
      const response = await fetch(request);
      // Hashed build files never change: keep any we did not precache (lazy chunks).
      if (response.ok && url.pathname.startsWith("/assets/")) {
        const cache = await caches.open(RUNTIME);
        cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});

// --- Web Push ----------------------------------------------------------------------
// A push always shows a notification (iOS and Chrome require it); the tag is the
// message topic, so a newer reminder replaces an older one instead of stacking. A
// pushed nugget is pulled into the on-device store at once, so it opens in a tunnel.
self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch (_e) {
    data = { body: event.data ? event.data.text() : "" };
  }
  const url = typeof data.url === "string" && data.url.startsWith("/") ? data.url : "/";
  const shown = self.registration.showNotification(data.title || APP_NAME, {
    body: data.body || "",
    tag: data.topic || "micromastery",
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url, nugget_id: data.nugget_id || null },
  });
  const prefetch = data.nugget_id
    ? self.mmSync.sync("push").catch(() => null) // offline: the next sync brings it
    : Promise.resolve();
  event.waitUntil(Promise.all([shown, prefetch]));
});

// Open the app on the pushed nugget: reuse an open window if there is one.
async function openFromNotification(notification) {
  const target = new URL(notification.data?.url || "/", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const mine = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (!mine) return self.clients.openWindow(target);
  const landed = mine.url === target ? mine : (await mine.navigate(target)) || mine;
  return landed.focus().catch(() => landed); // focus needs the click's user activation
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification));
});

// The push service replaced the subscription: subscribe again and tell the server.
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const session = await self.mmStore.get("kv", "session");
      const old = event.oldSubscription;
      const key = old?.options ? old.options.applicationServerKey : null;
      const next =
        event.newSubscription ||
        (await self.registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: key || (await serverPushKey()).bytes,
        }));
      if (!session) return;
      if (old)
        await call("DELETE", "/push/subscriptions", session.token, { endpoint: old.endpoint }).catch(
          () => null,
        );
      await call("POST", "/push/subscriptions", session.token, next.toJSON());
    })(),
  );
});
