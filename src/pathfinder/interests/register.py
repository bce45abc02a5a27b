"""Checks of the registers of interests, gifts and hospitality as at a date (RULES.md §3).

`load_facts` reads the registers and who sits on which body with a few set-based
queries; `analyse` is pure over those facts; `report` gives the CLI.md JSON shape.
Limits come from `settings.PATHFINDER`. What is published is chosen in `published.py`
from the same facts.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pathfinder.core.money import fmt_money
from pathfinder.core.refs import ref
from pathfinder.governance.facts import MembershipRow, PostRow, membership_rows, post_rows
from pathfinder.interests.facts import InterestRow, interest_rows


@dataclass(frozen=True)
class Limits:
    gift_limit: Decimal = Decimal("50.00")
    hospitality_limit: Decimal = Decimal("75.00")
    declaration_days: int = 28
    return_window_days: int = 365
    published_ended_months: int = 6

    @classmethod
    def from_settings(cls) -> "Limits":
        from django.conf import settings

        s = settings.PATHFINDER
        return cls(
            gift_limit=Decimal(str(s["gift_limit"])),
            hospitality_limit=Decimal(str(s["hospitality_limit"])),
            declaration_days=int(s["declaration_days"]),
            return_window_days=int(s["return_window_days"]),
            published_ended_months=int(s["published_ended_months"]),
        )


@dataclass(frozen=True)
class GiftRow:
    gift: str
    person: str
    kind: str
    value: Decimal
    offered_on: dt.date
    accepted: bool
    declared_on: dt.date


@dataclass
class Facts:
    interests: list[InterestRow] = field(default_factory=list)
    gifts: list[GiftRow] = field(default_factory=list)
    members: list[MembershipRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    returns: dict[str, list[dt.date]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    delegated_bodies: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Finding:
    """`subject` is a reference (`interest:I4`); `person` and `org` are plain ids."""

    finding: str
    subject: str
    person: str
    org: str | None
    detail: str

    def sort_key(self):
        return (self.finding, self.subject, self.org or "")


def voting_members(facts: Facts, as_at: dt.date) -> list[MembershipRow]:
    return [m for m in facts.members if m.voting and m.in_force_on(as_at)]


def interests_in_force(facts: Facts, as_at: dt.date) -> list[InterestRow]:
    """Interests in force on D and on the register by then (declared on or before D)."""
    return [i for i in facts.interests if i.declared_on <= as_at and i.in_force_on(as_at)]


def late_declarations(facts: Facts, as_at: dt.date, limits: Limits) -> list[Finding]:
    days = limits.declaration_days
    out = []
    for i in facts.interests:
        late = (i.declared_on - i.interest_from).days
        if i.declared_on <= as_at and late > days:
            detail = f"declared {late} days after the interest began on {i.interest_from}"
            out.append(
                Finding("late_declaration", ref("interest", i.interest), i.person, None, detail)
            )
    for g in facts.gifts:
        late = (g.declared_on - g.offered_on).days
        if g.declared_on <= as_at and late > days:
            detail = f"{g.kind} declared {late} days after it was offered on {g.offered_on}"
            out.append(Finding("late_declaration", ref("gift", g.gift), g.person, None, detail))
    return out


def gifts_over_limit(facts: Facts, as_at: dt.date, limits: Limits) -> list[Finding]:
    out = []
    for g in facts.gifts:
        limit = limits.hospitality_limit if g.kind == "hospitality" else limits.gift_limit
        if g.accepted and g.offered_on <= as_at and g.value > limit:
            detail = f"accepted {g.kind} worth £{fmt_money(g.value)} (limit £{fmt_money(limit)})"
            out.append(Finding("gift_over_limit", ref("gift", g.gift), g.person, None, detail))
    return out


def missing_returns(facts: Facts, as_at: dt.date, limits: Limits) -> list[Finding]:
    since = as_at - dt.timedelta(days=limits.return_window_days)
    out = []
    for person in sorted({m.person for m in voting_members(facts, as_at)}):
        if not any(since < r <= as_at for r in facts.returns.get(person, ())):
            detail = f"no annual return after {since} and on or before {as_at}"
            out.append(Finding("missing_return", ref("person", person), person, None, detail))
    return out


def undeclared_posts(facts: Facts, as_at: dt.date) -> list[Finding]:
    """A post held on D at an organisation other than one of the person's bodies' own."""
    body_orgs: dict[str, set[str]] = {}
    for m in voting_members(facts, as_at):
        body_orgs.setdefault(m.person, set()).add(m.body_org)
    declared = {(i.person, i.org) for i in interests_in_force(facts, as_at) if i.org}
    titles: dict[tuple[str, str], str] = {}
    for p in facts.posts:
        orgs = body_orgs.get(p.person)
        if orgs and orgs - {p.org} and (p.person, p.org) not in declared and p.in_force_on(as_at):
            titles.setdefault((p.person, p.org), p.title)
    out = []
    for (person, org), title in sorted(titles.items()):
        detail = f"holds the post '{title}' at {ref('org', org)} and no interest in force names it"
        out.append(Finding("undeclared_post", ref("person", person), person, org, detail))
    return out


def analyse(facts: Facts, as_at: dt.date, limits: Limits | None = None) -> list[Finding]:
    limits = limits or Limits()
    found = [
        *late_declarations(facts, as_at, limits),
        *gifts_over_limit(facts, as_at, limits),
        *missing_returns(facts, as_at, limits),
        *undeclared_posts(facts, as_at),
    ]
    return sorted(found, key=Finding.sort_key)


def load_facts(as_at: dt.date, *, published: bool = False, people=None) -> Facts:
    """The registers as declared by D and who sits where on D; five queries (seven
    with what the published register adds: names and delegations). With `people`, only
    their rows: every finding is about one person's own rows, so the findings are those
    of the whole register about them."""
    from django.db.models import Q

    from pathfinder.governance.models import Delegation, Membership
    from pathfinder.interests.models import AnnualReturn, Gift, Interest
    from pathfinder.people.models import Person, Post

    def only(qs):
        return qs if people is None else qs.filter(person_id__in=sorted(people))

    facts = Facts()
    facts.interests = interest_rows(only(Interest.objects.filter(declared_on__lte=as_at)))
    facts.gifts = [
        GiftRow(*r)
        for r in only(
            Gift.objects.filter(Q(offered_on__lte=as_at) | Q(declared_on__lte=as_at))
        ).values_list(
            "gift_id", "person_id", "kind", "value", "offered_on", "accepted", "declared_on"
        )
    ]
    members = only(Membership.objects.in_force(as_at).filter(voting=True))
    facts.members = membership_rows(members)
    member_ids = members.values("person_id")
    facts.posts = post_rows(Post.objects.in_force(as_at).filter(person_id__in=member_ids))
    since = as_at - dt.timedelta(days=Limits.from_settings().return_window_days)
    for person, returned_on in only(
        AnnualReturn.objects.filter(returned_on__gt=since, returned_on__lte=as_at)
    ).values_list("person_id", "returned_on"):
        facts.returns.setdefault(person, []).append(returned_on)
    if published:
        facts.names = dict(
            Person.objects.filter(person_id__in=member_ids).values_list("person_id", "name")
        )
        facts.delegated_bodies = {
            d.removeprefix("body:")
            for d in Delegation.objects.in_force(as_at)
            .filter(delegate__startswith="body:")
            .values_list("delegate", flat=True)
        }
    return facts


def finding_json(f: Finding) -> dict:
    return {
        "finding": f.finding,
        "subject": f.subject,
        "person": ref("person", f.person),
        "org": ref("org", f.org) if f.org else None,
        "detail": f.detail,
    }


def report(as_at: dt.date) -> dict:
    """Register checks as at D (CLI `register --as-at D`)."""
    limits = Limits.from_settings()
    findings = analyse(load_facts(as_at), as_at, limits)
    return {"as_at": as_at.isoformat(), "findings": [finding_json(f) for f in findings]}
