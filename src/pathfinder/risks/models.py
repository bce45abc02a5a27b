"""Risk registers on the NHS 5×5 matrix."""

from django.db import models
from django.db.models import Q

from pathfinder.core.dating import choice_constraint, code_field


class RiskCategory(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    CLINICAL = "clinical", "Clinical"
    REPUTATIONAL = "reputational", "Reputational"
    OPERATIONAL = "operational", "Operational"
    GOVERNANCE = "governance", "Governance"
    WORKFORCE = "workforce", "Workforce"
    PARTNERSHIP = "partnership", "Partnership"


SCORE_FIELDS = (
    "inherent_likelihood",
    "inherent_consequence",
    "current_likelihood",
    "current_consequence",
    "target_likelihood",
    "target_consequence",
)


def _score_range(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"risk_{field}_1_to_5",
    )


class Risk(models.Model):
    risk_id = code_field(primary_key=True)
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="risks"
    )
    title = models.CharField(max_length=500)
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    owner = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inherent_likelihood = models.PositiveSmallIntegerField()
    inherent_consequence = models.PositiveSmallIntegerField()
    current_likelihood = models.PositiveSmallIntegerField()
    current_consequence = models.PositiveSmallIntegerField()
    target_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    target_consequence = models.PositiveSmallIntegerField(null=True, blank=True)
    opened = models.DateField()
    last_reviewed = models.DateField(null=True, blank=True)
    review_every_days = models.PositiveIntegerField(default=90)
    closed = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["risk_id"]
        constraints = [
            choice_constraint("category", RiskCategory.values, "risk_category_known"),
            *[_score_range(f) for f in SCORE_FIELDS],
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.risk_id})"
