"""The GitHub Actions workflows are valid and do what the project relies on.

Schema: check-jsonschema's bundled copy of the GitHub workflow schema (works offline).
Structure: the pull-request workflow checks the data, builds the site strictly, runs the
test command and uploads the site for preview; the publish workflow deploys to Pages.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from testkit import REPO

ROOT = REPO
WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in {".yml", ".yaml"}) if WORKFLOWS.is_dir() else []


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name}: not a YAML mapping"
    return data


def triggers(wf: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on:` {on!r}"
    return on


def steps(wf: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in wf["jobs"].values() for step in job.get("steps", [])]


def runs(wf: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(wf) if "run" in step]


def uses(wf: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(wf) if "uses" in step]


def test_workflows_exist() -> None:
    names = {p.name for p in workflow_files()}
    assert {"pr.yml", "publish.yml"} <= names


def test_workflows_match_github_schema() -> None:
    files = workflow_files()
    assert files, "no workflow files found"
    exe = str(CHECK_JSONSCHEMA) if CHECK_JSONSCHEMA.exists() else "check-jsonschema"
    proc = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", "--output-format", "json", "--verbose", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, f"check-jsonschema failed:\n{proc.stdout}\n{proc.stderr}"
    report = json.loads(proc.stdout)
    assert report["status"] == "ok", report
    checked = report.get("checked_paths", [])
    assert len(checked) > 0, f"check-jsonschema checked no files: {report}"
    assert len(checked) == len(files), f"checked {checked}, expected {files}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_actions_pinned_to_major_version(path: Path) -> None:
    wf = load(path.name)
    for ref in uses(wf):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", ref), f"{path.name}: `{ref}` is not pinned to a major version tag"


def test_pr_workflow() -> None:
    wf = load("pr.yml")
    assert "pull_request" in triggers(wf)

    run_cmds = runs(wf)
    used = uses(wf)

    def first(pred: Any, items: list[str], what: str) -> int:
        for i, item in enumerate(items):
            if pred(item):
                return i
        raise AssertionError(f"pr.yml has no step that {what}")

    assert any(u.startswith("actions/checkout@") for u in used)
    setup_python = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup_python["with"]["python-version"]) == "3.11"

    i_setup = first(
        lambda c: "scripts/setup.sh --test" in c or re.search(r"\bmake setup-test\b", c) is not None,
        run_cmds,
        "runs scripts/setup.sh --test (or make setup-test)",
    )
    i_check = first(lambda c: "-m plansite check" in c, run_cmds, "runs the data checker")
    i_build = first(lambda c: re.search(r"mkdocs build\b.*--strict", c) is not None, run_cmds, "runs mkdocs build --strict")
    i_test = first(lambda c: re.search(r"\bmake test\b", c) is not None, run_cmds, "runs make test")
    assert i_setup < i_check < i_build < i_test, "steps out of order: setup, check, build, test"

    uploads = [s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads, "pr.yml does not upload the built site"
    # The preview is the offline build (make preview → preview/), which works opened from disk; see test_upload_workflow.
    assert any(str(s.get("with", {}).get("path", "")).rstrip("/") == "preview" for s in uploads), "no upload of preview/"

    # The checker must not hide GitHub's own GITHUB_ACTIONS=true (it drives the annotations).
    env_blocks = [wf.get("env", {})] + [j.get("env", {}) for j in wf["jobs"].values()] + [s.get("env", {}) for s in steps(wf)]
    assert all("GITHUB_ACTIONS" not in (e or {}) for e in env_blocks)


def test_publish_workflow() -> None:
    wf = load("publish.yml")
    on = triggers(wf)
    assert "push" in on and "main" in on["push"]["branches"]
    assert "workflow_dispatch" in on

    perms = wf["permissions"]
    assert perms["pages"] == "write" and perms["id-token"] == "write" and perms["contents"] == "read"
    assert wf["concurrency"]["group"] == "pages"

    jobs = wf["jobs"]
    build_steps = jobs["build"]["steps"]
    checkout = next(s for s in build_steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "full git history is needed for page dates"
    build_runs = [s["run"] for s in build_steps if "run" in s]
    assert any("-m plansite check" in c for c in build_runs)
    assert any(re.search(r"mkdocs build\b.*--strict", c) for c in build_runs)
    build_uses = [s["uses"] for s in build_steps if "uses" in s]
    assert any(u.startswith("actions/configure-pages@") for u in build_uses)
    pages_upload = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert str(pages_upload["with"]["path"]).rstrip("/") == "site"

    deploy = jobs["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    env = deploy["environment"]
    assert (env["name"] if isinstance(env, dict) else env) == "github-pages"
    assert any(u.startswith("actions/deploy-pages@") for u in uses({"jobs": {"deploy": deploy}}))


def test_build_cache_key_changes_with_the_library_versions() -> None:
    """A cache restored in CI never comes from another lock: entries are keyed by library versions too."""
    found = 0
    for path in workflow_files():
        for step in steps(load(path.name)):
            if str(step.get("uses", "")).startswith("actions/cache@"):
                found += 1
                key, restore = step["with"]["key"], step["with"].get("restore-keys", "")
                lock = "hashFiles('requirements/requirements.lock')"
                assert lock in key and "src/**" in key, f"{path.name}: cache key {key!r}"
                for line in str(restore).splitlines():
                    assert lock in line, f"{path.name}: restore key {line!r} may restore another lock's cache"
    assert found >= 1


def test_feedback_issue_form_is_valid_and_matches_the_site_links() -> None:
    """The issue form the site's «Báo sai số liệu / góp ý» links open: valid, in Vietnamese, with the fields they fill."""
    form = ROOT / ".github" / "ISSUE_TEMPLATE" / "gop-y.yml"
    proc = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-issue-forms", str(form)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ids = {item.get("id") for item in yaml.safe_load(form.read_text(encoding="utf-8"))["body"]}
    from plansite.render.feedback import FORM

    assert form.name == FORM
    assert {"chi-tieu", "nam", "dia-ban", "gia-tri", "trang", "noi-dung"} <= ids


def test_federation_workflow_builds_each_plan_in_a_matrix_then_the_index() -> None:
    """Issue 19 point 4: one job per plan (a matrix from the dispatch input), then the index from their sites."""
    wf = load("federation.yml")
    assert "workflow_dispatch" in triggers(wf)
    plan_job = wf["jobs"]["plan"]
    assert plan_job["strategy"]["matrix"]["plan"] == "${{ fromJSON(inputs.plans) }}"
    plan_runs = " ".join(s.get("run", "") for s in plan_job["steps"])
    assert "plansite check" in plan_runs and "mkdocs build --strict" in plan_runs
    index = wf["jobs"]["index"]
    assert index["needs"] == "plan"
    assert "plansite federate" in " ".join(s.get("run", "") for s in index["steps"])
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in index["steps"])
    assert wf["jobs"]["deploy"]["needs"] == "index"
