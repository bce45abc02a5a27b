"""View decorators: sign-in, and turning URL parts into objects in the user's scope.

An object outside the user's scope is a 404, not a 403, so a page never confirms that
a record exists to someone who may not see it (docs/decisions/0005).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

signed_in = login_required


def organisation_in_scope(view):
    """Replace the `code` URL part with the Organisation, if the user may view it."""

    @login_required
    @wraps(view)
    def wrapper(request, code, **kwargs):
        organisation = request.scope.organisations().filter(code=code).first()
        if organisation is None:
            raise Http404("No such organisation in your scope")
        return view(request, organisation, **kwargs)

    return wrapper


def person_in_scope(view):
    """Replace the `person_id` URL part with the Person, if the user may view them."""

    @login_required
    @wraps(view)
    def wrapper(request, person_id, **kwargs):
        person = request.scope.people().filter(person_id=person_id).first()
        if person is None:
            raise Http404("No such person in your scope")
        return view(request, person, **kwargs)

    return wrapper
