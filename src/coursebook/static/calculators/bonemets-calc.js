/*
 * bonemets static calculators: live on the published site, with no kernel and no server.
 *
 * One small generic evaluator, vanilla JavaScript with no dependencies. Each calculator on a page
 * carries the JSON of `bonemets.get(NAME).describe()` (written when the book is built, by
 * src/coursebook/calculators.py; its shape is typed in bonemets/describe.py). Everything clinical
 * comes from that JSON: points tables and bands, screen criteria and statuses, band ladders,
 * decision tables and the constants of the three equations. This file holds no threshold, no
 * points, no decision and no clinical text (a unit test greps it for numbers).
 *
 * Mirrors of the engine:
 *   ladders        -> bonemets/decision.py   (band_for: intervals, open or closed at each end)
 *   points tables  -> bonemets/tables.py     (options by values / between / alt_values; bands)
 *   screens        -> bonemets/screens/screen.py (criteria field/op/value/effect/only_for)
 *   decisions      -> bonemets/decision.py   (classify, decision tables, notes, outputs:
 *                                             ESCC, NOMS, pain)
 *   equations      -> bonemets/formulas/{calcium,renal,radiotherapy}.py (FORMULAS below)
 *   denoise        -> bonemets/numbers.py    (round to `decimals` before banding)
 *
 * Results are written as text (textContent), never as HTML.
 * Page API (tests, benchmarks): window.bonemetsCalc.set(name, inputs[, index]).
 */
(function () {
  "use strict";

  // toFixed's largest argument: the exact decimal expansion of a double (not a clinical number).
  var EXACT_DIGITS = 100;
  var EN_DASH = "\u2013";

  // ---------------------------------------------------------------- numbers (Python-exact)

  /** Python's format(x, ".{digits}f"): round half to even on the exact binary value. */
  function fixed(x, digits) {
    var negative = x < 0 || Object.is(x, -0);
    var a = Math.abs(x);
    var out = a.toFixed(digits);
    var exact = a.toFixed(EXACT_DIGITS);
    var dot = exact.indexOf(".");
    var tail = exact.slice(dot + digits + 1);
    if (tail.charAt(0) === "5" && tail.slice(1).replace(/0/g, "") === "") {
      // An exact tie: toFixed rounds up; Python rounds to the even neighbour.
      var down = digits ? exact.slice(0, dot + digits + 1) : exact.slice(0, dot);
      if ("02468".indexOf(down.charAt(down.length - 1)) >= 0) {
        out = down;
      }
    }
    return (negative ? "-" : "") + out;
  }

  /** bonemets.numbers.denoise: Python's round(x, decimals). */
  function denoise(x, decimals) {
    return parseFloat(fixed(x, decimals));
  }

  /** Python's str() of a number as used in the engine's messages (_fmt). */
  function num(x) {
    return String(x);
  }

  function find(list, test) {
    for (var i = 0; i < list.length; i += 1) {
      if (test(list[i])) {
        return list[i];
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- inputs (bonemets/inputs.py)

  // The number grammar is the engine's (bonemets/inputs.py NUMBER_PATTERN, INTEGER_PATTERN),
  // read from each field's describe()["syntax"]: the same text is accepted and refused here and
  // on the command line. The boxes are type="text", so the browser never rewrites what was typed.
  var HEX = "0123456789abcdef";
  var U4 = "0000";

  function hex(n) {
    var out = "";
    do {
      out = HEX.charAt(n % HEX.length) + out;
      n = Math.floor(n / HEX.length);
    } while (n > 0);
    return out;
  }

  /** bonemets.inputs.echo: a short, quoted, printable form of what was typed. */
  function echo(text, max) {
    var chars = Array.from(text);
    var shown = chars.slice(0, max).map(function (c) {
      if (/^[ -~]$/.test(c)) {
        return c;
      }
      var h = hex(c.codePointAt(0));
      return h.length > U4.length ? "\\u{" + h + "}" : "\\u" + (U4 + h).slice(-U4.length);
    }).join("");
    return "'" + shown + (chars.length > max ? "\u2026" : "") + "'";
  }

  function matches(pattern, text) {
    return new RegExp("^(?:" + pattern + ")$").test(text);
  }

  /** bonemets.inputs.parse_number_text: the problem with `text` (a message), or null. */
  function syntaxProblem(f, text) {
    var s = f.syntax;
    var problem = s.syntax_message;
    if (Array.from(text).length <= s.max_chars) {
      if (matches(s.pattern, text)) {
        return null;
      }
      if (s.comma_pattern && matches(s.comma_pattern, text)) {
        problem = s.comma_message;
      }
    }
    return problem.replace("{text}", echo(text, s.echo_max)) + "; allowed: " + s.allowed;
  }

  /** Read one field from the form: {state: "missing" | "ok" | "error", value, message}. */
  function readField(ctx, f) {
    var el = ctx.controls[f.name];
    if (f.kind === "boolean") {
      var checked = find(el, function (r) { return r.checked; });
      return checked ? { state: "ok", value: checked.value === "true" } : { state: "missing" };
    }
    if (f.kind === "choice") {
      return el.value === "" ? { state: "missing" } : { state: "ok", value: el.value };
    }
    var text = el.value;
    if (/^[ \t\r\n]*$/.test(text)) {
      return { state: "missing" };
    }
    var problem = syntaxProblem(f, text);
    if (problem !== null) {
      return { state: "error", message: problem };
    }
    var value = Number(text);
    if (f.kind === "integer") {
      if (value < f.minimum || value > f.maximum || (value - f.minimum) % f.step !== 0) {
        return { state: "error", message: num(value) + " is out of range; allowed: " + f.syntax.allowed };
      }
      return { state: "ok", value: value };
    }
    if (value < f.minimum || value > f.maximum) {
      return { state: "error", message: num(value) + " is out of range; allowed: " + f.syntax.allowed };
    }
    return { state: "ok", value: value };
  }

  function fieldError(field, message) {
    return { field: field, message: message };
  }

  // ---------------------------------------------------------------- points tables (tables.py)

  function optionMatches(option, value) {
    if (option.between) {
      var lo = option.between[0];
      var hi = option.between[1];
      return (lo === null || value >= lo) && (hi === null || value <= hi);
    }
    return option.values.indexOf(value) >= 0;
  }

  function optionForAlternate(component, value) {
    return find(component.options, function (o) { return o.alt_values.indexOf(value) >= 0; });
  }

  // ---------------------------------------------------------------- ladders (decision.py)

  /** decision.in_range: null is an open end; an end is inclusive unless it says it is not. */
  function inRange(b, x) {
    if (b.low !== null && (x < b.low || (x === b.low && b.low_inclusive === false))) {
      return false;
    }
    return !(b.high !== null && (x > b.high || (x === b.high && b.high_inclusive === false)));
  }

  /** decision.band_for: the first band of the ladder that holds x. */
  function bandFor(bands, x) {
    return find(bands, function (b) { return inRange(b, x); });
  }

  /** Python's str.replace(old, new): every occurrence, no special characters. */
  function fill(template, key, text) {
    return template.split("{" + key + "}").join(text);
  }

  /** PointsTable.parse: one of an input and its alternative, and they must agree. */
  function checkAlternates(calc, values, missing, errors) {
    var clean = missing.length === 0 && errors.length === 0;
    calc.components.forEach(function (c) {
      if (!c.alternate) {
        return;
      }
      var haveMain = values[c.input] !== undefined;
      var haveAlt = values[c.alternate] !== undefined;
      if (!haveMain && !haveAlt) {
        missing.push(c.input);
      } else if (haveMain && haveAlt && clean) {
        var fromAlt = optionForAlternate(c, values[c.alternate]);
        if (!fromAlt || !optionMatches(fromAlt, values[c.input])) {
          errors.push(fieldError(c.alternate, "does not agree with " + c.label.toLowerCase() +
            "; give one of the two, or make them agree"));
        }
      }
    });
  }

  function scorePoints(calc, values) {
    var components = calc.components.map(function (c) {
      var value;
      var option;
      if (values[c.input] !== undefined) {
        value = values[c.input];
        option = find(c.options, function (o) { return optionMatches(o, value); });
      } else {
        value = values[c.alternate];
        option = optionForAlternate(c, value);
      }
      return { name: c.name, label: c.label, value_label: option.label, points: option.points };
    });
    var total = components.reduce(function (s, c) { return s + c.points; }, 0);
    var band = bandFor(calc.bands, total);
    var range = calc.score_range;
    return {
      components: components,
      score: total,
      scoreText: num(total) + " (range " + num(range[0]) + EN_DASH + num(range[range.length - 1]) + ")",
      band: band.name,
      bandLabel: band.label,
      interpretation: band.interpretation,
      recommendation: band.recommendation,
    };
  }

  // ---------------------------------------------------------------- screens (screens/screen.py)

  var OPERATORS = {
    is: function (a, b) { return a === b; },
    lt: function (a, b) { return a < b; },
    le: function (a, b) { return a <= b; },
    gt: function (a, b) { return a > b; },
    ge: function (a, b) { return a >= b; },
    in: function (a, b) { return b.indexOf(a) >= 0; },
  };

  function fires(criterion, values) {
    var only = criterion.only_for;
    if (only && values[only[0]] !== only[only.length - 1]) {
      return false;
    }
    return OPERATORS[criterion.op](values[criterion.field], criterion.value);
  }

  /** decision.Condition.holds for every [field, op, value] of `when`. */
  function holds(when, values) {
    return when.every(function (c) { return OPERATORS[c[1]](values[c[0]], c[c.length - 1]); });
  }

  function decide(calc, values) {
    var order = calc.statuses.map(function (s) { return s.name; });
    var fired = calc.criteria.filter(function (c) { return fires(c, values); });
    var worst = fired.reduce(function (m, c) { return Math.max(m, order.indexOf(c.effect)); }, 0);
    var status = calc.statuses[worst];
    var outputs = [];
    var agents = calc.data && calc.data.agents;
    if (agents && values.agent !== undefined && agents[values.agent]) {
      var agent = agents[values.agent];
      outputs.push({ key: "agent_label", label: "Agent", text: agent.label });
      outputs.push({ key: "agent_dose", label: "Dose", text: agent.dose });
      outputs.push({ key: "agent_notes", label: "About this agent", text: agent.notes });
    }
    return {
      band: status.name,
      bandLabel: status.label,
      interpretation: fired.length
        ? fired.map(function (c) { return c.text + " (" + c.effect + ")"; }).join("; ") + "."
        : "No criterion fired.",
      recommendation: status.recommendation,
      reasons: fired.map(function (c) {
        var label = find(calc.statuses, function (x) { return x.name === c.effect; }).label;
        return { code: c.code, effect: c.effect, effectLabel: label, text: c.text, citation: c.citation };
      }),
      outputs: outputs,
    };
  }

  // ---------------------------------------------------------------- decisions (decision.py)

  /** Decision.run and its outcome: classify, decide by the tables, add notes and outputs. */
  function runDecision(calc, values) {
    var d = calc.decision;
    var v = Object.assign({}, values);
    d.classify.forEach(function (c) {
      v[c.name] = c.table ? c.table[v[c.input]] : bandFor(c.bands, v[c.input]).name;
    });
    d.tables.forEach(function (t) {
      v[t.name] = find(t.rules, function (r) { return holds(r.when, v); }).then;
    });
    var outcome = d.outcomes[v[d.result]];
    var recommendation = d.recommendation || outcome.recommendation;
    d.tables.forEach(function (t) { recommendation = fill(recommendation, t.name, t.texts[v[t.name]]); });
    var text = {
      option: function (o) {
        var f = find(calc.inputs, function (i) { return i.name === o.value; });
        return find(f.options, function (x) { return x.value === v[o.value]; }).label;
      },
      class_label: function (o) {
        return find(d.classify, function (c) { return c.name === o.value; }).labels[v[o.value]];
      },
      yes_no: function (o) { return holds(o.when, v) ? "yes" : "no"; },
      outcome: function (o) { return outcome.outputs[o.key]; },
    };
    return {
      band: v[d.result],
      bandLabel: outcome.label,
      interpretation: outcome.interpretation,
      recommendation: recommendation,
      outputs: d.outputs.map(function (o) {
        return { key: o.key, label: o.label, text: text[o.source](o) };
      }),
      notes: d.notes.filter(function (n) { return holds(n.when, v); }).map(function (n) { return n.text; }),
    };
  }

  // ---------------------------------------------------------------- the three equations

  function rangeError(field, value, unitText, range, extra) {
    return fieldError(field, num(value) + " " + unitText + " is out of range for " + extra +
      "; allowed: " + num(range[0]) + " to " + num(range[range.length - 1]) + " " + unitText);
  }

  function within(value, range) {
    return range[0] <= value && value <= range[range.length - 1];
  }

  var FORMULAS = {
    // bonemets/formulas/calcium.py: albumin correction (label form); severity and CTCAE ladders
    calcium: {
      units: function (calc, values) {
        var u = values.units !== undefined ? calc.data.units[values.units] : null;
        return u ? { calcium: u.calcium_unit, albumin: u.albumin_unit } : null;
      },
      compute: function (calc, v, ctx) {
        var d = calc.data;
        var u = d.units[v.units];
        var errors = [];
        if (!within(v.calcium, u.calcium_range)) {
          errors.push(rangeError("calcium", v.calcium, u.calcium_unit, u.calcium_range, v.units + " units"));
        }
        if (!within(v.albumin, u.albumin_range)) {
          errors.push(rangeError("albumin", v.albumin, u.albumin_unit, u.albumin_range, v.units + " units"));
        }
        if (errors.length) {
          return { errors: errors };
        }
        var corrected = denoise(v.calcium + u.factor * (u.reference_albumin - v.albumin), ctx.decimals);
        if (corrected <= 0) {
          // calcium.py: an impossible (zero or negative) corrected calcium names both fields.
          var why = "calcium " + num(v.calcium) + " " + u.calcium_unit + " with albumin " +
            num(v.albumin) + " " + u.albumin_unit + " gives a corrected calcium of " +
            num(corrected + 0) + " " + u.calcium_unit + ", which is impossible; check both " +
            "values and their units (" + v.units + ")";
          return { errors: [fieldError("calcium", why), fieldError("albumin", why)] };
        }
        var severity = bandFor(d.severity_bands[v.units], corrected).name;
        var grade = bandFor(d.ctcae_grades[v.units], corrected).name;
        return {
          band: severity,
          bandLabel: d.labels[severity],
          recommendation: d.recommendations[severity],
          outputs: [
            { key: "corrected", label: "Corrected calcium", text: fixed(corrected, u.decimals) + " " + u.calcium_unit },
            { key: "ctcae_grade", label: "CTCAE v5.0 grade", text: grade },
          ],
        };
      },
    },

    // bonemets/formulas/renal.py: Cockcroft-Gault (actual weight); the label's dose ladder
    zoledronic_acid: {
      units: function (calc, values) {
        var f = find(calc.inputs, function (i) { return i.name === "creatinine_unit"; });
        var o = find(f.options, function (opt) { return opt.value === values.creatinine_unit; });
        return o ? { creatinine: o.label } : null;
      },
      compute: function (calc, v, ctx) {
        var d = calc.data;
        var range = d.creatinine_ranges[v.creatinine_unit];
        if (!within(v.creatinine, range)) {
          return {
            errors: [fieldError("creatinine", num(v.creatinine) + " is out of range for this unit; allowed: " +
              num(range[0]) + " to " + num(range[range.length - 1]))],
          };
        }
        var mgDl = v.creatinine_unit === "mg_dl" ? v.creatinine : v.creatinine / d.umol_per_mg_dl;
        var cg = d.cockcroft_gault;
        var crcl = (cg.age_from - v.age) * v.weight_kg / (cg.divisor * mgDl);
        crcl = denoise(v.sex === "female" ? crcl * d.female_factor : crcl, ctx.decimals);
        var band = bandFor(d.bands, crcl);
        var dose = band.dose_mg === null ? null : fixed(band.dose_mg, 1);
        return {
          band: band.name,
          bandLabel: band.label,
          recommendation: dose === null
            ? d.not_recommended + d.denosumab_alternative
            : fill(d.dose_recommendation, "dose_mg", dose),
          outputs: [
            { key: "crcl_ml_min", label: "Creatinine clearance (Cockcroft-Gault)", text: fixed(crcl, 1) + " mL/min" },
            { key: "dose_mg", label: "Zoledronic acid dose", text: dose === null ? "not recommended" : dose + " mg" },
          ],
        };
      },
    },

    // bonemets/formulas/radiotherapy.py: linear-quadratic BED and EQD2
    eqd2: {
      compute: function (calc, v, ctx) {
        var d = calc.data;
        var n = v.fractions;
        var dose = v.dose_per_fraction_gy;
        var ab = v.alpha_beta !== undefined ? v.alpha_beta : d.default_alpha_beta;
        var raw = n * dose * (1 + dose / ab);
        var bed = denoise(raw, ctx.decimals);
        var eqd2 = denoise(raw / (1 + d.reference_dose_per_fraction / ab), ctx.decimals);
        return {
          band: null,
          recommendation: d.recommendation,
          outputs: [
            { key: "total_dose_gy", label: "Total dose", text: num(denoise(n * dose, ctx.decimals)) + " Gy" },
            { key: "alpha_beta", label: "Alpha/beta used", text: num(ab) + " Gy" },
            { key: "bed_gy", label: "BED", text: fixed(bed, 1) + " Gy" },
            { key: "eqd2_gy", label: "EQD2", text: fixed(eqd2, 1) + " Gy" },
          ],
        };
      },
    },
  };

  // ---------------------------------------------------------------- evaluation

  function evaluate(ctx) {
    var calc = ctx.calc;
    var optional = calc.optional_inputs || [];
    var values = {};
    var missing = [];
    var errors = [];
    calc.inputs.forEach(function (f) {
      var r = readField(ctx, f);
      if (r.state === "ok") {
        values[f.name] = r.value;
      } else if (r.state === "error") {
        errors.push(fieldError(f.name, r.message));
      } else if (optional.indexOf(f.name) < 0) {
        missing.push(f.name);
      }
    });
    if (calc.kind === "points") {
      checkAlternates(calc, values, missing, errors);
    }
    if (missing.length || errors.length) {
      return { missing: missing, errors: errors, values: values };
    }
    var out;
    if (calc.kind === "points") {
      out = scorePoints(calc, values);
    } else if (calc.kind === "screen") {
      out = decide(calc, values);
    } else if (calc.decision) {
      out = runDecision(calc, values);
    } else {
      out = FORMULAS[calc.name].compute(calc, values, ctx);
    }
    out.missing = [];
    out.errors = out.errors || [];
    out.values = values;
    return out;
  }

  // ---------------------------------------------------------------- rendering (text only)

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function labelOf(ctx, name) {
    var f = find(ctx.calc.inputs, function (i) { return i.name === name; });
    return f ? f.label : name;
  }

  function render(ctx, out) {
    var r = ctx.refs;
    var bad = {};
    out.errors.forEach(function (e) { bad[e.field] = true; });
    ctx.calc.inputs.forEach(function (f) {
      var c = ctx.controls[f.name];
      (Array.isArray(c) ? c : [c]).forEach(function (node) {
        if (bad[f.name]) {
          node.setAttribute("aria-invalid", "true");
        } else {
          node.removeAttribute("aria-invalid");
        }
      });
    });
    clear(r.errors);
    out.errors.forEach(function (e) {
      r.errors.appendChild(el("li", labelOf(ctx, e.field) + ": " + e.message, { "data-field": e.field }));
    });
    show(r.errors, out.errors.length > 0);
    if (out.missing.length) {
      r.message.textContent = "Choose every input. Still to choose: " +
        out.missing.map(function (n) { return labelOf(ctx, n); }).join(", ") + ".";
    } else if (out.errors.length) {
      r.message.textContent = "Correct the input" + (out.errors.length > 1 ? "s" : "") + " below.";
    } else {
      r.message.textContent = "";
    }
    show(r.message, r.message.textContent !== "");
    var ok = !out.missing.length && !out.errors.length;
    show(r.outcome, ok);
    r.root.setAttribute("data-state", ok ? "result" : out.missing.length ? "incomplete" : "invalid");
    if (!ok) {
      return;
    }
    // Components and total (points tables)
    clear(r.componentsBody);
    (out.components || []).forEach(function (c) {
      var tr = el("tr", null, { "data-component": c.name });
      tr.appendChild(el("th", c.label, { scope: "row" }));
      tr.appendChild(el("td", c.value_label));
      tr.appendChild(el("td", num(c.points), { "data-testid": "points" }));
      r.componentsBody.appendChild(tr);
    });
    show(r.components, !!(out.components && out.components.length));
    r.score.textContent = out.scoreText || "";
    show(r.scoreLine, !!out.scoreText);
    // Computed values
    clear(r.outputs);
    (out.outputs || []).forEach(function (o) {
      r.outputs.appendChild(el("dt", o.label));
      r.outputs.appendChild(el("dd", o.text, { "data-testid": "out-" + o.key }));
    });
    show(r.outputs, !!(out.outputs && out.outputs.length));
    // Band, interpretation, recommendation
    r.band.textContent = out.bandLabel || "";
    r.band.setAttribute("data-band", out.band === null || out.band === undefined ? "" : out.band);
    show(r.bandLine, !!out.bandLabel);
    r.interpretation.textContent = out.interpretation || "";
    show(r.interpretation, !!out.interpretation);
    r.recommendation.textContent = out.recommendation || "";
    // Reasons (screens) and notes on this result
    clear(r.reasons);
    (out.reasons || []).forEach(function (x) {
      var li = el("li", null, { "data-code": x.code, "data-effect": x.effect });
      li.appendChild(el("span", x.text, { class: "bmc-reason-text" }));
      li.appendChild(document.createTextNode(" (" + x.effectLabel + "; " + x.citation + ")"));
      r.reasons.appendChild(li);
    });
    show(r.reasonsBlock, !!(out.reasons && out.reasons.length));
    clear(r.notes);
    (out.notes || []).forEach(function (n) { r.notes.appendChild(el("li", n)); });
    show(r.notesBlock, !!(out.notes && out.notes.length));
  }

  function updateUnits(ctx) {
    var hook = FORMULAS[ctx.calc.name] && FORMULAS[ctx.calc.name].units;
    if (!hook) {
      return;
    }
    var values = {};
    ctx.calc.inputs.forEach(function (f) {
      if (f.kind === "choice") {
        var r = readField(ctx, f);
        if (r.state === "ok") {
          values[f.name] = r.value;
        }
      }
    });
    var units = hook(ctx.calc, values) || {};
    ctx.unitSpans.forEach(function (span) {
      var name = span.getAttribute("data-unit-for");
      span.textContent = units[name] !== undefined ? units[name] : span.getAttribute("data-default");
    });
  }

  function update(ctx) {
    updateUnits(ctx);
    var out = evaluate(ctx);
    render(ctx, out);
    ctx.last = out;
    return out;
  }

  // ---------------------------------------------------------------- wiring

  function init(root) {
    var data = JSON.parse(root.querySelector("script.bmc-data").textContent);
    var calc = data.calculators[data.name];
    var ctx = {
      name: data.name,
      root: root,
      calc: calc,
      decimals: data.decimals,
      controls: {},
      unitSpans: Array.prototype.slice.call(root.querySelectorAll("[data-unit-for]")),
    };
    calc.inputs.forEach(function (f) {
      var nodes = root.querySelectorAll("[data-field='" + f.name + "']");
      if (f.kind === "boolean") {
        ctx.controls[f.name] = Array.prototype.slice.call(root.querySelectorAll("input[type=radio][data-field='" + f.name + "']"));
      } else {
        ctx.controls[f.name] = nodes[0];
      }
    });
    var q = function (id) { return root.querySelector("[data-testid='" + id + "']"); };
    ctx.refs = {
      root: root,
      message: q("message"),
      errors: q("errors"),
      outcome: q("outcome"),
      components: q("components"),
      componentsBody: q("components").querySelector("tbody"),
      scoreLine: root.querySelector(".bmc-score-line"),
      score: q("score"),
      outputs: q("outputs"),
      bandLine: root.querySelector(".bmc-band-line"),
      band: q("band-label"),
      interpretation: q("interpretation"),
      recommendation: q("recommendation"),
      reasonsBlock: root.querySelector(".bmc-reasons"),
      reasons: q("reasons"),
      notesBlock: root.querySelector(".bmc-result-notes"),
      notes: q("result-notes"),
    };
    var form = root.querySelector("form");
    var onChange = function () { update(ctx); };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function (e) { e.preventDefault(); update(ctx); });
    form.addEventListener("reset", function () { window.setTimeout(onChange, 0); });
    update(ctx);
    return ctx;
  }

  function setControl(ctx, f, value) {
    var c = ctx.controls[f.name];
    var missing = value === undefined || value === null;
    if (f.kind === "boolean") {
      c.forEach(function (r) { r.checked = !missing && String(value) === r.value; });
    } else {
      c.value = missing ? "" : String(value);
    }
  }

  var instances = [];

  var api = {
    ready: false,
    readyAt: null,
    instances: instances,
    /** Set every input of calculator `name` (absent ones are cleared) and update the page. */
    set: function (name, inputs, index) {
      var matching = instances.filter(function (c) { return c.name === name; });
      var ctx = matching[index || 0];
      ctx.calc.inputs.forEach(function (f) { setControl(ctx, f, inputs[f.name]); });
      ctx.root.querySelector("form").dispatchEvent(new Event("change", { bubbles: true }));
      return ctx.root.getAttribute("data-state");
    },
    fixed: fixed,
    denoise: denoise,
  };
  window.bonemetsCalc = api;

  function start() {
    var roots = document.querySelectorAll(".bonemets-calc[data-calculator]");
    Array.prototype.forEach.call(roots, function (root) { instances.push(init(root)); });
    api.ready = true;
    api.readyAt = window.performance ? window.performance.now() : null;
    document.documentElement.setAttribute("data-bonemets-calc", "ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
