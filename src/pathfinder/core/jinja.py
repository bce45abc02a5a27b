"""The Jinja2 environment: NHS.UK frontend macros plus Django's static and url helpers."""

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader


def environment(**options):
    loader = options.pop("loader", None)
    loaders = [PackageLoader("nhsuk_frontend_jinja", "templates")]
    if loader is not None:
        loaders.insert(0, loader)
    options["autoescape"] = True
    env = Environment(loader=ChoiceLoader(loaders), **options)  # noqa: S701 - set above
    env.globals.update({"static": static, "url": reverse})
    return env
