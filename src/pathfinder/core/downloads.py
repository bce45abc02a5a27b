"""CSV and XLSX downloads of lists, safe to open in a spreadsheet.

A text cell that begins with = + - @, a tab or a carriage return could be read as a
formula by a spreadsheet, so it gets a leading single quote (docs/decisions/0051,
0145). Numbers are written as numbers, in CSV and XLSX alike: they cannot carry a
formula, and a negative amount stays one a finance lead can add up. Every download of
people's data (CSV or XLSX) goes through `safe_cell`; the data package `export` does
not, being a data format read back by the loader (0145).
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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


def xlsx_bytes(title: str, header: list[str], rows: Iterable[Iterable]) -> bytes:
    """One sheet named `title`: the header, then the rows, every cell through
    `safe_cell` (openpyxl would store a text starting with "=" as a formula)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_streamed(filename: str, title: str, header: list[str], rows: Iterable[Iterable]):
    """An Excel attachment of any size: openpyxl's write-only sheet spills rows to a
    temporary file as it goes, and the finished file is sent from disk in blocks, so a
    national download is never held in memory whole."""
    import tempfile

    from django.http import FileResponse
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response when sent
    book.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX)


def xlsx_response(filename: str, title: str, header: list[str], rows: Iterable[Iterable]):
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
