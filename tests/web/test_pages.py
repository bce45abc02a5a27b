"""The pages with the example loaded: what they show on a date, filters, sorting,
downloads, and a query budget per page that includes rendering."""

import csv
import io

import pytest
from django.test import Client

from tests.web.conftest import signed_in

AS_AT = "2011-10-01"


def text(response) -> str:
    return response.content.decode()


def csv_of(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize(
    "url, budget",
    [
        ("/", 20),  # with the package's reference date the page opens on
        (f"/organisations/?as_at={AS_AT}", 10),
        (f"/organisations/C-CAM/?as_at={AS_AT}", 14),
        (f"/structure/?as_at={AS_AT}", 10),
        ("/changes/?from=2011-01-01&to=2012-03-31", 14),
        (f"/people/?as_at={AS_AT}", 10),
        (f"/people/P03/?as_at={AS_AT}", 12),
    ],
)
def test_query_budget(lead_client, assert_max_queries, url, budget):
    with assert_max_queries(budget):
        response = lead_client.get(url)
    assert response.status_code == 200


def test_list_queries_do_not_grow_with_rows(lead_client, assert_max_queries):
    """The whole cluster's list costs what one consortium's does: no query per row."""
    with assert_max_queries(10):
        lead_client.get("/organisations/?status=all")
    with assert_max_queries(10):
        lead_client.get("/organisations/?status=all&q=C-CAM")


def test_organisations_are_scoped_filtered_and_sorted(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])  # viewer of Hunts (C-HUN)
    page = text(viewer.get(f"/organisations/?as_at={AS_AT}"))
    assert "Hunts Health Consortium" in page
    assert "Huntingdon Road Practice" in page
    assert "Cambridge Health Consortium" not in page
    assert viewer.get("/organisations/C-CAM/").status_code == 404

    lead = signed_in(Client(), demo_users["governance_lead"])
    practices = csv_of(lead.get(f"/organisations/?kind=practice&as_at={AS_AT}&format=csv"))
    assert {r["kind"] for r in practices} == {"practice"}
    assert "D81901" in {r["code"] for r in practices}
    found = text(lead.get("/organisations/?q=hunts"))
    assert "Hunts Health Consortium" in found and "Mill Road Surgery" not in found
    by_code_desc = text(lead.get("/organisations/?sort=-code&kind=consortium"))
    assert by_code_desc.index("C-PET") < by_code_desc.index("C-CAM")
    assert 'aria-sort="descending"' in by_code_desc


def test_organisations_open_on_the_date(lead_client):
    before = text(lead_client.get("/organisations/?as_at=2011-05-01"))
    assert "Cambridgeshire and Peterborough PCT Cluster" not in before  # opened 1 June 2011
    every = text(lead_client.get("/organisations/?status=all"))
    assert "Cambridgeshire and Peterborough PCT Cluster" in every


def test_organisation_page_shows_the_date(lead_client):
    before = text(lead_client.get("/organisations/C-CAM/?as_at=2011-09-30"))
    after = text(lead_client.get("/organisations/C-CAM/?as_at=2011-10-01"))
    assert "St Ives Health Centre" in before.split("<h2")[1]  # a member practice until 30 Sep
    assert "St Ives Health Centre" not in after.split("<h2")[1]
    assert "James Kerr" in after and "0.80" in after  # staff assigned from NHS Cambridgeshire
    assert "Cambridge Health Consortium Board" in after
    timeline = after.split("Timeline")[1]
    assert "30 September 2011" in timeline


def test_the_as_at_date_is_remembered(lead_client):
    lead_client.get("/organisations/?as_at=2011-05-01")
    page = " ".join(text(lead_client.get("/people/")).split())
    assert 'name="as_at-day" type="text" value="1"' in page
    assert 'name="as_at-month" type="text" value="5"' in page
    bad = " ".join(text(lead_client.get("/people/?as_at=2011-13-45")).split())
    assert "Date must be a real date" in bad
    again = " ".join(text(lead_client.get("/people/")).split())
    assert 'name="as_at-day" type="text" value="1"' in again  # the remembered date stands
    typed = "/people/?as_at-day=1&as_at-month=&as_at-year=2011"
    bad = " ".join(text(lead_client.get(typed)).split())
    assert "Date must include a month" in bad
    assert 'name="as_at-day" type="text" value="1"' in bad  # shown again as typed


def test_structure_picture_and_list(lead_client):
    page = text(lead_client.get(f"/structure/?as_at={AS_AT}"))
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert 'href="/organisations/CL-CAP/"' in page
    tree = page.split("The same structure as a list")[1]
    # St Ives moved from Cambridge to Hunts on 1 October 2011.
    hunts = tree.split("Hunts Health Consortium")[1].split("NHS Peterborough")[0]
    assert "St Ives Health Centre" in hunts
    assert "Support units" in tree and "Commissioning Hub" in tree


def test_changes_between_two_dates(lead_client):
    page = text(lead_client.get("/changes/?from=2011-09-01&to=2011-10-01"))
    assert "St Ives Health Centre" in page  # left Cambridge on 30 Sep, joined Hunts on 1 Oct
    rows = csv_of(lead_client.get("/changes/?from=2011-09-01&to=2011-10-01&format=csv"))
    moves = {(r["change"], r["organisation"], r["other"]) for r in rows}
    assert ("Ended", "C-CAM", "D81903") in moves
    assert ("Started", "C-HUN", "D81903") in moves
    only_posts = csv_of(
        lead_client.get("/changes/?from=2011-01-01&to=2012-01-01&what=post&format=csv")
    )
    assert only_posts and {r["what"] for r in only_posts} == {"post"}


def test_changes_reject_bad_dates(lead_client):
    page = text(lead_client.get("/changes/?from=2012-01-01&to=2011-01-01"))
    assert "There is a problem" in page and "must be the same as or after" in page
    page = text(lead_client.get("/changes/?from=nonsense"))
    assert "Start date must be a real date" in page
    page = text(lead_client.get("/changes/?to-day=31&to-month=11&to-year=2011"))
    assert "End date must be a real date" in page


def test_people_list_and_person_page(lead_client):
    people = text(lead_client.get(f"/people/?as_at={AS_AT}&profession=gp"))
    assert "Dr Carol Singh" in people and "Frank Hughes" not in people
    person = text(lead_client.get(f"/people/P10/?as_at={AS_AT}"))
    assert "Business manager" in person and "NHS Cambridgeshire" in person and "0.80" in person
    seats = text(lead_client.get(f"/people/P03/?as_at={AS_AT}"))
    assert "Cambridge Health Consortium Board" in seats


def test_people_are_scoped(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])
    assert viewer.get("/people/P05/").status_code == 200  # Hunts' clinical lead
    assert viewer.get("/people/P10/").status_code == 404  # Cambridge staff only
    assert "James Kerr" not in text(viewer.get("/people/"))


def test_downloads_are_scoped_and_complete(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])
    rows = csv_of(viewer.get("/organisations/?format=csv&status=all"))
    assert {r["code"] for r in rows} == {"C-HUN", "D81903", "D81904"}
    assert viewer.get("/organisations/?format=csv")["Content-Disposition"].startswith("attachment")


def test_sign_in_and_out(client, demo_users):
    from pathfinder.core.accounts import DEMO_PASSWORD

    page = text(client.get("/sign-in/"))
    assert "csrfmiddlewaretoken" in page and 'for="id_username"' in page
    bad = client.post("/sign-in/", {"username": "editor", "password": "wrong"})
    assert bad.status_code == 200 and "There is a problem" in text(bad)
    good = client.post("/sign-in/", {"username": "editor", "password": DEMO_PASSWORD})
    assert good.status_code == 302 and good["Location"] == "/"
    home = text(client.get("/"))
    assert "Cambridge Health Consortium" in home and "Sign out" in home
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/organisations/").status_code == 302


def test_sign_out_needs_the_csrf_token(demo_users):
    strict = Client(enforce_csrf_checks=True)
    signed_in(strict, demo_users["editor"])
    assert strict.post("/sign-out/").status_code == 403


def test_repeated_failures_lock_the_account_out(client, demo_users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/sign-in/", {"username": "viewer", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in text(response)


def test_demo_accounts_are_idempotent_and_audited(demo_users):
    from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts
    from pathfinder.core.models import AuditEvent, RoleAssignment

    before = AuditEvent.objects.count()
    ensure_demo_accounts(by="test:again")
    assert AuditEvent.objects.count() == before
    assert RoleAssignment.objects.filter(user__username="administrator").count() == 2
    admin = demo_users["administrator"]
    assert admin.password.startswith("argon2") and admin.check_password(DEMO_PASSWORD)
    assert AuditEvent.objects.filter(actor="test:web", model="core.RoleAssignment").exists()
