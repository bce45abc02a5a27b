"""Synthetic data packages shaped like the 2011-13 commissioning transition.

`write_synthetic` writes a complete, internally consistent package (every reference
resolves, effective dates fall within the lives of the organisations they concern) for
load tests, benchmarks and demonstrations. The same seed gives the same files, byte for
byte: every table draws from its own random stream, seeded from the seed and its name,
and nothing depends on the clock, the machine or hash ordering. The ledger is written
as it is generated, never held whole. Scales and their shape: docs/decisions/0060.
"""

import csv
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pathfinder.core.errors import UserError


@dataclass(frozen=True)
class Scale:
    shas: int
    pcts: int
    clusters: int
    consortia: int
    practices: int
    trusts: int
    people: int
    ledger: int
    federations: int
    support_units: int
    local_authorities: int
    senates: int
    support_offers: int
    proposals: int


SCALES = {
    "small": Scale(
        shas=1,
        pcts=3,
        clusters=1,
        consortia=5,
        practices=40,
        trusts=4,
        people=260,
        ledger=2_000,
        federations=2,
        support_units=1,
        local_authorities=2,
        senates=1,
        support_offers=4,
        proposals=3,
    ),
    "region": Scale(
        shas=1,
        pcts=15,
        clusters=5,
        consortia=25,
        practices=800,
        trusts=25,
        people=3_000,
        ledger=100_000,
        federations=10,
        support_units=3,
        local_authorities=15,
        senates=1,
        support_offers=10,
        proposals=20,
    ),
    "national": Scale(
        shas=10,
        pcts=150,
        clusters=50,
        consortia=250,
        practices=8_000,
        trusts=250,
        people=30_000,
        ledger=1_000_000,
        federations=100,
        support_units=23,
        local_authorities=150,
        senates=12,
        support_offers=40,
        proposals=150,
    ),
}

Progress = Callable[[str, int, int], None]


class Streams:
    """One independent random stream per name, so tables do not shift one another."""

    def __init__(self, seed: int):
        self.seed = seed

    def __call__(self, name: str) -> random.Random:
        return random.Random(f"pathfinder-synth:{self.seed}:{name}")


def write_synthetic(
    outdir: Path, scale: str = "small", seed: int = 1, progress: Progress | None = None
) -> dict[str, int]:
    """Write every table of a synthetic package into `outdir`; return rows per table."""
    _django_ready()
    from pathfinder.packages import synth_activity, synth_money, synth_structure
    from pathfinder.packages.schema import TABLES

    if scale not in SCALES:
        raise UserError(f"unknown scale {scale!r}; choose one of: {', '.join(SCALES)}")
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UserError(f"{outdir} exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda what, n, total: None)
    streams = Streams(seed)
    world = synth_structure.build(SCALES[scale], streams)
    synth_activity.build(world, streams)
    synth_money.build(world, streams)
    counts: dict[str, int] = {}
    for table in TABLES:
        if table.name == "ledger":
            total = world.scale.ledger
            counts["ledger"] = write_table(
                outdir, "ledger", synth_money.ledger(world, streams), report, total
            )
        else:
            rows = world.rows[table.name]
            counts[table.name] = write_table(outdir, table.name, rows, report, len(rows))
    return counts


def write_table(outdir: Path, name: str, rows: Iterable[dict], report: Progress, total: int) -> int:
    """Write rows (dicts keyed by column name) with the schema's column order."""
    from pathfinder.packages.schema import BY_NAME

    header = [c.name for c in BY_NAME[name].columns]
    n = 0
    with open(outdir / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for row in rows:
            out.writerow([_text(row.get(h)) for h in header])
            n += 1
            if n % 100_000 == 0:
                report(name, n, total)
    report(name, n, max(total, n))
    return n


def _django_ready():
    """The schema names Django models; the command writes files without a database."""
    from django.apps import apps

    if not apps.ready:
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
        django.setup()


def _text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def money(pence: int) -> str:
    """Whole pence as the package's pounds text: 123456 -> '1234.56'."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"
