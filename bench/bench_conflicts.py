"""Benchmark of the conflicts-of-interest check (RULES.md §2) and the agenda page.

Makes the synthetic package with `pathfinder synth --scale national`, loads it into a
fresh SQLite database in a temporary folder, adds 100,000 interests (a fifth of them
held by voting members of bodies), then:

- times, in this process, one decision's conflicts check as the CLI runs it
  (`conflicts.report`), over several decisions; target under 50 ms;
- adds a meeting with 1 decision to the busiest body, counts the agenda page's queries,
  adds 19 more decisions and counts again: the counts must be equal.

    .venv/bin/python bench/bench_conflicts.py
    .venv/bin/python bench/bench_conflicts.py --scale region --interests 20000
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
MEETING_DAY = dt.date(2011, 12, 1)
TARGET_CHECK_MS = 50.0
CATEGORIES = ("financial", "non_financial_professional", "non_financial_personal", "indirect")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def add_interests(n: int, rng: random.Random) -> None:
    from pathfinder.governance.models import Membership
    from pathfinder.interests.models import Interest
    from pathfinder.organisations.models import Organisation
    from pathfinder.people.models import Person

    members = sorted(
        set(Membership.objects.filter(voting=True).values_list("person_id", flat=True))
    )
    everyone = list(Person.objects.values_list("person_id", flat=True))
    orgs = list(Organisation.objects.values_list("code", flat=True))
    rows = []
    for k in range(n):
        person = rng.choice(members) if k % 5 == 0 else rng.choice(everyone)
        start = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(2500))
        rows.append(
            Interest(
                interest_id=f"IB{k:06d}",
                person_id=person,
                category=rng.choice(CATEGORIES),
                counterparty_id=rng.choice(orgs),
                description=f"Bench interest {k}",
                interest_from=start,
                interest_to=None if k % 3 else start + dt.timedelta(days=rng.randrange(30, 2000)),
                declared_on=start + dt.timedelta(days=rng.randrange(60)),
            )
        )
    Interest.objects.bulk_create(rows, batch_size=5000)


def add_meeting(body, decisions: int, rng: random.Random, start: int = 0) -> str:
    from pathfinder.governance.models import Decision, Meeting
    from pathfinder.interests.models import Interest

    meeting_id = "M-BENCH"
    Meeting.objects.get_or_create(meeting_id=meeting_id, body=body, date=MEETING_DAY)
    # Counterparties the members hold interests in, so the check finds conflicts.
    members = body.memberships.filter(voting=True).values("person_id")
    held = list(
        Interest.objects.filter(person_id__in=members, counterparty__isnull=False).values_list(
            "counterparty_id", flat=True
        )
    ) or ["X"]
    for i in range(start, start + decisions):
        cps = sorted({rng.choice(held), rng.choice(held)})
        Decision.objects.create(
            decision_id=f"D-BENCH-{i:02d}",
            meeting_id=meeting_id,
            decision_type="contract_award",
            title=f"Bench decision {i}",
            amount=100000 + i,
            counterparties=";".join(cps),
        )
    return meeting_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national")
    parser.add_argument("--interests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=20, help="decisions timed")
    args = parser.parse_args()
    rng = random.Random(1)

    folder = Path(tempfile.mkdtemp(prefix="pathfinder-bench-conflicts-"))
    pkg = folder / "pkg"
    subprocess.run(
        [PATHFINDER, "synth", "--scale", args.scale, "--seed", "1", str(pkg)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client

    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment
    from pathfinder.governance.conflicts import report
    from pathfinder.governance.models import Body, Decision
    from pathfinder.interests.models import Interest
    from pathfinder.packages.loader import load_package

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    assert load_package(pkg, by="bench:conflicts").ok
    add_interests(args.interests, rng)
    print(
        f"{args.scale} package plus {args.interests:,} interests: "
        f"{Interest.objects.count():,} interests, {Decision.objects.count():,} decisions"
    )

    ids = list(Decision.objects.order_by("decision_id").values_list("decision_id", flat=True))
    sample = rng.sample(ids, min(args.decisions, len(ids)))
    medians = []
    conflicted = 0
    for decision in sample:
        seconds, answer = timed(lambda d=decision: report(d), args.repeat)
        medians.append(seconds * 1000)
        conflicted += sum(1 for p in answer["participants"] if p["conflicts"])
    worst = max(medians)
    print(
        f"conflicts check of one decision (report, in-process), {len(sample)} decisions: "
        f"median {statistics.median(medians):.1f} ms, worst {worst:.1f} ms, "
        f"{conflicted} conflicted participants found "
        f"(target < {TARGET_CHECK_MS:.0f} ms): {'ok' if worst < TARGET_CHECK_MS else 'SLOW'}"
    )

    body = (
        Body.objects.annotate(n=Count("memberships", filter=Q(memberships__voting=True)))
        .order_by("-n", "body_id")
        .first()
    )
    user = actions.create(
        get_user_model(), by="bench", username="bench-lead", password=make_password(None)
    )
    actions.create(
        RoleAssignment, by="bench", user=user, role="governance_lead", org_code=body.org_id
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    meeting = add_meeting(body, 1, rng)
    url = f"/meetings/{meeting}/?as_at=2011-11-01"
    client.get(url)  # session and caches warm
    counts = {}
    for n in (1, 20):
        if n == 20:
            add_meeting(body, 19, rng, start=1)
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        page_s, _ = timed(lambda: client.get(url), args.repeat)
        counts[n] = len(queries)
        print(
            f"agenda page of {body.body_id} with {n} decisions: {len(queries)} queries, "
            f"{page_s * 1000:.0f} ms"
        )
    print(f"queries fixed whatever the decisions: {'ok' if counts[1] == counts[20] else 'GROWS'}")
    # The bench meeting's decisions name counterparties its members hold interests in.
    medians, conflicted = [], 0
    for i in range(20):
        seconds, answer = timed(lambda i=i: report(f"D-BENCH-{i:02d}"), args.repeat)
        medians.append(seconds * 1000)
        conflicted += sum(1 for p in answer["participants"] if p["conflicts"])
    print(
        f"conflicts check of the bench meeting's 20 decisions ({body.body_id}): median "
        f"{statistics.median(medians):.1f} ms, worst {max(medians):.1f} ms, {conflicted} "
        f"conflicted participants: {'ok' if max(medians) < TARGET_CHECK_MS else 'SLOW'}"
    )
    print(f"(database and package in {folder})")


if __name__ == "__main__":
    main()
