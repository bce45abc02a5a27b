"""How the data package format describes a table: its columns, key and checks
(the tables themselves are in packages/schema.py)."""

from dataclasses import dataclass

from pathfinder.packages import types as t


@dataclass(frozen=True)
class Column:
    name: str
    type: t.CellType
    required: bool = False
    field: str = ""  # model field name, when it differs from the column name
    refers: str = ""  # table whose key a value must name
    default: object = None  # stored when the cell is empty
    doc: str = ""

    @property
    def field_name(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class Table:
    name: str
    model: str  # app_label.ModelName
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns whose values must be unique in the table
    not_before: tuple[tuple[str, str], ...] = ()  # (later, earlier): later >= earlier
    doc: str = ""
    big: bool = False  # streams in batches; may hold millions of rows
    # A class kept in step with the rows a load writes (`Tally(fields)`, `.add(rows)`,
    # `.save()`, and `Tally.clear()` when the database is wiped), e.g. monthly totals.
    tally: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def get_model(self):
        from django.apps import apps

        return apps.get_model(self.model)

    def get_tally(self):
        if not self.tally:
            return None
        from django.utils.module_loading import import_string

        return import_string(self.tally)


def C(name, type_, required=False, **kw):  # noqa: N802 - reads as a table row
    return Column(name, type_, required, **kw)
