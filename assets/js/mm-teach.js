// Micromastery's peer teach-back on the phone, pure: asks and confirmations merged from
// the last pull (progress.teachbacks, progress.colleagues) and this phone's own events
// (kv "teach_log", `device.teach_log` in a store snapshot; kept until the server has
// them), the /teach page's view, and the events "Ask" and "Confirm" record. The rules
// are the server's (mmapp/access/teachbacks.py, mmapp/sync/checks.py); whether a
// confirmation counts is mm-progress.js `teachCounts`. Loaded by a <script> tag
// (window.mmTeach) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const P = self.mmProgress || require("./mm-progress.js");
  const W = self.mmWork || require("./mm-work.js");
  const I18N = self.mmI18n || require("./mm-i18n.js");
  const { t } = I18N;
  const COMMENT_CHARS = 280;
  const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
  // The colleague's three prompts (the server words the same msgids for its API).
  const PROMPTS = () => [
    t("Ask them to explain the Way in in their own words."),
    t("Ask for one example from your own work where it would help."),
    t("Ask what success looks like (the Payoff), and how they will know."),
  ];

  // The UTC instant of wall-clock `day` "YYYY-MM-DD" at `time` "HH:MM" in `tz`, as ISO
  // ("...Z"): the zone's offset at that moment, found by asking Intl twice (DST-safe).
  function zonedIso(day, time, tz) {
    const [y, m, d] = day.split("-").map(Number);
    const [h, mi] = time.split(":").map(Number);
    const wall = Date.UTC(y, m - 1, d, h, mi);
    const offsetAt = (ms) => {
      try {
        const parts = new Intl.DateTimeFormat("en-US", {
          timeZone: tz || "UTC",
          hourCycle: "h23",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        }).formatToParts(new Date(ms));
        const v = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
        return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute) - ms;
      } catch (_e) {
        return 0;
      }
    };
    let at = wall - offsetAt(wall);
    at = wall - offsetAt(at);
    return new Date(at).toISOString();
  }

  // "Tue 24 Nov, 12:30" in the learner's timezone and the page's language.
  function momentWords(iso, tz) {
    const options = { weekday: "short", day: "numeric", month: "short", timeZone: tz || "UTC" };
    const date = new Date(iso);
    try {
      const day = I18N.formatDate(date, options);
      const time = I18N.formatDate(date, {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: tz || "UTC",
      });
      return t("{day}, {time}", { day, time });
    } catch (_e) {
      return iso;
    }
  }

  const nuggetOf = (device, id) => (device.nuggets || []).find((n) => n.id === id);
  const colleagueName = (device, id) =>
    (device.progress?.colleagues || []).find((c) => c.id === id)?.name || "";

  // The server's teach-backs, then asks made here it has not sent back yet, with
  // confirmations made here laid over the asks they answer (`pending`: not synced).
  function merged(device, local) {
    const rows = (device.progress?.teachbacks || []).map((r) => ({ ...r, pending: false }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const log = local || device.teach_log || [];
    for (const e of log) {
      if (e.type !== "teachback_asked" || byId.has(e.event_id)) continue;
      const n = nuggetOf(device, e.nugget_id);
      const row = {
        id: e.event_id,
        role: "teacher",
        nugget_id: e.nugget_id,
        nugget_version: e.nugget_version,
        title: n ? n.title : "",
        skill: n?.skill?.name || null,
        teacher_name: "",
        peer_id: e.payload.peer,
        peer_name: colleagueName(device, e.payload.peer),
        at: e.payload.at,
        asked_at: e.at,
        confirmed: false,
        counts: false,
        guide: null,
        pending: true,
      };
      rows.unshift(row);
      byId.set(row.id, row);
    }
    for (const e of log) {
      const row = e.type === "teachback_confirmed" && byId.get(e.payload.ask);
      if (!row || row.confirmed) continue;
      const { explained, usable, rating, comment } = e.payload;
      Object.assign(row, { confirmed: true, explained, usable, rating, comment, pending: true });
      row.counts = P.teachCounts(row);
    }
    return rows;
  }

  // One line of a list: the nugget, who, when, where it stands.
  function listRow(r, tz) {
    const who =
      r.role === "peer" ? t("From {name}", { name: r.teacher_name }) : t("To {name}", { name: r.peer_name });
    const waiting = r.role === "peer" ? t("Waiting for your confirmation") : t("Waiting for confirmation");
    let status = r.confirmed ? t("Confirmed") : waiting;
    if (r.pending) status = r.confirmed ? t("Confirmed · waiting to sync") : t("Asked · waiting to sync");
    return { id: r.id, title: r.title, who, when: momentWords(r.at, tz), status, href: `/teach?ask=${r.id}` };
  }

  // What a confirmed teach-back did for the teacher, in words: the skill's shown level
  // (the last pull's standing) with this teach-back counted (mm-progress.js `teachLift`).
  function countedLine(device, r, now) {
    if (!r.confirmed) return "";
    if (!r.counts) return t("Thank you for teaching it. This one does not count as evidence.");
    const slug = nuggetOf(device, r.nugget_id)?.skill?.slug;
    const row = (device.progress?.standing || []).find((s) => s.slug === slug || s.name === r.skill);
    const done = !!P.mergedProgress(device, now).completed[r.nugget_id];
    if (row && P.teachLift(row.shown, done ? [r.nugget_id] : []) >= 4)
      return t("It counted: your level in {skill} shows 'I can teach it'.", { skill: row.name });
    return t("It counts as evidence once your practice shows level 3.");
  }

  const BASE = {
    loaded: true,
    mode: "list",
    id: "",
    nugget_id: "",
    title: "",
    skill: "",
    can_ask: false,
    colleagues: [],
    chips: [],
    who: "",
    when: "",
    way_in: "",
    payoff: "",
    prompts: [],
    confirmed: false,
    pending: false,
    status: "",
    counted: "",
    answer: "",
    explained: false,
    usable: false,
    ratings: [],
    error: "",
    asked_of_me: [],
    asked_by_me: [],
  };

  // The /teach page: `query` is { ask } or { nugget } (or neither: the lists); `form` the
  // bridge's { peer, on, explained, usable, rating, error } for the open form.
  function teachView(device, local, query, form, now) {
    const tz = device.progress?.timezone;
    const f = form || {};
    const rows = merged(device, local);
    const lists = {
      asked_of_me: rows.filter((r) => r.role === "peer").map((r) => listRow(r, tz)),
      asked_by_me: rows.filter((r) => r.role === "teacher").map((r) => listRow(r, tz)),
    };
    const base = { ...BASE, ...lists, error: f.error || "" };
    if (query?.nugget) {
      const n = nuggetOf(device, query.nugget);
      if (!n) return { ...base, mode: "missing" };
      const done = !!P.mergedProgress(device, now).completed[n.id];
      const day = P.dayIn(tz, now);
      const colleagues = (device.progress?.colleagues || []).map((c) => ({ ...c, chosen: c.id === f.peer }));
      const chips = W.dayChips(day).map((c) => ({ ...c, chosen: c.on === f.on }));
      return {
        ...base,
        mode: "ask",
        nugget_id: n.id,
        title: n.title,
        skill: n.skill?.name || "",
        can_ask: done,
        colleagues,
        chips,
      };
    }
    const r = query?.ask && rows.find((x) => x.id === query.ask);
    if (!r) return { ...base, mode: query?.ask ? "missing" : "list" };
    const peer = r.role === "peer";
    const shown = {
      ...base,
      mode: peer ? "guide" : "status",
      id: r.id,
      nugget_id: r.nugget_id,
      title: r.title,
      skill: r.skill || "",
      who: peer
        ? t("{name} would like to teach you this nugget.", { name: r.teacher_name })
        : t("You asked {name} to hear you teach it.", { name: r.peer_name }),
      when: momentWords(r.at, tz),
      confirmed: !!r.confirmed,
      pending: !!r.pending,
      status: listRow(r, tz).status,
      counted: peer ? "" : countedLine(device, r, now),
      answer: r.confirmed
        ? t("Rated {rating} of 4", { rating: r.rating }) + (r.comment ? ` · ${r.comment}` : "")
        : "",
    };
    if (!peer) return shown;
    return {
      ...shown,
      way_in: r.guide?.way_in_html || "",
      payoff: r.guide?.payoff_html || "",
      prompts: PROMPTS(),
      explained: !!f.explained,
      usable: !!f.usable,
      ratings: [1, 2, 3, 4].map((n) => ({ value: n, label: String(n), chosen: f.rating === n })),
    };
  }

  const cut = (text, n) =>
    Array.from(String(text || ""))
      .slice(0, n)
      .join("");

  // What "Ask" records on nugget `id`, or { error }: `time` is the time field's "HH:MM".
  function askEvent(device, id, form, time, now) {
    const f = form || {};
    const n = nuggetOf(device, id);
    if (!n || !P.mergedProgress(device, now).completed[id])
      return { error: t("Complete the nugget first, then teach it back.") };
    if (!(device.progress?.colleagues || []).some((c) => c.id === f.peer))
      return { error: t("Choose a colleague.") };
    const tz = device.progress?.timezone;
    const days = W.dayChips(P.dayIn(tz, now)).map((c) => c.on);
    if (!days.includes(f.on)) return { error: t("Choose a day.") };
    if (!TIME.test(time || "")) return { error: t("Choose a time.") };
    const at = zonedIso(f.on, time, tz);
    return { type: "teachback_asked", nugget_id: n.id, version: n.version, payload: { peer: f.peer, at } };
  }

  // What "Confirm" records for ask `id`, or { error }: `comment` is the text typed.
  function confirmEvent(device, local, id, form, comment) {
    const f = form || {};
    const r = merged(device, local).find((x) => x.id === id);
    if (r?.role !== "peer") return { error: t("There is nothing to confirm here.") };
    if (r.confirmed) return { error: t("You confirmed this already.") };
    if (![1, 2, 3, 4].includes(f.rating)) return { error: t("Choose a rating from 1 to 4.") };
    const payload = {
      ask: r.id,
      explained: !!f.explained,
      usable: !!f.usable,
      rating: f.rating,
      comment: cut(String(comment || "").trim(), COMMENT_CHARS),
    };
    return { type: "teachback_confirmed", nugget_id: r.nugget_id, version: r.nugget_version, payload };
  }

  const api = { PROMPTS, zonedIso, momentWords, merged, teachView, askEvent, confirmEvent };
  if (typeof self !== "undefined") self.mmTeach = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
