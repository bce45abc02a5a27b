"""Synthetic functions, lines of accountability and delegations.

Mostly well governed, with the gaps real transitions had: a few bodies with no line of
accountability, a few cycles and overlapping lines.
"""

import datetime as dt

from pathfinder.packages.synth.text import money
from pathfinder.packages.synth.world import FY_START, D, body_of

DAY = dt.timedelta(days=1)


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

    def between(subject_body, holder_body, kind, scope, org):
        """A line from one body to another for as long as the organisation is open."""
        line(
            f"body:{subject_body.body_id}",
            f"body:{holder_body.body_id}",
            kind,
            scope,
            org.opened,
            org.closed,
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
        brd = body_of(w, pct, "BRD")
        for suffix in ("AUD", "REM"):
            between(body_of(w, pct, suffix), brd, "accountable", "all", pct)
        between(brd, body_of(w, w.sha_of[pct.code], "BRD"), "reports", "performance", pct)
        cl = w.cluster_of.get(pct.code)
        if cl:
            between(brd, body_of(w, cl, "BRD"), "reports", "performance", cl)
        function(pct, "CHC", "Continuing healthcare", brd)
        function(pct, "SAFE", "Safeguarding", brd)
    for cl in k["cluster"]:
        pcts = [w.orgs[p] for p, c in w.cluster_of.items() if c is cl]
        brd, exe = body_of(w, cl, "BRD"), body_of(w, cl, "EXE")
        for pct in pcts:
            holder = f"body:{body_of(w, pct, 'BRD').body_id}"
            line(f"org:{cl.code}", holder, "accountable", pct.code, cl.opened, cl.closed)
            line(f"body:{brd.body_id}", holder, "accountable", pct.code, cl.opened, cl.closed)
        between(exe, brd, "accountable", "all", cl)
        function(cl, "QIPP", "QIPP programme management", brd)
    for c in k["consortium"]:
        pcts = w.pcts_of[c.code]
        host = pcts[0]
        host_brd = body_of(w, host, "BRD")
        cl = w.cluster_of.get(host.code)
        brd, exe, fqc = (body_of(w, c, s) for s in ("BRD", "EXE", "FQC"))
        # Budgets are delegated by the PCT board, and by the cluster once it forms.
        for pct in pcts:
            line(
                f"org:{c.code}",
                f"body:{body_of(w, pct, 'BRD').body_id}",
                "delegated",
                pct.code,
                FY_START,
                cl.opened - DAY if cl else c.closed,
            )
        if cl:
            line(
                f"org:{c.code}",
                f"body:{body_of(w, cl, 'BRD').body_id}",
                "delegated",
                "expenditure",
                cl.opened,
                c.closed,
            )
        roll = rng.random()
        if roll > 0.03:  # a few boards were left with no line at all
            between(brd, host_brd, "accountable", "all", c)
        if cl and roll > 0.97 - 0.03:  # and a few were answerable to two boards at once
            line(
                f"body:{brd.body_id}",
                f"body:{body_of(w, cl, 'BRD').body_id}",
                "accountable",
                "all",
                cl.opened,
                c.closed,
            )
        elif cl:
            line(
                f"body:{brd.body_id}",
                f"body:{body_of(w, cl, 'BRD').body_id}",
                "reports",
                "performance",
                cl.opened,
                c.closed,
            )
        if rng.random() < 0.02:  # executive and committee each answer to the other
            between(exe, fqc, "accountable", "all", c)
            between(fqc, exe, "accountable", "all", c)
        else:
            between(exe, brd, "accountable", "all", c)
            between(fqc, brd, "accountable", "all", c)
        between(fqc, host_brd, "reports", "finance", c)
        crg = body_of(w, c, "MEM")
        if crg:
            between(crg, brd, "advises", "", c)
            if rng.random() < 0.8:
                between(crg, exe, "accountable", "all", c)
        function(c, "ACUTE", "Acute commissioning", brd)
        function(c, "PRESC", "Prescribing budget management", exe)
    for t in k["trust"]:
        between(body_of(w, t, "AUD"), body_of(w, t, "BRD"), "accountable", "all", t)
    shas = k["sha"]
    for i, sen in enumerate(k.get("clinical_senate", [])):
        sha = shas[i * len(shas) // len(k["clinical_senate"])]
        line(
            f"body:{body_of(w, sen, 'SEN').body_id}",
            f"body:{body_of(w, sha, 'BRD').body_id}",
            "accountable",
            "advice",
            sen.opened,
            sha.closed,
        )
    for la in k.get("local_authority", []):
        hwb = body_of(w, la, "HWB")
        line(f"body:{hwb.body_id}", f"org:{la.code}", "accountable", "all", D(2011, 9, 1))
        for pid, *_ in hwb.members:
            for code, role in w.posts_of.get(pid, ()):
                if role == "chair" and w.orgs[code].kind == "consortium":
                    line(
                        f"body:{body_of(w, w.orgs[code], 'BRD').body_id}",
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
                f"body:{body_of(w, cl, 'BRD').body_id}",
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
        brd = f"body:{body_of(w, org, 'BRD').body_id}"
        if org.kind == "consortium":
            delegate(org, "contract_award", brd, rng.choice((2_000_000, 5_000_000)))
            delegate(org, "contract_award", f"body:{body_of(w, org, 'EXE').body_id}", 500_000)
            delegate(org, "business_case", brd, 1_000_000)
            delegate(org, "virement", "role:finance_director", 100_000)
            delegate(org, "policy", brd)
        else:
            delegate(org, "contract_award", brd)
            delegate(org, "contract_award", "role:chief_executive", 250_000)
            delegate(org, "business_case", brd)
            delegate(org, "virement", "role:finance_director", 250_000)
            if org.kind == "pct":
                delegate(org, "write_off", f"body:{body_of(w, org, 'AUD').body_id}", 50_000)
                delegate(org, "policy", brd)
