// The sync loop's decisions (assets/js/mm-sync-rules.js): outbox order and batches
// under the server's limits, what each answer means for the rows, when to retry.
import { describe, expect, test } from "bun:test";

const { HttpError } = require("../../assets/js/mm-shared.js");
const rules = require("../../assets/js/mm-sync-rules.js");
const { session, outboxRow } = require("./fixtures.js");

const LIMITS = { max_batch_events: 200, max_body_bytes: 256 * 1024 };
const ids = (rows) => rows.map((r) => r.event_id);
const bodyBytes = (batch) => new TextEncoder().encode(JSON.stringify(rules.pushBody(batch))).length;

describe("outbox order and batches", () => {
  test("oldest device_seq first; other accounts' and settled rows stay out", () => {
    const rows = [
      outboxRow(3),
      outboxRow(1),
      outboxRow(2, { user_id: "u-2" }),
      outboxRow(4, { status: "rejected" }),
      outboxRow(5, { user_id: undefined }), // from before rows had a user: the learner's
    ];
    const batch = rules.nextBatch(rows, session(), LIMITS);
    expect(ids(batch.rows)).toEqual(["e-001", "e-003", "e-005"]);
    expect(batch.device).toBe("d_phone1");
  });

  test("one device id per batch: the oldest device's rows go first", () => {
    const rows = [outboxRow(2), outboxRow(1, { device_id: "d_old" }), outboxRow(3, { device_id: "d_old" })];
    const batch = rules.nextBatch(rows, session(), LIMITS);
    expect(batch.device).toBe("d_old");
    expect(ids(batch.rows)).toEqual(["e-001", "e-003"]);
    expect(rules.pushBody(batch).device_id).toBe("d_old");
  });

  test("at most the server's max_batch_events, and fewer under a cap", () => {
    const rows = Array.from({ length: 12 }, (_, i) => outboxRow(12 - i));
    const limits = { ...LIMITS, max_batch_events: 5 };
    expect(ids(rules.nextBatch(rows, session(), limits).rows)).toEqual([
      "e-001",
      "e-002",
      "e-003",
      "e-004",
      "e-005",
    ]);
    expect(rules.nextBatch(rows, session(), limits, 2).rows.length).toBe(2);
    expect(rules.nextBatch(rows, session(), limits, 0).rows.length).toBe(5); // no cap
  });

  test("the body stays within max_body_bytes, counted in UTF-8 bytes", () => {
    const text = "Straße ".repeat(40); // ß is two bytes
    const rows = Array.from({ length: 30 }, (_, i) =>
      outboxRow(i + 1, { type: "quiz_answered", payload: { item_id: "q", answer: { text }, correct: true } }),
    );
    const one = bodyBytes(rules.nextBatch(rows, session(), { ...LIMITS, max_batch_events: 1 }));
    const limit = one * 3; // room for three and a bit, not four
    const batch = rules.nextBatch(rows, session(), { ...LIMITS, max_body_bytes: limit });
    expect(batch.rows.length).toBe(3);
    expect(bodyBytes(batch)).toBeLessThanOrEqual(limit);
    const four = { ...batch, rows: rows.slice(0, 4) };
    expect(bodyBytes(four)).toBeGreaterThan(limit);
    // Exactly at the limit still goes.
    const exact = rules.nextBatch(rows, session(), { ...LIMITS, max_body_bytes: bodyBytes(batch) });
    expect(exact.rows.length).toBe(3);
  });

  test("an event too big to go even alone is set aside, not sent", () => {
    const rows = [outboxRow(1, { payload: { pad: "x".repeat(5000) } }), outboxRow(2)];
    const batch = rules.nextBatch(rows, session(), { ...LIMITS, max_body_bytes: 2000 });
    expect(batch.rows).toEqual([]);
    expect(ids(batch.tooBig)).toEqual(["e-001"]);
  });

  test("only the fields the server takes go over the wire", () => {
    const wire = rules.wireEvent(outboxRow(7));
    expect(Object.keys(wire).sort()).toEqual(
      ["client_ts", "device_seq", "event_id", "nugget_id", "nugget_version", "payload", "type"].sort(),
    );
  });

  test("the server's limits are used only when they make sense", () => {
    expect(rules.readLimits({ max_batch_events: 3, max_body_bytes: 2000, max_string_chars: 9 })).toEqual({
      max_batch_events: 3,
      max_body_bytes: 2000,
    });
    expect(rules.readLimits({ max_batch_events: "3", max_body_bytes: 2000 })).toEqual(rules.FALLBACK_LIMITS);
    expect(rules.readLimits(null)).toEqual(rules.FALLBACK_LIMITS);
  });
});

describe("what the server's answer means", () => {
  const rows = [outboxRow(1), outboxRow(2), outboxRow(3), outboxRow(4)];

  test("applied and duplicate leave the outbox; rejected stay with the reason; unmentioned stay pending", () => {
    const out = {
      results: [
        { event_id: "e-001", status: "applied" },
        { event_id: "e-002", status: "duplicate" },
        { event_id: "e-003", status: "rejected", reason: "unknown_step" },
        { event_id: "e-999", status: "applied" }, // not in this batch: ignored
      ],
    };
    const { remove, reject } = rules.pushOutcome(rows, out);
    expect(remove).toEqual(["e-001", "e-002"]);
    expect(reject.map((r) => [r.event_id, r.status, r.reason])).toEqual([
      ["e-003", "rejected", "unknown_step"],
    ]);
    expect(reject[0].device_seq).toBe(3); // the row keeps everything else
  });

  const refused = (status, body) => rules.pushFailure(new HttpError(status, body), rows);

  test("401: the run ends (the sign-in expired)", () => {
    expect(refused(401, { error: "token_expired" })).toEqual({ action: "fail" });
  });

  test("403 on unassigned nuggets rejects just those events; another 403 the batch", () => {
    expect(refused(403, { error: "nugget_not_assigned", event_ids: ["e-002", "e-404"] })).toEqual({
      action: "reject",
      ids: ["e-002"],
      reason: "nugget_not_assigned",
    });
    expect(refused(403, { error: "nugget_not_assigned" }).ids).toEqual(ids(rows)); // no ids: no loop
    expect(refused(403, { error: "unknown_device" })).toEqual({
      action: "reject",
      ids: ids(rows),
      reason: "unknown_device",
    });
  });

  test("413 and too_many_events: send fewer (half), reject only an event alone", () => {
    expect(refused(413, { error: "body_too_large" })).toEqual({ action: "shrink", cap: 2 });
    expect(refused(422, { error: "too_many_events" })).toEqual({ action: "shrink", cap: 2 });
    const alone = rules.pushFailure(new HttpError(413, { error: "body_too_large" }), rows.slice(0, 1));
    expect(alone).toEqual({ action: "reject", ids: ["e-001"], reason: "body_too_large" });
  });

  test("422 and 400: find the bad event one at a time, then reject it alone", () => {
    expect(refused(422, { error: "invalid_request" })).toEqual({ action: "isolate" });
    expect(refused(400, { error: "malformed_json" })).toEqual({ action: "isolate" });
    const alone = rules.pushFailure(new HttpError(422, { error: "invalid_request" }), rows.slice(1, 2));
    expect(alone).toEqual({ action: "reject", ids: ["e-002"], reason: "invalid_request" });
  });

  test("5xx and no answer end the run, to retry later", () => {
    expect(refused(503, { error: "unavailable" })).toEqual({ action: "fail" });
    expect(rules.pushFailure(new TypeError("Failed to fetch"), rows)).toEqual({ action: "fail" });
  });
});

describe("how a failed run ends", () => {
  test("401 is an expired sign-in: no retry until the learner signs in", () => {
    expect(rules.runFailure(new HttpError(401, {}), false)).toEqual({ reason: "expired", retry: false });
  });

  test("an HTTP error is the server struggling; no answer is offline; both retry", () => {
    expect(rules.runFailure(new HttpError(500, {}), false)).toEqual({ reason: "server", retry: true });
    expect(rules.runFailure(new HttpError(429, {}), false)).toEqual({ reason: "server", retry: true });
    expect(rules.runFailure(new TypeError("Failed to fetch"), false)).toEqual({
      reason: "offline",
      retry: true,
    });
  });

  test("401 account_deleted: the account is gone, never retried, told apart from expiry", () => {
    const deleted = new HttpError(401, { error: "account_deleted", reason: "This account was deleted." });
    expect(rules.runFailure(deleted, false)).toEqual({ reason: "deleted", retry: false });
    expect(rules.runFailure(new HttpError(401, { error: "invalid_token" }), false).reason).toBe("expired");
    expect(rules.runFailure(new HttpError(403, { error: "account_deleted" }), false).reason).toBe("server");
  });

  test("signed out meanwhile: nothing to retry", () => {
    expect(rules.runFailure(new TypeError("aborted"), true)).toEqual({ reason: "signed_out", retry: false });
  });

  test("backoff doubles with jitter and stops growing at a minute", () => {
    const low = () => 0;
    const high = () => 1;
    expect([rules.backoffDelay(1, low), rules.backoffDelay(1, high)]).toEqual([2000, 4000]);
    expect([rules.backoffDelay(2, low), rules.backoffDelay(2, high)]).toEqual([4000, 8000]);
    expect([rules.backoffDelay(5, low), rules.backoffDelay(5, high)]).toEqual([30000, 60000]);
    expect(rules.backoffDelay(50, high)).toBe(60000);
    const mid = rules.backoffDelay(3, () => 0.5);
    expect(mid).toBeGreaterThan(8000);
    expect(mid).toBeLessThan(16000);
  });
});
