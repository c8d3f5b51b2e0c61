// Mentoring's views on the phone (mm-mentoring.js, mm-mentor.js): the skill a page
// opens with, the ask form and its ranking, requests, slots by the learner's day,
// sessions of each side, actions from sessions in the plan (also those still in the
// outbox), the mentor's page and the bodies its forms make.
const { describe, expect, test } = require("bun:test");
const M = require("../../assets/js/mm-mentoring.js");
const MM = require("../../assets/js/mm-mentor.js");
const { NOW } = require("./fixtures.js");
const F = require("./mentoring_fixtures.js");

const TZ = "Europe/Berlin";
const ids = (rows) => rows.map((r) => r.id);

describe("the skill a page opens with", () => {
  test("a nugget's skill, a skill by id or slug, else a goal at risk, else none", () => {
    const d = F.mentoringDevice();
    expect(M.preselect(d, { nugget: "c" }, NOW)).toBe("sk-speaking");
    expect(M.preselect(d, { skill: "sk-listening" }, NOW)).toBe("sk-listening");
    expect(M.preselect(d, { skill: "speaking" }, NOW)).toBe("sk-speaking");
    expect(M.preselect(d, {}, NOW)).toBe("");
    // Speaking 1 -> 3 by Friday: two levels in three days is at risk.
    d.progress.standing = [{ slug: "speaking", current: 1, target: 3, target_by: "2026-03-13" }];
    expect(M.goalsAtRisk(d, NOW)).toEqual(["speaking"]);
    expect(M.preselect(d, {}, NOW)).toBe("sk-speaking");
    d.progress.standing[0].target_by = "2026-04-30"; // seven weeks: not at risk
    expect(M.goalsAtRisk(d, NOW)).toEqual([]);
  });
});

describe("askView", () => {
  test("skills by name, the draft, 20 minutes by default, the top three mentors", () => {
    const d = F.mentoringDevice();
    const draft = { skill_id: "sk-speaking", need: "Small talk" };
    const mentors = [5.5, 4, 3.25, 2].map((score, i) => ({
      mentor_id: `m${i}`,
      name: `M${i}`,
      score,
      reasons: ["fit"],
    }));
    const v = M.askView(d, F.held({ draft }), { step: "mentors", mentors });
    expect(v.skills.map((s) => s.label)).toEqual(["Listening", "Speaking"]);
    expect(v.skill_id).toBe("sk-speaking");
    expect(v.need).toBe("Small talk");
    expect(v.lengths.map((c) => [c.value, c.chosen])).toEqual([
      ["15", false],
      ["20", true],
      ["30", false],
    ]);
    expect(v.mentors.map((m) => m.score)).toEqual(["Match 5.5 of 6", "Match 4 of 6", "Match 3.3 of 6"]);
  });
});

describe("requests, slots and sessions", () => {
  test("a request waiting in the outbox shows first; each one's state in words", () => {
    const rows = M.requestRows(F.held({ outbox: [F.askEntry()] }), TZ);
    expect(ids(rows)).toEqual(["e-ask", "r-offered", "r-accepted", "r-booked", "r-held"]);
    expect(rows[0]).toMatchObject({ status: "waiting", can_book: false });
    expect(rows[0].line).toBe("Saved on this phone; it goes when you are online");
    expect(rows[1].line).toBe("Offered to Maya until Thu 12 Mar, 14:00"); // 13:00 UTC in Berlin
    expect(rows[2]).toMatchObject({ can_book: true, line: "Maya said yes: pick a time" });
  });

  test("free slots group by the learner's own day", () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin.
    const days = M.slotDays(["2026-03-10T11:00:00Z", "2026-03-10T23:30:00Z", "2026-03-11T06:00:00Z"], TZ);
    expect(days.map((d) => d.label)).toEqual(["Tuesday 10 Mar", "Wednesday 11 Mar"]);
    expect(days[1].slots.map((s) => s.label)).toEqual(["00:30", "07:00"]);
    expect(days[1].slots[0].start).toBe("2026-03-10T23:30:00Z");
  });

  test("each side sees its own sessions: upcoming, ended to reflect on, cancelled", () => {
    const h = F.held();
    const mine = M.sessionRows(h, TZ, NOW, "s-held", false);
    expect(ids(mine)).toEqual(["s-next", "s-held"]);
    expect(mine[0]).toMatchObject({ state: "upcoming", can_change: true, can_reflect: false });
    expect(mine[0].title).toBe("Listening with Maya");
    expect(mine[0].when).toBe("Thu 12 Mar, 12:00-12:20");
    expect(mine[1]).toMatchObject({ state: "ended", can_reflect: true, focus: true, line: "" });
    const asMentor = M.sessionRows(h, TZ, NOW, null, true);
    expect(asMentor.map((s) => s.title)).toEqual(["Listening with Kim"]);
    // Said offline: no second form; cancelled: nothing to do.
    const said = M.sessionRows(F.held({ outbox: [F.reflectionEntry()] }), TZ, NOW, null, false);
    expect(said[1]).toMatchObject({ can_reflect: false });
    expect(said[1].line).toContain("saved on this phone");
    const gone = F.overview();
    gone.sessions[0].status = "cancelled";
    expect(M.sessionRows(F.held({ overview: gone }), TZ, NOW, null, false)[0]).toMatchObject({
      state: "cancelled",
      can_change: false,
    });
  });

  test("whose session it is follows its mentee_id, not the newest 50 requests listed", () => {
    // Ada's old session: its request is no longer among the requests the overview lists.
    const old = F.overview();
    old.asked = old.asked.filter((r) => r.id !== "r-held");
    old.sessions = old.sessions.map((s) => ({ ...s, mentee_id: s.id === "s-kim" ? "u-kim" : "u-ada" }));
    const mine = M.sessionRows(F.held({ overview: old, me: "u-ada" }), TZ, NOW, null, false);
    expect(ids(mine)).toEqual(["s-next", "s-held"]);
    const theirs = M.sessionRows(F.held({ overview: old, me: "u-ada" }), TZ, NOW, null, true);
    expect(ids(theirs)).toEqual(["s-kim"]);
    // Without the account id (a cache from before), the requests listed still decide.
    expect(ids(M.sessionRows(F.held({ overview: old }), TZ, NOW, null, false))).toEqual(["s-next"]);
  });
});

describe("actions from sessions", () => {
  test("a reflection still on the phone puts its actions in the plan at once", () => {
    const h = F.held({ outbox: [F.reflectionEntry()] });
    expect(ids(M.actionsNow(h, "2026-03-10"))).toEqual(["a-1", "a-2"]);
    const plan = M.planActions(h, TZ, NOW);
    expect(plan.today.map((a) => a.text)).toEqual(["Did you try 'Open with the facts'?"]);
    expect(plan.today[0].detail).toBe("From your session with Maya on Listening");
    expect(plan.week).toEqual([{ label: "Friday 13 Mar", items: [expect.objectContaining({ id: "a-2" })] }]);
  });

  test("answers on the phone apply at once: done and drop close it, not yet asks in two days", () => {
    const answer = (choice) => ({
      id: `ans-${choice}`,
      body: { id: `ans-${choice}`, answer: choice },
      what: { kind: "answer", action_id: "a-1" },
    });
    for (const [choice, state] of [
      ["done", "done"],
      ["drop", "dropped"],
    ]) {
      const [a] = M.actionsNow(F.held({ outbox: [answer(choice)] }), "2026-03-10");
      expect(a.state).toBe(state);
      expect(M.planActions(F.held({ outbox: [answer(choice)] }), TZ, NOW).today).toEqual([]);
    }
    const later = M.planActions(F.held({ outbox: [answer("not_yet")] }), TZ, NOW);
    expect(later.today).toEqual([]);
    expect(later.week[0].label).toBe("Thursday 12 Mar");
  });

  test("the page lists them with their state, the history who helped with what", () => {
    const v = M.mentoringView(F.held(), { focus: { action: "a-1" } }, TZ, NOW);
    expect(v.actions[0]).toMatchObject({ id: "a-1", open: true, focus: true });
    expect(v.actions[0].line).toBe("Due Mon 9 Mar · from Maya (Listening)");
    expect(v.history).toEqual([{ skill: "Listening", line: "Maya · 3 Mar" }]);
    expect(v.synced).toBe("Updated Tue 10 Mar, 08:55");
    // A "new request" push leads a mentor here: the page points on to their offers.
    expect(v.offers).toBe("1 request waits for your answer");
    // The server's history when it sends one; a reflection the server holds, in words.
    const told = F.overview({
      history: [
        {
          skill_id: "sk-listening",
          skill_name: "Listening",
          mentors: ["Noah", "Maya"],
          sessions: [
            { session_id: "s-2", mentor_name: "Noah", start_at: "2026-03-08T08:00:00Z", minutes: 15 },
            { session_id: "s-held", mentor_name: "Maya", start_at: "2026-03-03T11:00:00Z", minutes: 20 },
          ],
        },
      ],
    });
    told.sessions[1] = { ...told.sessions[1], ended: true, reflected: true, rating: 3, fit: "deciding" };
    const w = M.mentoringView(F.held({ overview: told }), {}, TZ, NOW);
    expect(w.history).toEqual([{ skill: "Listening", line: "Noah · 8 Mar; Maya · 3 Mar" }]);
    expect(w.sessions[1]).toMatchObject({ can_reflect: false, line: "You rated it 3 of 4 · Still deciding" });
  });

  test("a session over by the phone's clock can be reflected on, whatever the cache said", () => {
    const stale = F.overview();
    stale.sessions[0] = { ...stale.sessions[0], ended: false };
    const later = new Date("2026-03-12T12:00:00Z");
    expect(M.sessionRows(F.held({ overview: stale }), TZ, later, null, false)[0]).toMatchObject({
      state: "ended",
      can_reflect: true,
      can_change: false,
    });
  });
});

describe("the mentor's page and its forms", () => {
  test("offers with expiry, capacity, skills at their levels", () => {
    const v = MM.mentorView(F.mentorHeld(), {}, TZ, NOW);
    expect(v.offers).toEqual([
      {
        id: "r-kim",
        who: "Kim",
        skill: "Listening",
        need: "Charts for my boss",
        meta: "30 min · expires in 2 days",
      },
    ]);
    expect([v.capacity, v.capacity_pct]).toEqual(["1 of 4 sessions this month", 25]);
    expect(v.skills.map((s) => [s.name, s.level, s.may_offer])).toEqual([
      ["Listening", 4, true],
      ["Speaking", 0, false],
    ]);
    expect(v.lengths.filter((c) => c.chosen).map((c) => c.value)).toEqual(["20", "30"]);
    expect(v.weekdays[0].label).toBe("Monday");
    expect(MM.expiresIn("2026-03-10T10:30:00Z", NOW)).toBe("expires in 2 hours");
  });

  test("the profile body, or what is wrong with the form", () => {
    const h = F.mentorHeld();
    const typed = {
      bio: " Hi ",
      capacity: "6",
      timezone: "",
      windows: [{ weekday: 2, start: "07:30", end: "08:30" }],
    };
    expect(MM.profileBody(h, {}, typed, TZ).body).toEqual({
      bio: "Hi",
      skills: [{ skill_id: "sk-listening", level: 4 }],
      lengths: [20, 30],
      monthly_capacity: 6,
      timezone: TZ,
      weekly: [{ weekday: 2, start: "07:30", end: "08:30" }],
      active: true,
    });
    expect(MM.profileBody(h, { form: { skills: { "sk-listening": 0 } } }, typed, TZ).error).toBe(
      "Choose at least one skill you can help with.",
    );
    expect(MM.profileBody(h, {}, { ...typed, capacity: "0" }, TZ).error).toContain("1 to 60");
    const bad = { ...typed, windows: [{ weekday: 0, start: "09:00", end: "08:00" }] };
    expect(MM.profileBody(h, {}, bad, TZ).error).toContain("start before its end");
  });

  test("a reflection: the mentor rates only; the mentee adds a takeaway and dated actions", () => {
    let n = 0;
    const uuid = () => `id-${++n}`;
    const h = F.held();
    const mentee = { session: "s-held", rating: 3, fit: "good" };
    expect(MM.reflectionBody(h, { session: "s-held", fit: "good" }, {}, TZ, uuid).error).toBe(
      "Choose a rating from 1 to 4.",
    );
    const typed = {
      takeaway: "Facts first",
      actions: [
        { text: "Open with the facts", due_on: "2026-03-12" },
        { text: "", due_on: "" },
      ],
    };
    expect(MM.reflectionBody(h, mentee, typed, TZ, uuid).body).toEqual({
      id: "id-1",
      rating: 3,
      fit: "good",
      takeaway: "Facts first",
      actions: [{ id: "id-2", text: "Open with the facts", due_on: "2026-03-12" }],
    });
    const tooLate = { ...typed, actions: [{ text: "x", due_on: "2026-06-01" }] };
    expect(MM.reflectionBody(h, mentee, tooLate, TZ, uuid).error).toContain("60 days");
    const asMentor = MM.reflectionBody(h, { session: "s-kim", rating: 4, fit: "deciding" }, typed, TZ, uuid);
    expect(asMentor.body).toMatchObject({ rating: 4, fit: "deciding", takeaway: "", actions: [] });
    const form = MM.reflectForm(h, mentee, TZ);
    expect(form).toMatchObject({
      session_id: "s-held",
      mentee: true,
      first_due: "2026-03-03",
      last_due: "2026-05-02",
    });
    expect(form.fits.map((f) => [f.value, f.chosen])).toEqual([
      ["good", true],
      ["deciding", false],
      ["not", false],
    ]);
  });
});
