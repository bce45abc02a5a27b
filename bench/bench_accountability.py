"""Benchmark of accountability (RULES.md §1) on the national synthetic package.

Makes the package with `pathfinder synth --scale national`, loads it into a fresh SQLite
database in a temporary folder (or reuses one from an earlier run with `--folder`), then
times, in this process, the whole-structure analysis (reading the facts in force and
analysing them) and the accountability map page of single areas as a governance lead
of each, counting the page's queries and splitting its time into reading the area,
drawing the map and rendering the SVG.

    .venv/bin/python bench/bench_accountability.py
    .venv/bin/python bench/bench_accountability.py --scale region --repeat 5
    .venv/bin/python bench/bench_accountability.py --folder FOLDER   # the folder a run printed
"""

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
AS_AT = dt.date(2011, 10, 1)
TARGET_ANALYSIS_S = 2.0
TARGET_PAGE_S = 0.5


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clusters", type=int, default=3, help="clusters whose map is timed")
    parser.add_argument("--shas", type=int, default=1, help="SHAs whose map is timed")
    parser.add_argument("--folder", help="reuse the database an earlier run left in this folder")
    args = parser.parse_args()

    folder = Path(args.folder or tempfile.mkdtemp(prefix="pathfinder-bench-accountability-"))
    fresh = not (folder / "bench.sqlite3").exists()
    if fresh:
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
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment
    from pathfinder.core.scope import organisations_below
    from pathfinder.governance.accountability import analyse, report
    from pathfinder.governance.accountability.area import load_area
    from pathfinder.governance.accountability.facts import load_facts
    from pathfinder.governance.accountability.map import build_map
    from pathfinder.governance.models import AccountabilityLine, Body, Membership
    from pathfinder.governance.views_accountability import node_href
    from pathfinder.organisations.models import Organisation
    from pathfinder.packages.loader import load_package

    settings.ALLOWED_HOSTS = ["*"]
    if fresh:
        call_command("migrate", verbosity=0)
        assert load_package(pkg, by="bench:accountability").ok
    sizes = {
        "bodies": Body.objects.count(),
        "memberships": Membership.objects.count(),
        "lines": AccountabilityLine.objects.count(),
    }
    print(f"{args.scale} package: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
    print(f"load average before: {load_average()}; medians of {args.repeat}")

    facts_s, facts = timed(lambda: load_facts(AS_AT), args.repeat)
    analyse_s, result = timed(lambda: analyse(facts), args.repeat)
    report_s, answer = timed(lambda: report(AS_AT), args.repeat)
    print(f"read the facts: {facts_s:.3f} s; analyse: {analyse_s:.3f} s")
    print(
        f"analysis as the CLI runs it (report): {report_s:.3f} s, "
        f"{len(answer['findings']):,} findings, {len(answer['chains']):,} chains "
        f"(target < {TARGET_ANALYSIS_S} s): {'ok' if report_s < TARGET_ANALYSIS_S else 'SLOW'}"
    )

    def first(kind: str, n: int) -> list[str]:
        codes = Organisation.objects.filter(kind=kind).order_by("code")
        return list(codes.values_list("code", flat=True))[:n]

    for code in first("cluster", args.clusters) + first("sha", args.shas):
        user = get_user_model().objects.filter(username=f"lead-{code}").first()
        if user is None:
            user = actions.create(
                get_user_model(), by="bench", username=f"lead-{code}", password=make_password(None)
            )
            actions.create(
                RoleAssignment, by="bench", user=user, role="governance_lead", org_code=code
            )
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        url = f"/accountability/?as_at={AS_AT.isoformat()}&root={code}"
        client.get(url)  # session and caches warm
        with CaptureQueriesContext(connection) as queries:
            page_s, response = timed(lambda url=url, client=client: client.get(url), args.repeat)
        assert response.status_code == 200, response.status_code
        boxes = response.content.count(b'class="amap-node')
        print(
            f"map of {code}: {page_s * 1000:.0f} ms, {len(queries) // args.repeat} queries, "
            f"{boxes} boxes (target < {TARGET_PAGE_S * 1000:.0f} ms): "
            f"{'ok' if page_s < TARGET_PAGE_S else 'SLOW'}"
        )
        scope = organisations_below({code})
        area_s, area = timed(lambda s=scope, c=code: load_area(AS_AT, s, c), args.repeat)
        map_s, picture = timed(lambda a=area: build_map(a), args.repeat)
        context = {"picture": picture, "as_at": AS_AT, "node_href": node_href, "base": ""}
        svg_s, _ = timed(
            lambda c=context: render_to_string("governance/accountability_map.svg", c),
            args.repeat,
        )
        print(
            f"  of which: read and analyse the area {area_s * 1000:.0f} ms "
            f"({len(area.orgs):,} organisations, {len(area.facts.orgs):,} read, "
            f"{len(area.facts.lines):,} lines), map {map_s * 1000:.0f} ms, "
            f"SVG {svg_s * 1000:.0f} ms"
        )
    print(f"load average after: {load_average()}")
    print(f"(database and package in {folder})")


if __name__ == "__main__":
    main()
