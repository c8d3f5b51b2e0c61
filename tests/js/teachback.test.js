// Teach-back on the phone (mm-teach.js, and mm-progress.js's evidence twin): the
// shared evidence cases, moments in the learner's zone, asks and confirmations made
// offline merged with the pull's, and what "Ask" and "Confirm" record (or refuse).
const { describe, expect, test } = require("bun:test");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const P = require("../../assets/js/mm-progress.js");
const T = require("../../assets/js/mm-teach.js");
const { NOW, device, teachback, colleagues } = require("./fixtures.js"); // NOW: Tue 10 March, 09:00 Berlin

const CASES = JSON.parse(
  readFileSync(join(import.meta.dir, "..", "fixtures", "teachback_cases.json"), "utf8"),
);

describe("teach-back evidence (the server's rule, tests/fixtures/teachback_cases.json)", () => {
  for (const c of CASES.cases) {
    test(c.name, () => {
      expect(P.teachCounts(c.tb)).toBe(c.counts);
      const taught = c.counts && c.completed ? ["n"] : [];
      expect(P.teachLift(c.shown, taught)).toBe(c.lifted);
    });
  }
});

describe("zonedIso", () => {
  test("is the wall-clock time in the learner's zone, summer time or not", () => {
    expect(T.zonedIso("2026-03-10", "12:30", "Europe/Berlin")).toBe("2026-03-10T11:30:00.000Z");
    expect(T.zonedIso("2026-07-10", "12:30", "Europe/Berlin")).toBe("2026-07-10T10:30:00.000Z");
    // The day clocks go forward in Berlin (29 March 2026, 02:00 -> 03:00).
    expect(T.zonedIso("2026-03-29", "09:00", "Europe/Berlin")).toBe("2026-03-29T07:00:00.000Z");
    expect(T.zonedIso("2026-03-10", "08:00", "America/New_York")).toBe("2026-03-10T12:00:00.000Z");
    expect(T.zonedIso("2026-03-10", "08:00", "Not/AZone")).toBe("2026-03-10T08:00:00.000Z");
  });
});

const teacher = (log = [], pulled = []) => {
  const d = device({ teach_log: log });
  d.progress.colleagues = colleagues();
  d.progress.teachbacks = pulled;
  return d;
};
const askMade = (id, peer, at = "2026-03-11T11:30:00.000Z") => ({
  event_id: id,
  type: "teachback_asked",
  nugget_id: "a",
  nugget_version: 1,
  at: "2026-03-10T07:00:00Z",
  payload: { peer, at },
});

describe("merged", () => {
  test("an ask made offline shows at once, named, until the pull brings it", () => {
    const d = teacher([askMade("tb-9", "u-3")]);
    const [row] = T.merged(d);
    expect([row.id, row.role, row.peer_name, row.title, row.pending]).toEqual([
      "tb-9",
      "teacher",
      "Zoe",
      "Asking the way",
      true,
    ]);
    const pulled = teacher([askMade("tb-9", "u-3")], [teachback({ id: "tb-9", peer_name: "Zoe" })]);
    expect(T.merged(pulled).map((r) => [r.id, r.pending])).toEqual([["tb-9", false]]);
  });

  test("a confirmation made offline answers its ask at once, and says whether it counts", () => {
    const asked = teachback({ id: "tb-2", role: "peer", teacher_name: "Zoe" });
    const confirm = {
      event_id: "c-1",
      type: "teachback_confirmed",
      nugget_id: "a",
      nugget_version: 1,
      at: "2026-03-10T08:00:00Z",
      payload: { ask: "tb-2", explained: true, usable: true, rating: 3, comment: "" },
    };
    const [row] = T.merged(teacher([confirm], [asked]));
    expect([row.confirmed, row.rating, row.counts, row.pending]).toEqual([true, 3, true, true]);
  });
});

describe("askEvent", () => {
  const form = { peer: "u-2", on: "2026-03-11" };
  test("records the colleague and the moment, on the nugget's version", () => {
    expect(T.askEvent(teacher(), "a", form, "12:30", NOW)).toEqual({
      type: "teachback_asked",
      nugget_id: "a",
      version: 1,
      payload: { peer: "u-2", at: "2026-03-11T11:30:00.000Z" },
    });
  });

  test("refuses, with words, what the server would refuse", () => {
    const error = (d, id, f, time) => T.askEvent(d, id, f, time, NOW).error;
    expect(error(teacher(), "b", form, "12:30")).toBe("Complete the nugget first, then teach it back.");
    expect(error(teacher(), "a", { ...form, peer: "u-9" }, "12:30")).toBe("Choose a colleague.");
    expect(error(teacher(), "a", { ...form, on: "2026-03-09" }, "12:30")).toBe("Choose a day.");
    expect(error(teacher(), "a", { ...form, on: "2026-03-17" }, "12:30")).toBe("Choose a day.");
    expect(error(teacher(), "a", form, "25:00")).toBe("Choose a time.");
    expect(error(teacher(), "a", form, "")).toBe("Choose a time.");
  });

  test("counts a nugget finished on this phone as completed", () => {
    const d = teacher();
    d.attempts = [{ nugget_id: "b", completed_at: "2026-03-10T07:30:00Z", minutes: 10 }];
    expect(T.askEvent(d, "b", form, "12:30", NOW).type).toBe("teachback_asked");
  });
});

describe("confirmEvent", () => {
  const asked = teachback({ id: "tb-2", role: "peer", nugget_version: 3 });
  const d = teacher([], [asked, teachback()]);
  test("records the answer on the ask's nugget and version, the comment cut to 280", () => {
    const made = T.confirmEvent(d, null, "tb-2", { explained: true, rating: 4 }, `  ${"é".repeat(300)} `);
    expect([made.type, made.nugget_id, made.version]).toEqual(["teachback_confirmed", "a", 3]);
    expect(made.payload).toEqual({
      ask: "tb-2",
      explained: true,
      usable: false,
      rating: 4,
      comment: "é".repeat(280),
    });
  });

  test("only the colleague asked, once, with a rating", () => {
    expect(T.confirmEvent(d, null, "tb-1", { rating: 4 }, "").error).toBe(
      "There is nothing to confirm here.",
    );
    expect(T.confirmEvent(d, null, "tb-2", {}, "").error).toBe("Choose a rating from 1 to 4.");
    const done = T.confirmEvent(d, null, "tb-2", { rating: 2 }, "");
    const log = [{ event_id: "c-1", type: done.type, payload: done.payload }];
    expect(T.confirmEvent(d, log, "tb-2", { rating: 4 }, "").error).toBe("You confirmed this already.");
  });
});

describe("teachView", () => {
  test("tells the teacher a confirmation counted only once practice shows level 3", () => {
    const counted = { confirmed: true, explained: true, usable: true, rating: 4, counts: true };
    const d = teacher([], [teachback(counted)]);
    d.progress.standing = [{ slug: "listening", name: "Listening", shown: 2 }];
    const shown = (dev) => T.teachView(dev, null, { ask: "tb-1" }, {}, NOW).counted;
    expect(shown(d)).toBe("It counts as evidence once your practice shows level 3.");
    d.progress.standing = [{ slug: "listening", name: "Listening", shown: 3 }];
    expect(shown(d)).toBe("It counted: your level in Listening shows 'I can teach it'.");
    const weak = teacher([], [teachback({ ...counted, rating: 2, counts: false })]);
    expect(shown(weak)).toBe("Thank you for teaching it. This one does not count as evidence.");
  });

  test("shows an ask the phone does not have yet as missing, and lists both sides", () => {
    const d = teacher(
      [askMade("tb-9", "u-2")],
      [teachback({ id: "tb-2", role: "peer", teacher_name: "Zoe" })],
    );
    const view = T.teachView(d, null, { ask: "tb-7" }, {}, NOW);
    expect(view.mode).toBe("missing");
    expect(view.asked_of_me.map((r) => r.who)).toEqual(["From Zoe"]);
    expect(view.asked_by_me.map((r) => [r.who, r.status])).toEqual([["To Kim", "Asked · waiting to sync"]]);
  });
});
