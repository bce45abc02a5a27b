"""An area's accountability read narrowly (docs/decisions/0085) gives the answer of the
whole structure for that area: the same findings, chains and map, on a synthetic region
package with lines added that cross the area's edge. The map page of any cluster costs
the same queries."""

import datetime as dt
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

from pathfinder.core import actions
from pathfinder.core.models import RoleAssignment
from pathfinder.core.scope import BELOW_KINDS
from pathfinder.governance.accountability import facts as accountability_facts
from pathfinder.governance.accountability.area import build_area, load_area
from pathfinder.governance.accountability.facts import load_facts
from pathfinder.governance.accountability.map import build_map
from pathfinder.governance.accountability.reach import below
from pathfinder.governance.models import AccountabilityLine, Body, Function, Membership
from pathfinder.organisations.models import Organisation, Relationship
from pathfinder.packages.loader import load_package
from pathfinder.packages.synth import write_synthetic
from pathfinder.people.models import Post
from tests.web.conftest import BACKEND

pytestmark = pytest.mark.django_db
FROM = dt.date(2011, 4, 1)
# Before the clusters open, in the middle of the year, and near its end.
DATES = (dt.date(2011, 6, 1), dt.date(2011, 10, 1), dt.date(2012, 3, 1))
# The page also reads the "below" relationships once, for its breadcrumbs and summary.
MAP_QUERIES = 21


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "region"
    write_synthetic(out, scale="region", seed=1)
    return out


def _line(subject, holder, kind="accountable", scope="all"):
    actions.create(
        AccountabilityLine,
        by="test",
        subject=subject,
        holder=holder,
        kind=kind,
        scope=scope,
        valid_from=FROM,
    )


def _body(body_id, org, kind="committee"):
    actions.create(Body, by="test", body_id=body_id, org=org, name=body_id, kind=kind, quorum_min=2)
    return f"body:{body_id}"


@pytest.fixture
def region(package):
    """The region package, with lines crossing the first cluster's edge: a cycle through
    a top, a subject outside answering to the cluster, a subject of the cluster whose
    lines leave it and go round outside without reaching a top, a body outside that the
    cluster advises, and a voting member of the cluster's board who works for a trust"""
    assert load_package(package, by="test:region").ok
    first, second = Organisation.objects.filter(kind="cluster").order_by("code")[:2]
    board = Body.objects.get(org=first, kind="board")
    executive = Body.objects.get(org=first, kind="executive")
    pct = Relationship.objects.filter(parent=first, kind="cluster_member").first().child
    pct_board = Body.objects.get(org=pct, kind="board")
    _line(f"body:{pct_board.body_id}", f"body:{executive.body_id}", scope="quality")
    outside_function = Function.objects.filter(org=second).first()
    _line(f"function:{outside_function.function_id}", f"body:{board.body_id}")
    provider = Organisation.objects.filter(kind="provider").order_by("code").first()
    loose = _body("T-LOOSE", first)
    out_1, out_2 = _body("T-OUT-1", provider), _body("T-OUT-2", provider)
    _line(loose, out_1)
    _line(out_1, out_2, kind="delegated", scope="")
    _line(out_2, out_1)
    consortium = Organisation.objects.filter(
        kind="consortium", parent_links__parent__parent_links__parent=second
    ).first()
    advised = _body("T-ADVISED", consortium)
    consortium_board = Body.objects.get(org=consortium, kind="board")
    _line(advised, f"body:{consortium_board.body_id}")
    _line(f"body:{executive.body_id}", advised, kind="advises", scope="")
    person = Membership.objects.filter(body=board, voting=True).order_by("id").first().person
    # ...who also sits on another cluster's consortium and on the PCT board the
    # consortium answers to: a dual role found through the consortium's own line.
    holder = consortium.parent_links.filter(kind="delegates_budget").first().parent
    for body in (consortium_board, Body.objects.get(org=holder, kind="board")):
        actions.create(
            Membership,
            by="test",
            body=body,
            person=person,
            capacity="lay",
            voting=True,
            valid_from=FROM,
        )
    trust = Organisation.objects.filter(kind="trust").order_by("code").first()
    actions.create(
        Post,
        by="test",
        person=person,
        org=trust,
        title="Director",
        role="executive",
        valid_from=FROM,
    )
    return first


def areas() -> list[str | None]:
    """Every cluster, PCT and consortium, the SHA, and no root (every organisation)."""
    roots = Organisation.objects.filter(kind__in=("cluster", "pct", "consortium", "sha"))
    return [*roots.order_by("code").values_list("code", flat=True), None]


def whole(full, area):
    return build_area(full, area.as_at, area.orgs, area.scope, area.root)


def chains_in_area(area):
    return {s: c for s, c in area.result.chains.items() if area.in_area(s)}


def everything() -> set[str]:
    return set(Organisation.objects.values_list("code", flat=True))


def compare_every_area() -> set[str]:
    scope = everything()
    kinds = set()
    for d in DATES:
        full = load_facts(d)
        for root in areas():
            narrowed = load_area(d, scope, root)
            expected = whole(full, narrowed)
            assert narrowed.findings == expected.findings, (d, root)
            assert chains_in_area(narrowed) == chains_in_area(expected), (d, root)
            assert build_map(narrowed) == build_map(expected), (d, root)
            kinds |= {f.finding for f in narrowed.findings}
    return kinds


def test_every_area_has_the_findings_chains_and_map_of_the_whole_structure(region):
    kinds = compare_every_area()
    assert kinds == {
        "no_accountability",
        "chain_not_statutory",
        "ambiguous_accountability",
        "cycle",
        "dual_role",
        "multi_board",
        "commissioner_provider_overlap",
    }


def test_an_area_past_the_limit_reads_the_whole_structure_with_the_same_answer(region, monkeypatch):
    monkeypatch.setattr(accountability_facts, "NARROWED_AREA_MAX", 20)
    compare_every_area()
    cluster = load_area(DATES[1], everything(), region.code)
    assert len(cluster.orgs) > 20
    assert len(cluster.facts.orgs) == Organisation.objects.count()


def test_a_cluster_reads_only_what_its_lines_reach(region):
    full = load_facts(DATES[1])
    cluster = load_area(DATES[1], everything(), region.code)
    assert len(cluster.facts.orgs) < len(full.orgs) / 4
    assert len(cluster.facts.bodies) < len(full.bodies) / 2
    assert len(cluster.facts.lines) < len(full.lines) / 2
    loose = next(f for f in cluster.findings if f.subject == "body:T-LOOSE")
    assert loose.finding == "chain_not_statutory"
    assert loose.parties == ("body:T-OUT-1", "body:T-OUT-2")


def test_below_follows_the_links_in_force_down_only(region):
    for d in DATES:
        children = defaultdict(set)
        for parent, child in (
            Relationship.objects.in_force(d)
            .filter(kind__in=BELOW_KINDS)
            .values_list("parent_id", "child_id")
        ):
            children[parent].add(child)
        for root in areas()[:-1]:
            seen, stack = {root}, [root]
            while stack:
                for child in children[stack.pop()] - seen:
                    seen.add(child)
                    stack.append(child)
            assert below(d, root, BELOW_KINDS) == seen, (d, root)
    pct = Relationship.objects.filter(parent=region, kind="cluster_member").first().child_id
    assert pct in below(DATES[1], region.code, BELOW_KINDS)
    assert region.code not in below(DATES[1], pct, BELOW_KINDS)


def test_the_map_of_a_cluster_costs_at_most_a_fixed_number_of_queries(region, assert_max_queries):
    """As the governance lead of each cluster; their maps differ in size, not in cost."""
    counts = {}
    for code in Organisation.objects.filter(kind="cluster").values_list("code", flat=True):
        user = actions.create(
            get_user_model(), by="test", username=f"lead-{code}", password=make_password(None)
        )
        actions.create(RoleAssignment, by="test", user=user, role="governance_lead", org_code=code)
        client = Client()
        client.force_login(user, backend=BACKEND)
        url = f"/accountability/?as_at={DATES[1].isoformat()}&root={code}"
        client.get(url)
        with assert_max_queries(MAP_QUERIES, url) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[code, response.content.count(b'class="amap-node')] = len(queries)
    sizes = {boxes for _, boxes in counts}
    assert len(sizes) > 1 and min(sizes) > 20
    assert max(counts.values()) <= MAP_QUERIES, counts
