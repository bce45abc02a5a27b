"""Finance pages: the roll-up for a year, level and date (restated on another date's
structure if asked), the chart of cumulative spend, the drill-down from a group to single
transactions, ledger uploads, and the monthly "spend over £25,000" publication.

Every page reaches money through `request.scope`: a group's row is shown only when the
user's role covers the group, and then whole (docs/decisions/0100).
"""

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core import files
from pathfinder.core.date_input import read_date
from pathfinder.core.decorators import organisation_in_scope, signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.iso_dates import parse_date
from pathfinder.core.jinja import query
from pathfinder.core.listing import Listing
from pathfinder.core.money import FinancialYear, from_pence
from pathfinder.core.roles import Permission
from pathfinder.finance import actions, lists, overview, rollup
from pathfinder.finance import uploads as upload_files
from pathfinder.finance.models import LedgerUpload
from pathfinder.organisations.models import Organisation
from pathfinder.reports.charts import spend_chart

LEVEL_LABELS = {
    "organisation": "Organisation",
    "statutory": "Statutory accountable body",
    "cluster": "Cluster",
}
THRESHOLD = Decimal("25000.00")
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
PUBLICATION_HEADER = ["Body", "Date", "Expense type", "Supplier", "Amount", "Reference"]


class Params:
    """The year, level and restatement date of a finance page, with any field errors."""

    def __init__(self, request, default_by: str = "statutory"):
        self.errors: list[tuple[str, str]] = []
        self.as_at = request.as_at
        self.raw_year = request.GET.get("year", "").strip()
        try:
            self.year = overview.choose_year(self.raw_year, self.as_at)
        except UserError:
            self.errors.append(("year", "Enter the financial year like 2011-12"))
            self.year = FinancialYear.containing(self.as_at)
        self.by = request.GET.get("by", default_by)
        if self.by not in rollup.LEVELS:
            self.errors.append(("by", "Choose organisation, statutory body or cluster"))
            self.by = default_by
        self.raw_restate = read_date(request.GET, "restate", "Restatement date", required=False)
        self.restate: dt.date | None = self.raw_restate.date
        if self.raw_restate.error:
            self.errors.append(("restate", self.raw_restate.error))

    def context(self) -> dict:
        return {
            "year": self.year,
            "by": self.by,
            "by_label": LEVEL_LABELS[self.by],
            "levels": LEVEL_LABELS,
            "restate": self.restate,
            "raw_year": self.raw_year or str(self.year),
            "raw_restate": self.raw_restate,
            "errors": self.errors,
            "form_errors": self.errors,
        }


def _names(codes) -> dict[str, str]:
    return dict(Organisation.objects.filter(code__in=set(codes)).values_list("code", "name"))


def _params_kept(p: Params) -> dict:
    """The year, level and restatement of the page, kept by the list's own filter form."""
    kept = {"year": str(p.year), "by": p.by}
    if p.restate:
        kept["restate"] = p.restate.isoformat()
    return kept


@signed_in
def overview_page(request):
    p = Params(request)
    listing = Listing(
        request, lists.GROUP_COLUMNS, "name", filters=lists.GROUP_FILTERS, noun="groups"
    )
    context = {"title": "Money", **p.context(), "years": overview.known_years()}
    if not p.errors:
        ov, _facts = overview.overview(p.year, p.by, p.as_at, p.restate, request.scope.org_codes())
        names = _names(r.group for r in ov.rows)
        every = [{**vars(r), "name": names.get(r.group, r.group)} for r in ov.rows]
        rows = listing.apply(every)
        if listing.download_format:
            header = ["group", "name", "budget", "actual", "forecast", "variance", "status"]
            name = f"money-{p.year}-{p.by}-{p.as_at.isoformat()}"
            return listing.download(rows, name, lists.group_rows, header=header)
        context.update(
            {
                "ov": ov,
                "listing": listing,
                "page": listing.page(rows),
                "kept": _params_kept(p),
                "risks": ov.overspend_risks,
                "chart_src": reverse("finance:chart") + query(request, q=None, status=None,
                                                              sort=None, page=None),
            }
        )  # fmt: skip
    return render(request, "finance/overview.html", context)


def monthly_for(request, p: Params, group: str | None) -> overview.Monthly:
    return overview.monthly_seen(p.year, p.as_at, p.by, p.restate, request.scope.org_codes(), group)


def chart_svg(m: overview.Monthly, year: FinancialYear, whose: str):
    return spend_chart(m.months, m.cumulative, m.budget, title=f"{year}, {whose}")


@signed_in
def chart(request):
    """The chart as an SVG image; the page that shows it gives its figures as a table."""
    p = Params(request)
    if p.errors:
        raise Http404("Not a chart")
    group = request.GET.get("group") or None
    if group and group not in request.scope.org_codes():
        raise Http404("No such organisation in your scope")
    whose = group or "the groups you can see"
    svg = chart_svg(monthly_for(request, p, group), p.year, whose)
    return HttpResponse(str(svg), content_type="image/svg+xml")


@signed_in
def monthly_page(request):
    p = Params(request)
    group = request.GET.get("group") or None
    if group and group not in request.scope.org_codes():
        raise Http404("No such organisation in your scope")
    context = {"title": "Monthly spend", **p.context(), "group": group}
    if not p.errors:
        m = monthly_for(request, p, group)
        context.update(
            {
                "monthly": list(zip(m.months, m.cumulative, strict=True)),
                "budget": m.budget,
                "svg": chart_svg(m, p.year, group or "the groups you can see"),
                "group_name": _names([group]).get(group, "") if group else "",
            }
        )
    return render(request, "finance/monthly.html", context)


@organisation_in_scope
def organisation_page(request, organisation):
    p = Params(request)
    code = organisation.code
    context = {"title": f"Money of {organisation.name}", "org": organisation, **p.context()}
    if not p.errors:
        money = overview.organisation_money(p.year, p.as_at, p.restate, code, p.by)
        context.update(
            {
                "members": money.members,
                "group": money.group,
                "names": _names(money.orgs),
                "codes": request.scope.org_codes(),
                "categories": money.categories,
                "months": money.months,
                "chart_src": reverse("finance:chart") + query(request, group=code),
                "monthly_href": reverse("finance:monthly") + query(request, group=code),
                "can_edit": request.scope.can(Permission.EDIT, code),
            }
        )
    return render(request, "finance/organisation.html", context)


@organisation_in_scope
def spend_page(request, organisation):
    p = Params(request)
    code = organisation.code
    category = request.GET.get("category", "").strip()
    supplier = request.GET.get("supplier", "").strip()
    context = {
        "title": f"Spend of {organisation.name}",
        "org": organisation,
        **p.context(),
        "category": category,
        "supplier": supplier,
        "kept": {**_params_kept(p), "category": category, "supplier": supplier},
    }
    if p.errors:
        return render(request, "finance/spend.html", context)
    if not category:
        context["category_rows"] = overview.category_spend(code, p.year, p.as_at)
    elif not supplier:
        listing = Listing(request, lists.SUPPLIER_COLUMNS, "-pence", filters=lists.SUPPLIER_FILTERS,
                          noun="suppliers")  # fmt: skip
        rows = listing.apply(overview.suppliers(code, category, p.year, p.as_at))
        if listing.download_format:
            name = f"suppliers-{code}-{category}-{p.year}"
            header = ["supplier", "spend", "payments"]
            return listing.download(rows, name, lists.supplier_rows, header=header)
        page = listing.page(rows)
        context.update({"listing": listing, "page": page})
        context["supplier_rows"] = [
            (s["supplier"], from_pence(s["pence"]), s["lines"]) for s in page
        ]
    else:
        listing = Listing(request, lists.PAYMENT_COLUMNS, "date", filters=lists.PAYMENT_FILTERS,
                          noun="payments")  # fmt: skip
        qs = listing.apply(overview.transactions(code, category, supplier, p.year, p.as_at))
        if listing.download_format:
            name = f"ledger-{code}-{p.year}"
            return listing.download(
                qs, name, lists.ledger_rows, header=lists.LEDGER_HEADER, title="Ledger"
            )
        page = listing.page(qs)
        context.update({"listing": listing, "page": page, "entries": list(page)})
    return render(request, "finance/spend.html", context)


def _month_param(raw: str) -> str | None:
    try:
        d = parse_date(raw + "-01")
    except ValueError:
        return None
    return f"{d.year:04d}-{d.month:02d}"


@organisation_in_scope
def publication_page(request, organisation):
    """Spend over £25,000 in a month, as NHS bodies publish it."""
    p = Params(request)
    code = organisation.code
    raw_month = request.GET.get("month", "").strip()
    month = _month_param(raw_month) if raw_month else None
    errors = list(p.errors)
    if raw_month and month is None:
        errors.append(("month", "Enter the month like 2011-10"))
    context = {
        "title": f"Spend over £25,000: {organisation.name}",
        "org": organisation,
        **p.context(),
        "errors": errors,
        "form_errors": errors,
        "month": month,
        "raw_month": raw_month,
        "threshold": THRESHOLD,
    }
    if month and not errors:
        filters = lists.PUBLICATION_FILTERS
        listing = Listing(
            request, lists.PUBLICATION_COLUMNS, "date", filters=filters, noun="payments"
        )
        qs = listing.apply(overview.over_threshold(code, month, THRESHOLD))
        if listing.download_format:
            name = f"spend-over-25000-{code}-{month}"
            rows = lists.publication_rows(organisation.name)
            title = "Spend over 25000"
            return listing.download(qs, name, rows, header=PUBLICATION_HEADER, title=title)
        page = listing.page(qs)
        context.update(
            {"listing": listing, "page": page, "entries": list(page),
             "kept": {**_params_kept(p), "month": month}}
        )  # fmt: skip
    elif not errors:
        context["months"] = overview.months_over_threshold(code, p.year, THRESHOLD)
    return render(request, "finance/publication.html", context)


@organisation_in_scope
def uploads_page(request, organisation):
    code = organisation.code
    can_edit = request.scope.can(Permission.EDIT, code)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        if not can_edit:
            return HttpResponseForbidden("You may not upload a ledger for this organisation")
        upload, errors = _receive(request, organisation)
        if upload is not None:
            return redirect(
                reverse("finance:uploads", kwargs={"code": code}) + f"?upload={upload.pk}"
            )
    shown = None
    raw = request.GET.get("upload", "")
    if raw.isdigit():
        shown = LedgerUpload.objects.filter(org=organisation, pk=int(raw)).first()
        if shown is None:
            raise Http404("No such upload")
        if request.GET.get("partial"):
            return render(request, "finance/upload_status.html", {"upload": shown})
    listing = Listing(request, lists.UPLOAD_COLUMNS, "-uploaded_at", filters=lists.UPLOAD_FILTERS,
                      noun="uploads")  # fmt: skip
    uploads = listing.apply(LedgerUpload.objects.filter(org=organisation).defer("problems"))
    if listing.download_format:
        name = f"ledger-uploads-{code}"
        return listing.download(uploads, name, lists.upload_rows, header=lists.UPLOAD_HEADER)
    page = listing.page(uploads)
    return render(
        request,
        "finance/uploads.html",
        {
            "title": f"Ledger uploads: {organisation.name}",
            "org": organisation,
            "can_edit": can_edit,
            "errors": errors,
            "form_errors": errors,
            "shown": shown,
            "listing": listing,
            "page": page,
            "columns": upload_files.LEDGER.columns,
        },
        status=400 if errors else 200,
    )


def _receive(request, organisation):
    """Store the posted file, then check and load it; (upload, field errors)."""
    f = request.FILES.get("file")
    if f is None or not f.name:
        return None, [("file", "Choose a ledger file to upload")]
    if f.size > MAX_UPLOAD_BYTES:
        return None, [("file", "The file must be smaller than 200 MB")]
    suffix = Path(f.name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return None, [("file", "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")]
    with tempfile.NamedTemporaryFile(prefix="ledger-upload-", suffix=suffix, delete=False) as out:
        for chunk in f.chunks():
            out.write(chunk)
        path = Path(out.name)
    try:
        files.check_upload(path, f.name)  # size, UTF-8, a workbook's zip: before any write
        upload = actions.start_upload(by=request.user, org=organisation, path=path, filename=f.name)
    except UserError as e:
        path.unlink(missing_ok=True)
        return None, [("file", str(e))]
    return upload, []
