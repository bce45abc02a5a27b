"""`pathfinder serve` and `pathfinder demo`: gunicorn, in-process, over the WSGI app,
with a task worker beside it on the embedded default (docs/decisions/0130)."""

import sys

from pathfinder.core.errors import UserError


def _gunicorn(host: str, port: int):
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from pathfinder.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", 2)
            self.cfg.set("threads", 4)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-")
            self.cfg.set("proc_name", "pathfinder")
            # Nothing here drives gunicorn through its control socket, and every server
            # on a machine (tests, several checkouts) would share the one in ~/.gunicorn.
            self.cfg.set("control_socket_disable", True)

        def load(self):
            return application

    # Workers are forked: none may inherit the parent's database connection.
    connections.close_all()
    return Server()


def embedded() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


def serve(host: str = "127.0.0.1", port: int = 8000, worker: bool = True) -> int:
    print(f"Pathfinder: serving on http://{host}:{port}/ (Ctrl+C stops it)", file=sys.stderr)
    server = _gunicorn(host, port)
    # On the embedded default one machine does everything, so the queue's worker runs
    # here, in the server's own (parent) process; with PostgreSQL, workers are run
    # apart (`pathfinder worker`), as many as the work needs.
    if worker and embedded():
        from pathfinder.core.worker import start_in_thread

        start_in_thread()
        print("Pathfinder: a task worker runs in this process", file=sys.stderr)
    server.run()
    return 0


def load_demo_data() -> bool:
    """Load the bundled demo package if the database has no organisations yet."""
    from pathfinder.demo import DEMO_PACKAGE
    from pathfinder.organisations.models import Organisation
    from pathfinder.packages.loader import load_package

    if Organisation.objects.exists():
        return False
    result = load_package(DEMO_PACKAGE, by="cli:demo")
    if not result.ok:
        problems = "; ".join(str(p) for p in result.errors[:5])
        raise UserError(f"the demo package did not load: {problems}")
    return True


def demo(
    host: str = "127.0.0.1", port: int = 8000, serve_after: bool = True, worker: bool = True
) -> int:
    from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts

    if load_demo_data():
        print("Loaded the demo data (Cambridgeshire and Peterborough, 2011-12).")
    else:
        print("The database already has organisations; the demo data was not loaded again.")
    from pathfinder.core.iso_dates import long_date
    from pathfinder.packages.facts import reference_date

    if (day := reference_date()) is not None:
        print(f"The pages open on {long_date(day)}, the demo's date; change it at the top.")
    accounts = ensure_demo_accounts(by="cli:demo")
    print(f"\nDemo accounts (password for each: {DEMO_PASSWORD}):")
    width = max(len(a.username) for a in accounts)
    for a in accounts:
        print(f"  {a.username.ljust(width)}  {a.role} of {', '.join(a.org_codes)}: {a.about}")
    print()
    sys.stdout.flush()
    if serve_after:
        return serve(host, port, worker=worker)
    return 0
