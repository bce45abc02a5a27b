"""The board pack of body B as at date D as typed sections, in a board secretary's order
(docs/decisions/0131). Each section module reads with the analysis the CLI, the API and
the pages call and keeps what B's scope covers; the templates only format."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pathfinder.core.errors import NotFound, UserError


@dataclass(frozen=True)
class Section:
    key: str  # the anchor and the template `reports/pack_<key>.html`
    title: str
    data: object


@dataclass(frozen=True)
class MeetingRef:
    meeting: str
    date: dt.date


@dataclass
class Context:
    """What every section starts from: B, its organisation, D and the scope of B's
    organisation (it and those below it)."""

    body: str
    body_name: str
    body_kind: str
    org: str
    org_name: str
    org_kind: str
    org_statutory: bool
    as_at: dt.date
    scope: set[str]
    meeting: MeetingRef | None  # B's next meeting on or after D
    last_meeting: MeetingRef | None  # B's latest meeting before D
    names: dict[str, str] = field(default_factory=dict)  # organisation code -> name
    people: dict[str, str] = field(default_factory=dict)  # B's members -> their names
    voting: set[str] = field(default_factory=set)  # B's voting members on the meeting's day
    cache: dict = field(default_factory=dict)  # what two sections read once

    @property
    def members(self) -> set[str]:
        return set(self.people)

    def register_facts(self):
        """The registers (§3) of B's members as at D, read once for two sections."""
        from pathfinder.interests.register import load_facts

        if "register" not in self.cache:
            self.cache["register"] = load_facts(self.as_at, people=self.members)
        return self.cache["register"]

    def org_names(self, codes) -> dict[str, str]:
        """Names of organisations outside B's scope too (counterparties): one query for
        those not yet known."""
        from pathfinder.organisations.models import Organisation

        missing = sorted(set(codes) - set(self.names))
        if missing:
            self.names.update(
                Organisation.objects.filter(code__in=missing).values_list("code", "name")
            )
        return self.names

    @property
    def meeting_date(self) -> dt.date:
        return self.meeting.date if self.meeting else self.as_at


@dataclass
class Pack:
    context: Context
    sections: list[Section]

    @property
    def title(self) -> str:
        when = self.context.meeting.date if self.context.meeting else self.context.as_at
        return f"{self.context.body_name}: board pack, {when.day} {when:%B %Y}"


def load_context(body_id: str, as_at: dt.date) -> Context:
    from django.db.models import Q

    from pathfinder.core.effective import is_in_force
    from pathfinder.core.scope import organisations_below
    from pathfinder.governance.models import Body, Meeting, Membership
    from pathfinder.organisations.models import Organisation

    row = (
        Body.objects.filter(pk=body_id)
        .values("name", "kind", "org_id", "org__name", "org__kind", "org__statutory")
        .first()
    )
    if row is None:
        raise NotFound(f"no body with id {body_id!r}")
    if not Membership.objects.in_force(as_at).filter(body_id=body_id).exists():
        raise UserError(
            f"body {body_id!r} has no members on {as_at.isoformat()}: there is no data "
            "for a board pack on that date"
        )
    meetings = Meeting.objects.filter(body_id=body_id).order_by("date", "meeting_id")
    nxt = meetings.filter(date__gte=as_at).values_list("meeting_id", "date").first()
    last = (
        meetings.filter(date__lt=as_at)
        .order_by("-date", "-meeting_id")
        .values_list("meeting_id", "date")
        .first()
    )
    scope = organisations_below({row["org_id"]})
    names = dict(Organisation.objects.filter(code__in=sorted(scope)).values_list("code", "name"))
    on = nxt[1] if nxt else as_at
    people, voting = {}, set()
    for person, name, is_voting, vf, vt in (
        Membership.objects.filter(body_id=body_id)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=min(as_at, on)))
        .filter(valid_from__lte=on)
        .values_list("person_id", "person__name", "voting", "valid_from", "valid_to")
    ):
        if is_in_force(vf, vt, as_at) or is_in_force(vf, vt, on):
            people[person] = name
        if is_voting and is_in_force(vf, vt, on):
            voting.add(person)
    return Context(
        body=body_id,
        body_name=row["name"],
        body_kind=row["kind"],
        org=row["org_id"],
        org_name=row["org__name"],
        org_kind=row["org__kind"],
        org_statutory=row["org__statutory"],
        as_at=as_at,
        scope=scope,
        meeting=MeetingRef(*nxt) if nxt else None,
        last_meeting=MeetingRef(*last) if last else None,
        names=names,
        people=people,
        voting=voting,
    )


Progress = Callable[[str, int], None]


def build_pack(body_id: str, as_at: dt.date, progress: Progress | None = None) -> Pack:
    """Every section of B's pack as at D; `progress` hears each section as it starts."""
    from pathfinder.reports.sections import meeting, money, oversight, risk

    ctx = load_context(body_id, as_at)
    builders = [
        ("Attendance and quorum", meeting.attendance),
        ("Declarations of interest", meeting.declarations),
        ("Agenda", meeting.agenda),
        ("Finance", money.finance),
        ("QIPP", money.qipp),
        ("Risk", risk.risk),
        ("Accountability", oversight.accountability),
        ("Registers", oversight.register),
        ("Support and readiness", oversight.support),
        ("Decisions log", oversight.decisions),
    ]
    sections = []
    for i, (what, build) in enumerate(builders):
        if progress:
            progress(what, 5 + 80 * i // len(builders))
        section = build(ctx)
        if section is not None:
            sections.append(section)
    return Pack(ctx, sections)
