"""The package's optional manifest, datapackage.json, in the spirit of the Frictionless
Data Package descriptor: any property is allowed, and the ones Pathfinder reads are
checked. An older Pathfinder reads only the CSV files and passes the manifest by
(docs/decisions/0180-a-package-names-its-reference-date.md)."""

import datetime as dt
import json
from dataclasses import dataclass

from pathfinder.core.iso_dates import parse_date


@dataclass(frozen=True)
class Manifest:
    reference_date: dt.date | None = None


def read_manifest(raw: bytes | None) -> tuple[Manifest, list[tuple[str | None, str]]]:
    """The manifest and its problems, each (property, message); no file, no manifest."""
    if raw is None:
        return Manifest(), []
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        return Manifest(), [(None, f"not UTF-8 text: {e}")]
    except ValueError as e:
        return Manifest(), [(None, f"not JSON: {e}")]
    if not isinstance(data, dict):
        return Manifest(), [(None, "must be a JSON object")]
    raw = data.get("reference_date")
    if raw is None:
        return Manifest(), []
    try:
        return Manifest(reference_date=parse_date(str(raw))), []
    except ValueError as e:
        return Manifest(), [("reference_date", str(e))]
