// The outbox for API writes made offline (mm-outbox.js): in order, each exactly once;
// a 2xx or a 4xx ends an entry (a 4xx kept to be shown), no answer or a 5xx keeps it
// and those after it; nothing is written into another account's data.
const { beforeEach, describe, expect, test } = require("bun:test");

// An in-memory stand-in for mm-store.js's kv, with its account check.
const kv = new Map();
self.mmStore = {
  req: (v) => Promise.resolve(v),
  get: async (_name, key) => structuredClone(kv.get(key)),
  async forAccount(session, _names, fn) {
    const now = kv.get("session");
    if (!session || !now || now.token !== session.token) return false;
    const s = {
      kv: { get: (k) => structuredClone(kv.get(k)), put: (v, k) => kv.set(k, structuredClone(v)) },
    };
    const r = await fn(s);
    return r === undefined ? true : r;
  },
};
const { HttpError } = require("../../assets/js/mm-shared.js");
const O = require("../../assets/js/mm-outbox.js");

const SESSION = { token: "t-1", user: { id: "u-1" } };
const ask = (need) => ({
  method: "POST",
  path: "/mentoring/requests",
  body: { need },
  what: { kind: "ask" },
});

// A server that answers each call from `answers` in turn (an Error is thrown).
function server(answers) {
  const calls = [];
  const send = async (method, path, token, body) => {
    calls.push({ method, path, token, body });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return next ?? { ok: true };
  };
  return { calls, send };
}

beforeEach(() => {
  kv.clear();
  kv.set("session", SESSION);
});

describe("outcome", () => {
  test("2xx ends, a 4xx verdict ends (refused), no answer and 5xx keep", () => {
    expect(O.outcome(null)).toBe("done");
    expect(O.outcome(new HttpError(409, { reason: "taken" }))).toBe("refused");
    expect(O.outcome(new HttpError(422, {}))).toBe("refused");
    expect(O.outcome(new HttpError(404, {}))).toBe("refused");
    expect(O.outcome(new TypeError("Failed to fetch"))).toBe("keep");
    expect(O.outcome(new HttpError(503, {}))).toBe("keep");
    // Sign in again, too many requests: no verdict on the entry itself.
    expect(O.outcome(new HttpError(401, {}))).toBe("keep");
    expect(O.outcome(new HttpError(429, {}))).toBe("keep");
  });
});

describe("add", () => {
  test("keeps an entry with its id in the body, once", async () => {
    const e = await O.add(SESSION, { ...ask("help"), body: { id: "r-1", need: "help" } });
    expect(e).toMatchObject({ id: "r-1", method: "POST", body: { id: "r-1", need: "help" } });
    expect(Date.parse(e.made_at)).toBeGreaterThan(0);
    await O.add(SESSION, { ...ask("help"), body: { id: "r-1", need: "help" } });
    expect((await O.list()).map((x) => x.id)).toEqual(["r-1"]);
    const made = await O.add(SESSION, ask("no id"));
    expect(made.body.id).toBe(made.id);
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("writes nothing for an account that is no longer on the phone", async () => {
    expect(await O.add({ token: "old" }, ask("x"))).toBeNull();
    expect(await O.list()).toEqual([]);
  });
});

describe("flush", () => {
  test("sends in order, each once, and empties the outbox", async () => {
    for (const need of ["first", "second", "third"]) await O.add(SESSION, ask(need));
    const s = server([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const done = await O.flush(SESSION, undefined, s.send);
    expect(s.calls.map((c) => c.body.need)).toEqual(["first", "second", "third"]);
    expect(s.calls.every((c) => c.token === "t-1" && c.body.id)).toBe(true);
    expect(done.sent.map((x) => x.result.id)).toEqual([1, 2, 3]);
    expect(await O.list()).toEqual([]);
    const again = server([]);
    await O.flush(SESSION, undefined, again.send);
    expect(again.calls).toEqual([]); // nothing is sent twice
  });

  test("no answer keeps the entry and the ones after it, in order, for the next try", async () => {
    for (const need of ["a", "b"]) await O.add(SESSION, ask(need));
    const offline = server([new TypeError("Failed to fetch")]);
    const first = await O.flush(SESSION, undefined, offline.send);
    expect(offline.calls.length).toBe(1);
    expect(first).toMatchObject({ sent: [], refused: [], waiting: 2 });
    const failing = server([new HttpError(500, {})]);
    await O.flush(SESSION, undefined, failing.send);
    expect((await O.list()).map((x) => x.body.need)).toEqual(["a", "b"]);
    const back = server([]);
    await O.flush(SESSION, undefined, back.send);
    // The same entries, with the same ids: the server makes each once.
    expect(back.calls.map((c) => c.body.need)).toEqual(["a", "b"]);
    expect(back.calls[0].body.id).toBe(offline.calls[0].body.id);
    expect(await O.list()).toEqual([]);
  });

  test("a 4xx ends the entry, keeps the reason to show, and the next one goes", async () => {
    await O.add(SESSION, { ...ask("late"), what: { kind: "ask", label: "Your request" } });
    await O.add(SESSION, ask("fine"));
    const s = server([new HttpError(409, { error: "session_not_over", reason: "Not over yet." }), {}]);
    const done = await O.flush(SESSION, undefined, s.send);
    expect(done.refused.map((e) => e.body.need)).toEqual(["late"]);
    expect(done.sent.map((x) => x.entry.body.need)).toEqual(["fine"]);
    expect(await O.list()).toEqual([]);
    const refused = await O.refused();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: "Not over yet.", what: { label: "Your request" } });
    await O.dismiss(SESSION, refused[0].id);
    expect(await O.refused()).toEqual([]);
  });

  test("stops when the account leaves the phone mid-flush", async () => {
    for (const need of ["a", "b"]) await O.add(SESSION, ask(need));
    const s = server([]);
    const signingOut = async (...args) => {
      kv.delete("session");
      return s.send(...args);
    };
    const done = await O.flush(SESSION, undefined, signingOut);
    expect(s.calls.length).toBe(1);
    expect(done.sent).toEqual([]);
  });

  test("afterSync flushes, then tells its listeners what went", async () => {
    await O.add(SESSION, ask("a"));
    const heard = [];
    O.onSynced((session, _signal, trigger, done) => heard.push([session.token, trigger, done.sent.length]));
    const realCall = self.mmShared.call;
    self.mmShared.call = async () => ({});
    try {
      // afterSync sends through mm-shared's call: here a stand-in that answers 200.
      const done = await O.afterSync(SESSION, undefined, "manual");
      expect(done.waiting).toBe(0);
    } finally {
      self.mmShared.call = realCall;
    }
    expect(heard.at(-1)[0]).toBe("t-1");
    expect(heard.at(-1)[1]).toBe("manual");
  });
});
