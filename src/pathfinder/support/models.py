"""The support offer, its sessions and bookings, and readiness assessments."""

from django.db import models

from pathfinder.core.model_fields import choice_constraint, code_field, optional_ref


class OfferKind(models.TextChoices):
    COACHING = "coaching", "Coaching"
    FINANCE_WORKSHOP = "finance_workshop", "Finance workshop"
    COMMISSIONING_SKILLS = "commissioning_skills", "Commissioning skills"
    LEADERSHIP = "leadership", "Leadership"
    GOVERNANCE = "governance", "Governance"
    OTHER = "other", "Other"


class SupportOffer(models.Model):
    offer_id = code_field(primary_key=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=OfferKind.choices)
    provider = optional_ref("organisations.Organisation")

    class Meta:
        ordering = ["offer_id"]
        constraints = [choice_constraint("kind", OfferKind.values, "offer_kind_known")]

    def __str__(self) -> str:
        return self.name


class SupportSession(models.Model):
    session_id = code_field(primary_key=True)
    offer = models.ForeignKey(SupportOffer, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    capacity = models.PositiveIntegerField()

    class Meta:
        ordering = ["session_id"]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.date}"


class SupportBooking(models.Model):
    session = models.ForeignKey(SupportSession, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="booking_once_per_session")
        ]


class Assessment(models.Model):
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.CharField(max_length=100)
    domain = models.CharField(max_length=100)
    assessed_on = models.DateField()
    rating = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="assessment_rating_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["org", "framework", "domain", "assessed_on"], name="assessment_once"
            ),
        ]
