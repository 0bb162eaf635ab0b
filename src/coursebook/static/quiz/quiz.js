/* Self-assessment quiz of "Bone Metastases: an interactive course" (static site, no kernel).
 *
 * Each quiz is a <div class="bm-quiz" data-bank="ID"> followed by its bank, embedded at build time
 * as <script type="application/json" id="ID">. The bank's stems, options, explanations and
 * citations are HTML rendered at BUILD time by bonemets.quiz.build (Markdown with raw HTML
 * escaped); nothing typed by a learner or read from an imported file is ever inserted as HTML.
 *
 * Progress lives in localStorage ("bonemets-quiz:v1"): a per-learner seed (which fixes the option
 * order) and the latest answer to each item, with its kind and the time it was given. Export (JSON,
 * CSV) and import restore it elsewhere. No network, no external script.
 *
 * Progress is never lost:
 *  - every write re-reads the stored state and changes only the items it means to change, so two
 *    tabs never overwrite each other; a `storage` event from another tab updates the items it
 *    changed without touching text being typed;
 *  - import MERGES (per item, the newer answer wins) after a panel shows what will change, and
 *    can be undone; reset can be undone too;
 *  - before an import, a reset or a migration the previous state is copied to one backup key
 *    ("bonemets-quiz:backup");
 *  - a stored state of another version or shape is migrated (every valid answer kept), never wiped;
 *  - every answer read from storage or from a file is checked against its item (kind, keys, size)
 *    and ignored, with a message, if malformed; grading never sees anything but strings;
 *  - storage full or blocked is shown to the learner with a prompt to export.
 */
(function () {
  "use strict";

  var KEY = "bonemets-quiz:v1";
  var BACKUP_KEY = "bonemets-quiz:backup";
  var VERSION = 1;
  var FORMAT = "bonemets-quiz-results";
  var ID_RE = /^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$/;
  var KEY_RE = /^[a-z0-9][a-z0-9_]*$/;
  var TYPES = ["single", "multiple", "numeric"];
  // Size caps for anything read from storage or a file.
  var MAX_FILE = 2000000; // characters
  var MAX_ANSWERS = 5000;
  var MAX_TEXT = 40; // a typed numeric answer
  var MAX_KEYS = 26; // options of one item
  var MAX_COLUMNS = 32; // cells in one row of a CSV results file
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
    return { version: VERSION, seed: newSeed(), answers: {} };
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

  /* The shape of one answer, whatever its source: a clean copy, or null if malformed.
   * `type` is the item's kind when known (bank on this page, stored answer, file). */
  function cleanAnswer(a, type) {
    if (!a || typeof a !== "object" || Array.isArray(a)) return null;
    var r = a.response;
    var kind = TYPES.indexOf(type) >= 0 ? type : TYPES.indexOf(a.type) >= 0 ? a.type : null;
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
    var out = { response: r, time: null, attempts: 1, correct: a.correct === true };
    if (kind) out.type = kind;
    if (typeof a.time === "string" && a.time.length <= MAX_TEXT && isFinite(Date.parse(a.time))) {
      out.time = a.time;
    }
    var n = Number(a.attempts);
    if (isFinite(n) && n >= 1 && n <= 1e6) out.attempts = Math.floor(n);
    return out;
  }

  /* Any stored object -> a current state, and whether anything had to change (migration). */
  function migrate(s) {
    var changed = false;
    var out = { version: VERSION, seed: 0, answers: {} };
    if (!s || typeof s !== "object" || Array.isArray(s)) {
      return { state: freshState(), changed: true, dropped: 0 };
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
    var dropped = 0;
    var answers = s.answers && typeof s.answers === "object" && !Array.isArray(s.answers) ? s.answers : {};
    if (answers !== s.answers) changed = true;
    Object.keys(answers).forEach(function (id) {
      var a = ID_RE.test(id) ? cleanAnswer(answers[id], null) : null;
      if (a) out.answers[id] = a;
      else dropped += 1;
    });
    if (dropped) changed = true;
    // Over MAX_ANSWERS is not trimmed here: which answers belong to this page is known only once
    // its banks are read (trimOverLimit, at init; readStored, later).
    return { state: out, changed: changed, dropped: dropped };
  }

  /* The ids of every question on this page (its banks); their answers are never dropped. */
  var pageItemIds = null; // set by init from this page's banks
  var pageBanks = []; // this page's banks, read by init

  function pageIds() {
    var out = Object.create(null);
    (pageItemIds || []).forEach(function (id) { out[id] = true; });
    quizzes.forEach(function (q) { q.items.forEach(function (it) { out[it.id] = true; }); });
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
    var n = Object.keys(capAnswers(state.answers)).length;
    writeRaw(KEY, JSON.stringify(state));
    notice = (notice ? notice + " " : "") + n + " saved answer" + (n > 1 ? "s" : "") +
      " over the limit of " + MAX_ANSWERS + " (the oldest, to questions not on this page) " +
      (n > 1 ? "were" : "was") + " set aside; a copy of the saved progress was kept in this " +
      "browser (" + BACKUP_KEY + ").";
  }

  /* Keep at most MAX_ANSWERS answers, in place. Answers to questions on this page are never
   * dropped; the others (questions on other pages, or no longer in the course: this page cannot
   * tell) go oldest first. Returns the dropped answers by id (the caller backs up and says so). */
  function capAnswers(answers) {
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
      capAnswers(m.state.answers); // written by another tab: copied before anything is dropped
    }
    return m.state;
  }

  function loadState() {
    var raw = readRaw(KEY);
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
      if (backup("unreadable", raw)) {
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
    if (m.changed) {
      // Rewrite the stored state only once a copy of it is kept (else it stays as it was).
      if (backup("migration", raw)) writeRaw(KEY, JSON.stringify(m.state));
      if (m.dropped) {
        notice = m.dropped + " saved answer" + (m.dropped > 1 ? "s were" : " was") +
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
      if (!Object.keys(current.answers).length) current.seed = state.seed;
      state = current;
    }
    change(state);
    return keepStored ? false : writeRaw(KEY, JSON.stringify(state));
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

  /* The stored answer to `item` if it fits the item, else null (a malformed one is ignored). */
  function answerFor(item) {
    var a = state.answers[item.id];
    if (!a) return null;
    var r = a.response;
    if (item.type === "multiple" && typeof r === "string") r = r === "" ? [] : r.split("|");
    if (item.type === "single" && Array.isArray(r) && r.length === 1) r = r[0];
    if (!validResponse(item, r)) return null;
    return { response: r, time: a.time, attempts: a.attempts };
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
    this.items = bank.items;
    this.byId = {};
    this.views = {};
    var self = this;
    this.items.forEach(function (it) { self.byId[it.id] = it; });
    this.render();
  }

  Quiz.prototype.render = function () {
    var self = this;
    var root = this.root;
    var qid = safeId(root.getAttribute("data-bank"));
    root.textContent = "";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Quiz: " + this.bank.title);

    var head = el("div", { className: "bm-quiz-head" });
    head.appendChild(el("p", { className: "bm-quiz-title" }, "Quiz: " + this.bank.title));
    this.help = el("p", { className: "bm-quiz-help" });
    head.appendChild(this.help);
    this.scoreLine = el("p", { className: "bm-quiz-score", id: qid + "-score" });
    head.appendChild(this.scoreLine);
    var tools = el("div", { className: "bm-quiz-tools", role: "group", "aria-label": "Quiz progress" });
    var bJson = el("button", { type: "button", className: "bm-btn" }, "Export JSON");
    var bCsv = el("button", { type: "button", className: "bm-btn" }, "Export CSV");
    var impId = qid + "-import";
    var impLabel = el("label", { className: "bm-import-label", for: impId }, "Import results (JSON or CSV):");
    var imp = el("input", { type: "file", id: impId, className: "bm-import", accept: ".json,.csv,application/json,text/csv" });
    var bReset = el("button", { type: "button", className: "bm-btn bm-reset" }, "Reset this quiz");
    bJson.addEventListener("click", function () { self.exportFile("json"); });
    bCsv.addEventListener("click", function () { self.exportFile("csv"); });
    imp.addEventListener("change", function () { self.importFile(imp); });
    bReset.addEventListener("click", function () { self.reset(); });
    [bJson, bCsv, impLabel, imp, bReset].forEach(function (n) { tools.appendChild(n); });
    head.appendChild(tools);
    this.status = el("div", { className: "bm-quiz-status", role: "status", "aria-live": "polite" });
    head.appendChild(this.status);
    this.panel = el("div", { className: "bm-import-panel", role: "group", "aria-label": "Import preview" });
    this.panel.hidden = true;
    head.appendChild(this.panel);
    this.warning = el("p", { className: "bm-quiz-warning", role: "alert" });
    head.appendChild(this.warning);
    root.appendChild(head);
    this.showWarning();

    var list = el("ol", { className: "bm-quiz-items" });
    this.items.forEach(function (it, i) {
      var li = el("li", { className: "bm-quiz-li" });
      li.appendChild(self.renderItem(it, i));
      list.appendChild(li);
    });
    root.appendChild(list);

    var table = el("table", { className: "bm-quiz-objectives" });
    table.appendChild(el("caption", null, "Score by learning objective"));
    var thead = el("thead");
    var hr = el("tr");
    ["Learning objective", "Correct", "Answered", "Questions"].forEach(function (h) {
      hr.appendChild(el("th", { scope: "col" }, h));
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    this.objBody = el("tbody");
    table.appendChild(this.objBody);
    root.appendChild(table);
    this.restore();
    typeset(root);
  };

  Quiz.prototype.showWarning = function () {
    var saved = storageProblem === null;
    this.help.textContent = this.items.length + " questions. " + (saved
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

  Quiz.prototype.renderItem = function (it, index) {
    var self = this;
    var base = "q-" + safeId(it.id);
    var fs = el("fieldset", { className: "bm-q bm-q-" + it.type, id: base, "data-item": it.id });
    var legendId = base + "-legend";
    var stemId = base + "-stem";
    var legend = el("legend", { id: legendId },
      "Question " + (index + 1) + " of " + this.items.length +
      (it.type === "multiple" ? " (select all that apply)" : ""));
    fs.appendChild(legend);
    fs.appendChild(el("p", { className: "bm-q-meta" }, "Objective: " + it.objective_text));
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
    var view = { fs: fs, inputs: [] };
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
      shuffled(it.options, it.id).forEach(function (o) {
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
    var btn = el("button", { type: "button", className: "bm-btn bm-check" }, "Check answer");
    btn.addEventListener("click", function () { self.check(it); });
    fs.appendChild(btn);
    view.feedback = el("div", { className: "bm-feedback", role: "status", "aria-live": "polite", id: base + "-feedback" });
    fs.appendChild(view.feedback);
    this.views[it.id] = view;
    return fs;
  };

  Quiz.prototype.response = function (it) {
    var v = this.views[it.id];
    if (it.type === "numeric") return v.inputs[0].value.trim();
    var keys = v.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    if (it.type === "single") return keys.length ? keys[0] : null;
    return keys;
  };

  Quiz.prototype.check = function (it) {
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
    var before = snapshot();
    var entry = { response: resp, correct: grade(it, resp), time: new Date().toISOString(), attempts: 1, type: it.type };
    commit(function (s) {
      var prev = s.answers[it.id];
      entry.attempts = (prev && prev.attempts ? prev.attempts : 0) + 1;
      s.answers[it.id] = entry;
    });
    this.showFeedback(it);
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
   * typed: a numeric box that differs from it, or has the focus, keeps what is in it. */
  Quiz.prototype.restoreItem = function (it, previous) {
    var v = this.views[it.id];
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
  };

  Quiz.prototype.restore = function () {
    var self = this;
    this.items.forEach(function (it) { self.restoreItem(it); });
    this.refresh();
  };

  Quiz.prototype.scores = function () {
    var total = { correct: 0, answered: 0, total: this.items.length };
    var objectives = {};
    var order = [];
    this.items.forEach(function (it) {
      if (!objectives[it.objective]) {
        objectives[it.objective] = { text: it.objective_text, correct: 0, answered: 0, total: 0 };
        order.push(it.objective);
      }
      var o = objectives[it.objective];
      o.total += 1;
      var a = answerFor(it);
      if (a) {
        var ok = grade(it, a.response);
        o.answered += 1;
        total.answered += 1;
        if (ok) {
          o.correct += 1;
          total.correct += 1;
        }
      }
    });
    return { quiz: total, objectives: objectives, order: order };
  };

  Quiz.prototype.refresh = function () {
    var s = this.scores();
    this.scoreLine.textContent =
      "Score: " + s.quiz.correct + " correct of " + s.quiz.answered + " answered (" + s.quiz.total + " questions).";
    var body = this.objBody;
    body.textContent = "";
    s.order.forEach(function (oid) {
      var o = s.objectives[oid];
      var tr = el("tr", { "data-objective": oid });
      tr.appendChild(el("th", { scope: "row" }, o.text));
      tr.appendChild(el("td", null, String(o.correct)));
      tr.appendChild(el("td", null, String(o.answered)));
      tr.appendChild(el("td", null, String(o.total)));
      body.appendChild(tr);
    });
  };

  Quiz.prototype.reset = function () {
    if (!window.confirm("Clear your answers to the " + this.items.length + " questions of this quiz?")) return;
    var self = this;
    var before = snapshot();
    var removed = {};
    backup("reset");
    commit(function (s) {
      self.items.forEach(function (it) {
        if (s.answers[it.id]) removed[it.id] = s.answers[it.id];
        delete s.answers[it.id];
      });
    });
    syncAll(before);
    var n = Object.keys(removed).length;
    this.say("Answers cleared (" + n + ").", n ? function () {
      var b2 = snapshot();
      commit(function (s) {
        Object.keys(removed).forEach(function (id) {
          if (!s.answers[id]) s.answers[id] = removed[id];
        });
      });
      syncAll(b2);
      self.say("Reset undone: " + n + " answer" + (n > 1 ? "s" : "") + " restored.");
    } : null);
  };

  // ------------------------------------------------------------------ export / import

  function allItems() {
    var out = {};
    quizzes.forEach(function (q) { q.items.forEach(function (it) { out[it.id] = it; }); });
    return out;
  }

  function csvCell(v) {
    var s = String(v == null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // no formula injection when opened in a spreadsheet
    // quoted when it holds a separator of any locale (, or ;), a quote or a line break: a
    // ";"-separated spreadsheet cannot split "1;=cmd" into a formula cell
    return /[",;\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  Quiz.prototype.exportData = function () {
    var items = allItems();
    var answers = {};
    Object.keys(state.answers).sort().forEach(function (id) {
      var stored = state.answers[id];
      var it = items[id];
      var a = it ? answerFor(it) : stored;
      if (!a) a = stored; // kept as it was stored (malformed for this bank): never dropped
      answers[id] = {
        response: a.response,
        type: it ? it.type : stored.type || (Array.isArray(stored.response) ? "multiple" : null),
        correct: it ? grade(it, a.response) : !!stored.correct,
        time: stored.time || null,
        attempts: stored.attempts || 1,
        chapter: it ? it.chapter : id.split(".")[0],
        objective: it ? it.objective : null
      };
    });
    var quizScores = {};
    var objectiveScores = {};
    quizzes.forEach(function (q) {
      var s = q.scores();
      quizScores[q.bank.selection] = s.quiz;
      s.order.forEach(function (oid) {
        var o = s.objectives[oid];
        objectiveScores[oid] = { correct: o.correct, answered: o.answered, total: o.total };
      });
    });
    return {
      format: FORMAT,
      version: 1,
      exported: new Date().toISOString(),
      seed: state.seed,
      answers: answers,
      scores: { quizzes: quizScores, objectives: objectiveScores }
    };
  };

  Quiz.prototype.exportFile = function (kind) {
    var data = this.exportData();
    var text, type, name;
    if (kind === "json") {
      text = JSON.stringify(data, null, 2);
      type = "application/json";
      name = "quiz-results.json";
    } else {
      var rows = [["item_id", "chapter", "objective", "type", "response", "correct", "answered_at", "attempts", "seed"]];
      Object.keys(data.answers).forEach(function (id) {
        var a = data.answers[id];
        var resp = Array.isArray(a.response) ? a.response.join("|") : a.response;
        rows.push([id, a.chapter, a.objective || "", a.type || "", resp, a.correct ? "true" : "false", a.time || "", a.attempts, data.seed]);
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

  /* Read a results file (JSON or CSV): {answers, seed, ignored}. Every answer is checked: its id,
   * its shape for the item's kind (from this page's banks, the file, or what is stored), sizes. */
  function readImport(text) {
    if (typeof text !== "string") throw new Error("unreadable file");
    if (text.length > MAX_FILE) throw new Error("the file is too large for a quiz results file");
    var items = allItems();
    var raw = Object.create(null);
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
      if (typeof d.seed === "number" && isFinite(d.seed)) seed = d.seed >>> 0;
      if (typeof d.exported === "string" && isFinite(Date.parse(d.exported))) fallbackTime = d.exported;
      raw = d.answers;
    } else {
      var rows = parseCsv(t);
      var head = rows.shift() || [];
      if (head.length > MAX_COLUMNS) {
        throw new Error("the header has " + head.length + " columns; a quiz results file has at most " + MAX_COLUMNS);
      }
      var pos = {}; // column positions, found once
      ["item_id", "response", "type", "answered_at", "attempts", "correct", "seed"].forEach(function (n) {
        pos[n] = head.indexOf(n);
      });
      if (pos.item_id < 0 || pos.response < 0) throw new Error("not a quiz results file");
      var cell = function (r, n) { return pos[n] >= 0 && typeof r[pos[n]] === "string" ? r[pos[n]] : null; };
      rows.slice(0, MAX_ANSWERS + 1).forEach(function (r, i) {
        if (r.length > MAX_COLUMNS) {
          throw new Error("row " + (i + 2) + " has " + r.length + " cells; a quiz results file has at most " + MAX_COLUMNS);
        }
        var id = cell(r, "item_id") || "";
        if (Object.prototype.hasOwnProperty.call(raw, id)) id = "";
        raw[id || "#" + Object.keys(raw).length] = {
          response: unquoteCell(cell(r, "response") || ""),
          type: cell(r, "type"),
          time: cell(r, "answered_at"),
          attempts: cell(r, "attempts"),
          correct: cell(r, "correct") === "true",
          csv: true
        };
        var sd = cell(r, "seed");
        if (seed === null && sd && /^[0-9]{1,10}$/.test(sd)) seed = Number(sd) >>> 0;
      });
    }
    var ids = Object.keys(raw);
    if (ids.length > MAX_ANSWERS) throw new Error("the file has more than " + MAX_ANSWERS + " answers");
    var answers = {};
    var ignored = 0;
    ids.forEach(function (id) {
      var it = ID_RE.test(id) ? items[id] : null;
      var stored = ID_RE.test(id) ? state.answers[id] : null;
      var given = raw[id];
      var type = it ? it.type : given && TYPES.indexOf(given.type) >= 0 ? given.type : stored && stored.type;
      if (given && given.csv && !it && !type && given.response === "") type = "multiple";
      var a = ID_RE.test(id) ? cleanAnswer(given, type) : null;
      // a typed number must fit the engine's grammar (what the quiz itself accepts)
      if (a && a.type === "numeric" && !isFinite(parseNumber(a.response))) {
        a = null;
      }
      if (a && it) {
        var probe = { response: a.response };
        if (it.type === "single" && Array.isArray(probe.response) && probe.response.length === 1) {
          a.response = probe.response[0];
        }
        if (!validResponse(it, a.response)) a = null;
        else a.correct = grade(it, a.response);
      }
      if (!a) {
        ignored += 1;
        return;
      }
      if (!a.time && fallbackTime) a.time = fallbackTime;
      answers[id] = a;
    });
    return { answers: answers, seed: seed, ignored: ignored };
  }

  function same(a, b) {
    return JSON.stringify(a.response) === JSON.stringify(b.response);
  }

  /* What an import would do to the stored progress (read afresh): per item, the newer answer wins. */
  function planImport(got) {
    var current = readStored();
    if (current) state = current;
    var plan = { add: [], change: [], keep: [], ignored: got.ignored, got: got, trimmed: 0 };
    var merged = {};
    Object.keys(state.answers).forEach(function (id) { merged[id] = state.answers[id]; });
    Object.keys(got.answers).forEach(function (id) {
      var mine = state.answers[id];
      var theirs = got.answers[id];
      if (!mine) plan.add.push(id);
      else if (same(mine, theirs) || timeOf(theirs) <= timeOf(mine)) plan.keep.push(id);
      else plan.change.push(id);
      if (!mine || plan.change[plan.change.length - 1] === id) merged[id] = theirs;
    });
    // Over the cap: the oldest answers to questions not on this page are set aside (said in the
    // preview; the stored progress is backed up first), answers to this page's questions never.
    var removed = capAnswers(merged);
    plan.trimmed = Object.keys(removed).length;
    plan.add = plan.add.filter(function (id) { return !removed[id]; });
    plan.change = plan.change.filter(function (id) { return !removed[id]; });
    return plan;
  }

  function planText(plan) {
    var n = function (k, one, many) { return k + " " + (k === 1 ? one : many); };
    return n(plan.add.length, "answer", "answers") + " added, " +
      plan.change.length + " changed (newer in the file), " +
      plan.keep.length + " kept (yours are the same or newer)" +
      (plan.ignored ? ", " + plan.ignored + " ignored (not valid for these questions)" : "") +
      (plan.trimmed ? ", " + plan.trimmed + " set aside to stay within " + MAX_ANSWERS +
        " answers (the oldest, to questions not on this page; a copy of your progress is kept " +
        "in this browser, " + BACKUP_KEY + ")" : "") +
      ". Answers that are not in the file are kept" + (plan.trimmed ? " unless set aside" : "") + ".";
  }

  /* Apply a planned import: merge, keep a backup, return an undo function. */
  function applyImport(plan) {
    var before = snapshot();
    var previous = {};
    var setAside = {};
    var ids = plan.add.concat(plan.change);
    backup("import");
    var reseed = false;
    commit(function (s) {
      if (plan.got.seed !== null && !Object.keys(s.answers).length && s.seed !== plan.got.seed) {
        s.seed = plan.got.seed; // a fresh browser takes the exported option order
        reseed = true;
      }
      ids.forEach(function (id) {
        var incoming = plan.got.answers[id];
        var mine = s.answers[id];
        if (mine && (same(mine, incoming) || timeOf(incoming) <= timeOf(mine))) return;
        previous[id] = mine || null;
        s.answers[id] = incoming;
      });
      var removed = capAnswers(s.answers);
      Object.keys(removed).forEach(function (id) {
        if (Object.prototype.hasOwnProperty.call(previous, id)) {
          delete previous[id]; // an incoming answer that did not fit: as if never imported
          if (removed[id] !== plan.got.answers[id]) setAside[id] = removed[id];
        } else {
          setAside[id] = removed[id];
        }
      });
    });
    if (reseed) refreshAll(true);
    else syncAll(before);
    return function undo() {
      var b2 = snapshot();
      commit(function (s) {
        Object.keys(previous).forEach(function (id) {
          if (!s.answers[id] || !same(s.answers[id], plan.got.answers[id])) return; // changed since
          if (previous[id]) s.answers[id] = previous[id];
          else delete s.answers[id];
        });
        Object.keys(setAside).forEach(function (id) {
          if (!s.answers[id]) s.answers[id] = setAside[id]; // back what the cap set aside
        });
      });
      syncAll(b2);
      return Object.keys(previous).length;
    };
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
      /** What importing `text` would do: {added, changed, kept, ignored}. */
      preview: function (text) {
        var plan = planImport(readImport(text));
        return { added: plan.add.length, changed: plan.change.length, kept: plan.keep.length, ignored: plan.ignored, trimmed: plan.trimmed };
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
    state = current;
    if (state.seed !== seed) refreshAll(true);
    else syncAll(before);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
