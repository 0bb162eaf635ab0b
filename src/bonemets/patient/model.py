"""Typed model of a case file: one fictional patient at one moment in time.

Field names and allowed values reuse the engine's calculator vocabulary, and every range is read
from the engine's own input fields (``bonemets.inputs``), so a case can never hold a value the
calculators would refuse for being out of range. Units are explicit: each lab is
``{value: ..., unit: ...}`` with the units it may be given in.

Pydantic checks types and single fields; :func:`bonemets.patient.consistency.consistency_problems`
checks what spans fields (lesion ids, references, counts, dates), each with its exact field path.
How a case primary maps to each score's vocabulary is in :mod:`bonemets.patient.primaries`.

Nothing here guesses: a value that is not known is left out (``None``), and the evaluation then
reports which calculators could not run and which fields they need.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..formulas.calcium import UNITS as CALCIUM_UNITS
from ..formulas.pain import PAIN
from ..formulas.radiotherapy import EQD2
from ..formulas.renal import CREATININE_RANGES, ZOLEDRONIC_ACID
from ..scores.escc import GRADE_FIELD
from ..scores.mirels import MIRELS
from ..scores.noms import NOMS
from ..scores.sins import LEVEL_FIELD, SINS
from ..scores.teachh import TEACHH
from ..scores.tokuhashi import TOKUHASHI
from ..scores.tomita import TOMITA
from ..screens.ablation import ABLATION
from ..screens.exercise import EXERCISE
from ..screens.radiopharmaceutical import RADIOPHARMACEUTICAL
from .fields import (
    Ident,
    LaxDate,
    ShortText,
    Text,
    choice,
    component_field,
    engine_field,
    integer,
    lower,
    number,
    one_of,
)
from .primaries import PRIMARIES

__all__ = ["Case", "Lesion", "StrictModel"]


def _grade_text(v: Any) -> Any:
    """ESCC grades 0, 2 and 3 may be written as numbers."""
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return lower(v)


class StrictModel(BaseModel):
    """Every part of a case: unknown keys, wrong types and bad assignments are refused."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


# --- labs ------------------------------------------------------------------------------------
#: Units each lab may be given in, and the engine's unit system for each.
CALCIUM_UNIT_SYSTEM = {
    CALCIUM_UNITS["conventional"].calcium_unit: "conventional",
    CALCIUM_UNITS["si"].calcium_unit: "si",
}
ALBUMIN_UNIT_SYSTEM = {
    CALCIUM_UNITS["conventional"].albumin_unit: "conventional",
    CALCIUM_UNITS["si"].albumin_unit: "si",
}
CREATININE_UNITS = {"mg/dL": "mg_dl", "umol/L": "umol_l"}
COUNT_UNIT = "x10^9/L"
HAEMOGLOBIN_G_L_PER_G_DL = 10.0
ALP_RANGE = (1.0, 10000.0)  # plausibility only (U/L), not a clinical threshold


def _unit_alias(v: Any) -> Any:
    if isinstance(v, str):
        t = v.strip().replace("µ", "u").replace("μ", "u")
        return {"x10^9/l": COUNT_UNIT, "10^9/l": COUNT_UNIT, "u/l": "U/L"}.get(t.lower(), t)
    return v


Unit = BeforeValidator(_unit_alias)


def _range_error(name: str, value: float, lo: float, hi: float, unit: str) -> ValueError:
    return ValueError(
        f"{value:g} {unit} is out of range for {name}; allowed: {lo:g} to {hi:g} {unit}"
    )


class Calcium(StrictModel):
    """Total serum calcium."""

    value: float
    unit: Annotated[Literal["mg/dL", "mmol/L"], Unit]

    @model_validator(mode="after")
    def _range(self) -> Calcium:
        lo, hi = CALCIUM_UNITS[CALCIUM_UNIT_SYSTEM[self.unit]].calcium_range
        if not lo <= self.value <= hi:
            raise _range_error("calcium", self.value, lo, hi, self.unit)
        return self


class Albumin(StrictModel):
    """Serum albumin."""

    value: float
    unit: Annotated[Literal["g/dL", "g/L"], Unit]

    @model_validator(mode="after")
    def _range(self) -> Albumin:
        lo, hi = CALCIUM_UNITS[ALBUMIN_UNIT_SYSTEM[self.unit]].albumin_range
        if not lo <= self.value <= hi:
            raise _range_error("albumin", self.value, lo, hi, self.unit)
        return self


class Creatinine(StrictModel):
    """Serum creatinine."""

    value: float
    unit: Annotated[Literal["mg/dL", "umol/L"], Unit]

    @model_validator(mode="after")
    def _range(self) -> Creatinine:
        lo, hi = CREATININE_RANGES[CREATININE_UNITS[self.unit]]
        if not lo <= self.value <= hi:
            raise _range_error("creatinine", self.value, lo, hi, self.unit)
        return self


_PLT = engine_field(EXERCISE, "platelets")
_ANC = engine_field(RADIOPHARMACEUTICAL, "anc")
_HB = engine_field(RADIOPHARMACEUTICAL, "haemoglobin")


class Platelets(StrictModel):
    value: Annotated[float, Field(ge=_PLT.minimum, le=_PLT.maximum)]
    unit: Annotated[Literal["x10^9/L"], Unit]


class Neutrophils(StrictModel):
    """Absolute neutrophil count."""

    value: Annotated[float, Field(ge=_ANC.minimum, le=_ANC.maximum)]
    unit: Annotated[Literal["x10^9/L"], Unit]


class Haemoglobin(StrictModel):
    value: float
    unit: Annotated[Literal["g/dL", "g/L"], Unit]

    @model_validator(mode="after")
    def _range(self) -> Haemoglobin:
        scale = HAEMOGLOBIN_G_L_PER_G_DL if self.unit == "g/L" else 1.0
        lo, hi = _HB.minimum * scale, _HB.maximum * scale
        if not lo <= self.value <= hi:
            raise _range_error("haemoglobin", self.value, lo, hi, self.unit)
        return self

    @property
    def g_dl(self) -> float:
        return self.value / HAEMOGLOBIN_G_L_PER_G_DL if self.unit == "g/L" else self.value


class AlkalinePhosphatase(StrictModel):
    value: Annotated[float, Field(ge=ALP_RANGE[0], le=ALP_RANGE[1])]
    unit: Annotated[Literal["U/L"], Unit]


class Labs(StrictModel):
    """Blood results, each with its unit. Leave out what was not measured."""

    date: LaxDate | None = None
    calcium: Calcium | None = None
    albumin: Albumin | None = None
    creatinine: Creatinine | None = None
    platelets: Platelets | None = None
    anc: Neutrophils | None = None
    haemoglobin: Haemoglobin | None = None
    alkaline_phosphatase: AlkalinePhosphatase | None = None


# --- patient ---------------------------------------------------------------------------------
class Patient(StrictModel):
    age_years: Annotated[float, number(engine_field(ZOLEDRONIC_ACID, "age"))]
    sex: Annotated[str, choice(engine_field(ZOLEDRONIC_ACID, "sex"))]
    weight_kg: Annotated[float, number(engine_field(ZOLEDRONIC_ACID, "weight_kg"))]
    height_cm: Annotated[float, Field(ge=100, le=250)] | None = None
    hospitalisations_3_months: (
        Annotated[int, integer(engine_field(TEACHH, "hospitalisations_3_months"))] | None
    ) = None
    pregnant: bool | None = Field(
        None,
        description="Women only: pregnant now (radiotherapy near the uterus, bone-modifying "
        "agents, radionuclides, hemibody irradiation, NSAIDs, endocrine therapy)",
    )
    breastfeeding: bool | None = Field(
        None,
        description="Women only: breast-feeding now (bone-modifying agents, radionuclides; not "
        "external beam radiotherapy)",
    )
    pregnant_or_breastfeeding: bool | None = Field(
        None,
        description="Deprecated: use pregnant and breastfeeding. Read as an alias: true sets "
        "pregnant (the stricter reading), false sets both false",
    )

    @model_validator(mode="before")
    @classmethod
    def _deprecated_alias(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("pregnant_or_breastfeeding") is None:
            return data
        old = data["pregnant_or_breastfeeding"]
        out = dict(data)
        if old is True:
            out.setdefault("pregnant", True)
        elif old is False:
            out.setdefault("pregnant", False)
            out.setdefault("breastfeeding", False)
        return out


class Primary(StrictModel):
    site: Annotated[
        str,
        one_of(
            tuple(PRIMARIES),
            "Primary site; mapped to each score's vocabulary in bonemets.patient.primaries",
        ),
    ]
    histology: ShortText
    subtype: Annotated[str | None, BeforeValidator(lower)] = Field(
        None, description="Teaching subtype; allowed values depend on the site"
    )
    radiosensitivity: Annotated[str, choice(engine_field(NOMS, "radiosensitivity"))] | None = Field(
        None,
        description="Stated radiosensitivity to cEBRT; derived from the site when NOMS lists it",
    )
    tomita_growth: Annotated[str, choice(component_field(TOMITA, "primary_growth"))] | None = Field(
        None, description="Stated Tomita growth class; derived from the site when Tomita names it"
    )
    diagnosed: LaxDate | None = None
    histology_confirmed: bool | None = Field(
        None,
        description="Tissue diagnosis of the metastatic cancer confirmed (biopsy or cytology). "
        "Left out: confirmed for a named primary, not confirmed for an unknown primary",
    )
    controlled: bool | None = Field(
        None,
        description="Primary tumour treated and controlled (a SABR-COMET condition for "
        "metastasis-directed treatment)",
    )


class Performance(StrictModel):
    kps: Annotated[int, integer(engine_field(TOKUHASHI, "kps"))] | None = None
    ecog: Annotated[int, Field(ge=0, le=4, description="ECOG performance status")] | None = None
    fit_for_surgery: bool | None = Field(
        None, description="Fit for surgery and anaesthesia (the 'S' of NOMS), as judged by the team"
    )

    @model_validator(mode="after")
    def _one(self) -> Performance:
        if self.kps is None and self.ecog is None:
            raise ValueError("give kps and/or ecog")
        return self


# --- lesions ---------------------------------------------------------------------------------
#: Long bones and the Mirels site class of each.
LONG_BONES: dict[str, str] = {
    "femur": "lower_limb",
    "tibia": "lower_limb",
    "fibula": "lower_limb",
    "humerus": "upper_limb",
    "radius": "upper_limb",
    "ulna": "upper_limb",
}
OTHER_BONES = ("pelvis", "acetabulum", "rib", "sternum", "scapula", "clavicle", "skull")
BONES = ("spine", *LONG_BONES, *OTHER_BONES)
REGIONS = ("peritrochanteric", "proximal", "diaphysis", "distal")
#: Pain of a non-spinal lesion: the Mirels options, plus "none" (Mirels has no 0-point option).
LIMB_PAIN = ("none", *component_field(MIRELS, "pain").values)
SPINE_PAIN = component_field(SINS, "pain").values
SPINE_ONLY = ("level", "escc_grade", "alignment", "collapse", "posterolateral")
LONG_BONE_ONLY = ("region", "size", "axial_cortical_involvement_mm")
_NRS = engine_field(PAIN, "nrs")
_DIST = engine_field(ABLATION, "distance_to_neural_mm")


class Lesion(StrictModel):
    """One bone metastasis. Spine fields only for the spine, Mirels fields only for long bones."""

    id: Ident
    bone: Annotated[str, one_of(BONES)]
    side: Annotated[Literal["left", "right", "midline"], BeforeValidator(lower)] | None = None
    region: Annotated[str, one_of(REGIONS)] | None = None
    level: Annotated[str, choice(LEVEL_FIELD, upper=True)] | None = None
    lesion: Annotated[str, choice(component_field(MIRELS, "lesion"), "Radiographic lesion type")]
    size: Annotated[str, choice(component_field(MIRELS, "size"))] | None = None
    axial_cortical_involvement_mm: Annotated[float, Field(ge=0, le=500)] | None = None
    pain: Annotated[str, BeforeValidator(lower)] | None = Field(
        None,
        description="Long bones and other sites: none, mild, moderate or functional (Mirels); "
        "spine: mechanical, occasional or pain_free (SINS)",
    )
    pain_nrs: Annotated[int, integer(_NRS)] | None = None
    fracture: Annotated[Literal["none", "impending", "actual"], BeforeValidator(lower)]
    escc_grade: (
        Annotated[
            str,
            one_of(
                GRADE_FIELD.values,
                "Bilsky ESCC grade (0, 2 and 3 may be written as numbers)",
                before=_grade_text,
                json_schema_extra={
                    "type": ["string", "integer"],
                    "enum": [
                        *GRADE_FIELD.values,
                        *(int(v) for v in GRADE_FIELD.values if v.isdigit()),
                    ],
                },
            ),
        ]
        | None
    ) = None
    alignment: Annotated[str, choice(component_field(SINS, "alignment"))] | None = None
    collapse: Annotated[str, choice(component_field(SINS, "collapse"))] | None = None
    posterolateral: Annotated[str, choice(component_field(SINS, "posterolateral"))] | None = None
    distance_to_neural_mm: Annotated[float, number(_DIST)] | None = None
    percutaneous_access: bool | None = None
    critical_structure_adjacent: bool | None = None

    @property
    def is_spine(self) -> bool:
        return self.bone == "spine"

    @property
    def is_long_bone(self) -> bool:
        return self.bone in LONG_BONES

    @property
    def painful(self) -> bool | None:
        if self.pain is None:
            return None if self.pain_nrs is None else self.pain_nrs > 0
        return self.pain not in ("none", "pain_free")

    @property
    def label(self) -> str:
        where = self.level.upper() if self.level else self.bone
        side = f"{self.side} " if self.side and self.side != "midline" else ""
        region = f" ({self.region})" if self.region else ""
        return f"{side}{where}{region}"


# --- disease, neurology, treatments ----------------------------------------------------------
class Neurology(StrictModel):
    frankel: (
        Annotated[
            str, choice(component_field(TOKUHASHI, "palsy"), "Frankel grade (a-e)", upper=True)
        ]
        | None
    ) = None
    bladder_bowel_dysfunction: bool | None = None
    ambulatory: bool | None = None
    symptom_onset_days: Annotated[float, Field(ge=0, le=3650)] | None = Field(
        None, description="Days since a new neurological deficit began"
    )
    confusion: bool | None = Field(
        None, description="New confusion or drowsiness (delirium) at this visit"
    )


class Metastases(StrictModel):
    extraspinal_bone: Annotated[int, integer(engine_field(TOKUHASHI, "extraspinal_bone_mets"))] = (
        Field(description="Number of extraspinal bone metastases")
    )
    vertebral: Annotated[int, Field(ge=0, le=33, description="Number of vertebral metastases")]
    visceral: Annotated[
        str,
        choice(
            component_field(TOKUHASHI, "visceral_mets"),
            "Visceral metastases (Tokuhashi: none, removable, unremovable)",
        ),
    ]
    visceral_treatable: bool | None = Field(
        None, description="Tomita: are the visceral metastases treatable? (needed if any)"
    )
    visceral_lesions: Annotated[int, Field(ge=0, le=1000)] | None = None
    visceral_sites: list[ShortText] = Field(default_factory=list)
    brain: bool
    bone_scan_uptake: bool | None = None
    widespread: bool | None = Field(
        None, description="Widespread skeletal metastases (ablation and hemibody decisions)"
    )

    @property
    def bone_total(self) -> int:
        return self.extraspinal_bone + self.vertebral


class BoneModifyingAgent(StrictModel):
    agent: Annotated[Literal["zoledronic_acid", "pamidronate", "denosumab"], BeforeValidator(lower)]
    start_date: LaxDate
    interval_weeks: Annotated[int, Field(ge=1, le=52)] | None = None


class RadiotherapyCourse(StrictModel):
    lesion: Ident
    dose_gy: Annotated[float, Field(gt=0, le=100, description="Total dose (Gy)")]
    fractions: Annotated[int, integer(engine_field(EQD2, "fractions"))]
    date: LaxDate
    technique: Annotated[Literal["cebrt", "sbrt", "hemibody"], BeforeValidator(lower)] = "cebrt"


SYSTEMIC_TYPES = (
    "hormone_adt",
    "hormone_aromatase_inhibitor",
    "hormone_other",
    "targeted",
    "immunotherapy",
    "chemotherapy",
)


#: How a line of systemic therapy ended (or is going).
LINE_OUTCOMES = ("ongoing", "response", "stable", "progression", "intolerance", "completed")
AgentName = Annotated[
    str,
    BeforeValidator(lower),
    Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=2, max_length=64),
]


class SystemicLine(StrictModel):
    line: Annotated[int, Field(ge=1, le=20)]
    regimen: ShortText
    types: Annotated[
        list[Annotated[str, one_of(SYSTEMIC_TYPES)]],
        Field(min_length=1),
    ]
    agents: list[AgentName] = Field(
        default_factory=list,
        description="Generic names of the drugs of this line, lower case (abiraterone, "
        "prednisolone, lenvatinib ...): the safety checks read them",
    )
    outcome: Annotated[str, one_of(LINE_OUTCOMES)] | None = Field(
        None, description="How the line ended: " + ", ".join(LINE_OUTCOMES)
    )
    start_date: LaxDate | None = None
    end_date: LaxDate | None = None
    current: bool

    @property
    def failed(self) -> bool:
        return self.outcome in ("progression", "intolerance")


class Surgery(StrictModel):
    lesion: Ident
    procedure: Annotated[
        Literal[
            "prophylactic_fixation",
            "fracture_fixation",
            "decompression",
            "stabilization",
            "vertebroplasty",
            "kyphoplasty",
            "cementoplasty",
        ],
        BeforeValidator(lower),
    ]
    date: LaxDate


class Treatments(StrictModel):
    bone_modifying_agent: BoneModifyingAgent | None = None
    radiotherapy: list[RadiotherapyCourse] = Field(default_factory=list)
    systemic: list[SystemicLine] = Field(default_factory=list)
    surgery: list[Surgery] = Field(default_factory=list)
    last_chemotherapy_date: LaxDate | Literal["never"] | None = Field(
        None, description="Date of the last chemotherapy, or 'never'; leave out if unknown"
    )
    corticosteroids: bool | None = Field(None, description="Already on dexamethasone")
    who_step: Annotated[int, Field(ge=0, le=3)] | None = Field(
        None, description="Current WHO analgesic ladder step (0 = none)"
    )


class Medications(StrictModel):
    """Current medicines the safety checks read (leave out what is not taken)."""

    anticancer: list[AgentName] = Field(
        default_factory=list,
        description="Anticancer drugs taken now, generic names lower case (also read from the "
        "current systemic lines' agents)",
    )
    opioid: ShortText | None = Field(
        None, description="Current opioid and dose, e.g. 'morphine MR 30 mg twice daily'"
    )
    breakthrough_opioid: bool | None = Field(
        None, description="An immediate-release breakthrough dose is prescribed"
    )
    anticoagulant: ShortText | None = Field(
        None, description="Current anticoagulant, e.g. 'apixaban 5 mg twice daily'"
    )
    steroid: ShortText | None = Field(
        None, description="Current corticosteroid and dose, e.g. 'prednisolone 5 mg twice daily'"
    )


class Dental(StrictModel):
    status: Annotated[Literal["cleared", "needs_treatment", "not_examined"], BeforeValidator(lower)]
    last_examined: LaxDate | None = None
    invasive_procedure_planned: bool | None = None


class Pain(StrictModel):
    worst_nrs: Annotated[int, integer(_NRS)] | None = None
    uncontrolled: bool | None = Field(
        None, description="Pain not controlled by analgesics, limiting movement"
    )
    neuropathic: bool | None = None


class Prognosis(StrictModel):
    expected_survival_months: (
        Annotated[float, number(engine_field(EXERCISE, "expected_survival_months"))] | None
    ) = None
    basis: ShortText | None = None


class Comorbidities(StrictModel):
    renal_failure: bool | None = Field(None, description="Acute or chronic renal failure")
    uncorrectable_bleeding: bool | None = None
    active_infection: bool | None = None
    tolerates_anaesthesia: bool | None = None


class Social(StrictModel):
    distress_score: Annotated[int, Field(ge=0, le=10)] | None = Field(
        None, description="NCCN distress thermometer, 0-10"
    )
    lives_alone: bool | None = None
    falls_last_year: Annotated[int, Field(ge=0, le=100)] | None = None
    walking_aid: bool | None = None
    weight_loss_percent_6_months: Annotated[float, Field(ge=0, le=100)] | None = None


MODALITIES = (
    "corticosteroids",
    "imaging",
    "radiotherapy",
    "sbrt",
    "surgery",
    "interventional",
    "bone_modifying_agent",
    "systemic_therapy",
    "analgesia",
    "radiopharmaceutical",
    "rehabilitation",
    "hydration",
    "dental",
    "monitoring",
    "supportive_care",
    "palliative_care",
    "nutrition",
    "psychosocial",
    "prognosis",
)


GOAL_AIMS = ("disease_control", "symptom_control_only")


class Goals(StrictModel):
    summary: Text | None = None
    aim: Annotated[str, one_of(GOAL_AIMS)] | None = Field(
        None,
        description="What the patient wants from treatment: disease_control (anticancer "
        "treatment welcome) or symptom_control_only (no further anticancer treatment)",
    )
    priorities: list[ShortText] = Field(default_factory=list)
    declines: list[Annotated[str, one_of(MODALITIES)]] = Field(
        default_factory=list, description="Modalities the patient has declined"
    )


class Discussion(StrictModel):
    question: Text
    answer: Text


class Teaching(StrictModel):
    title: ShortText
    summary: Text
    learning_objectives: Annotated[
        list[Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z_]+$")]], Field(min_length=1)
    ] = Field(description="Objective ids from chapters/objectives.yaml")
    discussion: Annotated[list[Discussion], Field(min_length=1)]


class Case(StrictModel):
    """A fictional patient at one moment in time, for teaching."""

    kind: Literal["case"] = "case"
    id: Ident
    fictional: Literal[True] = Field(description="Always true: cases are invented for teaching")
    date: LaxDate = Field(description="The moment in time the case describes")
    teaching: Teaching
    patient: Patient
    primary: Primary
    performance: Performance
    labs: Labs = Field(default_factory=Labs)
    lesions: Annotated[list[Lesion], Field(min_length=1)]
    neurology: Neurology
    metastases: Metastases
    treatments: Treatments = Field(default_factory=Treatments)
    medications: Medications = Field(default_factory=Medications)
    dental: Dental | None = None
    pain: Pain = Field(default_factory=Pain)
    prognosis: Prognosis = Field(default_factory=Prognosis)
    comorbidities: Comorbidities = Field(default_factory=Comorbidities)
    social: Social = Field(default_factory=Social)
    goals: Goals = Field(default_factory=Goals)

    def lesion(self, lesion_id: str) -> Lesion:
        return next(les for les in self.lesions if les.id == lesion_id)

    def lesion_index(self, lesion_id: str) -> int:
        return next(i for i, les in enumerate(self.lesions) if les.id == lesion_id)

    @property
    def current_agents(self) -> set[str]:
        """Anticancer drugs taken now: ``medications.anticancer`` and current lines' agents."""
        out = set(self.medications.anticancer)
        for line in self.treatments.systemic:
            if line.current:
                out.update(line.agents)
        return out

    @property
    def histology_known(self) -> bool:
        """Tissue diagnosis confirmed: stated, or (if not stated) any named primary."""
        if self.primary.histology_confirmed is not None:
            return bool(self.primary.histology_confirmed)
        return bool(self.primary.site != "unknown")
