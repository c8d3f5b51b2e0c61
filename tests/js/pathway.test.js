// The phone's pathway (assets/js/mm-pathway.js) against Python's
// (mmapp/skills/pathway.py `rank`): every case of tests/fixtures/pathway_golden.json
// (scripts/make_pathway_golden.py), picks and locked nuggets exactly.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const pathway = require("../../assets/js/mm-pathway.js");
const golden = JSON.parse(
  readFileSync(join(import.meta.dir, "..", "fixtures", "pathway_golden.json"), "utf8"),
);

describe("pathway golden vectors", () => {
  test("every situation ranks exactly as in Python", () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(200);
    const wrong = golden.cases
      .map((c) => ({ name: c.name, got: pathway.rank(c.situation), want: c.pathway }))
      .filter(({ got, want }) => JSON.stringify(got) !== JSON.stringify(want));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  test("the vectors cover what they claim", () => {
    const picks = golden.cases.flatMap((c) => c.pathway.picks);
    const reasons = picks.map((p) => p.reason);
    const has = (re) => reasons.some((r) => re.test(r));
    for (const re of [
      /^Overdue since/,
      /^Due (today|tomorrow|[A-Z][a-z]+day)$/,
      /^Biggest gap/,
      /^Unlocks '/,
    ])
      expect(has(re)).toBe(true);
    expect(has(/^Pick up where you left off$/)).toBe(true);
    expect(has(/^Builds toward your goal/)).toBe(true);
    expect(has(/^\d+ of \d+ reviews due$/)).toBe(true);
    expect(golden.cases.filter((c) => c.pathway.locked.length).length).toBeGreaterThan(20);
    expect(golden.cases.filter((c) => c.pathway.picks.length === 0).length).toBeGreaterThan(5);
  });
});

describe("the twin's own edges", () => {
  test("weekday names come from the date in UTC", () => {
    const s = {
      today: "2026-03-04",
      nuggets: [
        { id: "a", title: "A", minutes: 5, skill: "f", skill_name: "F", level: 1, due_on: "2026-03-06" },
        { id: "b", title: "B", minutes: 5, skill: "f", skill_name: "F", level: 1, due_on: "2026-03-02" },
      ],
    };
    expect(pathway.rank(s).picks.map((p) => p.reason)).toEqual(["Overdue since Mon 2 Mar", "Due Friday"]);
  });

  test("bad input is refused", () => {
    expect(() => pathway.rank({ today: "soon" })).toThrow(RangeError);
    expect(() => pathway.rank({ today: "2026-02-30" })).toThrow(RangeError);
    expect(() => pathway.rank({ today: "2026-03-04", minutes: -1 })).toThrow(RangeError);
    expect(() => pathway.rank({ today: "2026-03-04", review_seconds: 0 })).toThrow(RangeError);
  });
});
