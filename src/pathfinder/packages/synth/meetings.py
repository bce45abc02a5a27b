"""Synthetic meetings, attendance and decisions."""

from pathfinder.packages.synth.text import money
from pathfinder.packages.synth.world import FY_END, FY_START, day_between

DECISION_TYPES = ("contract_award", "business_case", "virement", "policy", "write_off")


def _in_force(member, day):
    _, _, _, start, end = member
    return start <= day and (end is None or day <= end)


def meetings(w, rng):
    meets, attend, decisions = (w.rows[n] for n in ("meetings", "attendance", "decisions"))
    per_year = {"board": 10, "executive": 12, "committee": 4, "senate": 4, "partnership": 6}
    trusts = w.kinds["trust"]
    titles = {
        "contract_award": "Contract for {what} with {who}",
        "business_case": "Business case: {what}",
        "virement": "Virement to {what}",
        "policy": "Policy on {what}",
        "write_off": "Write-off of {what} debts",
    }
    services = (
        "community diabetes care",
        "minor injuries",
        "anticoagulation clinics",
        "ophthalmology pathway",
        "musculoskeletal triage",
        "dermatology",
        "out-of-hours care",
        "heart failure nursing",
        "falls prevention",
    )
    for b in w.bodies:
        start = max(b.org.opened, FY_START)
        end = min(b.org.closed or FY_END, FY_END)
        if start > end:
            continue
        count = per_year[b.kind]
        days = sorted({day_between(rng, start, end) for _ in range(count)})
        commissioner = b.org.kind in ("pct", "cluster", "consortium")
        for day in days:
            mid = f"M-{b.body_id}-{day:%Y%m%d}"
            meets.append({"meeting_id": mid, "body_id": b.body_id, "date": day})
            present = [m for m in b.members if _in_force(m, day)]
            if rng.random() < 0.4:
                for pid in sorted({m[0] for m in present if rng.random() < 0.85}):
                    attend.append({"meeting_id": mid, "person_id": pid})
            if not commissioner or b.kind == "partnership":
                continue
            for j in range(rng.choice((0, 1, 1, 2, 3))):
                dtype = rng.choice(DECISION_TYPES)
                if dtype == "write_off" and b.org.kind != "pct":
                    dtype = "business_case"
                parties = _counterparties(w, rng, b.org, trusts)
                amount = (
                    rng.choice((20_000, 75_000, 150_000, 420_000, 900_000, 1_800_000, 6_000_000))
                    * 100
                )
                what = rng.choice(services)
                decisions.append(
                    {
                        "decision_id": f"D-{b.body_id}-{day:%y%m%d}-{j + 1}",
                        "meeting_id": mid,
                        "decision_type": dtype,
                        "title": titles[dtype].format(
                            what=what, who=w.orgs[parties[0]].name if parties else "a provider"
                        ),
                        "amount": money(amount) if dtype != "policy" else None,
                        "counterparties": ";".join(parties),
                        "outcome": rng.choice(
                            ("approved", "approved", "approved", "deferred", "rejected", None)
                        ),
                    }
                )


def _counterparties(w, rng, org, trusts):
    roll = rng.random()
    if org.kind == "consortium" and roll < 0.5:
        practices = [p for p in w.practices_of[org.code] if not p.closed]
        picked = rng.sample(practices, min(len(practices), rng.choice((1, 1, 2, 3))))
        feds = {w.federation_of[p.code].code for p in picked if p.code in w.federation_of}
        return sorted({p.code for p in picked} | feds)
    if roll < 0.85:
        return [rng.choice(trusts).code]
    return []
