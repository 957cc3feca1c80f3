"""The web route of issue 16: a spreadsheet uploaded into data/nop/ is imported by the pull-request workflow.

The test runs the workflow's own steps — the ``run`` script and ``env`` of the steps «nop» and «push» of
.github/workflows/pr.yml, as written there — with bash in a throw-away git repository (the staff data under
data/, a bare repository as «origin», the pull request's branch checked out), on sample uploads:

* clean: the CSV changes are committed to the branch and pushed, the upload removed, the comment names each
  figure, the CSV lines added are annotated;
* with errors: nothing is committed, the upload stays, the comment lists each error with its row and column;
* with a conflict against a figure already published (on main): nothing is overwritten, the comment asks for
  the confirmation label; with the label the same steps overwrite and push.

Only the steps that talk to GitHub (the label and the comment, through ``gh``) are not run; the comment's
body is the file the «nop» step writes.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from plansite.staff import make_template
from plansite.staff.uploads import CONFIRM_LABEL
from staffkit import YEAR, fill_xlsx, pick, plan_of, staff_data
from testkit import REPO, TODAY, git

pytestmark = pytest.mark.slow

WORKFLOW = REPO / ".github" / "workflows" / "pr.yml"
BRANCH = "nop-so-lieu"
IN_REPO = "data"  # the data folder inside the throw-away repository (a copy of the staff data, not the live data)


def steps() -> dict[str, dict[str, Any]]:
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {s["id"]: s for job in wf["jobs"].values() for s in job["steps"] if "id" in s} | {
        "push": next(s for job in wf["jobs"].values() for s in job["steps"] if "git push" in s.get("run", ""))
    }


def step_env(step: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The step's ``env``, each ``${{ … }}`` given by the test (an expression the test does not know fails)."""
    out = {}
    for name, value in (step.get("env") or {}).items():
        if "${{" in str(value):
            assert name in values, f"pr.yml: the test does not know what {name} = {value} is"
            out[name] = values[name]
        else:
            out[name] = str(value)
    return out


class Repo:
    """The repository of a pull request: main with the staff data, the branch of an upload, origin a bare repo."""

    def __init__(self, tmp: Path):
        self.origin = tmp / "origin.git"
        self.root = tmp / "kho"
        self.root.mkdir()
        self.data = staff_data(self.root / "data")
        self.initial = staff_data(tmp / "ban-dau")  # the data as it was, outside the repository
        (self.root / ".venv").symlink_to(REPO / ".venv")  # the workflow calls .venv/bin/python
        (self.root / ".gitignore").write_text(".venv\n", encoding="utf-8")
        git(tmp, "init", "-q", "--bare", str(self.origin))
        git(self.root, "init", "-q", "-b", "main")
        for k, v in (("user.name", "Cán bộ"), ("user.email", "can-bo@example.org"), ("commit.gpgsign", "false")):
            git(self.root, "config", k, v)
        git(self.root, "remote", "add", "origin", str(self.origin))
        self.commit("Dữ liệu ban đầu")
        git(self.root, "push", "-q", "origin", "main")
        git(self.root, "checkout", "-q", "-b", BRANCH)
        self.outputs = tmp / "github-output"
        self.comment = tmp / "binh-luan.md"

    def commit(self, message: str) -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message)

    def upload(self, source: Path, name: str) -> Path:
        dest = self.data / "nop" / name
        dest.parent.mkdir(exist_ok=True)
        dest.write_bytes(source.read_bytes())
        self.commit(f"Add files via upload: {name}")
        git(self.root, "push", "-q", "origin", BRANCH)
        return dest

    def run_step(self, step: dict[str, Any], values: dict[str, str]) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAN_DATA_DIR", "GITHUB_"))}
        env |= {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(self.outputs), "PLANSITE_TODAY": TODAY.isoformat()}
        env |= {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
        env |= step_env(step, values)
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=self.root, env=env, capture_output=True, text=True, timeout=300
        )

    def workflow(self, label: bool = False) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        """The steps «nop» then, as its ``if`` says, «push»; the outputs of «nop»."""
        self.outputs.write_text("", encoding="utf-8")
        s = steps()
        nop = self.run_step(s["nop"], {"XAC_NHAN": "co" if label else "", "BINH_LUAN": str(self.comment)})
        outputs = dict(line.split("=", 1) for line in self.outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
        assert s["push"]["if"] == "${{ steps.nop.outputs.commit != '' }}"
        if nop.returncode == 0 and outputs.get("commit"):
            pushed = self.run_step(s["push"], {"NHANH": BRANCH})
            assert pushed.returncode == 0, pushed.stderr
        return nop, outputs

    def remote(self, path: str) -> str:
        return git(self.origin, "show", f"{BRANCH}:{path}")

    def remote_files(self) -> list[str]:
        return git(self.origin, "ls-tree", "-r", "--name-only", BRANCH).split()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


def filled(repo: Repo, tmp: Path, value: Any, place: str = "Toàn tỉnh", **more: Any) -> tuple[Path, str]:
    """A template filled for the first agency and indicator ``pick`` finds in the initial data (the same on every call)."""
    agency, ind = pick(plan_of(repo.initial), repo.initial)
    files, _, problems = make_template(repo.data, agency, YEAR, TODAY, "xlsx", tmp / "mau")
    assert files, [p.text() for p in problems]
    cells = {"Giá trị": value, "Nguồn": "Báo cáo số 12/BC (thử)", "Ngày báo cáo": f"10/12/{YEAR}", **more}
    out = fill_xlsx(files[0], tmp / f"{agency}-{YEAR}-{value}.xlsx".replace(",", "-"), {(ind.id, place): cells})
    for f in files:
        f.unlink()
    return out, ind.id


def test_a_clean_upload_is_imported_committed_and_pushed(repo: Repo, tmp_path: Path) -> None:
    source, iid = filled(repo, tmp_path, "97,5")
    repo.upload(source, "so-lieu-nam.xlsx")
    nop, outputs = repo.workflow()
    assert nop.returncode == 0, nop.stdout + nop.stderr
    assert outputs["ma"] == "0" and outputs["nhap"] == "1" and outputs["commit"]
    files = repo.remote_files()
    assert "data/nop/so-lieu-nam.xlsx" not in files  # the upload is removed on the branch
    csv_text = repo.remote(f"{IN_REPO}/progress/{iid}.csv")
    line = next(i for i, row in enumerate(csv_text.splitlines(), start=1) if row.startswith(f"{YEAR},97.5,"))
    notice = re.search(rf"^::notice file=data/progress/{iid}.csv,line=(\d+),title=nhap-tu-tep-nop::Thêm: (.*)$", nop.stdout, re.M)
    assert notice and int(notice.group(1)) == line, nop.stdout
    comment = repo.comment.read_text(encoding="utf-8")
    assert "đã nhập" in comment and "97,5%" in comment and f"{YEAR}" in comment
    assert "Không có lỗi" in comment
    log = git(repo.origin, "log", "-1", "--format=%an|%s", BRANCH)
    assert log.startswith("github-actions[bot]|Nhập 1 tệp nộp qua trang web")


def test_an_upload_with_errors_changes_nothing_and_the_comment_lists_each_error(repo: Repo, tmp_path: Path) -> None:
    source, _ = filled(repo, tmp_path, "nhiều", **{"Ngày báo cáo": "31/02/2023"})
    repo.upload(source, "co-loi.xlsx")
    head = git(repo.root, "rev-parse", "HEAD")
    nop, outputs = repo.workflow()
    assert nop.returncode == 1 and outputs["ma"] == "1" and outputs["commit"] == ""
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert "data/nop/co-loi.xlsx" in repo.remote_files()
    assert re.search(r"^::error file=data/nop/co-loi.xlsx,line=\d+,title=", nop.stdout, re.M), nop.stdout
    comment = repo.comment.read_text(encoding="utf-8")
    assert "có lỗi, chưa nhập gì" in comment
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \| ", comment, re.M)
    assert {c.strip() for _, c in rows} >= {"Giá trị", "Ngày báo cáo"}, comment
    assert "Cách sửa:" in comment


def test_a_conflict_with_a_published_figure_waits_for_the_label(repo: Repo, tmp_path: Path) -> None:
    first, iid = filled(repo, tmp_path, "90")
    repo.upload(first, "lan-dau.xlsx")
    nop, _ = repo.workflow()
    assert nop.returncode == 0, nop.stdout
    git(repo.root, "checkout", "-q", "main")  # the first figure is merged: published
    git(repo.root, "merge", "-q", "--ff-only", BRANCH)
    git(repo.root, "checkout", "-q", BRANCH)
    published = (repo.data / "progress" / f"{iid}.csv").read_bytes()
    second, _ = filled(repo, tmp_path, "95")
    repo.upload(second, "sua-so.xlsx")
    nop, outputs = repo.workflow()
    assert nop.returncode == 3 and outputs["ma"] == "3" and outputs["commit"] == ""
    assert (repo.data / "progress" / f"{iid}.csv").read_bytes() == published  # never overwritten unconfirmed
    assert "data/nop/sua-so.xlsx" in repo.remote_files()
    comment = repo.comment.read_text(encoding="utf-8")
    assert "cần xác nhận" in comment and f"`{CONFIRM_LABEL}`" in comment and "90" in comment and "95" in comment
    nop, outputs = repo.workflow(label=True)
    assert nop.returncode == 0, nop.stdout
    assert f"{YEAR},95," in repo.remote(f"{IN_REPO}/progress/{iid}.csv")
    assert "data/nop/sua-so.xlsx" not in repo.remote_files()
    assert "Ghi đè" in repo.comment.read_text(encoding="utf-8")


def test_no_upload_still_comments_the_check_and_the_preview(repo: Repo) -> None:
    nop, outputs = repo.workflow()
    assert nop.returncode == 0 and outputs["tep"] == "0" and outputs["commit"] == ""
    comment = repo.comment.read_text(encoding="utf-8")
    assert "Không có tệp nộp" in comment and "## Xem trước" in comment


def test_investment_and_task_uploads_go_through_the_same_steps(tmp_path: Path) -> None:
    """Issue 16 point 5: the other agencies' files (investment.csv, task-updates.csv) take the same route."""
    import openpyxl

    from plansite.staff import SHEET_DATA
    from plansite.staff import filekinds as fk
    from testkit import with_investment

    repo = Repo(tmp_path)
    with_investment(repo.data)
    repo.commit("Thêm chương trình, dự án")
    git(repo.root, "push", "-q", "origin", BRANCH)
    plan = plan_of(repo.data)
    agency = next(p.agency for p in plan.projects if p.agency)
    cells = {
        fk.INVESTMENT: {
            "Hạng mục": "Toàn dự án",
            "Thời gian": f"năm {YEAR}",
            "Chỉ số": "giai-ngan",
            "Mô tả chỉ số": "vốn đã giải ngân",
            "Giá trị": "gần 7",
            "Đơn vị": "tỷ đồng",
            "Nguồn vốn": "dia-phuong",
            "Kế hoạch hay kết quả": "ket-qua",
            "Trích dẫn": "Đã giải ngân gần 7 tỷ đồng (thử).",
            "Nguồn": "Báo cáo thử",
        },
        fk.TASK_UPDATES: {
            "Ngày": f"01/03/{YEAR}",
            "Loại": "van-ban",
            "Văn bản, sự kiện": "Công văn thử số 3/CV",
            "Cơ quan ban hành, chủ trì": "Sở thử",
            "Nội dung": "Công văn thử.",
            "Trích dẫn": "Trích thử.",
            "Nguồn": "Công văn thử",
            "Liên kết nguồn": "https://example.org/cv",
        },
    }
    for kind, values in cells.items():
        who = agency if kind is fk.INVESTMENT else kind.agencies(plan)[0]
        files, _, _ = kind.make_template(repo.data, who, YEAR, TODAY, "xlsx", tmp_path / "mau")
        wb = openpyxl.load_workbook(files[0])
        ws = wb[SHEET_DATA]
        header = [c.value for c in ws[1]]
        for label, value in values.items():
            ws.cell(row=2, column=header.index(label) + 1, value=value)
        wb.save(tmp_path / f"{kind.id}.xlsx")
        repo.upload(tmp_path / f"{kind.id}.xlsx", f"{kind.id}.xlsx")
    nop, outputs = repo.workflow()
    assert nop.returncode == 0, nop.stdout + nop.stderr
    assert outputs["nhap"] == "2" and outputs["commit"]
    assert "gần 7" in repo.remote(f"{IN_REPO}/investment.csv")
    assert "Công văn thử số 3/CV" in repo.remote(f"{IN_REPO}/task-updates.csv")
    assert not any(f.startswith("data/nop/") and f.endswith(".xlsx") for f in repo.remote_files())
    comment = repo.comment.read_text(encoding="utf-8")
    assert "Vốn chương trình, dự án" in comment and "Kết quả thực hiện nhiệm vụ" in comment and "gần 7 tỷ đồng" in comment
    assert re.search(r"^::notice file=data/investment.csv,line=\d+,title=nhap-tu-tep-nop::Thêm: ", nop.stdout, re.M)
