"""The big pictures' pages on a loaded national database, in this process: the structure
picture, the accountability map, its findings and chains, and a function's page, as an
administrator of every organisation with nothing above it and as an editor of one
consortium. Median server time (wall and CPU) of a few requests after a first one, the
page's size and its queries. Target: under 300 ms and under 500 KB each.

    DATABASE_URL=sqlite:////tmp/copy-of-national.db .venv/bin/python bench/bench_pictures.py

The accounts are made in that database on the first run (use a copy: it is written to).
"""

import argparse
import os
import statistics
import time

TARGET_MS, TARGET_KB = 300, 500
PAGES = (
    "/structure/",
    "/accountability/",
    "/accountability/findings/",
    "/accountability/chains/",
)


def accounts():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from pathfinder.core import actions
    from pathfinder.core.models import RoleAssignment
    from pathfinder.core.scope import BELOW_KINDS
    from pathfinder.organisations.models import Organisation, Relationship

    User = get_user_model()

    def user(name, role, codes):
        found = User.objects.filter(username=name).first()
        if found is None:
            found = actions.create(
                User, by="bench:pictures", username=name, password=make_password(None)
            )
            for code in codes:
                actions.create(
                    RoleAssignment, by="bench:pictures", user=found, role=role, org_code=code
                )
        return found

    below = Relationship.objects.filter(kind__in=BELOW_KINDS).values("child_id")
    tops = Organisation.objects.exclude(code__in=below).values_list("code", flat=True)
    consortium = Organisation.objects.filter(kind="consortium").order_by("code").first()
    return {
        "administrator": user("bench-pictures-admin", "administrator", list(tops)),
        "consortium editor": user("bench-pictures-editor", "editor", [consortium.code]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-at", default="2011-10-01")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    print(f"load average {os.getloadavg()[0]:.1f}")
    for who, user in accounts().items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for url in args.pages:
            path, _, extra = url.partition("?")
            query = {"as_at": args.as_at, **dict(p.split("=", 1) for p in extra.split("&") if p)}
            client.get(path, query)  # first request: sessions, templates
            wall, cpu = [], []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, query)
                    wall.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
            kb = len(response.content) / 1024
            ms = statistics.median(wall)
            ok = "ok" if ms < TARGET_MS and kb < TARGET_KB else "OVER"
            print(
                f"{who:18} {url:28} {response.status_code} {ms:6.0f} ms "
                f"(cpu {statistics.median(cpu):4.0f}) {kb:5.0f} KB {len(queries):3} queries {ok}"
            )


if __name__ == "__main__":
    main()
