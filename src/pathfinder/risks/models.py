"""Risk registers on the NHS 5×5 matrix."""

from django.db import models
from django.db.models import Q

from pathfinder.core.effective import Dated
from pathfinder.core.model_fields import choice_constraint, code_field, optional_ref


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


class Risk(Dated):
    # A risk is open from `opened` until the day it is `closed`.
    START, END, END_EXCLUSIVE = "opened", "closed", True

    risk_id = code_field(primary_key=True)
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="risks"
    )
    title = models.CharField(max_length=500)
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    owner = optional_ref("people.Person")
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


# App data around the package's risks (docs/decisions/0110): the matrix an organisation
# scores on, the reviews that give each risk its history of scores, and what controls,
# assures and treats a risk. None of these is a package table.


class RiskMatrix(models.Model):
    """One version of an organisation's scoring matrix. Versions are never edited: a
    change adds a version, so a score keeps the matrix it was made under."""

    org_code = code_field(db_index=True)  # a code, like a role's: survives a reload
    version = models.PositiveIntegerField()
    likelihood = models.JSONField()  # five descriptors, for likelihood 1 to 5
    consequence = models.JSONField()  # five descriptors, for consequence 1 to 5
    bands = models.JSONField()  # [[highest score, name], ...] ending at 25
    threshold = models.PositiveSmallIntegerField()  # escalate to the BAF at or above
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["org_code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["org_code", "version"], name="risk_matrix_version"),
            models.CheckConstraint(
                condition=Q(threshold__gte=1, threshold__lte=25), name="risk_matrix_threshold"
            ),
        ]

    def __str__(self) -> str:
        return f"Risk matrix of {self.org_code}, version {self.version}"


class RiskReview(models.Model):
    """Scores given to a risk on a date, with the band and threshold of the matrix they
    were given under."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    likelihood = models.PositiveSmallIntegerField()
    consequence = models.PositiveSmallIntegerField()
    target_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    target_consequence = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=40)
    threshold = models.PositiveSmallIntegerField()
    matrix = optional_ref(RiskMatrix)  # empty: the NHS 5×5 standard
    note = models.TextField(blank=True, default="")
    baseline = models.BooleanField(default=False)  # the scores as loaded, kept as history
    recorded_by = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk_id", "reviewed_on", "id"]
        indexes = [models.Index(fields=["risk", "reviewed_on"])]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 1, f"{f}__lte": 5}),
                    name=f"risk_review_{f}_1_to_5",
                )
                for f in ("likelihood", "consequence", "target_likelihood", "target_consequence")
            ],
        ]

    def __str__(self) -> str:
        return f"Review of {self.risk_id} on {self.reviewed_on.isoformat()}"


class RiskItem(Dated):
    """Something written against a risk; ended (never deleted) when no longer true."""

    START, END, END_EXCLUSIVE = "added_on", "ended_on", True

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="+")
    description = models.TextField()
    added_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["risk_id", "added_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class RiskControl(RiskItem):
    """A control in place that lowers the likelihood or consequence of a risk."""

    class Meta(RiskItem.Meta):
        pass


class AssuranceLevel(models.TextChoices):
    FIRST = "first", "First line (management)"
    SECOND = "second", "Second line (oversight)"
    THIRD = "third", "Third line (independent)"


class RiskAssurance(RiskItem):
    """A source of assurance that the controls work (a report, an audit)."""

    level = models.CharField(max_length=10, choices=AssuranceLevel.choices, default="first")
    positive = models.BooleanField(default=True)

    class Meta(RiskItem.Meta):
        constraints = [
            choice_constraint("level", AssuranceLevel.values, "risk_assurance_level_known")
        ]


class GapKind(models.TextChoices):
    CONTROL = "control", "Gap in control"
    ASSURANCE = "assurance", "Gap in assurance"


class RiskGap(RiskItem):
    """A gap in control or in assurance."""

    kind = models.CharField(max_length=10, choices=GapKind.choices, default="control")

    class Meta(RiskItem.Meta):
        constraints = [choice_constraint("kind", GapKind.values, "risk_gap_kind_known")]


class RiskAction(RiskItem):
    """An action to close a gap or lower a score: who, by when, and when done."""

    owner = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta(RiskItem.Meta):
        pass
