"""Synthetic people and the posts they hold in each organisation."""

import datetime as dt

from pathfinder.packages.synth.world import FY_START, People, World, day_between

FTES = ("0.2", "0.4", "0.5", "0.6", "0.8", "1.0", "1.0", "1.0")


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
