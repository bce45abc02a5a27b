"""Audited writes to governance records: memberships, lines of accountability, the
scheme of delegation, a meeting's decisions and its attendance. Each goes through
`core.actions` (validated, audited, one transaction); ending a row sets its `valid_to`.
Attendance rows carry no dates of their own, so a person recorded by mistake is taken
off the record (removed; the audit trail keeps the row as it was).

A refused write raises django's ValidationError keyed by field, so a form can show
each message beside its field.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from pathfinder.core import actions
from pathfinder.core.errors import UserError
from pathfinder.core.refs import parse_ref
from pathfinder.governance.attendance import eligible
from pathfinder.governance.models import (
    AccountabilityLine,
    Attendance,
    Decision,
    Delegation,
    Membership,
)

LINE_REF_KINDS = ("org", "body", "function")
DELEGATE_REF_KINDS = ("body", "role", "person")


def _dates(valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "The end date must be on or after the start date"})


def _resolves(text: str, kinds: tuple[str, ...], field: str) -> str:
    """A `kind:id` reference to a record that exists (roles are free text)."""
    from pathfinder.governance.models import Body, Function
    from pathfinder.organisations.models import Organisation
    from pathfinder.people.models import Person

    try:
        kind, ident = parse_ref(text.strip(), kinds)
    except ValueError:
        raise ValidationError(
            {field: "Enter a reference like " + ", ".join(f"{k}:CODE" for k in kinds)}
        ) from None
    model = {"org": Organisation, "body": Body, "function": Function, "person": Person}.get(kind)
    if model is not None and not model.objects.filter(pk=ident).exists():
        raise ValidationError({field: f"There is no {kind} with the code {ident}"})
    return f"{kind}:{ident}"


def add_membership(
    *, by, body, person_id: str, capacity: str, voting: bool, valid_from, valid_to=None
) -> Membership:
    from pathfinder.people.models import Person

    if not Person.objects.filter(pk=person_id).exists():
        raise ValidationError({"person_id": f"There is no person with the ID {person_id}"})
    _dates(valid_from, valid_to)
    overlapping = Membership.objects.filter(body=body, person_id=person_id).filter(
        valid_from__lte=valid_to or dt.date.max
    )
    overlapping = [m for m in overlapping if m.valid_to is None or m.valid_to >= valid_from]
    if overlapping:
        raise ValidationError(
            {"person_id": f"{person_id} is already a member of this body for part of that time"}
        )
    return actions.create(
        Membership,
        by=by,
        body=body,
        person_id=person_id,
        capacity=capacity,
        voting=voting,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def end_row(row, *, by, on: dt.date, expected_version: int | None = None):
    """End a membership, line or delegation on `on`, its last day in force; with
    `expected_version`, refused (StaleVersion) when it changed since that was read."""
    what = f"{row._meta.verbose_name} {row.pk}"
    try:
        return actions.end(row, by=by, on=on, expected_version=expected_version, what=what)
    except ValidationError as e:
        messages = e.message_dict.get("valid_to", e.messages)
        raise ValidationError({"valid_to": _sentence(messages[0])}) from None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def add_line(
    *, by, subject: str, holder: str, kind: str, scope: str, valid_from, valid_to=None
) -> AccountabilityLine:
    subject = _resolves(subject, LINE_REF_KINDS, "subject")
    holder = _resolves(holder, LINE_REF_KINDS, "holder")
    if subject == holder:
        raise ValidationError({"holder": "A subject cannot be held to account by itself"})
    _dates(valid_from, valid_to)
    return actions.create(
        AccountabilityLine,
        by=by,
        subject=subject,
        holder=holder,
        kind=kind,
        scope=scope.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def add_delegation(
    *,
    by,
    org,
    decision_type: str,
    delegate: str,
    limit: Decimal | None,
    valid_from,
    valid_to=None,
) -> Delegation:
    delegate = _resolves(delegate, DELEGATE_REF_KINDS, "delegate")
    if limit is not None and limit < 0:
        raise ValidationError({"limit": "The limit must be £0 or more, or left empty"})
    _dates(valid_from, valid_to)
    return actions.create(
        Delegation,
        by=by,
        org=org,
        decision_type=decision_type.strip(),
        delegate=delegate,
        limit=limit,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def add_decision(meeting, *, by, decision_id: str, **fields) -> Decision:
    """A decision on `meeting`'s agenda (type, title, amount, counterparties, outcome)."""
    return actions.create(Decision, by=by, decision_id=decision_id, meeting=meeting, **fields)


@transaction.atomic
def record_attendance(meeting, person_ids, *, by) -> tuple[int, int]:
    """Make the attendance of `meeting` exactly `person_ids`; (added, removed)."""
    wanted = set(person_ids)
    unknown = wanted - set(eligible(meeting))
    if unknown:
        raise UserError(
            "Only members of the body on the day can be recorded as present: "
            + ", ".join(sorted(unknown))
        )
    present = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    added = sorted(wanted - set(present))
    for person in added:
        actions.create(Attendance, by=by, meeting=meeting, person_id=person)
    removed = sorted(set(present) - wanted)
    for person in removed:
        actions.remove(present[person], by=by)
    return len(added), len(removed)
