"""View decorators: sign-in, and turning URL parts into objects in the user's scope.

An object outside the user's scope is a 404, not a 403, so a page never confirms that
a record exists to someone who may not see it (docs/decisions/0005).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

signed_in = login_required


def _in_scope(part: str, rows, missing: str):
    """A decorator replacing the URL part `part` with the row of `rows(scope)` it names."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, **kwargs):
            found = rows(request.scope).filter(**{part: kwargs.pop(part)}).first()
            if found is None:
                raise Http404(missing)
            return view(request, found, **kwargs)

        return wrapper

    return decorate


# Replace the `code` URL part with the Organisation, if the user may view it.
organisation_in_scope = _in_scope(
    "code", lambda scope: scope.organisations(), "No such organisation in your scope"
)
# Replace the `person_id` URL part with the Person, if the user may view them.
person_in_scope = _in_scope(
    "person_id", lambda scope: scope.people(), "No such person in your scope"
)
