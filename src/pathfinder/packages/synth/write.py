"""Build a synthetic world in its fixed order and write each table as the schema lays it out."""

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from pathfinder.core.errors import UserError
from pathfinder.packages.synth.scales import SCALES, Streams
from pathfinder.packages.synth.text import cell

Progress = Callable[[str, int, int], None]


def build(scale, streams: Streams):
    """The whole world but the ledger. Order matters: each step reads what earlier ones made."""
    from pathfinder.packages.schema import TABLES
    from pathfinder.packages.synth import (
        accountability,
        agendas,
        bodies,
        finance,
        interests,
        meetings,
        organisations,
        people,
        risks,
        support,
    )
    from pathfinder.packages.synth.world import World

    world = World(scale=scale, rows={t.name: [] for t in TABLES})
    steps = (
        (organisations.organisations, "organisations"),
        (people.people_and_posts, "people"),
        (bodies.bodies_and_members, "bodies"),
        (accountability.functions_and_lines, "accountability"),
        (accountability.delegations, "delegations"),
        (interests.interests_and_gifts, "interests"),
        (meetings.meetings, "meetings"),
        (risks.risks, "risks"),
        (support.support, "support"),
        (support.assessments, "assessments"),
        (agendas.agendas, "agendas"),
        (finance.budgets, "budgets"),
        (finance.qipp, "qipp"),
    )
    for step, stream in steps:
        step(world, streams(stream))
    return world


def write_synthetic(
    outdir: Path, scale: str = "small", seed: int = 1, progress: Progress | None = None
) -> dict[str, int]:
    """Write every table of a synthetic package into `outdir`; return rows per table."""
    _django_ready()
    from pathfinder.packages.schema import TABLES
    from pathfinder.packages.synth import finance

    if scale not in SCALES:
        raise UserError(f"unknown scale {scale!r}; choose one of: {', '.join(SCALES)}")
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise UserError(f"{outdir} exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    report = progress or (lambda what, n, total: None)
    streams = Streams(seed)
    world = build(SCALES[scale], streams)
    counts: dict[str, int] = {}
    for table in TABLES:
        if table.name == "ledger":
            total = world.scale.ledger
            counts["ledger"] = write_table(
                outdir, "ledger", finance.ledger(world, streams), report, total
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
            out.writerow([cell(row.get(h)) for h in header])
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
