"""Writes an XLSX check sheet with openpyxl (a writer no one here wrote), for
the sheet tests: crates/workbook/tests/sheet_xlsx.rs and
tests/e2e/sheet.test.mjs.

    python make_xlsx.py OUT.xlsx SPEC.json

SPEC: {"sheets": [{"name": "...", "rows": [[cell, ...], ...],
                   "merge": ["A2:A4", ...], "start": "A1"}]}
A cell is a string, a number or null. Rows are written from `start`
(default A1). Merged ranges keep only their top-left value, as Excel does.
"""

import json
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string


def main(out, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spec["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        col0, row0 = coordinate_from_string(sheet.get("start", "A1"))
        col0 = column_index_from_string(col0)
        for i, row in enumerate(sheet["rows"]):
            for j, value in enumerate(row):
                if value is None:
                    continue
                cell = ws.cell(row=row0 + i, column=col0 + j, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for rng in sheet.get("merge", []):
            ws.merge_cells(rng)
    wb.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
