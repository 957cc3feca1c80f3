"""The contributor guide cannot drift from the code.

It fails when a CSV column, a YAML field (or one of its fixed values), a command or
an option of the command line is missing from docs/huong-dan.md (or from the output
of its macros), or when the code reports a kind of problem that the guide's table
(rendered from kinds.KINDS) does not explain.
"""

from __future__ import annotations

import argparse
import ast
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import MINIMAL, TODAY
from plansite import model as m
from plansite.build import SiteBuild
from plansite.check.progress import COLUMNS
from plansite.cli import COMMANDS, build_parser
from plansite.plugin import macros as macros_api
from plansite.problems.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PATH = ROOT / "docs" / "huong-dan.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
SRC = ROOT / "src" / "plansite"

# The models of the YAML files, as the brief of the guide lists them; nested models are walked too.
MODELS: tuple[type[BaseModel], ...] = (
    m.Plan,
    m.Area,
    m.Indicator,
    m.Target,
    m.Series,
    m.DataNote,
    m.AgencyLink,
    m.Task,
    m.Point,
    m.Agency,
    m.Place,
    m.AdminEvent,
    m.WorkUpdate,
    m.Evidence,
    m.Signer,
    m.Reporting,
    m.Document,
    m.Publisher,
    m.Years,
)


def in_guide(word: str) -> bool:
    return f"`{word}`" in GUIDE


def nested(annotation: Any) -> list[Any]:
    """Every type inside an annotation: list[Document] → [list[Document], Document]."""
    out = [annotation]
    for arg in typing.get_args(annotation):
        out += nested(arg)
    return out


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = list(MODELS)
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for f in cls.model_fields.values():
            todo += [t for t in nested(f.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
    return seen


def literal_values(annotation: Any) -> list[str]:
    out: list[str] = []
    for t in nested(annotation):
        if typing.get_origin(t) is typing.Literal:
            out += [v for v in typing.get_args(t) if isinstance(v, str)]
    return out


# --------------------------------------------------------------------------- the page itself


def test_guide_keeps_its_macros() -> None:
    assert "{{ cot_so_lieu() }}" in GUIDE
    assert "{{ bang_loi() }}" in GUIDE


def test_every_yaml_field_is_in_the_guide() -> None:
    models = [*all_models(), m.Places]  # places.yaml's root: «places» and «events»
    assert {m.Quote, m.GeneralObjective} <= set(models)  # nested models are walked
    missing = [f"{cls.__name__}.{name}" for cls in models for name in cls.model_fields if not in_guide(name)]
    assert not missing, f"YAML fields not explained in {GUIDE_PATH.name}: {missing}"


def test_every_fixed_value_of_a_yaml_field_is_in_the_guide() -> None:
    missing = [
        f"{cls.__name__}.{name}={v}"
        for cls in all_models()
        for name, f in cls.model_fields.items()
        for v in literal_values(f.annotation)
        if not in_guide(v)
    ]
    assert not missing, f"allowed values not listed in {GUIDE_PATH.name}: {missing}"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_and_option_is_in_the_guide() -> None:
    subs = subcommands()
    assert set(subs) == set(COMMANDS)
    missing: list[str] = []
    for name, sp in subs.items():
        if not re.search(rf"plansite {re.escape(name)}\b", GUIDE):
            missing.append(f"lệnh {name}")
        for action in sp._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for opt in action.option_strings:
                if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", GUIDE):
                    missing.append(f"{name} {opt}")
            for choice in action.choices or ():
                if not in_guide(str(choice)):
                    missing.append(f"{name} {'/'.join(action.option_strings)} {choice}")
    assert not missing, f"not explained in {GUIDE_PATH.name}: {missing}"


def test_exit_codes_are_in_the_guide() -> None:
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"`{code}`", GUIDE), f"exit code {code} not explained"


# --------------------------------------------------------------------------- macros


@pytest.fixture(scope="module")
def macros() -> dict[str, Any]:
    """The guide's macros, run against a real build of the minimal fixture."""
    build = SiteBuild.prepare(MINIMAL, today=TODAY)
    return macros_api.functions(lambda: build, lambda: "huong-dan.md")


def test_columns_macro_renders_every_column(macros: dict[str, Any]) -> None:
    html = macros["cot_so_lieu"]()
    for c in COLUMNS:
        assert f"<code>{c.label}</code>" in html
        assert c.help.split("«")[0].strip()[:20] in html


def test_kinds_macro_renders_every_kind(macros: dict[str, Any]) -> None:
    html = macros["bang_loi"]()
    for k in KINDS:
        assert f"<code>{k}</code>" in html


# --------------------------------------------------------------------------- kinds used by the code

_KIND = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _const(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def kinds_in_code(tree: ast.AST) -> set[str]:
    """Kind strings the code reports: problems.add(path, line, KIND, …), c.add(name, line, KIND, …), err(KIND, …),
    NumberError(msg, hint, KIND), kind=KIND, K = KIND, def f(…, kind=KIND), return KIND, message, hint."""
    found: list[str | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name == "add" and len(node.args) >= 3:
                found.append(_const(node.args[2]))
            elif name == "err" and node.args:
                found.append(_const(node.args[0]))
            elif name == "NumberError" and len(node.args) >= 3:
                found.append(_const(node.args[2]))
            found += [_const(kw.value) for kw in node.keywords if kw.arg == "kind"]
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id in ("K", "kind", "KIND") for t in node.targets):
                found.append(_const(node.value))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args.args + node.args.kwonlyargs
            defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + list(node.args.defaults)
            defaults += list(node.args.kw_defaults)
            found += [_const(d) for a, d in zip(args, defaults, strict=True) if a.arg == "kind"]
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 3:
            first, second = node.value.elts[0], node.value.elts[1]
            if isinstance(second, (ast.Constant, ast.JoinedStr)):
                found.append(_const(first))
    return {k for k in found if k and _KIND.match(k)}


def all_kinds_in_code() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for k in kinds_in_code(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            out.setdefault(k, set()).add(path.name)
    return out


def test_the_kind_collector_finds_kinds() -> None:
    """Guard against a collector that silently finds nothing."""
    found = all_kinds_in_code()
    assert {
        "thieu-gia-tri",
        "so-mo-ho",
        "khong-phai-so",
        "thieu-truong",
        "chi-tieu-khong-khop",
        "yaml-cu-phap",
        "ma-hoa",
        "xung-dot",
    } <= set(found)
    assert len(found) >= 50
    assert kinds_in_code(ast.parse("problems.add(p, 1, 'mot-loai-moi', 'm', 'h')")) == {"mot-loai-moi"}


def test_every_kind_reported_by_the_code_is_explained() -> None:
    unexplained = {k: sorted(files) for k, files in all_kinds_in_code().items() if k not in KINDS}
    assert not unexplained, f"kinds reported by the code but missing from kinds.KINDS (the guide's table): {unexplained}"


def test_every_explained_kind_is_still_reported() -> None:
    stale = sorted(set(KINDS) - set(all_kinds_in_code()))
    assert not stale, f"kinds.KINDS explains kinds that no code reports any more: {stale}"


def test_guide_text_is_plain_markdown_for_macros() -> None:
    """Jinja in the guide is only the macros it means to call: a stray «{{» would break the build."""
    calls = re.findall(r"\{\{\s*([^}]*?)\s*\}\}", GUIDE)
    known = set(macros_api.functions(lambda: None, lambda: "huong-dan.md"))  # type: ignore[arg-type,return-value]
    for call in calls:
        if call.startswith('"'):  # a literal such as {{ "{#ma-doan}" }}
            continue
        assert re.sub(r"\(.*\)$", "", call) in known, call
