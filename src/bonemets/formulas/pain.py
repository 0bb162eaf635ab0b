"""Pain intensity bands from the 0-10 numeric rating scale (NRS), and the WHO analgesic step.

Bands: Serlin RC, Mendoza TR, Nakamura Y, Edwards KR, Cleeland CS. When is cancer pain mild,
moderate or severe? Grading pain severity by its interference with function. Pain
1995;61(2):277-284: mild 1-4, moderate 5-6, severe 7-10 (0: no pain).

Ladder: World Health Organization. Cancer pain relief. Geneva: WHO; 1986 (2nd ed. 1996): step 1
non-opioid for mild pain, step 2 weak opioid for mild-to-moderate pain, step 3 strong opioid for
moderate-to-severe pain, each with or without adjuvants. The current WHO authority is the 2018
guideline for the pharmacological and radiotherapeutic management of cancer pain in adults and
adolescents, which replaces the 1996 text and includes radiotherapy and bisphosphonates for pain
from bone metastases; the course keeps the ladder as a teaching model.

Breakthrough (rescue) dose: 10-20% of the total daily opioid dose (Oncology Nursing Society
Putting Evidence into Practice, "opioids proportional to basal dose"; not for rapid-onset
fentanyl).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..calculator import FormulaCalculator
from ..decision import Classify, Decision, LadderBand, Outcome, Output
from ..inputs import Integer
from ..result import Citation, Result
from ..sources import WHO_1996, WHO_2018

SERLIN_1995 = Citation(
    key="serlin1995",
    authors="Serlin RC, Mendoza TR, Nakamura Y, Edwards KR, Cleeland CS",
    title="When is cancer pain mild, moderate or severe? Grading pain severity by its interference "
    "with function",
    journal="Pain",
    year=1995,
    details="61(2):277-284",
    doi="10.1016/0304-3959(94)00178-H",
)
ONS_PEP_BREAKTHROUGH = Citation(
    key="onspepbreakthrough",
    authors="Oncology Nursing Society",
    title="Putting Evidence into Practice: breakthrough pain, opioids proportional to basal dose",
    journal="Oncology Nursing Society",
    year=2019,
    details="ons.org/intervention/opioids-proportional-basal-dose",
    note="Page read: 'the proportional recommended dose is 10%-20% of the total daily basal dose'; "
    "not for rapid-onset fentanyl. The page gives NCCN Clinical Practice Guidelines in Oncology: "
    "Adult Cancer Pain v2.2011 as its source (not read by the course). The page shows no date: "
    "the year 2019 is not confirmed.",
)
PAUL_2005 = Citation(
    key="paul2005",
    authors="Paul SM, Zelman DC, Smith M, Miaskowski C",
    title="Categorizing the severity of cancer pain: further exploration of the establishment of "
    "cutpoints",
    journal="Pain",
    year=2005,
    details="113(1-2):37-44",
    doi="10.1016/j.pain.2004.09.014",
)


class PainBand(NamedTuple):
    name: str
    low: int
    high: int
    label: str
    who_step: int | None
    step_text: str


#: Serlin 1995 bands and the WHO step each maps to.
PAIN_BANDS: tuple[PainBand, ...] = (
    PainBand("none", 0, 0, "No pain", None, "No analgesic step needed."),
    PainBand(
        "mild",
        1,
        4,
        "Mild pain",
        1,
        "WHO step 1: non-opioid (paracetamol, NSAID) by the clock, with or without an adjuvant.",
    ),
    PainBand(
        "moderate",
        5,
        6,
        "Moderate pain",
        2,
        "WHO step 2: weak opioid (codeine, tramadol) or low-dose morphine, with a non-opioid "
        "and adjuvant as needed.",
    ),
    PainBand(
        "severe",
        7,
        10,
        "Severe pain",
        3,
        "WHO step 3: strong opioid (morphine, oxycodone, fentanyl) titrated to effect, with a "
        "non-opioid and adjuvant as needed.",
    ),
)

#: The other reading, shown to learners: mild <= 3, moderate 4-6, severe >= 7.
ALTERNATIVE_BANDS = (("mild", 1, 3), ("moderate", 4, 6), ("severe", 7, 10))


#: Breakthrough (rescue) dose as a percentage of the total daily opioid dose (ONS PEP, which
#: cites NCCN Adult Cancer Pain 2011).
BREAKTHROUGH_PERCENT_OF_DAILY = (10, 20)

#: Added to the step's text whenever there is pain (NRS above 0).
TREAT_THE_CAUSE = (
    " Treat the cause too: radiotherapy for painful bone "
    "metastases; dexamethasone or adjuvants for neuropathic pain."
)


#: NRS -> band (a ladder), each band with its WHO step and recommendation (the cause is treated
#: too whenever there is pain).
DECISION = Decision(
    classify=(
        Classify(
            "band",
            "nrs",
            labels={b.name: b.label for b in PAIN_BANDS},
            bands=tuple(LadderBand(b.name, b.label, b.low, b.high) for b in PAIN_BANDS),
        ),
    ),
    tables=(),
    result="band",
    outcomes={
        b.name: Outcome(
            label=b.label,
            interpretation="",
            recommendation=b.step_text + (TREAT_THE_CAUSE if b.low > 0 else ""),
            outputs={"who_step": "none" if b.who_step is None else str(b.who_step)},
        )
        for b in PAIN_BANDS
    },
    outputs=(Output("who_step", "WHO analgesic ladder step", "outcome"),),
)


def pain_band(nrs: int) -> PainBand:
    name = DECISION.run({"nrs": nrs})["band"]
    return next(b for b in PAIN_BANDS if b.name == name)


def _compute(values: dict[str, Any]) -> Result:
    nrs = values["nrs"]
    derived = DECISION.run(values)
    b = next(b for b in PAIN_BANDS if b.name == derived["band"])
    outcome = DECISION.outcome(derived)
    return Result(
        calculator="pain",
        title=PAIN.title,
        inputs=dict(values),
        band=b.name,
        band_label=b.label,
        interpretation=f"NRS {nrs}/10: {b.label.lower()} (Serlin 1995 cut-offs).",
        recommendation=outcome.recommendation,
        values={"nrs": nrs, "band": b.name, "who_step": b.who_step},
        display=dict(outcome.outputs),
        citations=PAIN.citations,
        notes=PAIN.notes,
    )


PAIN = FormulaCalculator(
    name="pain",
    title="Pain intensity band and WHO analgesic ladder step",
    kind="classification",
    summary="Numeric rating scale 0-10 to a severity band (Serlin 1995) and WHO ladder step.",
    inputs=(Integer("nrs", "Worst pain, numeric rating scale", minimum=0, maximum=10, unit="/10"),),
    compute=_compute,
    decision=DECISION,
    citations=(SERLIN_1995, WHO_1996, WHO_2018, PAUL_2005, ONS_PEP_BREAKTHROUGH),
    data={
        "bands": [b._asdict() for b in PAIN_BANDS],
        "alternative_bands": [list(a) for a in ALTERNATIVE_BANDS],
        "treat_the_cause": TREAT_THE_CAUSE,
        "breakthrough_percent_of_daily": list(BREAKTHROUGH_PERCENT_OF_DAILY),
    },
    notes=(
        "Cut-offs differ between sources: Serlin 1995 gives mild 1-4, moderate 5-6, severe 7-10 "
        "(used here); many guidelines use mild <= 3, moderate 4-6, severe >= 7. In bone "
        "metastases, Paul 2005 confirmed the 4/5 edge but not the 6/7 edge.",
        "ESMO questions whether step 2 is needed: low-dose morphine may replace weak opioids.",
        "The WHO 2018 cancer-pain guideline replaces the 1996 text as the WHO authority; the "
        "ladder is kept here as a teaching model for matching drug strength to pain intensity.",
        "Every strong opioid needs a breakthrough dose: 10-20% of the total daily dose.",
    ),
)
