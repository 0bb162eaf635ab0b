"""Every case page in live mode: the engine in the reader's browser gives what ``evaluate_case`` gives.

For each case (the list comes from ``cases/data``) the page is opened in chromium with every request
outside the site refused, "Run this case live" is clicked, three findings are changed through the
page's own controls (one change that moves the pathway, found with ``whatif`` in CPython; a number
typed as text; one more choice, preferably one that moves a band), and the scores, the pathway and
what was withheld shown on the page are compared with ``evaluate_case`` of the same edited case in
CPython; then Reset must give the case as written again. One page of the live-mode profile for the
module (``live_browser.py``, shared with test_live_runtime.py, whose first start stored the
runtime's snapshot there): each case page restores the runtime from that snapshot, and its files come
from the profile's disk cache, as for a reader going from case to case. ``xdist_group``: both
live-mode modules run in one worker (one cold start, not one per worker or module).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bonemets.cases import evaluate_case, load_case, parse_case
from bonemets.cases.editable import case_findings
from bonemets.cases.live import evaluate, form, whatif
from bonemets.cases.whatif import BAND, PATHWAY, build_case_data, parse_path, what_if
from charts.scores import has_band_scale

from .live_browser import LiveBrowser, shared_profile
from .pages import WEIGHT_TARGETS, first_load

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("live")]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cases" / "data"
CASE_IDS = sorted(p.stem for p in DATA.glob("*.yaml"))
#: The case the tests after the per-case ones use: the page is still live on it.
LAST = CASE_IDS[-1]
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
        "(want) => JSON.stringify((" + _LIVE_CHARTS + ")()) === want",
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


def _plan(case_id: str) -> list[tuple[str, str, Any, Any]]:
    """Three edits ``(path, kind, what the reader enters, case value)``: a change of the pathway
    (found with ``what_if`` in CPython), a typed number, and a choice that moves a band if one
    does (else any other valid value)."""
    text = (DATA / f"{case_id}.yaml").read_text(encoding="utf-8")
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
    return out


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


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_live_case_matches_evaluate_case(live: dict[str, Any], case_id: str) -> None:
    page = live["page"]
    _click_start(live, case_id)
    # while the runtime starts in the browser: the edits and the expected results, in CPython
    plan = _plan(case_id)
    as_written = _expected(case_id, {})
    expected = _expected(case_id, {path: value for path, _k, _e, value in plan})
    assert expected["pathway"] != as_written["pathway"], "the pathway moves"
    _wait_live(live)
    shown = page.evaluate(_SHOWN)
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == as_written
    assert shown["changed"] == []

    for path, kind, entered, _value in plan:
        _enter(page, path, kind, entered)
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    page.click("details.bm-reveal > summary")  # the reader opens the results
    shown = page.evaluate(_SHOWN)
    assert not shown["invalid"], shown["errors"]
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == expected
    assert set(shown["changed"]) == {path for path, *_ in plan}
    marked = ".bm-case-results :is([data-status='new'], [data-status='removed'])"
    assert page.locator(marked).count() > 0, "what changed in the pathway is marked"
    # the band scales are redrawn for the edited totals (drawn by the build for every total)
    _check_charts(page, _band_scales(case_id, {path: value for path, _k, _e, value in plan}))

    page.click(".bm-live-reset")
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    shown = page.evaluate(_SHOWN)
    assert {k: shown[k] for k in ("scores", "pathway", "withheld")} == as_written
    assert shown["changed"] == [] and page.locator("[data-status='new']").count() == 0
    _check_charts(page, _band_scales(case_id, {}))
    assert live["outside"] == [], "requests outside the site"
    assert live["errors"] == [], "console errors"


def test_a_bad_number_names_the_field_and_recomputes_nothing(live: dict[str, Any]) -> None:
    page = live["page"]
    _start(live, LAST)
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
    assert shown["scores"] == _expected(LAST, {"patient.weight_kg": 68.5})["scores"]


def test_what_would_change_it_lists_the_engines_rows(live: dict[str, Any]) -> None:
    page = live["page"]
    _start(live, LAST)
    page.click(".bm-live-whatif")
    page.wait_for_function(
        "() => document.querySelector('.bm-live').dataset.whatif === 'done'",
        timeout=UPDATE_MS * 4,
        polling=POLL_MS,
    )
    text = (DATA / f"{LAST}.yaml").read_text(encoding="utf-8")
    rows = whatif(text)["rows"]
    shown = page.locator(".bm-live-whatif-table tbody tr")
    assert shown.count() == len(rows)
    first = rows[0]
    assert shown.first.get_attribute("data-path") == first["path"]
    shown.first.locator("button").click()  # "Try it" sets that finding and recomputes
    page.wait_for_function(_SETTLED, timeout=UPDATE_MS, polling=POLL_MS)
    assert page.evaluate(_SHOWN)["changed"] == [first["path"]]


def test_live_mode_fits_a_phone(live: dict[str, Any]) -> None:
    """At 390 px, live mode (its controls, results and redrawn band scales) scrolls no page
    sideways and keeps chart text at 11 px or more."""
    page = live["page"]
    _start(live, LAST)
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.evaluate("() => { document.querySelector('details.bm-reveal').open = true; }")
        page.evaluate(
            "() => document.querySelectorAll('.bm-live-panel details').forEach((d) => d.open = true)"
        )
        _check_charts(page, _band_scales(LAST, {}))
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
