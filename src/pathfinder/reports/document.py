"""The board pack of a body as at a date: its HTML (one template for the page and the
PDF) and the PDF made from it. Each section formats the answer of the analysis the CLI,
the API and the pages call; nothing here computes a rule."""

import datetime as dt
from collections.abc import Callable

Progress = Callable[[str, int], None]  # (what is being done, percent done)


def _quiet(what: str, percent: int) -> None:
    pass


def pack_html(
    body_id: str, as_at: dt.date, *, for_pdf: bool = True, progress: Progress = _quiet
) -> str:
    """The pack as one HTML document (for_pdf) or as the content of the pack page.

    Raises UserError for an unknown body or a date with no data."""
    raise NotImplementedError


def pack_pdf(body_id: str, as_at: dt.date, *, progress: Progress = _quiet) -> bytes:
    """The pack as a tagged PDF (PDF/UA) with page numbers and a bookmark per section."""
    raise NotImplementedError
