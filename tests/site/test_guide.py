"""The contributor guide cannot drift from the code.

It fails when a CSV column, a YAML field (or one of its fixed values), a command or
an option of the command line is missing from docs/huong-dan.md (or from the output
of its macros), or when a kind of problem declared in problems/kinds.py is not used by the
code, is used without being declared, or is missing from the guide's table (rendered from
the declarations).
"""

from __future__ import annotations

import argparse
import ast
import re
import typing
from collections.abc import Mapping
from html import unescape as html_unescape
from types import MappingProxyType
from typing import Any

import pytest
from pydantic import BaseModel

from plansite import model as m
from plansite.build import SiteBuild
from plansite.check.progress import COLUMNS
from plansite.cli import COMMANDS, build_parser
from plansite.plugin import macros as macros_api
from plansite.problems import kinds as kinds_module
from plansite.problems.kinds import KINDS, Kind
from testkit import MINIMAL, REPO, TODAY

GUIDE_PATH = REPO / "docs" / "huong-dan.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
SRC = REPO / "src" / "plansite"

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
def macros() -> Mapping[str, Any]:
    """The guide's macros, run against a real build of the minimal fixture."""
    build = SiteBuild.prepare(MINIMAL, today=TODAY)
    return MappingProxyType(macros_api.functions(lambda: build, lambda: "huong-dan.md"))


def test_columns_macro_renders_every_column(macros: Mapping[str, Any]) -> None:
    html = macros["cot_so_lieu"]()
    for c in COLUMNS:
        assert f"<code>{c.label}</code>" in html
        assert c.help.split("«")[0].strip()[:20] in html


def test_kinds_macro_renders_every_kind(macros: Mapping[str, Any]) -> None:
    html = macros["bang_loi"]()
    for k in KINDS:
        assert f"<code>{k}</code>" in html


# --------------------------------------------------------------------------- kinds used by the code


def declared_kinds() -> dict[str, Kind]:
    """The module constants of kinds.py that are kinds: name -> kind."""
    return {name: v for name, v in vars(kinds_module).items() if isinstance(v, Kind)}


def kinds_in_code(tree: ast.AST) -> set[str]:
    """Names of kind constants the code reports: ``kinds.X`` (the module is always imported as ``kinds``)."""
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "kinds"
        and node.attr.isupper()
    }


def all_kinds_in_code() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "kinds.py" and path.parent.name == "problems":
            continue
        for k in kinds_in_code(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            out.setdefault(k, set()).add(path.name)
    return out


def test_the_kind_collector_finds_kinds() -> None:
    """Guard against a collector that silently finds nothing."""
    found = all_kinds_in_code()
    assert {"MISSING_VALUE", "AMBIGUOUS_NUMBER", "NOT_A_NUMBER", "MISSING_FIELD", "TARGET_MISMATCH", "YAML_SYNTAX"} <= set(found)
    assert {"ENCODING", "CONFLICT"} <= set(found)
    assert len(found) >= 50
    assert kinds_in_code(ast.parse("problems.add(p, 1, kinds.MOT_LOAI_MOI, x=1)")) == {"MOT_LOAI_MOI"}


def test_every_kind_is_declared_once_as_a_constant() -> None:
    declared = declared_kinds()
    assert sorted(k.id for k in declared.values()) == sorted(KINDS), "every kind in KINDS has one constant, and no other"
    assert len({id(k) for k in declared.values()}) == len(declared)


def test_every_kind_used_by_the_code_is_declared() -> None:
    unknown = {k: sorted(files) for k, files in all_kinds_in_code().items() if k not in declared_kinds()}
    assert not unknown, f"kinds used by the code but not declared in problems/kinds.py: {unknown}"


def test_every_declared_kind_is_used_by_the_code() -> None:
    stale = sorted(set(declared_kinds()) - set(all_kinds_in_code()))
    assert not stale, f"problems/kinds.py declares kinds that no code reports any more: {stale}"


def test_no_kind_is_passed_as_text() -> None:
    """problems.add(path, line, KIND, …) takes a declared Kind, never a string of its own."""
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_add = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add"
            if is_add and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):  # type: ignore[attr-defined]
                raise AssertionError(f"{path.name}:{node.lineno}: a kind passed as text")  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_every_kind_renders(kind: Kind) -> None:
    message, fix = kind.render(**dict.fromkeys(kind.fields, "X"))
    assert message and fix and "{" not in message.replace("{#", "")
    assert kind.title and kind.guide_fix()
    with pytest.raises(TypeError):
        kind.render(**dict.fromkeys(kind.fields, "X"), khong_co=1)


def test_guide_table_lists_group_title_and_fix_of_every_kind(macros: Mapping[str, Any]) -> None:
    html = macros["bang_loi"]()
    rows = re.findall(r"<tr><td>(.*?)</td><td><code>(.*?)</code></td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert [r[1] for r in rows] == [k.id for _, ks in kinds_module.by_group() for k in ks]
    assert sorted(r[1] for r in rows) == sorted(KINDS)
    for group, kid, title, fix in rows:
        k = KINDS[kid]
        assert group == k.group
        assert html_unescape(title) == k.title and html_unescape(fix) == k.guide_fix()


def test_guide_text_is_plain_markdown_for_macros() -> None:
    """Jinja in the guide is only the macros it means to call: a stray «{{» would break the build."""
    calls = re.findall(r"\{\{\s*([^}]*?)\s*\}\}", GUIDE)
    known = set(macros_api.functions(lambda: None, lambda: "huong-dan.md"))  # type: ignore[arg-type,return-value]
    for call in calls:
        if call.startswith('"'):  # a literal such as {{ "{#ma-doan}" }}
            continue
        assert re.sub(r"\(.*$", "", call) in known, call
