"""Shared fixtures: data is built through the domain (package loads and actions)."""

import csv
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PATHFINDER_SHARED", ROOT.parent / "shared"))
EAST = SHARED / "examples" / "east-2011"


# Files of the longest tests, longest first (measured with --durations on two cores):
# they start first, on both workers, and the many short tests fill in behind them, so no
# long test is left to end the run alone (docs/decisions/0190-test-run-time.md). Add a
# file here when its tests take a minute or more.
LONG_FIRST = (
    "tests/reports/test_pack_example.py",
    "tests/packages/test_load_killed.py",
    "tests/browser/test_journeys.py",
    "tests/web/test_query_budgets.py",
    "tests/packs/test_worker_processes.py",
    "tests/ops/test_backup.py",
    "tests/reports/test_pack_page.py",
    "tests/governance/test_accountability_narrowing.py",
    "tests/packs/test_pack_records.py",
    "tests/ops/test_app_servers.py",
)


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which it keeps
def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture
def east(db):
    """The east-2011 example package, loaded through the package loader."""
    from pathfinder.packages.loader import load_package

    result = load_package(EAST, by="test:east")
    assert result.ok, [str(p) for p in result.errors]
    return result


@pytest.fixture
def assert_max_queries():
    """`with assert_max_queries(n): client.get(url)` fails, listing the queries, when the
    block runs more than n. Every response the test client returns inside the block is
    rendered and, if streamed, read to the end there, so template rendering and
    generated downloads count too. Yields Django's CaptureQueriesContext."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    @contextmanager
    def at_most(n: int, what: str = "the block"):
        send = Client.request

        def request_read_whole(self, **request):
            response = send(self, **request)
            if getattr(response, "streaming", False):
                response.streaming_content = [b"".join(response.streaming_content)]
            elif hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

        with CaptureQueriesContext(connection) as ctx:
            Client.request = request_read_whole
            try:
                yield ctx
            finally:
                Client.request = send
        if len(ctx) > n:
            listed = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(ctx, start=1))
            pytest.fail(f"{what}: {len(ctx)} queries, more than {n}:\n{listed}", pytrace=False)

    return at_most


def _append(path: Path, rows) -> None:
    with path.open("a", newline="") as f:
        csv.writer(f).writerows(rows)


def grown_package(folder: Path, n: int) -> Path:
    """The east-2011 example with about n more rows in the tables pages list, all in the
    Cambridge consortium (C-CAM) and its board (B-CAM): risks, ledger lines, QIPP schemes
    and savings, practices, people with posts and seats, interests, gifts, meetings with
    decisions and attendance. Written as a package, so it is loaded through the domain."""
    pkg = folder / "grown"
    shutil.copytree(EAST, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))
    tenth = n // 10
    _append(pkg / "risks.csv", [
        [f"X{i:05d}", "C-CAM", f"Grown risk {i}", "operational", "P03", 1 + i % 5,
         1 + (i // 5) % 5, 1 + i % 5, 1 + (i // 5) % 5, 1, 1, "2011-05-01", "2011-08-01", 90, ""]
        for i in range(n)
    ])  # fmt: skip
    _append(pkg / "ledger.csv", [
        [f"2011-{4 + i % 6:02d}-{1 + i % 28:02d}", "C-CAM", "community", f"Supplier {i % 50}",
         f"{100 + i}.25", f"GROWN{i:06d}"]
        for i in range(n)
    ])  # fmt: skip
    _append(pkg / "qipp_schemes.csv", [
        [f"Q-X{i:04d}", "C-CAM", f"Grown scheme {i}", "productivity", "P03", "2011-12", "", ""]
        for i in range(tenth)
    ])  # fmt: skip
    _append(
        pkg / "qipp_savings.csv",
        [[f"Q-X{i:04d}", "2011-06", "1000.00", "900.00"] for i in range(tenth)],
    )
    _append(pkg / "interests.csv", [
        [f"IX{i:05d}", "P03", "non_financial_personal", "", f"Grown interest {i}", "2011-01-01", "",
         "2011-01-10"]
        for i in range(tenth)
    ])  # fmt: skip
    _append(pkg / "organisations.csv", [
        [f"Y{i:05d}", f"Grown Practice {i}", "practice", "false", "", "2004-04-01", ""]
        for i in range(tenth)
    ])  # fmt: skip
    _append(pkg / "relationships.csv", [
        ["C-CAM", f"Y{i:05d}", "member_practice", "2011-04-01", ""] for i in range(tenth)
    ])  # fmt: skip
    _append(
        pkg / "people.csv",
        [[f"PX{i:05d}", f"Grown Person {i}", "manager", ""] for i in range(tenth)],
    )
    _append(pkg / "posts.csv", [
        [f"PX{i:05d}", "C-CAM", "Grown officer", "staff", "", "", "2011-04-01", ""]
        for i in range(tenth)
    ])  # fmt: skip
    _append(pkg / "memberships.csv", [
        ["B-CAM", f"PX{i:05d}", "attendee", "false", "2011-04-01", ""] for i in range(tenth)
    ])  # fmt: skip
    _append(pkg / "gifts.csv", [
        [f"GX{i:05d}", "P03", "hospitality", "FED1", f"Grown gift {i}", "20.00", "2011-06-01",
         "true", "2011-06-02"]
        for i in range(tenth)
    ])  # fmt: skip
    meetings = [f"M-X{i:04d}" for i in range(n // 100)]
    _append(pkg / "meetings.csv", [
        [m, "B-CAM", f"2011-{4 + i % 8:02d}-{1 + i % 28:02d}"] for i, m in enumerate(meetings)
    ])  # fmt: skip
    _append(pkg / "decisions.csv", [
        [f"D-X{i:05d}", meetings[i % len(meetings)], "policy", f"Grown decision {i}", "", "",
         "approved"]
        for i in range(tenth)
    ])  # fmt: skip
    _append(pkg / "attendance.csv", [
        ["M-CAM-11", f"PX{i:05d}"] for i in range(tenth)
    ])  # fmt: skip
    return pkg


@pytest.fixture
def grow_east(db, tmp_path):
    """`grow_east(n)` replaces what is loaded with the east-2011 example grown by about n
    rows (see `grown_package`), loaded through the package loader."""
    from pathfinder.packages.loader import load_package

    def grow(n: int = 3000):
        result = load_package(grown_package(tmp_path, n), by="test:grown", replace=True)
        assert result.ok, [str(p) for p in result.errors][:10]
        return result

    return grow
