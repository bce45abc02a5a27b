"""Synthetic service change proposals and the positions bodies take on them."""

import datetime as dt

from pathfinder.packages.synth.names import PLACE_A
from pathfinder.packages.synth.world import D, body_of, day_between


def agendas(w, rng):
    proposals, positions = w.rows["proposals"], w.rows["positions"]
    k = w.kinds
    services = (
        "urgent care centre",
        "stroke services",
        "maternity unit",
        "children's ward",
        "community hospital beds",
        "A&E",
    )
    for i in range(w.scale.proposals):
        c = k["consortium"][i * len(k["consortium"]) // w.scale.proposals]
        pct = w.pcts_of[c.code][0]
        trust = k["trust"][i * len(k["trust"]) // w.scale.proposals]
        lead = rng.choice((c, pct, trust))
        pid = f"PR{i + 1:04d}"
        proposals.append(
            {
                "proposal_id": pid,
                "title": f"Reconfigure {rng.choice(services)} "
                f"in {rng.choice(PLACE_A)}{rng.choice(('ford', 'ton', 'ham'))}",
                "lead_code": lead.code,
            }
        )
        for org in (c, pct, trust, w.cluster_of.get(pct.code)):
            if org is None or rng.random() < 0.15:
                continue
            stance = rng.choice(("support", "support", "oppose", "neutral", "undecided"))
            if org.kind == "trust" and rng.random() < 0.5:
                stance = "oppose"
            stated = day_between(rng, D(2011, 5, 1), D(2011, 12, 31))
            brd = body_of(w, org, "BRD")
            positions.append(
                {
                    "proposal_id": pid,
                    "org_code": org.code,
                    "stance": stance,
                    "stated_on": stated,
                    "by_body": brd.body_id if brd and rng.random() < 0.5 else None,
                    "rationale": "",
                }
            )
            if stance == "undecided" and rng.random() < 0.7:
                positions.append(
                    {
                        "proposal_id": pid,
                        "org_code": org.code,
                        "stance": rng.choice(("support", "oppose")),
                        "stated_on": stated + dt.timedelta(days=rng.randrange(20, 90)),
                        "by_body": None,
                        "rationale": "After public consultation",
                    }
                )
