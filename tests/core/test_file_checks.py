# ruff: noqa: F811 - the web fixtures are imported by name
"""Files that come in are refused before anything is written, with a message naming the
file: a zip whose members escape the folder, a zip that expands past the limit (by its
declared sizes, or found while counting what it gives), a file over the size limit and
text that is not UTF-8 — for package loads and for ledger uploads alike."""

import io
import shutil
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pathfinder.core import files
from pathfinder.core.models import AuditEvent
from pathfinder.finance.models import LedgerEntry, LedgerUpload
from pathfinder.organisations.models import Organisation
from pathfinder.packages.loader import load_package
from pathfinder.people.models import Person
from tests.conftest import EAST
from tests.web.conftest import demo_users, signed_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
HEADER = "date,org_code,category,supplier,amount,reference\n"
LINE = "2011-11-01,C-CAM,acute,Upload test supplier,1000.50,UP001\n"


def zipped(path, extra: dict[str, bytes] | None = None, *, package=True) -> None:
    """A zip of the example package (when `package`), with `extra` members added."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if package:
            for f in sorted(EAST.glob("*.csv")):
                z.write(f, f"east-2011/{f.name}")
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def understate(path, member: str, size: int) -> None:
    """Rewrite the zip so `member` declares `size` bytes expanded, whatever it holds."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    name = member.encode()
    central = data.find(b"PK\x01\x02", 0)
    while central != -1:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    path.write_bytes(bytes(data))


@pytest.fixture
def nothing_loaded():
    yield
    assert not Organisation.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def refused(result, *words: str) -> str:
    assert not result.ok
    message = " ".join(p.message for p in result.errors)
    for w in words:
        assert w in message, message
    return message


# Package loads


@pytest.mark.parametrize("member", ["../people.csv", "/etc/people.csv", "C:/temp/people.csv"])
def test_a_package_zip_with_a_member_outside_the_folder_is_refused(
    tmp_path, nothing_loaded, member
):
    path = tmp_path / "east.zip"
    zipped(path, {member: b"person_id,name,profession,email\n"})
    refused(load_package(path, by="test"), "east.zip", member, "outside the folder")


def test_a_package_zip_declaring_too_much_is_refused_unread(tmp_path, settings, nothing_loaded):
    settings.PATHFINDER_MAX_EXPANDED_BYTES = 2 * files.MB
    path = tmp_path / "east.zip"
    zipped(path, {"east-2011/padding.txt": b"0" * (3 * files.MB)})
    assert path.stat().st_size < 100_000  # a few kilobytes that expand to megabytes
    refused(load_package(path, by="test"), "east.zip", "expands to 3 MB", "most accepted is 2 MB")


def test_a_package_zip_of_too_many_files_is_refused(tmp_path, settings, nothing_loaded):
    settings.PATHFINDER_MAX_ZIP_MEMBERS = 30
    path = tmp_path / "east.zip"
    zipped(path, {f"east-2011/notes/{i}.txt": b"" for i in range(40)})
    refused(load_package(path, by="test"), "east.zip: holds", "the most accepted is 30")


def test_a_package_zip_that_understates_a_member_is_refused_while_read(tmp_path, nothing_loaded):
    path = tmp_path / "east.zip"
    zipped(path)
    understate(path, "east-2011/people.csv", 40)
    refused(load_package(path, by="test"), "east.zip", "people.csv", "damaged")


def test_a_package_file_over_the_size_limit_is_refused(tmp_path, settings, nothing_loaded):
    folder = tmp_path / "east"
    shutil.copytree(EAST, folder)
    settings.PATHFINDER_MAX_PACKAGE_BYTES = (folder / "ledger.csv").stat().st_size - 1
    refused(load_package(folder, by="test"), "east/ledger.csv", "the most accepted is")
    zipped(tmp_path / "east.zip")
    settings.PATHFINDER_MAX_PACKAGE_BYTES = 1000
    refused(load_package(tmp_path / "east.zip", by="test"), "east.zip", "the file is")


def test_a_package_file_that_is_not_utf8_is_refused(tmp_path, nothing_loaded):
    folder = tmp_path / "east"
    shutil.copytree(EAST, folder)
    people = folder / "people.csv"
    people.write_bytes(people.read_bytes().replace(b"Alice Marsh", b"Alice M\xe4rsh"))
    result = load_package(folder, by="test")
    assert any(p.file == "people.csv" and "UTF-8" in p.message for p in result.errors)
    path = tmp_path / "east.zip"
    with zipfile.ZipFile(path, "w") as z:
        for f in sorted(folder.glob("*.csv")):
            z.write(f, f.name)
    result = load_package(path, by="test")
    assert any(p.file == "people.csv" and "UTF-8" in p.message for p in result.errors)


def test_counting_stops_a_member_past_the_limit_whatever_it_declared():
    stream = files.Counted(io.BytesIO(b"x" * 5000), "big.zip: a.csv", 4096)
    with pytest.raises(files.FileRefused, match="big.zip: a.csv: expands past 4,096 bytes"):
        while stream.read(1024):
            pass


# Ledger uploads, through the page


@pytest.fixture
def editor(demo_users):
    return signed_in(Client(), demo_users["editor"])  # may edit C-CAM


def upload(client, name: str, data: bytes):
    before = (LedgerUpload.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count())
    response = client.post(
        "/finance/organisations/C-CAM/uploads/", {"file": SimpleUploadedFile(name, data)}
    )
    after = (LedgerUpload.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count())
    assert after == before, "a refused upload wrote something"
    assert response.status_code == 400
    return response.content.decode()


def xlsx(tmp_path, extra: dict[str, bytes]) -> bytes:
    """A real workbook from openpyxl, with `extra` members added to its zip."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    with zipfile.ZipFile(path, "a") as z:
        for name, data in extra.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path.read_bytes()


def test_an_upload_that_is_not_utf8_is_refused_by_line(editor):
    page = upload(
        editor,
        "ledger.csv",
        (HEADER + LINE + "2011-11-02,C-CAM,acute,Caf\xe9,1.00,X\n").encode("latin-1"),
    )
    assert "ledger.csv: line 3 is not UTF-8 text (byte 0xe9)" in page


def test_an_upload_over_the_size_limit_is_refused(editor, settings):
    settings.PATHFINDER_MAX_UPLOAD_BYTES = 100
    data = (HEADER + LINE * 3).encode()
    page = upload(editor, "ledger.csv", data)
    assert f"ledger.csv: the file is {len(data):,} bytes; the most accepted is 100 bytes" in page


def test_a_workbook_with_a_member_outside_the_folder_is_refused(editor, tmp_path):
    page = upload(editor, "ledger.xlsx", xlsx(tmp_path, {"../../evil.xml": b"<x/>"}))
    assert "ledger.xlsx: ../../evil.xml would be written outside the folder" in page


def test_a_workbook_that_expands_too_far_is_refused(editor, tmp_path, settings):
    settings.PATHFINDER_MAX_EXPANDED_BYTES = files.MB
    data = xlsx(tmp_path, {"xl/padding.xml": b" " * (2 * files.MB)})
    assert len(data) < 50_000
    page = upload(editor, "ledger.xlsx", data)
    assert "ledger.xlsx: expands to 2 MB; the most accepted is 1 MB" in page


def test_a_workbook_that_understates_a_member_is_refused(editor, tmp_path):
    path = tmp_path / "lying.xlsx"
    path.write_bytes(xlsx(tmp_path, {"xl/padding.xml": b" " * files.MB}))
    understate(path, "xl/padding.xml", 10)
    page = upload(editor, "ledger.xlsx", path.read_bytes())
    assert "ledger.xlsx: xl/padding.xml" in page and "damaged" in page
