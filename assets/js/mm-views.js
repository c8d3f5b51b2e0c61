// Micromastery view models: pure functions from what the phone holds to what its
// pages show: Today and Progress here; the phone's own state (session, sync, forms,
// app, reminders) in mm-phone-views.js; the nugget player's in mm-player.js. Inputs in, view model out: no
// DOM, no IndexedDB, no clock (`now` is passed in), no global but its own export.
// `device` is a read of the on-device store (mm-store.js snapshot); progress merging is mm-progress.js.
// Every view has exactly the keys mmapp/schemas/views.py declares (a contract test
// checks it). Loaded by a <script> tag (window.mmViews) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { t, nt } = self.mmI18n || require("./mm-i18n.js");
  const { mergedProgress, serverWords, weekdayName } = self.mmProgress || require("./mm-progress.js");

  const UP_NEXT = 3; // picks shown as "Up next" above the full list with "Any"

  // The reviews card's line: "2 reviews due · about 1 min", or "8 of 20 reviews due · …"
  // when the minutes chosen bound them (the pathway gives reviews at most 40 % of them).
  const reviewsLine = (r, minutes) =>
    r.taken === r.due
      ? nt("{n} review due · about {minutes} min", "{n} reviews due · about {minutes} min", r.due, {
          minutes,
        })
      : t("{n} of {due} reviews due · about {minutes} min", { n: r.taken, due: r.due, minutes });

  // `plan`: what next (mm-plan.js todayPlan for these minutes), built here when not given.
  // With minutes the list is the plan's nuggets; with "Any" every nugget, the plan's
  // first picks above it as `picks`. Reviews show once, as the reviews card.
  // `offerAudit`: show the invitation to the skills audit (mm-audit.js shouldOffer).
  // `checkin`: mm-work.js checkinCard, Today's "How did 'X' go at work?" (or none).
  // What an empty Today says: a learner is told how to join; a coordinator or admin
  // (`staff`) is told this is the learners' view and where their own work is.
  const EMPTY_LEARNER = () => ({
    empty_heading: t("No nuggets yet"),
    empty_text: t("Join your cohort with the invite code your coordinator gave you."),
    empty_staff: false,
  });
  const EMPTY_STAFF = () => ({
    empty_heading: t("This is what your learners see"),
    empty_text: t(
      "Learners find their cohort's nuggets, reviews and streak here on their phones. You are not a learner in any cohort, so it is empty for you. Preview a cohort's nuggets as a phone in the workspace's nugget editor, or open the workspace to manage cohorts.",
    ),
    empty_staff: true,
  });

  function todayView(device, minutes, now, plan, offerAudit = false, checkin = null, staff = false) {
    const P = plan || (self.mmPlan || require("./mm-plan.js")).todayPlan(device, minutes || 0, now);
    const all = [...(device.nuggets || [])].sort(
      (a, b) => a.assignment.position - b.assignment.position || a.title.localeCompare(b.title),
    );
    const byId = new Map(all.map((n) => [n.id, n]));
    const progress = mergedProgress(device, now);
    const locked = new Map(P.locked.map((x) => [x.id, x.reason]));
    const item = (n, reason) => ({
      id: n.id,
      title: n.title,
      summary: n.summary,
      minutes: n.minutes,
      meta: t("{minutes} min · {skill}", { minutes: n.minutes, skill: n.skill ? n.skill.name : "" }),
      href: `/nugget?id=${n.id}`,
      done: !!progress.completed[n.id],
      status: progress.completed[n.id] ? t("Done") : "",
      locked: locked.has(n.id),
      reason: locked.get(n.id) || reason || "",
    });
    const open = all.filter((n) => !progress.completed[n.id]);
    const reviewsPick = P.picks.find((p) => p.kind === "reviews");
    const nuggetPicks = P.picks.filter((p) => p.kind === "nugget" && byId.has(p.id));
    let items;
    let picks = [];
    if (minutes) items = nuggetPicks.map((p) => item(byId.get(p.id), p.reason));
    else {
      items = open.concat(all.filter((n) => progress.completed[n.id])).map((n) => item(n, ""));
      const first = P.picks.slice(0, UP_NEXT).filter((p) => p.kind === "nugget" && byId.has(p.id));
      picks = first.map((p) => item(byId.get(p.id), p.reason));
    }
    const done = all.length - open.length;
    return {
      items,
      picks,
      minutes: minutes || 0,
      fit: minutes ? P.fit : "",
      empty: all.length === 0,
      ...(staff ? EMPTY_STAFF() : EMPTY_LEARNER()),
      headline: all.length ? t("{done} of {total} done", { done, total: all.length }) : "",
      streak: progress.streak,
      reviews_due: reviewsPick ? P.reviews.taken : 0,
      reviews_label: reviewsPick ? reviewsLine(P.reviews, reviewsPick.minutes) : "",
      offer_audit: !!offerAudit && all.length > 0,
      checkin_text: checkin?.checkin_text || "",
      checkin_href: checkin?.checkin_href || "",
    };
  }

  // A skill's level as shown, by its code (the English of mmapp/progress/mastery.py LABELS).
  const LEVEL_LABELS = () => ({
    "": t("Not started"),
    started: t("Started"),
    practised: t("Practised"),
    proficient: t("Proficient"),
    mastered: t("Mastered"),
  });

  // `note`: what Progress says beside the level (mm-audit.js progressNotes), if any;
  // `risky`: its dated goal is at risk; `skillId`: for "Ask a mentor" about it.
  const skillRow = (s, note, risky = false, skillId = "") => ({
    slug: s.slug,
    name: s.name,
    done: s.done,
    total: s.total,
    pct: s.total ? Math.round((100 * s.done) / s.total) : 0,
    label: t("{done} of {total}", { done: s.done, total: s.total }),
    // Levels are a server projection: offline they are the last pull's, worded here
    // (a pull from before `next_step_words` has only the English).
    level_label: LEVEL_LABELS()[s.level || ""] || s.level_label || t("Not started"),
    next_step: serverWords(s.next_step_words, s.next_step || ""),
    recall_pct: Math.round(100 * (s.recall || 0)),
    said: note?.said || "",
    rated: !!note?.rated,
    goal: note?.goal || "",
    at_risk: risky,
    ask_href: skillId ? `/mentoring?skill=${skillId}` : "",
  });

  // "Monday", "Monday and Tuesday", "Monday, Tuesday and Wednesday".
  const andList = (xs) =>
    xs.length < 2
      ? xs.join("")
      : t("{items} and {last}", { items: xs.slice(0, -1).join(", "), last: xs.at(-1) });

  const LINKEDIN = "https://www.linkedin.com/profile/add";
  // LinkedIn's "Add licence or certification" link; every value URL-encoded.
  function linkedinUrl(c) {
    const params = [
      ["startTask", "CERTIFICATION_NAME"],
      ["name", c.name],
      ["organizationName", c.issuer_name],
      ["issueYear", c.issued_at.slice(0, 4)],
      ["issueMonth", String(Number(c.issued_at.slice(5, 7)))],
      ["certUrl", c.verify_url],
      ["certId", c.id],
    ];
    const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    return `${LINKEDIN}?${query}`;
  }

  // An absolute URL's path (the pull names the public URL; the phone asks its own origin,
  // so the service worker can answer from Cache Storage offline).
  // (\x2f is "/": the msgid extractor's lexer would end the regex at a bare "/" in [^/].)
  const pathOf = (url) => url.replace(/^[a-z]+:\/\/[^\x2f]+/i, "");

  // The pull's credentials (CredentialOut) as Progress lists them (CredentialRow).
  function credentialRows(credentials) {
    // Not one t() inside another: the extractor would miss the inner one.
    const revoked = (c) => {
      const reason = c.revoked_reason || t("no reason given");
      return t("Revoked: {reason}", { reason });
    };
    return (credentials || []).map((c) => ({
      id: c.id,
      image_url: pathOf(c.image_url),
      name: c.name,
      skill: c.skill,
      issued: c.issued_at.slice(0, 10),
      status: c.revoked ? revoked(c) : "",
      verify_url: c.verify_url,
      png_url: `${c.verify_url}.png`,
      json_url: `${c.verify_url}.json`,
      linkedin_url: linkedinUrl(c),
    }));
  }

  // `notes`: per skill slug, the audit's line and the goal (mm-audit.js progressNotes).
  // `tried`: mm-work.js triedList, the "Tried at work" list.
  function progressView(device, now, notes, tried) {
    const p = mergedProgress(device, now);
    const used = p.freezes_used.map(weekdayName);
    const said = notes || {};
    const skillIds = new Map(
      (device.nuggets || []).filter((n) => n.skill?.id).map((n) => [n.skill.slug, n.skill.id]),
    );
    const risky = (self.mmMentoring || require("./mm-mentoring.js")).goalsAtRisk(device, now);
    return {
      nuggets_done: Object.keys(p.completed).length,
      minutes: p.minutes,
      streak: p.streak,
      streak_label: nt("{n} day", "{n} days", p.streak),
      skills: p.skills.map((s) => skillRow(s, said[s.slug], risky.includes(s.slug), skillIds.get(s.slug))),
      // Most recent day first, then by title: a stable order.
      done_titles: (device.nuggets || [])
        .filter((n) => p.completed[n.id])
        .map((n) => ({ id: n.id, title: n.title, day: p.completed[n.id] }))
        .sort((a, b) => b.day.localeCompare(a.day) || a.title.localeCompare(b.title)),
      goal_minutes: p.goal_minutes,
      today_minutes: p.today_minutes,
      goal_met_today: p.goal_met_today,
      goal_label: t("{today} of {goal} min today", { today: p.today_minutes, goal: p.goal_minutes }),
      goal_pct: Math.min(100, Math.round((100 * p.today_minutes) / p.goal_minutes)),
      freezes_held: p.freezes_held,
      freezes_label: nt("{n} freeze held", "{n} freezes held", p.freezes_held),
      freeze_note: used.length
        ? nt("Freeze used on {days}", "Freezes used on {days}", used.length, { days: andList(used) })
        : "",
      rated_any: Object.values(said).some((n) => n.rated),
      tried: tried || [],
      credentials: credentialRows(device.progress?.credentials),
    };
  }

  // The phone's own state (session, sync, forms, app, reminders) is mm-phone-views.js's;
  // it is exported from here too, so every page reads its views from one object.
  const api = {
    ...(self.mmPhoneViews || require("./mm-phone-views.js")),
    linkedinUrl,
    credentialRows,
    pathOf,
    todayView,
    progressView,
  };
  if (typeof self !== "undefined") self.mmViews = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
