// Micromastery sync loop: pushes the outbox, then pulls content and progress by
// cursor. One flusher at a time across tabs (Web Locks); retries with exponential
// backoff and jitter, because navigator.onLine stays true when only the server is down.
// The service worker loads this file too, to flush the outbox on Background Sync.
(function () {
  "use strict";
  const S = () => self.mmStore;
  const inPage = typeof document !== "undefined";
  const API = "/api/v1";
  const BATCH = 100;
  const MAX_PAGES = 50;
  let retryTimer = null;
  let failures = 0;
  const listeners = new Set();

  class HttpError extends Error {
    constructor(status, body) {
      super((body && body.reason) || "HTTP " + status);
      this.status = status;
      this.body = body || {};
    }
  }

  async function call(method, path, token, body, signal) {
    const res = await fetch(API + path, {
      signal,
      method,
      headers: Object.assign(
        { "Content-Type": "application/json" },
        token ? { Authorization: "Bearer " + token } : {},
      ),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) throw new HttpError(res.status, data);
    return data;
  }

  function wireEvent(row) {
    const { event_id, device_seq, type, nugget_id, nugget_version, payload, client_ts } = row;
    return { event_id, device_seq, type, nugget_id, nugget_version, payload, client_ts };
  }

  async function markRejected(ids, reason) {
    await S().tx(["outbox"], "readwrite", async (s) => {
      for (const id of ids) {
        const row = await S().req(s.outbox.get(id));
        if (row) s.outbox.put({ ...row, status: "rejected", reason });
      }
    });
  }

  // This account's unsent events, oldest first, from one device id at a time (a phone
  // shared by two accounts keeps each one's answers apart).
  async function nextBatch(session) {
    const mine = (await S().all("outbox"))
      .filter((r) => r.status === "pending" && (r.user_id || session.user.id) === session.user.id)
      .sort((a, b) => a.device_seq - b.device_seq);
    if (!mine.length) return { device: null, rows: [] };
    const device = mine[0].device_id || session.device_id;
    return { device, rows: mine.filter((r) => (r.device_id || session.device_id) === device).slice(0, BATCH) };
  }

  async function flush(session, signal) {
    for (let round = 0; round < 1000; round++) {
      const { device, rows: pending } = await nextBatch(session);
      if (!pending.length) return;
      let out;
      try {
        out = await call("POST", "/sync/push", session.token, {
          device_id: device,
          events: pending.map(wireEvent),
        }, signal);
      } catch (e) {
        if (e.status === 403 && e.body.error === "nugget_not_assigned") {
          await markRejected(e.body.event_ids || [], "nugget_not_assigned");
          continue;
        }
        if (e.status === 400 || e.status === 413 || e.status === 422) {
          await markRejected(pending.map((r) => r.event_id), e.body.error || "invalid");
          continue;
        }
        throw e;
      }
      await S().tx(["outbox"], "readwrite", (s) => {
        for (const r of out.results) {
          if (r.status === "rejected") {
            const row = pending.find((p) => p.event_id === r.event_id);
            if (row) s.outbox.put({ ...row, status: "rejected", reason: r.reason });
          } else {
            s.outbox.delete(r.event_id);
          }
        }
      });
    }
  }

  // Thrown when the account changed (signed out, here or in another tab) mid-sync.
  class AccountGone extends Error {}

  async function pull(session, signal) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = await S().get("kv", "cursor");
      const q = cursor ? "?cursor=" + encodeURIComponent(cursor) : "";
      const data = await call("GET", "/sync/pull" + q, session.token, undefined, signal);
      // Apply the page and advance the cursor in one transaction: a crash in between
      // replays the page, never skips it. Only into the account that asked for it.
      const applied = await S().forAccount(session, ["nuggets"], (s) => {
        if (data.reset) s.nuggets.clear();
        for (const n of data.nuggets) s.nuggets.put(n);
        for (const id of data.tombstones) s.nuggets.delete(id);
        s.kv.put(data.cursor, "cursor");
        if (data.progress) s.kv.put(data.progress, "progress");
      });
      if (!applied) throw new AccountGone("signed out during the sync");
      if (!data.has_more) return;
    }
  }

  // --- images in nuggets: same-origin pictures kept in Cache Storage, so a nugget
  // opens whole in a tunnel. The service worker answers from every cache.
  const MEDIA = "mm-media";
  const IMAGE = /!\[[^\]]*\]\((\/[^)\s]+)|<img[^>]+src=["'](\/[^"']+)["']/g;
  const BUDGET_SHARE = 0.8; // leave a fifth of the quota for answers and nuggets

  function imageUrls(nugget) {
    const text = [nugget.context_html, nugget.way_in_html, nugget.payoff_html, ...(nugget.practice_steps || []),
      ...(nugget.quiz || []).flatMap((q) => [q.prompt, q.explanation_html])].join("\n");
    return [...text.matchAll(IMAGE)].map((m) => new URL(m[1] || m[2], self.location.origin).href);
  }

  async function roomFor() {
    if (!navigator.storage || !navigator.storage.estimate) return true;
    const { usage, quota } = await navigator.storage.estimate();
    return !quota || usage < quota * BUDGET_SHARE;
  }

  async function syncMedia(session, signal) {
    if (!self.caches) return;
    const wanted = new Set((await S().all("nuggets")).flatMap(imageUrls));
    const cache = await caches.open(MEDIA);
    const have = new Set();
    for (const request of await cache.keys()) {
      if (wanted.has(request.url)) have.add(request.url);
      else await cache.delete(request); // its nugget was retracted or replaced
    }
    for (const url of wanted) {
      if (have.has(url)) continue;
      if (!(await roomFor())) return; // the learner sees usage on the Progress page
      const response = await fetch(url, { signal });
      if (!response.ok) continue;
      await cache.put(url, response);
      // Signed out meanwhile: the sign-out emptied this cache; keep it empty.
      const now = await S().get("kv", "session");
      if (!now || now.token !== session.token) { await cache.delete(url); throw new AccountGone("signed out"); }
    }
  }

  function schedule() {
    clearTimeout(retryTimer);
    const base = Math.min(60000, 2000 * 2 ** Math.min(failures, 5));
    const delay = base / 2 + Math.random() * base / 2; // "equal jitter"
    retryTimer = setTimeout(() => sync("retry"), delay);
  }

  // "Wi-Fi only" holds content downloads back on a cellular connection, where the
  // browser tells the connection type at all; answers (a few KB) always go up.
  function downloadsWait(setting) {
    const type = navigator.connection && navigator.connection.type;
    return setting === "wifi" && ["cellular", "wimax", "bluetooth"].includes(type);
  }

  // Ask the browser to wake the service worker once it is back online, even if every
  // tab is closed by then (Chromium's Background Sync). The worker's flush takes the
  // same Web Lock, and the server stores each event once, so nothing is sent twice.
  async function askBackgroundSync() {
    if (!inPage || !("serviceWorker" in navigator)) return;
    try {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg && reg.sync) await reg.sync.register("mm-outbox");
    } catch (e) { /* not offered: the retry timer and triggers still run */ }
  }

  // The run in flight in this page or worker: its requests' abort controller, and a
  // promise that settles when it has ended.
  let inFlight = null;

  async function run() {
    const session = await S().get("kv", "session");
    if (!session) return { ok: false, reason: "signed_out" };
    const controller = new AbortController();
    const { signal } = controller;
    let ended;
    const me = { controller, done: new Promise((resolve) => { ended = resolve; }) };
    inFlight = me;
    try {
      await flush(session, signal);
      const deferred = downloadsWait(await S().get("kv", "downloads"));
      if (!deferred) {
        await pull(session, signal);
        await syncMedia(session, signal);
      }
      failures = 0;
      clearTimeout(retryTimer);
      const same = await S().forAccount(session, [], (s) => { s.kv.put(new Date().toISOString(), "last_sync"); });
      return same ? { ok: true, deferred } : { ok: false, reason: "signed_out" };
    } catch (e) {
      // Signing out (here or in another tab): nothing more to do for this account.
      if (signal.aborted || e instanceof AccountGone) return { ok: false, reason: "signed_out" };
      if (e.status === 401) {
        // Only mark this account's sign-in expired if it is still the one on the phone:
        // a sign-out revokes the token, and must not bring the old session back.
        await S().forAccount(session, [], (s) => { s.kv.put({ ...session, expired: true, reason: e.message }, "session"); });
        return { ok: false, reason: "expired", message: e.message };
      }
      failures += 1;
      if (inPage) schedule();
      askBackgroundSync();
      // No HTTP answer at all: no connection. An HTTP error: the server is struggling.
      const reason = e instanceof HttpError ? "server" : "offline";
      return { ok: false, reason, message: e.message };
    } finally {
      if (inFlight === me) inFlight = null;
      ended();
    }
  }

  // Sign-out: stop this page's sync (its pull would be for the account going away),
  // then send the account's waiting answers unless another tab or the worker is
  // syncing (its run sends them; any left stay in the outbox for this learner's next
  // sign-in here). Never pulls.
  async function stopAndFlush() {
    clearTimeout(retryTimer);
    const active = inFlight;
    if (active) {
      active.controller.abort();
      await active.done;
    }
    const go = async () => {
      const session = await S().get("kv", "session");
      if (session) await flush(session).catch(() => null);
    };
    if (!navigator.locks) return go();
    return navigator.locks.request("mm-sync", { ifAvailable: true }, (lock) => (lock ? go() : null));
  }

  let running = null;
  let again = false;
  // One flusher across tabs and the service worker (Web Locks). If another holds the
  // lock, wait for its run to end (at most 30 s), then run here too: what it sent is
  // on the server by then, so nothing goes twice, and this tab's status comes from a
  // run of its own, not from a skip.
  async function once() {
    if (!navigator.locks) return run();
    const now = await navigator.locks.request("mm-sync", { ifAvailable: true }, (lock) => (lock ? run() : null));
    if (now) return now;
    try {
      return await navigator.locks.request("mm-sync", { signal: AbortSignal.timeout(30000) }, run);
    } catch (e) {
      return { ok: false, reason: "other_tab" };
    }
  }

  // One run at a time; a call during a run (say, a new answer) makes it go round once
  // more, so nothing recorded mid-sync waits for the next trigger.
  async function sync(trigger) {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result;
      do {
        again = false;
        result = await once();
      } while (again && result.ok);
      return result;
    })().finally(() => { running = null; });
    const result = await running;
    listeners.forEach((fn) => fn(result, trigger));
    return result;
  }

  if (inPage) {
    window.addEventListener("online", () => sync("online"));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") sync("visible");
    });
    // Wi-Fi found again: downloads held back by "Wi-Fi only" can go.
    if (navigator.connection) navigator.connection.addEventListener("change", () => sync("connection"));
  }

  self.mmSync = { call, sync, stopAndFlush, HttpError, onResult: (fn) => listeners.add(fn) };
})();
