"""Synthetic organisations and how they relate.

PCTs under strategic health authorities are grouped into clusters during 2011; GP
consortia form from member practices, manage budgets delegated by their PCT, are
supported by support units and are succeeded by CCGs in April 2013. Trusts, GP
federations, local authorities and clinical senates complete the picture.
"""

import datetime as dt

from pathfinder.packages.synth.names import STREETS, place
from pathfinder.packages.synth.world import (
    CCG_OPENED,
    FY_START,
    PCT_OPENED,
    SHA_OPENED,
    TRANSITION_END,
    D,
    Org,
    World,
    day_between,
    unique_codes,
)


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
