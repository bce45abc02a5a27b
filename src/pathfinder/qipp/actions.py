"""Audited writes to QIPP schemes: a scheme, its plan and delivery month by month, and
its sign-off by a body. Each goes through `core.actions` (validated, audited, one
transaction). Whether a sign-off makes the scheme owned is the analysis's to say
(qipp/delivery.py, RULES.md §5), not the write's.

The package loader writes schemes and savings in bulk (docs/decisions/0126); these are
the writes of one row at a time.
"""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from pathfinder.core import actions
from pathfinder.qipp.models import QippSaving, QippScheme

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def add_scheme(*, by, **fields) -> QippScheme:
    """A scheme: `scheme_id`, `org_id`, `name`, `domain`, `financial_year`, and optionally
    its `lead_person_id`."""
    return actions.create(QippScheme, by=by, **fields)


@transaction.atomic
def record_month(
    scheme: QippScheme,
    *,
    by,
    month: str,
    planned: Decimal,
    delivered: Decimal | None = None,
    expected_version: int | None = None,
) -> QippSaving:
    """The plan and (once known) the delivery of `scheme` in `month` ('YYYY-MM'): a new
    month is added, a month already recorded is changed (if still at `expected_version`
    when given)."""
    if not MONTH.fullmatch(month):
        raise ValidationError({"month": f"a month is written YYYY-MM, not {month!r}"})
    saving = QippSaving.objects.filter(scheme=scheme, month=month).first()
    values = {"planned": planned, "delivered": delivered}
    if saving is None:
        return actions.create(QippSaving, by=by, scheme=scheme, month=month, **values)
    what = f"{scheme.pk} {month}"
    return actions.update(saving, by=by, expected_version=expected_version, what=what, **values)


def sign_off(
    scheme: QippScheme, *, by, body_id: str, on: dt.date, expected_version: int | None = None
) -> QippScheme:
    """Record that `body_id` signed the scheme off on `on`."""
    return actions.update(
        scheme,
        by=by,
        expected_version=expected_version,
        what=f"scheme {scheme.pk}",
        signed_off_by_id=body_id,
        signed_off_on=on,
    )
