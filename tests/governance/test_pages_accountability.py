# ruff: noqa: F811 - the web fixtures are imported by name
"""Accountability pages against the example: the map shows every finding of the
expected answer, findings link to their causes, the SVG download, scope and queries."""

import json
import re

import pytest
from django.test import Client

from tests.conftest import EAST
from tests.web.conftest import (  # noqa: F401 - fixtures
    OWNER_ORG_NAME,
    admin_client,
    demo_users,
    outsider_user,
    signed_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("contexts")]
AS_AT = "2011-10-01"


@pytest.fixture
def contexts(monkeypatch):
    """Keep each Jinja2 page's context on its response, as the test client does for
    Django's own templates."""
    from django.template.backends import jinja2
    from django.test import signals

    render = jinja2.Template.render

    def rendering(self, context=None, request=None):
        signals.template_rendered.send(sender=self, template=self, context=context or {})
        return render(self, context, request)

    monkeypatch.setattr(jinja2.Template, "render", rendering)


def expected(d: str) -> dict:
    return json.loads((EAST / "expected" / f"accountability-{d}.json").read_text())


def test_the_map_numbers_every_expected_finding_on_a_box(admin_client):
    page = admin_client.get("/accountability/", {"as_at": AS_AT, "root": "CL-CAP"})
    html = page.content.decode()
    assert page.status_code == 200
    svg = re.search(r"<svg[^>]*class=\"pf-amap\".*?</svg>", html, re.S).group(0)
    picture = page.context["picture"]
    listed = [(nf.finding.finding, nf.finding.subject) for nf in picture.findings]
    want = [(f["finding"], f["subject"]) for f in expected(AS_AT)["findings"]]
    assert sorted(listed) == sorted(want)
    on_boxes = {n for box in picture.nodes for n in box.findings}
    assert on_boxes == {nf.number for nf in picture.findings}
    for box in picture.nodes:
        if box.findings:
            assert f'aria-label="{box.label}"' in svg.replace("&#39;", "'")
    assert 'href="/bodies/B-CAM/"' in svg
    assert 'href="/functions/F-ACUTE-CAM/"' in svg


def test_the_findings_page_links_each_cause_to_the_page_that_changes_it(admin_client):
    page = admin_client.get("/accountability/findings/", {"as_at": AS_AT})
    rows = page.context["findings"]
    ambiguous = next(r for r in rows if r["finding"].finding == "ambiguous_accountability")
    assert [c.row for c in ambiguous["causes"]] == list(ambiguous["finding"].rows)
    for cause in ambiguous["causes"]:
        line_id = cause.row.split(":")[1]
        assert cause.change_href == f"/organisations/C-CAM/accountability/end/?line={line_id}"
        assert admin_client.get(cause.change_href).status_code == 200
    multi = next(
        r
        for r in rows
        if r["finding"].subject == "person:P12" and r["finding"].finding == "multi_board"
    )
    assert all(c.change_href.startswith("/bodies/") for c in multi["causes"])
    html = page.content.decode()
    assert ambiguous["causes"][0].change_href.replace("&", "&amp;") in html


def test_the_findings_download_is_the_analysis(admin_client):
    response = admin_client.get("/accountability/findings/", {"as_at": AS_AT, "format": "csv"})
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0] == "finding,severity,subject,parties,rows,detail"
    assert len(lines) - 1 == len(expected(AS_AT)["findings"])


def test_the_standalone_svg_is_a_picture_with_absolute_links(admin_client):
    response = admin_client.get(
        "/accountability/", {"as_at": AS_AT, "root": "CL-CAP", "format": "svg"}
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in body
    assert 'href="http://testserver/bodies/B-CAM/"' in body
    assert "<style>" in body


def test_chains_follow_the_expected_answer(admin_client):
    page = admin_client.get("/accountability/chains/", {"as_at": AS_AT})
    rows = {r["subject"]: r for r in page.context["rows"]}
    for subject, chain in expected(AS_AT)["chains"].items():
        if subject in rows:
            assert [c[0] for c in rows[subject]["chain"]] == chain[1:]
    assert rows["body:B-PET"]["reaches"] is False


def test_an_outsider_sees_no_finding_of_the_cluster(outsider_user):
    client = signed_in(Client(), outsider_user)
    page = client.get("/accountability/findings/", {"as_at": AS_AT})
    assert page.context["findings"] == []
    assert OWNER_ORG_NAME not in page.content.decode()
    assert client.get("/accountability/", {"root": "CL-CAP"}).status_code == 404
    assert client.get("/bodies/B-CAM/").status_code == 404


def test_the_map_of_a_cluster_costs_a_fixed_number_of_queries(admin_client, assert_max_queries):
    admin_client.get("/accountability/", {"as_at": AS_AT})
    # With the read of the last recorded change that keeps an area's analysis (0177).
    with assert_max_queries(17):
        assert admin_client.get("/accountability/", {"root": "CL-CAP"}).status_code == 200


def test_the_ned_view_lists_seats_across_organisations_and_their_findings(admin_client):
    page = admin_client.get("/people/P12/boards/", {"as_at": AS_AT})
    bodies = {r["m"].body_id for r in page.context["rows"]}
    assert bodies == {"B-5PN", "B-PET", "B-PETX"}
    kinds = {f["finding"].finding for f in page.context["findings"]}
    assert kinds == {"dual_role", "multi_board"}


def test_bodies_of_an_organisation_show_members_and_quorum(admin_client):
    page = admin_client.get("/organisations/C-CAM/bodies/", {"as_at": AS_AT})
    (row,) = page.context["rows"]
    assert row["body"].body_id == "B-CAM"
    assert {m.person_id for m in row["members"]} == {"P03", "P04", "P13", "P07", "P10"}
    assert row["voting"] == 4 and row["clinical"] == 2
    assert "At least 4" in page.content.decode()


def test_who_may_decide_answers_on_the_scheme_page(admin_client):
    page = admin_client.get(
        "/organisations/5PP/delegation/",
        {"as_at": AS_AT, "decision_type": "contract_award", "amount": "300000"},
    )
    assert page.context["answer"].can_decide == ("body:B-5PP",)
    low = admin_client.get(
        "/organisations/5PP/delegation/", {"decision_type": "contract_award", "amount": "1000"}
    )
    assert low.context["answer"].can_decide == ("body:B-5PP", "role:chief_executive")
    bad = admin_client.get(
        "/organisations/5PP/delegation/", {"decision_type": "contract award", "amount": "lots"}
    )
    assert bad.context["answer"] is None
    html = bad.content.decode()
    assert "nhsuk-error-summary" in html and "Enter the amount in pounds" in html
