// The nugget player (assets/js/mm-player.js): its state machine and the view the
// nugget page renders, step by step through a whole nugget.
import { describe, expect, test } from "bun:test";

const player = require("../../assets/js/mm-player.js");
const { NOW, device } = require("./fixtures.js");

const LATER = new Date("2026-03-10T08:07:00Z");

function start(id = "b", over = {}) {
  const d = device(over);
  const nugget = d.nuggets.find((n) => n.id === id);
  const attempt = player.newAttempt(nugget, NOW);
  const view = () => player.playerView({ ...d, attempts: [attempt] }, id, LATER);
  const act = (action, arg) => player.applyAction(nugget, attempt, action, arg, LATER).events;
  return { nugget, attempt, view, act };
}

describe("steps through the parts", () => {
  test("a new attempt starts at the context with nothing done", () => {
    const { attempt, view } = start();
    expect(attempt).toMatchObject({
      phase: "context",
      steps: [false, false],
      quiz_index: 0,
      completed_at: null,
    });
    expect(attempt.started_at).toBe(NOW.toISOString());
    const v = view();
    expect([v.phase_label, v.phase_number, v.progress_pct]).toEqual(["Context", 1, 0]);
    expect(v.steps_left).toBe(2);
  });

  test("practice holds 'next' until every step is ticked; each tick recorded once", () => {
    const { attempt, act, view } = start();
    act("next");
    act("next");
    expect(attempt.phase).toBe("practice");
    expect(act("next")).toEqual([]);
    expect(attempt.phase).toBe("practice");
    expect(act("toggle_step", 0)).toEqual([{ type: "step_done", payload: { step: 0 } }]);
    expect(act("toggle_step", 0)).toEqual([]); // untick: nothing to record
    expect(act("toggle_step", 0)).toEqual([]); // ticked again: already recorded
    act("toggle_step", 1);
    expect(view().steps.map((s) => [s.label, s.done])).toEqual([
      ["Step 1", true],
      ["Step 2", true],
    ]);
    act("next");
    expect(attempt.phase).toBe("payoff");
    act("back");
    expect(attempt.phase).toBe("practice");
  });

  test("'back' never leaves the first part, nor the done card", () => {
    const { attempt, act } = start();
    act("back");
    expect(attempt.phase).toBe("context");
    attempt.phase = "done";
    act("back");
    expect(attempt.phase).toBe("done");
  });
});

describe("the quiz", () => {
  const atQuiz = () => {
    const s = start();
    s.attempt.phase = "quiz";
    s.attempt.steps = [true, true];
    return s;
  };

  test("single choice: a second tap replaces the first; checking needs a choice", () => {
    const { attempt, act, view } = atQuiz();
    expect(view().quiz.can_check).toBe(false);
    expect(act("check")).toEqual([]);
    act("choose", 0);
    act("choose", 2);
    expect(attempt.selection).toEqual([2]);
    expect(view().quiz.options.map((o) => o.state)).toEqual(["idle", "idle", "selected"]);
    expect(view().quiz.hint).toBe("Pick one.");
  });

  test("a wrong answer: instant feedback, the right option shown, and it stands", () => {
    const { act, view } = atQuiz();
    act("choose", 0);
    expect(act("check")).toEqual([
      { type: "quiz_answered", payload: { item_id: "b-q1", answer: { choices: [0] }, correct: false } },
    ]);
    const q = view().quiz;
    expect(q.feedback).toBe("Not quite.");
    expect(q.options.map((o) => o.state)).toEqual(["wrong", "correct", "idle"]);
    expect(q.explanation).toBe("<p>Because.</p>");
    // First answer counts: no retry of an answered item.
    act("choose", 1);
    expect(act("check")).toEqual([]);
    expect(view().quiz.options[1].selected).toBe(false);
  });

  test("short answer: blank is no attempt (try again); a miss shows what's accepted", () => {
    const { act, view } = atQuiz();
    act("choose", 1);
    act("check");
    act("next_item");
    expect(view().quiz).toMatchObject({ number: 2, total: 2, kind: "short_answer", is_last: true });
    expect(act("check", "   ")).toEqual([]);
    expect(view().quiz.answered).toBe(false);
    act("check", "Strase");
    const q = view().quiz;
    expect([q.answered, q.correct, q.feedback]).toEqual([true, false, "Not quite."]);
    expect(q.accepted).toBe("Accepted: Straße, strasse");
    expect(q.text).toBe("Strase");
  });

  test("finishing records the completion once, at `now`, and fills the done card", () => {
    const { attempt, act, view } = atQuiz();
    act("choose", 1);
    act("check");
    expect(act("next")).toEqual([]); // 'next' is no way past an item
    act("next_item");
    act("check", "STRASSE!");
    expect(act("next_item")).toEqual([{ type: "nugget_completed", payload: {} }]);
    expect(act("next_item")).toEqual([]);
    expect(attempt.completed_at).toBe(LATER.toISOString());
    const v = view();
    expect([v.phase, v.phase_number, v.progress_pct]).toEqual(["done", 5, 100]);
    expect(v.done).toEqual({
      minutes: 10,
      streak: 2,
      streak_label: "2 days in a row",
      score: "2 of 2 right first time",
      skill_label: "Listening: 2 of 2 nuggets",
      skill_pct: 100,
    });
  });
});

describe("the done card before today's goal is met", () => {
  test("it shows what today adds up to instead of a streak of 0", () => {
    const d = device();
    const { attempt, act, view } = start("b", { progress: { ...d.progress, goal_minutes: 30 } });
    attempt.phase = "quiz";
    attempt.steps = [true, true];
    act("choose", 1);
    act("check");
    act("next_item");
    act("check", "strasse");
    act("next_item");
    expect(view().done.streak_label).toBe("10 of 30 min today");
  });
});

describe("versions and missing nuggets", () => {
  test("an attempt on an older version is not resumed", () => {
    const d = device();
    const old = { ...player.newAttempt(d.nuggets[1], NOW), version: 0, phase: "quiz" };
    expect(player.playerView({ ...d, attempts: [old] }, "b", NOW).phase).toBe("context");
  });

  test("a nugget not on the phone shows as missing, with every key present", () => {
    const v = player.playerView(device(), "gone", NOW);
    expect([v.loaded, v.missing, v.steps, v.quiz.options]).toEqual([true, true, [], []]);
  });
});
