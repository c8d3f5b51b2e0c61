// Micromastery's "what next?" on the phone, pure: builds the pathway's situation
// (mmapp/skills/situation.py, the shape mm-pathway.js ranks) from what the phone holds,
// offline, and turns the ranking into what Today shows: picks with their reasons and
// links, locked nuggets with what they wait for, and a one-line fit summary; and the
// week plan's ask (mm-week.js) into the week view: the commute slots, day by day.
// Nugget prerequisites arrive as slugs; they become ids through the nuggets on the
// phone (a slug of a nugget the phone does not hold is dropped). Skills' current and
// target levels come from the last pull's `progress.standing` (absent: no gap info).
// No DOM, no IndexedDB, no clock (`now` comes in). Loaded by a <script> tag
// (self.mmPlan) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { t, nt } = self.mmI18n || require("./mm-i18n.js");
  const { REVIEW_SECONDS, dayIn, dayWords, mergedProgress } = self.mmProgress || require("./mm-progress.js");
  const { reviewSummary, reviewsAhead } = self.mmReviews || require("./mm-reviews.js");
  const { parseDate, rank, reviewCounts, reviewsTaken } = self.mmPathway || require("./mm-pathway.js");
  const { weekPlan } = self.mmWeek || require("./mm-week.js");

  // The attempt begun last and not finished, if its nugget is still open and on the phone.
  function startedNugget(device, completed, held) {
    let best = null;
    for (const a of device.attempts || []) {
      if (a.completed_at || !a.started_at || completed[a.nugget_id] || !held.has(a.nugget_id)) continue;
      if (!best || Date.parse(a.started_at) > Date.parse(best.started_at)) best = a;
    }
    return best ? best.nugget_id : null;
  }

  // {slug: {current, target}} from the pull's standing; [] when the server sent none.
  function skillsOf(device) {
    const skills = {};
    for (const s of device.progress?.standing || [])
      skills[s.slug] = { current: s.current ?? 0, target: s.target ?? null };
    return skills;
  }

  // The pathway's input for `minutes` (0: no limit) at `now`, from the phone's store.
  function situation(device, minutes, now) {
    const tz = device.progress?.timezone || "UTC";
    const progress = mergedProgress(device, now);
    const held = device.nuggets || [];
    const idOfSlug = new Map(held.filter((n) => n.slug).map((n) => [n.slug, n.id]));
    const nuggets = held.map((n) => {
      const due = n.assignment?.due_at;
      return {
        id: n.id,
        title: n.title,
        minutes: n.minutes,
        skill: n.skill ? n.skill.slug : "",
        skill_name: n.skill ? n.skill.name : "",
        level: n.level ?? 1,
        prerequisites: [
          ...new Set((n.prerequisites || []).filter((s) => idOfSlug.has(s)).map((s) => idOfSlug.get(s))),
        ].filter((id) => id !== n.id),
        done: !!progress.completed[n.id],
        due_on: due ? dayIn(tz, new Date(due)) : null,
        position: n.assignment?.position ?? 0,
      };
    });
    return {
      today: progress.today,
      minutes: minutes || 0,
      nuggets,
      skills: skillsOf(device),
      reviews_due: reviewSummary(device, now).due,
      review_seconds: REVIEW_SECONDS,
      started: startedNugget(device, progress.completed, new Set(held.map((n) => n.id))),
    };
  }

  // What Today shows for `minutes` (0: "Any"): {picks: [{kind, id, title, minutes,
  // reason, href}], locked: [{id, title, reason}], reviews: {due, taken}, fit}.
  function todayPlan(device, minutes, now) {
    const s = situation(device, minutes, now);
    const { picks, locked } = rank(s);
    const byId = new Map(s.nuggets.map((n) => [n.id, n]));
    const shown = picks.map((p) =>
      p.kind === "reviews"
        ? {
            kind: "reviews",
            id: "",
            title: t("Review"),
            minutes: p.minutes,
            reason: p.reason,
            href: "/review",
          }
        : {
            kind: "nugget",
            id: p.id,
            title: byId.get(p.id).title,
            minutes: p.minutes,
            reason: p.reason,
            href: `/nugget?id=${p.id}`,
          },
    );
    const taken = picks.some((p) => p.kind === "reviews") ? reviewsTaken(s) : 0;
    return {
      picks: shown,
      locked,
      reviews: { due: s.reviews_due, taken },
      fit: s.minutes > 0 ? fitLine(s, shown, locked, taken) : "",
    };
  }

  // "3 reviews + 1 nugget · 8 of your 10 minutes", or why nothing fits ("" when nothing is open).
  function fitLine(s, picks, locked, taken) {
    const nuggets = picks.filter((p) => p.kind === "nugget");
    const parts = [];
    if (taken) parts.push(nt("{n} review", "{n} reviews", taken));
    if (nuggets.length) parts.push(nt("{n} nugget", "{n} nuggets", nuggets.length));
    const used = picks.reduce((sum, p) => sum + p.minutes, 0);
    if (parts.length)
      return t("{what} · {used} of your {minutes} minutes", {
        what: parts.join(" + "),
        used,
        minutes: s.minutes,
      });
    const waiting = new Set(locked.map((x) => x.id));
    const open = s.nuggets.filter((n) => !n.done && !waiting.has(n.id));
    if (!open.length) return "";
    const shortest = open.reduce((m, n) => Math.min(m, n.minutes), Number.POSITIVE_INFINITY);
    return t("Nothing fits in {minutes} minutes. The shortest takes {shortest}.", {
      minutes: s.minutes,
      shortest,
    });
  }

  // --- the week -------------------------------------------------------------------
  const timeFormats = {};
  // The wall-clock time "HH:MM" in `tz` (UTC when the zone is unknown here): the week
  // plan's input, not words ("en-GB" only for its 24-hour digits).
  function timeIn(tz, date) {
    const key = tz || "UTC";
    try {
      timeFormats[key] =
        timeFormats[key] ||
        new Intl.DateTimeFormat("en-GB", {
          timeZone: key,
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        });
      return timeFormats[key].format(date);
    } catch (_e) {
      return date.toISOString().slice(11, 16);
    }
  }

  // The week plan's ask (mmapp/skills/week.py `WeekAsk`) from the phone's store.
  function weekAsk(device, now) {
    const progress = mergedProgress(device, now);
    return {
      situation: situation(device, 0, now),
      slots: device.progress?.commute_slots || [],
      now_time: timeIn(device.progress?.timezone, now),
      goal_minutes: progress.goal_minutes,
      done_minutes: progress.today_minutes,
      reviews_ahead: reviewsAhead(device, now),
    };
  }

  // "Today", "Tomorrow", "Friday 4 Dec".
  function dayLabel(day, today) {
    if (day === today) return t("Today");
    if (parseDate(day) - parseDate(today) === 86400000) return t("Tomorrow");
    return dayWords(day, "long");
  }

  // A chunk's reviews as its title names them: "2 reviews", "8 of 20 reviews".
  function reviewsName(pick) {
    const counts = reviewCounts(pick);
    if (!counts) return pick.reason;
    const { n, due } = counts;
    return n === due ? nt("{n} review", "{n} reviews", n) : t("{n} of {due} reviews", { n, due });
  }

  function chunkRow(chunk, byId) {
    const row = { time: chunk.time, state: chunk.state, title: "", minutes: "", reason: "", href: "" };
    if (chunk.state === "free") return { ...row, title: t("Free · your minutes for the day are planned") };
    const nuggets = chunk.picks.filter((p) => p.kind === "nugget");
    const reviews = chunk.picks.find((p) => p.kind === "reviews");
    const names = nuggets.map((p) => byId.get(p.id)?.title || "");
    if (reviews) names.unshift(reviewsName(reviews));
    const lead = nuggets[0] || reviews;
    return {
      ...row,
      title: names.join(" + "),
      minutes: t("{minutes} min", { minutes: chunk.minutes }),
      reason: lead.reason,
      href: nuggets.length && !reviews ? `/nugget?id=${nuggets[0].id}` : reviews ? "/review" : "",
    };
  }

  // What the week page shows: {loaded, has_slots, summary, days: [{label, chunks}], later}.
  function weekView(device, now) {
    const ask = weekAsk(device, now);
    const plan = weekPlan(ask);
    const byId = new Map(ask.situation.nuggets.map((n) => [n.id, n]));
    const days = [];
    // Slots with nothing left to plan are not listed one by one: one line says so.
    for (const chunk of plan.chunks.filter((c) => c.state !== "clear")) {
      const label = dayLabel(chunk.day, ask.situation.today);
      if (!days.length || days[days.length - 1].label !== label) days.push({ label, chunks: [] });
      days[days.length - 1].chunks.push(chunkRow(chunk, byId));
    }
    const planned = plan.chunks.filter((c) => c.state === "planned");
    const minutes = planned.reduce((sum, c) => sum + c.minutes, 0);
    const waiting = plan.later.length;
    let later = "";
    if (waiting)
      later = nt("{n} more nugget waits for next week.", "{n} more nuggets wait for next week.", waiting);
    else if (plan.chunks.some((c) => c.state === "clear"))
      later = planned.length
        ? t("After that you're all caught up.")
        : t("You're all caught up: nothing to plan.");
    return {
      loaded: true,
      has_slots: ask.slots.length > 0,
      summary: planned.length
        ? nt(
            "{n} commute planned · {minutes} min this week",
            "{n} commutes planned · {minutes} min this week",
            planned.length,
            {
              minutes,
            },
          )
        : "",
      days,
      later,
    };
  }

  const api = { situation, todayPlan, weekAsk, weekView };
  if (typeof self !== "undefined") self.mmPlan = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
