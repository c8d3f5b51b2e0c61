// Spaced review on the phone (assets/js/mm-reviews.js): the server's cards with this
// phone's newer answers folded in as the server folds them (mmapp/reviews/days.py),
// the due list, Today's line and the review session.
import { describe, expect, test } from "bun:test";

const fsrs = require("../../assets/js/mm-fsrs.js");
const reviews = require("../../assets/js/mm-reviews.js");
const views = require("../../assets/js/mm-views.js");
const { NOW, device, nugget, reviewCard } = require("./fixtures.js");

const G = fsrs.RATING;
// What py-fsrs gives for these (local date, rating) reviews (held to it by the golden file).
function replayed(reviewsByDay) {
  const states = [];
  let card = null;
  for (const [on, rating] of reviewsByDay) {
    card = fsrs.reviewCard(card, rating, fsrs.reviewTime(on));
    states.push({
      stability: card.stability,
      difficulty: card.difficulty,
      due_on: fsrs.dateOf(card.due),
      last_review_on: on,
      reps: states.length + 1,
    });
  }
  return states;
}
const entry = (item, at, right, over = {}) => ({
  event_id: `ev-${at}`,
  type: "review_answered",
  item_id: item,
  nugget_id: item.split("-")[0],
  at,
  right,
  ...over,
});

describe("cards with this phone's answers folded in", () => {
  test("a first answer makes a card, as a replay would", () => {
    const d = device({
      review_log: [entry("a-q1", "2026-03-09T07:00:00.000Z", true, { type: "quiz_answered" })],
    });
    const card = reviews.cardsNow(d).get("a-q1");
    expect(card.state).toEqual(replayed([["2026-03-09", G.good]])[0]);
    expect(card.last_day.right).toBe(true);
  });

  test("a later day builds on the server's card; the previous state is kept", () => {
    const server = replayed([["2026-03-01", G.good]])[0];
    const d = device({
      reviews: [reviewCard("a-q1", server.due_on, { state: server, lastOn: "2026-03-01" })],
      review_log: [entry("a-q1", "2026-03-10T07:00:00.000Z", false)],
    });
    const card = reviews.cardsNow(d).get("a-q1");
    expect(card.prev).toEqual(server);
    expect(card.state).toEqual(
      replayed([
        ["2026-03-01", G.good],
        ["2026-03-10", G.again],
      ])[1],
    );
  });

  test("the same day: an earlier answer from this phone rates the day again, from the state before", () => {
    const [first, second] = replayed([
      ["2026-03-01", G.good],
      ["2026-03-10", G.good],
    ]);
    const server = reviewCard("a-q1", second.due_on, {
      state: second,
      prev: first,
      lastOn: "2026-03-10",
      last_day: {
        on: "2026-03-10",
        at: "2026-03-10T09:00:00.000000+00:00",
        event: "zz",
        right: true,
        easy: false,
      },
    });
    // This phone answered wrong at 08:00 Berlin (07:00 UTC), offline: it came first.
    const d = device({ reviews: [server], review_log: [entry("a-q1", "2026-03-10T07:00:00.000Z", false)] });
    const card = reviews.cardsNow(d).get("a-q1");
    expect(card.last_day.right).toBe(false);
    expect(card.state).toEqual(
      replayed([
        ["2026-03-01", G.good],
        ["2026-03-10", G.again],
      ])[1],
    );
    // A later wrong answer that day changes nothing; "Too easy" then makes the day Easy.
    const later = device({
      reviews: [server],
      review_log: [entry("a-q1", "2026-03-10T10:00:00.000Z", false)],
    });
    expect(reviews.cardsNow(later).get("a-q1").state).toEqual(second);
    const marked = device({
      reviews: [server],
      review_log: [entry("a-q1", "2026-03-10T10:00:05.000Z", null, { type: "review_too_easy" })],
    });
    expect(reviews.cardsNow(marked).get("a-q1").state).toEqual(
      replayed([
        ["2026-03-01", G.good],
        ["2026-03-10", G.easy],
      ])[1],
    );
  });

  test("'Too easy' on a right day makes it Easy: the item comes back later", () => {
    const d = device({
      review_log: [
        entry("a-q1", "2026-03-09T07:00:00.000Z", true),
        entry("a-q1", "2026-03-09T07:00:09.000Z", null, { type: "review_too_easy" }),
      ],
    });
    const card = reviews.cardsNow(d).get("a-q1");
    expect(card.state).toEqual(replayed([["2026-03-09", G.easy]])[0]);
    expect(card.state.due_on > replayed([["2026-03-09", G.good]])[0].due_on).toBe(true);
  });

  test("an answer older than the server's last day waits for the server", () => {
    const server = reviewCard("a-q1", "2026-03-12", { lastOn: "2026-03-09" });
    const d = device({ reviews: [server], review_log: [entry("a-q1", "2026-03-05T07:00:00.000Z", false)] });
    expect(reviews.cardsNow(d).get("a-q1")).toEqual(server);
  });
});

describe("what is due, and Today's line", () => {
  const d = device({
    reviews: [
      reviewCard("a-q1", "2026-03-09"),
      reviewCard("a-q2", "2026-03-10"),
      reviewCard("b-q1", "2026-03-09"),
    ],
  });

  test("only items of finished nuggets, due today (Berlin) or before, the most overdue first", () => {
    expect(reviews.dueItems(d, NOW).map((x) => x.item.id)).toEqual(["a-q1", "a-q2"]);
    expect(reviews.reviewSummary(d, NOW)).toEqual({
      due: 2,
      minutes: 1,
      label: "2 reviews due · about 1 min",
    });
  });

  test("Today shows the line, and with minutes to spare the reviews go first", () => {
    const all = views.todayView(d, null, NOW);
    expect([all.reviews_due, all.reviews_label]).toEqual([2, "2 reviews due · about 1 min"]);
    const ten = views.todayView(d, 10, NOW);
    expect(ten.fit).toBe("2 reviews · 1 of your 10 minutes");
    const fifteen = views.todayView(d, 15, NOW);
    expect(fifteen.fit).toBe("2 reviews + 1 nugget · 11 of your 15 minutes");
  });

  test("with minutes chosen, reviews get at most 40 % of them", () => {
    // 20 due items; 5 minutes give reviews 120 s: 4 of them.
    const many = Array.from({ length: 20 }, (_, i) => reviewCard(`a-q${i}`, "2026-03-09"));
    const quiz = many.map((c) => ({ ...nugget("a").quiz[0], id: c.item_id }));
    const dd = device({ reviews: many });
    dd.nuggets[0] = { ...dd.nuggets[0], quiz };
    expect(views.todayView(dd, null, NOW).reviews_label).toBe("20 reviews due · about 10 min");
    const five = views.todayView(dd, 5, NOW);
    expect([five.reviews_due, five.reviews_label]).toEqual([4, "4 of 20 reviews due · about 2 min"]);
    expect(five.fit).toBe("4 reviews · 2 of your 5 minutes");
  });
});

describe("the review session", () => {
  test("asks each due item once, records answers and 'Too easy', then says when they come back", () => {
    const d = device({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-10")] });
    const s = reviews.newSession(d, NOW);
    expect(s.queue).toEqual(["a-q1", "a-q2"]);
    let view = reviews.reviewView(d, s, NOW);
    expect([view.active, view.number, view.total, view.quiz.prompt, view.quiz.answered]).toEqual([
      true,
      1,
      2,
      "Which one?",
      false,
    ]);
    reviews.applyReview(d, s, "choose", 0);
    const wrong = reviews.applyReview(d, s, "check");
    expect(wrong.events.map((e) => [e.type, e.payload.correct])).toEqual([["review_answered", false]]);
    view = reviews.reviewView(d, s, NOW);
    expect([view.quiz.feedback, view.can_mark_easy]).toEqual(["Not quite.", false]);
    expect(reviews.applyReview(d, s, "too_easy").events).toEqual([]); // only after a right answer
    expect(reviews.applyReview(d, s, "check").events).toEqual([]); // answered once
    reviews.applyReview(d, s, "next");
    const right = reviews.applyReview(d, s, "check", "  STRASSE ");
    expect(right.events[0].payload).toEqual({
      item_id: "a-q2",
      answer: { text: "  STRASSE " },
      correct: true,
    });
    expect(reviews.reviewView(d, s, NOW).can_mark_easy).toBe(true);
    expect(reviews.applyReview(d, s, "too_easy").events.map((e) => e.type)).toEqual(["review_too_easy"]);
    reviews.applyReview(d, s, "next");
    // The phone logs what it recorded; the summary reads the cards with them folded in.
    const logged = device({
      reviews: d.reviews,
      review_log: [
        entry("a-q1", "2026-03-10T08:00:00.000Z", false),
        entry("a-q2", "2026-03-10T08:01:00.000Z", true),
        entry("a-q2", "2026-03-10T08:01:05.000Z", null, { type: "review_too_easy" }),
      ],
    });
    view = reviews.reviewView(logged, s, NOW);
    expect([view.finished, view.summary]).toEqual([true, "2 reviews done · 1 right"]);
    expect(view.next_due.map((x) => x.id)).toEqual(["a-q1", "a-q2"]);
    expect(view.next_due[0].when).toBe("tomorrow · Wed 11 Mar");
    expect(reviews.dueItems(logged, NOW)).toEqual([]);
  });

  test("an item whose nugget left the phone mid-session is skipped, answered ones stay", () => {
    const d = device({ reviews: [reviewCard("a-q1", "2026-03-09"), reviewCard("a-q2", "2026-03-10")] });
    const s = reviews.newSession(d, NOW);
    reviews.applyReview(d, s, "choose", 1);
    reviews.applyReview(d, s, "check");
    reviews.applyReview(d, s, "next");
    const withdrawn = {
      ...d,
      nuggets: d.nuggets.map((n) => (n.id === "a" ? { ...n, quiz: [n.quiz[0]] } : n)),
    };
    const kept = reviews.keepOnPhone(withdrawn, s);
    expect(kept.queue).toEqual(["a-q1"]);
    expect(reviews.reviewView(withdrawn, kept, NOW).finished).toBe(true);
  });

  test("with nothing due it says when the next review is", () => {
    const d = device({ reviews: [reviewCard("a-q1", "2026-03-13")] });
    const view = reviews.reviewView(d, reviews.newSession(d, NOW), NOW);
    expect([view.active, view.finished, view.next_review]).toEqual([
      false,
      false,
      "Next review in 3 days · Fri 13 Mar",
    ]);
  });
});
