// The phone's grader (assets/js/mm-grade.js) against the cases the server's grader runs
// (tests/unit/domains/test_grading.py): both read tests/fixtures/grading_cases.json.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const grading = require("../../assets/js/mm-grade.js");
const player = require("../../assets/js/mm-player.js");
const NOW = new Date("2026-03-10T08:00:00Z");
const fixtures = join(import.meta.dir, "..", "fixtures");
const load = (name) => JSON.parse(readFileSync(join(fixtures, name), "utf8"));
const { cases } = load("grading_cases.json");

describe("shared grading cases", () => {
  test("there are enough of them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  for (const c of cases) {
    test(c.name, () => {
      expect(grading.grade(c.item, c.answer)).toBe(c.correct);
    });
  }
});

test("every character with case normalises as on the server", () => {
  const { normalised } = load("casefold_table.json");
  const wrong = [];
  for (const [ch, want] of Object.entries(normalised)) {
    const got = grading.normaliseTextAnswer(ch);
    if (got !== want)
      wrong.push(
        `U+${ch.codePointAt(0).toString(16).toUpperCase()} ${JSON.stringify(got)} != ${JSON.stringify(want)}`,
      );
  }
  expect(Object.keys(normalised).length).toBeGreaterThan(2500);
  expect(wrong).toEqual([]);
});

test("the player records the same verdict it shows", () => {
  const nugget = {
    id: "n1",
    version: 1,
    minutes: 5,
    practice_steps: ["a"],
    quiz: [
      {
        id: "q1",
        kind: "short_answer",
        prompt: "Street?",
        options: [],
        correct: [],
        accepted_answers: ["strasse"],
      },
    ],
  };
  const attempt = { ...player.newAttempt(nugget, NOW), phase: "quiz" };
  const { events } = player.applyAction(nugget, attempt, "check", "  Straße. ", NOW);
  expect(events).toEqual([
    { type: "quiz_answered", payload: { item_id: "q1", answer: { text: "  Straße. " }, correct: true } },
  ]);
});
