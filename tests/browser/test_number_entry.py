"""Typed and pasted numbers in every number box of every static calculator agree with the engine.

The review (F2, F16) found that ``type=number`` boxes let Chromium rewrite what was typed: "1,2"
became 12, "1.2.3" 1.23, "0x10" 010, "8.5 mg" 8.5, and Arabic-Indic digits were "still to choose".
The boxes are now text boxes read with the engine's one number grammar (``describe()["syntax"]``).

For each number box, each string below is typed with the keyboard AND pasted (a synthetic paste
event carrying the text, then an input event, as a browser does), with every other input of the
calculator set to a valid value. The page must show what ``Field.from_text`` (the command line's
path) gives: the same value (checked through the page's result against ``bonemets.calculate``) or
a refusal naming the same field with the engine's own message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bonemets
from bonemets.inputs import InputError, Integer, Number

from .test_calculators import READ_JS, base_url, calc_browser, compare, open_calc  # noqa: F401

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

STRINGS = [
    "1,2",
    "8,5",
    "1,200",
    " 12 ",
    "12 ",
    "8.5 mg",
    "1.2.3",
    "0x10",
    "1_0",
    "\u0661\u0660",  # Arabic-Indic 10
    "\uff11\uff10",  # full-width 10
    "\U0001d7d6",  # mathematical bold 8
    "1e1",
    "NaN",
    "Infinity",
    "-5",
    "+12",
    "12.",
    ".5",
    "12.5",
    "3",
    "20",
    "x" * 60,
]

#: A valid value for every input of each calculator (the boxes under test are overwritten).
BASE: dict[str, dict[str, Any]] = {
    "noms": dict(radiosensitivity="resistant", escc_grade="2", sins=8, fit_for_surgery=True),
    "tokuhashi": dict(
        kps=70,
        extraspinal_bone_mets=1,
        vertebral_mets=2,
        visceral_mets="none",
        primary="breast",
        palsy="e",
    ),
    "calcium": dict(calcium=10.0, albumin=3.0, units="conventional"),
    "zoledronic_acid": dict(
        age=70, sex="female", weight_kg=60.0, creatinine=1.0, creatinine_unit="mg_dl"
    ),
    "eqd2": dict(fractions=5, dose_per_fraction_gy=4.0, alpha_beta=10.0),
    "pain": dict(nrs=5),
}


def _valid_base(name: str) -> dict[str, Any]:
    """A valid set of inputs: BASE where given, else the first value of each field."""
    calc = bonemets.get(name)
    out: dict[str, Any] = {}
    for f in calc.fields:
        if isinstance(f, Integer):
            out[f.name] = min(f.maximum, f.minimum + f.step)
        elif isinstance(f, Number):
            out[f.name] = float(min(f.maximum, max(f.minimum, 10.0)))
        elif hasattr(f, "values"):
            out[f.name] = f.values[0]  # type: ignore[attr-defined]
        else:
            out[f.name] = True
    out.update(BASE.get(name, {}))
    if name == "sins":
        out.pop("level", None)
    bonemets.calculate(name, **out)  # the base itself is valid
    return out


def number_boxes() -> dict[str, list[str]]:
    """{calculator: its number boxes}, for every calculator with one."""
    out: dict[str, list[str]] = {}
    for name, calc in bonemets.CALCULATORS.items():
        boxes = [f.name for f in calc.fields if isinstance(f, Integer | Number)]
        if boxes:
            out[name] = boxes
    return out


def engine_reading(name: str, field: str, text: str) -> tuple[str, Any]:
    """("ok", value) or ("error", message) from the engine's text path for one field."""
    f = next(x for x in bonemets.get(name).fields if x.name == field)
    try:
        return "ok", f.from_text(text)
    except InputError as exc:
        return "error", exc.errors[0].message


#: Read what the page shows (the box and the result), then set the valid base again and empty and
#: focus the box for the next typing: one round trip per typed string.
STEP_JS = (
    """([name, base, sel]) => {
  const read = """
    + READ_JS
    + """;
  const el = document.querySelector(sel);
  const shown = [el.value, read(document.querySelector(`#bmc-${name}`))];
  window.bonemetsCalc.set(name, base);
  el.value = '';
  el.focus();
  return shown;
}"""
)

#: Paste each string into the box (a synthetic paste event carrying the text, then the text
#: inserted as the browser would unless the page cancelled the paste), each after the valid base
#: was set again; returns [box, result] for each string: one round trip for all the strings.
PASTE_ALL_JS = (
    """([name, base, sel, texts]) => {
  const read = """
    + READ_JS
    + """;
  const root = document.querySelector(`#bmc-${name}`);
  const el = document.querySelector(sel);
  return texts.map((text) => {
    window.bonemetsCalc.set(name, base);
    el.focus();
    el.value = '';
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    const ev = new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true});
    if (el.dispatchEvent(ev)) {
      document.execCommand('insertText', false, text);
    }
    return [el.value, read(root)];
  });
}"""
)


def disagreements(name: str, field: str, how: str, text: str, box: str, shown: Any) -> list[str]:
    """What the page got wrong for ``text`` in box ``field`` (empty: it agrees with the engine)."""
    if box != text:
        return [f"{field} {how} {text!r}: the box shows {box!r}"]
    state, got = engine_reading(name, field, text)
    if state == "error":
        if shown["state"] != "invalid" or field not in shown["errors"]:
            return [f"{field} {how} {text!r}: engine refuses ({got}); page: {shown['state']}"]
        label = next(f.label for f in bonemets.get(name).fields if f.name == field)
        text_shown = next(t for t in shown["error_texts"] if t.startswith(label + ":"))
        if text_shown != f"{label}: {got}":
            return [f"{field} {how} {text!r}: message {text_shown!r} != engine {got!r}"]
        return []
    diff = compare(name, {**_valid_base(name), field: got}, shown)
    return [] if diff is None else [f"{field} {how} {text!r}: {diff}"]


@pytest.mark.parametrize("name", sorted(number_boxes()))
def test_typed_and_pasted_numbers_agree_with_the_engine(open_calc: Any, name: str):  # noqa: F811
    """Every string typed with the keyboard, and pasted, into every number box of the page."""
    c = open_calc(name)
    base = _valid_base(name)
    boxes = number_boxes()[name]
    bad: list[str] = []
    for field in boxes:
        sel = f"{c.root}-{field}"
        c.page.evaluate(STEP_JS, [name, base, sel])  # base set, the box empty and focused
        for text in STRINGS:
            c.page.keyboard.type(text)  # real key events into the focused box
            box, shown = c.page.evaluate(STEP_JS, [name, base, sel])
            bad += disagreements(name, field, "typed", text, box, shown)
        pasted = c.page.evaluate(PASTE_ALL_JS, [name, base, sel, STRINGS])
        assert len(pasted) == len(STRINGS)
        for text, (box, shown) in zip(STRINGS, pasted, strict=True):
            bad += disagreements(name, field, "pasted", text, box, shown)
    total = 2 * len(STRINGS) * len(boxes)
    assert not bad, f"{len(bad)} of {total} disagree:\n" + "\n".join(bad[:8])


def test_comma_never_becomes_times_ten(open_calc: Any):  # noqa: F811
    """The review's clinical flip: ANC "1,2" showed Ra-223 "Eligible" (engine with 1.2: not)."""
    c = open_calc("radiopharmaceutical")
    base = _valid_base("radiopharmaceutical")
    c.page.evaluate("(b) => window.bonemetsCalc.set(b[0], b[1])", ["radiopharmaceutical", base])
    c.page.fill(f"{c.root}-anc", "")
    c.page.type(f"{c.root}-anc", "1,2")
    shown = c.read()
    assert shown["state"] == "invalid" and shown["errors"] == ["anc"]
    assert "use a decimal point and no comma" in shown["error_texts"][0]
    assert c.page.input_value(f"{c.root}-anc") == "1,2"


def test_optional_alpha_beta_never_falls_back_silently(open_calc: Any):  # noqa: F811
    c = open_calc("eqd2")
    for text in ("NaN", "Infinity", "\u00b2", "\u0668", "1,5"):
        c.page.evaluate(
            "(b) => window.bonemetsCalc.set(b[0], b[1])",
            ["eqd2", {"fractions": 5, "dose_per_fraction_gy": 4.0}],
        )
        c.page.fill(f"{c.root}-alpha_beta", text)
        shown = c.read()
        assert shown["state"] == "invalid" and shown["errors"] == ["alpha_beta"], (text, shown)
