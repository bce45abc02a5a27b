"""XLSX downloads of risk lists: one "Risks" sheet from the shared writer of
`core/downloads.py`, with its guard on formula-like text (docs/decisions/0051, 0145)."""

from collections.abc import Iterable

from pathfinder.core import downloads


def xlsx_response(filename: str, header: list[str], rows: Iterable[Iterable]):
    return downloads.xlsx_response(filename, "Risks", header, rows)
