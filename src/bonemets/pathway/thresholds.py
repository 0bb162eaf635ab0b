"""Clinical constants the pathway needs that no calculator defines, each once, with its source.

Numbers only. A number that an evidence record already states (a guideline's or a label's
figure) is read from that record, so it is written once. Everything else the rules compare against is read from the calculator definitions
(SINS bands, Mirels bands, the calcium unit systems, the zoledronic acid dose bands, the screens'
criteria) or from the evidence records. The citations behind these numbers are in
:mod:`bonemets.sources`; rule texts format these constants in (``f"... {GOOD_PROGNOSIS_MONTHS:g}
months"``) rather than typing the number again.
"""

from __future__ import annotations

from ..evidence.emergencies import NICE_NG234_MSCC, ZOMETA_HCM

#: Surgery for metastatic spinal cord compression (and, by the course's extension, other
#: operations for bone metastases) needs an expected survival of at least 3 months: Patchell 2005
#: eligibility. Inclusive (">= 3 months"); the radiopharmaceutical screen's "more than 3 months"
#: comes from another source (see the report of that screen).
SURGERY_MIN_SURVIVAL_MONTHS = 3.0

#: Start a bone-modifying agent in lung, renal and other solid tumours with significant bone
#: metastases when life expectancy is at least 3 months (Coleman, ESMO 2020). Breast cancer and
#: castration-resistant prostate cancer: start whatever the prognosis.
BMA_MIN_SURVIVAL_MONTHS = 3.0

#: Axial cortical involvement of a femoral metastasis above 30 mm predicted fracture (van der
#: Linden YM et al., J Bone Joint Surg Br 2004;86:566-573); the Dutch guideline fixes above it.
AXIAL_CORTICAL_FIXATION_ABOVE_MM = 30.0

#: Oligometastatic: at most 5 metastatic lesions in total (SABR-COMET, Palma 2019).
OLIGOMETASTATIC_MAX_LESIONS = 5

#: "Good prognosis" for SBRT: expected survival of 6 months or more, the edge of the revised
#: Tokuhashi score's middle band (Tokuhashi 2005: 9-11 points, >= 6 months). Course choice:
#: the SBRT trials select on performance status and extent of disease rather than a number.
GOOD_PROGNOSIS_MONTHS = 6.0

#: Zoledronic acid for hypercalcaemia of malignancy: 4 mg whatever the creatinine clearance while
#: serum creatinine is below 400 umol/L (4.5 mg/dL) (Zometa prescribing information).
HCM_ZOLEDRONIC_MAX_CREATININE = {
    "mg_dl": ZOMETA_HCM.outcomes["no_dose_reduction_below_creatinine_mg_dl"][0],
    "umol_l": ZOMETA_HCM.outcomes["no_dose_reduction_below_creatinine_umol_l"][0],
}
#: ... and at least 7 days before a repeat dose (Zometa prescribing information).
HCM_RETREAT_AFTER_DAYS = int(ZOMETA_HCM.outcomes["retreat_after_days"][0])

#: Dexamethasone for MSCC with neurological symptoms or signs: 16 mg as soon as possible, then
#: 16 mg daily until surgery or radiotherapy (NICE NG234, recommendation 1.8.1).
DEXAMETHASONE_MSCC_MG = int(NICE_NG234_MSCC.outcomes["dexamethasone_mg_per_day"][0])
#: Whole-spine MRI for suspected MSCC with neurological signs: within 24 hours (NICE NG234);
#: for suspected spinal metastases with pain only: within 1 week.
MRI_MSCC_WITHIN_HOURS = int(NICE_NG234_MSCC.outcomes["mri_neuro_within_hours"][0])
MRI_SPINAL_METASTASIS_WITHIN_DAYS = int(NICE_NG234_MSCC.outcomes["mri_pain_only_within_days"][0])

#: Patchell 2005 excluded paraplegia lasting more than 48 hours and radiosensitive tumours
#: (lymphoma, leukaemia, multiple myeloma, germ-cell tumours).
PATCHELL_MAX_PARAPLEGIA_HOURS = 48
PATCHELL_EXCLUDED_PRIMARIES = ("lymphoma", "myeloma")

#: "Chemotherapy in the last 6 weeks" (the radiopharmaceutical screen's field), in days.
RECENT_CHEMOTHERAPY_DAYS = 42

#: Zoledronic acid every 12 weeks is non-inferior to every 4 weeks from the start of treatment
#: (Himelstein AL et al., JAMA 2017;317:48-58, CALGB 70604).
DEESCALATED_INTERVAL_WEEKS = 12

#: Hemibody irradiation single doses: 6 Gy upper, 8 Gy lower or mid (Salazar OM et al., Cancer
#: 1986;58:29-36, RTOG 78-10).
HEMIBODY_UPPER_GY = 6.0
HEMIBODY_LOWER_GY = 8.0

#: Distress thermometer: refer for psychosocial support from 4 of 10 (Riba MB et al., NCCN
#: Distress Management, J Natl Compr Canc Netw 2019;17:1229-1249).
DISTRESS_REFERRAL_FROM = 4

#: Cancer cachexia: weight loss above 5% in 6 months (Fearon K et al., Lancet Oncol
#: 2011;12:489-495).
WEIGHT_LOSS_ABOVE_PERCENT = 5.0

#: Falls risk assessment for people aged 65 and over (NICE CG161, 2013).
FALLS_ASSESSMENT_AGE_FROM = 65
