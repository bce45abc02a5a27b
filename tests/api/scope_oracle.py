"""What each analysis route should keep for a caller, read from the east-2011 package's
CSV files (docs/decisions/0072), and a caller whose roles cover every organisation."""

import calendar
import datetime as dt
from decimal import Decimal

from pathfinder.api.tokens import create_token
from pathfinder.core import actions
from pathfinder.core.models import RoleAssignment
from tests.api.conftest import BELOW, Caller, below, in_force, make_user, rows

DECISION_BODY_KINDS = {"board", "committee", "executive"}
GIFT_DAYS = 365
PUBLISHED_ENDED_MONTHS = 6


def roots() -> set[str]:
    """Organisations no "below" relationship places under another."""
    children = {r["child_code"] for r in rows("relationships") if r["kind"] in BELOW}
    return {o["code"] for o in rows("organisations")} - children


def national(client) -> Caller:
    """An administrator of every organisation at the top of the example's structure:
    between them, those roles cover every organisation."""
    user = make_user("national")
    for code in sorted(roots()):
        actions.create(
            RoleAssignment, by="test:api", user=user, role="administrator", org_code=code
        )
    return Caller(client, create_token(user=user, name="tests", by="test:api"))


def scope_of(*codes: str) -> set[str]:
    out: set[str] = set()
    for code in codes:
        out |= below(code)
    return out


def org_of(reference: str) -> str | None:
    """The organisation an `org:`, `body:` or `function:` reference belongs to."""
    kind, _, ident = reference.partition(":")
    if kind == "org":
        return ident
    if kind == "body":
        return {b["body_id"]: b["org_code"] for b in rows("bodies")}.get(ident)
    if kind == "function":
        return {f["function_id"]: f["org_code"] for f in rows("functions")}.get(ident)
    return None


def _body_orgs() -> dict[str, str]:
    return {b["body_id"]: b["org_code"] for b in rows("bodies")}


def seated(d: str, orgs: set[str]) -> set[str]:
    """People who are members on D of a body of the organisations."""
    body_org = _body_orgs()
    return {
        m["person_id"]
        for m in rows("memberships")
        if in_force(m, d) and body_org[m["body_id"]] in orgs
    }


def voting_members(d: str) -> list[dict]:
    return [m for m in rows("memberships") if m["voting"] == "true" and in_force(m, d)]


def reminded(d: str, orgs: set[str]) -> set[str]:
    """People the reminders page of a governance lead of the organisations lists: voting
    members on D of their bodies, and voting members holding a post there on D."""
    body_org = _body_orgs()
    members = voting_members(d)
    voters = {m["person_id"] for m in members}
    out = {m["person_id"] for m in members if body_org[m["body_id"]] in orgs}
    out |= {
        p["person_id"]
        for p in rows("posts")
        if p["person_id"] in voters and p["org_code"] in orgs and in_force(p, d)
    }
    return out


def _months_before(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def public_subjects(d: str) -> set[str]:
    """Interests and gifts on some organisation's public register on D (0021, 0093)."""
    day = dt.date.fromisoformat(d)
    kinds = {b["body_id"]: b["kind"] for b in rows("bodies")}
    delegates = {
        x["delegate"].removeprefix("body:")
        for x in rows("delegations")
        if x["delegate"].startswith("body:") and in_force(x, d)
    }
    makers = {
        m["person_id"]
        for m in voting_members(d)
        if kinds[m["body_id"]] in DECISION_BODY_KINDS or m["body_id"] in delegates
    }
    since = _months_before(day, PUBLISHED_ENDED_MONTHS)
    out = set()
    for i in rows("interests"):
        ended = i["interest_to"] and dt.date.fromisoformat(i["interest_to"]) < since
        if (
            i["person_id"] in makers
            and dt.date.fromisoformat(i["declared_on"]) <= day
            and dt.date.fromisoformat(i["interest_from"]) <= day
            and not ended
        ):
            out.add(f"interest:{i['interest_id']}")
    for g in rows("gifts"):
        offered = dt.date.fromisoformat(g["offered_on"])
        if (
            g["person_id"] in makers
            and day - dt.timedelta(days=GIFT_DAYS) < offered <= day
            and dt.date.fromisoformat(g["declared_on"]) <= day
        ):
            out.add(f"gift:{g['gift_id']}")
    return out


def decision_org(decision: str) -> str:
    meeting = {x["decision_id"]: x["meeting_id"] for x in rows("decisions")}[decision]
    body = {m["meeting_id"]: m["body_id"] for m in rows("meetings")}[meeting]
    return _body_orgs()[body]


def expected(name: str, cli: dict, view: set[str], govern: set[str]) -> dict:
    """The CLI's answer with what a caller viewing `view` and governing `govern` may see."""
    orgs = {f"org:{c}" for c in view}
    if name == "accountability":
        people = seated(cli["as_at"], view)
        return {
            **cli,
            "findings": [
                f
                for f in cli["findings"]
                if org_of(f["subject"]) in view or f["subject"].removeprefix("person:") in people
            ],
            "chains": {s: c for s, c in cli["chains"].items() if org_of(s) in view},
        }
    if name == "register":
        people = reminded(cli["as_at"], govern)
        public = public_subjects(cli["as_at"])
        return {
            **cli,
            "findings": [
                f
                for f in cli["findings"]
                if f["person"].removeprefix("person:") in people or f["subject"] in public
            ],
        }
    if name == "finance":
        shown = [r for r in cli["rows"] if r["group"] in orgs]
        total = {k: f"{sum(Decimal(r[k]) for r in shown):.2f}" for k in ("budget", "actual")}
        return {**cli, "rows": shown, "total": total}
    if name == "qipp":
        return {**cli, "schemes": [s for s in cli["schemes"] if s["org"] in orgs]}
    if name == "risks":
        return {**cli, "risks": [r for r in cli["risks"] if r["org"] in orgs]}
    if name == "support":
        return {**cli, "capacity": [c for c in cli["capacity"] if c["org"] in orgs]}
    if name == "agendas":
        led = {p["proposal_id"] for p in rows("proposals") if p["lead_code"] in view}
        return {**cli, "proposals": [p for p in cli["proposals"] if p["proposal"] in led]}
    raise ValueError(name)
