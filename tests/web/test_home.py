"""The home page: the counts of the user's area are the ones the analyses and list pages
give, "your work" is the linked person's own, the public home still works, and the
page costs a fixed number of queries whatever the rows."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

from pathfinder.core import actions
from pathfinder.core.codes_table import codes_filter, codes_table
from pathfinder.core.home import home, month_of
from pathfinder.core.home_work import Work
from pathfinder.core.models import RoleAssignment
from pathfinder.core.scope import Scope
from tests.web.conftest import signed_in

D = dt.date(2011, 11, 15)
URL = f"/?as_at={D.isoformat()}"


def account(username: str, role: str, org_code: str, person_id: str = ""):
    user = actions.create(
        get_user_model(), by="test:home", username=username, password=make_password(None)
    )
    actions.create(
        RoleAssignment, by="test:home", user=user, role=role, org_code=org_code, person_id=person_id
    )
    return user


def assembled(user, as_at: dt.date = D):
    return home(SimpleNamespace(user=user, scope=Scope(user), as_at=as_at))


def tallies(result) -> dict[str, dict[str, int]]:
    return {s.heading: {t.label: t.number for t in s.tallies} for s in result.area}


def work(result) -> dict[str, Work]:
    return {w.heading: w for w in result.work}


# Pure parts: no database.


def test_a_month_runs_from_its_first_day_to_its_last():
    assert month_of(dt.date(2011, 11, 15)) == (dt.date(2011, 11, 1), dt.date(2011, 11, 30))
    assert month_of(dt.date(2011, 12, 31)) == (dt.date(2011, 12, 1), dt.date(2011, 12, 31))
    assert month_of(dt.date(2012, 2, 1)) == (dt.date(2012, 2, 1), dt.date(2012, 2, 29))


def test_a_list_of_work_says_how_many_are_not_shown():
    assert Work("w", 7, [object()] * 5, "/", "none").more == 2
    assert Work("w", 0, [], "/", "none").more == 0


# The counts of the area.


@pytest.mark.django_db
def test_the_area_counts_are_the_analyses_counts(demo_users):
    from pathfinder.core.money import FinancialYear
    from pathfinder.governance.models import Body, Meeting
    from pathfinder.organisations.models import Organisation
    from pathfinder.qipp import delivery
    from pathfinder.risks.register import rows_for

    lead = demo_users["governance_lead"]  # CL-CAP and everything below it
    codes = Scope(lead).org_codes()
    counts = tallies(assembled(lead))

    risks = rows_for(codes, D)
    assert counts["Risks"] == {
        "Open risks": len(risks),
        "Reviews overdue": sum(r.review_overdue for r in risks),
        "At or above the escalation threshold": sum(r.escalates for r in risks),
    }
    assert counts["Risks"]["Reviews overdue"] > 0

    year = FinancialYear.containing(D)
    schemes = [r for r in delivery.analyse(delivery.load_facts(year, D), D) if r.org in codes]
    assert counts[f"QIPP {year}"] == {
        "Schemes": len(schemes),
        "Red: under 75% of plan delivered": sum(r.rag == "red" for r in schemes),
        "Not signed off by their own organisation": sum(r.not_owned for r in schemes),
    }
    assert schemes

    open_orgs = list(Organisation.objects.open_on(D).filter(code__in=sorted(codes)))
    orgs = counts["Organisations"]
    assert orgs.pop("Open organisations") == len(open_orgs)
    assert sum(orgs.values()) == len(open_orgs)
    assert orgs["GP practice"] == sum(o.kind == "practice" for o in open_orgs)

    open_codes = {o.code for o in open_orgs}
    month = Meeting.objects.filter(body__org_id__in=sorted(codes), date__month=11, date__year=2011)
    assert counts["Governance"] == {
        "Boards and committees": Body.objects.filter(org_id__in=sorted(open_codes)).count(),
        "Meetings in November 2011": month.count(),
    }


@pytest.mark.django_db
def test_a_smaller_scope_counts_only_its_own(demo_users, outsider_user):
    from pathfinder.risks.register import rows_for

    viewer = demo_users["viewer"]  # Hunts (C-HUN) only
    counts = tallies(assembled(viewer))
    codes = Scope(viewer).org_codes()
    assert counts["Risks"]["Open risks"] == len(rows_for(codes, D))
    assert counts["Organisations"]["Open organisations"] < 10
    assert tallies(assembled(outsider_user))["Risks"]["Open risks"] == 0


@pytest.mark.django_db
def test_a_scope_of_every_organisation_counts_the_same_without_a_filter(east):
    from pathfinder.organisations.models import Organisation
    from pathfinder.risks.register import rows_for

    codes = set(Organisation.objects.values_list("code", flat=True))
    assert codes_filter(codes).everything
    assert not codes_filter(codes - {"C-CAM"}).everything
    assert not codes_filter((codes - {"C-CAM"}) | {"NOT-AN-ORG"}).everything
    first, *rest = sorted(codes)
    top = account("national", "viewer", first)
    for code in rest:
        actions.create(RoleAssignment, by="test:home", user=top, role="viewer", org_code=code)
    counts = tallies(assembled(top))
    assert counts["Organisations"]["Open organisations"] == Organisation.objects.open_on(D).count()
    assert counts["Risks"]["Open risks"] == len(rows_for(None, D))


@pytest.mark.django_db
def test_codes_as_one_parameter_filter_like_the_codes_themselves(east):
    from pathfinder.organisations.models import Organisation

    codes = {"C-CAM", "C-HUN", "NOT-AN-ORG"}
    by_table = Organisation.objects.filter(code__in=codes_table(codes))
    assert sorted(by_table.values_list("code", flat=True)) == ["C-CAM", "C-HUN"]
    assert not Organisation.objects.filter(code__in=codes_table(set())).exists()


# Your work.


@pytest.mark.django_db
def test_your_work_shows_an_overdue_review_to_its_owner_only(east):
    # R03 (CL-CAP) is owned by P02 and was due for review on 1 October 2011.
    owner = account("owner", "viewer", "CL-CAP", person_id="P02")
    other = account("other", "viewer", "CL-CAP", person_id="P03")
    mine = work(assembled(owner))["Your risk reviews overdue"]
    assert mine.count == 1 and "(R03)" in mine.items[0].text
    assert mine.items[0].href == "/risk/R03/"
    assert mine.see_all == "/risks/overdue/?owner=P02"
    assert work(assembled(other))["Your risk reviews overdue"].count == 0
    page = signed_in(Client(), owner).get(URL).content.decode()
    assert "Loss of commissioning staff in transition (R03)" in page
    assert "review was due 1 October 2011" in page
    assert "(R03)" not in signed_in(Client(), other).get(URL).content.decode()


@pytest.mark.django_db
def test_your_work_is_the_register_checks_about_you_and_your_meetings(demo_users):
    from pathfinder.interests.register import Limits, analyse, load_facts
    from tests.packs.test_my_boards import declare_late_interest_in_rgn

    declare_late_interest_in_rgn()  # Umar Vance (P21), the demo "member"
    result = assembled(demo_users["member"])
    assert result.person == "Umar Vance"
    due = [f for f in analyse(load_facts(D), D, Limits.from_settings()) if f.person == "P21"]
    declarations = work(result)["Your declarations"]
    assert declarations.count == len(due) > 0
    assert "Late declaration" in [i.text for i in declarations.items]
    meetings = work(result)["Your next meetings"]
    assert "Peterborough" in meetings.items[0].text and meetings.items[0].hint == "17 November 2011"
    assert meetings.items[0].href == "/meetings/M-PET-11/"


@pytest.mark.django_db
def test_an_account_with_no_person_gets_no_personal_work(demo_users):
    viewer = assembled(demo_users["viewer"])  # no person, no governing role
    assert viewer.work == [] and viewer.person == ""
    assert viewer.area
    lead = work(assembled(demo_users["governance_lead"]))
    assert set(lead) == {"Your next meetings", "Board packs waiting for you"}
    assert lead["Your next meetings"].count > 0
    assert lead["Your next meetings"].see_all == "/meetings/?from=2011-11-15"


@pytest.mark.django_db
def test_a_built_pack_waits_for_its_governors_to_issue_it(demo_users):
    from pathfinder.core.worker import run_pending
    from pathfinder.governance.models import Meeting
    from pathfinder.reports.actions import request_build

    meeting = Meeting.objects.select_related("body").get(pk="M-PET-11")
    request_build(by="test:home", body=meeting.body, as_at=meeting.date, meeting=meeting)
    run_pending()
    packs = work(assembled(demo_users["governance_lead"]))["Board packs waiting for you"]
    assert packs.count == 1 and packs.items[0].hint.endswith("built, not yet issued")
    member = work(assembled(demo_users["member"]))["Board packs waiting for you"]
    assert member.count == 0  # not issued yet


# The page.


def test_the_public_home_still_works(client, db):
    page = client.get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Governance for health commissioning in transition" in text
    assert 'href="/sign-in/"' in text


@pytest.mark.django_db
def test_the_page_links_each_count_to_its_list(demo_users):
    page = signed_in(Client(), demo_users["governance_lead"]).get(URL).content.decode()
    for href in (
        "/organisations/?kind=practice",
        "/risks/?status=overdue",
        "/risks/?status=escalated",
        "/qipp/?year=2011-12&amp;rag=red",
        "/meetings/?from=2011-11-01&amp;to=2011-11-30",
    ):
        assert f'href="{href}"' in page, href
    assert "Cambridgeshire and Peterborough PCT Cluster" in page
    assert "nhsuk-card" in page


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_more_rows(east, grow_east, assert_max_queries):
    from pathfinder.core.accounts import ensure_demo_accounts

    def counts():
        ensure_demo_accounts(by="test:home")
        users = get_user_model().objects
        out = {}
        for name in ("member", "governance_lead", "viewer"):
            client = signed_in(Client(), users.get(username=name))
            client.get(URL)
            with assert_max_queries(25, name) as ctx:
                assert client.get("/").status_code == 200
            out[name] = len(ctx)
        return out

    small = counts()
    grow_east(3000)
    assert counts() == small
