"""Case primaries mapped to each calculator's own vocabulary, as data.

A case names its primary in clinical words (``breast``, ``melanoma``, ``colon``). Each prognostic
score groups primaries differently, so the mapping is written here once, with every choice that
the score's paper does not settle marked ``choice`` and explained in ``note``.

* Tokuhashi 2005 (``bonemets.scores.tokuhashi.PRIMARY_POINTS``): only the primaries in its table
  get their own points; everything else is "other" (2 points). Colorectal: only a *rectal* primary
  is "rectum" (4 points); colon cancer is "other", because the table names the rectum alone.
  Melanoma is not in the table: "other".
* Modified Bauer (``bonemets.scores.bauer.PRIMARY_FIELD``): same vocabulary plus lymphoma and
  myeloma; only breast, kidney, lymphoma and myeloma earn the "favourable primary" point.
* Tomita 2001 growth rate (``bonemets.scores.tomita.GROWTH_EXAMPLES``): slow (breast, thyroid,
  prostate), moderate (kidney, uterus), rapid (lung, stomach, liver, colon, unknown). Where Tomita's
  examples do not name the primary, the growth class is left ``None`` and the case must state it
  (``primary.tomita_growth``): the engine never guesses a score input.
* NOMS radiosensitivity (``bonemets.scores.noms.RADIOSENSITIVITY``): the key into that table, or
  ``None`` if the histology is not in it (the case must then state ``primary.radiosensitivity``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scores.bauer import PRIMARY_FIELD as BAUER_PRIMARY
from ..scores.noms import RADIOSENSITIVITY
from ..scores.tokuhashi import PRIMARY_FIELD as TOKUHASHI_PRIMARY
from ..scores.tomita import GROWTH_EXAMPLES


@dataclass(frozen=True, kw_only=True)
class PrimaryMap:
    """What each score calls one case primary. Rows are written by keyword: a score that needs
    its own column adds a field here (with a default where most primaries share a value) and
    edits only the rows it concerns."""

    label: str
    tokuhashi: str
    bauer: str
    #: Tomita growth class, or ``None``: Tomita's examples do not name it (the case states it).
    tomita_growth: str | None
    #: Key into the NOMS radiosensitivity table, or ``None`` if NOMS does not list it.
    noms_key: str | None
    note: str = ""


def _growth(name: str) -> str | None:
    for growth, examples in GROWTH_EXAMPLES.items():
        if name in examples:
            return growth
    return None


#: Every primary a case may name, and what each score calls it.
PRIMARIES: dict[str, PrimaryMap] = {
    "breast": PrimaryMap(
        label="Breast",
        tokuhashi="breast",
        bauer="breast",
        tomita_growth=_growth("breast"),
        noms_key="breast",
    ),
    "prostate": PrimaryMap(
        label="Prostate",
        tokuhashi="prostate",
        bauer="prostate",
        tomita_growth=_growth("prostate"),
        noms_key="prostate",
    ),
    "lung": PrimaryMap(
        label="Lung (non-small-cell)",
        tokuhashi="lung",
        bauer="lung",
        tomita_growth=_growth("lung"),
        noms_key="lung",
        note="NOMS treats non-small-cell lung cancer as radioresistant.",
    ),
    "small_cell_lung": PrimaryMap(
        label="Lung (small-cell)",
        tokuhashi="lung",
        bauer="lung",
        tomita_growth=_growth("lung"),
        noms_key="small_cell_lung",
        note="Radiosensitive in NOMS; scored as lung in Tokuhashi and Bauer.",
    ),
    "kidney": PrimaryMap(
        label="Kidney (renal cell)",
        tokuhashi="kidney",
        bauer="kidney",
        tomita_growth=_growth("kidney"),
        noms_key="kidney",
    ),
    "thyroid": PrimaryMap(
        label="Thyroid",
        tokuhashi="thyroid",
        bauer="thyroid",
        tomita_growth=_growth("thyroid"),
        noms_key="thyroid",
    ),
    "melanoma": PrimaryMap(
        label="Melanoma",
        tokuhashi="other",
        bauer="other",
        tomita_growth=None,
        noms_key="melanoma",
        note="Choice: melanoma is not in the Tokuhashi table, so it scores as 'other'; Tomita's "
        "examples do not name it, so the case states its growth class.",
    ),
    "colon": PrimaryMap(
        label="Colon",
        tokuhashi="other",
        bauer="other",
        tomita_growth="rapid",
        noms_key="colorectal",
        note="Choice: Tokuhashi gives 4 points to the rectum only; colon cancer scores as 'other'. "
        "Tomita's rapid-growth examples name the colon.",
    ),
    "rectum": PrimaryMap(
        label="Rectum",
        tokuhashi="rectum",
        bauer="rectum",
        tomita_growth="rapid",
        noms_key="colorectal",
        note="Choice: Tomita's examples name the colon; the rectum is grouped with it (rapid).",
    ),
    "liver": PrimaryMap(
        label="Liver (hepatocellular)",
        tokuhashi="liver",
        bauer="liver",
        tomita_growth=_growth("liver"),
        noms_key="liver",
    ),
    "stomach": PrimaryMap(
        label="Stomach",
        tokuhashi="stomach",
        bauer="stomach",
        tomita_growth=_growth("stomach"),
        noms_key=None,
    ),
    "uterus": PrimaryMap(
        label="Uterus",
        tokuhashi="uterus",
        bauer="uterus",
        tomita_growth=_growth("uterus"),
        noms_key=None,
    ),
    "bladder": PrimaryMap(
        label="Bladder",
        tokuhashi="bladder",
        bauer="bladder",
        tomita_growth=None,
        noms_key=None,
    ),
    "esophagus": PrimaryMap(
        label="Oesophagus",
        tokuhashi="esophagus",
        bauer="esophagus",
        tomita_growth=None,
        noms_key=None,
    ),
    "pancreas": PrimaryMap(
        label="Pancreas",
        tokuhashi="pancreas",
        bauer="pancreas",
        tomita_growth=None,
        noms_key=None,
    ),
    "myeloma": PrimaryMap(
        label="Multiple myeloma",
        tokuhashi="other",
        bauer="myeloma",
        tomita_growth=None,
        noms_key="myeloma",
        note="Choice: not in the Tokuhashi table ('other').",
    ),
    "lymphoma": PrimaryMap(
        label="Lymphoma",
        tokuhashi="other",
        bauer="lymphoma",
        tomita_growth=None,
        noms_key="lymphoma",
        note="Choice: 'other' in Tokuhashi.",
    ),
    "sarcoma": PrimaryMap(
        label="Soft-tissue sarcoma",
        tokuhashi="other",
        bauer="other",
        tomita_growth=None,
        noms_key="sarcoma",
        note="Choice: only osteosarcoma has its own Tokuhashi row; other sarcomas score as 'other'.",
    ),
    "unknown": PrimaryMap(
        label="Unknown primary",
        tokuhashi="unknown",
        bauer="unknown",
        tomita_growth=_growth("unknown"),
        noms_key=None,
        note="Tokuhashi: unidentified.",
    ),
}


def _check() -> None:
    """Every mapped value must exist in the score's own vocabulary (import-time guard)."""
    for name, m in PRIMARIES.items():
        if m.tokuhashi not in TOKUHASHI_PRIMARY.values:
            raise ValueError(f"{name}: {m.tokuhashi!r} is not a Tokuhashi primary")
        if m.bauer not in BAUER_PRIMARY.values:
            raise ValueError(f"{name}: {m.bauer!r} is not a Bauer primary")
        if m.tomita_growth is not None and m.tomita_growth not in GROWTH_EXAMPLES:
            raise ValueError(f"{name}: {m.tomita_growth!r} is not a Tomita growth class")
        if m.noms_key is not None and m.noms_key not in RADIOSENSITIVITY:
            raise ValueError(f"{name}: {m.noms_key!r} is not in NOMS RADIOSENSITIVITY")


_check()

#: Subtypes a case may give, by primary (teaching level; they drive the systemic-therapy rule).
SUBTYPES: dict[str, tuple[str, ...]] = {
    "breast": ("hr_positive_her2_negative", "her2_positive", "triple_negative"),
    "prostate": ("castration_sensitive", "castration_resistant"),
    "lung": ("egfr_mutant", "alk_rearranged", "no_driver"),
    "kidney": ("clear_cell", "non_clear_cell"),
    "thyroid": ("rai_avid", "rai_refractory"),
    "melanoma": ("braf_v600", "braf_wild_type"),
    "colon": ("ras_wild_type", "ras_mutant"),
    "rectum": ("ras_wild_type", "ras_mutant"),
}


def radiosensitivity_of(primary: str) -> str | None:
    """NOMS radiosensitivity of a case primary, or ``None`` if NOMS does not list it."""
    key = PRIMARIES[primary].noms_key
    return RADIOSENSITIVITY[key] if key is not None else None
