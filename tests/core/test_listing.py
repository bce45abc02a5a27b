"""The listing component on lists an analysis made: filters, sort, pages and the rows a
download holds, without the database."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.test import RequestFactory

from pathfinder.core.listing import Column, Filter, Listing


@dataclass
class Item:
    code: str
    name: str
    kind: str
    opened: dt.date | None


ITEMS = [
    Item(f"X{i:03d}", f"Name {i % 7}", "practice" if i % 3 else "consortium",
         dt.date(2011, 1 + i % 12, 1) if i % 5 else None)
    for i in range(120)
]  # fmt: skip
COLUMNS = [
    Column("code", "Code", sortable=True),
    Column("name", "Name", sortable=True),
    Column("kind", "Kind"),
    Column("opened", "Opened", sortable=True),
]
FILTERS = [
    Filter("q", "Code or name contains", "search", fields=("code", "name")),
    Filter("kind", "Kind", choices=[("practice", "Practice"), ("consortium", "Consortium")]),
    Filter("since", "Opened from", "from", fields=("opened",)),
]


def listing(query: str = "") -> Listing:
    request = RequestFactory().get("/list/" + (f"?{query}" if query else ""))
    return Listing(request, COLUMNS, "code", filters=FILTERS, noun="items")


def test_filters_keep_only_matching_rows():
    rows = listing("kind=consortium&q=name%203").apply(ITEMS)
    assert rows and all(r.kind == "consortium" and r.name == "Name 3" for r in rows)
    assert len(rows) == len([i for i in ITEMS if i.kind == "consortium" and i.name == "Name 3"])


def test_a_value_outside_the_choices_filters_nothing():
    assert len(listing("kind=hospital").apply(ITEMS)) == len(ITEMS)


def test_a_date_filter_keeps_later_dates_and_names_a_bad_date():
    kept = listing("since=2011-10-01").apply(ITEMS)
    assert kept and all(r.opened and r.opened >= dt.date(2011, 10, 1) for r in kept)
    bad = listing("since=1%2F10%2F2011")
    assert "since" in bad.errors and len(bad.apply(ITEMS)) == len(ITEMS)


def test_sorting_both_ways_puts_blanks_last_when_ascending():
    up = listing("sort=opened").apply(ITEMS)
    down = listing("sort=-opened").apply(ITEMS)
    assert [r.opened for r in up if r.opened] == sorted(r.opened for r in ITEMS if r.opened)
    assert up[-1].opened is None and down[0].opened is None
    assert listing("sort=kind").key == "code"  # not sortable: the default


def test_headers_say_which_way_the_list_is_sorted():
    heads = {h.label: h for h in listing("sort=-name").headers()}
    assert heads["Name"].aria_sort == "descending" and "sort=name" in heads["Name"].href
    assert heads["Code"].aria_sort == "none" and heads["Kind"].aria_sort == ""


def test_pages_of_fifty_and_a_page_past_the_end_is_the_last():
    l3 = listing("page=3")
    page = l3.page(l3.apply(ITEMS))
    assert (page.number, page.start_index(), page.end_index()) == (3, 101, 120)
    assert listing("page=99").page(ITEMS).number == 3


def test_the_download_holds_every_filtered_row_in_order():
    lst = listing("kind=practice&sort=-code&format=csv")
    kept = lst.apply(ITEMS)
    response = lst.download(kept, "items", lambda chunk: ([i.code, i.name] for i in chunk))
    text = b"".join(response.streaming_content).decode()
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["Code", "Name", "Kind", "Opened"]
    assert [r[0] for r in lines[1:]] == [i.code for i in kept]
    assert response["Content-Disposition"] == 'attachment; filename="items.csv"'


def test_the_excel_download_is_a_workbook_of_the_same_rows():
    from openpyxl import load_workbook

    lst = listing("kind=consortium&format=xlsx")
    kept = lst.apply(ITEMS)
    response = lst.download(kept, "items", lambda chunk: ([i.code, "=1+1"] for i in chunk))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(book.active.values)
    assert [v[0] for v in values[1:]] == [i.code for i in kept]
    assert values[1][1] == "'=1+1"  # never a formula


def test_a_date_filter_reads_the_day_month_and_year_boxes():
    kept = listing("since-day=1&since-month=10&since-year=2011").apply(ITEMS)
    assert kept == listing("since=2011-10-01").apply(ITEMS)
    wrong = listing("since-day=31&since-month=2&since-year=2011")
    assert wrong.errors["since"] == "Opened from must be a real date"
