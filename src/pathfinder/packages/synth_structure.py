"""The structure of a synthetic transition: organisations, people, posts, bodies, members.

PCTs under strategic health authorities are grouped into clusters during 2011; GP
consortia form from member practices, manage budgets delegated by their PCT, are
supported by support units and are succeeded by CCGs in April 2013. Trusts, GP
federations, local authorities and clinical senates complete the picture.
"""

import datetime as dt
from dataclasses import dataclass, field

D = dt.date
PCT_OPENED = D(2006, 10, 1)
SHA_OPENED = D(2006, 7, 1)
FY_START = D(2011, 4, 1)
FY_END = D(2012, 3, 31)
TRANSITION_END = D(2013, 3, 31)
CCG_OPENED = D(2013, 4, 1)

PLACE_A = [
    "Ash",
    "Bram",
    "Castle",
    "Dun",
    "East",
    "Fair",
    "Green",
    "Hart",
    "Kings",
    "Long",
    "Mill",
    "North",
    "Oak",
    "Red",
    "South",
    "Stan",
    "Thorn",
    "West",
    "White",
    "Wood",
    "Brook",
    "Chester",
    "Hol",
    "Mar",
    "New",
    "Sand",
    "Bel",
    "Hay",
    "Elm",
    "Lang",
]
PLACE_B = [
    "ford",
    "ham",
    "ton",
    "field",
    "bury",
    "wick",
    "ley",
    "worth",
    "by",
    "stead",
    "mouth",
    "bridge",
    "well",
    "dale",
    "den",
]
FIRST = [
    "Alice",
    "Brian",
    "Carol",
    "David",
    "Emma",
    "Frank",
    "Grace",
    "Harry",
    "Irene",
    "James",
    "Karen",
    "Laura",
    "Mark",
    "Nina",
    "Oliver",
    "Priya",
    "Quentin",
    "Rachel",
    "Simon",
    "Tessa",
    "Umar",
    "Vera",
    "William",
    "Yasmin",
    "Zoe",
    "Ahmed",
    "Bella",
    "Colin",
    "Deepa",
    "Edward",
    "Fiona",
    "George",
    "Helen",
    "Imran",
    "Joan",
    "Kevin",
    "Linda",
    "Martin",
    "Nadia",
    "Owen",
    "Patricia",
    "Rajesh",
    "Sarah",
    "Thomas",
    "Ursula",
    "Victor",
    "Wendy",
    "Xavier",
    "Yusuf",
    "Anne",
    "Ben",
    "Chloe",
    "Dan",
]
LAST = [
    "Marsh",
    "Okafor",
    "Singh",
    "Lowe",
    "Patel",
    "Hughes",
    "Evans",
    "Clarke",
    "Shah",
    "Wright",
    "Khan",
    "Morgan",
    "Reid",
    "Turner",
    "Ali",
    "Baker",
    "Cooper",
    "Dixon",
    "Ellis",
    "Foster",
    "Gray",
    "Hall",
    "Irwin",
    "Jones",
    "Kelly",
    "Lewis",
    "Mason",
    "Nash",
    "Owens",
    "Price",
    "Quinn",
    "Roberts",
    "Smith",
    "Taylor",
    "Usher",
    "Vaughan",
    "Walker",
    "Young",
    "Adams",
    "Brown",
    "Chapman",
    "Davies",
    "Edwards",
    "Fisher",
    "Green",
    "Harris",
    "Jackson",
    "King",
    "Lee",
    "Murphy",
    "Norris",
    "Oliver",
    "Parker",
    "Rahman",
    "Scott",
    "Thomas",
    "Underwood",
    "Wood",
    "Begum",
    "Chen",
    "Das",
    "Ahmed",
]
STREETS = ["Mill Road", "High Street", "Church Lane", "Station Road", "Park View", "Market Square"]


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


def place(rng) -> str:
    return rng.choice(PLACE_A) + rng.choice(PLACE_B)


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


def build(scale, streams) -> World:
    from pathfinder.packages.schema import TABLES

    world = World(scale=scale, rows={t.name: [] for t in TABLES})
    organisations(world, streams("organisations"))
    people_and_posts(world, streams("people"))
    bodies_and_members(world, streams("bodies"))
    return world


def _alnum(rng, k):
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(k))


def organisations(w: World, rng):
    s = w.scale
    national = w.add_org(Org("NCB", "NHS Commissioning Board", "national", True, D(2012, 10, 1)))
    shas = [
        w.add_org(
            Org(
                f"Q{30 + i}",
                f"NHS {place(rng)} Strategic Health Authority",
                "sha",
                True,
                SHA_OPENED,
                TRANSITION_END,
            )
        )
        for i in range(s.shas)
    ]
    pct_codes = unique_codes(rng, s.pcts, lambda r: "5" + _alnum(r, 2))
    pcts = []
    for i, code in enumerate(pct_codes):
        pct = w.add_org(
            Org(
                code,
                f"NHS {place(rng)}",
                "pct",
                True,
                PCT_OPENED,
                TRANSITION_END,
                rng.randrange(150, 900) * 1000,
            )
        )
        w.sha_of[code] = shas[i * len(shas) // len(pct_codes)]
        pcts.append(pct)
    # Clusters group neighbouring PCTs, formed between June and October 2011.
    for i in range(s.clusters):
        members = pcts[i * len(pcts) // s.clusters : (i + 1) * len(pcts) // s.clusters]
        opened = rng.choice((D(2011, 6, 1), D(2011, 7, 1), D(2011, 10, 1)))
        cl = w.add_org(
            Org(
                f"CL{i + 1:03d}",
                f"{place(rng)} PCT Cluster",
                "cluster",
                False,
                opened,
                TRANSITION_END,
                sum(p.population for p in members),
            )
        )
        for p in members:
            w.cluster_of[p.code] = cl
            w.relate(cl, p, "cluster_member", opened)
    for p in pcts:
        w.relate(w.sha_of[p.code], p, "hosts", PCT_OPENED)
    practice_codes = unique_codes(
        rng, s.practices, lambda r: r.choice("ABCDEFGHJKLMNPY") + f"{r.randrange(100000):05d}"
    )
    practices = []
    for code in practice_codes:
        opened = D(rng.randrange(1948, 2009), rng.randrange(1, 13), 1)
        closed = None
        if rng.random() < 0.01:
            closed = day_between(rng, D(2011, 5, 1), D(2012, 2, 28))
        name = rng.choice(
            (
                f"{rng.choice(STREETS)} Surgery",
                f"{place(rng)} Medical Centre",
                f"The {place(rng)} Practice",
                f"{place(rng)} Health Centre",
            )
        )
        practices.append(
            w.add_org(
                Org(code, name, "practice", False, opened, closed, rng.randrange(2000, 14000))
            )
        )
    # Consortia: pathfinder waves from December 2010 to April 2011.
    consortia = []
    for i in range(s.consortia):
        pct = pcts[i * len(pcts) // s.consortia]
        opened = rng.choice((D(2010, 12, 1), D(2011, 1, 1), D(2011, 3, 1), D(2011, 4, 1)))
        mine = practices[
            i * len(practices) // s.consortia : (i + 1) * len(practices) // s.consortia
        ]
        c = w.add_org(
            Org(
                f"CON{i + 1:03d}",
                f"{place(rng)} Commissioning Consortium",
                "consortium",
                False,
                opened,
                TRANSITION_END,
                sum(p.population for p in mine),
            )
        )
        consortia.append(c)
        w.pcts_of[c.code] = [pct]
        # One consortium in eight straddles a PCT boundary and manages two budgets.
        j = pcts.index(pct)
        if j + 1 < len(pcts) and rng.random() < 0.125:
            w.pcts_of[c.code].append(pcts[j + 1])
        for p in w.pcts_of[c.code]:
            w.relate(p, c, "delegates_budget", FY_START)
        w.practices_of[c.code] = list(mine)
        for pr in mine:
            w.relate(c, pr, "member_practice", opened)
    # A few practices change consortium part way through the year.
    for k in range(1, len(consortia)):
        if rng.random() < 0.3 and len(w.practices_of[consortia[k - 1].code]) > 3:
            pr = w.practices_of[consortia[k - 1].code][-1]
            if pr.closed or pr.code in w.moved_in:
                continue
            moved = day_between(rng, D(2011, 7, 1), D(2012, 1, 1))
            rels = w.rows["relationships"]
            last = next(r for r in reversed(rels) if r["child_code"] == pr.code)
            last["valid_to"] = moved - dt.timedelta(days=1)
            w.relate(consortia[k], pr, "member_practice", moved)
            w.practices_of[consortia[k - 1].code].remove(pr)
            w.practices_of[consortia[k].code].append(pr)
            w.moved_in[pr.code] = moved
    # CCGs from April 2013: neighbouring consortia merge into one.
    n_ccg = max(1, round(len(consortia) * 0.85))
    ccg_codes = unique_codes(
        rng,
        n_ccg,
        lambda r: (
            r.choice("01234678") + r.choice("0123456789") + r.choice("ABCDEFGHJKLMNPQRSTVWXY")
        ),
    )
    ccgs = [
        w.add_org(Org(code, f"NHS {place(rng)} CCG", "ccg", True, CCG_OPENED)) for code in ccg_codes
    ]
    for i, c in enumerate(consortia):
        w.relate(c, ccgs[i * n_ccg // len(consortia)], "successor", CCG_OPENED)
    for i in range(s.trusts):
        kind = rng.choice(
            (
                "Hospitals NHS Foundation Trust",
                "Hospital NHS Trust",
                "Community Health NHS Trust",
                "Mental Health NHS Trust",
            )
        )
        code = f"R{i // 36 + 1}{'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[i % 36]}"
        w.add_org(
            Org(code, f"{place(rng)} {kind}", "trust", True, D(rng.randrange(1991, 2010), 4, 1))
        )
    for i in range(s.federations):
        fed = w.add_org(
            Org(
                f"FED{i + 1:03d}",
                f"{place(rng)} GP Federation",
                "provider",
                False,
                D(rng.randrange(2008, 2012), rng.randrange(1, 13), 1),
            )
        )
        # Federations draw practices from one consortium each.
        c = consortia[i * len(consortia) // s.federations]
        for pr in w.practices_of[c.code][: rng.randrange(2, 6)]:
            if not pr.closed:
                w.federation_of[pr.code] = fed
                w.relate(fed, pr, "partner", fed.opened)
    for i in range(s.support_units):
        su = w.add_org(
            Org(
                f"CSU{i + 1:02d}",
                f"{place(rng)} Commissioning Support Unit",
                "support_unit",
                False,
                D(2011, 10, 1),
                TRANSITION_END,
            )
        )
        for c in consortia[
            i * len(consortia) // s.support_units : (i + 1) * len(consortia) // s.support_units
        ]:
            w.relate(su, c, "supports", su.opened)
    for i in range(s.local_authorities):
        la = w.add_org(
            Org(
                f"E10{i + 1:06d}",
                f"{place(rng)} County Council",
                "local_authority",
                True,
                D(1974, 4, 1),
            )
        )
        w.relate(la, pcts[i * len(pcts) // s.local_authorities], "partner", PCT_OPENED)
    for i in range(s.senates):
        w.add_org(
            Org(
                f"SEN{i + 1:02d}",
                f"{place(rng)} Clinical Senate",
                "clinical_senate",
                False,
                D(2011, 9, 1),
            )
        )
    del national


def people_and_posts(w: World, rng):
    ppl = People(w, rng)
    k = w.kinds
    for org in k["sha"] + k["pct"] + k["trust"]:
        board = [
            ("Chair", "chair", "lay"),
            ("Chief executive", "chief_executive", "manager"),
            ("Finance director", "finance_director", "finance"),
            ("Medical director", "executive", "consultant" if org.kind == "trust" else "gp"),
            ("Director of nursing", "executive", "nurse"),
        ]
        board += [("Non-executive director", "ned", "lay")] * rng.randrange(4, 7)
        for title, role, prof in board:
            start = day_between(rng, org.opened, FY_START - dt.timedelta(days=30))
            ppl.post(ppl.new(prof), org, title, role, start, fte=None)
        if org.kind == "trust":
            for _ in range(rng.randrange(3, 7)):
                ppl.post(ppl.new("consultant"), org, "Consultant", "staff", org.opened, fte="1.0")
    for cl in k["cluster"]:
        pcts = [p for p, c in w.cluster_of.items() if c is cl]
        # The cluster's chief executive is the chief executive of its first PCT.
        ce = next(
            pid for pid in w.staff_of[pcts[0]] if (pcts[0], "chief_executive") in w.posts_of[pid]
        )
        ppl.post(
            ce,
            cl,
            "Cluster chief executive",
            "chief_executive",
            cl.opened,
            fte="1.0",
            assigned_from=w.orgs[pcts[0]],
        )
        ppl.post(
            ppl.new("finance"),
            cl,
            "Cluster finance director",
            "finance_director",
            cl.opened,
            fte="1.0",
        )
        for _ in range(rng.randrange(12, 24)):
            src = w.orgs[rng.choice(pcts)]
            ppl.post(
                ppl.new(rng.choice(("manager", "manager", "finance", "other"))),
                cl,
                "Commissioning manager",
                "staff",
                cl.opened,
                fte=rng.choice(FTES),
                assigned_from=src,
            )
    for c in k["consortium"]:
        host = w.pcts_of[c.code][0]
        for pr in w.practices_of[c.code]:
            for _ in range(rng.choice((1, 2, 2, 3))):
                gp = ppl.new("gp")
                w.gps_of.setdefault(pr.code, []).append(gp)
                ppl.post(gp, pr, "GP partner", "staff", pr.opened, fte=None)
        gps = [
            g for pr in w.practices_of[c.code] for g in w.gps_of.get(pr.code, ()) if not pr.closed
        ]
        chosen = rng.sample(gps, min(len(gps), 7))
        for i, gp in enumerate(chosen):
            title, role, fte = (
                ("Consortium chair", "chair", "0.4")
                if i == 0
                else ("Clinical lead", "clinical_lead", "0.3")
                if i < 3
                else ("GP board member", "gp_member", "0.1")
            )
            ppl.post(gp, c, title, role, c.opened, fte=fte)
        ppl.post(ppl.new("lay"), c, "Lay member (governance)", "lay_member", c.opened, fte="0.1")
        ppl.post(
            ppl.new("manager"),
            c,
            "Chief operating officer",
            "executive",
            c.opened,
            fte="1.0",
            assigned_from=host,
        )
        ppl.post(
            ppl.new("finance"),
            c,
            "Chief finance officer",
            "finance_director",
            c.opened,
            fte="0.8",
            assigned_from=host,
        )
        for _ in range(rng.randrange(2, 7)):
            ppl.post(
                ppl.new(rng.choice(("manager", "other", "nurse"))),
                c,
                "Commissioning support officer",
                "staff",
                c.opened,
                fte=rng.choice(FTES),
                assigned_from=host,
            )
    for su in k.get("support_unit", []):
        for _ in range(rng.randrange(10, 30)):
            ppl.post(
                ppl.new(rng.choice(("manager", "finance", "other"))),
                su,
                "Analyst",
                "staff",
                su.opened,
                fte=rng.choice(FTES),
            )
    for la in k.get("local_authority", []):
        ppl.post(ppl.new("manager"), la, "Director of public health", "executive", la.opened)
        ppl.post(ppl.new("lay"), la, "Cabinet member for health", "executive", la.opened)
    # The rest: practice nurses and managers, until the scale's head count.
    practices = [p for p in k["practice"] if not p.closed]
    while len(w.profession) < w.scale.people:
        pr = rng.choice(practices)
        prof = rng.choice(("nurse", "nurse", "manager", "other_clinical", "other"))
        title = {"nurse": "Practice nurse", "manager": "Practice manager"}.get(prof, "Staff")
        ppl.post(
            ppl.new(prof),
            pr,
            title,
            "staff",
            day_between(rng, pr.opened, FY_START),
            fte=rng.choice(FTES),
        )


FTES = ("0.2", "0.4", "0.5", "0.6", "0.8", "1.0", "1.0", "1.0")


def _holders(w: World, org: Org, role: str) -> list[str]:
    return [pid for pid in w.staff_of.get(org.code, ()) if (org.code, role) in w.posts_of[pid]]


def bodies_and_members(w: World, rng):
    k = w.kinds

    def body(org, suffix, name, kind, quorum, neds=0, clinicians=0):
        b = Body(
            f"B-{org.code}-{suffix}", org, f"{org.name} {name}", kind, quorum, neds, clinicians
        )
        w.bodies.append(b)
        w.bodies_of.setdefault(org.code, {})[suffix] = b
        return b

    def seat(b, pid, capacity, voting=True, start=None, end=None):
        start = max(start or b.org.opened, b.org.opened)
        end = end or b.org.closed
        b.members.append((pid, capacity, voting, start, end))

    def with_turnover(b, pid, capacity, prof):
        """Some members leave during the year and are replaced the next day."""
        if rng.random() < 0.06:
            left = day_between(rng, D(2011, 6, 1), D(2012, 2, 1))
            seat(b, pid, capacity, start=None, end=left)
            new = People(w, rng).new(prof)
            seat(b, new, capacity, start=left + dt.timedelta(days=1))
        else:
            seat(b, pid, capacity)

    for org in k["sha"] + k["pct"] + k["trust"]:
        board = body(org, "BRD", "Board", "board", 5, 2, 1)
        for role, cap in (
            ("chair", "chair"),
            ("ned", "ned"),
            ("chief_executive", "executive"),
            ("finance_director", "executive"),
            ("executive", "executive"),
        ):
            for pid in _holders(w, org, role):
                with_turnover(board, pid, cap, w.profession[pid])
        if org.kind == "sha":
            continue
        audit = body(org, "AUD", "Audit Committee", "committee", 2, 2)
        for pid in _holders(w, org, "ned")[:3]:
            seat(audit, pid, "ned")
        seat(audit, _holders(w, org, "finance_director")[0], "officer", voting=False)
        if org.kind == "pct":
            rem = body(org, "REM", "Remuneration Committee", "committee", 2, 2)
            for pid in [*_holders(w, org, "chair"), *_holders(w, org, "ned")[-2:]]:
                seat(rem, pid, "ned")
    for cl in k["cluster"]:
        pcts = [p for p, c in w.cluster_of.items() if c is cl]
        board = body(cl, "BRD", "Board", "board", 6, 3, 1)
        # The cluster board is made of the PCT boards' chairs and NEDs in common.
        for p in pcts:
            pct = w.orgs[p]
            for pid in _holders(w, pct, "chair") + _holders(w, pct, "ned")[:2]:
                seat(board, pid, "ned")
        for role in ("chief_executive", "finance_director"):
            for pid in _holders(w, cl, role):
                seat(board, pid, "executive")
        seat(board, _holders(w, w.orgs[pcts[0]], "executive")[0], "clinical")
        exe = body(cl, "EXE", "Executive Team", "executive", 3)
        for pid in _holders(w, cl, "chief_executive") + _holders(w, cl, "finance_director"):
            seat(exe, pid, "executive")
        for pid in _holders(w, cl, "staff")[:4]:
            seat(exe, pid, "officer", voting=rng.random() < 0.5)
    for c in k["consortium"]:
        board = body(c, "BRD", "Board", "board", 5, 1, 3)
        for role, cap in (
            ("chair", "chair"),
            ("clinical_lead", "clinical"),
            ("gp_member", "clinical"),
            ("lay_member", "lay"),
            ("executive", "executive"),
            ("finance_director", "executive"),
        ):
            for pid in _holders(w, c, role):
                with_turnover(board, pid, cap, w.profession[pid])
        pct = w.pcts_of[c.code][0]
        seat(board, _holders(w, pct, "finance_director")[0], "attendee", voting=False)
        exe = body(c, "EXE", "Executive", "executive", 3, 0, 2)
        for pid in _holders(w, c, "chair") + _holders(w, c, "clinical_lead"):
            seat(exe, pid, "clinical")
        for pid in _holders(w, c, "executive") + _holders(w, c, "finance_director"):
            seat(exe, pid, "executive")
        fin = body(c, "FQC", "Finance and QIPP Committee", "committee", 3, 1, 1)
        for pid in (
            _holders(w, c, "lay_member")
            + _holders(w, c, "finance_director")
            + _holders(w, c, "clinical_lead")[:1]
        ):
            seat(fin, pid, {"lay": "lay", "finance": "officer"}.get(w.profession[pid], "clinical"))
        for pid in _holders(w, c, "staff")[:2]:
            seat(fin, pid, "attendee", voting=False)
        # Every member practice sends one GP to the council of members.
        council = body(c, "MEM", "Council of Members", "partnership", 3, 0, 3)
        for pr in w.practices_of[c.code]:
            gps = w.gps_of.get(pr.code)
            if gps and not pr.closed:
                seat(council, gps[0], "clinical", start=w.moved_in.get(pr.code))
    consultants = [pid for pid, prof in w.profession.items() if prof == "consultant"]
    for sen in k.get("clinical_senate", []):
        b = body(sen, "SEN", "", "senate", 4, 0, 4)
        b.name = sen.name
        for pid in rng.sample(consultants, min(len(consultants), rng.randrange(8, 14))):
            seat(b, pid, "clinical")
    for i, la in enumerate(k.get("local_authority", [])):
        hwb = body(la, "HWB", "Health and Wellbeing Board", "partnership", 3)
        for pid in w.staff_of[la.code]:
            seat(hwb, pid, "executive", start=D(2011, 9, 1))
        pcts = k["pct"]
        pct = pcts[i * len(pcts) // len(k["local_authority"])]
        for pid in _holders(w, pct, "chief_executive"):
            seat(hwb, pid, "executive", start=D(2011, 9, 1))
        for c, ps in w.pcts_of.items():
            if ps[0] is pct:
                for pid in _holders(w, w.orgs[c], "chair"):
                    seat(hwb, pid, "clinical", start=D(2011, 9, 1))
    for b in w.bodies:
        w.rows["bodies"].append(
            {
                "body_id": b.body_id,
                "org_code": b.org.code,
                "name": b.name[:300],
                "kind": b.kind,
                "quorum_min": b.quorum_min,
                "quorum_neds_min": b.quorum_neds_min,
                "quorum_clinicians_min": b.quorum_clinicians_min,
            }
        )
        seen = set()
        for pid, capacity, voting, start, end in b.members:
            if (pid, start) in seen:
                continue
            seen.add((pid, start))
            w.rows["memberships"].append(
                {
                    "body_id": b.body_id,
                    "person_id": pid,
                    "capacity": capacity,
                    "voting": voting,
                    "valid_from": start,
                    "valid_to": end,
                }
            )
