// The phone's week plan (assets/js/mm-week.js) against Python's
// (mmapp/skills/week.py `week_plan`): every case of tests/fixtures/week_golden.json
// (scripts/make_week_golden.py), chunks and what is left for later, exactly.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const week = require("../../assets/js/mm-week.js");
const golden = JSON.parse(readFileSync(join(import.meta.dir, "..", "fixtures", "week_golden.json"), "utf8"));

describe("week plan golden vectors", () => {
  test("every ask plans exactly as in Python", () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(200);
    const wrong = golden.cases
      .map((c) => ({ name: c.name, got: week.weekPlan(c.ask), want: c.plan }))
      .filter(({ got, want }) => JSON.stringify(got) !== JSON.stringify(want));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  test("the vectors cover every kind of chunk", () => {
    const states = new Set(golden.cases.flatMap((c) => c.plan.chunks.map((x) => x.state)));
    expect([...states].sort()).toEqual(["clear", "free", "planned"]);
    const overGoal = golden.cases.some((c) =>
      c.plan.chunks.some((x) => x.minutes > (c.ask.goal_minutes ?? 10)),
    );
    expect(overGoal).toBe(true);
    expect(golden.cases.filter((c) => c.plan.later.length).length).toBeGreaterThan(20);
  });
});

describe("the twin's own edges", () => {
  const ask = (fields) => ({
    situation: {
      today: "2026-03-04",
      nuggets: [{ id: "a", title: "A", minutes: 5, skill: "f", skill_name: "F", level: 1 }],
    },
    slots: [{ weekday: 2, time: "08:10" }],
    ...fields,
  });

  test("a slot counts for 20 minutes after it starts", () => {
    expect(week.weekPlan(ask({ now_time: "08:29" })).chunks[0].day).toBe("2026-03-04");
    expect(week.weekPlan(ask({ now_time: "08:30" })).chunks).toEqual([]);
  });

  test("bad input is refused", () => {
    expect(() => week.weekPlan(ask({ now_time: "8:10" }))).toThrow(RangeError);
    expect(() => week.weekPlan(ask({ slots: [{ weekday: 7, time: "08:10" }] }))).toThrow(RangeError);
    expect(() => week.weekPlan(ask({ goal_minutes: 0 }))).toThrow(RangeError);
    expect(() => week.weekPlan(ask({ reviews_ahead: { soon: 2 } }))).toThrow(RangeError);
  });
});
