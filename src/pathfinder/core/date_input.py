"""Reading a date typed into the NHS.UK date input: day, month and year in three boxes
(`NAME-day`, `NAME-month`, `NAME-year`), with the design system's messages naming the
field and what is wrong. The ISO form `NAME=YYYY-MM-DD` is read too, for links and
bookmarks (docs/decisions/0181-day-month-year-date-input.md).

Pure: no Django imports, so pages, forms and the as-at control share one reading."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pathfinder.core.iso_dates import parse_date

PARTS = ("day", "month", "year")
HINT = "For example, 3 11 2011"
_MONTHS = {
    name: n
    for n, full in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
    for name in (full, full[:3])
}
_MONTHS["sept"] = 9


@dataclass(frozen=True)
class DateEntry:
    """What was typed, the date it gives, or the message and the boxes to mark."""

    day: str = ""
    month: str = ""
    year: str = ""
    date: dt.date | None = None
    error: str = ""
    wrong: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.day or self.month or self.year)

    @property
    def values(self) -> dict[str, str]:
        return {"day": self.day, "month": self.month, "year": self.year}


def entry_of(day: dt.date | None) -> DateEntry:
    """The boxes filled with a date already known."""
    if day is None:
        return DateEntry()
    return DateEntry(str(day.day), str(day.month), str(day.year), date=day)


def given(data: Mapping, name: str) -> bool:
    """Whether `data` carries the date `name` in either form."""
    return name in data or any(f"{name}-{p}" in data for p in PARTS)


def read_date(
    data: Mapping, name: str, label: str = "Date", required: bool = True, missing: str = ""
) -> DateEntry:
    """The date `name` of submitted `data` (a QueryDict or a dict): the three boxes, or
    else the ISO form. `missing` is the message for nothing typed in a required date."""
    if not any(f"{name}-{p}" in data for p in PARTS) and data.get(name) is not None:
        return read_iso(str(data.get(name)), label, required, missing)
    day, month, year = (str(data.get(f"{name}-{p}") or "") for p in PARTS)
    return read_parts(day, month, year, label, required, missing)


def read_iso(text: str, label: str = "Date", required: bool = True, missing: str = "") -> DateEntry:
    text = text.strip()
    if not text:
        return read_parts("", "", "", label, required, missing)
    try:
        return entry_of(parse_date(text))
    except ValueError:
        return DateEntry(error=f"{label} must be a real date", wrong=PARTS)


def read_parts(
    day: str, month: str, year: str, label: str = "Date", required: bool = True, missing: str = ""
) -> DateEntry:
    typed = DateEntry(day.strip(), month.strip(), year.strip())
    if typed.empty:
        if required:
            return _wrong(typed, missing or f"Enter the {label[:1].lower()}{label[1:]}", PARTS)
        return typed
    absent = tuple(p for p in PARTS if not getattr(typed, p))
    if absent:
        return _wrong(typed, f"{label} must include a {' and '.join(absent)}", absent)
    d, m, y = _number(typed.day), _month(typed.month), typed.year
    if d is None or not 1 <= d <= 31:
        return _wrong(typed, f"{label} must be a real date", ("day",))
    if m is None or not 1 <= m <= 12:
        return _wrong(typed, f"{label} must be a real date", ("month",))
    if len(y) != 4 or not y.isdigit():
        return _wrong(typed, f"{label} must include a year of 4 numbers, like 2011", ("year",))
    try:
        found = dt.date(int(y), m, d)
    except ValueError:
        return _wrong(typed, f"{label} must be a real date", PARTS)
    return DateEntry(typed.day, typed.month, typed.year, date=found)


def _wrong(typed: DateEntry, message: str, parts: tuple[str, ...]) -> DateEntry:
    return DateEntry(typed.day, typed.month, typed.year, error=message, wrong=parts)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= 2 else None


def _month(text: str) -> int | None:
    return _number(text) if text.isdigit() else _MONTHS.get(text.lower().rstrip("."))


def as_entry(value, label: str = "Date", required: bool = False) -> DateEntry:
    """Whatever a page holds for a date input, as an entry: an entry, a date, the parts
    typed (a dict), ISO text, or nothing."""
    if isinstance(value, DateEntry):
        return value
    if isinstance(value, dt.date):
        return entry_of(value)
    if isinstance(value, Mapping):
        return read_parts(*(str(value.get(p) or "") for p in PARTS), label, required)
    if isinstance(value, str) and value.strip():
        return read_iso(value, label, required)
    return DateEntry()


def read_dates(
    submitted: Mapping, data: dict, dates: dict[str, str], optional: tuple[str, ...] = ()
) -> tuple[dict, dict[str, str]]:
    """`data` with each date of `dates` (field name -> what the date is called) read from
    `submitted`: the date, "" when none is typed, or the entry as typed when it is wrong
    (the page shows it again); and the message for each wrong one."""
    out, errors = dict(data), {}
    for name, what in dates.items():
        entry = read_date(submitted, name, what, required=name not in optional)
        if entry.error:
            out[name], errors[name] = entry, entry.error
        else:
            out[name] = entry.date or ""
    return out, errors
