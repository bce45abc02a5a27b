"""The lists of the support pages: their columns, filters and download rows, for the
listing component (core/listing.py)."""

from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.support import readiness
from pathfinder.support.models import OfferKind

OFFER_COLUMNS = [
    Column("name", "Offer", ("name", "offer_id")),
    Column("kind", "Kind", ("kind", "name")),
    Column("provider", "Provided by", ("provider__name", "name")),
    Column("n_sessions", "Sessions", ("n_sessions", "name"), numeric=True),
    Column("n_bookings", "Places booked", ("n_bookings", "name"), numeric=True),
]
OFFER_FILTERS = [
    Filter("q", "Offer or provider contains", "search",
           fields=("offer_id", "name", "provider__name", "provider__code")),
    Filter("kind", "Kind", choices=OfferKind.choices, any="Any kind"),
]  # fmt: skip
SESSION_COLUMNS = [
    Column("date", "Date", ("date", "session_id")),
    Column("capacity", "Places", ("capacity", "date"), numeric=True),
    Column("booked", "Booked", ("booked", "date"), numeric=True),
    Column("left", "Places left", ("left", "date"), numeric=True),
]
SESSION_FILTERS = [
    Filter("from", "From", "from", fields=("date",)),
    Filter("to", "Up to", "to", fields=("date",)),
]


def offer_rows(offers):
    for o in offers:
        yield [o.offer_id, o.name, o.kind, o.provider_id or "", o.n_sessions, o.n_bookings]


def session_rows(sessions):
    for s in sessions:
        yield [s.session_id, s.date, s.capacity, s.booked, s.left]


CAPACITY_COLUMNS = [
    Column("name", "Consortium", sortable=True),
    Column("population", "Population", numeric=True, sortable=True),
    Column("own", "Own FTE", numeric=True, sortable=True),
    Column("shared", "Shared support-unit FTE", numeric=True, sortable=True),
    Column("fte", "Total FTE", numeric=True, sortable=True),
    Column("per_100k", "FTE per 100,000", numeric=True, sortable=True),
]
CAPACITY_FILTERS = [
    Filter("q", "Consortium code or name contains", "search", fields=("code", "name"))
]


def capacity_csv_rows(rows):
    for r in rows:
        yield [r.code, r.name, r.population, r.own, r.shared, r.fte, r.per_100k]


def assigned_rows(posts):
    for p in posts:
        yield [p.assigned_from_id, p.assigned_from.name, p.org_id, p.org.name, p.person_id,
               p.person.name, p.title, p.fte, p.valid_from]  # fmt: skip


def readiness_listing(request, frameworks: list[str], framework: str, domains: list[str]):
    columns = [
        Column("name", "Organisation", sortable=True),
        *(Column(f"d_{dom}", readiness.domain_label(dom), numeric=True, sortable=True)
          for dom in domains),
        Column("last", "Last assessed", sortable=True),
    ]  # fmt: skip
    filters = [
        Filter("framework", "Framework", choices=frameworks, any=None, default=framework,
               match=lambda row, value: True),
        Filter("q", "Organisation code or name contains", "search", fields=("code", "name")),
    ]  # fmt: skip
    return Listing(request, columns, "name", filters=filters, noun="organisations")


def readiness_csv(domains):
    def rows(items):
        for r in items:
            yield [r["code"], r["name"], *(r[f"d_{dom}"] for dom in domains), r["last"]]

    return rows
