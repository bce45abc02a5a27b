"""The pages boards and leads use most, and the API's list routes, for `locust`.

bench/load_test.py runs it; PATHFINDER_LOAD_TARGETS (JSON from `load_test.py --prepare`)
names the account and the records of its scope that the pages are asked about.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

TARGETS = json.loads(os.environ.get("PATHFINDER_LOAD_TARGETS", "{}"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def pages(t: dict) -> dict[str, str]:
    return {
        "organisations": "/organisations/",
        "an organisation": f"/organisations/{t['org']}/",
        "structure": "/structure/",
        "accountability findings": "/accountability/findings/",
        "conflicts of a decision": f"/meetings/{t['meeting']}/",
        "registers": f"/registers/{t['org']}/",
        "finance overview": "/finance/",
        "risk register": f"/risks/{t['risk_org']}/",
        "heat map": f"/risks/{t['risk_org']}/heat-map/",
        "support": "/support/",
        "agendas": "/agendas/",
    }


API_LISTS = [
    "organisations",
    "relationships",
    "people",
    "posts",
    "bodies",
    "memberships",
    "accountability-lines",
    "delegations",
    "interests",
    "gifts",
    "returns",
    "meetings",
    "finance/budgets",
    "finance/ledger",
    "qipp/schemes",
    "risks",
    "support/offers",
    "support/sessions",
    "support/bookings",
    "support/assessments",
    "agendas/proposals",
    "agendas/positions",
]


class BoardLead(HttpUser):
    """A cluster's governance lead reading pages, a second or two apart."""

    wait_time = between(
        float(os.environ.get("THINK_MIN", "1")), float(os.environ.get("THINK_MAX", "2"))
    )

    def on_start(self):
        page = self.client.get("/sign-in/", name="sign in (form)")
        token = TOKEN.search(page.text).group(1)
        done = self.client.post(
            "/sign-in/",
            {
                "csrfmiddlewaretoken": token,
                "username": TARGETS["username"],
                "password": TARGETS["password"],
                "next": "/",
            },
            name="sign in",
            allow_redirects=False,
        )
        assert done.status_code == 302, done.status_code
        self.client.get(f"/?as_at={TARGETS['as_at']}", name="home")

    @task
    def next_page(self):
        """Every page and list in turn, each user starting at its own place."""
        if not hasattr(self, "queue"):
            self.queue = list(pages(TARGETS).items())
            self.queue += [(f"api/{r}", f"/api/{r}") for r in API_LISTS]
            self.turn = random.randrange(len(self.queue))
        self.turn = (self.turn + 1) % len(self.queue)
        name, path = self.queue[self.turn]
        self.client.get(path, name=name)
