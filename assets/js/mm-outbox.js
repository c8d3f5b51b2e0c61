// Micromastery's outbox for API writes that need the server, made when it cannot be
// reached (mentoring: a request for help, a reflection, an action's answer). Learner
// events have their own outbox (mm-store.js, mm-sync.js); these are plain API calls.
// Each entry is {id, method, path, body, made_at, what} in the account's kv
// "api_outbox" (IndexedDB), sent in order at the next sync, each exactly once: its id
// rides in the body as the server's idempotency id, so a resend after a lost answer
// makes nothing twice. A 2xx ends an entry; so does a 4xx, kept in kv "api_refused"
// for the person to read (calmly, on the page it belongs to). No answer, a 5xx, 401
// (sign in again), 408 or 429 keep it, and the ones after it, for the next try.
// Both keys are account data: sign-out and account deletion wipe them (mm-store.js).
// Loaded by the pages and the service worker (Background Sync), and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const shared = self.mmShared || require("./mm-shared.js");
  const call = (...args) => shared.call(...args); // looked up when sending (tests stand in)
  const S = () => self.mmStore;
  const KEY = "api_outbox";
  const REFUSED = "api_refused";
  const KEEP_REFUSED = 10; // the latest refusals shown; older ones go
  const MAX_SENDS = 50; // per flush: a long queue goes on at the next sync
  // 4xx statuses that are no verdict on the entry: it waits for the next try.
  const RETRY = new Set([401, 408, 425, 429]);

  // What an answer means for an entry: "done" (2xx), "refused" (a 4xx verdict) or
  // "keep" (no answer at all, a 5xx, or a status in RETRY).
  function outcome(error) {
    if (!error) return "done";
    const status = Number(error.status);
    if (!status || status >= 500 || RETRY.has(status)) return "keep";
    return status >= 400 ? "refused" : "keep";
  }

  // A new entry; `body.id` is its id when the body has one (else one is made for it).
  function entry(method, path, body, what, now) {
    const id = body?.id || crypto.randomUUID();
    return { id, method, path, body: { ...body, id }, made_at: now.toISOString(), what: what || {} };
  }

  const read = async (s, key) => (await S().req(s.kv.get(key))) || [];

  // Keep `made` ({method, path, body, what}) for `session`'s account; the entry, or
  // null when another account is on the phone now.
  async function add(session, made) {
    const e = entry(made.method, made.path, made.body, made.what, new Date());
    const kept = await S().forAccount(session, [], async (s) => {
      const list = await read(s, KEY);
      if (!list.some((x) => x.id === e.id)) list.push(e);
      s.kv.put(list, KEY);
    });
    return kept ? e : null;
  }

  // Take entry `id` off the outbox; a refusal is kept with the server's reason.
  function settle(session, id, refusal) {
    return S().forAccount(session, [], async (s) => {
      const list = await read(s, KEY);
      s.kv.put(
        list.filter((x) => x.id !== id),
        KEY,
      );
      if (refusal) {
        const refused = [...(await read(s, REFUSED)), refusal];
        s.kv.put(refused.slice(-KEEP_REFUSED), REFUSED);
      }
    });
  }

  // Send the outbox in order until it is empty or an entry must wait. Resolves with
  // {sent: [{entry, result}], refused: [entries], waiting: n, error}. One flush at a
  // time in this page or worker; across tabs the sync's Web Lock keeps them apart,
  // and the server's idempotency covers the rest.
  let flushing = null;
  function flush(session, signal, send = call) {
    if (flushing) return flushing;
    flushing = (async () => {
      const sent = [];
      const refused = [];
      for (let n = 0; n < MAX_SENDS; n++) {
        const list = (await S().get("kv", KEY)) || [];
        const next = list[0];
        if (!next) break;
        let result = null;
        let error = null;
        try {
          result = await send(next.method, next.path, session.token, next.body, signal);
        } catch (e) {
          error = e;
        }
        const verdict = outcome(error);
        if (verdict === "keep") return { sent, refused, waiting: list.length, error };
        const refusal =
          verdict === "refused"
            ? { id: next.id, what: next.what, reason: error.message || "", at: new Date().toISOString() }
            : null;
        if (!(await settle(session, next.id, refusal))) return { sent, refused, waiting: 0, error: null };
        if (refusal) refused.push(next);
        else sent.push({ entry: next, result });
      }
      const left = ((await S().get("kv", KEY)) || []).length;
      return { sent, refused, waiting: left, error: null };
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  // "Dismiss" on a refusal the person has read.
  function dismiss(session, id) {
    return S().forAccount(session, [], async (s) => {
      s.kv.put(
        (await read(s, REFUSED)).filter((r) => r.id !== id),
        REFUSED,
      );
    });
  }

  // After each sync run (mm-sync.js): flush, then let each listener (the mentoring
  // cache, mm-mentoring-io.js) refresh what it keeps. A failure here never fails the
  // learner's own sync: the entries wait for the next one.
  const listeners = [];
  async function afterSync(session, signal, trigger) {
    let done = { sent: [], refused: [], waiting: 0, error: null };
    try {
      done = await flush(session, signal);
    } catch (_e) {
      /* the store failed: the entries stay */
    }
    for (const fn of listeners) {
      try {
        await fn(session, signal, trigger, done);
      } catch (_e) {
        /* offline or refused: the cache keeps what it had */
      }
    }
    return done;
  }

  const api = {
    KEY,
    REFUSED,
    outcome,
    entry,
    add,
    flush,
    dismiss,
    afterSync,
    list: async () => (await S().get("kv", KEY)) || [],
    refused: async () => (await S().get("kv", REFUSED)) || [],
    onSynced: (fn) => listeners.push(fn),
  };
  if (typeof self !== "undefined") self.mmOutbox = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
