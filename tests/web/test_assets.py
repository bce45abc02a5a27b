"""The NHS.UK stylesheet's own icons resolve (it refers to them at /assets/images/…)."""

import re

from django.conf import settings


def test_every_icon_the_stylesheet_names_is_served(client):
    css = (settings.WHITENOISE_ROOT / "nhsuk-frontend.min.css").read_text()
    icons = set(re.findall(r"url\((/assets/[^)]+)\)", css))
    assert icons, "the stylesheet names no icons: has nhsuk-frontend changed?"
    for url in icons:
        assert client.get(url).status_code == 200, url
