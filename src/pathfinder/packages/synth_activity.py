"""What a synthetic transition does: accountability, delegations, registers, meetings,
decisions, risks, support, assessments and agendas.

Mostly well governed, with the gaps real transitions had: a few bodies with no line of
accountability, a few cycles and overlapping lines, late or missing declarations.
"""

import datetime as dt

from pathfinder.packages.synth import money
from pathfinder.packages.synth_structure import (
    FY_END,
    FY_START,
    PLACE_A,
    D,
    day_between,
    place,
)

DAY = dt.timedelta(days=1)
DECISION_TYPES = ("contract_award", "business_case", "virement", "policy", "write_off")


def build(w, streams):
    functions_and_lines(w, streams("accountability"))
    delegations(w, streams("delegations"))
    interests_and_gifts(w, streams("interests"))
    meetings(w, streams("meetings"))
    risks(w, streams("risks"))
    support(w, streams("support"))
    assessments(w, streams("assessments"))
    agendas(w, streams("agendas"))


def _body(w, org, suffix):
    return w.bodies_of.get(org.code, {}).get(suffix)


def functions_and_lines(w, rng):
    lines = w.rows["accountability"]

    def line(subject, holder, kind, scope="", start=None, end=None):
        lines.append(
            {
                "subject": subject,
                "holder": holder,
                "kind": kind,
                "scope": scope,
                "valid_from": start,
                "valid_to": end,
            }
        )

    def function(org, suffix, name, holder_body):
        fid = f"F-{org.code}-{suffix}"
        w.rows["functions"].append({"function_id": fid, "org_code": org.code, "name": name})
        line(
            f"function:{fid}",
            f"body:{holder_body.body_id}",
            "accountable",
            "all",
            max(org.opened, FY_START),
            org.closed,
        )

    k = w.kinds
    for pct in k["pct"]:
        brd = _body(w, pct, "BRD")
        for suffix in ("AUD", "REM"):
            line(
                f"body:{_body(w, pct, suffix).body_id}",
                f"body:{brd.body_id}",
                "accountable",
                "all",
                pct.opened,
                pct.closed,
            )
        line(
            f"body:{brd.body_id}",
            f"body:{_body(w, w.sha_of[pct.code], 'BRD').body_id}",
            "reports",
            "performance",
            pct.opened,
            pct.closed,
        )
        cl = w.cluster_of.get(pct.code)
        if cl:
            line(
                f"body:{brd.body_id}",
                f"body:{_body(w, cl, 'BRD').body_id}",
                "reports",
                "performance",
                cl.opened,
                cl.closed,
            )
        function(pct, "CHC", "Continuing healthcare", brd)
        function(pct, "SAFE", "Safeguarding", brd)
    for cl in k["cluster"]:
        pcts = [w.orgs[p] for p, c in w.cluster_of.items() if c is cl]
        brd, exe = _body(w, cl, "BRD"), _body(w, cl, "EXE")
        for pct in pcts:
            holder = f"body:{_body(w, pct, 'BRD').body_id}"
            line(f"org:{cl.code}", holder, "accountable", pct.code, cl.opened, cl.closed)
            line(f"body:{brd.body_id}", holder, "accountable", pct.code, cl.opened, cl.closed)
        line(
            f"body:{exe.body_id}", f"body:{brd.body_id}", "accountable", "all", cl.opened, cl.closed
        )
        function(cl, "QIPP", "QIPP programme management", brd)
    for c in k["consortium"]:
        pcts = w.pcts_of[c.code]
        host = pcts[0]
        host_brd = _body(w, host, "BRD")
        cl = w.cluster_of.get(host.code)
        brd, exe, fqc = (_body(w, c, s) for s in ("BRD", "EXE", "FQC"))
        # Budgets are delegated by the PCT board, and by the cluster once it forms.
        for pct in pcts:
            line(
                f"org:{c.code}",
                f"body:{_body(w, pct, 'BRD').body_id}",
                "delegated",
                pct.code,
                FY_START,
                cl.opened - DAY if cl else c.closed,
            )
        if cl:
            line(
                f"org:{c.code}",
                f"body:{_body(w, cl, 'BRD').body_id}",
                "delegated",
                "expenditure",
                cl.opened,
                c.closed,
            )
        roll = rng.random()
        if roll > 0.03:  # a few boards were left with no line at all
            line(
                f"body:{brd.body_id}",
                f"body:{host_brd.body_id}",
                "accountable",
                "all",
                c.opened,
                c.closed,
            )
        if cl and roll > 0.97 - 0.03:  # and a few were answerable to two boards at once
            line(
                f"body:{brd.body_id}",
                f"body:{_body(w, cl, 'BRD').body_id}",
                "accountable",
                "all",
                cl.opened,
                c.closed,
            )
        elif cl:
            line(
                f"body:{brd.body_id}",
                f"body:{_body(w, cl, 'BRD').body_id}",
                "reports",
                "performance",
                cl.opened,
                c.closed,
            )
        if rng.random() < 0.02:  # executive and committee each answer to the other
            line(
                f"body:{exe.body_id}",
                f"body:{fqc.body_id}",
                "accountable",
                "all",
                c.opened,
                c.closed,
            )
            line(
                f"body:{fqc.body_id}",
                f"body:{exe.body_id}",
                "accountable",
                "all",
                c.opened,
                c.closed,
            )
        else:
            line(
                f"body:{exe.body_id}",
                f"body:{brd.body_id}",
                "accountable",
                "all",
                c.opened,
                c.closed,
            )
            line(
                f"body:{fqc.body_id}",
                f"body:{brd.body_id}",
                "accountable",
                "all",
                c.opened,
                c.closed,
            )
        line(
            f"body:{fqc.body_id}",
            f"body:{host_brd.body_id}",
            "reports",
            "finance",
            c.opened,
            c.closed,
        )
        crg = _body(w, c, "MEM")
        if crg:
            line(f"body:{crg.body_id}", f"body:{brd.body_id}", "advises", "", c.opened, c.closed)
            if rng.random() < 0.8:
                line(
                    f"body:{crg.body_id}",
                    f"body:{exe.body_id}",
                    "accountable",
                    "all",
                    c.opened,
                    c.closed,
                )
        function(c, "ACUTE", "Acute commissioning", brd)
        function(c, "PRESC", "Prescribing budget management", exe)
    for t in k["trust"]:
        line(
            f"body:{_body(w, t, 'AUD').body_id}",
            f"body:{_body(w, t, 'BRD').body_id}",
            "accountable",
            "all",
            t.opened,
            t.closed,
        )
    shas = k["sha"]
    for i, sen in enumerate(k.get("clinical_senate", [])):
        sha = shas[i * len(shas) // len(k["clinical_senate"])]
        line(
            f"body:{_body(w, sen, 'SEN').body_id}",
            f"body:{_body(w, sha, 'BRD').body_id}",
            "accountable",
            "advice",
            sen.opened,
            sha.closed,
        )
    for la in k.get("local_authority", []):
        hwb = _body(w, la, "HWB")
        line(f"body:{hwb.body_id}", f"org:{la.code}", "accountable", "all", D(2011, 9, 1))
        for pid, *_ in hwb.members:
            for code, role in w.posts_of.get(pid, ()):
                if role == "chair" and w.orgs[code].kind == "consortium":
                    line(
                        f"body:{_body(w, w.orgs[code], 'BRD').body_id}",
                        f"body:{hwb.body_id}",
                        "reports",
                        "health-and-wellbeing",
                        D(2011, 9, 1),
                        w.orgs[code].closed,
                    )
    for su in k.get("support_unit", []):
        served = [
            r["child_code"]
            for r in w.rows["relationships"]
            if r["kind"] == "supports" and r["parent_code"] == su.code
        ]
        cl = w.cluster_of.get(w.pcts_of[served[0]][0].code) if served else None
        if cl:
            line(
                f"org:{su.code}",
                f"body:{_body(w, cl, 'BRD').body_id}",
                "accountable",
                "all",
                su.opened,
                su.closed,
            )


def delegations(w, rng):
    rows = w.rows["delegations"]

    def delegate(org, decision_type, who, limit_pounds=None):
        rows.append(
            {
                "org_code": org.code,
                "decision_type": decision_type,
                "delegate": who,
                "limit": money(limit_pounds * 100) if limit_pounds is not None else None,
                "valid_from": org.opened,
                "valid_to": org.closed,
            }
        )

    for org in w.kinds["pct"] + w.kinds["cluster"] + w.kinds["consortium"]:
        brd = f"body:{_body(w, org, 'BRD').body_id}"
        if org.kind == "consortium":
            delegate(org, "contract_award", brd, rng.choice((2_000_000, 5_000_000)))
            delegate(org, "contract_award", f"body:{_body(w, org, 'EXE').body_id}", 500_000)
            delegate(org, "business_case", brd, 1_000_000)
            delegate(org, "virement", "role:finance_director", 100_000)
            delegate(org, "policy", brd)
        else:
            delegate(org, "contract_award", brd)
            delegate(org, "contract_award", "role:chief_executive", 250_000)
            delegate(org, "business_case", brd)
            delegate(org, "virement", "role:finance_director", 250_000)
            if org.kind == "pct":
                delegate(org, "write_off", f"body:{_body(w, org, 'AUD').body_id}", 50_000)
                delegate(org, "policy", brd)


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
            brd = _body(w, org, "BRD")
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
