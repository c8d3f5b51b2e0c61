// Practice at work on the phone (mm-work.js): the day chips, merging the pull's work
// log with this phone's, open check-ins, and what Commit and Save record.
const { describe, expect, test } = require("bun:test");
const W = require("../../assets/js/mm-work.js");
const { NOW, device } = require("./fixtures.js"); // NOW: Tuesday 10 March 2026, Berlin

const committed = (id, nugget, on, at, plan = "") => ({
  event_id: id,
  type: "work_committed",
  nugget_id: nugget,
  at,
  payload: { on, plan },
});
const reflected = (id, nugget, commitment, at, tried = true, went = "well") => ({
  event_id: id,
  type: "work_reflected",
  nugget_id: nugget,
  at,
  payload: { commitment, tried, went, note: "" },
});
const withLog = (log, pulled = []) => {
  const d = device({ work_log: log });
  d.progress.work = pulled;
  return d;
};

describe("dayChips", () => {
  test("are Today, Tomorrow, then the next five days by name", () => {
    expect(W.dayChips("2026-03-10").map((c) => c.label)).toEqual([
      "Today",
      "Tomorrow",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
      "Monday",
    ]);
    expect(W.dayChips("2026-03-10").map((c) => c.on)[6]).toBe("2026-03-16");
  });

  test("cross months and years", () => {
    expect(W.dayChips("2026-12-30").map((c) => c.on)).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
      "2027-01-04",
      "2027-01-05",
    ]);
  });

  test("whenWords says today, tomorrow, a weekday this week, else a date", () => {
    const t = "2026-03-10";
    expect([W.whenWords(t, t), W.whenWords("2026-03-11", t), W.whenWords("2026-03-13", t)]).toEqual([
      "today",
      "tomorrow",
      "on Friday",
    ]);
    expect(W.whenWords("2026-03-09", t)).toBe("yesterday");
    expect(W.whenWords("2026-03-08", t)).toBe("on Sun 8 Mar");
    expect(W.whenWords("2026-03-17", t)).toBe("on Tue 17 Mar");
  });
});

describe("commitments and check-ins", () => {
  test("the latest commitment wins, by time then event id, wherever it came from", () => {
    const pulled = [
      {
        event_id: "p1",
        type: "work_committed",
        nugget_id: "b",
        at: "2026-03-05T08:00:00Z",
        on: "2026-03-06",
        plan: "",
      },
    ];
    const d = withLog([committed("l1", "b", "2026-03-11", "2026-03-09T08:00:00Z")], pulled);
    expect(W.commitments(W.merged(d)).get("b").event_id).toBe("l1");
    const tie = withLog([
      committed("x2", "b", "2026-03-12", "2026-03-09T08:00:00Z"),
      committed("x1", "b", "2026-03-11", "2026-03-09T08:00:00Z"),
    ]);
    expect(W.commitments(W.merged(tie)).get("b").event_id).toBe("x2");
  });

  test("a pulled event the phone also logged counts once", () => {
    const log = [committed("w1", "b", "2026-03-09", "2026-03-08T08:00:00Z")];
    const pulled = [
      {
        event_id: "w1",
        type: "work_committed",
        nugget_id: "b",
        at: "2026-03-08T08:00:01Z",
        on: "2026-03-09",
        plan: "",
      },
    ];
    expect(W.merged(withLog(log, pulled))).toHaveLength(1);
  });

  test("a check-in is open once the day has passed and until a reflection names it", () => {
    const past = committed("c1", "b", "2026-03-09", "2026-03-08T08:00:00Z");
    const todays = committed("c2", "c", "2026-03-10", "2026-03-08T08:00:00Z");
    expect(W.checkins(withLog([past, todays]), null, NOW)).toEqual([
      { nugget_id: "b", title: "Buying a ticket", on: "2026-03-09" },
    ]);
    const done = reflected("r1", "b", "c1", "2026-03-10T07:00:00Z");
    expect(W.checkins(withLog([past, todays, done]), null, NOW)).toEqual([]);
    // A reflection on an older commitment does not close a newer one.
    const moved = committed("c3", "b", "2026-03-09", "2026-03-08T09:00:00Z");
    expect(W.checkins(withLog([past, done, moved]), null, NOW)).toHaveLength(1);
  });

  test("a nugget no longer on the phone is not asked about", () => {
    expect(
      W.checkins(withLog([committed("c1", "gone", "2026-03-01", "2026-03-01T08:00:00Z")]), null, NOW),
    ).toEqual([]);
  });

  test("Today's card names the oldest check-in, calmly", () => {
    const d = withLog([
      committed("c1", "c", "2026-03-08", "2026-03-07T08:00:00Z"),
      committed("c2", "b", "2026-03-09", "2026-03-08T08:00:00Z"),
    ]);
    expect(W.checkinCard(d, null, NOW)).toEqual({
      checkin_text: "How did 'Chatting' go at work?",
      checkin_href: "/reflect?nugget=c",
    });
    expect(W.checkinCard(device(), null, NOW)).toEqual({ checkin_text: "", checkin_href: "" });
  });
});

describe("what taps record", () => {
  test("Commit needs a day from today on and trims the plan", () => {
    const d = device();
    expect(W.commitEvent(d, {}, "", NOW)).toEqual({ error: "Choose a day." });
    expect(W.commitEvent(d, { on: "2026-03-09" }, "", NOW)).toEqual({ error: "Choose a day." });
    expect(W.commitEvent(d, { on: "2026-03-11" }, `  ${"x".repeat(300)} `, NOW)).toEqual({
      type: "work_committed",
      payload: { on: "2026-03-11", plan: "x".repeat(200) },
    });
  });

  test("Save records how it went, a No, or a new day for Not yet", () => {
    const d = withLog([committed("c1", "b", "2026-03-09", "2026-03-08T08:00:00Z", "Stand-up")]);
    const save = (form) => W.reflectEvent(d, null, "b", form, NOW);
    expect(save({})).toEqual({ error: "Choose an answer." });
    expect(save({ answer: "yes" })).toEqual({ error: "Choose how it went." });
    expect(save({ answer: "yes", went: "mixed", note: "ok" })).toEqual({
      type: "work_reflected",
      payload: { commitment: "c1", tried: true, went: "mixed", note: "ok" },
    });
    expect(save({ answer: "no", went: "well" }).payload).toEqual({
      commitment: "c1",
      tried: false,
      went: null,
      note: "",
    });
    expect(save({ answer: "not_yet" })).toEqual({ error: "Choose a day." });
    expect(save({ answer: "not_yet", on: "2026-03-12" })).toEqual({
      type: "work_committed",
      payload: { on: "2026-03-12", plan: "Stand-up" },
    });
    expect(W.reflectEvent(device(), null, "b", { answer: "no" }, NOW).error).toBeTruthy();
  });
});

describe("views", () => {
  test("the Practice part says when, and the reflection page asks", () => {
    const d = withLog([committed("c1", "b", "2026-03-12", "2026-03-09T08:00:00Z", "Try it")]);
    expect(W.practiceView(device(), null, "b", {}, NOW).line).toBe("");
    const v = W.practiceView(d, null, "b", { open: true, on: "2026-03-11" }, NOW);
    expect([v.line, v.plan, v.open]).toEqual(["You'll try it on Thursday", "Try it", true]);
    expect(v.chips.filter((c) => c.chosen).map((c) => c.label)).toEqual(["Tomorrow"]);
    const r = W.reflectView(d, null, "b", { answer: "yes", went: "well" }, NOW);
    expect([r.state, r.title, r.planned]).toEqual([
      "ask",
      "Buying a ticket",
      "You planned to try it on Thursday.",
    ]);
    expect(W.reflectView(device(), null, "b", {}, NOW).state).toBe("none");
    expect(W.reflectView(d, null, "missing", {}, NOW).state).toBe("none");
  });

  test("Tried at work lists the latest reflections that say tried, newest first", () => {
    const d = withLog([
      committed("c1", "b", "2026-03-05", "2026-03-04T08:00:00Z"),
      reflected("r1", "b", "c1", "2026-03-06T08:00:00Z", true, "badly"),
      committed("c2", "c", "2026-03-07", "2026-03-06T08:00:00Z"),
      reflected("r2", "c", "c2", "2026-03-08T08:00:00Z", true, "well"),
      committed("c3", "a", "2026-03-07", "2026-03-06T08:00:00Z"),
      reflected("r3", "a", "c3", "2026-03-08T09:00:00Z", false, null),
    ]);
    expect(W.triedList(d, null)).toEqual([
      { title: "Chatting", day: "Sun 8 Mar", went: "Went well" },
      { title: "Buying a ticket", day: "Fri 6 Mar", went: "Went badly" },
    ]);
  });
});
