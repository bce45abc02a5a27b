"""Presenters of the support pages: analysis results and records shaped into rows and
charts, each page's data read with a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from pathfinder.core.effective import in_force_q
from pathfinder.core.iso_dates import long_date
from pathfinder.reports.charts import bar_chart
from pathfinder.support import reach
from pathfinder.support.models import OfferKind
from pathfinder.support.programme import own_fte, unreached

ATTENDANCE_CHOICES = (("yes", True), ("no", False), ("unknown", None))


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    sessions: int
    places: int
    bookings: int
    attended: int
    attendance_rate: str
    fill_rate: str
    reach: str
    demand_rank: int
    unreached: list[tuple[str, str]]  # (code, name) of consortia in scope not reached


def _names(codes) -> dict[str, str]:
    from pathfinder.organisations.models import Organisation

    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def programme_page(access, d: dt.date) -> dict:
    facts = reach.load_facts(d)
    offers_result = reach.analyse_offers(facts, d)
    missing = unreached(facts, d)
    in_scope = access.view_codes
    names = _names(
        {c for codes in missing.by_kind.values() for c in codes if c in in_scope}
        | {c for c in missing.overall if c in in_scope}
        | {o.code for o in facts.orgs if o.code in in_scope and o.kind in reach.CONSORTIUM_KINDS}
    )

    def named(codes):
        return sorted(((c, names[c]) for c in codes if c in names), key=lambda x: x[1])

    rows = [
        KindRow(
            kind=r.kind,
            label=OfferKind(r.kind).label if r.kind in OfferKind.values else r.kind,
            sessions=r.sessions,
            places=r.places,
            bookings=r.bookings,
            attended=r.attended,
            attendance_rate=percent(r.attendance_rate),
            fill_rate=percent(r.fill_rate),
            reach=percent(r.reach),
            demand_rank=r.demand_rank,
            unreached=named(missing.by_kind.get(r.kind, [])),
        )
        for r in offers_result
    ]
    by_demand = sorted(offers_result, key=lambda r: r.demand_rank)
    label = {r.kind: row.label for r, row in zip(offers_result, rows, strict=True)}
    demand_chart = bar_chart(
        title="Demand: places booked as a share of places offered, by kind of offer",
        desc=(
            "One bar per kind of offer, highest demand first, over sessions held on or before "
            f"{long_date(d)}. The same figures are in the table below."
        ),
        bars=[(label[r.kind], round(r.fill_rate * 100, 1)) for r in by_demand],
        value_suffix="%",
    )
    reach_chart = bar_chart(
        title="Reach: share of open consortia with someone who attended, by kind of offer",
        desc=(
            "One bar per kind of offer, in the same order as the demand chart. The same "
            "figures are in the table below."
        ),
        bars=[(label[r.kind], round(r.reach * 100, 1)) for r in by_demand],
        value_suffix="%",
    )
    offers = (
        access.offers()
        .select_related("provider")
        .annotate(
            n_sessions=Count("sessions", distinct=True),
            n_bookings=Count("sessions__bookings"),
        )
    )
    return {
        "kinds": rows,
        "demand_chart": demand_chart,
        "reach_chart": reach_chart,
        "unreached": named(missing.overall),
        "consortia_in_scope": len(
            [o for o in facts.orgs if o.code in names and o.kind in reach.CONSORTIUM_KINDS]
        ),
        "offers": offers,
    }


@dataclass(frozen=True)
class BookingRow:
    booking_id: int
    person_id: str
    person_name: str
    org_code: str
    org_name: str
    attended: bool | None


def booking_rows(access, provider: str | None, bookings) -> tuple[list[BookingRow], int]:
    """The bookings the user may see, and how many others there are."""
    shown = [
        BookingRow(b.pk, b.person_id, b.person.name, b.org_id, b.org.name, b.attended)
        for b in bookings
        if access.sees_booking(provider, b.org_id)
    ]
    return shown, len(bookings) - len(shown)


@dataclass(frozen=True)
class Candidate:
    value: str  # "person_id|org_code"
    text: str


def candidates(orgs: set[str], on: dt.date, already: set[str]) -> list[Candidate]:
    """People holding a post on the session date at an organisation the user may book
    for, who have no place yet (one query)."""
    from pathfinder.people.models import Post

    posts = (
        Post.objects.filter(in_force_q(on), org_id__in=orgs)
        .exclude(person_id__in=already)
        .select_related("person", "org")
        .order_by("org__name", "person__name", "person_id")
    )
    seen = set()
    out = []
    for p in posts:
        key = f"{p.person_id}|{p.org_id}"
        if key in seen:
            continue
        seen.add(key)
        out.append(Candidate(key, f"{p.person.name} ({p.title}), for {p.org.name}"))
    return out


@dataclass(frozen=True)
class CapacityRow:
    code: str
    name: str
    population: int | None
    own: Decimal
    shared: Decimal
    fte: Decimal
    per_100k: Decimal | None


@dataclass(frozen=True)
class AssignedRow:
    from_code: str
    from_name: str
    posts: int
    fte: Decimal


def capacity_rows(scope, d: dt.date) -> list[CapacityRow]:
    """Each consortium in scope with its own and shared management FTE (the analysis's)."""
    codes = scope.org_codes()
    facts = reach.load_facts(d)
    caps = reach.analyse_capacity(facts)
    own = own_fte(facts)
    population = {o.code: o.population for o in facts.orgs}
    names = _names({c.org for c in caps if c.org in codes})
    return [
        CapacityRow(
            code=c.org,
            name=names[c.org],
            population=population.get(c.org),
            own=reach.two_places(own.get(c.org, Decimal(0))),
            shared=reach.two_places(c.fte - own.get(c.org, Decimal(0))),
            fte=c.fte,
            per_100k=c.fte_per_100k,
        )
        for c in caps
        if c.org in names
    ]


def capacity_charts(rows: list[CapacityRow], d: dt.date) -> tuple[str, str]:
    """The bar charts of the consortia shown (one page of the list)."""
    per_100k_chart = bar_chart(
        title="Management FTE per 100,000 population, by consortium",
        desc=(
            f"One bar per consortium in the table below, open on {long_date(d)}; consortia "
            "without a recorded population show 0. The same figures are in the table."
        ),
        bars=[(r.name, r.per_100k or 0) for r in rows],
    )
    fte_chart = bar_chart(
        title="Management FTE by consortium, including shared support-unit staff",
        desc="One bar per consortium in the table below. The same figures are in the table.",
        bars=[(r.name, r.fte) for r in rows],
    )
    return per_100k_chart, fte_chart


def assigned_posts(scope, d: dt.date):
    """Posts in force on `d` held by staff assigned from another organisation, touching
    the scope, by where they came from."""
    from pathfinder.people.models import Post

    codes = scope.org_codes_query()
    return (
        Post.objects.filter(in_force_q(d), assigned_from__isnull=False)
        .filter(Q(org_id__in=codes) | Q(assigned_from_id__in=codes))
        .order_by("assigned_from__name", "org__name", "person__name", "id")
    )


def assigned_summary(scope, d: dt.date) -> list[AssignedRow]:
    """One row per organisation staff are assigned from: its posts and their FTE (one
    query)."""
    from django.db.models import Sum

    groups = (
        assigned_posts(scope, d)
        .order_by()
        .values("assigned_from_id", "assigned_from__name")
        .annotate(n=Count("id"), total=Sum("fte"))
        .order_by("assigned_from__name")
    )
    return [
        AssignedRow(g["assigned_from_id"], g["assigned_from__name"], g["n"], g["total"] or 0)
        for g in groups
    ]
