"""A big area summarised by its parts, over hand-built facts; no database. Each part
counts the findings its own area would show: the one analysis, split by the one rule."""

import datetime as dt

from pathfinder.governance.accountability.area import area_findings, build_area
from pathfinder.governance.accountability.facts import Facts, Function, Line, Org
from pathfinder.governance.accountability.summary import (
    descendants,
    heads_above,
    sub_area_codes,
    summarise,
)
from pathfinder.governance.facts import BodyRow, MembershipRow

D = dt.date(2011, 10, 1)
# An SHA hosting two PCTs; a cluster holding them too; a consortium under each PCT.
CHILDREN = {"SHA": {"PCT1", "PCT2"}, "CL": {"PCT1", "PCT2"}, "PCT1": {"C1"}, "PCT2": {"C2"}}
HEADS = {
    "SHA": ("Region", "sha"),
    "CL": ("Cluster", "cluster"),
    "PCT1": ("PCT One", "pct"),
    "PCT2": ("PCT Two", "pct"),
    "C1": ("Consortium One", "consortium"),
    "C2": ("Consortium Two", "consortium"),
}
ALL = set(HEADS) | {"GP1"}


def facts() -> Facts:
    return Facts.build(
        orgs=[
            Org("SHA", "sha", statutory=True, name="Region"),
            Org("CL", "cluster", name="Cluster"),
            Org("PCT1", "pct", statutory=True, name="PCT One"),
            Org("PCT2", "pct", statutory=True, name="PCT Two"),
            Org("C1", "consortium", name="Consortium One"),
            Org("C2", "consortium", name="Consortium Two"),
            Org("GP1", "practice", name="Practice"),
        ],
        bodies=[
            BodyRow("PCT1-B", "PCT1", "board", "PCT One Board"),
            BodyRow("PCT2-B", "PCT2", "board", "PCT Two Board"),
            BodyRow("C1-B", "C1", "board", "C1 Board"),
            BodyRow("C2-B", "C2", "board", "C2 Board"),
        ],
        functions=[Function("F1", "C1", "Acute"), Function("F2", "C2", "Community")],
        lines=[
            Line(1, "org:C1", "body:PCT1-B", "delegated"),
            Line(2, "body:C1-B", "body:PCT1-B", "delegated"),
            Line(3, "function:F1", "body:C1-B", "delegated"),
        ],
        # A person on both consortium boards: one finding, shown in both parts.
        members=[MembershipRow(1, "C1-B", "P1", "lay"), MembershipRow(2, "C2-B", "P1", "lay")],
    )


def test_descendants_follow_every_link_down():
    assert descendants(CHILDREN, "SHA") == {"SHA", "PCT1", "PCT2", "C1", "C2"}
    assert descendants(CHILDREN, "C1") == {"C1"}


def test_the_parts_are_the_heads_with_none_above_them_or_the_roots_children():
    area = build_area(facts(), D, ALL, ALL)
    assert sub_area_codes(area, CHILDREN, HEADS) == ["CL", "SHA"]
    part = build_area(facts(), D, descendants(CHILDREN, "PCT1"), ALL, root="PCT1")
    assert sub_area_codes(part, CHILDREN, HEADS) == ["C1"]


def test_each_part_counts_what_its_own_area_shows():
    f = facts()
    area = build_area(f, D, ALL, ALL)
    parts = {p.code: p for p in summarise(area, CHILDREN, HEADS)}
    assert [p.kind for p in parts.values()] == ["sha", "cluster"]  # by kind
    for code, part in parts.items():
        orgs = descendants(CHILDREN, code) & ALL
        own = area_findings(f, area.findings, orgs)
        assert part.finding_count == len(own) > 0
        assert part.organisations == 5 and part.bodies == 4 and part.functions == 2
    consortium = summarise(build_area(f, D, {"PCT2", "C2"}, ALL, root="PCT2"), CHILDREN, HEADS)
    (c2,) = consortium
    assert c2.code == "C2" and c2.functions == 1
    kinds = {x.finding for x in area_findings(f, area.findings, {"C2"})}
    assert "multi_board" in kinds and c2.finding_count == len(
        area_findings(f, area.findings, {"C2"})
    )


def test_the_trail_back_up_goes_through_the_nearer_head_in_scope():
    assert heads_above(CHILDREN, HEADS, "C1", ALL) == ["CL", "PCT1"]
    assert heads_above(CHILDREN, HEADS, "C1", ALL - {"CL"}) == ["SHA", "PCT1"]
    assert heads_above(CHILDREN, HEADS, "SHA", ALL) == []
