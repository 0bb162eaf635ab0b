"""The contraindication and interaction table (``bonemets.pathway.safety``): each gate on both
sides of its condition, with its citation; the planner's one-action-per-decision merge; every gate
fires somewhere in the case library."""

from __future__ import annotations

from typing import Any

import pytest
from pathway_variants import DELETE, planned, variant

from bonemets.cases import evaluate_case, library
from bonemets.cases.evaluate import CaseEvaluation
from bonemets.pathway import Action, Context, safety
from bonemets.pathway.rules import Withheld
from bonemets.result import Citation

CASES = variant.__globals__["CASES"]
LIB = library(CASES)
CITE = Citation(key="x", authors="X", title="x", journal="x", year=2000)


def withheld(ev: CaseEvaluation, rule: str) -> list[Withheld]:
    return [w for w in ev.withheld if w.action.rule == rule]


def keys(w: Withheld) -> set[str]:
    return {c.key for c in w.citations}


def verdict(name: str, changes: dict[str, Any], **action: Any) -> safety.Verdict:
    ev = variant(name, changes)
    urgency = action.pop("urgency", "planned")
    a = Action(urgency, "probe", "probe", "", CITE, rule="probe", **action)
    return safety.check(Context(ev.case, ev.results, ev.not_computed), a)


# --- radium-223 with abiraterone (ERA 223; EMA 2018) ------------------------------------------
RA = "prostate_radium_on_abiraterone"


def test_radium_withheld_while_on_abiraterone() -> None:
    ev = variant(RA)
    [w] = withheld(ev, "radiopharmaceutical")
    assert w.gate == "ra223_with_abiraterone"
    assert keys(w) == {"smith2019era223", "ema2018xofigo"}
    assert w.text().startswith("Radium-223 withheld: concurrent abiraterone with prednisolone")
    assert "Smith M et al., Lancet Oncol 2019" in w.text()
    assert not planned(ev, "radiopharmaceutical")
    systemic = planned(ev, "systemic_therapy_by_primary")[0].action
    assert "radium-223 (withheld: concurrent abiraterone" in systemic


def test_radium_recommended_once_abiraterone_has_stopped() -> None:
    ev = variant(
        RA,
        {
            "treatments.systemic.1.current": False,
            "treatments.systemic.1.outcome": "progression",
            "treatments.systemic.1.end_date": "2025-10-01",
            "medications.steroid": DELETE,
        },
    )
    assert not withheld(ev, "radiopharmaceutical")
    [a] = planned(ev, "radiopharmaceutical")
    assert "Radium-223" in a.action and a.agents == ("radium_223",)


def test_abiraterone_named_in_medications_alone_also_blocks() -> None:
    v = verdict(
        RA,
        {
            "treatments.systemic.1.agents": ["prednisolone"],
            "medications.anticancer": ["abiraterone"],
        },
        agents=("radium_223",),
    )
    assert [r.code for r, _ in v.blocks] == ["ra223_with_abiraterone"]


# --- pregnancy and breast-feeding (labels; EANM 2018; ICRP 84; FDA 2020) ---------------------
PREG = "pregnant_breast_bone_pain"
NOT_PREGNANT = {"patient.pregnant": False}
BREASTFEEDING = {"patient.pregnant": False, "patient.breastfeeding": True}


def test_bone_modifying_agent_withheld_in_pregnancy() -> None:
    ev = variant(PREG)
    [w] = withheld(ev, "bma_start")
    assert w.gate == "pregnancy_bone_modifying_agent"
    assert keys(w) == {"zometasmpc", "xgevasmpc"}
    assert w.text().startswith("Zoledronic acid or denosumab withheld: pregnancy (")
    # the agent's companions (dental check, calcium, creatinine) do not fire without the agent
    assert not planned(ev, "bma_calcium_vitamin_d") and not planned(ev, "bma_dental_examination")


def test_bone_modifying_agent_started_when_not_pregnant() -> None:
    ev = variant(PREG, NOT_PREGNANT)
    assert not withheld(ev, "bma_start")
    assert "zoledronic acid 4.0 mg" in planned(ev, "bma_start")[0].action


def test_breastfeeding_withholds_agents_and_radionuclides_but_not_external_beam() -> None:
    ev = variant(PREG, BREASTFEEDING)
    [w] = withheld(ev, "bma_start")
    assert w.gate == "pregnancy_bone_modifying_agent" and "breast-feeding" in w.reason
    [rp] = withheld(ev, "radiopharmaceutical")
    assert rp.gate == "pregnancy_radionuclide" and "breast-feeding" in rp.reason
    # external beam radiotherapy to the pelvis and hemibody irradiation are not barred (ICRP 84)
    assert planned(ev, "ebrt_single_fraction") and not withheld(ev, "ebrt_single_fraction")
    assert not withheld(ev, "hemibody_irradiation")
    assert not any("fetal" in a.action for a in ev.actions)


def test_radionuclide_and_hemibody_withheld_in_pregnancy() -> None:
    ev = variant(PREG)
    [rp] = withheld(ev, "radiopharmaceutical")
    assert rp.gate == "pregnancy_radionuclide" and "handkiewicz2018" in keys(rp)
    [hb] = withheld(ev, "hemibody_irradiation")
    assert hb.gate == "pregnancy_hemibody" and keys(hb) == {"icrp2000pregnancy"}


def test_radionuclide_recommended_when_not_pregnant() -> None:
    ev = variant(PREG, NOT_PREGNANT)
    [a] = planned(ev, "radiopharmaceutical")
    assert "Samarium-153" in a.action
    assert not planned(ev, "hemibody_irradiation") and not withheld(ev, "hemibody_irradiation")


def test_hemibody_gate_both_sides() -> None:
    assert verdict(PREG, {}, agents=("hemibody",)).blocked
    assert not verdict(PREG, NOT_PREGNANT, agents=("hemibody",)).blocked
    assert not verdict(PREG, BREASTFEEDING, agents=("hemibody",)).blocked


def test_pelvic_radiotherapy_withheld_in_pregnancy_thoracic_kept_with_caution() -> None:
    ev = variant(PREG)
    [w] = withheld(ev, "ebrt_single_fraction")
    assert w.gate == "pregnancy_radiotherapy_near_uterus" and keys(w) == {"icrp2000pregnancy"}
    assert w.action.lesion == "left_ilium"
    assert w.text().startswith("Radiotherapy to the left pelvis withheld: pregnancy, target near")
    assert safety.PREGNANCY_RT_DEFER in w.reason
    assert "defer until after delivery or discuss with obstetrics and radiation physics" in (
        safety.PREGNANCY_RT_DEFER
    )
    [t9] = [a for a in ev.actions if a.rule == "noms_radiation_route" and a.lesion == "t9"]
    assert "estimated fetal dose" in t9.action
    assert "International Commission on Radiological Protection" in t9.action
    ev = variant(PREG, NOT_PREGNANT)
    assert [a.lesion for a in planned(ev, "ebrt_single_fraction")] == ["left_ilium"]
    assert not any("fetal" in a.action for a in ev.actions)


@pytest.mark.parametrize(
    ("bone", "extra", "near"),
    [
        ("pelvis", {}, True),
        ("acetabulum", {}, True),
        ("femur", {"region": "peritrochanteric"}, True),
        ("femur", {"region": "distal"}, False),
        ("humerus", {"region": "diaphysis"}, False),
    ],
)
def test_near_uterus_sites(bone: str, extra: dict[str, Any], near: bool) -> None:
    changes = {"lesions.1.bone": bone, **{f"lesions.1.{k}": v for k, v in extra.items()}}
    ev = variant(PREG, changes)
    ctx = Context(ev.case, ev.results, ev.not_computed)
    probe = Action("planned", "radiotherapy", "x", "", CITE, "left_ilium", rule="probe")
    assert safety.near_uterus(ctx, probe) is near
    v = verdict(PREG, changes, agents=("radiotherapy",), lesion="left_ilium")
    assert v.blocked is near


@pytest.mark.parametrize(("level", "near"), [("l4", True), ("s1", True), ("t9", False)])
def test_near_uterus_spinal_levels(level: str, near: bool) -> None:
    v = verdict(PREG, {"lesions.0.level": level}, agents=("sbrt",), lesion="t9")
    assert v.blocked is near
    assert bool(v.cautions) is not near


def test_nsaid_caution_in_pregnancy_both_sides() -> None:
    [a] = planned(variant(PREG), "who_analgesic_ladder")
    assert (
        "avoid NSAIDs from 20 weeks" in a.action and "U.S. Food and Drug Administration" in a.action
    )
    [a] = planned(variant(PREG, NOT_PREGNANT), "who_analgesic_ladder")
    assert "NSAID" not in a.action


def test_endocrine_therapy_withheld_in_pregnancy_both_sides() -> None:
    sy = planned(variant(PREG), "systemic_therapy_by_primary")[0].action
    assert "with a CDK4/6 inhibitor (withheld: pregnancy: endocrine therapy" in sy
    assert "Buonomo B et al., Breast Care (Basel) 2019" in sy
    assert "choose each drug with the obstetric and oncology teams" in sy and "Peccatori" in sy
    sy = planned(variant(PREG, NOT_PREGNANT), "systemic_therapy_by_primary")[0].action
    assert "Options by the primary: endocrine therapy (aromatase inhibitor" in sy
    assert "obstetric" not in sy


def test_deprecated_alias_sets_pregnant() -> None:
    ev = variant(
        PREG,
        {
            "patient.pregnant": DELETE,
            "patient.breastfeeding": DELETE,
            "patient.pregnant_or_breastfeeding": True,
        },
    )
    assert ev.case.patient.pregnant is True and ev.case.patient.breastfeeding is None
    ev = variant(
        PREG,
        {
            "patient.pregnant": DELETE,
            "patient.breastfeeding": DELETE,
            "patient.pregnant_or_breastfeeding": False,
        },
    )
    assert ev.case.patient.pregnant is False and ev.case.patient.breastfeeding is False


# --- anticoagulants (Eliquis SmPC; SIR 2019) ------------------------------------------------------
OPIOID = "lung_pain_strong_opioid"


def test_nsaid_caution_on_an_anticoagulant_both_sides() -> None:
    [a] = planned(variant(OPIOID), "who_analgesic_ladder")
    assert "on apixaban 5 mg twice daily: an NSAID adds to the bleeding risk" in a.action
    [a] = planned(variant(OPIOID, {"medications.anticoagulant": DELETE}), "who_analgesic_ladder")
    assert "bleeding" not in a.action


@pytest.mark.parametrize("agent", ["biopsy", "fixation", "spinal_surgery", "cement", "ablation"])
def test_procedure_on_an_anticoagulant_both_sides(agent: str) -> None:
    v = verdict(OPIOID, {}, agents=(agent,))
    assert not v.blocked
    [(row, why)] = v.cautions
    assert row.code == "anticoagulant_procedure" and row.citations[0].key == "sir2019periprocedural"
    assert why == "on apixaban 5 mg twice daily: plan interruption/bridging per local protocol"
    assert not verdict(OPIOID, {"medications.anticoagulant": DELETE}, agents=(agent,)).cautions


def test_biopsy_carries_the_anticoagulant_caution() -> None:
    ev = variant("unknown_primary_thoracic", {"medications": {"anticoagulant": "apixaban 5 mg bd"}})
    [a] = planned(ev, "unknown_primary_workup")
    assert "plan interruption/bridging per local protocol" in a.action


# --- anti-angiogenic TKIs around surgery (Lenvima, Sutent labels) -----------------------------
def test_lenvatinib_hold_added_to_elective_spinal_surgery() -> None:
    [a] = planned(variant("thyroid_cervical_unstable"), "spinal_stabilization")
    assert (
        "on lenvatinib: withhold at least 1 week before elective surgery; restart no sooner than "
        "2 weeks after major surgery" in a.action
    )
    assert "Eisai Inc" in a.action and "stop it now" not in a.action


def test_no_hold_without_a_tki() -> None:
    ev = variant("thyroid_cervical_unstable", {"treatments.systemic.0.agents": []})
    [a] = planned(ev, "spinal_stabilization")
    assert "withhold" not in a.action


def test_emergency_surgery_on_lenvatinib_says_stop_now() -> None:
    [a] = planned(variant("kidney_spine_mscc_tki"), "mscc_decompressive_surgery")
    assert a.urgency == "emergency"
    assert "stop it now: an operation today cannot wait" in a.action
    assert "on lenvatinib" in a.action


def test_sunitinib_hold_uses_its_own_label() -> None:
    v = verdict(
        "kidney_spine_mscc_tki",
        {"treatments.systemic.0.agents": ["sunitinib"]},
        agents=("fixation",),
    )
    [(row, why)] = v.cautions
    assert row.code == "antiangiogenic_tki_surgery"
    assert "on sunitinib: interrupt it around major surgery as its label directs" in why
    assert "week" not in why  # no interval the course has not confirmed
    assert "lenvatinib" not in why


# --- no tissue diagnosis (Rougraff 1993; IMWG 2014) --------------------------------------------
UPF = "unknown_primary_femur"


def test_fixation_withheld_before_histology() -> None:
    ev = variant(UPF)
    [w] = withheld(ev, "mirels_prophylactic_fixation")
    assert w.gate == "no_histology_definitive_local"
    assert keys(w) == {"rougraff1993", "rajkumar2014"}
    assert "myeloma screen" in w.reason
    assert "free light chains" in planned(ev, "unknown_primary_workup")[0].action
    assert "protect the right femur" in planned(ev, "unknown_primary_workup")[0].action


def test_fixation_recommended_once_histology_is_known() -> None:
    ev = variant(
        UPF,
        {"primary.histology_confirmed": True, "primary.site": "lung", "primary.histology": "NSCLC"},
    )
    assert not withheld(ev, "mirels_prophylactic_fixation")
    assert planned(ev, "mirels_prophylactic_fixation")
    assert not planned(ev, "unknown_primary_workup")


def test_emergency_fixation_before_histology_is_kept_with_a_biopsy_caution() -> None:
    ev = variant(UPF, {"lesions.0.fracture": "actual"})
    [a] = planned(ev, "pathologic_fracture")
    assert a.urgency == "emergency" and "frozen section" in a.action
    ev = variant(UPF, {"lesions.0.fracture": "actual", "primary.histology_confirmed": True})
    assert "frozen section" not in planned(ev, "pathologic_fracture")[0].action


def test_spine_radiotherapy_waits_for_mri_and_stability_before_histology() -> None:
    """unknown_primary_thoracic: no MRI (ESCC not graded), mechanical pain with SINS 8: no
    radiotherapy to T8 yet, and never SBRT before histology."""
    ev = variant("unknown_primary_thoracic", {"prognosis": {"expected_survival_months": 24}})
    assert not [a for a in ev.actions if "sbrt" in a.agents or a.modality == "sbrt"]
    assert not [a for a in ev.actions if "radiotherapy" in a.agents]
    [rt] = planned(ev, "ebrt_single_fraction")
    assert rt.action.startswith("Defer radiotherapy to T8 until the MRI")
    assert "ESCC" in rt.action and "SINS 8" in rt.action and "no tissue diagnosis" in rt.action


def test_ebrt_before_histology_carries_the_biopsy_caution_once_mri_and_stability_allow() -> None:
    graded = {"lesions.0.escc_grade": "0", "lesions.0.pain": "occasional"}
    ev = variant("unknown_primary_thoracic", graded)
    [rt] = planned(ev, "ebrt_single_fraction")
    assert "8 Gy single fraction" in rt.action
    assert "biopsy the lesion before irradiating it" in rt.action
    # ESCC graded but mechanical pain with SINS >= 7: still deferred
    ev = variant("unknown_primary_thoracic", {"lesions.0.escc_grade": "0"})
    [rt] = planned(ev, "ebrt_single_fraction")
    assert rt.action.startswith("Defer radiotherapy to T8") and "ESCC" not in rt.action


def test_sbrt_gate_both_sides() -> None:
    assert verdict("unknown_primary_thoracic", {}, agents=("sbrt",)).blocked
    assert not verdict(
        "unknown_primary_thoracic", {"primary.histology_confirmed": True}, agents=("sbrt",)
    ).blocked


# --- hemibody irradiation and the radiopharmaceutical screen's marrow criteria ----------------
HB = "breast_widespread_hemibody"


def test_hemibody_withheld_with_low_counts_and_recent_chemotherapy() -> None:
    ev = variant(HB)
    [w] = withheld(ev, "hemibody_irradiation")
    assert w.gate == "hemibody_marrow"
    assert "ANC below 1.5" in w.reason and "chemotherapy in the last 6 weeks" in w.reason
    assert keys(w) == {"salazar1986", "handkiewicz2018"}


def test_hemibody_gate_clears_when_counts_recover() -> None:
    changes = {"labs.anc.value": 3.0, "treatments.last_chemotherapy_date": "never"}
    assert not verdict(HB, changes, agents=("hemibody",)).blocked
    assert verdict(HB, {}, agents=("hemibody",)).blocked


def test_marrow_codes_are_read_from_the_screen() -> None:
    assert "recent_chemo" in safety.MARROW_CODES
    assert {"sm153_low_anc", "ra223_low_platelets"} <= set(safety.MARROW_CODES)


# --- an engine screen's rejection is final ----------------------------------------------------
def test_screen_rejection_withholds_the_action() -> None:
    ev = variant(HB)
    [w] = withheld(ev, "radiopharmaceutical")
    assert w.gate == "screen_rejects" and "not eligible" in w.reason
    assert keys(w) == {"handkiewicz2018"}
    ev = variant(HB, {"labs.anc.value": 3.0, "treatments.last_chemotherapy_date": "never"})
    assert planned(ev, "radiopharmaceutical") and not withheld(ev, "radiopharmaceutical")


def test_exercise_never_recommended_when_the_screen_defers() -> None:
    ev = variant("lung_humerus_fracture")
    assert ev.results["exercise"].band == "defer"
    assert not planned(ev, "exercise_programme") and planned(ev, "exercise_deferred")
    assert verdict("lung_humerus_fracture", {}, screen="exercise").blocked
    assert not verdict("kidney_humerus_oligometastasis", {}, screen="exercise").blocked


def test_ablation_withheld_when_contraindicated() -> None:
    ev = variant("breast_pelvis_reirradiation_ablation", {"lesions.0.percutaneous_access": False})
    [w] = withheld(ev, "thermal_ablation")
    assert w.gate == "screen_rejects" and "ablation" in w.reason.lower()


# --- one action per (modality, lesion, decision), at the highest urgency ----------------------
def test_spinal_surgery_merged_into_the_emergency_opinion() -> None:
    ev = variant("prostate_mscc_weak_legs")
    surgery = [a for a in ev.actions if a.modality == "surgery" and a.lesion == "t10"]
    assert len(surgery) == 1
    assert surgery[0].urgency == "emergency" and surgery[0].rule == "mscc_decompressive_surgery"
    assert "sins_surgical_consultation" in surgery[0].merged


def test_two_fixation_referrals_become_one() -> None:
    ev = variant("breast_lytic_femur")
    fix = [a for a in ev.actions if a.modality == "surgery" and a.lesion == "left_femur"]
    assert len(fix) == 1
    assert set(fix[0].merged) == {"femoral_axial_cortical_involvement"}
    assert "Mirels" in fix[0].trigger and "Axial cortical involvement" in fix[0].trigger


def test_no_spinal_surgery_beside_a_closed_surgical_gate() -> None:
    ev = variant("colon_lumbar_poor_prognosis")
    [spine] = [a for a in ev.actions if a.modality == "surgery" and a.lesion == "l3"]
    assert spine.action.startswith("Spine team opinion on the stability of L3 without open surgery")


def test_maintenance_zoledronic_acid_waits_after_the_hypercalcaemia_dose() -> None:
    ev = variant("lung_hypercalcaemia_confusion")
    [start] = planned(ev, "bma_start")
    assert "at least 7 days after the hypercalcaemia dose" in start.action
    assert "3.5 mg at this clearance" in start.action


@pytest.mark.parametrize("case_id", sorted(LIB))
def test_at_most_one_action_per_decision(case_id: str) -> None:
    ev = evaluate_case(LIB[case_id])
    seen = [a.key for a in ev.actions]
    assert len(seen) == len(set(seen))


# --- the table fires in the library -----------------------------------------------------------
#: Tested above on a variant only: no library patient needs emergency surgery before a biopsy.
#: pregnancy_endocrine blocks a systemic option inside the summary's text (tested above);
#: anticoagulant_procedure: no library patient on an anticoagulant needs a procedure.
#: no_histology_radiotherapy: the one library spine lesion without histology waits for its MRI.
NOT_IN_LIBRARY = {
    "no_histology_emergency",
    "pregnancy_endocrine",
    "no_histology_radiotherapy",
}


def test_every_gate_fires_in_some_library_case() -> None:
    fired: set[str] = set()
    for case in LIB.values():
        ev = evaluate_case(case)
        ctx = Context(ev.case, ev.results, ev.not_computed)
        for w in ev.withheld:
            fired.update(r.code for r, _ in safety.check(ctx, w.action).blocks)
        for a in ev.actions:
            fired.update(r.code for r, _ in safety.check(ctx, a).cautions)
    assert fired == {r.code for r in safety.TABLE} - NOT_IN_LIBRARY


def test_every_row_has_a_source_with_a_year() -> None:
    for row in safety.TABLE:
        assert row.citations and all(c.year >= 1986 for c in row.citations), row.code
        assert row.to_dict()["effect"] in ("block", "caution")


def test_plan_to_dict_lists_withheld_actions() -> None:
    from bonemets.pathway import build_plan

    ev = variant(RA)
    d = build_plan(Context(ev.case, ev.results, ev.not_computed)).to_dict()
    assert list(d["pathway"]) == ["emergency", "urgent", "planned"]
    [w] = [w for w in d["withheld"] if w["rule"] == "radiopharmaceutical"]
    assert w["gate"] == "ra223_with_abiraterone"
    assert w["citations"] == [
        "Smith M et al., Lancet Oncol 2019",
        "European Medicines Agency, European Medicines Agency 2018",
    ]
    assert ev.to_dict()["withheld"] == d["withheld"]
