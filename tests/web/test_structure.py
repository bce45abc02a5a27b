"""Laying out the structure picture from plain facts (no database)."""

import datetime as dt
from collections import Counter
from types import SimpleNamespace

from pathfinder.organisations.structure import BOX_W, build_structure, flatten
from pathfinder.organisations.structure_summary import (
    SUMMARY_NODES,
    counted,
    part,
    picture,
    summarise,
    trail,
)

D = dt.date(2011, 10, 1)


def org(code, kind, opened=None, closed=None):
    o = SimpleNamespace(code=code, name=f"Org {code}", kind=kind, opened=opened, closed=closed)
    o.open_on = lambda d: (opened is None or opened <= d) and (closed is None or d <= closed)
    return o


def rel(parent, child, kind):
    return SimpleNamespace(parent_id=parent.code, child_id=child.code, kind=kind, parent=parent)


CL, PCT, CON, GP1, GP2, HUB = (
    org("CL", "cluster"),
    org("PCT", "pct"),
    org("CON", "consortium"),
    org("GP1", "practice"),
    org("GP2", "practice"),
    org("HUB", "support_unit"),
)
RELS = [
    rel(CL, PCT, "cluster_member"),
    rel(PCT, CON, "delegates_budget"),
    rel(CON, GP1, "member_practice"),
    rel(CON, GP2, "member_practice"),
    rel(HUB, CON, "supports"),
]


def test_tree_columns_follow_the_relationships():
    orgs = {o.code: o for o in (CL, PCT, CON, GP1, GP2)}
    s = build_structure(orgs, RELS, set(orgs), D)
    assert [r.code for r in s.roots] == ["CL"]
    depth = {n.code: n.depth for n in flatten(s)}
    assert depth == {"CL": 0, "PCT": 1, "CON": 2, "GP1": 3, "GP2": 3, "HUB": 1}
    con = next(n for n in flatten(s) if n.code == "CON")
    gp1, gp2 = con.children
    assert con.row == (gp1.row + gp2.row) / 2  # a parent sits between its children
    assert s.width == 2 * 16 + 4 * BOX_W + 3 * 50


def test_support_unit_outside_scope_is_drawn_without_a_link():
    orgs = {o.code: o for o in (CL, PCT, CON, GP1, GP2)}
    s = build_structure(orgs, RELS, set(orgs), D)
    (hub,) = s.supports
    assert hub.code == "HUB" and not hub.linked and hub.support
    assert sum(e.support for e in s.edges) == 1


def test_root_draws_one_part_and_unlinked_orgs_are_roots():
    orgs = {o.code: o for o in (CL, PCT, CON, GP1, GP2)}
    part = build_structure(orgs, RELS, set(orgs), D, root="CON")
    assert [n.code for n in flatten(part)][:3] == ["CON", "GP1", "GP2"]
    alone = build_structure({"GP1": GP1, "CL": CL}, RELS, {"GP1", "CL"}, D)
    assert [r.code for r in alone.roots] == ["CL", "GP1"]  # cluster first, by kind


def test_empty_structure():
    s = build_structure({}, [], set(), D)
    assert s.roots == [] and s.count == 0 and s.height > 0


def _big(practices: int):
    """A cluster with two PCTs, a consortium under each, and many practices."""
    pct2, con2 = org("PCT2", "pct"), org("CON2", "consortium")
    trust = org("TR", "trust")
    gps = [org(f"G{i:03d}", "practice") for i in range(practices)]
    orgs = {o.code: o for o in (CL, PCT, CON, pct2, con2, trust, *gps)}
    rels = [
        rel(CL, PCT, "cluster_member"),
        rel(CL, pct2, "cluster_member"),
        rel(PCT, CON, "delegates_budget"),
        rel(pct2, con2, "delegates_budget"),
        *(rel(CON if i % 2 else con2, g, "member_practice") for i, g in enumerate(gps)),
    ]
    return orgs, rels


def test_a_big_area_opens_at_its_top_levels_with_counts_below():
    orgs, rels = _big(SUMMARY_NODES)
    full = build_structure(orgs, rels, set(orgs), D)
    s = summarise(full, orgs, rels, set(orgs), D)
    assert s.summary and s.count < SUMMARY_NODES
    drawn = {n.code: n for n in flatten(s)}
    assert set(drawn) == {"CL", "PCT", "PCT2", "CON", "CON2"}
    assert drawn["CL"].below == f"2 PCTs, 2 consortia, {SUMMARY_NODES} practices"
    assert drawn["CON"].below == f"{SUMMARY_NODES // 2} practices"
    assert s.lone == [("NHS trust", 1)]
    assert s.hidden == full.count - s.count


def test_a_small_area_or_one_part_is_drawn_whole():
    orgs, rels = _big(10)
    full = build_structure(orgs, rels, set(orgs), D)
    assert summarise(full, orgs, rels, set(orgs), D) is full
    orgs, rels = _big(SUMMARY_NODES)
    shown, shown_rels = part(orgs, rels, "CON")
    one = build_structure(shown, shown_rels, set(orgs), D, root="CON")
    assert summarise(one, shown, shown_rels, set(orgs), D, root="CON") is one
    assert one.count == 1 + SUMMARY_NODES // 2
    assert [o.code for o in trail(rels, orgs, "CON")] == ["CL", "PCT"]


def test_counts_name_each_kind():
    assert counted(Counter({"practice": 1, "consortium": 2, "local_authority": 3})) == (
        "2 consortia, 3 local authorities, 1 practice"
    )


def test_the_picture_of_the_rows_draws_the_summary_or_the_whole_with_its_lines():
    orgs, rels = _big(SUMMARY_NODES)
    big = picture(orgs, rels, set(orgs), D)
    assert big.summary and len(big.edges) == 4  # cluster → 2 PCTs → a consortium each
    orgs, rels = _big(10)
    small = picture(orgs, rels, set(orgs), D)
    assert not small.summary and small.count == len(orgs)
    assert len(small.edges) == 4 + 10
