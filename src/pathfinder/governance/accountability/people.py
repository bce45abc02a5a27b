"""Findings about people in RULES.md §1: `dual_role`, `multi_board` and
`commissioner_provider_overlap`. A person gets at most one finding of each kind, with
the highest severity that applies; its parties and rows gather every case found.
"""

from collections import defaultdict
from typing import NamedTuple

from pathfinder.core.refs import ref
from pathfinder.governance.accountability.facts import (
    PROVIDER_POST_KINDS,
    SEVERITY_RANK,
    Facts,
    Finding,
    Line,
    sorted_rows,
)
from pathfinder.governance.facts import MembershipRow
from pathfinder.organisations.models import COMMISSIONER_KINDS

# Sitting on the body held to account as one of its executives or officers is the
# sharper conflict: they answer for the work they then scrutinise.
HIGH_CAPACITIES = frozenset({"executive", "officer"})
BOARD = "board"


def person_findings(facts: Facts) -> list[Finding]:
    return [*dual_role(facts), *multi_board(facts), *commissioner_provider_overlap(facts)]


def _voting_by_body(facts: Facts) -> dict[str, dict[str, list[MembershipRow]]]:
    out: dict[str, dict[str, list[MembershipRow]]] = defaultdict(lambda: defaultdict(list))
    for m in facts.members:
        if m.voting:
            out[m.body][m.person].append(m)
    return out


def _bodies_by_org(facts: Facts) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    bodies: dict[str, list[str]] = defaultdict(list)
    boards: dict[str, list[str]] = defaultdict(list)
    for b in sorted(facts.bodies.values(), key=lambda b: b.body_id):
        bodies[b.org].append(b.body_id)
        if b.kind == BOARD:
            boards[b.org].append(b.body_id)
    return bodies, boards


def _subject_bodies(subject: str, facts: Facts, bodies_of: dict[str, list[str]]) -> list[str]:
    kind, _, ident = subject.partition(":")
    if kind == "body":
        return [ident] if ident in facts.bodies else []
    if kind == "org":
        return bodies_of.get(ident, [])
    return []


def _holder_bodies(holder: str, facts: Facts, boards_of: dict[str, list[str]]) -> list[str]:
    kind, _, ident = holder.partition(":")
    if kind == "body":
        return [ident] if ident in facts.bodies else []
    if kind == "org":
        return boards_of.get(ident, [])
    return []


class _DualCase(NamedTuple):
    rank: int
    subject_body: str
    holder_body: str
    line: Line
    on_subject: list[MembershipRow]
    on_holder: list[MembershipRow]


def dual_role(facts: Facts) -> list[Finding]:
    """People voting both on a body held to account and on the body holding it to
    account, the two belonging to different organisations."""
    voting = _voting_by_body(facts)
    bodies_of, boards_of = _bodies_by_org(facts)
    cases: dict[str, list[_DualCase]] = defaultdict(list)
    for line in facts.lines:
        if not line.carries_accountability:
            continue
        for s in _subject_bodies(line.subject, facts, bodies_of):
            on_s = voting.get(s)
            if not on_s:
                continue
            for h in _holder_bodies(line.holder, facts, boards_of):
                on_h = voting.get(h)
                if not on_h or facts.bodies[s].org == facts.bodies[h].org:
                    continue
                for person in on_s.keys() & on_h.keys():
                    high = any(m.capacity in HIGH_CAPACITIES for m in on_s[person])
                    rank = SEVERITY_RANK["high" if high else "medium"]
                    cases[person].append(_DualCase(rank, s, h, line, on_s[person], on_h[person]))
    out = []
    for person, found in sorted(cases.items()):
        found.sort(key=lambda c: (-c.rank, c.subject_body, c.holder_body, c.line.id))
        rank, s, h, line, on_s, _ = found[0]
        severity = "high" if rank == SEVERITY_RANK["high"] else "medium"
        capacities = "/".join(sorted({m.capacity for m in on_s}))
        detail = (
            f"{facts.label(ref('person', person))} is a voting member ({capacities}) of "
            f"{facts.label(ref('body', s))} and of {facts.label(ref('body', h))}, which holds "
            f"it to account ({line.subject} {line.kind} to {line.holder})"
        )
        if len(found) > 1:
            detail += f"; {len(found) - 1} more such pair(s)"
        parties = {ref("body", b) for c in found for b in (c.subject_body, c.holder_body)}
        rows = [c.line.row for c in found]
        rows += [m.row for c in found for m in (*c.on_subject, *c.on_holder)]
        out.append(
            Finding(
                "dual_role",
                severity,
                ref("person", person),
                tuple(sorted(parties)),
                sorted_rows(rows),
                detail,
            )
        )
    return out


def multi_board(facts: Facts) -> list[Finding]:
    """People who are members of boards of two or more organisations."""
    seats: dict[str, dict[str, list[MembershipRow]]] = defaultdict(lambda: defaultdict(list))
    for m in facts.members:
        body = facts.bodies.get(m.body)
        if body is not None and body.kind == BOARD:
            seats[m.person][body.org].append(m)
    out = []
    for person in sorted(p for p, by_org in seats.items() if len(by_org) > 1):
        by_org = seats[person]
        members = [m for ms in by_org.values() for m in ms]
        boards = sorted({ref("body", m.body) for m in members})
        detail = (
            f"{facts.label(ref('person', person))} sits on the boards of {len(by_org)} "
            f"organisations: " + ", ".join(facts.label(b) for b in boards)
        )
        out.append(
            Finding(
                "multi_board",
                "info",
                ref("person", person),
                tuple(boards),
                sorted_rows(m.row for m in members),
                detail,
            )
        )
    return out


def commissioner_provider_overlap(facts: Facts) -> list[Finding]:
    """Voting members of a commissioner's body who hold a post in a trust or provider."""
    commissioning: dict[str, list[MembershipRow]] = defaultdict(list)
    for m in facts.members:
        body = facts.bodies.get(m.body)
        org = facts.orgs.get(body.org) if body else None
        if m.voting and org is not None and org.kind in COMMISSIONER_KINDS:
            commissioning[m.person].append(m)
    providing = defaultdict(list)
    for p in facts.posts:
        org = facts.orgs.get(p.org)
        if p.person in commissioning and org is not None and org.kind in PROVIDER_POST_KINDS:
            providing[p.person].append(p)
    out = []
    for person, posts in sorted(providing.items()):
        members = commissioning[person]
        bodies = sorted({ref("body", m.body) for m in members})
        providers = sorted({ref("org", p.org) for p in posts})
        detail = (
            f"{facts.label(ref('person', person))} is a voting member of "
            + ", ".join(facts.label(b) for b in bodies)
            + " and holds a post at "
            + ", ".join(facts.label(o) for o in providers)
        )
        out.append(
            Finding(
                "commissioner_provider_overlap",
                "medium",
                ref("person", person),
                (*bodies, *providers),
                sorted_rows([m.row for m in members] + [p.row for p in posts]),
                detail,
            )
        )
    return out
