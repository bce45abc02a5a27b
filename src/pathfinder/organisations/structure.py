"""The structure as at a date: the tree of organisations linked by "below" relationships
(cluster → PCTs → consortia → practices), with the support units beside it, laid out
for a server-rendered SVG picture and for the same tree as a nested list.

Built from two set-based queries; layout is a pure function of the tree.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from pathfinder.core.scope import BELOW_KINDS
from pathfinder.organisations.models import org_kind_label

BOX_W, BOX_H = 230, 46
COL_GAP, ROW_GAP = 50, 14
MARGIN = 16
MAX_NODES = 400  # past this the picture is unreadable: draw one organisation's part
NAMED_CODES_MAX = 1000  # past this many codes in scope, read the register whole

KIND_RANK = {
    k: i
    for i, k in enumerate(
        ["national", "sha", "cluster", "icb", "pct", "sector_board", "ccg", "consortium"]
    )
}


@dataclass
class Node:
    code: str
    name: str
    kind: str
    linked: bool  # in the user's scope, so its page may be opened
    support: bool = False
    children: list["Node"] = field(default_factory=list)
    depth: int = 0
    row: float = 0.0
    box_h: int = BOX_H
    below: str = ""  # in a summary: what lies below it, counted ("3 PCTs, 160 practices")

    @property
    def kind_label(self) -> str:
        return org_kind_label(self.kind)

    @property
    def x(self) -> int:
        return MARGIN + self.depth * (BOX_W + COL_GAP)

    @property
    def y(self) -> int:
        return round(MARGIN + self.row * (self.box_h + ROW_GAP))

    @property
    def short_name(self) -> str:
        return self.name if len(self.name) <= 27 else self.name[:26].rstrip() + "…"


@dataclass(frozen=True)
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    support: bool

    @property
    def path(self) -> str:
        mid = (self.x1 + self.x2) / 2
        return f"M{self.x1},{self.y1} C{mid},{self.y1} {mid},{self.y2} {self.x2},{self.y2}"


@dataclass
class Structure:
    as_at: dt.date
    roots: list[Node]
    supports: list[Node]
    edges: list[Edge]
    width: int
    height: int
    count: int
    too_big: bool = False
    box_h: int = BOX_H
    summary: bool = False
    lone: list[tuple[str, int]] = field(default_factory=list)  # (kind label, count) not drawn
    hidden: int = 0  # organisations of the area not drawn in a summary


def _sort_key(node: Node):
    return (KIND_RANK.get(node.kind, 99), node.name, node.code)


def load_structure(codes: set[str], d: dt.date, root: str | None = None) -> Structure:
    """The organisations `codes` open on `d`, as a tree (and support units beside it)."""
    open_orgs, rels = read_structure(codes, d)
    return build_structure(open_orgs, rels, codes, d, root)


class OrgRow(NamedTuple):
    code: str
    name: str
    kind: str
    is_open: bool = True  # on the date it was read for

    def open_on(self, d: dt.date) -> bool:
        return self.is_open


class RelRow(NamedTuple):
    parent_id: str
    child_id: str
    kind: str
    parent: OrgRow


def read_structure(codes: set[str], d: dt.date) -> tuple[dict, list]:
    """The organisations `codes` open on `d` by code, and the relationships in force
    that place them (two queries, read as plain rows: a national scope is thousands)."""
    from django.db.models import BooleanField, ExpressionWrapper

    from pathfinder.organisations.models import Organisation, Relationship

    orgs = Organisation.objects.open_on(d)
    rels = Relationship.objects.in_force(d).filter(kind__in=(*BELOW_KINDS, "supports"))
    if len(codes) <= NAMED_CODES_MAX:
        orgs = orgs.filter(code__in=codes)
        rels = rels.filter(child_id__in=codes)
    # A scope of thousands is most of the register: it is read whole and the scope's part
    # kept here, rather than thousands of codes named in the queries.
    open_orgs = {
        code: OrgRow(code, name, kind)
        for code, name, kind in orgs.values_list("code", "name", "kind")
        if code in codes
    }
    parent_open = ExpressionWrapper(
        Organisation.in_force_q(d, prefix="parent__"), output_field=BooleanField()
    )
    rows = rels.annotate(parent_open=parent_open).values_list(
        "parent_id", "child_id", "kind", "parent__name", "parent__kind", "parent_open"
    )
    return open_orgs, [
        RelRow(p, c, k, OrgRow(p, name, kind, bool(is_open)))
        for p, c, k, name, kind, is_open in rows
        if c in open_orgs
    ]


def build_structure(
    open_orgs: dict,
    rels: list,
    codes: set[str],
    d,
    root=None,
    box_h: int = BOX_H,
    with_edges: bool = True,  # without: only where each box goes, for a summary
) -> Structure:
    nodes = {c: Node(o.code, o.name, o.kind, True, box_h=box_h) for c, o in open_orgs.items()}
    parents: dict[str, list[str]] = {}
    supported: dict[str, list[str]] = {}
    support_orgs = {}
    for r in rels:
        if r.kind == "supports":
            supported.setdefault(r.parent_id, []).append(r.child_id)
            support_orgs[r.parent_id] = r.parent
        elif r.parent_id in nodes:
            parents.setdefault(r.child_id, []).append(r.parent_id)
    for kids in supported.values():
        kids.sort()
    # Support units are drawn beside the tree, not in it.
    support_nodes = {
        code: Node(code, org.name, org.kind, code in codes, support=True, box_h=box_h)
        for code, org in support_orgs.items()
        if org.open_on(d)
    }
    for code in support_nodes:
        nodes.pop(code, None)
    for child, ps in parents.items():
        for p in sorted(ps):
            if p in nodes and child in nodes:
                nodes[p].children.append(nodes[child])
    for n in nodes.values():
        n.children.sort(key=_sort_key)
    if root and root in nodes:
        roots = [nodes[root]]
    else:
        has_parent = {c for c, ps in parents.items() if any(p in nodes for p in ps)}
        roots = sorted((n for c, n in nodes.items() if c not in has_parent), key=_sort_key)

    placed: dict[str, Node] = {}
    next_row = 0.0

    def place(node: Node, depth: int) -> None:
        nonlocal next_row
        placed[node.code] = node
        node.depth = depth
        kids = [k for k in node.children if k.code not in placed]
        node.children = kids
        for k in kids:
            place(k, depth + 1)
        if kids:
            node.row = (kids[0].row + kids[-1].row) / 2
        else:
            node.row = next_row
            next_row += 1

    for r in roots:
        if r.code not in placed:
            place(r, 0)

    supports = []
    for code in sorted(support_nodes):
        targets = [placed[c] for c in supported.get(code, []) if c in placed]
        if not targets:
            continue
        node = support_nodes[code]
        node.depth = max(0, min(t.depth for t in targets) - 1)
        node.row = next_row
        next_row += 1
        supports.append((node, targets))

    edges = []
    for node in placed.values() if with_edges else ():
        for k in node.children:
            edges.append(_edge(node, k, support=False))
    for child, ps in parents.items() if with_edges else ():
        for p in ps:  # the other parents of a node drawn once
            if child in placed and p in placed and placed[child] not in placed[p].children:
                edges.append(_edge(placed[p], placed[child], support=False))
    for node, targets in supports:
        for t in targets:
            edges.append(_edge(node, t, support=True))

    all_nodes = list(placed.values()) + [n for n, _ in supports]
    depth = max((n.depth for n in all_nodes), default=0)
    width = 2 * MARGIN + (depth + 1) * BOX_W + depth * COL_GAP
    height = round(2 * MARGIN + max(next_row, 1) * (box_h + ROW_GAP) - ROW_GAP)
    return Structure(
        d,
        roots,
        [n for n, _ in supports],
        edges,
        width,
        height,
        len(all_nodes),
        too_big=len(all_nodes) > MAX_NODES,
        box_h=box_h,
    )


def _edge(a: Node, b: Node, support: bool) -> Edge:
    if b.depth > a.depth:
        return Edge(a.x + BOX_W, a.y + a.box_h // 2, b.x, b.y + b.box_h // 2, support)
    # Same or earlier column (a support unit below its consortia): from the bottom edge.
    return Edge(a.x + BOX_W // 2, a.y, b.x + BOX_W // 2, b.y + b.box_h, support)


def flatten(structure: Structure) -> list[Node]:
    """Every node of the tree, parents before children (for drawing)."""
    out = []

    def walk(n):
        out.append(n)
        for k in n.children:
            walk(k)

    for r in structure.roots:
        walk(r)
    return out + structure.supports
