"""Fixtures for the board pack's tests: the web fixtures, and a pack's PDF as text."""

import io

from tests.web.conftest import demo_users, outsider_user  # noqa: F401


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace runs as single spaces (lines wrap anywhere)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def money(value) -> str:
    """A figure as the pack prints it: £1,234.56 or −£1,234.56."""
    from decimal import Decimal

    v = Decimal(value)
    return ("−" if v < 0 else "") + f"£{abs(v):,.2f}"
