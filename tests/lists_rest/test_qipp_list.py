"""The QIPP schemes through the listing component."""

from tests.lists_rest.conftest import csv_rows, shown, text


def test_qipp_filter_sort_page_and_download(grown_admin):
    page = text(grown_admin.get("/qipp/?year=2011-12"))
    total = shown(page)
    assert total > 50
    assert "Showing 51 to" in text(grown_admin.get("/qipp/?year=2011-12&page=2"))
    found = text(grown_admin.get("/qipp/?year=2011-12&q=Grown+scheme+7"))
    table = found.split("pf-count")[1]
    assert "Grown scheme 7<" in table and "Grown scheme 8<" not in table
    productivity = text(grown_admin.get("/qipp/?year=2011-12&domain=productivity"))
    assert 0 < shown(productivity) < total
    by_plan = text(grown_admin.get("/qipp/?year=2011-12&sort=-planned"))
    assert 'aria-sort="descending"' in by_plan
    rows = csv_rows(grown_admin.get("/qipp/?year=2011-12&sort=-planned&format=csv"))
    assert len(rows) == total
    planned = [float(r["planned_ytd"]) for r in rows]
    assert planned == sorted(planned, reverse=True)
    not_owned = csv_rows(grown_admin.get("/qipp/?year=2011-12&owned=no&format=csv"))
    assert not_owned and {r["owned"] for r in not_owned} == {"no"}
