"""Support reach and management capacity as at a date (RULES.md §7).

`load_facts` reads what the analysis needs with a handful of set-based queries,
`analyse` is pure over those facts, and `report` gives the CLI.md JSON shape.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pathfinder.core.refs import ref

# GP consortia and the CCGs that succeeded them are the bodies whose reach and
# management capacity the support offer is meant to build (docs/decisions/0041).
CONSORTIUM_KINDS = frozenset({"consortium", "ccg"})
SUPPORT_UNIT_KIND = "support_unit"
RATE_PLACES = 4


@dataclass(frozen=True)
class Session:
    session_id: str
    kind: str
    date: dt.date
    capacity: int


@dataclass(frozen=True)
class Booking:
    session_id: str
    org: str
    attended: bool | None


@dataclass(frozen=True)
class Org:
    code: str
    kind: str
    population: int | None = None


@dataclass(frozen=True)
class Post:
    org: str
    fte: Decimal | None


@dataclass(frozen=True)
class Supports:
    unit: str
    consortium: str


@dataclass
class Facts:
    """What is known on D: offer kinds, sessions and bookings, open organisations,
    posts and `supports` links in force."""

    kinds: set[str] = field(default_factory=set)
    sessions: list[Session] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    supports: list[Supports] = field(default_factory=list)


@dataclass
class OfferKindResult:
    kind: str
    sessions: int
    places: int
    bookings: int
    attended: int
    attendance_rate: float
    fill_rate: float
    reach: float
    demand: float
    demand_rank: int = 0


@dataclass
class Capacity:
    org: str
    fte: Decimal
    fte_per_100k: Decimal | None


@dataclass
class Result:
    offers: list[OfferKindResult]
    capacity: list[Capacity]


def rate(numerator: int, denominator: int) -> float:
    """A share rounded for display; 0 where there is nothing to divide by."""
    return round(numerator / denominator, RATE_PLACES) if denominator else 0.0


def two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def analyse(facts: Facts, as_at: dt.date) -> Result:
    return Result(offers=analyse_offers(facts, as_at), capacity=analyse_capacity(facts))


def analyse_offers(facts: Facts, as_at: dt.date) -> list[OfferKindResult]:
    consortia = {o.code for o in facts.orgs if o.kind in CONSORTIUM_KINDS}
    held = {s.session_id: s for s in facts.sessions if s.date <= as_at}
    kinds = set(facts.kinds) | {s.kind for s in held.values()}
    sessions = defaultdict(int)
    places = defaultdict(int)
    for s in held.values():
        sessions[s.kind] += 1
        places[s.kind] += s.capacity
    bookings = defaultdict(int)
    attended = defaultdict(int)
    reached = defaultdict(set)
    for b in facts.bookings:
        s = held.get(b.session_id)
        if s is None:
            continue
        bookings[s.kind] += 1
        if b.attended:
            attended[s.kind] += 1
            if b.org in consortia:
                reached[s.kind].add(b.org)
    rows = [
        OfferKindResult(
            kind=k,
            sessions=sessions[k],
            places=places[k],
            bookings=bookings[k],
            attended=attended[k],
            attendance_rate=rate(attended[k], bookings[k]),
            fill_rate=rate(bookings[k], places[k]),
            reach=rate(len(reached[k]), len(consortia)),
            demand=bookings[k] / places[k] if places[k] else 0.0,
        )
        for k in kinds
    ]
    for rank, row in enumerate(sorted(rows, key=lambda r: (-r.demand, r.kind)), start=1):
        row.demand_rank = rank
    return sorted(rows, key=lambda r: r.kind)


def analyse_capacity(facts: Facts) -> list[Capacity]:
    kinds = {o.code: o.kind for o in facts.orgs}
    consortia = sorted((o for o in facts.orgs if o.kind in CONSORTIUM_KINDS), key=lambda o: o.code)
    own = defaultdict(Decimal)
    for p in facts.posts:
        if p.fte:
            own[p.org] += p.fte
    supported = defaultdict(set)
    for s in facts.supports:
        if kinds.get(s.unit) == SUPPORT_UNIT_KIND and kinds.get(s.consortium) in CONSORTIUM_KINDS:
            supported[s.unit].add(s.consortium)
    shared = defaultdict(Decimal)
    for unit, members in supported.items():
        for code in members:
            shared[code] += own[unit] / len(members)
    out = []
    for o in consortia:
        fte = own[o.code] + shared[o.code]
        per_100k = fte * 100_000 / o.population if o.population else None
        out.append(
            Capacity(
                org=o.code,
                fte=two_places(fte),
                fte_per_100k=None if per_100k is None else two_places(per_100k),
            )
        )
    return out


def load_facts(as_at: dt.date) -> Facts:
    from pathfinder.core.effective import in_force_q
    from pathfinder.organisations.models import Organisation, Relationship
    from pathfinder.people.models import Post as PostRow
    from pathfinder.support.models import SupportBooking, SupportOffer, SupportSession

    facts = Facts()
    facts.kinds = set(SupportOffer.objects.values_list("kind", flat=True))
    facts.sessions = [
        Session(sid, kind, date, capacity)
        for sid, kind, date, capacity in SupportSession.objects.filter(date__lte=as_at).values_list(
            "session_id", "offer__kind", "date", "capacity"
        )
    ]
    facts.bookings = [
        Booking(sid, org, attended)
        for sid, org, attended in SupportBooking.objects.filter(
            session__date__lte=as_at
        ).values_list("session_id", "org_id", "attended")
    ]
    facts.orgs = [
        Org(code, kind, population)
        for code, kind, population in Organisation.objects.open_on(as_at)
        .filter(kind__in=CONSORTIUM_KINDS | {SUPPORT_UNIT_KIND})
        .values_list("code", "kind", "population")
    ]
    codes = [o.code for o in facts.orgs]
    facts.posts = [
        Post(org, fte)
        for org, fte in PostRow.objects.filter(in_force_q(as_at), org_id__in=codes)
        .exclude(fte__isnull=True)
        .values_list("org_id", "fte")
    ]
    facts.supports = [
        Supports(unit, consortium)
        for unit, consortium in Relationship.objects.in_force(as_at)
        .filter(kind="supports")
        .values_list("parent_id", "child_id")
    ]
    return facts


def report(as_at: dt.date) -> dict:
    result = analyse(load_facts(as_at), as_at)
    return {
        "as_at": as_at.isoformat(),
        "offers": [
            {
                "kind": r.kind,
                "sessions": r.sessions,
                "places": r.places,
                "bookings": r.bookings,
                "attended": r.attended,
                "attendance_rate": r.attendance_rate,
                "fill_rate": r.fill_rate,
                "reach": r.reach,
                "demand_rank": r.demand_rank,
            }
            for r in result.offers
        ],
        "capacity": [
            {
                "org": ref("org", c.org),
                "fte": str(c.fte),
                "fte_per_100k": None if c.fte_per_100k is None else str(c.fte_per_100k),
            }
            for c in result.capacity
        ],
    }
