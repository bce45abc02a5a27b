"""Agenda pages: proposals for service change with where each organisation stands, and
one proposal's stances over time with the clinical senate's advice. A proposal is seen
by those whose scope holds its lead organisation (docs/decisions/0125-agenda-pages.md)."""

from django.http import Http404
from django.shortcuts import render

from pathfinder.agendas import stances
from pathfinder.agendas.models import Position, Proposal
from pathfinder.agendas.timeline import (
    SIDES,
    STANCE_LABEL,
    proposal_view,
    side_of,
    timeline_svg,
)
from pathfinder.core.decorators import signed_in
from pathfinder.organisations.models import Organisation


def _visible(request):
    return Proposal.objects.filter(lead_id__in=request.scope.org_codes())


@signed_in
def proposal_list(request):
    d = request.as_at
    proposals = list(_visible(request).select_related("lead").order_by("title"))
    facts = stances.load_facts(d)
    facts.proposals = [p.proposal_id for p in proposals]
    results = {r.proposal: r for r in stances.analyse(facts, d)}
    orgs = {o for r in results.values() for o in r.stances}
    names = dict(Organisation.objects.filter(code__in=orgs).values_list("code", "name"))
    advice = {}
    for pos in (
        Position.objects.filter(
            proposal__in=[p.proposal_id for p in proposals],
            by_body__kind="senate",
            stated_on__lte=d,
        )
        .select_related("by_body")
        .order_by("stated_on", "id")
    ):
        advice[pos.proposal_id] = pos
    rows = []
    for p in proposals:
        r = results[p.proposal_id]
        by_side: dict[str, list[tuple[str, str]]] = {}
        for code, stance in r.stances.items():
            side = side_of(facts.org_kinds.get(code, ""))
            by_side.setdefault(side, []).append((names.get(code, code), STANCE_LABEL[stance]))
        rows.append(
            {
                "proposal": p,
                "result": r,
                "sides": [(s, sorted(by_side[s])) for s in SIDES if s in by_side],
                "advice": advice.get(p.proposal_id),
            }
        )
    return render(
        request,
        "agendas/list.html",
        {"title": "Agendas", "rows": rows, "stance_label": STANCE_LABEL},
    )


@signed_in
def proposal_detail(request, proposal_id):
    d = request.as_at
    proposal = _visible(request).select_related("lead").filter(proposal_id=proposal_id).first()
    if proposal is None:
        raise Http404("No such proposal in your scope")
    positions = list(
        Position.objects.filter(proposal=proposal).select_related("org", "by_body").order_by("id")
    )
    view = proposal_view(proposal.proposal_id, positions, d)
    shown = [r for r in view.rows if r.history]
    return render(
        request,
        "agendas/detail.html",
        {
            "title": proposal.title,
            "proposal": proposal,
            "view": view,
            "rows": shown,
            "later": sum(r.later for r in view.rows),
            "timeline": timeline_svg(shown, d, f"Stances on “{proposal.title}” over time")
            if shown
            else "",
            "stance_label": STANCE_LABEL,
            "codes": request.scope.org_codes(),
        },
    )
