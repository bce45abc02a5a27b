"""Proposals for service change and the stances organisations take on them."""

from django.db import models

from pathfinder.core.model_fields import choice_constraint, code_field, optional_ref


class Proposal(models.Model):
    proposal_id = code_field(primary_key=True)
    title = models.CharField(max_length=500)
    lead = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["proposal_id"]

    def __str__(self) -> str:
        return self.title


class Stance(models.TextChoices):
    SUPPORT = "support", "Support"
    OPPOSE = "oppose", "Oppose"
    NEUTRAL = "neutral", "Neutral"
    UNDECIDED = "undecided", "Undecided"


class Position(models.Model):
    """Row order matters: of two stances stated the same day, the later row wins."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="positions")
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    stance = models.CharField(max_length=20, choices=Stance.choices)
    stated_on = models.DateField()
    by_body = optional_ref("governance.Body")
    rationale = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [choice_constraint("stance", Stance.values, "position_stance_known")]
