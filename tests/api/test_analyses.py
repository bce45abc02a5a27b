"""The analyses routes answer a caller whose roles cover every organisation exactly what
the CLI's `--json` prints, for every case of the east-2011 example, and refuse callers
without a role. What narrower callers see is in test_analyses_scope.py."""

import importlib
import importlib.util
import json

import pytest

from pathfinder.api import analyses_scope
from pathfinder.cli import ANALYSES, build_parser
from tests.api.conftest import AS_AT
from tests.api.scope_oracle import national
from tests.conftest import EAST

CASES = json.loads((EAST / "cases.json").read_text())
ROUTES = sorted(ANALYSES)
# The smallest valid query of each route.
MINIMAL = {"conflicts": {"decision": "D-CAM-1"}, "finance": {"year": "2011-12", "by": "cluster"}}
MINIMAL["qipp"] = {"year": "2011-12"}


def analysis(name: str):
    """The analysis module; skipped only while it has not been written."""
    module = ANALYSES[name][0]
    if importlib.util.find_spec(module) is None:
        pytest.importorskip(module)
    return importlib.import_module(module)


def cli_kwargs(args: list[str]) -> dict:
    """The keywords the CLI passes to report() for these arguments."""
    parsed = vars(build_parser().parse_args(args))
    return {k: v for k, v in parsed.items() if k not in ("command", "json")}


def query_of(args: list[str]) -> dict:
    """The same arguments as an API query string: --as-at D becomes as_at=D."""
    params, rest = {}, args[1:]
    for flag, value in zip(rest[::2], rest[1::2], strict=True):
        params[flag.removeprefix("--").replace("-", "_")] = value
    return params


def test_every_analysis_has_a_route_and_a_case():
    assert {c["args"][0] for c in CASES} == set(ROUTES)


def cli_answer(args: list[str]) -> dict:
    module = analysis(args[0])
    return json.loads(json.dumps(module.report(**cli_kwargs(args))))


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"]) for c in CASES])
def test_a_caller_covering_everything_gets_the_cli_answer(client, east, case):
    name = case["args"][0]
    want = cli_answer(case["args"])
    response = national(client).get(f"/api/analyses/{name}", **query_of(case["args"]))
    assert response.status_code == 200, response.content
    assert response.json() == want


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"]) for c in CASES])
def test_the_scope_filters_alone_keep_the_whole_example(client, east, case, monkeypatch):
    """Without the shortcut for a scope covering everything, each domain's own choice
    still keeps every row of the example: the filters drop nothing they should keep."""
    monkeypatch.setattr(analyses_scope, "covers_everything", lambda scope, perm: False)
    name = case["args"][0]
    want = cli_answer(case["args"])
    response = national(client).get(f"/api/analyses/{name}", **query_of(case["args"]))
    assert response.status_code == 200, response.content
    assert response.json() == want


@pytest.mark.parametrize("name", ROUTES)
def test_anonymous_is_refused(anonymous, name):
    assert anonymous.get(f"/api/analyses/{name}", **MINIMAL.get(name, {})).status_code == 401


@pytest.mark.parametrize("name", ROUTES)
def test_a_user_without_a_role_is_refused(roleless, name):
    response = roleless.get(f"/api/analyses/{name}", **MINIMAL.get(name, {}))
    assert response.status_code == 403
    assert "role" in response.json()["detail"]


@pytest.mark.parametrize("name", sorted(set(ROUTES) - {"conflicts"}))
def test_any_role_may_run_them(outsider, name):
    analysis(name)
    params = MINIMAL.get(name, {"as_at": AS_AT})
    assert outsider.get(f"/api/analyses/{name}", **params).status_code == 200


@pytest.mark.parametrize("name", ["accountability", "register", "risks", "support", "agendas"])
def test_as_at_defaults_to_today_and_a_bad_date_is_422(owner, name):
    from django.utils import timezone

    analysis(name)
    body = owner.get(f"/api/analyses/{name}").json()
    assert body["as_at"] == timezone.localdate().isoformat()
    response = owner.get(f"/api/analyses/{name}", as_at="2011-02-30")
    assert response.status_code == 422
    assert "as_at" in response.json()["detail"]


def test_a_year_that_is_not_a_financial_year_is_422_naming_it(owner):
    analysis("finance")
    response = owner.get("/api/analyses/finance", year="2011-13", by="cluster")
    assert response.status_code == 422
    assert "financial year" in response.json()["errors"]["year"]


def test_an_unknown_decision_is_404(owner):
    analysis("conflicts")
    response = owner.get("/api/analyses/conflicts", decision="D-NOPE")
    assert response.status_code == 404
    assert "D-NOPE" in response.json()["detail"]


def test_missing_and_bad_parameters_are_422(owner):
    assert owner.get("/api/analyses/conflicts").status_code == 422
    assert owner.get("/api/analyses/finance", year="2011-12").status_code == 422
    assert owner.get("/api/analyses/finance", year="2011-12", by="region").status_code == 422
    response = owner.get(
        "/api/analyses/finance", year="2011-12", by="cluster", restate_as_at="2011-10"
    )
    assert response.status_code == 422
    assert "restate_as_at" in response.json()["detail"]
