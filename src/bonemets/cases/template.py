"""The commented template written by ``bonemets case new ID``: a valid case to start from.

Allowed values in the comments are read from the engine, so they cannot drift from the
calculators.
"""

from __future__ import annotations

import datetime as dt

from ..patient.fields import component_field
from ..patient.model import (
    BONES,
    GOAL_AIMS,
    LIMB_PAIN,
    LINE_OUTCOMES,
    MODALITIES,
    SPINE_PAIN,
    SYSTEMIC_TYPES,
)
from ..patient.primaries import PRIMARIES, SUBTYPES
from ..scores.escc import GRADE_FIELD
from ..scores.sins import SINS


def _vals(name: str) -> str:
    return ", ".join(component_field(SINS, name).values)


def template(case_id: str, today: dt.date | None = None) -> str:
    """YAML text of a new, valid case called ``case_id``."""
    d = (today or dt.date.today()).isoformat()
    subtypes = "; ".join(f"{k}: {', '.join(v)}" for k, v in SUBTYPES.items())
    return f"""\
# FICTIONAL CASE written for teaching. Not a real patient; any resemblance is coincidental.
# Educational use only, not clinical advice. Schema: cases/case.schema.json
# Check with: bonemets validate cases/data/{case_id}.yaml ; run with: bonemets evaluate ...
# Leave out anything not known: the evaluation lists what each calculator still needs.
kind: case
id: {case_id}                  # must match the file name
fictional: true
date: {d}                 # the moment in time the case describes
teaching:
  title: A short title
  summary: >-
    Two or three sentences that set the scene.
  learning_objectives:         # ids from chapters/objectives.yaml
    - surgery.mirels
  discussion:
    - question: A question for the learner?
      answer: The answer, with the reasoning.
patient:
  age_years: 64                # 18-120
  sex: female                  # female, male
  weight_kg: 68                # actual body weight, 25-300
  pregnant: false              # women only
  breastfeeding: false         # women only
primary:
  site: breast                 # {", ".join(PRIMARIES)}
  histology: Invasive ductal carcinoma
  subtype: hr_positive_her2_negative   # by site: {subtypes}
  # radiosensitivity: sensitive   # sensitive, resistant; only if the site is not in the NOMS table
  # tomita_growth: slow           # slow, moderate, rapid; only if Tomita does not name the site
  histology_confirmed: true    # tissue diagnosis confirmed (left out: true unless the site is unknown)
  # controlled: true           # primary treated and controlled (SABR-COMET condition)
performance:
  kps: 70                      # Karnofsky 10-100 in steps of 10
  ecog: 1                      # 0-4 (no conversion between the two is made)
  fit_for_surgery: true        # the team's judgement (the S of NOMS)
labs:                          # each {{value, unit}}; leave out what was not measured
  calcium: {{value: 2.41, unit: mmol/L}}      # mg/dL or mmol/L
  albumin: {{value: 39, unit: g/L}}           # g/dL or g/L
  creatinine: {{value: 72, unit: umol/L}}     # mg/dL or umol/L
  platelets: {{value: 245, unit: x10^9/L}}
  anc: {{value: 3.9, unit: x10^9/L}}
  haemoglobin: {{value: 12.4, unit: g/dL}}    # g/dL or g/L
  alkaline_phosphatase: {{value: 168, unit: U/L}}
lesions:                       # bone: {", ".join(BONES)}
  - id: left_femur
    bone: femur
    side: left                 # left, right, midline
    region: peritrochanteric   # long bones: peritrochanteric, proximal, diaphysis, distal
    lesion: lytic              # lytic, mixed, blastic
    size: gt_2_3               # long bones (Mirels): lt_1_3, 1_3_to_2_3, gt_2_3
    axial_cortical_involvement_mm: 35   # femur only
    pain: functional           # not spine: {", ".join(LIMB_PAIN)}
    pain_nrs: 7                # 0-10
    fracture: impending        # none, impending, actual
  # - id: t10
  #   bone: spine
  #   level: T10               # C1 ... S5
  #   lesion: mixed
  #   pain: mechanical         # spine: {", ".join(SPINE_PAIN)}
  #   fracture: none
  #   escc_grade: 2            # {", ".join(GRADE_FIELD.values)}
  #   alignment: normal        # {_vals("alignment")}
  #   collapse: lt_50          # {_vals("collapse")}
  #   posterolateral: none     # {_vals("posterolateral")}
neurology:
  frankel: e                   # a-e
  bladder_bowel_dysfunction: false
  ambulatory: true
  # confusion: false           # new confusion at this visit
metastases:
  extraspinal_bone: 1          # counts, at least the lesions listed
  vertebral: 0
  visceral: none               # none, removable, unremovable
  # visceral_treatable: true   # needed when visceral is not none (Tomita)
  brain: false
  bone_scan_uptake: true
  widespread: false
treatments:
  # bone_modifying_agent: {{agent: zoledronic_acid, start_date: 2024-01-10, interval_weeks: 12}}
  radiotherapy: []             # - {{lesion: left_femur, dose_gy: 8, fractions: 1, date: 2024-05-01}}
  systemic:                    # types: {", ".join(SYSTEMIC_TYPES)}
    - line: 1
      regimen: letrozole with palbociclib
      agents: [letrozole, palbociclib]   # generic names, lower case: the safety checks read them
      types: [hormone_aromatase_inhibitor, targeted]
      outcome: ongoing         # {", ".join(LINE_OUTCOMES)}
      current: true
  surgery: []                  # - {{lesion: ..., procedure: prophylactic_fixation, date: ...}}
  last_chemotherapy_date: never   # a date, or never
  who_step: 1                  # current WHO ladder step 0-3
medications:                   # current medicines the safety checks read; leave out what is not taken
  anticancer: []               # other anticancer drugs now, e.g. [abiraterone]
  # opioid: morphine modified-release 30 mg twice daily
  # breakthrough_opioid: true
  # anticoagulant: apixaban 5 mg twice daily
  # steroid: prednisolone 5 mg twice daily
dental:
  status: not_examined         # cleared, needs_treatment, not_examined
pain:
  worst_nrs: 7
  uncontrolled: false
prognosis:
  expected_survival_months: 24
  basis: Oncologist's estimate
comorbidities:
  renal_failure: false
social:
  distress_score: 3            # distress thermometer 0-10
  falls_last_year: 0
goals:
  summary: What matters to the patient.
  aim: disease_control         # {", ".join(GOAL_AIMS)}
  declines: []                 # any of: {", ".join(MODALITIES)}
"""
