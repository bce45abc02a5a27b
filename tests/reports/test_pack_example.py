"""The pack of every board of the example, on two dates, carries the figures the CLI's
analyses give for that body: finance to the penny, QIPP's RAG counts, risk scores, and
each agenda item's quorum verdict with every member excluded from it."""

import datetime as dt
import re
from collections import Counter

import pytest

from pathfinder.core.money import FinancialYear
from pathfinder.core.scope import organisations_below
from pathfinder.finance import rollup
from pathfinder.governance import conflicts
from pathfinder.governance.models import Body, BodyKind, Meeting
from pathfinder.organisations.models import Organisation
from pathfinder.people.models import Person
from pathfinder.qipp import delivery
from pathfinder.reports.document import pack_pdf
from pathfinder.risks import assessment
from tests.reports.conftest import money, pdf_text

DATES = (dt.date(2011, 10, 15), dt.date(2011, 11, 5))


def _org(code: str) -> str:
    return code.removeprefix("org:")


def _level(org: Organisation) -> str:
    if org.kind == "cluster":
        return "cluster"
    return "statutory" if org.statutory else "organisation"


def check_finance(text: str, org: Organisation, d: dt.date) -> int:
    year = str(FinancialYear.containing(d))
    level = _level(org)
    group = rollup.report(year, level, d)
    row = next(r for r in group["rows"] if _org(r["group"]) == org.code)
    structure = rollup.load_structure(d)
    members = [
        r
        for r in rollup.report(year, "organisation", d)["rows"]
        if structure.group(_org(r["group"]), level) == org.code
    ]
    assert members
    checked = 0
    for r in [row, *members]:
        for key in ("budget", "actual", "forecast", "variance"):
            assert money(r[key]) in text, (org.code, r["group"], key, r[key])
            checked += 1
    return checked


def check_qipp(text: str, scope: set[str], d: dt.date) -> None:
    schemes = [
        s
        for s in delivery.report(str(FinancialYear.containing(d)), d)["schemes"]
        if _org(s["org"]) in scope
    ]
    if not schemes:
        assert "No QIPP schemes" in text
        return
    counts = Counter(s["rag"] for s in schemes)
    found = re.search(r"Red Amber Green Grey (\d+) (\d+) (\d+) (\d+)", text)
    assert found, "no RAG counts"
    assert [int(n) for n in found.groups()] == [
        counts[k] for k in ("red", "amber", "green", "grey")
    ]
    for s in schemes:
        assert f"({s['scheme']})" in text


def check_risks(text: str, scope: set[str], d: dt.date) -> int:
    risks = [r for r in assessment.report(d)["risks"] if _org(r["org"]) in scope]
    for r in risks:
        rid = r["risk"].removeprefix("risk:")
        pattern = rf"\({re.escape(rid)}\).{{0,240}}?\b{r['current_score']} {r['band']}\b"
        assert re.search(pattern, text), (rid, r["current_score"], r["band"])
    return len(risks)


def check_conflicts(text: str, body: Body, d: dt.date) -> int:
    meeting = Meeting.objects.filter(body=body, date__gte=d).order_by("date").first()
    if meeting is None:
        assert "No meeting of" in text
        return 0
    names = dict(Person.objects.values_list("person_id", "name"))
    checked = 0
    for answer in conflicts.meeting_report(meeting.meeting_id):
        decision = answer["decision"]
        found = re.search(rf"\({re.escape(decision)}\)(.*?)(Not quorate|Quorate)", text)
        assert found, decision
        segment, verdict = found.groups()
        assert verdict == ("Quorate" if answer["quorum"]["quorate"] else "Not quorate"), decision
        excluded = [p for p in answer["participants"] if p["action"] == "exclude"]
        for p in excluded:
            name = names[p["person"].removeprefix("person:")]
            assert re.search(rf"Excluded:[^.]*{re.escape(name)}", segment), (decision, name)
        checked += 1 + len(excluded)
    return checked


@pytest.mark.parametrize("d", DATES, ids=str)
def test_every_board_pack_carries_the_analyses_figures(east, d):
    boards = list(Body.objects.filter(kind=BodyKind.BOARD).select_related("org"))
    assert len(boards) >= 5
    checked = {"finance": 0, "risks": 0, "conflicts": 0}
    for body in boards:
        text = pdf_text(pack_pdf(body.body_id, d))
        assert body.name in text and f"{d.day} {d:%B %Y}" in text
        scope = organisations_below({body.org_id})
        checked["finance"] += check_finance(text, body.org, d)
        check_qipp(text, scope, d)
        checked["risks"] += check_risks(text, scope, d)
        checked["conflicts"] += check_conflicts(text, body, d)
    # The example has figures of every kind on both dates: the checks above ran.
    assert all(checked.values()), checked
