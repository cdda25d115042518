#!/usr/bin/env python3
"""Our readers held against LibreOffice on other projects' own test files (../shared/peer-files).

Every file is read twice in the same run: by `selfeval grid --json` (what the checker sees) and by
LibreOffice headless, which saves it as OpenDocument (`.ods` for workbooks, `.odt` for documents). An
OpenDocument file keeps each cell's text as LibreOffice shows it (`<text:p>`), its merged ranges and its
hidden sheets, so it is read here with the standard library only, apart from our readers.

A difference is ours unless LibreOffice recalculated a formula (we keep the cached value, as Excel shows
it) or the cell's format is one RULES.md says we show in General (fractions, scientific notation).
Files meant to be refused (.xlsb, password-protected) must be refused with a message naming the kind.

Usage: python3 scripts/peers.py [--selfeval BIN] [--peers DIR] [--verbose]
Exit status 1 when a valid file is refused, a cell differs by our fault or a merge differs.
"""

import argparse
import difflib
import json
import resource
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from xml.etree import ElementTree

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
WORKBOOKS = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
DOCUMENTS = {".docx"}
# Kinds we refuse by design, with a message naming them.
REFUSED_KINDS = {".xlsb"}
# Files that are damaged, which LibreOffice repairs as it opens them, each checked by hand.
DAMAGED = {
    "calamine/OOM_alloc3.xls": "made to exhaust memory (calamine's test): its allocation table lists 384 sectors "
    "of a 270-sector file and, the rest taken as empty, a directory entry's name is 65,280 bytes long",
    "calamine/issue252.xlsx": "xl/_rels/workbook.xml.rels inflates to 699 garbled bytes where the zip says 697, "
    "its CRC-32 wrong: LibreOffice falls back on the usual part names",
}
# Differences that are LibreOffice's, each checked against the file's own records or XML; a key is a
# file and a cell (or merge) as this script prints them.
EXPLAINED = {
    ("calamine/gh548_incorrect_sst_unique_count.xls", "Acute Trust Mapping: merge G3:J3 LibreOffice only"):
        "G3:J3 is not merged; its cells are aligned 'centre across selection' (XF alignment 6), which "
        "LibreOffice turns into a merge",
    **{("calamine/optional_records.xls", f"Orig Sched: merge A{r}:H{r} LibreOffice only"):
       f"A{r}:H{r} is not merged; its cells are aligned 'centre across selection' (XF alignment 6)"
       for r in range(1, 5)},
    ("calamine/inlineStr_with_value.xlsx", "Requirements!D2"):
        "an inline string '1.' with a stray <v>1.0</v> beside it: Excel shows the string; LibreOffice nothing",
    ("calamine/whitespace_trim.xlsx", "inlineStr!B1"): "LibreOffice drops a tab character from a cell's text",
    ("calamine/whitespace_trim.xlsx", "inlineStr!C1"): "LibreOffice drops a tab character from a cell's text",
    ("calamine/whitespace_trim.xlsx", "SharedStrings!C1"): "LibreOffice drops a tab character from a cell's text",
}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def paragraph_text(element):
    """The text of a paragraph as shown: spans, links and fields in; notes and annotations out."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == q("text", "s"):
            out.append(" " * int(child.get(q("text", "c"), "1")))
        elif tag == q("text", "tab"):
            out.append("\t")
        elif tag == q("text", "line-break"):
            out.append("\n")
        elif tag in (q("text", "note"), q("office", "annotation")) or tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing"):
            pass
        else:
            out.append(paragraph_text(child))
        out.append(child.tail or "")
    return "".join(out)


def cell_text(cell):
    """A cell's paragraphs, nested tables' included, one line each."""
    lines = []
    for child in cell:
        if child.tag in (q("text", "p"), q("text", "h")):
            lines.append(paragraph_text(child))
        elif child.tag == q("text", "list"):
            lines.extend(line for item in child for line in cell_text(item).split("\n"))
        elif child.tag == q("table", "table"):
            for row in table_rows(child):
                for c in row:
                    lines.append(cell_text(c))
    return "\n".join(lines)


def table_rows(table):
    """A table's rows in order, through header rows and row groups (not expanded for repeats)."""
    for child in table:
        if child.tag == q("table", "table-row"):
            yield child
        elif child.tag in (q("table", "table-header-rows"), q("table", "table-rows"), q("table", "table-row-group")):
            yield from table_rows(child)


def styles(root):
    """Table styles that hide their sheet, and cell styles whose number format we show in General."""
    hidden, general = set(), set()
    scientific = set()
    auto = root.find(q("office", "automatic-styles"))
    if auto is None:
        return hidden, general
    for style in auto:
        name = style.get(q("style", "name"))
        if style.tag in (q("number", "number-style"),) and (
            style.find(q("number", "fraction")) is not None or style.find(q("number", "scientific-number")) is not None
        ):
            scientific.add(name)
    for style in auto.findall(q("style", "style")):
        name = style.get(q("style", "name"))
        props = style.find(q("style", "table-properties"))
        if props is not None and props.get(q("table", "display")) == "false":
            hidden.add(name)
        if style.get(q("style", "data-style-name")) in scientific:
            general.add(name)
    return hidden, general


def pivot_ranges(root):
    """The ranges pivot tables fill: LibreOffice lays them out anew, in its own words."""
    ranges = []
    for pilot in root.iter("{%s}data-pilot-table" % NS["table"]):
        target = pilot.get(q("table", "target-range-address"), "")
        if ":" in target:
            start, end = target.split(":", 1)
            ranges.append((start.rsplit(".", 1)[0].strip("$'"), address(start), address(end)))
    return ranges


def xlsx_pivot_ranges(path):
    """The ranges an .xlsx file's pivot tables fill (`<location ref>`, and the page fields above it),
    by the sheets that hold them."""
    ranges = []
    try:
        book = zipfile.ZipFile(path)
        names = {n.lower(): n for n in book.namelist()}
        read = lambda part: ElementTree.fromstring(book.read(names[part.lower()]))
        rel = lambda part: {r.get("Id"): posixpath.normpath(posixpath.join(posixpath.dirname(part), r.get("Target")))
                            for r in read(posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"))}
        workbook_rels = rel("xl/workbook.xml")
        for sheet in read("xl/workbook.xml").iter("{%s}sheet" % NS["main"]):
            part = workbook_rels[sheet.get("{%s}id" % NS["r"])]
            try:
                targets = rel(part).values()
            except KeyError:
                continue
            for target in targets:
                if "pivotTable" not in target:
                    continue
                location = read(target).find("{%s}location" % NS["main"])
                start, _, end = location.get("ref").partition(":")
                (r0, c0), (r1, c1) = address(start), address(end or start)
                pages = int(location.get("rowPageCount", "0"))
                ranges.append((sheet.get("name"), (max(0, r0 - pages - 1) if pages else r0, c0), (r1, c1)))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, AttributeError):
        pass
    return ranges


def address(ref):
    """`Sheet1.$A$3` → (row, column) from 0."""
    ref = ref.rsplit(".", 1)[-1].replace("$", "")
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters):] or 1) - 1, col - 1


def inside(sheet, r, c, pivot):
    name, (r0, c0), (r1, c1) = pivot
    return name == sheet and r0 <= r <= r1 and c0 <= c <= c1


def read_ods(path):
    """[(name, hidden, {(r, c): (text, kind)}, {merges})] of a workbook LibreOffice saved."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    hidden, general = styles(root)
    pivots = pivot_ranges(root)
    sheets = []
    for table in root.iter(q("table", "table")):
        cells, merges = {}, set()
        r = 0
        column_styles = []
        for column in table.iter(q("table", "table-column")):
            column_styles += [column.get(q("table", "default-cell-style-name"))] * min(
                int(column.get(q("table", "number-columns-repeated"), "1")), 16384
            )
        for row in table_rows(table):
            repeat = int(row.get(q("table", "number-rows-repeated"), "1"))
            row_cells = []
            c = 0
            for cell in row:
                if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                    continue
                span = int(cell.get(q("table", "number-columns-repeated"), "1"))
                text = cell_text(cell)
                if text or cell.tag == q("table", "table-cell") and (
                    cell.get(q("table", "number-columns-spanned")) or cell.get(q("table", "number-rows-spanned"))
                ):
                    kind = cell.get(q("calcext", "value-type")) or cell.get(q("office", "value-type")) or "string"
                    if cell.get(q("table", "formula")):
                        kind = "formula"
                    if any(inside(table.get(q("table", "name")), r, c, p) for p in pivots):
                        kind = "pivot"
                    style = cell.get(q("table", "style-name")) or (column_styles[c] if c < len(column_styles) else None)
                    if style in general:
                        kind = "general"
                    rows_spanned = int(cell.get(q("table", "number-rows-spanned"), "1"))
                    cols_spanned = int(cell.get(q("table", "number-columns-spanned"), "1"))
                    for k in range(min(span, 1024)):
                        row_cells.append((c + k, text, kind, rows_spanned, cols_spanned))
                c += span
            for k in range(min(repeat, 1024) if row_cells else 0):
                for col, text, kind, rs, cs in row_cells:
                    if text:
                        cells[(r + k, col)] = (text, kind)
                    if rs > 1 or cs > 1:
                        merges.add((r + k, col, r + k + rs - 1, col + cs - 1))
            r += repeat
        sheets.append((table.get(q("table", "name")), table.get(q("table", "style-name")) in hidden, cells, merges))
    return sheets


def read_odt(path):
    """A document LibreOffice saved, as rows: a paragraph is a row of one cell, a table row a row."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    body = root.find(q("office", "body")).find(q("office", "text"))
    rows, merges = [], Counter()

    def walk(element):
        for child in element:
            if child.tag in (q("text", "p"), q("text", "h")):
                rows.append([paragraph_text(child)])
            elif child.tag == q("table", "table"):
                for row in table_rows(child):
                    cells = []
                    for cell in row:
                        if cell.tag == q("table", "table-cell"):
                            text = cell_text(cell)
                            rs = int(cell.get(q("table", "number-rows-spanned"), "1"))
                            cs = int(cell.get(q("table", "number-columns-spanned"), "1"))
                            if rs > 1 or cs > 1:
                                merges[(text, rs, cs)] += 1
                            cells.append(text)
                        elif cell.tag == q("table", "covered-table-cell"):
                            cells.append("")
                    rows.append(cells)
            elif child.tag in (q("text", "list"), q("text", "list-item"), q("text", "section"), q("text", "list-header")):
                walk(child)
            elif child.tag.endswith("}table-of-content") or child.tag.endswith("}index-body"):
                walk(child)

    walk(body)
    return rows, merges


# LibreOffice shows dates and month names in the words of a Chinese system, as the checker's users see
# them in Excel or WPS (it needs no installed locale for this).
LOCALE = {**os.environ, "LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}


def limit_memory():
    """LibreOffice given 6 GB at most: a file made to exhaust memory (issue_594_dos.ods takes 16 GB and
    more) stops it instead of the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))


def convert(files, out, profile):
    """Each file saved by LibreOffice as OpenDocument; {file: converted path or None}."""
    done = {}
    by_dir = defaultdict(list)
    for f in files:
        by_dir[f.suffix.lower()].append(f)
    for suffix, group in by_dir.items():
        target = "odt" if suffix in DOCUMENTS else "ods"
        outdir = out / suffix.lstrip(".")
        outdir.mkdir(parents=True, exist_ok=True)
        # One LibreOffice for the whole group; a file it could not save is tried alone.
        for batch in (group, None):
            todo = group if batch else [f for f in group if not (outdir / (f.stem + "." + target)).exists()]
            for chunk in ([todo] if batch else [[f] for f in todo]):
                try:
                    subprocess.run(
                        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                         "--convert-to", target, "--outdir", str(outdir), *map(str, chunk)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60 + 10 * len(chunk), check=False,
                        preexec_fn=limit_memory, env=LOCALE,
                    )
                except subprocess.TimeoutExpired:
                    subprocess.run(["pkill", "-f", str(profile)], check=False)
        for f in group:
            converted = outdir / (f.stem + "." + target)
            done[f] = converted if converted.exists() else None
    return done


def ours(selfeval, f):
    try:
        run = subprocess.run([selfeval, "grid", "--json", str(f)], capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        return {"error": "timed out (60 s)", "sheets": []}
    if run.returncode not in (0, 1) or not run.stdout:
        return {"error": f"exit {run.returncode}: {run.stderr.decode(errors='replace')[-300:]}", "sheets": []}
    return json.loads(run.stdout)["files"][0]


def kind_of(mine, theirs, kind):
    """Why a cell differs: a kind that is ours, or 'formula'/'general' that are not."""
    if kind in ("formula", "general", "pivot"):
        return kind
    # LibreOffice's Chinese short date is 2016-10-20 where Excel's (built-in format 14) is 2016/10/20.
    if kind == "date" and mine and mine.replace("/", "-") == theirs:
        return "locale"
    if not mine:
        return "missing"
    if not theirs:
        return "extra"
    return {"float": "number", "percentage": "number", "currency": "number", "time": "date"}.get(kind, kind)


NOT_OURS = {"formula", "general", "pivot", "locale", "as stored", "explained"}


def compare_workbook(name, mine, theirs, stored, pivots, report):
    """`stored`: for an .ods file, its own cells as the application that wrote it showed them;
    `pivots`: the ranges the source's pivot tables fill, which LibreOffice lays out anew."""
    # LibreOffice keeps the cells of linked workbooks as sheets named by their address; an .xls chart
    # sheet it lists as an empty sheet.
    theirs = [t for t in theirs if not t[0].startswith("'file:")]
    my_names = [s["name"] for s in mine["sheets"]]
    theirs = [t for t in theirs if t[0] in my_names or t[2] or t[3]]
    their_sheets = {n: (hidden, cells, merges) for n, hidden, cells, merges in theirs}
    stored = {n: cells for n, _, cells, _ in stored or []}
    if my_names != [n for n, *_ in theirs]:
        report["sheets"].append(f"worksheets {my_names} against {[n for n, *_ in theirs]}")
    for sheet in mine["sheets"]:
        if sheet["name"] not in their_sheets:
            continue
        hidden, cells, merges = their_sheets[sheet["name"]]
        if hidden != sheet["hidden"]:
            report["sheets"].append(f"{sheet['name']}: hidden {sheet['hidden']} against {hidden}")
        mine_cells = {(r, c): t for r, row in enumerate(sheet["rows"]) for c, t in enumerate(row) if t}
        for at in sorted(set(mine_cells) | set(cells)):
            m = mine_cells.get(at, "")
            t, kind = cells.get(at, ("", "string"))
            if m == t:
                report["equal"] += 1
            else:
                k = kind_of(m, t, kind)
                if any(inside(sheet["name"], *at, p) for p in pivots):
                    k = "pivot"
                if stored and stored.get(sheet["name"], {}).get(at, ("",))[0] == m:
                    k = "as stored"
                if (name, f"{sheet['name']}!{cell_name(at)}") in EXPLAINED:
                    k = "explained"
                report["different"][k] += 1
                report["examples"].append(f"{sheet['name']}!{cell_name(at)} [{k}] ours {m!r}, LibreOffice {t!r}")
        mine_merges = {tuple(m) for m in sheet["merges"] if m[0] != m[2] or m[1] != m[3]}
        for m in sorted(mine_merges ^ merges):
            who = "ours only" if m in mine_merges else "LibreOffice only"
            line = f"{sheet['name']}: merge {cell_name(m[:2])}:{cell_name(m[2:])} {who}"
            if (name, line) in EXPLAINED:
                report["different"]["explained"] += 1
            else:
                report["merges"] += 1
            report["examples"].append(line)


def compare_document(mine, theirs, report):
    their_rows, their_merges = theirs
    sheet = mine["sheets"][0] if mine["sheets"] else {"rows": [], "merges": []}
    keep = lambda rows: [tuple(r) for r in rows if any(c.strip() for c in r)]
    a, b = keep(sheet["rows"]), keep(their_rows)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            report["equal"] += sum(sum(1 for c in row if c) for row in a[i1:i2])
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            m = a[i1 + k] if i1 + k < i2 else ()
            t = b[j1 + k] if j1 + k < j2 else ()
            for c in range(max(len(m), len(t))):
                mc, tc = (m[c] if c < len(m) else ""), (t[c] if c < len(t) else "")
                if mc == tc:
                    report["equal"] += 1 if mc else 0
                else:
                    kind = kind_of(mc, tc, "string")
                    report["different"][kind] += 1
                    report["examples"].append(f"row {i1 + k + 1} cell {c + 1} [{kind}] ours {mc!r}, LibreOffice {tc!r}")
    rows = sheet["rows"]
    mine_merges = Counter(
        (rows[m[0]][m[1]] if m[0] < len(rows) and m[1] < len(rows[m[0]]) else "", m[2] - m[0] + 1, m[3] - m[1] + 1)
        for m in sheet["merges"]
    )
    for key in (mine_merges - their_merges) + (their_merges - mine_merges):
        report["merges"] += 1
        report["examples"].append(f"merge {key} differs")


def cell_name(at):
    r, c = at
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return f"{name}{r + 1}"


def main():
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--selfeval", default=str(root / "target/release/selfeval"))
    parser.add_argument("--peers", default=str(root.parent / "shared/peer-files"))
    parser.add_argument("--verbose", action="store_true", help="every differing cell, not the first three a file")
    parser.add_argument("only", nargs="*", help="these files of the peers' only (names as printed)")
    args = parser.parse_args()
    peers = Path(args.peers)
    files = sorted(
        f for f in peers.rglob("*") if f.is_file() and f.suffix.lower() in WORKBOOKS | DOCUMENTS
        and (not args.only or str(f.relative_to(peers)) in args.only)
    )
    work = Path(tempfile.mkdtemp(prefix="peers-"))
    started = time.monotonic()
    try:
        converted = convert(files, work / "out", work / "profile")
        print(f"LibreOffice saved {sum(1 for v in converted.values() if v)} of {len(files)} files in {time.monotonic() - started:.0f} s")
        totals = Counter()
        kinds = Counter()
        failing = []
        for f in files:
            name = f.relative_to(peers)
            mine = ours(args.selfeval, f)
            theirs_path = converted[f]
            report = {"equal": 0, "different": Counter(), "merges": 0, "sheets": [], "examples": []}
            if mine["error"]:
                if f.suffix.lower() in REFUSED_KINDS:
                    status = "refused (by design)"
                elif str(name) in DAMAGED:
                    status = "refused (damaged)"
                elif theirs_path is None:
                    status = "refused by both"
                else:
                    status = "REFUSED, LibreOffice opens it"
                    failing.append(str(name))
                totals[status] += 1
                print(f"{name}: {status}: {mine['error']}")
                continue
            if theirs_path is None:
                totals["LibreOffice refuses, we read"] += 1
                print(f"{name}: read; LibreOffice refuses it")
                continue
            try:
                if f.suffix.lower() in DOCUMENTS:
                    compare_document(mine, read_odt(theirs_path), report)
                else:
                    stored = read_ods(f) if f.suffix.lower() == ".ods" else None
                    pivots = xlsx_pivot_ranges(f) if f.suffix.lower() in (".xlsx", ".xlsm") else []
                    compare_workbook(str(name), mine, read_ods(theirs_path), stored, pivots, report)
            except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as error:
                totals["LibreOffice wrote nothing readable"] += 1
                print(f"{name}: LibreOffice's copy unreadable: {error}")
                continue
            totals["files compared"] += 1
            totals["cells equal"] += report["equal"]
            totals["merges different"] += report["merges"]
            totals["worksheet lists different"] += len(report["sheets"])
            kinds.update(report["different"])
            ours_count = sum(n for k, n in report["different"].items() if k not in NOT_OURS)
            bad = ours_count or report["merges"] or report["sheets"]
            if bad:
                failing.append(str(name))
            summary = ", ".join(f"{n} {k}" for k, n in sorted(report["different"].items()))
            print(f"{name}: {report['equal']} cells equal" + (f"; different: {summary}" if summary else "")
                  + (f"; {report['merges']} merges different" if report["merges"] else "")
                  + "".join(f"; {s}" for s in report["sheets"]))
            for line in report["examples"] if args.verbose else report["examples"][:3]:
                print(f"    {line}")
            for (file, at), why in EXPLAINED.items():
                if file == str(name) and args.verbose:
                    print(f"    explained: {at}: {why}")
        print()
        different = sum(kinds.values())
        cells = totals["cells equal"] + different
        print(f"peers: {len(files)} files; {totals['files compared']} compared, "
              f"{totals['refused (by design)']} refused by design, {totals['refused (damaged)']} damaged, "
              f"{totals['refused by both']} refused by both, "
              f"{totals['REFUSED, LibreOffice opens it']} refused that LibreOffice opens, "
              f"{totals['LibreOffice refuses, we read']} read that LibreOffice refuses")
        share = f" ({100 * totals['cells equal'] / cells:.1f}%)" if cells else ""
        print(f"peers: {totals['cells equal']} of {cells} cells equal{share}; different by kind: "
              + (", ".join(f"{k} {n}" + (" (not ours)" if k in NOT_OURS else "") for k, n in sorted(kinds.items())) or "none")
              + f"; merges different {totals['merges different']}; worksheet lists different {totals['worksheet lists different']}")
        if failing:
            print(f"peers: {len(failing)} files differ by our fault: {', '.join(failing)}")
            return 1
        print("peers: no valid file refused, no cell or merge different by our fault")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
