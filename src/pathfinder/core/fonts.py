"""The NHS.UK stylesheet without its remote font faces, unless a deployment asks for them.

The stylesheet's @font-face rules fetch Frutiger from assets.nhs.uk, and a browser
holds a page's load event until its fonts arrive or fail: where that host cannot be
reached, every first view waited about 5 s (docs/decisions/0185). With
PATHFINDER_NHS_FONTS off (the default) this finder, ahead of the others, serves the
same stylesheet with those rules removed, so text is drawn in its Arial fallback and
the page needs nothing but Pathfinder's own server.
"""

import hashlib
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

STYLESHEET = "nhsuk/nhsuk-frontend.min.css"
REMOTE_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*https://assets\.nhs\.uk/[^}]*\}")


def without_remote_fonts(css: str) -> str:
    return REMOTE_FONT_FACE.sub("", css)


def _source() -> Path | None:
    for prefix, folder in settings.STATICFILES_DIRS:
        if prefix == "nhsuk" and (Path(folder) / "nhsuk-frontend.min.css").is_file():
            return Path(folder) / "nhsuk-frontend.min.css"
    return None


def _generated_folder(source: Path) -> Path:
    """A folder holding STYLESHEET rewritten from `source`, made once per version of it."""
    data = source.read_bytes()
    folder = Path(tempfile.gettempdir()) / "pathfinder-static" / hashlib.sha256(data).hexdigest()
    target = folder / STYLESHEET
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{id(data)}.tmp")
        partial.write_text(without_remote_fonts(data.decode("utf-8")), encoding="utf-8")
        partial.replace(target)
    return folder


class NhsukStylesheetFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._folder = None
        source = _source()
        if source is not None and not getattr(settings, "PATHFINDER_NHS_FONTS", False):
            self._folder = _generated_folder(source)

    def find(self, path, find_all=False, **kwargs):
        if self._folder is None or path != STYLESHEET:
            return [] if find_all else None
        found = str(self._folder / STYLESHEET)
        return [found] if find_all else found

    def list(self, ignore_patterns):
        if self._folder is not None:
            yield STYLESHEET, FileSystemStorage(location=str(self._folder))
