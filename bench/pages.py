"""Every page of the site at national scale: server time and bytes, for two users.

    .venv/bin/python bench/pages.py                          # build or reuse the database
    .venv/bin/python bench/pages.py --database /tmp/mine.sqlite3 --repeat 5
    .venv/bin/python bench/pages.py --only organisations:list,finance:overview --json

Without --database the national synthetic package (`pathfinder synth --scale national
--seed 1`) is written and loaded once into a SQLite file kept in `pathfinder-bench/`
under the system's temporary directory (the package folder is the one bench/load_test.py
keeps). Two accounts are made there through core.accounts_actions if missing: a national
administrator (administrator of every organisation with nothing above it, so of every
organisation) and a consortium editor (editor of the consortium whose bodies hold most
meetings). Every GET page of the URLconf (the walk of tests/web/pages.py, without the API
and POST-only pages) is filled with the biggest record of each kind in the editor's
scope and requested N times per user in this process with Django's test client; the
figure is the median time of `client.get` and reading the whole (possibly streamed)
body. Rows over 300 ms or with HTML over 500 KB are flagged.
"""

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH = Path(tempfile.gettempdir()) / "pathfinder-bench"
DEFAULT_DATABASE = BENCH / "pages-national.sqlite3"
PACKAGE = BENCH / "national-1"
AS_AT = "2012-03-31"
YEAR = "2011-12"
ADMIN, EDITOR = "bench-national-admin", "bench-consortium-editor"
SLOW_MS, BIG_KB = 300, 500
BY = "bench:pages"
# Pages that only answer POST (GET is 405): nothing to time.
POST_ONLY = {"logout"}


def build_database(path: Path) -> None:
    if not (PACKAGE / "ledger.csv").is_file():
        PACKAGE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [BIN / "pathfinder", "synth", "--scale", "national", "--seed", "1", str(PACKAGE)],
            check=True,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".loading")
    partial.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{partial}"}
    subprocess.run([BIN / "pathfinder", "load", str(PACKAGE)], check=True, env=env)
    partial.rename(path)


def setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, str(ROOT))
    from pathfinder.cli import setup_django

    setup_django()


def top_level_codes() -> list[str]:
    from pathfinder.core.scope import BELOW_KINDS
    from pathfinder.organisations.models import Organisation, Relationship

    below = Relationship.objects.filter(kind__in=BELOW_KINDS).values("child_id")
    return list(
        Organisation.objects.exclude(code__in=below).order_by("code").values_list("code", flat=True)
    )


def busiest_consortium() -> str:
    from django.db.models import Count

    from pathfinder.governance.models import Meeting

    row = (
        Meeting.objects.filter(body__org__kind="consortium")
        .values("body__org_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "body__org_id")
        .first()
    )
    return row["body__org_id"]


def ensure_user(username: str, role: str, codes: list[str]):
    """The account holding `role` on each of `codes`, made or completed through the
    actions (a second run adds nothing)."""
    from django.contrib.auth import get_user_model

    from pathfinder.core import accounts_actions
    from pathfinder.core.models import RoleAssignment

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = accounts_actions.add_user(
            by=BY, username=username, email=f"{username}@example.org", role=role,
            org_code=codes[0],
        )  # fmt: skip
    held = set(
        RoleAssignment.objects.filter(user=user, role=role).values_list("org_code", flat=True)
    )
    for code in codes:
        if code not in held:
            accounts_actions.grant_role(by=BY, user=user, role=role, org_code=code)
    return user


def _top(qs, key: str, count: str):
    from django.db.models import Count

    row = qs.values(key).annotate(n=Count(count)).order_by("-n", key).first()
    return row[key] if row else None


def _first(qs):
    return qs.order_by("pk").values_list("pk", flat=True).first()


def choose_kwargs(consortium: str) -> dict:
    """URL kwarg -> the biggest record of its kind in the editor's scope (ties by key);
    where the scope has none, the biggest anywhere (the editor is then refused)."""
    from pathfinder.agendas.models import Position
    from pathfinder.core.scope import BELOW_KINDS, organisations_below
    from pathfinder.governance.models import Body, Decision, Function, Meeting, Membership
    from pathfinder.interests.models import Gift, Interest
    from pathfinder.organisations.models import Relationship
    from pathfinder.qipp.models import QippSaving
    from pathfinder.reports.models import BoardPack, PackStatus
    from pathfinder.risks.models import Risk, RiskAction
    from pathfinder.support.models import SupportBooking, SupportSession

    scope = sorted(organisations_below({consortium}))
    rel = Relationship.objects.filter(kind__in=BELOW_KINDS, parent_id__in=scope)
    body = _top(Meeting.objects.filter(body__org_id__in=scope), "body_id", "pk")
    body = body or _first(Body.objects.filter(org_id__in=scope))
    decisions = Decision.objects.filter(meeting__body__org_id__in=scope)
    person = _top(Membership.objects.filter(body__org_id__in=scope), "person_id", "pk")
    session = _top(SupportBooking.objects.filter(org_id__in=scope), "session_id", "pk")
    session = session or _top(SupportBooking.objects.all(), "session_id", "pk")
    risk = _top(RiskAction.objects.filter(risk__org_id__in=scope), "risk_id", "pk")
    risk = risk or _first(Risk.objects.filter(org_id__in=scope))
    risk = risk or _top(RiskAction.objects.all(), "risk_id", "pk")
    proposal = _top(Position.objects.filter(org_id__in=scope), "proposal_id", "pk")
    packs = BoardPack.objects.filter(body_id=body, status=PackStatus.BUILT)
    kwargs = {
        "code": _top(rel, "parent_id", "pk") or consortium,
        "org_code": consortium,
        "person_id": person,
        "body_id": body,
        "meeting_id": _top(decisions, "meeting_id", "pk"),
        "decision_id": _first(decisions),
        "risk_id": risk,
        "scheme_id": _top(QippSaving.objects.filter(scheme__org_id__in=scope), "scheme_id", "pk"),
        "offer_id": SupportSession.objects.filter(pk=session)
        .values_list("offer_id", flat=True)
        .first(),
        "session_id": session,
        "proposal_id": proposal or _top(Position.objects.all(), "proposal_id", "pk"),
        "interest_id": _first(Interest.objects.filter(person_id=person)),
        "gift_id": _first(Gift.objects.filter(person_id=person)),
        "function_id": _first(Function.objects.filter(org_id__in=scope)),
        "year": YEAR,
        "financial_year": YEAR,
        "number": packs.order_by("-number").values_list("number", flat=True).first(),
        "username": EDITOR,
        "uidb64": "MQ",
        "token": "not-a-token",
    }
    kwargs["scope_size"] = len(scope)
    return kwargs


def build_pack(body_id: str, as_at: str) -> int:
    """A built pack of the body as at the date, through the actions and the task queue."""
    import datetime as dt

    from django.db import transaction

    from pathfinder.core.worker import run_pending
    from pathfinder.governance.models import Body
    from pathfinder.reports.actions import request_build

    with transaction.atomic():
        pack = request_build(
            by=BY, body=Body.objects.get(pk=body_id), as_at=dt.date.fromisoformat(as_at)
        )
    run_pending()
    pack.refresh_from_db()
    return pack.number


def pages(kwargs: dict) -> list[tuple[str, str | None, str]]:
    """(name, URL or None, why not timed) of every GET page."""
    from django.urls import get_resolver, reverse
    from tests.web.pages import EXCLUDED_PREFIXES, _walk

    out = []
    for route, name, pattern in _walk(get_resolver().url_patterns, "", ""):
        if route.startswith(EXCLUDED_PREFIXES) or name in POST_ONLY:
            continue
        names = tuple(pattern.pattern.converters)
        missing = [k for k in names if kwargs.get(k) is None]
        if missing:
            why = "no pack built" if "number" in missing else f"no record for {', '.join(missing)}"
            out.append((name, None, why))
            continue
        out.append((name, reverse(name, kwargs={k: kwargs[k] for k in names}), ""))
    return sorted(out)


def client_for(user, as_at: str):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get(f"/?as_at={as_at}")
    return client


def measure(client, url: str, repeat: int) -> dict:
    times, size, status, kind = [], 0, 0, ""
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(time.perf_counter() - start)
        size, status = len(body), response.status_code
        kind = response.get("Content-Type", "").split(";")[0]
    return {
        "ms": round(statistics.median(times) * 1000, 1),
        "kb": round(size / 1024, 1),
        "status": status,
        "html": kind == "text/html",
    }


def flagged(m: dict) -> bool:
    return m["ms"] > SLOW_MS or (m["html"] and m["kb"] > BIG_KB)


def table(rows: list[dict]) -> str:
    def worst(r):
        return max((r[u]["ms"] for u in ("admin", "editor") if r.get(u)), default=-1)

    lines = [
        "| page | URL | admin ms | admin KB | editor ms | editor KB | status | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=worst, reverse=True):
        if r["skipped"]:
            lines.append(f"| {r['name']} | | | | | | skipped: {r['skipped']} | |")
            continue
        a, e = r["admin"], r["editor"]
        status = f"{a['status']}" if a["status"] == e["status"] else f"{a['status']}/{e['status']}"
        flag = "**over**" if flagged(a) or flagged(e) else ""
        lines.append(
            f"| {r['name']} | `{r['url']}` | {a['ms']:.0f} | {a['kb']:.0f} | "
            f"{e['ms']:.0f} | {e['kb']:.0f} | {status} | {flag} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=DEFAULT_DATABASE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="page names, comma-separated")
    parser.add_argument("--as-at", default=AS_AT)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--build-pack", action="store_true", help="build a board pack first if none is built"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat: give 1 or more")
    only = {n.strip() for n in args.only.split(",") if n.strip()}

    if not args.database.is_file():
        print(f"building {args.database} from the national package", file=sys.stderr)
        build_database(args.database)
    setup(args.database)
    # A refusal (403) is an answer here, not news: Django logs it with a traceback.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.urls import get_resolver
    from tests.web.pages import _walk

    known = {name for _, name, _ in _walk(get_resolver().url_patterns, "", "")}
    unknown = sorted(only - known)
    if unknown:
        parser.error(f"--only: no page named {', '.join(unknown)}")

    consortium = busiest_consortium()
    users = {
        "admin": ensure_user(ADMIN, "administrator", top_level_codes()),
        "editor": ensure_user(EDITOR, "editor", [consortium]),
    }
    kwargs = choose_kwargs(consortium)
    if args.build_pack and kwargs["number"] is None:
        kwargs["number"] = build_pack(kwargs["body_id"], args.as_at)
    clients = {k: client_for(u, args.as_at) for k, u in users.items()}
    rows = []
    for name, url, skipped in pages(kwargs):
        if only and name not in only:
            continue
        row = {"name": name, "url": url, "skipped": skipped}
        if not skipped:
            for who, client in clients.items():
                row[who] = measure(client, url, args.repeat)
        rows.append(row)
        if not args.json:
            print(".", end="", file=sys.stderr, flush=True)
    if args.json:
        print(
            json.dumps(
                {"as_at": args.as_at, "consortium": consortium, "kwargs": kwargs, "rows": rows},
                indent=1,
            )
        )
    else:
        print(file=sys.stderr)
        print(
            f"as at {args.as_at}; editor of {consortium} ({kwargs['scope_size']} organisations "
            f"in scope); medians of {args.repeat}; "
            f"flagged: over {SLOW_MS} ms or HTML over {BIG_KB} KB"
        )
        print(table(rows))
        over = [
            r["name"]
            for r in rows
            if not r["skipped"] and (flagged(r["admin"]) or flagged(r["editor"]))
        ]
        print(
            f"\n{len(over)} of {len(rows)} pages over a target"
            + (f": {', '.join(over)}" if over else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
