"""Links that come from data: only absolute http(s) addresses are published."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_url(url: str) -> bool:
    """Only absolute http(s) links may come from data (no javascript:, data: …)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c in url.strip() for c in "\n\r\t<>\"' ")


def shown_url(url: str) -> str:
    """A link as a message quotes it: at most 80 characters."""
    return url[:80]
