"""The abbreviations staff keep for the search box (``tu-viet-tat.yaml``), read with their lines."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from plansite.load.yamlio import load_yaml
from plansite.problems import Problems

FILE = "tu-viet-tat.yaml"


class Abbreviation(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    viet_tat: str = Field(min_length=1, max_length=40)
    day_du: list[str] = Field(min_length=1)


class Abbreviations(BaseModel):
    model_config = ConfigDict(extra="forbid")

    abbreviations: list[Abbreviation] = []


def read_abbreviations(folder: Path, problems: Problems) -> list[tuple[str, list[str]]]:
    """(abbreviation, expansions) pairs; an absent file is no list, not an error."""
    path = folder / FILE
    if not path.exists():
        return []
    raw = load_yaml(path, problems)
    if raw is None:
        return []
    try:
        data = Abbreviations.model_validate(raw)
    except ValueError:
        return []  # reported by the check stage
    return [(a.viet_tat, a.day_du) for a in data.abbreviations]
