// Micromastery view models: pure functions from what the phone holds to what its
// pages show (the nugget player's are in mm-player.js). Inputs in, view model out: no
// DOM, no IndexedDB, no clock (`now` is passed in), no global but its own export.
// `device` is a read of the on-device store: { progress, nuggets, attempts }.
// Every view has exactly the keys mmapp/schemas/views.py declares (a contract test
// checks it). Loaded by a <script> tag (window.mmViews) and by `bun test`.
(() => {
  "use strict";
  const NO_PROGRESS = {
    completed: {},
    minutes: 0,
    streak: 0,
    skills: [],
    scores: {},
    last_active_day: null,
    timezone: "UTC",
  };

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const byId = (list) => Object.fromEntries((list || []).map((x) => [x.id, x]));

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
    const time = lastSync
      ? new Date(lastSync).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      : "";
    const answers = plural(pending, "answer", "answers");
    let label;
    let detail;
    if (expired) {
      label = "Sign in to sync";
      detail = `Your sign-in has expired. ${pending ? `${answers} will sync after you sign in again.` : "Sign in again to keep syncing."}`;
    } else if (offline) {
      label = pending ? `Offline · ${answers} saved` : "Offline · all saved";
      detail = pending
        ? `${answers} are saved on this phone and will sync when you're back online.`
        : "You're offline. Everything you do is saved on this phone.";
    } else if (unreachable) {
      label = pending ? `Can't sync yet · ${answers} saved` : "Can't sync yet · all saved";
      detail = `Micromastery's server isn't answering right now. ${pending ? `${answers} are saved on this phone; ` : ""}we'll keep trying.`;
    } else if (pending) {
      label = `${answers} waiting to sync`;
      detail = `${label}.`;
    } else {
      label = lastSync ? `All synced · ${time}` : "Not synced yet";
      detail = lastSync ? `All your answers are on the server. Last synced at ${time}.` : "Not synced yet.";
    }
    if (result?.ok && result.deferred)
      detail += " New nuggets download when you're on Wi-Fi (your choice below).";
    if (rejected)
      detail += ` ${plural(rejected, "answer was", "answers were")} refused by the server; use Download my answers to keep a copy.`;
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

  // `reviews`: the review line (mm-reviews.js reviewSummary), { due, minutes, label }.
  function todayView(device, minutes, now, reviews) {
    const due = reviews || { due: 0, minutes: 0, label: "" };
    const all = [...(device.nuggets || [])].sort(
      (a, b) => a.assignment.position - b.assignment.position || a.title.localeCompare(b.title),
    );
    const progress = mergedProgress(device, now);
    const item = (n) => ({
      id: n.id,
      title: n.title,
      summary: n.summary,
      minutes: n.minutes,
      meta: `${n.minutes} min · ${n.skill ? n.skill.name : ""}`,
      href: `/nugget?id=${n.id}`,
      done: !!progress.completed[n.id],
      status: progress.completed[n.id] ? "Done" : "",
    });
    const open = all.filter((n) => !progress.completed[n.id]);
    let items = open.concat(all.filter((n) => progress.completed[n.id])).map(item);
    let fit = "";
    // Reviews are short and keep what was learned: they go first when time is tight.
    let showReviews = due.due > 0;
    if (minutes) {
      showReviews = due.due > 0 && due.minutes <= minutes;
      let used = showReviews ? due.minutes : 0;
      const plan = [];
      for (const n of open)
        if (used + n.minutes <= minutes) {
          plan.push(n);
          used += n.minutes;
        }
      items = plan.map(item);
      const shortest = open.reduce((m, n) => Math.min(m, n.minutes), Infinity);
      const parts = [];
      if (showReviews) parts.push(plural(due.due, "review", "reviews"));
      if (plan.length) parts.push(plural(plan.length, "nugget", "nuggets"));
      if (parts.length) fit = `${parts.join(" + ")} · ${used} of your ${minutes} minutes`;
      else if (open.length) fit = `Nothing fits in ${minutes} minutes. The shortest takes ${shortest}.`;
    }
    const done = all.length - open.length;
    return {
      items,
      minutes: minutes || 0,
      fit,
      empty: all.length === 0,
      headline: all.length ? `${done} of ${all.length} done` : "",
      streak: progress.streak,
      reviews_due: showReviews ? due.due : 0,
      reviews_label: showReviews ? due.label : "",
    };
  }

  const skillRow = (s) => ({
    slug: s.slug,
    name: s.name,
    done: s.done,
    total: s.total,
    pct: s.total ? Math.round((100 * s.done) / s.total) : 0,
    label: `${s.done} of ${s.total}`,
    // Levels are a server projection: offline they are the last pull's.
    level_label: s.level_label || "Not started",
    next_step: s.next_step || "",
    recall_pct: Math.round(100 * (s.recall || 0)),
  });

  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const weekday = (iso) => WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()];
  const andList = (xs) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

  function progressView(device, now) {
    const p = mergedProgress(device, now);
    const used = p.freezes_used.map(weekday);
    return {
      nuggets_done: Object.keys(p.completed).length,
      minutes: p.minutes,
      streak: p.streak,
      streak_label: plural(p.streak, "day", "days"),
      skills: p.skills.map(skillRow),
      // Most recent day first, then by title: a stable order.
      done_titles: (device.nuggets || [])
        .filter((n) => p.completed[n.id])
        .map((n) => ({ id: n.id, title: n.title, day: p.completed[n.id] }))
        .sort((a, b) => b.day.localeCompare(a.day) || a.title.localeCompare(b.title)),
      goal_minutes: p.goal_minutes,
      today_minutes: p.today_minutes,
      goal_met_today: p.goal_met_today,
      goal_label: `${p.today_minutes} of ${p.goal_minutes} min today`,
      goal_pct: Math.min(100, Math.round((100 * p.today_minutes) / p.goal_minutes)),
      freezes_held: p.freezes_held,
      freezes_label: `${plural(p.freezes_held, "freeze", "freezes")} held`,
      freeze_note: used.length ? `${used.length === 1 ? "Freeze" : "Freezes"} used on ${andList(used)}` : "",
    };
  }

  // The Reminders page: `state` is mm-push.js's, `permission` Notification.permission.
  function remindersView(state, permission) {
    let status;
    if (state.support === "ios_install")
      status =
        "On iPhone and iPad, reminders need the installed app: tap Share, then Add to Home Screen, and open Micromastery from there.";
    else if (state.support === "unsupported")
      status =
        "This browser can't show reminders. Your commute times are still saved for your other devices.";
    else if (permission === "denied")
      status =
        "Notifications are blocked for Micromastery. Allow them in your browser's site settings, then tap Remind me.";
    else if (state.subscribed) status = "Reminders are on for this phone.";
    else status = "Reminders are off on this phone. Tap Remind me to get a nudge at your commute times.";
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
    REVIEW_SECONDS,
    dayIn,
    plural,
    streakWalk,
    mergedProgress,
    sessionView,
    latestResult,
    syncView,
    formView,
    todayView,
    progressView,
    remindersView,
    appView,
  };
  if (typeof self !== "undefined") self.mmViews = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
