"""Who may be recorded as attending a meeting. The record itself is written by
`governance.actions.record_attendance`."""

from pathfinder.core.effective import in_force_q


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
