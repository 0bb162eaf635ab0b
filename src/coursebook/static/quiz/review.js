/* Spaced review of "Bone Metastases: an interactive course": the scheduler (no DOM, no storage).
 *
 * Loaded only on the review page, after the vendored ts-fsrs 5.4.2 (FSRS-6; UMD build, global
 * `FSRS`; assets/vendor/ts-fsrs@5.4.2, see MANIFEST.md) and before quiz.js, which keeps the cards
 * with the learner's progress (localStorage, export, import) and draws the page. No network.
 *
 * Parameters: ts-fsrs's defaults (FSRS-6 weights, requested retention 0.9) with short-term
 * learning steps off (a course quiz is reviewed at most daily, so intervals are whole days) and
 * interval fuzz off (the same answers give the same schedule in every browser and in the tests).
 *
 * Rating of an answer (documented on the review page, chapters/review.md):
 *   wrong                          -> Again  (due again after 1 day for a new card)
 *   right, confidence 1 (low)      -> Hard
 *   right, confidence 2 or none    -> Good
 *   right, confidence 3 (high)     -> Easy
 * A card is made from the learner's FIRST answer to an item, at the time it was given, so it does
 * not depend on when the review page is opened. A card for an answer whose first attempt is unknown
 * (saved by version 1 of the quiz after several attempts) is made from the latest answer, rated at
 * most Hard (it took more than one try). A review on the review page rates that review's answer;
 * re-tries on a chapter's quiz are practice and leave the schedule alone.
 */
(function () {
  "use strict";

  var F = window.FSRS;
  if (!F || typeof F.fsrs !== "function" || typeof F.createEmptyCard !== "function") return;

  var PARAMS = { enable_fuzz: false, enable_short_term: false };
  var scheduler = F.fsrs(PARAMS);
  var RATINGS = { again: F.Rating.Again, hard: F.Rating.Hard, good: F.Rating.Good, easy: F.Rating.Easy };
  var NAMES = {};
  NAMES[F.Rating.Again] = "Again";
  NAMES[F.Rating.Hard] = "Hard";
  NAMES[F.Rating.Good] = "Good";
  NAMES[F.Rating.Easy] = "Easy";

  /* The FSRS rating of an answer: right or wrong, and the confidence given (1, 2, 3 or null). */
  function rating(correct, confidence) {
    if (!correct) return RATINGS.again;
    if (confidence === 1) return RATINGS.hard;
    if (confidence === 3) return RATINGS.easy;
    return RATINGS.good;
  }

  /* A card's fields, its two dates converted by `date` (absent last_review: `none`). */
  function cardWith(c, date, none) {
    return {
      due: date(c.due),
      stability: c.stability,
      difficulty: c.difficulty,
      elapsed_days: c.elapsed_days,
      scheduled_days: c.scheduled_days,
      learning_steps: c.learning_steps,
      reps: c.reps,
      lapses: c.lapses,
      state: c.state,
      last_review: c.last_review ? date(c.last_review) : none
    };
  }

  /* A stored card (due and last_review as ISO text) -> a ts-fsrs card (Dates). */
  function toFsrs(c) {
    return cardWith(c, function (d) { return new Date(d); }, undefined);
  }

  function toStored(c) {
    return cardWith(c, function (d) { return new Date(d).toISOString(); }, null);
  }

  /* The card after an answer rated `r` at time `when` (Date); `card` null for a new card. */
  function schedule(card, r, when) {
    var base = card ? toFsrs(card) : F.createEmptyCard(when);
    // a review dated before the card's last review (clock changed) is taken as given now
    if (base.last_review && when < base.last_review) when = new Date(base.last_review.getTime());
    return toStored(scheduler.next(base, when, r).card);
  }

  window.bonemetsReview = {
    version: F.FSRSVersion || "ts-fsrs",
    params: PARAMS,
    ratings: RATINGS,
    ratingName: function (r) { return NAMES[r] || String(r); },
    rating: rating,
    schedule: schedule
  };
})();
