"""The `pathfinder` command (CLI.md)."""

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ANALYSES = {
    # command: (module, help)
    "accountability": ("pathfinder.governance.accountability", "RULES.md §1"),
    "conflicts": ("pathfinder.governance.conflicts", "RULES.md §2"),
    "register": ("pathfinder.interests.register", "RULES.md §3"),
    "finance": ("pathfinder.finance.rollup", "RULES.md §4"),
    "qipp": ("pathfinder.qipp.delivery", "RULES.md §5"),
    "risks": ("pathfinder.risks.assessment", "RULES.md §6"),
    "support": ("pathfinder.support.reach", "RULES.md §7"),
    "agendas": ("pathfinder.agendas.stances", "RULES.md §8"),
}


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(2)


def iso_date(text: str) -> dt.date:
    from pathfinder.core.iso_dates import parse_date

    try:
        return parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> Parser:
    from pathfinder.cli_user import add_user_commands

    p = Parser(prog="pathfinder", description="Governance for commissioning in transition.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    sub.add_parser("where", help="print the database in use")
    s = sub.add_parser("serve", help="serve the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    d = sub.add_parser("demo", help="load the demo data (once) and serve the web app")
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--port", type=int, default=8000)
    d.add_argument("--no-serve", action="store_true", help="load and create accounts only")
    for x in (s, d):
        x.add_argument(
            "--no-worker",
            action="store_true",
            help="do not run a task worker in this process (run `pathfinder worker` instead)",
        )
    w = sub.add_parser("worker", help="run the task worker (board packs, big ledger uploads)")
    w.add_argument("--batch", action="store_true", help="run the tasks waiting, then stop")
    w.add_argument(
        "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
    )
    w.add_argument("--max-tasks", type=int, help="stop after this many tasks")
    for name, helptext in (
        ("load", "validate and load a data package"),
        ("validate", "validate a data package; write nothing"),
    ):
        x = sub.add_parser(name, help=helptext)
        x.add_argument("package")
        x.add_argument("--json", action="store_true")
        if name == "load":
            x.add_argument(
                "--replace",
                action="store_true",
                help="replace the database's contents with the package",
            )
    e = sub.add_parser("export", help="write the database as a data package")
    e.add_argument("outdir")
    o = sub.add_parser("import-ods", help="load an NHS ODS extract into the registry")
    o.add_argument("file")
    o.add_argument("--json", action="store_true")
    y = sub.add_parser("synth", help="write a synthetic data package")
    y.add_argument("--scale", choices=("small", "region", "national"), default="small")
    y.add_argument("--seed", type=int, default=1)
    y.add_argument("outdir")
    a = sub.add_parser("accountability", help=ANALYSES["accountability"][1])
    a.add_argument("--as-at", type=iso_date, required=True)
    c = sub.add_parser("conflicts", help=ANALYSES["conflicts"][1])
    c.add_argument("--decision", required=True)
    f = sub.add_parser("finance", help=ANALYSES["finance"][1])
    f.add_argument("--year", required=True)
    f.add_argument("--by", choices=("organisation", "statutory", "cluster"), required=True)
    f.add_argument("--as-at", type=iso_date)
    f.add_argument("--restate-as-at", type=iso_date)
    q = sub.add_parser("qipp", help=ANALYSES["qipp"][1])
    q.add_argument("--year", required=True)
    q.add_argument("--as-at", type=iso_date)
    for name in ("register", "risks", "support", "agendas"):
        x = sub.add_parser(name, help=ANALYSES[name][1])
        x.add_argument("--as-at", type=iso_date, required=True)
    for name in ANALYSES:
        sub.choices[name].add_argument("--json", action="store_true")
    b = sub.add_parser("board-pack", help="the board pack of a body as PDF")
    b.add_argument("--body", required=True)
    b.add_argument("--as-at", type=iso_date, required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--html", action="store_true", help="write the pack as HTML, not PDF")
    k = sub.add_parser("backup", help="copy the database to FILE (safe while the app serves)")
    k.add_argument("file")
    r = sub.add_parser("restore", help="put a backup FILE into the database in use")
    r.add_argument("file")
    r.add_argument("--clean", action="store_true", help="replace what the database holds")
    add_user_commands(sub)
    return p


def setup_django(migrate: bool = True):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    import django

    django.setup()
    if migrate:
        from pathfinder.core.schema import ensure_schema

        ensure_schema()


def settings_module():
    """The settings alone, without Django's app registry: what `where` needs (a tenth of
    the start-up of a command that reads the database; docs/decisions/0155)."""
    import importlib

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    return importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])


def main(argv: list[str] | None = None):
    from pathfinder.cli_user import check_usage

    args = build_parser().parse_args(argv)
    check_usage(args)
    from pathfinder.core.errors import UserError

    try:
        code = run(args)
    except UserError as e:
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "error": str(e)}))
        print(f"pathfinder: {e}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader went away (`pathfinder … | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    if (
        args.command in (*ANALYSES, "where") and argv is None
    ):  # the program itself, not a caller in Python
        _exit_at_once(code or 0)
    sys.exit(code or 0)


def _exit_at_once(code: int):
    """End a read-only command without tearing down the interpreter: unloading the
    hundreds of modules Django brings takes a fifth of an analysis command's time, and
    nothing is left to write once the output is flushed (docs/decisions/0063)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = code or 1
    sys.stderr.flush()
    os._exit(code)


def run(args) -> int:

    if args.command == "where":
        print(settings_module().DATABASE_URL)
        return 0
    if args.command == "synth":
        from pathfinder.packages.synth import write_synthetic

        counts = write_synthetic(
            Path(args.outdir), scale=args.scale, seed=args.seed, progress=stderr_progress()
        )
        print(json.dumps(counts), file=sys.stderr)
        return 0
    if args.command in ("backup", "restore"):
        return cmd_backup(args)
    setup_django()
    if args.command in ("load", "validate"):
        return cmd_load(args)
    if args.command == "export":
        from pathfinder.packages.export import export_package

        counts = export_package(args.outdir)
        print(
            f"wrote {sum(counts.values())} rows in {len(counts)} tables to {args.outdir}",
            file=sys.stderr,
        )
        return 0
    if args.command == "import-ods":
        from pathfinder.organisations.ods import import_ods

        result = import_ods(args.file, by="cli:import-ods", progress=stderr_progress())
        if args.json:
            print(json.dumps(result))
        else:
            print(", ".join(f"{k}: {v}" for k, v in result.items()))
        return 0
    if args.command in ("serve", "demo"):
        from pathfinder.core.serve import demo, serve

        worker = not args.no_worker
        if args.command == "demo":
            return demo(args.host, args.port, serve_after=not args.no_serve, worker=worker)
        return serve(args.host, args.port, worker=worker)
    if args.command == "worker":
        from pathfinder.core import worker
        from pathfinder.core.errors import UserError

        if args.interval < 0 or (args.max_tasks is not None and args.max_tasks < 1):
            raise UserError("--interval must be 0 or more and --max-tasks 1 or more")
        return worker.run(batch=args.batch, interval=args.interval, max_tasks=args.max_tasks)
    if args.command == "board-pack":
        from pathfinder.reports.board_pack import write_board_pack

        write_board_pack(args.body, args.as_at, args.out, html=args.html)
        return 0
    if args.command == "user":
        from pathfinder.cli_user import cmd_user

        return cmd_user(args)
    return cmd_analysis(args)


def cmd_load(args) -> int:
    from pathfinder.packages.loader import load_package

    result = load_package(
        args.package,
        by=f"cli:{args.command}",
        replace=getattr(args, "replace", False),
        dry_run=args.command == "validate",
        progress=stderr_progress(),
    )
    if args.json:
        print(json.dumps(result.as_json()))
    if result.ok:
        if not args.json:
            verb = "valid" if args.command == "validate" else "loaded"
            print(f"{verb}: " + ", ".join(f"{k} {v}" for k, v in result.loaded.items()))
        return 0
    for p in result.errors:
        print(str(p), file=sys.stderr)
    if result.truncated:
        print("… stopped after the first problems; fix these and run again", file=sys.stderr)
    print(f"{len(result.errors)} problem(s); nothing was written", file=sys.stderr)
    return 1


def cmd_backup(args) -> int:
    from pathfinder.core import backup

    setup_django(migrate=False)
    if args.command == "backup":
        print(f"backed up {backup.backup(args.file)} to {args.file}", file=sys.stderr)
    else:
        print(
            f"restored {args.file} into {backup.restore(args.file, clean=args.clean)}",
            file=sys.stderr,
        )
    return 0


def cmd_analysis(args) -> int:
    import importlib

    module = importlib.import_module(ANALYSES[args.command][0])
    kwargs = {k: v for k, v in vars(args).items() if k not in ("command", "json")}
    result = module.report(**kwargs)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_table(result)
    return 0


def print_table(result: dict):
    """A readable table of the first list in an analysis result."""
    head = {k: v for k, v in result.items() if not isinstance(v, list | dict)}
    print("  ".join(f"{k}: {v}" for k, v in head.items()))
    for key, rows in result.items():
        if not isinstance(rows, list):
            continue
        print(f"\n{key} ({len(rows)})")
        if not rows:
            continue
        cols = [c for c in rows[0] if not isinstance(rows[0][c], list | dict)]
        cells = [[_cell(r.get(c)) for c in cols] for r in rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
        print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
        for row in cells:
            print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def _cell(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def stderr_progress():
    """Progress on stderr: a bar on a terminal, a line now and then otherwise."""
    tty = sys.stderr.isatty()

    def report(what: str, n: int, total: int | None = None):
        if total and tty:
            width = 30
            done = int(width * n / total) if total else width
            end = "\n" if n >= total else ""
            print(
                f"\r{what}: [{'#' * done}{'.' * (width - done)}] {n:,}/{total:,}",
                end=end,
                file=sys.stderr,
                flush=True,
            )
        elif tty or total is None:
            print(f"{what}: {n:,} rows", file=sys.stderr, flush=True)

    return report
