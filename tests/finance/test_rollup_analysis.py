"""The money rules of RULES.md §4 on hand-built facts, with no database."""

import datetime as dt
from decimal import Decimal

import pytest

from pathfinder.core.errors import UserError
from pathfinder.core.money import FinancialYear
from pathfinder.finance.rollup import (
    Facts,
    Structure,
    analyse,
    default_as_at,
    forecast_outturn,
    is_overspend_risk,
    months_elapsed,
    parse_year,
)

FY = FinancialYear.parse("2011-12")


@pytest.mark.parametrize(
    ("d", "months"),
    [
        (dt.date(2011, 3, 31), 1),  # before the year: at least one month
        (dt.date(2011, 4, 1), 1),
        (dt.date(2011, 4, 29), 1),  # April not yet over
        (dt.date(2011, 4, 30), 1),
        (dt.date(2011, 5, 30), 1),
        (dt.date(2011, 5, 31), 2),
        (dt.date(2011, 10, 31), 7),
        (dt.date(2011, 11, 1), 7),
        (dt.date(2012, 2, 28), 10),  # 2012 is a leap year: February ends on the 29th
        (dt.date(2012, 2, 29), 11),
        (dt.date(2012, 3, 31), 12),
        (dt.date(2013, 6, 30), 12),  # after the year: never more than twelve
    ],
)
def test_months_elapsed(d, months):
    assert months_elapsed(FY, d) == months


def test_months_elapsed_in_a_common_year_february():
    assert months_elapsed(FinancialYear.parse("2012-13"), dt.date(2013, 2, 28)) == 11


@pytest.mark.parametrize(
    ("actual", "months", "forecast"),
    [
        ("700.00", 7, "1200.00"),
        ("0.01", 7, "0.02"),  # 0.017142… rounds up
        ("0.01", 8, "0.02"),  # 0.015 exactly: half rounds up
        ("0.03", 8, "0.05"),  # 0.045 exactly: half up, not to even
        ("0.05", 8, "0.08"),  # 0.075 exactly
        ("-0.01", 8, "-0.02"),  # credits: half rounds away from zero
        ("0.01", 5, "0.02"),  # 0.024 rounds down
        ("147799999.49", 7, "253371427.70"),
        ("0.00", 1, "0.00"),
    ],
)
def test_forecast_rounds_half_up_to_the_penny(actual, months, forecast):
    assert forecast_outturn(Decimal(actual), months) == Decimal(forecast)


@pytest.mark.parametrize(
    ("budget", "forecast", "risk"),
    [
        ("1000.00", "1010.00", False),  # exactly 1% over is not more than 1%
        ("1000.00", "1010.01", True),
        ("1000.00", "900.00", False),
        ("0.00", "0.01", True),  # any spend against no budget
        ("0.00", "0.00", False),
    ],
)
def test_overspend_risk_is_more_than_one_percent_over(budget, forecast, risk):
    assert is_overspend_risk(Decimal(budget), Decimal(forecast)) is risk


STRUCTURE = Structure(
    delegated_by={"CONS-A": "PCT1", "CONS-B": "PCT1", "CONS-C": "PCT2"},
    cluster_of={"PCT1": "CL1", "PCT2": "CL1"},
)


def facts(structure=STRUCTURE, as_at=dt.date(2011, 10, 31)):
    return Facts(
        year=FY,
        as_at=as_at,
        budgets={
            ("CONS-A", "acute"): 120_000_00,
            ("CONS-A", "prescribing"): 24_000_00,
            ("CONS-B", "acute"): 60_000_00,
            ("CONS-C", "acute"): 36_000_00,
            ("PCT1", "running_costs"): 12_000_00,
            ("PCT3", "running_costs"): 1_200_00,
        },
        actuals={
            ("CONS-A", "acute"): 70_000_01,
            ("CONS-A", "prescribing"): 14_000_00,
            ("CONS-B", "acute"): 35_000_00,
            ("CONS-C", "acute"): 21_000_00,
            ("PCT1", "running_costs"): 7_000_00,
            ("PCT3", "running_costs"): 700_00,
            ("CONS-X", "acute"): 70_00,  # spend with no budget line
        },
        structure=structure,
    )


def rows(result):
    return {r.group: r for r in result.rows}


def test_organisation_level_keeps_each_organisation():
    result = analyse(facts(), "organisation")
    got = rows(result)
    assert list(got) == ["CONS-A", "CONS-B", "CONS-C", "CONS-X", "PCT1", "PCT3"]
    assert got["CONS-A"].budget == Decimal("144000.00")
    assert got["CONS-A"].actual == Decimal("84000.01")
    assert got["CONS-X"].budget == Decimal("0.00")
    assert got["CONS-X"].overspend_risk is True


def test_statutory_level_attributes_consortia_to_the_delegating_body():
    got = rows(analyse(facts(), "statutory"))
    assert list(got) == ["CONS-X", "PCT1", "PCT2", "PCT3"]
    assert got["PCT1"].budget == Decimal("216000.00")
    assert got["PCT1"].actual == Decimal("126000.01")
    assert got["PCT2"].actual == Decimal("21000.00")
    # an organisation that nobody delegates to is its own statutory body
    assert got["CONS-X"].actual == Decimal("70.00")


def test_cluster_level_attributes_statutory_bodies_to_their_cluster():
    got = rows(analyse(facts(), "cluster"))
    assert list(got) == ["CL1", "CONS-X", "PCT3"]
    assert got["CL1"].budget == Decimal("252000.00")
    assert got["CL1"].actual == Decimal("147000.01")
    assert got["PCT3"].budget == Decimal("1200.00")


def test_without_structure_every_level_is_the_organisation():
    plain = facts(structure=Structure())
    assert analyse(plain, "cluster").rows == analyse(plain, "organisation").rows


def test_forecast_and_variance_of_a_group_use_its_summed_actual():
    got = rows(analyse(facts(), "cluster"))["CL1"]
    # 147000.01 x 12 / 7 = 252000.017… -> 252000.02
    assert got.forecast == Decimal("252000.02")
    assert got.variance == Decimal("-0.02")
    assert got.overspend_risk is False


def test_roll_ups_equal_the_sum_of_their_parts():
    f = facts()
    by_level = {level: analyse(f, level) for level in ("organisation", "statutory", "cluster")}
    for result in by_level.values():
        assert result.budget == sum(r.budget for r in result.rows)
        assert result.actual == sum(r.actual for r in result.rows)
    assert len({(r.budget, r.actual) for r in by_level.values()}) == 1


def test_restatement_is_only_a_different_structure():
    before = Structure(delegated_by={"CONS-A": "PCT1"})
    after = Structure(delegated_by={"CONS-A": "PCT1"}, cluster_of={"PCT1": "CL1"})
    f = Facts(
        year=FY,
        as_at=dt.date(2011, 5, 31),
        budgets={("CONS-A", "acute"): 100_00, ("PCT1", "running_costs"): 50_00},
        actuals={("CONS-A", "acute"): 20_00},
    )
    f.structure = before
    assert [r.group for r in analyse(f, "cluster").rows] == ["PCT1"]
    f.structure = after
    restated = analyse(f, "cluster")
    assert [r.group for r in restated.rows] == ["CL1"]
    assert restated.rows[0].budget == Decimal("150.00")
    assert restated.rows[0].forecast == Decimal("120.00")  # two months elapsed


def test_bad_level_and_year_are_user_errors():
    with pytest.raises(UserError):
        analyse(facts(), "region")
    for bad in ("2011-13", "2011", "11-12", "2011-2012"):
        with pytest.raises(UserError):
            parse_year(bad)


def test_default_as_at_is_year_end_or_today():
    assert default_as_at(FY, today=dt.date(2020, 1, 1)) == dt.date(2012, 3, 31)
    assert default_as_at(FY, today=dt.date(2011, 9, 9)) == dt.date(2011, 9, 9)
