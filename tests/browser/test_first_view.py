"""The first view of a page in a real browser, against the real server.

`pathfinder demo` (gunicorn, as core/serve.py runs it) on a free port, over a demo
database of its own; Chromium signs in as the governance lead and opens each page for
the first time. These pages once took a steady 5 s to load in a browser while their
server answered in 0.1 s: the NHS.UK stylesheet's fonts came from a host the machine
could not reach (docs/decisions/0185)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pathfinder.core.accounts import DEMO_PASSWORD

PAGES = [
    "/organisations/",
    "/structure/",
    "/organisations/C-PET/bodies/",
    "/registers/reminders/",
    "/finance/",
    "/agendas/",
]
FIRST_VIEW_SECONDS = 1.0
PATHFINDER = Path(sys.executable).parent / "pathfinder"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"`pathfinder demo` ended with {server.returncode} before serving")
        try:
            urllib.request.urlopen(f"{url}/sign-in/", timeout=5).close()  # noqa: S310 - loopback
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    pytest.fail(f"`pathfinder demo` did not answer on {url} within {seconds:.0f} s")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-view")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings",
    }
    env.pop("PATHFINDER_NHS_FONTS", None)
    with (folder / "server.log").open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own command
            [PATHFINDER, "demo", "--port", str(port), "--no-worker"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def test_the_first_view_of_each_slow_page_loads_within_a_second(page, served):
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            elsewhere.append(r.url) if urlsplit(r.url).netloc != urlsplit(served).netloc else None
        ),
    )
    page.goto(f"{served}/sign-in/")
    page.get_by_label("Username").fill("governance_lead")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{served}/")

    took = {}
    for path in PAGES:
        start = time.perf_counter()
        response = page.goto(f"{served}{path}", wait_until="load")
        took[path] = time.perf_counter() - start
        assert response.status == 200, path
        assert page.url == f"{served}{path}", f"{path} sent the lead to {page.url}"
    print("first views:", {p: f"{s:.3f} s" for p, s in took.items()})
    slow = {p: round(s, 2) for p, s in took.items() if s >= FIRST_VIEW_SECONDS}
    assert not slow, f"first views over {FIRST_VIEW_SECONDS} s: {slow}"
    assert not elsewhere, f"pages asked another host for: {sorted(set(elsewhere))}"
