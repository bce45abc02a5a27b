"""QIPP savings schemes and their monthly plan and delivery."""

from django.db import models

from pathfinder.core.model_fields import choice_constraint, code_field, optional_ref
from pathfinder.core.money import MoneyField


class Domain(models.TextChoices):
    QUALITY = "quality", "Quality"
    INNOVATION = "innovation", "Innovation"
    PRODUCTIVITY = "productivity", "Productivity"
    PREVENTION = "prevention", "Prevention"


class QippScheme(models.Model):
    scheme_id = code_field(primary_key=True)
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="qipp_schemes"
    )
    name = models.CharField(max_length=300)
    domain = models.CharField(max_length=20, choices=Domain.choices)
    lead_person = optional_ref("people.Person")
    financial_year = models.CharField(max_length=7)
    signed_off_by = optional_ref("governance.Body")
    signed_off_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["scheme_id"]
        constraints = [choice_constraint("domain", Domain.values, "qipp_domain_known")]

    def __str__(self) -> str:
        return f"{self.name} ({self.scheme_id})"


class QippSaving(models.Model):
    scheme = models.ForeignKey(QippScheme, on_delete=models.PROTECT, related_name="savings")
    month = models.CharField(max_length=7)
    planned = MoneyField()
    delivered = MoneyField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "month"], name="saving_once_per_month")
        ]
