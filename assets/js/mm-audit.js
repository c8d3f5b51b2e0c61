// Micromastery's skills audit on the phone, pure: "where are you today?" per skill,
// the learner's own goal, and where each skill stands with this phone's unsynced
// ratings folded in. No DOM, no IndexedDB, no clock (`now` comes in). Loaded by a
// <script> tag (self.mmAudit) and by `bun test`.
// `device.progress.standing`: the server's rows (issue 13 contract; absent = []).
// `local`: this phone's latest acts, kept in kv "audit" until a pull catches up:
// { ratings: {slug: {level, on, at}}, goals: {slug: {level, by, on, at}} }, `on` the
// learner's local date of the tap, `at` its ISO time.
(() => {
  "use strict"; // i18n: not text
  const { t } = self.mmI18n || require("./mm-i18n.js");
  const { dayIn, dayWords, serverWords } = self.mmProgress || require("./mm-progress.js");
  // The words when the server sent none (mmapp/content/scale.py defaults), in the
  // page's language.
  const defaultScale = () => [
    t("Not yet"),
    t("I know what it is"),
    t("I can do it with help"),
    t("I can do it on my own"),
    t("I can teach it"),
  ];
  // The server's scale: its default words (English there) in the page's language, a
  // skill's own words as their author wrote them.
  function wordedScale(scale) {
    const defaults = defaultScale();
    return scale.every((word, level) => t(word) === defaults[level]) ? defaults : scale;
  }
  const NO_LOCAL = { ratings: {}, goals: {} };

  // The nugget a skill's events are anchored to: its first on the phone by cohort
  // position (then id), at the version the phone holds; null when none is here.
  function anchor(device, slug) {
    const mine = (device.nuggets || []).filter((n) => n.skill && n.skill.slug === slug);
    mine.sort((a, b) => a.assignment.position - b.assignment.position || (a.id < b.id ? -1 : 1));
    return mine.length ? { nugget_id: mine[0].id, version: mine[0].version } : null;
  }

  // The server's word for a tap: a rating counts from the server once its `rated_on`
  // is newer than the tap's day, or the same day with the same level (a second tap
  // the same day stays the phone's until a pull carries it).
  const serverHasRating = (row, mine) =>
    row.rated_on != null &&
    (row.rated_on > mine.on || (row.rated_on === mine.on && row.self_rating === mine.level));

  // Every skill's standing now: the server's rows, then skills only this phone has
  // nuggets in (default words), with the phone's newer ratings and goals folded in.
  // Each row: the contract's keys plus `rated_locally`, `goal_locally` (the phone's
  // act, not yet in a pull) and `anchored` (a nugget of the skill is on the phone).
  function standingNow(device, local) {
    const mineNow = local || NO_LOCAL;
    const rows = (device.progress?.standing || []).map((r) => ({ ...r }));
    const seen = new Set(rows.map((r) => r.slug));
    const extra = new Map();
    for (const n of device.nuggets || [])
      if (n.skill && !seen.has(n.skill.slug)) extra.set(n.skill.slug, n.skill.name);
    const added = [...extra].map(([slug, name]) => ({
      slug,
      name,
      scale: defaultScale(),
      self_rating: null,
      rated_on: null,
      shown: null,
      current: null,
      target: null,
      target_by: null,
      target_source: null,
      statement: "",
      statement_words: null,
    }));
    added.sort((a, b) => a.name.localeCompare(b.name));
    return rows.concat(added).map((r) => {
      const scale = r.scale?.length === 5 ? wordedScale(r.scale) : defaultScale();
      const row = { ...r, scale, rated_locally: false, goal_locally: false };
      const rating = mineNow.ratings?.[r.slug];
      if (rating && !serverHasRating(r, rating))
        Object.assign(row, { self_rating: rating.level, rated_on: rating.on, rated_locally: true });
      const goal = mineNow.goals?.[r.slug];
      // A goal only raises: once the server's target is as high, it is the server's.
      if (goal && goal.level > (r.target || 0))
        Object.assign(row, {
          target: goal.level,
          target_by: goal.by || null,
          target_source: "learner",
          goal_locally: true,
        });
      row.anchored = !!anchor(device, r.slug);
      return row;
    });
  }

  // The levels a goal may be set to: above the current target and where the
  // learner is now (never lowering), up to 4.
  function goalChoices(row) {
    const floor = Math.max(row.target || 0, row.self_rating ?? row.current ?? 0);
    const out = [];
    for (let level = Math.max(1, floor + 1); level <= 4; level++) out.push(level);
    return out;
  }

  // Offer the audit once on Today: the learner has nuggets, never rated a skill (on
  // the server or here), and was not offered it before on this phone.
  function shouldOffer(device, local, offered) {
    if (offered || !(device.nuggets || []).length) return false;
    if (Object.keys(local?.ratings || {}).length) return false;
    return !(device.progress?.standing || []).some((r) => r.self_rating != null);
  }

  // `local` with one more rating or goal of `slug` at `now` (timezone: the learner's).
  function withRating(device, local, slug, level, now) {
    const on = dayIn(device.progress?.timezone, now);
    const base = local || NO_LOCAL;
    return { ...base, ratings: { ...base.ratings, [slug]: { level, on, at: now.toISOString() } } };
  }
  function withGoal(device, local, slug, level, by, now) {
    const on = dayIn(device.progress?.timezone, now);
    const base = local || NO_LOCAL;
    return {
      ...base,
      goals: { ...base.goals, [slug]: { level, by: by || null, on, at: now.toISOString() } },
    };
  }

  // A goal's date: "YYYY-MM-DD" after today, or "" (none); anything else is refused.
  function goalDate(text, today) {
    const by = (text || "").trim();
    if (!by) return { by: null, error: "" };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(by) || Number.isNaN(Date.parse(`${by}T12:00:00Z`)))
      return { by: null, error: t("Pick a date, or leave it empty.") };
    if (by <= today) return { by: null, error: t("Pick a date after today.") };
    return { by, error: "" };
  }

  const levelWord = (scale, level) => `${level} · ${scale[level]}`;
  function goalLabel(row) {
    if (row.target == null) return "";
    const level = levelWord(row.scale, row.target);
    const date = row.target_by ? dayWords(row.target_by) : "";
    if (row.target_source === "learner")
      return date ? t("Your goal: {level} by {date}", { level, date }) : t("Your goal: {level}", { level });
    return date
      ? t("Your cohort's target: {level} by {date}", { level, date })
      : t("Your cohort's target: {level}", { level });
  }

  // The audit screen (`mm_audit`). `ui`: what is open on screen, { goal: slug,
  // goal_level, error } (not kept on the phone).
  function auditView(device, local, ui) {
    const open = ui || {};
    const skills = standingNow(device, local)
      .filter((r) => r.anchored)
      .map((r) => {
        const chosen = r.self_rating;
        const goalOpen = open.goal === r.slug;
        const choices = goalChoices(r);
        return {
          slug: r.slug,
          name: r.name,
          level: chosen ?? -1,
          levels: r.scale.map((word, level) => ({ slug: r.slug, level, word, chosen: level === chosen })),
          said: chosen == null ? "" : t("You said: {word}", { word: r.scale[chosen] }),
          goal: goalLabel(r),
          can_set_goal: choices.length > 0,
          goal_open: goalOpen && choices.length > 0,
          goal_choices: choices.map((level) => ({
            slug: r.slug,
            level,
            word: levelWord(r.scale, level),
            chosen: goalOpen && open.goal_level === level,
          })),
          goal_error: goalOpen ? open.error || "" : "",
        };
      });
    const answered = skills.filter((s) => s.level >= 0).length;
    return {
      loaded: true,
      empty: skills.length === 0,
      skills,
      answered,
      total: skills.length,
      label: skills.length ? t("{answered} of {total} answered", { answered, total: skills.length }) : "",
    };
  }

  // What Progress shows beside each skill's level: { said, rated, goal } by slug.
  function progressNotes(rows) {
    const out = {};
    for (const r of rows) {
      const rated = r.self_rating != null;
      let said = "";
      if (rated)
        said =
          r.shown == null
            ? t("You said {level}", { level: r.self_rating })
            : t("You said {level} · your practice shows {shown}", { level: r.self_rating, shown: r.shown });
      // The server's statement (worded here), unless a goal set here has not reached it yet.
      const statement = serverWords(r.statement_words, r.statement);
      out[r.slug] = { said, rated, goal: (r.goal_locally ? goalLabel(r) : statement) || "" };
    }
    return out;
  }

  const api = {
    get DEFAULT_SCALE() {
      return defaultScale();
    },
    anchor,
    standingNow,
    goalChoices,
    shouldOffer,
    withRating,
    withGoal,
    goalDate,
    auditView,
    progressNotes,
  };
  if (typeof self !== "undefined") self.mmAudit = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
