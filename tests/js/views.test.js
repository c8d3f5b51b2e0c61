// The page view models (assets/js/mm-views.js): a read of the device and a moment in,
// what Today, Progress, the sync pill and Reminders show out.
import { describe, expect, test } from "bun:test";

process.env.TZ = "UTC"; // the sync pill's clock time is in the phone's zone
const views = require("../../assets/js/mm-views.js");
const progress = require("../../assets/js/mm-progress.js");
const { NOW, device, session, outboxRow } = require("./fixtures.js");

// A local completion of nugget `id` at `when`, not yet on the server.
const doneAt = (id, when, minutes = 10) => ({ nugget_id: id, version: 1, minutes, completed_at: when });

describe("Today", () => {
  test("open nuggets by position, done ones last, with their card text", () => {
    const view = views.todayView(device(), null, NOW);
    expect(view.items.map((i) => i.id)).toEqual(["b", "c", "a"]);
    expect(view.items[0]).toEqual({
      id: "b",
      title: "Buying a ticket",
      summary: "What b teaches",
      minutes: 10,
      meta: "10 min · Listening",
      href: "/nugget?id=b",
      done: false,
      status: "",
      locked: false,
      reason: "",
    });
    expect(view.items[2].status).toBe("Done");
    // "Up next": the pathway's first picks, with their reasons (no dates, no gaps here).
    expect(view.picks.map((i) => [i.id, i.reason])).toEqual([
      ["b", "Next in your cohort's sequence"],
      ["c", "Next in your cohort's sequence"],
    ]);
    expect(view.headline).toBe("1 of 3 done");
    expect(view.fit).toBe("");
    expect(view.empty).toBe(false);
  });

  test("minutes to spare: only open nuggets that fit, in order, and what they add up to", () => {
    const view = views.todayView(device(), 15, NOW);
    expect(view.items.map((i) => i.id)).toEqual(["b"]); // 10 fits; 10 + 15 does not
    expect(view.items[0].reason).toBe("Next in your cohort's sequence");
    expect(view.picks).toEqual([]); // with minutes the list is the plan
    expect(view.fit).toBe("1 nugget · 10 of your 15 minutes");
    expect(view.minutes).toBe(15);
    expect(views.todayView(device(), 25, NOW).fit).toBe("2 nuggets · 25 of your 25 minutes");
  });

  test("nothing fits: says how long the shortest takes", () => {
    const view = views.todayView(device(), 5, NOW);
    expect(view.items).toEqual([]);
    expect(view.fit).toBe("Nothing fits in 5 minutes. The shortest takes 10.");
  });

  test("a coordinator's empty Today explains the learner view instead of asking to join", () => {
    const empty = { nuggets: [], attempts: [], progress: null };
    const view = views.todayView(empty, null, NOW, undefined, false, null, true);
    expect(view.empty_staff).toBe(true);
    expect(view.empty_heading).toBe("This is what your learners see");
    expect(view.empty_text).toContain("Preview a cohort's nuggets");
    expect(view.empty_text).not.toContain("invite code");
    // With nuggets of their own (they joined a cohort) Today is the learner's list.
    expect(views.todayView(device(), null, NOW, undefined, false, null, true).empty).toBe(false);
  });

  test("an empty phone says so", () => {
    const view = views.todayView({ nuggets: [], attempts: [], progress: null }, null, NOW);
    expect(view).toEqual({
      items: [],
      picks: [],
      minutes: 0,
      fit: "",
      empty: true,
      empty_heading: "No nuggets yet",
      empty_text: "Join your cohort with the invite code your coordinator gave you.",
      empty_staff: false,
      headline: "",
      streak: 0,
      reviews_due: 0,
      reviews_label: "",
      offer_audit: false,
      checkin_text: "",
      checkin_href: "",
    });
  });

  test("the audit invitation shows only with nuggets to rate", () => {
    expect(views.todayView(device(), null, NOW, undefined, true).offer_audit).toBe(true);
    expect(views.todayView(device(), null, NOW).offer_audit).toBe(false);
    const empty = { nuggets: [], attempts: [], progress: null };
    expect(views.todayView(empty, null, NOW, undefined, true).offer_audit).toBe(false);
  });

  test("a local completion counts at once and continues yesterday's streak", () => {
    const view = views.todayView(device({ attempts: [doneAt("b", "2026-03-10T07:30:00Z")] }), null, NOW);
    expect(view.headline).toBe("2 of 3 done");
    expect(view.items.map((i) => i.id)).toEqual(["c", "b", "a"]); // done ones keep their order
    expect(view.streak).toBe(2);
  });
});

describe("merged progress in the learner's timezone", () => {
  test("23:30 UTC is already tomorrow in Berlin", () => {
    const late = new Date("2026-03-10T23:30:00Z");
    const p = progress.mergedProgress(device({ attempts: [doneAt("b", late.toISOString())] }), late);
    expect(p.today).toBe("2026-03-11");
    expect(p.completed.b).toBe("2026-03-11");
    expect(p.streak).toBe(1); // last active the 9th: the 10th was missed
    expect(p.minutes).toBe(15);
  });

  test("a completion the server already counted is not counted twice", () => {
    const p = progress.mergedProgress(device({ attempts: [doneAt("a", "2026-03-10T07:00:00Z")] }), NOW);
    expect(p.minutes).toBe(5);
    expect(p.skills[0].done).toBe(1);
    expect(p.completed.a).toBe("2026-03-09");
  });
});

describe("Progress", () => {
  test("skills with percentages, finished nuggets newest first", () => {
    const view = views.progressView(device({ attempts: [doneAt("c", "2026-03-10T07:00:00Z", 15)] }), NOW);
    expect(view.nuggets_done).toBe(2);
    expect(view.minutes).toBe(20);
    expect(view.streak_label).toBe("2 days");
    expect(view.skills).toEqual([
      {
        slug: "listening",
        name: "Listening",
        done: 1,
        total: 2,
        pct: 50,
        label: "1 of 2",
        level_label: "Started",
        next_step: "Finish 1 more nugget",
        recall_pct: 93,
        said: "",
        rated: false,
        goal: "",
        at_risk: false,
        ask_href: "",
      },
      // Levels are the last pull's: finishing offline does not change them.
      {
        slug: "speaking",
        name: "Speaking",
        done: 1,
        total: 1,
        pct: 100,
        label: "1 of 1",
        level_label: "Not started",
        next_step: "",
        recall_pct: 0,
        said: "",
        rated: false,
        goal: "",
        at_risk: false,
        ask_href: "",
      },
    ]);
    expect(view.done_titles).toEqual([
      { id: "c", title: "Chatting", day: "2026-03-10" },
      { id: "a", title: "Asking the way", day: "2026-03-09" },
    ]);
  });

  test("each skill links to 'Ask a mentor' by its id, and says when its goal is at risk", () => {
    const d = device();
    d.nuggets = d.nuggets.map((n) => ({ ...n, skill: { ...n.skill, id: `sk-${n.skill.slug}` } }));
    // Speaking 1 -> 3 by Friday: two levels in three days.
    d.progress.standing = [{ slug: "speaking", current: 1, target: 3, target_by: "2026-03-13" }];
    const rows = views.progressView(d, NOW).skills;
    expect(rows.map((r) => [r.slug, r.ask_href, r.at_risk])).toEqual([
      ["listening", "/mentoring?skill=sk-listening", false],
      ["speaking", "/mentoring?skill=sk-speaking", true],
    ]);
  });

  test("before the first sync: zeros and '0 days'", () => {
    const view = views.progressView({ nuggets: [], attempts: [], progress: null }, NOW);
    expect(view).toEqual({
      credentials: [],
      nuggets_done: 0,
      minutes: 0,
      streak: 0,
      streak_label: "0 days",
      skills: [],
      done_titles: [],
      goal_minutes: 10,
      today_minutes: 0,
      goal_met_today: false,
      goal_label: "0 of 10 min today",
      goal_pct: 0,
      freezes_held: 0,
      freezes_label: "0 freezes held",
      freeze_note: "",
      rated_any: false,
      tried: [],
    });
  });

  test("goal progress today and the streak it makes", () => {
    const view = views.progressView(device({ attempts: [doneAt("a2", "2026-03-10T07:00:00Z", 3)] }), NOW);
    expect(view.goal_label).toBe("3 of 5 min today");
    expect(view.goal_pct).toBe(60);
    expect(view.goal_met_today).toBe(false);
    expect(view.streak).toBe(1); // the 9th stands while today is open
  });

  test("a freeze spent in the current streak is named by its weekday", () => {
    const progress = {
      ...device().progress,
      recent_minutes: { "2026-03-09": 5 },
      streak_base: { start: "2026-02-25", streak: 7, freezes_held: 1, freezes_used: [] },
    };
    // 7 before the window, 25 Feb to 8 Mar missed: one freeze, then broken; the 9th met.
    expect(views.progressView(device({ progress }), NOW).streak).toBe(1);
    const held = {
      ...progress,
      recent_minutes: Object.fromEntries(
        [
          "02-25",
          "02-26",
          "02-27",
          "02-28",
          "03-01",
          "03-02",
          "03-03",
          "03-04",
          "03-05",
          "03-06",
          "03-07",
          "03-08",
        ].map((d) => [`2026-${d}`, 5]),
      ),
    };
    const view = views.progressView(device({ progress: held }), NOW); // 9 Mar (a Monday) missed
    expect(view.streak).toBe(19); // 7 + 12; the 14th met day earned a second freeze
    expect(view.freezes_held).toBe(1);
    expect(view.freeze_note).toBe("Freeze used on Monday");
    expect(view.freezes_label).toBe("1 freeze held");
  });
});

describe("reviews on this phone count toward the goal", () => {
  const answer = (item, at, type = "review_answered") => ({
    event_id: `r-${item}-${at}`,
    type,
    item_id: item,
    nugget_id: "a",
    at,
    right: true,
  });

  test("30 s per item per local day, only review answers, on top of the server's", () => {
    const log = [
      answer("q1", "2026-03-10T07:00:00Z"),
      answer("q1", "2026-03-10T07:05:00Z"), // same item, same day: once
      answer("q2", "2026-03-10T07:06:00Z"),
      answer("q3", "2026-03-10T07:07:00Z", "quiz_answered"), // not a review
      answer("q4", "2026-03-10T07:08:00Z", "review_too_easy"),
    ];
    const p = progress.mergedProgress(device({ review_log: log }), NOW);
    expect(p.today_minutes).toBe(1);
    const server = {
      ...device().progress,
      recent_minutes: { "2026-03-09": 5, "2026-03-10": 4 },
      recent_reviews: { "2026-03-10": 1 },
    };
    // server: 4 min incl. 1 review (0 min); +2 on the phone = 3 reviews = 1 min
    const both = progress.mergedProgress(device({ progress: server, review_log: log }), NOW);
    expect(both.today_minutes).toBe(5);
    expect(both.goal_met_today).toBe(true);
    expect(both.streak).toBe(2);
  });

  test("an answer at 00:30 Berlin falls on the new local day", () => {
    const log = [answer("q1", "2026-03-09T23:30:00Z"), answer("q2", "2026-03-09T23:31:00Z")];
    const p = progress.mergedProgress(device({ review_log: log }), NOW);
    expect(p.today).toBe("2026-03-10");
    expect(p.today_minutes).toBe(1);
  });
});

describe("session, form and app", () => {
  test("a staff member with no cohort; an expired sign-in", () => {
    const staff = views.sessionView(
      session({ user: { id: "u", display_name: "Bo", role: "admin", cohorts: [] } }),
    );
    expect(staff).toEqual({
      signed_in: true,
      name: "Bo",
      expired: false,
      has_cohort: false,
      staff: true,
      mentor: false,
    });
    // A mentor by role, or by a profile kept on the phone: the Mentor page in the navigation.
    const maya = session({ user: { id: "m", display_name: "Maya", role: "mentor", cohorts: [] } });
    expect(views.sessionView(maya).mentor).toBe(true);
    expect(views.sessionView(session(), true).mentor).toBe(true);
    expect(views.sessionView(session()).mentor).toBe(false);
    expect(views.sessionView(session({ expired: true })).expired).toBe(true);
    expect(views.sessionView(null).signed_in).toBe(false);
  });

  test("form messages always carry every key", () => {
    expect(views.formView({ error: "Nope" })).toEqual({ error: "Nope", busy: false, notice: "" });
    expect(views.formView()).toEqual({ error: "", busy: false, notice: "" });
  });

  test("'Your data' keeps its delete step open only when asked, with every key", () => {
    expect(views.myDataView()).toEqual({ error: "", busy: false, notice: "", confirming: false });
    const open = views.myDataView({ confirming: 1, error: "Wrong", busy: 0 });
    expect(open).toEqual({ error: "Wrong", busy: false, notice: "", confirming: true });
  });

  test("the app panel normalises what the browser told", () => {
    const view = views.appView({ installed: 1, downloads: "satellite" });
    expect(view.installed).toBe(true);
    expect(view.downloads).toBe("any");
    expect(views.appView({ downloads: "wifi" }).downloads).toBe("wifi");
  });
});

describe("the sync pill", () => {
  const s = session();
  const rows = [outboxRow(1), outboxRow(2), outboxRow(3, { user_id: "someone-else" })];
  const sync = (over) =>
    views.syncView({ rows, lastSync: null, result: null, session: s, online: true, ...over });

  test("counts only this learner's waiting answers", () => {
    const view = sync({});
    expect(view.pending).toBe(2);
    expect(view.label).toBe("2 answers waiting to sync");
    expect(view.state).toBe("pending");
  });

  test("offline, server down and expired each say what happens to the answers", () => {
    expect(sync({ online: false }).label).toBe("Offline · 2 answers saved");
    expect(sync({ result: { ok: false, reason: "offline" } }).offline).toBe(true);
    const down = sync({ result: { ok: false, reason: "server" } });
    expect(down.state).toBe("unreachable");
    expect(down.detail).toBe(
      "Micromastery's server isn't answering right now. 2 answers are saved on this phone; we'll keep trying.",
    );
    const expired = sync({ result: { ok: false, reason: "expired" } });
    expect(expired.label).toBe("Sign in to sync");
    expect(expired.detail).toBe("Your sign-in has expired. 2 answers will sync after you sign in again.");
  });

  test("all synced shows the time; refused answers point to the download", () => {
    const view = sync({
      rows: [outboxRow(1, { status: "rejected" })],
      lastSync: "2026-03-10T07:05:00Z",
      result: { ok: true },
    });
    expect(view.label).toMatch(/^All synced · 0?7:05/); // in the phone's locale
    expect(view.rejected).toBe(1);
    expect(view.detail).toContain("1 answer was refused by the server; use Download my answers");
  });

  test("another tab's run is no result of this one", () => {
    const server = { ok: false, reason: "server" };
    expect(views.latestResult(server, { ok: false, reason: "other_tab" })).toBe(server);
    expect(views.latestResult(server, { ok: true })).toEqual({ ok: true });
  });
});

describe("Reminders", () => {
  const state = (over) => ({
    support: "ok",
    subscribed: false,
    busy: false,
    days: [true, true, true, true, true, false, false],
    timezone: "America/Sao_Paulo",
    ...over,
  });

  test("carries the phone's timezone for 'Times are local to …'", () => {
    const view = views.remindersView(state({}), "default");
    expect(view.timezone).toBe("America/Sao_Paulo");
    expect(view.status).toBe(
      "Reminders are off on this phone. Tap Remind me to get a nudge at your commute times.",
    );
  });

  test("explains each case it cannot help", () => {
    expect(views.remindersView(state({ support: "ios_install" }), "default").status).toContain(
      "Add to Home Screen",
    );
    expect(views.remindersView(state({ support: "unsupported" }), "default").status).toContain("can't show");
    expect(views.remindersView(state({}), "denied").status).toContain("blocked");
    expect(views.remindersView(state({ subscribed: true }), "granted").status).toBe(
      "Reminders are on for this phone.",
    );
  });

  test("its days are a copy: the page can't change mm-push's state", () => {
    const s = state({});
    const view = views.remindersView(s, "default");
    view.days[6] = true;
    expect(s.days[6]).toBe(false);
  });
});
