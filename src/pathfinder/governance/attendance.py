"""Recording who attended a meeting, through audited writes.

Attendance rows carry no dates of their own, so a person recorded by mistake is taken
off the record; the audit trail keeps the row as it was.
"""

from django.db import transaction

from pathfinder.core import actions
from pathfinder.core.audit import record, snapshot
from pathfinder.core.effective import in_force_q
from pathfinder.core.errors import UserError


def eligible(meeting) -> dict[str, str]:
    """person_id -> name of the body's members in force on the meeting's date, voting
    or not, and of anyone already recorded as present."""
    from pathfinder.governance.models import Attendance, Membership

    out = dict(
        Membership.objects.filter(in_force_q(meeting.date), body_id=meeting.body_id).values_list(
            "person_id", "person__name"
        )
    )
    out.update(Attendance.objects.filter(meeting=meeting).values_list("person_id", "person__name"))
    return out


@transaction.atomic
def record_attendance(meeting, person_ids, *, by) -> tuple[int, int]:
    """Make the attendance of `meeting` exactly `person_ids`; (added, removed)."""
    from pathfinder.governance.models import Attendance

    wanted = set(person_ids)
    unknown = wanted - set(eligible(meeting))
    if unknown:
        raise UserError(
            "Only members of the body on the day can be recorded as present: "
            + ", ".join(sorted(unknown))
        )
    present = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    for person in sorted(wanted - set(present)):
        actions.create(Attendance, by=by, meeting=meeting, person_id=person)
    removed = sorted(set(present) - wanted)
    for person in removed:
        row = present[person]
        before = snapshot(row)
        row.delete()
        record(
            by=by,
            operation="delete",
            model=Attendance._meta.label,
            object_id=str(before["id"]),
            before=before,
        )
    return len(wanted - set(present)), len(removed)
