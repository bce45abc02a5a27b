"""The API's one error body and the handlers that give every 4xx answer that shape.

Every refusal is `{"detail": "…", "errors": {"field": "…"}}`: `detail` a sentence a
person can read, `errors` what is wrong with each named parameter or body field (empty
when the problem is not one field's). The validator's own list of problems, a token
refused, a role that may not, something outside your scope and an analysis's check all
answer this way (docs/decisions/0140-api-errors-and-limits.md).
"""

from functools import wraps

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from pathfinder.core.errors import NotFound, UserError

# What each error status means here, as the document describes it.
MEANINGS = {
    400: "The request body could not be read, or an analysis refused the question",
    401: "No caller: send `Authorization: Bearer <token>` or sign in",
    403: "Your role does not allow this",
    404: "Nothing by that name in your scope",
    409: "The change conflicts with the record as it stands",
    422: "A parameter or field is missing, malformed or out of range",
    501: "Not available in this version",
}


class Error(Schema):
    """Every error answer: a message, and what is wrong with each field named."""

    detail: str
    errors: dict[str, str]


class Invalid(HttpError):
    """A 422 about one parameter or field, named in `errors`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(422, f"{field}: {message}")
        self.errors = {field: message}


def error_body(detail: str, errors: dict[str, str] | None = None) -> dict:
    return {"detail": detail, "errors": dict(errors or {})}


def _field(loc) -> str:
    """`["query", "limit"]` → `limit`; `["body", "body", "due"]` → `due`; the body itself
    (missing or not an object) → `body`."""
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "body"


# Text without a NUL character: PostgreSQL cannot store or compare one, so a parameter
# or field holding one is refused (422) before any query, on either database.
NO_NUL = "^[^\\u0000]*$"


def nul_in(request, kwargs: dict) -> str | None:
    """The first path or query parameter whose value holds a NUL character."""
    for name, value in kwargs.items():
        if isinstance(value, str) and "\x00" in value:
            return name
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return name.replace("\x00", "")
    return None


def install(api: NinjaAPI) -> None:
    """Give `api` the handlers that answer every error with `Error`."""

    def answer(request, status: int, detail: str, errors=None):
        return api.create_response(request, error_body(detail, errors), status=status)

    def refuse_nul(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if (name := nul_in(request, kwargs)) is not None:
                message = "must not contain a NUL character"
                return answer(request, 422, f"{name}: {message}", {name: message})
            return view(request, *args, **kwargs)

        return checked

    api.add_decorator(refuse_nul, mode="view")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError):
        errors: dict[str, str] = {}
        for problem in exc.errors:
            errors.setdefault(_field(problem.get("loc", ())), problem.get("msg", "invalid"))
        detail = "; ".join(f"{field}: {msg}" for field, msg in errors.items())
        return answer(request, 422, detail or "The request is not valid", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        response = answer(request, exc.status_code, exc.message)
        response["WWW-Authenticate"] = 'Bearer realm="pathfinder"'
        return response

    @api.exception_handler(HttpError)
    def refused(request: HttpRequest, exc: HttpError):
        return answer(request, exc.status_code, exc.message, getattr(exc, "errors", None))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return answer(request, 404, "Not found")

    @api.exception_handler(UserError)
    def user_error(request: HttpRequest, exc: UserError):
        return answer(request, 404 if isinstance(exc, NotFound) else 400, str(exc))
