"""Audited writes to the organisation registry."""

from django.db import transaction

from pathfinder.core.audit import record

BATCH = 1000
ORG_FIELDS = ["name", "kind", "statutory", "opened", "closed"]


@transaction.atomic
def apply_ods_import(plan, *, by, source: str, summary: dict, progress=None) -> None:
    """Write an ODS import plan (`organisations.ods_plan.plan`) in bulk, in one transaction,
    and record one audit event summarising it (docs/decisions/0040)."""
    from pathfinder.core.audit import actor_name
    from pathfinder.organisations.models import Organisation, Relationship

    actor_name(by)  # refuse an anonymous write before touching anything
    report = progress or (lambda *a, **k: None)

    new = [Organisation(**o.__dict__) for o in plan.create_orgs]
    _in_batches(new, Organisation.objects.bulk_create, "organisations created", report)

    changed = [Organisation(**o.__dict__) for o in plan.update_orgs]
    _in_batches(
        changed,
        lambda batch: Organisation.objects.bulk_update(batch, ORG_FIELDS),
        "organisations updated",
        report,
    )

    links = [
        Relationship(
            parent_id=w.parent,
            child_id=w.child,
            kind=w.kind,
            valid_from=w.valid_from,
            valid_to=w.valid_to,
        )
        for w in plan.create_links
    ]
    _in_batches(links, Relationship.objects.bulk_create, "relationships created", report)

    ended = [Relationship(id=pk, valid_to=valid_to) for pk, valid_to in plan.update_links.items()]
    _in_batches(
        ended,
        lambda batch: Relationship.objects.bulk_update(batch, ["valid_to"]),
        "relationships updated",
        report,
    )

    record(
        by=by,
        operation="import",
        model="organisations.Organisation",
        object_id=source,
        after=summary,
    )


def _in_batches(objs: list, write, what: str, report) -> None:
    for start in range(0, len(objs), BATCH):
        write(objs[start : start + BATCH])
        report(what, min(start + BATCH, len(objs)), len(objs))
