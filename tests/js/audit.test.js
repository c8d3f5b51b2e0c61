// The skills audit on the phone (mm-audit.js): anchoring, merging the server's
// standing with this phone's ratings and goals, goal choices, the first-run offer,
// and the views.
const { describe, expect, test } = require("bun:test");
const A = require("../../assets/js/mm-audit.js");
const views = require("../../assets/js/mm-views.js");
const { NOW, device, nugget, standingRow } = require("./fixtures.js");

const withStanding = (rows) => device({ progress: { ...device().progress, standing: rows } });
const LATER = new Date("2026-03-10T09:00:00Z");

describe("anchor", () => {
  test("is the skill's first nugget on the phone by cohort position, at its version", () => {
    expect(A.anchor(device(), "listening")).toEqual({ nugget_id: "b", version: 1 });
    expect(A.anchor(device(), "speaking")).toEqual({ nugget_id: "c", version: 1 });
  });

  test("follows the version the phone holds and ties break by id", () => {
    const d = device({
      nuggets: [
        nugget("z", { version: 4, assignment: { position: 1 } }),
        nugget("y", { version: 2, assignment: { position: 1 } }),
      ],
    });
    expect(A.anchor(d, "listening")).toEqual({ nugget_id: "y", version: 2 });
  });

  test("is null when no nugget of the skill is on the phone", () => {
    expect(A.anchor(device(), "writing")).toBeNull();
  });
});

describe("standingNow", () => {
  test("before any pull: the phone's skills, by name, with the default words", () => {
    const rows = A.standingNow(device({ progress: null }), null);
    expect(rows.map((r) => r.slug)).toEqual(["listening", "speaking"]);
    expect(rows[0].scale).toEqual(A.DEFAULT_SCALE);
    expect(rows[0].self_rating).toBeNull();
    expect(rows.every((r) => r.anchored)).toBe(true);
  });

  test("the server's rows come first with their words; absent standing is []", () => {
    const words = ["a", "b", "c", "d", "e"];
    const rows = A.standingNow(withStanding([standingRow({ scale: words })]), null);
    expect(rows.map((r) => r.slug)).toEqual(["listening", "speaking"]);
    expect(rows[0].scale).toEqual(words);
    expect(rows[0].self_rating).toBe(2);
    expect(A.standingNow(device(), null).map((r) => r.self_rating)).toEqual([null, null]);
  });

  test("a rating made here shows at once, until the server's is as new", () => {
    const d = withStanding([standingRow()]);
    const local = A.withRating(d, null, "listening", 4, NOW);
    expect(local.ratings.listening).toEqual({ level: 4, on: "2026-03-10", at: NOW.toISOString() });
    const now = A.standingNow(d, local)[0];
    expect([now.self_rating, now.rated_on, now.rated_locally]).toEqual([4, "2026-03-10", true]);
    // The pull carried it: the server's row counts.
    const pulled = withStanding([standingRow({ self_rating: 4, rated_on: "2026-03-10" })]);
    expect(A.standingNow(pulled, local)[0].rated_locally).toBe(false);
    // Another device rated later: the server's newer day wins.
    const newer = withStanding([standingRow({ self_rating: 1, rated_on: "2026-03-11" })]);
    expect(A.standingNow(newer, local)[0].self_rating).toBe(1);
  });

  test("a second tap the same day stays the phone's until a pull carries it", () => {
    const d = withStanding([standingRow({ self_rating: 2, rated_on: "2026-03-10" })]);
    const local = A.withRating(d, null, "listening", 3, LATER);
    expect(A.standingNow(d, local)[0].self_rating).toBe(3);
  });

  test("the rating's day is the learner's local day", () => {
    const late = new Date("2026-03-10T23:30:00Z"); // already the 11th in Berlin
    expect(A.withRating(device(), null, "listening", 1, late).ratings.listening.on).toBe("2026-03-11");
  });

  test("a goal set here raises the target; once the server's is as high it is the server's", () => {
    const d = withStanding([standingRow()]);
    const local = A.withGoal(d, null, "listening", 4, "2026-06-01", NOW);
    const row = A.standingNow(d, local)[0];
    expect([row.target, row.target_by, row.target_source, row.goal_locally]).toEqual([
      4,
      "2026-06-01",
      "learner",
      true,
    ]);
    const pulled = withStanding([standingRow({ target: 4, target_source: "learner", statement: "S" })]);
    expect(A.standingNow(pulled, local)[0].goal_locally).toBe(false);
  });

  test("a skill the server knows but with no nugget here is not anchored", () => {
    const rows = A.standingNow(withStanding([standingRow({ slug: "writing", name: "Writing" })]), null);
    expect(rows.find((r) => r.slug === "writing").anchored).toBe(false);
  });
});

describe("goalChoices", () => {
  test("only levels above the current target and the learner's level, up to 4", () => {
    expect(A.goalChoices({ target: 3, self_rating: 2, current: 2 })).toEqual([4]);
    expect(A.goalChoices({ target: null, self_rating: 2, current: 1 })).toEqual([3, 4]);
    expect(A.goalChoices({ target: null, self_rating: null, current: null })).toEqual([1, 2, 3, 4]);
    expect(A.goalChoices({ target: 4, self_rating: 1, current: 1 })).toEqual([]);
    expect(A.goalChoices({ target: 1, self_rating: 4, current: 4 })).toEqual([]);
  });
});

describe("goalDate", () => {
  test("empty is no date, a later day is kept, others are refused with a reason", () => {
    expect(A.goalDate("", "2026-03-10")).toEqual({ by: null, error: "" });
    expect(A.goalDate("2026-04-01", "2026-03-10")).toEqual({ by: "2026-04-01", error: "" });
    expect(A.goalDate("2026-03-10", "2026-03-10").error).toBe("Pick a date after today.");
    expect(A.goalDate("soon", "2026-03-10").error).not.toBe("");
  });
});

describe("shouldOffer", () => {
  test("once, to a learner with nuggets who never rated a skill", () => {
    expect(A.shouldOffer(device(), null, false)).toBe(true);
    expect(A.shouldOffer(withStanding([standingRow({ self_rating: null })]), null, false)).toBe(true);
  });

  test("not when offered before, without nuggets, or once rated here or on the server", () => {
    expect(A.shouldOffer(device(), null, true)).toBe(false);
    expect(A.shouldOffer(device({ nuggets: [] }), null, false)).toBe(false);
    expect(A.shouldOffer(withStanding([standingRow()]), null, false)).toBe(false);
    const local = A.withRating(device(), null, "speaking", 0, NOW);
    expect(A.shouldOffer(device(), local, false)).toBe(false);
  });
});

describe("auditView", () => {
  test("one question per skill with nuggets here, five words, the chosen one marked", () => {
    const d = withStanding([standingRow()]);
    const v = A.auditView(d, null, {});
    expect(v.skills.map((s) => s.slug)).toEqual(["listening", "speaking"]);
    const [listening, speaking] = v.skills;
    expect(listening.levels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4]);
    expect(listening.levels.filter((l) => l.chosen).map((l) => l.level)).toEqual([2]);
    expect(listening.level).toBe(2);
    expect(speaking.level).toBe(-1);
    expect(v.label).toBe("1 of 2 answered");
    expect(listening.goal).toBe("Your cohort's target: 3 · I can do it on my own by 15 May");
  });

  test("the goal choices open for one skill at a time, with the chosen level and error", () => {
    const d = withStanding([standingRow()]);
    const v = A.auditView(d, null, { goal: "listening", goal_level: 4, error: "Nope" });
    const [listening, speaking] = v.skills;
    expect(listening.goal_open).toBe(true);
    expect(listening.goal_choices.map((c) => [c.level, c.chosen])).toEqual([[4, true]]);
    expect(listening.goal_error).toBe("Nope");
    expect(speaking.goal_open).toBe(false);
    expect(speaking.goal_error).toBe("");
  });

  test("empty before the nuggets arrive", () => {
    const v = A.auditView(device({ nuggets: [], progress: null }), null, null);
    expect([v.loaded, v.empty, v.total, v.label]).toEqual([true, true, 0, ""]);
  });
});

describe("Progress beside each level", () => {
  test("what the learner said, what practice shows, the goal statement", () => {
    const d = withStanding([standingRow()]);
    const notes = A.progressNotes(A.standingNow(d, null));
    expect(notes.listening).toEqual({
      said: "You said 2 · your practice shows 1",
      rated: true,
      goal: standingRow().statement,
    });
    expect(notes.speaking).toEqual({ said: "", rated: false, goal: "" });
    const v = views.progressView(d, NOW, notes);
    expect(v.skills[0].said).toBe("You said 2 · your practice shows 1");
    expect(v.skills[1].rated).toBe(false);
    expect(v.rated_any).toBe(true);
  });

  test("a rating or goal made offline shows before the pull", () => {
    const local = A.withGoal(
      device(),
      A.withRating(device(), null, "speaking", 3, NOW),
      "speaking",
      4,
      null,
      NOW,
    );
    const notes = A.progressNotes(A.standingNow(device(), local));
    expect(notes.speaking).toEqual({
      said: "You said 3",
      rated: true,
      goal: "Your goal: 4 · I can teach it",
    });
  });

  test("without notes every skill says it is not rated yet", () => {
    const v = views.progressView(device(), NOW);
    expect(v.skills.map((s) => [s.said, s.rated, s.goal])).toEqual([
      ["", false, ""],
      ["", false, ""],
    ]);
    expect(v.rated_any).toBe(false);
  });
});
