"""Agenda pages: proposals for service change with where each organisation stands, and
one proposal's stances over time with the clinical senate's advice. A proposal is seen
by those whose scope holds its lead organisation (docs/decisions/0125-agenda-pages.md)."""

from django.http import Http404
from django.shortcuts import render

from pathfinder.agendas import stances
from pathfinder.agendas.models import Position, Proposal
from pathfinder.agendas.timeline import STANCE_LABEL, proposal_view, timeline_svg
from pathfinder.core.decorators import signed_in
from pathfinder.core.listing import Column, Filter, Listing


def _visible(request):
    return Proposal.objects.filter(lead_id__in=request.scope.org_codes_query())


COLUMNS = [
    Column("title", "Proposal", sortable=True),
    Column("lead", "Led by", sortable=True),
    Column("stances", "Stances", numeric=True, sortable=True),
    Column("alignment", "Alignment (%)", numeric=True, sortable=True),
    Column("divergent", "Commissioners and providers", sortable=True),
    Column("advice", "Clinical senate advice", sortable=True),
]
FILTERS = [
    Filter("q", "Title or ID contains", "search", fields=("title", "proposal_id")),
    Filter(
        "lead", "Lead organisation code or name contains", "search", fields=("lead", "lead_code")
    ),
    Filter(
        "divergent",
        "Commissioners and providers",
        choices=[("yes", "Disagree"), ("no", "Do not disagree")],
        any="Either",
        match=lambda row, v: row["divergent"] == (v == "yes"),
    ),
]


def _rows(request, d) -> list[dict]:
    """Each visible proposal with where its stances stand on D, as the analysis finds."""
    proposals = list(_visible(request).select_related("lead"))
    facts = stances.load_facts(d)
    facts.proposals = [p.proposal_id for p in proposals]
    results = {r.proposal: r for r in stances.analyse(facts, d)}
    advice = {}
    for pos in (
        Position.objects.filter(
            proposal__in=_visible(request), by_body__kind="senate", stated_on__lte=d
        )
        .select_related("by_body")
        .order_by("stated_on", "id")
    ):
        advice[pos.proposal_id] = pos
    rows = []
    for p in proposals:
        r, said = results[p.proposal_id], advice.get(p.proposal_id)
        rows.append(
            {
                "proposal_id": p.proposal_id,
                "title": p.title,
                "lead": p.lead.name,
                "lead_code": p.lead_id,
                "stances": len(r.stances),
                "alignment": None if r.alignment is None else round(r.alignment * 100),
                "divergent": r.divergent,
                "advice": STANCE_LABEL[said.stance] if said else "",
                "advice_by": said.by_body.name if said else "",
            }
        )
    return rows


@signed_in
def proposal_list(request):
    d = request.as_at
    listing = Listing(request, COLUMNS, "title", filters=FILTERS, noun="proposals")
    rows = listing.apply(_rows(request, d))
    if listing.download_format:
        keys = ["proposal_id", "title", "lead_code", "lead", "stances", "alignment",
                "divergent", "advice", "advice_by"]  # fmt: skip
        return listing.download(
            rows, f"agendas-{d}", lambda chunk: ([r[k] for k in keys] for r in chunk), header=keys
        )
    return render(
        request,
        "agendas/list.html",
        {"title": "Agendas", "listing": listing, "page": listing.page(rows)},
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
