"""The "as at" date carried across pages (?as_at=YYYY-MM-DD, remembered in the session).

An empty date goes back to today. A date that cannot be read leaves the remembered
date in force and sets `request.as_at_error`, which the page shows by the date control.
"""

import datetime as dt

from django.utils import timezone

from pathfinder.core.dates import parse_date


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
