// Micromastery's week plan on the phone: the pathway placed into the learner's commute
// slots, chunk by chunk. A twin of mmapp/skills/week.py `week_plan`, whose docstring
// holds the rules (seven local days from today, today's slots while not over, the daily
// goal as each day's budget, a chunk = the pathway for what is left of it, nuggets placed
// earlier count as done, pending reviews carried forward, only a day's first chunk
// may run over its goal, and only while the day's budget is whole). tests/fixtures/week_golden.json
// (scripts/make_week_golden.py) holds the two together (tests/js/week.test.js): same ask
// dict in (snake_case keys), same {chunks, later} out. Pure: loaded by a <script> tag
// (self.mmWeek) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { parseDate, rank, reviewsTaken } = self.mmPathway || require("./mm-pathway.js");
  const SLOT_MINUTES = 20;
  const DAYS = 7;
  const DAY_MS = 86400000;
  const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

  function clock(hhmm) {
    if (typeof hhmm !== "string" || !HHMM.test(hhmm)) throw new RangeError(`not a time: ${hhmm}`); // i18n: not text
    return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  }

  function normalise(ask) {
    const a = {
      situation: ask.situation,
      slots: ask.slots ?? [],
      now_time: ask.now_time ?? "00:00",
      goal_minutes: ask.goal_minutes ?? 10,
      done_minutes: ask.done_minutes ?? 0,
      reviews_ahead: ask.reviews_ahead ?? {},
    };
    rank(a.situation); // checks the situation as Python's `check` does
    clock(a.now_time);
    for (const slot of a.slots) {
      if (!(Number.isInteger(slot.weekday) && slot.weekday >= 0 && slot.weekday <= 6))
        throw new RangeError(`weekday out of range: ${slot.weekday}`); // i18n: not text
      clock(slot.time);
    }
    if (!(a.goal_minutes > 0) || a.done_minutes < 0)
      throw new RangeError("goal_minutes must be > 0 and done_minutes >= 0"); // i18n: not text
    for (const [day, count] of Object.entries(a.reviews_ahead)) {
      parseDate(day);
      if (count < 0) throw new RangeError(`reviews_ahead[${day}] must be >= 0`); // i18n: not text
    }
    return a;
  }

  // Python's weekday(): Monday 0 … Sunday 6, from a UTC midnight.
  const weekdayOf = (ms) => (new Date(ms).getUTCDay() + 6) % 7;
  const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);

  function timesOn(a, ms, first) {
    let times = [...new Set(a.slots.filter((s) => s.weekday === weekdayOf(ms)).map((s) => s.time))].sort();
    if (first) {
      const now = clock(a.now_time);
      times = times.filter((time) => clock(time) + SLOT_MINUTES > now);
    }
    return times;
  }

  // The week plan: {chunks: [{day, time, state, picks, minutes}], later: [nugget ids]}.
  function weekPlan(ask) {
    const a = normalise(ask);
    const base = a.situation;
    const start = parseDate(base.today);
    const planned = new Set();
    let pending = base.reviews_due ?? 0;
    const chunks = [];
    for (let offset = 0; offset < DAYS; offset++) {
      const ms = start + offset * DAY_MS;
      const day = isoOf(ms);
      if (offset) pending += a.reviews_ahead[day] ?? 0;
      let left = a.goal_minutes - (offset === 0 ? a.done_minutes : 0);
      for (const time of timesOn(a, ms, offset === 0)) {
        if (left <= 0) {
          chunks.push({ day, time, state: "free", picks: [], minutes: 0 });
          continue;
        }
        const nuggets = (base.nuggets ?? []).map((n) => (planned.has(n.id) ? { ...n, done: true } : n));
        const here = { ...base, today: day, minutes: left, nuggets, reviews_due: pending };
        let picks = rank(here).picks;
        const anything = rank({ ...here, minutes: 0, reviews_due: 0 }).picks;
        if (left === a.goal_minutes && !picks.some((p) => p.kind === "nugget"))
          picks = picks.concat(anything.slice(0, 1));
        if (!picks.length) {
          const state = anything.length || pending ? "free" : "clear";
          chunks.push({ day, time, state, picks: [], minutes: 0 });
          continue;
        }
        if (picks[0].kind === "reviews") pending -= reviewsTaken(here);
        for (const p of picks) if (p.kind === "nugget") planned.add(p.id);
        const minutes = picks.reduce((sum, p) => sum + p.minutes, 0);
        left -= minutes;
        chunks.push({ day, time, state: "planned", picks, minutes });
      }
    }
    const later = [...(base.nuggets ?? [])]
      .sort((x, y) => (x.position ?? 0) - (y.position ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .filter((n) => !n.done && !planned.has(n.id))
      .map((n) => n.id);
    return { chunks, later };
  }

  const api = { SLOT_MINUTES, weekPlan };
  if (typeof self !== "undefined") self.mmWeek = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
