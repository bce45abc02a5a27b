"""The signed-in home page: the user's roles, counts of their area, and their own work
(`core.home_work`), in a fixed number of queries whatever the size of the scope
(docs/decisions/0197).

Every count is the one its list page or analysis gives, and links to that list filtered
by plain query parameters named after the field (`/organisations/?kind=practice`).
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from pathfinder.core.codes_table import CodesFilter, codes_filter
from pathfinder.core.roles import ROLES

SHOWN = 5  # items named per list; the rest are behind "see all"


@dataclass(frozen=True)
class Tally:
    label: str
    number: int
    href: str = ""


@dataclass(frozen=True)
class Summary:
    """One card of the area: a heading and its counts."""

    heading: str
    tallies: list[Tally]
    href: str = ""


@dataclass(frozen=True)
class RoleGroup:
    title: str
    description: str
    count: int
    organisations: list[tuple[str, str, str]]  # (code, name, href) of the first few

    @property
    def more(self) -> int:
        return self.count - len(self.organisations)


@dataclass
class Home:
    roles: list[RoleGroup] = field(default_factory=list)
    area: list[Summary] = field(default_factory=list)
    work: list = field(default_factory=list)
    person: str = ""  # the linked person's name; "" when none


def link(name: str, *, kwargs: dict | None = None, **params) -> str:
    href = reverse(name, kwargs=kwargs)
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{href}?{urlencode(query)}" if query else href


def role_groups(user) -> list[RoleGroup]:
    """The user's roles by role, each with its first few organisations: two queries."""
    from pathfinder.organisations.models import Organisation

    by_role: dict[str, list[str]] = {}
    for role, code in user.roles.order_by("org_code").values_list("role", "org_code"):
        by_role.setdefault(role, []).append(code)
    first = {code for codes in by_role.values() for code in codes[:SHOWN]}
    names = dict(Organisation.objects.filter(code__in=first).values_list("code", "name"))
    out = []
    for name, codes in by_role.items():
        role = ROLES.get(name)
        shown = [
            (
                c,
                names.get(c, "(not in the registry)"),
                reverse("organisations:detail", kwargs={"code": c}) if c in names else "",
            )
            for c in codes[:SHOWN]
        ]
        title = role.title if role else name
        out.append(RoleGroup(title, role.description if role else "", len(codes), shown))
    return sorted(out, key=lambda g: g.title)


def month_of(d: dt.date) -> tuple[dt.date, dt.date]:
    first = d.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def organisation_summary(area: CodesFilter, as_at: dt.date) -> Summary:
    """Organisations open on D by kind, largest first: one query."""
    from django.db.models import Count

    from pathfinder.organisations.models import Organisation, OrgKind

    labels = dict(OrgKind.choices)
    counts = (
        Organisation.objects.open_on(as_at)
        .filter(area.q("code"))
        .values_list("kind")
        .annotate(n=Count("code"))
        .order_by()
    )
    by_kind = sorted(counts, key=lambda kn: (-kn[1], kn[0]))
    tallies = [Tally("Open organisations", sum(n for _, n in by_kind), link("organisations:list"))]
    tallies += [
        Tally(labels.get(kind, kind), n, link("organisations:list", kind=kind))
        for kind, n in by_kind
    ]
    return Summary("Organisations", tallies, link("organisations:list"))


def governance_summary(area: CodesFilter, as_at: dt.date) -> Summary:
    """Bodies of the organisations open on D, and meetings in D's month: two queries."""
    from pathfinder.governance.models import Body, Meeting
    from pathfinder.organisations.models import Organisation

    bodies = Body.objects.filter(area.q("org_id"), Organisation.in_force_q(as_at, "org__"))
    first, last = month_of(as_at)
    meetings = Meeting.objects.filter(area.q("body__org_id"), date__gte=first, date__lte=last)
    month = f"{as_at:%B %Y}"
    return Summary(
        "Governance",
        [
            Tally("Boards and committees", bodies.count()),
            Tally(
                f"Meetings in {month}",
                meetings.count(),
                link("governance:meetings", **{"from": first.isoformat(), "to": last.isoformat()}),
            ),
        ],
        link("governance:meetings"),
    )


def risk_summary(assessments) -> Summary:
    """Open risks, overdue reviews and risks for the assurance framework, as the risks
    analysis decides them (RULES.md §6)."""
    return Summary(
        "Risks",
        [
            Tally("Open risks", len(assessments), link("risks:index")),
            Tally(
                "Reviews overdue",
                sum(a.review_overdue for a in assessments),
                link("risks:index", status="overdue"),
            ),
            Tally(
                "At or above the escalation threshold",
                sum(a.escalate_to_baf for a in assessments),
                link("risks:index", status="escalated"),
            ),
        ],
        link("risks:index"),
    )


def qipp_summary(area: CodesFilter, as_at: dt.date) -> Summary:
    """The year's QIPP schemes, those red and those not owned (RULES.md §5): two queries."""
    from pathfinder.core.money import FinancialYear
    from pathfinder.qipp import delivery

    year = FinancialYear.containing(as_at)
    results = delivery.analyse(delivery.load_facts(year, as_at, area.table), as_at)
    y = str(year)
    return Summary(
        f"QIPP {y}",
        [
            Tally("Schemes", len(results), link("qipp:overview", year=y)),
            Tally(
                "Red: under 75% of plan delivered",
                sum(r.rag == "red" for r in results),
                link("qipp:overview", year=y, rag="red"),
            ),
            Tally(
                "Not signed off by their own organisation",
                sum(r.not_owned for r in results),
                link("qipp:overview", year=y, not_owned="yes"),
            ),
        ],
        link("qipp:overview", year=y),
    )


def assess_risks(area: CodesFilter, as_at: dt.date) -> list:
    """The open risks of the area, assessed by the risks analysis: two to four queries."""
    from pathfinder.risks.assessment import analyse, baf_threshold, load_facts

    facts = load_facts(as_at, area.table, with_structure=False)
    return analyse(facts, as_at, baf_threshold(), with_baf=False)


def home(request) -> Home:
    from pathfinder.core.home_work import your_work

    scope, as_at = request.scope, request.as_at
    out = Home(roles=role_groups(request.user))
    codes = scope.org_codes()
    if not codes:
        return out
    area = codes_filter(codes)
    assessments = assess_risks(area, as_at)
    out.area = [
        organisation_summary(area, as_at),
        governance_summary(area, as_at),
        risk_summary(assessments),
        qipp_summary(area, as_at),
    ]
    out.person, out.work = your_work(scope, as_at, assessments, area)
    return out
