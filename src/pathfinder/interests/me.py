"""Which person a signed-in user is: the link that self-service declarations rest on.

A user is linked to a person through their role assignments' `person_id`
(docs/decisions/0090): every non-empty `person_id` of the user's roles must name the
same person. No link, or links to two different people, means no self-service.
"""

from pathfinder.core.errors import UserError


class NotLinked(UserError):
    """The user's account names no person, or more than one."""


def linked_person_id(user) -> str:
    if not getattr(user, "is_authenticated", False):
        raise NotLinked("Sign in to make declarations")
    ids = {p for p in user.roles.values_list("person_id", flat=True) if p}
    if not ids:
        raise NotLinked(
            "Your account is not linked to a person on the register. Ask your "
            "organisation's Pathfinder administrator to link it."
        )
    if len(ids) > 1:
        raise NotLinked(
            "Your account is linked to more than one person. Ask your organisation's "
            "Pathfinder administrator to correct it."
        )
    return ids.pop()


def linked_person(user):
    from pathfinder.people.models import Person

    person = Person.objects.filter(person_id=linked_person_id(user)).first()
    if person is None:
        raise NotLinked(
            "The person your account is linked to is not in the records. Ask your "
            "organisation's Pathfinder administrator."
        )
    return person
