"""Bone-seeking radiopharmaceutical screen: Xofigo label blood counts (ANC >= 1.5 x10^9/L,
platelets >= 100 x10^9/L, Hb >= 10 g/dL before the first dose; rxlist/UpToDate copies), ALSYMPCA
(Parker 2013), Metastron label (caution: platelets < 60, WBC < 2.4 x10^9/L; Medscape copy), Xofigo
SmPC 4.2 (renal: faecal elimination, no dose adjustment; later injections ANC >= 1.0, platelets
>= 50 x10^9/L), EANM 2018; see SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.screens.radiopharmaceutical import (
    BETA_LABEL_CAUTION,
    COUNTS_MIN,
    RA223_LATER_INJECTIONS_MIN,
    RADIOPHARMACEUTICAL,
)

from .helpers import calc

RA = dict(agent="ra223", crpc=True, visceral_mets=False)


def test_xofigo_label_first_dose_counts():
    assert COUNTS_MIN["ra223"] == {"platelets": 100.0, "anc": 1.5, "haemoglobin": 10.0}
    assert COUNTS_MIN["sr89"]["platelets"] == 60.0


@pytest.mark.parametrize("agent", ["sr89", "sm153", "ra223"])
def test_eligible_patient(agent):
    r = calc("radiopharmaceutical", agent=agent)
    assert r.band == "eligible" and r.values["eligible"] is True
    assert r.values["agent"] == agent


@pytest.mark.parametrize(
    ("field", "below", "at"),
    [("platelets", 99.9, 100.0), ("anc", 1.49, 1.5), ("haemoglobin", 9.9, 10.0)],
)
def test_ra223_count_edges(field, below, at):
    assert calc("radiopharmaceutical", **RA, **{field: below}).band == "not_eligible"
    assert calc("radiopharmaceutical", **RA, **{field: at}).band == "eligible"


def test_sr89_platelet_edge_and_no_haemoglobin_rule():
    assert calc("radiopharmaceutical", agent="sr89", platelets=59.9).band == "not_eligible"
    assert calc("radiopharmaceutical", agent="sr89", platelets=60.0).band == "eligible"
    assert calc("radiopharmaceutical", agent="sr89", haemoglobin=8.0).band == "eligible"


def test_ra223_only_rules_do_not_touch_beta_emitters():
    for agent in ("sr89", "sm153"):
        r = calc("radiopharmaceutical", agent=agent, crpc=False, visceral_mets=True)
        assert r.band == "eligible", agent
    r = calc("radiopharmaceutical", agent="ra223", crpc=False, visceral_mets=True)
    assert {x.code for x in r.reasons} == {"ra223_not_crpc", "ra223_visceral"}


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"painful_bone_metastases": False}, "not_eligible", "no_painful_mets"),
        ({"positive_bone_scan": False}, "not_eligible", "no_uptake"),
        ({"lesion_type": "lytic"}, "not_eligible", "lytic"),
        ({"life_expectancy_months": 3.0}, "not_eligible", "short_life_expectancy"),
        ({"acute_cord_compression": True}, "not_eligible", "cord_compression"),
        ({"pregnant_or_breastfeeding": True}, "not_eligible", "pregnancy"),
        ({"fracture_or_impending": True}, "caution", "fracture"),
        ({"lesion_type": "mixed"}, "caution", "mixed_lesions"),
        ({"chemotherapy_last_6_weeks": True}, "caution", "recent_chemo"),
    ],
)
def test_each_criterion(change, status, code):
    r = calc("radiopharmaceutical", **change)
    assert r.band == status
    assert [x.code for x in r.reasons] == [code]
    assert r.values["eligible"] is (status != "not_eligible")


def test_life_expectancy_edge_and_conflict_note():
    assert calc("radiopharmaceutical", life_expectancy_months=3.01).band == "eligible"
    assert any("6 weeks" in n for n in RADIOPHARMACEUTICAL.notes)


def test_ra223_dose_calibration_note():
    assert any("55 kBq/kg" in n and "50 kBq/kg" in n for n in RADIOPHARMACEUTICAL.notes)


@pytest.mark.parametrize("agent", ["sr89", "sm153"])
def test_renal_failure_bars_the_renally_excreted_beta_emitters(agent):
    r = calc("radiopharmaceutical", agent=agent, renal_failure=True)
    assert r.band == "not_eligible"
    assert [x.code for x in r.reasons] == [f"{agent}_renal_failure"]


def test_renal_failure_is_only_a_caution_for_radium_223():
    # Xofigo SmPC 4.2: faecal elimination; limited data in moderate, none in severe impairment.
    r = calc("radiopharmaceutical", **RA, renal_failure=True)
    assert r.band == "caution" and r.values["eligible"] is True
    assert [x.code for x in r.reasons] == ["ra223_renal_impairment"]
    assert r.reasons[0].citation.key == "xofigo2024smpc"


def test_label_and_later_injection_counts_are_data():
    assert BETA_LABEL_CAUTION == {"platelets": 60.0, "wbc": 2.4}
    assert RA223_LATER_INJECTIONS_MIN == {"anc": 1.0, "platelets": 50.0}
    data = RADIOPHARMACEUTICAL.describe()["data"]
    assert data["ra223_later_injections_min"] == {"anc": 1.0, "platelets": 50.0}
    assert data["ra223_recovery_weeks"] == [6, 8]
    # The beta-emitter count reason names the label reading beside the course rule.
    r = calc("radiopharmaceutical", agent="sr89", anc=1.2)
    assert r.band == "not_eligible"
    assert "caution" in r.reasons[0].text and "2.4" in r.reasons[0].text
