"""Every package declared in requirements/requirements.in is used: a declared dependency that nothing
imports is a defect.

Each package says where it must be found: the import name in the product (src/, macros/) for what the
site needs at run time, or the file that runs it (tests, the Makefile, the lint configuration) for the
tools. A package not in this table fails the test, so a new dependency needs its use written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("src", "macros")

# package → ("import", module) found as an import in the product; ("tests", module) imported by the tests;
# ("file", path, text) the text in that file.
USES: dict[str, tuple[str, ...]] = {
    "mkdocs": ("import", "mkdocs"),
    "mkdocs-material": ("file", "mkdocs.yml", "name: material"),
    "mkdocs-macros-plugin": ("file", "mkdocs.yml", "- macros"),
    "pandas": ("import", "pandas"),
    "altair": ("import", "altair"),
    "vl-convert-python": ("import", "vl_convert"),
    "pydantic": ("import", "pydantic"),
    "pyyaml": ("import", "yaml"),
    "babel": ("import", "babel"),
    "openpyxl": ("import", "openpyxl"),
    "defusedxml": ("import", "defusedxml"),
    "nh3": ("import", "nh3"),
    "python-docx": ("import", "docx"),
    "playwright": ("import", "playwright"),
    "setuptools": ("file", "pyproject.toml", 'build-backend = "setuptools.build_meta"'),
    "pytest": ("tests", "pytest"),
    "pytest-xdist": ("file", "Makefile", "pytest -n"),
    "filelock": ("tests", "filelock"),  # tests/_site.py: shared_build, one build per test run for all workers
    "hypothesis": ("tests", "hypothesis"),
    "frictionless": ("tests", "frictionless"),
    "check-jsonschema": ("file", "tests/tooling/test_workflows.py", "CHECK_JSONSCHEMA"),  # validates the workflow files
    "ruff": ("file", "Makefile", "ruff check"),
    "mypy": ("file", "Makefile", "mypy src/plansite"),
    "types-pyyaml": ("file", "Makefile", "mypy src/plansite"),  # stubs mypy reads for yaml
    "pandas-stubs": ("file", "Makefile", "mypy src/plansite"),  # stubs mypy reads for pandas
    "pre-commit": ("file", ".pre-commit-config.yaml", "repos:"),
}


def declared() -> list[str]:
    names = []
    for line in (ROOT / "requirements" / "requirements.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def imported(folders: tuple[str, ...], module: str) -> bool:
    pattern = re.compile(rf"^\s*(?:import|from)\s+{re.escape(module)}(?:[.\s]|$)", re.M)
    return any(pattern.search(p.read_text(encoding="utf-8")) for f in folders for p in (ROOT / f).rglob("*.py"))


def test_the_table_knows_every_declared_package() -> None:
    names = declared()
    assert len(names) > 10
    unknown = [n for n in names if n not in USES]
    assert not unknown, f"say in USES where these are used, or remove them from requirements.in: {unknown}"


@pytest.mark.parametrize("package", declared())
def test_declared_package_is_used(package: str) -> None:
    use = USES.get(package)
    if use is None:
        pytest.fail(f"{package}: no use recorded")
    if use[0] == "import":
        assert imported(PRODUCT, use[1]), f"{package} is declared but nothing in {PRODUCT} imports {use[1]}"
    elif use[0] == "tests":
        assert imported(("tests",), use[1]), f"{package} is declared but no test imports {use[1]}"
    else:
        _, path, text = use
        assert text in (ROOT / path).read_text(encoding="utf-8"), f"{package}: «{text}» not in {path}"


def test_the_import_rule_can_fail() -> None:
    assert not imported(PRODUCT, "a_module_nobody_imports")
