"""In-process timers of a load, printed to standard error when PATHFINDER_LOAD_TIMINGS
is set (bench/run.py --timings): where a load's time goes, without a profiler's cost."""

import os
import sys
import time
from contextlib import contextmanager

ON = bool(os.environ.get("PATHFINDER_LOAD_TIMINGS"))
START = time.perf_counter()


@contextmanager
def timed(label: str):
    if not ON:
        yield
        return
    t = time.perf_counter()
    try:
        yield
    finally:
        now = time.perf_counter()
        print(f"load timing: {label} {now - t:.3f} s (at {now - START:.2f} s)", file=sys.stderr)
