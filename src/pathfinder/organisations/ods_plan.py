"""What to create and change so the database says what an ODS extract says; no database.

An extract is a snapshot: it cannot end what closed after it was made, and a practice
belongs to one commissioner at a time whichever file is imported first.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pathfinder.organisations.ods_parse import LinkRow, OrgRow, Parsed


@dataclass(frozen=True)
class ExistingLink:
    id: int
    parent: str
    child: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class Plan:
    create_orgs: list[OrgRow] = field(default_factory=list)
    update_orgs: list[OrgRow] = field(default_factory=list)
    unchanged_orgs: int = 0
    create_links: list[LinkRow] = field(default_factory=list)
    update_links: dict[int, dt.date | None] = field(default_factory=dict)
    unchanged_links: int = 0

    @property
    def changes(self) -> int:
        return (
            len(self.create_orgs)
            + len(self.update_orgs)
            + len(self.create_links)
            + len(self.update_links)
        )


def plan(
    parsed: Parsed,
    existing_orgs: dict[str, OrgRow],
    existing_links: Iterable[ExistingLink],
) -> Plan:
    """What to create and change so the database says what the file says.

    `existing_orgs` holds the database's rows for the file's codes; `existing_links` its
    `member_practice` and `hosts` links whose child is in the file.
    """
    out = Plan()
    vintage = parsed.vintage
    seen: set[str] = set()
    for org in parsed.orgs:
        if org.code in seen:
            continue  # a code listed twice: the first row counts
        seen.add(org.code)
        old = existing_orgs.get(org.code)
        if old is None:
            out.create_orgs.append(org)
            continue
        if old.name.casefold() == org.name.casefold():
            # Keep a name a person has written in mixed case; ODS names are capitals.
            org = replace(org, name=old.name)
        if org.closed is None and _after(old.closed, vintage):
            org = replace(org, closed=old.closed)
        if org == old:
            out.unchanged_orgs += 1
        else:
            out.update_orgs.append(org)
    _plan_links(parsed.links, list(existing_links), vintage, out)
    return out


def _after(end: dt.date | None, vintage: dt.date | None) -> bool:
    """An end the file cannot know about, because it happened after the file was made.

    An extract older than a closure must not reopen what has since closed."""
    return end is not None and vintage is not None and end > vintage


def _plan_links(
    wanted: list[LinkRow], existing: list[ExistingLink], vintage: dt.date | None, out: Plan
) -> None:
    final: dict[int, dt.date | None] = {e.id: e.valid_to for e in existing}
    by_key = {}
    for e in existing:
        by_key.setdefault((e.parent, e.child, e.kind, e.valid_from), e)
    new: dict[tuple, LinkRow] = {}
    for w in wanted:
        key = (w.parent, w.child, w.kind, w.valid_from)
        if key in by_key:
            old = by_key[key]
            if not (w.valid_to is None and _after(old.valid_to, vintage)):
                final[old.id] = w.valid_to
        else:
            new.setdefault(key, w)
    # A practice belongs to one commissioner at a time: a membership left open is
    # ended the day before the practice's next membership starts, whichever file
    # (older or newer) is imported first.
    chains: dict[str, list] = defaultdict(list)
    for e in existing:
        if e.kind == "member_practice":
            chains[e.child].append(("old", e.id, e.valid_from))
    for key, w in new.items():
        if w.kind == "member_practice":
            chains[w.child].append(("new", key, w.valid_from))
    for chain in chains.values():
        starts = sorted({start for *_, start in chain})
        for source, ident, start in chain:
            later = [s for s in starts if s > start]
            if not later:
                continue
            end_by = later[0] - dt.timedelta(days=1)
            if source == "old":
                current = final[ident]
                if current is None or current > end_by:
                    final[ident] = end_by
            else:
                w = new[ident]
                if w.valid_to is None or w.valid_to > end_by:
                    new[ident] = LinkRow(w.parent, w.child, w.kind, w.valid_from, end_by)
    for e in existing:
        if final[e.id] != e.valid_to:
            out.update_links[e.id] = final[e.id]
    wanted_keys = {(w.parent, w.child, w.kind, w.valid_from) for w in wanted}
    out.unchanged_links = sum(
        1 for key, e in by_key.items() if key in wanted_keys and e.id not in out.update_links
    )
    out.create_links = list(new.values())


# ---------------------------------------------------------------- the import
