"""The JSON Schema of a case file, generated from the patient model (``bonemets.patient.Case``).

Published with the docs as ``cases/case.schema.json``; write it with
``bonemets case schema --output cases/case.schema.json`` (a test checks it is up to date).
"""

from __future__ import annotations

import json
from typing import Any

from ..patient import Case

SCHEMA_ID = "https://bonemets-course.example/cases/case.schema.json"


def case_schema() -> dict[str, Any]:
    schema = Case.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": "A fictional patient at one moment in time, for teaching (Bone Metastases: "
        "an interactive course). Educational use only, not clinical advice.",
    }


def schema_text() -> str:
    return json.dumps(case_schema(), indent=2, sort_keys=True) + "\n"
