"""Production mode's headers and cookies, asserted on real responses: a child process
starts Django with the production environment (settings are read once, at start), signs
in and reports what it was sent."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

HOST = "pathfinder.example.org"

CHILD = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts

    call_command("migrate", verbosity=0)
    call_command("check", deploy=True, fail_level="WARNING")
    ensure_demo_accounts(by="test:headers")
    client = Client(HTTP_HOST=%(host)r, HTTP_X_FORWARDED_PROTO="https")
    page = client.get("/sign-in/")
    signed = client.post("/sign-in/", {"username": "editor", "password": DEMO_PASSWORD})
    plain = Client(HTTP_HOST=%(host)r).get("/sign-in/")

    def cookies(response):
        return {
            name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]),
                   "samesite": c["samesite"]}
            for name, c in response.cookies.items()
        }

    print(json.dumps({
        "status": page.status_code,
        "headers": dict(page.headers),
        "cookies": {**cookies(page), **cookies(signed)},
        "signed_in": signed.status_code,
        "plain": [plain.status_code, plain.get("Location", "")],
        "body": page.content.decode(),
    }))
    """
) % {"host": HOST}


@pytest.fixture(scope="module")
def production():
    env = {
        **os.environ,
        "PATHFINDER_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "headers-test-" + "k" * 50,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": "sqlite://:memory:",
        "DJANGO_SETTINGS_MODULE": "pathfinder.settings",
    }
    # Neither the browser tests' switch (set in this process when they load) nor a
    # developer's two-factor choice belongs in a production environment.
    for name in ("PATHFINDER_REQUIRE_2FA", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_and_the_page_answers(production):
    # The child ran `check --deploy --fail-level WARNING` before asking for the page.
    assert production["status"] == 200


def test_hsts(production):
    hsts = production["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_plain_http_is_sent_to_https(production):
    status, location = production["plain"]
    assert status == 301 and location == f"https://{HOST}/sign-in/"


def test_a_content_security_policy_without_inline_scripts(production):
    policy = production["headers"]["Content-Security-Policy"]
    directives = dict(
        (d.split()[0], d.split()[1:]) for d in (p.strip() for p in policy.split(";")) if d
    )
    script = directives["script-src"]
    assert "'self'" in script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    nonces = [s for s in script if s.startswith("'nonce-")]
    assert len(nonces) == 1
    # The one inline script on the page is the NHS.UK template's, and it carries the nonce.
    nonce = nonces[0].removeprefix("'nonce-").rstrip("'")
    assert production["body"].count("<script") == production["body"].count(f'nonce="{nonce}"') + 1
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"] and directives["base-uri"] == ["'self'"]


def test_other_headers(production):
    headers = production["headers"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_secure_and_http_only(production):
    assert production["signed_in"] == 302
    cookies = production["cookies"]
    assert {"sessionid", "csrftoken"} <= cookies.keys()
    for name in ("sessionid", "csrftoken"):
        assert cookies[name]["secure"] and cookies[name]["httponly"], name
        assert cookies[name]["samesite"] == "Lax", name
