"""The Board Assurance Framework of a statutory body on D (RULES.md §6): every open risk
whose current score reaches its escalation threshold and whose line of accountability
ends at the body, with the controls, sources of assurance, gaps and actions recorded
against it by D. The BAF page and the board pack call `load_baf`."""

import datetime as dt
from dataclasses import dataclass, field

from pathfinder.risks.register import RiskRow, rows_for


@dataclass(frozen=True)
class Entry:
    row: RiskRow
    items: dict[str, list] = field(default_factory=dict)  # controls, assurances, gaps, actions


@dataclass(frozen=True)
class Baf:
    org: str
    as_at: dt.date
    entries: list[Entry]  # the risks the caller may see
    hidden: int  # risks on the framework of organisations outside the caller's scope


def _reporting_to(org: str, as_at: dt.date) -> set[str]:
    """The organisations whose statutory body on D is `org`, by the rule's own
    `statutory_body`: the only ones whose risks can be on its framework. Organisations
    on no line of accountability have no chain, so at most those on one are asked."""
    from pathfinder.governance.accountability.graph import chains, edges, statutory_body, tops
    from pathfinder.risks.assessment import load_chain_structure

    s = load_chain_structure(as_at)
    chain_map = chains(edges(s), tops(s))
    found = {org}
    for node in chain_map:
        kind, _, code = node.partition(":")
        if kind == "org" and statutory_body(s, code, chain_map) == org:
            found.add(code)
    return found


def load_baf(org: str, as_at: dt.date, visible=None) -> Baf:
    """The framework of `org` on D; `visible` (organisation codes, None for all) keeps
    the risks of those organisations and counts the rest. A fixed number of queries."""
    from pathfinder.risks.models import RiskAction, RiskAssurance, RiskControl, RiskGap

    everything = [
        r for r in rows_for(_reporting_to(org, as_at), as_at, with_baf=True) if r.escalates
    ]
    mine = [r for r in everything if r.baf_of == org]
    shown = [r for r in mine if visible is None or r.org in visible]
    ids = [r.risk_id for r in shown]
    by_risk: dict[str, dict[str, list]] = {i: {} for i in ids}
    if ids:
        for label, model in (
            ("controls", RiskControl),
            ("assurances", RiskAssurance),
            ("gaps", RiskGap),
            ("actions", RiskAction),
        ):
            items = model.objects.in_force(as_at)
            for item in items.filter(risk_id__in=ids).order_by("added_on", "id"):
                by_risk[item.risk_id].setdefault(label, []).append(item)
    return Baf(org, as_at, [Entry(r, by_risk[r.risk_id]) for r in shown], len(mine) - len(shown))
