"""Places as staff write them in a progress file: by id, name, «Kind Name» or alias, in the year of the figure."""

from __future__ import annotations

from collections.abc import Iterable

from plansite import model as m
from plansite.vi.text import key


def alive(p: m.Place, year: int) -> bool:
    """Whether the place existed in ``year`` (its validity dates, by year)."""
    start = p.valid_from.year if p.valid_from else -(10**9)
    end = p.valid_to.year if p.valid_to else 10**9
    return start <= year <= end


class PlaceIndex:
    """Finds a place by id, name, «Kind Name» or alias, taking validity dates into account."""

    def __init__(self, places: Iterable[m.Place]):
        self.by_id = {p.id: p for p in places}
        self.by_name: dict[str, list[m.Place]] = {}
        for p in self.by_id.values():
            for label in {p.name, p.full_name, *p.aliases}:
                self.by_name.setdefault(key(label), []).append(p)

    def examples(self) -> str:
        """Two names staff can copy, taken from the data (a district and a commune, if any)."""
        picks = [next((p.name for p in self.by_id.values() if p.level == lvl), "") for lvl in ("huyen", "xa")]
        picks = [f"«{x}»" for x in picks if x] or ["«tên đơn vị»"]
        return ", ".join(picks)

    def find(self, text: str, year: int | None) -> tuple[m.Place | None, str]:
        """(place, problem). The problem is empty when the place is found, «unknown», or «ambiguous:» and the candidates."""
        if text in self.by_id:
            return self.by_id[text], ""
        cands = self.by_name.get(key(text), [])
        if not cands:
            return None, "unknown"
        if len(cands) > 1 and year is not None:
            live = [p for p in cands if alive(p, year)]
            cands = live or cands
        if len(cands) > 1:
            return None, "ambiguous:" + ", ".join(f"{p.id} ({p.full_name})" for p in cands)
        return cands[0], ""
