"""Every case in live mode: the engine in the reader's browser gives what ``evaluate_case`` gives.

The list of cases comes from ``cases/data``. One page of the live-mode profile for the module
(``live_browser.py``, shared with test_live_runtime.py, whose first start stored the runtime's
snapshot there): each case page that goes live restores the runtime from that snapshot, and its files
come from the profile's disk cache, as for a reader going from case to case. ``xdist_group``: both
live-mode modules run in one worker (one cold start, not one per worker or module).

Each case gets three edits (:func:`_plan`, in CPython): a change that moves the pathway (found with
``whatif``), a number typed as text, and one more choice, preferably one that moves a band.

**On every case** (what depends on the case's data; ``test_every_case_in_the_runtime_and_the_page``):
in one page already live (the host case's), the runtime is called with the case's own text for its
form, for the case as written and with its three edits as the page sends them (typed text for
numbers); each answer must equal CPython's ``bonemets.cases.live`` answer (the whole JSON), and
the page's own renderer (``Live.show``, reached through ``.bm-case``'s ``bmLive``, the object the
page's controls call) draws it: the scores, the pathway and what was withheld shown must equal
``evaluate_case`` of the same (edited) case in CPython, the pathway's changes be marked, and the
live band scales be redrawn for its totals. No page load per case: the runtime and the renderer
are the page's, the data the case's.

**On a covering set** (``test_live_mode_controls_on_the_cover``): the whole reader's path, open the
case page, "Run this case live", the three edits through the page's controls, the same comparison,
the controls marked changed, Reset gives the case as written. What this adds to the per-case check
is mechanism identical on every page (building controls by field kind, the edits they send, the
change marks, the update after each change, Reset), so it runs on a set of cases computed here from
the data (:func:`_features`, :func:`covering.greedy_cover`): every feature any case has occurs in a member, chosen
greedily by new features per cost (:func:`_cost`: controls built plus band scales drawn, what
varies between pages; the runtime restore is the same for all). Features: the controls the path
works, i.e. the field kind of each planned edit (choice, boolean, integer, number) and whether its
control starts with a blank option (its values shift by one). What a report looks like (urgency
sections, withheld, band scales, statuses new/removed, scores not computed) is not a feature of the
cover: every case's own reports, as written and edited, go through the same ``Live.show`` and are
compared on every case above. The calculators a case runs are data too. Greedy, so not always the
smallest cover, but every feature is in it and a case with a feature no other has is always in it.

Self-tests: ``test_the_cover_picks_the_only_case_with_a_feature`` (for each case outside the cover,
a feature planted in it alone puts it in; the cover has every feature; the cheaper of two equal
cases is taken); ``test_a_planted_difference_fails_the_per_case_check`` (the runtime sent the case
as written while the check expects its edits: the JSON and the page checks both fail; a renderer
that drops an action fails the page check while the runtime's answer passes);
``test_a_planted_fault_in_the_controls_fails_the_cover_check`` (a control's edit not sent: the
cover's check of the edited page fails).

The later tests (a bad number, what-if rows, a phone) use the page still live on the cover's last
member (:func:`_ordered`: the one drawing most band scales).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bonemets.cases import evaluate_case, load_case, parse_case
from bonemets.cases.editable import case_findings
from bonemets.cases.live import evaluate, form, whatif
from bonemets.cases.whatif import BAND, PATHWAY, build_case_data, parse_path, what_if
from charts.scores import has_band_scale

from .covering import greedy_cover
from .live_browser import LiveBrowser, shared_profile
from .pages import WEIGHT_TARGETS, first_load

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("live")]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cases" / "data"
CASE_IDS = sorted(p.stem for p in DATA.glob("*.yaml"))
READY_MS = 120_000  # a cold start on a loaded 2-core machine; the benchmark prints the real figure
UPDATE_MS = 30_000
#: How often a wait looks (ms): a fixed interval, not at every animation frame of a busy page.
POLL_MS = 50

_SHOWN = """() => {
  const root = document.querySelector(".bm-case-results");
  const rows = [...root.querySelectorAll("tr[data-key]")].filter((tr) => tr.dataset.status !== "removed");
  return {
    invalid: root.hasAttribute("data-invalid"),
    scores: rows.map((tr) => [tr.dataset.key, tr.dataset.score, tr.dataset.band]),
    pathway: [...root.querySelectorAll("section[data-urgency]")].map((s) => [s.dataset.urgency,
      [...s.querySelectorAll("li[data-rule]")].map((li) => [li.dataset.rule,
        li.querySelector(".bm-action").textContent])]),
    withheld: [...root.querySelectorAll("ul.bm-withheld li")].map((li) =>
      li.querySelector(".bm-action").textContent),
    changed: [...document.querySelectorAll(".bm-live-field.bm-live-changed")].map((d) => d.dataset.path),
    errors: document.querySelector(".bm-live-errors").textContent,
  };
}"""

_SETTLED = """() => {
  const box = document.querySelector(".bm-live");
  return box.dataset.state === "ready" && box.dataset.done && box.dataset.done === box.dataset.pending;
}"""


def _expected(case_id: str, edits: dict[str, Any]) -> dict[str, Any]:
    """What the page must show: ``evaluate_case`` of the case with ``edits`` (case values)."""
    case = load_case(DATA / f"{case_id}.yaml")
    data = build_case_data(case.model_dump(), {parse_path(k): v for k, v in edits.items()})
    ev = evaluate_case(parse_case(data, "test"))
    return {
        "scores": [
            [k, "" if r.score is None else str(r.score), r.band or ""]
            for k, r in ev.results.items()
        ],
        "pathway": [[u, [[a.rule, a.action] for a in acts]] for u, acts in ev.pathway.items()],
        "withheld": [w.action.action for w in ev.withheld],
    }


def _band_scales(case_id: str, edits: dict[str, Any]) -> list[list[str]]:
    """``[key, total]`` of each score the live band scales must show (points scores with a total)."""
    case = load_case(DATA / f"{case_id}.yaml")
    data = build_case_data(case.model_dump(), {parse_path(k): v for k, v in edits.items()})
    ev = evaluate_case(parse_case(data, "test"))
    return [
        [k, str(r.score)]
        for k, r in ev.results.items()
        if r.score is not None and has_band_scale(r.calculator)
    ]


_LIVE_CHARTS = """() => [...document.querySelectorAll("[data-bm-live-charts] .bm-live-chart")]
    .map((d) => [d.dataset.key, d.dataset.score])"""

_CHART_TEXT = """() => [...document.querySelectorAll("[data-bm-live-charts] .bm-live-chart")].map((d) => ({
    desc: (d.querySelector("svg desc") || {}).textContent || "",
    labelled: [...d.querySelectorAll("svg[aria-labelledby]")].every((svg) =>
        svg.getAttribute("aria-labelledby").split(" ").every((id) => document.getElementById(id))),
}))"""


def _check_charts(page: Any, want: list[list[str]]) -> None:
    """The live band scales show ``want`` (waiting for them), each drawing says its total, and the
    chart of the case as written is hidden."""
    page.wait_for_function(
        "(want) => document.querySelector('.bm-live').hasAttribute('data-charts')"
        " && JSON.stringify((" + _LIVE_CHARTS + ")()) === want",
        arg=json.dumps(want, separators=(",", ":")),
        timeout=UPDATE_MS,
        polling=POLL_MS,
    )
    for (key, total), drawn in zip(want, page.evaluate(_CHART_TEXT), strict=True):
        assert f"This patient's total is {total}," in drawn["desc"], (key, drawn["desc"])
        assert drawn["labelled"], f"{key}: the drawing's title and description ids resolve"
    assert page.get_attribute(".bm-live", "data-charts") == str(len(want))
    assert page.evaluate(
        """() => [...document.querySelectorAll("[id^='chart-coursebook-casepage-band-scales-']")]
            .every((e) => e.closest("figure").hidden)"""
    ), "the chart of the case as written is replaced"


def _first_change(case: Any, effect: str, skip: set[str]) -> tuple[str, Any] | None:
    """The first single change (``what_if``, one finding at a time, lesions and clinical
    sections before the patient's demographics) whose effect is ``effect``."""
    findings = [f for f in case_findings(case) if f.key not in skip]
    findings.sort(key=lambda f: f.section == "patient")
    for f in findings:
        values = f.finite_values()
        if values is None:
            continue
        for row in what_if(case, [(f.path, values)]):
            if row.effect == effect:
                return f.key, row.value
    return None


@cache
def _text(case_id: str) -> str:
    return (DATA / f"{case_id}.yaml").read_text(encoding="utf-8")


@cache
def _plan(case_id: str) -> tuple[tuple[str, str, Any, Any], ...]:
    """Three edits ``(path, kind, what the reader enters, case value)``: a change of the pathway
    (found with ``what_if`` in CPython), a typed number, and a choice that moves a band if one
    does (else any other valid value)."""
    text = _text(case_id)
    case = load_case(DATA / f"{case_id}.yaml")
    fields = {f["path"]: f for f in form(text)["fields"]}
    first = _first_change(case, PATHWAY, set())
    assert first is not None, f"{case_id}: no single change moves the pathway"
    plan = [first]
    number = next(p for p in ("patient.weight_kg", "patient.age_years") if p != first[0])
    plan.append((number, f"{fields[number]['value'] + 3.5:g}"))
    chosen = {p for p, _ in plan}
    third = _first_change(case, BAND, chosen)
    candidates = [third] if third is not None else []
    candidates += [
        (f["path"], o["value"])
        for f in fields.values()
        if f["kind"] in ("choice", "boolean") and f["path"] not in chosen
        for o in f["options"]
        if o["value"] != f["value"]
    ]
    for path, value in candidates:
        if evaluate(text, dict(plan) | {path: value})["ok"]:
            plan.append((path, value))
            break
    assert len(plan) == 3, f"{case_id}: no third edit found"
    out = []
    for path, value in plan:
        f = fields[path]
        if f["kind"] in ("choice", "boolean"):
            label = next(o["label"] for o in f["options"] if o["value"] == value)
            out.append((path, f["kind"], label, value))
        else:
            number_value = int(value) if f["kind"] == "integer" else float(value)
            out.append((path, f["kind"], str(value), number_value))
    return tuple(out)


def _values(case_id: str) -> dict[str, Any]:
    """The planned edits as case values."""
    return {path: value for path, _k, _e, value in _plan(case_id)}


def _sent(case_id: str) -> dict[str, Any]:
    """The planned edits as the page sends them (``Live.edits``): a typed number as its text."""
    return {
        path: entered if kind in ("integer", "number") else value
        for path, kind, entered, value in _plan(case_id)
    }


def _drawn(report: Mapping[str, Any]) -> int:
    """How many band scales live mode draws for ``report``."""
    return sum(
        1 for s in report["scores"] if s["score"] is not None and has_band_scale(s["calculator"])
    )


@cache
def _features(case_id: str) -> frozenset[tuple[str, ...]]:
    """The controls the case's reader's path works (see the top): the field kind of each planned
    edit, and whether its control starts with a blank option (its values shift by one)."""
    fields = {f["path"]: f for f in form(_text(case_id))["fields"]}
    out: set[tuple[str, ...]] = set()
    for path, kind, _e, _v in _plan(case_id):
        out.add(("edit", kind))
        if fields[path]["optional"] or fields[path]["value"] is None:
            out.add(("edit, blank first option", kind))
    edited = evaluate(_text(case_id), _sent(case_id))
    assert edited["ok"], (case_id, edited["errors"])
    return frozenset(out)


@cache
def _cost(case_id: str) -> int:
    """What a case's page costs beyond the runtime restore every page makes: the controls built
    and the band scales drawn (as written and edited)."""
    text = _text(case_id)
    return (
        len(form(text)["fields"]) + _drawn(evaluate(text)) + _drawn(evaluate(text, _sent(case_id)))
    )


@cache
def _ordered() -> tuple[str, ...]:
    """The cover of the cases, the one that draws most band scales last (the later tests use the
    page still live on it)."""
    members = greedy_cover({c: _features(c) for c in CASE_IDS}, {c: _cost(c) for c in CASE_IDS})
    last = max(members, key=lambda c: (_drawn(evaluate(_text(c))), c))
    return tuple([c for c in members if c != last] + [last])


@pytest.fixture(scope="module")
def live_profile(request, browser, course_site, tmp_path_factory) -> LiveBrowser:
    """The live-mode profile shared with test_live_runtime.py, its first start done."""
    return shared_profile(request, browser, course_site, tmp_path_factory)


@pytest.fixture(scope="module")
def live(live_profile: LiveBrowser, course_site) -> Iterator[dict[str, Any]]:
    """One page of the live-mode profile for the module; requests outside the site and console
    errors are recorded (the browser refuses the requests itself: ``chromium.CHROMIUM_ARGS``)."""
    page = live_profile.context.new_page()
    origin = course_site.base_url.rstrip("/")
    state: dict[str, Any] = {"page": page, "site": course_site, "outside": [], "errors": []}

    def on_request(req: Any) -> None:
        if not req.url.startswith((origin + "/", "data:", "blob:")):
            state["outside"].append(req.url)

    page.on("request", on_request)
    page.on("console", lambda m: state["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: state["errors"].append(f"uncaught: {e}"))
    yield state
    page.close()


def _click_start(live: dict[str, Any], case_id: str) -> bool:
    """Open the case's page and click "Run this case live" (the runtime then starts while the
    test goes on); a page already live on this case is reset to the case instead (starting the
    runtime is most of this module's time). True if the runtime is starting."""
    page = live["page"]
    url = live["site"].base_url + f"cases/{case_id}.html"
    if page.url == url and page.get_attribute(".bm-live", "data-state") == "ready":
        page.click(".bm-live-reset")
        return False
    page.goto(url)
    assert page.locator(".bm-live").is_visible()
    assert not page.evaluate("!!window.BonemetsLive"), "the runtime loads only on request"
    page.click(".bm-live-start")
    return True


def _wait_live(live: dict[str, Any]) -> None:
    page = live["page"]
    page.wait_for_function(
        "() => ['ready', 'failed'].includes(document.querySelector('.bm-live').dataset.state)",
        timeout=READY_MS,
        polling=POLL_MS,
    )
    status = page.inner_text(".bm-live-status")
    assert page.get_attribute(".bm-live", "data-state") == "ready", status
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)


def _start(live: dict[str, Any], case_id: str) -> None:
    _click_start(live, case_id)
    _wait_live(live)


def _enter(page: Any, path: str, kind: str, entered: Any) -> None:
    control = page.locator(f'.bm-live-panel [data-path="{path}"]').locator("select, input")
    control.evaluate("(c) => { c.closest('details').open = true; }")  # the reader opens its group
    if kind in ("choice", "boolean"):
        control.select_option(label=entered)
    else:
        control.fill(str(entered))
        control.dispatch_event("change")


def _enter_plan(page: Any, case_id: str) -> None:
    """The case's three edits through the page's controls, the page's answer awaited."""
    for path, kind, entered, _value in _plan(case_id):
        _enter(page, path, kind, entered)
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)


def _check_edited(page: Any, case_id: str) -> None:
    """The page shows the edited case as CPython evaluates it, the edited controls marked."""
    shown = page.evaluate(_SHOWN)
    assert not shown["invalid"], shown["errors"]
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == _expected(
        case_id, _values(case_id)
    )
    assert set(shown["changed"]) == {path for path, *_ in _plan(case_id)}
    assert page.locator(_MARKED).count() > 0, "what changed in the pathway is marked"
    # the band scales are redrawn for the edited totals (drawn by the build for every total)
    _check_charts(page, _band_scales(case_id, _values(case_id)))


def _reader_path(live: dict[str, Any], case_id: str) -> None:
    """The whole reader's path on one case page (see the top)."""
    page = live["page"]
    _click_start(live, case_id)
    # while the runtime starts in the browser: the edits and the expected results, in CPython
    as_written = _expected(case_id, {})
    expected = _expected(case_id, _values(case_id))
    assert expected["pathway"] != as_written["pathway"], "the pathway moves"
    _wait_live(live)
    shown = page.evaluate(_SHOWN)
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == as_written
    assert shown["changed"] == []

    _enter_plan(page, case_id)
    page.click("details.bm-reveal > summary")  # the reader opens the results
    _check_edited(page, case_id)

    page.click(".bm-live-reset")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    shown = page.evaluate(_SHOWN)
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == as_written
    assert shown["changed"] == [] and page.locator("[data-status='new']").count() == 0
    _check_charts(page, _band_scales(case_id, {}))
    assert live["outside"] == [], "requests outside the site"
    assert live["errors"] == [], "console errors"


_MARKED = ".bm-case-results :is([data-status='new'], [data-status='removed'])"


def test_live_mode_controls_on_the_cover(live: dict[str, Any]) -> None:
    members = _ordered()
    every = set().union(*(_features(c) for c in CASE_IDS))
    assert set().union(*(_features(c) for c in members)) == every
    failed = []
    for case_id in members:
        try:
            _reader_path(live, case_id)
        except AssertionError as exc:
            failed.append(f"{case_id}: {exc}")
    assert failed == [], "\n".join(failed)


@pytest.fixture(scope="module")
def host(live: dict[str, Any]) -> str:
    """The case whose page is live for the tests below: the cover's last (see the top)."""
    case_id = _ordered()[-1]
    _start(live, case_id)
    return case_id


#: Evaluate a case (its text, the edits as the page sends them) with the runtime of the page and
#: show the answer with the page's own renderer; the band scales are marked to be drawn anew.
_RENDER = """async ([text, edits]) => {
    const live = document.querySelector(".bm-case").bmLive;
    const json = await live.runtime.call("bonemets.cases.live:evaluate",
                                         JSON.stringify({case: text, edits}));
    document.querySelector(".bm-live").removeAttribute("data-charts");
    live.show(JSON.parse(json));
    return json;
}"""

_FORM = """async (text) => document.querySelector(".bm-case").bmLive.runtime.call(
    "bonemets.cases.live:form", JSON.stringify({case: text}))"""


def _in_page(page: Any, text: str, sent: dict[str, Any]) -> Any:
    """The runtime's answer for ``text`` with ``sent``, now shown by the page."""
    return json.loads(page.evaluate(_RENDER, [text, sent]))


def _check_report(text: str, sent: dict[str, Any], got: Any) -> None:
    """The runtime's answer is CPython's, the whole JSON."""
    assert got == json.loads(json.dumps(evaluate(text, sent)))


def _check_page(page: Any, case_id: str, values: dict[str, Any]) -> None:
    """The page shows ``evaluate_case`` of the case with ``values`` (case values)."""
    shown = page.evaluate(_SHOWN)
    assert not shown["invalid"], shown["errors"]
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == _expected(case_id, values)
    _check_charts(page, _band_scales(case_id, values))


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_case_in_the_runtime_and_the_page(
    live: dict[str, Any], host: str, case_id: str
) -> None:
    page, text = live["page"], _text(case_id)
    assert json.loads(page.evaluate(_FORM, text)) == json.loads(json.dumps(form(text)))
    assert _expected(case_id, _values(case_id))["pathway"] != _expected(case_id, {})["pathway"]
    got = _in_page(page, text, {})
    _check_report(text, {}, got)
    _check_page(page, case_id, {})
    got = _in_page(page, text, _sent(case_id))
    assert got["ok"] and got["case"] == case_id, got["errors"]
    _check_report(text, _sent(case_id), got)
    _check_page(page, case_id, _values(case_id))
    assert page.locator(_MARKED).count() > 0, "what changed in the pathway is marked"
    assert live["outside"] == [], "requests outside the site"
    assert live["errors"] == [], "console errors"


#: A renderer fault planted in the page: the last action of each urgency is not shown.
_PLANT_SHOW = """() => {
    const live = document.querySelector(".bm-case").bmLive;
    live.show = function (report) {
        report.pathway.forEach((group) => group.actions.pop());
        return Object.getPrototypeOf(this).show.call(this, report);
    };
}"""


def test_a_planted_difference_fails_the_per_case_check(live: dict[str, Any], host: str) -> None:
    """The runtime is sent the case as written while the check expects it with its edits (the
    case's text differs between the two sides): the answer and the page both fail the check.
    A fault planted in the renderer alone fails the page's check."""
    page, text = live["page"], _text(host)
    got = _in_page(page, text, {})
    with pytest.raises(AssertionError):
        _check_report(text, _sent(host), got)
    with pytest.raises(AssertionError):
        _check_page(page, host, _values(host))
    _check_report(text, {}, got)  # the same answer passes against its own case
    _check_page(page, host, {})
    page.evaluate(_PLANT_SHOW)
    try:
        got = _in_page(page, text, {})
        _check_report(text, {}, got)  # the runtime's answer is right
        with pytest.raises(AssertionError):
            _check_page(page, host, {})
    finally:
        page.evaluate("() => { delete document.querySelector('.bm-case').bmLive.show; }")
    _in_page(page, text, {})
    _check_page(page, host, {})


#: A fault planted in the controls' wiring: the first edit of the plan is not sent.
_PLANT_EDITS = """(path) => {
    const live = document.querySelector(".bm-case").bmLive;
    live.edits = function () {
        const edits = Object.getPrototypeOf(this).edits.call(this);
        delete edits[path];
        return edits;
    };
}"""


def test_a_planted_fault_in_the_controls_fails_the_cover_check(
    live: dict[str, Any], host: str
) -> None:
    """The controls' part of the cover's check fails when one edit made through the controls is
    not sent to the engine (on the page already live: no page load)."""
    page = live["page"]
    _start(live, host)
    page.evaluate(_PLANT_EDITS, _plan(host)[0][0])
    try:
        _enter_plan(page, host)
        with pytest.raises(AssertionError):
            _check_edited(page, host)
    finally:
        page.evaluate("() => { delete document.querySelector('.bm-case').bmLive.edits; }")
    page.click(".bm-live-reset")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    _enter_plan(page, host)  # the same edits, now all sent: the check passes
    _check_edited(page, host)
    page.click(".bm-live-reset")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)


def test_the_cover_picks_the_only_case_with_a_feature() -> None:
    features = {c: _features(c) for c in CASE_IDS}
    cost = {c: _cost(c) for c in CASE_IDS}
    members = greedy_cover(features, cost)
    assert sorted(members) == sorted(_ordered())
    assert set().union(*(features[c] for c in members)) == set().union(*features.values())
    for c in CASE_IDS:  # a feature only this case has (a new kind of case): it is picked
        if c not in members:
            assert c in greedy_cover(features | {c: features[c] | {("only here",)}}, cost), c
    assert len(members) < len(CASE_IDS)
    # a feature two cases share goes to the cheaper; a feature one case has, to that case
    shared = {"a": frozenset({1, 2}), "b": frozenset({1, 2}), "c": frozenset({1, 3})}
    assert greedy_cover(shared, {"a": 1, "b": 2, "c": 9}) == ["a", "c"]
    assert greedy_cover(shared, {"a": 3, "b": 2, "c": 9}) == ["b", "c"]


def test_a_bad_number_names_the_field_and_recomputes_nothing(
    live: dict[str, Any], host: str
) -> None:
    page = live["page"]
    _start(live, host)
    _enter(page, "patient.weight_kg", "number", "68,5")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    shown = page.evaluate(_SHOWN)
    assert shown["invalid"] and "patient.weight_kg" in shown["errors"]
    assert "decimal point" in shown["errors"]
    row = page.locator('.bm-live-field[data-path="patient.weight_kg"]')
    assert "bm-live-invalid" in (row.get_attribute("class") or "")
    _enter(page, "patient.weight_kg", "number", "68.5")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    shown = page.evaluate(_SHOWN)
    assert not shown["invalid"] and shown["errors"] == ""
    assert shown["scores"] == _expected(host, {"patient.weight_kg": 68.5})["scores"]


def test_what_would_change_it_lists_the_engines_rows(live: dict[str, Any], host: str) -> None:
    page = live["page"]
    _start(live, host)
    page.click(".bm-live-whatif")
    page.wait_for_function(
        "() => document.querySelector('.bm-live').dataset.whatif === 'done'",
        timeout=UPDATE_MS * 4,
        polling=POLL_MS,
    )
    text = _text(host)
    rows = whatif(text)["rows"]
    shown = page.locator(".bm-live-whatif-table tbody tr")
    assert shown.count() == len(rows)
    first = rows[0]
    assert shown.first.get_attribute("data-path") == first["path"]
    shown.first.locator("button").click()  # "Try it" sets that finding and recomputes
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    assert page.evaluate(_SHOWN)["changed"] == [first["path"]]


def test_live_mode_fits_a_phone(live: dict[str, Any], host: str) -> None:
    """At 390 px, live mode (its controls, results and redrawn band scales) scrolls no page
    sideways and keeps chart text at 11 px or more."""
    page = live["page"]
    _start(live, host)
    want = _band_scales(host, {})
    assert want, f"{host}: no band scale to check"
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.evaluate("() => { document.querySelector('details.bm-reveal').open = true; }")
        page.evaluate(
            "() => document.querySelectorAll('.bm-live-panel details').forEach((d) => d.open = true)"
        )
        _check_charts(page, want)
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"live mode scrolls sideways at 390 px: {width}"
        small = page.evaluate(
            """() => [...document.querySelectorAll("[data-bm-live-charts] svg text")]
                .filter((t) => (t.textContent || "").trim())
                .map((t) => parseFloat(getComputedStyle(t).fontSize)
                    * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b))
                .filter((px) => px < 10.95)"""
        )
        assert small == [], f"live chart text under 11 px: {small[:5]}"
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_the_prediction_is_checked_against_the_shown_results(live: dict[str, Any]) -> None:
    page = live["page"]
    page.goto(live["site"].base_url + "cases/breast_lytic_femur.html")
    assert not page.locator("details.bm-reveal").evaluate("d => d.open")
    ev = evaluate_case(load_case(DATA / "breast_lytic_femur.yaml"))
    page.select_option(
        "select[data-predict-key='mirels:left_femur']", ev.results["mirels:left_femur"].band
    )
    page.select_option("select[data-predict-urgency]", "emergency")
    page.click("form.bm-predict button[type=submit]")
    assert page.locator("details.bm-reveal").evaluate("d => d.open")
    verdicts = page.locator(".bm-predict-result li").evaluate_all(
        "(lis) => lis.map((li) => li.dataset.correct)"
    )
    first = next(u for u, acts in ev.pathway.items() if acts)
    assert verdicts == ["yes", "yes" if first == "emergency" else "no"]


def test_from_a_file_live_mode_says_how_to_serve_the_folder(live: dict[str, Any]) -> None:
    page = live["page"]
    page.goto((live["site"].root / "cases" / "breast_lytic_femur.html").as_uri())
    page.click(".bm-live-start")
    page.wait_for_function(
        "() => document.querySelector('.bm-live').dataset.state === 'failed'",
        timeout=UPDATE_MS,
        polling=POLL_MS,
    )
    assert "http.server" in page.inner_text(".bm-live-status")
    live["errors"].clear()  # a file:// page may log its refused loads


def test_the_case_page_before_live_mode_is_light(browser, course_site) -> None:
    target = WEIGHT_TARGETS["case page before live mode"]
    assert target is not None
    for case_id in ("breast_lytic_femur", "pregnant_breast_bone_pain"):
        load = first_load(browser, course_site.base_url + f"cases/{case_id}.html")
        assert load["bytes"] <= target, sorted(load["requests"], key=lambda r: -r[1])[:8]
        assert not any("/live/" in u for u, _ in load["requests"]), "runtime before the click"
        assert not any("pyodide" in u or "html-manager" in u for u, _ in load["requests"])
