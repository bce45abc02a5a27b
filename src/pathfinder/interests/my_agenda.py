"""A member's own upcoming agenda items on which they have a conflict of interest."""

import datetime as dt
from dataclasses import dataclass

from pathfinder.governance.agenda import AgendaItem, ParticipantRow, load_agendas
from pathfinder.governance.meeting_batch import load_meetings_facts


@dataclass(frozen=True)
class MyItem:
    meeting: str
    date: dt.date
    body_name: str
    item: AgendaItem
    me: ParticipantRow


def my_conflicted_items(person_id: str, as_at: dt.date) -> list[MyItem]:
    """Decisions at meetings on or after D of bodies the person sits on with a vote."""
    from pathfinder.governance.models import Meeting, Membership

    bodies = Membership.objects.filter(person_id=person_id, voting=True).values("body_id")
    meetings = Meeting.objects.filter(body_id__in=bodies, date__gte=as_at)
    out = []
    for agenda in load_agendas(load_meetings_facts(meetings)):
        for item in agenda.items:
            for p in item.conflicted:
                if p.person == person_id:
                    out.append(MyItem(agenda.meeting, agenda.date, agenda.body_name, item, p))
    return out
