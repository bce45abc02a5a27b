"""The pack as a document: a tagged PDF with one bookmark per section, the same HTML
for the page and the PDF, a past date's pack unchanged by later changes, and the
`board-pack` command."""

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pathfinder.core.errors import NotFound, UserError
from pathfinder.reports.document import pack_html, pack_pdf
from pathfinder.reports.sections import build_pack
from tests.conftest import EAST
from tests.reports.conftest import pdf_text

D = dt.date(2011, 10, 15)
PATHFINDER = str(Path(sys.executable).parent / "pathfinder")


def test_the_pdf_is_tagged_with_a_bookmark_per_section(east):
    pack = build_pack("B-5PP", D)
    reader = PdfReader(io.BytesIO(pack_pdf("B-5PP", D)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and "/MarkInfo" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    titles = [o.title for o in reader.outline]
    assert all(not isinstance(o, list) for o in reader.outline)  # no nested bookmarks
    assert titles == [
        pack.context.body_name,
        "Contents",
        *(f"{i}. {s.title}" for i, s in enumerate(pack.sections, 1)),
    ]
    assert len(pack.sections) >= 9
    assert reader.metadata.title == pack.title


def test_the_page_and_the_pdf_share_the_content(east):
    text = pack_html("B-CAM", D, for_pdf=True)
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in text
    assert "nhsuk-frontend" not in text  # the PDF has its own small stylesheet
    content = pack_html("B-CAM", D, for_pdf=False)
    assert content.lstrip().startswith('<div class="pf-pack">') and content.strip() in text
    steps = []
    pack_html("B-CAM", D, progress=lambda what, pct: steps.append(pct))
    assert steps == sorted(steps) and steps[-1] == 100


def test_a_body_with_no_meeting_still_gets_a_pack(east):
    text = pdf_text(pack_pdf("B-5PN", dt.date(2012, 1, 15)))
    assert "No meeting of this body is planned on or after 15 January 2012" in text


def test_an_unknown_body_or_a_date_with_no_data_is_refused(east):
    with pytest.raises(NotFound, match="no body with id 'B-NONE'"):
        pack_html("B-NONE", D)
    with pytest.raises(UserError, match="no members on 1999-01-01"):
        pack_pdf("B-CAM", dt.date(1999, 1, 1))


def test_a_past_dates_pack_does_not_change_when_a_risk_changes_later(east):
    from pathfinder.risks import actions
    from pathfinder.risks.models import Risk

    def pack(d):
        return re.sub(r'<meta name="dcterms.created"[^>]*>', "", pack_html("B-5PP", d))

    before = pack(D)
    later = dt.date(2011, 12, 1)
    was = pack(later)
    risk = Risk.objects.get(pk="R01")
    assert risk.org_id in build_pack("B-5PP", D).context.scope
    actions.record_review(
        risk, by="test:pack", reviewed_on=dt.date(2011, 11, 1), likelihood=1, consequence=1
    )
    assert pack(D) == before
    now = pack(later)
    assert now != was and re.search(r"\(R01\).{0,200}?\b1 low\b", now, re.S)


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    db = tmp_path_factory.mktemp("pack-cli") / "pathfinder.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    done = subprocess.run([PATHFINDER, "load", str(EAST)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return env


def _run(env, *args):
    return subprocess.run([PATHFINDER, *args], env=env, capture_output=True, text=True)


def test_the_command_writes_the_pdf_or_the_html(cli_env, tmp_path):
    out = tmp_path / "pack.pdf"
    done = _run(
        cli_env, "board-pack", "--body", "B-CAM", "--as-at", "2011-10-15", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Cambridge Health Consortium Board" in pdf_text(out.read_bytes())
    html = tmp_path / "pack.html"
    done = _run(
        cli_env,
        "board-pack",
        "--body",
        "B-CAM",
        "--as-at",
        "2011-10-15",
        "--out",
        str(html),
        "--html",
    )
    assert done.returncode == 0, done.stderr
    assert "<h1" in html.read_text()
    assert {p.name for p in tmp_path.iterdir()} == {"pack.pdf", "pack.html"}  # nothing partial


@pytest.mark.parametrize(
    ("body", "as_at", "message"),
    [
        ("B-NONE", "2011-10-15", "no body with id 'B-NONE'"),
        ("B-CAM", "1999-01-01", "no members on 1999-01-01"),
    ],
)
def test_the_command_refuses_clearly(cli_env, tmp_path, body, as_at, message):
    out = tmp_path / "pack.pdf"
    done = _run(cli_env, "board-pack", "--body", body, "--as-at", as_at, "--out", str(out))
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
