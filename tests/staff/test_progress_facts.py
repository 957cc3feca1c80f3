"""The facts a fill-in template reads of a progress file (``staff.progress_facts``) say what reading every row did: the
places with their years, and the method of the main series' latest figure. The row loop the templates used before is
kept here as the oracle."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.check.progress import column_index, read_table
from plansite.problems import Problems
from plansite.staff.progress_facts import progress_facts

HEADERS = {  # spellings staff use; the facts must read each
    "dia_ban": ["Địa bàn", "dia ban", "dia_ban"],
    "nam": ["Năm", "nam"],
    "chuoi": ["Chuỗi", "chuoi"],
    "phuong_phap": ["Phương pháp", "phuong phap"],
}
OTHER = ["Giá trị", "Nguồn"]
cell = st.sampled_from(["", " ", "Xã A", " Xã A ", "xã a", "Huyện B", "chinh", "phu", "QĐ 59", " QĐ 59", "2020", "2021"])
year = st.sampled_from(["", "2019", "2020", "2020.0", " 2021 ", "2021", "năm 2022", "20x", "٢٠٢٣", "99999999999999999999"])


def old_rows(path: Path) -> list[dict[str, str]]:
    """What ``staff.template`` kept of every row until the facts replaced it."""
    table = read_table(path, Problems(root=path.parent.parent))
    if table is None:
        return []
    cols = column_index(table.header)
    return [{cid: (cells[i].strip() if i < len(cells) else "") for cid, i in cols.items()} for _, cells in table.rows()]


def old_places(rows: list[dict[str, str]]) -> dict[str, set[int | None]]:
    out: dict[str, set[int | None]] = {}
    for row in rows:
        text = row.get("dia_ban", "")
        ytxt = row.get("nam", "").removesuffix(".0")
        if text:
            out.setdefault(text, set()).add(int(ytxt) if ytxt.isdigit() else None)
    return out


def old_latest_method(primary: str, rows: list[dict[str, str]]) -> str:
    best: tuple[int, int] | None = None
    method = ""
    for i, row in enumerate(rows):
        if (row.get("chuoi", "") or primary) != primary:
            continue
        ytxt = row.get("nam", "").removesuffix(".0")
        if not ytxt.isdigit():
            continue
        if best is None or (int(ytxt), i) >= best:
            best, method = (int(ytxt), i), row.get("phuong_phap", "")
    return method


@st.composite
def files(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    present = [c for c in HEADERS if draw(st.booleans()) or c == "nam"]
    header = [draw(st.sampled_from(HEADERS[c])) for c in present] + OTHER
    header = draw(st.permutations(header))
    rows = []
    for _ in range(draw(st.integers(0, 25))):
        rows.append([draw(year) if _is_year(h) else draw(cell) for h in header])
    return list(header), rows


def _is_year(name: str) -> bool:
    return name in HEADERS["nam"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files(), st.sampled_from(["", "chinh", "phu"]), st.sampled_from([",", ";"]))
def test_facts_say_what_reading_every_row_said(
    tmp_path: Path, file: tuple[list[str], list[list[str]]], primary: str, sep: str
) -> None:
    header, rows = file
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a new folder each example: the facts are kept by path
    path = folder / "progress" / "chi-tieu.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=sep).writerows([header, *rows])
    facts = progress_facts(folder, "chi-tieu")
    rows_read = old_rows(path)
    assert {p: set(ys) for p, ys in facts.places.items()} == old_places(rows_read)
    assert facts.latest_method(primary) == old_latest_method(primary, rows_read)


def test_a_missing_file_has_no_facts(tmp_path: Path) -> None:
    facts = progress_facts(tmp_path, "khong-co")
    assert facts.places == {} and facts.latest_method("") == ""


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "progress" / "a.csv"
    path.parent.mkdir(parents=True)
    path.write_text("Địa bàn,Năm,Phương pháp\nXã A,2020,cũ\n", encoding="utf-8")
    assert progress_facts(tmp_path, "a").latest_method("") == "cũ"
    path.write_text("Địa bàn,Năm,Phương pháp\nXã A,2020,cũ\nXã B,2021,mới hơn\n", encoding="utf-8")
    facts = progress_facts(tmp_path, "a")
    assert facts.latest_method("") == "mới hơn" and set(facts.places) == {"Xã A", "Xã B"}


def test_a_year_of_superscript_digits_is_no_year(tmp_path: Path) -> None:
    """«²» is a digit to Python's isdigit but not a number int() reads: the row loop used to fail on it."""
    path = tmp_path / "progress" / "a.csv"
    path.parent.mkdir(parents=True)
    path.write_text("Địa bàn,Năm,Phương pháp\nXã A,²,x\n", encoding="utf-8")
    facts = progress_facts(tmp_path, "a")
    assert facts.places == {"Xã A": frozenset({None})} and facts.latest_method("") == ""
