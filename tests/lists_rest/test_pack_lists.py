"""A body's board packs through the listing component."""

import datetime as dt

from tests.lists_rest.conftest import csv_rows, shown, text


def test_packs_filter_sort_page_and_download(east_admin):
    from pathfinder.governance.models import Body
    from pathfinder.reports.actions import request_build

    body = Body.objects.get(pk="B-CAM")
    for i in range(52):
        request_build(by="test:lists", body=body, as_at=dt.date(2011, 4, 1) + dt.timedelta(days=i))
    url = "/bodies/B-CAM/packs/"
    page = text(east_admin.get(url))
    assert shown(page) == 52 and 'aria-sort="descending"' in page
    assert page.index("Pack 52<") < page.index("Pack 51<")
    assert "Showing 51 to 52 of 52 packs" in text(east_admin.get(url + "?page=2"))
    oldest = text(east_admin.get(url + "?sort=number"))
    assert oldest.index("Pack 1<") < oldest.index("Pack 2<")
    april = text(east_admin.get(url + "?from=2011-04-01&to=2011-04-10"))
    assert shown(april) == 10
    assert shown(text(east_admin.get(url + "?status=built"))) == 0
    rows = csv_rows(east_admin.get(url + "?status=queued&format=csv"))
    assert len(rows) == 52 and {r["status"] for r in rows} == {"queued"}
