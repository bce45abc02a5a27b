"""Real-browser fixtures: Playwright driving Debian's Chromium (never a downloaded
browser) against pytest-django's live server, with axe for accessibility."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django must allow its ORM here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(
            "Debian's Chromium is missing, so the browser tests cannot run: "
            "install it with `make chromium` (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    # Generous: the suite runs a worker per core, so a page may wait for the CPU.
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda m: _note_csp_violation(page, m.text))
    yield page
    context.close()
    # Every browser test runs under the Content-Security-Policy production sends.
    assert not page.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
        page.csp_violations
    )


def _note_csp_violation(page, text: str) -> None:
    if "Content Security Policy" in text:
        page.csp_violations.append(f"{page.url}: {text}")


@pytest.fixture
def demo(east):
    from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts

    ensure_demo_accounts(by="test:browser")
    return DEMO_PASSWORD


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    # A click that navigates returns once the new page is committed, before it is parsed.
    page.wait_for_load_state()
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    """Type a date into the NHS.UK date input whose legend is `legend`."""
    group = page.get_by_role("group", name=legend)
    for part, value in (("Day", day), ("Month", month), ("Year", year)):
        group.get_by_label(part, exact=True).fill(value)


def date_shown(page, legend: str) -> tuple[str, str, str]:
    group = page.get_by_role("group", name=legend)
    return tuple(group.get_by_label(p, exact=True).input_value() for p in ("Day", "Month", "Year"))
