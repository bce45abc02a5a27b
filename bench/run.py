"""Benchmarks of loading: `pathfinder load` against the database's own bulk import.

Each measurement is a whole child process: wall time, and its peak resident memory: the
largest sum over the child and every process under it (the parts of a load in parts),
sampled, and at least the kernel's accounting of the child (os.wait4). Packages come
from `pathfinder synth` and are kept between runs in a folder under the system's
temporary directory.

    .venv/bin/python bench/run.py                      # every benchmark, national scale
    .venv/bin/python bench/run.py --bench sqlite --repeat 5
    .venv/bin/python bench/run.py --bench postgres --scale region
    .venv/bin/python bench/run.py --bench postgres --repeat 1 --timings   # where it goes

PostgreSQL benchmarks use DATABASE_URL's server when it names one (postgres://...),
else postgres://postgres@127.0.0.1:5432; they create a database of their own and drop it.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHFINDER = str(BIN / "pathfinder")
TARGET_RATIO = {"sqlite": 2.5, "postgres": 3.0}  # by the database's name
TARGET_MB = 500
BENCH_DB = os.environ.get("PATHFINDER_BENCH_DB", "pathfinder_bench")

LEDGER_SQL = (
    "CREATE TABLE ledger (date TEXT, org_code TEXT, category TEXT, supplier TEXT, "
    "amount TEXT, reference TEXT)"
)


def measure(cmd: list[str], env: dict | None = None, stdin: str | None = None) -> dict:
    """Run a command; its wall time in seconds and peak resident memory in MB: the
    largest sum over the command and every process under it (sampled every 20 ms), and
    at least the kernel's figure for its largest process (os.wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, done), daemon=True)
    sampler.start()
    if stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    for line in err.splitlines():
        if line.startswith("load timing:"):  # PATHFINDER_LOAD_TIMINGS (--timings)
            print(f"  {line}", file=sys.stderr)
    return {"seconds": wall, "peak_mb": max(usage.ru_maxrss / 1024, peak[0] / (1 << 20))}


def _sample(pid: int, peak: list, done: threading.Event) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    while not done.wait(0.02):
        tree, total = {pid}, 0
        stats = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as f:
                        fields = f.read().rsplit(b")", 1)[1].split()
                    with open(f"/proc/{entry}/statm", "rb") as f:
                        rss = int(f.read().split()[1]) * page
                except OSError:
                    continue
                stats.append((int(entry), int(fields[1]), rss))
        grew = True
        while grew:  # the process and its descendants, whatever order /proc lists them
            grew = False
            for p, parent, _ in stats:
                if parent in tree and p not in tree:
                    tree.add(p)
                    grew = True
        total = sum(rss for p, _, rss in stats if p in tree)
        peak[0] = max(peak[0], total)


def package(scale: str, seed: int, ledger_only: bool) -> Path:
    """The synthetic package (made once), or a copy holding only organisations and ledger."""
    base = Path(tempfile.gettempdir()) / "pathfinder-bench"
    full = base / f"{scale}-{seed}"
    if not (full / "ledger.csv").exists():
        print(f"writing the {scale} package (seed {seed}) to {full} ...", file=sys.stderr)
        shutil.rmtree(full, ignore_errors=True)
        subprocess.run(
            [PATHFINDER, "synth", "--scale", scale, "--seed", str(seed), str(full)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    if not ledger_only:
        return full
    part = base / f"{scale}-{seed}-ledger"
    if not (part / "ledger.csv").exists():
        part.mkdir(parents=True, exist_ok=True)
        for name in ("organisations.csv", "ledger.csv"):
            shutil.copy(full / name, part / name)
    return part


def env_for(url: str) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    return env


def sqlite_round(pkg: Path, work: Path) -> tuple[dict, dict]:
    """One measurement of `sqlite3 .import` and one of `pathfinder load`, each fresh."""
    bare = work / "bare.sqlite3"
    bare.unlink(missing_ok=True)
    script = f"{LEDGER_SQL};\n.mode csv\n.import --skip 1 {pkg / 'ledger.csv'} ledger\n"
    base = measure(["sqlite3", str(bare)], stdin=script)
    db = work / "pathfinder.sqlite3"
    for p in work.glob("pathfinder.sqlite3*"):
        p.unlink()
    env = env_for(f"sqlite:///{db}")
    # The schema is made first: the figure is the load, not the migrations.
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)
    schema_copy = work / "floor.sqlite3"
    shutil.copy(db, schema_copy)
    ours = measure([PATHFINDER, "load", str(pkg)], env=env)
    # For reference: sqlite3 itself filling the app's ledger table, indexes and all.
    floor = measure(["sqlite3", str(schema_copy)], stdin=FLOOR_SQL.format(pkg / "ledger.csv"))
    ours["floor_seconds"] = floor["seconds"]
    return base, ours


FLOOR_SQL = """CREATE TEMP TABLE staged (date TEXT, org_code TEXT, category TEXT, supplier TEXT,
 amount TEXT, reference TEXT);
.mode csv
.import --skip 1 {} staged
INSERT INTO finance_ledgerentry (date, org_id, category, supplier, amount, reference)
 SELECT date, org_code, category, supplier, CAST(round(amount * 100) AS INTEGER), reference
 FROM staged;
"""


def postgres_round(pkg: Path, server: str) -> tuple[dict, dict]:
    admin = f"{server}/postgres"
    url = f"{server}/{BENCH_DB}"

    def psql(*args, db=admin):
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", db, *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    psql("-c", f"DROP DATABASE IF EXISTS {BENCH_DB}")
    psql("-c", f"CREATE DATABASE {BENCH_DB}")
    try:
        psql("-c", LEDGER_SQL, db=url)
        copy = f"\\copy ledger FROM '{pkg / 'ledger.csv'}' WITH (FORMAT csv, HEADER true)"
        base = measure(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", copy])
        psql("-c", "DROP TABLE ledger", db=url)
        env = env_for(url)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True
        )
        ours = measure([PATHFINDER, "load", str(pkg)], env=env)
    finally:
        psql("-c", f"DROP DATABASE IF EXISTS {BENCH_DB}")
    return base, ours


def summarise(name: str, rounds: list[tuple[dict, dict]], baseline: str) -> dict:
    base_s = statistics.median(b["seconds"] for b, _ in rounds)
    ours_s = statistics.median(o["seconds"] for _, o in rounds)
    ours_mb = max(o["peak_mb"] for _, o in rounds)
    ratio = ours_s / base_s
    out = {
        "bench": name,
        "runs": len(rounds),
        "baseline": baseline,
        "baseline_seconds": round(base_s, 2),
        "baseline_peak_mb": round(max(b["peak_mb"] for b, _ in rounds), 1),
        "load_seconds": round(ours_s, 2),
        "load_peak_mb": round(ours_mb, 1),
        "ratio": round(ratio, 2),
        "all_load_seconds": [round(o["seconds"], 2) for _, o in rounds],
        "target_ratio": target_ratio(name),
        "meets_target": ratio <= target_ratio(name) and ours_mb < TARGET_MB,
    }
    floors = [o["floor_seconds"] for _, o in rounds if "floor_seconds" in o]
    if floors:
        out["sqlite3_into_app_table_seconds"] = round(statistics.median(floors), 2)
    return out


def target_ratio(bench: str) -> float:
    return TARGET_RATIO[bench.split("-")[0]]


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0]
    return "postgres://postgres@127.0.0.1:5432"


BENCHES = {
    "sqlite": ("whole package into SQLite", False, "sqlite3 .import of ledger.csv"),
    "sqlite-ledger": ("organisations + ledger into SQLite", True, "sqlite3 .import of ledger.csv"),
    "postgres": ("whole package into PostgreSQL", False, "psql \\copy of ledger.csv"),
    "postgres-ledger": ("organisations + ledger into PostgreSQL", True, "psql \\copy"),
}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--bench",
        choices=[*BENCHES, "all"],
        action="append",
        help="benchmark to run (repeatable; default: all)",
    )
    p.add_argument("--scale", default="national", choices=("small", "region", "national"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="rounds per benchmark (median)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--timings",
        action="store_true",
        help="print the load's in-process timers (where its time goes) to standard error",
    )
    args = p.parse_args(argv)
    if args.timings:
        os.environ["PATHFINDER_LOAD_TIMINGS"] = "1"
    chosen = args.bench or ["all"]
    names = list(BENCHES) if "all" in chosen else list(dict.fromkeys(chosen))
    results = []
    with tempfile.TemporaryDirectory(prefix="pathfinder-bench-") as tmp:
        work = Path(tmp)
        for name in names:
            title, ledger_only, baseline = BENCHES[name]
            pkg = package(args.scale, args.seed, ledger_only)
            rounds = []
            for i in range(args.repeat):
                if name.startswith("sqlite"):
                    rounds.append(sqlite_round(pkg, work))
                else:
                    rounds.append(postgres_round(pkg, server_url()))
                b, o = rounds[-1]
                print(
                    f"{name} round {i + 1}: baseline {b['seconds']:.2f}s, "
                    f"load {o['seconds']:.2f}s {o['peak_mb']:.0f}MB",
                    file=sys.stderr,
                )
            result = summarise(name, rounds, baseline)
            result["title"] = title
            result["scale"] = args.scale
            result["load_average_after"] = round(os.getloadavg()[0], 2)
            results.append(result)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"{'benchmark':<17}{'baseline s':>11}{'load s':>9}{'ratio':>7}{'peak MB':>9}  target")
    for r in results:
        verdict = "met" if r["meets_target"] else "NOT met"
        print(
            f"{r['bench']:<17}{r['baseline_seconds']:>11.2f}{r['load_seconds']:>9.2f}"
            f"{r['ratio']:>7.2f}{r['load_peak_mb']:>9.0f}  {verdict} "
            f"(<= {r['target_ratio']:g}x, < {TARGET_MB} MB)"
        )


if __name__ == "__main__":
    main()
