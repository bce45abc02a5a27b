"""What the command line imports before it does its work (docs/decisions/0155)."""

import os
import subprocess
import sys

from tests.ops.dbs import PATHFINDER

HEAVY = ("weasyprint", "ninja", "openpyxl", "networkx", "jinja2", "pathfinder.urls")


def imported(env, *args) -> tuple[subprocess.CompletedProcess, set[str]]:
    """The modules an import statement brought in (`-X importtime` does not see
    `importlib.import_module`, by which Django loads the settings and the apps)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", PATHFINDER, *args],
        env=env,
        capture_output=True,
        text=True,
    )
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done, names


def test_where_reads_the_settings_without_setting_up_django(tmp_path):
    url = f"sqlite:///{tmp_path / 'nowhere.sqlite3'}"
    done, names = imported({**os.environ, "DATABASE_URL": url}, "where")
    assert done.returncode == 0
    assert done.stdout.strip() == url
    assert "dj_database_url" in names  # what the settings import (statement imports only)
    assert not {"django.db.models", "django.apps.registry", "django.urls"} & names
    assert not (tmp_path / "nowhere.sqlite3").exists(), "where made a database"


def test_an_analysis_leaves_the_web_stack_and_the_pdf_unimported(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done, names = imported(env, "risks", "--as-at", "2011-10-01", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pathfinder.risks.matrix" in names  # what the analysis imports
    assert not {n for n in names if n.split(".")[0] in HEAVY or n in HEAVY}
