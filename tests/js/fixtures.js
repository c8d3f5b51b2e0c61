// A phone's store as the device tests read it: nuggets as the pull sends them, the
// server's progress, local attempts and outbox rows. A fixed moment, never today.
const NOW = new Date("2026-03-10T08:00:00Z"); // a Tuesday, 09:00 in Berlin

const skill = (slug, name) => ({ slug, name });

function nugget(id, over = {}) {
  return {
    id,
    version: 1,
    title: `Nugget ${id}`,
    summary: `What ${id} teaches`,
    minutes: 5,
    skill: skill("listening", "Listening"),
    assignment: { position: 1, release_at: "2026-03-01T07:00:00+00:00", due_at: null },
    context_html: "<p>Why it matters</p>",
    way_in_html: "<p>A way in</p>",
    payoff_html: "<p>What you gain</p>",
    practice_steps: ["Listen", "Repeat"],
    quiz: [
      {
        id: `${id}-q1`,
        kind: "single_choice",
        prompt: "Which one?",
        options: ["this", "that", "other"],
        correct: [1],
        accepted_answers: [],
        explanation_html: "<p>Because.</p>",
      },
      {
        id: `${id}-q2`,
        kind: "short_answer",
        prompt: "The word?",
        options: [],
        correct: [],
        accepted_answers: ["Straße", "strasse"],
        explanation_html: "",
      },
    ],
    ...over,
  };
}

const session = (over = {}) => ({
  token: "t-1",
  device_id: "d_phone1",
  expires_at: "2026-04-01T00:00:00+00:00",
  user: { id: "u-1", display_name: "Ada", role: "learner", cohorts: ["c-1"] },
  ...over,
});

// Three nuggets (b first by position), one done on the server, listening 1 of 2.
// `review_log`: review answers on this phone the server has not seen yet.
function device(over = {}) {
  return {
    progress: {
      completed: { a: "2026-03-09" },
      minutes: 5,
      streak: 1,
      skills: [
        {
          slug: "listening",
          name: "Listening",
          done: 1,
          total: 2,
          level: "started",
          level_label: "Started",
          next_step: "Finish 1 more nugget",
          // The same for the phone to word (mmapp/schemas/words.py `Words`).
          next_step_words: {
            msgid: "Finish {n} more nugget",
            plural: "Finish {n} more nuggets",
            n: 1,
            params: {},
            days: {},
          },
          recall: 0.934,
        },
        // As pulled before levels existed: the view still has every key.
        { slug: "speaking", name: "Speaking", done: 0, total: 1 },
      ],
      scores: {},
      last_active_day: "2026-03-09",
      timezone: "Europe/Berlin",
      // A 5-minute goal, met on the 9th only (the 10th, today, still open).
      goal_minutes: 5,
      today_minutes: 0,
      goal_met_today: false,
      freezes_held: 0,
      freezes_used: [],
      recent_minutes: { "2026-03-09": 5 },
      recent_reviews: {},
      streak_base: { start: "2026-02-25", streak: 0, freezes_held: 0, freezes_used: [] },
    },
    nuggets: [
      nugget("a", { title: "Asking the way", assignment: { position: 2 } }),
      nugget("b", { title: "Buying a ticket", minutes: 10, assignment: { position: 1 } }),
      nugget("c", {
        title: "Chatting",
        minutes: 15,
        skill: skill("speaking", "Speaking"),
        assignment: { position: 3 },
      }),
    ],
    attempts: [],
    review_log: [],
    ...over,
  };
}

// A card as the server sends it: answered right once on `lastOn`, due on `dueOn`.
function reviewCard(itemId, dueOn, over = {}) {
  const lastOn = over.lastOn || "2026-03-07";
  const state = { stability: 2.3065, difficulty: 2.11810397, due_on: dueOn, last_review_on: lastOn, reps: 1 };
  return {
    item_id: itemId,
    nugget_id: itemId.split("-")[0],
    state,
    best_interval: 0,
    last_day: {
      on: lastOn,
      at: `${lastOn}T07:00:00.000000+00:00`,
      event: `ev-${itemId}`,
      right: true,
      easy: false,
    },
    prev: null,
    ...over,
  };
}

// One skill's standing as a pull carries it (issue 13 contract): rated 2 on the 5th.
function standingRow(over = {}) {
  return {
    slug: "listening",
    name: "Listening",
    scale: [
      "Not yet",
      "I know what it is",
      "I can do it with help",
      "I can do it on my own",
      "I can teach it",
    ],
    self_rating: 2,
    rated_on: "2026-03-05",
    shown: 1,
    current: 2,
    target: 3,
    target_by: "2026-05-15",
    target_source: "cohort",
    statement: "Listening: level 2 → 3 by 15 May; 1 of 2 nuggets, recall 93 %",
    statement_words: {
      msgid: "{name}: level {current} → {target} by {by}; {done} of {total} nuggets, recall {recall} %",
      plural: "",
      n: null,
      params: { name: "Listening", current: 2, target: 3, done: 1, total: 2, recall: 93 },
      days: { by: { date: "2026-05-15", year: false } },
    },
    ...over,
  };
}

function outboxRow(seq, over = {}) {
  return {
    event_id: `e-${String(seq).padStart(3, "0")}`,
    device_seq: seq,
    user_id: "u-1",
    device_id: "d_phone1",
    type: "step_done",
    nugget_id: "b",
    nugget_version: 1,
    payload: { step: 0 },
    client_ts: "2026-03-10T07:59:00.000Z",
    status: "pending",
    ...over,
  };
}

// One teach-back as the pull carries it (mmapp/schemas/teachbacks.py `TeachBackOut`):
// Ada (u-1) asked Kim (u-2) to hear her teach nugget a; not confirmed yet.
function teachback(over = {}) {
  return {
    id: "tb-1",
    role: "teacher",
    nugget_id: "a",
    nugget_version: 1,
    title: "Asking the way",
    skill: "Listening",
    teacher_name: "Ada",
    peer_id: "u-2",
    peer_name: "Kim",
    at: "2026-03-11T11:30:00+00:00",
    asked_at: "2026-03-09T10:00:00+00:00",
    confirmed: false,
    explained: null,
    usable: null,
    rating: null,
    comment: null,
    confirmed_at: null,
    counts: false,
    guide: null,
    ...over,
  };
}

// The colleagues a pull names: id and display name only.
const colleagues = () => [
  { id: "u-2", name: "Kim" },
  { id: "u-3", name: "Zoe" },
];

module.exports = { NOW, nugget, session, device, outboxRow, reviewCard, standingRow, teachback, colleagues };
