"""Audit events, role assignments and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change: who, when, what, before and after. Never edited, never deleted.

    No foreign keys, so the audit trail never blocks or follows changes to live data
    (docs/decisions/0004-audit.md).
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150)
    operation = models.CharField(max_length=20)
    model = models.CharField(max_length=60, db_index=True)
    object_id = models.CharField(max_length=200, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.operation} {self.model} {self.object_id}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are never deleted")


class RoleName(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    GOVERNANCE_LEAD = "governance_lead", "Governance lead"
    ADMINISTRATOR = "administrator", "Administrator"


class RoleAssignment(models.Model):
    """A user's role on an organisation; it covers the organisations below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=RoleName.choices)
    # Codes, not foreign keys: a role survives `load --replace` of the organisations,
    # and grants nothing while its organisation does not exist.
    org_code = models.CharField(max_length=32)
    person_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "org_code"], name="one_role_per_org"),
            models.CheckConstraint(condition=models.Q(role__in=RoleName.values), name="role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.org_code}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def new_raw() -> str:
        return "pf_" + secrets.token_urlsafe(32)
