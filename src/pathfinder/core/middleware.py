"""The "as at" date carried across pages (?as_at=YYYY-MM-DD, remembered in the session)."""

import datetime as dt

from django.utils import timezone

from pathfinder.core.dates import parse_date


class AsAtMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.as_at = self.as_at(request)
        return self.get_response(request)

    @staticmethod
    def as_at(request) -> dt.date:
        raw = request.GET.get("as_at")
        if raw:
            try:
                d = parse_date(raw)
            except ValueError:
                d = None
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
