"""Benchmark of the risk pages: a register of many risks in one organisation.

Builds a copy of the bundled demo package with N extra risks for one consortium, loads
it into a fresh SQLite database in a temporary folder, then times the register page, its
heat map, its CSV download and the `risks` analysis, and counts the register's queries.

    .venv/bin/python bench/bench_risks.py            # 10,000 risks
    .venv/bin/python bench/bench_risks.py --risks 50000 --repeat 5
"""

import argparse
import csv
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "pathfinder" / "demo" / "east-2011"
ORG = "C-CAM"
AS_AT = "2011-10-01"


def build_package(folder: Path, n: int) -> Path:
    pkg = folder / "pkg"
    shutil.copytree(DEMO, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))
    with (pkg / "risks.csv").open("a", newline="") as f:
        w = csv.writer(f)
        for i in range(n):
            lik, con = 1 + i % 5, 1 + (i // 5) % 5
            w.writerow(
                [f"B{i:06d}", ORG, f"Benchmark risk {i}", "operational", "P03",
                 lik, con, lik, con, 1, 1, "2011-05-01", "2011-08-01", 90, ""]
            )  # fmt: skip
    return pkg


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="pathfinder-bench-risks-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from pathfinder.core.accounts import ensure_demo_accounts
    from pathfinder.packages.loader import load_package
    from pathfinder.risks.assessment import report

    settings.ALLOWED_HOSTS = ["*"]
    try:
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        assert load_package(build_package(folder, args.risks), by="bench:risks").ok
        load_s = time.perf_counter() - start
        ensure_demo_accounts(by="bench:risks")
        client = Client()
        client.force_login(
            get_user_model().objects.get(username="administrator"),
            backend="django.contrib.auth.backends.ModelBackend",
        )

        def get(url):
            def run():
                response = client.get(url)
                assert response.status_code == 200, url
                if response.streaming:
                    b"".join(response.streaming_content)
                return response

            return run

        register = f"/risks/{ORG}/?as_at={AS_AT}&sort=-current_score"
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            get(register)()
        rows = [
            ("register page (sorted by current score)", timed(get(register), args.repeat)[0]),
            (
                "register filtered to one heat-map cell",
                timed(get(register + "&likelihood=4&consequence=4"), args.repeat)[0],
            ),  # fmt: skip
            ("heat map page", timed(get(f"/risks/{ORG}/heat-map/?as_at={AS_AT}"), args.repeat)[0]),
            ("register CSV download", timed(get(register + "&format=csv"), args.repeat)[0]),
            (
                "risks analysis (report)",
                timed(lambda: report(__import__("datetime").date(2011, 10, 1)), args.repeat)[0],
            ),  # fmt: skip
        ]
        print(f"{args.risks:,} extra risks in {ORG} (loaded in {load_s:.1f} s), SQLite")
        print(f"register page queries: {len(queries)}")
        for label, seconds in rows:
            print(f"{label:<45} {seconds * 1000:8.0f} ms (median of {args.repeat})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
