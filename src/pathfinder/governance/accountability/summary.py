"""An area too big to draw, summarised: the areas one level down (each organisation
that heads part of it, such as a cluster or a PCT), each with the counts of what it
holds and of the findings it shows, so a page can offer one of them to draw.

The findings counted are the area's own (`Area.findings`, from the one analysis), each
given to the sub-areas whose organisations it concerns by the rule that picks an area's
findings (`area.finding_orgs`). Two queries, whatever the size of the area.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pathfinder.governance.accountability.area import Area, finding_orgs, seats

AREA_KINDS = ("sha", "cluster", "pct", "consortium", "sector_board", "icb", "ccg")
SEVERITIES = ("high", "medium", "info")


@dataclass
class SubArea:
    code: str
    name: str
    kind: str
    organisations: int = 0
    bodies: int = 0
    functions: int = 0
    findings: Counter = field(default_factory=Counter)

    @property
    def kind_label(self) -> str:
        from pathfinder.organisations.models import org_kind_label

        return org_kind_label(self.kind)

    @property
    def finding_count(self) -> int:
        return sum(self.findings.values())


def below_map(as_at: dt.date) -> dict[str, set[str]]:
    """Each organisation → those directly below it on D (one query over the register's
    "below" relationships, not a list of codes)."""
    from pathfinder.core.scope import BELOW_KINDS
    from pathfinder.organisations.models import Relationship

    out: dict[str, set[str]] = {}
    rows = (
        Relationship.objects.in_force(as_at)
        .filter(kind__in=BELOW_KINDS)
        .values_list("parent_id", "child_id")
    )
    for parent, child in rows:
        out.setdefault(parent, set()).add(child)
    return out


def area_heads(as_at: dt.date) -> dict[str, tuple[str, str]]:
    """The organisations that can head an area, open on D: code → (name, kind)."""
    from pathfinder.organisations.models import Organisation

    rows = (
        Organisation.objects.open_on(as_at)
        .filter(kind__in=AREA_KINDS)
        .values_list("code", "name", "kind")
    )
    return {code: (name, kind) for code, name, kind in rows}


def descendants(children: dict[str, set[str]], root: str) -> set[str]:
    """`root` and everything below it (pure)."""
    seen = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def sub_area_codes(
    area: Area, children: dict[str, set[str]], heads: dict[str, tuple[str, str]]
) -> list[str]:
    """The organisations one level down in the area that head a part of it: the root's
    direct children, or for the whole scope those of its heads with no head above them
    in the area (pure)."""
    candidates = {c for c in area.orgs if c in heads}
    if area.root:
        return sorted(c for c in children.get(area.root, ()) if c in candidates)
    below_another = {
        child for parent in candidates for child in children.get(parent, ()) if child != parent
    }
    return sorted(candidates - below_another)


def summarise(
    area: Area, children: dict[str, set[str]], heads: dict[str, tuple[str, str]]
) -> list[SubArea]:
    """The sub-areas of the area with their counts (pure), in order of kind then name."""
    facts = area.facts
    bodies_of = Counter(b.org for b in facts.bodies.values())
    functions_of = Counter(f.org for f in facts.functions.values())
    out = []
    parts_of: dict[str, list[SubArea]] = {}  # organisation → the parts holding it
    for code in sub_area_codes(area, children, heads):
        orgs = descendants(children, code) & area.orgs
        name, kind = heads[code]
        sub = SubArea(code, name, kind, organisations=len(orgs))
        sub.bodies = sum(bodies_of[o] for o in orgs)
        sub.functions = sum(functions_of[o] for o in orgs)
        for o in orgs:
            parts_of.setdefault(o, []).append(sub)
        out.append(sub)
    seated = area.seated or seats(facts)
    for f in area.findings:
        parts = {id(p): p for o in finding_orgs(facts, f, seated) for p in parts_of.get(o, ())}
        for p in parts.values():
            p.findings[f.severity] += 1
    rank = {k: i for i, k in enumerate(AREA_KINDS)}
    out.sort(key=lambda s: (rank.get(s.kind, 99), s.name, s.code))
    return out


def heads_above(
    children: dict[str, set[str]], heads: dict[str, tuple[str, str]], root: str, scope: set[str]
) -> list[str]:
    """The heads of areas above `root` in the user's scope, the furthest first: a trail
    back up from a drilled-down area (pure). Where an organisation is below two (a PCT
    in a cluster and hosted by an SHA), the trail goes through the nearer kind
    (the cluster)."""
    parents: dict[str, list[str]] = {}
    for parent, kids in children.items():
        if parent in heads and parent in scope:
            for kid in kids:
                parents.setdefault(kid, []).append(parent)
    rank = {k: i for i, k in enumerate(AREA_KINDS)}
    out: list[str] = []
    node = root
    while node in parents:
        up = min(
            (p for p in parents[node] if p not in out and p != root),
            key=lambda p: (-rank.get(heads[p][1], 0), p),
            default=None,
        )
        if up is None:
            break
        out.append(up)
        node = up
    return out[::-1]
