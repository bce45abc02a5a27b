"""Audited writes to the organisation registry."""

from django.db import connection, transaction

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

    refresh_below()
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


def refresh_below() -> None:
    """Rebuild the derived closure `Below` from the organisations and their "below"
    relationships (core/scope.py BELOW_KINDS): one recursive statement."""
    from pathfinder.core.scope import BELOW_KINDS
    from pathfinder.organisations.models import Below, Organisation, Relationship

    q = connection.ops.quote_name
    below, orgs, rels = (q(m._meta.db_table) for m in (Below, Organisation, Relationship))
    kinds = ", ".join(["%s"] * len(BELOW_KINDS))
    with connection.cursor() as c:
        c.execute(f"DELETE FROM {below}")  # noqa: S608 - the model's own table
        c.execute(
            f"""
            WITH RECURSIVE walk(ancestor, code) AS (
                SELECT o.code, o.code FROM {orgs} o
                UNION
                SELECT w.ancestor, r.child_id FROM {rels} r JOIN walk w ON r.parent_id = w.code
                WHERE r.kind IN ({kinds})
            )
            INSERT INTO {below} (ancestor, code) SELECT ancestor, code FROM walk
            """,  # noqa: S608 - names are the models' own, values are parameters
            list(BELOW_KINDS),
        )


class BelowTally:
    """Keeps `Below` in step with a load of relationships (packages/columns.py `tally`):
    nothing to count per row; the closure is rebuilt once the rows are written."""

    rebuilds = True  # save() reads the tables, not the rows added: once per load will do

    def __init__(self, columns: list[str]):
        self.totals: dict = {}

    def add(self, rows: list) -> None:
        pass

    def merge(self, totals: dict) -> None:
        pass

    def save(self) -> None:
        refresh_below()

    @staticmethod
    def clear() -> None:
        from pathfinder.organisations.models import Below

        with connection.cursor() as c:
            c.execute(f"DELETE FROM {connection.ops.quote_name(Below._meta.db_table)}")  # noqa: S608
