"""Accountability for an area: the part of RULES.md §1 a page shows.

An area is the organisations a user may see, optionally narrowed to one organisation
and those below it on D (a cluster, a PCT, a consortium). The analysis itself is the
one of `accountability.analyse`; this module picks the findings and chains that touch
the area (docs/decisions/0080) and describes the rows that cause each finding. The
facts are read only as far as the area's answer depends on them (docs/decisions/0085).
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from pathfinder.core.errors import UserError
from pathfinder.governance.accountability.facts import Facts, Finding, load_area_facts
from pathfinder.governance.accountability.findings import Result, analyse
from pathfinder.governance.accountability.reach import below


@dataclass
class Area:
    """An area's accountability on D. With facts read for the area (`load_area_facts`),
    `result` is exact only for what the area shows: `findings`, the chains of its
    subjects and `chain_map` for the nodes its lines reach (docs/decisions/0085)."""

    as_at: dt.date
    root: str | None
    orgs: set[str]  # the organisations of the area
    scope: set[str]  # every organisation the user may see (names shown only for these)
    facts: Facts
    result: Result
    findings: list[Finding] = field(default_factory=list)
    chain_map: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A page names the same box many times (picture, findings, lines drawn): its link
    # is worked out once.
    hrefs: dict[str, str] = field(default_factory=dict)
    seated: dict[str, set[str]] = field(default_factory=dict)  # `seats(facts)`

    def in_area(self, node: str) -> bool:
        return owner_org(self.facts, node) in self.orgs

    def visible(self, node: str) -> bool:
        return owner_org(self.facts, node) in self.scope


def owner_org(facts: Facts, node: str) -> str | None:
    """The organisation a reference belongs to: itself, a body's or a function's."""
    kind, _, ident = node.partition(":")
    if kind == "org":
        return ident
    if kind == "body":
        body = facts.bodies.get(ident)
        return body.org if body else None
    if kind == "function":
        function = facts.functions.get(ident)
        return function.org if function else None
    return None


def seats(facts: Facts) -> dict[str, set[str]]:
    """Each person sitting on a body on D → the organisations of the bodies they sit on."""
    out: dict[str, set[str]] = {}
    for m in facts.members:
        body = facts.bodies.get(m.body)
        if body is not None:
            out.setdefault(m.person, set()).add(body.org)
    return out


def finding_orgs(facts: Facts, finding: Finding, seated: dict[str, set[str]]) -> set[str]:
    """The organisations whose areas show a finding: its subject's organisation, or for
    a finding about a person, the organisations of the bodies they sit on on D."""
    kind, _, ident = finding.subject.partition(":")
    if kind == "person":
        return seated.get(ident, set())
    org = owner_org(facts, finding.subject)
    return {org} if org is not None else set()


def area_findings(
    facts: Facts, findings: list[Finding], orgs: set[str], seated: dict | None = None
) -> list[Finding]:
    """Findings about a subject of the area, or about a person sitting on one of its
    bodies on D."""
    seated = seats(facts) if seated is None else seated
    return [f for f in findings if not finding_orgs(facts, f, seated).isdisjoint(orgs)]


def area_orgs(scope: set[str], as_at: dt.date, root: str | None) -> set[str]:
    """The organisations of the area: the user's, or `root` and those below it on D."""
    from pathfinder.core.scope import BELOW_KINDS

    if not root:
        return set(scope)
    if root not in scope:
        raise UserError(f"No organisation {root} in your scope")
    return below(as_at, root, BELOW_KINDS) & scope


def build_area(facts: Facts, as_at, orgs, scope, root=None) -> Area:
    """The analysis of the facts, narrowed to the area (pure)."""
    result = analyse(facts)
    seated = seats(facts)
    return Area(
        as_at=as_at,
        root=root,
        orgs=set(orgs),
        scope=set(scope),
        facts=facts,
        result=result,
        findings=area_findings(facts, result.findings, set(orgs), seated),
        chain_map=result.chain_map,
        seated=seated,
    )


def load_area(as_at: dt.date, scope: set[str], root: str | None = None) -> Area:
    """The area's analysis, kept while nothing has changed: the same user asking again
    of a national area (its facts read and analysed: 150-400 ms) is answered from the
    last two analyses this process made, as long as no change has been recorded since
    (core/audit.py `last_change`; docs/decisions/0177)."""
    from pathfinder.core.audit import last_change

    orgs = area_orgs(scope, as_at, root)
    return _analysed(last_change(), as_at, root, frozenset(orgs), frozenset(scope))


@lru_cache(maxsize=2)
def _analysed(change, as_at: dt.date, root, orgs: frozenset, scope: frozenset) -> Area:
    return build_area(load_area_facts(as_at, set(orgs)), as_at, orgs, scope, root)
