"""One place per number: quiz text names engine numbers instead of typing them.

Every bank's stems, options and explanations are scanned (as written, before the build) for
clinical numbers with a unit: percentages, Gy, mg, mL/min, mg/dL, g/dL, g/L, mmol/L, µmol/L,
×10⁹/L, kBq/MBq/GBq, mCi, IU, mm/cm, hours, days, weeks and months. A number inside a placeholder
(``{{fact:...}}``, ``{{calc:...}}``, ``{{input:...}}``; see :mod:`bonemets.quiz.placeholders`) is
not typed and passes. Anything else must be on :data:`ALLOWED` with the reason it stays typed: a
primary source the engine does not hold (so there is no record to point at), a definition's
wording, or a deliberately wrong option. A stale entry (no longer in the bank) fails too, so the
list shrinks as figures move into the engine.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bonemets.quiz import build_items, load_bank
from bonemets.quiz.placeholders import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
BANKS = sorted((ROOT / "quizzes").glob("*.yaml"))

_NUMBER = r"(?<![\w.])[-−]?\d+(?:[.,]\d+)?"
_RANGE = _NUMBER + r"(?:\s*(?:–|-|to|or|and|vs\.?)\s*[-−]?\d+(?:[.,]\d+)?)*"
_UNITS = (
    r"(?:%|Gy\b|mg/dL|mg/kg|mg\b|mL/min|g/dL|g/L|mmol/L|µmol/L|umol/L|×\s?10⁹/L|x\s?10\^9/L"
    r"|months?\b|weeks?\b|days?\b|hours?\b|mm\b|cm\b|kBq|MBq|GBq|mCi|IU\b)"
)
CLINICAL_NUMBER = re.compile(_RANGE + r"\s*" + _UNITS)

_DISTRACTOR = "a deliberately wrong option, not a clinical figure"
_VIGNETTE = "the case's own history (cases/data/{case}.yaml), not an engine number"
_HARTSELL = "RTOG 97-14 arm or endpoint (Hartsell WF et al., J Natl Cancer Inst 2005); the engine has no RTOG 97-14 record"
_SINS_DEF = "a SINS category's wording (collapse over/under 50%), Fisher CG et al., Spine 2010"
_METASTRON = "strontium-89 label (Metastron prescribing information, GE Healthcare) and Robinson RG et al., JAMA 1995; no engine record"
_SERAFINI = "samarium-153 dose and time course (Serafini AN et al., J Clin Oncol 1998; Quadramet label); no engine record"
_XOFIGO = "radium-223 label activity after the 2015 NIST re-standardisation (Xofigo prescribing information, Bayer 2019); the ALSYMPCA record keeps the trial's 50 kBq/kg"

_C11B_VIGNETTE = "a value in the item's own clinical vignette, not an engine figure"
_C11B_OPTION = "a dose option the learner computes from the vignette (key = 10-20% of the daily dose, pain.data.breakthrough_percent_of_daily)"

# (item id, text as matched) -> why it stays typed.
ALLOWED: dict[tuple[str, str], str] = {
    # Items added for issue 11 (bone-modifying agents, radiopharmaceuticals, pain)
    ("bma.za_renal_rise", "0.8 mg/dL"): _C11B_VIGNETTE,
    ("bma.za_renal_rise", "1.4 mg/dL"): _C11B_VIGNETTE,
    ("bma.prolia_ckd", "22 mL/min"): _C11B_VIGNETTE,
    ("radiopharmaceuticals.ra223_renal", "35 mL/min"): _C11B_VIGNETTE,
    ("radiopharmaceuticals.ra223_later_counts", "0.8 ×10⁹/L"): _C11B_VIGNETTE,
    ("radiopharmaceuticals.ra223_later_counts", "140 ×10⁹/L"): _C11B_VIGNETTE,
    ("pain.breakthrough_dose", "60 mg"): _C11B_VIGNETTE,
    ("pain.breakthrough_dose", "15 mg"): _C11B_OPTION,
    ("pain.breakthrough_dose", "2.5 mg"): _C11B_OPTION,
    ("pain.breakthrough_dose", "120 mg"): _C11B_OPTION,
    # Radiotherapy
    ("radiotherapy.rtog9714", "8 Gy"): _HARTSELL,
    ("radiotherapy.rtog9714", "30 Gy"): _HARTSELL,
    ("radiotherapy.rtog9714", "3 months"): _HARTSELL,
    (
        "radiotherapy.hemibody",
        "48 hours",
    ): "the window of salazar1986.extra.responders_within_48h_percent, whose key names it (Salazar OM et al., Cancer 1986)",
    # Bone-modifying agents
    (
        "bma.pamidronate_dose",
        "4 hours",
    ): "pamidronate infusion time in myeloma (Aredia prescribing information, Novartis); no engine record",
    (
        "bma.za_dose_band",
        "75 mL/min",
    ): "the label's target exposure for the reduced doses (Zometa prescribing information, Novartis 2018); not a calculator band",
    (
        "bma.hypocalcaemia_denosumab",
        "30 mL/min",
    ): "denosumab label's severe renal impairment (Xgeva prescribing information, Amgen 2020); the engine's 30 mL/min is the zoledronic acid band, a different rule",
    ("bma.case_breast_deescalate", "4 weeks"): _VIGNETTE.format(
        case="breast_pelvis_reirradiation_ablation"
    ),
    ("bma.case_breast_deescalate", "14 months"): _VIGNETTE.format(
        case="breast_pelvis_reirradiation_ablation"
    ),
    # Emergencies
    ("emergencies.mscc_first_steps", "2 days"): "the vignette's history, not a clinical figure",
    (
        "emergencies.hypercalcaemia_treatment",
        "2–4 days",
    ): "onset of bisphosphonate effect (Stewart AF, N Engl J Med 2005); no engine record",
    (
        "emergencies.hypercalcaemia_treatment",
        "0.9%",
    ): "the name of the fluid (normal saline), not a result",
    (
        "emergencies.za_hcm_superior",
        "2 hours",
    ): "pamidronate infusion time (Major P et al., J Clin Oncol 2001; Aredia label); no engine record",
    # Pain
    # Radiopharmaceuticals
    ("radiopharmaceuticals.ra223_dose_calibration", "55 kBq"): _XOFIGO,
    ("radiopharmaceuticals.ra223_dose_calibration", "10%"): _DISTRACTOR,
    ("radiopharmaceuticals.sm153_response", "1 mCi"): _SERAFINI,
    (
        "radiopharmaceuticals.sm153_response",
        "1–3 weeks",
    ): "strontium-89 onset of relief (Metastron prescribing information, GE Healthcare); no engine record",
    ("radiopharmaceuticals.sm153_response", "1–2 weeks"): _SERAFINI,
    ("radiopharmaceuticals.sm153_response", "6 months"): _DISTRACTOR,
    (
        "radiopharmaceuticals.contraindications",
        "6 weeks",
    ): "the shorter minimum life expectancy some sources use (Handkiewicz-Junak D et al., Eur J Nucl Med Mol Imaging 2018); the engine's screen uses the 3-month reading",
    ("radiopharmaceuticals.marrow_nadir", "50 days"): _METASTRON,
    ("radiopharmaceuticals.marrow_nadir", "30%"): _METASTRON,
    ("radiopharmaceuticals.marrow_nadir", "12–16 weeks"): _METASTRON,
    ("radiopharmaceuticals.marrow_nadir", "90 days"): _METASTRON,
    ("radiopharmaceuticals.marrow_nadir", "24 hours"): _DISTRACTOR,
    ("radiopharmaceuticals.case_breast_counts", "12–16 weeks"): _METASTRON,
    (
        "radiopharmaceuticals.case_breast_counts",
        "6 weeks",
    ): "the radiopharmaceutical screen's chemotherapy window, an input name (chemotherapy_last_6_weeks), not a number the engine exposes",
    # Rehabilitation
    (
        "rehabilitation.platelets",
        "20 ×10⁹/L",
    ): "the other reading of the platelet threshold (Australian Cancer Exercise Toolkit); the engine uses Campbell 2022's 50",
    (
        "rehabilitation.platelet_threshold",
        "20 ×10⁹/L",
    ): "the other reading of the platelet threshold (Australian Cancer Exercise Toolkit); the engine uses Campbell 2022's 50",
    # Surgery
    (
        "surgery.mirels_band",
        "4%",
    ): "Mirels' per-band fracture risk (Mirels H, Clin Orthop Relat Res 1989); the calculator has no risk figures",
    (
        "surgery.mirels_band",
        "6 months",
    ): "Mirels' follow-up window (Mirels H, Clin Orthop Relat Res 1989)",
    (
        "surgery.mirels_cutoff",
        "15%",
    ): "Mirels' per-band fracture risk (Mirels H, Clin Orthop Relat Res 1989); the calculator has no risk figures",
    ("surgery.sins_score", "50%"): _SINS_DEF,
    ("surgery.case_thyroid_sins", "50%"): _SINS_DEF,
    ("surgery.case_melanoma_noms", "50%"): _SINS_DEF,
    (
        "surgery.sins_referral",
        "95.7%",
    ): "SINS validation (Fourney DR et al., J Clin Oncol 2011); no engine record",
    (
        "surgery.sins_referral",
        "79.5%",
    ): "SINS validation (Fourney DR et al., J Clin Oncol 2011); no engine record",
    # Assessment and systemic
    (
        "systemic.docetaxel_prostate",
        "3 weeks",
    ): "TAX 327 schedule, named in the tannock2004 arm label (Tannock IF et al., N Engl J Med 2004)",
}


def _typed_numbers() -> dict[tuple[str, str], list[str]]:
    """(item id, number as written) -> the fields it is typed in, for every bank."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in BANKS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["items"]:
            fields = [("stem", item["stem"]), ("explanation", item["explanation"])]
            fields += [(f"options.{k}", v) for k, v in (item.get("options") or {}).items()]
            for name, text in fields:
                bare = PLACEHOLDER.sub(" ", str(text))
                for m in CLINICAL_NUMBER.finditer(bare):
                    found[(item["id"], m.group(0))].append(f"{path.name}: {name}")
    return found


@pytest.fixture(scope="module")
def typed() -> dict[tuple[str, str], list[str]]:
    return _typed_numbers()


def test_the_scanner_finds_typed_numbers():
    texts = [
        "response was 64.3% vs 20.0%",
        "8 Gy in 1 fraction",
        "CrCl 50–60 mL/min",
        "platelets 80 ×10⁹/L",
        "calcium 3.45 mmol/L",
        "at 3 months",
        "55 kBq/kg",
        "within 10 mm",
        "8 mg",
    ]
    for t in texts:
        assert CLINICAL_NUMBER.search(t), t
    assert not CLINICAL_NUMBER.search(
        PLACEHOLDER.sub(" ", "{{fact:evidence.hurwitz2014.outcomes.response_3m.0}}%")
    )
    assert not CLINICAL_NUMBER.search("SINS {{input:sins}} points, grade 2")


def test_no_clinical_number_is_typed_outside_a_placeholder(typed):
    missing = {k: v for k, v in typed.items() if k not in ALLOWED}
    shown = "\n".join(f"  {i}: {t!r} ({', '.join(w)})" for (i, t), w in sorted(missing.items()))
    assert not missing, (
        "typed clinical numbers: use {{fact:...}}, {{input:...}} or {{calc:...}}, or add the "
        "figure to the engine; as a last resort allow-list it here with its source:\n" + shown
    )


def test_allow_list_has_no_stale_entries(typed):
    stale = sorted(k for k in ALLOWED if k not in typed)
    assert not stale, f"allow-list entries no longer in the banks: {stale}"


def test_every_allowed_number_says_why():
    for key, reason in ALLOWED.items():
        assert len(reason) > 20, key
        assert (
            re.search(r"\b(19|20)\d\d\b", reason)
            or "label" in reason
            or "prescribing information" in reason
            or reason in (_DISTRACTOR,)
            or "vignette" in reason
            or "cases/data" in reason
            or "not a" in reason
            or "input name" in reason
        ), f"{key}: give a source (author, journal, year or a label) or say why it is not clinical"


def test_built_text_has_no_placeholder_left():
    items = build_items("all", ROOT, bank=load_bank(ROOT))
    for item in items:
        for text in (item.stem_html, item.explanation_html, *(h for _, h in item.options)):
            assert "{{" not in text and "}}" not in text, item.id


def test_placeholders_are_used_widely():
    used = 0
    for path in BANKS:
        used += len(PLACEHOLDER.findall(path.read_text(encoding="utf-8")))
    assert used >= 300
