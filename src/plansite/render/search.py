"""Make the theme's search find Vietnamese words typed without diacritics.

After the build, each entry of Material's search index gets the folded form of
its words that carry diacritics («hộ nghèo» → «ho ngheo»), so the query
«ho ngheo» matches, while results still show the text with diacritics.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from plansite.vi.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=1 << 16)
def _folded(word: str) -> tuple[str, str] | None:
    """(folded word, its lower case) when folding changes the word, else None. Words repeat a lot."""
    f = fold(word)
    return (f, f.lower()) if f != word else None


def folded_extra(text: str) -> str:
    words = _WORD.findall(_TAG.sub(" ", text))
    extra = []
    seen: set[str] = set()
    for w in words:
        if w.isascii():  # nothing to fold (đ and letters with diacritics are not ASCII)
            continue
        pair = _folded(w)
        if pair is not None and pair[1] not in seen:
            seen.add(pair[1])
            extra.append(pair[0])
    return " ".join(extra)


def fold_index(path: Path) -> None:
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        for field in ("title", "text"):
            extra = folded_extra(doc.get(field, ""))
            if extra:
                # Folded title words go into the title too, so they rank like the title does.
                doc[field] = doc.get(field, "") + f' <span class="ps-fold" hidden>{extra}</span>'
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
