"""The accountability map of an area as a picture: organisations, bodies and functions
as boxes, lines of accountability as arrows from subject to holder, drawn by kind, and
the findings numbered on the boxes they concern.

Read top-down: the tops (statutory organisations and their boards) on the first row,
each subject one row below the holder that starts its chain; subjects whose lines reach
no top are drawn in a band below, apart. Pure over an `Area`; no database.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from pathfinder.governance.accountability.area import Area, owner_org
from pathfinder.governance.accountability.facts import SEVERITY_RANK, Finding
from pathfinder.governance.accountability.graph import IN_SCOPE_ORG_KINDS, tops

BOX_W, BOX_H = 200, 62
COL_GAP, ROW_GAP = 24, 64
MARGIN = 20
PER_ROW = 4  # a wider row wraps onto the next, so the picture stays readable
MAX_NODES = 400  # past this, draw one organisation's part instead
NAME_CHARS = 25

KIND_LABELS = {"org": "Organisation", "body": "Body", "function": "Function"}
LINE_KINDS = ("accountable", "delegated", "reports", "advises")


@dataclass
class MapNode:
    ref: str
    name: str
    kind_label: str
    org: str | None
    linked: bool  # in the user's scope: the box links to its page and shows its name
    top: bool = False
    anchored: bool = True  # its chain reaches a top
    level: int = 0
    x: int = 0
    y: int = 0
    findings: list[int] = field(default_factory=list)  # numbers in the findings list
    severity: str = ""

    @property
    def kind(self) -> str:
        return self.ref.partition(":")[0]

    @property
    def ident(self) -> str:
        return self.ref.partition(":")[2]

    @property
    def short_name(self) -> str:
        text = self.name or self.ref
        return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1].rstrip() + "…"

    @property
    def label(self) -> str:
        """What a screen reader hears for the box."""
        text = f"{self.name or self.ref} ({self.kind_label}, {self.ref})"
        if self.top:
            text += ", a top"
        if self.findings:
            text += ", findings " + ", ".join(str(n) for n in self.findings)
        return text


@dataclass
class MapEdge:
    line_id: int
    subject: str
    holder: str
    kind: str
    scope: str
    path: str = ""
    label_x: int = 0
    label_y: int = 0
    flagged: str = ""  # the highest severity of a finding naming this line's row


@dataclass
class NumberedFinding:
    number: int
    finding: Finding


@dataclass
class AccountabilityMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    findings: list[NumberedFinding]
    width: int
    height: int
    band_y: int | None  # where the band of subjects reaching no top starts
    too_big: bool = False
    box_w: int = BOX_W
    box_h: int = BOX_H

    @property
    def count(self) -> int:
        return len(self.nodes)


def _drawn_refs(area: Area) -> set[str]:
    """The area's organisations that matter to §1, their bodies and functions, and the
    other ends of their lines."""
    facts = area.facts
    refs = set()
    for code in area.orgs:
        org = facts.orgs.get(code)
        if org is None or not org.open:
            continue
        if org.statutory or org.kind in IN_SCOPE_ORG_KINDS:
            refs.add(f"org:{code}")
    open_orgs = refs_orgs(area)
    refs |= {f"body:{b.body_id}" for b in facts.bodies.values() if b.org in open_orgs}
    refs |= {f"function:{f.function_id}" for f in facts.functions.values() if f.org in open_orgs}
    ends = set()
    for line in facts.lines:
        if line.subject in refs or line.holder in refs:
            ends |= {line.subject, line.holder}
    refs |= ends
    for f in area.findings:
        if not f.subject.startswith("person:"):
            refs.add(f.subject)
        refs |= {p for p in f.parties if p.startswith(("body:", "function:"))}
    return {r for r in refs if r.partition(":")[0] in KIND_LABELS}


def refs_orgs(area: Area) -> set[str]:
    return {c for c in area.orgs if (o := area.facts.orgs.get(c)) is not None and o.open}


def _node(area: Area, ref: str, top_refs: set[str]) -> MapNode:
    facts = area.facts
    kind, _, ident = ref.partition(":")
    org = owner_org(facts, ref)
    linked = org is not None and org in area.scope
    if kind == "org":
        thing = facts.orgs.get(ident)
        kind_label = thing.kind.replace("_", " ").capitalize() if thing else "Organisation"
    elif kind == "body":
        thing = facts.bodies.get(ident)
        kind_label = thing.kind.capitalize() if thing else "Body"
    else:
        thing = facts.functions.get(ident)
        kind_label = "Function"
    name = getattr(thing, "name", "") if linked else ""
    return MapNode(ref, name, kind_label, org, linked and thing is not None, ref in top_refs)


def _levels(nodes: dict[str, MapNode], area: Area) -> None:
    """Anchored nodes by the length of their chain; the rest in a band below, each one
    row below a holder in the band (holders first), cycles broken at the smallest."""
    for n in nodes.values():
        chain = area.chain_map.get(n.ref)
        n.anchored = chain is not None
        n.level = len(chain) - 1 if chain else 0
    holders: dict[str, set[str]] = defaultdict(set)
    for line in area.facts.lines:
        if line.carries_accountability and line.subject in nodes and line.holder in nodes:
            holders[line.subject].add(line.holder)
    loose = sorted(r for r, n in nodes.items() if not n.anchored)
    placed: dict[str, int] = {}
    while len(placed) < len(loose):
        progress = False
        for r in loose:
            if r in placed:
                continue
            ups = [h for h in holders.get(r, ()) if h in nodes and not nodes[h].anchored]
            if all(h in placed for h in ups):
                placed[r] = 1 + max((placed[h] for h in ups), default=-1)
                progress = True
        if not progress:  # a cycle: start it at its smallest reference
            first = next(r for r in loose if r not in placed)
            ups = [h for h in holders.get(first, ()) if h in placed]
            placed[first] = 1 + max((placed[h] for h in ups), default=-1)
    for r, level in placed.items():
        nodes[r].level = level


def _place(nodes: dict[str, MapNode], holders: dict[str, list[str]]) -> tuple[int, int, int | None]:
    """Rows top-down; in each row, boxes ordered under the holders they answer to."""
    width = 0
    y = MARGIN
    band_y = None
    position: dict[str, float] = {}
    for anchored in (True, False):
        group = [n for n in nodes.values() if n.anchored == anchored]
        if not group:
            continue
        if not anchored:
            band_y = y
            y += 30  # room for the band's heading
        for level in sorted({n.level for n in group}):
            row = [n for n in group if n.level == level]
            row.sort(key=lambda n: (_barycentre(holders.get(n.ref, ()), position), n.ref))
            for start in range(0, len(row), PER_ROW):
                for i, n in enumerate(row[start : start + PER_ROW]):
                    n.x = MARGIN + i * (BOX_W + COL_GAP)
                    n.y = y
                    position[n.ref] = n.x
                    width = max(width, n.x + BOX_W + MARGIN)
                y += BOX_H + ROW_GAP
    return max(width, 2 * MARGIN + BOX_W), y - ROW_GAP + MARGIN, band_y


def _barycentre(holders, position: dict[str, float]) -> float:
    xs = [position[h] for h in holders if h in position]
    return sum(xs) / len(xs) if xs else 0.0


def _route(edge: MapEdge, a: MapNode, b: MapNode, offset: int) -> None:
    """A curve from the subject's box to the holder's, leaving from the side that faces it."""
    ax, bx = a.x + BOX_W // 2 + offset, b.x + BOX_W // 2 + offset
    if b.y < a.y:
        y1, y2 = a.y, b.y + BOX_H
        bend = (y1 - y2) / 2
        edge.path = f"M{ax},{y1} C{ax},{y1 - bend} {bx},{y2 + bend} {bx},{y2}"
    elif b.y > a.y:
        y1, y2 = a.y + BOX_H, b.y
        bend = (y2 - y1) / 2
        edge.path = f"M{ax},{y1} C{ax},{y1 + bend} {bx},{y2 - bend} {bx},{y2}"
    else:
        y1 = y2 = a.y
        lift = 40
        edge.path = f"M{ax},{y1} C{ax},{y1 - lift} {bx},{y2 - lift} {bx},{y2}"
    edge.label_x = (ax + bx) // 2
    edge.label_y = (y1 + y2) // 2 - (30 if a.y == b.y else 0)


def build_map(area: Area) -> AccountabilityMap:
    facts = area.facts
    top_refs = tops(facts)
    refs = _drawn_refs(area)
    numbered = [NumberedFinding(i, f) for i, f in enumerate(area.findings, 1)]
    if len(refs) > MAX_NODES:
        return AccountabilityMap([], [], numbered, 0, 0, None, too_big=True)
    nodes = {r: _node(area, r, top_refs) for r in sorted(refs)}
    holders: dict[str, list[str]] = defaultdict(list)
    for line in facts.lines:
        if line.subject in nodes and line.holder in nodes:
            holders[line.subject].append(line.holder)
    _levels(nodes, area)
    width, height, band_y = _place(nodes, holders)

    flagged: dict[str, str] = {}
    for nf in numbered:
        f = nf.finding
        for r in {f.subject, *f.parties}:
            if r in nodes:
                node = nodes[r]
                node.findings.append(nf.number)
                if SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK.get(node.severity, -1):
                    node.severity = f.severity
        for row in f.rows:
            rank = SEVERITY_RANK[f.severity]
            if row.startswith("accountability:") and rank >= SEVERITY_RANK.get(
                flagged.get(row, ""), -1
            ):
                flagged[row] = f.severity

    drawn = [x for x in facts.lines if x.subject in nodes and x.holder in nodes]
    pairs: dict[frozenset, list] = defaultdict(list)
    for line in drawn:
        pairs[frozenset((line.subject, line.holder))].append(line)
    edges = []
    for group in pairs.values():
        group.sort(key=lambda x: x.id)
        for i, line in enumerate(group):
            offset = round((i - (len(group) - 1) / 2) * 16)
            edge = MapEdge(
                line.id,
                line.subject,
                line.holder,
                line.kind,
                line.scope,
                flagged=flagged.get(line.row, ""),
            )
            _route(edge, nodes[line.subject], nodes[line.holder], offset)
            edges.append(edge)
    edges.sort(key=lambda e: (bool(e.flagged), e.line_id))  # flagged lines drawn on top
    ordered = sorted(nodes.values(), key=lambda n: (n.y, n.x))
    return AccountabilityMap(ordered, edges, numbered, width, height, band_y)
