"""Importing NHS Organisation Data Service (ODS) extracts into the organisation registry.

Three headerless 27-column layouts are understood, recognised from their content:
`epraccur` (GP practices and other prescribing cost centres, also the `egpam`
amendments), `eccg` (CCGs, sub-ICB locations, commissioning hubs) and `etr`/`etrust`
(NHS trusts, and in `etrust` their sites). A `.zip` holding one such CSV is read too.

Reading and planning are pure: `read_rows`, `detect`, `parse` and `plan` compare the
file with a snapshot of the database and say what to create and what to change. The
audited write is `organisations.actions.apply_ods_import`. See docs/decisions/0040.
"""

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pathfinder.core.errors import UserError
from pathfinder.core.refs import is_code

WIDTH = 27
MIN_WIDTH = 12
NAME_MAX = 300
CHUNK = 500

# Column positions (0-based) of the ODS 27-field layout.
CODE, NAME, OPENED, CLOSED = 0, 1, 10, 11
SUB_TYPE, COMMISSIONER, JOINED, LEFT = 13, 14, 15, 16
GOR, SETTING = 23, 25

PRACTICE_SETTING = "4"
# Walk-in centres, out-of-hours, community health, hospitals, optometry, urgent care
# and hospices provide care; public health, care homes and the justice estate are other.
PROVIDER_SETTINGS = frozenset({"1", "2", "3", "9", "10", "11", "12", "13"})
PRACTITIONER_SUB_TYPES = frozenset({"O", "P"})
ORGANISATION_SUB_TYPES = frozenset({"B", "Z"})

# eccg role codes: RO318 integrated care board, RO319 sub-ICB location (the former
# CCG's code), RO218 NHS England commissioning hub, RO327 sub-ICB reporting entity.
ROLE_ICB, ROLE_SUB_ICB, ROLE_HUB, ROLE_REPORTING = "RO318", "RO319", "RO218", "RO327"

Progress = Callable[..., None]


@dataclass(frozen=True)
class OrgRow:
    code: str
    name: str
    kind: str
    statutory: bool
    opened: dt.date | None
    closed: dt.date | None


@dataclass(frozen=True)
class LinkRow:
    parent: str
    child: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True)
class ExistingLink:
    id: int
    parent: str
    child: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class Parsed:
    file_type: str
    orgs: list[OrgRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    unknown_parent: int = 0

    @property
    def vintage(self) -> dt.date | None:
        """The latest date the file mentions: roughly when it was extracted."""
        dates = [d for o in self.orgs for d in (o.opened, o.closed) if d]
        dates += [d for w in self.links for d in (w.valid_from, w.valid_to) if d]
        return max(dates, default=None)


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


# ---------------------------------------------------------------- reading


def read_rows(path: str | Path) -> tuple[str, list[list[str]], str]:
    """The file's name, its rows padded to 27 fields, and the SHA-256 of its bytes."""
    import csv

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror or e}") from None
    digest = hashlib.sha256(data).hexdigest()
    name = path.name
    if zipfile.is_zipfile(io.BytesIO(data)):
        name, data = _only_csv_in_zip(path, data)
    text = _decode(data)
    rows = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < MIN_WIDTH:
            raise UserError(
                f"{name} line {n}: {len(row)} fields; an ODS extract has {WIDTH} "
                "(is this an ODS epraccur, eccg or etr file?)"
            )
        rows.append([cell.strip() for cell in row] + [""] * (WIDTH - len(row)))
    if rows and _looks_like_header(rows[0]):
        rows = rows[1:]
    if not rows:
        raise UserError(f"{name} holds no rows")
    return name, rows, digest


def _only_csv_in_zip(path: Path, data: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [
            m for m in z.namelist() if m.lower().endswith(".csv") and not m.startswith("__MACOSX/")
        ]
        if len(members) != 1:
            found = ", ".join(members) or "none"
            raise UserError(f"{path.name} should hold exactly one CSV file (found: {found})")
        return Path(members[0]).name, z.read(members[0])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older ODS releases are Windows-1252.
        return data.decode("cp1252", errors="replace")


def _looks_like_header(row: list[str]) -> bool:
    return not is_code(row[CODE]) and not re.fullmatch(r"\d{8}", row[OPENED])


# ---------------------------------------------------------------- detecting


def row_type(row: list[str]) -> str | None:
    """Which layout one row looks like; None when it gives no sign."""
    if row[SUB_TYPE] in ORGANISATION_SUB_TYPES | PRACTITIONER_SUB_TYPES or row[SETTING].isdigit():
        return "epraccur"
    if re.fullmatch(r"[A-Z]", row[GOR]):
        return "etr"
    role = row[SUB_TYPE]
    if role == "C" or role.startswith("RO") or re.fullmatch(r"\d\d[A-Z]", row[CODE]):
        return "eccg"
    return None


def detect(rows: list[list[str]], name: str = "the file") -> str:
    votes = Counter(t for t in map(row_type, rows[:2000]) if t)
    if votes:
        kind, n = votes.most_common(1)[0]
        if n * 2 > sum(votes.values()):
            return kind
    raise UserError(
        f"{name} is not an ODS extract this command knows (epraccur, eccg or etr): "
        "expected headerless rows of 27 fields"
    )


# ---------------------------------------------------------------- parsing


def ods_date(text: str) -> dt.date | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(f"not a YYYYMMDD date: {text!r}")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def parse(
    file_type: str,
    rows: list[list[str]],
    *,
    known_codes: set[str] | frozenset[str] = frozenset(),
    known_trusts: set[str] | frozenset[str] = frozenset(),
) -> Parsed:
    """Organisations and links described by the rows. `known_codes` are codes already in
    the database (commissioners a practice may belong to); `known_trusts` are trust codes
    already there (parents of `etrust` sites)."""
    parsed = Parsed(file_type)
    if file_type == "etr":
        known_trusts = set(known_trusts) | {r[CODE] for r in rows if len(r[CODE]) == 3}
    for n, row in enumerate(rows, start=1):
        try:
            org = _organisation(file_type, row, known_trusts)
        except ValueError as e:
            parsed.rejected.append(f"row {n} ({row[CODE]}): {e}")
            continue
        if org is None:
            parsed.skipped += 1
            continue
        parsed.orgs.append(org)
        link = _link(file_type, row, org)
        if link is not None:
            parsed.links.append(link)
    in_file = {o.code for o in parsed.orgs}
    known = in_file | set(known_codes)
    kept = []
    for link in parsed.links:
        if link.parent in known:
            kept.append(link)
        else:
            parsed.unknown_parent += 1
    parsed.links = kept
    return parsed


def _organisation(file_type: str, row: list[str], trusts) -> OrgRow | None:
    code, name = row[CODE], row[NAME]
    if file_type == "epraccur" and row[SUB_TYPE] in PRACTITIONER_SUB_TYPES:
        return None  # a GP practitioner record in the amendments file, not an organisation
    if not is_code(code):
        raise ValueError("not a valid organisation code")
    if not name:
        raise ValueError("no name")
    if len(name) > NAME_MAX:
        raise ValueError(f"name longer than {NAME_MAX} characters")
    opened, closed = ods_date(row[OPENED]), ods_date(row[CLOSED])
    if opened and closed and closed < opened:
        raise ValueError("closed before it opened")
    if file_type == "epraccur":
        kind, statutory = _prescribing_kind(row[SETTING]), False
    elif file_type == "eccg":
        kind, statutory = _commissioning_kind(row[SUB_TYPE])
    else:
        site = len(code) == 5 and code[:3] in trusts
        kind, statutory = ("provider", False) if site else ("trust", True)
    return OrgRow(code, name, kind, statutory, opened, closed)


def _prescribing_kind(setting: str) -> str:
    if setting == PRACTICE_SETTING:
        return "practice"
    return "provider" if setting in PROVIDER_SETTINGS else "other"


def _commissioning_kind(role: str) -> tuple[str, bool]:
    roles = set(role.split("|"))
    if ROLE_ICB in roles:
        return "icb", True
    if ROLE_HUB in roles:
        return "support_unit", False
    if ROLE_REPORTING in roles and ROLE_SUB_ICB not in roles:
        return "other", False
    # An empty role (a CCG closed before roles were given), "C" (older files) or a
    # sub-ICB location: the CCG and the code it left behind.
    return "ccg", True


def _link(file_type: str, row: list[str], org: OrgRow) -> LinkRow | None:
    if file_type == "epraccur" and org.kind == "practice" and row[COMMISSIONER]:
        joined = ods_date(row[JOINED]) or org.opened
        left = ods_date(row[LEFT])
        if joined is None or (left is not None and left < joined):
            return None
        return LinkRow(row[COMMISSIONER], org.code, "member_practice", joined, left)
    if file_type == "etr" and org.kind == "provider" and org.opened:
        return LinkRow(org.code[:3], org.code, "hosts", org.opened, org.closed)
    return None


# ---------------------------------------------------------------- planning


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
