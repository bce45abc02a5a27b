"""Reading ODS extracts and recognising their layout.

Three headerless 27-column layouts are understood, recognised from their content:
`epraccur` (GP practices and other prescribing cost centres, also the `egpam`
amendments), `eccg` (CCGs, sub-ICB locations, commissioning hubs) and `etr`/`etrust`
(NHS trusts, and in `etrust` their sites). A `.zip` holding one such CSV is read too.
"""

import hashlib
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

from pathfinder.core.errors import UserError
from pathfinder.core.refs import is_code

WIDTH = 27
MIN_WIDTH = 12

# Column positions (0-based) of the ODS 27-field layout.
CODE, NAME, OPENED, CLOSED = 0, 1, 10, 11
SUB_TYPE, COMMISSIONER, JOINED, LEFT = 13, 14, 15, 16
GOR, SETTING = 23, 25

PRACTITIONER_SUB_TYPES = frozenset({"O", "P"})
ORGANISATION_SUB_TYPES = frozenset({"B", "Z"})


def read_rows(path: str | Path) -> tuple[str, list[list[str]], str]:
    """The file's name, its rows padded to 27 fields, and the SHA-256 of its bytes."""
    import csv

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror or e}") from None
    digest = hashlib.sha256(data).hexdigest()
    name = path.name
    if zipfile.is_zipfile(io.BytesIO(data)):
        name, data = _only_csv_in_zip(path, data)
    text = _decode(data)
    rows = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < MIN_WIDTH:
            raise UserError(
                f"{name} line {n}: {len(row)} fields; an ODS extract has {WIDTH} "
                "(is this an ODS epraccur, eccg or etr file?)"
            )
        rows.append([cell.strip() for cell in row] + [""] * (WIDTH - len(row)))
    if rows and _looks_like_header(rows[0]):
        rows = rows[1:]
    if not rows:
        raise UserError(f"{name} holds no rows")
    return name, rows, digest


def _only_csv_in_zip(path: Path, data: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [
            m for m in z.namelist() if m.lower().endswith(".csv") and not m.startswith("__MACOSX/")
        ]
        if len(members) != 1:
            found = ", ".join(members) or "none"
            raise UserError(f"{path.name} should hold exactly one CSV file (found: {found})")
        return Path(members[0]).name, z.read(members[0])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older ODS releases are Windows-1252.
        return data.decode("cp1252", errors="replace")


def _looks_like_header(row: list[str]) -> bool:
    return not is_code(row[CODE]) and not re.fullmatch(r"\d{8}", row[OPENED])


# ---------------------------------------------------------------- detecting


def row_type(row: list[str]) -> str | None:
    """Which layout one row looks like; None when it gives no sign."""
    if row[SUB_TYPE] in ORGANISATION_SUB_TYPES | PRACTITIONER_SUB_TYPES or row[SETTING].isdigit():
        return "epraccur"
    if re.fullmatch(r"[A-Z]", row[GOR]):
        return "etr"
    role = row[SUB_TYPE]
    if role == "C" or role.startswith("RO") or re.fullmatch(r"\d\d[A-Z]", row[CODE]):
        return "eccg"
    return None


def detect(rows: list[list[str]], name: str = "the file") -> str:
    votes = Counter(t for t in map(row_type, rows[:2000]) if t)
    if votes:
        kind, n = votes.most_common(1)[0]
        if n * 2 > sum(votes.values()):
            return kind
    raise UserError(
        f"{name} is not an ODS extract this command knows (epraccur, eccg or etr): "
        "expected headerless rows of 27 fields"
    )
