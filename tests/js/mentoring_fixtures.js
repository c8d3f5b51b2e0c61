// Mentoring as the phone keeps it, for the view tests and the contract dump: the
// learner Ada (Berlin) asked twice; Maya mentors her in listening; Ada mentors Kim.
// NOW (fixtures.js) is Tuesday 10 March 2026, 09:00 in Berlin.
const { device } = require("./fixtures.js");

const LISTENING = { id: "sk-listening", slug: "listening", name: "Listening" };
const SPEAKING = { id: "sk-speaking", slug: "speaking", name: "Speaking" };

// The shared device, its nuggets' skills with the ids the server sends.
function mentoringDevice() {
  const d = device();
  d.nuggets = d.nuggets.map((n) => ({ ...n, skill: n.skill.slug === "speaking" ? SPEAKING : LISTENING }));
  return d;
}

const request = (id, status, over = {}) => ({
  id,
  skill_id: LISTENING.id,
  skill_name: "Listening",
  need: `Need ${id}`,
  minutes: 20,
  status,
  mentee_name: "Ada",
  mentor_name: status === "open" ? null : "Maya",
  offer_expires_at: status === "offered" ? "2026-03-12T13:00:00Z" : null,
  created_at: "2026-03-09T08:00:00Z",
  ...over,
});

const session = (id, requestId, start, over = {}) => ({
  id,
  request_id: requestId,
  mentor_name: "Maya",
  mentee_name: "Ada",
  skill_name: "Listening",
  need: "How do I open?",
  start_at: start,
  minutes: 20,
  status: "booked",
  sequence: 0,
  ...over,
});

// The overview: an offer, an accepted one, one booked (upcoming) and one held last
// week; a session Ada holds as mentor for Kim; an action due yesterday.
function overview(over = {}) {
  return {
    asked: [
      request("r-offered", "offered"),
      request("r-accepted", "accepted"),
      request("r-booked", "booked"),
      request("r-held", "booked"),
    ],
    offered: [request("r-kim", "offered", { mentee_name: "Kim", need: "Charts for my boss", minutes: 30 })],
    sessions: [
      session("s-next", "r-booked", "2026-03-12T11:00:00Z"),
      session("s-held", "r-held", "2026-03-03T11:00:00Z"),
      session("s-kim", "r-kim-2", "2026-03-09T16:00:00Z", { mentor_name: "Ada", mentee_name: "Kim" }),
    ],
    actions: [
      {
        id: "a-1",
        session_id: "s-held",
        skill_id: LISTENING.id,
        skill_name: "Listening",
        mentor_name: "Maya",
        text: "Open with the facts",
        due_on: "2026-03-09",
        state: "open",
        asked_on: "2026-03-09",
        answered_at: null,
      },
    ],
    ...over,
  };
}

// A reflection on s-held written offline, with one action due Friday.
const reflectionEntry = (sessionId = "s-held") => ({
  id: "e-1",
  method: "POST",
  path: `/mentoring/sessions/${sessionId}/reflection`,
  body: {
    id: "e-1",
    rating: 4,
    fit: "good",
    takeaway: "Facts first",
    actions: [{ id: "a-2", text: "Ask one question", due_on: "2026-03-13" }],
  },
  made_at: "2026-03-10T07:00:00Z",
  what: { kind: "reflection", session_id: sessionId, skill: "Listening", mentor: "Maya", label: "x" },
});

const askEntry = () => ({
  id: "e-ask",
  method: "POST",
  path: "/mentoring/requests",
  body: { id: "e-ask", skill_id: LISTENING.id, need: "Saying no", minutes: 15 },
  made_at: "2026-03-10T07:30:00Z",
  what: { kind: "ask", skill: "Listening", label: "Your request on Listening" },
});

const held = (over = {}) => ({
  overview: overview(),
  at: "2026-03-10T07:55:00Z",
  outbox: [],
  refused: [],
  draft: null,
  profile: null,
  skills: [],
  ...over,
});

const mentorHeld = () =>
  held({
    profile: {
      user_id: "u-1",
      bio: "Ran a team.",
      skills: [{ skill_id: LISTENING.id, level: 4 }],
      lengths: [20, 30],
      monthly_capacity: 4,
      timezone: "Europe/Berlin",
      weekly: [{ weekday: 0, start: "12:00", end: "13:00" }],
      active: true,
      sessions_this_month: 1,
    },
    skills: [
      { skill_id: LISTENING.id, name: "Listening", may_offer: true },
      { skill_id: SPEAKING.id, name: "Speaking", may_offer: false },
    ],
  });

module.exports = {
  LISTENING,
  SPEAKING,
  mentoringDevice,
  overview,
  request,
  session,
  reflectionEntry,
  askEntry,
  held,
  mentorHeld,
};
