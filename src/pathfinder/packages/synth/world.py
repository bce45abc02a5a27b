"""The world a synthetic package is built in: its dates, organisations, bodies and people.

Every generator reads and extends one `World`; `rows` holds each table's rows as they
are made.
"""

import datetime as dt
from dataclasses import dataclass, field

from pathfinder.packages.synth.names import FIRST, LAST

D = dt.date
PCT_OPENED = D(2006, 10, 1)
SHA_OPENED = D(2006, 7, 1)
FY_START = D(2011, 4, 1)
FY_END = D(2012, 3, 31)
TRANSITION_END = D(2013, 3, 31)
CCG_OPENED = D(2013, 4, 1)


@dataclass
class Org:
    code: str
    name: str
    kind: str
    statutory: bool
    opened: dt.date | None
    closed: dt.date | None = None
    population: int | None = None


@dataclass
class Body:
    body_id: str
    org: Org
    name: str
    kind: str
    quorum_min: int
    quorum_neds_min: int = 0
    quorum_clinicians_min: int = 0
    # (person_id, capacity, voting, valid_from, valid_to)
    members: list = field(default_factory=list)


@dataclass
class World:
    scale: object
    rows: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)  # code -> Org
    kinds: dict = field(default_factory=dict)  # kind -> [Org]
    sha_of: dict = field(default_factory=dict)  # pct code -> sha Org
    cluster_of: dict = field(default_factory=dict)  # pct code -> cluster Org
    pcts_of: dict = field(default_factory=dict)  # consortium code -> [pct Org], first hosts it
    practices_of: dict = field(default_factory=dict)  # consortium code -> [practice Org]
    gps_of: dict = field(default_factory=dict)  # practice code -> [person_id]
    profession: dict = field(default_factory=dict)  # person_id -> profession
    posts_of: dict = field(default_factory=dict)  # person_id -> [(org code, role)]
    staff_of: dict = field(default_factory=dict)  # org code -> [person_id]
    bodies: list = field(default_factory=list)
    bodies_of: dict = field(default_factory=dict)  # org code -> {kind: Body}
    federation_of: dict = field(default_factory=dict)  # practice code -> federation Org
    moved_in: dict = field(default_factory=dict)  # practice code -> day it changed consortium

    def add_org(self, org: Org) -> Org:
        self.orgs[org.code] = org
        self.kinds.setdefault(org.kind, []).append(org)
        self.rows["organisations"].append(
            {
                "code": org.code,
                "name": org.name,
                "kind": org.kind,
                "statutory": org.statutory,
                "population": org.population,
                "opened": org.opened,
                "closed": org.closed,
            }
        )
        return org

    def relate(self, parent: Org, child: Org, kind: str, start, end=None):
        start = max(d for d in (start, parent.opened, child.opened) if d)
        # A successor link starts the day after the old organisation closes.
        ends = [d for d in (end, parent.closed, child.closed) if d and kind != "successor"]
        end = min(ends) if ends else None
        self.rows["relationships"].append(
            {
                "parent_code": parent.code,
                "child_code": child.code,
                "kind": kind,
                "valid_from": start,
                "valid_to": end,
            }
        )


class People:
    """Hands out people: ids in creation order, names from the name lists."""

    def __init__(self, world: World, rng):
        self.world = world
        self.rng = rng

    def new(self, profession: str) -> str:
        w = self.world
        pid = f"P{len(w.profession) + 1:06d}"
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        title = "Dr " if profession in ("gp", "consultant") else ""
        email = ""
        if self.rng.random() < 0.3:
            email = f"{first}.{last}{len(w.profession) + 1}@nhs.example".lower()
        w.profession[pid] = profession
        w.rows["people"].append(
            {
                "person_id": pid,
                "name": f"{title}{first} {last}",
                "profession": profession,
                "email": email,
            }
        )
        return pid

    def post(self, pid, org: Org, title, role, start, end=None, fte=None, assigned_from=None):
        start = max(start, org.opened) if org.opened else start
        if org.closed and (end is None or end > org.closed):
            end = org.closed
        w = self.world
        w.posts_of.setdefault(pid, []).append((org.code, role))
        w.staff_of.setdefault(org.code, []).append(pid)
        w.rows["posts"].append(
            {
                "person_id": pid,
                "org_code": org.code,
                "title": title,
                "role": role,
                "fte": fte,
                "assigned_from": assigned_from.code if assigned_from else None,
                "valid_from": start,
                "valid_to": end,
            }
        )


def unique_codes(rng, n: int, make) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < n:
        code = make(rng)
        if code not in seen:
            seen.add(code)
            out.append(code)
    return out


def day_between(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def body_of(w: World, org: Org, kind: str) -> Body | None:
    """The body of `org` with the given short kind (BRD, EXE, AUD ...), if it has one."""
    return w.bodies_of.get(org.code, {}).get(kind)
