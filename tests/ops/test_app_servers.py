"""Two app servers and one task worker on one PostgreSQL database, in production
settings, behind what a load balancer would send them: a session and a CSRF token made on
one work on the other, an edit on one is seen on the other, and a board pack asked for
through one is built by the worker and seen built on both (docs/decisions/0157)."""

import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.conftest import EAST

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "pathfinder.test"  # the one name both servers answer to, as behind a balancer
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One person's cookies, sent to whichever server is asked, over plain loopback HTTP
    as a TLS-ending proxy forwards it (hence the forwarded scheme)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}{path}"
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            for value in r.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    assert morsel["secure"], f"{name} cookie not marked Secure"
                    self.cookies[name] = morsel.value
            text = data if data.startswith(b"%PDF") else data.decode()
            return r.status, r.headers.get("Location", ""), text
        finally:
            c.close()

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, form):
        return self.request(port, "POST", path, form)

    def submit(self, form_from: int, post_to: int, path: str, **fields):
        """Fetch the form at `path` from one server and post it, with its CSRF token, to
        `post_to`."""
        _, _, page = self.get(form_from, path)
        return self.post(post_to, path, {"csrfmiddlewaretoken": csrf_token(page), **fields})


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def wait_until_up(ports, processes, timeout=60):
    deadline = time.monotonic() + timeout
    for port in ports:
        while True:
            for p in processes:
                assert p.poll() is None, p.communicate()[1][-2000:]
            try:
                status, _, _ = Browser().get(port, "/sign-in/")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"server on {port} did not start"
            time.sleep(0.2)


@pytest.fixture
def deployment(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL deployment test: run with DATABASE_URL=postgres://…")
    from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts
    from pathfinder.packages.loader import load_package

    assert load_package(EAST, by="test:deployment").ok
    ensure_demo_accounts(by="test:deployment")
    db = connection.settings_dict
    who = db["USER"] + (f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    url = f"postgres://{who}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connections.close_all()
    env = {
        "PATH": str(BIN) + ":/usr/bin:/bin",
        "DATABASE_URL": url,
        "PATHFINDER_PRODUCTION": "true",
        "SECRET_KEY": "one-secret-shared-by-every-app-server-" + "k" * 30,
        "ALLOWED_HOSTS": HOST,
        # Sessions are kept in the database, not on a server's disk: no shared folder.
        "HOME": str(tmp_path),
        # The governance lead's second factor is two-factor's own tests' business.
        "PATHFINDER_REQUIRE_2FA": "false",
    }
    ports = [free_port(), free_port()]
    logs = [open(tmp_path / f"server{i}.log", "w") for i in range(3)]  # noqa: SIM115
    processes = [
        subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "pathfinder.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--chdir",
                str(tmp_path),
            ],
            env=env,
            stdout=logs[i],
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, port in enumerate(ports)
    ]
    processes.append(
        subprocess.Popen(
            [str(BIN / "pathfinder"), "worker", "--interval", "0.2"],
            env=env,
            cwd=tmp_path,
            stdout=logs[2],
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    try:
        wait_until_up(ports, processes)
        yield ports, DEMO_PASSWORD
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for f in logs:
            f.close()


def test_two_app_servers_and_a_worker_share_one_database(deployment):
    (one, two), password = deployment
    lead = Browser()

    # Signed in on one, the session is known to the other
    status, where, _ = lead.submit(
        one, one, "/sign-in/", username="governance_lead", password=password, next="/"
    )
    assert status == 302 and where == "/", (status, where)
    assert "sessionid" in lead.cookies
    status, _, home = lead.get(two, "/")
    assert status == 200 and "Sign out" in home

    # A form's CSRF token from one is accepted by the other, and the edit is seen on one
    status, where, body = lead.submit(
        one, two, "/risk/R03/controls/add/",
        description="Retention bonuses agreed", added_on="2011-10-01",
    )  # fmt: skip
    assert status == 302, body[-1500:]
    _, _, risk = lead.get(one, "/risk/R03/")
    assert "Retention bonuses agreed" in risk

    # A stranger's POST without a token is refused by either
    status, _, _ = Browser().post(two, "/risk/R03/controls/add/", {"description": "x"})
    assert status == 403

    # A board pack asked for through one is built by the worker and seen built on both
    status, where, _ = lead.submit(one, one, "/meetings/M-PET-11/packs/")
    assert status == 302 and re.fullmatch(r"/bodies/B-PET/packs/\d+/", where), where
    deadline = time.monotonic() + 120
    while "Download the PDF" not in lead.get(two, where)[2]:
        assert time.monotonic() < deadline, "the worker did not build the pack"
        time.sleep(0.5)
    for port in (one, two):
        status, _, page = lead.get(port, where)
        assert status == 200 and "Download the PDF" in page
        status, _, pdf = lead.get(port, where + "pdf/")
        assert status == 200 and pdf.startswith(b"%PDF")
