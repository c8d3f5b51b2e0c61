// Micromastery's progress on the phone, pure: the server's last projection plus what
// this phone did since that the server has not seen (completions, review answers),
// in the learner's timezone, with the streak walked again by the same rule as
// mmapp/progress/streaks.py. No DOM, no IndexedDB, no clock (`now` comes in).
// Loaded by a <script> tag (self.mmProgress) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { formatDate, t, nt } = self.mmI18n || require("./mm-i18n.js");
  const NO_PROGRESS = {
    completed: {},
    minutes: 0,
    streak: 0,
    skills: [],
    scores: {},
    last_active_day: null,
    timezone: "UTC",
  };

  const byId = (list) => Object.fromEntries((list || []).map((x) => [x.id, x]));

  // "en-CA" writes "YYYY-MM-DD": a machine's date, not words.
  const dayFormats = {}; // one formatter per timezone: building one is slow
  function dayIn(tz, date) {
    try {
      const key = tz || "UTC";
      dayFormats[key] = dayFormats[key] || new Intl.DateTimeFormat("en-CA", { timeZone: key });
      return dayFormats[key].format(date);
    } catch (_e) {
      return date.toISOString().slice(0, 10);
    }
  }
  // A local date "YYYY-MM-DD" in the page's language, from Intl's names: "Thu 3 Dec"
  // (`weekday` "short"), "Friday 4 Dec" ("long"), "15 May" (no weekday); `year` adds it.
  function dayWords(iso, weekday, year = false) {
    const at = new Date(`${iso}T12:00:00Z`);
    const name = (options) => formatDate(at, { ...options, timeZone: "UTC" });
    const words = { day: name({ day: "numeric" }), month: name({ month: "short" }) };
    if (!weekday && year) return t("{day} {month} {year}", { ...words, year: name({ year: "numeric" }) });
    if (!weekday) return t("{day} {month}", words);
    words.weekday = name({ weekday });
    if (!year) return t("{weekday} {day} {month}", words);
    return t("{weekday} {day} {month} {year}", { ...words, year: name({ year: "numeric" }) });
  }
  // Text the server computed for the phone to word in its own language (`Words`,
  // mmapp/schemas/words.py): a msgid (its English), the plural and count, values, and
  // days worded here. The phone caches it, so it follows a language switched offline.
  // Without it (a pull from before), `fallback`: the server's English.
  function serverWords(words, fallback) {
    if (!words?.msgid) return fallback;
    const params = { ...(words.params || {}) };
    for (const [key, day] of Object.entries(words.days || {}))
      params[key] = dayWords(day.date, null, day.year);
    return words.plural ? nt(words.msgid, words.plural, words.n, params) : t(words.msgid, params);
  }
  // "Friday", in the page's language.
  const weekdayName = (iso) => formatDate(new Date(`${iso}T12:00:00Z`), { weekday: "long", timeZone: "UTC" });

  const prevDay = (iso) => {
    const d = new Date(`${iso}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };

  // The streak rule's twin: mmapp/progress/streaks.py says the rule, and both run
  // tests/fixtures/streak_cases.json. `minutes` {local ISO day: minutes}; `start`
  // {streak, freezes_held, freezes_used} as it stood when day `first` began.
  // A review counts 30 s (mmapp/progress/streaks.py REVIEW_SECONDS): toward the goal
  // in whole minutes, rounded down; as a time estimate (mm-reviews.js), rounded up.
  const REVIEW_SECONDS = 30;
  const reviewMinutes = (n) => Math.floor((n * REVIEW_SECONDS) / 60);
  const nextDay = (iso) => {
    const d = new Date(`${iso}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  function streakWalk(minutes, goal, start, first, today) {
    let streak = start.streak;
    let freezes = start.freezes_held;
    let used = [...start.freezes_used];
    for (let day = first; day <= today; day = nextDay(day)) {
      if ((minutes[day] || 0) >= goal) {
        streak += 1;
        if (streak % 7 === 0) freezes = Math.min(2, freezes + 1);
      } else if (day < today && streak > 0) {
        if (freezes > 0) {
          freezes -= 1;
          used.push(day);
        } else {
          streak = 0;
          used = [];
        }
      }
    }
    return { streak, freezes_held: freezes, freezes_used: used };
  }

  // Server progress plus what the phone did that the server has not seen yet, at
  // `now`: completions (`device.attempts`) and review answers (`device.review_log`,
  // one review per item per local day). Their minutes go onto the server's recent
  // days and the streak is walked again from the window's start.
  function mergedProgress(device, now) {
    const p = device.progress || NO_PROGRESS;
    const nuggets = byId(device.nuggets);
    const today = dayIn(p.timezone, now);
    const completed = { ...p.completed };
    let minutes = p.minutes;
    const skills = p.skills.map((s) => ({ ...s }));
    const added = {}; // local day -> minutes of nuggets first done on this phone
    for (const a of device.attempts || []) {
      if (!a.completed_at || completed[a.nugget_id]) continue;
      const day = dayIn(p.timezone, new Date(a.completed_at));
      completed[a.nugget_id] = day;
      minutes += a.minutes || 0;
      added[day] = (added[day] || 0) + (a.minutes || 0);
      const n = nuggets[a.nugget_id];
      const s = n?.skill && skills.find((x) => x.slug === n.skill.slug);
      if (s) s.done += 1;
    }
    const reviewed = {}; // local day -> reviews on this phone
    const seen = new Set();
    for (const r of device.review_log || []) {
      if (r.type !== "review_answered" || !r.at) continue;
      const day = dayIn(p.timezone, new Date(r.at));
      const key = `${r.item_id} ${day}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reviewed[day] = (reviewed[day] || 0) + 1;
    }
    const recent = { ...(p.recent_minutes || {}) };
    for (const day of new Set([...Object.keys(added), ...Object.keys(reviewed)])) {
      const before = p.recent_reviews?.[day] || 0;
      const after = before + (reviewed[day] || 0);
      recent[day] = (recent[day] || 0) + (added[day] || 0) - reviewMinutes(before) + reviewMinutes(after);
    }
    const goal = p.goal_minutes || 10;
    // Before the first pull the phone walks its own two weeks from nothing.
    let base = p.streak_base;
    if (!device.progress) {
      let start = today;
      for (let i = 0; i < 13; i++) start = prevDay(start);
      base = { start, streak: 0, freezes_held: 0, freezes_used: [] };
    }
    let state = { streak: p.streak, freezes_held: p.freezes_held || 0, freezes_used: p.freezes_used || [] };
    if (base && base.start <= today) state = streakWalk(recent, goal, base, base.start, today);
    const todayMinutes = base ? recent[today] || 0 : p.today_minutes || 0;
    return {
      completed,
      minutes,
      streak: state.streak,
      skills,
      today,
      scores: p.scores,
      goal_minutes: goal,
      today_minutes: todayMinutes,
      goal_met_today: todayMinutes >= goal,
      freezes_held: state.freezes_held,
      freezes_used: state.freezes_used,
    };
  }

  // Teach-back as evidence, the twin of mmapp/teachback/evidence.py `counts` and
  // mmapp/progress/standing.py `teach_lift` (both run tests/fixtures/teachback_cases.json):
  // a confirmation counts when explained, usable and rated 3 or more; shown goes from 3
  // or more to 4 "I can teach it" once a completed nugget of the skill was taught back
  // with one that counts (`taught`: such nuggets' ids).
  const TEACH_FROM = 3;
  const TEACH_LEVEL = 4;
  const TEACH_RATING = 3;
  const teachCounts = (tb) =>
    !!tb && tb.explained === true && tb.usable === true && (tb.rating || 0) >= TEACH_RATING;
  const teachLift = (shown, taught) => (shown >= TEACH_FROM && (taught || []).length ? TEACH_LEVEL : shown);

  const api = {
    REVIEW_SECONDS,
    teachCounts,
    teachLift,
    dayIn,
    dayWords,
    serverWords,
    weekdayName,
    prevDay,
    reviewMinutes,
    streakWalk,
    mergedProgress,
  };
  if (typeof self !== "undefined") self.mmProgress = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
