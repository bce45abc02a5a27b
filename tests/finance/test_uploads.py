"""Ledger uploads: the whole file is checked first (row and column of each problem),
nothing is written unless every row is right, and the same file is refused twice."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pathfinder.core.models import AuditEvent
from pathfinder.finance import uploads
from pathfinder.finance.models import LedgerEntry, LedgerUpload
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
URL = "/finance/organisations/C-CAM/uploads/"
HEADER = "date,org_code,category,supplier,amount,reference\n"
GOOD = HEADER + "".join(
    f"2011-11-{d:02d},C-CAM,acute,Upload test supplier,{1000 + d}.50,UP{d:03d}\n"
    for d in range(1, 21)
)


@pytest.fixture
def editor(demo_users):
    return signed_in(Client(), demo_users["editor"])  # may edit C-CAM


def post(client, text: str | bytes, name="ledger.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_a_good_file_is_loaded_and_audited(editor):
    before = LedgerEntry.objects.count()
    response = post(editor, GOOD)
    assert response.status_code == 302
    upload = LedgerUpload.objects.get()
    assert response["Location"].endswith(f"?upload={upload.pk}")
    assert upload.status == "loaded" and upload.rows_loaded == 20
    assert LedgerEntry.objects.count() == before + 20
    entry = LedgerEntry.objects.get(reference="UP001")
    assert str(entry.amount) == "1001.50" and entry.org_id == "C-CAM"
    assert AuditEvent.objects.filter(
        operation="load", model="finance.LedgerEntry", object_id=f"upload:{upload.pk}"
    ).exists()
    page = editor.get(response["Location"]).content.decode()
    assert "20 ledger lines added" in page


def test_an_upload_keeps_the_monthly_totals(editor):
    from tests.finance.test_month_totals import kept, summed_from_the_ledger

    key = ("C-CAM", "acute", dt.date(2011, 11, 1))
    before = kept().get(key, (0, 0))
    post(editor, GOOD)
    added = sum(100_000 + d * 100 + 50 for d in range(1, 21))
    assert kept()[key] == (before[0] + added, before[1] + 20)
    assert kept() == summed_from_the_ledger()


def test_every_problem_is_named_and_nothing_is_written(editor):
    bad = (
        HEADER
        + "2011-11-01,C-CAM,acute,Fine,10.00,A\n"
        + "2011-13-01,C-CAM,acute,Bad date,10.00,B\n"
        + "2011-11-02,C-HUN,acute,Someone else's,10.00,C\n"
        + "2011-11-03,C-CAM,acute,Bad money,\u00a31,000,D\n"
        + "2011-11-04,C-CAM,,No category,12.345,E\n"
    )
    before = LedgerEntry.objects.count()
    response = post(editor, bad)
    upload = LedgerUpload.objects.get()
    assert upload.status == "rejected"
    assert LedgerEntry.objects.count() == before
    where = {(p["row"], p["column"]) for p in upload.problems}
    assert (3, "date") in where
    assert (4, "org_code") in where
    assert (5, None) in where  # a seventh cell
    assert (6, "category") in where and (6, "amount") in where
    assert (2, None) not in where
    page = editor.get(response["Location"]).content.decode()
    assert "nothing was written" in page
    assert "this upload is for C-CAM" in page


def test_a_header_problem_stops_the_check_at_row_one(editor):
    post(editor, "date,org,category,supplier,amount\n2011-11-01,C-CAM,acute,X,1.00\n")
    problems = LedgerUpload.objects.get().problems
    assert {(p["row"], p["column"]) for p in problems} == {(1, "org"), (1, "org_code")}


def test_the_same_file_is_refused_the_second_time(editor):
    post(editor, GOOD)
    before = LedgerEntry.objects.count()
    response = post(editor, GOOD, name="renamed.csv")
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and "already uploaded" in text
    assert LedgerEntry.objects.count() == before
    assert LedgerUpload.objects.count() == 1


def test_an_xlsx_workbook_is_read_with_the_same_cell_types(editor):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["date", "org_code", "category", "supplier", "amount", "reference"])
    sheet.append([dt.datetime(2011, 12, 1), "C-CAM", "acute", "Workbook supplier", 2500.5, "W1"])
    sheet.append([dt.datetime(2011, 12, 2), "C-CAM", "acute", "Workbook supplier", 30000, "W2"])
    buffer = io.BytesIO()
    book.save(buffer)
    post(editor, buffer.getvalue(), name="ledger.xlsx")
    upload = LedgerUpload.objects.get()
    assert upload.status == "loaded", upload.problems
    amounts = sorted(
        str(a)
        for a in LedgerEntry.objects.filter(reference__in=["W1", "W2"]).values_list(
            "amount", flat=True
        )
    )
    assert amounts == ["2500.50", "30000.00"]


def test_other_kinds_of_file_are_refused(editor):
    response = post(editor, "hello", name="ledger.txt")
    assert response.status_code == 400
    assert "CSV file (.csv) or an Excel workbook" in response.content.decode()
    assert not LedgerUpload.objects.exists()


def test_a_viewer_may_look_but_not_upload(demo_users):
    viewer = signed_in(Client(), demo_users["viewer"])  # views C-HUN only
    assert viewer.get(URL).status_code == 404
    lead = signed_in(Client(), demo_users["governance_lead"])
    assert "Upload a ledger file" in lead.get(URL).content.decode()


def test_without_edit_permission_a_post_is_forbidden(outsider_user, demo_users):
    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment

    actions.create(RoleAssignment, by="test", user=outsider_user, role="viewer", org_code="C-CAM")
    c = signed_in(Client(), outsider_user)
    assert "does not let you upload" in c.get(URL).content.decode()
    assert post(c, GOOD).status_code == 403
    assert not LedgerUpload.objects.exists()


def test_the_progress_fragment_reports_the_state(editor):
    response = post(editor, GOOD)
    fragment = editor.get(response["Location"] + "&partial=1").content.decode()
    assert fragment.lstrip().startswith('<div id="upload-status"')
    assert 'data-finished="yes"' in fragment


def test_checking_reports_progress_through_a_big_file(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(
        HEADER + "".join(f"2011-11-01,C-CAM,acute,S,{i}.00,R{i}\n" for i in range(20_000))
    )
    seen = []
    check = uploads.check_file(path, ".csv", "C-CAM", progress=seen.append)
    assert check.ok and check.rows == 20_000
    assert len(seen) >= 4 and seen == sorted(seen) and seen[-1] >= 70


def test_an_upload_cut_short_long_ago_does_not_block_the_same_file(editor):
    import datetime as dt

    from django.utils import timezone

    post(editor, GOOD)
    upload = LedgerUpload.objects.get()
    LedgerUpload.objects.filter(pk=upload.pk).update(
        status="checking", uploaded_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert post(editor, GOOD).status_code == 302
    assert LedgerUpload.objects.filter(status="loaded").count() == 1


def test_the_uploads_are_listed_sorted_and_downloaded(editor):
    from django.utils import timezone

    from pathfinder.core import actions
    from pathfinder.finance.models import LedgerUpload
    from pathfinder.organisations.models import Organisation

    org = Organisation.objects.get(code="C-CAM")
    for i in range(55):
        actions.create(
            LedgerUpload, by="test:uploads", org=org, filename=f"ledger-{i:02d}.csv",
            sha256=f"{i:064d}", size=10, uploaded_by="tester", uploaded_at=timezone.now(),
            status="failed" if i % 5 == 0 else "loaded",
        )  # fmt: skip
    url = "/finance/organisations/C-CAM/uploads/"
    first = editor.get(url).content.decode()
    assert "Showing 1 to 50 of 55 uploads" in first
    failed = editor.get(url, {"status": "failed"}).content.decode()
    assert "of 11 uploads" in failed
    by_name = editor.get(url, {"sort": "-filename"}).content.decode()
    assert by_name.index("ledger-54.csv") < by_name.index("ledger-53.csv")
    body = b"".join(editor.get(url, {"status": "failed", "format": "csv"}).streaming_content)
    assert body.decode().count("\n") == 12
