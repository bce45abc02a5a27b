"""A bounded load test: a fixed number of users for a fixed time, on loopback only.

    .venv/bin/python bench/load_test.py                      # 20 users, 60 s
    .venv/bin/python bench/load_test.py --users 10 --time 30 --json

Loads the national synthetic package into a PostgreSQL database of its own (once: it is
kept between runs), adds a governance lead of one cluster, starts gunicorn with 2 workers
on a free loopback port, and runs locust headless (bench/locustfile.py) with that many
users signed in as the lead. Prints requests per second, p50/p95/p99 and errors per page
over the steady state (after every user has signed in: docs/decisions/0215), then the
sign-in phase apart, and the load average before and after.
DATABASE_URL names the server when it is a postgres:// URL; the database is
`pathfinder_loadtest` unless --database says otherwise.
"""

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
USERNAME, PASSWORD = "bench-lead", "bench-lead-password-2011"  # noqa: S105 - loopback only
AS_AT = "2012-03-31"
SIGN_IN_ALLOWANCE = 300  # seconds


def server_url(database: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    base = (
        url.rsplit("/", 1)[0]
        if url.startswith("postgres")
        else "postgres://postgres@127.0.0.1:5432"
    )
    return f"{base}/{database}"


def ensure_database(url: str):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def national_package() -> Path:
    folder = Path(tempfile.gettempdir()) / "pathfinder-bench" / "national-1"
    if not (folder / "ledger.csv").is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [BIN / "pathfinder", "synth", "--scale", "national", "--seed", "1", str(folder)],
            check=True,
        )
    return folder


def prepare() -> dict:
    """In a child with the bench database's settings: the account, and the records of
    its scope the pages are asked about."""
    from pathfinder.cli import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from pathfinder.core import accounts_actions
    from pathfinder.core.scope import organisations_below
    from pathfinder.governance.models import Meeting
    from pathfinder.organisations.models import Organisation
    from pathfinder.risks.models import Risk

    cluster = Organisation.objects.filter(kind="cluster").order_by("code").first()
    if cluster is None:
        return {"empty": True}
    if not get_user_model().objects.filter(username=USERNAME).exists():
        accounts_actions.add_user(
            by="bench:load-test",
            username=USERNAME,
            email="bench-lead@example.org",
            role="governance_lead",
            org_code=cluster.code,
            password=PASSWORD,
        )
    scope = organisations_below({cluster.code})
    org = Organisation.objects.filter(code__in=scope, kind="consortium").order_by("code").first()
    meeting = (
        Meeting.objects.filter(body__org_id__in=scope)
        .annotate(n=Count("decisions"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    risk_org = (
        Risk.objects.filter(org_id__in=scope)
        .values("org_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "org_id")
        .first()["org_id"]
    )
    return {
        "username": USERNAME,
        "password": PASSWORD,
        "as_at": AS_AT,
        "cluster": cluster.code,
        "scope_size": len(scope),
        "org": (org or cluster).code,
        "meeting": meeting.pk,
        "risk_org": risk_org,
    }


def analyze(url: str):
    """Fresh planner statistics and visibility map, as autovacuum would leave them a minute
    after a load: a server with autovacuum off (as a test server may be) would otherwise
    plan every query with none."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("VACUUM ANALYZE")


def prepared(env: dict) -> str:
    return subprocess.run(
        [BIN / "python", __file__, "--prepare"], env=env, check=True, capture_output=True, text=True
    ).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def warm_up(port: int, server: subprocess.Popen, timeout: float = 120):
    """Wait until both workers have loaded the app and answered: the figures are of a
    running service, not of its start."""
    import http.client

    deadline = time.monotonic() + timeout
    answered = 0
    while answered < 8:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it served")
        if time.monotonic() > deadline:
            sys.exit("gunicorn did not start")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            c.request("GET", "/sign-in/")
            answered += c.getresponse().status == 200
        except OSError:
            time.sleep(0.2)
        finally:
            c.close()


def summary(stats_csv: Path) -> list[dict]:
    rows = []
    with stats_csv.open() as f:
        for r in csv.DictReader(f):
            if not int(r["Request Count"]):
                continue  # the sign-in phase's names, emptied when the timed window began
            rows.append(
                {
                    "page": r["Name"],
                    "requests": int(r["Request Count"]),
                    "errors": int(r["Failure Count"]),
                    "rps": float(r["Requests/s"]),
                    "p50": int(float(r["50%"] or 0)),
                    "p95": int(float(r["95%"] or 0)),
                    "p99": int(float(r["99%"] or 0)),
                }
            )
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--time", type=int, default=60, help="seconds of load")
    p.add_argument("--database", default="pathfinder_loadtest")
    p.add_argument("--json", action="store_true")
    p.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.prepare:
        print(json.dumps(prepare()))
        return
    url = server_url(args.database)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false"}
    ensure_database(url)
    targets = json.loads(prepared(env))
    if targets.get("empty"):
        subprocess.run([BIN / "pathfinder", "load", str(national_package())], env=env, check=True)
        targets = json.loads(prepared(env))
    analyze(url)
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - read after the server stops
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "pathfinder.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            # Longer than the users' pauses, as behind a balancer whose idle timeout is
            # shorter than the server's: otherwise a request can meet a closing connection.
            "--keep-alive",
            "10",
        ],
        env=env,
        stderr=log,
    )
    load_before = os.getloadavg()
    try:
        warm_up(port, server)
        with tempfile.TemporaryDirectory(prefix="pathfinder-locust-") as tmp:
            prefix = Path(tmp) / "run"
            sign_in_out = Path(tmp) / "sign-in.json"
            subprocess.run(
                [
                    BIN / "locust",
                    "-f",
                    HERE / "locustfile.py",
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    # The locustfile stops the run --time seconds after the last sign-in;
                    # this only bounds a run whose sign-ins never end.
                    "--run-time",
                    f"{args.time + SIGN_IN_ALLOWANCE}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                    "--loglevel",
                    "WARNING",
                ],
                env={
                    **env,
                    "PATHFINDER_LOAD_TARGETS": json.dumps(targets),
                    "PATHFINDER_LOAD_SECONDS": str(args.time),
                    "PATHFINDER_SIGN_IN_OUT": str(sign_in_out),
                },
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            rows = summary(Path(f"{prefix}_stats.csv"))
            sign_in = sign_in_phase(sign_in_out)
            with Path(f"{prefix}_failures.csv").open() as f:
                failures = [
                    f"{r['Name']}: {r['Error']} ({r['Occurrences']}×)" for r in csv.DictReader(f)
                ]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        timeouts = log.read().count("WORKER TIMEOUT")
    load = {"before": load_before[0], "after": os.getloadavg()[0]}
    report(rows, sign_in, targets, load, args)
    for line in failures:
        print(line, file=sys.stderr)
    if timeouts:
        print(f"gunicorn stopped {timeouts} worker(s) that took over 30 s", file=sys.stderr)


def sign_in_phase(path: Path) -> list[dict]:
    """Each request of the sign-in phase: count, median, slowest, errors."""
    if not path.is_file():
        return []
    out = []
    for name, samples in sorted(json.loads(path.read_text()).items()):
        times = sorted(ms for ms, _ in samples)
        out.append(
            {
                "page": name,
                "requests": len(times),
                "errors": sum(1 for _, ok in samples if not ok),
                "p50": round(times[(len(times) - 1) // 2]),
                "max": round(times[-1]),
            }
        )
    return out


def report(rows: list[dict], sign_in: list[dict], targets: dict, load: dict, args):
    if args.json:
        out = {"targets": targets, "load_average": load, "rows": rows, "sign_in": sign_in}
        print(json.dumps(out, indent=1))
        return
    print(
        f"{args.users} users, {args.time} s after the last sign-in, governance lead of "
        f"{targets['cluster']} ({targets['scope_size']} organisations in scope); "
        f"load average {load['before']:.1f} before, {load['after']:.1f} after"
    )
    print("| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors | p95 < 500 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        ok = "yes" if r["p95"] < 500 and not r["errors"] else "**no**"
        name = "**all pages and lists**" if r["page"] == "Aggregated" else r["page"]
        print(
            f"| {name} | {r['requests']} | {r['rps']:.1f} | {r['p50']} | {r['p95']} "
            f"| {r['p99']} | {r['errors']} | {ok} |"
        )
    if sign_in:
        print("\nBefore the timed window (every user signs in, then opens the home page):")
        print("| request | requests | p50 ms | slowest ms | errors |")
        print("|---|---|---|---|---|")
        for r in sign_in:
            print(f"| {r['page']} | {r['requests']} | {r['p50']} | {r['max']} | {r['errors']} |")


if __name__ == "__main__":
    main()
