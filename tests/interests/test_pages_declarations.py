"""Self-service declarations, reminders and the public registers with their downloads."""

import io

import pytest
from django.test import Client

from pathfinder.interests.models import AnnualReturn, Gift, Interest
from tests.web.conftest import signed_in


@pytest.fixture
def users(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts

    ensure_demo_accounts(by="test:interests")
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def member(client, users):
    client.get("/?as_at=2011-11-01")
    return signed_in(client, users["member"])


@pytest.mark.django_db
def test_a_member_declares_an_interest_and_is_then_excluded(member):
    before = member.get("/meetings/M-PET-11/").content.decode()
    assert 'data-testid="conflict-D-PET-1-P21"' not in before
    response = member.post(
        "/declarations/interests/new/?as_at=2011-11-01",
        {
            "category": "financial",
            "counterparty": "RGN",
            "description": "Shareholder in a hospital supplier",
            "interest_from": "2011-10-20",
        },
    )
    assert response.status_code == 302
    made = Interest.objects.get(person_id="P21")
    assert made.declared_on.isoformat() == "2011-11-01"
    page = member.get("/meetings/M-PET-11/").content.decode()
    row = page.split('data-testid="conflict-D-PET-1-P21"')[1].split("</tr>")[0]
    assert "Exclude" in row
    assert "Not quorate" in page.split('data-testid="quorum-D-PET-1"')[1].split("</dd>")[0]
    mine = member.get("/declarations/").content.decode()
    assert "Peterborough urgent care centre" in mine


@pytest.mark.django_db
def test_bad_declarations_are_named_in_the_error_summary(member):
    response = member.post(
        "/declarations/interests/new/",
        {
            "category": "",
            "counterparty": "NOPE",
            "description": "",
            "interest_from-day": "31",
            "interest_from-month": "10",
            "interest_from-year": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "no organisation with the code NOPE" in page
    assert "Date the interest began must include a year" in page
    assert not Interest.objects.filter(person_id="P21").exists()


@pytest.mark.django_db
def test_a_nil_return_is_one_click_and_a_gift_is_declared(member):
    assert member.post("/declarations/return/", {"nil": "yes"}).status_code == 302
    assert AnnualReturn.objects.filter(person_id="P21", nil=True, returned_on="2011-11-01").exists()
    response = member.post(
        "/declarations/gifts/new/",
        {
            "kind": "hospitality",
            "offered_by": "A supplier",
            "description": "Dinner",
            "value": "80.00",
            "offered_on": "2011-10-30",
            "accepted": "yes",
        },
    )
    assert response.status_code == 302
    assert Gift.objects.get(person_id="P21").accepted is True


@pytest.mark.django_db
def test_an_account_without_a_person_is_told_so(client, users):
    page = signed_in(client, users["administrator"]).get("/declarations/").content.decode()
    assert "not linked to a person" in page


@pytest.mark.django_db
def test_reminders_for_a_governance_lead_and_not_for_a_viewer(client, users):
    lead = signed_in(Client(), users["governance_lead"])
    page = lead.get("/registers/reminders/?as_at=2011-12-31").content.decode()
    assert "Gift or hospitality over the limit" in page
    assert signed_in(client, users["viewer"]).get("/registers/reminders/").status_code == 403


@pytest.mark.django_db
def test_the_public_register_works_signed_out_and_never_shows_email(east):
    from pathfinder.people.actions import change_person
    from pathfinder.people.models import Person

    change_person(Person.objects.get(pk="P03"), by="test:register", email="carol@example.nhs.uk")
    page = Client().get("/registers/C-CAM/?as_at=2011-11-01").content.decode()
    assert "Dr Carol Singh" in page
    assert "example.nhs.uk" not in page
    assert "Register of procurement decisions" in page
    # P08 sits only on the clinical senate, which advises: not a decision-maker of C-CAM.
    assert "Dr Henry Walsh" not in page


@pytest.mark.django_db
def test_the_xlsx_download_opens_and_a_formula_comes_out_inert(east):
    from openpyxl import load_workbook

    Interest.objects.filter(pk="I01").update(description='=HYPERLINK("http://x","y")')
    response = Client().get("/registers/C-CAM/?as_at=2011-11-01&download=interests&format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    csv = Client().get("/registers/C-CAM/?as_at=2011-11-01&download=interests&format=csv")
    assert b"'=HYPERLINK" in b"".join(csv.streaming_content)
    decisions = Client().get("/registers/C-CAM/?as_at=2011-12-01&download=decisions&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(decisions.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "date" and len(rows) == 4


@pytest.mark.django_db
def test_a_register_download_without_a_format_is_csv_and_sorts_on_request(east):
    url = "/registers/C-CAM/?as_at=2011-11-01&download=interests"
    response = Client().get(url)
    assert response.status_code == 302 and "format=csv" in response["Location"]
    body = b"".join(Client().get(response["Location"]).streaming_content).decode()
    rows = [line.split(",")[0] for line in body.splitlines()[1:]]
    assert rows and rows == sorted(rows)  # the register's own order: by name
    back = Client().get(f"{url}&format=csv&sort=-name").streaming_content
    names = [line.split(",")[0] for line in b"".join(back).decode().splitlines()[1:]]
    assert names == sorted(rows, reverse=True)
