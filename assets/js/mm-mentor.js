// Micromastery's mentor side on the phone, pure: the mentor's own page (offers waiting,
// sessions, capacity, the profile form), the "How did it go?" form both sides fill in
// after a session, and the request bodies those forms make (or an error to show).
// `held` as in mm-mentoring.js, plus {profile, skills} from GET /mentoring/profile and
// /mentoring/skills as last fetched. No DOM, no IndexedDB, no clock. Loaded by a
// <script> tag (self.mmMentor) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const I18N = self.mmI18n || require("./mm-i18n.js");
  const { t, nt } = I18N;
  const M = self.mmMentoring || require("./mm-mentoring.js");

  const TAKEAWAY = 280;
  const ACTION = 140;
  const MAX_ACTIONS = 3;
  const LATEST_DUE = 60; // an action is due within 60 days of the session
  const BIO = 400;
  const HHMM = /^([01]\d|2[0-3]):[0-5][05]$/;

  // Monday first, as the API numbers them (weekday 0 is Monday).
  const weekdays = () =>
    [0, 1, 2, 3, 4, 5, 6].map((i) =>
      I18N.formatDate(new Date(Date.UTC(2024, 0, 1 + i, 12)), { weekday: "long", timeZone: "UTC" }),
    );

  // "expires in 2 days" / "expires in 5 hours" / "expires soon".
  function expiresIn(iso, now) {
    const hours = Math.floor((Date.parse(iso) - now.getTime()) / 3600000);
    if (hours >= 48) return nt("expires in {n} day", "expires in {n} days", Math.floor(hours / 24));
    if (hours >= 1) return nt("expires in {n} hour", "expires in {n} hours", hours);
    return t("expires soon");
  }

  // The profile form as shown: `ui.form` holds edits not saved yet ({skills: {id: level},
  // lengths: [..], windows: [..]}), else the saved profile, else a first one's defaults.
  function formOf(held, ui, tz) {
    const saved = held.profile;
    const edits = ui.form || {};
    const levels = {};
    for (const s of saved?.skills || []) levels[s.skill_id] = s.level;
    return {
      levels: { ...levels, ...(edits.skills || {}) },
      lengths: edits.lengths || saved?.lengths || [20],
      windows: edits.windows || saved?.weekly || [],
      bio: saved?.bio || "",
      capacity: saved?.monthly_capacity || 4,
      timezone: saved?.timezone || tz || "UTC",
    };
  }

  function mentorView(held, ui, tz, now) {
    const form = formOf(held, ui, tz);
    const profile = held.profile;
    const offers = (held.overview?.offered || []).filter((r) => r.status === "offered");
    const used = profile?.sessions_this_month || 0;
    const cap = profile?.monthly_capacity || 0;
    const choices = held.skills || [];
    return {
      loaded: true,
      has_profile: !!profile,
      can_offer: choices.some((c) => c.may_offer),
      offers: offers.map((r) => ({
        id: r.id,
        who: r.mentee_name,
        skill: r.skill_name,
        need: r.need,
        meta: t("{minutes} min · {expires}", {
          minutes: r.minutes,
          expires: expiresIn(r.offer_expires_at, now),
        }),
      })),
      sessions: M.sessionRows(held, tz, now, ui.focus?.session, true),
      slots_for: ui.slots?.for || "",
      slot_days: M.slotDays(ui.slots?.starts, tz),
      capacity: profile ? t("{used} of {capacity} sessions this month", { used, capacity: cap }) : "",
      capacity_pct: cap ? Math.min(100, Math.round((100 * used) / cap)) : 0,
      skills: choices.map((c) => ({
        skill_id: c.skill_id,
        name: c.name,
        level: Number(form.levels[c.skill_id] || 0),
        may_offer: !!c.may_offer,
      })),
      lengths: M.LENGTHS.map((n) => ({
        value: String(n),
        label: t("{n} min", { n }),
        chosen: form.lengths.includes(n),
      })),
      weekdays: weekdays().map((label, i) => ({ value: String(i), label, chosen: false })),
      bio: form.bio,
      monthly_capacity: form.capacity,
      timezone: form.timezone,
      windows: form.windows.map((w) => ({ weekday: Number(w.weekday), start: w.start, end: w.end })),
      notice: ui.notice || "",
      error: ui.error || "",
      busy: !!ui.busy,
    };
  }

  // The PUT /mentoring/profile body from the form, or {error}. `typed`: the fields
  // read from the page ({bio, capacity, timezone, windows: [{weekday, start, end}]}).
  function profileBody(held, ui, typed, tz) {
    const form = formOf(held, ui, tz);
    const skills = Object.entries(form.levels)
      .filter(([, level]) => Number(level) >= 3)
      .map(([skill_id, level]) => ({ skill_id, level: Number(level) }));
    if (!skills.length) return { error: t("Choose at least one skill you can help with.") };
    if (!form.lengths.length) return { error: t("Choose at least one session length.") };
    const capacity = Number(typed.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 60)
      return { error: t("Sessions a month: a whole number from 1 to 60.") };
    const weekly = [];
    for (const w of typed.windows || []) {
      if (!HHMM.test(w.start) || !HHMM.test(w.end) || w.start >= w.end)
        return { error: t("Each time window needs a start before its end, on 5-minute marks.") };
      weekly.push({ weekday: Number(w.weekday), start: w.start, end: w.end });
    }
    return {
      body: {
        bio: String(typed.bio || "")
          .trim()
          .slice(0, BIO),
        skills,
        lengths: [...form.lengths].sort((a, b) => a - b),
        monthly_capacity: capacity,
        timezone: String(typed.timezone || "").trim() || tz || "UTC",
        weekly,
        active: true,
      },
    };
  }

  // --- "How did it go?" ----------------------------------------------------------
  const FITS = () => Object.entries(M.FIT());

  // The session `ui.session` of `held` (either side), with whether the viewer is its mentee.
  function sessionOf(held, id) {
    const s = (held.overview?.sessions || []).find((x) => x.id === id);
    if (!s) return null;
    return { s, mentee: M.mine(held, s) };
  }

  // The form's view; `ui` is {session, rating, fit, rows, error}.
  function reflectForm(held, ui, tz) {
    const found = ui?.session ? sessionOf(held, ui.session) : null;
    if (!found) return { ...EMPTY_FORM(), ratings: [], fits: [] };
    const { s, mentee } = found;
    const day = M.dayOf(tz, s.start_at);
    return {
      session_id: s.id,
      title: t("{skill} with {name}", { skill: s.skill_name, name: mentee ? s.mentor_name : s.mentee_name }),
      mentee,
      rating: ui.rating || 0,
      fit: ui.fit || "",
      ratings: [1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n), chosen: n === ui.rating })),
      fits: FITS().map(([value, label]) => ({ value, label, chosen: value === ui.fit })),
      rows: Math.min(MAX_ACTIONS, Math.max(1, ui.rows || 1)),
      first_due: day,
      last_due: M.addDays(day, LATEST_DUE),
      error: ui.error || "",
    };
  }
  const EMPTY_FORM = () => ({
    session_id: "",
    title: "",
    mentee: false,
    rating: 0,
    fit: "",
    rows: 1,
    first_due: "",
    last_due: "",
    error: "",
  });

  const cut = (text, n) =>
    Array.from(String(text || "").trim())
      .slice(0, n)
      .join("");

  // The reflection's body, or {error}. `typed`: {takeaway, actions: [{text, due_on}]}
  // as read from the page; rows left empty are skipped. Ids are made here: the
  // outbox sends the body as it is, however often it has to.
  function reflectionBody(held, ui, typed, tz, uuid) {
    const found = sessionOf(held, ui.session);
    if (!found) return { error: t("This session is not on this phone.") };
    if (!(ui.rating >= 1 && ui.rating <= 4)) return { error: t("Choose a rating from 1 to 4.") };
    if (!FITS().some(([v]) => v === ui.fit)) return { error: t("Say whether the fit is good.") };
    const body = { id: uuid(), rating: ui.rating, fit: ui.fit, takeaway: "", actions: [] };
    if (!found.mentee) return { body };
    const first = M.dayOf(tz, found.s.start_at);
    const last = M.addDays(first, LATEST_DUE);
    for (const a of typed.actions || []) {
      const text = cut(a.text, ACTION);
      if (!text) continue;
      if (!a.due_on || a.due_on < first || a.due_on > last)
        return { error: t("Give each action a day, within 60 days of the session.") };
      body.actions.push({ id: uuid(), text, due_on: a.due_on });
    }
    body.takeaway = cut(typed.takeaway, TAKEAWAY);
    if (!body.takeaway || !body.actions.length)
      return { error: t("Write your takeaway and at least one action with its day.") };
    return { body };
  }

  const api = { expiresIn, mentorView, profileBody, reflectForm, reflectionBody, weekdays };
  if (typeof self !== "undefined") self.mmMentor = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
