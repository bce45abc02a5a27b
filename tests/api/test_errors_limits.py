"""The API's error contract and limits: one error body for every 4xx, each status an
operation can give documented, paging bounded, dates and financial years declared as
what is accepted (docs/decisions/0140-api-errors-and-limits.md). The fuzzing in
test_fuzz.py finds such faults; these pin the ones it found."""

import json
import re

import pytest
from django.test import Client

from pathfinder.api.errors import NO_NUL
from pathfinder.api.params import FY_PATTERN, LIMIT_MAX, OFFSET_MAX
from pathfinder.core.money import FinancialYear
from pathfinder.risks.models import RiskAction
from tests.api.conftest import AS_AT, Caller


def doc() -> dict:
    """The document as served (status codes as strings)."""
    return Client().get("/api/openapi.json").json()


def operation(path: str, method: str = "get") -> dict:
    return doc()["paths"][path][method]


def is_error_body(body: dict) -> bool:
    return (
        set(body) == {"detail", "errors"}
        and isinstance(body["detail"], str)
        and body["detail"]
        and isinstance(body["errors"], dict)
        and all(isinstance(v, str) for v in body["errors"].values())
    )


def send(caller: Caller, url: str, data, content_type="application/json"):
    headers = {"Authorization": f"Bearer {caller.token}"} if caller.token else {}
    return caller.client.post(url, data, content_type=content_type, headers=headers)


@pytest.mark.parametrize("url", ["/api/people", "/api/meetings", "/api/risks", "/api/posts"])
def test_an_offset_beyond_the_maximum_is_422_naming_it(owner, url):
    for offset in (OFFSET_MAX + 1, 22565026127823062102441984):
        response = owner.get(url, as_at=AS_AT, offset=offset)
        assert response.status_code == 422, (url, offset)
        body = response.json()
        assert is_error_body(body) and "offset" in body["errors"], body
    at_most = owner.get(url, offset=OFFSET_MAX)
    assert at_most.status_code == 200
    assert at_most.json()["items"] == []


def test_a_limit_beyond_the_maximum_is_422(owner):
    assert owner.get("/api/people", limit=LIMIT_MAX).status_code == 200
    response = owner.get("/api/people", limit=LIMIT_MAX + 1)
    assert response.status_code == 422 and "limit" in response.json()["errors"]


def test_the_limits_are_published(db):
    params = {p["name"]: p["schema"] for p in operation("/api/people")["parameters"]}
    assert params["limit"]["maximum"] == LIMIT_MAX and params["limit"]["minimum"] == 1
    assert params["offset"]["maximum"] == OFFSET_MAX and params["offset"]["minimum"] == 0


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/people", {"as_at": "2011-02-30"}),  # our own check
        ("/api/people", {"limit": "many"}),  # the validator's
        ("/api/finance/ledger", {"year": "2011-13"}),
        ("/api/analyses/conflicts", {}),  # a required parameter missing
        ("/api/risks/R-NONE", {}),  # nothing by that name
        ("/api/analyses/risks", {}),  # a caller with no role
    ],
)
def test_every_refusal_has_the_one_error_body(owner, roleless, url, params):
    caller = roleless if url == "/api/analyses/risks" else owner
    response = caller.get(url, **params)
    assert 400 <= response.status_code < 500
    assert is_error_body(response.json()), response.json()


def test_a_parameter_given_twice_is_422_not_its_last_value(owner):
    response = owner.get("/api/risks", status=["escalated", "overdue"])
    assert response.status_code == 422
    assert "status" in response.json()["errors"]
    assert owner.get("/api/people", limit=["1", "2"]).status_code == 422


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/people", {"q": "a\x00b"}),
        ("/api/finance/ledger", {"supplier": "\x00"}),
        ("/api/risks/R\x0001", {}),
        ("/api/organisations/\x00", {}),
    ],
)
def test_a_nul_character_in_a_parameter_is_422_on_either_database(owner, url, params):
    response = owner.get(url, **params)
    assert response.status_code == 422
    assert is_error_body(response.json())


def test_a_nul_character_in_a_body_field_is_422_and_writes_nothing(owner):
    before = RiskAction.objects.count()
    action = {"description": "a\x00b", "added_on": AS_AT, "due": "2011-12-01"}
    response = send(owner, "/api/risks/R01/actions", json.dumps(action))
    assert response.status_code == 422
    assert "description" in response.json()["errors"]
    assert RiskAction.objects.count() == before


def test_a_body_date_is_iso_text_not_a_number(owner):
    before = RiskAction.objects.count()
    for added_on in (0, "2011-10-01T00:00:00", "01/10/2011"):
        action = {"description": "Audit", "added_on": added_on, "due": "2011-12-01"}
        response = send(owner, "/api/risks/R01/actions", json.dumps(action))
        assert response.status_code == 422, added_on
        assert "added_on" in response.json()["errors"]
    assert RiskAction.objects.count() == before


def test_text_parameters_declare_that_they_hold_no_nul(db):
    pattern = re.compile(NO_NUL)
    assert pattern.fullmatch("C-CAM") and not pattern.fullmatch("C\x00")
    params = {p["name"]: p["schema"] for p in operation("/api/people")["parameters"]}
    assert {"type": "string", "pattern": NO_NUL} in params["q"]["anyOf"]
    assert operation("/api/risks/{risk_id}")["parameters"][0]["schema"]["pattern"] == NO_NUL
    assert params["as_at"].get("pattern") is None  # a date is tighter already


def test_no_caller_is_401_with_the_error_body(anonymous):
    response = anonymous.get("/api/people")
    assert response.status_code == 401
    assert is_error_body(response.json())
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_body_that_is_not_json_is_a_documented_400_and_writes_nothing(owner):
    before = RiskAction.objects.count()
    response = send(owner, "/api/risks/R01/actions", "\x00")
    assert response.status_code == 400
    assert is_error_body(response.json())
    assert "400" in operation("/api/risks/{risk_id}/actions", "post")["responses"]
    assert RiskAction.objects.count() == before


def test_a_missing_body_is_a_documented_422_naming_it(owner):
    response = send(owner, "/api/support/bookings", "")
    assert response.status_code == 422
    body = response.json()
    assert is_error_body(body) and "body" in body["errors"]
    assert "422" in operation("/api/support/bookings", "post")["responses"]


def test_a_field_the_validator_refuses_is_named_in_errors(owner):
    response = send(
        owner, "/api/risks/R01/reviews", json.dumps({"reviewed_on": AS_AT, "likelihood": "x"})
    )
    assert response.status_code == 422
    assert {"likelihood", "consequence"} <= response.json()["errors"].keys()


def test_every_error_status_is_documented_with_the_error_body(db):
    for path, operations in doc()["paths"].items():
        for method, op in operations.items():
            codes = {int(c) for c in op["responses"]}
            assert {401, 422} <= codes, (method, path)
            for code in codes - {200, 201}:
                content = op["responses"][str(code)]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (path, code)
            if "requestBody" in op:
                assert {400, 403} <= codes, (method, path)
    error = doc()["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail", "errors"}


def test_dates_are_declared_as_dates(db):
    names = {"as_at", "from", "to", "restate_as_at"}
    seen = set()
    for path, operations in doc()["paths"].items():
        for op in operations.values():
            for p in op.get("parameters", []):
                if p["name"] in names:
                    seen.add(p["name"])
                    assert p["schema"]["type"] == "string", path
                    assert p["schema"]["format"] == "date", (path, p["name"])
    assert seen == names


def test_financial_years_are_declared_with_the_rule_as_a_pattern(db):
    seen = 0
    for path, operations in doc()["paths"].items():
        for op in operations.values():
            for p in op.get("parameters", []):
                if p["name"] == "year":
                    seen += 1
                    assert p["schema"]["pattern"] == FY_PATTERN, path
    assert seen == 5  # budgets, the ledger, QIPP schemes, the finance and QIPP analyses
    pattern = re.compile(FY_PATTERN)
    for start in range(1900, 2100):
        for end in range(100):
            text = f"{start}-{end:02d}"
            try:
                FinancialYear.parse(text)
                rule = True
            except ValueError:
                rule = False
            assert bool(pattern.fullmatch(text)) == rule, text
    for outside in ("1899-00", "2100-01", "0000-01", "2011-12\n", "٢٠١١-١٢", ""):
        assert not pattern.fullmatch(outside), outside


def test_a_year_outside_the_pattern_is_422(owner):
    assert owner.get("/api/finance/budgets", year="2011-12").status_code == 200
    for bad in ("2011-13", "0000-01", "2011", ""):
        response = owner.get("/api/finance/budgets", year=bad)
        assert response.status_code == 422, bad
        assert "year" in response.json()["errors"]


def test_the_risk_matrix_bands_are_objects(owner):
    matrix = owner.get("/api/risk-matrices/C-CAM").json()
    assert matrix["bands"][-1]["top"] == 25
    assert all(set(b) == {"top", "name"} for b in matrix["bands"])
    schema = doc()["components"]["schemas"]["MatrixOut"]["properties"]["bands"]
    assert isinstance(schema["items"], dict)
