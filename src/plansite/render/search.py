"""The site's own search index, small and loaded only when someone searches.

After MkDocs has built the pages, the theme's search index (every page's text) is turned into
two small files that ``docs/assets/plansite.js`` fetches when the search box is first used:

* ``search/tieu-de.json``: one entry per page: link, title, type of page (indicator, area,
  agency, task, place, other), a line shown under the title, and the title's words folded
  (no diacritics, lower case) with abbreviations and their expansions both present;
* ``search/noi-dung.json``: each page's other words, folded the same way, once each (none for place pages:
  ``TITLE_ONLY_KINDS``).

Folding and the abbreviation list (``synonyms``, from the data folder) are applied here, so
the browser only compares words: «bhyt» finds «bảo hiểm y tế», «ngheo» finds «nghèo».
Ranking (in the browser): pages holding every word first, then the title, then the page type.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_MARKS = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")

TITLES = "search/tieu-de.json"
BODIES = "search/noi-dung.json"
THEME_INDEX = "search/search_index.json"
MAX_BODY_WORDS = 400  # distinct words kept per page: enough to find it, small enough for a slow link
# Pages found by their title and the line under it only: place pages are many (a national plan has thousands) and
# alike (the same indicators on each), so their words would make the index large and every query list them all.
TITLE_ONLY_KINDS = frozenset({"dia-ban"})


def fold(text: str) -> str:
    """«Bảo hiểm Y tế» → «bao hiem y te»: the same folding as the browser's (NFD, marks removed, đ → d)."""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _MARKS.sub("", s).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class PageInfo:
    """What the search shows of a generated page: its type and a line under its title."""

    url: str  # as in the theme's index: «chi-tieu/ty-le/»
    kind: str  # one of KINDS
    subtitle: str = ""


KINDS = ("chi-tieu", "linh-vuc", "co-quan", "nhiem-vu", "dia-ban", "dau-tu", "trang")  # ranked in this order
KIND_LABELS = {
    "chi-tieu": "Chỉ tiêu",
    "linh-vuc": "Lĩnh vực",
    "co-quan": "Cơ quan",
    "nhiem-vu": "Nhiệm vụ",
    "dia-ban": "Địa bàn",
    "dau-tu": "Đầu tư",
    "trang": "Trang",
}


class Synonyms:
    """Abbreviations and what they stand for, both ways: a text holding one also holds the other."""

    def __init__(self, pairs: Iterable[tuple[str, Sequence[str]]]):
        self.pairs: list[tuple[list[str], list[list[str]]]] = []
        for abbr, expansions in pairs:
            short = words(abbr)
            longs = [w for w in (words(e) for e in expansions) if w]
            if short and longs:
                self.pairs.append((short, longs))

    def expand(self, tokens: list[str]) -> list[str]:
        """``tokens`` and, for each abbreviation or expansion found in them, the other forms."""
        out = list(tokens)
        for short, longs in self.pairs:
            forms = [short, *longs]
            if any(_contains(tokens, f) for f in forms):
                for f in forms:
                    if not _contains(tokens, f):
                        out += f
        return out

    def variants(self, tokens: list[str]) -> list[str]:
        """The text with each form replaced by each other form, for phrase matches («duong oto»)."""
        text = " ".join(tokens)
        out = []
        for short, longs in self.pairs:
            forms = [" ".join(f) for f in (short, *longs)]
            for f in forms:
                if _contains(tokens, f.split()):
                    out += [re.sub(rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])", g, text) for g in forms if g != f]
        return out

    def to_json(self) -> list[list[str]]:
        return [[" ".join(s), *(" ".join(x) for x in longs)] for s, longs in self.pairs]


def _contains(tokens: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` occurs in ``tokens`` as whole words, in order: one search in the joined text (the words
    are [a-z0-9]+, so a space marks each boundary), not a comparison at every position."""
    if not phrase:
        return False
    return f" {' '.join(phrase)} " in f" {' '.join(tokens)} "


_SKIPPED_TAGS = frozenset({"script", "style", "object"})  # as the theme's search: their text is not the page's
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_MARKUP = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)


def page_text(markup: str) -> str:
    """The text of a generated page's HTML, as the theme's search takes it (elements marked ``data-search-exclude``
    and scripts, styles and objects left out), in one pass of a regular expression: the theme's HTML parser takes
    most of a large plan's build on pages whose text is plain."""
    out: list[str] = []
    skipping: str | None = None  # the tag of the element being left out, and how deep in it
    depth = 0
    pos = 0
    for m in _MARKUP.finditer(markup):
        if skipping is None:
            out.append(markup[pos : m.start()])
        pos = m.end()
        closing, tag = m.group(1), (m.group(2) or "").lower()
        if not tag:  # a comment
            continue
        if skipping is not None:
            if tag == skipping and tag not in _VOID and not m.group(3).rstrip().endswith("/"):
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
            continue
        if not closing and tag not in _VOID and (tag in _SKIPPED_TAGS or "data-search-exclude" in m.group(3)):
            if not m.group(3).rstrip().endswith("/"):
                skipping, depth = tag, 1
            continue
        out.append(" ")
    if skipping is None:
        out.append(markup[pos:])
    return " ".join(html.unescape("".join(out)).split())


def build_index(
    site_dir: Path,
    pages: dict[str, PageInfo],
    synonyms: Synonyms,
    merge: bool = False,
    texts: dict[str, tuple[str, str]] | None = None,
) -> tuple[int, int]:
    """Write the two index files from the theme's index; return their sizes in bytes.

    ``texts``: pages left out of the theme's index (URL -> title, text: ``page_text``), indexed the same way.
    ``merge``: the theme's index holds only the pages this build wrote (a rebuild of ``mkdocs serve --dirty``):
    the entries of the index already in ``site_dir`` are kept for every other page."""
    theme = site_dir / THEME_INDEX
    if not theme.exists():
        return 0, 0
    docs = json.loads(theme.read_text(encoding="utf-8")).get("docs", [])
    docs += [{"location": url, "title": title, "text": text} for url, (title, text) in (texts or {}).items()]
    by_page: dict[str, dict[str, list[str]]] = {}
    for doc in docs:
        url, _, _anchor = str(doc.get("location", "")).partition("#")
        entry = by_page.setdefault(url, {"title": [], "text": []})
        title = _plain(doc.get("title", ""))
        if not _anchor:
            entry["title"].insert(0, title)
        else:
            entry["text"].append(title)
        entry["text"].append(_plain(doc.get("text", "")))
    titles, bodies = [], []
    for url, entry in by_page.items():
        if not entry["title"]:
            continue
        title = entry["title"][0]
        info = pages.get(url) or PageInfo(url, "trang")
        title_words = synonyms.expand(words(title))
        variants = synonyms.variants(words(title))
        seen = set(title_words)
        body: list[str] = []
        text = [] if info.kind in TITLE_ONLY_KINDS else entry["text"]
        for w in synonyms.expand(words(" ".join(text))):
            if w not in seen:
                seen.add(w)
                body.append(w)
                if len(body) >= MAX_BODY_WORDS:
                    break
        titles.append([url, title, KINDS.index(info.kind), info.subtitle, " ".join(title_words), "|".join(variants)])
        bodies.append(" ".join(body))
    if merge:
        titles, bodies = _merged(site_dir, titles, bodies)
    head = {"kinds": [KIND_LABELS[k] for k in KINDS], "synonyms": synonyms.to_json()}
    a = json.dumps({**head, "pages": titles}, ensure_ascii=False, separators=(",", ":")).encode()
    b = json.dumps(bodies, ensure_ascii=False, separators=(",", ":")).encode()
    (site_dir / TITLES).write_bytes(a)
    (site_dir / BODIES).write_bytes(b)
    theme.unlink()  # the theme's own search is not used: nobody downloads its index
    return len(a), len(b)


def _merged(site_dir: Path, titles: list[list[Any]], bodies: list[str]) -> tuple[list[list[Any]], list[str]]:
    """The index already written, each page this build wrote replaced, in the order the full build wrote them."""
    try:
        old_titles = json.loads((site_dir / TITLES).read_text(encoding="utf-8"))["pages"]
        old_bodies = json.loads((site_dir / BODIES).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return titles, bodies
    entries: dict[str, tuple[list[Any], str]] = {row[0]: (row, body) for row, body in zip(old_titles, old_bodies, strict=False)}
    entries.update({row[0]: (row, body) for row, body in zip(titles, bodies, strict=True)})
    return [row for row, _ in entries.values()], [body for _, body in entries.values()]


SCRIPT_GLOBAL = "__plansiteSearch"


def write_scripts(site_dir: Path) -> list[Path]:
    """The two index files again as scripts, for a site read from disk (the offline preview): a browser refuses to
    fetch a file from a page opened from disk, but runs a script the page loads. Each sets one entry of a global,
    which ``docs/assets/plansite.js`` reads when the page's address starts with file://."""
    out = []
    for name in (TITLES, BODIES):
        src = site_dir / name
        if not src.exists():
            continue
        entry = json.dumps(Path(name).stem)
        text = f"window.{SCRIPT_GLOBAL} = window.{SCRIPT_GLOBAL} || {{}};\nwindow.{SCRIPT_GLOBAL}[{entry}] = "
        dest = src.with_suffix(".js")
        dest.write_bytes(text.encode() + src.read_bytes() + b";\n")
        out.append(dest)
    return out


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text))
