"""The one listing component of list pages and the API's list routes: filters, sort,
page, and the whole filtered list as a streamed CSV or Excel download.

A page declares its columns and filters once:

    listing = Listing(request, COLUMNS, "name", filters=FILTERS, noun="organisations")
    items = listing.apply(queryset)            # filtered and sorted
    if listing.download_format:
        return listing.download(items, "organisations-2011-11-01", rows=to_rows)
    page = listing.page(items)                 # one page, with "showing 51 to 100 of N"

and renders it with `core/listing.html`'s `listing_page` macro. `?sort=name` sorts by a
column, `?sort=-name` the other way; `?page=3` is the third page; `?format=csv` (or
`xlsx`) downloads every row the filters keep, in the page's order. Unknown sort keys,
pages past the end and filter values outside a filter's choices fall back to the
default, so a hand-edited address never errors. Sources may be querysets (filtered and
sorted by the database) or lists an analysis made (filtered and sorted in memory, by
each filter's `match` and by the attribute named like the column).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from pathfinder.core.date_input import read_date

PAGE_SIZE = 50
DOWNLOAD_CHUNK = 2000
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order: tuple[str, ...] = ()  # ORM order_by fields; empty: not sortable
    numeric: bool = False
    sortable: bool | None = None  # for in-memory lists: sortable by attribute `key`

    @property
    def is_sortable(self) -> bool:
        return bool(self.order) if self.sortable is None else self.sortable


@dataclass(frozen=True)
class Filter:
    """One filter of a list. `kind` is "choice" (one of `choices`), "search" (free text
    matched against `fields`), "from" or "to" (an ISO date bounding `fields[0]`).
    `lookup` names the ORM field a choice filters on; `apply(queryset, value)` or
    `match(row, value)` replace the default for a queryset or an in-memory list."""

    key: str
    label: str
    kind: str = "choice"
    choices: Sequence = ()
    any: str = "Any"
    lookup: str = ""
    fields: tuple[str, ...] = ()
    apply: Callable[[QuerySet, str], QuerySet] | None = None
    match: Callable[[Any, str], bool] | None = None
    default: str = ""

    def allowed(self, value: str) -> bool:
        if self.kind != "choice" or not value:
            return True
        return value in {c if isinstance(c, str) else str(c[0]) for c in self.choices}

    def on_queryset(self, queryset: QuerySet, value: str) -> QuerySet:
        if self.apply is not None:
            return self.apply(queryset, value)
        if self.kind == "search":
            q = Q()
            for f in self.fields:
                q |= Q(**{f"{f}__icontains": value})
            return queryset.filter(q)
        if self.kind in ("from", "to"):
            op = "gte" if self.kind == "from" else "lte"
            return queryset.filter(**{f"{self.fields[0]}__{op}": value})
        return queryset.filter(**{self.lookup or self.key: value})

    def on_row(self, row, value: str) -> bool:
        if self.match is not None:
            return self.match(row, value)
        if self.kind == "search":
            needle = value.casefold()
            return any(needle in str(_attr(row, f) or "").casefold() for f in self.fields)
        if self.kind in ("from", "to"):
            have = _attr(row, self.fields[0])
            if have is None:
                return False
            have = have.isoformat() if hasattr(have, "isoformat") else str(have)
            return have >= value if self.kind == "from" else have <= value
        return str(_attr(row, self.lookup or self.key)) == value


@dataclass(frozen=True)
class HeaderCell:
    label: str
    href: str
    aria_sort: str  # "ascending", "descending", "none", or "" when not sortable
    numeric: bool


@dataclass(frozen=True)
class FilterField:
    filter: Filter
    value: str
    error: str = ""

    @property
    def key(self):
        return self.filter.key


class ListingError(ValueError):
    """A strict listing's (the API's) parameter that names nothing it offers."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param


@dataclass
class Listing:
    request: Any
    columns: list[Column]
    default: str
    filters: Sequence[Filter] = ()
    noun: str = "rows"
    page_size: int = PAGE_SIZE
    # A page falls back to the default on an unknown sort key; the API (strict) refuses.
    strict: bool = False
    values: dict[str, str] = field(init=False)
    errors: dict[str, str] = field(init=False)

    def __post_init__(self):
        params = self.request.GET
        by_key = {c.key: c for c in self.columns if c.is_sortable}
        raw = params.get("sort") or self.default
        key = raw.lstrip("-")
        if key not in by_key:
            if self.strict:
                known = ", ".join(sorted(by_key))
                raise ListingError("sort", f"not a sort key of this list ({known}): {raw!r}")
            raw, key = self.default, self.default.lstrip("-")
        self.key = key
        self.descending = raw.startswith("-")
        self.column = by_key[key]
        self.values, self.errors = {}, {}
        for f in self.filters:
            if f.kind in ("from", "to"):
                # The NHS.UK day/month/year boxes, or the ISO form of a link.
                entry = read_date(params, f.key, f.label, required=False)
                if entry.error and self.strict:
                    raise ListingError(f.key, entry.error)
                if entry.error:
                    self.errors[f.key] = entry.error
                self.values[f.key] = entry.date.isoformat() if entry.date else ""
                continue
            value = params.get(f.key, f.default).strip()
            if not f.allowed(value):
                if self.strict:
                    raise ListingError(f.key, f"not one of this filter's choices: {value!r}")
                value = f.default
            self.values[f.key] = value

    # What the list holds

    def apply(self, items):
        """The items the filters keep, in the chosen order."""
        if isinstance(items, QuerySet):
            for f in self.filters:
                if value := self.values[f.key]:
                    items = f.on_queryset(items, value)
            return self.order(items)
        rows = list(items)
        for f in self.filters:
            if value := self.values[f.key]:
                rows = [r for r in rows if f.on_row(r, value)]
        return self.sort_list(rows)

    def order(self, queryset: QuerySet, then: Sequence[str] = ()) -> QuerySet:
        """Sorted by the chosen column, then by `then` (a stable order for ties)."""
        fields = self.column.order or (self.column.key,)
        first = [f"-{f}" if self.descending else f for f in fields]
        return queryset.order_by(*first, *(f for f in then if f.lstrip("-") not in fields))

    def sort_list(self, rows: list) -> list:
        """Sort rows already in memory by the attribute named like the column."""

        def key(row):
            value = _attr(row, self.key)
            return (value is None, value if value is not None else "")

        return sorted(rows, key=key, reverse=self.descending)

    def page(self, items):
        return Paginator(items, self.page_size).get_page(self.request.GET.get("page"))

    @staticmethod
    def window(items, limit: int, offset: int) -> tuple[int, list]:
        """The API's page: the count and `limit` items from `offset` (two queries)."""
        count = items.count() if isinstance(items, QuerySet) else len(items)
        return count, list(items[offset : offset + limit])

    # What the page shows

    def headers(self) -> list[HeaderCell]:
        from pathfinder.core.jinja import query

        cells = []
        for c in self.columns:
            if not c.is_sortable:
                cells.append(HeaderCell(c.label, "", "", c.numeric))
                continue
            if c.key == self.key:
                aria = "descending" if self.descending else "ascending"
                next_sort = c.key if self.descending else f"-{c.key}"
            else:
                aria, next_sort = "none", c.key
            href = query(self.request, sort=next_sort, page=None)
            cells.append(HeaderCell(c.label, href, aria, c.numeric))
        return cells

    def fields(self) -> list[FilterField]:
        return [
            FilterField(f, self.values[f.key], self.errors.get(f.key, "")) for f in self.filters
        ]

    @property
    def filtered(self) -> bool:
        return any(v and v != f.default for f in self.filters if (v := self.values[f.key]))

    # The whole list, downloaded

    @property
    def download_format(self) -> str:
        wanted = self.request.GET.get("format", "")
        return wanted if wanted in FORMATS else ""

    def wants_csv(self) -> bool:
        return self.download_format == "csv"

    def download(
        self,
        items,
        filename: str,
        rows: Callable[[list], Iterable[Sequence]],
        header: Sequence[str] | None = None,
        title: str = "",
    ):
        """Every item as a CSV or Excel attachment, streamed: `rows(chunk)` turns a chunk
        of at most DOWNLOAD_CHUNK items into rows (so it may read what they need in one
        query per chunk), `header` defaults to the columns' labels."""
        from pathfinder.core import downloads

        head = list(header) if header is not None else [c.label for c in self.columns]
        body = _chunked_rows(items, rows)
        if self.download_format == "xlsx":
            sheet = title or self.noun.capitalize()
            return downloads.xlsx_streamed(f"{filename}.xlsx", sheet, head, body)
        return downloads.csv_response(f"{filename}.csv", head, body)


def _chunked_rows(items, rows):
    if isinstance(items, QuerySet):
        chunk: list = []
        for item in items.iterator(chunk_size=DOWNLOAD_CHUNK):
            chunk.append(item)
            if len(chunk) == DOWNLOAD_CHUNK:
                yield from rows(chunk)
                chunk = []
        if chunk:
            yield from rows(chunk)
        return
    items = list(items)
    for start in range(0, len(items), DOWNLOAD_CHUNK):
        yield from rows(items[start : start + DOWNLOAD_CHUNK])


def _attr(row, name: str):
    if isinstance(row, dict):
        return row.get(name)
    value = row
    for part in name.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value
