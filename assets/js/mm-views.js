// Micromastery view models: pure functions from on-device data to what pages show,
// and the nugget player's state machine. Grading mirrors mmapp/services/grading.py;
// the server re-grades every answer, so this copy only drives instant feedback.
(function () {
  "use strict";
  const S = () => window.mmStore;
  const PHASES = ["context", "way_in", "practice", "payoff", "quiz", "done"];
  const LABELS = { context: "Context", way_in: "Way in", practice: "Purposeful practice", payoff: "Payoff", quiz: "Quiz", done: "Done" };
  let lastResult = null;

  const plural = (n, one, many) => n + " " + (n === 1 ? one : many);
  const norm = (t) => String(t || "").normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ").replace(/[\s.!?,;:]+$/, "");

  function grade(item, answer) {
    if (item.kind === "short_answer") {
      const given = norm(answer.text);
      return given !== "" && item.accepted_answers.some((a) => norm(a) === given);
    }
    const c = (answer.choices || []).slice().sort();
    const k = item.correct.slice().sort();
    return c.length === k.length && c.every((v, i) => v === k[i]);
  }

  const dayFormats = {};  // one formatter per timezone: building one is slow
  function dayIn(tz, date) {
    try {
      const key = tz || "UTC";
      dayFormats[key] = dayFormats[key] || new Intl.DateTimeFormat("en-CA", { timeZone: key });
      return dayFormats[key].format(date);
    } catch (e) { return date.toISOString().slice(0, 10); }
  }
  const prevDay = (iso) => { const d = new Date(iso + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() - 1); return d.toISOString().slice(0, 10); };

  // Server progress plus local completions the server has not seen yet.
  async function mergedProgress() {
    const p = (await S().get("kv", "progress")) || { completed: {}, minutes: 0, streak: 0, skills: [], scores: {}, last_active_day: null, timezone: "UTC" };
    const attempts = await S().all("attempts");
    const nuggets = Object.fromEntries((await S().all("nuggets")).map((n) => [n.id, n]));
    const today = dayIn(p.timezone, new Date());
    const completed = { ...p.completed };
    let minutes = p.minutes;
    const skills = p.skills.map((s) => ({ ...s }));
    let activeToday = p.last_active_day === today;
    for (const a of attempts) {
      if (!a.completed_at || completed[a.nugget_id]) continue;
      const day = dayIn(p.timezone, new Date(a.completed_at));
      completed[a.nugget_id] = day;
      minutes += a.minutes || 0;
      const n = nuggets[a.nugget_id];
      const s = n && n.skill && skills.find((x) => x.slug === n.skill.slug);
      if (s) s.done += 1;
      if (day === today) activeToday = true;
    }
    let streak = p.streak;
    if (activeToday && p.last_active_day !== today) {
      streak = p.last_active_day === prevDay(today) ? p.streak + 1 : 1;
    }
    return { completed, minutes, streak, skills, today, scores: p.scores };
  }

  function sessionView(session) {
    if (!session) return { signed_in: false, name: "", expired: false };
    const staff = ["coordinator", "admin"].includes(session.user.role);
    return { signed_in: true, name: session.user.display_name, expired: !!session.expired, has_cohort: (session.user.cohorts || []).length > 0, staff };
  }

  function syncView(rows, lastSync, result, session) {
    // "other_tab": another tab was still syncing after 30 s; its result, not a skip, counts.
    if (result && result.reason !== "other_tab") lastResult = result;
    const uid = session && session.user.id;
    const mine = rows.filter((r) => !r.user_id || r.user_id === uid);
    const pending = mine.filter((r) => r.status === "pending").length;
    const rejected = mine.filter((r) => r.status === "rejected").length;
    // navigator.onLine can stay true with no connection, so the last sync decides:
    // no HTTP answer means offline; an HTTP error means the server is struggling.
    const reason = lastResult && lastResult.reason;
    const offline = !navigator.onLine || reason === "offline";
    const unreachable = !offline && reason === "server";
    const expired = (session && session.expired) || (lastResult && lastResult.reason === "expired");
    const time = lastSync ? new Date(lastSync).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
    const answers = plural(pending, "answer", "answers");
    let label;
    let detail;
    if (expired) {
      label = "Sign in to sync";
      detail = "Your sign-in has expired. " + (pending ? answers + " will sync after you sign in again." : "Sign in again to keep syncing.");
    } else if (offline) {
      label = pending ? "Offline · " + answers + " saved" : "Offline · all saved";
      detail = pending ? answers + " are saved on this phone and will sync when you're back online." : "You're offline. Everything you do is saved on this phone.";
    } else if (unreachable) {
      label = pending ? "Can't sync yet · " + answers + " saved" : "Can't sync yet · all saved";
      detail = "Micromastery's server isn't answering right now. " + (pending ? answers + " are saved on this phone; " : "") + "we'll keep trying.";
    } else if (pending) {
      label = answers + " waiting to sync";
      detail = label + ".";
    } else {
      label = lastSync ? "All synced · " + time : "Not synced yet";
      detail = lastSync ? "All your answers are on the server. Last synced at " + time + "." : "Not synced yet.";
    }
    if (lastResult && lastResult.ok && lastResult.deferred) detail += " New nuggets download when you're on Wi-Fi (your choice below).";
    if (rejected) detail += " " + plural(rejected, "answer was", "answers were") + " refused by the server; use Download my answers to keep a copy.";
    return { pending, rejected, offline: !!(offline || unreachable), expired: !!expired, label, detail, last_sync: time, state: expired ? "expired" : offline ? "offline" : unreachable ? "unreachable" : pending ? "pending" : "synced" };
  }

  async function todayView(minutes) {
    const all = (await S().all("nuggets")).sort((a, b) => (a.assignment.position - b.assignment.position) || a.title.localeCompare(b.title));
    const progress = await mergedProgress();
    const item = (n) => ({
      id: n.id, title: n.title, summary: n.summary, minutes: n.minutes,
      meta: n.minutes + " min · " + (n.skill ? n.skill.name : ""),
      href: "/nugget?id=" + n.id, done: !!progress.completed[n.id],
      status: progress.completed[n.id] ? "Done" : "",
    });
    const open = all.filter((n) => !progress.completed[n.id]);
    let items = open.concat(all.filter((n) => progress.completed[n.id])).map(item);
    let fit = "";
    if (minutes) {
      let used = 0;
      const plan = [];
      for (const n of open) if (used + n.minutes <= minutes) { plan.push(n); used += n.minutes; }
      items = plan.map(item);
      const shortest = open.reduce((m, n) => Math.min(m, n.minutes), Infinity);
      fit = plan.length
        ? plural(plan.length, "nugget", "nuggets") + " · " + used + " of your " + minutes + " minutes"
        : open.length ? "Nothing fits in " + minutes + " minutes. The shortest takes " + shortest + "." : "";
    }
    const done = all.length - open.length;
    return {
      items, minutes: minutes || 0, fit, empty: all.length === 0,
      headline: all.length ? done + " of " + all.length + " done" : "",
      streak: progress.streak,
    };
  }

  async function progressView() {
    const p = await mergedProgress();
    const nuggets = await S().all("nuggets");
    return {
      nuggets_done: Object.keys(p.completed).length, minutes: p.minutes, streak: p.streak,
      streak_label: plural(p.streak, "day", "days"),
      skills: p.skills.map((s) => ({ ...s, pct: s.total ? Math.round((100 * s.done) / s.total) : 0, label: s.done + " of " + s.total })),
      // Most recent day first, then by title: a stable order.
      done_titles: nuggets.filter((n) => p.completed[n.id])
        .map((n) => ({ id: n.id, title: n.title, day: p.completed[n.id] }))
        .sort((a, b) => b.day.localeCompare(a.day) || a.title.localeCompare(b.title)),
    };
  }

  function newAttempt(nugget) {
    return {
      nugget_id: nugget.id, version: nugget.version, minutes: nugget.minutes, phase: "context",
      steps: nugget.practice_steps.map(() => false), steps_logged: [], quiz_index: 0,
      selection: [], answers: {}, completed_at: null, started_at: new Date().toISOString(),
    };
  }

  // Apply one player action to `attempt` (mutated); returns the events to record.
  function applyAction(nugget, attempt, action, arg) {
    const events = [];
    const i = PHASES.indexOf(attempt.phase);
    const item = nugget.quiz[attempt.quiz_index];
    const answered = item && attempt.answers[item.id];
    if (action === "next" && i < 4) {
      if (attempt.phase !== "practice" || attempt.steps.every(Boolean)) attempt.phase = PHASES[i + 1];
    } else if (action === "back" && i > 0 && i < 5) {
      attempt.phase = PHASES[i - 1];
    } else if (action === "toggle_step" && attempt.phase === "practice") {
      attempt.steps[arg] = !attempt.steps[arg];
      if (attempt.steps[arg] && !attempt.steps_logged.includes(arg)) {
        attempt.steps_logged.push(arg);
        events.push({ type: "step_done", payload: { step: arg } });
      }
    } else if (action === "choose" && item && !answered) {
      const sel = attempt.selection;
      if (item.kind === "multiple_choice") attempt.selection = sel.includes(arg) ? sel.filter((x) => x !== arg) : sel.concat([arg]);
      else attempt.selection = [arg];
    } else if (action === "check" && item && !answered) {
      const answer = item.kind === "short_answer" ? { text: String(arg || "").slice(0, 500) } : { choices: attempt.selection.slice() };
      if (item.kind === "short_answer" ? !answer.text.trim() : !answer.choices.length) return { events };
      const correct = grade(item, answer);
      attempt.answers[item.id] = { answer, correct };
      events.push({ type: "quiz_answered", payload: { item_id: item.id, answer, correct } });
    } else if (action === "next_item" && answered) {
      attempt.selection = [];
      if (attempt.quiz_index + 1 < nugget.quiz.length) attempt.quiz_index += 1;
      else if (!attempt.completed_at) {
        attempt.phase = "done";
        attempt.completed_at = new Date().toISOString();
        events.push({ type: "nugget_completed", payload: {} });
      }
    }
    return { events };
  }

  function quizView(nugget, attempt) {
    const item = nugget.quiz[attempt.quiz_index];
    if (!item) return null;
    const ans = attempt.answers[item.id];
    const chosen = ans ? ans.answer.choices || [] : attempt.selection;
    const options = item.options.map((text, i) => {
      let state = chosen.includes(i) ? "selected" : "idle";
      if (ans) state = item.correct.includes(i) ? "correct" : chosen.includes(i) ? "wrong" : "idle";
      return { i, text, state, selected: chosen.includes(i) };
    });
    return {
      index: attempt.quiz_index, number: attempt.quiz_index + 1, total: nugget.quiz.length,
      kind: item.kind, prompt: item.prompt, options, answered: !!ans, correct: !!(ans && ans.correct),
      text: ans && ans.answer.text ? ans.answer.text : "",
      hint: item.kind === "multiple_choice" ? "Pick all that apply." : item.kind === "short_answer" ? "Type a short answer." : "Pick one.",
      feedback: ans ? (ans.correct ? "Right!" : "Not quite.") : "",
      accepted: item.kind === "short_answer" && ans && !ans.correct ? "Accepted: " + item.accepted_answers.slice(0, 3).join(", ") : "",
      explanation: ans ? item.explanation_html || "" : "",
      can_check: !ans && (item.kind === "short_answer" || attempt.selection.length > 0),
      is_last: attempt.quiz_index + 1 >= nugget.quiz.length,
    };
  }

  async function playerView(id) {
    const nugget = id && (await S().get("nuggets", id));
    if (!nugget) return { loaded: true, missing: true };
    const stored = await S().get("attempts", id);
    const attempt = stored && stored.version === nugget.version ? stored : newAttempt(nugget);
    const p = await mergedProgress();
    const skill = nugget.skill && p.skills.find((s) => s.slug === nugget.skill.slug);
    const results = Object.values(attempt.answers);
    const i = PHASES.indexOf(attempt.phase);
    return {
      loaded: true, missing: false, id: nugget.id, title: nugget.title, minutes: nugget.minutes,
      skill: nugget.skill ? nugget.skill.name : "", phase: attempt.phase, phase_label: LABELS[attempt.phase],
      phase_number: Math.min(i + 1, 5), progress_pct: Math.round((100 * Math.min(i, 5)) / 5),
      // Sanitised on the server (nh3); inserted as HTML by the nugget page.
      context: nugget.context_html || "", way_in: nugget.way_in_html || "", payoff: nugget.payoff_html || "",
      steps: nugget.practice_steps.map((text, n) => ({ n, text, done: !!attempt.steps[n], label: "Step " + (n + 1) })),
      steps_left: attempt.steps.filter((d) => !d).length,
      quiz: quizView(nugget, attempt) || {},
      done: {
        minutes: nugget.minutes, streak: p.streak, streak_label: plural(p.streak, "day", "days") + " in a row",
        score: results.filter((r) => r.correct).length + " of " + nugget.quiz.length + " right first time",
        skill_label: skill ? skill.name + ": " + skill.done + " of " + skill.total + " nuggets" : "",
        skill_pct: skill && skill.total ? Math.round((100 * skill.done) / skill.total) : 0,
      },
    };
  }

  window.mmViews = { grade, sessionView, syncView, todayView, progressView, playerView, newAttempt, applyAction, mergedProgress };
})();
