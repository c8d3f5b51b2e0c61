// Micromastery's spaced review on the phone, pure: the learner's cards as the server
// last sent them, with this phone's own answers since folded in exactly as the server
// folds them (mmapp/reviews/days.py: a day's first answer rates it, "Too easy" makes
// a right day Easy), so due dates are right in a tunnel; the next pull replaces them
// with the server's. Also the review session's state machine and the views. No DOM,
// no IndexedDB, no clock (`now` comes in). Loaded by a <script> tag (self.mmReviews)
// and by `bun test`.
// `device.reviews`: the server's cards (mmapp/schemas/reviews.py ReviewCardOut).
// `device.review_log`: this phone's answers not yet in a pull, in the order recorded:
// { event_id, type, item_id, nugget_id, at (ISO), right (null for "Too easy") }.
(() => {
  "use strict"; // i18n: not text
  const { t, nt } = self.mmI18n || require("./mm-i18n.js");
  const F = self.mmFsrs || require("./mm-fsrs.js");
  const { grade } = self.mmGrade || require("./mm-grade.js");
  const { REVIEW_SECONDS, dayIn, dayWords, mergedProgress } = self.mmProgress || require("./mm-progress.js");
  const { quizView } = self.mmPlayer || require("./mm-player.js");

  // About how long `n` reviews take (rounded up: "about 1 min" for one).
  const reviewMinutes = (n) => Math.ceil((n * REVIEW_SECONDS) / 60);
  const rating = (day) => (!day.right ? F.RATING.again : day.easy ? F.RATING.easy : F.RATING.good);
  const toFsrs = (s) =>
    s && {
      state: F.STATE.review,
      stability: s.stability,
      difficulty: s.difficulty,
      due: F.reviewTime(s.due_on),
      lastReview: F.reviewTime(s.last_review_on),
    };
  const review = (before, day) => {
    const card = F.reviewCard(toFsrs(before), rating(day), F.reviewTime(day.on));
    return {
      stability: card.stability,
      difficulty: card.difficulty,
      due_on: F.dateOf(card.due),
      last_review_on: F.dateOf(card.lastReview),
      reps: (before ? before.reps : 0) + 1,
    };
  };
  // The server's order within a day: earlier time first, then the event id.
  const earlier = (a, b) => {
    const [ta, tb] = [Date.parse(a.at), Date.parse(b.at)];
    return ta !== tb ? ta < tb : a.event < b.event;
  };

  // One local answer or mark (`entry`, on local date `on`) folded into `card`.
  function foldLocal(card, entry, on) {
    const mark = entry.type === "review_too_easy";
    const answer = { on, at: entry.at, event: entry.event_id, right: !!entry.right, easy: false };
    if (!card) {
      if (mark) return card; // a mark alone rates nothing
      return {
        item_id: entry.item_id,
        nugget_id: entry.nugget_id,
        state: review(null, answer),
        best_interval: 0,
        last_day: answer,
        prev: null,
      };
    }
    const last = card.last_day;
    if (on > last.on) {
      if (mark) return card;
      return { ...card, prev: card.state, last_day: answer, state: review(card.state, answer) };
    }
    if (on < last.on) return card; // an older day: the server places it on the next pull
    const day = { ...last };
    if (mark) day.easy = true;
    else if (earlier(answer, day))
      Object.assign(day, { at: answer.at, event: answer.event, right: answer.right });
    return { ...card, last_day: day, state: review(card.prev, day) };
  }

  // Every card now: the server's, with this phone's newer answers folded in.
  function cardsNow(device) {
    const tz = device.progress?.timezone || "UTC";
    const cards = new Map((device.reviews || []).map((c) => [c.item_id, c]));
    const log = (device.review_log || [])
      .map((e) => ({ e, on: dayIn(tz, new Date(e.at)) }))
      .sort((a, b) =>
        a.on !== b.on
          ? a.on < b.on
            ? -1
            : 1
          : earlier({ at: a.e.at, event: a.e.event_id }, { at: b.e.at, event: b.e.event_id })
            ? -1
            : 1,
      );
    for (const { e, on } of log) {
      const next = foldLocal(cards.get(e.item_id), e, on);
      if (next) cards.set(e.item_id, next);
    }
    return cards;
  }

  // Items due today or earlier, from nuggets done and still on the phone: the most
  // overdue first, then in the order the learner met them.
  function dueItems(device, now) {
    const progress = mergedProgress(device, now);
    const cards = cardsNow(device);
    const due = [];
    for (const nugget of device.nuggets || []) {
      if (!progress.completed[nugget.id]) continue;
      nugget.quiz.forEach((item, index) => {
        const card = cards.get(item.id);
        if (card && card.state.due_on <= progress.today) due.push({ card, item, nugget, index });
      });
    }
    return due.sort(
      (a, b) =>
        a.card.state.due_on.localeCompare(b.card.state.due_on) ||
        a.nugget.assignment.position - b.nugget.assignment.position ||
        a.index - b.index,
    );
  }

  // Reviews falling due on each of the next `days` local days after today ({ISO day:
  // count}), among the items a session can ask (done nuggets on the phone): the week
  // plan's `reviews_ahead`.
  function reviewsAhead(device, now, days = 6) {
    const progress = mergedProgress(device, now);
    const last = new Date(`${progress.today}T12:00:00Z`);
    last.setUTCDate(last.getUTCDate() + days);
    const end = last.toISOString().slice(0, 10);
    const cards = cardsNow(device);
    const ahead = {};
    for (const nugget of device.nuggets || []) {
      if (!progress.completed[nugget.id]) continue;
      for (const item of nugget.quiz) {
        const on = cards.get(item.id)?.state.due_on;
        if (on && on > progress.today && on <= end) ahead[on] = (ahead[on] || 0) + 1;
      }
    }
    return ahead;
  }

  // "in 3 days · Thu 3 Dec", from the learner's local `today` to a due date.
  function dueLabel(today, dueOn) {
    const days = Math.round((Date.parse(`${dueOn}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86400000);
    const date = dayWords(dueOn, "short");
    const when = days <= 0 ? t("today") : days === 1 ? t("tomorrow") : nt("in {n} day", "in {n} days", days);
    return `${when} · ${date}`;
  }

  // Today's line: how many reviews are due and about how long they take.
  function reviewSummary(device, now) {
    const due = dueItems(device, now).length;
    return {
      due,
      minutes: reviewMinutes(due),
      label: due
        ? nt("{n} review due · about {minutes} min", "{n} reviews due · about {minutes} min", due, {
            minutes: reviewMinutes(due),
          })
        : "",
    };
  }

  // --- the review session ----------------------------------------------------------
  // { day, queue: [item ids], index, selection, answers: { item id: { answer, correct, easy } } }
  const newSession = (device, now) => ({
    day: mergedProgress(device, now).today,
    queue: dueItems(device, now).map((d) => d.item.id),
    index: 0,
    selection: [],
    answers: {},
  });

  // Where each queued item lives on the phone now: { item, nugget } by item id.
  function itemsOnPhone(device) {
    const found = {};
    for (const nugget of device.nuggets || [])
      for (const item of nugget.quiz) found[item.id] = { item, nugget };
    return found;
  }

  // `session` without the items still ahead of the learner that are no longer on the
  // phone (their nugget was withdrawn); those behind stay for the summary.
  function keepOnPhone(device, session) {
    const found = itemsOnPhone(device);
    return { ...session, queue: session.queue.filter((id, i) => i < session.index || found[id]) };
  }

  // Apply one tap to `session` (mutated); returns the events to record, each with
  // the nugget it is about.
  function applyReview(device, session, action, arg) {
    const events = [];
    const found = itemsOnPhone(device)[session.queue[session.index]];
    const item = found?.item;
    const answered = item && session.answers[item.id];
    if (action === "choose" && item && !answered) {
      const sel = session.selection;
      if (item.kind === "multiple_choice")
        session.selection = sel.includes(arg) ? sel.filter((x) => x !== arg) : sel.concat([arg]);
      else session.selection = [arg];
    } else if (action === "check" && item && !answered) {
      const answer =
        item.kind === "short_answer"
          ? { text: String(arg || "").slice(0, 500) }
          : { choices: session.selection.slice() };
      if (item.kind === "short_answer" ? !answer.text.trim() : !answer.choices.length) return { events };
      const correct = grade(item, answer);
      session.answers[item.id] = { answer, correct, easy: false };
      events.push({
        type: "review_answered",
        nugget: found.nugget,
        payload: { item_id: item.id, answer, correct },
      });
    } else if (action === "too_easy" && answered && answered.correct && !answered.easy) {
      answered.easy = true;
      events.push({ type: "review_too_easy", nugget: found.nugget, payload: { item_id: item.id } });
    } else if (action === "next" && (answered || !item)) {
      session.selection = [];
      session.index = Math.min(session.index + 1, session.queue.length);
    }
    return { events };
  }

  const NO_REVIEW = {
    loaded: true,
    active: false,
    finished: false,
    number: 0,
    total: 0,
    nugget_title: "",
    can_mark_easy: false,
    marked_easy: false,
    summary: "",
    next_due: [],
    next_review: "",
  };

  // The review page: the item on screen, or the summary once the queue is done.
  function reviewView(device, session, now) {
    const cards = cardsNow(device);
    const today = mergedProgress(device, now).today;
    const upcoming = [...cards.values()]
      .map((c) => c.state.due_on)
      .filter((d) => d > today)
      .sort();
    const nextReview = upcoming.length ? t("Next review {when}", { when: dueLabel(today, upcoming[0]) }) : "";
    const quizOf = (item) =>
      quizView(
        { quiz: [item] },
        {
          quiz_index: 0,
          answers: session ? session.answers : {},
          selection: session ? session.selection : [],
        },
      );
    if (!session?.queue.length) return { ...NO_REVIEW, next_review: nextReview, quiz: quizOf(null) };
    const found = itemsOnPhone(device);
    if (session.index >= session.queue.length) {
      const done = session.queue.filter((id) => session.answers[id]);
      const right = done.filter((id) => session.answers[id].correct).length;
      return {
        ...NO_REVIEW,
        finished: true,
        total: session.queue.length,
        summary: nt("{n} review done · {right} right", "{n} reviews done · {right} right", done.length, {
          right,
        }),
        next_due: done
          .filter((id) => found[id] && cards.get(id))
          .map((id) => ({
            id,
            prompt: found[id].item.prompt,
            when: dueLabel(today, cards.get(id).state.due_on),
          })),
        next_review: nextReview,
        quiz: quizOf(null),
      };
    }
    const { item, nugget } = found[session.queue[session.index]] || {};
    const answer = item && session.answers[item.id];
    const quiz = quizOf(item || null);
    return {
      ...NO_REVIEW,
      active: true,
      number: session.index + 1,
      total: session.queue.length,
      nugget_title: nugget ? nugget.title : "",
      can_mark_easy: !!(answer?.correct && !answer.easy),
      marked_easy: !!answer?.easy,
      next_review: nextReview,
      quiz: {
        ...quiz,
        index: session.index,
        number: session.index + 1,
        total: session.queue.length,
        is_last: session.index + 1 >= session.queue.length,
      },
    };
  }

  const api = {
    reviewsAhead,
    reviewMinutes,
    foldLocal,
    cardsNow,
    dueItems,
    dueLabel,
    reviewSummary,
    newSession,
    keepOnPhone,
    applyReview,
    reviewView,
  };
  if (typeof self !== "undefined") self.mmReviews = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
