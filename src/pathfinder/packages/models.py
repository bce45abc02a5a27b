"""What the loaded package says of itself (its manifest, datapackage.json)."""

from django.db import models

REFERENCE_DATE = "reference_date"


class PackageFact(models.Model):
    """One fact of the loaded package's manifest, e.g. its reference date
    (docs/decisions/0180-a-package-names-its-reference-date.md)."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
