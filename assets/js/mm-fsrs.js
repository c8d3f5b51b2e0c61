// Micromastery's review scheduler on the phone: a port of py-fsrs 6.x
// `Scheduler.review_card` for the app's one configuration (mmapp/reviews/scheduler.py:
// default FSRS-6 parameters, desired retention 0.9, no learning or relearning steps, no
// fuzz, intervals of at most 365 days). With no steps every review leaves the card in the
// Review state, so the port needs only the stability and difficulty formulas, py-fsrs's
// whole-24-hour elapsed days (`timedelta.days`) and its round-half-even intervals.
// tests/fixtures/fsrs_golden.json (py-fsrs, scripts/make_fsrs_golden.py) holds the two
// together (tests/js/fsrs.test.js). Not ts-fsrs: it counts days and rounds differently.
// The server's schedule wins on the next pull; this copy gives the provisional one
// offline. Pure: loaded by a <script> tag (self.mmFsrs) and by `bun test`.
(() => {
  "use strict"; // i18n: not text
  // py-fsrs DEFAULT_PARAMETERS (FSRS-6).
  const W = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
    0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
  ];
  const DESIRED_RETENTION = 0.9;
  const MAXIMUM_INTERVAL = 365;
  const STABILITY_MIN = 0.001;
  const DAY_MS = 86400000;
  const RATING = { again: 1, hard: 2, good: 3, easy: 4 };
  const STATE = { learning: 1, review: 2, relearning: 3 };
  const DECAY = -W[20];
  const FACTOR = 0.9 ** (1 / DECAY) - 1;
  // Python's `math.e ** x`, spelled the same way so both call pow() on the same numbers.
  const exp = (x) => Math.E ** x;

  // Python's round() on a float: to the nearest integer, ties to even (2.5 -> 2).
  function roundHalfEven(x) {
    const floor = Math.floor(x);
    const rest = x - floor; // exact for doubles
    if (rest !== 0.5) return rest < 0.5 ? floor : floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  const clampStability = (s) => Math.max(s, STABILITY_MIN);
  const clampDifficulty = (d) => Math.min(Math.max(d, 1), 10);
  const initialStability = (g) => clampStability(W[g - 1]);
  const initialDifficulty = (g) => W[4] - exp(W[5] * (g - 1)) + 1;

  function nextInterval(stability) {
    const days = roundHalfEven((stability / FACTOR) * (DESIRED_RETENTION ** (1 / DECAY) - 1));
    return Math.min(Math.max(days, 1), MAXIMUM_INTERVAL);
  }

  function nextDifficulty(d, g) {
    const delta = -(W[6] * (g - 3));
    const damped = d + ((10 - d) * delta) / 9;
    return clampDifficulty(W[7] * initialDifficulty(4) + (1 - W[7]) * damped);
  }

  function shortTermStability(s, g) {
    let increase = exp(W[17] * (g - 3 + W[18])) * s ** -W[19];
    if (g >= RATING.hard) increase = Math.max(increase, 1);
    return clampStability(s * increase);
  }

  function nextStability(d, s, r, g) {
    if (g === RATING.again) {
      const longTerm = W[11] * d ** -W[12] * ((s + 1) ** W[13] - 1) * exp((1 - r) * W[14]);
      return clampStability(Math.min(longTerm, s / exp(W[17] * W[18])));
    }
    const hardPenalty = g === RATING.hard ? W[15] : 1;
    const easyBonus = g === RATING.easy ? W[16] : 1;
    return clampStability(
      s * (1 + exp(W[8]) * (11 - d) * s ** -W[9] * (exp((1 - r) * W[10]) - 1) * hardPenalty * easyBonus),
    );
  }

  // Whole 24-hour periods between two instants, like Python's timedelta.days.
  const elapsedDays = (from, to) => Math.floor((to - from) / DAY_MS);

  // `Scheduler.get_card_retrievability`: predicted recall at `at` (ms), 0 if never reviewed.
  function retrievability(card, at) {
    if (!card || card.lastReview == null || card.stability == null) return 0;
    const days = Math.max(0, elapsedDays(card.lastReview, at));
    return (1 + (FACTOR * days) / card.stability) ** DECAY;
  }

  // `Scheduler.review_card`. card: null (never reviewed) or { state, stability,
  // difficulty, due, lastReview } with instants in ms since the epoch (UTC); rating
  // 1..4; at: the review's instant in ms. Returns the new card; the old one is kept.
  function reviewCard(card, rating, at) {
    if (![1, 2, 3, 4].includes(rating)) throw new RangeError(`unknown rating: ${rating}`); // i18n: not text
    let stability;
    let difficulty;
    if (!card || card.stability == null || card.difficulty == null) {
      stability = initialStability(rating);
      difficulty = clampDifficulty(initialDifficulty(rating));
    } else {
      const days = card.lastReview == null ? null : elapsedDays(card.lastReview, at);
      stability =
        days !== null && days < 1
          ? shortTermStability(card.stability, rating)
          : nextStability(card.difficulty, card.stability, retrievability(card, at), rating);
      difficulty = nextDifficulty(card.difficulty, rating);
    }
    const due = at + nextInterval(stability) * DAY_MS;
    return { state: STATE.review, stability, difficulty, due, lastReview: at };
  }

  // The app's quantisation (mmapp.reviews.scheduler.review_datetime): a review on a
  // local date "YYYY-MM-DD" counts at noon UTC of that date.
  function reviewTime(localDate) {
    const at = Date.parse(`${localDate}T12:00:00Z`);
    if (Number.isNaN(at)) throw new RangeError(`not a date: ${localDate}`); // i18n: not text
    return at;
  }

  // The date "YYYY-MM-DD" of an instant in UTC: a quantised due date or last review.
  const dateOf = (at) => new Date(at).toISOString().slice(0, 10);

  // One card replayed from [localDate, rating] pairs (dates not decreasing), or null.
  function replay(reviews) {
    let card = null;
    for (const [localDate, rating] of reviews) {
      const at = reviewTime(localDate);
      if (card && at < card.lastReview) throw new RangeError(`review on ${localDate} goes back in time`); // i18n: not text
      card = reviewCard(card, rating, at);
    }
    return card;
  }

  const api = {
    DECAY,
    FACTOR,
    MAXIMUM_INTERVAL,
    RATING,
    STATE,
    W,
    dateOf,
    nextInterval,
    replay,
    retrievability,
    reviewCard,
    reviewTime,
    roundHalfEven,
  };
  if (typeof self !== "undefined") self.mmFsrs = api;
  if (typeof module === "object" && module?.exports) module.exports = api;
})();
