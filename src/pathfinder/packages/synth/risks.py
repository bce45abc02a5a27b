"""Synthetic risk registers."""

import datetime as dt

from pathfinder.packages.synth.world import D, day_between


def risks(w, rng):
    rows = w.rows["risks"]
    titles = {
        "financial": "Acute activity exceeds plan",
        "clinical": "Safeguarding assurance gaps during handover",
        "reputational": "Conflicts of interest undermine procurement",
        "operational": "Loss of data access in transition",
        "governance": "Unclear accountability for delegated budgets",
        "workforce": "Loss of commissioning staff in transition",
        "partnership": "Local authority relationship not yet formed",
    }
    orgs = (
        w.kinds["pct"]
        + w.kinds["cluster"]
        + w.kinds["consortium"]
        + w.kinds.get("support_unit", [])
    )
    n = 0
    for org in orgs:
        staff = sorted(set(w.staff_of.get(org.code, ())))
        for _ in range(rng.randrange(5, 12)):
            n += 1
            category = rng.choice(sorted(titles))
            il, ic = rng.randrange(2, 6), rng.randrange(2, 6)
            cl, cc = max(1, il - rng.randrange(0, 2)), max(1, ic - rng.randrange(0, 2))
            if rng.random() < 0.03:
                cl = min(5, il + 1)  # worse than inherent: an inconsistent score
            tl, tc = max(1, cl - rng.randrange(0, 3)), cc
            opened = day_between(rng, max(org.opened, D(2010, 10, 1)), D(2012, 1, 31))
            reviewed = opened + dt.timedelta(days=rng.randrange(0, 200))
            closed = None
            if rng.random() < 0.15:
                closed = reviewed + dt.timedelta(days=rng.randrange(1, 120))
            rows.append(
                {
                    "risk_id": f"R{n:06d}",
                    "org_code": org.code,
                    "title": titles[category],
                    "category": category,
                    "owner_person_id": rng.choice(staff) if staff else None,
                    "inherent_likelihood": il,
                    "inherent_consequence": ic,
                    "current_likelihood": cl,
                    "current_consequence": cc,
                    "target_likelihood": tl,
                    "target_consequence": tc,
                    "opened": opened,
                    "last_reviewed": reviewed if reviewed <= D(2012, 3, 31) else None,
                    "review_every_days": rng.choice((30, 60, 90, 90, 90)),
                    "closed": closed,
                }
            )
