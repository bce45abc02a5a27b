""" "Your work" on the home page: what needs this user as at D (docs/decisions/0197).

For the person the account is linked to (docs/decisions/0090): the risks they own whose
review is overdue (the risks analysis decides), the register checks about them (the
interests analysis the reminders use), the next meetings of the bodies they sit on and
the packs issued for them. For a role that governs: the next meetings of the bodies it
governs and the packs built and not yet issued. Each is a count and the first few.
"""

import datetime as dt
from dataclasses import dataclass

from pathfinder.core.codes_table import CodesFilter, codes_filter
from pathfinder.core.home import SHOWN, link
from pathfinder.core.jinja import long_date
from pathfinder.core.roles import Permission


@dataclass(frozen=True)
class Item:
    text: str
    href: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Work:
    heading: str
    count: int
    items: list[Item]
    see_all: str
    none: str  # said when there is nothing

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def overdue_reviews(person_id: str, assessments) -> Work:
    """The open risks the person owns whose review is overdue, soonest due first."""
    mine = sorted(
        (a for a in assessments if a.risk.owner == person_id and a.review_overdue),
        key=lambda a: (a.review_due, a.risk.risk_id),
    )
    items = [
        Item(
            f"{a.risk.title} ({a.risk.risk_id})",
            link("risks:detail", kwargs={"risk_id": a.risk.risk_id}),
            f"review was due {long_date(a.review_due)}",
        )
        for a in mine[:SHOWN]
    ]
    return Work(
        "Your risk reviews overdue",
        len(mine),
        items,
        link("risks:overdue", owner=person_id),
        "None of the risks you own is overdue for review.",
    )


# Where each register check is put right.
DECLARATION_PAGES = {
    "missing_return": "interests:annual_return",
    "undeclared_post": "interests:declare_interest",
}


def declarations_due(person_id: str, as_at: dt.date) -> Work:
    """The register checks about the person (RULES.md §3): five queries."""
    from pathfinder.interests.register import Limits, analyse, load_facts
    from pathfinder.interests.reminders import LABELS

    facts = load_facts(as_at, people={person_id})
    found = [f for f in analyse(facts, as_at, Limits.from_settings()) if f.person == person_id]
    items = [
        Item(LABELS[f.finding], link(DECLARATION_PAGES.get(f.finding, "interests:mine")))
        for f in found[:SHOWN]
    ]
    return Work(
        "Your declarations",
        len(found),
        items,
        link("interests:mine"),
        "Your declarations and annual return are up to date.",
    )


def _meeting_item(meeting, scope) -> Item:
    href = ""
    # Not `scope.can`, which notes a no for the audit of a refused page.
    if meeting.body.org_id in scope.org_codes():
        href = link("governance:agenda", kwargs={"meeting_id": meeting.meeting_id})
    return Item(meeting.body.name, href, long_date(meeting.date))


def first_and_count(queryset) -> tuple[list, int]:
    """The first few rows and how many there are in all: two queries. (One query with
    the count as a window over every row was three times slower on a national scope:
    it joins and sorts every row, where the count alone needs no join.)"""
    return list(queryset[:SHOWN]), queryset.count()


def next_meetings(where, scope, as_at: dt.date, person_id: str) -> Work:
    """Meetings on or after D of the bodies in `where`, soonest first: two queries."""
    from pathfinder.governance.models import Meeting

    upcoming = Meeting.objects.filter(where, date__gte=as_at).select_related("body")
    first, count = first_and_count(upcoming.order_by("date", "meeting_id"))
    return Work(
        "Your next meetings",
        count,
        [_meeting_item(m, scope) for m in first],
        link("reports:my_boards")
        if person_id
        else link("governance:meetings", **{"from": as_at.isoformat()}),
        "No meeting is planned of a body you sit on or govern.",
    )


def _pack_item(pack) -> Item:
    when = pack.meeting.date if pack.meeting_id else pack.as_at
    state = "issued" if pack.issued_at else "built, not yet issued"
    return Item(
        f"{pack.body.name}: pack {pack.number}",
        link("reports:pack_status", kwargs={"body_id": pack.body_id, "number": pack.number}),
        f"for {long_date(when)}, {state}",
    )


def packs_waiting(where, as_at: dt.date, person_id: str) -> Work:
    """Packs for meetings on or after D: two queries."""
    from django.db.models import Q

    from pathfinder.reports.models import BoardPack

    ahead = Q(meeting__date__gte=as_at) | Q(meeting__isnull=True, as_at__gte=as_at)
    packs = BoardPack.objects.filter(where & ahead).select_related("body", "meeting")
    first, count = first_and_count(packs.order_by("as_at", "body_id", "number"))
    return Work(
        "Board packs waiting for you",
        count,
        [_pack_item(p) for p in first],
        link("reports:my_boards") if person_id else "",
        "No board pack is waiting for you.",
    )


def person_name(person_id: str) -> str:
    from pathfinder.people.models import Person

    return Person.objects.filter(pk=person_id).values_list("name", flat=True).first() or ""


def your_work(scope, as_at: dt.date, assessments, view: CodesFilter) -> tuple[str, list[Work]]:
    """The linked person's name ("" for none) and the lists of what needs the user;
    `view` is the organisations the user may see."""
    from django.db.models import Q

    from pathfinder.governance.models import Membership
    from pathfinder.reports.models import PackStatus

    person_id = scope.person_id
    governs = scope.org_codes(Permission.GOVERN)
    if not person_id and not governs:
        return "", []
    # An empty Q is every row, and `Q(...) | Q()` drops the empty side: the cases where a
    # filter is everything are taken first.
    bodies, to_read, to_issue = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    if person_id:
        seats = Membership.objects.in_force(as_at).filter(person_id=person_id).values("body_id")
        bodies = Q(body_id__in=seats)
        to_read = Q(body_id__in=seats, issued_at__isnull=False)
        if not view.everything:
            to_read &= Q(public=True) | view.q("body__org_id")
    if governs:
        governed = view if governs == scope.org_codes() else codes_filter(governs)
        bodies = Q() if governed.everything else bodies | governed.q("body__org_id")
        to_issue = governed.q("body__org_id") & Q(status=PackStatus.BUILT, issued_at__isnull=True)
    work = []
    if person_id:
        work += [overdue_reviews(person_id, assessments), declarations_due(person_id, as_at)]
    work += [
        next_meetings(bodies, scope, as_at, person_id),
        packs_waiting(to_read | to_issue, as_at, person_id),
    ]
    return person_name(person_id) if person_id else "", work
