"""The contraindication and interaction table (``bonemets.pathway.safety``): each gate on both
sides of its condition, with its citation; the planner's one-action-per-decision merge; every gate
fires somewhere in the case library."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DELETE, planned, variant

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
    a = Action(action.pop("urgency", "planned"), "probe", "probe", "", "probe", CITE, **action)
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


# --- pregnancy and breast-feeding (labels; EANM 2018; ICRP 84) --------------------------------
PREG = "pregnant_breast_bone_pain"


def test_bone_modifying_agent_withheld_in_pregnancy() -> None:
    ev = variant(PREG)
    [w] = withheld(ev, "bma_start")
    assert w.gate == "pregnancy_bone_modifying_agent"
    assert keys(w) == {"zometasmpc", "xgevasmpc"}
    assert w.text().startswith("Zoledronic acid or denosumab withheld: pregnancy or breast-feeding")
    # the agent's companions (dental check, calcium, creatinine) do not fire without the agent
    assert not planned(ev, "bma_calcium_vitamin_d") and not planned(ev, "bma_dental_examination")


def test_bone_modifying_agent_started_when_not_pregnant() -> None:
    ev = variant(PREG, {"patient.pregnant_or_breastfeeding": False})
    assert not withheld(ev, "bma_start")
    assert "zoledronic acid 4.0 mg" in planned(ev, "bma_start")[0].action


def test_radionuclide_and_hemibody_withheld_in_pregnancy() -> None:
    ev = variant(PREG)
    [rp] = withheld(ev, "radiopharmaceutical")
    assert rp.gate == "pregnancy_radionuclide" and "handkiewicz2018" in keys(rp)
    [hb] = withheld(ev, "hemibody_irradiation")
    assert hb.gate == "pregnancy_hemibody" and keys(hb) == {"icrp2000pregnancy"}


def test_radionuclide_recommended_when_not_pregnant() -> None:
    ev = variant(PREG, {"patient.pregnant_or_breastfeeding": False})
    [a] = planned(ev, "radiopharmaceutical")
    assert "Samarium-153" in a.action
    assert not planned(ev, "hemibody_irradiation") and not withheld(ev, "hemibody_irradiation")


def test_hemibody_gate_both_sides() -> None:
    assert verdict(PREG, {}, agents=("hemibody",)).blocked
    assert not verdict(
        PREG, {"patient.pregnant_or_breastfeeding": False}, agents=("hemibody",)
    ).blocked


def test_radiotherapy_and_systemic_caution_in_pregnancy() -> None:
    ev = variant(PREG)
    rt = planned(ev, "ebrt_single_fraction")
    assert rt and all("estimated fetal dose" in a.action for a in rt)
    assert all("International Commission on Radiological Protection" in a.action for a in rt)
    sy = planned(ev, "systemic_therapy_by_primary")[0].action
    assert "choose each drug with the obstetric and oncology teams" in sy and "Peccatori" in sy
    ev = variant(PREG, {"patient.pregnant_or_breastfeeding": False})
    assert not any("fetal" in a.action for a in ev.actions)
    assert "obstetric" not in planned(ev, "systemic_therapy_by_primary")[0].action


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
    assert keys(w) == {"rougraff1993", "rajkumar2014imwg"}
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


def test_sbrt_never_before_histology_and_ebrt_carries_a_caution() -> None:
    ev = variant("unknown_primary_thoracic", {"prognosis": {"expected_survival_months": 24}})
    assert not [a for a in ev.actions if "sbrt" in a.agents or a.modality == "sbrt"]
    [rt] = planned(ev, "ebrt_single_fraction")
    assert "biopsy the lesion before irradiating it" in rt.action
    ev = variant("unknown_primary_thoracic", {"primary.histology_confirmed": True})
    assert planned(ev, "ebrt_single_fraction") or planned(ev, "sbrt_selected_disease")
    assert not any("biopsy the lesion" in a.action for a in ev.actions)


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
NOT_IN_LIBRARY = {"no_histology_emergency"}


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
        "European Medicines Agency (Pharmacovigilance Risk Assessment Committee), European "
        "Medicines Agency, Amsterdam 2018",
    ]
    assert ev.to_dict()["withheld"] == d["withheld"]
