// Micromastery view models: pure functions from what the phone holds to what its
// pages show (the nugget player's are in mm-player.js). Inputs in, view model out: no
// DOM, no IndexedDB, no clock (`now` is passed in), no global but its own export.
// `device` is a read of the on-device store (mm-store.js snapshot); progress merging is mm-progress.js.
// Every view has exactly the keys mmapp/schemas/views.py declares (a contract test
// checks it). Loaded by a <script> tag (window.mmViews) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { formatDate, t, nt } = self.mmI18n || require("./mm-i18n.js");
  const { mergedProgress, serverWords, weekdayName } = self.mmProgress || require("./mm-progress.js");

  function sessionView(session) {
    if (!session) return { signed_in: false, name: "", expired: false, has_cohort: false, staff: false };
    return {
      signed_in: true,
      name: session.user.display_name,
      expired: !!session.expired,
      has_cohort: (session.user.cohorts || []).length > 0,
      staff: ["coordinator", "admin"].includes(session.user.role),
    };
  }

  // Which sync result the status line goes by: "other_tab" (another tab still synced
  // after 30 s) is no result of this tab's own; the last real one still counts.
  const latestResult = (previous, result) => (result && result.reason !== "other_tab" ? result : previous);

  // `rows` the outbox, `result` the latest sync result, `online` navigator.onLine.
  function syncView({ rows, lastSync, result, session, online }) {
    const uid = session?.user.id;
    const mine = rows.filter((r) => !r.user_id || r.user_id === uid);
    const pending = mine.filter((r) => r.status === "pending").length;
    const rejected = mine.filter((r) => r.status === "rejected").length;
    // navigator.onLine can stay true with no connection, so the last sync decides:
    // no HTTP answer means offline; an HTTP error means the server is struggling.
    const reason = result?.reason;
    const offline = !online || reason === "offline";
    const unreachable = !offline && reason === "server";
    const expired = !!(session?.expired || reason === "expired");
    const time = lastSync ? formatDate(new Date(lastSync), { hour: "2-digit", minute: "2-digit" }) : "";
    const n = pending;
    let label;
    let detail;
    if (expired) {
      label = t("Sign in to sync");
      detail = pending
        ? nt(
            "Your sign-in has expired. {n} answer will sync after you sign in again.",
            "Your sign-in has expired. {n} answers will sync after you sign in again.",
            n,
          )
        : t("Your sign-in has expired. Sign in again to keep syncing.");
    } else if (offline) {
      label = pending
        ? nt("Offline · {n} answer saved", "Offline · {n} answers saved", n)
        : t("Offline · all saved");
      detail = pending
        ? nt(
            "{n} answer is saved on this phone and will sync when you're back online.",
            "{n} answers are saved on this phone and will sync when you're back online.",
            n,
          )
        : t("You're offline. Everything you do is saved on this phone.");
    } else if (unreachable) {
      label = pending
        ? nt("Can't sync yet · {n} answer saved", "Can't sync yet · {n} answers saved", n)
        : t("Can't sync yet · all saved");
      detail = pending
        ? nt(
            "Micromastery's server isn't answering right now. {n} answer is saved on this phone; we'll keep trying.",
            "Micromastery's server isn't answering right now. {n} answers are saved on this phone; we'll keep trying.",
            n,
          )
        : t("Micromastery's server isn't answering right now. We'll keep trying.");
    } else if (pending) {
      label = nt("{n} answer waiting to sync", "{n} answers waiting to sync", n);
      detail = nt("{n} answer waiting to sync.", "{n} answers waiting to sync.", n);
    } else {
      label = lastSync ? t("All synced · {time}", { time }) : t("Not synced yet");
      detail = lastSync
        ? t("All your answers are on the server. Last synced at {time}.", { time })
        : t("Not synced yet.");
    }
    // Each a sentence of its own, after the status's.
    if (result?.ok && result.deferred) {
      const deferred = t("New nuggets download when you're on Wi-Fi (your choice below).");
      detail += ` ${deferred}`;
    }
    if (rejected) {
      const refused = nt(
        "{n} answer was refused by the server; use Download my answers to keep a copy.",
        "{n} answers were refused by the server; use Download my answers to keep a copy.",
        rejected,
      );
      detail += ` ${refused}`;
    }
    const state = expired
      ? "expired"
      : offline
        ? "offline"
        : unreachable
          ? "unreachable"
          : pending
            ? "pending"
            : "synced";
    return {
      pending,
      rejected,
      offline: offline || unreachable,
      expired,
      label,
      detail,
      last_sync: time,
      state,
    };
  }

  // The sign-in and join forms' message line; every key always present.
  const formView = (patch) => {
    const p = patch || {};
    return { error: p.error || "", busy: !!p.busy, notice: p.notice || "" };
  };

  // "Your data" on Progress: its message line, and whether the delete step is open.
  const myDataView = (patch) => {
    const p = patch || {};
    return { error: p.error || "", busy: !!p.busy, notice: p.notice || "", confirming: !!p.confirming };
  };

  // "Your skills profile" on Progress (`mm_profile`): `link` is kv "profile_link"
  // ({url, shared_at}, url "" when another device made it; null while private).
  const profileView = (link, patch) => {
    const p = patch || {};
    return {
      shared: !!link,
      url: link?.url || "",
      busy: !!p.busy,
      error: p.error || "",
      notice: p.notice || "",
    };
  };

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

  // `note`: what Progress says beside the level (mm-audit.js progressNotes), if any.
  const skillRow = (s, note) => ({
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
    return {
      nuggets_done: Object.keys(p.completed).length,
      minutes: p.minutes,
      streak: p.streak,
      streak_label: nt("{n} day", "{n} days", p.streak),
      skills: p.skills.map((s) => skillRow(s, said[s.slug])),
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

  // The Reminders page: `state` is mm-push.js's, `permission` Notification.permission.
  function remindersView(state, permission) {
    let status;
    if (state.support === "ios_install")
      status = t(
        "On iPhone and iPad, reminders need the installed app: tap Share, then Add to Home Screen, and open Micromastery from there.",
      );
    else if (state.support === "unsupported")
      status = t(
        "This browser can't show reminders. Your commute times are still saved for your other devices.",
      );
    else if (permission === "denied")
      status = t(
        "Notifications are blocked for Micromastery. Allow them in your browser's site settings, then tap Remind me.",
      );
    else if (state.subscribed) status = t("Reminders are on for this phone.");
    else status = t("Reminders are off on this phone. Tap Remind me to get a nudge at your commute times.");
    return {
      support: state.support,
      subscribed: !!state.subscribed,
      busy: !!state.busy,
      status,
      days: [...state.days],
      timezone: state.timezone || "",
    };
  }

  // The installed-app panel: `state` is mm-pwa.js's.
  const appView = (state) => ({
    update_available: !!state.update_available,
    updating: !!state.updating,
    can_install: !!state.can_install,
    installed: !!state.installed,
    ios_hint: !!state.ios_hint,
    storage: state.storage || "",
    persisted: !!state.persisted,
    sw_ready: !!state.sw_ready,
    connection_known: !!state.connection_known,
    downloads: state.downloads === "wifi" ? "wifi" : "any",
  });

  const api = {
    linkedinUrl,
    credentialRows,
    sessionView,
    latestResult,
    syncView,
    formView,
    myDataView,
    profileView,
    pathOf,
    todayView,
    progressView,
    remindersView,
    appView,
  };
  if (typeof self !== "undefined") self.mmViews = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
