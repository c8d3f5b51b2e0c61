// The phone's scheduler (assets/js/mm-fsrs.js) against py-fsrs: every review of every
// history in tests/fixtures/fsrs_golden.json (scripts/make_fsrs_golden.py), due dates
// exactly, stability and difficulty to 1e-9 relative.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const fsrs = require("../../assets/js/mm-fsrs.js");
const golden = JSON.parse(readFileSync(join(import.meta.dir, "..", "fixtures", "fsrs_golden.json"), "utf8"));
const TOLERANCE = 1e-9;
const relative = (got, want) => Math.abs(got - want) / Math.abs(want);

// Replays each history review by review; returns the mismatches and the largest
// relative error seen, so one failure lists every wrong review at once.
function check(histories, toMs) {
  const wrong = [];
  let reviews = 0;
  let worst = 0;
  histories.forEach((history, h) => {
    let card = null;
    history.forEach(([at, rating, stability, difficulty, due], i) => {
      card = fsrs.reviewCard(card, rating, toMs(at));
      reviews += 1;
      const errors = [relative(card.stability, stability), relative(card.difficulty, difficulty)];
      worst = Math.max(worst, ...errors);
      if (card.due !== toMs(due) || errors.some((e) => e > TOLERANCE))
        wrong.push({ history: h, review: i, got: card, want: { stability, difficulty, due } });
    });
  });
  return { wrong, reviews, worst };
}

describe("py-fsrs golden vectors", () => {
  test("the port has the fixture's configuration", () => {
    const s = golden.scheduler;
    expect(fsrs.W).toEqual(s.parameters);
    expect(fsrs.MAXIMUM_INTERVAL).toBe(s.maximum_interval);
    expect([s.desired_retention, s.learning_steps, s.relearning_steps, s.enable_fuzzing]).toEqual([
      0.9,
      [],
      [],
      false,
    ]);
    expect(golden.columns).toEqual(["at", "rating", "stability", "difficulty", "due"]);
  });

  test("every review of every local-day history matches", () => {
    const { wrong, reviews, worst } = check(golden.histories, fsrs.reviewTime);
    expect(golden.histories.length).toBeGreaterThanOrEqual(1000);
    expect(reviews).toBeGreaterThan(10000);
    console.log(`fsrs parity: ${golden.histories.length} histories, ${reviews} reviews, max rel ${worst}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test("every review at arbitrary instants matches (whole 24-hour elapsed days)", () => {
    const { wrong, reviews, worst } = check(golden.timed, Date.parse);
    expect(reviews).toBeGreaterThan(1000);
    console.log(
      `fsrs parity (timed): ${golden.timed.length} histories, ${reviews} reviews, max rel ${worst}`,
    );
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test("intervals round half to even, as Python's round()", () => {
    const ties = golden.intervals.filter(([s]) => s % 1 === 0.5);
    expect(ties.length).toBeGreaterThan(300);
    const wrong = golden.intervals.filter(([s, days]) => fsrs.nextInterval(s) !== days);
    expect(wrong).toEqual([]);
  });

  test("retrievability matches get_card_retrievability", () => {
    const last = fsrs.reviewTime("2024-01-01");
    const wrong = golden.recall.filter(([stability, days, r]) => {
      const card = { stability, difficulty: 5, lastReview: last, due: last };
      return relative(fsrs.retrievability(card, last + days * 864e5), r) > TOLERANCE;
    });
    expect(wrong).toEqual([]);
  });
});

describe("the port's own edges", () => {
  test("Python's round() on ties and near them", () => {
    const cases = [
      [0.5, 0],
      [1.5, 2],
      [2.5, 2],
      [3.5, 4],
      [0.49999999999999994, 0],
      [2.5000000000000004, 3],
      [4503599627370495.5, 4503599627370496],
    ];
    for (const [x, want] of cases) expect(fsrs.roundHalfEven(x)).toBe(want);
  });

  test("a first Good is due in 2 days, at noon UTC of the due date", () => {
    const card = fsrs.replay([["2026-01-01", fsrs.RATING.good]]);
    expect(card.stability).toBe(2.3065);
    expect(fsrs.dateOf(card.due)).toBe("2026-01-03");
    expect(card.due).toBe(fsrs.reviewTime("2026-01-03"));
    expect(card.state).toBe(fsrs.STATE.review);
  });

  test("23 hours later is still the same day for FSRS, 24 hours is the next", () => {
    const first = fsrs.reviewCard(null, 3, Date.parse("2026-01-01T08:00:00Z"));
    const early = fsrs.reviewCard(first, 3, Date.parse("2026-01-02T07:00:00Z"));
    const late = fsrs.reviewCard(first, 3, Date.parse("2026-01-02T08:00:00Z"));
    expect(early.stability).toBe(first.stability); // short-term Good never lowers S
    expect(late.stability).toBeGreaterThan(first.stability * 1.5);
  });

  test("retrievability is 1 on the day of a review and falls after", () => {
    const card = fsrs.replay([["2026-01-01", 3]]);
    const r = (d) => fsrs.retrievability(card, fsrs.reviewTime(d));
    expect(r("2026-01-01")).toBe(1);
    expect(r("2026-01-02")).toBeLessThan(1);
    expect(r("2026-01-10")).toBeLessThan(r("2026-01-02"));
    expect(fsrs.retrievability(null, 0)).toBe(0);
  });

  test("bad input is refused", () => {
    expect(() => fsrs.reviewCard(null, 5, 0)).toThrow(RangeError);
    expect(() => fsrs.reviewTime("soon")).toThrow(RangeError);
    expect(() =>
      fsrs.replay([
        ["2026-01-02", 3],
        ["2026-01-01", 3],
      ]),
    ).toThrow(RangeError);
  });
});
