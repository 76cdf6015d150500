"""Validates OSCAL documents with compliance-trestle's pydantic models.

    python tests/oscal/validate.py FILE...

Each FILE is read as JSON and parsed by the trestle model of its root key
(`catalog` -> trestle.oscal.catalog.Catalog, `assessment-results` ->
trestle.oscal.assessment_results.AssessmentResults). Prints one line per file,
`ok FILE` or `rejected FILE: first error`, and exits 0 only if every file
was accepted. Run by tests/oscal_trestle.rs (cargo test) with the venv that
scripts/common.sh ensure_python_venv makes.
"""

import json
import sys

from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog

MODELS = {"catalog": Catalog, "assessment-results": AssessmentResults}


def check(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, dict) or len(doc) != 1 or next(iter(doc)) not in MODELS:
        return "not an OSCAL catalog or assessment-results document"
    key = next(iter(doc))
    try:
        MODELS[key].parse_obj(doc[key])
    except Exception as e:  # pydantic's ValidationError, with every problem listed
        return str(e).splitlines()[0] + " " + " | ".join(str(e).splitlines()[1:4])
    return None


def main(paths):
    failed = 0
    for p in paths:
        problem = check(p)
        if problem is None:
            print(f"ok {p}")
        else:
            failed += 1
            print(f"rejected {p}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
