"""Importing NHS Organisation Data Service (ODS) extracts into the organisation registry.

The layouts understood are described in `ods_read`.

Reading and planning are pure: `ods_read.read_rows` and `detect`, `ods_parse.parse`
and `ods_plan.plan` compare the file with a snapshot of the database and say what to
create and what to change. The audited write is
`organisations.actions.apply_ods_import`. See docs/decisions/0040.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from pathfinder.organisations.ods_parse import OrgRow, parse
from pathfinder.organisations.ods_plan import ExistingLink, plan
from pathfinder.organisations.ods_read import CODE, COMMISSIONER, detect, read_rows

CHUNK = 500


Progress = Callable[..., None]


def import_ods(path, *, by, progress: Progress | None = None) -> dict:
    """Import one ODS extract; return counts of what was created, updated and unchanged."""
    from pathfinder.organisations.actions import apply_ods_import

    report = progress or (lambda *a, **k: None)
    name, rows, digest = read_rows(path)
    file_type = detect(rows, name)
    report(f"{file_type}: read", len(rows), len(rows))
    codes = {r[CODE] for r in rows}
    parents = {r[COMMISSIONER] for r in rows} if file_type == "epraccur" else set()
    if file_type == "etr":
        parents |= {c[:3] for c in codes if len(c) == 5}
    existing_orgs = _existing_orgs(codes | parents)
    known_trusts = {c for c, o in existing_orgs.items() if o.kind == "trust" and len(c) == 3}
    parsed = parse(file_type, rows, known_codes=set(existing_orgs), known_trusts=known_trusts)
    existing_links = _existing_links({o.code for o in parsed.orgs})
    the_plan = plan(parsed, existing_orgs, existing_links)
    counts = {
        "file_type": file_type,
        "rows": len(rows),
        "organisations_created": len(the_plan.create_orgs),
        "organisations_updated": len(the_plan.update_orgs),
        "organisations_unchanged": the_plan.unchanged_orgs,
        "relationships_created": len(the_plan.create_links),
        "relationships_updated": len(the_plan.update_links),
        "relationships_unchanged": the_plan.unchanged_links,
        "unknown_commissioner": parsed.unknown_parent,
        "skipped": parsed.skipped,
        "rejected": len(parsed.rejected),
    }
    counts.update({f"kind_{k}": v for k, v in sorted(Counter(o.kind for o in parsed.orgs).items())})
    if the_plan.changes:
        apply_ods_import(
            the_plan,
            by=by,
            source=name,
            summary={**counts, "sha256": digest, "rejected_rows": parsed.rejected[:20]},
            progress=report,
        )
    return counts


def _chunks(items: Iterable, size: int = CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _existing_orgs(codes: set[str]) -> dict[str, OrgRow]:
    from pathfinder.organisations.models import Organisation

    out = {}
    fields = ("code", "name", "kind", "statutory", "opened", "closed")
    for chunk in _chunks(sorted(codes)):
        for values in Organisation.objects.filter(code__in=chunk).values_list(*fields):
            out[values[0]] = OrgRow(*values)
    return out


def _existing_links(children: set[str]) -> list[ExistingLink]:
    from pathfinder.organisations.models import Relationship

    out = []
    fields = ("id", "parent_id", "child_id", "kind", "valid_from", "valid_to")
    for chunk in _chunks(sorted(children)):
        rows = Relationship.objects.filter(
            child_id__in=chunk, kind__in=("member_practice", "hosts")
        ).values_list(*fields)
        out.extend(ExistingLink(*values) for values in rows)
    return out
