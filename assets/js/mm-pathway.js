// Micromastery's pathway on the phone: "what next?" for the minutes a learner has, each
// pick with a one-line reason. A twin of mmapp/skills/pathway.py `rank`, whose docstring
// holds the rules (reviews first within 40 % of the time, locked nuggets apart, integer
// scores for due date, continuity, skill gap and what a nugget unlocks, then cohort
// position and id). tests/fixtures/pathway_golden.json (scripts/make_pathway_golden.py)
// holds the two together (tests/js/pathway.test.js): same situation dict in (snake_case
// keys), same {picks, locked} out. Integers only; dates are read from "YYYY-MM-DD" in
// UTC. The reasons are msgids (mm-i18n.js): in English they are the Python twin's words,
// day and month names from Intl's "en" ("Thu 3 Dec"), as the twin spells them. Pure:
// loaded by a <script> tag (self.mmPathway) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { t, nt } = self.mmI18n || require("./mm-i18n.js");
  const { dayWords, weekdayName } = self.mmProgress || require("./mm-progress.js");
  const REVIEW_SECONDS = 30;
  const REVIEW_SHARE_PERCENT = 40;
  const OVERDUE_POINTS = 100;
  const DUE_SOON_DAYS = 3;
  const DUE_TODAY_POINTS = 90;
  const DUE_STEP_POINTS = 10;
  const CONTINUITY_POINTS = 30;
  const GAP_POINTS = 10;
  const UNLOCK_POINTS = 5;
  const UNLOCKS_COUNTED = 3;
  const DAY_MS = 86400000;
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  // Milliseconds at midnight UTC of an ISO date "YYYY-MM-DD"; anything else is refused.
  function parseDate(text) {
    const at = typeof text === "string" && ISO_DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== text)
      throw new RangeError(`not a date: ${text}`); // i18n: not text
    return at;
  }

  // Python's str ordering (code points) for ASCII ids; < on strings is the same there.
  const compareIds = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byOrder = (a, b) => a.position - b.position || compareIds(a.id, b.id);
  const positionOf = (n) => n.position ?? 0;

  function normalise(situation) {
    const nuggets = (situation.nuggets ?? []).map((n) => ({
      ...n,
      prerequisites: n.prerequisites ?? [],
      done: n.done ?? false,
      due_on: n.due_on ?? null,
      position: positionOf(n),
    }));
    const s = {
      today: situation.today,
      minutes: situation.minutes ?? 0,
      nuggets,
      skills: situation.skills ?? {},
      reviews_due: situation.reviews_due ?? 0,
      review_seconds: situation.review_seconds ?? REVIEW_SECONDS,
      started: situation.started ?? null,
    };
    parseDate(s.today);
    if (s.minutes < 0 || s.reviews_due < 0 || s.review_seconds <= 0)
      throw new RangeError("minutes and reviews_due must be >= 0, review_seconds > 0"); // i18n: not text
    if (new Set(nuggets.map((n) => n.id)).size !== nuggets.length)
      throw new RangeError("two nuggets share an id"); // i18n: not text
    for (const n of nuggets) {
      if (!(n.minutes > 0)) throw new RangeError(`nugget ${n.id}: minutes must be > 0`); // i18n: not text
      if (n.due_on !== null) parseDate(n.due_on);
    }
    for (const [slug, st] of Object.entries(s.skills)) {
      const target = st.target ?? null;
      const current = st.current ?? 0;
      if (!(current >= 0 && current <= 4) || !(target === null || (target >= 0 && target <= 4)))
        throw new RangeError(`skill ${slug}: levels run from 0 to 4`); // i18n: not text
    }
    return s;
  }

  function reviewCount(s) {
    if (s.minutes <= 0) return s.reviews_due;
    const share = Math.floor((s.minutes * 60 * REVIEW_SHARE_PERCENT) / 100);
    return Math.min(s.reviews_due, Math.floor(share / s.review_seconds));
  }

  // How many reviews a reviews pick takes and how many are due, beside the pick (its
  // shape stays the twin's {kind, id, minutes, reason}): the week's shorter line.
  const reviewCountsOf = new WeakMap();
  const reviewCounts = (pick) => reviewCountsOf.get(pick) || null;

  function reviewsPick(s, n) {
    const due = s.reviews_due;
    const reason =
      n === due ? nt("{n} review due", "{n} reviews due", n) : t("{n} of {due} reviews due", { n, due });
    const pick = { kind: "reviews", id: "", minutes: Math.floor((n * s.review_seconds + 59) / 60), reason };
    reviewCountsOf.set(pick, { n, due });
    return pick;
  }

  // "Mon 2 Mar", with the year when it is not this year's.
  const dayText = (on, today) => dayWords(on, "short", on.slice(0, 4) !== today.slice(0, 4));

  function dueOf(s, n) {
    if (n.due_on === null) return [0, ""];
    const days = Math.round((parseDate(n.due_on) - parseDate(s.today)) / DAY_MS);
    if (days < 0) return [OVERDUE_POINTS, t("Overdue since {date}", { date: dayText(n.due_on, s.today) })];
    if (days > DUE_SOON_DAYS) return [0, ""];
    const reason =
      days === 0
        ? t("Due today")
        : days === 1
          ? t("Due tomorrow")
          : t("Due {weekday}", { weekday: weekdayName(n.due_on) });
    return [DUE_TODAY_POINTS - DUE_STEP_POINTS * days, reason];
  }

  function standingOf(s, slug) {
    const st = Object.hasOwn(s.skills, slug) ? s.skills[slug] : {};
    return { current: st.current ?? 0, target: st.target ?? null };
  }

  function gapOf(s, n) {
    const st = standingOf(s, n.skill);
    if (st.target === null || n.level <= st.current) return 0;
    return Math.max(0, st.target - st.current);
  }

  function unlocksText(waiting) {
    const [first, second] = waiting.map((n) => n.title);
    if (waiting.length === 1) return t("Unlocks '{title}'", { title: first });
    if (waiting.length === 2) return t("Unlocks '{first}' and '{second}'", { first, second });
    return t("Unlocks '{title}' and {n} more", { title: first, n: waiting.length - 1 });
  }

  // The pathway for a situation: {picks: [{kind, id, minutes, reason}], locked: [{id, title, reason}]}.
  function rank(situation) {
    const s = normalise(situation);
    const byId = new Map(s.nuggets.map((n) => [n.id, n]));
    const open = s.nuggets.filter((n) => !n.done).sort(byOrder);
    const missing = (n) =>
      [...new Set(n.prerequisites)]
        .filter((p) => byId.has(p))
        .map((p) => byId.get(p))
        .filter((p) => !p.done)
        .sort(byOrder);

    const locked = [];
    const candidates = [];
    for (const n of open) {
      const wanting = missing(n);
      if (wanting.length) {
        locked.push({
          id: n.id,
          title: n.title,
          reason: t("Unlocks after {titles}", { titles: wanting.map((p) => p.title).join(", ") }),
        });
      } else candidates.push(n);
    }
    const info = new Map();
    for (const n of candidates) {
      const waiting = open.filter((w) => w.prerequisites.includes(n.id));
      const [due, dueReason] = dueOf(s, n);
      const parts = {
        due,
        continuity: n.id === s.started ? CONTINUITY_POINTS : 0,
        gap: GAP_POINTS * gapOf(s, n),
        unlocks: UNLOCK_POINTS * Math.min(waiting.length, UNLOCKS_COUNTED),
      };
      const total = parts.due + parts.continuity + parts.gap + parts.unlocks;
      info.set(n.id, { parts, total, dueReason, waiting });
    }
    const biggest = candidates.reduce((most, n) => Math.max(most, gapOf(s, n)), 0);

    function reason(n) {
      const { parts: p, dueReason, waiting } = info.get(n.id);
      const best = Math.max(p.due, p.continuity, p.gap, p.unlocks);
      if (best === 0) return t("Next in your cohort's sequence");
      if (p.due === best) return dueReason;
      if (p.continuity === best) return t("Pick up where you left off");
      if (p.gap === best) {
        const st = standingOf(s, n.skill);
        const words = { skill: n.skill_name, current: st.current, target: st.target };
        return gapOf(s, n) === biggest
          ? t("Biggest gap: {skill} (you {current} → target {target})", words)
          : t("Builds toward your goal: {skill} (you {current} → target {target})", words);
      }
      return unlocksText(waiting);
    }

    const ranked = [...candidates].sort(
      (a, b) => info.get(b.id).total - info.get(a.id).total || byOrder(a, b),
    );
    const reviews = reviewCount(s);
    const picks = reviews > 0 ? [reviewsPick(s, reviews)] : [];
    let left = s.minutes * 60 - reviews * s.review_seconds;
    for (const n of ranked) {
      if (s.minutes > 0) {
        if (n.minutes * 60 > left) continue;
        left -= n.minutes * 60;
      }
      picks.push({ kind: "nugget", id: n.id, minutes: n.minutes, reason: reason(n) });
    }
    return { picks, locked };
  }

  // How many due reviews the pathway takes for a situation (rule 2).
  const reviewsTaken = (situation) => reviewCount(normalise(situation));

  const api = { REVIEW_SECONDS, REVIEW_SHARE_PERCENT, parseDate, rank, reviewCounts, reviewsTaken };
  if (typeof self !== "undefined") self.mmPathway = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
