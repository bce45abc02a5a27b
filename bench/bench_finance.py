"""Finance benchmarks on a 1,000,000-line ledger (the national synthetic package).

1. The statutory roll-up for a year, `pathfinder finance ... --json`, as a whole process,
   against DuckDB computing the same sums from the package's CSV files, also as a whole
   process, on the same machine in the same run. The two answers are compared.
2. The finance overview page's server time (target: under 300 ms), and its chart.

DuckDB is not a dependency of Pathfinder: the bench uses the Python named by
DUCKDB_PYTHON, or makes a throwaway virtual environment with duckdb in the system's
temporary directory.

    .venv/bin/python bench/bench_finance.py [--repeat 5] [--scale national]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHFINDER = str(BIN / "pathfinder")
WORK = Path(tempfile.gettempdir()) / "pathfinder-bench-finance"
YEAR, AS_AT, START = "2011-12", "2012-03-31", "2011-04-01"
PAGE_TARGET_MS = 300

DUCKDB_SCRIPT = """
import json, sys, duckdb
pkg, year, start, d = sys.argv[1:5]
con = duckdb.connect()
rows = con.execute(f'''
WITH deleg AS (
  SELECT child_code AS org, min(parent_code) AS parent
  FROM read_csv('{pkg}/relationships.csv', all_varchar = true)
  WHERE kind = 'delegates_budget' AND valid_from <= '{d}'
    AND (valid_to IS NULL OR valid_to = '' OR valid_to >= '{d}')
  GROUP BY child_code),
spend AS (
  SELECT org_code AS org, sum(amount) AS actual
  FROM read_csv('{pkg}/ledger.csv', header = true,
    columns = {{'date': 'DATE', 'org_code': 'VARCHAR', 'category': 'VARCHAR',
               'supplier': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'reference': 'VARCHAR'}})
  WHERE date BETWEEN DATE '{start}' AND DATE '{d}'
  GROUP BY org_code),
budget AS (
  SELECT org_code AS org, sum(amount) AS budget
  FROM read_csv('{pkg}/budgets.csv', header = true,
    columns = {{'org_code': 'VARCHAR', 'financial_year': 'VARCHAR', 'category': 'VARCHAR',
               'amount': 'DECIMAL(18,2)'}})
  WHERE financial_year = '{year}'
  GROUP BY org_code),
money AS (
  SELECT coalesce(s.org, b.org) AS org, coalesce(b.budget, 0) AS budget,
         coalesce(s.actual, 0) AS actual
  FROM spend s FULL OUTER JOIN budget b ON s.org = b.org)
SELECT coalesce(d.parent, m.org) AS grp, sum(m.budget), sum(m.actual)
FROM money m LEFT JOIN deleg d ON d.org = m.org
GROUP BY grp ORDER BY grp
''').fetchall()
print(json.dumps([[g, f"{b:.2f}", f"{a:.2f}"] for g, b, a in rows]))
"""


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def duckdb_python() -> str:
    given = os.environ.get("DUCKDB_PYTHON")
    if given:
        return given
    venv = WORK / "duckdb-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "duckdb"], check=True)
    return str(python)


def prepare(scale: str, env: dict) -> Path:
    pkg = WORK / f"package-{scale}"
    if not (pkg / "ledger.csv").exists():
        print(f"writing the {scale} synthetic package …", flush=True)
        subprocess.run([PATHFINDER, "synth", "--scale", scale, "--seed", "1", str(pkg)], check=True)
    db = WORK / f"finance-{scale}.sqlite3"
    if not db.exists():
        print("loading it into SQLite …", flush=True)
        seconds, _ = timed([PATHFINDER, "load", str(pkg)], env)
        print(f"  loaded in {seconds:.1f} s")
    return pkg


def page_times(repeat: int) -> dict:
    """Server time of the overview page and of its chart, in this process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.test import Client
    from django.test.utils import setup_test_environment

    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment
    from pathfinder.organisations.models import Organisation

    setup_test_environment()
    User = get_user_model()
    user = User.objects.filter(username="bench-finance-clusters").first()
    if user is None:
        user = actions.create(
            User,
            by="bench:finance",
            username="bench-finance-clusters",
            password=make_password(None),
        )
        # A finance lead over every cluster: all the money of the statutory bodies and
        # the consortia they delegate to.
        for code in Organisation.objects.filter(kind="cluster").values_list("code", flat=True):
            actions.create(
                RoleAssignment, by="bench:finance", user=user, role="viewer", org_code=code
            )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    query = {"year": YEAR, "by": "statutory", "as_at": AS_AT}
    out = {}
    for name, url in (("overview", "/finance/"), ("chart", "/finance/chart.svg")):
        client.get(url, query)  # first request: sessions, templates
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url, query)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        out[name] = {"median_ms": statistics.median(times), "min_ms": min(times)}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", default="national", choices=("small", "region", "national"))
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"finance-{args.scale}.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    # As `make install` does: byte-compile once, so no run pays for compiling sources.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", str(ROOT / "src"), str(BIN.parent)],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    pkg = prepare(args.scale, env)
    with open(pkg / "ledger.csv") as f:
        lines = sum(1 for _ in f) - 1
    duck = duckdb_python()
    script = WORK / "duckdb_rollup.py"
    script.write_text(DUCKDB_SCRIPT)

    pf_cmd = [PATHFINDER, "finance", "--year", YEAR, "--by", "statutory", "--as-at", AS_AT]
    pf_cmd.append("--json")
    duck_cmd = [duck, str(script), str(pkg), YEAR, START, AS_AT]
    timed(pf_cmd, env)  # warm the file cache for both
    timed(duck_cmd)
    pf_times, duck_times = [], []
    for _ in range(args.repeat):
        seconds, pf_out = timed(pf_cmd, env)
        pf_times.append(seconds)
        seconds, duck_out = timed(duck_cmd)
        duck_times.append(seconds)
    pf_rows = [
        [r["group"].removeprefix("org:"), r["budget"], r["actual"]]
        for r in json.loads(pf_out)["rows"]
    ]
    same = pf_rows == json.loads(duck_out)
    start = time.perf_counter()
    subprocess.run([PATHFINDER, "where"], env=env, capture_output=True, check=True)
    startup = time.perf_counter() - start

    pages = page_times(args.repeat)
    result = {
        "ledger_lines": lines,
        "groups": len(pf_rows),
        "same_sums": same,
        "pathfinder_median_s": statistics.median(pf_times),
        "pathfinder_min_s": min(pf_times),
        "duckdb_median_s": statistics.median(duck_times),
        "duckdb_min_s": min(duck_times),
        "pathfinder_startup_s": startup,
        "overview_page": pages["overview"],
        "chart_svg": pages["chart"],
    }
    print(json.dumps(result, indent=1))
    print(
        f"\nstatutory roll-up of {lines:,} ledger lines, whole process, median of "
        f"{args.repeat}: pathfinder {result['pathfinder_median_s']:.2f} s, "
        f"DuckDB {result['duckdb_median_s']:.2f} s; same sums: {same}"
    )
    ok_page = pages["overview"]["median_ms"] < PAGE_TARGET_MS
    print(
        f"finance overview page: {pages['overview']['median_ms']:.0f} ms median server time "
        f"(target < {PAGE_TARGET_MS} ms: {'met' if ok_page else 'NOT met'}); "
        f"its chart image: {pages['chart']['median_ms']:.0f} ms"
    )
    if not same:
        raise SystemExit("the two answers differ")


if __name__ == "__main__":
    main()
