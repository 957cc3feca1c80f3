"""Read YAML so that every value keeps the line it came from.

Duplicate keys, tab indentation and syntax errors become problems with a line
number instead of exceptions. Values are plain dicts and lists; the lines are
kept beside them (``LineDict.lines`` and ``LineList.lines``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from plansite.load.boundary import read_bytes
from plansite.load.textio import char_name, decode_text
from plansite.problems import kinds
from plansite.problems.record import Problems


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):  # type: ignore[type-arg]
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0
    lines: list[int]


class _Lines:
    """Constructors that keep lines and report duplicate keys; mixed into the C and the Python loader."""

    problems: Problems
    path: Path
    marks: list[int]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        self.marks.append(node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)  # type: ignore[misc]

    def __init__(self, stream: str) -> None:
        self.marks = []
        super().__init__(stream)  # type: ignore[call-arg]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.lines = {}
        self.flatten_mapping(node)  # type: ignore[attr-defined]
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                self.problems.add(self.path, key_node.start_mark.line + 1, kinds.YAML_BAD_KEY, shown=shown(key))
                continue
            if key in out:
                self.problems.add(
                    self.path, key_node.start_mark.line + 1, kinds.YAML_DUPLICATE_KEY, key=key, first=out.lines[key]
                )
                continue
            out[key] = self.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        """A scalar; a lone surrogate («\\ud800» written as an escape) is reported and replaced by U+FFFD."""
        value = super().construct_scalar(node)  # type: ignore[misc]
        if isinstance(value, str) and (bad := SURROGATE.search(value)):
            code = f"{ord(bad.group()):04X}"
            self.problems.add(self.path, node.start_mark.line + 1, kinds.BAD_UNICODE, char=f"U+{code}", code=code)
            value = SURROGATE.sub("\ufffd", value)
        return value

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:  # type: ignore[override]
        out = LineList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.lines = [child.start_mark.line + 1 for child in node.value]
        return out


class _Loader(_Lines, yaml.SafeLoader):  # type: ignore[misc]
    """Pure-Python parser: its error messages are the ones translated into Vietnamese."""


# libyaml's parser is about 10× faster on a large plan (1.000 indicators); a file it
# refuses is read again by the Python parser, whose messages the checker translates.
_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(_Lines, yaml.CSafeLoader):  # type: ignore[misc]
        pass

    _FastLoader = _CLoader


def _construct_timestamp_as_str(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # Dates stay text ("2020-06-04"); the models parse them, so one rule applies.
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_cls: Any
for _cls in (_Loader, _FastLoader):
    if _cls is not None:
        _cls.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_str)
        _cls.add_constructor("tag:yaml.org,2002:map", _cls.construct_mapping)
        _cls.add_constructor("tag:yaml.org,2002:seq", _cls.construct_sequence)


def load_yaml(path: Path, problems: Problems) -> Any:
    """Parse one YAML file; return None (with problems recorded) if it cannot be read.

    A missing file raises FileNotFoundError (the caller says what the file is for); a link or a
    file that is too large is refused (``load.boundary``)."""
    problems.checked(path)
    raw = read_bytes(path, problems)
    if raw is None:
        return None
    text = decode_text(raw, path, problems)
    if text is None:
        return None
    bad_tab = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.add(path, number, kinds.YAML_TAB)
            bad_tab = True
    if bad_tab:
        return None
    bad_char = _CONTROL.search(text)
    if bad_char:
        char_line = text[: bad_char.start()].count("\n") + 1
        problems.add(path, char_line, kinds.CONTROL_CHAR, where="Dòng", char=char_name(bad_char.group()), what="dòng")
        return None
    if _maybe_deep(text) and (deep := too_deep(text)) is not None:
        problems.add(path, deep, kinds.YAML_TOO_DEEP, limit=MAX_DEPTH)
        return None
    return _parse(text, path, problems)


def _maybe_deep(text: str) -> bool:
    """Whether ``text`` could nest deeper than ``MAX_DEPTH`` (brackets, or indentation): then it is scanned."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        return True
    return any(len(line) - len(line.lstrip(" -")) > MAX_DEPTH for line in text.splitlines())


def _parse(text: str, path: Path, problems: Problems) -> Any:
    """libyaml first; the Python parser when libyaml refuses the text, for its messages and lines."""
    if _FastLoader is not None:
        found = Problems(root=problems.root)
        fast = _FastLoader(text)
        fast.problems, fast.path = found, path
        try:
            data = fast.get_single_data()
        except (yaml.YAMLError, RecursionError, ValueError, TypeError, IndexError, KeyError, OverflowError):
            pass  # read again below, for the Vietnamese message and its line
        else:
            problems.extend(found)
            return data
        finally:
            fast.dispose()
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        loader.problems = problems
        loader.path = path
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        problems.add(path, at, kinds.YAML_SYNTAX, problem=_vi_yaml_problem(exc.problem or ""))
        return None
    except yaml.YAMLError as exc:
        problems.add(path, None, kinds.YAML_SYNTAX, problem=str(exc) or type(exc).__name__)
        return None
    except RecursionError:
        problems.add(path, too_deep(text), kinds.YAML_TOO_DEEP, limit=MAX_DEPTH)
        return None
    except (ValueError, TypeError, IndexError, KeyError, OverflowError):
        # Values that YAML accepts but cannot build: «!!int x», a 5000-digit number …
        at_line: int | None = loader.marks[-1] if loader is not None and loader.marks else None
        problems.add(
            path,
            at_line,
            kinds.YAML_SYNTAX,
            problem="giá trị không đọc được (số quá dài, hoặc thẻ kiểu «!!…» không dùng được trong tệp kế hoạch)",
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()


SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 100  # a plan's data nests five or six levels; a file nested hundreds deep is a mistake (or an attack)


def too_deep(text: str) -> int | None:
    """The line where ``text`` first nests deeper than ``MAX_DEPTH`` (read as a stream of events: no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1 if event.start_mark else None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")

_YAML_PHRASES = {
    "mapping values are not allowed here": "không được đặt giá trị (dấu hai chấm) ở đây",
    "could not find expected ':'": "thiếu dấu hai chấm «:» sau tên trường",
    "found character '\\t' that cannot start any token": "có ký tự Tab",
    "expected <block end>, but found": "thụt lề không khớp",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu đóng ngoặc hoặc ngoặc kép)",
    "did not find expected key": "thụt lề không khớp hoặc thiếu tên trường",
    "found undefined alias": "dùng bí danh (*) chưa được định nghĩa",
}


def _vi_yaml_problem(problem: str) -> str:
    for en, vi in _YAML_PHRASES.items():
        if problem.startswith(en):
            return f"{vi} ({problem})"
    return problem or "không rõ"


def shown(value: Any) -> str:
    """A short, safe rendering of a bad value for a message."""
    if isinstance(value, (dict, list)):
        return "(khối dữ liệu)"
    if value is None:
        return "(trống)"
    if isinstance(value, str):  # quoted as the messages quote («…»), not as Python does ('…')
        return f"«{value}»" if len(value) <= 78 else f"«{value[:75]}…»"
    try:
        text = repr(value)
    except ValueError:  # e.g. an integer too long to print
        return "(số quá dài)"
    return text if len(text) <= 80 else text[:77] + "…"


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest element of ``data`` that ``loc`` reaches."""
    line = getattr(data, "line", None)
    node = data
    for key in loc:
        if isinstance(node, LineDict) and key in node:
            line = node.lines.get(key, line)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lines[key]
            node = node[key]
        else:
            break
        inner = getattr(node, "line", None)
        if inner and isinstance(node, LineDict) and line is None:
            line = inner
    return line
