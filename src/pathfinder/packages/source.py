"""Opening a data package: a folder of CSV files, or a .zip of one."""

import csv
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path


class PackageError(Exception):
    """The package cannot be read at all (missing, not a folder or zip)."""


class Package:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            raise PackageError(f"{self.path}: no such file or folder")
        self._zip = None
        self._members: dict[str, str] = {}
        if self.path.is_dir():
            self._members = {p.name: str(p) for p in sorted(self.path.glob("*.csv"))}
        elif zipfile.is_zipfile(self.path):
            self._zip = zipfile.ZipFile(self.path)
            for name in self._zip.namelist():
                base = name.rsplit("/", 1)[-1]
                if base.endswith(".csv") and not name.startswith("__MACOSX"):
                    if base in self._members:
                        raise PackageError(f"{self.path}: {base} appears twice in the zip")
                    self._members[base] = name
        else:
            raise PackageError(f"{self.path}: not a folder or a .zip file")

    def files(self) -> list[str]:
        return sorted(self._members)

    def path_of(self, filename: str) -> Path | None:
        """Where a file of a folder package is on disk (None inside a zip)."""
        return None if self._zip is not None else Path(self._members[filename])

    @contextmanager
    def open(self, filename: str):
        """Text stream of one file, BOM removed, newlines left to the csv module."""
        if self._zip is not None:
            raw = self._zip.open(self._members[filename])
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        else:
            stream = open(self._members[filename], encoding="utf-8-sig", newline="")  # noqa: SIM115
        try:
            yield stream
        finally:
            stream.close()

    @contextmanager
    def open_bytes(self, filename: str):
        """The file's bytes as stored."""
        if self._zip is not None:
            stream = self._zip.open(self._members[filename])
        else:
            stream = open(self._members[filename], "rb")  # noqa: SIM115
        try:
            yield stream
        finally:
            stream.close()

    def reader(self, stream):
        return csv.reader(stream, strict=True)

    def close(self):
        if self._zip is not None:
            self._zip.close()
