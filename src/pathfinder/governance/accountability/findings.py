"""Accountability as at a date (RULES.md §1): who answers to whom, and where it is unclear.

`load_facts` (in `facts`) reads what is in force on D in a handful of
queries; `analyse` is pure over those facts and returns findings and chains; `report`
gives the CLI.md JSON shape. `statutory_body_for` answers, for other analyses, which
statutory organisation is accountable for an organisation on D.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from pathfinder.governance.accountability.facts import (
    Facts,
    Finding,
    Line,
    load_facts,
    load_structure,
    sorted_rows,
)
from pathfinder.governance.accountability.graph import (
    chains,
    edges,
    in_scope,
    on_cycles,
    reachable,
    statutory_body,
    tops,
)
from pathfinder.governance.accountability.people import person_findings

__all__ = [
    "Result",
    "analyse",
    "report",
    "scopes_overlap",
    "statutory_body_for",
    "subject_findings",
]

ALL_SCOPE = "all"


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every node's chain, the subjects' and the others' (holders, tops), for pictures.
    chain_map: dict[str, tuple[str, ...]] = field(default_factory=dict)


def scopes_overlap(a: str, b: str) -> bool:
    """An empty scope or `all` overlaps every scope; other scopes overlap when equal
    (compared without regard to case or surrounding spaces)."""
    a, b = a.strip().lower(), b.strip().lower()
    return a in ("", ALL_SCOPE) or b in ("", ALL_SCOPE) or a == b


def _ambiguous(subject: str, lines: list[Line], facts: Facts) -> Finding | None:
    accountable = [x for x in lines if x.kind == "accountable"]
    clashing: set[Line] = set()
    for i, a in enumerate(accountable):
        for b in accountable[i + 1 :]:
            if a.holder != b.holder and scopes_overlap(a.scope, b.scope):
                clashing |= {a, b}
    if not clashing:
        return None
    holders = sorted({x.holder for x in clashing})
    scopes = sorted({x.scope or "(none)" for x in clashing})
    detail = (
        f"{facts.label(subject)} is accountable to {len(holders)} holders for overlapping "
        f"scopes ({', '.join(scopes)}): " + ", ".join(facts.label(h) for h in holders)
    )
    rows = sorted_rows(x.row for x in clashing)
    return Finding("ambiguous_accountability", "high", subject, tuple(holders), rows, detail)


def subject_findings(
    facts: Facts,
    subjects: list[str],
    graph: dict[str, set[str]],
    chain_map: dict[str, tuple[str, ...]],
) -> list[Finding]:
    """`no_accountability`, `chain_not_statutory`, `ambiguous_accountability` and
    `cycle` for the subjects in scope."""
    lines_of: dict[str, list[Line]] = defaultdict(list)
    for line in facts.lines:
        if line.carries_accountability:
            lines_of[line.subject].append(line)
    cycles = on_cycles(graph)
    # Every node of one cycle reaches the same nodes and shares the cycle's lines, so
    # large cycles are worked out once, not once per member.
    beyond_of: dict[int, set[str]] = {}
    cycle_rows: dict[int, tuple[str, ...]] = {}
    out = []
    for subject in subjects:
        own = lines_of.get(subject, [])
        if not own:
            out.append(
                Finding(
                    "no_accountability",
                    "high",
                    subject,
                    (),
                    (),
                    f"{facts.label(subject)} has no line of kind accountable or delegated in force",
                )
            )
            continue
        if subject not in chain_map:
            component = cycles.get(subject)
            if component is None:
                beyond = reachable(graph, subject) - {subject}
            else:
                if id(component) not in beyond_of:
                    beyond_of[id(component)] = reachable(graph, subject)
                beyond = beyond_of[id(component)] - {subject}
            rows = [x.row for n in beyond | {subject} for x in lines_of.get(n, [])]
            out.append(
                Finding(
                    "chain_not_statutory",
                    "high",
                    subject,
                    tuple(sorted(beyond)),
                    sorted_rows(rows),
                    f"{facts.label(subject)} has lines of accountability, but none of them "
                    "leads to a statutory organisation or its board",
                )
            )
        ambiguous = _ambiguous(subject, own, facts)
        if ambiguous is not None:
            out.append(ambiguous)
        if subject in cycles:
            component = cycles[subject]
            if id(component) not in cycle_rows:
                cycle_rows[id(component)] = sorted_rows(
                    x.row for n in component for x in lines_of.get(n, []) if x.holder in component
                )
            others = sorted(component - {subject})
            out.append(
                Finding(
                    "cycle",
                    "high",
                    subject,
                    tuple(others),
                    cycle_rows[id(component)],
                    f"{facts.label(subject)} lies on a cycle of accountability with "
                    + ", ".join(facts.label(o) for o in others or [subject]),
                )
            )
    return out


def analyse(facts: Facts) -> Result:
    top_refs = tops(facts)
    graph = edges(facts)
    chain_map = chains(graph, top_refs)
    subjects = in_scope(facts, top_refs)
    findings = subject_findings(facts, subjects, graph, chain_map) + person_findings(facts)
    findings.sort(key=lambda f: (f.finding, f.subject))
    return Result(
        findings=findings,
        chains={s: chain_map[s] for s in subjects if s in chain_map},
        chain_map=chain_map,
    )


def statutory_body_for(org_code: str, as_at: dt.date) -> str | None:
    """The code of the statutory organisation accountable for `org_code` on D."""
    return statutory_body(load_structure(as_at), org_code)


def report(as_at: dt.date) -> dict:
    result = analyse(load_facts(as_at))
    return {
        "as_at": as_at.isoformat(),
        "findings": [f.as_dict() for f in result.findings],
        "chains": {s: list(c) for s, c in sorted(result.chains.items())},
    }
