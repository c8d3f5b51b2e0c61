// Micromastery's sync decisions, pure: which outbox rows go next and in what batch
// (device_seq order, one device id at a time, under the server's own limits), what
// each answer from the server means for those rows, and when to try again. The
// sync loop (mm-sync.js) does the I/O around them. Loaded by the pages, by the
// service worker (importScripts) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { HttpError } = self.mmShared || require("./mm-shared.js");

  // Only until the server has said its own (GET /sync/limits): far below its defaults.
  const FALLBACK_LIMITS = { max_batch_events: 50, max_body_bytes: 64 * 1024 };
  const encoder = new TextEncoder();
  const bytes = (value) => encoder.encode(JSON.stringify(value)).length;

  // What the server receives of an outbox row (the row also keeps user, status, ...).
  function wireEvent(row) {
    const { event_id, device_seq, type, nugget_id, nugget_version, payload, client_ts } = row;
    return { event_id, device_seq, type, nugget_id, nugget_version, payload, client_ts };
  }

  // This account's unsent events, oldest first (rows from before user ids were
  // recorded count as the signed-in learner's).
  const pendingFor = (rows, session) =>
    rows
      .filter((r) => r.status === "pending" && (r.user_id || session.user.id) === session.user.id)
      .sort((a, b) => a.device_seq - b.device_seq);

  // The next push: this account's oldest pending events from one device id (a phone
  // shared by two accounts keeps each one's answers apart), as many as fit in
  // `limits.max_batch_events` events and a JSON body of `limits.max_body_bytes`.
  // `cap` lowers the event count further (after a refusal). An event too big to go
  // even alone comes back in `tooBig`: no server would take it.
  function nextBatch(rows, session, limits, cap) {
    const mine = pendingFor(rows, session);
    if (!mine.length) return { device: null, rows: [], tooBig: [] };
    const device = mine[0].device_id || session.device_id;
    const most = Math.max(1, Math.min(limits.max_batch_events, cap || Infinity));
    let size = bytes({ device_id: device, events: [] });
    const batch = [];
    for (const row of mine) {
      if ((row.device_id || session.device_id) !== device) continue;
      const more = bytes(wireEvent(row)) + (batch.length ? 1 : 0); // and a comma
      if (size + more > limits.max_body_bytes) {
        if (!batch.length) return { device, rows: [], tooBig: [row] };
        break;
      }
      batch.push(row);
      size += more;
      if (batch.length >= most) break;
    }
    return { device, rows: batch, tooBig: [] };
  }

  // The body a batch is sent as (its byte size is what nextBatch measured).
  const pushBody = (batch) => ({ device_id: batch.device, events: batch.rows.map(wireEvent) });

  // A push answered 200: applied and duplicate events leave the outbox (the server
  // has them), rejected ones stay visible with the server's reason, and any event
  // the answer does not mention stays pending for the next push.
  function pushOutcome(rows, out) {
    const sent = new Map(rows.map((r) => [r.event_id, r]));
    const remove = [];
    const reject = [];
    for (const r of out.results || []) {
      const row = sent.get(r.event_id);
      if (!row) continue;
      if (r.status === "rejected")
        reject.push({ ...row, status: "rejected", reason: r.reason || "rejected" });
      else if (r.status === "applied" || r.status === "duplicate") remove.push(r.event_id);
    }
    return { remove, reject };
  }

  // A push refused whole: what to do with the batch. "reject" marks `ids` rejected
  // (kept, and downloadable); "shrink" asks the server's limits again and sends
  // fewer at a time; "isolate" sends one at a time to find the bad event; "fail"
  // ends the run (401 signs out, no answer or 5xx retries later).
  function pushFailure(error, rows) {
    const all = rows.map((r) => r.event_id);
    if (!(error instanceof HttpError)) return { action: "fail" };
    const { status, body } = error;
    const code = body.error;
    if (status === 403 && code === "nugget_not_assigned") {
      const ids = (body.event_ids || []).filter((id) => all.includes(id));
      return { action: "reject", ids: ids.length ? ids : all, reason: code };
    }
    if (status === 403) return { action: "reject", ids: all, reason: code || "forbidden" };
    const tooBig = status === 413 || (status === 422 && code === "too_many_events");
    if (tooBig) {
      if (rows.length > 1) return { action: "shrink", cap: Math.ceil(rows.length / 2) };
      return { action: "reject", ids: all, reason: code || "body_too_large" };
    }
    if (status === 400 || status === 422) {
      if (rows.length > 1) return { action: "isolate" };
      return { action: "reject", ids: all, reason: code || "invalid" };
    }
    return { action: "fail" };
  }

  // How a sync run that threw ends: the reason the status line shows, and whether
  // the loop retries on its own. `gone`: the account left (signed out) meanwhile;
  // "deleted": the server says the account no longer exists.
  function runFailure(error, gone) {
    if (gone) return { reason: "signed_out", retry: false };
    // The account was deleted (on this phone or another): nothing to retry, ever.
    if (error instanceof HttpError && error.status === 401 && error.body.error === "account_deleted")
      return { reason: "deleted", retry: false };
    if (error instanceof HttpError && error.status === 401) return { reason: "expired", retry: false };
    // No HTTP answer at all: no connection. An HTTP error: the server is struggling.
    if (error instanceof HttpError) return { reason: "server", retry: true };
    return { reason: "offline", retry: true };
  }

  // Exponential backoff with "equal jitter": 2-4 s after the first failure in a row,
  // doubling up to 30-60 s from the fifth on. `random` is Math.random (or a test's).
  function backoffDelay(failures, random) {
    const base = Math.min(60000, 2000 * 2 ** Math.min(failures, 5));
    return base / 2 + (random() * base) / 2;
  }

  // The server's answer to GET /sync/limits, checked (a bad answer keeps the fallback).
  function readLimits(data) {
    const ok = (n) => Number.isInteger(n) && n > 0;
    if (!data || !ok(data.max_batch_events) || !ok(data.max_body_bytes)) return { ...FALLBACK_LIMITS };
    return { max_batch_events: data.max_batch_events, max_body_bytes: data.max_body_bytes };
  }

  const api = {
    FALLBACK_LIMITS,
    wireEvent,
    pendingFor,
    nextBatch,
    pushBody,
    pushOutcome,
    pushFailure,
    runFailure,
    backoffDelay,
    readLimits,
  };
  if (typeof self !== "undefined") self.mmSyncRules = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
