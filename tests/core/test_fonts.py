"""The NHS.UK stylesheet is served without fonts from another host unless a deployment
asks for them (docs/decisions/0185)."""

import pytest
from django.conf import settings

from pathfinder.core.fonts import STYLESHEET, NhsukStylesheetFinder, without_remote_fonts

REMOTE = (
    "@font-face{font-family:Frutiger W01;font-weight:400;"
    'src:url(https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2) format("woff2")}'
)
LOCAL = '@font-face{font-family:Mine;src:url(/static/mine.woff2) format("woff2")}'


def test_only_the_remote_font_faces_are_removed():
    css = f"body{{color:red}}{REMOTE}{LOCAL}.a{{font-family:Frutiger W01,arial}}"
    assert (
        without_remote_fonts(css) == f"body{{color:red}}{LOCAL}.a{{font-family:Frutiger W01,arial}}"
    )


def test_the_served_stylesheet_names_no_other_host_and_keeps_its_rules(client):
    source = (settings.WHITENOISE_ROOT / "nhsuk-frontend.min.css").read_text()
    assert "https://assets.nhs.uk/" in source, "has nhsuk-frontend stopped naming its font host?"
    response = client.get(f"/static/{STYLESHEET}")
    served = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert "assets.nhs.uk" not in served
    assert served == without_remote_fonts(source)


@pytest.mark.django_db  # a page opens on the package's reference date, read from the database
def test_the_policy_allows_no_font_host_by_default(client):
    policy = client.get("/sign-in/")["Content-Security-Policy"]
    font_src = next(d for d in policy.split(";") if d.strip().startswith("font-src"))
    assert font_src.split() == ["font-src", "'self'"]


def test_a_deployment_that_reaches_the_nhs_font_host_gets_the_stylesheet_as_published(settings):
    settings.PATHFINDER_NHS_FONTS = True
    assert NhsukStylesheetFinder().find(STYLESHEET) is None
    settings.PATHFINDER_NHS_FONTS = False
    assert NhsukStylesheetFinder().find(STYLESHEET).endswith(STYLESHEET)
