"""Reads an XLSX export back with openpyxl and checks it against the
assessment's JSON export and its catalog.

    python tests/xlsx/check.py WORKBOOK.xlsx EXPORT.json CATALOG.json LANG OFFSET_MINUTES

Independent of the Rust writer: columns are found by their heading (the
layout below is the check sheet's, written down here), every answer, N/A
reason, note, evidence item and change time is compared with the export's
answers, and the figures (overall, per level, per group, the gap list in its
order, each snapshot) with the export's `summary` and answers. The radar chart
is looked for in the package itself (openpyxl does not load charts). Prints
`ok …` lines, or `FAIL …` lines and exits 1. Run by
crates/workbook/tests/xlsx_openpyxl.rs and tests/e2e/xlsx.test.mjs with the
venv that scripts/common.sh ensure_python_venv makes.
"""

import datetime
import json
import re
import sys
import zipfile

import openpyxl

SHEETS = {
    "ja": ["チェックシート", "結果", "評価対象"],
    "en": ["Check sheet", "Results", "Entity"],
}
# The check sheet's layout per shipped catalog kind.
HEADERS = {
    ("jama", "ja"): ["ラベル", "目的", "要求事項", "No.", "レベル", "達成条件", "達成基準",
                     "回答", "対象外の理由", "メモ", "証跡", "変更日時"],
    ("jama", "en"): ["Label", "Purpose", "Requirement", "No.", "Level", "Condition", "Criteria",
                     "Answer", "N/A reason", "Note", "Evidence", "Changed"],
    ("nisc", "ja"): ["分類", "No.", "区分", "対策", "回答", "現状値", "目標値",
                     "対象外の理由", "メモ", "証跡", "変更日時"],
    ("nisc", "en"): ["Group", "No.", "Priority", "Measure", "Answer", "Current value", "Target value",
                     "N/A reason", "Note", "Evidence", "Changed"],
}
WORDS = {
    "ja": {"answer": "回答", "reason": "対象外の理由", "note": "メモ", "evidence": "証跡",
           "changed": "変更日時", "value": "現状値", "target": "目標値", "criteria": "達成基準",
           "condition": "達成条件", "overall": "全体", "by_level": "レベル別", "by_group": "分類別",
           "gaps": "対策が必要な項目(ギャップ)", "no_reason": "理由未記入", "snapshots": "スナップショット",
           "name": "名称", "entity_id": "評価対象ID", "catalog_id": "チェックリストID", "version": "版"},
    "en": {"answer": "Answer", "reason": "N/A reason", "note": "Note", "evidence": "Evidence",
           "changed": "Changed", "value": "Current value", "target": "Target value", "criteria": "Criteria",
           "condition": "Condition", "overall": "Overall", "by_level": "By level", "by_group": "By group",
           "gaps": "Items that need action (gaps)", "no_reason": "no reason given", "snapshots": "Snapshots",
           "name": "Name", "entity_id": "Entity id", "catalog_id": "Checklist id", "version": "Version"},
}

failures = []
passed = []


def check(cond, what):
    (passed if cond else failures).append(what)


def label(text, lang):
    if lang == "en" and text.get("en"):
        return text["en"]
    return text["ja"]


def local(ms, offset):
    return datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms + offset * 60_000)


def same_time(cell, ms, offset):
    if not isinstance(cell, datetime.datetime):
        return False
    return abs((cell - local(ms, offset)).total_seconds()) < 1


def near(a, b):
    return isinstance(a, (int, float)) and b is not None and abs(a - b) < 1e-9


def find(ws, text):
    """(row, column) of the first cell whose value is `text` (or starts with it)."""
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and (c.value == text or c.value.startswith(text)):
                return c.row, c.column
    return None


def num(s):
    """An item number as the sheet writes it: a whole number stays a number."""
    return int(s) if re.fullmatch(r"[1-9][0-9]*|0", s) else s


def main(xlsx, export_path, catalog_path, lang, offset):
    doc = json.load(open(export_path, encoding="utf-8"))
    cat = json.load(open(catalog_path, encoding="utf-8"))
    words = WORDS[lang]
    kind = "nisc" if cat["scale"]["kind"] == "maturity" else "jama"
    options = {o["id"]: o for o in cat["scale"]["options"]}
    wb = openpyxl.load_workbook(xlsx)
    check(wb.sheetnames == SHEETS[lang], f"sheet names {wb.sheetnames}")
    items, results, entity = (wb[n] for n in SHEETS[lang])

    # Sheet 1: the check sheet.
    header = [c.value for c in items[1]]
    if cat["id"].startswith(("jama", "nisc")):
        check(header == HEADERS[(kind, lang)], f"check-sheet headings {header}")
    col = {h: i for i, h in enumerate(header)}
    check(items.freeze_panes == "A2", f"header row frozen ({items.freeze_panes})")
    last = openpyxl.utils.get_column_letter(len(header))
    check(items.auto_filter.ref == f"A1:{last}{len(cat['controls']) + 1}",
          f"filter on the header ({items.auto_filter.ref})")
    check(items.page_setup.orientation == "landscape" and str(items.page_setup.paperSize) == "9",
          "A4 landscape")
    check(items.print_title_rows in ("1:1", "$1:$1"), f"header row repeated on every page ({items.print_title_rows})")
    check(items.max_row == len(cat["controls"]) + 1, f"one row per item ({items.max_row - 1})")
    answers = doc["answers"]
    answered = 0
    for i, ctl in enumerate(cat["controls"]):
        row = [c.value for c in items[i + 2]]
        cell = lambda h: row[col[h]]
        number = ctl.get("number", ctl["id"])
        check(cell("No.") == num(number), f"row {i + 2}: No. {cell('No.')!r} is {number}")
        a = answers.get(ctl["id"])
        if a is None:
            check(cell(words["answer"]) is None and cell(words["note"]) is None,
                  f"row {i + 2}: unanswered item is empty")
            continue
        opt = options.get(a["option"])
        want = label(opt["label"], lang) if opt else None
        if opt and opt.get("requires_reason") and not a.get("reason", "").strip():
            want = f"{want} ({words['no_reason']})"
        if want:
            answered += 1
        check(cell(words["answer"]) == want, f"row {i + 2}: answer {cell(words['answer'])!r} is {want!r}")
        for key, h in (("reason", "reason"), ("note", "note")):
            check((cell(words[h]) or "") == a.get(key, ""), f"row {i + 2}: {key}")
        check((cell(words["evidence"]) or "") == "\n".join(a.get("evidence", [])), f"row {i + 2}: evidence")
        check(same_time(cell(words["changed"]), a["changed"], offset),
              f"row {i + 2}: changed {cell(words['changed'])!r}")
        if kind == "nisc" and opt:
            value = None if opt.get("not_applicable") else opt.get("value")
            check(cell(words["value"]) == value, f"row {i + 2}: current value {cell(words['value'])!r} is {value}")
    check(answered > 0, f"{answered} answers found")
    for i, ctl in enumerate(cat["controls"]):
        row = [c.value for c in items[i + 2]]
        if kind == "jama":
            cond = next(s["text"] for s in ctl["statements"] if s["kind"] == "condition")
            check(row[col[words["condition"]]] == cond, f"row {i + 2}: condition text")
            crit = row[col[words["criteria"]]] or ""
            for p in ctl.get("criteria", []):
                if p.get("tag"):
                    check(f"【{p['tag']}】" in crit, f"row {i + 2}: criteria tag 【{p['tag']}】")
            check(items.cell(i + 2, col[words["criteria"]] + 1).alignment.wrap_text, "criteria wrapped")
        else:
            want = doc["entity"].get("targets", {}).get(ctl["id"], ctl.get("target", cat["scale"].get("default_target")))
            check(row[col[words["target"]]] == want, f"row {i + 2}: target value {row[col[words['target']]]!r} is {want}")

    # Sheet 2: the results.
    s = doc["summary"]
    r, c = find(results, words["overall"])
    if kind == "jama":
        check(near(results.cell(r, c + 2).value, s.get("achievement")),
              f"overall rate {results.cell(r, c + 2).value} is {s.get('achievement')}")
    counts = [results.cell(r + 2, k).value for k in range(1, 9)]
    want = [s["achieved"], s["partial"], None, s["not_applicable"], s["unanswered"],
            len(s.get("needs_reason", [])), s["applicable"], s["total"]]
    for k, (have, w) in enumerate(zip(counts, want)):
        if w is not None:
            check(have == w, f"count {k}: {have} is {w}")
    if s.get("levels"):
        r, _ = find(results, words["by_level"])
        for k, lv in enumerate(s["levels"]):
            row = [results.cell(r + 2 + k, j).value for j in range(1, 9)]
            check(row[3] == lv["achieved"] and row[4] == lv["applicable"],
                  f"level {lv['level']}: {row[3]}/{row[4]} is {lv['achieved']}/{lv['applicable']}")
            if lv["applicable"]:
                check(near(row[2], lv["achieved"] / lv["applicable"]), f"level {lv['level']} rate {row[2]}")
    groups = {g["group"]: g for g in s["groups"]}
    numbers = {g.get("number", g["id"]): g["id"] for g in cat["groups"]}
    r, _ = find(results, words["by_group"])
    k = r + 2
    shown = 0
    while results.cell(k, 1).value is not None:
        gid = numbers.get(str(results.cell(k, 1).value))
        g = groups.get(gid)
        check(g is not None, f"group row {k}: {results.cell(k, 1).value} is a group of the summary")
        if g:
            shown += 1
            if kind == "jama":
                rate = g["achieved"] / g["applicable"] if g["applicable"] else None
                check(near(results.cell(k, 3).value, rate) or (rate is None and results.cell(k, 3).value == "—"),
                      f"group {gid}: rate {results.cell(k, 3).value} is {rate}")
                check(results.cell(k, 5).value == g["achieved"], f"group {gid}: achieved")
            else:
                check(near(results.cell(k, 3).value, g.get("maturity_current")),
                      f"group {gid}: current {results.cell(k, 3).value} is {g.get('maturity_current')}")
                check(near(results.cell(k, 4).value, g.get("maturity_target")),
                      f"group {gid}: target {results.cell(k, 4).value} is {g.get('maturity_target')}")
        k += 1
    check(shown >= 3, f"{shown} groups on the radar")
    r, _ = find(results, words["gaps"])
    check(results.cell(r, 1).value.endswith(f"({len(s['gaps'])})"), f"gap count {results.cell(r, 1).value}")
    by_id = {ctl["id"]: ctl for ctl in cat["controls"]}
    listed = [results.cell(r + 2 + k, 3).value for k in range(len(s["gaps"]))]
    check(listed == [num(by_id[g].get("number", g)) for g in s["gaps"]], "gap list in the results view's order")
    check(results.cell(r + 2 + len(s["gaps"]), 3).value is None, "no row after the gap list")
    with zipfile.ZipFile(xlsx) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = z.read(charts[0]).decode("utf-8") if charts else ""
    check("<c:radarChart>" in xml, "a native radar chart")
    check(xml.count("<c:ser>") == 2, "two series: current and target")
    first, last_row = find(results, words["by_group"])[0] + 2, k - 1
    check(f"$A${first}:$A${last_row}" in xml, f"the chart draws the group rows {first}-{last_row}")

    # Sheet 3: the entity and its snapshots.
    facts = {entity.cell(k, 1).value: entity.cell(k, 2).value for k in range(1, 12)}
    check(facts.get(words["entity_id"]) == doc["entity"]["id"], "entity id")
    if doc["entity"].get("name"):
        check(facts.get(words["name"]) == doc["entity"]["name"], "entity name")
    check(facts.get(words["catalog_id"]) == doc["catalog"]["id"], "catalog id")
    check(facts.get(words["version"]) == doc["catalog"]["version"], "catalog version")
    r, _ = find(entity, words["snapshots"])
    for k, snap in enumerate(doc.get("snapshots", [])):
        row = [entity.cell(r + 2 + k, j).value for j in range(1, 9)]
        chosen = sum(1 for a in snap["answers"].values() if a.get("option"))
        check(row[0] == snap["label"], f"snapshot {k}: label {row[0]!r}")
        check(same_time(row[1], snap["taken"], offset), f"snapshot {k}: taken {row[1]!r}")
        check(row[4] == chosen, f"snapshot {k}: {row[4]} answers is {chosen}")

    for f in failures:
        print("FAIL", f)
    print(f"ok {len(passed)} checks" if not failures else f"{len(failures)} failed, {len(passed)} passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])))
