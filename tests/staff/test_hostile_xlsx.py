"""The importer and a hostile or careless .xlsx file: limits before parsing, no DTD or entity, bounded
memory (measured in a subprocess with ``resource``), a Vietnamese refusal, never «LỖI hệ thống»; formulas
without a value, hidden sheets and rows typed in other sheets reported, never dropped or preferred."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from plansite.staff import import_file
from plansite.staff.workbook import MAX_UNPACKED
from staffkit import staff_data
from testkit import REPO, TODAY, cli_env

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>'
)


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Mã chỉ tiêu", "Năm", "Giá trị", "Nguồn"])  # type: ignore[union-attr]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _with_sheet(path: Path, sheet: bytes | None = None, compress: int = zipfile.ZIP_DEFLATED, big: int = 0) -> Path:
    """A real workbook whose first sheet is ``sheet`` (or padded with ``big`` bytes of spaces, compressed)."""
    src = zipfile.ZipFile(io.BytesIO(_workbook()))
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if sheet is not None:
                    data = sheet
                if big:
                    with out.open(zipfile.ZipInfo(info.filename), "w", force_zip64=True) as f:  # streamed: no GB in memory
                        f.write(data[: data.index(b"<sheetData>")])
                        chunk = b" " * (1 << 20)
                        for _ in range(big // len(chunk)):
                            f.write(chunk)
                        f.write(data[data.index(b"<sheetData>") :])
                    continue
            out.writestr(info.filename, data, compress_type=compress)
    return path


def _bomb(path: Path, compress: int) -> Path:
    """A zip member that unpacks to 256 MB of spaces: a few hundred bytes (bzip2) or 250 KB (deflate)."""
    src = zipfile.ZipFile(io.BytesIO(_workbook()))
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                zi = zipfile.ZipInfo(info.filename)
                zi.compress_type = compress
                with out.open(zi, "w", force_zip64=True) as f:
                    for _ in range(256):
                        f.write(b" " * (1 << 20))
            else:
                out.writestr(info, src.read(info))
    return path


XXE = '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    + "]>"
)


def _cases(tmp: Path) -> dict[str, Path]:
    return {
        "deflate-bomb": _bomb(tmp / "bom-deflate.xlsx", zipfile.ZIP_DEFLATED),
        "bzip2-bomb": _bomb(tmp / "bom-bzip2.xlsx", zipfile.ZIP_BZIP2),
        "xxe": _with_sheet(tmp / "xxe.xlsx", SHEET.format(doctype=XXE, text="&xxe;").encode()),
        "entity-bomb": _with_sheet(tmp / "entity.xlsx", SHEET.format(doctype=LAUGHS, text="&i;").encode()),
        # a DTD after 64 KB of comments: past the quick look, refused by defusedxml while openpyxl parses
        "late-dtd": _with_sheet(
            tmp / "dtd-muon.xlsx",
            (
                '<?xml version="1.0"?>'
                + "<!--"
                + "x" * 70_000
                + "-->"
                + XXE
                + SHEET.split("\n", 1)[1].format(doctype="", text="&xxe;")
            ).encode(),
        ),
        "not-a-zip": (tmp / "hong.xlsx", (tmp / "hong.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200))[0],
    }


MEASURE = """
import datetime as dt, json, resource, sys
from pathlib import Path
from plansite.staff import import_file
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a run-away parse fails here instead of the machine
report = import_file(Path(sys.argv[1]), sys.argv[2], dt.date.fromisoformat(sys.argv[3]), dry_run=True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak, "problems": [[p.kind, p.message] for p in report.problems]}))
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("hostile-xlsx")
    return staff_data(tmp / "data"), _cases(tmp)


@pytest.mark.parametrize("case", ["deflate-bomb", "bzip2-bomb", "xxe", "entity-bomb", "late-dtd", "not-a-zip"])
def test_hostile_workbook_is_refused_in_bounded_memory(case: str, hostile: tuple[Path, dict[str, Path]]) -> None:
    data, files = hostile
    path = files[case]
    assert path.stat().st_size < 10 * 1024 * 1024
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(data), TODAY.isoformat()],
        capture_output=True,
        text=True,
        env=cli_env(TODAY),
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    kinds = [k for k, _ in out["problems"]]
    assert kinds in (["bang-tinh-bi-tu-choi"], ["tep-khong-doc-duoc"]), out["problems"]
    assert out["peak_mb"] < 500, f"{case}: peak {out['peak_mb']:.0f} MB"
    print(f"verified: {case} ({path.stat().st_size} bytes) refused, peak {out['peak_mb']:.0f} MB: {out['problems'][0][1]}")


def test_cli_refusal_is_vietnamese_never_a_system_error(hostile: tuple[Path, dict[str, Path]]) -> None:
    data, files = hostile
    for case in ("bzip2-bomb", "xxe", "late-dtd"):
        proc = subprocess.run(
            [sys.executable, "-m", "plansite", "import", str(files[case]), "--data", str(data), "--thu"],
            capture_output=True,
            text=True,
            env=cli_env(TODAY),
            timeout=120,
            cwd=REPO,
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1, out
        assert "LỖI hệ thống" not in out and "Traceback" not in out
        assert "Không mở bảng tính này vì an toàn" in out, out
        assert "Error" not in out, out  # no Python class name in a message for staff
        if case != "bzip2-bomb":
            assert "khai báo DTD hoặc thực thể XML" in out, out  # the DTD is named as the reason, also when found late


def test_sizes_are_limited_before_parsing(hostile: tuple[Path, dict[str, Path]]) -> None:
    data, files = hostile
    report = import_file(files["deflate-bomb"], data, TODAY, dry_run=True)
    assert "khi giải nén" in report.problems.items[0].message
    assert MAX_UNPACKED < 256 * 1024 * 1024


# --------------------------------------------------------------------------- careless workbooks


def _filled(tmp_path: Path) -> tuple[Path, openpyxl.Workbook]:
    data = staff_data(tmp_path / "data")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Số liệu"
    ws.append(["Mã chỉ tiêu", "Năm", "Giá trị", "Nguồn"])
    ws.append(["ty-le-tre-di-hoc", 2023, 97, "Báo cáo thử"])
    return data, wb


def test_formula_without_value_is_reported(tmp_path: Path) -> None:
    data, wb = _filled(tmp_path)
    wb.active.append(["ty-le-tre-di-hoc", 2022, "=96+1", "Báo cáo thử"])  # type: ignore[union-attr]  # saved without a value
    wb.save(tmp_path / "cong-thuc.xlsx")
    report = import_file(tmp_path / "cong-thuc.xlsx", data, TODAY, dry_run=True)
    found = [(p.kind, p.line, p.column) for p in report.problems.errors]
    assert ("cong-thuc-chua-tinh", 3, "Giá trị") in found, found
    assert not report.ok


def _as_excel_computed(path: Path, results: dict[str, str]) -> None:
    """Write into the sheet the results Excel would have saved with each formula (openpyxl saves none): a number
    as ``<v>97</v>``, an empty text as ``t="str"`` with an empty ``<v>``."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        cell = re.search(rf'<c r="{ref}"( [^>]*)?><f>([^<]*)</f><v\s*/?>(</v>)?</c>', xml)
        assert cell, (ref, xml)
        kind = ' t="str"' if value == "" else ""
        xml = xml.replace(cell.group(0), f'<c r="{ref}"{kind}><f>{cell.group(2)}</f><v>{value}</v></c>')
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)


def test_formulas_excel_computed_to_empty_text_are_empty_cells_not_errors(tmp_path: Path) -> None:
    """Formulas dragged down the spare rows («=IF(B4="";"";…)») show nothing in Excel: they are empty cells, and a
    formula Excel computed to a number is that number."""
    data, wb = _filled(tmp_path)
    ws = wb.active
    assert ws is not None
    ws.append(["ty-le-tre-di-hoc", 2022, "=96+1", "Báo cáo thử"])
    for row in (4, 5):
        ws.append([f'=IF(B{row}="","",A3)', f'=IF(A{row}="","",1)', None, None])
    path = tmp_path / "keo-cong-thuc.xlsx"
    wb.save(path)
    _as_excel_computed(path, {"C3": "97", "A4": "", "B4": "", "A5": "", "B5": ""})
    report = import_file(path, data, TODAY, dry_run=True)
    assert [p.kind for p in report.problems.errors] == [], [p.text() for p in report.problems.errors]
    assert report.ok
    assert sorted(r.line for r in report.results) == [2, 3]  # the spare rows are empty; no row of figures is lost
    assert any("2022: 97" in r.figure for r in report.results), [r.figure for r in report.results]


def test_hidden_rows_are_imported_and_said(tmp_path: Path) -> None:
    """A row hidden in Excel is still a row of the file: it is read like the others, and the warning names it."""
    data, wb = _filled(tmp_path)
    ws = wb.active
    assert ws is not None
    ws.append(["ty-le-tre-di-hoc", 2022, 96, "Bản nháp"])
    ws.append(["ty-le-tre-di-hoc", 2021, 95, "Báo cáo thử"])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[40].hidden = True  # an empty hidden row says nothing
    wb.save(tmp_path / "dong-an.xlsx")
    report = import_file(tmp_path / "dong-an.xlsx", data, TODAY, dry_run=True)
    found = [p for p in report.problems.warnings if p.kind == "dong-an"]
    assert [(p.line, p.message) for p in found] == [
        (3, "1 dòng có nội dung đang bị ẩn trong Excel (dòng 3); các dòng này vẫn được nhập.")
    ]
    assert report.ok and sorted(r.line for r in report.results) == [2, 3, 4]


def test_hidden_stale_sheet_is_reported_not_preferred(tmp_path: Path) -> None:
    data, wb = _filled(tmp_path)
    wb.active.title = "Số liệu mới"  # type: ignore[union-attr]
    old = wb.create_sheet("Số liệu")
    old.append(["Mã chỉ tiêu", "Năm", "Giá trị", "Nguồn"])
    old.append(["ty-le-tre-di-hoc", 2023, 12, "Bản cũ"])
    old.sheet_state = "hidden"
    wb.save(tmp_path / "an.xlsx")
    report = import_file(tmp_path / "an.xlsx", data, TODAY, dry_run=True)
    assert [(p.kind, p.line) for p in report.problems.errors] == [("trang-tinh-an", None)]
    assert "Số liệu" in report.problems.errors[0].message


def test_rows_in_another_sheet_are_reported(tmp_path: Path) -> None:
    data, wb = _filled(tmp_path)
    extra = wb.create_sheet("Trang 2")
    extra.append(["ty-le-tre-di-hoc", 2022, 96, "Báo cáo thử"])
    wb.save(tmp_path / "thua.xlsx")
    report = import_file(tmp_path / "thua.xlsx", data, TODAY, dry_run=True)
    assert [(p.kind, p.line) for p in report.problems.errors] == [("trang-tinh-thua", 1)]
    assert "Trang 2" in report.problems.errors[0].message
