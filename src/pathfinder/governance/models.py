"""Bodies, memberships, functions, lines of accountability, the scheme of delegation,
meetings, attendance and decisions."""

from django.db import models

from pathfinder.core.effective import Effective, valid_range_constraint
from pathfinder.core.model_fields import choice_constraint, code_field
from pathfinder.core.money import MoneyField


class BodyKind(models.TextChoices):
    BOARD = "board", "Board"
    COMMITTEE = "committee", "Committee"
    EXECUTIVE = "executive", "Executive"
    SENATE = "senate", "Senate"
    PARTNERSHIP = "partnership", "Partnership"


class Body(models.Model):
    body_id = code_field(primary_key=True)
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="bodies"
    )
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=BodyKind.choices)
    quorum_min = models.PositiveIntegerField()
    quorum_neds_min = models.PositiveIntegerField(default=0)
    quorum_clinicians_min = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["body_id"]
        verbose_name_plural = "bodies"
        constraints = [choice_constraint("kind", BodyKind.values, "body_kind_known")]

    def __str__(self) -> str:
        return f"{self.name} ({self.body_id})"


class Capacity(models.TextChoices):
    CHAIR = "chair", "Chair"
    NED = "ned", "Non-executive director"
    LAY = "lay", "Lay member"
    EXECUTIVE = "executive", "Executive"
    CLINICAL = "clinical", "Clinical"
    OFFICER = "officer", "Officer"
    ATTENDEE = "attendee", "Attendee"


class Membership(Effective):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="memberships"
    )
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    voting = models.BooleanField()

    class Meta:
        ordering = ["id"]
        constraints = [
            choice_constraint("capacity", Capacity.values, "membership_capacity_known"),
            valid_range_constraint("membership_valid_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.body_id} ({self.capacity})"


class Function(models.Model):
    function_id = code_field(primary_key=True)
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="functions"
    )
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["function_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function_id})"


class LineKind(models.TextChoices):
    ACCOUNTABLE = "accountable", "Accountable"
    DELEGATED = "delegated", "Delegated"
    REPORTS = "reports", "Reports"
    ADVISES = "advises", "Advises"


class AccountabilityLine(Effective):
    """`subject` is held to account by `holder`; both are `kind:id` references."""

    subject = models.CharField(max_length=50, db_index=True)
    holder = models.CharField(max_length=50, db_index=True)
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    scope = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            choice_constraint("kind", LineKind.values, "line_kind_known"),
            valid_range_constraint("line_valid_range"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.kind} to {self.holder}"


class Delegation(Effective):
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="delegations"
    )
    decision_type = models.CharField(max_length=60)
    delegate = models.CharField(max_length=50)
    limit = MoneyField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [valid_range_constraint("delegation_valid_range")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.decision_type} → {self.delegate}"


class Meeting(models.Model):
    meeting_id = code_field(primary_key=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()

    class Meta:
        ordering = ["meeting_id"]

    def __str__(self) -> str:
        return f"{self.body_id} {self.date}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")
        ]


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    DEFERRED = "deferred", "Deferred"


class Decision(models.Model):
    decision_id = code_field(primary_key=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    decision_type = models.CharField(max_length=60)
    title = models.CharField(max_length=500)
    amount = MoneyField(null=True, blank=True)
    counterparties = models.CharField(
        max_length=1000,
        blank=True,
        default="",
        help_text="organisation codes, ';'-separated",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, default="")

    class Meta:
        ordering = ["decision_id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.decision_id})"

    @property
    def counterparty_codes(self) -> list[str]:
        return [c for c in self.counterparties.split(";") if c]
