// Micromastery on-device store: IndexedDB for the session, nuggets, attempts and
// the outbox of learner events. Everything a learner does is written here first;
// the sync loop (mm-sync.js) carries it to the server later.
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const DB_NAME = "micromastery";
  const DB_VERSION = 1;
  // Events that move a review card (mmapp/reviews/cards.py CARD_TYPES).
  const REVIEW_TYPES = ["quiz_answered", "review_answered", "review_too_easy"];
  // "Try it at work" and how it went (mmapp/progress/work.py WORK_TYPES).
  const WORK_TYPES = ["work_committed", "work_reflected"];
  // Teach-back asks and confirmations (mmapp/sync/checks.py TEACH_TYPES): kept in kv
  // "teach_log" until the server has them (the pull prunes it, mm-sync.js).
  const TEACH_TYPES = ["teachback_asked", "teachback_confirmed"];
  let dbPromise = null;

  function open() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore("kv");
        db.createObjectStore("nuggets", { keyPath: "id" });
        db.createObjectStore("attempts", { keyPath: "nugget_id" });
        db.createObjectStore("outbox", { keyPath: "event_id" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error(t("storage blocked by another tab")));
    });
    return dbPromise;
  }

  // Run `fn(stores)` in one transaction; resolves with fn's result once committed.
  async function tx(names, mode, fn) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const trans = db.transaction(names, mode);
      const stores = {};
      for (const n of names) stores[n] = trans.objectStore(n);
      let result;
      Promise.resolve(fn(stores)).then(
        (r) => {
          result = r;
        },
        (e) => {
          trans.abort();
          reject(e);
        },
      );
      trans.oncomplete = () => resolve(result);
      trans.onerror = () => reject(trans.error);
      trans.onabort = () => reject(trans.error || new Error(t("transaction aborted")));
    });
  }

  // What one account leaves on the phone, besides its outbox rows.
  const ACCOUNT_KEYS = [
    "session",
    "cursor",
    "progress",
    "last_sync",
    "today_view",
    "reviews",
    "reviews_version",
    "review_log",
    "review_session",
    "audit",
    "audit_offered",
    "work_log",
    "teach_log",
    "profile_link",
    "credential_docs",
    "locale_pending", // a language chosen here, not yet on the server (mm-sync.js)
    "api_outbox", // mentoring writes waiting for the server (mm-outbox.js)
    "api_refused", // and those it refused, until read
    "mentoring", // the mentoring overview as last fetched (mm-mentoring-io.js)
    "mentoring_draft", // "Ask a mentor" as typed
    "mentor_profile", // the mentor profile and the skills it may name
  ];
  function wipeAccount(s) {
    s.nuggets.clear();
    s.attempts.clear();
    for (const k of ACCOUNT_KEYS) s.kv.delete(k);
  }

  const req = (r) =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });

  const store = {
    open,
    tx,
    req,
    get: (name, key) => tx([name], "readonly", (s) => req(s[name].get(key))),
    all: (name) => tx([name], "readonly", (s) => req(s[name].getAll())),
    put: (name, value, key) =>
      tx([name], "readwrite", (s) => req(key === undefined ? s[name].put(value) : s[name].put(value, key))),
    del: (name, key) => tx([name], "readwrite", (s) => req(s[name].delete(key))),

    // One consistent read of what the views are built from (mm-views.js, mm-player.js).
    snapshot: () =>
      tx(["kv", "nuggets", "attempts"], "readonly", async (s) => {
        const [progress, nuggets, attempts, reviews, review_log, work_log, teach_log] = await Promise.all([
          req(s.kv.get("progress")),
          req(s.nuggets.getAll()),
          req(s.attempts.getAll()),
          req(s.kv.get("reviews")),
          req(s.kv.get("review_log")),
          req(s.kv.get("work_log")),
          req(s.kv.get("teach_log")),
        ]);
        return {
          progress,
          nuggets,
          attempts,
          reviews: reviews || [],
          review_log: review_log || [],
          work_log: work_log || [],
          teach_log: teach_log || [],
        };
      }),

    // Append an event and save the attempt (or the review session) in one
    // transaction, numbering the event with the device's next sequence number, so a
    // crash never leaves one without the other. An answer also goes into the review
    // log, which schedules reviews offline until a pull brings the server's cards.
    async record(event, attempt, reviewSession) {
      return tx(["kv", "outbox", "attempts"], "readwrite", async (s) => {
        const seq = ((await req(s.kv.get("device_seq"))) || 0) + 1;
        s.kv.put(seq, "device_seq");
        const row = { ...event, device_seq: seq, status: "pending" };
        s.outbox.put(row);
        if (attempt) s.attempts.put(attempt);
        if (reviewSession) s.kv.put(reviewSession, "review_session");
        if (REVIEW_TYPES.includes(event.type)) {
          const log = (await req(s.kv.get("review_log"))) || [];
          const right = event.type === "review_too_easy" ? null : !!event.payload.correct;
          log.push({
            event_id: event.event_id,
            type: event.type,
            item_id: event.payload.item_id,
            nugget_id: event.nugget_id,
            at: event.client_ts,
            right,
          });
          s.kv.put(log, "review_log");
        }
        // Work practice and teach-backs show at once (mm-work.js, mm-teach.js), until
        // a pull carries them.
        const logKey = WORK_TYPES.includes(event.type)
          ? "work_log"
          : TEACH_TYPES.includes(event.type)
            ? "teach_log"
            : null;
        if (logKey) {
          const log = (await req(s.kv.get(logKey))) || [];
          log.push({
            event_id: event.event_id,
            type: event.type,
            nugget_id: event.nugget_id,
            nugget_version: event.nugget_version,
            at: event.client_ts,
            payload: event.payload,
          });
          s.kv.put(log, logKey);
        }
        return row;
      });
    },

    // Run `fn(stores)` in one write transaction over kv and `names`, but only if the
    // account signed in on this phone is still `session`'s (same token): a pull or a
    // refresh that awaited the network or another read must not write one learner's
    // data after a sign-out (in any tab) has cleared it. Resolves with false when
    // skipped, else with fn's result (or true).
    async forAccount(session, names, fn) {
      const all = ["kv", ...names.filter((n) => n !== "kv")];
      return tx(all, "readwrite", async (s) => {
        const now = await req(s.kv.get("session"));
        if (!session || !now || now.token !== session.token) return false;
        const result = await fn(s);
        return result === undefined ? true : result;
      });
    },

    // Wipe everything but the outbox and device identity (sign-out / other account).
    async clearAccount() {
      return tx(["kv", "nuggets", "attempts"], "readwrite", (s) => wipeAccount(s));
    },

    // The account was deleted (here, or on another device: a sync heard
    // `account_deleted`): wipe it as sign-out does, and its waiting answers too, which
    // no server will take now; `farewell` is what the sign-in page then says. Only
    // if `session` is still the phone's account (another may have signed in since).
    async forgetAccount(session, farewell) {
      return tx(["kv", "nuggets", "attempts", "outbox"], "readwrite", async (s) => {
        const now = await req(s.kv.get("session"));
        if (!session || !now || now.token !== session.token) return false;
        const rows = await req(s.outbox.getAll());
        for (const r of rows)
          if ((r.user_id || session.user.id) === session.user.id) s.outbox.delete(r.event_id);
        wipeAccount(s);
        s.kv.put(farewell, "farewell");
        return true;
      });
    },
  };

  // `self` is the page's window, or the service worker (Background Sync).
  self.mmStore = store;
})();
