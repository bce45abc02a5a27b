"""Delegated budgets and the ledger of spend."""

from django.db import models

from pathfinder.core.money import MoneyField


class Budget(models.Model):
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="budgets"
    )
    financial_year = models.CharField(max_length=7)
    category = models.CharField(max_length=60)
    amount = MoneyField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "financial_year", "category"], name="budget_once_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_id} {self.financial_year} {self.category}"


class LedgerEntry(models.Model):
    date = models.DateField()
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    category = models.CharField(max_length=60)
    supplier = models.CharField(max_length=300)
    amount = MoneyField()
    reference = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "ledger entries"
        # Roll-ups over a year read LedgerMonth; this index serves one organisation's
        # drill-down and the days of a month not yet over (docs/decisions/0062), and
        # holds the id so that a page of a scope's ledger in date order is chosen from
        # the index alone (docs/decisions/0217).
        indexes = [models.Index(fields=["org", "date", "id"], name="ledger_org_date_id")]

    def __str__(self) -> str:
        return f"{self.date} {self.org_id} {self.amount}"


class LedgerMonth(models.Model):
    """The ledger summed by organisation, category and calendar month.

    Kept by every write to the ledger (finance/actions.py), so that a year's roll-up
    reads thousands of rows rather than a million. Never edited by hand: it is derived.
    """

    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    category = models.CharField(max_length=60)
    month = models.DateField(help_text="The first day of the month.")
    amount = models.BigIntegerField(help_text="Pence.")
    lines = models.IntegerField()

    class Meta:
        ordering = ["org", "category", "month"]
        constraints = [
            models.UniqueConstraint(fields=["org", "category", "month"], name="ledger_month_once"),
        ]
        indexes = [models.Index(fields=["month"], name="ledger_month_month")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.category} {self.month:%Y-%m}"


class UploadStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to be checked"
    CHECKING = "checking", "Checking"
    LOADING = "loading", "Loading"
    LOADED = "loaded", "Loaded"
    REJECTED = "rejected", "Not loaded: the file has problems"
    FAILED = "failed", "Not loaded: the upload failed"


UNFINISHED = (UploadStatus.WAITING, UploadStatus.CHECKING, UploadStatus.LOADING)


class LedgerUpload(models.Model):
    """A ledger file a finance lead uploaded for their organisation, and how it went.

    The file itself is not kept once processed: its SHA-256 is, so the same file is
    recognised if it is uploaded again. A big file waits for the queue's worker in
    LedgerUploadPart rows (docs/decisions/0130).
    """

    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="ledger_uploads"
    )
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField()
    uploaded_by = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=UploadStatus.choices, default=UploadStatus.WAITING
    )
    rows_checked = models.IntegerField(default=0)
    rows_loaded = models.IntegerField(default=0)
    percent = models.IntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    truncated = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True, default="")
    heartbeat = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                condition=models.Q(status="loaded"),
                name="ledger_file_loaded_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.org_id}, {self.status})"

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED


class LedgerUploadPart(models.Model):
    """One part (up to 1 MB) of a big uploaded file, kept in the database until the
    queue's worker has checked and loaded it: any worker on any machine can read it."""

    upload = models.ForeignKey(LedgerUpload, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["upload", "number"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "number"], name="upload_part_once")
        ]
