"""Request middleware of the core app.

`AsAtMiddleware`: the "as at" date carried across pages (?as_at=YYYY-MM-DD, remembered
in the session). An empty date goes back to today. A date that cannot be read leaves the
remembered date in force and sets `request.as_at_error`, which the page shows by the date
control.

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
from pathfinder.core.iso_dates import parse_date


class AsAtMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.as_at_error = ""
        if request.path.startswith("/api/"):
            # The API takes its date per call and keeps no session state.
            request.as_at = timezone.localdate()
        else:
            request.as_at = self.as_at(request)
        return self.get_response(request)

    @staticmethod
    def as_at(request) -> dt.date:
        raw = request.GET.get("as_at")
        if raw is not None:
            raw = raw.strip()
            if raw == "":
                # An emptied date control means "today" again.
                if hasattr(request, "session"):
                    request.session.pop("as_at", None)
                return timezone.localdate()
            try:
                d = parse_date(raw)
            except ValueError:
                d = None
                request.as_at_error = "Enter the date as year, month and day, like 2011-10-01"
            if d is not None:
                if hasattr(request, "session"):
                    request.session["as_at"] = d.isoformat()
                return d
        if hasattr(request, "session") and request.session.get("as_at"):
            try:
                return parse_date(request.session["as_at"])
            except ValueError:
                pass
        return timezone.localdate()


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
