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


def test_offers_and_sessions_are_sorted_filtered_and_downloaded(east_admin):
    page = text(east_admin.get("/support/?as_at=2011-10-01"))
    total = shown(page)
    assert total >= 2
    coaching = text(east_admin.get("/support/?kind=coaching"))
    assert 0 < shown(coaching) < total
    offers = csv_rows(east_admin.get("/support/?sort=-n_bookings&format=csv"))
    assert len(offers) == total
    booked = [int(r["bookings"]) for r in offers]
    assert booked == sorted(booked, reverse=True)
    sessions = csv_rows(east_admin.get("/support/offers/O-COACH/?sort=-date&format=csv"))
    assert sessions and [r["date"] for r in sessions] == sorted(
        (r["date"] for r in sessions), reverse=True
    )
    later = text(east_admin.get(f"/support/offers/O-COACH/?from={sessions[0]['date']}"))
    assert shown(later) == 1
