"""The facts the accountability analysis (RULES.md §1) works on, and how they are read.

Everything is fetched as at a date D with a fixed handful of set-based queries; the
rows are plain values (memberships, posts and bodies are the shared rows of
`governance.facts`) so the analysis can be tested with hand-built facts and no
database. Row ids are kept so each finding can name the rows that cause it.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper

from pathfinder.governance.accountability.reach import reach_lines
from pathfinder.governance.facts import (
    BodyRow,
    MembershipRow,
    PostRow,
    body_rows,
    post_rows_with,
)
from pathfinder.governance.models import AccountabilityLine, Membership
from pathfinder.governance.models import Body as BodyModel
from pathfinder.governance.models import Function as FunctionModel
from pathfinder.organisations.models import Organisation
from pathfinder.people.models import Post as PostModel

ACCOUNTABILITY_KINDS = frozenset({"accountable", "delegated"})
# Posts matter to §1 only where they make a commissioner also a provider.
PROVIDER_POST_KINDS = ("trust", "provider")
SEVERITY_RANK = {"info": 0, "medium": 1, "high": 2}


class Line(NamedTuple):
    """A line of accountability in force: `subject` is held to account by `holder`."""

    id: int
    subject: str
    holder: str
    kind: str
    scope: str = ""

    @property
    def carries_accountability(self) -> bool:
        return self.kind in ACCOUNTABILITY_KINDS

    @property
    def row(self) -> str:
        return f"accountability:{self.id}"


class Org(NamedTuple):
    code: str
    kind: str
    statutory: bool = False
    open: bool = True
    name: str = ""


class Function(NamedTuple):
    function_id: str
    org: str
    name: str = ""


@dataclass(frozen=True)
class Finding:
    """One finding: who or what it is about, the other parties involved, the rows that
    produced it (`accountability:ID`, `membership:ID`, `post:ID`) and a readable detail."""

    finding: str
    severity: str
    subject: str
    parties: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    detail: str = ""

    def as_dict(self) -> dict:
        return {
            "finding": self.finding,
            "severity": self.severity,
            "subject": self.subject,
            "parties": list(self.parties),
            "rows": list(self.rows),
            "detail": self.detail,
        }


def sorted_rows(rows) -> tuple[str, ...]:
    """Row references in a stable order: by table, then by numeric id."""

    def key(row: str):
        table, _, ident = row.partition(":")
        return (table, int(ident) if ident.isdigit() else 0, ident)

    return tuple(sorted(set(rows), key=key))


@dataclass
class Facts:
    """What is in force on D. Organisations, bodies and functions are all of them (with
    an `open` flag for organisations); lines, memberships and posts only those in force
    (posts only at trusts and providers when read from the database)."""

    orgs: dict[str, Org] = field(default_factory=dict)
    bodies: dict[str, BodyRow] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    members: list[MembershipRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, orgs=(), bodies=(), functions=(), lines=(), members=(), posts=(), people=None):
        """Facts from plain sequences (handy for tests and other analyses)."""
        return cls(
            orgs={o.code: o for o in orgs},
            bodies={b.body_id: b for b in bodies},
            functions={f.function_id: f for f in functions},
            lines=list(lines),
            members=list(members),
            posts=list(posts),
            people=dict(people or {}),
        )

    def label(self, ref: str) -> str:
        """A reference with its name, for readable details: `Cluster Board (body:B-CLB)`."""
        kind, _, ident = ref.partition(":")
        thing = {"org": self.orgs, "body": self.bodies, "function": self.functions}.get(kind)
        name = getattr(thing.get(ident), "name", "") if thing is not None else ""
        if kind == "person":
            name = self.people.get(ident, "")
        return f"{name} ({ref})" if name else ref


def load_structure(as_at: dt.date, facts: Facts | None = None) -> Facts:
    """Organisations, bodies and the lines in force: enough for chains and tops."""
    facts = facts or Facts()
    facts.orgs = _orgs(as_at, Organisation.objects.all())
    facts.bodies = body_rows()
    facts.lines = [
        Line(*row)
        for row in AccountabilityLine.objects.in_force(as_at)
        .order_by("id")
        .values_list("id", "subject", "holder", "kind", "scope")
    ]
    return facts


def load_facts(as_at: dt.date) -> Facts:
    """Everything §1 needs on D, in six queries."""
    facts = load_structure(as_at)
    facts.functions = _functions(FunctionModel.objects.all())
    _read_people(
        facts,
        Membership.objects.in_force(as_at),
        PostModel.objects.in_force(as_at).filter(org__kind__in=PROVIDER_POST_KINDS),
    )
    return facts


# Past this many organisations an area reads the whole structure, as `load_facts` does:
# what it reaches is then most of the structure anyway, and its lists of references
# would near the databases' limits on the parameters of one query.
NARROWED_AREA_MAX = 1000


def load_area_facts(as_at: dt.date, org_codes) -> Facts:
    """The facts §1 needs to judge an area (a set of organisations) on D, for pages.

    Memberships and posts are read only for the people sitting, on D, on a body of the
    area, which keeps their person findings exact. The structure is read as far as the
    area's findings, chains and map can depend on it (docs/decisions/0085): the area's
    own bodies and functions, the bodies those people sit on, and every node reachable
    from them along lines of accountability, each with all its lines in force. Each
    such node's chain, reach and cycle are then those of `load_facts`. An area past
    `NARROWED_AREA_MAX` organisations reads everything, as `load_facts` does.
    """
    codes = set(org_codes)
    if len(codes) > NARROWED_AREA_MAX:
        # Everyone's memberships and posts, not those of the people seated in the area:
        # the area's findings keep only the people seated there, and naming thousands of
        # organisations in one query costs more than reading the rest.
        return load_facts(as_at)

    facts = Facts(
        bodies=body_rows(BodyModel.objects.filter(org_id__in=codes)),
        functions=_functions(FunctionModel.objects.filter(org_id__in=codes)),
    )
    _read_seated(facts, as_at, codes)
    own = {f"org:{c}" for c in codes}
    own |= {f"body:{b.body_id}" for b in facts.bodies.values() if b.org in codes}
    own |= {f"function:{f}" for f in facts.functions}
    # A person's dual role can come from a line whose subject is a body they sit on or
    # that body's organisation.
    sat_on = {f"body:{m.body}" for m in facts.members}
    sat_on |= {f"org:{facts.bodies[m.body].org}" for m in facts.members}
    reached = reach_lines(as_at, own | sat_on, own, ACCOUNTABILITY_KINDS)
    facts.lines = [Line(*row) for row in reached]

    nodes = own | sat_on | {n for line in facts.lines for n in (line.subject, line.holder)}
    wanted: dict[str, set[str]] = {"org": set(), "body": set(), "function": set()}
    for node in nodes:
        kind, _, ident = node.partition(":")
        if kind in wanted:
            wanted[kind].add(ident)
    facts.bodies |= body_rows(
        BodyModel.objects.filter(body_id__in=wanted["body"] - facts.bodies.keys())
    )
    facts.functions |= _functions(
        FunctionModel.objects.filter(function_id__in=wanted["function"] - facts.functions.keys())
    )
    wanted["org"] |= {b.org for b in facts.bodies.values()}
    wanted["org"] |= {f.org for f in facts.functions.values()}
    wanted["org"] |= {p.org for p in facts.posts}
    facts.orgs = _orgs(as_at, Organisation.objects.filter(code__in=wanted["org"]))
    return facts


def _functions(rows) -> dict[str, Function]:
    return {
        f: Function(f, org, name)
        for f, org, name in rows.values_list("function_id", "org_id", "name")
    }


def _orgs(as_at: dt.date, rows) -> dict[str, Org]:
    # Open on D worked out by the database: a national register is thousands of dates to
    # convert otherwise.
    is_open = ExpressionWrapper(Organisation.in_force_q(as_at), output_field=BooleanField())
    rows = rows.annotate(open_on_d=is_open).values_list(
        "code", "kind", "statutory", "open_on_d", "name"
    )
    return {
        code: Org(code, kind, bool(statutory), bool(open_), name)
        for code, kind, statutory, open_, name in _plain(rows)
    }


def _plain(rows) -> list[tuple]:
    """A `values_list` queryset's rows as the database gives them, without a converter
    call per value: for the columns read here (text, integers, flags as 0/1) both
    databases give what the analysis needs once flags are passed through `bool`."""
    from django.db import connection

    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# A membership as §1 reads it: in force on D, so its dates are not read (a national
# register is tens of thousands of them to convert).
MEMBER_VALUES = ("id", "body_id", "person_id", "capacity", "voting", "body__org_id", "body__kind")


def _read_people(facts: Facts, memberships, posts, *body_names: str) -> None:
    """The memberships and posts of the querysets, with the names of their people (and,
    with `body__name` in `body_names`, the bodies they sit on)."""
    rows = memberships.order_by("pk").values_list(*MEMBER_VALUES, "person__name", *body_names)
    for pk, body, person, capacity, voting, org, kind, name, *body_name in _plain(rows):
        member = MembershipRow(pk, body, person, capacity, bool(voting), None, None, org, kind)
        facts.members.append(member)
        facts.people[person] = name
        if body_name:
            facts.bodies.setdefault(body, BodyRow(body, org, kind, *body_name))
    for post, (name,) in post_rows_with(posts, "person__name"):
        facts.posts.append(post)
        facts.people[post.person] = name


def _read_seated(facts: Facts, as_at: dt.date, codes: set[str]) -> None:
    """Every membership and post (at a trust or provider) in force on D of the people
    sitting on a body of the organisations, with the bodies they sit on."""
    people = Membership.objects.in_force(as_at).filter(body__org_id__in=codes).values("person_id")
    _read_people(
        facts,
        Membership.objects.in_force(as_at).filter(person_id__in=people),
        PostModel.objects.in_force(as_at).filter(
            org__kind__in=PROVIDER_POST_KINDS, person_id__in=people
        ),
        "body__name",
    )
