// Micromastery sync loop: pushes the outbox in batches under the server's limits,
// then pulls content and progress by cursor. One flusher at a time across tabs (Web
// Locks); retries with exponential backoff and jitter, because navigator.onLine stays
// true when only the server is down. The decisions are pure, in mm-sync-rules.js;
// this file does the I/O. The service worker loads it too (Background Sync).
(() => {
  "use strict"; // i18n: not text
  const S = () => self.mmStore;
  const { call, HttpError, NAMES, FAREWELL } = self.mmShared;
  const R = self.mmSyncRules;
  const inPage = typeof document !== "undefined";
  const MAX_PAGES = 50;
  let retryTimer = null;
  let failures = 0;
  const listeners = new Set();
  // The server's push limits, asked once per page or worker (and again when it
  // refuses a batch as too big): a deploy may change them.
  let limits = null;

  async function serverLimits(session, signal) {
    if (!limits) limits = R.readLimits(await call("GET", "/sync/limits", session.token, undefined, signal));
    return limits;
  }

  async function markRejected(ids, reason) {
    await S().tx(["outbox"], "readwrite", async (s) => {
      for (const id of ids) {
        const row = await S().req(s.outbox.get(id));
        if (row) s.outbox.put({ ...row, status: "rejected", reason });
      }
    });
  }

  // Push this account's outbox in batches the server takes (mm-sync-rules.js says
  // which rows go, and what each answer means for them).
  async function flush(session, signal) {
    let cap = null; // fewer events per batch after a refusal, for the rest of this flush
    for (let round = 0; round < 1000; round++) {
      const rows = await S().all("outbox");
      if (!R.pendingFor(rows, session).length) return;
      const batch = R.nextBatch(rows, session, await serverLimits(session, signal), cap);
      if (batch.tooBig.length) {
        await markRejected(
          batch.tooBig.map((r) => r.event_id),
          "body_too_large",
        );
        continue;
      }
      let out;
      try {
        out = await call("POST", "/sync/push", session.token, R.pushBody(batch), signal);
      } catch (e) {
        const next = R.pushFailure(e, batch.rows);
        if (next.action === "reject") await markRejected(next.ids, next.reason);
        else if (next.action === "shrink") {
          limits = null; // ask again: the server may have been configured lower
          cap = next.cap;
        } else if (next.action === "isolate") cap = 1;
        else throw e;
        continue;
      }
      const { remove, reject } = R.pushOutcome(batch.rows, out);
      await S().tx(["outbox"], "readwrite", (s) => {
        for (const row of reject) s.outbox.put(row);
        for (const id of remove) s.outbox.delete(id);
      });
      // An answer that settled none of the batch would send it again forever.
      if (!remove.length && !reject.length) throw new HttpError(502, { reason: "push answered nothing" }); // i18n: not text
    }
  }

  // Thrown when the account changed (signed out, here or in another tab) mid-sync.
  class AccountGone extends Error {}

  async function pull(session, signal) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = await S().get("kv", "cursor");
      const version = await S().get("kv", "reviews_version");
      const params = new URLSearchParams();
      if (cursor) params.set("cursor", cursor);
      if (Number.isInteger(version)) params.set("reviews_after", String(version));
      const q = params.size ? `?${params}` : "";
      const data = await call("GET", `/sync/pull${q}`, session.token, undefined, signal);
      // Apply the page and advance the cursor in one transaction: a crash in between
      // replays the page, never skips it. Only into the account that asked for it.
      const applied = await S().forAccount(session, ["nuggets", "outbox"], async (s) => {
        if (data.reset) s.nuggets.clear();
        for (const n of data.nuggets) s.nuggets.put(n);
        for (const id of data.tombstones) s.nuggets.delete(id);
        s.kv.put(data.cursor, "cursor");
        if (data.progress) {
          s.kv.put(data.progress, "progress");
          // The pull's teach-backs hold every one pushed before it: the log keeps only
          // those still waiting in the outbox (a refused one shows as rejected there).
          const teach = (await S().req(s.kv.get("teach_log"))) || [];
          const waiting = await Promise.all(teach.map((e) => S().req(s.outbox.get(e.event_id))));
          s.kv.put(
            teach.filter((_, i) => waiting[i]?.status === "pending"),
            "teach_log",
          );
        }
        if (data.reviews) {
          // The cards changed since the version this phone held (or all of them). They
          // hold every answer pushed before this pull: the review log keeps only
          // answers still waiting in the outbox.
          const held = data.reviews_full ? [] : (await S().req(s.kv.get("reviews"))) || [];
          const merged = new Map(held.map((c) => [c.item_id, c]));
          for (const card of data.reviews) merged.set(card.item_id, card);
          s.kv.put([...merged.values()], "reviews");
          s.kv.put(data.reviews_version, "reviews_version");
          const log = (await S().req(s.kv.get("review_log"))) || [];
          const waiting = await Promise.all(log.map((e) => S().req(s.outbox.get(e.event_id))));
          s.kv.put(
            log.filter((_, i) => waiting[i]?.status === "pending"),
            "review_log",
          );
        }
      });
      if (!applied) throw new AccountGone("signed out during the sync"); // i18n: not text
      if (!data.has_more) return;
    }
  }

  // The language chosen on this phone goes to the account (kv "locale_pending":
  // { locale: "de" | "en" | null } until the server has it, or refused it with a 4xx).
  // Offline, or the server failing, it stays for the next sync. One at a time, so the
  // server ends up with the latest choice.
  let localeQueue = Promise.resolve();
  function sendLocale(session, signal) {
    const send = async () => {
      const pending = await S().get("kv", "locale_pending");
      if (!pending || !session) return;
      try {
        await call("PUT", "/me/locale", session.token, { locale: pending.locale || null }, signal);
      } catch (e) {
        const refused = e instanceof HttpError && e.status >= 400 && e.status < 500 && e.status !== 401;
        if (!refused) return; // offline, expired or the server failing: kept
      }
      await S().forAccount(session, [], async (s) => {
        const now = await S().req(s.kv.get("locale_pending"));
        if (now && now.locale === pending.locale) s.kv.delete("locale_pending");
      });
    };
    localeQueue = localeQueue.then(send, send);
    return localeQueue;
  }

  function schedule() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => sync("retry"), R.backoffDelay(failures, Math.random));
  }

  // "Wi-Fi only" holds content downloads back on a cellular connection, where the
  // browser tells the connection type at all; answers (a few KB) always go up.
  function downloadsWait(setting) {
    const type = navigator.connection?.type;
    return setting === "wifi" && ["cellular", "wimax", "bluetooth"].includes(type);
  }

  // Ask the browser to wake the service worker once it is back online, even if every
  // tab is closed by then (Chromium's Background Sync). The worker's flush takes the
  // same Web Lock, and the server stores each event once, so nothing is sent twice.
  async function askBackgroundSync() {
    if (!inPage || !("serviceWorker" in navigator)) return;
    try {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.sync) await reg.sync.register(NAMES.syncTag);
    } catch (_e) {
      /* not offered: the retry timer and triggers still run */
    }
  }

  // The run in flight in this page or worker: its requests' abort controller, and a
  // promise that settles when it has ended.
  let inFlight = null;

  async function run(trigger) {
    const session = await S().get("kv", "session");
    if (!session) return { ok: false, reason: "signed_out" };
    const controller = new AbortController();
    const { signal } = controller;
    let ended;
    const me = {
      controller,
      done: new Promise((resolve) => {
        ended = resolve;
      }),
    };
    inFlight = me;
    try {
      await flush(session, signal);
      const deferred = downloadsWait(await S().get("kv", "downloads"));
      if (!deferred) {
        await pull(session, signal);
        if (!(await self.mmMedia.sync(session, signal))) throw new AccountGone("signed out"); // i18n: not text
      }
      await sendLocale(session, signal);
      // API writes made offline (mm-outbox.js), then what their pages keep.
      await self.mmOutbox?.afterSync(session, signal, trigger);
      failures = 0;
      clearTimeout(retryTimer);
      const same = await S().forAccount(session, [], (s) => {
        s.kv.put(new Date().toISOString(), "last_sync");
      });
      return same ? { ok: true, deferred } : { ok: false, reason: "signed_out" };
    } catch (e) {
      // Signing out (here or in another tab): nothing more to do for this account.
      const failure = R.runFailure(e, signal.aborted || e instanceof AccountGone);
      if (failure.reason === "expired") {
        // Only mark this account's sign-in expired if it is still the one on the phone:
        // a sign-out revokes the token, and must not bring the old session back.
        await S().forAccount(session, [], (s) => {
          s.kv.put({ ...session, expired: true, reason: e.message }, "session");
        });
      }
      if (failure.reason === "deleted") {
        // A lagging phone of a deleted account: its data and queued answers go now.
        await S().forgetAccount(session, FAREWELL.elsewhere);
        if (self.caches) await caches.delete(NAMES.mediaCache).catch(() => null);
        // Every tab (this one too) leaves for sign-in, even when the worker heard it.
        if (typeof BroadcastChannel === "function")
          new BroadcastChannel(NAMES.accountChannel).postMessage({ type: "signed_out" });
      }
      if (!failure.retry) return { ok: false, reason: failure.reason, message: e.message };
      failures += 1;
      if (inPage) schedule();
      askBackgroundSync();
      return { ok: false, reason: failure.reason, message: e.message };
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
    return navigator.locks.request(NAMES.syncLock, { ifAvailable: true }, (lock) => (lock ? go() : null));
  }

  let running = null;
  let again = false;
  // One flusher across tabs and the service worker (Web Locks). If another holds the
  // lock, wait for its run to end (at most 30 s), then run here too: what it sent is
  // on the server by then, so nothing goes twice, and this tab's status comes from a
  // run of its own, not from a skip.
  async function once(trigger) {
    if (!navigator.locks) return run(trigger);
    const now = await navigator.locks.request(NAMES.syncLock, { ifAvailable: true }, (lock) =>
      lock ? run(trigger) : null,
    );
    if (now) return now;
    try {
      return await navigator.locks.request(NAMES.syncLock, { signal: AbortSignal.timeout(30000) }, () =>
        run(trigger),
      );
    } catch (_e) {
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
        result = await once(trigger);
      } while (again && result.ok);
      return result;
    })().finally(() => {
      running = null;
    });
    const result = await running;
    for (const fn of listeners) fn(result, trigger);
    return result;
  }

  // Syncs no page asked for: back online, the app shown again, Wi-Fi again, a retry.
  // What they bring must be painted by whoever listens (mm-bridge.js).
  const BACKGROUND_TRIGGERS = new Set(["online", "visible", "connection", "retry"]);
  if (inPage) {
    window.addEventListener("online", () => sync("online"));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") sync("visible");
    });
    // Wi-Fi found again: downloads held back by "Wi-Fi only" can go.
    if (navigator.connection) navigator.connection.addEventListener("change", () => sync("connection"));
  }

  self.mmSync = {
    call,
    sync,
    sendLocale,
    stopAndFlush,
    HttpError,
    onResult: (fn) => listeners.add(fn),
    BACKGROUND_TRIGGERS,
  };
})();
