"""Whole-process start-up of the command line: the median of repeated runs.

    .venv/bin/python bench/startup.py             # 5 runs each, the demo database
    .venv/bin/python bench/startup.py --repeat 9 --top 15

Times `pathfinder where` (settings only) and one analysis command (`risks`, which loads
the app registry and reads the database) as the shell runs them, from fork to exit, and
lists the slowest imports of the analysis (`python -X importtime`, self plus children,
of the imports nothing else asked for). The database is the one DATABASE_URL names, else
the demo's (`pathfinder demo --no-serve` makes it).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
COMMANDS = {
    "where": ["where"],
    "risks": ["risks", "--as-at", "2011-10-01", "--json"],
}


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([PATHFINDER, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def top_imports(args: list[str], n: int) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", PATHFINDER, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit() and not name.startswith("  "):
            rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:n]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--top", type=int, default=0, help="also list the slowest top-level imports")
    args = p.parse_args()
    timed(["where"])  # the first run pays for the disk cache; not counted
    print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat} whole processes")
    for name, command in COMMANDS.items():
        times = [timed(command) for _ in range(args.repeat)]
        print(
            f"pathfinder {name:6} {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f})"
        )
    if args.top:
        for us, name in top_imports(COMMANDS["risks"], args.top):
            print(f"  {us / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
