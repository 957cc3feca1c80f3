"""tu-viet-tat.yaml: abbreviations staff keep for the search box («BHYT» = «bảo hiểm y tế»)."""

from __future__ import annotations

from pydantic import Field

from plansite.model.base import Strict, Text


class Abbreviation(Strict):
    viet_tat: str = Field(min_length=1, max_length=40)  # «BHYT»
    day_du: list[Text] = Field(min_length=1)  # «bảo hiểm y tế», and other spellings
