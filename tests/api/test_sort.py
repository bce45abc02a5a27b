"""List routes sort through the listing component: by any field they name, either way,
their own order breaking ties; a field they do not offer is refused by name."""

import pytest

from tests.api.conftest import AS_AT

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_organisations_sorted_by_name_the_other_way(owner):
    down = items(owner.get("/api/organisations", as_at=AS_AT, sort="-name", limit=1000))
    names = [o["name"] for o in down]
    assert len(names) > 5 and names == sorted(names, reverse=True)
    default = items(owner.get("/api/organisations", as_at=AS_AT, limit=1000))
    assert sorted(o["code"] for o in down) == sorted(o["code"] for o in default)


def test_ties_keep_the_route_order(owner):
    by_kind = items(owner.get("/api/organisations", as_at=AS_AT, sort="kind", limit=1000))
    kinds = [o["kind"] for o in by_kind]
    assert kinds == sorted(kinds)
    for kind in set(kinds):
        codes = [o["code"] for o in by_kind if o["kind"] == kind]
        assert codes == sorted(codes)


def test_the_ledger_sorted_by_amount_pages_in_that_order(owner):
    first = items(owner.get("/api/finance/ledger", sort="-amount", limit=5))
    second = items(owner.get("/api/finance/ledger", sort="-amount", limit=5, offset=5))
    amounts = [float(x["amount"]) for x in first + second]
    assert len(amounts) == 10 and amounts == sorted(amounts, reverse=True)


def test_an_unknown_sort_field_is_refused_naming_those_offered(owner):
    response = owner.get("/api/people", as_at=AS_AT, sort="salary")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "person_id" in errors["sort"] and "-profession" in errors["sort"]
