"""Sortable, paginated lists: the sort links and order of a list page's table.

`?sort=name` sorts by a column, `?sort=-name` the other way; unknown keys fall back
to the default, so a hand-edited address never errors.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator

PAGE_SIZE = 100


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order: tuple[str, ...] = ()  # ORM order_by fields; empty: not sortable
    numeric: bool = False


@dataclass(frozen=True)
class HeaderCell:
    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "none"
    numeric: bool


class Listing:
    def __init__(self, request, columns: list[Column], default: str):
        self.request = request
        self.columns = columns
        by_key = {c.key: c for c in columns if c.order}
        raw = request.GET.get("sort", default)
        key = raw.lstrip("-")
        if key not in by_key:
            raw, key = default, default.lstrip("-")
        self.key = key
        self.descending = raw.startswith("-")
        self.column = by_key[key]

    def order(self, queryset):
        fields = [f"-{f}" if self.descending else f for f in self.column.order]
        return queryset.order_by(*fields)

    def sort_list(self, rows: list) -> list:
        """Sort rows already in memory by the attribute named like the column."""

        def key(row):
            value = getattr(row, self.key)
            return (value is None, value if value is not None else "")

        return sorted(rows, key=key, reverse=self.descending)

    def headers(self) -> list[HeaderCell]:
        from pathfinder.core.jinja import query

        cells = []
        for c in self.columns:
            if not c.order:
                cells.append(HeaderCell(c.label, "", "", c.numeric))
                continue
            current = c.key == self.key
            if current:
                aria = "descending" if self.descending else "ascending"
                next_sort = c.key if self.descending else f"-{c.key}"
            else:
                aria, next_sort = "none", c.key
            href = query(self.request, sort=next_sort, page=None)
            cells.append(HeaderCell(c.label, href, aria, c.numeric))
        return cells

    def page(self, queryset):
        paginator = Paginator(queryset, PAGE_SIZE)
        return paginator.get_page(self.request.GET.get("page"))

    def wants_csv(self) -> bool:
        return self.request.GET.get("format") == "csv"
