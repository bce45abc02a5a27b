"""XLSX downloads of the registers: the shared writer of `core/downloads.py`, so a text
cell that could run as a formula is written as text with a leading quote
(docs/decisions/0051, 0145)."""

from pathfinder.core.downloads import XLSX, xlsx_bytes, xlsx_response

__all__ = ["XLSX", "xlsx_bytes", "xlsx_response"]
