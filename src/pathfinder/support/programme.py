"""Which consortia the support programme has reached, per offer kind and overall: pure
over the facts of `support.reach`, so the page reads them once with the analysis."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from pathfinder.support.reach import CONSORTIUM_KINDS, Facts


@dataclass(frozen=True)
class Unreached:
    by_kind: dict[str, list[str]]  # offer kind -> consortia with no attended booking of it
    overall: list[str]  # consortia with no attended booking of any kind


def unreached(facts: Facts, as_at: dt.date) -> Unreached:
    consortia = sorted(o.code for o in facts.orgs if o.kind in CONSORTIUM_KINDS)
    held = {s.session_id: s.kind for s in facts.sessions if s.date <= as_at}
    kinds = set(facts.kinds) | set(held.values())
    reached: dict[str, set[str]] = {k: set() for k in kinds}
    for b in facts.bookings:
        kind = held.get(b.session_id)
        if kind is not None and b.attended:
            reached[kind].add(b.org)
    anywhere = set().union(*reached.values()) if reached else set()
    return Unreached(
        by_kind={k: [c for c in consortia if c not in reached[k]] for k in sorted(kinds)},
        overall=[c for c in consortia if c not in anywhere],
    )


def own_fte(facts: Facts) -> dict[str, Decimal]:
    """FTE of posts at each organisation itself, before support-unit shares."""
    out: dict[str, Decimal] = {}
    for p in facts.posts:
        if p.fte:
            out[p.org] = out.get(p.org, Decimal(0)) + p.fte
    return out
