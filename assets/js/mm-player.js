// Micromastery's nugget player, pure: the attempt's state machine (context, way in,
// practice steps, payoff, quiz with instant feedback, done) and the view the nugget
// page renders from it. Actions change the attempt and return the learner events to
// record; nothing here touches the DOM, IndexedDB or the clock (`now` comes in).
// Loaded by a <script> tag (window.mmPlayer) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  const { t, nt } = self.mmI18n || require("./mm-i18n.js");
  const { grade } = self.mmGrade || require("./mm-grade.js");
  const { mergedProgress } = self.mmProgress || require("./mm-progress.js");
  const PHASES = ["context", "way_in", "practice", "payoff", "quiz", "done"];
  const LABELS = () => ({
    context: t("Context"),
    way_in: t("Way in"),
    practice: t("Purposeful practice"),
    payoff: t("Payoff"),
    quiz: t("Quiz"),
    done: t("Done"),
  });

  function newAttempt(nugget, now) {
    return {
      nugget_id: nugget.id,
      version: nugget.version,
      minutes: nugget.minutes,
      phase: "context",
      steps: nugget.practice_steps.map(() => false),
      steps_logged: [],
      quiz_index: 0,
      selection: [],
      answers: {},
      completed_at: null,
      started_at: now.toISOString(),
    };
  }

  // Apply one player action to `attempt` (mutated); returns the events to record.
  function applyAction(nugget, attempt, action, arg, now) {
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
      if (item.kind === "multiple_choice")
        attempt.selection = sel.includes(arg) ? sel.filter((x) => x !== arg) : sel.concat([arg]);
      else attempt.selection = [arg];
    } else if (action === "check" && item && !answered) {
      const answer =
        item.kind === "short_answer"
          ? { text: String(arg || "").slice(0, 500) }
          : { choices: attempt.selection.slice() };
      if (item.kind === "short_answer" ? !answer.text.trim() : !answer.choices.length) return { events };
      const correct = grade(item, answer);
      attempt.answers[item.id] = { answer, correct };
      events.push({ type: "quiz_answered", payload: { item_id: item.id, answer, correct } });
    } else if (action === "next_item" && answered) {
      attempt.selection = [];
      if (attempt.quiz_index + 1 < nugget.quiz.length) attempt.quiz_index += 1;
      else if (!attempt.completed_at) {
        attempt.phase = "done";
        attempt.completed_at = now.toISOString();
        events.push({ type: "nugget_completed", payload: {} });
      }
    }
    return { events };
  }

  const HINTS = () => ({
    multiple_choice: t("Pick all that apply."),
    short_answer: t("Type a short answer."),
  });
  const NO_QUIZ = {
    index: 0,
    number: 0,
    total: 0,
    kind: "",
    prompt: "",
    options: [],
    answered: false,
    correct: false,
    text: "",
    hint: "",
    feedback: "",
    accepted: "",
    explanation: "",
    can_check: false,
    is_last: false,
  };

  function quizView(nugget, attempt) {
    const item = nugget.quiz[attempt.quiz_index];
    if (!item) return { ...NO_QUIZ, total: nugget.quiz.length };
    const ans = attempt.answers[item.id];
    const chosen = ans ? ans.answer.choices || [] : attempt.selection;
    const options = item.options.map((text, i) => {
      let state = chosen.includes(i) ? "selected" : "idle";
      if (ans) state = item.correct.includes(i) ? "correct" : chosen.includes(i) ? "wrong" : "idle";
      return { i, text, state, selected: chosen.includes(i) };
    });
    const missed = item.kind === "short_answer" && ans && !ans.correct;
    return {
      index: attempt.quiz_index,
      number: attempt.quiz_index + 1,
      total: nugget.quiz.length,
      kind: item.kind,
      prompt: item.prompt,
      options,
      answered: !!ans,
      correct: !!ans?.correct,
      text: ans?.answer.text || "",
      hint: HINTS()[item.kind] || t("Pick one."),
      feedback: ans ? (ans.correct ? t("Right!") : t("Not quite.")) : "",
      accepted: missed
        ? t("Accepted: {answers}", { answers: item.accepted_answers.slice(0, 3).join(", ") })
        : "",
      explanation: ans ? item.explanation_html || "" : "",
      can_check: !ans && (item.kind === "short_answer" || attempt.selection.length > 0),
      is_last: attempt.quiz_index + 1 >= nugget.quiz.length,
    };
  }

  const NO_DONE = { minutes: 0, streak: 0, streak_label: "", score: "", skill_label: "", skill_pct: 0 };
  const NO_NUGGET = {
    id: "",
    title: "",
    minutes: 0,
    skill: "",
    phase: "",
    phase_label: "",
    phase_number: 0,
    progress_pct: 0,
    context: "",
    way_in: "",
    payoff: "",
    steps: [],
    steps_left: 0,
    quiz: NO_QUIZ,
    done: NO_DONE,
  };

  // The nugget page for nugget `id`, from a read of the device, at `now`.
  function playerView(device, id, now) {
    const nugget = id && (device.nuggets || []).find((n) => n.id === id);
    if (!nugget) return { loaded: true, missing: true, ...NO_NUGGET };
    const stored = (device.attempts || []).find((a) => a.nugget_id === id);
    const attempt = stored && stored.version === nugget.version ? stored : newAttempt(nugget, now);
    const p = mergedProgress(device, now);
    const skill = nugget.skill && p.skills.find((s) => s.slug === nugget.skill.slug);
    const results = Object.values(attempt.answers);
    const i = PHASES.indexOf(attempt.phase);
    return {
      loaded: true,
      missing: false,
      id: nugget.id,
      title: nugget.title,
      minutes: nugget.minutes,
      skill: nugget.skill ? nugget.skill.name : "",
      phase: attempt.phase,
      phase_label: LABELS()[attempt.phase],
      phase_number: Math.min(i + 1, 5),
      progress_pct: Math.round((100 * Math.min(i, 5)) / 5),
      // Sanitised on the server (nh3); inserted as HTML by the nugget page.
      context: nugget.context_html || "",
      way_in: nugget.way_in_html || "",
      payoff: nugget.payoff_html || "",
      steps: nugget.practice_steps.map((text, n) => ({
        n,
        text,
        done: !!attempt.steps[n],
        label: t("Step {n}", { n: n + 1 }),
      })),
      steps_left: attempt.steps.filter((d) => !d).length,
      quiz: quizView(nugget, attempt),
      done: {
        minutes: nugget.minutes,
        streak: p.streak,
        // The streak once today's goal is met; until then, what today adds up to.
        streak_label: p.goal_met_today
          ? nt("{n} day in a row", "{n} days in a row", p.streak)
          : t("{today} of {goal} min today", { today: p.today_minutes, goal: p.goal_minutes }),
        score: t("{right} of {total} right first time", {
          right: results.filter((r) => r.correct).length,
          total: nugget.quiz.length,
        }),
        skill_label: skill
          ? t("{skill}: {done} of {total} nuggets", {
              skill: skill.name,
              done: skill.done,
              total: skill.total,
            })
          : "",
        skill_pct: skill?.total ? Math.round((100 * skill.done) / skill.total) : 0,
      },
    };
  }

  const api = { PHASES, newAttempt, applyAction, quizView, playerView };
  if (typeof self !== "undefined") self.mmPlayer = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
