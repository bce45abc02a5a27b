"""Registers of interests, gifts and hospitality, and annual returns."""

from django.db import models

from pathfinder.core.effective import Dated, valid_range_constraint
from pathfinder.core.model_fields import choice_constraint, code_field, optional_ref
from pathfinder.core.money import MoneyField


class InterestCategory(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional", "Non-financial professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal", "Non-financial personal"
    INDIRECT = "indirect", "Indirect"


class Interest(Dated):
    START, END = "interest_from", "interest_to"

    interest_id = code_field(primary_key=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=30, choices=InterestCategory.choices)
    counterparty = optional_ref("organisations.Organisation")
    description = models.CharField(max_length=1000)
    interest_from = models.DateField()
    interest_to = models.DateField(null=True, blank=True)
    declared_on = models.DateField()

    class Meta:
        ordering = ["interest_id"]
        constraints = [
            choice_constraint("category", InterestCategory.values, "interest_category_known"),
            valid_range_constraint("interest_valid_range", "interest_from", "interest_to"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.description}"


class GiftKind(models.TextChoices):
    GIFT = "gift", "Gift"
    HOSPITALITY = "hospitality", "Hospitality"


class Gift(models.Model):
    gift_id = code_field(primary_key=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="gifts")
    kind = models.CharField(max_length=20, choices=GiftKind.choices)
    offered_by = models.CharField(max_length=300)
    description = models.CharField(max_length=1000)
    value = MoneyField()
    offered_on = models.DateField()
    accepted = models.BooleanField()
    declared_on = models.DateField()

    class Meta:
        ordering = ["gift_id"]
        constraints = [choice_constraint("kind", GiftKind.values, "gift_kind_known")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.description}"


class AnnualReturn(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="returns")
    returned_on = models.DateField()
    nil = models.BooleanField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.returned_on}"
