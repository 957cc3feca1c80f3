"""How wide a line of text is drawn, estimated safely (never short) without a font file.

Used where text must fit: the title and source lines inside a chart's downloads (``downloads``), and
the value labels of a line chart, which are left out where they would overlap (``labels``).
"""

from __future__ import annotations

import unicodedata

# How wide a letter is, in em, in the widest font the image names (DejaVu Sans Bold, as chromium measures it), each
# class rounded up; a letter with diacritics is as wide as its base letter (Ơ, Ư a little wider: in the upper class).
# Any other character (another script, a symbol) counts as the widest class, so an estimate is never short.
_EM = {
    **dict.fromkeys(" '.,·:;/|ijlIJ", 0.41),
    **dict.fromkeys('-()[]!ftr_–"', 0.53),
    **dict.fromkeys("?zcsL«»vxyakeo0123456789hnuSYbdgpqETFCPZ", 0.74),
    **dict.fromkeys("BAKRVXUGDHNOQ+=&*#$", 0.89),
    **dict.fromkeys("wmMW%—@", 1.12),
}
_WIDEST = 1.12
_BASE = {"đ": "d", "Đ": "D"}


def text_width(text: str, size: float) -> float:
    """A safe estimate of how many pixels ``text`` takes at ``size`` px in the image's fonts: never less than it does."""
    em = 0.0
    for ch in text:
        base = _BASE.get(ch) or unicodedata.normalize("NFD", ch)[:1]
        em += _EM.get(base, _WIDEST)
    return em * size
