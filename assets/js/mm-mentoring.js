// Micromastery's mentoring views for the learner, pure: "Ask a mentor", the requests,
// free slots by day, sessions, the actions planned after them and who helped with what.
// `held` is what the phone keeps (mm-mentoring-io.js): {me} the account id, {overview}
// the server's GET /mentoring as last fetched, {outbox, refused} (mm-outbox.js), {draft}
// the form as typed. Writes still in the outbox show at once: a request as "waiting", a
// reflection as said, its actions in the plan, an answer as given. `ui` is what the page
// has open (kept by the bridge). Times are in `tz`, the viewer's timezone. No DOM, no
// IndexedDB, no clock (`now` comes in). Loaded by a <script> (self.mmMentoring) and bun.
(() => {
  "use strict"; // i18n: not text
  const I18N = self.mmI18n || require("./mm-i18n.js");
  const { t, nt, formatDate, formatNumber } = I18N;
  const { dayIn, dayWords } = self.mmProgress || require("./mm-progress.js");

  const LENGTHS = [15, 20, 30];
  const TOP = 3; // the mentors a learner picks from
  const MAX_SCORE = 6; // skill fit 3 + time 2 + time zone 1 (mmapp/mentoring/matching.py)
  const DAYS_PER_LEVEL = 7; // a goal is at risk with less than a week per level left

  const at = (iso) => new Date(iso);
  // A moment's local day "YYYY-MM-DD" in `tz`.
  const dayOf = (tz, iso) => dayIn(tz, at(iso));
  const addDays = (day, n) => {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const clock = (tz, date) => {
    try {
      return formatDate(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz });
    } catch (_e) {
      return date.toISOString().slice(11, 16);
    }
  };
  // "Thu 3 Dec, 14:00" in `tz`.
  const moment = (tz, iso) =>
    t("{day}, {time}", { day: dayWords(dayIn(tz, at(iso)), "short"), time: clock(tz, at(iso)) });
  // "Thu 3 Dec, 12:00-12:20".
  function span(tz, iso, minutes) {
    const end = new Date(at(iso).getTime() + minutes * 60000);
    return t("{day}, {start}-{end}", {
      day: dayWords(dayIn(tz, at(iso)), "short"),
      start: clock(tz, at(iso)),
      end: clock(tz, end),
    });
  }

  // Skills the learner could ask about: those of the nuggets on the phone, by name.
  function skillChoices(device) {
    const by = new Map();
    for (const n of device.nuggets || []) if (n.skill?.id) by.set(n.skill.id, n.skill);
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  // Slugs of skills whose dated goal is at risk: a gap of 1+ and fewer days left than a
  // week per level (mmapp/progress/cohort_skills.py `at_risk`, the learner's own).
  function goalsAtRisk(device, now) {
    const today = dayIn(device.progress?.timezone, now);
    const days = (day) => Math.round((at(`${day}T12:00:00Z`) - at(`${today}T12:00:00Z`)) / 86400000);
    return (device.progress?.standing || [])
      .filter((s) => {
        const gap = Math.max(0, (s.target ?? 0) - (s.current ?? 0));
        return s.target_by && gap >= 1 && days(s.target_by) < DAYS_PER_LEVEL * gap;
      })
      .map((s) => s.slug);
  }

  // The skill a page opened with: `?nugget=` its skill, `?skill=` an id (or a slug),
  // else a goal at risk, else none.
  function preselect(device, query, now) {
    const skills = skillChoices(device);
    const nugget = (device.nuggets || []).find((n) => n.id === query?.nugget);
    if (nugget?.skill?.id) return nugget.skill.id;
    const named = skills.find((s) => s.id === query?.skill || s.slug === query?.skill);
    if (named) return named.id;
    const risky = goalsAtRisk(device, now);
    return skills.find((s) => risky.includes(s.slug))?.id || "";
  }

  const scoreWords = (score) =>
    t("Match {score} of {max}", { score: formatNumber(score, { maximumFractionDigits: 1 }), max: MAX_SCORE });

  // "Ask a mentor": `ui` {skill, minutes, step, mentors, note, error}; `held.draft`.
  function askView(device, held, ui) {
    const draft = held.draft || {};
    const chosenSkill = ui.skill || draft.skill_id || "";
    const minutes = Number(ui.minutes || draft.minutes || 20);
    return {
      loaded: true,
      skills: skillChoices(device).map((s) => ({ value: s.id, label: s.name, chosen: s.id === chosenSkill })),
      skill_id: skillChoices(device).some((s) => s.id === chosenSkill) ? chosenSkill : "",
      lengths: LENGTHS.map((n) => ({ value: String(n), label: t("{n} min", { n }), chosen: n === minutes })),
      need: draft.need || "",
      step: ui.step || "",
      mentors: (ui.mentors || []).slice(0, TOP).map((m) => ({
        mentor_id: m.mentor_id,
        name: m.name,
        score: scoreWords(m.score),
        reasons: m.reasons,
      })),
      note: ui.note || "",
      error: ui.error || "",
    };
  }

  // How a request stands, in one line.
  function requestLine(r, tz) {
    const who = r.mentor_name || "";
    if (r.status === "offered")
      return t("Offered to {name} until {when}", { name: who, when: moment(tz, r.offer_expires_at) });
    if (r.status === "accepted") return t("{name} said yes: pick a time", { name: who });
    if (r.status === "booked") return t("Booked with {name}", { name: who });
    if (r.status === "done") return t("Done");
    if (r.status === "cancelled") return t("Withdrawn");
    return t("Waiting for a mentor: nobody can take it in the next 7 days yet");
  }

  const OPEN = ["open", "offered", "accepted"];
  function requestRows(held, tz) {
    const waiting = (held.outbox || [])
      .filter((e) => e.what?.kind === "ask")
      .map((e) => ({
        id: e.id,
        skill: e.what.skill || "",
        need: e.body.need,
        status: "waiting",
        line: t("Saved on this phone; it goes when you are online"),
        can_book: false,
        can_withdraw: false,
      }));
    const shown = (held.overview?.asked || []).filter(
      (r) => OPEN.includes(r.status) || r.status === "booked",
    );
    return waiting.concat(
      shown.map((r) => ({
        id: r.id,
        skill: r.skill_name,
        need: r.need,
        status: r.status,
        line: requestLine(r, tz),
        can_book: r.status === "accepted",
        can_withdraw: OPEN.includes(r.status),
      })),
    );
  }

  // Free starts grouped by the viewer's day: [{label, slots: [{start, label}]}].
  function slotDays(starts, tz) {
    const days = [];
    for (const iso of starts || []) {
      const label = dayWords(dayIn(tz, at(iso)), "long");
      if (!days.length || days[days.length - 1].label !== label) days.push({ label, slots: [] });
      days[days.length - 1].slots.push({ start: iso, label: clock(tz, at(iso)) });
    }
    return days;
  }

  const FIT = () => ({ good: t("Good fit"), deciding: t("Still deciding"), not: t("Not a good fit") });
  const pendingOf = (held, kind) => (held.outbox || []).filter((e) => e.what?.kind === kind);
  // Over by the server's word, or by the phone's clock (the cached word goes stale offline).
  const ended = (s, now) => !!s.ended || at(s.start_at).getTime() + s.minutes * 60000 <= now.getTime();
  // Is the viewer the session's learner? By its mentee_id (an older cache: its request).
  const mine = (held, s) =>
    s.mentee_id && held.me
      ? s.mentee_id === held.me
      : (held.overview?.asked || []).some((r) => r.id === s.request_id);

  // Sessions of one side (`asMentor`), newest first, as rows.
  function sessionRows(held, tz, now, focus, asMentor) {
    const said = new Set(pendingOf(held, "reflection").map((e) => e.what.session_id));
    return (held.overview?.sessions || [])
      .filter((s) => mine(held, s) !== asMentor)
      .map((s) => {
        const done = ended(s, now);
        const cancelled = s.status === "cancelled";
        const reflected = !!s.reflected || said.has(s.id);
        let line = ""; // ended and not said yet: its "How did it go?" button says it
        if (cancelled) line = t("Cancelled");
        else if (said.has(s.id))
          line = t("Your reflection is saved on this phone; it goes when you are online");
        else if (s.rating)
          line = t("You rated it {rating} of 4 · {fit}", { rating: s.rating, fit: FIT()[s.fit] || "" });
        else if (reflected) line = t("You said how it went. Thank you.");
        return {
          id: s.id,
          title: t("{skill} with {name}", {
            skill: s.skill_name,
            name: asMentor ? s.mentee_name : s.mentor_name,
          }),
          when: span(tz, s.start_at, s.minutes),
          need: s.need,
          state: cancelled ? "cancelled" : done ? "ended" : "upcoming",
          line,
          can_change: !cancelled && !done,
          can_reflect: !cancelled && done && !reflected,
          focus: s.id === focus,
        };
      });
  }

  // The learner's actions: the server's, those of reflections still on the phone, and
  // answers still on the phone applied ("not yet" asks again two days later).
  function actionsNow(held, today) {
    const by = new Map((held.overview?.actions || []).map((a) => [a.id, { ...a }]));
    for (const e of pendingOf(held, "reflection"))
      for (const a of e.body.actions || [])
        if (!by.has(a.id))
          by.set(a.id, {
            id: a.id,
            session_id: e.what.session_id,
            skill_name: e.what.skill || "",
            mentor_name: e.what.mentor || "",
            text: a.text,
            due_on: a.due_on,
            state: "open",
            asked_on: a.due_on,
          });
    const states = { done: "done", drop: "dropped" };
    for (const e of pendingOf(held, "answer")) {
      const a = by.get(e.what.action_id);
      if (!a) continue;
      if (states[e.body.answer]) a.state = states[e.body.answer];
      else a.asked_on = addDays(today, 2);
    }
    return [...by.values()].sort((a, b) => a.due_on.localeCompare(b.due_on) || a.text.localeCompare(b.text));
  }
  const askDay = (a) => (a.asked_on && a.asked_on > a.due_on ? a.asked_on : a.due_on);

  function actionRows(held, today, focus) {
    const STATE = { done: t("Done"), dropped: t("Dropped") };
    return actionsNow(held, today).map((a) => ({
      id: a.id,
      text: a.text,
      line:
        STATE[a.state] ||
        t("Due {day} · from {name} ({skill})", {
          day: dayWords(a.due_on, "short"),
          name: a.mentor_name,
          skill: a.skill_name,
        }),
      open: a.state === "open",
      focus: a.id === focus,
    }));
  }

  // Who helped with what: per skill, the mentors of sessions held, newest first (the
  // server's history when it sends one, else from the sessions on the phone).
  function historyRows(held, tz, now) {
    const day = (iso) => dayWords(dayIn(tz, at(iso)), null);
    const told = held.overview?.history;
    if (told?.length)
      return told.map((h) => ({
        skill: h.skill_name,
        line: h.sessions
          .map((s) => t("{name} · {day}", { name: s.mentor_name, day: day(s.start_at) }))
          .join("; "),
      }));
    const by = new Map();
    for (const s of held.overview?.sessions || []) {
      if (s.status === "cancelled" || !mine(held, s) || !ended(s, now)) continue;
      const line = t("{name} · {day}", {
        name: s.mentor_name,
        day: dayWords(dayIn(tz, at(s.start_at)), null),
      });
      by.set(s.skill_name, [...(by.get(s.skill_name) || []), line]);
    }
    return [...by.entries()].map(([skill, lines]) => ({ skill, line: lines.join("; ") }));
  }

  function refusedRows(held) {
    // Not one t() inside another: the msgid extractor would miss the inner one.
    const unnamed = t("A change");
    return (held.refused || []).map((r) => ({
      id: r.id,
      text: t("{what} was not sent: {reason}", { what: r.what?.label || unnamed, reason: r.reason }),
    }));
  }

  // A mentor who opened this page (a "new request" push leads here): their offers.
  function waitingOffers(held) {
    const n = (held.overview?.offered || []).filter((r) => r.status === "offered").length;
    return n ? nt("{n} request waits for your answer", "{n} requests wait for your answer", n) : "";
  }

  // The mentoring page below "Ask a mentor". `ui`: {slots: {for, mode, starts},
  // focus: {session, action}, feed, notice, error}; `synced`: when `held` was fetched.
  function mentoringView(held, ui, tz, now) {
    const today = dayIn(tz, now);
    const slots = ui.slots || {};
    const sessions = sessionRows(held, tz, now, ui.focus?.session, false);
    return {
      loaded: true,
      requests: requestRows(held, tz),
      waiting: (held.outbox || []).map((e) => ({ id: e.id, text: e.what?.label || "" })),
      refused: refusedRows(held),
      slots_for: slots.for || "",
      slots_mode: slots.mode || "",
      slot_days: slotDays(slots.starts, tz),
      sessions,
      actions: actionRows(held, today, ui.focus?.action),
      history: historyRows(held, tz, now),
      feed_url: ui.feed || "",
      notice: ui.notice || "",
      error: ui.error || "",
      synced: held.at ? t("Updated {time}", { time: moment(tz, held.at) }) : "",
      offers: waitingOffers(held),
    };
  }

  // Actions in the plan: Today's cards on or after their day; the week's by day.
  function planActions(held, tz, now) {
    const today = dayIn(tz, now);
    const open = actionsNow(held, today)
      .filter((a) => a.state === "open")
      .sort((a, b) => askDay(a).localeCompare(askDay(b)));
    const card = (a) => ({
      id: a.id,
      text: t("Did you try '{text}'?", { text: a.text }),
      detail: t("From your session with {name} on {skill}", { name: a.mentor_name, skill: a.skill_name }),
    });
    const week = [];
    for (const a of open.filter((x) => askDay(x) > today && askDay(x) < addDays(today, 7))) {
      const label = dayWords(askDay(a), "long");
      if (!week.length || week[week.length - 1].label !== label) week.push({ label, items: [] });
      week[week.length - 1].items.push(card(a));
    }
    return { today: open.filter((a) => askDay(a) <= today).map(card), week };
  }

  const api = {
    LENGTHS,
    FIT,
    addDays,
    dayOf,
    span,
    skillChoices,
    goalsAtRisk,
    preselect,
    askView,
    requestRows,
    slotDays,
    sessionRows,
    mine,
    actionsNow,
    mentoringView,
    planActions,
  };
  if (typeof self !== "undefined") self.mmMentoring = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
