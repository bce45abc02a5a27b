"""XLSX downloads with the same guard as the CSV downloads: a text cell that could run
as a formula is written as text with a leading quote (docs/decisions/0051)."""

import io

from django.http import HttpResponse

from pathfinder.core.downloads import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(title: str, header: list[str], rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        # safe_cell turns every formula-like text into quoted text; openpyxl reads only
        # a leading "=" as a formula, which no guarded cell has.
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, title: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
