"""Agenda pages with the example loaded: stances as at a date, the divergence called
out, the senate's advice, scope, and query budgets that do not grow with positions."""

import datetime as dt

import pytest

from pathfinder.agendas.models import Position
from pathfinder.core import actions
from tests.web.conftest import signed_in


def text(response) -> str:
    return response.content.decode()


PAGES = [("/agendas/?as_at=2011-12-01", 12), ("/agendas/PR-UCC/?as_at=2011-12-01", 9)]


@pytest.mark.parametrize("url, budget", PAGES)
def test_query_budget(lead_client, assert_max_queries, url, budget):
    with assert_max_queries(budget):
        assert lead_client.get(url).status_code == 200


def test_queries_do_not_grow_with_positions(lead_client, assert_max_queries):
    counts = {}
    for url, budget in PAGES:
        with assert_max_queries(budget, url) as ctx:
            lead_client.get(url)
        counts[url] = len(ctx)
    for i, org in enumerate(("RGT", "RQQ", "LA-CAM", "5PP", "FED1")):
        actions.create(
            Position,
            by="test",
            proposal_id="PR-UCC",
            org_id=org,
            stance="oppose",
            stated_on=dt.date(2011, 8, 1 + i),
        )
    for url, _ in PAGES:
        with assert_max_queries(counts[url], url) as ctx:
            lead_client.get(url)
        assert len(ctx) == counts[url], url


def test_divergence_is_called_out_with_who_stands_where(lead_client):
    page = text(lead_client.get("/agendas/PR-UCC/?as_at=2011-12-01"))
    assert "Commissioners and providers disagree" in page
    callout = page.split("Commissioners and providers disagree")[1].split("</div>")[0]
    assert "Peterborough and Stamford Hospitals NHS Foundation Trust opposes" in callout
    assert "NHS Peterborough" in callout


def test_stances_follow_the_as_at_date(lead_client):
    early = text(lead_client.get("/agendas/PR-STROKE/?as_at=2011-07-01"))
    assert "No clinical senate has given advice" in early
    assert "stated after 1 July 2011" in early
    later = text(lead_client.get("/agendas/PR-STROKE/?as_at=2011-12-01"))
    assert "Clinical senate advice" in later and "outcomes evidence" in later
    assert "Agreed repatriation pathway" in later
    assert 'aria-labelledby="stance-timeline-t stance-timeline-d"' in later


def test_proposals_are_seen_through_their_lead(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])  # Hunts: leads no proposal
    assert "No proposals are led" in text(viewer.get("/agendas/"))
    assert viewer.get("/agendas/PR-UCC/").status_code == 404


def test_the_list_sorts_filters_pages_and_downloads(lead_client):
    import csv
    import io

    from pathfinder.agendas.models import Proposal

    for i in range(55):
        actions.create(Proposal, by="test", proposal_id=f"PR-X{i:02d}", title=f"Extra {i:02d}",
                       lead_id="C-CAM")  # fmt: skip
    first = text(lead_client.get("/agendas/?as_at=2011-12-01"))
    assert "Showing 1 to 50 of 57 proposals" in first
    second = text(lead_client.get("/agendas/?page=2"))
    assert "Showing 51 to 57 of 57" in second
    titles = sorted(Proposal.objects.values_list("title", flat=True))
    shown = [t for t in titles if f">{t}</a>" in first + second]
    assert shown == titles
    disagree = text(lead_client.get("/agendas/?divergent=yes"))
    assert "of 1 proposals" in disagree and "/agendas/PR-UCC/" in disagree
    aligned = text(lead_client.get("/agendas/?sort=alignment"))  # those with no stance last
    assert aligned.index("/agendas/PR-UCC/") < aligned.index("/agendas/PR-STROKE/")
    assert aligned.index("/agendas/PR-STROKE/") < aligned.index("/agendas/PR-X00/")
    assert 'aria-sort="ascending"' in aligned
    response = lead_client.get("/agendas/?q=extra&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["proposal_id", "title"] and len(rows) == 56
