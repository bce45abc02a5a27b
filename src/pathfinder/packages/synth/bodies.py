"""Synthetic boards, committees and senates, and their members."""

import datetime as dt

from pathfinder.packages.synth.world import Body, D, Org, People, World, day_between


def _holders(w: World, org: Org, role: str) -> list[str]:
    return [pid for pid in w.staff_of.get(org.code, ()) if (org.code, role) in w.posts_of[pid]]


def bodies_and_members(w: World, rng):
    k = w.kinds

    def body(org, suffix, name, kind, quorum, neds=0, clinicians=0):
        b = Body(
            f"B-{org.code}-{suffix}", org, f"{org.name} {name}", kind, quorum, neds, clinicians
        )
        w.bodies.append(b)
        w.bodies_of.setdefault(org.code, {})[suffix] = b
        return b

    def seat(b, pid, capacity, voting=True, start=None, end=None):
        start = max(start or b.org.opened, b.org.opened)
        end = end or b.org.closed
        b.members.append((pid, capacity, voting, start, end))

    def with_turnover(b, pid, capacity, prof):
        """Some members leave during the year and are replaced the next day."""
        if rng.random() < 0.06:
            left = day_between(rng, D(2011, 6, 1), D(2012, 2, 1))
            seat(b, pid, capacity, start=None, end=left)
            new = People(w, rng).new(prof)
            seat(b, new, capacity, start=left + dt.timedelta(days=1))
        else:
            seat(b, pid, capacity)

    for org in k["sha"] + k["pct"] + k["trust"]:
        board = body(org, "BRD", "Board", "board", 5, 2, 1)
        for role, cap in (
            ("chair", "chair"),
            ("ned", "ned"),
            ("chief_executive", "executive"),
            ("finance_director", "executive"),
            ("executive", "executive"),
        ):
            for pid in _holders(w, org, role):
                with_turnover(board, pid, cap, w.profession[pid])
        if org.kind == "sha":
            continue
        audit = body(org, "AUD", "Audit Committee", "committee", 2, 2)
        for pid in _holders(w, org, "ned")[:3]:
            seat(audit, pid, "ned")
        seat(audit, _holders(w, org, "finance_director")[0], "officer", voting=False)
        if org.kind == "pct":
            rem = body(org, "REM", "Remuneration Committee", "committee", 2, 2)
            for pid in [*_holders(w, org, "chair"), *_holders(w, org, "ned")[-2:]]:
                seat(rem, pid, "ned")
    for cl in k["cluster"]:
        pcts = [p for p, c in w.cluster_of.items() if c is cl]
        board = body(cl, "BRD", "Board", "board", 6, 3, 1)
        # The cluster board is made of the PCT boards' chairs and NEDs in common.
        for p in pcts:
            pct = w.orgs[p]
            for pid in _holders(w, pct, "chair") + _holders(w, pct, "ned")[:2]:
                seat(board, pid, "ned")
        for role in ("chief_executive", "finance_director"):
            for pid in _holders(w, cl, role):
                seat(board, pid, "executive")
        seat(board, _holders(w, w.orgs[pcts[0]], "executive")[0], "clinical")
        exe = body(cl, "EXE", "Executive Team", "executive", 3)
        for pid in _holders(w, cl, "chief_executive") + _holders(w, cl, "finance_director"):
            seat(exe, pid, "executive")
        for pid in _holders(w, cl, "staff")[:4]:
            seat(exe, pid, "officer", voting=rng.random() < 0.5)
    for c in k["consortium"]:
        board = body(c, "BRD", "Board", "board", 5, 1, 3)
        for role, cap in (
            ("chair", "chair"),
            ("clinical_lead", "clinical"),
            ("gp_member", "clinical"),
            ("lay_member", "lay"),
            ("executive", "executive"),
            ("finance_director", "executive"),
        ):
            for pid in _holders(w, c, role):
                with_turnover(board, pid, cap, w.profession[pid])
        pct = w.pcts_of[c.code][0]
        seat(board, _holders(w, pct, "finance_director")[0], "attendee", voting=False)
        exe = body(c, "EXE", "Executive", "executive", 3, 0, 2)
        for pid in _holders(w, c, "chair") + _holders(w, c, "clinical_lead"):
            seat(exe, pid, "clinical")
        for pid in _holders(w, c, "executive") + _holders(w, c, "finance_director"):
            seat(exe, pid, "executive")
        fin = body(c, "FQC", "Finance and QIPP Committee", "committee", 3, 1, 1)
        for pid in (
            _holders(w, c, "lay_member")
            + _holders(w, c, "finance_director")
            + _holders(w, c, "clinical_lead")[:1]
        ):
            seat(fin, pid, {"lay": "lay", "finance": "officer"}.get(w.profession[pid], "clinical"))
        for pid in _holders(w, c, "staff")[:2]:
            seat(fin, pid, "attendee", voting=False)
        # Every member practice sends one GP to the council of members.
        council = body(c, "MEM", "Council of Members", "partnership", 3, 0, 3)
        for pr in w.practices_of[c.code]:
            gps = w.gps_of.get(pr.code)
            if gps and not pr.closed:
                seat(council, gps[0], "clinical", start=w.moved_in.get(pr.code))
    consultants = [pid for pid, prof in w.profession.items() if prof == "consultant"]
    for sen in k.get("clinical_senate", []):
        b = body(sen, "SEN", "", "senate", 4, 0, 4)
        b.name = sen.name
        for pid in rng.sample(consultants, min(len(consultants), rng.randrange(8, 14))):
            seat(b, pid, "clinical")
    for i, la in enumerate(k.get("local_authority", [])):
        hwb = body(la, "HWB", "Health and Wellbeing Board", "partnership", 3)
        for pid in w.staff_of[la.code]:
            seat(hwb, pid, "executive", start=D(2011, 9, 1))
        pcts = k["pct"]
        pct = pcts[i * len(pcts) // len(k["local_authority"])]
        for pid in _holders(w, pct, "chief_executive"):
            seat(hwb, pid, "executive", start=D(2011, 9, 1))
        for c, ps in w.pcts_of.items():
            if ps[0] is pct:
                for pid in _holders(w, w.orgs[c], "chair"):
                    seat(hwb, pid, "clinical", start=D(2011, 9, 1))
    for b in w.bodies:
        w.rows["bodies"].append(
            {
                "body_id": b.body_id,
                "org_code": b.org.code,
                "name": b.name[:300],
                "kind": b.kind,
                "quorum_min": b.quorum_min,
                "quorum_neds_min": b.quorum_neds_min,
                "quorum_clinicians_min": b.quorum_clinicians_min,
            }
        )
        seen = set()
        for pid, capacity, voting, start, end in b.members:
            if (pid, start) in seen:
                continue
            seen.add((pid, start))
            w.rows["memberships"].append(
                {
                    "body_id": b.body_id,
                    "person_id": pid,
                    "capacity": capacity,
                    "voting": voting,
                    "valid_from": start,
                    "valid_to": end,
                }
            )
