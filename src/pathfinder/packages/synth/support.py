"""Synthetic support offers, sessions and bookings, and development assessments."""

from pathfinder.packages.synth.world import D, day_between


def support(w, rng):
    kinds = (
        "coaching",
        "finance_workshop",
        "commissioning_skills",
        "leadership",
        "governance",
        "other",
    )
    providers = w.kinds["cluster"] + w.kinds.get("support_unit", [])
    offers, sessions, bookings = (
        w.rows[n] for n in ("support_offers", "support_sessions", "support_bookings")
    )
    learners = []
    for c in w.kinds["consortium"]:
        for pid in sorted(set(w.staff_of.get(c.code, ()))):
            learners.append((pid, c.code))
    s_no = 0
    for i in range(w.scale.support_offers):
        kind = kinds[i % len(kinds)]
        oid = f"O{i + 1:03d}"
        offers.append(
            {
                "offer_id": oid,
                "name": f"{kind.replace('_', ' ').title()} programme {i // len(kinds) + 1}",
                "kind": kind,
                "provider_code": rng.choice(providers).code if providers else None,
            }
        )
        for _ in range(rng.randrange(6, 16)):
            s_no += 1
            sid = f"S{s_no:05d}"
            day = day_between(rng, D(2011, 5, 1), D(2012, 6, 30))
            capacity = rng.randrange(6, 25)
            sessions.append({"session_id": sid, "offer_id": oid, "date": day, "capacity": capacity})
            booked = rng.sample(learners, min(len(learners), rng.randrange(0, capacity + 3)))
            for pid, org in sorted(booked):
                attended = None if day > D(2012, 3, 15) else rng.random() < 0.8
                bookings.append(
                    {"session_id": sid, "person_id": pid, "org_code": org, "attended": attended}
                )


def assessments(w, rng):
    domains = (
        "clinical-focus",
        "engagement",
        "qipp-plans",
        "governance",
        "leadership",
        "collaboration",
    )
    rows = w.rows["assessments"]
    for c in w.kinds["consortium"]:
        base = {d: rng.randrange(1, 3) for d in domains}
        for when in (D(2011, 7, 1), D(2011, 11, 1), D(2012, 3, 1)):
            if when < c.opened:
                continue
            for d in domains:
                base[d] = min(4, base[d] + (1 if rng.random() < 0.35 else 0))
                rows.append(
                    {
                        "org_code": c.code,
                        "framework": "authorisation-2012",
                        "domain": d,
                        "assessed_on": when,
                        "rating": base[d],
                        "evidence": "Self-assessment reviewed by the cluster"
                        if rng.random() < 0.3
                        else "",
                    }
                )
