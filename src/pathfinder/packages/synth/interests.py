"""Synthetic registers of interests and gifts, with late or missing declarations."""

import datetime as dt

from pathfinder.packages.synth.names import place
from pathfinder.packages.synth.text import money
from pathfinder.packages.synth.world import FY_END, FY_START, D, day_between


def interests_and_gifts(w, rng):
    rows = w.rows["interests"]
    gifts = w.rows["gifts"]
    declared_people: set[str] = set()
    n = 0

    def interest(pid, category, counterparty, description, start, declared, end=None):
        nonlocal n
        n += 1
        declared_people.add(pid)
        rows.append(
            {
                "interest_id": f"I{n:07d}",
                "person_id": pid,
                "category": category,
                "counterparty_code": counterparty.code if counterparty else None,
                "description": description,
                "interest_from": start,
                "interest_to": end,
                "declared_on": declared,
            }
        )

    def declared_after(start):
        # Most declare within a fortnight; some are late.
        late = rng.random() < 0.08
        return start + dt.timedelta(days=rng.randrange(35, 120) if late else rng.randrange(0, 14))

    board_gps = {
        pid
        for pid, posts in w.posts_of.items()
        if any(w.orgs[o].kind == "consortium" and r != "staff" for o, r in posts)
    }
    for pr_code, gps in w.gps_of.items():
        pr = w.orgs[pr_code]
        fed = w.federation_of.get(pr_code)
        for pid in gps:
            on_board = pid in board_gps
            if rng.random() < (0.9 if on_board else 0.3):
                start = max(pr.opened, D(rng.randrange(1985, 2011), 4, 1))
                interest(
                    pid,
                    "financial",
                    pr,
                    f"GP partner, {pr.name}",
                    start,
                    declared_after(start),
                    pr.closed,
                )
            if fed and rng.random() < 0.6:
                interest(
                    pid,
                    "financial",
                    fed,
                    f"Shareholder, {fed.name}",
                    fed.opened,
                    declared_after(fed.opened),
                )
    trusts = w.kinds["trust"]
    for pid, posts in w.posts_of.items():
        for code, role in posts:
            org = w.orgs[code]
            if role == "ned" and rng.random() < 0.15:
                t = rng.choice(trusts)
                start = D(rng.randrange(2005, 2012), rng.randrange(1, 13), 1)
                interest(
                    pid,
                    "non_financial_professional",
                    t,
                    f"Governor, {t.name}",
                    start,
                    declared_after(start),
                )
            if role in ("ned", "chair", "lay_member") and rng.random() < 0.2:
                start = D(rng.randrange(2000, 2011), 4, 1)
                interest(
                    pid,
                    "non_financial_personal",
                    None,
                    f"Trustee, {place(rng)} Hospice",
                    start,
                    declared_after(start),
                    rng.choice((None, None, None, D(2011, 12, 31))),
                )
            if w.profession[pid] == "consultant" and org.kind == "trust" and rng.random() < 0.25:
                interest(
                    pid,
                    "financial",
                    None,
                    "Private practice",
                    D(2008, 4, 1),
                    declared_after(D(2008, 4, 1)),
                )
    # Members of a body who hold posts elsewhere mostly declare them.
    named = {(r["person_id"], r["counterparty_code"]) for r in rows}
    for b in w.bodies:
        for pid, _, voting, start, _ in b.members:
            for code, _ in w.posts_of.get(pid, ()):
                if code == b.org.code or (pid, code) in named or not voting:
                    continue
                named.add((pid, code))
                if rng.random() < 0.85:
                    org = w.orgs[code]
                    interest(
                        pid,
                        "non_financial_professional",
                        org,
                        f"Post held at {org.name}",
                        start,
                        declared_after(start),
                    )
    suppliers = (
        "Acme Pharma Ltd",
        "Northgate Diagnostics",
        "Meridian Medical Supplies",
        "Harbour Health Consulting",
    )
    people = sorted(w.posts_of)
    for i in range(len(people) // 10):
        pid = rng.choice(people)
        kind = rng.choice(("gift", "hospitality"))
        offered = day_between(rng, FY_START, FY_END)
        value = rng.choice((5, 10, 15, 25, 40, 45, 60, 80, 120, 250)) * 100
        gifts.append(
            {
                "gift_id": f"G{i + 1:06d}",
                "person_id": pid,
                "kind": kind,
                "offered_by": rng.choice((rng.choice(trusts).code, rng.choice(suppliers))),
                "description": (
                    "Conference dinner"
                    if kind == "hospitality"
                    else rng.choice(("Hamper", "Conference bag", "Book token"))
                ),
                "value": money(value),
                "offered_on": offered,
                "accepted": rng.random() < 0.8,
                "declared_on": offered + dt.timedelta(days=rng.choice((0, 1, 3, 7, 20, 45))),
            }
        )
    returns = w.rows["returns"]
    members = sorted({m[0] for b in w.bodies for m in b.members} | board_gps)
    for pid in members:
        if rng.random() < 0.07:
            continue  # no return made
        returns.append(
            {
                "person_id": pid,
                "returned_on": day_between(rng, FY_START, D(2011, 7, 31)),
                "nil": pid not in declared_people,
            }
        )
        if rng.random() < 0.5:
            returns.append(
                {
                    "person_id": pid,
                    "returned_on": day_between(rng, D(2012, 4, 1), D(2012, 6, 30)),
                    "nil": pid not in declared_people,
                }
            )
