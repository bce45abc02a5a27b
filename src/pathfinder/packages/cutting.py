"""Cutting a CSV file into parts at record boundaries, by counting quotes.

A cut is the first newline after an equal share of the bytes with an even number of
quotes before it; in a well-formed file that newline ends a record. A stray quote can
defeat the count, which the reader of a part finds (docs/decisions/0126).
"""

import csv
import io
import os

from pathfinder.packages.schema import Table

CHUNK = 4 << 20


def header(path: str) -> tuple[list[str] | None, int]:
    """The header row and the offset of the first byte after it, when the header ends
    at the first newline outside quotes."""
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    quotes = 0
    pos = 0
    while (nl := head.find(b"\n", pos)) >= 0:
        quotes += head.count(b'"', pos, nl + 1)
        pos = nl + 1
        if quotes % 2 == 0:
            try:
                rows = list(csv.reader(io.StringIO(head[:pos].decode("utf-8-sig"), newline="")))
            except (csv.Error, UnicodeDecodeError):
                return None, 0
            return (rows[0], pos) if len(rows) == 1 else (None, 0)
    return None, 0


def header_clean(path: str, header: list[str], table: Table) -> bool:
    names = {c.name for c in table.columns}
    return (
        len(set(header)) == len(header)
        and set(header) <= names
        and set(table.required) <= set(header)
    )


def cuts(path: str, start: int, parts: int) -> list[tuple[int, int]]:
    """Where the parts begin (byte offset, newlines before it since `start`), ending with
    the end of the file. A cut is the first newline after an equal share of the bytes with
    an even number of quotes before it, so that in a well-formed file it ends a record."""
    size = os.path.getsize(path)
    out = [(start, 0)]
    pos, quotes, newlines = start, 0, 0
    with open(path, "rb") as f:
        f.seek(start)
        for k in range(1, parts):
            target = start + (size - start) * k // parts
            while pos < target:
                chunk = f.read(min(CHUNK, target - pos))
                quotes += chunk.count(b'"')
                newlines += chunk.count(b"\n")
                pos += len(chunk)
            while True:
                chunk = f.read(1 << 16)
                if not chunk:
                    return out + [(size, newlines)]
                nl = chunk.find(b"\n")
                while nl >= 0 and (quotes + chunk.count(b'"', 0, nl + 1)) % 2:
                    nl = chunk.find(b"\n", nl + 1)
                if nl >= 0:
                    quotes += chunk.count(b'"', 0, nl + 1)
                    newlines += chunk.count(b"\n", 0, nl + 1)
                    pos += nl + 1
                    f.seek(pos)
                    break
                quotes += chunk.count(b'"')
                newlines += chunk.count(b"\n")
                pos += len(chunk)
            if pos < size:
                out.append((pos, newlines))
    out.append((size, newlines))
    return out
