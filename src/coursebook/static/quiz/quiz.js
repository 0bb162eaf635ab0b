/* Self-assessment quiz of "Bone Metastases: an interactive course" (static site, no kernel).
 *
 * Each quiz is a <div class="bm-quiz" data-bank="ID"> followed by its bank, embedded at build time
 * as <script type="application/json" id="ID">. The bank's stems, options, explanations and
 * citations are HTML rendered at BUILD time by bonemets.quiz.build (Markdown with raw HTML
 * escaped); nothing typed by a learner or read from an imported file is ever inserted as HTML.
 * A root with `data-review` is the spaced-review page (chapters/review.md): it shows the items due
 * now, scheduled by FSRS (review.js over the vendored ts-fsrs), and the next due dates.
 *
 * Honest scoring: the FIRST answer to an item is what counts, in every score and in the export.
 * Later checks of the same item are practice: they are saved and shown ("first answer: wrong;
 * practised: correct") but never change the score, so choosing the revealed answer after a wrong
 * answer never counts as correct. Optional confidence-based marking (Gardner-Medwin's LAPT scheme:
 * confidence 1/2/3; right +1/+2/+3, wrong 0/-2/-6), chosen before the first answer is checked.
 * Options of an item marked `ordered` (a scale) are shown in authored order, never shuffled.
 *
 * Progress lives in localStorage ("bonemets-quiz:v2", format version 2): a per-learner seed (which
 * fixes the option order), settings (confidence-based marking on or off), per item the latest
 * answer, the number of checks and the first answer (response, right or wrong, confidence, time),
 * and per item the FSRS card of the spaced review. Export (JSON, CSV) and import restore it
 * elsewhere; the Jupyter quiz (src/widgets/quiz.py) reads and writes the same format. Version 1
 * (key "bonemets-quiz:v1", and v1 export files) is migrated: every answer kept; a v1 answer given
 * at the first attempt is its first answer; after several attempts the first answer is unknown
 * and the answer is kept as practice (the learner is told). No network, no external script.
 *
 * Progress is never lost:
 *  - every write re-reads the stored state and changes only the items it means to change, so two
 *    tabs never overwrite each other; a `storage` event from another tab updates the items it
 *    changed without touching text being typed;
 *  - import MERGES (per item: the newer latest answer, the earlier first answer, the card reviewed
 *    last) after a panel shows what will change, and can be undone; reset can be undone too;
 *  - before an import, a reset or a migration the previous state is copied to one backup key
 *    ("bonemets-quiz:backup");
 *  - a stored state of another version or shape is migrated (every valid answer kept), never wiped;
 *  - every answer and card read from storage or from a file is checked against its item (kind,
 *    keys, size, numbers in range) and ignored, with a message, if malformed; grading never sees
 *    anything but strings;
 *  - storage full or blocked is shown to the learner with a prompt to export.
 */
(function () {
  "use strict";

  var KEY = "bonemets-quiz:v2";
  var OLD_KEY = "bonemets-quiz:v1"; // version 1: read once, migrated, left as it was
  var BACKUP_KEY = "bonemets-quiz:backup";
  var VERSION = 2;
  var FORMAT = "bonemets-quiz-results";
  var ID_RE = /^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$/;
  var KEY_RE = /^[a-z0-9][a-z0-9_]*$/;
  var TYPES = ["single", "multiple", "numeric"];
  // Confidence-based marking (Gardner-Medwin, LAPT): marks for a right / wrong answer at each
  // confidence level 1, 2, 3 (index 0 unused).
  // Confidence-based marks (Gardner-Medwin's LAPT scheme) come from the engine with every bank
  // (bonemets.quiz.cbm, as "cbm": {right: [...], wrong: [...]} indexed by confidence 1-3).
  // Size caps for anything read from storage or a file.
  var MAX_FILE = 2000000; // characters
  var MAX_ANSWERS = 5000;
  var MAX_TEXT = 40; // a typed numeric answer
  var MAX_KEYS = 26; // options of one item
  var MAX_COLUMNS = 32; // cells in one row of a CSV results file
  var MAX_DAYS = 36500; // FSRS's maximum interval (days): bounds of a card's numbers
  // The course's number grammar comes from the engine (bonemets/inputs.py), embedded with every
  // bank as `number_syntax` (src/coursebook/quiz.py); nothing of it is written here.
  var quizzes = [];
  var storageProblem = null; // null | "blocked" | "full"
  var notice = null; // a message about stored progress, shown once on every quiz
  var keepStored = false; // unreadable progress that could not be copied: never overwrite it

  // ------------------------------------------------------------------ storage

  function store() {
    try {
      // The getter itself throws SecurityError when storage is blocked; the course layout then
      // puts a stand-in marked `bonemetsBlocked` in its place (src/coursebook/templates).
      var ls = window.localStorage;
      return ls && !ls.bonemetsBlocked ? ls : null;
    } catch (e) {
      return null;
    }
  }

  function newSeed() {
    try {
      var a = new Uint32Array(1);
      window.crypto.getRandomValues(a);
      return a[0] >>> 0;
    } catch (e) {
      return Math.floor(Math.random() * 4294967295) >>> 0;
    }
  }

  function freshState() {
    return { version: VERSION, seed: newSeed(), settings: { cbm: false }, answers: {}, review: {} };
  }

  function timeOf(a) {
    var t = a && typeof a.time === "string" ? Date.parse(a.time) : NaN;
    return isFinite(t) ? t : 0;
  }

  function isKeyList(v) {
    return Array.isArray(v) && v.length <= MAX_KEYS && v.every(function (k) {
      return typeof k === "string" && KEY_RE.test(k) && k.length <= MAX_TEXT;
    });
  }

  function own(o, k) {
    return !!o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
  }

  function cleanTime(t) {
    return typeof t === "string" && t.length <= MAX_TEXT && isFinite(Date.parse(t)) ? t : null;
  }

  /* A response of kind `kind` (or unknown): [clean response, kind], or null if malformed. */
  function cleanResponse(r, kind) {
    if (typeof r === "string") {
      if (r.length > MAX_TEXT * MAX_KEYS) return null;
      if (kind === "multiple") {
        r = r === "" ? [] : r.split("|");
        if (!isKeyList(r)) return null;
      } else if (kind === "single" && !KEY_RE.test(r)) {
        return null;
      } else if (kind === "numeric" && r.length > MAX_TEXT) {
        return null;
      } else if (!kind && /^[a-z0-9_]+(\|[a-z0-9_]+)+$/.test(r)) {
        r = r.split("|"); // an old CSV export of a multiple-choice item
        kind = "multiple";
      }
    } else if (isKeyList(r)) {
      if (kind && kind !== "multiple") return null;
      kind = "multiple";
      r = r.slice();
    } else {
      return null;
    }
    return [r, kind];
  }

  function cleanConfidence(c) {
    var n = typeof c === "string" && /^[123]$/.test(c) ? Number(c) : c;
    return n === 1 || n === 2 || n === 3 ? n : null;
  }

  /* The shape of one answer, whatever its source: a clean copy, or null if malformed.
   * `type` is the item's kind when known (bank on this page, stored answer, file).
   * Version 2 answers carry `first` ({response, correct, confidence, time}, or null when unknown);
   * an answer without `first` is of version 1: its first answer is itself when it was given at the
   * first attempt, unknown otherwise (kept as practice). */
  function cleanAnswer(a, type) {
    if (!a || typeof a !== "object" || Array.isArray(a)) return null;
    var kind = TYPES.indexOf(type) >= 0 ? type : TYPES.indexOf(a.type) >= 0 ? a.type : null;
    var got = cleanResponse(a.response, kind);
    if (!got) return null;
    kind = got[1];
    var out = { response: got[0], time: cleanTime(a.time), attempts: 1, correct: a.correct === true };
    if (kind) out.type = kind;
    var n = Number(a.attempts);
    if (isFinite(n) && n >= 1 && n <= 1e6) out.attempts = Math.floor(n);
    if (own(a, "first")) {
      var f = a.first;
      out.first = null;
      if (f && typeof f === "object" && !Array.isArray(f)) {
        var fr = cleanResponse(f.response, kind);
        if (!fr) return null; // a first answer that is not an answer: the whole entry is suspect
        out.first = {
          response: fr[0],
          correct: f.correct === true,
          confidence: cleanConfidence(f.confidence),
          time: cleanTime(f.time)
        };
      } else if (f !== null) {
        return null;
      }
    } else {
      out.first = out.attempts === 1
        ? { response: out.response, correct: out.correct, confidence: null, time: out.time }
        : null;
    }
    return out;
  }

  function num(v, lo, hi) {
    return typeof v === "number" && isFinite(v) && v >= lo && v <= hi;
  }

  /* One FSRS card as stored (ts-fsrs's Card with ISO dates), checked; a clean copy or null. */
  function cleanCard(c) {
    if (!c || typeof c !== "object" || Array.isArray(c)) return null;
    var due = cleanTime(c.due);
    var last = c.last_review == null ? null : cleanTime(c.last_review);
    if (!due || (c.last_review != null && !last)) return null;
    var ints = ["elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state"];
    var limits = { elapsed_days: MAX_DAYS * 10, scheduled_days: MAX_DAYS, learning_steps: 100, reps: 1e6, lapses: 1e6, state: 3 };
    for (var i = 0; i < ints.length; i++) {
      var v = c[ints[i]];
      if (!num(v, 0, limits[ints[i]]) || Math.floor(v) !== v) return null;
    }
    if (!num(c.stability, 0, 1e6) || !num(c.difficulty, 0, 11)) return null;
    return {
      due: new Date(Date.parse(due)).toISOString(),
      stability: c.stability,
      difficulty: c.difficulty,
      elapsed_days: c.elapsed_days,
      scheduled_days: c.scheduled_days,
      learning_steps: c.learning_steps,
      reps: c.reps,
      lapses: c.lapses,
      state: c.state,
      last_review: last ? new Date(Date.parse(last)).toISOString() : null
    };
  }

  /* Cards of `raw` (an untrusted mapping) for ids with an answer in `answers`: {cards, dropped}. */
  function cleanCards(raw, answers) {
    var cards = {};
    var dropped = 0;
    if (raw == null) return { cards: cards, dropped: 0 };
    if (typeof raw !== "object" || Array.isArray(raw)) return { cards: cards, dropped: 1 };
    var ids = Object.keys(raw);
    if (ids.length > MAX_ANSWERS) return { cards: cards, dropped: ids.length };
    ids.forEach(function (id) {
      var c = ID_RE.test(id) && own(answers, id) ? cleanCard(raw[id]) : null;
      if (c) cards[id] = c;
      else dropped += 1;
    });
    return { cards: cards, dropped: dropped };
  }

  /* Any stored object -> a current state, and whether anything had to change (migration). */
  function migrate(s) {
    var changed = false;
    var out = { version: VERSION, seed: 0, settings: { cbm: false }, answers: {}, review: {} };
    if (!s || typeof s !== "object" || Array.isArray(s)) {
      return { state: freshState(), changed: true, dropped: 0, practice: 0 };
    }
    if (s.version !== VERSION) changed = true;
    if (typeof s.seed === "number" && isFinite(s.seed)) {
      out.seed = s.seed >>> 0;
    } else if (typeof s.seed === "string" && /^[0-9]{1,10}$/.test(s.seed)) {
      out.seed = Number(s.seed) >>> 0;
      changed = true;
    } else {
      out.seed = newSeed();
      changed = true;
    }
    if (s.settings && typeof s.settings === "object" && s.settings.cbm === true) out.settings.cbm = true;
    var dropped = 0;
    var practice = 0;
    var answers = s.answers && typeof s.answers === "object" && !Array.isArray(s.answers) ? s.answers : {};
    if (answers !== s.answers) changed = true;
    Object.keys(answers).forEach(function (id) {
      var a = ID_RE.test(id) ? cleanAnswer(answers[id], null) : null;
      if (a) {
        out.answers[id] = a;
        if (!a.first && !own(answers[id], "first")) practice += 1; // v1, first answer unknown
      } else {
        dropped += 1;
      }
    });
    var cards = cleanCards(s.review, out.answers);
    out.review = cards.cards;
    if (cards.dropped) changed = true;
    if (dropped) changed = true;
    // Over MAX_ANSWERS is not trimmed here: which answers belong to this page is known only once
    // its banks are read (trimOverLimit, at init; readStored, later).
    return { state: out, changed: changed, dropped: dropped, practice: practice };
  }

  /* The ids of every question on this page (its banks); their answers are never dropped. */
  var pageItemIds = null; // set by init from this page's banks
  var pageBanks = []; // this page's banks, read by init

  function pageIds() {
    var out = Object.create(null);
    (pageItemIds || []).forEach(function (id) { out[id] = true; });
    quizzes.forEach(function (q) { q.bank.items.forEach(function (it) { out[it.id] = true; }); });
    return out;
  }

  /* At init, once this page's question ids are known: stored progress over MAX_ANSWERS is copied
   * to the backup, then trimmed (never this page's answers), and the learner is told. Without a
   * copy nothing is trimmed or written. */
  function trimOverLimit() {
    if (keepStored || Object.keys(state.answers).length <= MAX_ANSWERS) return;
    var raw = readRaw(KEY);
    if (raw != null && !backup("over the limit", raw)) {
      notice = "Your saved quiz progress holds more than " + MAX_ANSWERS + " answers and no copy " +
        "could be made: it is left as it was; answers given now are not saved. Use Export JSON " +
        "to keep them.";
      keepStored = true;
      return;
    }
    var n = Object.keys(capAnswers(state.answers, state.review)).length;
    writeRaw(KEY, JSON.stringify(state));
    notice = (notice ? notice + " " : "") + n + " saved answer" + (n > 1 ? "s" : "") +
      " over the limit of " + MAX_ANSWERS + " (the oldest, to questions not on this page) " +
      (n > 1 ? "were" : "was") + " set aside; a copy of the saved progress was kept in this " +
      "browser (" + BACKUP_KEY + ").";
  }

  /* Keep at most MAX_ANSWERS answers, in place. Answers to questions on this page are never
   * dropped; the others (questions on other pages, or no longer in the course: this page cannot
   * tell) go oldest first. Returns the dropped answers by id (the caller backs up and says so).
   * Their review cards, if `review` is given, go with them. */
  function capAnswers(answers, review) {
    var removed = {};
    var ids = Object.keys(answers);
    var over = ids.length - MAX_ANSWERS;
    if (over <= 0) return removed;
    var keep = pageIds();
    ids.filter(function (id) { return !keep[id]; })
      .sort(function (a, b) { return timeOf(answers[a]) - timeOf(answers[b]) || (a < b ? -1 : 1); })
      .slice(0, over)
      .forEach(function (id) {
        removed[id] = answers[id];
        delete answers[id];
        if (review) delete review[id];
      });
    return removed;
  }

  function showStorageProblem() {
    quizzes.forEach(function (q) { q.showWarning(); });
  }

  function writeRaw(key, text) {
    var ls = store();
    if (!ls) {
      storageProblem = "blocked";
      showStorageProblem();
      return false;
    }
    try {
      ls.setItem(key, text);
      if (storageProblem && key === KEY) {
        storageProblem = null;
        showStorageProblem();
      }
      return true;
    } catch (e) {
      // SecurityError: storage is blocked (also what the layout's stand-in throws); anything
      // else (QuotaExceededError) is a full store.
      storageProblem = e && e.name === "SecurityError" ? "blocked" : "full";
      showStorageProblem();
      return false;
    }
  }

  function readRaw(key) {
    var ls = store();
    if (!ls) {
      storageProblem = "blocked";
      return null;
    }
    try {
      return ls.getItem(key);
    } catch (e) {
      storageProblem = "blocked";
      return null;
    }
  }

  /* Keep a copy of the previous state (one key: the latest copy). */
  function backup(reason, raw) {
    var text = raw === undefined ? readRaw(KEY) : raw;
    if (text == null) return false;
    return writeRaw(BACKUP_KEY, JSON.stringify({
      format: "bonemets-quiz-backup", saved: new Date().toISOString(), reason: reason, data: text
    }));
  }

  /* The stored state now (migrated in memory only), or null if nothing usable is stored. */
  function readStored() {
    var raw = readRaw(KEY);
    if (raw == null) return null;
    var m;
    try {
      m = migrate(JSON.parse(raw));
    } catch (e) {
      return null;
    }
    if (Object.keys(m.state.answers).length > MAX_ANSWERS && backup("over the limit", raw)) {
      capAnswers(m.state.answers, m.state.review); // another tab's: copied before anything goes
    }
    return m.state;
  }

  function loadState() {
    var raw = readRaw(KEY);
    var old = false;
    if (raw == null) {
      raw = readRaw(OLD_KEY); // progress of version 1: migrated below, its key left as it was
      old = raw != null;
    }
    if (raw == null) {
      var fresh = freshState();
      if (!storageProblem) writeRaw(KEY, JSON.stringify(fresh));
      return fresh;
    }
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      var s0 = freshState();
      if (old) {
        notice = "Your saved quiz progress of an earlier version could not be read; it is left " +
          "as it was (" + OLD_KEY + ") and the quiz starts afresh.";
        writeRaw(KEY, JSON.stringify(s0));
      } else if (backup("unreadable", raw)) {
        notice = "Your saved quiz progress could not be read; a copy was kept in this browser " +
          "(" + BACKUP_KEY + ") and the quiz starts afresh.";
        writeRaw(KEY, JSON.stringify(s0));
      } else {
        notice = "Your saved quiz progress could not be read, and no copy could be made: it is " +
          "left as it was; answers given now are not saved. Use Export JSON to keep them.";
        keepStored = true;
      }
      return s0;
    }
    var m = migrate(parsed);
    if (m.practice) {
      notice = m.practice + " saved answer" + (m.practice > 1 ? "s were" : " was") + " given " +
        "before this quiz recorded first answers, after more than one attempt: the first " +
        "answer is unknown, so " + (m.practice > 1 ? "they are" : "it is") + " kept as " +
        "practice and not counted in your score.";
    }
    if (m.changed || old) {
      // Rewrite the stored state only once a copy of it is kept (else it stays as it was).
      if (backup("migration", raw)) writeRaw(KEY, JSON.stringify(m.state));
      if (m.dropped) {
        notice = (notice ? notice + " " : "") + m.dropped + " saved answer" + (m.dropped > 1 ? "s were" : " was") +
          " not valid and " + (m.dropped > 1 ? "are" : "is") + " ignored; a copy of the saved " +
          "progress was kept in this browser (" + BACKUP_KEY + ").";
      }
    }
    return m.state;
  }

  /* Re-read the stored state, apply `change` to it, write it: never a stale whole-state write.
   * Returns true if saved. The in-memory state follows whatever was read. */
  function commit(change) {
    var current = readStored();
    if (current) {
      // Keep answers given in this tab that were never saved (storage was full): newer wins.
      Object.keys(state.answers).forEach(function (id) {
        var mine = state.answers[id];
        var theirs = current.answers[id];
        if (!theirs || timeOf(mine) > timeOf(theirs)) current.answers[id] = mine;
      });
      Object.keys(state.review).forEach(function (id) {
        var theirs = current.review[id];
        if (current.answers[id] && (!theirs || newerCard(state.review[id], theirs))) {
          current.review[id] = state.review[id];
        }
      });
      if (!Object.keys(current.answers).length) current.seed = state.seed;
      state = current;
    }
    change(state);
    return keepStored ? false : writeRaw(KEY, JSON.stringify(state));
  }

  function reviewedAt(c) {
    var t = c && c.last_review ? Date.parse(c.last_review) : NaN;
    return isFinite(t) ? t : 0;
  }

  /* Is card `a` newer than card `b` (reviewed later, or as late with more reviews)? */
  function newerCard(a, b) {
    return reviewedAt(a) > reviewedAt(b) || (reviewedAt(a) === reviewedAt(b) && a.reps > b.reps);
  }

  var state = loadState();

  // ------------------------------------------------------------------ seeded shuffle

  function hash(str) {
    var h = 2166136261 >>> 0;
    for (var i = 0; i < str.length; i++) {
      h ^= str.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }

  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, key) {
    var out = list.slice();
    var r = rng(hash(String(state.seed) + ":" + key));
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(r() * (i + 1));
      var t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  // ------------------------------------------------------------------ grading

  var syntax = null;

  /* The engine's number grammar, from the first bank on the page (every bank carries it). */
  function numberSyntax() {
    if (!syntax) {
      // this page's banks as read by init (a quiz restores its answers while it is being built,
      // before it is in `quizzes`); a page without a grammar yet is not cached
      var all = pageBanks.concat(quizzes.map(function (q) { return q.bank; }));
      var bank = all.filter(function (b) { return b && b.number_syntax; })[0] || null;
      var s = bank && bank.number_syntax;
      var ok = s && typeof s.pattern === "string" && typeof s.comma_pattern === "string";
      if (!ok) {
        return {
          re: /(?!)/, // no grammar: refuse every number
          comma: /(?!)/,
          commaMessage: "",
          syntaxMessage: "This page has no number grammar."
        };
      }
      syntax = {
        re: ok ? new RegExp("^(?:" + s.pattern + ")$") : /(?!)/, // no grammar: refuse every number
        comma: ok ? new RegExp("^(?:" + s.comma_pattern + ")$") : /(?!)/,
        commaMessage: ok ? String(s.comma_message) : "",
        syntaxMessage: ok ? String(s.syntax_message) : "This page has no number grammar.",
      };
    }
    return syntax;
  }

  function numberPattern() {
    return numberSyntax().re;
  }

  /* A typed number with the course's grammar (decimal point, no comma, no exponent), or NaN. */
  function parseNumber(text) {
    var t = typeof text === "string" ? text : "";
    if (t.length > MAX_TEXT || !numberPattern().test(t)) return NaN;
    return Number(t);
  }

  /* Does `response` have the right shape for `item`? (kind, option keys, size) */
  function validResponse(item, response) {
    if (item.type === "numeric") return typeof response === "string" && response.length <= MAX_TEXT;
    var keys = (item.options || []).map(function (o) { return o.key; });
    if (item.type === "single") return typeof response === "string" && keys.indexOf(response) >= 0;
    return isKeyList(response) && response.every(function (k) { return keys.indexOf(k) >= 0; });
  }

  /* A stored response in the shape of `item`'s kind (a CSV "a|b", a one-key list), or the input. */
  function fitResponse(item, r) {
    if (item.type === "multiple" && typeof r === "string") r = r === "" ? [] : r.split("|");
    if (item.type === "single" && Array.isArray(r) && r.length === 1) r = r[0];
    return r;
  }

  /* The stored answer to `item` if it fits the item, else null (a malformed one is ignored):
   * {response, time, attempts, first}; `first` is null when the first answer is unknown (an
   * answer of version 1 after several attempts) or does not fit the item. */
  function answerFor(item) {
    var a = state.answers[item.id];
    if (!a) return null;
    var r = fitResponse(item, a.response);
    if (!validResponse(item, r)) return null;
    var first = null;
    if (a.first) {
      var fr = fitResponse(item, a.first.response);
      if (validResponse(item, fr)) {
        first = { response: fr, correct: grade(item, fr), confidence: cleanConfidence(a.first.confidence), time: a.first.time || null };
      }
    }
    return { response: r, time: a.time, attempts: a.attempts, first: first };
  }

  /* Confidence-based marks of a first answer (null without a confidence). */
  var cbmScheme = null;

  /* The marking scheme from the first bank on the page that carries a valid one. */
  function cbmTable() {
    if (!cbmScheme) {
      var all = pageBanks.concat(quizzes.map(function (q) { return q.bank; }));
      all.some(function (b) {
        var c = b && b.cbm;
        var ok = c && Array.isArray(c.right) && Array.isArray(c.wrong) && c.right.length === 4 &&
          c.wrong.length === 4 && c.right.concat(c.wrong).every(function (v) { return typeof v === "number" && isFinite(v); });
        if (ok) cbmScheme = { right: c.right.slice(), wrong: c.wrong.slice() };
        return ok;
      });
    }
    return cbmScheme;
  }

  function cbmMarks(first) {
    if (!first || !first.confidence) return null;
    var t = cbmTable();
    if (!t) return null; // no scheme on this page: no marks, never invented ones
    return first.correct ? t.right[first.confidence] : t.wrong[first.confidence];
  }

  function grade(item, response) {
    if (!validResponse(item, response)) return false;
    if (item.type === "numeric") {
      var x = parseNumber(response);
      if (!isFinite(x)) return false;
      return Math.abs(x - item.answer) <= (item.tolerance || 0) + 1e-9;
    }
    var got = Array.isArray(response) ? response.slice() : [response];
    var want = item.answer.slice();
    got.sort();
    want.sort();
    return got.length === want.length && got.every(function (k, i) { return k === want[i]; });
  }

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "className") n.className = attrs[k];
        else n.setAttribute(k, attrs[k]);
      });
    }
    if (text != null) n.textContent = text;
    return n;
  }

  /* Only for HTML produced at build time by bonemets.quiz.build (raw HTML escaped there). */
  function trusted(tag, attrs, builtHtml) {
    var n = el(tag, attrs);
    n.innerHTML = builtHtml;
    return n;
  }

  function safeId(s) {
    return String(s).replace(/[^A-Za-z0-9_-]/g, "-");
  }

  function typeset(node) {
    if (window.MathJax && typeof window.MathJax.typesetPromise === "function") {
      window.MathJax.typesetPromise([node]).catch(function () {});
    }
  }

  // ------------------------------------------------------------------ one quiz

  function Quiz(root, bank) {
    this.root = root;
    this.bank = bank;
    this.reviewMode = root.hasAttribute("data-review");
    this.items = bank.items;
    this.byId = {};
    this.views = {};
    this.reviewed = {}; // review page: items reviewed in this visit (further checks are practice)
    var self = this;
    bank.items.forEach(function (it) { self.byId[it.id] = it; });
    this.render();
  }

  function cbmOn() {
    return !!(state.settings && state.settings.cbm);
  }

  function review() {
    var r = window.bonemetsReview;
    return r && typeof r.schedule === "function" ? r : null;
  }

  function dateText(iso) {
    var t = Date.parse(iso);
    if (!isFinite(t)) return "";
    var d = new Date(t);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  Quiz.prototype.render = function () {
    var self = this;
    var root = this.root;
    var qid = safeId(root.getAttribute("data-bank"));
    root.textContent = "";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", (this.reviewMode ? "Review: " : "Quiz: ") + this.bank.title);
    this.views = {};

    var head = el("div", { className: "bm-quiz-head" });
    head.appendChild(el("p", { className: "bm-quiz-title" }, (this.reviewMode ? "Review: " : "Quiz: ") + this.bank.title));
    this.help = el("p", { className: "bm-quiz-help" });
    head.appendChild(this.help);
    this.scoreLine = el("p", { className: "bm-quiz-score", id: qid + "-score" });
    head.appendChild(this.scoreLine);
    this.cbmLine = el("p", { className: "bm-quiz-cbm", id: qid + "-cbm" });
    head.appendChild(this.cbmLine);
    var tools = el("div", { className: "bm-quiz-tools", role: "group", "aria-label": "Quiz progress" });
    var cbmId = qid + "-cbm-toggle";
    var cbmBox = el("input", { type: "checkbox", id: cbmId, className: "bm-cbm-toggle" });
    cbmBox.checked = cbmOn();
    var cbmLabel = el("label", { for: cbmId, className: "bm-cbm-label" }, "Confidence-based marking");
    var bJson = el("button", { type: "button", className: "bm-btn" }, "Export JSON");
    var bCsv = el("button", { type: "button", className: "bm-btn" }, "Export CSV");
    var impId = qid + "-import";
    var impLabel = el("label", { className: "bm-import-label", for: impId }, "Import results (JSON or CSV):");
    var imp = el("input", { type: "file", id: impId, className: "bm-import", accept: ".json,.csv,application/json,text/csv" });
    cbmBox.addEventListener("change", function () { setCbm(cbmBox.checked); });
    bJson.addEventListener("click", function () { self.exportFile("json"); });
    bCsv.addEventListener("click", function () { self.exportFile("csv"); });
    imp.addEventListener("change", function () { self.importFile(imp); });
    var parts = [cbmBox, cbmLabel, bJson, bCsv, impLabel, imp];
    if (!this.reviewMode) {
      var bReset = el("button", { type: "button", className: "bm-btn bm-reset" }, "Reset this quiz");
      bReset.addEventListener("click", function () { self.reset(); });
      parts.push(bReset);
    }
    parts.forEach(function (n) { tools.appendChild(n); });
    this.cbmBox = cbmBox;
    head.appendChild(tools);
    head.appendChild(el("p", { className: "bm-cbm-help" },
      "Confidence-based marking (Gardner-Medwin's LAPT scheme): before you check a first answer, " +
      "say how sure you are. Right answers earn 1, 2 or 3 marks at confidence 1, 2 or 3; wrong " +
      "answers earn 0, -2 or -6. Choose 3 only if you are more than about 80% sure, and 1 if " +
      "less than about 67%."));
    this.status = el("div", { className: "bm-quiz-status", role: "status", "aria-live": "polite" });
    head.appendChild(this.status);
    this.panel = el("div", { className: "bm-import-panel", role: "group", "aria-label": "Import preview" });
    this.panel.hidden = true;
    head.appendChild(this.panel);
    this.warning = el("p", { className: "bm-quiz-warning", role: "alert" });
    head.appendChild(this.warning);
    root.appendChild(head);

    if (this.reviewMode) {
      this.renderReview();
    } else {
      this.items = this.bank.items;
      var list = el("ol", { className: "bm-quiz-items" });
      this.items.forEach(function (it, i) {
        var li = el("li", { className: "bm-quiz-li" });
        li.appendChild(self.renderItem(it, i, self.items.length));
        list.appendChild(li);
      });
      root.appendChild(list);

      var table = el("table", { className: "bm-quiz-objectives" });
      table.appendChild(el("caption", null, "Score by learning objective (first answers)"));
      var thead = el("thead");
      var hr = el("tr");
      ["Learning objective", "Correct", "Answered", "Questions", "Confidence marks"].forEach(function (h) {
        hr.appendChild(el("th", { scope: "col" }, h));
      });
      thead.appendChild(hr);
      table.appendChild(thead);
      this.objBody = el("tbody");
      table.appendChild(this.objBody);
      root.appendChild(table);
    }
    this.showWarning();
    this.restore();
    typeset(root);
  };

  /* The review page: cards for answered items that have none yet, then the items due now and the
   * schedule of every card. */
  Quiz.prototype.renderReview = function () {
    var self = this;
    var root = this.root;
    var r = review();
    if (!r) {
      this.items = [];
      root.appendChild(el("p", { className: "bm-review-none" },
        "The review scheduler (FSRS) could not be loaded on this page, so nothing can be scheduled."));
      return;
    }
    var made = ensureCards(this.bank.items);
    var now = Date.now();
    var due = this.bank.items.filter(function (it) {
      var c = state.review[it.id];
      return c && answerFor(it) && Date.parse(c.due) <= now;
    });
    due.sort(function (a, b) { return Date.parse(state.review[a.id].due) - Date.parse(state.review[b.id].due) || (a.id < b.id ? -1 : 1); });
    this.items = due;
    this.madeCards = made;
    root.appendChild(el("h3", { className: "bm-review-heading" }, "Due now"));
    if (!due.length) {
      root.appendChild(el("p", { className: "bm-review-none" }, "Nothing is due now."));
    }
    var list = el("ol", { className: "bm-quiz-items bm-review-items" });
    due.forEach(function (it, i) {
      var li = el("li", { className: "bm-quiz-li" });
      li.appendChild(self.renderItem(it, i, due.length));
      list.appendChild(li);
    });
    root.appendChild(list);
    var table = el("table", { className: "bm-review-schedule" });
    table.appendChild(el("caption", null, "Your review schedule (next due first)"));
    var thead = el("thead");
    var hr = el("tr");
    ["Question", "Next review", "Reviews", "Lapses"].forEach(function (h) {
      hr.appendChild(el("th", { scope: "col" }, h));
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    this.schedBody = el("tbody");
    table.appendChild(this.schedBody);
    root.appendChild(table);
  };

  /* Review page: make a card for every answered item of `items` that has none, from its first
   * answer at the time it was given (see review.js for the rating). Returns how many. */
  function ensureCards(items) {
    var r = review();
    if (!r) return 0;
    var todo = items.filter(function (it) { return !state.review[it.id] && answerFor(it); });
    if (!todo.length) return 0;
    var made = 0;
    commit(function (s) {
      todo.forEach(function (it) {
        if (s.review[it.id] || !s.answers[it.id]) return;
        var a = answerFor(it);
        if (!a) return;
        var base = a.first || { correct: grade(it, a.response), confidence: null, time: a.time };
        var rating = r.rating(base.correct, base.confidence);
        if (!a.first) rating = Math.min(rating, r.ratings.hard); // it took more than one try
        var t = Date.parse(base.time || a.time || "");
        var when = new Date(isFinite(t) && t <= Date.now() ? t : Date.now());
        s.review[it.id] = cleanCard(r.schedule(null, rating, when));
        made += 1;
      });
    });
    return made;
  }

  function setCbm(on) {
    var before = snapshot();
    commit(function (s) {
      s.settings = s.settings || {};
      s.settings.cbm = !!on;
    });
    quizzes.forEach(function (q) {
      q.cbmBox.checked = cbmOn();
      q.items.forEach(function (it) { q.showConfidence(it); });
    });
    syncAll(before);
  }

  Quiz.prototype.showWarning = function () {
    var saved = storageProblem === null;
    var what = this.reviewMode
      ? this.items.length + " due now. "
      : this.items.length + " questions. Your first answer to each question is what counts; checking again is practice. ";
    this.help.textContent = what + (saved
      ? "Your answers are saved in this browser only; export them to keep a copy."
      : "Your answers are NOT being saved in this browser; export them to keep a copy.");
    var text = "";
    if (storageProblem === "blocked") {
      text = "Saving is blocked in this browser (site data or cookies are disabled), so your " +
        "answers last only until you leave this page. Use Export JSON to keep them.";
    } else if (storageProblem === "full") {
      text = "This browser's storage is full, so your latest answers are not saved. Use " +
        "Export JSON now to keep them, then free some space (or import the file elsewhere).";
    }
    if (notice) text = text ? text + " " + notice : notice;
    this.warning.textContent = text;
    this.warning.hidden = !text;
  };

  /* A status message, with an optional button (Undo). */
  Quiz.prototype.say = function (text, action, label) {
    this.status.textContent = "";
    this.status.appendChild(el("span", null, text));
    if (action) {
      var b = el("button", { type: "button", className: "bm-btn bm-undo" }, label || "Undo");
      b.addEventListener("click", function () { action(); });
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(b);
    }
  };

  Quiz.prototype.renderItem = function (it, index, count) {
    var self = this;
    var base = "q-" + safeId(it.id);
    var fs = el("fieldset", { className: "bm-q bm-q-" + it.type, id: base, "data-item": it.id });
    var legendId = base + "-legend";
    var stemId = base + "-stem";
    var legend = el("legend", { id: legendId },
      "Question " + (index + 1) + " of " + count +
      (it.type === "multiple" ? " (select all that apply)" : ""));
    fs.appendChild(legend);
    fs.appendChild(el("p", { className: "bm-q-meta" },
      (this.reviewMode ? it.chapter_title + ". " : "") + "Objective: " + it.objective_text));
    if (it.case) {
      var c = el("div", { className: "bm-q-case" });
      var ct = el("p", { className: "bm-q-case-title" }, "Case: ");
      ct.appendChild(trusted("span", null, it.case.title_html));
      c.appendChild(ct);
      if (it.case.summary_html) c.appendChild(trusted("div", null, it.case.summary_html));
      fs.appendChild(c);
    }
    fs.appendChild(trusted("div", { className: "bm-q-stem", id: stemId }, it.stem));
    fs.setAttribute("aria-describedby", stemId);
    var view = { fs: fs, inputs: [], conf: [] };
    if (it.type === "numeric") {
      var wrap = el("div", { className: "bm-q-numeric" });
      var inId = base + "-input";
      wrap.appendChild(el("label", { for: inId }, "Your answer" + (it.unit ? " (" + it.unit + ")" : "")));
      var input = el("input", { type: "text", id: inId, inputmode: "decimal", autocomplete: "off", className: "bm-q-number" });
      wrap.appendChild(input);
      if (it.unit) wrap.appendChild(el("span", { className: "bm-q-unit", "aria-hidden": "true" }, it.unit));
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          ev.preventDefault();
          self.check(it);
        }
      });
      view.inputs.push(input);
      fs.appendChild(wrap);
    } else {
      var opts = el("div", { className: "bm-q-options" });
      // a scale (`ordered`: bands, grades, doses) keeps its authored order
      (it.ordered === true ? it.options.slice() : shuffled(it.options, it.id)).forEach(function (o) {
        var oid = base + "-" + safeId(o.key);
        var row = el("div", { className: "bm-q-option" });
        var inp = el("input", {
          type: it.type === "single" ? "radio" : "checkbox",
          name: base,
          id: oid,
          value: o.key
        });
        row.appendChild(inp);
        row.appendChild(trusted("label", { for: oid }, o.html));
        opts.appendChild(row);
        view.inputs.push(inp);
      });
      fs.appendChild(opts);
    }
    // confidence, asked before a first answer (or a review) is checked when marking by confidence
    var conf = el("fieldset", { className: "bm-confidence" });
    conf.appendChild(el("legend", null, "How sure are you that your answer is right?"));
    [[1, "1 (low)"], [2, "2 (mid)"], [3, "3 (high)"]].forEach(function (c) {
      var cid = base + "-conf-" + c[0];
      var ci = el("input", { type: "radio", name: base + "-conf", id: cid, value: String(c[0]), className: "bm-conf" });
      conf.appendChild(ci);
      conf.appendChild(el("label", { for: cid }, c[1]));
      conf.appendChild(document.createTextNode(" "));
      view.conf.push(ci);
    });
    view.confBox = conf;
    fs.appendChild(conf);
    var btn = el("button", { type: "button", className: "bm-btn bm-check" }, "Check answer");
    btn.addEventListener("click", function () { self.check(it); });
    fs.appendChild(btn);
    view.feedback = el("div", { className: "bm-feedback", role: "status", "aria-live": "polite", id: base + "-feedback" });
    fs.appendChild(view.feedback);
    this.views[it.id] = view;
    return fs;
  };

  /* Does the next check of `it` ask for a confidence? (marking by confidence, and a first
   * answer or a review that counts) */
  Quiz.prototype.asksConfidence = function (it) {
    if (!cbmOn()) return false;
    if (this.reviewMode) return !this.reviewed[it.id];
    return !state.answers[it.id] || !answerFor(it);
  };

  Quiz.prototype.showConfidence = function (it) {
    var v = this.views[it.id];
    if (v) v.confBox.hidden = !this.asksConfidence(it);
  };

  Quiz.prototype.response = function (it) {
    var v = this.views[it.id];
    if (it.type === "numeric") return v.inputs[0].value.trim();
    var keys = v.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    if (it.type === "single") return keys.length ? keys[0] : null;
    return keys;
  };

  Quiz.prototype.check = function (it) {
    var self = this;
    var resp = this.response(it);
    var v = this.views[it.id];
    var empty = resp == null || resp === "" || (Array.isArray(resp) && !resp.length);
    if (empty) {
      v.feedback.className = "bm-feedback bm-feedback-empty";
      v.feedback.textContent = it.type === "numeric" ? "Type a number first." : "Choose an answer first.";
      return;
    }
    if (it.type === "numeric" && !isFinite(parseNumber(resp))) {
      v.feedback.className = "bm-feedback bm-feedback-empty";
      v.feedback.textContent = numberSyntax().comma.test(resp)
        ? numberSyntax().commaMessage
        : numberSyntax().syntaxMessage;
      return;
    }
    var confidence = null;
    if (this.asksConfidence(it)) {
      var picked = v.conf.filter(function (c) { return c.checked; })[0];
      if (!picked) {
        v.feedback.className = "bm-feedback bm-feedback-empty";
        v.feedback.textContent = "Choose how sure you are (1, 2 or 3) first: confidence-based marking is on.";
        return;
      }
      confidence = Number(picked.value);
    }
    var before = snapshot();
    var ok = grade(it, resp);
    var now = new Date();
    var iso = now.toISOString();
    var r = this.reviewMode ? review() : null;
    this.lastReview = null;
    commit(function (s) {
      var prev = s.answers[it.id];
      var fits = prev && validResponse(it, fitResponse(it, prev.response));
      var entry = {
        type: it.type,
        response: resp,
        correct: ok,
        time: iso,
        attempts: fits ? (prev.attempts || 1) + 1 : 1,
        first: fits ? prev.first || null : { response: resp, correct: ok, confidence: confidence, time: iso }
      };
      s.answers[it.id] = entry;
      var card = s.review[it.id];
      if (r && card && !self.reviewed[it.id] && Date.parse(card.due) <= now.getTime()) {
        var rating = r.rating(ok, confidence);
        var next = cleanCard(r.schedule(card, rating, now));
        if (next) {
          s.review[it.id] = next;
          self.lastReview = { id: it.id, rating: r.ratingName(rating), due: next.due };
        }
      }
    });
    if (this.reviewMode) this.reviewed[it.id] = true;
    this.showFeedback(it);
    this.showConfidence(it);
    syncAll(before, it.id);
  };

  Quiz.prototype.showFeedback = function (it) {
    var v = this.views[it.id];
    var a = answerFor(it);
    var fb = v.feedback;
    fb.textContent = "";
    if (!a) {
      fb.className = "bm-feedback";
      v.fs.classList.remove("bm-right", "bm-wrong");
      return;
    }
    var ok = grade(it, a.response);
    fb.className = "bm-feedback " + (ok ? "bm-feedback-right" : "bm-feedback-wrong");
    v.fs.classList.toggle("bm-right", ok);
    v.fs.classList.toggle("bm-wrong", !ok);
    var verdict = el("p", { className: "bm-verdict" });
    verdict.appendChild(el("strong", null, ok ? "Correct." : "Not quite."));
    if (!ok) {
      verdict.appendChild(document.createTextNode(" The answer is: "));
      verdict.appendChild(trusted("span", { className: "bm-answer" }, it.answer_html));
    }
    fb.appendChild(verdict);
    var counted;
    if (!a.first) {
      counted = "Practice only: this answer was saved before the quiz recorded first answers, " +
        "after more than one attempt, so your first answer is unknown and it is not in your score.";
    } else if (a.attempts > 1) {
      counted = "First answer: " + (a.first.correct ? "right" : "wrong") + " (this counts in your score); " +
        "practised: " + (ok ? "correct" : "wrong") + " (" + a.attempts + " checks).";
    } else {
      counted = "First answer: " + (a.first.correct ? "right" : "wrong") + " (this counts in your score; checking again is practice).";
    }
    var marks = cbmMarks(a.first);
    if (marks !== null) {
      counted += " Confidence " + a.first.confidence + ": " + (marks > 0 ? "+" : "") + marks + " mark" + (Math.abs(marks) === 1 ? "" : "s") + ".";
    }
    fb.appendChild(el("p", { className: "bm-counted" }, counted));
    if (this.reviewMode) {
      var card = state.review[it.id];
      var lr = this.lastReview && this.lastReview.id === it.id ? this.lastReview : null;
      if (card) {
        fb.appendChild(el("p", { className: "bm-next-review" },
          (lr ? "Reviewed (FSRS rating: " + lr.rating + "). " : "") + "Next review: " + dateText(card.due) + "."));
      }
    }
    fb.appendChild(trusted("div", { className: "bm-explanation" }, it.explanation));
    var src = el("p", { className: "bm-citation" }, "Source: ");
    src.appendChild(trusted("span", null, it.citation));
    fb.appendChild(src);
    if (it.computed) {
      var how = it.computed.calculator
        ? "Answer computed by the course engine: bonemets calc " + it.computed.calculator + " (" + it.computed.output + ")."
        : "Answer read from the course engine: " + it.computed.fact + ".";
      fb.appendChild(el("p", { className: "bm-computed" }, how));
    }
    typeset(fb);
  };

  /* Show the stored answer of one item. `previous` (the answer shown before) protects text being
   * typed: a numeric box that differs from it, or has the focus, keeps what is in it. On the
   * review page an item not yet reviewed in this visit starts blank. */
  Quiz.prototype.restoreItem = function (it, previous) {
    var v = this.views[it.id];
    if (!v) return;
    if (this.reviewMode && !this.reviewed[it.id]) {
      this.showConfidence(it);
      return;
    }
    var a = answerFor(it);
    if (it.type === "numeric") {
      var box = v.inputs[0];
      var shown = previous && typeof previous.response === "string" ? previous.response : "";
      var typing = previous !== undefined && (box.value !== shown || document.activeElement === box);
      if (!typing) box.value = a ? a.response : "";
    } else {
      var keys = !a ? [] : Array.isArray(a.response) ? a.response : [a.response];
      v.inputs.forEach(function (inp) { inp.checked = keys.indexOf(inp.value) >= 0; });
    }
    this.showFeedback(it);
    this.showConfidence(it);
  };

  Quiz.prototype.restore = function () {
    var self = this;
    this.items.forEach(function (it) { self.restoreItem(it); });
    this.refresh();
  };

  /* Scores of the items of `items` (this quiz's bank by default) from FIRST answers:
   * {quiz: {correct, answered, total, practice}, cbm: {marks, answered, mean}, objectives, order}. */
  Quiz.prototype.scores = function (items) {
    var total = { correct: 0, answered: 0, total: 0, practice: 0 };
    var cbm = { marks: 0, answered: 0, mean: null };
    var objectives = {};
    var order = [];
    (items || this.bank.items).forEach(function (it) {
      if (!objectives[it.objective]) {
        objectives[it.objective] = { text: it.objective_text, correct: 0, answered: 0, total: 0, cbm_marks: 0, cbm_answered: 0 };
        order.push(it.objective);
      }
      var o = objectives[it.objective];
      o.total += 1;
      total.total += 1;
      var a = answerFor(it);
      if (!a) return;
      if (!a.first) {
        total.practice += 1;
        return;
      }
      o.answered += 1;
      total.answered += 1;
      if (a.first.correct) {
        o.correct += 1;
        total.correct += 1;
      }
      var m = cbmMarks(a.first);
      if (m !== null) {
        o.cbm_marks += m;
        o.cbm_answered += 1;
        cbm.marks += m;
        cbm.answered += 1;
      }
    });
    if (cbm.answered) cbm.mean = Math.round((cbm.marks / cbm.answered) * 100) / 100;
    return { quiz: total, cbm: cbm, objectives: objectives, order: order };
  };

  function signed(n) {
    return (n > 0 ? "+" : "") + n;
  }

  Quiz.prototype.refresh = function () {
    if (this.reviewMode) {
      this.refreshSchedule();
      return;
    }
    var s = this.scores();
    this.scoreLine.textContent =
      "Score: " + s.quiz.correct + " correct of " + s.quiz.answered + " answered (" + s.quiz.total +
      " questions; first answers count, re-tries are practice)." +
      (s.quiz.practice ? " " + s.quiz.practice + " more answered before first answers were recorded (practice, not counted)." : "");
    this.cbmLine.textContent = s.cbm.answered || cbmOn()
      ? "Confidence-based marks: " + signed(s.cbm.marks) + " from " + s.cbm.answered + " answer" +
        (s.cbm.answered === 1 ? "" : "s") + " with a confidence" +
        (s.cbm.answered ? " (mean " + s.cbm.mean + " per answer; at most 3)." : ".")
      : "";
    this.cbmLine.hidden = !this.cbmLine.textContent;
    var body = this.objBody;
    body.textContent = "";
    s.order.forEach(function (oid) {
      var o = s.objectives[oid];
      var tr = el("tr", { "data-objective": oid });
      tr.appendChild(el("th", { scope: "row" }, o.text));
      tr.appendChild(el("td", null, String(o.correct)));
      tr.appendChild(el("td", null, String(o.answered)));
      tr.appendChild(el("td", null, String(o.total)));
      tr.appendChild(el("td", null, o.cbm_answered ? signed(o.cbm_marks) : "-"));
      body.appendChild(tr);
    });
  };

  /* Review page: the due count and every card of this bank, next due first. */
  Quiz.prototype.refreshSchedule = function () {
    if (!this.schedBody) {
      this.scoreLine.textContent = "";
      this.cbmLine.hidden = true;
      return;
    }
    var now = Date.now();
    var cards = this.bank.items.filter(function (it) { return state.review[it.id] && answerFor(it); });
    cards.sort(function (a, b) { return Date.parse(state.review[a.id].due) - Date.parse(state.review[b.id].due) || (a.id < b.id ? -1 : 1); });
    var dueNow = cards.filter(function (it) { return Date.parse(state.review[it.id].due) <= now; }).length;
    var answered = this.bank.items.filter(function (it) { return answerFor(it); }).length;
    this.scoreLine.textContent = dueNow + " due now; " + cards.length + " question" + (cards.length === 1 ? "" : "s") +
      " scheduled (every question you have answered: " + answered + ")." +
      (cards.length ? "" : " Answer questions in the chapters' quizzes and they are scheduled here.");
    this.cbmLine.hidden = true;
    var body = this.schedBody;
    body.textContent = "";
    cards.forEach(function (it) {
      var c = state.review[it.id];
      var tr = el("tr", { "data-item": it.id });
      // the stem's text (build-time HTML read by an inert DOMParser document, shown as text)
      var stem = (new DOMParser().parseFromString(String(it.stem), "text/html").body.textContent || "").replace(/\s+/g, " ").trim();
      tr.appendChild(el("th", { scope: "row" }, it.chapter_title + ": " +
        (stem.length > 90 ? stem.slice(0, 88) + "…" : stem)));
      tr.appendChild(el("td", { className: "bm-due" }, Date.parse(c.due) <= now ? "due now" : dateText(c.due)));
      tr.appendChild(el("td", null, String(c.reps)));
      tr.appendChild(el("td", null, String(c.lapses)));
      body.appendChild(tr);
    });
  };

  Quiz.prototype.reset = function () {
    if (!window.confirm("Clear your answers to the " + this.items.length + " questions of this quiz?")) return;
    var self = this;
    var before = snapshot();
    var removed = {};
    var cards = {};
    backup("reset");
    commit(function (s) {
      self.items.forEach(function (it) {
        if (s.answers[it.id]) removed[it.id] = s.answers[it.id];
        if (s.review[it.id]) cards[it.id] = s.review[it.id];
        delete s.answers[it.id];
        delete s.review[it.id];
      });
    });
    syncAll(before);
    var n = Object.keys(removed).length;
    this.say("Answers cleared (" + n + ").", n ? function () {
      var b2 = snapshot();
      commit(function (s) {
        Object.keys(removed).forEach(function (id) {
          if (s.answers[id]) return;
          s.answers[id] = removed[id];
          if (cards[id] && !s.review[id]) s.review[id] = cards[id];
        });
      });
      syncAll(b2);
      self.say("Reset undone: " + n + " answer" + (n > 1 ? "s" : "") + " restored.");
    } : null);
  };

  // ------------------------------------------------------------------ export / import

  function allItems() {
    var out = {};
    quizzes.forEach(function (q) { q.bank.items.forEach(function (it) { out[it.id] = it; }); });
    return out;
  }

  function csvCell(v) {
    var s = String(v == null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // no formula injection when opened in a spreadsheet
    // quoted when it holds a separator of any locale (, or ;), a quote or a line break: a
    // ";"-separated spreadsheet cannot split "1;=cmd" into a formula cell
    return /[",;\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* Everything saved, in format version 2 (what `bonemets quiz analyse` and the Jupyter quiz
   * read): per item the latest answer, the number of checks and the first answer (null when it
   * is unknown), the FSRS cards, and the scores from first answers. */
  Quiz.prototype.exportData = function () {
    var items = allItems();
    var answers = {};
    Object.keys(state.answers).sort().forEach(function (id) {
      var stored = state.answers[id];
      var it = items[id];
      var a = it ? answerFor(it) : null;
      var first = a ? a.first : stored.first || null; // kept as stored when not on this page
      if (!a) a = stored; // kept as it was stored (malformed for this bank): never dropped
      answers[id] = {
        type: it ? it.type : stored.type || (Array.isArray(stored.response) ? "multiple" : null),
        chapter: it ? it.chapter : id.split(".")[0],
        objective: it ? it.objective : null,
        response: a.response,
        correct: it ? grade(it, a.response) : !!stored.correct,
        time: stored.time || null,
        attempts: stored.attempts || 1,
        first: first ? { response: first.response, correct: !!first.correct, confidence: cleanConfidence(first.confidence), time: first.time || null } : null
      };
    });
    var cards = {};
    Object.keys(state.review).sort().forEach(function (id) {
      if (answers[id]) cards[id] = state.review[id];
    });
    var quizScores = {};
    var objectiveScores = {};
    var cbmScores = {};
    quizzes.forEach(function (q) {
      var s = q.scores();
      quizScores[q.bank.selection] = s.quiz;
      cbmScores[q.bank.selection] = s.cbm;
      s.order.forEach(function (oid) {
        var o = s.objectives[oid];
        objectiveScores[oid] = { correct: o.correct, answered: o.answered, total: o.total };
      });
    });
    return {
      format: FORMAT,
      version: VERSION,
      exported: new Date().toISOString(),
      seed: state.seed,
      answers: answers,
      review: cards,
      scores: { quizzes: quizScores, objectives: objectiveScores, cbm: cbmScores }
    };
  };

  /* The CSV columns of format version 2 (one row per answered item; no review cards). */
  var CSV_COLUMNS = ["item_id", "chapter", "objective", "type", "first_response", "first_correct", "confidence", "response", "correct", "answered_at", "attempts", "seed"];

  function joined(r) {
    return Array.isArray(r) ? r.join("|") : r;
  }

  Quiz.prototype.exportFile = function (kind) {
    var data = this.exportData();
    var text, type, name;
    if (kind === "json") {
      text = JSON.stringify(data, null, 2);
      type = "application/json";
      name = "quiz-results.json";
    } else {
      var rows = [CSV_COLUMNS];
      Object.keys(data.answers).forEach(function (id) {
        var a = data.answers[id];
        var f = a.first;
        rows.push([id, a.chapter, a.objective || "", a.type || "",
          f ? joined(f.response) : "", f ? (f.correct ? "true" : "false") : "", f && f.confidence ? f.confidence : "",
          joined(a.response), a.correct ? "true" : "false", a.time || "", a.attempts, data.seed]);
      });
      text = rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
      type = "text/csv";
      name = "quiz-results.csv";
    }
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    this.say("Exported " + Object.keys(data.answers).length + " answers as " + name + ".");
  };

  function parseCsv(text) {
    var rows = [];
    var row = [];
    var cell = "";
    var q = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (q) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') q = false;
        else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") {
        row.push(cell);
        cell = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
      } else cell += ch;
    }
    if (cell !== "" || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows.filter(function (r) { return r.length > 1 || r[0] !== ""; });
  }

  function unquoteCell(s) {
    return s.charAt(0) === "'" && /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
  }

  /* Read a results file (JSON or CSV, format version 1 or 2): {answers, cards, seed, ignored}.
   * Everything is untrusted: every answer is checked (its id, its shape for the item's kind from
   * this page's banks, the file or what is stored, sizes, the number grammar), right or wrong is
   * graded again here, and every review card is checked (numbers in range, dates). */
  function readImport(text) {
    if (typeof text !== "string") throw new Error("unreadable file");
    if (text.length > MAX_FILE) throw new Error("the file is too large for a quiz results file");
    var items = allItems();
    var raw = Object.create(null);
    var rawCards = null;
    var seed = null;
    var fallbackTime = null;
    var t = text.replace(/^\uFEFF/, "").trim();
    if (t === "") throw new Error("the file is empty");
    if (t.charAt(0) === "{") {
      var d;
      try {
        d = JSON.parse(t);
      } catch (e) {
        throw new Error("not valid JSON");
      }
      if (!d || d.format !== FORMAT || !d.answers || typeof d.answers !== "object" || Array.isArray(d.answers)) {
        throw new Error("not a quiz results file");
      }
      if (own(d, "version") && d.version !== 1 && d.version !== VERSION) {
        throw new Error("the file is of format version " + String(d.version).slice(0, 20) + "; this quiz reads versions 1 and " + VERSION);
      }
      if (own(d, "review") && (d.review === null || typeof d.review !== "object" || Array.isArray(d.review))) {
        throw new Error("its review schedule is not a mapping of question ids to cards");
      }
      if (typeof d.seed === "number" && isFinite(d.seed)) seed = d.seed >>> 0;
      if (typeof d.exported === "string" && isFinite(Date.parse(d.exported))) fallbackTime = d.exported;
      raw = d.answers;
      rawCards = d.review || null;
    } else {
      var rows = parseCsv(t);
      var head = rows.shift() || [];
      if (head.length > MAX_COLUMNS) {
        throw new Error("the header has " + head.length + " columns; a quiz results file has at most " + MAX_COLUMNS);
      }
      var pos = {}; // column positions, found once
      ["item_id", "response", "type", "answered_at", "attempts", "correct", "seed", "first_response", "first_correct", "confidence"].forEach(function (n) {
        pos[n] = head.indexOf(n);
      });
      if (pos.item_id < 0 || pos.response < 0) throw new Error("not a quiz results file");
      var v2 = pos.first_response >= 0;
      var cell = function (r, n) { return pos[n] >= 0 && typeof r[pos[n]] === "string" ? r[pos[n]] : null; };
      rows.slice(0, MAX_ANSWERS + 1).forEach(function (r, i) {
        if (r.length > MAX_COLUMNS) {
          throw new Error("row " + (i + 2) + " has " + r.length + " cells; a quiz results file has at most " + MAX_COLUMNS);
        }
        var id = cell(r, "item_id") || "";
        if (Object.prototype.hasOwnProperty.call(raw, id)) id = "";
        var entry = {
          response: unquoteCell(cell(r, "response") || ""),
          type: cell(r, "type"),
          time: cell(r, "answered_at"),
          attempts: cell(r, "attempts"),
          correct: cell(r, "correct") === "true",
          csv: true
        };
        if (v2) {
          var fr = unquoteCell(cell(r, "first_response") || "");
          // the CSV has no time of the first answer: known only when it is the latest answer
          entry.first = fr === "" && cell(r, "first_correct") === "" ? null : {
            response: fr,
            correct: cell(r, "first_correct") === "true",
            confidence: cell(r, "confidence"),
            time: String(entry.attempts) === "1" ? entry.time : null
          };
        }
        raw[id || "#" + Object.keys(raw).length] = entry;
        var sd = cell(r, "seed");
        if (seed === null && sd && /^[0-9]{1,10}$/.test(sd)) seed = Number(sd) >>> 0;
      });
    }
    var ids = Object.keys(raw);
    if (ids.length > MAX_ANSWERS) throw new Error("the file has more than " + MAX_ANSWERS + " answers");
    var answers = {};
    var ignored = 0;
    var practice = 0;
    ids.forEach(function (id) {
      var it = ID_RE.test(id) ? items[id] : null;
      var stored = ID_RE.test(id) ? state.answers[id] : null;
      var given = raw[id];
      var type = it ? it.type : given && TYPES.indexOf(given.type) >= 0 ? given.type : stored && stored.type;
      if (given && given.csv && !it && !type && given.response === "") type = "multiple";
      var a = ID_RE.test(id) ? cleanAnswer(given, type) : null;
      // a typed number must fit the engine's grammar (what the quiz itself accepts)
      if (a && a.type === "numeric" && (!isFinite(parseNumber(a.response)) || (a.first && !isFinite(parseNumber(a.first.response))))) {
        a = null;
      }
      if (a && it) {
        a.response = fitResponse(it, a.response);
        if (a.first) a.first.response = fitResponse(it, a.first.response);
        if (!validResponse(it, a.response) || (a.first && !validResponse(it, a.first.response))) a = null;
        else {
          a.correct = grade(it, a.response);
          if (a.first) a.first.correct = grade(it, a.first.response);
        }
      }
      if (!a) {
        ignored += 1;
        return;
      }
      if (!a.time && fallbackTime) a.time = fallbackTime;
      if (a.first && !a.first.time && a.attempts === 1) a.first.time = a.time;
      if (!a.first) practice += 1;
      answers[id] = a;
    });
    var cards = cleanCards(rawCards, answers);
    return { answers: answers, cards: cards.cards, seed: seed, ignored: ignored + cards.dropped, practice: practice };
  }

  /* JSON text with the keys of every object sorted: equal values give equal text. */
  function canonical(v) {
    if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
    if (v && typeof v === "object") {
      return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v === undefined ? null : v);
  }

  function same(a, b) {
    return canonical(a) === canonical(b);
  }

  /* One item's answer after an import: the newer latest answer, the first answer that is known
   * to be first (the stored one, unless the file's is dated earlier). */
  function mergeAnswer(mine, theirs) {
    if (!mine) return theirs;
    var latest = timeOf(theirs) > timeOf(mine) ? theirs : mine;
    var first = mine.first || null;
    if (!first) first = theirs.first || null;
    else if (theirs.first && theirs.first.time && first.time &&
      Date.parse(theirs.first.time) < Date.parse(first.time)) first = theirs.first;
    var out = {
      response: latest.response,
      time: latest.time,
      // checks: the stored count unless the file holds the newer answer (then the larger one)
      attempts: latest === mine ? mine.attempts || 1 : Math.max(mine.attempts || 1, theirs.attempts || 1),
      correct: latest.correct,
      first: first
    };
    var type = mine.type || theirs.type;
    if (type) out.type = type;
    return same(out, mine) ? mine : out;
  }

  /* What an import would do to the stored progress (read afresh), item by item. */
  function planImport(got) {
    var current = readStored();
    if (current) state = current;
    var plan = { add: [], change: [], keep: [], cards: [], ignored: got.ignored, practice: got.practice || 0, got: got, trimmed: 0, merged: {} };
    var merged = {};
    Object.keys(state.answers).forEach(function (id) { merged[id] = state.answers[id]; });
    Object.keys(got.answers).forEach(function (id) {
      var mine = state.answers[id];
      var result = mergeAnswer(mine, got.answers[id]);
      if (!mine) plan.add.push(id);
      else if (result === mine) plan.keep.push(id);
      else plan.change.push(id);
      merged[id] = result;
      plan.merged[id] = result;
    });
    Object.keys(got.cards || {}).forEach(function (id) {
      var mine = state.review[id];
      if (!mine || newerCard(got.cards[id], mine)) plan.cards.push(id);
    });
    // Over the cap: the oldest answers to questions not on this page are set aside (said in the
    // preview; the stored progress is backed up first), answers to this page's questions never.
    var removed = capAnswers(merged);
    plan.trimmed = Object.keys(removed).length;
    plan.add = plan.add.filter(function (id) { return !removed[id]; });
    plan.change = plan.change.filter(function (id) { return !removed[id]; });
    plan.cards = plan.cards.filter(function (id) { return !removed[id]; });
    return plan;
  }

  function planText(plan) {
    var n = function (k, one, many) { return k + " " + (k === 1 ? one : many); };
    return n(plan.add.length, "answer", "answers") + " added, " +
      plan.change.length + " changed (a newer answer, or an earlier first answer, in the file), " +
      plan.keep.length + " kept (yours are the same or newer)" +
      (plan.cards.length ? ", " + n(plan.cards.length, "review card", "review cards") + " added or updated" : "") +
      (plan.ignored ? ", " + plan.ignored + " ignored (not valid for these questions)" : "") +
      (plan.practice ? ", " + plan.practice + " with no known first answer (kept as practice, not counted)" : "") +
      (plan.trimmed ? ", " + plan.trimmed + " set aside to stay within " + MAX_ANSWERS +
        " answers (the oldest, to questions not on this page; a copy of your progress is kept " +
        "in this browser, " + BACKUP_KEY + ")" : "") +
      ". Answers that are not in the file are kept" + (plan.trimmed ? " unless set aside" : "") + ".";
  }

  /* Apply a planned import: merge, keep a backup, return an undo function. */
  function applyImport(plan) {
    var before = snapshot();
    var previous = {};
    var previousCards = {};
    var setAside = {};
    var ids = plan.add.concat(plan.change);
    var applied = {};
    backup("import");
    var reseed = false;
    commit(function (s) {
      if (plan.got.seed !== null && !Object.keys(s.answers).length && s.seed !== plan.got.seed) {
        s.seed = plan.got.seed; // a fresh browser takes the exported option order
        reseed = true;
      }
      ids.forEach(function (id) {
        var mine = s.answers[id];
        var result = mergeAnswer(mine, plan.got.answers[id]);
        if (mine && result === mine) return;
        previous[id] = mine || null;
        s.answers[id] = result;
        applied[id] = result;
      });
      plan.cards.forEach(function (id) {
        var mine = s.review[id];
        var theirs = plan.got.cards[id];
        if (!s.answers[id] || (mine && !newerCard(theirs, mine))) return;
        previousCards[id] = mine || null;
        s.review[id] = theirs;
      });
      var removed = capAnswers(s.answers, s.review);
      Object.keys(removed).forEach(function (id) {
        if (Object.prototype.hasOwnProperty.call(previous, id)) {
          delete previous[id]; // an incoming answer that did not fit: as if never imported
          if (removed[id] !== applied[id]) setAside[id] = removed[id];
        } else {
          setAside[id] = removed[id];
        }
      });
    });
    if (reseed) refreshAll(true);
    else refreshReview(before);
    return function undo() {
      var b2 = snapshot();
      commit(function (s) {
        Object.keys(previous).forEach(function (id) {
          if (!s.answers[id] || !same(s.answers[id], applied[id])) return; // changed since
          if (previous[id]) s.answers[id] = previous[id];
          else {
            delete s.answers[id];
            delete s.review[id];
          }
        });
        Object.keys(previousCards).forEach(function (id) {
          if (!s.answers[id] || !same(s.review[id], plan.got.cards[id])) return; // changed since
          if (previousCards[id]) s.review[id] = previousCards[id];
          else delete s.review[id];
        });
        Object.keys(setAside).forEach(function (id) {
          if (!s.answers[id]) s.answers[id] = setAside[id]; // back what the cap set aside
        });
      });
      refreshReview(b2);
      return Object.keys(previous).length;
    };
  }

  /* After an import (or its undo): the review page is drawn again (what is due may have
   * changed); a chapter's quiz updates the items that changed. */
  function refreshReview(before) {
    if (quizzes.some(function (q) { return q.reviewMode; })) {
      quizzes.forEach(function (q) { if (q.reviewMode) q.render(); });
    }
    syncAll(before);
  }

  Quiz.prototype.closePanel = function () {
    this.panel.textContent = "";
    this.panel.hidden = true;
  };

  Quiz.prototype.preview = function (name, text) {
    var self = this;
    var plan;
    try {
      plan = planImport(readImport(text));
    } catch (e) {
      this.closePanel();
      this.say("Could not import " + name + ": " + (e && e.message ? e.message : "unreadable file") + ". Nothing changed.");
      return;
    }
    if (!plan.add.length && !plan.change.length) {
      this.closePanel();
      var total = plan.keep.length + plan.ignored;
      this.say(total
        ? "Nothing to import from " + name + ": " + planText(plan)
        : "The file " + name + " has no answers. Nothing changed.");
      return;
    }
    this.closePanel();
    this.panel.appendChild(el("p", { className: "bm-import-summary" }, "Import " + name + ": " + planText(plan)));
    var apply = el("button", { type: "button", className: "bm-btn bm-apply" }, "Apply import");
    var cancel = el("button", { type: "button", className: "bm-btn bm-cancel" }, "Cancel");
    apply.addEventListener("click", function () {
      self.closePanel();
      var undo = applyImport(planImport(plan.got));
      var q = quizzes.indexOf(self) >= 0 ? self : quizzes[0];
      q.say("Imported from " + name + ": " + planText(plan), function () {
        var n = undo();
        q.say("Import undone: " + n + " answer" + (n === 1 ? "" : "s") + " restored to what they were.");
      });
    });
    cancel.addEventListener("click", function () {
      self.closePanel();
      self.say("Import cancelled. Nothing changed.");
    });
    this.panel.appendChild(apply);
    this.panel.appendChild(document.createTextNode(" "));
    this.panel.appendChild(cancel);
    this.panel.hidden = false;
    apply.focus();
  };

  Quiz.prototype.importFile = function (input) {
    var self = this;
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX_FILE * 4) {
      this.say("Could not import " + file.name + ": the file is too large for a quiz results file. Nothing changed.");
      input.value = "";
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      self.preview(file.name, String(reader.result));
      input.value = "";
    };
    reader.onerror = function () {
      self.say("Could not read " + file.name + ". Nothing changed.");
      input.value = "";
    };
    reader.readAsText(file);
  };

  // ------------------------------------------------------------------ page

  function snapshot() {
    return JSON.parse(JSON.stringify(state.answers));
  }

  /* After the stored answers changed (here or in another tab): update the items whose answer
   * changed, keep text being typed, refresh the scores. `self` (an item id) was just answered. */
  function syncAll(before, selfId) {
    quizzes.forEach(function (q) {
      q.items.forEach(function (it) {
        if (it.id === selfId) return;
        var was = before[it.id];
        var now = state.answers[it.id];
        if (JSON.stringify(was || null) !== JSON.stringify(now || null)) {
          q.restoreItem(it, was || null);
        }
      });
      q.refresh();
      q.showWarning();
    });
  }

  function refreshAll(full) {
    quizzes.forEach(function (q) {
      if (full) q.render();
      else q.refresh();
    });
  }

  function init() {
    var roots = document.querySelectorAll(".bm-quiz[data-bank]");
    var banks = [];
    pageItemIds = [];
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      var dataEl = document.getElementById(root.getAttribute("data-bank"));
      if (!dataEl) continue;
      var bank;
      try {
        bank = JSON.parse(dataEl.textContent);
      } catch (e) {
        root.textContent = "The quiz data could not be read.";
        continue;
      }
      banks.push([root, bank]);
      pageBanks.push(bank);
      if (bank && Array.isArray(bank.items)) {
        bank.items.forEach(function (it) { if (it && typeof it.id === "string") pageItemIds.push(it.id); });
      }
    }
    trimOverLimit();
    for (var j = 0; j < banks.length; j++) {
      root = banks[j][0];
      bank = banks[j][1];
      try {
        quizzes.push(new Quiz(root, bank));
      } catch (e) {
        root.textContent = "This quiz could not be shown.";
      }
    }
    window.bonemetsQuiz = {
      state: function () { return JSON.parse(JSON.stringify(state)); },
      quizzes: quizzes,
      exportData: function () { return quizzes.length ? quizzes[0].exportData() : null; },
      /** Merge a results file's text with no confirmation (tests, scripts): answers added or changed. */
      importText: function (text) {
        var plan = planImport(readImport(text));
        applyImport(plan);
        return plan.add.length + plan.change.length;
      },
      /** What importing `text` would do: {added, changed, kept, cards, ignored, practice, trimmed}. */
      preview: function (text) {
        var plan = planImport(readImport(text));
        return { added: plan.add.length, changed: plan.change.length, kept: plan.keep.length, cards: plan.cards.length, ignored: plan.ignored, practice: plan.practice, trimmed: plan.trimmed };
      },
      backup: function () {
        var raw = readRaw(BACKUP_KEY);
        try {
          return raw ? JSON.parse(raw) : null;
        } catch (e) {
          return null;
        }
      },
      storageProblem: function () { return storageProblem; }
    };
  }

  // Another tab changed the progress: follow it, item by item (text being typed is kept).
  window.addEventListener("storage", function (ev) {
    if (ev.key !== KEY && ev.key !== null) return;
    var before = snapshot();
    var seed = state.seed;
    var current = readStored();
    if (!current) return;
    var cbm = cbmOn();
    state = current;
    if (state.seed !== seed) refreshAll(true);
    else {
      if (cbm !== cbmOn()) {
        quizzes.forEach(function (q) {
          q.cbmBox.checked = cbmOn();
          q.items.forEach(function (it) { q.showConfidence(it); });
        });
      }
      syncAll(before);
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
