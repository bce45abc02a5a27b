"""Audited writes to people and their posts, through `core.actions` (validated,
audited, one transaction). A post is effective-dated: it is ended, never deleted.

The package loader writes people and posts in bulk (docs/decisions/0126); these are the
writes of one row at a time, for forms, the API and the tests alike.
"""

import datetime as dt

from pathfinder.core import actions
from pathfinder.people.models import Person, Post

PERSON_FIELDS = {"name", "profession", "email"}


def add_person(*, by, **fields) -> Person:
    """A person: `person_id`, `name`, `profession` and optionally `email`."""
    return actions.create(Person, by=by, **fields)


def change_person(person: Person, *, by, expected_version: int | None = None, **fields) -> Person:
    """Change a person's name, profession or email; the reference stays."""
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"a person's {', '.join(sorted(unknown))} cannot be changed here")
    return actions.update(
        person, by=by, expected_version=expected_version, what=f"person {person.pk}", **fields
    )


def add_post(person: Person, *, by, **fields) -> Post:
    """A post `person` holds: `org_id`, `title`, `role`, `valid_from`, and optionally
    `valid_to`, `fte` and the organisation it is `assigned_from_id`."""
    return actions.create(Post, by=by, person=person, **fields)


def end_post(post: Post, *, by, on: dt.date, expected_version: int | None = None) -> Post:
    return actions.end(
        post, by=by, on=on, expected_version=expected_version, what=f"post {post.pk}"
    )
