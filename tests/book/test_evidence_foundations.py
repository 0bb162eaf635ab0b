"""The trial figures of the foundations/care chapters, checked against the papers as read.

Each expected value is restated here from the paper (the place it was read is in the comment), so
that a change to ``src/bonemets/evidence/{foundations,systemic,emergencies,supportive}.py`` has to
be made on purpose. The second half checks that every ``{fact}`` path in the chapters these modules
serve resolves in the engine, and that every citation key is defined exactly once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bonemets.evidence import emergencies, foundations, supportive, systemic, trials
from bonemets.facts import resolve

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ROOT / "chapters"
MY_CHAPTERS = (
    "01_start_here.md",
    "02_biology.md",
    "03_diagnosis.md",
    "04_assessment.md",
    "05_systemic_therapy.md",
    "13_emergencies.md",
    "14_supportive_care.md",
    "15_trials_emerging.md",
    "glossary.md",
)
MY_BIBS = ("foundations.bib", "care.bib")
MY_MODULES = (foundations, systemic, emergencies, supportive)

# (trial key, outcome, per-arm values as printed in the source, where it was read)
OUTCOMES = [
    # Coleman RE, Clin Cancer Res 2006;12:6243s, Table 1 (incidence at post-mortem; median
    # survival from diagnosis of bone metastases), arms Myeloma..Melanoma.
    ("coleman2006", "incidence_low", (70, 65, 65, 60, 40, 30, 20, 14)),
    ("coleman2006", "incidence_high", (95, 75, 75, 60, 40, 40, 25, 45)),
    ("coleman2006", "median_survival_low", (6, 19, 12, 48, 6, 6, 12, 6)),
    ("coleman2006", "median_survival_high", (54, 25, 53, 48, 9, 7, 12, 6)),
    # Zeng JC et al. 2007, abstract: 211/147/89 patients; median survival 4/10/29 months.
    ("zeng2007", "patients", (211, 147, 89)),
    ("zeng2007", "median_survival", (4, 10, 29)),
    # Gong Y et al. 2021, abstract: revised Tokuhashi 0-8/9-11/12-15 -> 18.0/30.0/51.0 months.
    ("gong2021", "median_survival", (18, 30, 51)),
    # Hofman MS et al. Lancet 2020 (proPSMA), abstract: accuracy 92% vs 65%.
    ("hofman2020", "accuracy", (92, 65)),
    # Sweeney CJ et al. NEJM 2015 (CHAARTED), abstract: median OS 57.6 vs 44.0 months.
    ("sweeney2015", "median_os", (57.6, 44.0)),
    # Fizazi K et al. NEJM 2017 (LATITUDE), abstract: median rPFS 33.0 vs 14.8 months.
    ("fizazi2017", "median_rpfs", (33.0, 14.8)),
    # Tannock IF et al. NEJM 2004 (TAX 327), abstract: median survival 18.9 (3-weekly) vs 16.5.
    ("tannock2004", "median_os", (18.9, 16.5)),
    # Finn RS et al. NEJM 2016 (PALOMA-2), abstract: median PFS 24.8 vs 14.5 months.
    ("finn2016", "median_pfs", (24.8, 14.5)),
    # Hortobagyi GN et al. NEJM 2016 (MONALEESA-2), abstract: PFS at 18 months 63.0% vs 42.2%.
    ("hortobagyi2016", "pfs_18_months", (63.0, 42.2)),
    # Shahinian VB et al. NEJM 2005, abstract: fracture 19.4% vs 12.6% (men surviving 5 years).
    ("shahinian2005", "fracture_5_years", (19.4, 12.6)),
    # Sartor O et al. NEJM 2021 (VISION), abstract: OS 15.3 vs 11.3; rPFS 8.7 vs 3.4 months;
    # grade >= 3 adverse events 52.7% vs 38.0%.
    ("sartor2021", "median_os", (15.3, 11.3)),
    ("sartor2021", "median_rpfs", (8.7, 3.4)),
    ("sartor2021", "grade3_adverse_events", (52.7, 38.0)),
    # Hoskin PJ et al. JAMA 2019 (SCORAD), key points: 345 vs 341 patients; ambulatory at
    # 8 weeks 69.3% vs 72.7%.
    ("hoskin2019", "patients", (345, 341)),
    ("hoskin2019", "ambulatory_8_weeks", (69.3, 72.7)),
    # Sørensen PS et al. Eur J Cancer 1994;30A:22, abstract: gait function after treatment 81% vs
    # 63%; ambulatory at 6 months 59% vs 33%.
    ("sorensen1994", "walking_after_treatment", (81, 63)),
    ("sorensen1994", "walking_6_months", (59, 33)),
    # NICE NG234 (2023), which replaced CG75: MRI within 24 hours with neurology (quality standard
    # QS56 statement 3); within 7 days for pain only; dexamethasone 16 mg (rec. 1.8.1).
    ("nice2023ng234", "mri_neuro_within_hours", (24,)),
    ("nice2023ng234", "mri_pain_only_within_days", (7,)),
    ("nice2023ng234", "dexamethasone_mg_per_day", (16,)),
    # Heimdal K et al. J Neurooncol 1992;12:141, abstract: 28 vs 38 patients; serious side
    # effects 14.3% (4/28) with the 96 mg regimen vs none with 16 mg daily.
    ("heimdal1992", "patients", (28, 38)),
    ("heimdal1992", "serious_side_effects", (14.3, 0)),
    # Zometa (zoledronic acid) US PI 1.1 and 2.1 (druginserts/medlibrary copies): HCM = cCa >= 12
    # mg/dL [3.0 mmol/L]; 4 mg maximum over no less than 15 minutes; no adjustment while serum
    # creatinine < 400 umol/L (< 4.5 mg/dL); at least 7 days before retreatment.
    ("zometa2018", "dose_mg", (4,)),
    ("zometa2018", "infusion_min_minutes", (15,)),
    ("zometa2018", "no_dose_reduction_below_creatinine_mg_dl", (4.5,)),
    ("zometa2018", "no_dose_reduction_below_creatinine_umol_l", (400,)),
    ("zometa2018", "retreat_after_days", (7,)),
    ("zometa2018", "treat_from_corrected_calcium_mg_dl", (12.0,)),
    ("zometa2018", "treat_from_corrected_calcium_mmol_l", (3.0,)),
    # Xgeva PI, HCM refractory to bisphosphonate (MSD Manual and label summaries): 120 mg every
    # 4 weeks with additional doses on days 8 and 15 of the first month.
    ("xgeva2020", "dose_mg", (120,)),
    ("xgeva2020", "interval_weeks", (4,)),
    # El-Hajj Fuleihan G et al. J Clin Endocrinol Metab 2023;108:507 (Medscape/eMedicine
    # summaries): severe HCM = calcium above 14 mg/dL.
    ("elhajjfuleihan2023", "severe_above_mg_dl", (14,)),
    # Zoccali C et al. Eur Spine J 2016, abstract: 10 studies, 1686 patients; accuracy 63.00%,
    # 64.10% (< 6 months), 55.32% (6-12 months), 77.21% (> 12 months).
    ("zoccali2016", "predictive_accuracy", (63.00, 64.10, 55.32, 77.21)),
    # Rades D et al. Int J Radiat Oncol Biol Phys 2008;72:905, abstract: post-RT ambulatory
    # 6/44/70/86/99%; 6-month survival 6/31/42/61/93% for <=28/29-31/32-34/35-37/>=38 points.
    ("rades2008", "ambulatory_after_rt", (6, 44, 70, 86, 99)),
    ("rades2008", "survival_6_months", (6, 31, 42, 61, 93)),
    # Rades D et al. Cancer 2008;112:157, abstract: 6-month survival 4% (20-25), 11% (26-30).
    ("rades2008survival", "survival_6_months", (4, 11)),
    # Rockwood K et al. CMAJ 2005;173:489, abstract: each category +21.2% risk of death.
    ("rockwood2005", "death_risk_increase_per_category", (21.2,)),
    # Major P et al. J Clin Oncol 2001;19:558, abstract: complete response by day 10 88.4%,
    # 86.7%, 69.7%; median duration 32, 43, 18 days (ZA 4 mg, ZA 8 mg, pamidronate 90 mg).
    ("major2001", "complete_response_day_10", (88.4, 86.7, 69.7)),
    ("major2001", "median_response_days", (32, 43, 18)),
    # Temel JS et al. NEJM 2010, abstract: FACT-L 98.0 vs 91.5; depressive symptoms 16% vs 38%;
    # aggressive end-of-life care 33% vs 54%; median survival 11.6 vs 8.9 months.
    ("temel2010", "fact_l_12_weeks", (98.0, 91.5)),
    ("temel2010", "depressive_symptoms", (16, 38)),
    ("temel2010", "aggressive_end_of_life_care", (33, 54)),
    ("temel2010", "median_survival", (11.6, 8.9)),
    # Johnson SB et al. JAMA Oncol 2018;4:1375, abstract: refusal of surgery 7.0% vs 0.1%,
    # chemotherapy 34.1% vs 3.2%, radiotherapy 53.0% vs 2.3%, hormone therapy 33.7% vs 2.8%;
    # 5-year overall survival 82.2% vs 86.6%.
    ("johnson2018", "refused_surgery", (7.0, 0.1)),
    ("johnson2018", "refused_chemotherapy", (34.1, 3.2)),
    ("johnson2018", "refused_radiotherapy", (53.0, 2.3)),
    ("johnson2018", "refused_hormone_therapy", (33.7, 2.8)),
    ("johnson2018", "os_5_years", (82.2, 86.6)),
]

# (trial key, n as read): the same sources as above.
SIZES = [
    ("zeng2007", 447),
    ("gong2021", 221),
    ("hofman2020", 302),
    ("sweeney2015", 790),
    ("fizazi2017", 1199),
    ("tannock2004", 1006),
    ("finn2016", 666),
    ("hortobagyi2016", 668),
    ("shahinian2005", 50613),
    ("sartor2021", 831),
    ("hoskin2019", 686),
    ("sorensen1994", 57),
    ("major2001", 287),
    ("temel2010", 151),
    ("johnson2018", 1290),  # 258 + 1032 matched
    ("heimdal1992", 66),  # 28 + 38 consecutive patients
    ("zoccali2016", 1686),  # abstract: ten studies, 1686 patients
    ("rades2008", 2096),  # abstract
    ("rades2008survival", 1852),  # abstract
    ("rockwood2005", 2305),  # abstract
    ("ozkalemkas2005", 19),  # title: 19 cases
]

# (trial key, path inside extra, value as read)
EXTRAS = [
    ("coleman2006", ("breast_prostate_autopsy_percent",), 70),  # text: "~70%"
    ("coleman2006", ("sre_every_months",), [3, 6]),  # abstract: "every 3 to 6 months"
    ("gong2021", ("tomita_median_survival_months",), [34, 41, 16, 12]),  # abstract
    ("gong2021", ("accuracy_percent", "tokuhashi"), 32.6),  # abstract: 72/221
    ("gong2021", ("accuracy_percent", "tomita"), 30.2),  # abstract: 57/189
    ("sweeney2015", ("hr_os",), 0.61),  # abstract: HR 0.61
    ("sweeney2015", ("docetaxel_mg_m2",), 75),  # methods: 75 mg/m2
    ("sweeney2015", ("docetaxel_cycles",), 6),  # methods: six cycles
    ("sweeney2015", ("high_volume_bone_mets",), 4),  # definition: >= 4 bone metastases
    ("fizazi2017", ("hr_os",), 0.62),  # abstract: HR 0.62
    ("fizazi2017", ("control_median_os_months",), 34.7),  # abstract
    ("tannock2004", ("hr_os",), 0.76),  # abstract
    ("finn2016", ("hr_pfs",), 0.58),  # abstract
    ("hortobagyi2016", ("hr_pfs",), 0.56),  # abstract
    ("sartor2021", ("hr_os",), 0.62),  # abstract
    ("sartor2021", ("hr_rpfs",), 0.40),  # abstract
    ("sartor2021", ("activity_gbq",), 7.4),  # methods: 7.4 GBq every 6 weeks
    ("sartor2021", ("interval_weeks",), 6),
    ("hoskin2019", ("lower_ci_percent",), -11.5),  # key points
    ("hoskin2019", ("margin_percent",), -11.0),  # key points
    ("hoskin2019", ("life_expectancy_weeks",), 8),  # eligibility
    ("hoskin2019", ("dose_single_gy",), 8),  # interventions: 8 Gy single fraction
    ("hoskin2019", ("dose_multi_gy",), 20),  # 20 Gy in 5 fractions
    ("hoskin2019", ("multi_fractions",), 5),
    ("sorensen1994", ("bolus_mg",), 96),  # abstract: 96 mg IV bolus
    ("sorensen1994", ("side_effects_percent",), 11),  # abstract: 3 (11%)
    ("major2001", ("entry_calcium_mg_dl",), 12.0),  # abstract: CSC >= 12.0 mg/dL
    ("johnson2018", ("hr_death",), 2.08),  # abstract
    ("zometa2018", ("correction_factor_mg_dl_per_g_dl",), 0.8),  # PI 1.1: Ca + 0.8 (4.0 - alb)
    ("xgeva2020", ("extra_dose_days",), [8, 15]),  # PI: days 8 and 15 of the first month
    ("xgeva2020", ("hypocalcaemia_risk_crcl_below",), 30),  # PI/DHPC: CrCl < 30 or dialysis
    ("heimdal1992", ("high_dose_mg",), 96),  # abstract: 96 mg loading dose
    ("heimdal1992", ("standard_dose_mg",), 16),  # abstract: 16 mg daily
    ("zoccali2016", ("studies",), 10),  # abstract
    ("rades2008", ("score_range",), [21, 44]),  # abstract
    ("rades2008survival", ("score_range",), [20, 45]),  # abstract
    ("rades2008survival", ("factors",), 6),  # abstract
    ("rades2008survival", ("groups",), 5),  # abstract
    ("rockwood2005", ("categories",), 7),  # abstract: 7-point Clinical Frailty Scale
    ("rockwood2005", ("auc_18_months",), 0.77),  # abstract
    ("eisenhauer2009", ("measurable_min_mm",), 10),  # RECIST 1.1: 10 mm on CT
    ("scher2016", ("new_lesions",), 2),  # PCWG: progression = >= 2 new lesions
    ("scher2016", ("confirming_new_lesions",), 2),  # >= 2 additional lesions on confirmation
    ("scher2016", ("confirm_after_weeks",), 6),  # confirmatory scan 6 weeks later
    ("rajkumar2014", ("mri_focal_lesions_more_than",), 1),  # IMWG 2014: > 1 focal lesion
    ("rajkumar2014", ("focal_lesion_min_mm",), 5),  # ... at least 5 mm on MRI
    ("bollen2018", ("studies",), 22),  # abstract: 22 studies included
    ("bollen2018", ("factors_studied",), 43),  # abstract: 43 prognostic factors
]


def _mine() -> dict:
    """The Trial records defined in the four modules of these chapters."""
    from bonemets.evidence import Trial

    out = {}
    for module in MY_MODULES:
        for value in vars(module).values():
            if isinstance(value, Trial):
                out[value.key] = value
    return out


@pytest.mark.parametrize(("key", "outcome", "expected"), OUTCOMES, ids=lambda v: str(v))
def test_outcome_matches_paper(key, outcome, expected):
    trial = trials()[key]
    assert tuple(trial.outcomes[outcome]) == pytest.approx(expected), f"{key}.{outcome}"


@pytest.mark.parametrize(("key", "n"), SIZES)
def test_sample_size_matches_paper(key, n):
    assert trials()[key].n == n


@pytest.mark.parametrize(("key", "path", "expected"), EXTRAS, ids=lambda v: str(v))
def test_extra_matches_paper(key, path, expected):
    node = trials()[key].extra
    for part in path:
        node = node[part]
    assert node == pytest.approx(expected), f"{key}.extra.{'.'.join(path)}"


def test_every_figure_of_my_records_is_checked():
    """A new outcome added to these modules must be added to this test, with its source."""
    checked = {(k, o) for k, o, _ in OUTCOMES}
    defined = {(t.key, o) for t in _mine().values() for o in t.outcomes}
    assert defined - checked == set(), "outcomes without a check against the paper"
    assert {k for k, _ in SIZES} == {t.key for t in _mine().values() if t.n is not None}


def test_arms_and_units_are_consistent():
    for t in _mine().values():
        for name, values in t.outcomes.items():
            assert len(values) == len(t.arms), f"{t.key}.{name}"
            assert t.units.get(name), f"{t.key}.{name} has no unit"
        assert t.citation.key == t.key, f"{t.key}: citation key differs from the trial key"
        assert t.citation.authors and t.citation.title and t.citation.journal and t.citation.year


def _bib_keys(path: Path) -> list[str]:
    pattern = r"@\s*(?!comment\b|preamble\b|string\b)\w+\s*\{\s*([^,\s]+)\s*,"
    return re.findall(pattern, path.read_text(encoding="utf-8"), flags=re.IGNORECASE)


def test_my_bib_keys_do_not_duplicate_engine_or_trial_keys():
    """Trial citations are generated into engine.bib; my .bib files hold only the other sources."""
    import bonemets

    engine = {k.lower() for k in bonemets.all_citations()} | {k.lower() for k in trials()}
    seen: dict[str, str] = {}
    for name in MY_BIBS:
        for key in _bib_keys(ROOT / "references" / name):
            assert key.lower() not in engine, f"{name}: {key} is an engine or trial citation"
            assert key.lower() not in seen, f"{key} defined in {seen.get(key.lower())} and {name}"
            seen[key.lower()] = name


def test_every_citation_in_my_chapters_is_defined():
    import bonemets

    defined = {k for k in bonemets.all_citations()} | set(trials())
    for bib in (ROOT / "references").glob("*.bib"):
        # engine.bib too: rule and safety-table citations are generated there (coursebook.bib).
        defined |= set(_bib_keys(bib))
    missing = []
    for name in MY_CHAPTERS:
        text = (CHAPTERS / name).read_text(encoding="utf-8")
        for group in re.findall(r"\{footcite\}`([^`]+)`", text):
            missing += [
                f"{name}: {k.strip()}" for k in group.split(",") if k.strip() not in defined
            ]
    assert missing == []


def _fact_paths() -> list[tuple[str, str]]:
    out = []
    for name in MY_CHAPTERS:
        text = (CHAPTERS / name).read_text(encoding="utf-8")
        out += [(name, p) for p in re.findall(r"\{fact\}`([^`]+)`", text)]
    return out


FACTS = _fact_paths()


def test_chapters_use_facts():
    assert len(FACTS) > 50


@pytest.mark.parametrize(("page", "path"), FACTS, ids=[f"{p}:{f}" for p, f in FACTS])
def test_fact_path_resolves(page, path):
    value = resolve(path)
    assert value is not None, f"{page}: {path} resolves to nothing"
    assert not isinstance(value, dict | list), f"{page}: {path} is not a single value"


def test_charts_read_engine_data():
    """Each chart function builds, has a title and an accessible description."""
    import importlib

    for module in ("foundations", "systemic", "emergencies", "supportive"):
        mod = importlib.import_module(f"charts.{module}")
        for name in mod.__all__:
            spec = getattr(mod, name)().to_dict()
            assert spec.get("title"), f"{module}.{name}: no title"
            assert len(spec.get("description", "")) > 40, f"{module}.{name}: no description"
