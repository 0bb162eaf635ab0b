"""Every citation that more than one part of the engine uses, defined once.

The scores, formulas, screens, evidence records, pathway rules and tracked guidelines import a
shared source from here (``from ..sources import PATCHELL_2005``; an evidence record writes
``Trial(citation=sources.PATCHELL_2005)``). A source only one module uses stays beside the
rule or record it supports. ``tests/engine/test_sources.py`` checks that every BibTeX key is
constructed once in ``src/`` and that every citation the engine reaches is in a ``.bib`` file.
"""

from __future__ import annotations

from .result import Citation

AAPRO_2008 = Citation(
    key="aapro2008",
    authors="Aapro M, Abrahamsson PA, Body JJ, Coleman RE, Colomer R, Costa L, et al",
    title="Guidance on the use of bisphosphonates in solid tumours: recommendations of an "
    "international expert panel",
    journal="Ann Oncol",
    year=2008,
    details="19(3):420-432",
    doi="10.1093/annonc/mdm442",
)
ALCORN_2024 = Citation(
    key="alcorn2024",
    authors="Alcorn S, Artal Cortés A, Bradfield L, Brennan M, Dennis K, Diaz DA, et al",
    title="External beam radiation therapy for palliation of symptomatic bone metastases: an ASTRO "
    "clinical practice guideline",
    journal="Pract Radiat Oncol",
    year=2024,
    doi="10.1016/j.prro.2024.04.018",
    note="Volume and pages not confirmed by the course; recommendations read from the abstract "
    "(Duke scholars record) and the Guideline Central summary of 22 May 2024.",
)
BERENSON_2011 = Citation(
    key="berenson2011",
    authors="Berenson J, Pflugmacher R, Jarzem P, Zonder J, Schechtman K, Tillman JB, et al",
    title="Balloon kyphoplasty versus non-surgical fracture management for treatment of painful "
    "vertebral body compression fractures in patients with cancer: a multicentre, randomised "
    "controlled trial",
    journal="Lancet Oncol",
    year=2011,
    details="12(3):225-235",
    doi="10.1016/S1470-2045(11)70008-0",
)
CALLSTROM_2013 = Citation(
    key="callstrom2013",
    authors="Callstrom MR, Dupuy DE, Solomon SB, Beres RA, Littrup PJ, Davis KW, et al",
    title="Percutaneous image-guided cryoablation of painful metastases involving bone: multicenter "
    "trial",
    journal="Cancer",
    year=2013,
    details="119(5):1033-1041",
    doi="10.1002/cncr.27793",
)
CAMPBELL_2022 = Citation(
    key="campbell2022",
    authors="Campbell KL, Cormie P, Weller S, Alibhai SMH, Bolam KA, Campbell A, et al",
    title="Exercise recommendation for people with bone metastases: expert consensus for health "
    "care providers and exercise professionals",
    journal="JCO Oncol Pract",
    year=2022,
    details="18(5):e697-e709",
    doi="10.1200/OP.21.00454",
)
CHOW_2014 = Citation(
    key="chow2014",
    authors="Chow E, van der Linden YM, Roos D, Hartsell WF, Hoskin P, Wu JSY, et al",
    title="Single versus multiple fractions of repeat radiation for painful bone metastases: a "
    "randomised, controlled, non-inferiority trial",
    journal="Lancet Oncol",
    year=2014,
    details="15(2):164-171",
    doi="10.1016/S1470-2045(13)70556-4",
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
DUONG_2023 = Citation(
    key="duong2023",
    authors="Duong H, Walker M, Maugham-Macan M",
    title="Exercise intervention for bone metastasis: safety, efficacy and method of delivery",
    journal="Cancers",
    year=2023,
    details="15(6):1786",
    doi="10.3390/cancers15061786",
)
#: Endocrine Society guideline on hypercalcaemia of malignancy.
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
EMA_XOFIGO_2018 = Citation(
    key="ema2018xofigo",
    authors="European Medicines Agency",
    title="EMA restricts use of prostate cancer medicine Xofigo (Article 20 referral, "
    "EMA/680161/2018)",
    journal="European Medicines Agency",
    year=2018,
    details="Conclusion of the PRAC review, 26 July 2018: only after two previous treatments for mCRPC or when other treatments cannot be taken; not with abiraterone and prednisone/prednisolone",
)
FISHER_2010 = Citation(
    key="fisher2010",
    authors="Fisher CG, DiPaola CP, Ryken TC, Bilsky MH, Shaffrey CI, Berven SH, et al",
    title="A novel classification system for spinal instability in neoplastic disease: an "
    "evidence-based approach and expert consensus from the Spine Oncology Study Group",
    journal="Spine",
    year=2010,
    details="35(22):E1221-E1229",
    doi="10.1097/BRS.0b013e3181e16ae2",
)
FOTTNER_2010 = Citation(
    key="fottner2010",
    authors="Fottner A, et al",
    title="Bone metastases from renal cell carcinoma: patient survival after surgical treatment",
    journal="BMC Musculoskelet Disord",
    year=2010,
    details="11:145",
    doi="10.1186/1471-2474-11-145",
)
EANM_2018 = Citation(
    key="handkiewicz2018",
    authors="Handkiewicz-Junak D, Poeppel TD, Bodei L, Aktolun C, Ezziddin S, Giammarile F, et al",
    title="EANM guidelines for radionuclide therapy of bone metastases with beta-emitting "
    "radionuclides",
    journal="Eur J Nucl Med Mol Imaging",
    year=2018,
    details="45(5):846-859",
    doi="10.1007/s00259-018-3947-x",
)
HARRINGTON_1981 = Citation(
    key="harrington1981",
    authors="Harrington KD",
    title="The management of acetabular insufficiency secondary to metastatic malignant disease",
    journal="J Bone Joint Surg Am",
    year=1981,
    note="Volume and pages not confirmed by the course; the four classes were read from secondary "
    "summaries (medicalalgorithms.com; Vielgut I et al., Int Orthop 2013).",
)
HIMELSTEIN_2017 = Citation(
    key="himelstein2017",
    authors="Himelstein AL, Foster JC, Khatcheressian JL, Roberts JD, Seisler DK, Novotny PJ, et al",
    title="Effect of longer-interval vs standard dosing of zoledronic acid on skeletal events in "
    "patients with bone metastases: a randomized clinical trial",
    journal="JAMA",
    year=2017,
    details="317(1):48-58",
    doi="10.1001/jama.2016.19425",
)
HOSKIN_2019 = Citation(
    key="hoskin2019",
    authors="Hoskin PJ, Hopkins K, Misra V, Holt T, McMenemin R, Dubois D, et al",
    title="Effect of single-fraction vs multifraction radiotherapy on ambulatory status among "
    "patients with spinal canal compression from metastatic cancer: the SCORAD randomized "
    "clinical trial",
    journal="JAMA",
    year=2019,
    details="322(21):2084-2094",
    doi="10.1001/jama.2019.17913",
)
LAUFER_2013 = Citation(
    key="laufer2013",
    authors="Laufer I, Rubin DG, Lis E, Cox BW, Stubblefield MD, Yamada Y, Bilsky MH",
    title="The NOMS framework: approach to the treatment of spinal metastatic tumors",
    journal="Oncologist",
    year=2013,
    details="18(6):744-751",
    doi="10.1634/theoncologist.2012-0293",
)
LEITHNER_2008 = Citation(
    key="leithner2008",
    authors="Leithner A, Radl R, Gruber G, Hochegger M, Leithner K, Welkerling H, et al",
    title="Predictive value of seven preoperative prognostic scoring systems for spinal metastases",
    journal="Eur Spine J",
    year=2008,
    details="17(11):1488-1495",
    doi="10.1007/s00586-008-0763-1",
)
#: The 2017 ASTRO update that the 2024 guideline replaced; kept so that the book can name what was
#: replaced (``bonemets.guidelines``). Not a current authority for any rule.
LUTZ_2017 = Citation(
    key="lutz2017",
    authors="Lutz S, Balboni T, Jones J, Lo S, Petit J, Rich SE, et al",
    title="Palliative radiation therapy for bone metastases: update of an ASTRO evidence-based "
    "guideline",
    journal="Pract Radiat Oncol",
    year=2017,
    details="7(1):4-12",
    doi="10.1016/j.prro.2016.08.001",
)
MAJOR_2001 = Citation(
    key="major2001",
    authors="Major P, Lortholary A, Hon J, Abdi E, Mills G, Menssen HD, et al",
    title="Zoledronic acid is superior to pamidronate in the treatment of hypercalcemia of "
    "malignancy: a pooled analysis of two randomized, controlled clinical trials",
    journal="J Clin Oncol",
    year=2001,
    details="19(2):558-567",
    doi="10.1200/JCO.2001.19.2.558",
)
MIRELS_1989 = Citation(
    key="mirels1989",
    authors="Mirels H",
    title="Metastatic disease in long bones. A proposed scoring system for diagnosing impending "
    "pathologic fractures",
    journal="Clin Orthop Relat Res",
    year=1989,
    details="(249):256-264",
)
NICE_CG75 = Citation(
    key="nice2008cg75",
    authors="National Collaborating Centre for Cancer",
    title="Metastatic spinal cord compression: diagnosis and management of patients at risk of or "
    "with metastatic spinal cord compression (NICE clinical guideline 75)",
    journal="National Institute for Health and Clinical Excellence",
    year=2008,
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
PANTEL_2023 = Citation(
    key="pantel2023",
    authors="Pantel AR, et al",
    title="SNMMI/EANM practice guideline for palliative nuclear medicine therapies of bone "
    "metastases",
    journal="J Nucl Med Technol",
    year=2023,
    note="Not confirmed: the first author and exact title are as given in the course's clinical "
    "review. An SNMMI/EANM practice guideline is published at J Nucl Med Technol 51(3):176 "
    "(tech.snmjournals.org/content/51/3/176; preamble read); its title, author list and page "
    "range, and the guideline's content, were not read.",
)
PARKER_2013 = Citation(
    key="parker2013",
    authors="Parker C, Nilsson S, Heinrich D, Helle SI, O'Sullivan JM, Fossa SD, et al",
    title="Alpha emitter radium-223 and survival in metastatic prostate cancer",
    journal="N Engl J Med",
    year=2013,
    details="369(3):213-223",
    doi="10.1056/NEJMoa1213755",
)
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
PAZIONIS_2014 = Citation(
    key="pazionis2014",
    authors="Pazionis TJC, Papanastassiou ID, Maybody M, Healey JH",
    title="Embolization of hypervascular bone metastases reduces intraoperative blood loss: a "
    "case-control study",
    journal="Clin Orthop Relat Res",
    year=2014,
    details="472(10):3179-3187",
    doi="10.1007/s11999-014-3734-3",
)
RAJKUMAR_2014 = Citation(
    key="rajkumar2014",
    authors="Rajkumar SV, Dimopoulos MA, Palumbo A, Blade J, Merlini G, Mateos MV, et al",
    title="International Myeloma Working Group updated criteria for the diagnosis of multiple "
    "myeloma",
    journal="Lancet Oncol",
    year=2014,
    details="15(12):e538-e548",
    doi="10.1016/S1470-2045(14)70442-5",
)
RUGGIERO_2022 = Citation(
    key="ruggiero2022",
    authors="Ruggiero SL, Dodson TB, Aghaloo T, Carlson ER, Ward BB, Kademani D",
    title="American Association of Oral and Maxillofacial Surgeons' position paper on "
    "medication-related osteonecrosis of the jaws - 2022 update",
    journal="J Oral Maxillofac Surg",
    year=2022,
    details="80(5):920-943",
    doi="10.1016/j.joms.2022.02.008",
)
RYAN_2022 = Citation(
    key="ryan2022",
    authors="Ryan A, Byrne C, Pusceddu C, Buy X, Tsoumakidou G, Filippiadis D",
    title="CIRSE standards of practice on thermal ablation of primary and secondary lesions of bone",
    journal="Cardiovasc Intervent Radiol",
    year=2022,
    details="45(5):591-605",
    doi="10.1007/s00270-022-03126-x",
)
SAHGAL_2021 = Citation(
    key="sahgal2021",
    authors="Sahgal A, Myrehaug SD, Siva S, Masucci GL, Maralani PJ, Brundage M, et al",
    title="Stereotactic body radiotherapy versus conventional external beam radiotherapy in "
    "patients with painful spinal metastases: an open-label, multicentre, randomised, "
    "controlled, phase 2/3 trial",
    journal="Lancet Oncol",
    year=2021,
    details="22(7):1023-1033",
    doi="10.1016/S1470-2045(21)00196-0",
)
SALAZAR_1986 = Citation(
    key="salazar1986",
    authors="Salazar OM, Rubin P, Hendrickson FR, Komaki R, Poulter C, Newall J, et al",
    title="Single-dose half-body irradiation for palliation of multiple bone metastases from "
    "solid tumors. Final Radiation Therapy Oncology Group report",
    journal="Cancer",
    year=1986,
    details="58(1):29-36",
    doi="10.1002/1097-0142(19860701)58:1<29::aid-cncr2820580107>3.0.co;2-2",
)
SMITH_2009 = Citation(
    key="smith2009",
    authors="Smith MR, Egerdie B, Hernandez Toriz N, Feldman R, Tammela TLJ, Saad F, et al",
    title="Denosumab in men receiving androgen-deprivation therapy for prostate cancer",
    journal="N Engl J Med",
    year=2009,
    details="361(8):745-755",
    doi="10.1056/NEJMoa0809003",
)
STEWART_2005 = Citation(
    key="stewart2005",
    authors="Stewart AF",
    title="Clinical practice. Hypercalcemia associated with cancer",
    journal="N Engl J Med",
    year=2005,
    details="352(4):373-379",
    doi="10.1056/NEJMcp042806",
)
TEMEL_2010 = Citation(
    key="temel2010",
    authors="Temel JS, Greer JA, Muzikansky A, Gallagher ER, Admane S, Jackson VA, et al",
    title="Early palliative care for patients with metastatic non-small-cell lung cancer",
    journal="N Engl J Med",
    year=2010,
    details="363(8):733-742",
    doi="10.1056/NEJMoa1000678",
)
TOKUHASHI_2005 = Citation(
    key="tokuhashi2005",
    authors="Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J",
    title="A revised scoring system for preoperative evaluation of metastatic spine tumor prognosis",
    journal="Spine",
    year=2005,
    details="30(19):2186-2191",
    doi="10.1097/01.brs.0000180401.06919.a5",
)
TOMITA_2001 = Citation(
    key="tomita2001",
    authors="Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T",
    title="Surgical strategy for spinal metastases",
    journal="Spine",
    year=2001,
    details="26(3):298-306",
    doi="10.1097/00007632-200102010-00016",
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
VAN_DER_LINDEN_2004 = Citation(
    key="vanderlinden2004",
    authors="van der Linden YM, Lok JJ, Steenland E, Martijn H, van Houwelingen H, Marijnen CAM, "
    "Leer JWH",
    title="Single fraction radiotherapy is efficacious: a further analysis of the Dutch Bone "
    "Metastasis Study controlling for the influence of retreatment",
    journal="Int J Radiat Oncol Biol Phys",
    year=2004,
    details="59(2):528-537",
    doi="10.1016/j.ijrobp.2003.10.006",
)
VAN_DER_LINDEN_2004_FRACTURE = Citation(
    key="vanderlinden2004fracture",
    authors="Van der Linden YM, Dijkstra PDS, Kroon HM, Lok JJ, Noordijk EM, Leer JWH, Marijnen CAM",
    title="Comparative analysis of risk factors for pathological fracture with femoral metastases",
    journal="J Bone Joint Surg Br",
    year=2004,
    details="86(4):566-573",
)
WELLER_2021 = Citation(
    key="weller2021",
    authors="Weller S, Hart NH, Bolam KA, Mansfield S, Santa Mina D, Winters-Stone KM, et al",
    title="Exercise for individuals with bone metastases: a systematic review",
    journal="Crit Rev Oncol Hematol",
    year=2021,
    details="166:103433",
    doi="10.1016/j.critrevonc.2021.103433",
)
WHO_1996 = Citation(
    key="who1996",
    authors="World Health Organization",
    title="Cancer pain relief: with a guide to opioid availability",
    journal="World Health Organization, Geneva",
    year=1996,
    details="2nd edition",
)
WHO_2018 = Citation(
    key="who2018",
    authors="World Health Organization",
    title="WHO guidelines for the pharmacological and radiotherapeutic management of cancer pain "
    "in adults and adolescents",
    journal="World Health Organization, Geneva",
    year=2018,
)
XGEVA_LABEL = Citation(
    key="xgeva2020",
    authors="Amgen Inc",
    title="Xgeva (denosumab) injection: prescribing information",
    journal="U.S. Food and Drug Administration",
    year=2020,
)
ZOMETA_LABEL = Citation(
    key="zometa2018",
    authors="Novartis Pharmaceuticals Corporation",
    title="Zometa (zoledronic acid) injection: prescribing information",
    journal="U.S. Food and Drug Administration",
    year=2018,
)
