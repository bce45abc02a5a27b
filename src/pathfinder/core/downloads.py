"""CSV downloads of lists, safe to open in a spreadsheet.

A text cell that begins with = + - @, a tab or a carriage return could be read as a
formula by a spreadsheet, so it gets a leading single quote (docs/decisions/0051).
Numbers are written as numbers: they cannot carry a formula.
"""

import csv
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable]) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([safe_cell(v) for v in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]):
    """Stream the rows as a CSV attachment named `filename`."""
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
