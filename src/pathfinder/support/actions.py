"""Writes of the support programme: booking a place and marking attendance.

Each action is one audited transaction. Booking locks the session row first, so two
bookings racing for the last place are taken one after the other and the second sees
the session full (docs/decisions/0121-booking-a-place.md).
"""

from django.db import transaction

from pathfinder.core import actions
from pathfinder.core.effective import in_force_q
from pathfinder.core.errors import NotFound, UserError
from pathfinder.core.jinja import long_date


class SessionFull(UserError):
    """Every place of the session is booked."""


class AlreadyBooked(UserError):
    """The person already has a place on the session."""


def full_message(session) -> str:
    return (
        f"This session on {long_date(session.date)} is full: all {session.capacity} "
        f"places are booked. Choose another session."
    )


def is_member(person_id: str, org_code: str, on) -> bool:
    """The person holds a post on `on` at the organisation or at one below it
    (a GP partner of a member practice books for the consortium)."""
    from pathfinder.core.scope import organisations_below
    from pathfinder.people.models import Post

    return (
        Post.objects.filter(in_force_q(on), person_id=person_id)
        .filter(org_id__in=organisations_below({org_code}))
        .exists()
    )


@transaction.atomic
def book_place(*, session_id: str, person_id: str, org_code: str, by):
    """Book one place on a session for a person of an organisation."""
    from pathfinder.support.models import SupportBooking, SupportSession

    # select_for_update locks the row on PostgreSQL; SQLite's IMMEDIATE transactions
    # already hold the write lock from the start, so the count below cannot go stale.
    session = SupportSession.objects.select_for_update().filter(session_id=session_id).first()
    if session is None:
        raise NotFound(f"No support session {session_id}")
    booked = SupportBooking.objects.filter(session_id=session_id).count()
    if booked >= session.capacity:
        raise SessionFull(full_message(session))
    if SupportBooking.objects.filter(session_id=session_id, person_id=person_id).exists():
        raise AlreadyBooked("This person already has a place on this session.")
    if not is_member(person_id, org_code, session.date):
        raise UserError(
            f"This person holds no post at {org_code} (or a practice below it) on "
            f"{long_date(session.date)}, so cannot take a place for it."
        )
    return actions.create(
        SupportBooking,
        by=by,
        session=session,
        person_id=person_id,
        org_id=org_code,
        attended=None,
    )


@transaction.atomic
def mark_attendance(
    *,
    session_id: str,
    attended: dict[int, bool | None],
    by,
    expected_versions: dict[int, int | None] | None = None,
) -> int:
    """Record who came: booking id -> attended (None: not yet known). Returns how many
    bookings changed; unchanged bookings are not rewritten. With `expected_versions`
    (booking id -> the version the register was read at), a booking changed since is
    refused with StaleVersion and none is written."""
    from pathfinder.support.models import SupportBooking

    bookings = {
        b.pk: b
        for b in SupportBooking.objects.select_for_update().filter(
            session_id=session_id, pk__in=list(attended)
        )
    }
    unknown = set(attended) - set(bookings)
    if unknown:
        raise UserError("Some of those bookings are not on this session.")
    changed = 0
    for pk, value in attended.items():
        booking = bookings[pk]
        if booking.attended != value:
            read_at = None if expected_versions is None else expected_versions.get(pk) or 0
            what = f"the booking of {booking.person_id} for {booking.org_id}"
            actions.update(booking, by=by, expected_version=read_at, what=what, attended=value)
            changed += 1
    return changed
