"""Make the theme's search find Vietnamese words typed without diacritics.

After the build, each entry of Material's search index gets the folded form of
its words that carry diacritics («hộ nghèo» → «ho ngheo»), so the query
«ho ngheo» matches, while results still show the text with diacritics.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .vitext import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


def folded_extra(text: str) -> str:
    words = _WORD.findall(_TAG.sub(" ", text))
    extra = []
    seen: set[str] = set()
    for w in words:
        f = fold(w)
        if f != w and f.lower() not in seen:
            seen.add(f.lower())
            extra.append(f)
    return " ".join(extra)


def fold_index(path: Path) -> None:
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        for field in ("title", "text"):
            extra = folded_extra(doc.get(field, ""))
            if extra:
                if field == "title":
                    doc["text"] = doc.get("text", "") + f' <span class="ps-fold" hidden>{extra}</span>'
                else:
                    doc["text"] = doc["text"] + f' <span class="ps-fold" hidden>{extra}</span>'
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
