"""Benchmark of the board pack at national scale: the pack of the statutory body whose
area holds the largest cluster.

Synthesises the national package (`pathfinder synth --scale national --seed 1`), loads
it into a fresh SQLite database, picks the largest cluster (most organisations below
it) and the strategic health authority that hosts its PCTs, and times that body's board
pack: the sections, the HTML, the PDF, and its page (with its query count, beside the
count for the cluster's own board).

    .venv/bin/python bench/pack.py                       # synthesise, load, time
    .venv/bin/python bench/pack.py --database-url sqlite:////tmp/national.sqlite3
"""

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
AS_AT = dt.date(2011, 10, 15)


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def prepare(folder: Path) -> str:
    url = f"sqlite:///{folder / 'national.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    pkg = folder / "national"
    subprocess.run(
        [PATHFINDER, "synth", "--scale", "national", "--seed", "1", str(pkg)], check=True
    )
    subprocess.run([PATHFINDER, "load", str(pkg)], check=True, env=env)
    return url


def choose_bodies() -> tuple[str, str, str]:
    """(the cluster, its board, the board of the SHA hosting the cluster's PCTs)."""
    from pathfinder.core.scope import organisations_below
    from pathfinder.governance.models import Body
    from pathfinder.organisations.models import Organisation, Relationship

    clusters = Organisation.objects.filter(kind="cluster").values_list("code", flat=True)
    largest = max(sorted(clusters), key=lambda c: len(organisations_below({c})))
    pcts = Relationship.objects.filter(parent_id=largest, kind="cluster_member").values("child_id")
    sha = (
        Relationship.objects.filter(kind="hosts", child_id__in=pcts)
        .values_list("parent_id", flat=True)
        .first()
    )

    def board(org):
        return Body.objects.filter(org_id=org, kind="board").values_list("pk", flat=True)[0]

    return largest, board(largest), board(sha)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an already loaded national database")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="pathfinder-bench-pack-"))
    try:
        os.environ["DATABASE_URL"] = args.database_url or prepare(folder)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        run(args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(repeat: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.test import Client

    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment
    from pathfinder.core.scope import organisations_below
    from pathfinder.governance.models import Body
    from pathfinder.reports.document import pack_html, pack_pdf
    from pathfinder.reports.sections import build_pack

    settings.ALLOWED_HOSTS = ["*"]
    cluster, cluster_board, body = choose_bodies()
    org = Body.objects.get(pk=body).org_id
    user = get_user_model().objects.filter(username="bench-pack").first()
    if user is None:
        user = actions.create(
            get_user_model(), by="bench:pack", username="bench-pack", password=make_password(None)
        )
        actions.create(RoleAssignment, by="bench:pack", user=user, role="viewer", org_code=org)
        actions.create(RoleAssignment, by="bench:pack", user=user, role="viewer", org_code=cluster)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def page(b):
        def get():
            response = client.get(f"/bodies/{b}/pack/?as_at={AS_AT.isoformat()}")
            assert response.status_code == 200, response.status_code
            return response

        return get

    def queries(fn) -> int:
        seen = []

        def count(execute, sql, params, many, context):
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            fn()
        return len(seen)

    print(
        f"national package, SQLite; largest cluster {cluster} "
        f"({len(organisations_below({cluster}))} organisations below it); "
        f"body {body} of {org} ({len(organisations_below({org}))} organisations in its area); "
        f"as at {AS_AT}"
    )
    rows = [
        ("sections (build_pack)", timed(lambda: build_pack(body, AS_AT), repeat)[0]),
        ("HTML for the PDF (pack_html)", timed(lambda: pack_html(body, AS_AT), repeat)[0]),
        ("PDF (pack_pdf)", timed(lambda: pack_pdf(body, AS_AT), repeat)[0]),
        ("pack page (GET)", timed(page(body), repeat)[0]),
        (
            f"pack page of the cluster's board {cluster_board}",
            timed(page(cluster_board), repeat)[0],
        ),
    ]
    for label, seconds in rows:
        print(f"{label:<50} {seconds * 1000:8.0f} ms (median of {repeat})")
    counts = {b: queries(page(b)) for b in (body, cluster_board)}
    print("pack page queries: " + ", ".join(f"{n} ({b})" for b, n in counts.items()))


if __name__ == "__main__":
    main()
