"""What changed: filtered, sorted, paged and downloaded through the listing component."""

from tests.lists_rest.conftest import csv_rows, shown, text

WINDOW = "from=2011-03-01&to=2011-10-01"


def test_changes_filter_sort_page_and_download(grown_admin):
    page = text(grown_admin.get(f"/changes/?{WINDOW}"))
    total = shown(page)
    assert total > 100
    second = text(grown_admin.get(f"/changes/?{WINDOW}&page=2"))
    assert "Showing 51 to 100 of" in second

    posts = text(grown_admin.get(f"/changes/?{WINDOW}&what=post"))
    assert "Grown officer" in posts and "member practice" not in posts
    assert shown(posts) < total

    found = text(grown_admin.get(f"/changes/?{WINDOW}&q=Grown+Person+7"))
    assert "Grown Person 7" in found and "Grown Person 8<" not in found

    newest = text(grown_admin.get(f"/changes/?{WINDOW}&sort=-date"))
    assert 'aria-sort="descending"' in newest
    assert newest.index("1 October 2011") < newest.index("1 April 2011")

    rows = csv_rows(grown_admin.get(f"/changes/?{WINDOW}&what=post&format=csv"))
    assert len(rows) == shown(posts) and {r["what"] for r in rows} == {"post"}
    every = csv_rows(grown_admin.get(f"/changes/?{WINDOW}&format=csv"))
    assert len(every) == total


def test_changes_window_errors_are_named(grown_admin):
    page = text(grown_admin.get("/changes/?from=2011-13-01"))
    assert "There is a problem" in page and 'href="#filter-from"' in page
