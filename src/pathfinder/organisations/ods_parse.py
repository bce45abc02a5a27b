"""The organisations and links an ODS extract describes, row by row; no database."""

import datetime as dt
import re
from dataclasses import dataclass, field

from pathfinder.core.refs import is_code
from pathfinder.organisations.ods_read import (
    CLOSED,
    CODE,
    COMMISSIONER,
    JOINED,
    LEFT,
    NAME,
    OPENED,
    PRACTITIONER_SUB_TYPES,
    SETTING,
    SUB_TYPE,
)

NAME_MAX = 300
PRACTICE_SETTING = "4"
# Walk-in centres, out-of-hours, community health, hospitals, optometry, urgent care
# and hospices provide care; public health, care homes and the justice estate are other.
PROVIDER_SETTINGS = frozenset({"1", "2", "3", "9", "10", "11", "12", "13"})

# eccg role codes: RO318 integrated care board, RO319 sub-ICB location (the former
# CCG's code), RO218 NHS England commissioning hub, RO327 sub-ICB reporting entity.
ROLE_ICB, ROLE_SUB_ICB, ROLE_HUB, ROLE_REPORTING = "RO318", "RO319", "RO218", "RO327"


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
