// The phone's streak walk (assets/js/mm-progress.js streakWalk) against the cases the
// server's rule runs (tests/unit/domains/test_streaks.py): both read
// tests/fixtures/streak_cases.json.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const progress = require("../../assets/js/mm-progress.js");
const { cases } = JSON.parse(
  readFileSync(join(import.meta.dir, "..", "fixtures", "streak_cases.json"), "utf8"),
);

describe("shared streak cases", () => {
  for (const c of cases) {
    test(c.name, () => {
      // Without a start state the walk begins at the first active day, from nothing.
      const active = Object.keys(c.minutes)
        .filter((d) => c.minutes[d] > 0)
        .sort();
      const start = c.start || { first: active[0] || c.today, streak: 0, freezes_held: 0, freezes_used: [] };
      expect(progress.streakWalk(c.minutes, c.goal, start, start.first, c.today)).toEqual(c.expect);
    });
  }
});
