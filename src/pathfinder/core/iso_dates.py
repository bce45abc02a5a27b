"""Parsing ISO dates strictly (no Django imports: usable before settings load)."""

import datetime as dt


def parse_date(text: str) -> dt.date:
    """Strict ISO YYYY-MM-DD; raises ValueError with a readable message."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None
