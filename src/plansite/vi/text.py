"""Vietnamese text helpers: diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Remove Vietnamese diacritics: «Bảo hiểm y tế» → «Bao hiem y te»."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(text: str) -> str:
    """A loose matching key: folded, lower case, single spaces."""
    return re.sub(r"[\s_]+", " ", fold(text).lower()).strip()


def slugify(text: str, sep: str = "-") -> str:
    """A URL slug that keeps đ as d (MkDocs' default drops it)."""
    s = re.sub(r"[^a-z0-9]+", sep, fold(text).lower()).strip(sep)
    return s or "muc"


def slugify_toc(value: str, separator: str) -> str:
    """``toc.slugify`` for mkdocs.yml."""
    return slugify(value, separator)
