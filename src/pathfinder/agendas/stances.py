"""Stances on proposals for service change as at a date (RULES.md §8).

`load_facts` reads proposals and the positions stated on or before D, `analyse` is
pure over those facts, and `report` gives the CLI.md JSON shape.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pathfinder.core.refs import ref
from pathfinder.organisations.models import COMMISSIONER_KINDS, PROVIDER_KINDS

ALIGNMENT_PLACES = 4


@dataclass(frozen=True)
class Position:
    """A stance as stated; `seq` is the row order, which breaks ties within a day."""

    proposal: str
    org: str
    stance: str
    stated_on: dt.date
    seq: int


@dataclass
class Facts:
    proposals: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    org_kinds: dict[str, str] = field(default_factory=dict)


@dataclass
class ProposalResult:
    proposal: str
    stances: dict[str, str]
    divergent: bool
    alignment: float | None


def latest_stances(positions: list[Position], as_at: dt.date) -> dict[str, dict[str, str]]:
    """proposal -> org -> its latest stance stated on or before D."""
    out: dict[str, dict[str, str]] = {}
    for p in sorted(positions, key=lambda p: (p.stated_on, p.seq)):
        if p.stated_on <= as_at:
            out.setdefault(p.proposal, {})[p.org] = p.stance
    return out


def is_divergent(stances: dict[str, str], org_kinds: dict[str, str]) -> bool:
    """A commissioner supports while a provider opposes, or the reverse."""
    by_side = {"commissioner": set(), "provider": set()}
    for org, stance in stances.items():
        kind = org_kinds.get(org)
        if kind in COMMISSIONER_KINDS:
            by_side["commissioner"].add(stance)
        elif kind in PROVIDER_KINDS:
            by_side["provider"].add(stance)
    c, p = by_side["commissioner"], by_side["provider"]
    return ("support" in c and "oppose" in p) or ("oppose" in c and "support" in p)


def alignment(stances: dict[str, str]) -> float | None:
    """Share of stated stances equal to the most common one; none stated, no share."""
    if not stances:
        return None
    most = Counter(stances.values()).most_common(1)[0][1]
    return round(most / len(stances), ALIGNMENT_PLACES)


def analyse(facts: Facts, as_at: dt.date) -> list[ProposalResult]:
    latest = latest_stances(facts.positions, as_at)
    return [
        ProposalResult(
            proposal=pid,
            stances=dict(sorted(latest.get(pid, {}).items())),
            divergent=is_divergent(latest.get(pid, {}), facts.org_kinds),
            alignment=alignment(latest.get(pid, {})),
        )
        for pid in sorted(facts.proposals)
    ]


def load_facts(as_at: dt.date) -> Facts:
    from pathfinder.agendas.models import Position as PositionRow
    from pathfinder.agendas.models import Proposal

    rows = PositionRow.objects.filter(stated_on__lte=as_at).values_list(
        "id", "proposal_id", "org_id", "org__kind", "stance", "stated_on"
    )
    facts = Facts(proposals=list(Proposal.objects.values_list("proposal_id", flat=True)))
    for seq, proposal, org, kind, stance, stated_on in rows:
        facts.positions.append(Position(proposal, org, stance, stated_on, seq))
        facts.org_kinds[org] = kind
    return facts


def report(as_at: dt.date) -> dict:
    return {
        "as_at": as_at.isoformat(),
        "proposals": [
            {
                "proposal": r.proposal,
                "stances": {ref("org", org): stance for org, stance in r.stances.items()},
                "divergent": r.divergent,
                "alignment": r.alignment,
            }
            for r in analyse(load_facts(as_at), as_at)
        ],
    }
