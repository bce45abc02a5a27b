"""Writing the whole database as a data package (the round trip of `load`).

Cells are written as stored, without the spreadsheet guard of the downloads: a package
is data read back by `load`, not a report (docs/decisions/0145-safe-files.md)."""

import csv
import json
from pathlib import Path

from pathfinder.packages.facts import reference_date
from pathfinder.packages.schema import TABLES
from pathfinder.packages.source import MANIFEST


def export_package(outdir: str | Path) -> dict[str, int]:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        model = table.get_model()
        fields = [c.field_name for c in table.columns]
        kinds = [c.type for c in table.columns]
        rows = model.objects.order_by("pk").values_list(*fields).iterator(chunk_size=10_000)
        n = 0
        with open(out / table.file, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([c.name for c in table.columns])
            for row in rows:
                w.writerow([k.export(v) for k, v in zip(kinds, row, strict=True)])
                n += 1
        counts[table.name] = n
    if (day := reference_date()) is not None:
        manifest = {"reference_date": day.isoformat()}
        (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return counts
