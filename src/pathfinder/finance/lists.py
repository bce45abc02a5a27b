"""The lists of the finance pages: their columns, filters and download rows, for the
listing component (core/listing.py)."""

from pathfinder.core.listing import Column, Filter
from pathfinder.core.money import from_pence
from pathfinder.finance.models import UploadStatus

GROUP_COLUMNS = [
    Column("name", "Group", sortable=True),
    Column("budget", "Budget", numeric=True, sortable=True),
    Column("actual", "Spend to date", numeric=True, sortable=True),
    Column("forecast", "Forecast outturn", numeric=True, sortable=True),
    Column("variance", "Variance", numeric=True, sortable=True),
    Column("overspend_risk", "Status", sortable=True),
]
GROUP_FILTERS = [
    Filter("q", "Group code or name contains", "search", fields=("group", "name")),
    Filter("status", "Status", choices=[("risk", "Overspend risk"), ("ok", "On budget")],
           any="Any status", match=lambda row, v: row["overspend_risk"] is (v == "risk")),
]  # fmt: skip


def group_rows(rows):
    for r in rows:
        yield [r["group"], r["name"], r["budget"], r["actual"], r["forecast"], r["variance"],
               "overspend risk" if r["overspend_risk"] else "on budget"]  # fmt: skip


SUPPLIER_COLUMNS = [
    Column("supplier", "Supplier", ("supplier",)),
    Column("pence", "Spend to date", ("pence", "supplier"), numeric=True),
    Column("lines", "Payments", ("lines", "supplier"), numeric=True),
]
SUPPLIER_FILTERS = [Filter("q", "Supplier contains", "search", fields=("supplier",))]
PAYMENT_COLUMNS = [
    Column("date", "Date", ("date", "id")),
    Column("reference", "Reference", ("reference", "id")),
    Column("amount", "Amount", ("amount", "id"), numeric=True),
]
PAYMENT_FILTERS = [
    Filter("q", "Reference contains", "search", fields=("reference",)),
    Filter("from", "Paid from", "from", fields=("date",)),
    Filter("to", "Paid up to", "to", fields=("date",)),
]
LEDGER_HEADER = ["date", "org_code", "category", "supplier", "amount", "reference"]


def ledger_rows(entries):
    for e in entries:
        yield [e.date, e.org_id, e.category, e.supplier, e.amount, e.reference]


def supplier_rows(rows):
    for r in rows:
        yield [r["supplier"], from_pence(r["pence"]), r["lines"]]


PUBLICATION_COLUMNS = [
    Column("date", "Date", ("date", "id")),
    Column("category", "Expense type", ("category", "date", "id")),
    Column("supplier", "Supplier", ("supplier", "date", "id")),
    Column("amount", "Amount", ("amount", "id"), numeric=True),
    Column("reference", "Reference", ("reference", "id")),
]
PUBLICATION_FILTERS = [
    Filter("q", "Supplier, expense type or reference contains", "search",
           fields=("supplier", "category", "reference")),
]  # fmt: skip


def publication_rows(body: str):
    def rows(entries):
        for e in entries:
            yield [body, e.date.strftime("%d/%m/%Y"), e.category, e.supplier, e.amount,
                   e.reference]  # fmt: skip

    return rows


UPLOAD_COLUMNS = [
    Column("filename", "File", ("filename", "id")),
    Column("uploaded_at", "Uploaded", ("uploaded_at", "id")),
    Column("uploaded_by", "By", ("uploaded_by", "id")),
    Column("status", "Outcome", ("status", "id")),
]
UPLOAD_FILTERS = [
    Filter("q", "File name contains", "search", fields=("filename",)),
    Filter("status", "Outcome", choices=UploadStatus.choices, any="Any outcome"),
]
UPLOAD_HEADER = ["id", "filename", "uploaded_at", "uploaded_by", "status", "rows_checked",
                 "rows_loaded"]  # fmt: skip


def upload_rows(uploads):
    for u in uploads:
        yield [u.pk, u.filename, u.uploaded_at, u.uploaded_by, u.status, u.rows_checked,
               u.rows_loaded]  # fmt: skip
