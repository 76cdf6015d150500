"""Validates a catalog JSON file against catalogs/catalog.schema.json with
the `jsonschema` package (a validator no one here wrote).

    python validate_catalog.py CATALOG.json

Prints `ok <file>` and exits 0, or prints every error and exits 1.
"""

import json
import os
import sys

from jsonschema import validators


def main(path):
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    with open(os.path.join(root, "catalogs", "catalog.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        for e in errors:
            print("/".join(str(p) for p in e.path) or ".", e.message)
        sys.exit(1)
    print("ok", path)


if __name__ == "__main__":
    main(sys.argv[1])
