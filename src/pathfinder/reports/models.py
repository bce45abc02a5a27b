"""Board pack records: one per build of a body's pack as at a date, and its PDF.

Written only through `reports/actions.py` (docs/decisions/0133). A pack is numbered
within its body (1, 2, 3…: its address), and versioned within its body, meeting and
date: a rebuild is a new pack with the next version, never a change to an old one.
"""

from django.db import models


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be built"
    BUILDING = "building", "Being built"
    BUILT = "built", "Built"
    FAILED = "failed", "Not built: the build failed"


UNFINISHED = (PackStatus.QUEUED, PackStatus.BUILDING)


class BoardPack(models.Model):
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, related_name="packs")
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.PROTECT,
        related_name="packs",
        null=True,
        blank=True,
    )
    number = models.PositiveIntegerField(help_text="The pack's number within its body.")
    as_at = models.DateField()
    version = models.PositiveIntegerField(help_text="Within its body, meeting and date.")
    status = models.CharField(max_length=10, choices=PackStatus.choices)
    percent = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True, default="")
    problem = models.CharField(max_length=500, blank=True, default="")
    heartbeat = models.DateTimeField(help_text="The last sign of life of its build.")
    task_id = models.CharField(max_length=64, blank=True, default="")
    requested_by = models.CharField(max_length=200)
    requested_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    size = models.PositiveBigIntegerField(default=0)
    issued_by = models.CharField(max_length=200, blank=True, default="")
    issued_at = models.DateTimeField(null=True, blank=True)
    public = models.BooleanField(
        default=False, help_text="Issued for a meeting held in public: anyone may download it."
    )

    class Meta:
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="pack_number_once"),
            models.UniqueConstraint(
                fields=["body", "meeting", "as_at", "version"], name="pack_version_once"
            ),
            models.CheckConstraint(
                condition=models.Q(issued_at__isnull=True) | models.Q(status="built"),
                name="pack_issued_only_when_built",
            ),
            models.CheckConstraint(
                condition=models.Q(public=False) | models.Q(issued_at__isnull=False),
                name="pack_public_only_when_issued",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} pack {self.number} as at {self.as_at} (v{self.version})"

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def issued(self) -> bool:
        return self.issued_at is not None

    @property
    def filename(self) -> str:
        """A download name made only of safe characters."""
        import re

        body = re.sub(r"[^A-Za-z0-9-]+", "-", self.body_id).strip("-") or "body"
        return f"board-pack-{body}-{self.as_at.isoformat()}-v{self.version}.pdf"


class PackFile(models.Model):
    """The PDF of a built pack, kept in the database so any app server can send it. It
    is written once, with the pack's status, in the transaction that ends the build."""

    pack = models.OneToOneField(BoardPack, on_delete=models.PROTECT, related_name="file")
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"PDF of {self.pack_id}"
