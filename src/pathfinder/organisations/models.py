"""Organisations and the effective-dated relationships between them."""

import datetime as dt

from django.db import models

from pathfinder.core.effective import Dated, DatedQuerySet, Effective, valid_range_constraint
from pathfinder.core.model_fields import choice_constraint, code_field


class OrgKind(models.TextChoices):
    PCT = "pct", "Primary care trust"
    CLUSTER = "cluster", "PCT cluster"
    CONSORTIUM = "consortium", "GP consortium"
    CCG = "ccg", "Clinical commissioning group"
    ICB = "icb", "Integrated care board"
    PRACTICE = "practice", "GP practice"
    TRUST = "trust", "NHS trust"
    PROVIDER = "provider", "Provider"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    SUPPORT_UNIT = "support_unit", "Support unit"
    CLINICAL_SENATE = "clinical_senate", "Clinical senate"
    SECTOR_BOARD = "sector_board", "Sector board"
    SHA = "sha", "Strategic health authority"
    NATIONAL = "national", "National body"
    OTHER = "other", "Other"


# Made once: `OrgKind.values` builds its list on every use, and a structure page asks
# for the label of each of its 700 boxes.
_KIND_LABELS = dict(OrgKind.choices)


def org_kind_label(kind: str) -> str:
    """A kind's label, or the kind itself when it is not one of OrgKind."""
    return _KIND_LABELS.get(kind, kind)


COMMISSIONER_KINDS = frozenset(
    {"pct", "cluster", "consortium", "ccg", "icb", "sector_board", "national"}
)
PROVIDER_KINDS = frozenset({"practice", "trust", "provider"})


class OrganisationQuerySet(DatedQuerySet):
    def open_on(self, d: dt.date):
        return self.in_force(d)


class Organisation(Dated):
    # Open on D: `opened` and `closed` are optional, `closed` inclusive.
    START, END, START_OPTIONAL = "opened", "closed", True

    code = code_field(primary_key=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=OrgKind.choices)
    statutory = models.BooleanField(default=False)
    population = models.PositiveIntegerField(null=True, blank=True)
    opened = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            choice_constraint("kind", OrgKind.values, "organisation_kind_known"),
            models.CheckConstraint(
                condition=models.Q(opened__isnull=True)
                | models.Q(closed__isnull=True)
                | models.Q(closed__gte=models.F("opened")),
                name="organisation_closed_after_opened",
            ),
        ]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def open_on(self, d: dt.date) -> bool:
        return self.in_force_on(d)

    @property
    def is_commissioner(self) -> bool:
        return self.kind in COMMISSIONER_KINDS

    @property
    def is_provider(self) -> bool:
        return self.kind in PROVIDER_KINDS


class RelKind(models.TextChoices):
    CLUSTER_MEMBER = "cluster_member", "Cluster member"
    MEMBER_PRACTICE = "member_practice", "Member practice"
    DELEGATES_BUDGET = "delegates_budget", "Delegates budget"
    SUPPORTS = "supports", "Supports"
    HOSTS = "hosts", "Hosts"
    SUCCESSOR = "successor", "Successor"
    PARTNER = "partner", "Partner"


class Relationship(Effective):
    parent = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="child_links")
    child = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="parent_links")
    kind = models.CharField(max_length=20, choices=RelKind.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            choice_constraint("kind", RelKind.values, "relationship_kind_known"),
            valid_range_constraint("relationship_valid_range"),
        ]
        indexes = [models.Index(fields=["kind", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.parent_id} {self.kind} {self.child_id}"


class Below(models.Model):
    """Derived from the relationships, never edited: each organisation (`ancestor`) with
    itself and every organisation below it at any date, the closure of core/scope.py's
    "below". Rebuilt by `organisations.actions.refresh_below` whenever relationships are
    written, so a scope of thousands of organisations is a subquery, not a list of codes
    (docs/decisions/0176-scope-as-a-subquery.md)."""

    ancestor = models.CharField(max_length=32)
    code = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ancestor", "code"], name="below_once")]
