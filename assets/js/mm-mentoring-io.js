// Micromastery bridge, mentoring part 1: what the phone keeps of mentoring, and the taps
// on /mentoring (the mentor's page and "How did it go?" are mm-mentor-io.js). Kept (kv,
// per account): "mentoring" {overview, at} (GET /mentoring, fetched after a sync, so
// the pages and the plan show offline), "mentor_profile" {profile, skills},
// "mentoring_draft" ("Ask a mentor" as typed). Asking, reflecting and answering an
// action go through the outbox (mm-outbox.js) and so work offline; finding mentors,
// booking, moving, cancelling, accepting and the calendar need the server now, and say
// so calmly when it cannot be reached.
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const { API, HttpError, apiHeaders, call } = self.mmShared || require("./mm-shared.js");
  const S = () => self.mmStore;
  const M = () => self.mmMentoring;
  const MM = () => self.mmMentor;
  const O = () => self.mmOutbox;
  const ui = () => self.mmUi;
  const BASE = "/mentoring";
  const STALE_MS = 5 * 60000; // after a quiz answer, the overview is fetched again at most this often
  // What the pages have open; not kept.
  const open = { ask: {}, page: {}, reflect: {}, mentor: {}, offered: false };
  const value = (id) => document.getElementById(id)?.value || "";

  async function held() {
    const [kept, outbox, refused, draft, mentor, session] = await Promise.all([
      S().get("kv", "mentoring"),
      S().get("kv", O().KEY),
      S().get("kv", O().REFUSED),
      S().get("kv", "mentoring_draft"),
      S().get("kv", "mentor_profile"),
      S().get("kv", "session"),
    ]);
    return {
      me: session?.user?.id || null,
      overview: kept?.overview || null,
      at: kept?.at || null,
      outbox: outbox || [],
      refused: refused || [],
      draft: draft || null,
      profile: mentor?.profile || null,
      skills: mentor?.skills || [],
    };
  }

  async function zone() {
    const device = await S().snapshot();
    const session = await S().get("kv", "session");
    const tz = device.progress?.timezone || session?.user?.timezone;
    return { device, session, tz: tz || Intl.DateTimeFormat().resolvedOptions().timeZone };
  }

  // Paint what `page` shows of mentoring (Today and the week: the actions in the plan).
  const PAGES = new Set(["today", "week", "mentoring", "mentor"]);
  async function refresh(page) {
    if (!PAGES.has(page)) return;
    const now = new Date();
    const { device, tz } = await zone();
    const h = await held();
    if (page === "today" || page === "week") ui().setVar("mm_mplan", M().planActions(h, tz, now));
    let view = null;
    if (page === "mentoring") {
      // The need as drafted goes into its field once per opening (then it is typed).
      if (!open.ask.shown) ui().setVar("mm_need", h.draft?.need || "");
      open.ask.shown = true;
      ui().setVar("mm_ask", M().askView(device, h, open.ask));
      view = M().mentoringView(h, open.page, tz, now);
      ui().setVar("mm_mentoring", view);
    }
    if (page === "mentor") {
      view = MM().mentorView(h, open.mentor, tz, now);
      ui().setVar("mm_mentor", view);
    }
    if (!view) return;
    // Opened from "How did it go?" (`?session=`): its form opens, once, when it can be
    // said (the session may only end, by the phone's clock or a sync, after opening).
    const asked = view.sessions.find((row) => row.focus && row.can_reflect);
    if (asked && !open.offered) {
      open.offered = true;
      open.reflect = { session: asked.id, rows: 1 };
    }
    ui().setVar("mm_mreflect", MM().reflectForm(h, open.reflect, tz));
  }
  const repaint = () => refresh(ui().state.page);

  // --- the cache, after each sync --------------------------------------------------
  async function keep(session, key, data) {
    await S().forAccount(session, [], (s) => {
      s.kv.put(data, key);
    });
  }
  async function fetchOverview(session, signal) {
    const overview = await call("GET", BASE, session.token, undefined, signal);
    await keep(session, "mentoring", { overview, at: new Date().toISOString() });
  }
  async function fetchProfile(session, signal) {
    let profile = null;
    try {
      profile = await call("GET", `${BASE}/profile`, session.token, undefined, signal);
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 404)) throw e;
    }
    const skills = await call("GET", `${BASE}/skills`, session.token, undefined, signal);
    await keep(session, "mentor_profile", { profile, skills });
  }
  if (self.mmOutbox)
    self.mmOutbox.onSynced(async (session, signal, trigger, done) => {
      const kept = await S().get("kv", "mentoring");
      const fresh = kept && Date.now() - Date.parse(kept.at) < STALE_MS;
      const sent = done.sent.length || done.refused.length;
      if (!(trigger === "answer" && fresh && !sent)) await fetchOverview(session, signal);
      const page = ui()?.state.page;
      if (!(await S().get("kv", "mentor_profile")) || page === "mentor") await fetchProfile(session, signal);
    });

  // --- calls that need the server now ---------------------------------------------------
  // `fn(session)`; its error as calm words in `target` (open.ask, .page or .mentor),
  // with `status` the HTTP status (0: no answer, offline).
  async function online(target, fn) {
    const session = await S().get("kv", "session");
    if (!session) return null;
    target.error = "";
    target.notice = "";
    target.status = null;
    try {
      return await fn(session);
    } catch (e) {
      const answered = e instanceof HttpError;
      target.status = answered ? e.status : 0;
      target.code = answered ? e.body?.error : "";
      target.error = answered ? e.message : t("This needs the network. Try again when you are online.");
      return null;
    }
  }

  // Put a write in the outbox, paint it at once, and try to send it now.
  async function queue(made) {
    const session = await S().get("kv", "session");
    if (!session || !(await O().add(session, made))) return;
    await repaint();
    await ui().refreshSync();
    await ui().syncAndRefresh("mentoring");
  }

  // --- "Ask a mentor" -------------------------------------------------------------------
  async function saveDraft(patch) {
    const session = await S().get("kv", "session");
    const draft = (await S().get("kv", "mentoring_draft")) || {};
    await keep(session, "mentoring_draft", { ...draft, ...patch });
  }
  const skillName = async (id) =>
    M()
      .skillChoices(await S().snapshot())
      .find((s) => s.id === id)?.name || "";

  async function find() {
    const need = value("ask-need").trim();
    const draft = (await S().get("kv", "mentoring_draft")) || {};
    const skill = open.ask.skill || draft.skill_id;
    const minutes = Number(open.ask.minutes || draft.minutes || 20);
    await saveDraft({ skill_id: skill, need, minutes });
    if (!skill) open.ask = { ...open.ask, error: t("Choose a skill.") };
    else if (!need) open.ask = { ...open.ask, error: t("Say in one line what you need.") };
    else {
      open.ask = { ...open.ask, skill, minutes, step: "busy", error: "", note: "" };
      await repaint();
      const found = await online(open.ask, (s) =>
        call("GET", `${BASE}/mentors?skill_id=${skill}&minutes=${minutes}`, s.token),
      );
      if (found) open.ask = { ...open.ask, step: found.length ? "mentors" : "none", mentors: found };
      else if (open.ask.status === 0) open.ask = { ...open.ask, step: "offline", error: "" };
      else open.ask = { ...open.ask, step: "" };
    }
    await repaint();
  }

  // Send the draft to `mentorId` (or "" for the best, passing down the list).
  async function send(mentorId) {
    const draft = (await S().get("kv", "mentoring_draft")) || {};
    if (!draft.skill_id || !draft.need) return;
    const skill = await skillName(draft.skill_id);
    const body = { skill_id: draft.skill_id, need: draft.need, minutes: Number(draft.minutes || 20) };
    if (mentorId) body.mentor_id = mentorId;
    const session = await S().get("kv", "session");
    await keep(session, "mentoring_draft", null);
    open.ask = { skill: draft.skill_id, minutes: body.minutes };
    await queue({
      method: "POST",
      path: `${BASE}/requests`,
      body,
      what: { kind: "ask", skill, label: t("Your request on {skill}", { skill }) },
    });
  }

  // --- the requests and sessions --------------------------------------------------------
  // A request's slots to book, or a session's to move it to (either person may move it);
  // `P` is the page's own state (the learner's page, or the mentor's).
  async function showSlots(P, mode, id) {
    const path = mode === "move" ? `${BASE}/sessions/${id}/slots` : `${BASE}/requests/${id}/slots`;
    const got = await online(P, (s) => call("GET", path, s.token));
    P.slots = got ? { for: id, mode, starts: got.starts } : {};
    if (got && !got.starts.length) P.notice = t("No free times in the next 7 days. Try again later.");
  }

  async function pick(P, start) {
    const slots = P.slots || {};
    const path =
      slots.mode === "move"
        ? `${BASE}/sessions/${slots.for}/reschedule`
        : `${BASE}/requests/${slots.for}/book`;
    const done = await online(P, (s) => call("POST", path, s.token, { start_at: start }));
    if (done) {
      P.slots = {};
      P.notice = t("Booked: {when}", {
        when: M().span((await zone()).tz, done.start_at, done.minutes),
      });
      return fetchAndPaint();
    }
    if (P.code === "slot_taken") {
      // Someone took it first: the times as they are now, and a clear word.
      await showSlots(P, slots.mode, slots.for);
      P.error = t("Someone took that time a moment ago. Pick another one.");
    }
    await repaint();
  }

  async function fetchAndPaint() {
    const session = await S().get("kv", "session");
    await fetchOverview(session).catch(() => null);
    await repaint();
  }

  async function downloadIcs(target, id) {
    await online(target, async (session) => {
      const res = await fetch(`${API}${BASE}/sessions/${id}.ics`, {
        headers: apiHeaders(session.token, false),
      });
      if (!res.ok) throw new HttpError(res.status, await res.json().catch(() => null));
      const a = document.createElement("a");
      a.href = URL.createObjectURL(await res.blob());
      a.download = `mentoring-${id}.ics`; // i18n: not text
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
  }

  let queueTail = Promise.resolve();
  const one = (fn) => {
    queueTail = queueTail.then(fn).catch((e) => console.error(e));
    return queueTail;
  };

  // The learner's page: `mentoring(step, a, b)`.
  function mentoring(step, a) {
    return one(async () => {
      const P = open.page;
      if (step === "skill") {
        open.ask = { ...open.ask, skill: a, step: "", mentors: [], error: "" };
        await saveDraft({ skill_id: a });
      } else if (step === "minutes") {
        open.ask = { ...open.ask, minutes: Number(a), step: "", mentors: [] };
        await saveDraft({ minutes: Number(a) });
      } else if (step === "need") await saveDraft({ need: value("ask-need").trim() });
      else if (step === "find") return find();
      else if (step === "ask") return send(a || "");
      else if (step === "send") return ui().syncAndRefresh("mentoring");
      else if (step === "dismiss") await O().dismiss(await S().get("kv", "session"), a);
      else if (step === "slots") await showSlots(P, "book", a);
      else if (step === "move") await showSlots(P, "move", a);
      else if (step === "close") P.slots = {};
      else if (step === "pick") return pick(P, a);
      else if (step === "withdraw" || step === "cancel") {
        const path = step === "withdraw" ? `${BASE}/requests/${a}/withdraw` : `${BASE}/sessions/${a}/cancel`;
        if (await online(P, (s) => call("POST", path, s.token))) return fetchAndPaint();
      } else if (step === "ics") await downloadIcs(P, a);
      else if (step === "feed") {
        const got = await online(P, (s) => call("POST", `${BASE}/calendar-feed`, s.token));
        if (got) P.feed = got.url;
      } else if (step === "copy") {
        await navigator.clipboard?.writeText(P.feed || "").catch(() => null);
        P.notice = t("Copied. Paste it into your calendar app as a subscription.");
      }
      await repaint();
    });
  }

  // A page opened (mm-bridge.js): what its address asks for.
  async function opened(page, query) {
    if (page === "mentoring") {
      // The page's address first, then the draft's skill, then a goal at risk.
      const device = await S().snapshot();
      const asked = { nugget: query.get("nugget"), skill: query.get("skill") };
      const drafted = (await S().get("kv", "mentoring_draft"))?.skill_id;
      const skill = asked.nugget || asked.skill || !drafted ? M().preselect(device, asked, new Date()) : "";
      open.ask = skill ? { skill } : {};
      open.page = { focus: { session: query.get("session"), action: query.get("action") } };
      if (skill) await saveDraft({ skill_id: skill });
    }
    if (page === "mentor") open.mentor = { focus: { session: query.get("session") } };
    open.reflect = {};
    open.offered = false;
    // A push about a session opened here, but the viewer is its mentor: their page.
    const h = await held();
    const s = (h.overview?.sessions || []).find((x) => x.id === query.get("session"));
    const asMentee = s && M().mine(h, s);
    if (s && page === "mentoring" && !asMentee) location.replace(`/mentor?session=${s.id}`);
  }

  // Bring the card a push opened into view, once it is painted.
  function scrollToFocus(query) {
    const id = query.get("session") ? `msession-${query.get("session")}` : `maction-${query.get("action")}`;
    setTimeout(() => document.getElementById(id)?.scrollIntoView({ block: "center" }), 300);
  }

  // Taps go one at a time: each reads what the page has open and changes it.
  const api = {
    refresh,
    mentoring,
    opened,
    scrollToFocus,
    held,
    // For the mentor's page and "How did it go?" (mm-mentor-io.js), which share them.
    internal: { open, value, held, zone, repaint, queue, online, keep, one, showSlots, pick },
    more: { downloadIcs, fetchAndPaint, BASE },
  };
  if (typeof self !== "undefined") self.mmMentoringIO = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
