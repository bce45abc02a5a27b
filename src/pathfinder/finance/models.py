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
        indexes = [
            models.Index(fields=["org", "date"], name="ledger_org_date"),
            # Covers the roll-up (sum by organisation and category over a date range), so
            # a large ledger is summed from the index alone, already in group order.
            models.Index(fields=["org", "category", "date", "amount"], name="ledger_rollup"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.org_id} {self.amount}"
