"""The pack's oversight sections: accountability findings for B's area with the map
(RULES.md §1, through `accountability.area.load_area`), register findings for B's
members (§3), support and readiness where B's organisation is a consortium or cluster
(§7), and the decisions log since the last meeting."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from pathfinder.reports.sections import Context, Section


@dataclass(frozen=True)
class FindingLine:
    number: int
    title: str
    severity: str
    subject: str
    detail: str


@dataclass(frozen=True)
class Accountability:
    findings: list[FindingLine]
    picture: Markup  # '' when the area is too big to draw
    nodes: int


def accountability(ctx: Context) -> Section:
    from django.template.loader import render_to_string

    from pathfinder.governance.accountability.area import load_area
    from pathfinder.governance.accountability.map import build_map
    from pathfinder.governance.views_accountability import FINDING_TITLES, node_href

    area = load_area(ctx.as_at, ctx.scope, ctx.org)
    picture = build_map(area)
    svg = ""
    if not picture.too_big:
        svg = render_to_string(
            "governance/accountability_map.svg",
            {
                "picture": picture,
                "as_at": ctx.as_at,
                "area_name": ctx.org_name,
                "node_href": node_href,
                "base": "",
            },
        )
    lines = [
        FindingLine(
            nf.number,
            FINDING_TITLES.get(nf.finding.finding, nf.finding.finding),
            nf.finding.severity,
            area.facts.label(nf.finding.subject),
            nf.finding.detail,
        )
        for nf in picture.findings
    ]
    return Section(
        "accountability",
        "Accountability",
        Accountability(lines, Markup(svg), picture.count),  # noqa: S704 - autoescaped template
    )


@dataclass(frozen=True)
class RegisterLine:
    label: str
    person: str
    name: str
    subject: str
    detail: str


def register(ctx: Context) -> Section:
    """The register checks of §3 about B's members (those of the whole register)."""
    from pathfinder.interests.register import Limits, analyse
    from pathfinder.interests.reminders import LABELS

    facts = ctx.register_facts()
    findings = analyse(facts, ctx.as_at, Limits.from_settings())
    lines = [
        RegisterLine(
            LABELS.get(f.finding, f.finding),
            f.person,
            ctx.people.get(f.person, f.person),
            f.subject,
            f.detail,
        )
        for f in findings
    ]
    return Section("register", "Registers of interests and gifts", lines)


@dataclass(frozen=True)
class ReadinessRow:
    org: str
    ratings: list[tuple[int | None, str]]  # per domain: rating and its label


@dataclass(frozen=True)
class Support:
    offers: list
    capacity: list
    framework: str
    domains: list[str]
    readiness: list[ReadinessRow]


SUPPORT_KINDS = ("consortium", "cluster", "ccg")


def support(ctx: Context) -> Section | None:
    """The support programme's figures, the consortia's capacity and their readiness,
    for a consortium or a cluster (and the consortia below it)."""
    if ctx.org_kind not in SUPPORT_KINDS:
        return None
    from pathfinder.support import reach, readiness

    result = reach.analyse(reach.load_facts(ctx.as_at), ctx.as_at)
    capacity = [c for c in result.capacity if c.org in ctx.scope]
    consortia = sorted({c.org for c in capacity} | ({ctx.org} - {""}))
    ratings = readiness.load_ratings(consortia, ctx.as_at)
    framework = readiness.current_framework(ratings)
    latest = readiness.latest(ratings, framework)
    domains = readiness.domain_order({d for _, d in latest})
    rows = [
        ReadinessRow(
            org,
            [
                (r.rating, readiness.RATING_LABELS.get(r.rating, str(r.rating)))
                if (r := latest.get((org, d)))
                else (None, "Not assessed")
                for d in domains
            ],
        )
        for org in consortia
        if any((org, d) in latest for d in domains)
    ]
    return Section(
        "support",
        "Support and readiness",
        Support(
            offers=result.offers,
            capacity=capacity,
            framework=framework,
            domains=[readiness.domain_label(d) for d in domains],
            readiness=rows,
        ),
    )


@dataclass(frozen=True)
class LoggedDecision:
    meeting: str
    date: dt.date
    decision: str
    title: str
    decision_type: str
    amount: Decimal | None
    outcome: str


@dataclass(frozen=True)
class DecisionsLog:
    since: dt.date | None
    decisions: list[LoggedDecision]


def decisions(ctx: Context) -> Section:
    """Decisions of B's meetings from its last meeting before D up to D."""
    from pathfinder.governance.models import Decision, Outcome

    since = ctx.last_meeting.date if ctx.last_meeting else None
    rows = []
    if since is not None:
        outcomes = dict(Outcome.choices)
        rows = [
            LoggedDecision(m, d, i, t, k.replace("_", " ").capitalize(), a, outcomes.get(o, ""))
            for m, d, i, t, k, a, o in Decision.objects.filter(
                meeting__body_id=ctx.body, meeting__date__gte=since, meeting__date__lte=ctx.as_at
            )
            .order_by("meeting__date", "decision_id")
            .values_list(
                "meeting_id",
                "meeting__date",
                "decision_id",
                "title",
                "decision_type",
                "amount",
                "outcome",
            )
        ]
    return Section("decisions", "Decisions log", DecisionsLog(since, rows))
