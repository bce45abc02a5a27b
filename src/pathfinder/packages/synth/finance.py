"""Money in a synthetic transition: budgets, QIPP schemes and savings, and the ledger.

Budgets follow population; the ledger spreads each budget over the year's lines with
noise and a per-organisation spending rate, so some budgets run over and most do not.
The ledger is a generator: it is written as it is made.
"""

import datetime as dt
from collections.abc import Iterator

from pathfinder.packages.synth.text import money
from pathfinder.packages.synth.world import FY_END, D

# Pounds per head a year, and how many ledger lines each budget gets relative to others.
CONSORTIUM_BUDGETS = {
    "acute": (700, 3),
    "prescribing": (150, 4),
    "community": (150, 2),
    "mental_health": (120, 1),
    "primary_care": (90, 2),
}
PCT_BUDGETS = {"running_costs": (25, 2), "continuing_care": (60, 1), "specialised": (80, 1)}
SUPPLIERS = {
    "prescribing": ("NHS Business Services Authority",),
    "primary_care": ("GP practices (global sum)", "Community pharmacy contract"),
    "running_costs": ("NHS Shared Business Services", "Office rent", "Agency staff", "IT services"),
    "continuing_care": ("Care home placements", "Nursing home placements"),
}


def _budget_lines(w):
    """(org, category, pounds a year, line weight) for every budget line of 2011-12."""
    out = []
    for c in w.kinds["consortium"]:
        for cat, (per_head, weight) in CONSORTIUM_BUDGETS.items():
            out.append((c, cat, c.population * per_head, weight))
    for p in w.kinds["pct"]:
        for cat, (per_head, weight) in PCT_BUDGETS.items():
            out.append((p, cat, p.population * per_head, weight))
    return out


def budgets(w, rng):
    rows = w.rows["budgets"]
    w.budget_lines = []
    for org, cat, pounds, weight in _budget_lines(w):
        amount = round(pounds * rng.uniform(0.9, 1.1), -3) * 100
        w.budget_lines.append((org, cat, amount, weight))
        for fy, growth in (("2011-12", 1.0), ("2012-13", 1.025)):
            rows.append(
                {
                    "org_code": org.code,
                    "financial_year": fy,
                    "category": cat,
                    "amount": money(round(amount * growth / 100) * 100),
                }
            )


def qipp(w, rng):
    schemes, savings = w.rows["qipp_schemes"], w.rows["qipp_savings"]
    ideas = (
        ("Prescribing switches", "productivity"),
        ("Outpatient follow-up reduction", "productivity"),
        ("Falls prevention", "prevention"),
        ("Community heart failure nurses", "quality"),
        ("Telehealth for COPD", "innovation"),
        ("Referral management", "productivity"),
        ("Smoking cessation", "prevention"),
    )
    n = 0
    for c in w.kinds["consortium"]:
        staff = sorted(set(w.staff_of.get(c.code, ())))
        bodies = w.bodies_of[c.code]
        host = w.pcts_of[c.code][0]
        cl = w.cluster_of.get(host.code)
        for name, domain in rng.sample(ideas, rng.randrange(3, 7)):
            n += 1
            sid = f"Q{n:05d}"
            roll = rng.random()
            signer, signed_on = None, None
            if roll < 0.7:
                signer = bodies[rng.choice(("BRD", "FQC"))]
                signed_on = D(2011, rng.randrange(4, 8), rng.randrange(1, 29))
            elif roll < 0.85 and cl:
                signer = w.bodies_of[cl.code]["BRD"]  # signed off by the cluster, not owned
                signed_on = max(cl.opened, D(2011, 9, 1))
            schemes.append(
                {
                    "scheme_id": sid,
                    "org_code": c.code,
                    "name": name,
                    "domain": domain,
                    "lead_person_id": rng.choice(staff),
                    "financial_year": "2011-12",
                    "signed_off_by": signer.body_id if signer else None,
                    "signed_off_on": signed_on,
                }
            )
            monthly = rng.randrange(2, 40) * 5_000_00
            rate = rng.uniform(0.6, 1.1)
            for m in range(12):
                month = D(2011 + (m + 3) // 12, (m + 3) % 12 + 1, 1)
                delivered = None
                if month < D(2012, 2, 1):
                    delivered = round(monthly * rate * rng.uniform(0.8, 1.2) / 100) * 100
                savings.append(
                    {
                        "scheme_id": sid,
                        "month": f"{month:%Y-%m}",
                        "planned": money(monthly),
                        "delivered": money(delivered) if delivered is not None else None,
                    }
                )


def ledger(w, streams) -> Iterator[dict]:
    """The year's ledger lines, month by month, made as they are written."""
    rng = streams("ledger")
    total = w.scale.ledger
    lines = w.budget_lines
    weight_sum = sum(weight for *_, weight in lines)
    trusts = [t.name for t in w.kinds["trust"]]
    plans = []
    for org, cat, amount, weight in lines:
        count = max(1.0, total * weight / weight_sum)
        rate = rng.uniform(0.94, 1.05)  # how fast this budget is being spent
        suppliers = SUPPLIERS.get(cat) or tuple(rng.sample(trusts, min(len(trusts), 3)))
        plans.append((org.code, cat, amount * rate / count, suppliers))
    cum, acc = [], 0
    for *_, weight in lines:
        acc += weight
        cum.append(acc)
    months = [D(2011 + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(12)]
    ref = 0
    for i, first in enumerate(months):
        nxt = months[i + 1] if i + 1 < len(months) else FY_END + dt.timedelta(days=1)
        days = [(first + dt.timedelta(days=d)).isoformat() for d in range((nxt - first).days)]
        n = total * (i + 1) // 12 - total * i // 12
        for code, cat, mean, suppliers in rng.choices(plans, cum_weights=cum, k=n):
            ref += 1
            pence = int(mean * rng.uniform(0.2, 1.8))
            if rng.random() < 0.01:
                pence = -pence // 10  # a credit note
            yield {
                "date": rng.choice(days),
                "org_code": code,
                "category": cat,
                "supplier": rng.choice(suppliers),
                "amount": money(pence),
                "reference": f"INV{ref:08d}",
            }
