"""Opening a data package: a folder of CSV files, or a .zip of one.

A package is refused before any of it is read when a file is over the package size
limit, or a zip's member would land outside the folder or its declared expansion is
over the limit; a zip's members are also counted while they are read
(`core/files.py`, docs/decisions/0145-safe-files.md).
"""

import csv
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path

from pathfinder.core import files as checks

MANIFEST = "datapackage.json"


class PackageError(Exception):
    """The package cannot be read at all (missing, not a folder or zip)."""


class Package:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            raise PackageError(f"{self.path}: no such file or folder")
        self._zip = None
        self._members: dict[str, str] = {}
        self._manifest: str | None = None
        self._most = checks.limit("PATHFINDER_MAX_EXPANDED_BYTES")
        biggest = checks.limit("PATHFINDER_MAX_PACKAGE_BYTES")
        if self.path.is_dir():
            self._members = {p.name: str(p) for p in sorted(self.path.glob("*.csv"))}
            for p in self._members.values():
                _checked(checks.check_size, Path(p), f"{self.path.name}/{Path(p).name}", biggest)
            manifest = self.path / MANIFEST
            if manifest.is_file():
                _checked(checks.check_size, manifest, f"{self.path.name}/{MANIFEST}", biggest)
                self._manifest = str(manifest)
        elif zipfile.is_zipfile(self.path):
            _checked(checks.check_size, self.path, self.path.name, biggest)
            self._zip = zipfile.ZipFile(self.path)
            try:
                checks.check_zip_members(self._zip, self.path.name, self._most)
            except checks.FileRefused as e:
                self._zip.close()
                raise PackageError(str(e)) from None
            for name in self._zip.namelist():
                base = name.rsplit("/", 1)[-1]
                if base == MANIFEST and not name.startswith("__MACOSX"):
                    self._manifest = name
                if base.endswith(".csv") and not name.startswith("__MACOSX"):
                    if base in self._members:
                        raise PackageError(f"{self.path}: {base} appears twice in the zip")
                    self._members[base] = name
        else:
            raise PackageError(f"{self.path}: not a folder or a .zip file")

    def files(self) -> list[str]:
        return sorted(self._members)

    def manifest_bytes(self) -> bytes | None:
        """The bytes of the package's datapackage.json, if it has one."""
        if self._manifest is None:
            return None
        if self._zip is not None:
            with self._counted_member(self._manifest) as f:
                return f.read()
        return Path(self._manifest).read_bytes()

    def path_of(self, filename: str) -> Path | None:
        """Where a file of a folder package is on disk (None inside a zip)."""
        return None if self._zip is not None else Path(self._members[filename])

    @contextmanager
    def open(self, filename: str):
        """Text stream of one file, BOM removed, newlines left to the csv module."""
        if self._zip is not None:
            raw = io.BufferedReader(self._counted(filename))
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
            stream = io.BufferedReader(self._counted(filename))
        else:
            stream = open(self._members[filename], "rb")  # noqa: SIM115
        try:
            yield stream
        finally:
            stream.close()

    def _counted(self, filename: str) -> checks.Counted:
        return self._counted_member(self._members[filename])

    def _counted_member(self, member: str) -> checks.Counted:
        return checks.Counted(self._zip.open(member), f"{self.path.name}: {member}", self._most)

    def reader(self, stream):
        return csv.reader(stream, strict=True)

    def close(self):
        if self._zip is not None:
            self._zip.close()


def _checked(check, *args) -> None:
    try:
        check(*args)
    except checks.FileRefused as e:
        raise PackageError(str(e)) from None
