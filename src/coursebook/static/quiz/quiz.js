/* Self-assessment quiz of "Bone Metastases: an interactive course" (static site, no kernel).
 *
 * Each quiz is a <div class="bm-quiz" data-bank="ID"> followed by its bank, embedded at build time
 * as <script type="application/json" id="ID">. The bank's stems, options, explanations and
 * citations are HTML rendered at BUILD time by bonemets.quiz.build (Markdown with raw HTML
 * escaped); nothing typed by a learner or read from an imported file is ever inserted as HTML.
 *
 * Progress lives in localStorage ("bonemets-quiz:v1"): a per-learner seed (which fixes the option
 * order) and the latest answer to each item. Export (JSON, CSV) and import restore it elsewhere.
 * No network, no external script.
 */
(function () {
  "use strict";

  var KEY = "bonemets-quiz:v1";
  var FORMAT = "bonemets-quiz-results";
  var ID_RE = /^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$/;
  var quizzes = [];

  // ------------------------------------------------------------------ storage

  function freshState() {
    var seed = 0;
    try {
      var a = new Uint32Array(1);
      window.crypto.getRandomValues(a);
      seed = a[0];
    } catch (e) {
      seed = Math.floor(Math.random() * 4294967295);
    }
    return { version: 1, seed: seed >>> 0, answers: {} };
  }

  function loadState() {
    var s = null;
    try {
      s = JSON.parse(window.localStorage.getItem(KEY) || "null");
    } catch (e) {
      s = null;
    }
    if (!s || typeof s !== "object" || typeof s.seed !== "number" || typeof s.answers !== "object" || !s.answers) {
      s = freshState();
      saveState(s);
    }
    return s;
  }

  function saveState(s) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s));
    } catch (e) {
      /* storage full or disabled: the quiz still works for this visit */
    }
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

  function parseNumber(text) {
    var t = String(text == null ? "" : text).trim().replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
    return Number(t);
  }

  function grade(item, response) {
    if (item.type === "numeric") {
      var x = parseNumber(response);
      if (!isFinite(x)) return false;
      return Math.abs(x - item.answer) <= (item.tolerance || 0) + 1e-9;
    }
    var got = Array.isArray(response) ? response.slice() : response == null ? [] : [response];
    var want = item.answer.slice();
    got.sort();
    want.sort();
    return got.length === want.length && got.every(function (k, i) { return k === want[i]; });
  }

  function validResponse(item, response) {
    if (item.type === "numeric") return typeof response === "string" && response.length <= 40;
    var keys = item.options.map(function (o) { return o.key; });
    if (item.type === "single") return typeof response === "string" && keys.indexOf(response) >= 0;
    return Array.isArray(response) && response.every(function (k) { return keys.indexOf(k) >= 0; });
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
    head.appendChild(
      el("p", { className: "bm-quiz-help" },
        this.items.length + " questions. Your answers are saved in this browser only; export them to keep a copy.")
    );
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
    this.status = el("p", { className: "bm-quiz-status", role: "status", "aria-live": "polite" });
    head.appendChild(this.status);
    root.appendChild(head);

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
      v.feedback.textContent = "That is not a number. Type digits, for example 12.5.";
      return;
    }
    var prev = state.answers[it.id];
    state.answers[it.id] = {
      response: resp,
      correct: grade(it, resp),
      time: new Date().toISOString(),
      attempts: (prev && prev.attempts ? prev.attempts : 0) + 1
    };
    saveState(state);
    this.showFeedback(it);
    refreshAll();
  };

  Quiz.prototype.showFeedback = function (it) {
    var v = this.views[it.id];
    var a = state.answers[it.id];
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

  Quiz.prototype.restore = function () {
    var self = this;
    this.items.forEach(function (it) {
      var v = self.views[it.id];
      var a = state.answers[it.id];
      if (it.type === "numeric") {
        v.inputs[0].value = a && typeof a.response === "string" ? a.response : "";
      } else {
        var keys = !a ? [] : Array.isArray(a.response) ? a.response : [a.response];
        v.inputs.forEach(function (inp) { inp.checked = keys.indexOf(inp.value) >= 0; });
      }
      self.showFeedback(it);
    });
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
      var a = state.answers[it.id];
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
    this.items.forEach(function (it) { delete state.answers[it.id]; });
    saveState(state);
    refreshAll(true);
    self.status.textContent = "Answers cleared.";
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
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  Quiz.prototype.exportData = function () {
    var items = allItems();
    var answers = {};
    Object.keys(state.answers).sort().forEach(function (id) {
      var a = state.answers[id];
      var it = items[id];
      answers[id] = {
        response: a.response,
        correct: it ? grade(it, a.response) : !!a.correct,
        time: a.time || null,
        attempts: a.attempts || 1,
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
      var rows = [["item_id", "chapter", "objective", "response", "correct", "answered_at", "attempts", "seed"]];
      Object.keys(data.answers).forEach(function (id) {
        var a = data.answers[id];
        var resp = Array.isArray(a.response) ? a.response.join("|") : a.response;
        rows.push([id, a.chapter, a.objective || "", resp, a.correct ? "true" : "false", a.time || "", a.attempts, data.seed]);
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
    this.status.textContent = "Exported " + Object.keys(data.answers).length + " answers as " + name + ".";
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

  function readImport(text) {
    var items = allItems();
    var answers = {};
    var seed = null;
    var t = text.replace(/^\uFEFF/, "").trim();
    if (t.charAt(0) === "{") {
      var d = JSON.parse(t);
      if (!d || d.format !== FORMAT || typeof d.answers !== "object") throw new Error("not a quiz results file");
      if (typeof d.seed === "number" && isFinite(d.seed)) seed = d.seed >>> 0;
      Object.keys(d.answers).forEach(function (id) {
        var a = d.answers[id];
        if (!ID_RE.test(id) || !a || typeof a !== "object") return;
        answers[id] = { response: a.response, time: typeof a.time === "string" ? a.time : null, attempts: Number(a.attempts) || 1, correct: !!a.correct };
      });
    } else {
      var rows = parseCsv(t);
      var head = rows.shift() || [];
      var col = function (n) { return head.indexOf(n); };
      if (col("item_id") < 0 || col("response") < 0) throw new Error("not a quiz results file");
      rows.forEach(function (r) {
        var id = r[col("item_id")];
        if (!ID_RE.test(id || "")) return;
        var raw = unquoteCell(r[col("response")] || "");
        var it = items[id];
        var resp = it && it.type === "multiple" ? (raw ? raw.split("|") : []) : raw;
        answers[id] = {
          response: resp,
          time: col("answered_at") >= 0 ? r[col("answered_at")] || null : null,
          attempts: col("attempts") >= 0 ? Number(r[col("attempts")]) || 1 : 1,
          correct: col("correct") >= 0 ? r[col("correct")] === "true" : false
        };
        if (seed === null && col("seed") >= 0 && /^\d+$/.test(r[col("seed")] || "")) seed = Number(r[col("seed")]) >>> 0;
      });
    }
    // Check every answer against the bank on this page; keep others (other pages) as they are.
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      var it = items[id];
      if (it) {
        if (!validResponse(it, a.response)) return;
        a.correct = grade(it, a.response);
      } else if (!(typeof a.response === "string" || Array.isArray(a.response))) {
        return;
      }
      out[id] = a;
    });
    return { answers: out, seed: seed };
  }

  Quiz.prototype.importFile = function (input) {
    var self = this;
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var got = readImport(String(reader.result));
        if (got.seed !== null) state.seed = got.seed;
        state.answers = got.answers;
        saveState(state);
        refreshAll(true);
        self.status.textContent = "Imported " + Object.keys(got.answers).length + " answers from " + file.name + ".";
      } catch (e) {
        self.status.textContent = "Could not import " + file.name + ": " + (e && e.message ? e.message : "unreadable file") + ".";
      }
      input.value = "";
    };
    reader.readAsText(file);
  };

  // ------------------------------------------------------------------ page

  function refreshAll(full) {
    quizzes.forEach(function (q) {
      if (full) q.render();
      else q.refresh();
    });
  }

  function init() {
    var roots = document.querySelectorAll(".bm-quiz[data-bank]");
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
      quizzes.push(new Quiz(root, bank));
    }
    window.bonemetsQuiz = {
      state: function () { return JSON.parse(JSON.stringify(state)); },
      quizzes: quizzes,
      exportData: function () { return quizzes.length ? quizzes[0].exportData() : null; },
      importText: function (text) {
        var got = readImport(text);
        if (got.seed !== null) state.seed = got.seed;
        state.answers = got.answers;
        saveState(state);
        refreshAll(true);
        return Object.keys(got.answers).length;
      }
    };
  }

  // Another tab changed the progress: follow it.
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY) {
      state = loadState();
      refreshAll(true);
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
