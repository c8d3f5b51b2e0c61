// Micromastery view models: pure functions from on-device data to what pages show,
// and the nugget player's state machine. Grading follows the same rule as
// mmapp/services/grading.py (its docstring states it; tests/fixtures/grading_cases.json
// runs against both); the server re-grades every answer, so this copy only drives
// instant feedback. Loaded by a <script> tag in the page; under `bun test` (no window)
// it exports its functions through module.exports instead.
(function () {
  "use strict";
  const S = () => window.mmStore;
  const PHASES = ["context", "way_in", "practice", "payoff", "quiz", "done"];
  const LABELS = { context: "Context", way_in: "Way in", practice: "Purposeful practice", payoff: "Payoff", quiz: "Quiz", done: "Done" };
  let lastResult = null;

  const plural = (n, one, many) => n + " " + (n === 1 ? one : many);
  // --- grading (the rule is in mmapp/services/grading.py's docstring) -----------
  // Full case folding like Python's str.casefold: JavaScript has none, so toLowerCase
  // (full lowercase mappings) and then, for the characters whose folding differs from
  // their lowercase (CaseFolding.txt: ß, ſ, µ, final ς, Greek symbol forms, ligatures,
  // ŉ, ǰ, Greek with iota subscript, Cherokee small letters to capitals, ...), the
  // folding. Generated from Python's Unicode 14 data: every x with
  // x.lower() == x and x.casefold() != x. (A letter given case in a later Unicode may
  // fold on a phone whose browser knows it and not on the server; the server decides.)
  const FOLD = {
    "\u00B5": "\u03BC", "\u00DF": "ss", "\u0149": "\u02BCn", "\u017F": "s", "\u01F0": "j\u030C", "\u0345": "\u03B9",
    "\u0390": "\u03B9\u0308\u0301", "\u03B0": "\u03C5\u0308\u0301", "\u03C2": "\u03C3", "\u03D0": "\u03B2", "\u03D1": "\u03B8",
    "\u03D5": "\u03C6", "\u03D6": "\u03C0", "\u03F0": "\u03BA", "\u03F1": "\u03C1", "\u03F5": "\u03B5", "\u0587": "\u0565\u0582",
    "\u1C80": "\u0432", "\u1C81": "\u0434", "\u1C82": "\u043E", "\u1C83": "\u0441", "\u1C84": "\u0442", "\u1C85": "\u0442",
    "\u1C86": "\u044A", "\u1C87": "\u0463", "\u1C88": "\uA64B", "\u1E96": "h\u0331", "\u1E97": "t\u0308", "\u1E98": "w\u030A",
    "\u1E99": "y\u030A", "\u1E9A": "a\u02BE", "\u1E9B": "\u1E61", "\u1F50": "\u03C5\u0313", "\u1F52": "\u03C5\u0313\u0300",
    "\u1F54": "\u03C5\u0313\u0301", "\u1F56": "\u03C5\u0313\u0342", "\u1F80": "\u1F00\u03B9", "\u1F81": "\u1F01\u03B9",
    "\u1F82": "\u1F02\u03B9", "\u1F83": "\u1F03\u03B9", "\u1F84": "\u1F04\u03B9", "\u1F85": "\u1F05\u03B9", "\u1F86": "\u1F06\u03B9",
    "\u1F87": "\u1F07\u03B9", "\u1F90": "\u1F20\u03B9", "\u1F91": "\u1F21\u03B9", "\u1F92": "\u1F22\u03B9", "\u1F93": "\u1F23\u03B9",
    "\u1F94": "\u1F24\u03B9", "\u1F95": "\u1F25\u03B9", "\u1F96": "\u1F26\u03B9", "\u1F97": "\u1F27\u03B9", "\u1FA0": "\u1F60\u03B9",
    "\u1FA1": "\u1F61\u03B9", "\u1FA2": "\u1F62\u03B9", "\u1FA3": "\u1F63\u03B9", "\u1FA4": "\u1F64\u03B9", "\u1FA5": "\u1F65\u03B9",
    "\u1FA6": "\u1F66\u03B9", "\u1FA7": "\u1F67\u03B9", "\u1FB2": "\u1F70\u03B9", "\u1FB3": "\u03B1\u03B9", "\u1FB4": "\u03AC\u03B9",
    "\u1FB6": "\u03B1\u0342", "\u1FB7": "\u03B1\u0342\u03B9", "\u1FBE": "\u03B9", "\u1FC2": "\u1F74\u03B9", "\u1FC3": "\u03B7\u03B9",
    "\u1FC4": "\u03AE\u03B9", "\u1FC6": "\u03B7\u0342", "\u1FC7": "\u03B7\u0342\u03B9", "\u1FD2": "\u03B9\u0308\u0300",
    "\u1FD3": "\u03B9\u0308\u0301", "\u1FD6": "\u03B9\u0342", "\u1FD7": "\u03B9\u0308\u0342", "\u1FE2": "\u03C5\u0308\u0300",
    "\u1FE3": "\u03C5\u0308\u0301", "\u1FE4": "\u03C1\u0313", "\u1FE6": "\u03C5\u0342", "\u1FE7": "\u03C5\u0308\u0342",
    "\u1FF2": "\u1F7C\u03B9", "\u1FF3": "\u03C9\u03B9", "\u1FF4": "\u03CE\u03B9", "\u1FF6": "\u03C9\u0342", "\u1FF7": "\u03C9\u0342\u03B9",
    "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st",
    "\uFB13": "\u0574\u0576", "\uFB14": "\u0574\u0565", "\uFB15": "\u0574\u056B", "\uFB16": "\u057E\u0576", "\uFB17": "\u0574\u056D",
  };
  for (let c = 0xAB70; c <= 0xABBF; c++) FOLD[String.fromCharCode(c)] = String.fromCharCode(c - 0xAB70 + 0x13A0);
  for (let c = 0x13F8; c <= 0x13FD; c++) FOLD[String.fromCharCode(c)] = String.fromCharCode(c - 8);
  const FOLDED = new RegExp("[" + Object.keys(FOLD).join("") + "]", "g");
  const caseFold = (t) => t.toLowerCase().replace(FOLDED, (ch) => FOLD[ch]);
  // Unicode White_Space, spelled out as in grading.py (`\s` differs between the two).
  const WS = "\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
  const SPACES = new RegExp("[" + WS + "]+", "g");
  const EDGES = new RegExp("^[" + WS + "]+|[" + WS + ".!?,;:]+$", "g");

  function normaliseTextAnswer(text) {
    return caseFold(text.normalize("NFKC")).replace(SPACES, " ").replace(EDGES, "");
  }

  // JSON numbers only: true, "1" or 1.5 is not an option index.
  const isIndex = (v) => typeof v === "number" && Number.isInteger(v);

  function grade(item, answer) {
    if (!answer || typeof answer !== "object" || Array.isArray(answer)) return false;
    if (item.kind === "short_answer") {
      if (typeof answer.text !== "string") return false;
      const given = normaliseTextAnswer(answer.text);
      return given !== "" && item.accepted_answers.some((a) => normaliseTextAnswer(a) === given);
    }
    const c = answer.choices;
    if (!Array.isArray(c) || !c.length || !c.every(isIndex) || new Set(c).size !== c.length) return false;
    const k = new Set(item.correct);
    return c.length === k.size && c.every((v) => k.has(v));
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

  const api = { grade, normaliseTextAnswer, sessionView, syncView, todayView, progressView, playerView, newAttempt, applyAction, mergedProgress };
  if (typeof window !== "undefined") window.mmViews = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})();
