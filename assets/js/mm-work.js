// Micromastery's practice in the flow of work, pure: "Try it at work" commitments and
// how it went, merged from the last pull (progress.work) and this phone's own events
// (kv "work_log", `device.work_log` in a store snapshot, or `local`), with the same rules as mmapp/progress/work.py: a nugget's
// commitment is its latest `work_committed` (time, then event id); it is open while no
// `work_reflected` names it. Days are the learner's local "YYYY-MM-DD".
// Loaded by a <script> tag (window.mmWork) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { dayIn } = self.mmProgress || require("./mm-progress.js");
  const I18N = self.mmI18n || require("./mm-i18n.js");
  const { t } = I18N;
  // How it went, as the page says it (in the language shown when it is called).
  const WENT = () => ({ well: t("Went well"), mixed: t("Mixed"), badly: t("Went badly") });
  const CHIP_DAYS = 7; // Today, Tomorrow, then the next five days by name
  const PLAN_CHARS = 200;
  const NOTE_CHARS = 500;

  const parse = (day) => new Date(`${day}T12:00:00Z`); // noon UTC: never crosses a date
  function addDays(day, n) {
    const d = parse(day);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  // A day's name ("Thursday"; "Thu" with `short`) in the language shown.
  const weekday = (day, short) =>
    I18N.formatDate(parse(day), { weekday: short ? "short" : "long", timeZone: "UTC" });
  const daysBetween = (a, b) => Math.round((parse(b) - parse(a)) / 86400000);

  // The day chips of "When will you try it?", from `today`.
  function dayChips(today) {
    return Array.from({ length: CHIP_DAYS }, (_, i) => {
      const on = addDays(today, i);
      return { on, label: i === 0 ? t("Today") : i === 1 ? t("Tomorrow") : weekday(on) };
    });
  }

  // "Thu 3 Dec".
  const shortDay = (day) => {
    const d = parse(day);
    const month = I18N.formatDate(d, { month: "short", timeZone: "UTC" });
    return t("{weekday} {day} {month}", { weekday: weekday(day, true), day: d.getUTCDate(), month });
  };

  // "today", "tomorrow", "yesterday", "on Thursday" (this week), else "on Thu 3 Dec":
  // when, in the sentences "You'll try it {when}" and "You planned to try it {when}".
  function whenWords(on, today) {
    const ahead = daysBetween(today, on);
    if (ahead === 0) return t("today");
    if (ahead === 1) return t("tomorrow");
    if (ahead === -1) return t("yesterday");
    if (ahead > 1 && ahead < 7) return t("on {weekday}", { weekday: weekday(on) });
    return t("on {date}", { date: shortDay(on) });
  }

  // The pull's events (flat fields) and this phone's (a payload), as one list.
  function merged(device, local) {
    const seen = new Set();
    const out = [];
    for (const e of device.progress?.work || []) {
      const payload =
        e.type === "work_committed"
          ? { on: e.on, plan: e.plan || "" }
          : { commitment: e.commitment, tried: e.tried, went: e.went, note: e.note || "" };
      out.push({ event_id: e.event_id, type: e.type, nugget_id: e.nugget_id, at: e.at, payload });
      seen.add(e.event_id);
    }
    for (const e of local || device.work_log || []) if (!seen.has(e.event_id)) out.push(e);
    return out;
  }

  const later = (a, b) => {
    const ta = Date.parse(a.at);
    const tb = Date.parse(b.at);
    return ta !== tb ? ta > tb : a.event_id > b.event_id;
  };
  function latest(events, type) {
    const by = new Map();
    for (const e of events) {
      if (e.type !== type) continue;
      const held = by.get(e.nugget_id);
      if (!held || later(e, held)) by.set(e.nugget_id, e);
    }
    return by;
  }

  // Each nugget's commitment with `open` (no reflection names it).
  function commitments(events) {
    const named = new Set(events.filter((e) => e.type === "work_reflected").map((e) => e.payload.commitment));
    const out = new Map();
    for (const [n, c] of latest(events, "work_committed")) out.set(n, { ...c, open: !named.has(c.event_id) });
    return out;
  }

  const today = (device, now) => dayIn(device.progress?.timezone, now);
  const nuggetOf = (device, id) => (device.nuggets || []).find((n) => n.id === id);

  // Open commitments whose day has passed (local date > on), on nuggets on the phone:
  // oldest day first, then by title.
  function checkins(device, local, now) {
    const day = today(device, now);
    const out = [];
    for (const [id, c] of commitments(merged(device, local))) {
      const n = nuggetOf(device, id);
      if (c.open && n && c.payload.on < day) out.push({ nugget_id: id, title: n.title, on: c.payload.on });
    }
    return out.sort((a, b) => a.on.localeCompare(b.on) || a.title.localeCompare(b.title));
  }

  // Today's one calm card: the oldest check-in, or an empty one.
  function checkinCard(device, local, now) {
    const [first] = checkins(device, local, now);
    if (!first) return { checkin_text: "", checkin_href: "" };
    return {
      checkin_text: t("How did '{title}' go at work?", { title: first.title }),
      checkin_href: `/reflect?nugget=${first.nugget_id}`,
    };
  }

  const chipsFor = (day, chosen) => dayChips(day).map((c) => ({ ...c, chosen: c.on === chosen }));

  // The Practice part's "Try it at work": `form` is what the screen has open
  // ({ open, on, error }), kept by the bridge only.
  function practiceView(device, local, id, form, now) {
    const day = today(device, now);
    const c = commitments(merged(device, local)).get(id);
    const f = form || {};
    let line = "";
    if (c?.open) {
      const on = c.payload.on;
      const when = whenWords(on, day);
      line = on >= day ? t("You'll try it {when}", { when }) : t("You planned to try it {when}", { when });
    }
    return {
      open: !!f.open,
      chips: chipsFor(day, f.on || null),
      line,
      plan: c?.open ? c.payload.plan : "",
      error: f.error || "",
    };
  }

  // The reflection page for nugget `id`: `form` is { answer, went, on, error }.
  function reflectView(device, local, id, form, now) {
    const day = today(device, now);
    const n = nuggetOf(device, id);
    const c = commitments(merged(device, local)).get(id);
    const f = form || {};
    const base = {
      loaded: true,
      state: "none",
      nugget_id: id || "",
      title: n ? n.title : "",
      planned: "",
      plan: "",
      answer: f.answer || "",
      went: f.went || "",
      chips: chipsFor(day, f.on || null),
      error: f.error || "",
    };
    if (!n || !c?.open) return base;
    const planned = t("You planned to try it {when}.", { when: whenWords(c.payload.on, day) });
    return { ...base, state: "ask", planned, plan: c.payload.plan };
  }

  // At most `n` characters as the server counts them (code points: an emoji is one, and
  // is never cut in half into a lone surrogate the server would refuse).
  const cut = (text, n) =>
    Array.from(String(text || ""))
      .slice(0, n)
      .join("");
  // The last day a commitment may name: the chips offer a week; two are accepted, for a
  // form left open past midnight (the server allows one more, for time zones).
  const lastDay = (day) => addDays(day, 2 * CHIP_DAYS - 1);

  // What the reflection page's Save records, or { error }: `form` as above plus `note`.
  function reflectEvent(device, local, id, form, now) {
    const c = commitments(merged(device, local)).get(id);
    if (!c?.open) return { error: t("There is nothing to note for this nugget.") };
    const note = cut(form.note, NOTE_CHARS);
    if (form.answer === "yes") {
      if (!WENT()[form.went]) return { error: t("Choose how it went.") };
      return {
        type: "work_reflected",
        payload: { commitment: c.event_id, tried: true, went: form.went, note },
      };
    }
    if (form.answer === "no")
      return { type: "work_reflected", payload: { commitment: c.event_id, tried: false, went: null, note } };
    if (form.answer === "not_yet") {
      const day = today(device, now);
      if (!form.on || form.on < day || form.on > lastDay(day)) return { error: t("Choose a day.") };
      return { type: "work_committed", payload: { on: form.on, plan: c.payload.plan } };
    }
    return { error: t("Choose an answer.") };
  }

  // What "Commit" records, or { error }: `form` is { on }, `plan` the text typed.
  function commitEvent(device, form, plan, now) {
    const day = today(device, now);
    if (!form?.on || form.on < day || form.on > lastDay(day)) return { error: t("Choose a day.") };
    return {
      type: "work_committed",
      payload: { on: form.on, plan: cut(String(plan || "").trim(), PLAN_CHARS) },
    };
  }

  // Progress's "Tried at work": each nugget's latest reflection saying tried, newest first.
  function triedList(device, local) {
    const tz = device.progress?.timezone;
    const out = [];
    for (const [id, r] of latest(merged(device, local), "work_reflected")) {
      const n = nuggetOf(device, id);
      if (!n || r.payload.tried !== true) continue;
      out.push({ title: n.title, on: dayIn(tz, new Date(r.at)), went: WENT()[r.payload.went] || "" });
    }
    out.sort((a, b) => b.on.localeCompare(a.on) || a.title.localeCompare(b.title));
    return out.map((r) => ({ title: r.title, day: shortDay(r.on), went: r.went }));
  }

  const api = {
    addDays,
    dayChips,
    whenWords,
    merged,
    commitments,
    checkins,
    checkinCard,
    practiceView,
    reflectView,
    reflectEvent,
    commitEvent,
    triedList,
  };
  if (typeof self !== "undefined") self.mmWork = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
