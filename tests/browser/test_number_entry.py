"""Typed and pasted numbers in every number box of every static calculator agree with the engine.

The review (F2, F16) found that ``type=number`` boxes let Chromium rewrite what was typed: "1,2"
became 12, "1.2.3" 1.23, "0x10" 010, "8.5 mg" 8.5, and Arabic-Indic digits were "still to choose".
The boxes are now text boxes read with the engine's one number grammar (``describe()["syntax"]``).

One page load per calculator with a number box (in the calculators' one tab, ``open_calc``: the
page test_calculators.py loaded when the two modules' tests of a calculator follow each other, as
``--dist loadgroup`` runs them). With every other input of the calculator set to a
valid value, the page must show what ``Field.from_text`` (the command line's path) gives for the
box's text: the same value (checked through the page's result against ``bonemets.calculate``) or a
refusal naming the same field with the engine's own message. On each page:

* every string below is PASTED into every number box (a synthetic paste event carrying the text,
  then the text inserted as a browser does unless the page cancelled the paste), all strings of a
  box in one round trip;
* every string is TYPED with the keyboard (real key events) into one box of each kind of box
  (whole number, number: ``TYPING_BOXES``), and two strings (a decimal comma and the valid base
  value) into every other box;
* typing cannot differ between boxes of one kind: ``box_uniformity`` checks, through the DevTools
  protocol, that every number box is the same text box (the same attributes, no ``maxlength``,
  ``pattern``, ``readonly`` or ``disabled``) with no event listener of its own, inside a field and
  form that listen to nothing but the form's ``input``/``change``/``submit``/``reset``; a
  self-test on each page gives one box a key listener and a ``maxlength`` and requires both to be
  reported. So what one box of a kind does with a typed string every box of that kind does, and
  what each box's field makes of the text is checked for every string by the paste.

Plus the review's two clinical cases: "1,2" typed as ANC never becomes 12 (radiopharmaceutical),
and the optional alpha/beta never falls back silently to its default on a bad text (EQD2).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import bonemets
from bonemets.inputs import InputError, Integer, Number

from .calculator_page import (  # noqa: F401  (fixtures)
    READ_JS,
    Calc,
    base_url,
    calc_context,
    compare,
    group,
    open_calc,
    report,
)

pytestmark = pytest.mark.browser

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


def box_kind(name: str, field: str) -> str:
    """The kind of a number box: its ``inputmode`` (numeric or decimal) is all that differs."""
    f = next(x for x in bonemets.get(name).fields if x.name == field)
    return "whole number" if isinstance(f, Integer) else "number"


def typing_boxes() -> dict[str, tuple[str, str]]:
    """{kind of box: (calculator, box)}: the first box of each kind, calculators in name order."""
    out: dict[str, tuple[str, str]] = {}
    for name, boxes in sorted(number_boxes().items()):
        for field in boxes:
            out.setdefault(box_kind(name, field), (name, field))
    return out


TYPING_BOXES = typing_boxes()


#: Typed into every number box that is not the typing box of its kind.
TYPED_IN_EVERY_BOX = ["1,2"]  # plus the box's valid base value, as text


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
#: inserted as the browser would unless the page cancelled the paste), the valid base set once
#: (a paste changes only this box, which is emptied before each); returns [box, result] for each
#: string: one round trip for all the strings.
PASTE_ALL_JS = (
    """([name, base, sel, texts]) => {
  const read = """
    + READ_JS
    + """;
  const root = document.querySelector(`#bmc-${name}`);
  const el = document.querySelector(sel);
  window.bonemetsCalc.set(name, base);
  return texts.map((text) => {
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


#: The attributes of every number box, and their values where they do not name the box.
BOX_ATTRIBUTES = {"type", "id", "name", "data-field", "data-testid", "inputmode", "data-min"}
BOX_ATTRIBUTES |= {"data-max", "autocomplete", "spellcheck"}
BOX_VALUES = {"type": "text", "autocomplete": "off", "spellcheck": "false"}
#: The event listeners allowed from a number box up to its calculator's root (the form's own).
FORM_LISTENERS = ["change", "input", "reset", "submit"]

ANCESTORS_JS = """(sel) => {
  const out = [];
  const root = document.querySelector(sel).closest('.bonemets-calc');
  for (let el = document.querySelector(sel); el; el = el.parentElement) {
    out.push(el);
    if (el === root) break;
  }
  return out;
}"""


def box_uniformity(c: Calc, boxes: list[str]) -> list[str]:
    """Every number box of the page is the same text box, with no listener of its own and none
    between it and the calculator's root but the form's; what differs, named by box."""
    bad: list[str] = []
    cdp = c.page.context.new_cdp_session(c.page)
    try:
        for field in boxes:
            sel = f"{c.root}-{field}"
            attrs = c.page.eval_on_selector(
                sel,
                "(el) => [el.tagName, Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))]",
            )
            tag, values = attrs
            names = set(values) - {"aria-describedby"}
            want = {
                **BOX_VALUES,
                "inputmode": "numeric" if "whole" in box_kind(c.name, field) else "decimal",
            }
            if (
                tag != "INPUT"
                or names != BOX_ATTRIBUTES
                or any(values.get(k) != v for k, v in want.items())
            ):
                bad.append(f"{c.name}.{field}: not the common number box: {tag} {values}")
            chain = cdp.send(
                "Runtime.evaluate", {"expression": f"({ANCESTORS_JS})({json.dumps(sel)})"}
            )["result"]["objectId"]
            props = cdp.send("Runtime.getProperties", {"objectId": chain, "ownProperties": True})
            for p in props["result"]:
                if not p["name"].isdigit():
                    continue
                node = p["value"]
                listeners = cdp.send(
                    "DOMDebugger.getEventListeners", {"objectId": node["objectId"]}
                )
                types = sorted(x["type"] for x in listeners["listeners"])
                allowed = FORM_LISTENERS if node.get("description", "").startswith("form") else []
                if types != allowed:
                    bad.append(
                        f"{c.name}.{field}: {node.get('description')} listens to {types}, allowed {allowed}"
                    )
            cdp.send("Runtime.releaseObject", {"objectId": chain})
    finally:
        cdp.detach()
    return bad


SABOTAGE_JS = """([sel, on]) => {
  const el = document.querySelector(sel);
  if (on) {
    window.__keyFilter = (e) => { if (e.key === ',') e.preventDefault(); };
    el.addEventListener('keydown', window.__keyFilter);
    el.setAttribute('maxlength', '3');
  } else {
    el.removeEventListener('keydown', window.__keyFilter);
    el.removeAttribute('maxlength');
  }
}"""


def uniformity_self_test(c: Calc, field: str) -> list[str]:
    """``box_uniformity`` must report a box given a key listener and a ``maxlength``."""
    sel = f"{c.root}-{field}"
    c.page.evaluate(SABOTAGE_JS, [sel, True])
    found = box_uniformity(c, [field])
    c.page.evaluate(SABOTAGE_JS, [sel, False])
    listener = any("keydown" in m for m in found)
    maxlength = any("maxlength" in m for m in found)
    if listener and maxlength:
        return []
    return [f"self-test: box_uniformity missed a keydown listener or maxlength on {field}: {found}"]


def comma_never_becomes_times_ten(c: Calc) -> list[str]:
    """The review's clinical flip: ANC "1,2" showed Ra-223 "Eligible" (engine with 1.2: not)."""
    bad: list[str] = []
    c.set(_valid_base("radiopharmaceutical"))
    c.page.fill(f"{c.root}-anc", "")
    c.page.type(f"{c.root}-anc", "1,2")
    shown = c.read()
    if shown["state"] != "invalid" or shown["errors"] != ["anc"]:
        bad.append(f"ANC typed '1,2': not refused naming anc; page: {shown}")
    elif "use a decimal point and no comma" not in shown["error_texts"][0]:
        bad.append(f"ANC typed '1,2': message {shown['error_texts']}")
    box = c.page.input_value(f"{c.root}-anc")
    if box != "1,2":
        bad.append(f"ANC typed '1,2': the box shows {box!r}")
    return bad


def alpha_beta_never_falls_back_silently(c: Calc) -> list[str]:
    bad: list[str] = []
    for text in ("NaN", "Infinity", "\u00b2", "\u0668", "1,5"):
        c.set({"fractions": 5, "dose_per_fraction_gy": 4.0})
        c.page.fill(f"{c.root}-alpha_beta", text)
        shown = c.read()
        if shown["state"] != "invalid" or shown["errors"] != ["alpha_beta"]:
            bad.append(f"alpha_beta {text!r}: not refused naming alpha_beta; page: {shown}")
    return bad


#: The review's clinical cases, on their calculators' pages.
EXTRA = {
    "radiopharmaceutical": comma_never_becomes_times_ten,
    "eqd2": alpha_beta_never_falls_back_silently,
}


def test_typing_boxes_cover_every_kind() -> None:
    """One typing box per kind of number box, and every kind present on the site is typed into."""
    kinds = {box_kind(n, f) for n, boxes in number_boxes().items() for f in boxes}
    assert set(TYPING_BOXES) == kinds == {"whole number", "number"}


@pytest.mark.parametrize("name", [group(n) for n in sorted(number_boxes())])
def test_typed_and_pasted_numbers_agree_with_the_engine(open_calc: Any, name: str) -> None:  # noqa: F811
    """Every string pasted into every number box of the page and typed into the typing box of
    each kind; a comma and the valid value typed into every box; the boxes' uniformity."""
    c = open_calc(name)
    base = _valid_base(name)
    boxes = number_boxes()[name]
    bad: list[str] = []
    checked = 0
    for field in boxes:
        sel = f"{c.root}-{field}"
        pasted = c.page.evaluate(PASTE_ALL_JS, [name, base, sel, STRINGS])
        if len(pasted) != len(STRINGS):
            bad.append(f"{field}: {len(STRINGS)} strings pasted, {len(pasted)} read back")
        for text, (box, shown) in zip(STRINGS, pasted, strict=False):
            bad += disagreements(name, field, "pasted", text, box, shown)
        typed = (
            STRINGS
            if TYPING_BOXES[box_kind(name, field)] == (name, field)
            else [*TYPED_IN_EVERY_BOX, str(base[field])]
        )
        c.page.evaluate(STEP_JS, [name, base, sel])  # base set, the box empty and focused
        for text in typed:
            c.page.keyboard.type(text)  # real key events into the focused box
            box, shown = c.page.evaluate(STEP_JS, [name, base, sel])
            bad += disagreements(name, field, "typed", text, box, shown)
        checked += len(STRINGS) + len(typed)
    bad += box_uniformity(c, boxes)
    bad += uniformity_self_test(c, boxes[0])
    if name in EXTRA:
        bad += EXTRA[name](c)
    assert not bad, report(bad, f"{name}: {checked} strings in {len(boxes)} boxes")
