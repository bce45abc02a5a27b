"""The Jinja2 environment: NHS.UK frontend macros plus Django's static and url helpers."""

from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlencode

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from pathfinder.core.date_input import HINT, PARTS, as_entry
from pathfinder.core.iso_dates import long_date, long_dates
from pathfinder.core.presenters import navigation


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def query(request, **changes) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            for name in (key, *(f"{key}-{p}" for p in PARTS)):
                params.pop(name, None)
        else:
            params[key] = str(value)
    for key in ("as_at", *(f"as_at-{p}" for p in PARTS)):
        params.pop(key, None)  # carried by the session, not by every link
    text = params.urlencode()
    return f"?{text}" if text else "?"


def date_boxes_of(env: Environment):
    """`date_boxes(name, legend, value, ...)`: the boxes of core/date_input.html. Their
    HTML depends on the arguments alone and costs about 10 ms to make through the NHS.UK
    macros, on every page (the date of the records shown), so each distinct set is made
    once per process (docs/decisions/0218)."""

    def make(*args):
        return env.get_template("core/date_input_boxes.html").module.boxes(*args)

    made = lru_cache(maxsize=512)(make)

    def date_boxes(name, legend, value, *rest):
        args = (name, legend, as_entry(value), *rest)
        try:
            hash(args)
        except TypeError:  # an argument that cannot be a key is made each time
            return make(*args)
        return made(*args)

    date_boxes.made = made
    return date_boxes


def fte(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def environment(**options):
    loader = options.pop("loader", None)
    loaders = [PackageLoader("nhsuk_frontend_jinja", "templates")]
    if loader is not None:
        loaders.insert(0, loader)
    options["autoescape"] = True
    # The NHS.UK macros read optional nested parameters (params.search.action).
    options["undefined"] = ChainableUndefined
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(loader=ChoiceLoader(loaders), **options)  # noqa: S701 - set above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "query": query,
            "urlencode": urlencode,
            "navigation": navigation,
            "date_entry": as_entry,
            "DATE_HINT": HINT,
        }
    )
    env.globals["date_boxes"] = date_boxes_of(env)
    env.filters.update({"long_date": long_date, "long_dates": long_dates, "fte": fte})
    return env
