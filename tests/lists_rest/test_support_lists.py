"""Support lists through the listing component: capacity, readiness, offers' sessions."""

from tests.lists_rest.conftest import csv_rows, shown, text


def test_capacity_filter_sort_and_download(grown_admin):
    page = text(grown_admin.get("/capacity/"))
    total = shown(page)
    assert total >= 3 and 'aria-sort="ascending"' in page
    found = text(grown_admin.get("/capacity/?q=hunts"))
    assert shown(found) == 1 and "Hunts Health Consortium" in found
    by_fte = text(grown_admin.get("/capacity/?sort=-fte"))
    assert 'aria-sort="descending"' in by_fte
    rows = csv_rows(grown_admin.get("/capacity/?sort=-fte&format=csv"))
    assert len(rows) == total
    ftes = [float(r["fte"]) for r in rows]
    assert ftes == sorted(ftes, reverse=True)


def test_readiness_filter_sort_and_download(grown_admin):
    page = text(grown_admin.get("/readiness/?as_at=2011-12-01"))
    total = shown(page)
    assert total >= 2 and "<svg" in page
    found = text(grown_admin.get("/readiness/?q=hunts"))
    assert shown(found) == 1 and "Hunts Health Consortium" in found
    rows = csv_rows(grown_admin.get("/readiness/?sort=-last&format=csv"))
    assert len(rows) == total
    assert [r["last_assessed"] for r in rows] == sorted(
        (r["last_assessed"] for r in rows), reverse=True
    )
