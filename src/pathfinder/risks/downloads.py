"""XLSX downloads of risk lists, with the same cell guard as the CSV downloads: a text
cell that a spreadsheet could read as a formula starts with a single quote."""

import io
from collections.abc import Iterable

from django.http import HttpResponse
from openpyxl import Workbook

from pathfinder.core.downloads import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(header: list[str], rows: Iterable[Iterable]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Risks")
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        # openpyxl would store a text cell starting with "=" as a formula
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
