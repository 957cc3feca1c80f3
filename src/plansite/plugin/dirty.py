"""The files of a rebuild of ``mkdocs serve --dirty``: which pages MkDocs writes again (``plansite.rebuild``).

With ``--dirty``, MkDocs reads and writes only the pages whose file says it is modified. A generated
page counts as modified always, and a hand-written one when its source is newer than its HTML; here
instead, a generated page the rebuild did not render keeps the HTML the last build wrote, and every
hand-written page is written again (its macros show the data, which may have changed).
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


class _Kept(File):
    def is_modified(self) -> bool:
        return False


class _Written(File):
    def is_modified(self) -> bool:
        return True


def rebuilt_files(files: Files, config: MkDocsConfig, rendered: dict[str, str], kept: list[str]) -> Files:
    """``files`` with the pages just rendered, those kept from the last build, and every hand-written page written."""
    for f in list(files.documentation_pages()):
        files.remove(f)
        again = _Written(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls, dest_uri=f.dest_uri, inclusion=f.inclusion)
        again.abs_src_path = f.abs_src_path
        files.append(again)
    for src_uri, content in rendered.items():
        _replace(files, _Written.generated(config, src_uri, content=content))
    for src_uri in kept:
        if src_uri not in rendered:
            _replace(files, _Kept.generated(config, src_uri, content=""))
    return files


def _replace(files: Files, new: File) -> None:
    existing = files.get_file_from_path(new.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(new)


class DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale, and ``strict: true`` then stops
    ``mkdocs serve --dirty``. Here the warning does not hold: no page a rebuild keeps is in the navigation, and
    every page that lists others is written again. It is logged as information, so strict mode still stops
    on every real warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def quiet_dirty_notice() -> None:
    target = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in target.filters):
        target.addFilter(DirtyNotice())
