"""Places as staff write them in a progress file: by id, name, «Kind Name» or alias, in the year of the figure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from plansite import model as m
from plansite.vi import fmt
from plansite.vi.text import key


def alive(p: m.Place, year: int) -> bool:
    """Whether the place existed in ``year`` (its validity dates, by year)."""
    start = p.valid_from.year if p.valid_from else -(10**9)
    end = p.valid_to.year if p.valid_to else 10**9
    return start <= year <= end


class PlaceIndex:
    """Finds a place by id, name, «Kind Name» or alias, taking validity dates into account."""

    def __init__(self, places: Iterable[m.Place], levels: Iterable[str] = ()):
        self.by_id = {p.id: p for p in places}
        self.levels = list(levels) or list(dict.fromkeys(p.level for p in self.by_id.values()))
        self.by_name: dict[str, list[m.Place]] = {}
        for p in self.by_id.values():
            for label in {p.name, p.full_name, *p.aliases}:
                self.by_name.setdefault(key(label), []).append(p)

    def examples(self, year: int | None = None) -> str:
        """Two names staff can copy, taken from the data: one of each level below the top, if any, valid in ``year``."""
        below = self.levels[1:3] or self.levels[:1]
        picks = [
            next((self.label(p, year) for p in self.by_id.values() if p.level == lvl and (year is None or alive(p, year))), "")
            for lvl in below
        ]
        picks = [f"«{x}»" for x in picks if x] or ["«tên đơn vị»"]
        return ", ".join(picks)

    def label(self, place: m.Place, year: int | None) -> str:
        """What to write for ``place`` so that ``find`` gives it back in ``year``: its full name, name or an alias
        when that is unambiguous, else its id (a hint's example is never refused itself)."""
        for text in (place.full_name, place.name, *place.aliases):
            found, _ = self.find(text, year)
            if found is not None and found.id == place.id:
                return text
        return place.id

    def nearest(self, text: str, year: int | None, n: int = 2, cutoff: float = 0.6) -> list[str]:
        """Up to ``n`` places closest to ``text`` by folded edit distance, as ``label`` writes them.

        Each place is compared by its id, name, full name and aliases; the text is also compared without a leading
        kind word («Xã An Lạc» against the name «An Lạc», found as «Thị trấn An Lạc»). Places valid in ``year`` first."""
        wanted = key(text)
        kinds = {key(p.kind) for p in self.by_id.values() if p.kind}
        bare = next((wanted[len(k) + 1 :] for k in sorted(kinds, key=len, reverse=True) if wanted.startswith(k + " ")), "")
        scored: list[tuple[bool, float, str]] = []
        for p in self.by_id.values():
            labels = {key(x) for x in (p.id, p.name, p.full_name, *p.aliases)}
            best = max(difflib.SequenceMatcher(None, wanted, lb).ratio() for lb in labels)
            if bare:
                best = max(best, difflib.SequenceMatcher(None, bare, key(p.name)).ratio())
            if best >= cutoff:
                scored.append((year is None or alive(p, year), best, p.id))
        scored.sort(key=lambda t: (not t[0], -t[1]))
        return [self.label(self.by_id[pid], year) for _, _, pid in scored[:n]]

    def near(self, text: str, year: int | None) -> str:
        """The tail of an «unknown place» message: the nearest names, or nothing when none is close."""
        close = self.nearest(text, year)
        return "; tên gần giống: " + ", ".join(f"«{x}»" for x in close) if close else ""

    def _unique(self, name: str) -> bool:
        """A name that finds one place only: an example that would itself be refused as ambiguous is no help."""
        return len(self.by_name.get(key(name), [])) == 1

    def find(self, text: str, year: int | None) -> tuple[m.Place | None, str]:
        """(place, problem). The problem is empty when the place is found, «unknown», or «ambiguous:» and the candidates."""
        if text in self.by_id:
            return self.by_id[text], ""
        cands = self.by_name.get(key(text), [])
        if not cands:  # an id typed in capitals («PAC-NAM») is the id
            found = self.by_id.get(key(text))
            return (found, "") if found is not None else (None, "unknown")
        if len(cands) > 1 and year is not None:
            live = [p for p in cands if alive(p, year)]
            cands = live or cands
        if len(cands) > 1:
            return None, "ambiguous:" + ", ".join(f"{p.id} ({p.full_name}{_validity(p)})" for p in cands)
        return cands[0], ""


def _validity(p: m.Place) -> str:
    """«, đến 30/06/2025», «, từ 01/07/2025»: what tells apart two units of one name (one ceased, one formed)."""
    if p.valid_from is None and p.valid_to is None:
        return ""
    parts = [f"từ {fmt.date(p.valid_from)}" if p.valid_from else "", f"đến {fmt.date(p.valid_to)}" if p.valid_to else ""]
    return ", " + " ".join(x for x in parts if x)
