"""The accountability map and its area, over hand-built facts; no database."""

import datetime as dt

from pathfinder.governance.accountability.area import area_findings, build_area
from pathfinder.governance.accountability.facts import Facts, Function, Line, Org
from pathfinder.governance.accountability.map import BOX_H, build_map
from pathfinder.governance.facts import BodyRow, MembershipRow

D = dt.date(2011, 10, 1)


def facts(lines=(), members=(), extra_orgs=(), extra_bodies=(), functions=()):
    return Facts.build(
        orgs=[
            Org("PCT1", "pct", statutory=True, name="PCT One"),
            Org("PCT2", "pct", statutory=True, name="PCT Two"),
            Org("CL", "cluster", name="Cluster"),
            Org("CONS", "consortium", name="Consortium"),
            *extra_orgs,
        ],
        bodies=[
            BodyRow("PCT1-BOARD", "PCT1", "board", "PCT One Board"),
            BodyRow("PCT2-BOARD", "PCT2", "board", "PCT Two Board"),
            BodyRow("CL-BOARD", "CL", "board", "Cluster Board"),
            BodyRow("CL-EXEC", "CL", "executive", "Cluster Executive"),
            BodyRow("CONS-BOARD", "CONS", "board", "Consortium Board"),
            *extra_bodies,
        ],
        functions=functions,
        lines=[Line(i, *x) for i, x in enumerate(lines, 1)],
        members=members,
    )


ALL = {"PCT1", "PCT2", "CL", "CONS"}
CLEAR = [
    ("org:CL", "body:PCT1-BOARD", "accountable", "all"),
    ("body:CL-BOARD", "body:PCT1-BOARD", "accountable", "all"),
    ("body:CL-EXEC", "body:CL-BOARD", "accountable", "all"),
    ("org:CONS", "body:PCT2-BOARD", "delegated", ""),
    ("body:CONS-BOARD", "body:PCT2-BOARD", "delegated", ""),
]


def node(picture, ref):
    return next(n for n in picture.nodes if n.ref == ref)


def test_tops_are_on_the_first_row_and_subjects_below_their_holders():
    picture = build_map(build_area(facts(CLEAR), D, ALL, ALL))
    top_y = node(picture, "body:PCT1-BOARD").y
    assert all(node(picture, r).y == top_y for r in ("org:PCT1", "body:PCT2-BOARD"))
    assert node(picture, "body:CL-BOARD").y > top_y
    assert node(picture, "body:CL-EXEC").y > node(picture, "body:CL-BOARD").y
    assert node(picture, "body:PCT1-BOARD").top and not node(picture, "body:CL-EXEC").top
    assert picture.band_y is None and picture.findings == []


def test_boxes_never_overlap():
    many = [BodyRow(f"C{i}", "CL", "committee", f"Committee {i}") for i in range(11)]
    lines = CLEAR + [(f"body:C{i}", "body:CL-BOARD", "accountable", "") for i in range(11)]
    picture = build_map(build_area(facts(lines, extra_bodies=many), D, ALL, ALL))
    spots = {(n.x, n.y) for n in picture.nodes}
    assert len(spots) == len(picture.nodes)
    assert all(n.x + picture.box_w <= picture.width for n in picture.nodes)
    assert all(n.y + BOX_H <= picture.height for n in picture.nodes)


def test_every_finding_is_numbered_on_a_box_and_its_lines_are_flagged():
    lines = [
        *CLEAR,
        ("body:CONS-BOARD", "body:CL-BOARD", "accountable", ""),
        ("body:CONS-BOARD", "body:PCT1-BOARD", "accountable", "all"),
    ]
    members = [
        MembershipRow(1, "CONS-BOARD", "P1", "executive"),
        MembershipRow(2, "CL-BOARD", "P1", "ned"),
    ]
    fn = [Function("F1", "CL", "Prescribing")]
    area = build_area(facts(lines, members, functions=fn), D, ALL, ALL)
    picture = build_map(area)
    kinds = {nf.finding.finding for nf in picture.findings}
    assert {"ambiguous_accountability", "dual_role", "no_accountability"} <= kinds
    on_boxes = {n for box in picture.nodes for n in box.findings}
    assert on_boxes == {nf.number for nf in picture.findings}
    assert node(picture, "function:F1").severity == "high"
    flagged = {e.line_id for e in picture.edges if e.flagged}
    assert {6, 7} <= flagged


def test_subjects_reaching_no_top_are_drawn_apart_below():
    lines = [
        *CLEAR,
        ("body:X", "body:Y", "accountable", ""),
        ("body:Y", "body:X", "accountable", ""),
    ]
    extra = [BodyRow("X", "CL", "committee", "X"), BodyRow("Y", "CL", "committee", "Y")]
    picture = build_map(build_area(facts(lines, extra_bodies=extra), D, ALL, ALL))
    x, y = node(picture, "body:X"), node(picture, "body:Y")
    assert not x.anchored and not y.anchored
    assert min(x.y, y.y) > picture.band_y > node(picture, "body:CL-EXEC").y
    assert x.y != y.y  # the cycle is broken at its smallest reference


def test_an_area_keeps_its_own_subjects_and_the_people_sitting_on_its_bodies():
    members = [
        MembershipRow(1, "PCT1-BOARD", "P1", "ned"),
        MembershipRow(2, "CONS-BOARD", "P1", "lay"),
        MembershipRow(3, "PCT2-BOARD", "P2", "ned"),
        MembershipRow(4, "CL-BOARD", "P2", "ned"),
    ]
    f = facts(CLEAR, members, functions=[Function("F1", "CONS", "Acute")])
    area = build_area(f, D, {"CONS"}, ALL)
    subjects = {x.subject for x in area.findings}
    assert subjects == {"function:F1", "person:P1"}
    assert area_findings(f, area.result.findings, {"PCT2"}) != area.findings


def test_names_outside_the_users_scope_are_not_shown():
    area = build_area(facts(CLEAR), D, {"CL"}, {"CL"})
    picture = build_map(area)
    holder = node(picture, "body:PCT1-BOARD")
    assert holder.name == "" and not holder.linked
    assert node(picture, "body:CL-BOARD").name == "Cluster Board"


def test_only_the_other_end_of_a_line_touching_the_area_is_drawn():
    # The board's line upwards comes after the line reaching it: a box is drawn for an
    # end of a line touching the area, not for whatever that end touches in turn.
    lines = [
        *CLEAR,
        ("body:PCT1-BOARD", "body:SHA-BOARD", "reports", "performance"),
        ("body:CONS-BOARD", "body:PCT1-BOARD", "advises", ""),
    ]
    extra_orgs = [Org("SHA", "sha", statutory=True, name="SHA")]
    extra_bodies = [BodyRow("SHA-BOARD", "SHA", "board", "SHA Board")]
    f = facts(lines, extra_orgs=extra_orgs, extra_bodies=extra_bodies)
    drawn = {n.ref for n in build_map(build_area(f, D, {"CL"}, ALL)).nodes}
    assert drawn == {"org:CL", "body:CL-BOARD", "body:CL-EXEC", "body:PCT1-BOARD"}
