"""Request middleware of the core app.

`AsAtMiddleware`: the "as at" date carried across pages (?as_at=YYYY-MM-DD, or the
date control's day, month and year boxes; remembered in the session). Without one, the
date the loaded package names (the demo's), else today; an emptied control goes back to
that. A date that cannot be read leaves the remembered date in force and sets
`request.as_at_error` and `request.as_at_entry`, which the page shows by the control.

`SecondFactorMiddleware`: a session that owes its second sign-in step sees only that step.

`RefusalAuditMiddleware`: every 403 answered is recorded in the audit trail.
"""

import datetime as dt
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from pathfinder.core import security_audit, two_factor
from pathfinder.core.date_input import given, read_date
from pathfinder.core.iso_dates import parse_date


class AsAtMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.as_at_error = ""
        request.as_at_entry = None
        if request.path.startswith("/api/"):
            # The API takes its date per call and keeps no session state.
            request.as_at = timezone.localdate()
        else:
            request.as_at = self.as_at(request)
        return self.get_response(request)

    @staticmethod
    def as_at(request) -> dt.date:
        session = getattr(request, "session", None)
        if given(request.GET, "as_at"):
            entry = read_date(request.GET, "as_at", label="Date", required=False)
            if entry.date is not None:
                if session is not None:
                    session["as_at"] = entry.date.isoformat()
                return entry.date
            if entry.error:
                request.as_at_error, request.as_at_entry = entry.error, entry
            elif session is not None:
                # An emptied date control means the default date again.
                session.pop("as_at", None)
                return default_as_at()
        if session is not None and session.get("as_at"):
            try:
                return parse_date(session["as_at"])
            except ValueError:
                pass
        return default_as_at()


def default_as_at() -> dt.date:
    """The date the loaded package names, if it names one (the demo's), else today
    (docs/decisions/0180-a-package-names-its-reference-date.md)."""
    from pathfinder.packages.facts import reference_date

    return reference_date() or timezone.localdate()


class SecondFactorMiddleware:
    """Sends every page to the second step while the session owes it (docs/decisions/0141).

    The API is left to the Scope, which withholds governance until the step is passed."""

    OPEN = frozenset({"two_factor_code", "two_factor_setup", "logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        owed = session.get(two_factor.STEP) if session is not None else None
        if not owed or request.path.startswith("/api/"):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in self.OPEN:
            return None
        target = "two_factor_code" if owed == two_factor.CODE else "two_factor_setup"
        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))


class RefusalAuditMiddleware:
    """Records each 403 (a page's PermissionDenied, the API's refusals, a failed CSRF
    check): who, which URL, the permission the Scope last refused, and the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            reason = getattr(request, "refusal_reason", "") or getattr(
                response, "reason_phrase", ""
            )
            security_audit.refused(request, status=403, reason=str(reason)[:500])
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            request.refusal_reason = str(exception) or "permission denied"
        return None
