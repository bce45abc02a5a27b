"""Refusing lost updates: the version a row was read at, and the check before a write.

A row's version is the id of its latest audit event (0 while it has none, as loaded
from a package). A form or API client that reads a row carries that number back; a
write against a row whose version has moved on since is refused, naming who changed
what, and nothing is written (docs/decisions/0144-no-lost-updates.md). Every audited
write records an event, so no extra column or migration is needed.
"""

from django.db.models import Max
from django.utils import timezone

from pathfinder.core.errors import UserError
from pathfinder.core.models import AuditEvent

SHOWN_FIELDS = 4


class StaleVersion(UserError):
    """The row changed after the page or client read it; `changes` are the audit events
    since then, oldest first."""

    def __init__(self, message: str, changes: list[AuditEvent]):
        super().__init__(message)
        self.changes = changes


def _key(obj) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


def version_of(obj) -> int:
    model, object_id = _key(obj)
    found = AuditEvent.objects.filter(model=model, object_id=object_id).aggregate(v=Max("id"))
    return found["v"] or 0


def versions_of(objs) -> dict:
    """pk -> version for several rows of one model, in one query."""
    objs = list(objs)
    if not objs:
        return {}
    model = objs[0]._meta.label
    latest = dict(
        AuditEvent.objects.filter(model=model, object_id__in=[str(o.pk) for o in objs])
        .values("object_id")
        .annotate(v=Max("id"))
        .values_list("object_id", "v")
    )
    return {o.pk: latest.get(str(o.pk), 0) for o in objs}


def parse_version(raw) -> int | None:
    """A version as posted or sent: digits, optionally in quotes (an ETag); else None."""
    text = str(raw or "").strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() else None


def etag(version: int) -> str:
    return f'"{version}"'


def _what_changed(event: AuditEvent) -> str:
    before, after = event.before or {}, event.after or {}
    if event.operation != "update":
        return event.operation
    moved = [k for k in after if before.get(k) != after.get(k)]
    parts = [
        f"{k.replace('_', ' ')} {_shown(before.get(k))} → {_shown(after.get(k))}" for k in moved
    ]
    if len(parts) > SHOWN_FIELDS:
        parts = parts[:SHOWN_FIELDS] + [f"and {len(parts) - SHOWN_FIELDS} more"]
    return ", ".join(parts) or "saved with no change"


def _when_and_who(event: AuditEvent) -> str:
    at = timezone.localtime(event.at)
    return f"{event.actor.removeprefix('user:')} at {at:%H:%M} on {at.day} {at:%B %Y}"


def _shown(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "empty" if value in (None, "") else str(value)


def check(obj, expected: int | None, *, what: str = "") -> None:
    """Refuse with StaleVersion when `obj` has changed since version `expected`.

    Call inside the write's transaction, after locking the row, so no change can slip
    in between the check and the write. `expected` None means the caller is a job that
    read the row itself (an upload's progress), not a person's form."""
    if expected is None:
        return
    model, object_id = _key(obj)
    since = list(
        AuditEvent.objects.filter(model=model, object_id=object_id, id__gt=expected).order_by("id")
    )
    if not since:
        return
    name = what or f"{obj._meta.verbose_name} {obj.pk}"
    changes = "; ".join(f"{_when_and_who(e)}: {_what_changed(e)}" for e in since)
    raise StaleVersion(
        f"{name[:1].upper()}{name[1:]} was changed after you opened it ({changes}). "
        "Nothing was saved: open it again to see the change, then make yours.",
        since,
    )


def lock(obj):
    """The row again, locked for the rest of the transaction (PostgreSQL; SQLite's
    writer lock serialises writes)."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)
