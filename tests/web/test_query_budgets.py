"""Every page has a budget of queries, rendering included, and costs the same number of
queries when the package holds thousands more rows: no page reads once per row.

The pages are walked from the URLconf (tests/web/pages.py), so a new page fails here
until it is given a budget. See docs/decisions/0168-query-budgets.md.

The pages are counted in groups, one test class each, so the suite's workers count the
groups side by side (docs/decisions/0190-test-run-time.md)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathfinder.core.accounts import ensure_demo_accounts
from tests.web.conftest import signed_in
from tests.web.pages import SIGNED_IN_STATUS, all_pages

PAGES = all_pages()
AS_AT = "2011-11-15"
# The pack shows the body's next meeting: B-CAM's is on 3 November. The meeting lists
# open on the upcoming ones, so they are measured with that meeting still to come.
AS_AT_OF = {
    "reports:pack": "2011-10-15",
    "governance:meetings": "2011-10-15",
    "governance:body_meetings": "2011-10-15",
}
BUDGETS = {
    "home": 19,
    "login": 2,
    "logout": 1,
    "two_factor_code": 3,
    "two_factor_setup": 5,
    "oidc_start": 4,
    "oidc_callback": 4,
    "users:set_password": 5,
    "users:password_set": 4,
    "users:list": 7,
    "users:invite": 5,
    "users:detail": 7,
    "users:grant": 6,
    "users:end_role": 7,
    "users:deactivate": 5,
    "users:send_link": 5,
    "organisations:list": 7,
    "organisations:detail": 10,
    "organisations:structure": 6,
    "organisations:changes": 8,
    "people:list": 7,
    "people:detail": 7,
    "governance:bodies": 8,
    "governance:body": 16,
    "governance:membership_add": 5,
    "governance:membership_end": 7,
    "governance:person_boards": 13,
    "governance:map": 15,
    "governance:findings": 14,
    "governance:chains": 11,
    "governance:function": 13,
    "governance:lines": 9,
    "governance:line_add": 7,
    "governance:line_end": 9,
    "governance:delegation": 9,
    "governance:delegation_add": 5,
    "governance:delegation_end": 7,
    "governance:meetings": 6,
    "governance:body_meetings": 7,
    "governance:agenda": 17,
    "governance:attendance": 8,
    "governance:minutes": 17,
    "interests:mine": 5,
    "interests:declare_interest": 5,
    "interests:declare_gift": 5,
    "interests:annual_return": 5,
    "interests:reminders": 10,
    "interests:public": 28,
    "finance:overview": 11,
    "finance:chart": 8,
    "finance:monthly": 8,
    "finance:organisation": 10,
    "finance:spend": 6,
    "finance:publication": 6,
    "finance:uploads": 7,
    "qipp:overview": 9,
    "qipp:scheme": 9,
    "risks:index": 9,
    "risks:overdue": 9,
    "risks:register": 10,
    "risks:heat_map": 10,
    "risks:matrix": 7,
    "risks:baf": 14,
    "risks:detail": 17,
    "risks:review": 7,
    "risks:add_control": 5,
    "risks:add_assurance": 5,
    "risks:add_gap": 5,
    "risks:add_action": 6,
    "support:programme": 14,
    "support:offer": 8,
    "support:session": 7,
    "support:book": 8,
    "support:attendance": 8,
    "support:capacity": 12,
    "support:readiness": 6,
    "support:readiness_org": 6,
    "agendas:list": 9,
    "agendas:detail": 6,
    "reports:pack": 68,
    "reports:meeting_packs": 7,
    "reports:packs": 7,
    "reports:public_packs": 7,
    "reports:my_boards": 5,
    # A built pack's pages: measured on the example only, as a built pack keeps its
    # meeting from being replaced by a larger package.
    "reports:pack_status": 6,
    "reports:pack_pdf": 8,
    "reports:pack_issue": 6,
}
PACK_PAGES = [p for p in PAGES if "number" in p.kwargs]
GROWABLE = [p for p in PAGES if "number" not in p.kwargs]
# Rows the example grows by: every grown table then runs past a listing's page
# (core/listing.py PAGE_SIZE, 100; a tenth of these rows go to the smaller tables), so a
# query per row would add a hundred or more to a page that lists them. At 1500 the grown
# board meetings (one per hundred rows) reach the 15th, on 15 October: the day the pack
# is counted, so its sections are the ones they were with 3000 rows.
GROWN_ROWS = 1500


def test_every_page_has_a_budget():
    assert sorted(BUDGETS) == sorted(p.name for p in PAGES)


def _administrator() -> Client:
    ensure_demo_accounts(by="test:budgets")
    return signed_in(Client(), get_user_model().objects.get(username="administrator"))


def _counts(client: Client, pages, assert_max_queries) -> dict[str, int]:
    out = {}
    for page in pages:
        client.get(f"/?as_at={AS_AT_OF.get(page.name, AS_AT)}")
        client.get(page.url)  # what a session reads once is not the page's cost
        with assert_max_queries(BUDGETS[page.name], page.url) as ctx:
            response = client.get(page.url)
        assert response.status_code == SIGNED_IN_STATUS.get(page.name, 200), page.url
        out[page.name] = len(ctx)
    return out


def _app(page) -> str:
    return page.name.split(":")[0] if ":" in page.name else ""


class _Grown:
    """Counts each page of the class's apps on the example and on the grown example."""

    apps: tuple[str, ...] = ()

    def pages(self):
        return [p for p in GROWABLE if _app(p) in self.apps]

    @pytest.mark.django_db
    def test_no_page_costs_more_queries_with_more_rows(self, east, grow_east, assert_max_queries):
        pages = self.pages()
        assert pages, f"no pages of {self.apps}"
        small = _counts(_administrator(), pages, assert_max_queries)
        grow_east(GROWN_ROWS)
        large = _counts(_administrator(), pages, assert_max_queries)
        grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
        assert not grew, f"pages whose queries grew with the rows (example, grown): {grew}"


# Two groups of about equal counting time, one per worker; a new app's pages fall to the
# second.
class TestRiskMoneyOrganisationAndPackPages(_Grown):
    apps = ("risks", "finance", "qipp", "organisations", "reports", "interests")


class TestGovernanceAndOtherPages(_Grown):
    def pages(self):
        grouped = {a for group in _Grown.__subclasses__() for a in group.apps}
        return [p for p in GROWABLE if _app(p) not in grouped]


class TestBuiltPackPages:
    @pytest.mark.django_db
    def test_the_pages_of_a_built_pack_keep_their_budget(self, east, assert_max_queries):
        from pathfinder.core.worker import run_pending
        from pathfinder.governance.models import Meeting
        from pathfinder.reports.actions import request_build

        meeting = Meeting.objects.select_related("body").get(pk="M-CAM-11")
        request_build(by="test:budgets", body=meeting.body, as_at=meeting.date, meeting=meeting)
        run_pending()
        assert set(_counts(_administrator(), PACK_PAGES, assert_max_queries)) == {
            p.name for p in PACK_PAGES
        }
