"""Accountability pages: the map of an area as a picture (and as a standalone SVG), the
findings with the rows that cause them, the chain of each subject, and a function's
page. Every page shows an area: the user's organisations, or one organisation and those
below it (`?root=CODE`)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from pathfinder.core.decorators import signed_in
from pathfinder.core.downloads import csv_response
from pathfinder.core.errors import UserError
from pathfinder.core.listing import Column, Listing
from pathfinder.core.roles import Permission
from pathfinder.governance.accountability.area import Area, build_area, load_area, owner_org
from pathfinder.governance.accountability.facts import load_area_facts
from pathfinder.governance.accountability.map import NumberedFinding, build_map
from pathfinder.governance.accountability.rows import describe_rows
from pathfinder.governance.accountability.summary import (
    area_heads,
    below_map,
    heads_above,
    summarise,
)

FINDING_TITLES = {
    "no_accountability": "No line of accountability",
    "chain_not_statutory": "Chain reaches no statutory body",
    "ambiguous_accountability": "Accountable to more than one holder",
    "cycle": "Accountability goes round in a circle",
    "dual_role": "Holds to account a body they sit on",
    "multi_board": "Sits on the boards of several organisations",
    "commissioner_provider_overlap": "Commissioner who also works for a provider",
}
# Long lists are paged on the server; the order is the list's own (findings by number,
# chains by subject), so the one column only names what is paged.
PAGED = [Column("number", "Number", ("number",))]


def node_href(node) -> str:
    """The page of a reference (`org:X`, `body:X`, `function:X`)."""
    kind, _, ident = (node.ref if hasattr(node, "ref") else node).partition(":")
    if kind == "org":
        return reverse("organisations:detail", kwargs={"code": ident})
    if kind == "body":
        return reverse("governance:body", kwargs={"body_id": ident})
    if kind == "function":
        return reverse("governance:function", kwargs={"function_id": ident})
    if kind == "person":
        return reverse("people:detail", kwargs={"person_id": ident})
    return ""


def _area(request) -> Area:
    root = request.GET.get("root", "").strip() or None
    try:
        return load_area(request.as_at, request.scope.org_codes(), root)
    except UserError as e:
        raise Http404(str(e)) from None


def _area_choices(request, heads: dict[str, tuple[str, str]] | None = None):
    """The organisations the user may choose as an area, by name. Read as the open heads
    of areas (a few hundred) and kept when in scope, not by naming the scope's codes."""
    heads = area_heads(request.as_at) if heads is None else heads
    codes = request.scope.org_codes()
    return sorted(
        ((code, name) for code, (name, _) in heads.items() if code in codes),
        key=lambda c: (c[1], c[0]),
    )


def _area_name(area: Area) -> str:
    if not area.root:
        return ""
    org = area.facts.orgs.get(area.root)
    return org.name if org else area.root


def _label(area: Area, ref: str) -> str:
    """A reference with its name when the user may see it."""
    if ref.startswith("person:"):
        return area.facts.label(ref)
    return area.facts.label(ref) if area.visible(ref) else ref


def _link(area: Area, ref: str) -> str:
    if not (area.visible(ref) or ref.startswith("person:")):
        return ""
    if ref not in area.hrefs:
        area.hrefs[ref] = node_href(ref)
    return area.hrefs[ref]


def _finding_rows(area: Area, numbered) -> list[dict]:
    causes = describe_rows(area, {r for nf in numbered for r in nf.finding.rows})
    out = []
    for nf in numbered:
        f = nf.finding
        out.append(
            {
                "number": nf.number,
                "finding": f,
                "title": FINDING_TITLES.get(f.finding, f.finding),
                "subject_label": _label(area, f.subject),
                "subject_href": _link(area, f.subject),
                "parties": [(p, _label(area, p), _link(area, p)) for p in f.parties],
                "causes": [causes[r] for r in f.rows if r in causes],
            }
        )
    return out


def _picture_context(request, area: Area, base: str = "") -> dict:
    return {
        "picture": build_map(area),
        "as_at": area.as_at,
        "area_name": _area_name(area),
        "node_href": lambda node: _link(area, node.ref),
        "base": base,
    }


def _trail(request, area: Area, page: str, children, heads) -> list[tuple[str, str]]:
    """Breadcrumbs from the whole scope down to the area's parent."""
    if not area.root:
        return []
    base = reverse(page)
    out = [("Every organisation you can see", base)]
    for code in heads_above(children, heads, area.root, request.scope.org_codes()):
        out.append((heads[code][0], f"{base}?root={code}"))
    return out


def _severity_counts(findings) -> dict[str, int]:
    counts = {s: 0 for s in ("high", "medium", "info")}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


@signed_in
def accountability_map(request):
    """The map page; `?format=svg` gives the picture alone, as a standalone download.
    An area too big to draw opens at a summary of the areas one level down."""
    if request.GET.get("format") == "svg":
        return _map_svg(request)
    area = _area(request)
    context = _picture_context(request, area)
    picture = context["picture"]
    children, heads = below_map(area.as_at), area_heads(area.as_at)
    svg, lines, sub_areas = "", [], []
    if picture.too_big:
        sub_areas = summarise(area, children, heads)
    else:
        svg = render_to_string("governance/accountability_map.svg", context, request=request)
        lines = [
            {
                "edge": e,
                "subject": _label(area, e.subject),
                "subject_href": _link(area, e.subject),
                "holder": _label(area, e.holder),
                "holder_href": _link(area, e.holder),
            }
            for e in sorted(picture.edges, key=lambda e: (e.subject, e.holder, e.line_id))
        ]
    return render(
        request,
        "governance/accountability_map.html",
        {
            **context,
            "title": "Accountability map",
            "area": area,
            "svg": svg,
            "lines": lines,
            "sub_areas": sub_areas,
            "severity_counts": _severity_counts(area.findings),
            "findings": [] if picture.too_big else _finding_rows(area, picture.findings),
            "trail": _trail(request, area, "governance:map", children, heads),
            "choices": _area_choices(request, heads),
            "root": area.root or "",
        },
    )


def _map_svg(request):
    area = _area(request)
    context = _picture_context(request, area, base=request.build_absolute_uri("/").rstrip("/"))
    if context["picture"].too_big:
        raise Http404("Too many boxes to draw: choose one organisation with ?root=CODE")
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + render_to_string(
        "governance/accountability_map.svg", context, request=request
    )
    name = f"accountability-{area.root or 'all'}-{area.as_at.isoformat()}.svg"
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@signed_in
def findings(request):
    area = _area(request)
    kind = request.GET.get("finding", "")
    severity = request.GET.get("severity", "")
    numbered = [NumberedFinding(i, f) for i, f in enumerate(area.findings, 1)]
    if kind in FINDING_TITLES:
        numbered = [nf for nf in numbered if nf.finding.finding == kind]
    if severity in ("high", "medium", "info"):
        numbered = [nf for nf in numbered if nf.finding.severity == severity]
    if request.GET.get("format") == "csv":
        header = ["finding", "severity", "subject", "parties", "rows", "detail"]
        rows = (
            [
                nf.finding.finding,
                nf.finding.severity,
                nf.finding.subject,
                "; ".join(nf.finding.parties),
                "; ".join(nf.finding.rows),
                nf.finding.detail,
            ]
            for nf in numbered
        )
        name = f"accountability-findings-{area.root or 'all'}-{area.as_at.isoformat()}.csv"
        return csv_response(name, header, rows)
    page = Listing(request, PAGED, "number").page(numbered)
    return render(
        request,
        "governance/accountability_findings.html",
        {
            "title": "Accountability findings",
            "area": area,
            "area_name": _area_name(area),
            "page": page,
            "findings": _finding_rows(area, page.object_list),
            "kinds": FINDING_TITLES,
            "kind": kind,
            "severity": severity,
            "choices": _area_choices(request),
            "root": area.root or "",
        },
    )


@signed_in
def chains(request):
    area = _area(request)
    subjects = [s for s in area.result.chains if area.in_area(s)]
    subjects += [
        f.subject
        for f in area.findings
        if f.finding in ("no_accountability", "chain_not_statutory")
        and f.subject not in area.result.chains
    ]
    page = Listing(request, PAGED, "number").page(sorted(set(subjects)))
    rows = []
    for s in page.object_list:
        chain = area.result.chains.get(s)
        rows.append(
            {
                "subject": s,
                "label": _label(area, s),
                "href": _link(area, s),
                "chain": [(c, _label(area, c), _link(area, c)) for c in (chain or ())[1:]],
                "reaches": chain is not None,
            }
        )
    return render(
        request,
        "governance/accountability_chains.html",
        {
            "title": "Chains of accountability",
            "area": area,
            "area_name": _area_name(area),
            "page": page,
            "rows": rows,
            "choices": _area_choices(request),
            "root": area.root or "",
        },
    )


@signed_in
def function_detail(request, function_id):
    from pathfinder.governance.models import Function

    function = (
        Function.objects.filter(function_id=function_id, org_id__in=request.scope.org_codes())
        .select_related("org")
        .first()
    )
    if function is None:
        raise Http404("No such function in your scope")
    context = subject_context(request, f"function:{function.function_id}", function.org_id)
    return render(
        request,
        "governance/function.html",
        {"title": function.name, "function": function, **context},
    )


def subject_context(request, ref: str, org_code: str) -> dict:
    """A subject's lines (as subject and as holder), chain and findings on D."""
    facts = load_area_facts(request.as_at, {org_code})
    area = build_area(facts, request.as_at, {org_code}, request.scope.org_codes())
    mine = [f for f in area.findings if f.subject == ref or ref in f.parties]
    numbered = [NumberedFinding(i, f) for i, f in enumerate(mine, 1)]
    lines = [x for x in area.facts.lines if ref in (x.subject, x.holder)]
    chain = area.chain_map.get(ref)
    return {
        "ref": ref,
        "area": area,
        "lines": [
            {
                "line": x,
                "as_subject": x.subject == ref,
                "other": _label(area, x.holder if x.subject == ref else x.subject),
                "other_href": _link(area, x.holder if x.subject == ref else x.subject),
                "org": owner_org(area.facts, x.subject),
            }
            for x in lines
        ],
        "chain": [(c, _label(area, c), _link(area, c)) for c in (chain or ())[1:]],
        "has_chain": chain is not None,
        "is_top": chain is not None and len(chain) == 1,
        "findings": _finding_rows(area, numbered),
        "can_govern": request.scope.can(Permission.GOVERN, org_code),
    }
