"""Parsing ISO dates strictly (no Django imports: usable before settings load)."""

import datetime as dt
import re


def parse_date(text: str) -> dt.date:
    """Strict ISO YYYY-MM-DD; raises ValueError with a readable message."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None


def long_date(value) -> str:
    """'1 April 2011', the NHS.UK style for dates shown; '' for none. ISO text is read."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = parse_date(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _long(match: re.Match) -> str:
    try:
        return long_date(dt.date(*(int(g) for g in match.groups())))
    except ValueError:
        return match.group(0)


def long_dates(text: str) -> str:
    """Text written by an analysis (shared with the CLI and the API, so ISO) with each
    date in it as shown on a page."""
    return _ISO_IN_TEXT.sub(_long, text)
