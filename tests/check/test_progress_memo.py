"""The memo of ``mkdocs serve --dirty`` (``check.progress.memo``): a check that reuses the last check of each
unchanged progress file finds exactly what a fresh check finds, whatever was changed in between."""

from __future__ import annotations

import csv
import os
import random
import time
from pathlib import Path

import pytest
from benchmarks import synth

from plansite.check.progress.memo import RACY_SECONDS, ProgressMemo
from plansite.pipeline import Checked, check
from plansite.problems import DataError
from plansite.rebuild import EVERYTHING, rebuild_after
from plansite.status.judged import judge
from testkit import SYNTH_TODAY

PAST = time.time() - 3600  # a file modified this long ago is not «racily clean» (memo.RACY_SECONDS)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = synth.generate(tmp_path / "data", indicators=6, places=12, years=5, today=SYNTH_TODAY)
    for path in folder.rglob("*"):
        os.utime(path, (PAST, PAST))
    return folder


_step = iter(range(1, 10**6))


def saved(path: Path) -> None:
    """As if saved a while ago, each time at another second (a file changed twice keeps no equal stamp)."""
    when = PAST + next(_step)
    os.utime(path, (when, when))


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    saved(path)


def found(c: Checked) -> list[str]:
    return sorted(str(p) for p in c.problems)


def same(with_memo: Checked, fresh: Checked) -> None:
    assert with_memo.progress.observations == fresh.progress.observations
    assert found(with_memo) == found(fresh)
    assert with_memo.problems.files_checked == fresh.problems.files_checked


def test_an_unchanged_file_is_not_read_again(data: Path) -> None:
    memo = ProgressMemo()
    first = check(data, SYNTH_TODAY, memo)
    memo.settle()
    target = sorted((data / "progress").glob("*.csv"))[0]
    rows = rows_of(target)
    rows[1][1] = "12,5"
    write_rows(target, rows)
    second = check(data, SYNTH_TODAY, memo)
    same(second, check(data, SYNTH_TODAY))
    assert list(memo.changed) == [second.problems.rel(target)]
    kept = [o for o in second.progress.observations if o.file != second.problems.rel(target)]
    before = {(o.file, o.line): o for o in first.progress.observations}
    assert kept and all(o is before[(o.file, o.line)] for o in kept)  # the same objects: not read again


def test_a_file_saved_just_now_is_read_again_next_time(data: Path) -> None:
    memo = ProgressMemo()
    target = sorted((data / "progress").glob("*.csv"))[0]
    target.touch()  # modified now: within RACY_SECONDS of its reading
    check(data, SYNTH_TODAY, memo)
    memo.settle()
    assert RACY_SECONDS > 0
    check(data, SYNTH_TODAY, memo)
    assert list(memo.changed) != []  # read again, though its stamp did not change


def test_a_change_outside_progress_reads_every_file_again(data: Path) -> None:
    memo = ProgressMemo()
    check(data, SYNTH_TODAY, memo)
    memo.settle()
    plan = data / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    saved(plan)
    check(data, SYNTH_TODAY, memo)
    assert memo.context_changed
    assert len(memo.changed) == len(list((data / "progress").glob("*.csv")))


def test_seeded_edits_give_what_a_fresh_check_gives(data: Path) -> None:
    """Forty random edits (figures changed, rows added, removed, duplicated or broken, files removed, restored,
    touched, the plan changed); after each, the memo's check and a fresh one agree on every row and problem."""
    rng = random.Random(65)
    memo = ProgressMemo()
    files = sorted((data / "progress").glob("*.csv"))
    originals = {p: p.read_bytes() for p in files}
    check(data, SYNTH_TODAY, memo)
    memo.settle()
    for _ in range(40):
        target = rng.choice(files)
        edit = rng.choice(["value", "add", "remove", "duplicate", "break", "delete", "restore", "touch", "plan"])
        if edit == "delete":
            target.unlink(missing_ok=True)
        elif edit == "restore" or not target.exists():
            target.write_bytes(originals[target])
            saved(target)
        elif edit == "touch":
            saved(target)
        elif edit == "plan":
            places = data / "places.yaml"
            places.write_text(places.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            saved(places)
        else:
            rows = rows_of(target)
            at = rng.randrange(1, len(rows)) if len(rows) > 1 else None
            if at is not None and edit == "value":
                rows[at][1] = f"{rng.uniform(0, 90):.1f}".replace(".", ",")
            elif at is not None and edit == "remove":
                del rows[at]
            elif at is not None and edit == "duplicate":
                rows.append(list(rows[at]))
            elif at is not None and edit == "break":
                rows[at][0] = "năm ngoái"
            elif at is not None:
                rows.insert(at, [*rows[at][:1], "7,5", *rows[at][2:]])
            write_rows(target, rows)
        with_memo, fresh = check(data, SYNTH_TODAY, memo), check(data, SYNTH_TODAY)
        same(with_memo, fresh)
        if fresh.ok:
            memo.settle()


def judged(c: Checked):  # type: ignore[no-untyped-def]
    try:
        return judge(c, SYNTH_TODAY)
    except DataError as exc:  # pragma: no cover - the fixture is valid
        raise AssertionError(str(exc)) from None


def test_the_rebuild_renders_the_changed_indicator_and_places_only(data: Path) -> None:
    memo = ProgressMemo()
    before = judged(check(data, SYNTH_TODAY, memo))
    assert rebuild_after(None, before, memo) == EVERYTHING
    memo.settle()
    target = sorted((data / "progress").glob("*.csv"))[0]
    rows = rows_of(target)
    col = rows[0].index("Địa bàn")
    at = next(i for i in range(1, len(rows)) if rows[i][col])  # a figure of a place under the plan's own
    rows[at][1] = "0,5"
    write_rows(target, rows)
    after = judged(check(data, SYNTH_TODAY, memo))
    plan = rebuild_after(before, after, memo)
    assert not plan.everything
    assert target.stem in plan.indicators
    assert plan.places == {rows[at][col]}
    other = next(i.id for i in after.plan.indicators if i.id not in plan.indicators)
    assert plan.wanted("chi-tieu", target.stem) and not plan.wanted("chi-tieu", other)
    assert not plan.wanted("dia-ban", after.plan.plan.place) and plan.wanted("linh-vuc", "any")
    memo.settle()

    saved(target)  # saved again, nothing changed: no indicator or place page
    again = rebuild_after(after, judged(check(data, SYNTH_TODAY, memo)), memo)
    assert not again.everything and not again.indicators and not again.places


def test_a_change_to_the_site_settings_rebuilds_every_page(tmp_path: Path) -> None:
    from plansite.rebuild import Previews

    config, theme = tmp_path / "mkdocs.yml", tmp_path / "overrides"
    theme.mkdir()
    config.write_text("site_name: a\n", encoding="utf-8")
    (theme / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    previews = Previews()
    changed, previews.site = previews.site_changed([config, theme])
    assert changed  # the first build
    assert previews.site_changed([config, theme])[0] is False
    saved(theme / "main.html")
    assert previews.site_changed([config, theme])[0] is True
