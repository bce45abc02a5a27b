"""Every page of the project's URLconf, with its URL filled from the example data.

Walks django.urls.get_resolver(), so a new page is covered as soon as it is routed.
The JSON API (under /api/) has its own tests and is left out.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL kwarg name -> a record of Cambridge Health Consortium (C-CAM) or elsewhere in the
# cluster CL-CAP: inside the owner's scope and outside the outsider's.
KWARGS = {
    "code": "C-CAM",
    "org_code": "C-CAM",
    "person_id": "P03",
    "body_id": "B-CAM",
    "meeting_id": "M-CAM-11",
    "decision_id": "D-CAM-1",
    "risk_id": "R01",
    "scheme_id": "Q-CAM-1",
    "offer_id": "O-COACH",
    "session_id": "S1",
    "proposal_id": "PR-UCC",
    "interest_id": "I01",
    "gift_id": "G01",
    "function_id": "F-ACUTE-CAM",
    "year": "2011-12",
    "financial_year": "2011-12",
    # Board pack 1 of B-CAM: tests/web/test_access.py builds it through the actions.
    "number": 1,
    "username": "editor",  # a demo account: editor of C-CAM
    "uidb64": "MQ",
    "token": "not-a-token",
}

# Pages anyone may open, signed in or not.
PUBLIC = {
    "home",
    "login",
    "interests:public",
    "reports:public_packs",
    "users:set_password",
    "users:password_set",
}
# Pages for administrators only: anyone else gets 403.
ADMINISTRATORS_ONLY = {
    "users:list",
    "users:invite",
    "users:detail",
    "users:grant",
    "users:end_role",
    "users:deactivate",
    "users:send_link",
}
# Pages that answer GET with something other than a page: signing out is a POST, and
# the sign-in page sends a signed-in user home.
# Signing in with an organisation's provider is off unless configured (404); the code
# step sends an account without an authenticator on to setting one up.
ANONYMOUS_STATUS = {"logout": 405, "oidc_start": 404, "oidc_callback": 404}
SIGNED_IN_STATUS = {
    "logout": 405,
    "login": 302,
    "two_factor_code": 302,
    "oidc_start": 404,
    "oidc_callback": 404,
}

EXCLUDED_PREFIXES = ("api/",)


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    kwargs: tuple[str, ...]

    @property
    def public(self) -> bool:
        return self.name in PUBLIC

    @property
    def is_object_page(self) -> bool:
        return bool(self.kwargs)


def _walk(patterns, prefix: str, namespace: str):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from _walk(p.url_patterns, route, ns)
        elif isinstance(p, URLPattern):
            yield route, (f"{namespace}{p.name}" if p.name else None), p


def all_pages() -> list[Page]:
    pages = []
    for route, name, pattern in _walk(get_resolver().url_patterns, "", ""):
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        assert name, f"every page needs a URL name so it can be tested: {route!r}"
        names = tuple(pattern.pattern.converters)
        missing = [k for k in names if k not in KWARGS]
        assert not missing, (
            f"URL {route!r} ({name}) takes {missing}: add an example value to "
            "KWARGS in tests/web/pages.py"
        )
        url = reverse(name, kwargs={k: KWARGS[k] for k in names})
        pages.append(Page(name, url, names))
    return sorted(pages, key=lambda p: p.url)
