"""The pages boards and leads use most, and the API's list routes, for `locust`.

bench/load_test.py runs it; PATHFINDER_LOAD_TARGETS (JSON from `load_test.py --prepare`)
names the account, the date and the records of its scope that the pages are asked about.

What is timed is the steady state (docs/decisions/0215): every user signs in and opens
the home page first; when the last one has, locust's statistics are reset, the users
start their rounds spread over one pause, and PATHFINDER_LOAD_SECONDS later the run
stops. The sign-in phase is timed apart and written to PATHFINDER_SIGN_IN_OUT.
"""

import json
import os
import random
import re

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

TARGETS = json.loads(os.environ.get("PATHFINDER_LOAD_TARGETS", "{}"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THINK = (float(os.environ.get("THINK_MIN", "1")), float(os.environ.get("THINK_MAX", "2")))
SECONDS = float(os.environ.get("PATHFINDER_LOAD_SECONDS", "60"))
SIGN_IN_OUT = os.environ.get("PATHFINDER_SIGN_IN_OUT", "")

all_signed_in = Event()
signed_in = []
sign_in_times: dict[str, list] = {}


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


def queue(t: dict) -> list[tuple[str, str]]:
    """Every page, then every API list as at the package's date: without `as_at` a list
    answers as at today, after the package's records end, and most would be empty."""
    api = [(f"api/{r}", f"/api/{r}?as_at={t['as_at']}") for r in API_LISTS]
    return list(pages(t).items()) + api


@events.request.add_listener
def _sign_in_phase(name, response_time, exception, **_):
    if not all_signed_in.is_set():
        sign_in_times.setdefault(name, []).append([response_time, exception is None])


@events.test_stop.add_listener
def _write_sign_in_phase(**_):
    if SIGN_IN_OUT:
        with open(SIGN_IN_OUT, "w") as f:
            json.dump(sign_in_times, f)


class BoardLead(HttpUser):
    """A cluster's governance lead reading pages, a second or two apart."""

    wait_time = between(*THINK)

    def on_start(self):
        try:
            self.sign_in()
        finally:
            # A user whose sign-in failed still arrives: the others do not wait for it.
            signed_in.append(self)
            if len(signed_in) == self.environment.runner.target_user_count:
                self.environment.stats.reset_all()
                all_signed_in.set()
                gevent.spawn_later(SECONDS, self.environment.runner.quit)
        all_signed_in.wait()
        gevent.sleep(random.uniform(0, THINK[1]))
        self.queue = queue(TARGETS)
        self.turn = random.randrange(len(self.queue))

    def sign_in(self):
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
        self.turn = (self.turn + 1) % len(self.queue)
        name, path = self.queue[self.turn]
        self.client.get(path, name=name)
