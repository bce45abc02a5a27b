"""A national administrator's client on the east-2011 example grown past one page."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathfinder.core.accounts import ensure_demo_accounts
from tests.web.conftest import signed_in


@pytest.fixture
def grown_admin(east, grow_east):
    grow_east(600)
    ensure_demo_accounts(by="test:lists")
    client = signed_in(Client(), get_user_model().objects.get(username="administrator"))
    client.get("/?as_at=2011-10-01")
    return client


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def shown(page: str) -> int:
    """The N of "Showing 1 to 50 of N", 0 for "No ... match"."""
    line = page.split("pf-count")[1].split("</p>")[0]
    if "Showing" not in line:
        return 0
    return int(line.split(" of ")[1].split()[0].replace(",", ""))


@pytest.fixture
def east_admin(east):
    """The administrator's client on the example as loaded."""
    ensure_demo_accounts(by="test:lists")
    return signed_in(Client(), get_user_model().objects.get(username="administrator"))
