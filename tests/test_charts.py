"""The SVG charts are pure: no database."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from pathfinder.reports.charts import Series, bar_chart, line_chart, nice_max, short_number

NS = "{http://www.w3.org/2000/svg}"


def test_nice_max_rounds_up_to_a_readable_scale():
    assert nice_max(0) == 1.0
    assert nice_max(7) == 10
    assert nice_max(180) == 200
    assert nice_max(2100000) == 2500000
    assert nice_max(0.3) >= 0.3


def test_short_numbers():
    assert short_number(1_500_000) == "1.5m"
    assert short_number(2000) == "2k"
    assert short_number(12) == "12"


def test_line_chart_is_an_accessible_image_with_escaped_text():
    svg = line_chart(
        title="Spend <to date>",
        desc="Cumulative spend & budget",
        x_labels=["2011-04", "2011-05", "2011-06"],
        series=[Series("Actual", (Decimal("10"), None, Decimal("30")))],
        reference=Series("Budget", (Decimal("40"),) * 3),
    )
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Spend <to date>"
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 3  # the gap splits the actual line in two, plus the budget
    assert len(root.findall(f"{NS}circle")) == 2


def test_bar_chart_draws_one_bar_per_value_and_links_labels():
    svg = bar_chart(
        title="Bookings",
        desc="Per kind",
        bars=[("coaching", 3), ("finance_workshop", 12)],
        href={"coaching": "/support/?kind=coaching"},
    )
    root = ET.fromstring(str(svg))
    widths = [float(r.get("width")) for r in root.findall(f"{NS}rect")]
    assert len(widths) == 2 and widths[1] > widths[0] > 0
    assert root.find(f"{NS}a").get("href") == "/support/?kind=coaching"
