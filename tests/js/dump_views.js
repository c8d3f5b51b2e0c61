// For the client-state contract test (tests/unit/test_client_contract.py): prints, as
// JSON, every view the device builds for its ClientStateVars over fixtures in many
// states, and the names on `window.mm` once the page's scripts are loaded in order.
//   bun run tests/js/dump_views.js /js/mm-shared.js /js/mm-store.js ...
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");
const views = require("../../assets/js/mm-views.js");
const player = require("../../assets/js/mm-player.js");
const reviews = require("../../assets/js/mm-reviews.js");
const audit = require("../../assets/js/mm-audit.js");
const plan = require("../../assets/js/mm-plan.js");
const work = require("../../assets/js/mm-work.js");
const teach = require("../../assets/js/mm-teach.js");
const {
  NOW,
  device,
  session,
  outboxRow,
  reviewCard,
  standingRow,
  teachback,
  colleagues,
} = require("./fixtures.js");
const mentoring = require("../../assets/js/mm-mentoring.js");
const mentor = require("../../assets/js/mm-mentor.js");
const MF = require("./mentoring_fixtures.js");

function playerViews() {
  const d = device();
  const n = d.nuggets.find((x) => x.id === "b");
  const out = [
    player.playerView(d, "b", NOW),
    player.playerView(d, "missing", NOW),
    player.playerView(d, null, NOW),
  ];
  const attempt = player.newAttempt(n, NOW);
  const act = (action, arg) => {
    player.applyAction(n, attempt, action, arg, NOW);
    out.push(player.playerView({ ...d, attempts: [attempt] }, "b", NOW));
  };
  act("next");
  act("next");
  act("toggle_step", 0);
  act("toggle_step", 1);
  act("next");
  act("next");
  act("choose", 0);
  act("check");
  act("next_item");
  act("check", "strasse");
  act("next_item");
  return out;
}

// A review session through every state: nothing due, an item, answered, too easy, done.
function reviewViews() {
  const d = device({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-10")] });
  const out = [reviews.reviewView(device(), null, NOW)];
  const s = reviews.newSession(d, NOW);
  const step = (action, arg) => {
    reviews.applyReview(d, s, action, arg);
    out.push(reviews.reviewView(d, s, NOW));
  };
  out.push(reviews.reviewView(d, s, NOW));
  step("choose", 1);
  step("check");
  step("too_easy");
  step("next");
  step("check", "strasse");
  step("next");
  return out;
}

function lockedDevice() {
  const d = device();
  d.nuggets = d.nuggets.map((n) => ({ ...n, slug: `s-${n.id}`, level: 2 }));
  d.nuggets[2].prerequisites = ["s-b", "not-on-this-phone"];
  d.progress.standing = [{ slug: "listening", current: 1, target: 3 }];
  return d;
}

// The week: no commute times; two a day with reviews falling due; nothing left to do.
function weekViews() {
  const commutes = [0, 1, 2, 3, 4].flatMap((weekday) => [
    { weekday, time: "08:10" },
    { weekday, time: "17:45" },
  ]);
  const withSlots = (d) => ({ ...d, progress: { ...d.progress, commute_slots: commutes } });
  const due = device({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-12")] });
  const done = device();
  done.progress.completed = { a: "2026-03-09", b: "2026-03-09", c: "2026-03-09" };
  return [
    plan.weekView(device(), NOW),
    plan.weekView(withSlots(due), NOW),
    plan.weekView(withSlots(lockedDevice()), NOW),
    plan.weekView(withSlots(done), NOW),
  ];
}

// The audit before a pull, with the server's standing, answered here, a goal open.
function auditViews() {
  const d = device({ progress: { ...device().progress, standing: [standingRow()] } });
  const local = audit.withRating(d, null, "speaking", 2, NOW);
  return [
    audit.auditView(device({ nuggets: [] }), null, {}),
    audit.auditView(device(), null, {}),
    audit.auditView(d, local, {}),
    audit.auditView(d, local, { goal: "listening", goal_level: 4, error: "Pick a date after today." }),
  ];
}

function progressViews() {
  const d = device({ progress: { ...device().progress, standing: [standingRow()] } });
  const local = audit.withGoal(d, null, "speaking", 3, null, NOW);
  const notes = audit.progressNotes(audit.standingNow(d, local));
  return [
    views.progressView(device(), NOW),
    views.progressView(device({ progress: null }), NOW),
    views.progressView(d, NOW, notes),
  ];
}

// Practice at work: a commitment made here, one from the pull reflected, the forms open.
const committed = (id, nugget, on, at) => ({
  event_id: id,
  type: "work_committed",
  nugget_id: nugget,
  at,
  payload: { on, plan: "In the stand-up" },
});
function workDevice() {
  const d = device();
  d.progress.work = [
    {
      event_id: "w1",
      type: "work_committed",
      nugget_id: "a",
      at: "2026-03-02T08:00:00Z",
      on: "2026-03-03",
      plan: "",
    },
    {
      event_id: "w2",
      type: "work_reflected",
      nugget_id: "a",
      at: "2026-03-04T08:00:00Z",
      commitment: "w1",
      tried: true,
      went: "well",
      note: "",
    },
  ];
  d.work_log = [committed("w3", "b", "2026-03-09", "2026-03-08T08:00:00Z")];
  return d;
}

function workViews() {
  const d = workDevice();
  return {
    mm_work: [
      work.practiceView(device(), null, "b", {}, NOW),
      work.practiceView(d, null, "b", { open: true, on: "2026-03-11", error: "Choose a day." }, NOW),
    ],
    mm_reflect: [
      work.reflectView(device(), null, "b", {}, NOW),
      work.reflectView(d, null, "b", { answer: "yes", went: "mixed" }, NOW),
      work.reflectView(d, null, "b", { answer: "not_yet", on: "2026-03-12", error: "x" }, NOW),
    ],
    today: views.todayView(d, null, NOW, null, false, work.checkinCard(d, null, NOW)),
    progress: views.progressView(d, NOW, null, work.triedList(d, null)),
  };
}

// Mentoring: asking (empty, the ranking, offline), the learner's page (empty, with
// everything and an outbox), the mentor's page, the reflection form, the plan.
function mentoringViews() {
  const TZ = "Europe/Berlin";
  const d = MF.mentoringDevice();
  const full = MF.held({ outbox: [MF.askEntry(), MF.reflectionEntry("s-next")] });
  full.refused = [{ id: "x", what: { label: "Your request" }, reason: "Gone.", at: NOW.toISOString() }];
  const ranked = [{ mentor_id: "m1", name: "Maya", score: 5.5, reasons: ["Can teach it"] }];
  const slots = { for: "r-accepted", mode: "book", starts: ["2026-03-11T11:00:00Z", "2026-03-12T11:20:00Z"] };
  const page = { slots, focus: { session: "s-held", action: "a-1" }, feed: "https://x/f.ics", notice: "Ok" };
  return {
    mm_ask: [
      mentoring.askView(device(), MF.held({ overview: null }), {}),
      mentoring.askView(d, MF.held({ draft: { skill_id: "sk-listening", need: "Help" } }), {
        step: "mentors",
        mentors: ranked,
      }),
      mentoring.askView(d, MF.held(), { step: "offline", error: "No" }),
    ],
    mm_mentoring: [
      mentoring.mentoringView(MF.held({ overview: null, at: null }), {}, TZ, NOW),
      mentoring.mentoringView(full, page, TZ, NOW),
    ],
    mm_mentor: [
      mentor.mentorView(MF.held({ overview: null }), {}, TZ, NOW),
      mentor.mentorView(MF.mentorHeld(), { notice: "Saved", busy: true }, TZ, NOW),
    ],
    mm_mreflect: [
      mentor.reflectForm(MF.held(), {}, TZ),
      mentor.reflectForm(MF.held(), { session: "s-held", rating: 3, fit: "good", rows: 2, error: "x" }, TZ),
      mentor.reflectForm(MF.held(), { session: "s-kim" }, TZ),
    ],
    mm_mplan: [
      mentoring.planActions(MF.held({ overview: null }), TZ, NOW),
      mentoring.planActions(MF.held({ outbox: [MF.reflectionEntry()] }), TZ, NOW),
    ],
  };
}

// Teach-back: the lists, the ask form, a colleague's guide (open and answered), a status.
function teachViews() {
  const guide = { way_in_html: "<p>A way in</p>", payoff_html: "<p>Gain</p>", prompts: ["x"] };
  const asked = teachback({ id: "tb-2", role: "peer", teacher_name: "Zoe", guide });
  const counted = {
    confirmed: true,
    explained: true,
    usable: true,
    rating: 4,
    comment: "Clear",
    counts: true,
  };
  const d = device();
  d.progress.colleagues = colleagues();
  d.progress.standing = [standingRow({ shown: 4 })];
  d.progress.teachbacks = [teachback(counted), asked];
  const log = [
    {
      event_id: "tb-3",
      type: "teachback_asked",
      nugget_id: "a",
      nugget_version: 1,
      at: "2026-03-10T07:00:00Z",
      payload: { peer: "u-3", at: "2026-03-12T12:00:00Z" },
    },
  ];
  const answered = { ...asked, confirmed: true, rating: 3, explained: true, usable: true, comment: "" };
  const d2 = { ...d, progress: { ...d.progress, teachbacks: [answered] } };
  return [
    teach.teachView(device(), null, {}, {}, NOW),
    teach.teachView(d, log, {}, {}, NOW),
    teach.teachView(
      d,
      null,
      { nugget: "a" },
      { peer: "u-2", on: "2026-03-11", error: "Choose a time." },
      NOW,
    ),
    teach.teachView(d, null, { nugget: "b" }, {}, NOW),
    teach.teachView(d, null, { ask: "tb-2" }, { explained: true, rating: 3 }, NOW),
    teach.teachView(d2, null, { ask: "tb-2" }, {}, NOW),
    teach.teachView(d, null, { ask: "tb-1" }, {}, NOW),
    teach.teachView(d, null, { ask: "nope" }, {}, NOW),
  ];
}

function built() {
  const w = workViews();
  const s = session();
  const rows = [outboxRow(1), outboxRow(2, { status: "rejected", reason: "unknown_step" })];
  const sync = (over) =>
    views.syncView({ rows, lastSync: null, result: null, session: s, online: true, ...over });
  const pushState = (over) => ({
    support: "ok",
    subscribed: false,
    busy: false,
    days: [true, true, true, true, true, false, false],
    timezone: "Europe/Berlin",
    ...over,
  });
  return {
    ...mentoringViews(),
    mm_session: [
      views.sessionView(null),
      views.sessionView(s, true),
      views.sessionView(session({ expired: true })),
    ],
    mm_sync: [
      sync({}),
      sync({ rows: [], lastSync: NOW.toISOString(), result: { ok: true, deferred: true } }),
      sync({ online: false }),
      sync({ result: { ok: false, reason: "server" } }),
      sync({ result: { ok: false, reason: "expired" } }),
    ],
    mm_form: [views.formView(), views.formView({ error: "Nope" }), views.formView({ busy: true })],
    mm_mydata: [views.myDataView(), views.myDataView({ confirming: true, error: "Wrong" })],
    mm_profile: [
      views.profileView(null),
      views.profileView(
        { url: "https://mm.example/p/abc", shared_at: "2026-03-11T08:00:00Z" },
        { notice: "Shared" },
      ),
      views.profileView({ url: "", shared_at: "2026-03-11T08:00:00Z" }, { busy: true, error: "Offline" }),
    ],
    mm_today: [
      views.todayView(device(), null, NOW),
      views.todayView(device(), 15, NOW),
      views.todayView(device(), 3, NOW),
      views.todayView(device({ nuggets: [], progress: null }), null, NOW),
      views.todayView(device({ nuggets: [], progress: null }), null, NOW, null, false, null, true),
      views.todayView(device({ reviews: [reviewCard("a-q1", "2026-03-09")] }), 10, NOW),
      views.todayView(device({ reviews: [reviewCard("a-q1", "2026-03-09")] }), null, NOW),
      // A locked nugget (c waits for b) and a skill gap from the pull's standing.
      views.todayView(lockedDevice(), null, NOW),
      views.todayView(lockedDevice(), 15, NOW),
      w.today,
    ],
    mm_progress: [...progressViews(), w.progress],
    mm_player: playerViews(),
    mm_review: reviewViews(),
    mm_app: [views.appView({}), views.appView({ installed: true, downloads: "wifi", storage: "1 MB" })],
    mm_audit: auditViews(),
    mm_week: weekViews(),
    mm_work: w.mm_work,
    mm_reflect: w.mm_reflect,
    mm_teach: teachViews(),
    mm_push: [
      views.remindersView(pushState({}), "default"),
      views.remindersView(pushState({ subscribed: true }), "granted"),
      views.remindersView(pushState({ support: "ios_install", timezone: "" }), "default"),
      views.remindersView(pushState({}), "denied"),
    ],
  };
}

// The page's scripts, evaluated as the browser does (classic scripts sharing one
// global), in a context with just enough of a window to load them.
function bridgeNames(scripts) {
  const noop = () => {};
  const sandbox = {
    console,
    setTimeout,
    clearTimeout,
    TextEncoder,
    URL,
    URLSearchParams,
    crypto,
    navigator: { onLine: true, userAgent: "bun", platform: "Linux", maxTouchPoints: 0 },
    document: { addEventListener: noop, querySelector: () => null, getElementById: () => null },
    location: { search: "", origin: "http://localhost", replace: noop },
    localStorage: { getItem: () => null, setItem: noop, removeItem: noop },
    matchMedia: () => ({ matches: false }),
    addEventListener: noop,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  const root = join(import.meta.dir, "..", "..", "assets");
  for (const src of scripts)
    vm.runInContext(readFileSync(join(root, src), "utf8"), sandbox, { filename: src });
  return Object.keys(sandbox.mm || {}).sort();
}

console.log(
  JSON.stringify({ views: built(), bridge: bridgeNames(process.argv.slice(2)), scale: audit.DEFAULT_SCALE }),
);
