// "What next?" on the phone (assets/js/mm-plan.js): the pathway's situation built from
// the phone's store, and Today's plan and view from it, offline.
import { describe, expect, test } from "bun:test";

const plan = require("../../assets/js/mm-plan.js");
const views = require("../../assets/js/mm-views.js");
const { NOW, device, nugget, reviewCard } = require("./fixtures.js");

// The fixture's three nuggets with slugs and levels; c waits for b (and for a nugget
// this phone does not hold); the pull's standing puts listening at 1 with target 3.
function withSkills(over = {}) {
  const d = device(over);
  d.nuggets = d.nuggets.map((n) => ({ ...n, slug: `s-${n.id}`, level: 2 }));
  d.nuggets[2] = { ...d.nuggets[2], prerequisites: ["s-b", "elsewhere", "s-b"] };
  d.progress.standing = [
    { slug: "listening", current: 1, target: 3 },
    { slug: "speaking", current: 0, target: null },
  ];
  return d;
}

describe("the situation from the phone's store", () => {
  test("nuggets as the pathway sees them: slugs become ids, unknown slugs dropped", () => {
    const s = plan.situation(withSkills(), 10, NOW);
    expect(s.today).toBe("2026-03-10");
    expect(s.minutes).toBe(10);
    expect(s.review_seconds).toBe(30);
    expect(s.reviews_due).toBe(0);
    expect(s.started).toBe(null);
    expect(s.nuggets.find((n) => n.id === "c")).toEqual({
      id: "c",
      title: "Chatting",
      minutes: 15,
      skill: "speaking",
      skill_name: "Speaking",
      level: 2,
      prerequisites: ["b"],
      done: false,
      due_on: null,
      position: 3,
    });
    expect(s.nuggets.find((n) => n.id === "a").done).toBe(true);
  });

  test("standing absent: no gap info; present: current and target per skill", () => {
    expect(plan.situation(device(), 0, NOW).skills).toEqual({});
    expect(plan.situation(withSkills(), 0, NOW).skills).toEqual({
      listening: { current: 1, target: 3 },
      speaking: { current: 0, target: null },
    });
  });

  test("an older pull without level or prerequisites: level 1, none", () => {
    const n = plan.situation(device(), 0, NOW).nuggets.find((x) => x.id === "b");
    expect([n.level, n.prerequisites]).toEqual([1, []]);
  });

  test("started: the open attempt begun last; finished or done ones do not count", () => {
    const attempt = (id, started, completed = null) => ({
      nugget_id: id,
      version: 1,
      minutes: 5,
      started_at: started,
      completed_at: completed,
    });
    const d = device({
      attempts: [
        attempt("b", "2026-03-10T07:00:00Z"),
        attempt("c", "2026-03-10T07:30:00Z"),
        attempt("a", "2026-03-10T07:50:00Z"), // a is done on the server
        attempt("gone", "2026-03-10T07:55:00Z"), // not on this phone any more
      ],
    });
    expect(plan.situation(d, 0, NOW).started).toBe("c");
    d.attempts.push(attempt("c", "2026-03-10T07:40:00Z", "2026-03-10T07:45:00Z"));
    expect(plan.situation(d, 0, NOW).started).toBe("b");
  });

  test("due dates are the learner's local dates", () => {
    const d = device();
    // 23:30 UTC on the 11th is already the 12th in Berlin.
    d.nuggets[1] = { ...d.nuggets[1], assignment: { position: 1, due_at: "2026-03-11T23:30:00+00:00" } };
    expect(plan.situation(d, 0, NOW).nuggets[1].due_on).toBe("2026-03-12");
    d.progress.timezone = "America/New_York";
    expect(plan.situation(d, 0, NOW).nuggets[1].due_on).toBe("2026-03-11");
  });

  test("reviews due come from the phone's cards", () => {
    const d = device({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-10")] });
    expect(plan.situation(d, 0, NOW).reviews_due).toBe(2);
  });
});

describe("Today's plan", () => {
  test("picks with reasons and links, locked apart, no fit line with 'Any'", () => {
    const d = withSkills({ reviews: [reviewCard("a-q1", "2026-03-09")] });
    const p = plan.todayPlan(d, 0, NOW);
    expect(p.picks).toEqual([
      { kind: "reviews", id: "", title: "Review", minutes: 1, reason: "1 review due", href: "/review" },
      {
        kind: "nugget",
        id: "b",
        title: "Buying a ticket",
        minutes: 10,
        reason: "Biggest gap: Listening (you 1 → target 3)",
        href: "/nugget?id=b",
      },
    ]);
    expect(p.locked).toEqual([{ id: "c", title: "Chatting", reason: "Unlocks after Buying a ticket" }]);
    expect(p.reviews).toEqual({ due: 1, taken: 1 });
    expect(p.fit).toBe("");
  });

  test("a due date beats the gap: 'Due Friday'", () => {
    const d = withSkills();
    d.nuggets[2] = {
      ...d.nuggets[2],
      prerequisites: [],
      assignment: { position: 3, due_at: "2026-03-13T12:00:00Z" },
    };
    const [first] = plan.todayPlan(d, 0, NOW).picks;
    expect([first.id, first.reason]).toEqual(["c", "Due Friday"]);
  });

  test("what a nugget unlocks is its reason when nothing weighs more", () => {
    const d = withSkills();
    d.progress.standing = [];
    expect(plan.todayPlan(d, 0, NOW).picks[0].reason).toBe("Unlocks 'Chatting'");
  });

  test("the fit line: what fits and the minutes used, or why nothing does", () => {
    const d = device({ reviews: [reviewCard("a-q1", "2026-03-09")] });
    expect(plan.todayPlan(d, 15, NOW).fit).toBe("1 review + 1 nugget · 11 of your 15 minutes");
    expect(plan.todayPlan(device(), 5, NOW).fit).toBe("Nothing fits in 5 minutes. The shortest takes 10.");
    const allDone = device();
    allDone.progress.completed = { a: "2026-03-09", b: "2026-03-09", c: "2026-03-09" };
    expect(plan.todayPlan(allDone, 5, NOW).fit).toBe("");
  });
});

describe("the Today view with 0, 5, 10 and 15 minutes", () => {
  const d = withSkills({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-09")] });

  test("'Any': the reviews card, Up next, and every nugget with the locked one dimmed", () => {
    const v = views.todayView(d, 0, NOW);
    expect([v.reviews_due, v.reviews_label]).toEqual([2, "2 reviews due · about 1 min"]);
    expect(v.picks.map((i) => [i.id, i.reason])).toEqual([
      ["b", "Biggest gap: Listening (you 1 → target 3)"],
    ]);
    expect(v.items.map((i) => [i.id, i.locked, i.reason])).toEqual([
      ["b", false, ""],
      ["c", true, "Unlocks after Buying a ticket"],
      ["a", false, ""],
    ]);
    expect(v.items[1].href).toBe("/nugget?id=c"); // still opens: coordinators assign it
    expect(v.fit).toBe("");
  });

  test("5 minutes: reviews within 40 %, nothing else fits", () => {
    const v = views.todayView(d, 5, NOW);
    expect([v.reviews_due, v.items, v.picks]).toEqual([2, [], []]);
    expect(v.fit).toBe("2 reviews · 1 of your 5 minutes");
  });

  test("10 minutes: the reviews, then no 10-minute nugget fits in the 9 left", () => {
    const v = views.todayView(d, 10, NOW);
    expect(v.items).toEqual([]);
    expect(v.fit).toBe("2 reviews · 1 of your 10 minutes");
  });

  test("15 minutes: the reviews and the biggest gap, with its reason; never the locked one", () => {
    const v = views.todayView(d, 15, NOW);
    expect(v.items.map((i) => [i.id, i.reason])).toEqual([
      ["b", "Biggest gap: Listening (you 1 → target 3)"],
    ]);
    expect(v.fit).toBe("2 reviews + 1 nugget · 11 of your 15 minutes");
    const unlocked = withSkills();
    unlocked.nuggets[2] = { ...unlocked.nuggets[2], prerequisites: [], minutes: 5 };
    expect(views.todayView(unlocked, 15, NOW).items.map((i) => i.id)).toEqual(["b", "c"]);
  });

  test("'Any' shows at most three picks as Up next", () => {
    const many = device();
    many.nuggets = ["p", "q", "r", "s"].map((id, i) => nugget(id, { assignment: { position: i + 1 } }));
    many.progress.completed = {};
    expect(views.todayView(many, 0, NOW).picks.map((i) => i.id)).toEqual(["p", "q", "r"]);
    expect(views.todayView(many, 0, NOW).items).toHaveLength(4);
  });
});

describe("the week on the phone", () => {
  const slots = [
    { weekday: 1, time: "08:10" }, // Tuesday: over at 09:00 in Berlin (NOW)
    { weekday: 1, time: "08:50" }, // still counts: a slot lasts 20 minutes
    { weekday: 2, time: "08:10" },
  ];
  const withSlots = (d) => ({ ...d, progress: { ...d.progress, commute_slots: slots } });

  test("the ask comes from the phone's store, in the learner's own timezone", () => {
    const d = withSlots(
      device({ reviews: [reviewCard("a-q1", "2026-03-12"), reviewCard("a-q2", "2026-03-30")] }),
    );
    const ask = plan.weekAsk(d, NOW);
    expect(ask.now_time).toBe("09:00"); // 08:00 UTC is 09:00 in Berlin
    expect(ask.slots).toEqual(slots);
    expect(ask.goal_minutes).toBe(5);
    expect(ask.done_minutes).toBe(0);
    expect(ask.reviews_ahead).toEqual({ "2026-03-12": 1 }); // the 30th is beyond the week
    expect(ask.situation.today).toBe("2026-03-10");
  });

  test("past slots are not shown, and what the phone did offline re-plans the week", () => {
    const d = withSlots(device());
    const before = plan.weekView(d, NOW);
    const first = before.days[0].chunks[0];
    expect([before.days[0].label, first.time]).toEqual(["Today", "08:50"]);
    const nuggetId = first.href.split("=")[1];
    // Taken offline: the attempt is on the phone, not yet synced.
    const minutes = d.nuggets.find((n) => n.id === nuggetId).minutes;
    const at = NOW.toISOString();
    const taken = { nugget_id: nuggetId, minutes, started_at: at, completed_at: at };
    const after = plan.weekView({ ...d, attempts: [taken] }, NOW);
    const hrefs = after.days.flatMap((day) => day.chunks.map((c) => c.href));
    expect(hrefs).not.toContain(first.href);
    // Today's goal (5 min) is met by it: today's later slot is free.
    expect(after.days[0].chunks[0].title).toBe("Free · your minutes for the day are planned");
  });

  test("without commute times the page says where to add them", () => {
    const view = plan.weekView(device(), NOW);
    expect(view.has_slots).toBe(false);
    expect(view.days).toEqual([]);
  });
});
