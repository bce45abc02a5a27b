"""People through the listing component."""

from tests.lists_rest.conftest import csv_rows, shown, text


def test_people_filter_sort_page_and_download(grown_admin):
    page = text(grown_admin.get("/people/"))
    total = shown(page)
    assert total > 50
    assert "Showing 51 to" in text(grown_admin.get("/people/?page=2"))
    found = text(grown_admin.get("/people/?q=Grown+Person+7"))
    assert "Grown Person 7<" in found and "Grown Person 8<" not in found
    managers = text(grown_admin.get("/people/?profession=manager"))
    assert 0 < shown(managers) < total
    backwards = text(grown_admin.get("/people/?sort=-person_id"))
    assert 'aria-sort="descending"' in backwards
    rows = csv_rows(grown_admin.get("/people/?profession=manager&format=csv"))
    assert len(rows) == shown(managers) and {r["profession"] for r in rows} == {"manager"}
    assert any("Grown officer, C-CAM" in r["posts"] for r in rows)
