"""Risk pages with the Django client: behaviour, permissions, downloads and query budgets."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from pathfinder.risks.models import Risk, RiskMatrix, RiskReview
from tests.conftest import EAST
from tests.web.conftest import signed_in

AS_AT = "2011-10-01"
REGISTER_QUERIES = 15


@pytest.fixture
def editor(client, demo_users):
    return signed_in(client, demo_users["editor"])  # keeps C-CAM's records


@pytest.fixture
def admin(demo_users):
    return signed_in(Client(), demo_users["administrator"])


def test_register_shows_scores_bands_and_filters(admin):
    page = admin.get(f"/risks/C-CAM/?as_at={AS_AT}").content.decode()
    assert "Acute activity exceeds plan" in page and "R02" in page
    assert "extreme" in page and "Dr Carol Singh" in page
    only = admin.get(f"/risks/C-CAM/?as_at={AS_AT}&band=high").content.decode()
    assert "R02" in only and "Acute activity exceeds plan" not in only
    cell = admin.get(f"/risks/C-CAM/?as_at={AS_AT}&likelihood=4&consequence=4").content.decode()
    assert "Acute activity exceeds plan" in cell and "Conflicts of interest" not in cell


def test_heat_map_counts_and_links_each_cell(admin):
    page = admin.get(f"/risks/C-CAM/heat-map/?as_at={AS_AT}").content.decode()
    assert page.count("<rect ") == 25
    assert 'href="/risks/C-CAM/?likelihood=4&amp;consequence=4"' in page
    assert "Likelihood 4, consequence 4, score 16 (extreme): 1 risk" in page
    assert "<caption" in page  # the table alternative


def test_downloads_are_formula_safe(admin, east):
    Risk.objects.filter(pk="R02").update(title='=HYPERLINK("http://x")')
    text = b"".join(admin.get(f"/risks/C-CAM/?as_at={AS_AT}&format=csv").streaming_content)
    rows = list(csv.reader(io.StringIO(text.decode())))
    assert rows[0][:3] == ["risk_id", "org_code", "title"]
    assert rows[2][2].startswith("'=")
    xlsx = admin.get(f"/risks/C-CAM/?as_at={AS_AT}&format=xlsx")
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    sheet = book.active
    assert sheet["C3"].value.startswith("'=") and sheet["C3"].data_type == "s"
    assert sheet["K2"].value == 16  # numbers stay numbers


def test_recording_a_review_through_the_page(editor):
    response = editor.post(
        "/risk/R01/review/",
        {"reviewed_on": AS_AT, "likelihood": "2", "consequence": "4", "note": "On plan"},
    )
    assert response.status_code == 302
    assert Risk.objects.get(pk="R01").current_likelihood == 2
    baf = editor.get(f"/risks/5PP/assurance-framework/?as_at={AS_AT}")
    assert baf.status_code == 404  # the editor's role does not cover the PCT


def test_a_bad_review_shows_the_error_summary(editor):
    response = editor.post("/risk/R01/review/", {"reviewed_on": "01/10/2011", "likelihood": "9"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#f-reviewed_on"' in page
    assert not RiskReview.objects.exists()


def test_a_viewer_cannot_write(demo_users):
    viewer = signed_in(Client(), demo_users["viewer"])  # reads C-HUN
    assert viewer.get("/risk/R07/?as_at=2011-09-01").status_code == 200
    assert viewer.get("/risk/R07/review/").status_code == 403
    post = viewer.post("/risk/R07/review/", {"reviewed_on": "2011-09-01", "likelihood": "1"})
    assert post.status_code == 403
    assert viewer.get("/risk/R01/").status_code == 404  # outside the viewer's scope


def test_only_an_administrator_changes_the_matrix(editor, admin):
    data = {f"likelihood_{i}": f"L{i}" for i in range(1, 6)}
    data |= {f"consequence_{i}": f"C{i}" for i in range(1, 6)}
    data |= {"band_1_name": "low", "band_1_top": "10", "band_2_name": "high", "band_2_top": "25"}
    data["threshold"] = "10"
    assert editor.post("/risks/C-CAM/matrix/", data).status_code == 403
    assert admin.post("/risks/C-CAM/matrix/", data).status_code == 302
    assert RiskMatrix.objects.get().threshold == 10
    page = admin.get("/risks/C-CAM/matrix/").content.decode()
    assert "Version 1" in page


def test_baf_lists_escalated_risks_with_controls(admin):
    admin.post(
        "/risk/R01/controls/add/", {"description": "Monthly activity panel", "added_on": AS_AT}
    )
    admin.post(
        "/risk/R01/gaps/add/",
        {"description": "No audit of coding", "added_on": AS_AT, "kind": "assurance"},
    )
    page = admin.get(f"/risks/5PP/assurance-framework/?as_at={AS_AT}").content.decode()
    assert "Acute activity exceeds plan" in page  # C-CAM's chain ends at 5PP
    assert "Monthly activity panel" in page and "No audit of coding" in page
    assert "Conflicts of interest" not in page  # R02 is below the threshold


def test_overdue_reviews_for_the_risk_lead(admin):
    page = admin.get(f"/risks/overdue/?as_at={AS_AT}").content.decode()
    assert "Conflicts of interest undermine procurement" in page  # R02, due 2011-07-31
    assert "Acute activity exceeds plan" not in page


def _queries(client, url, assert_max_queries) -> int:
    with assert_max_queries(REGISTER_QUERIES, url) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.django_db
def test_register_queries_do_not_grow_with_risks(grow_east, assert_max_queries):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts
    from pathfinder.packages.loader import load_package

    url = f"/risks/C-CAM/?as_at={AS_AT}&sort=-current_score"
    assert load_package(EAST, by="test").ok
    ensure_demo_accounts(by="test")
    client = signed_in(Client(), get_user_model().objects.get(username="administrator"))
    small = _queries(client, url, assert_max_queries)
    grow_east(10_000)
    assert Risk.objects.count() > 10_000
    ensure_demo_accounts(by="test")
    client = signed_in(Client(), get_user_model().objects.get(username="administrator"))
    assert _queries(client, url, assert_max_queries) == small
