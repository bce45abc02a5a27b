"""The API's typed answers: references as `kind:id`, dates as ISO strings, and figures
with two decimals (money and FTE) as strings, as in CLI.md."""

import datetime as dt
from decimal import Decimal

from ninja import Schema

from pathfinder.api.errors import Error
from pathfinder.core.money import fmt_money
from pathfinder.core.refs import ref


def answers(schema, *also: int, status: int = 200) -> dict:
    """The responses a route documents: its answer, the errors every route can give (no
    caller, nothing by that name in scope, a parameter that cannot be read) and the
    other error statuses `also` names, each with the one error body."""
    return {status: schema, **{code: Error for code in sorted({401, 404, 422, *also})}}


def same(obj, names: str) -> dict:
    """The attributes of `obj` (`names`, separated by spaces) that an answer carries as
    they are, under the same names."""
    return {name: getattr(obj, name) for name in names.split()}


class Organisation(Schema):
    ref: str
    code: str
    name: str
    kind: str
    statutory: bool
    population: int | None
    opened: dt.date | None
    closed: dt.date | None
    open: bool  # open on the "as at" date

    @classmethod
    def of(cls, org, as_at: dt.date) -> "Organisation":
        return cls(
            ref=ref("org", org.code),
            open=org.open_on(as_at),
            **same(org, "code name kind statutory population opened closed"),
        )


class Relationship(Schema):
    parent: str
    child: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None

    @classmethod
    def of(cls, rel) -> "Relationship":
        return cls(
            parent=ref("org", rel.parent_id),
            child=ref("org", rel.child_id),
            **same(rel, "kind valid_from valid_to"),
        )


class OrganisationDetail(Organisation):
    as_at: dt.date
    relationships: list[Relationship]


class Person(Schema):
    ref: str
    person_id: str
    name: str
    profession: str
    email: str

    @classmethod
    def of(cls, person) -> "Person":
        return cls(
            ref=ref("person", person.person_id),
            **same(person, "person_id name profession email"),
        )


def two_decimals(value: Decimal | None) -> str | None:
    return fmt_money(value)


class Post(Schema):
    person: str
    org: str
    title: str
    role: str
    fte: str | None  # two decimals, e.g. "0.40"; null when not recorded
    assigned_from: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    @classmethod
    def of(cls, post) -> "Post":
        return cls(
            person=ref("person", post.person_id),
            org=ref("org", post.org_id),
            fte=two_decimals(post.fte),
            assigned_from=ref("org", post.assigned_from_id) if post.assigned_from_id else None,
            **same(post, "title role valid_from valid_to"),
        )


class PersonDetail(Person):
    as_at: dt.date
    posts: list[Post]


class Paged(Schema):
    as_at: dt.date
    count: int  # items matching, across all pages
    limit: int
    offset: int


class OrganisationPage(Paged):
    items: list[Organisation]


class RelationshipPage(Paged):
    items: list[Relationship]


class PersonPage(Paged):
    items: list[Person]


class PostPage(Paged):
    items: list[Post]
