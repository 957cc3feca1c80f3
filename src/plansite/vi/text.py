"""Vietnamese text helpers: diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})
# Characters that show as nothing: zero-width space and joiners, word joiner, byte order mark, soft hyphen.
# Text copied from web pages or Word carries them; a cell or a header that holds only them with its text
# reads as the text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
_EDGES = re.compile(rf"^[\s{INVISIBLE}]+|[\s{INVISIBLE}]+$")


def fold(text: str) -> str:
    """Remove Vietnamese diacritics: «Bảo hiểm y tế» → «Bao hiem y te»."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def trim(text: str) -> str:
    """``text`` without spaces or invisible characters (``INVISIBLE``) at either end."""
    text = text.strip()
    if text and (text[0] in INVISIBLE or text[-1] in INVISIBLE):  # rare: the regex only then
        return _EDGES.sub("", text)
    return text


def key(text: str) -> str:
    """A loose matching key: folded, lower case, single spaces, no invisible characters."""
    return re.sub(r"[\s_]+", " ", fold(text.translate(_INVISIBLE)).lower()).strip()


def slugify(text: str, sep: str = "-") -> str:
    """A URL slug that keeps đ as d (MkDocs' default drops it)."""
    s = re.sub(r"[^a-z0-9]+", sep, fold(text).lower()).strip(sep)
    return s or "muc"


def slugify_toc(value: str, separator: str) -> str:
    """``toc.slugify`` for mkdocs.yml."""
    return slugify(value, separator)
