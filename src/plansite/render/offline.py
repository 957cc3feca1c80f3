"""Offline reading and the home-screen: the service worker and the web app manifest, written at build time.

The service worker (``render/templates/sw.js``) keeps the pages a reader opened and the files
they used; the manifest lets people add the site to their phone's home screen, with icons
drawn here (the plan's initials on the site's colour) and turned into PNG by vl-convert.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment

THEME_COLOR = "#0b4f6c"
ICON_SIZES = (192, 512)


def _short(name: str, room: int = 24) -> str:
    """A name for under a home-screen icon: whole words up to ``room`` characters (never cut inside a word)."""
    if len(name) <= room:
        return name
    words, out = name.split(), ""
    for word in words:
        if len(out) + len(word) + (1 if out else 0) > room:
            break
        out = f"{out} {word}" if out else word
    return out or name[:room]


def write_offline(site_dir: Path, env: Environment, name: str, short_name: str, description: str) -> None:
    version = _version(site_dir)
    (site_dir / "sw.js").write_text(env.get_template("sw.js").render(version=version), encoding="utf-8")
    icons = []
    for size in ICON_SIZES:
        path = site_dir / "assets" / "images" / f"bieu-tuong-{size}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_icon_png(short_name, size))
        icons.append({"src": f"assets/images/bieu-tuong-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"})
    manifest = {
        "name": name,
        "short_name": _short(short_name),
        "description": description,
        "lang": "vi",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }
    (site_dir / "manifest.webmanifest").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _version(site_dir: Path) -> str:
    """A hash of the site's styles and scripts: a new worker (and fresh caches) when they change."""
    h = hashlib.sha256()
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.is_file() and path.suffix in (".css", ".js"):
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:12]


def _icon_png(label: str, size: int) -> bytes:
    import vl_convert as vlc

    letters = "".join(w[0] for w in label.split() if w[:1].isalnum())[:3].upper() or "KH"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="18" fill="{THEME_COLOR}"/>'
        f'<text x="50" y="62" font-family="DejaVu Sans, sans-serif" font-size="34" font-weight="bold" fill="#fff" '
        f'text-anchor="middle">{xml_escape(letters)}</text></svg>'
    )
    return bytes(vlc.svg_to_png(svg, scale=1))
