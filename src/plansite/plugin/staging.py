"""Build into a staging folder and swap it into place at the end: a failed build leaves the old site untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class Staging:
    """The folder MkDocs writes to during one build, and the one it replaces if the build succeeds."""

    def __init__(self, final: Path):
        self.final = final.resolve()
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-staging-", dir=self.final.parent))

    def publish(self) -> None:
        """Replace the final folder by the staging folder with two renames; the old site is removed only afterwards."""
        old = None
        if self.final.exists():
            old = self.final.with_name(f".{self.final.name}-old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
            self.final.rename(old)
        self.folder.rename(self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
