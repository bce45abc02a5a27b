"""People and their posts (appointments and staff assignments)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from pathfinder.core.effective import Effective, valid_range_constraint
from pathfinder.core.model_fields import choice_constraint, code_field


class Profession(models.TextChoices):
    GP = "gp", "GP"
    CONSULTANT = "consultant", "Consultant"
    NURSE = "nurse", "Nurse"
    OTHER_CLINICAL = "other_clinical", "Other clinical"
    MANAGER = "manager", "Manager"
    FINANCE = "finance", "Finance"
    LAY = "lay", "Lay"
    OTHER = "other", "Other"


CLINICAL_PROFESSIONS = frozenset({"gp", "consultant", "nurse", "other_clinical"})


class Person(models.Model):
    person_id = code_field(primary_key=True)
    name = models.CharField(max_length=200)
    profession = models.CharField(max_length=20, choices=Profession.choices)
    email = models.EmailField(blank=True, default="")

    class Meta:
        ordering = ["person_id"]
        constraints = [
            choice_constraint("profession", Profession.values, "person_profession_known")
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.person_id})"

    @property
    def is_clinician(self) -> bool:
        return self.profession in CLINICAL_PROFESSIONS


class PostRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    FINANCE_DIRECTOR = "finance_director", "Finance director"
    EXECUTIVE = "executive", "Executive"
    NED = "ned", "Non-executive director"
    CLINICAL_LEAD = "clinical_lead", "Clinical lead"
    GP_MEMBER = "gp_member", "GP member"
    LAY_MEMBER = "lay_member", "Lay member"
    STAFF = "staff", "Staff"


class Post(Effective):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="posts")
    org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="posts"
    )
    title = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=PostRole.choices)
    fte = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1.5)],
    )
    assigned_from = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_posts",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            choice_constraint("role", PostRole.values, "post_role_known"),
            valid_range_constraint("post_valid_range"),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True)
                | (models.Q(fte__gte=0) & models.Q(fte__lte=1.5)),
                name="post_fte_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.title} at {self.org_id}"
