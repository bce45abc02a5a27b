"""Reading and checking an uploaded ledger file (CSV or XLSX) for one organisation.

The columns and cell types are the data package's own (`packages.schema`, table
`ledger`), so an upload accepts exactly what `ledger.csv` in a package accepts. The
whole file is checked before anything is written; the rows are read a second time to
write them, so a big file is never held in memory.
"""

import csv
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pathfinder.core.errors import UserError
from pathfinder.packages.schema import BY_NAME

LEDGER = BY_NAME["ledger"]
MAX_PROBLEMS = 500
KINDS = (".csv", ".xlsx")


@dataclass
class Check:
    """The outcome of checking a file: data rows seen and every problem (up to a limit)."""

    rows: int = 0
    problems: list[dict] = field(default_factory=list)
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, row: int, column: str | None, message: str) -> bool:
        """Record a problem; False once the limit is reached (stop reading)."""
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            return False
        self.problems.append({"row": row, "column": column, "message": message})
        return True


def kind_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in KINDS:
        raise UserError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")
    return suffix


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cell_text(value) -> str:
    """A spreadsheet cell as the text a package cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # The shortest text that reads back as the same float: 1234.5, not 1234.4999…
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _csv_rows(path: Path, progress: Callable[[int], None]) -> Iterator[list[str]]:
    size = max(path.stat().st_size, 1)
    with open(path, "rb") as raw:
        done = 0

        def lines():
            nonlocal done
            first = True
            for line in raw:
                done += len(line)
                text = line.decode("utf-8")
                if first:
                    text = text.removeprefix("\ufeff")
                    first = False
                yield text

        reader = csv.reader(lines(), strict=True)
        for i, row in enumerate(reader):
            if i % 5000 == 0:
                progress(done * 100 // size)
            yield row


def _xlsx_rows(path: Path, progress: Callable[[int], None]) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise UserError(f"The file cannot be read as an Excel workbook: {e}") from None
    try:
        sheet = book.worksheets[0]
        total = max(sheet.max_row or 1, 1)
        for i, values in enumerate(sheet.iter_rows(values_only=True)):
            if i % 5000 == 0:
                progress(i * 100 // total)
            cells = [cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield cells
    finally:
        book.close()


def rows_of(path: Path, kind: str, progress: Callable[[int], None]) -> Iterator[list[str]]:
    """The file's rows as lists of text cells, the header first."""
    return _csv_rows(path, progress) if kind == ".csv" else _xlsx_rows(path, progress)


def _header(header: list[str], check: Check) -> list | None:
    names = {c.name for c in LEDGER.columns}
    listed = ", ".join(c.name for c in LEDGER.columns)
    seen = []
    for h in header:
        h = h.strip()
        if h not in names:
            check.problem(1, h, f"unknown column; a ledger file has: {listed}")
        elif h in seen:
            check.problem(1, h, "column appears twice")
        seen.append(h)
    for name in LEDGER.required:
        if name not in seen:
            check.problem(1, name, "required column is missing")
    if check.problems:
        return None
    return [LEDGER.column(h) for h in seen]


def parsed_rows(
    path: Path, kind: str, org_code: str, check: Check, progress: Callable[[int], None]
) -> Iterator[dict]:
    """Each good data row as model field values; every problem goes into `check`.

    Row numbers are the file's (the header is row 1), as a spreadsheet shows them.
    """
    rows = rows_of(path, kind, progress)
    rowno = 1
    try:
        try:
            header = next(rows)
        except StopIteration:
            check.problem(1, None, "the file is empty: the header row is missing")
            return
        columns = _header(header, check)
        if columns is None:
            return
        width = len(columns)
        for rowno, cells in enumerate(rows, start=2):
            if not any(c.strip() for c in cells):
                continue
            check.rows += 1
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                message = f"has {len(cells)} cells; the header has {width}"
                if not check.problem(rowno, None, message):
                    return
                continue
            values, good = {}, True
            for i, col in enumerate(columns):
                text = cells[i] if i < len(cells) else ""
                if text == "":
                    if col.required:
                        good = False
                        if not check.problem(rowno, col.name, "a value is required"):
                            return
                    else:
                        values[col.field_name] = col.default
                    continue
                try:
                    value = col.type.parse(text)
                except ValueError as e:
                    good = False
                    if not check.problem(rowno, col.name, str(e)):
                        return
                    continue
                if col.name == "org_code" and value != org_code:
                    good = False
                    if not check.problem(
                        rowno, col.name, f"this upload is for {org_code}, not {value!r}"
                    ):
                        return
                    continue
                values[col.field_name] = value
            if good:
                yield values
    except csv.Error as e:
        check.problem(rowno + 1, None, f"malformed CSV: {e}")
    except UnicodeDecodeError:
        check.problem(rowno + 1, None, "not UTF-8 text: save the file as CSV UTF-8")


def check_file(path: Path, kind: str, org_code: str, progress=lambda p: None) -> Check:
    """Read the whole file and name every problem; write nothing."""
    check = Check()
    for _ in parsed_rows(path, kind, org_code, check, progress):
        pass
    if check.ok and check.rows == 0:
        check.problem(2, None, "the file has a header but no rows")
    return check
