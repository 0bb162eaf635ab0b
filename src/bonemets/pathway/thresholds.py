"""Clinical constants the pathway needs that no calculator defines, each once, with its source.

Everything else the rules compare against is read from the calculator definitions (SINS bands,
Mirels bands, the calcium unit systems, the zoledronic acid dose bands, the screens' criteria).
The citation objects used by more than one rule area live here too.
"""

from __future__ import annotations

from ..result import Citation

# --- citations shared by several areas --------------------------------------------------------
PATCHELL_2005 = Citation(
    key="patchell2005",
    authors="Patchell RA, Tibbs PA, Regine WF, Payne R, Saris S, Kryscio RJ, et al",
    title="Direct decompressive surgical resection in the treatment of spinal cord compression "
    "caused by metastatic cancer: a randomised trial",
    journal="Lancet",
    year=2005,
    details="366(9486):643-648",
    doi="10.1016/S0140-6736(05)66954-1",
)
NICE_NG234 = Citation(
    key="nice2023ng234",
    authors="National Institute for Health and Care Excellence",
    title="Spinal metastases and metastatic spinal cord compression (NICE guideline NG234)",
    journal="National Institute for Health and Care Excellence, London",
    year=2023,
    note="Confirmed (NICE QS56 statements 3-4 and summaries quoting NG234): contact the MSCC "
    "coordinator immediately for neurological symptoms or signs; whole-spine MRI within 24 hours; "
    "immobilisation without delay, nursed supine (flat or partly elevated), when symptoms or signs "
    "suggest spinal instability; dexamethasone 16 mg as soon as possible then 16 mg daily "
    "(recommendation 1.8.1). Not confirmed as NG234 wording: the 1-week MRI for pain without "
    "neurology, the choice of a collar, and bladder, bowel, pressure-area and VTE care.",
)
COLEMAN_2020_ESMO = Citation(
    key="coleman2020esmo",
    authors="Coleman R, Hadji P, Body JJ, Santini D, Chow E, Terpos E, et al",
    title="Bone health in cancer: ESMO Clinical Practice Guidelines",
    journal="Ann Oncol",
    year=2020,
    details="31(12):1650-1663",
    doi="10.1016/j.annonc.2020.07.019",
)
TOWNSEND_1994 = Citation(
    key="townsend1994",
    authors="Townsend PW, Rosenthal HG, Smalley SR, Cozad SC, Hassanein RE",
    title="Impact of postoperative radiation therapy and other perioperative factors on outcome "
    "after orthopedic stabilization of impending or pathologic fractures due to metastatic "
    "disease",
    journal="J Clin Oncol",
    year=1994,
    details="12(11):2345-2350",
    doi="10.1200/JCO.1994.12.11.2345",
)
PALMA_2019 = Citation(
    key="palma2019",
    authors="Palma DA, Olson R, Harrow S, Gaede S, Louie AV, Haasbeek C, et al",
    title="Stereotactic ablative radiotherapy versus standard of care palliative treatment in "
    "patients with oligometastatic cancers (SABR-COMET): a randomised, phase 2, open-label trial",
    journal="Lancet",
    year=2019,
    details="393(10185):2051-2058",
    doi="10.1016/S0140-6736(18)32487-5",
)

# --- constants --------------------------------------------------------------------------------
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
HCM_ZOLEDRONIC_MAX_CREATININE = {"mg_dl": 4.5, "umol_l": 400.0}
#: ... and at least 7 days before a repeat dose (Zometa prescribing information).
HCM_RETREAT_AFTER_DAYS = 7

#: Dexamethasone for MSCC with neurological symptoms or signs: 16 mg as soon as possible, then
#: 16 mg daily until surgery or radiotherapy (NICE NG234, recommendation 1.8.1).
DEXAMETHASONE_MSCC_MG = 16
#: Whole-spine MRI for suspected MSCC with neurological signs: within 24 hours (NICE NG234);
#: for suspected spinal metastases with pain only: within 1 week.
MRI_MSCC_WITHIN_HOURS = 24
MRI_SPINAL_METASTASIS_WITHIN_DAYS = 7

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

#: Endocrine Society guideline on hypercalcaemia of malignancy (the pathway and the evidence
#: record both cite it; defined once here).
EL_HAJJ_FULEIHAN_2023 = Citation(
    key="elhajjfuleihan2023",
    authors="El-Hajj Fuleihan G, Clines GA, Hu MI, Marcocci C, Murad MH, Piggott T, et al",
    title="Treatment of hypercalcemia of malignancy in adults: an Endocrine Society clinical "
    "practice guideline",
    journal="J Clin Endocrinol Metab",
    year=2023,
    details="108(3):507-528",
    doi="10.1210/clinem/dgac621",
)
