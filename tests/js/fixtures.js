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
          recall: 0.934,
        },
        // As pulled before levels existed: the view still has every key.
        { slug: "speaking", name: "Speaking", done: 0, total: 1 },
      ],
      scores: {},
      last_active_day: "2026-03-09",
      timezone: "Europe/Berlin",
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

module.exports = { NOW, nugget, session, device, outboxRow };
