/* The case page of the book (coursebook/casepage.py): the reader's prediction, and live mode.
 *
 * Live mode loads the course's own Python engine in the browser only when "Run this case live" is
 * clicked (_static/live/bonemets-live.js, window.BonemetsLive), asks it for the case's findings
 * (bonemets.cases.live:form), shows them as controls, and on each change asks it to evaluate the
 * edited case (bonemets.cases.live:evaluate): the scores, the pathway and what was withheld are
 * redrawn from its answer, with what changed against the case marked. Nothing clinical is computed
 * here: this file only builds controls, sends the values as typed and shows the engine's answer.
 *
 * Everything shown is built with createElement and textContent: case and engine text is never
 * parsed as HTML.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var STATIC = SCRIPT ? new URL("../", SCRIPT.src) : new URL("_static/", document.baseURI);
  var NOT_RECORDED = "(not recorded)";
  var CHOOSE = "(choose)";

  // -- small DOM helpers (text only) -----------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
      var v = attrs[key];
      if (v === null || v === undefined || v === false) continue;
      if (key === "text") node.textContent = String(v);
      else if (key === "className") node.className = v;
      else node.setAttribute(key, v === true ? "" : String(v));
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function jsonOf(root, cls) {
    var node = root.querySelector("script." + cls);
    return node ? JSON.parse(node.textContent) : null;
  }

  // -- rendering the engine's report (the same structure as casepage.results_html) --------------
  function mark(status, was) {
    if (status !== "new" && status !== "changed") return null;
    return el("span", {className: "bm-mark bm-mark-" + status,
                       text: " " + status + (was ? " (was " + was + ")" : "")});
  }

  function badge(ladders, calculator, band, label) {
    if (band === null || band === undefined) return null;
    var span = el("span", {className: "bm-band", "data-band": band, text: label || band});
    (ladders[calculator] || []).forEach(function (b) {
      if (b[0] === band) { span.style.background = b[2]; span.style.color = b[3]; }
    });
    return span;
  }

  function renderResults(report, ladders) {
    var box = el("div", {className: "bm-case-results", "data-bm-results": ""});
    box.appendChild(el("h3", {text: "Scores"}));
    var tbody = el("tbody");
    report.scores.forEach(function (s) {
      tbody.appendChild(el("tr", {"data-key": s.key, "data-score": s.score === null ? "" : String(s.score),
                                  "data-band": s.band || "", "data-status": s.status},
        el("th", {scope: "row"}, s.title + " ", el("code", {text: s.key})),
        el("td", null, s.summary, mark(s.status, s.was)),
        el("td", null, badge(ladders, s.calculator, s.band, s.band_label))));
      tbody.appendChild(el("tr", {className: "bm-advice-row"},
        el("td", {colspan: "3"},
          el("span", {className: "bm-advice", text: s.recommendation}), " ",
          el("small", {className: "bm-source", text: s.sources.join("; ")}))));
    });
    report.removed_scores.forEach(function (s) {
      tbody.appendChild(el("tr", {"data-key": s.key, "data-status": "removed"},
        el("th", {scope: "row"}, s.title + " ", el("code", {text: s.key})),
        el("td", {colspan: "2"}, el("s", {text: s.was}), " ",
           el("span", {className: "bm-mark bm-mark-changed", text: "no longer computed"}))));
    });
    var head = el("tr");
    ["Score", "Result", "Band"].forEach(function (h) {
      head.appendChild(el("th", {scope: "col", text: h}));
    });
    box.appendChild(el("div", {className: "bm-table-wrap", tabindex: "0", role: "region",
                               "aria-label": "Scores (the table scrolls sideways on a narrow screen)"},
      el("table", {className: "bm-case-scores"}, el("thead", null, head), tbody)));
    if (report.not_computed.length) {
      box.appendChild(el("p", null, el("strong", {text: "Not computed"}), " (findings missing):"));
      var nc = el("ul");
      report.not_computed.forEach(function (n) {
        nc.appendChild(el("li", {"data-key": n.key}, el("code", {text: n.key}), ": needs " + n.needs.join(", ")));
      });
      box.appendChild(nc);
    }
    if (report.not_applicable.length) {
      box.appendChild(el("p", null, el("strong", {text: "Not applicable"}), ":"));
      var na = el("ul");
      report.not_applicable.forEach(function (n) {
        na.appendChild(el("li", {"data-key": n.key}, el("code", {text: n.key}), ": " + n.reason));
      });
      box.appendChild(na);
    }
    box.appendChild(el("h3", {text: "Pathway"}));
    var pathway = el("div", {className: "bm-case-pathway"});
    report.pathway.forEach(function (group) {
      var sec = el("section", {className: "bm-urgency", "data-urgency": group.urgency},
        el("h4", {text: group.label + " (" + group.actions.length + ")"}));
      if (!group.actions.length) {
        sec.appendChild(el("p", {className: "bm-none", text: "none"}));
      } else {
        var ul = el("ul");
        group.actions.forEach(function (a) {
          ul.appendChild(el("li", {"data-rule": a.rule, "data-status": a.status},
            el("span", {className: "bm-modality", text: a.modality}), " ",
            el("span", {className: "bm-action", text: a.text}), mark(a.status),
            el("br"),
            el("small", {text: "why: " + a.trigger + " (" + a.rule + "; " + a.sources.join("; ") + ")"})));
        });
        sec.appendChild(ul);
      }
      pathway.appendChild(sec);
    });
    if (report.removed_actions.length) {
      pathway.appendChild(el("p", null, el("strong", {text: "No longer in the pathway"}), " (against the case):"));
      var gone = el("ul");
      report.removed_actions.forEach(function (a) {
        gone.appendChild(el("li", {"data-rule": a.rule, "data-status": "removed"},
          el("s", {text: a.text}), " (" + a.urgency + ")"));
      });
      pathway.appendChild(gone);
    }
    box.appendChild(pathway);
    box.appendChild(el("h3", {text: "Withheld"}));
    if (report.withheld.length) {
      box.appendChild(el("p", {text: "Actions the patient's own record rules out, with the reason and the source:"}));
      var wl = el("ul", {className: "bm-withheld"});
      report.withheld.forEach(function (w) {
        wl.appendChild(el("li", {"data-rule": w.rule, "data-status": w.status},
          el("span", {className: "bm-action", text: w.action}), ": " + w.reason + " ",
          el("small", {className: "bm-source", text: "(" + w.source + ")"}), mark(w.status)));
      });
      box.appendChild(wl);
    } else {
      box.appendChild(el("p", {className: "bm-none", text: "Nothing withheld."}));
    }
    return box;
  }

  // -- the reader's prediction (static and live: compared with what the page shows) --------------
  function setupPredict(root) {
    var form = root.querySelector("form.bm-predict");
    var reveal = root.querySelector("details.bm-reveal");
    if (!form || !reveal) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector(".bm-predict-result");
      var list = el("ul");
      var right = 0, asked = 0;
      form.querySelectorAll("select[data-predict-key]").forEach(function (sel) {
        if (!sel.value) return;
        asked++;
        var key = sel.getAttribute("data-predict-key");
        var row = root.querySelector('.bm-case-results tr[data-key="' + CSS.escape(key) + '"]');
        var band = row ? row.getAttribute("data-band") : null;
        var chosen = sel.options[sel.selectedIndex].textContent;
        var ok = band === sel.value;
        if (ok) right++;
        var shown = row ? row.querySelector(".bm-band") : null;
        list.appendChild(el("li", {"data-correct": ok ? "yes" : "no"},
          (ok ? "Right: " : "Not quite: ") + key + ": you chose " + chosen +
          (ok ? "" : "; the engine: " + (shown ? shown.textContent : "not computed"))));
      });
      var urg = form.querySelector("select[data-predict-urgency]");
      if (urg && urg.value) {
        asked++;
        var first = null;
        root.querySelectorAll(".bm-case-results section[data-urgency]").forEach(function (sec) {
          if (!first && sec.querySelector("li")) first = sec;
        });
        var actual = first ? first.getAttribute("data-urgency") : "none";
        var ok2 = actual === urg.value;
        if (ok2) right++;
        list.appendChild(el("li", {"data-correct": ok2 ? "yes" : "no"},
          (ok2 ? "Right: " : "Not quite: ") + "the most urgent step: you chose " +
          urg.options[urg.selectedIndex].textContent +
          (ok2 ? "" : "; the engine: " + (first ? first.querySelector("h4").textContent : "no action"))));
      }
      out.textContent = "";
      out.appendChild(el("p", {text: asked ? right + " of " + asked + " as the engine has it." :
        "No prediction chosen: here are the results."}));
      out.appendChild(list);
      reveal.open = true;
    });
  }

  // -- live mode ---------------------------------------------------------------------------------
  var runtimePromise = null;

  function loadRuntime(source, onProgress) {
    if (runtimePromise) return runtimePromise;
    runtimePromise = new Promise(function (resolve, reject) {
      if (window.BonemetsLive) { resolve(); return; }
      var s = document.createElement("script");
      s.src = new URL(source.runtime, STATIC).href;
      s.onload = function () { resolve(); };
      s.onerror = function () {
        reject(new Error("The live runtime (" + source.runtime + ") is not part of this copy of the site."));
      };
      document.head.appendChild(s);
    }).then(function () {
      if (!window.BonemetsLive) throw new Error("The live runtime did not start (window.BonemetsLive missing).");
      return window.BonemetsLive.start({onProgress: onProgress});
    });
    runtimePromise.catch(function () { runtimePromise = null; });
    return runtimePromise;
  }

  // bonemets-live.js reports progress as (message, fraction from 0 to 1).
  function progressText(message, fraction) {
    var text = message === null || message === undefined ? "" : String(message);
    if (typeof fraction === "number" && fraction > 0 && fraction < 1) {
      text += " (" + Math.round(100 * fraction) + "%)";
    }
    return text;
  }

  function valueText(v) {
    if (v === null || v === undefined) return "";
    return String(v);
  }

  // -- the band scales, redrawn for the live totals ----------------------------------------------
  // The build draws every points score's band scale at every total it can take
  // (_static/live/charts/<score>.json, src/coursebook/livecharts.py: the same chart and renderer
  // as the page's own); here the drawing of each live total is picked, nothing is computed.
  var CHARTS = new URL("live/charts/", STATIC);
  var drawings = {};

  function drawingsOf(name) {
    if (!drawings[name]) {
      drawings[name] = fetch(new URL(name + ".json", CHARTS)).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + name + ".json");
        return r.json();
      });
      drawings[name].catch(function () { delete drawings[name]; });
    }
    return drawings[name];
  }

  var chartIndex = null;
  function chartScores() {
    if (!chartIndex) {
      chartIndex = fetch(new URL("index.json", CHARTS)).then(function (r) {
        if (!r.ok) throw new Error(r.status + " index.json");
        return r.json();
      }).then(function (index) { return index.scores || []; });
      chartIndex.catch(function () { chartIndex = null; });
    }
    return chartIndex;
  }

  // A drawing (figure HTML made by the build) as nodes, its ids made unique to this copy.
  function figureNode(html, suffix) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var figure = doc.body.firstElementChild;
    if (!figure || figure.tagName !== "FIGURE") return null;
    figure.querySelectorAll("script, foreignObject, iframe, object, embed").forEach(function (n) { n.remove(); });
    var ids = {};
    figure.querySelectorAll("[id]").forEach(function (n) {
      ids[n.id] = n.id + "-" + suffix;
      n.id = ids[n.id];
    });
    figure.querySelectorAll("[aria-labelledby], [aria-describedby]").forEach(function (n) {
      ["aria-labelledby", "aria-describedby"].forEach(function (a) {
        var v = n.getAttribute(a);
        if (v) n.setAttribute(a, v.split(/\s+/).map(function (id) { return ids[id] || id; }).join(" "));
      });
    });
    figure.classList.add("bm-chart-live"); // keeps bm-chart-static: the same layout (a box that scrolls)
    return document.importNode(figure, true);
  }

  function Live(root, source) {
    this.root = root;
    this.source = source;
    this.ladders = jsonOf(document, "bm-case-bands") || {};
    this.box = root.querySelector(".bm-live");
    this.button = root.querySelector(".bm-live-start");
    this.status = root.querySelector(".bm-live-status");
    this.panel = root.querySelector(".bm-live-panel");
    this.controls = [];
    this.seq = 0;
    this.times = [];
  }

  Live.prototype.say = function (text, isError) {
    this.status.textContent = text;
    this.status.classList.toggle("bm-live-error", !!isError);
  };

  Live.prototype.start = function () {
    var self = this;
    self.button.disabled = true;
    self.box.setAttribute("data-state", "loading");
    self.say("Loading the course's engine in your browser…");
    var t0 = performance.now();
    loadRuntime(self.source, function (message, fraction) {
      var t = progressText(message, fraction);
      if (t) self.say("Loading the engine: " + t);
    }).then(function (runtime) {
      self.runtime = runtime;
      return self.call("form", {});
    }).then(function (form) {
      if (!form.ok) throw new Error(form.errors.map(function (e) { return e.path + ": " + e.message; }).join("; "));
      self.build(form);
      self.say("Live: the engine runs in your browser (ready in " +
        ((performance.now() - t0) / 1000).toFixed(1) + " s). Change any finding.");
      self.box.setAttribute("data-state", "ready");
      self.button.hidden = true;
      return self.update();
    }).catch(function (err) {
      self.box.setAttribute("data-state", "failed");
      self.button.disabled = false;
      self.say((err && err.message) ? err.message : String(err), true);
    });
  };

  Live.prototype.call = function (fn, args) {
    args.case = this.source.yaml;
    return this.runtime.call("bonemets.cases.live:" + fn, JSON.stringify(args)).then(function (text) {
      return JSON.parse(text);
    });
  };

  Live.prototype.control = function (f) {
    var id = "bm-live-" + f.path.replace(/[^A-Za-z0-9]+/g, "-");
    var input;
    var values = [];
    if (f.kind === "choice" || f.kind === "boolean") {
      input = el("select", {id: id});
      if (f.optional || f.value === null) {
        input.appendChild(el("option", {value: "0", text: f.optional ? NOT_RECORDED : CHOOSE}));
        values.push(null);
      }
      f.options.forEach(function (o) {
        input.appendChild(el("option", {value: String(values.length), text: o.label}));
        values.push(o.value);
      });
      var index = 0;
      values.forEach(function (v, i) { if (v === f.value) index = i; });
      input.selectedIndex = index;
    } else {
      input = el("input", {id: id, type: "text", inputmode: f.kind === "integer" ? "numeric" : "decimal",
                           autocomplete: "off", placeholder: f.allowed});
      input.value = valueText(f.value);
    }
    input.setAttribute("data-path", f.path);
    var hint = null;
    if (input.tagName === "INPUT") {  // a select shows its values; a typed number says its range
      hint = el("span", {className: "bm-live-hint", id: id + "-hint", text: f.allowed});
      input.setAttribute("aria-describedby", id + "-hint");
    }
    var flag = el("span", {className: "bm-live-flag", "aria-live": "polite"});
    var row = el("div", {className: "bm-live-field", "data-path": f.path},
      el("label", {"for": id, text: f.label}), input, flag, hint);
    var c = {field: f, input: input, values: values, row: row, flag: flag,
             initial: input.tagName === "SELECT" ? input.selectedIndex : input.value};
    var self = this;
    input.addEventListener("change", function () { self.update(); });
    return c;
  };

  Live.prototype.build = function (form) {
    var self = this;
    self.panel.textContent = "";
    var groups = el("div", {className: "bm-live-groups"});
    var open = {};
    var first = true;
    form.fields.forEach(function (f) {
      var g = open[f.group];
      if (!g) {
        g = el("details", {className: "bm-live-group"}, el("summary", {text: f.group}));
        if (first) { g.open = true; first = false; }
        open[f.group] = g;
        groups.appendChild(g);
      }
      var c = self.control(f);
      self.controls.push(c);
      g.appendChild(c.row);
    });
    var reset = el("button", {type: "button", className: "bm-live-reset", text: "Reset to the case"});
    reset.addEventListener("click", function () { self.reset(); });
    var whatif = el("button", {type: "button", className: "bm-live-whatif", text: "What would change it?"});
    whatif.addEventListener("click", function () { self.whatIf(); });
    self.changes = el("div", {className: "bm-live-changes", "aria-live": "polite"});
    self.errors = el("div", {className: "bm-live-errors", role: "alert"});
    self.hiddenNote = el("p", {className: "bm-live-hidden-note"});
    self.whatifBox = el("div", {className: "bm-live-whatif-result", "aria-live": "polite"});
    self.panel.appendChild(el("p", {text: "The case's findings, grouped; each change is sent to " +
      "the engine, which recomputes every score and the pathway. Typed numbers use a decimal point."}));
    self.panel.appendChild(groups);
    self.panel.appendChild(el("p", {className: "bm-live-buttons"}, reset, " ", whatif));
    self.panel.appendChild(self.errors);
    self.panel.appendChild(self.changes);
    self.panel.appendChild(self.hiddenNote);
    self.panel.appendChild(self.whatifBox);
    self.panel.hidden = false;
    var note = document.querySelector(".bm-live-chart-note");
    if (note) note.hidden = false;
    var reveal = document.querySelector("details.bm-reveal");
    if (reveal) reveal.addEventListener("toggle", function () { self.noteHidden(); });
  };

  Live.prototype.noteHidden = function () {
    var reveal = document.querySelector("details.bm-reveal");
    var note = this.hiddenNote;
    note.textContent = "";
    if (!reveal || reveal.open) return;
    var show = el("button", {type: "button", text: "Show the results now"});
    show.addEventListener("click", function () {
      reveal.open = true;
      reveal.scrollIntoView({block: "start"});
    });
    note.appendChild(document.createTextNode(
      "The recomputed scores and pathway are hidden until you commit your prediction or open them: "));
    note.appendChild(show);
  };

  Live.prototype.edits = function () {
    var out = {};
    this.controls.forEach(function (c) {
      if (c.input.tagName === "SELECT") {
        if (c.input.selectedIndex !== c.initial) out[c.field.path] = c.values[c.input.selectedIndex];
      } else if (c.input.value !== c.initial) {
        out[c.field.path] = c.input.value;
      }
    });
    return out;
  };

  Live.prototype.update = function () {
    var self = this;
    var seq = ++self.seq;
    var edits = self.edits();
    var t0 = performance.now();
    self.box.setAttribute("data-pending", String(seq));
    return self.call("evaluate", {edits: edits}).then(function (report) {
      if (seq !== self.seq) return;
      self.show(report);
      var ms = performance.now() - t0;
      self.times.push(ms);
      self.box.setAttribute("data-last-ms", ms.toFixed(1));
      self.box.setAttribute("data-done", String(seq));
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.say("The engine failed: " + ((err && err.message) || err), true);
      self.box.setAttribute("data-done", String(seq));
    });
  };

  Live.prototype.show = function (report) {
    var self = this;
    var bad = {};
    self.errors.textContent = "";
    if (!report.ok) {
      var list = el("ul");
      report.errors.forEach(function (e) {
        bad[e.path] = e.message;
        list.appendChild(el("li", null, el("code", {text: e.path}), ": " + e.message));
      });
      self.errors.appendChild(el("p", null, el("strong", {text: "This edit is not a valid case, so nothing was recomputed:"})));
      self.errors.appendChild(list);
    }
    var changed = {};
    (report.changed || []).forEach(function (c) { changed[c.path] = c; });
    self.controls.forEach(function (c) {
      var p = c.field.path;
      var problem = bad[p] || Object.keys(bad).filter(function (k) {
        return k !== p && p.indexOf(k + ".") === 0;
      }).map(function (k) { return bad[k]; })[0];
      c.row.classList.toggle("bm-live-changed", !!changed[p]);
      c.row.classList.toggle("bm-live-invalid", !!problem);
      if (problem) c.input.setAttribute("aria-invalid", "true");
      else c.input.removeAttribute("aria-invalid");
      c.flag.textContent = problem ? " ⚠ " + problem : (changed[p] ? " ✎ changed (case: " + changed[p].old_label + ")" : "");
    });
    var results = document.querySelector(".bm-case-results");
    var liveCharts = document.querySelector("[data-bm-live-charts]");
    if (liveCharts) liveCharts.hidden = !report.ok;
    if (!report.ok) {
      if (results) {
        var stale = el("div", {className: "bm-case-results", "data-bm-results": "", "data-invalid": ""},
          el("p", {text: "Not recomputed: the edited case is not valid (see the findings above)."}));
        results.parentNode.replaceChild(stale, results);
      }
      return;
    }
    self.changes.textContent = "";
    if (report.changed.length) {
      self.changes.appendChild(el("p", null, el("strong", {text: "Changed from the case:"})));
      var ul = el("ul");
      report.changed.forEach(function (c) {
        ul.appendChild(el("li", {text: c.label + ": " + c.old_label + " → " + c.new_label}));
      });
      self.changes.appendChild(ul);
    } else {
      self.changes.appendChild(el("p", null, el("em", {text: "As written in the case (no finding changed)."})));
    }
    if (results) results.parentNode.replaceChild(renderResults(report, self.ladders), results);
    self.noteHidden();
    self.drawCharts(report.scores);
  };

  // The case's band scales for the totals just computed, in place of the chart of the case as
  // written (the chart of every library case stays as written: the note above it says so).
  Live.prototype.drawCharts = function (scores) {
    var self = this;
    var fixed = document.querySelector('[id^="chart-coursebook-casepage-band-scales-"]');
    var figure = fixed && fixed.closest("figure");
    var place = document.querySelector(".bm-case-charts");
    if (!place) return Promise.resolve();
    var seq = (self.chartSeq = (self.chartSeq || 0) + 1);
    return chartScores().then(function (names) {
      var scored = scores.filter(function (s) {
        return s.score !== null && names.indexOf(s.calculator) >= 0;
      });
      return Promise.all(scored.map(function (s) { return drawingsOf(s.calculator); })).then(function (sets) {
        if (seq !== self.chartSeq) return;
        var box = el("div", {className: "bm-live-charts", "data-bm-live-charts": ""});
        box.appendChild(el("p", {className: "bm-live-charts-note"},
          el("strong", {text: "Band scales, live: "}),
          "redrawn for the totals above after each change."));
        scored.forEach(function (s, i) {
          var html = sets[i].figures[String(s.score)];
          var node = html && figureNode(html, "live-" + i);
          if (!node) return;
          var where = s.key.indexOf(":") >= 0 ? s.key.slice(s.key.indexOf(":") + 1) : "";
          var wrap = el("div", {className: "bm-live-chart", "data-key": s.key, "data-score": String(s.score)});
          if (where) wrap.appendChild(el("p", {className: "bm-live-chart-where"}, "Lesion ", el("code", {text: where})));
          wrap.appendChild(node);
          box.appendChild(wrap);
        });
        var old = document.querySelector("[data-bm-live-charts]");
        if (old) old.parentNode.replaceChild(box, old);
        else place.insertBefore(box, place.firstChild);
        if (figure) figure.hidden = true;
        self.box.setAttribute("data-charts", String(box.querySelectorAll(".bm-live-chart").length));
      });
    }).catch(function (err) {
      self.box.setAttribute("data-charts", "failed");
      var note = document.querySelector(".bm-live-chart-note");
      if (note) note.textContent = "The band scales could not be redrawn (" + ((err && err.message) || err) +
        "); the charts below show the case as written.";
    });
  };

  Live.prototype.reset = function () {
    this.controls.forEach(function (c) {
      if (c.input.tagName === "SELECT") c.input.selectedIndex = c.initial;
      else c.input.value = c.initial;
    });
    this.whatifBox.textContent = "";
    return this.update();
  };

  Live.prototype.setValue = function (path, value) {
    this.controls.forEach(function (c) {
      if (c.field.path !== path) return;
      if (c.input.tagName === "SELECT") {
        c.values.forEach(function (v, i) { if (v === value) c.input.selectedIndex = i; });
      } else {
        c.input.value = valueText(value);
      }
    });
    return this.update();
  };

  Live.prototype.whatIf = function () {
    var self = this;
    var box = self.whatifBox;
    box.textContent = "";
    box.appendChild(el("p", {text: "Trying every other value of each finding, one at a time…"}));
    self.box.setAttribute("data-whatif", "pending");
    return self.call("whatif", {edits: self.edits()}).then(function (r) {
      box.textContent = "";
      if (!r.ok) {
        box.appendChild(el("p", {text: "Fix the findings marked ⚠ first."}));
        return;
      }
      box.appendChild(el("h3", {text: "What would change it?"}));
      box.appendChild(el("p", {text: r.tried + " single changes tried; " + r.rows.length +
        " move a band or the pathway (" + r.inert + " change nothing on their own)."}));
      if (r.rows.length) {
        var tbody = el("tbody");
        r.rows.forEach(function (row) {
          var btn = el("button", {type: "button", text: "Try it"});
          btn.addEventListener("click", function () { self.setValue(row.path, row.value); });
          tbody.appendChild(el("tr", {"data-path": row.path, "data-effect": row.effect},
            el("td", {text: row.label}), el("td", {text: row.value_label}),
            el("td", {text: row.effect}), el("td", {text: row.outcome}), el("td", null, btn)));
        });
        var head = el("tr");
        ["Finding", "If it were", "Effect", "What moves", ""].forEach(function (h) {
          head.appendChild(el("th", {scope: "col", text: h}));
        });
        box.appendChild(el("div", {className: "bm-table-wrap", tabindex: "0", role: "region",
                                   "aria-label": "What would change it (scrolls sideways on a narrow screen)"},
          el("table", {className: "bm-live-whatif-table"}, el("thead", null, head), tbody)));
      }
    }).catch(function (err) {
      box.textContent = "";
      box.appendChild(el("p", {className: "bm-live-error", text: "The engine failed: " + ((err && err.message) || err)}));
    }).then(function () { self.box.setAttribute("data-whatif", "done"); });
  };

  function init() {
    document.querySelectorAll(".bm-case").forEach(function (root) {
      var source = jsonOf(root, "bm-case-source");
      var page = root.closest("article, main, body") || document;
      setupPredict(page);
      if (!source) return;
      var live = new Live(root, source);
      live.box.hidden = false;
      live.button.addEventListener("click", function () { live.start(); });
      root.bmLive = live;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
