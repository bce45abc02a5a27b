"""Checks on files that come in: a size limit, UTF-8 text, and zips (a package .zip, an
.xlsx workbook) whose members stay in their folder and whose expansion stays under a
limit (docs/decisions/0145-safe-files.md).

Each check raises FileRefused with a message naming the file, before anything reads
the file for real, so a refused file writes nothing. The limits are settings, read
from the environment (`PATHFINDER_MAX_UPLOAD_BYTES`, `PATHFINDER_MAX_PACKAGE_BYTES`,
`PATHFINDER_MAX_EXPANDED_BYTES`, `PATHFINDER_MAX_ZIP_MEMBERS`), so a deployment can
raise them.
"""

import codecs
import io
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings

from pathfinder.core.errors import UserError

MB = 1024 * 1024
CHUNK = 1 << 20


class FileRefused(UserError):
    """A file that is not read at all: too big, not UTF-8, or a dangerous zip."""


def limit(name: str) -> int:
    return int(getattr(settings, name))


def _size(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n:,} bytes"


def check_size(path: Path, name: str, most: int) -> None:
    size = Path(path).stat().st_size
    if size > most:
        raise FileRefused(f"{name}: the file is {_size(size)}; the most accepted is {_size(most)}")


def check_utf8(stream, name: str) -> None:
    """Read a binary stream to its end as UTF-8; refuse at the first bad byte, by line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    while chunk := stream.read(CHUNK):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as e:
            line += chunk.count(b"\n", 0, e.start)
            raise FileRefused(
                f"{name}: line {line} is not UTF-8 text (byte 0x{chunk[e.start]:02x}); "
                "save the file as UTF-8 (in Excel: CSV UTF-8) and send it again"
            ) from None
        line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise FileRefused(f"{name}: the file ends in the middle of a UTF-8 character") from None


def _escapes(member: str) -> bool:
    path = member.replace("\\", "/")
    parts = PurePosixPath(path).parts
    drive = len(path) > 1 and path[1] == ":"
    return path.startswith("/") or drive or ".." in parts


def check_zip_members(archive: zipfile.ZipFile, name: str, most: int) -> None:
    """Refuse members that would land outside the folder, more members than the limit,
    and declared sizes that add up to more than `most` once expanded."""
    members = archive.infolist()
    if len(members) > limit("PATHFINDER_MAX_ZIP_MEMBERS"):
        raise FileRefused(
            f"{name}: holds {len(members):,} files; the most accepted is "
            f"{limit('PATHFINDER_MAX_ZIP_MEMBERS'):,}"
        )
    declared = 0
    for info in members:
        if _escapes(info.filename):
            raise FileRefused(f"{name}: {info.filename} would be written outside the folder")
        declared += info.file_size
    if declared > most:
        raise FileRefused(
            f"{name}: expands to {_size(declared)}; the most accepted is {_size(most)}"
        )


class Counted(io.RawIOBase):
    """A member of a zip read through a count: past `most` bytes it is refused, whatever
    the zip declared."""

    def __init__(self, raw, name: str, most: int):
        self._raw, self._name, self._most, self.count = raw, name, most, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self._raw.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, OSError) as e:
            # a size or checksum in the zip that does not match its data
            raise FileRefused(f"{self._name}: damaged in the zip ({e})") from None
        self.count += len(data)
        if self.count > self._most:
            raise FileRefused(f"{self._name}: expands past {_size(self._most)}; not read further")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def check_zip(path: Path, name: str, most: int) -> None:
    """Members inside the folder, and the whole expansion (declared, then counted while
    reading every member) at most `most` bytes."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise FileRefused(f"{name}: cannot be opened as a zip file ({e})") from None
    with archive:
        check_zip_members(archive, name, most)
        left = most
        for info in archive.infolist():
            try:
                with Counted(archive.open(info), f"{name}: {info.filename}", left) as member:
                    while member.read(CHUNK):
                        pass
                    left -= member.count
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as e:
                raise FileRefused(f"{name}: {info.filename} cannot be read ({e})") from None


def check_upload(path: Path, name: str) -> None:
    """An uploaded ledger: under the upload limit; a workbook (a zip) safe to open; any
    other file UTF-8 text."""
    check_size(path, name, limit("PATHFINDER_MAX_UPLOAD_BYTES"))
    if Path(name).suffix.lower() == ".xlsx":
        check_zip(path, name, limit("PATHFINDER_MAX_EXPANDED_BYTES"))
    else:
        with open(path, "rb") as f:
            check_utf8(f, name)
