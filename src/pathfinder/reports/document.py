"""The board pack of a body as at a date: its HTML (one template for the page and the
PDF) and the PDF made from it. Each section formats the answer of the analysis the CLI,
the API and the pages call; nothing here computes a rule (docs/decisions/0131, 0132)."""

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

from pathfinder.reports.sections import Pack, build_pack

Progress = Callable[[str, int], None]  # (what is being done, percent done)
PDF_CSS = Path(__file__).parent / "static" / "reports" / "pack-pdf.css"


def _quiet(what: str, percent: int) -> None:
    pass


@cache
def _css() -> str:
    return PDF_CSS.read_text(encoding="utf-8")


def render_pack(pack: Pack, *, for_pdf: bool, request=None) -> str:
    """The pack's HTML: a standalone document for the PDF; else the pack's content alone,
    or, given the request, the whole page in the site's layout."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    if for_pdf:
        return render_to_string(
            "reports/pack_document.html",
            {"pack": pack, "css": _css(), "built_at": timezone.now().isoformat()},
        )
    if request is None:
        return render_to_string("reports/pack_content.html", {"pack": pack})
    return render_to_string(
        "reports/pack.html", {"pack": pack, "title": pack.title}, request=request
    )


def pack_html(
    body_id: str,
    as_at: dt.date,
    *,
    for_pdf: bool = True,
    progress: Progress = _quiet,
    request=None,
) -> str:
    """The pack as one HTML document (for_pdf) or as the content of the pack page (the
    whole page when given the request).

    Raises UserError for an unknown body or a date with no data."""
    pack = build_pack(body_id, as_at, progress)
    progress("Writing the pack", 90)
    html = render_pack(pack, for_pdf=for_pdf, request=request)
    progress("Done", 100)
    return html


def pack_pdf(body_id: str, as_at: dt.date, *, progress: Progress = _quiet) -> bytes:
    """The pack as a tagged PDF (PDF/UA) with page numbers and a bookmark per section."""
    pack = build_pack(body_id, as_at, lambda what, pct: progress(what, pct * 6 // 10))
    progress("Writing the pack", 60)
    html = render_pack(pack, for_pdf=True)
    progress("Making the PDF", 70)
    pdf = write_pdf(html)
    progress("Done", 100)
    return pdf


def write_pdf(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    # WeasyPrint warns about fonts and CSS it skips on stderr; the pack's CSS is ours.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
