// Micromastery bridge, mentoring part 2: the mentor's page (offers, moving and cancelling
// sessions, the profile) and "How did it go?" with the actions it plans, on both pages.
// It shares what the phone keeps and its calls with mm-mentoring-io.js; reflections and
// answers go through the outbox, so they work offline.
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const { call } = self.mmShared || require("./mm-shared.js");
  const S = () => self.mmStore;
  const MM = () => self.mmMentor;
  const ui = () => self.mmUi;
  // Loaded after mm-mentoring-io.js (routes.BRIDGE_SCRIPTS): its shared pieces.
  const { open, value, held, zone, repaint, queue, online, keep, one, showSlots, pick } =
    self.mmMentoringIO.internal;
  const { downloadIcs, fetchAndPaint, BASE } = self.mmMentoringIO.more;

  // --- "How did it go?" -----------------------------------------------------------------
  async function reflect(step, arg) {
    const r = open.reflect;
    if (step === "open") open.reflect = r.session === arg ? {} : { session: arg, rows: 1 };
    else if (step === "rating") open.reflect = { ...r, rating: Number(arg), error: "" };
    else if (step === "fit") open.reflect = { ...r, fit: arg, error: "" };
    else if (step === "row") open.reflect = { ...r, rows: Math.min(3, (r.rows || 1) + 1) };
    else if (step === "save") {
      const rows = [0, 1, 2].map((i) => ({ text: value(`mr-action-${i}`), due_on: value(`mr-due-${i}`) }));
      const typed = { takeaway: value("mr-takeaway"), actions: rows };
      const h = await held();
      const { tz } = await zone();
      const made = MM().reflectionBody(h, r, typed, tz, () => crypto.randomUUID());
      if (made.error) open.reflect = { ...r, error: made.error };
      else {
        const s = h.overview.sessions.find((x) => x.id === r.session);
        const mentor = made.body.takeaway ? s.mentor_name : "";
        open.reflect = {};
        return queue({
          method: "POST",
          path: `${BASE}/sessions/${r.session}/reflection`,
          body: made.body,
          what: {
            kind: "reflection",
            session_id: r.session,
            skill: s.skill_name,
            mentor,
            label: t("How your session on {skill} went", { skill: s.skill_name }),
          },
        });
      }
    }
    await repaint();
  }

  // "Done", "Not yet" or "Drop" on an action (Today's card, the mentoring page).
  function answer(actionId, choice) {
    return queue({
      method: "POST",
      path: `${BASE}/actions/${actionId}/answer`,
      body: { id: crypto.randomUUID(), answer: choice },
      what: { kind: "answer", action_id: actionId, label: t("Your answer on an action") },
    });
  }

  // The mentor's page: `mentor(step, a, b)`.
  function mentor(step, a, b) {
    return one(async () => {
      const P = open.mentor;
      const form = P.form || {};
      if (step === "accept" || step === "decline") {
        if (await online(P, (s) => call("POST", `${BASE}/requests/${a}/${step}`, s.token))) {
          P.notice = step === "accept" ? t("Accepted: the learner picks a time now.") : t("Declined.");
          return fetchAndPaint();
        }
      } else if (step === "ics") await downloadIcs(P, a);
      else if (step === "move") await showSlots(P, "move", a);
      else if (step === "close") P.slots = {};
      else if (step === "pick") return pick(P, a);
      else if (step === "cancel") {
        if (await online(P, (s) => call("POST", `${BASE}/sessions/${a}/cancel`, s.token)))
          return fetchAndPaint();
      } else if (step === "level") P.form = { ...form, skills: { ...(form.skills || {}), [a]: Number(b) } };
      else if (step === "length") {
        const h = await held();
        const now = form.lengths || h.profile?.lengths || [20];
        const n = Number(a);
        P.form = { ...form, lengths: now.includes(n) ? now.filter((x) => x !== n) : [...now, n] };
      } else if (step === "window_add" || step === "window_remove") {
        const windows = readWindows(form, await held());
        if (step === "window_add") windows.push({ weekday: 0, start: "12:00", end: "13:00" });
        else windows.splice(Number(a), 1);
        P.form = { ...form, windows };
      } else if (step === "save") return saveProfile();
      await repaint();
    });
  }

  // The windows as typed on the page now (their inputs are uncontrolled).
  function readWindows(form, h) {
    const shown = form.windows || h.profile?.weekly || [];
    return shown.map((w, i) => ({
      weekday: Number(value(`mw-day-${i}`) || w.weekday),
      start: value(`mw-start-${i}`) || w.start,
      end: value(`mw-end-${i}`) || w.end,
    }));
  }

  async function saveProfile() {
    const P = open.mentor;
    const h = await held();
    const { tz } = await zone();
    const windows = readWindows(P.form || {}, h);
    const typed = {
      bio: value("mp-bio"),
      capacity: value("mp-capacity"),
      timezone: value("mp-timezone"),
      windows,
    };
    const made = MM().profileBody(h, { ...P, form: { ...(P.form || {}), windows } }, typed, tz);
    if (made.error) P.error = made.error;
    else {
      P.busy = true;
      await repaint();
      const saved = await online(P, (s) => call("PUT", `${BASE}/profile`, s.token, made.body));
      P.busy = false;
      if (saved) {
        const session = await S().get("kv", "session");
        await keep(session, "mentor_profile", { profile: saved, skills: h.skills });
        P.form = {};
        P.notice = t("Saved. Learners can ask you now.");
        await ui().refreshPage();
        return;
      }
    }
    await repaint();
  }

  const api = {
    mentor,
    answer: (id, choice) => one(() => answer(id, choice)),
    reflect: (step, arg) => one(() => reflect(step, arg)),
  };
  if (typeof self !== "undefined") self.mmMentorIO = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
