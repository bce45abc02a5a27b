"""What of each analysis a caller may see (docs/decisions/0072-analyses-in-scope.md).

Every route answers with the CLI's `report()` and then leaves out the rows and findings
outside the caller's scope. Which ones is each domain's own choice, made by its web
pages; this module calls the functions those pages call rather than restating a rule:

- accountability: the area of docs/decisions/0080 (`accountability.area.load_area`);
- register: the governance lead's reminders (`interests.reminders`) for the organisations
  the caller governs, and whatever the public registers (0093) already show anyone;
- finance, qipp, risks: the rows of groups, schemes and risks whose organisation is in
  scope (the finance overview, the QIPP overview, the risk registers);
- support: the programme figures whole, capacity of the consortia in scope (0120);
- agendas: the proposals whose lead is in scope, with every stance on them (0125);
- conflicts: the whole check of a decision taken by a body in scope, else "not found".

A scope that covers every organisation in the database gets the CLI's answer unchanged.
"""

import datetime as dt
from decimal import Decimal

from pathfinder.api.auth import caller_scope
from pathfinder.core.errors import NotFound
from pathfinder.core.money import fmt_money
from pathfinder.core.refs import ref
from pathfinder.core.roles import Permission
from pathfinder.core.scope import Scope


def covers_everything(scope: Scope, perm: Permission) -> bool:
    """The scope holds every organisation: there is no "national" role, only roles that
    between them reach every code."""
    from pathfinder.organisations.models import Organisation

    return set(Organisation.objects.values_list("code", flat=True)) <= scope.org_codes(perm)


def _org_refs(scope: Scope) -> set[str]:
    return {ref("org", code) for code in scope.org_codes()}


def _as_at(answer: dict) -> dt.date:
    return dt.date.fromisoformat(answer["as_at"])


def accountability(request, answer: dict) -> dict:
    """Findings and chains of the caller's area, as the accountability pages show it."""
    from pathfinder.governance.accountability.area import load_area

    area = load_area(_as_at(answer), caller_scope(request).org_codes())
    # A subject has at most one finding of each kind, so kind and subject name it.
    kept = {(f.finding, f.subject) for f in area.findings}
    return {
        **answer,
        "findings": [f for f in answer["findings"] if (f["finding"], f["subject"]) in kept],
        "chains": {s: c for s, c in answer["chains"].items() if area.in_area(s)},
    }


def public_subjects(as_at: dt.date) -> set[str]:
    """The interests and gifts the public registers of some organisation show on D, with
    the dates (and for gifts the value and acceptance) a register finding is read from."""
    from pathfinder.interests.public import gift_entries
    from pathfinder.interests.published import decision_makers, published_entries
    from pathfinder.interests.register import Limits, load_facts

    limits = Limits.from_settings()
    facts = load_facts(as_at, published=True)
    out = {ref("interest", e.interest) for e in published_entries(facts, as_at, limits)}
    # Every organisation's gift table is `gift_entries` of its decision-makers, so all
    # of them together are those of every decision-maker. Whether a gift is listed
    # depends only on who declared it and its dates; an entry carries no gift id, so
    # with names given as person ids it is matched to its gift by person, value, dates
    # and acceptance.
    makers = set(decision_makers(facts, as_at))
    shown = {
        (e.name, e.value, e.offered_on, e.accepted, e.declared_on)
        for e in gift_entries(makers, {p: p for p in makers}, as_at, limits)
    }
    out |= {
        ref("gift", g.gift)
        for g in facts.gifts
        if (g.person, g.value, g.offered_on, g.accepted, g.declared_on) in shown
    }
    return out


def register(request, answer: dict) -> dict:
    """The reminders the caller's governance role shows them, and every finding about an
    interest or gift on a public register."""
    from pathfinder.interests.reminders import load_reminders

    as_at = _as_at(answer)
    governed = caller_scope(request).org_codes(Permission.GOVERN)
    reminded = (
        {(r.finding, r.subject, r.detail) for r in load_reminders(as_at, governed)}
        if governed
        else set()
    )
    public = public_subjects(as_at)
    return {
        **answer,
        "findings": [
            f
            for f in answer["findings"]
            if (f["finding"], f["subject"], f["detail"]) in reminded or f["subject"] in public
        ],
    }


def finance(request, answer: dict) -> dict:
    """Rows of the groups in scope, each whole (docs/decisions/0100); the total is the
    sum of the rows shown, as on the finance overview."""
    orgs = _org_refs(caller_scope(request))
    rows = [r for r in answer["rows"] if r["group"] in orgs]
    return {
        **answer,
        "rows": rows,
        "total": {
            key: fmt_money(sum((Decimal(r[key]) for r in rows), Decimal("0.00")))
            for key in answer["total"]
        },
    }


def qipp(request, answer: dict) -> dict:
    orgs = _org_refs(caller_scope(request))
    return {**answer, "schemes": [s for s in answer["schemes"] if s["org"] in orgs]}


def risks(request, answer: dict) -> dict:
    orgs = _org_refs(caller_scope(request))
    return {**answer, "risks": [r for r in answer["risks"] if r["org"] in orgs]}


def support(request, answer: dict) -> dict:
    """The programme's figures per kind of offer name no organisation and are everyone's
    (docs/decisions/0120); capacity is listed for the consortia in scope."""
    orgs = _org_refs(caller_scope(request))
    return {**answer, "capacity": [c for c in answer["capacity"] if c["org"] in orgs]}


def agendas(request, answer: dict) -> dict:
    """Proposals whose lead is in scope, with every stance stated on them (0125): those
    the agendas routes list."""
    from pathfinder.api.agendas import _visible

    shown = set(_visible(request).values_list("proposal_id", flat=True))
    return {**answer, "proposals": [p for p in answer["proposals"] if p["proposal"] in shown]}


def check_decision(request, decision: str) -> None:
    """A decision is in scope with the body that took it, and then its check is shown
    whole, as on the meeting's agenda page; outside, it is as unknown as a wrong id."""
    from pathfinder.governance.models import Decision

    org = (
        Decision.objects.filter(pk=decision).values_list("meeting__body__org_id", flat=True).first()
    )
    if org is not None and not caller_scope(request).can(Permission.VIEW, org):
        raise NotFound(f"no decision with id {decision!r}")


# analysis -> (the permission its pages read with, what it keeps of the answer)
KEEP = {
    "accountability": (Permission.VIEW, accountability),
    "register": (Permission.GOVERN, register),
    "finance": (Permission.VIEW, finance),
    "qipp": (Permission.VIEW, qipp),
    "risks": (Permission.VIEW, risks),
    "support": (Permission.VIEW, support),
    "agendas": (Permission.VIEW, agendas),
}


def in_scope(request, name: str, answer: dict) -> dict:
    """The part of the analysis's answer the caller may see."""
    if name not in KEEP:
        return answer
    perm, keep = KEEP[name]
    if covers_everything(caller_scope(request), perm):
        return answer
    return keep(request, answer)
