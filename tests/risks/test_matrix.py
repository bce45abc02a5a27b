"""The matrix and the heat map as plain values; no database."""

import datetime as dt

import pytest

from pathfinder.risks.assessment import Facts, Risk, analyse
from pathfinder.risks.matrix import Matrix, check, nhs_standard
from pathfinder.risks.register import RiskRow, heat_map

THREE = Matrix(("a",) * 5, ("b",) * 5, ((4, "green"), (9, "amber"), (25, "red")), 8, 1, 7)


def test_nhs_standard_bands_and_threshold():
    m = nhs_standard(15)
    assert [m.band(s) for s in (1, 3, 4, 6, 8, 12, 15, 25)] == [
        "low", "low", "moderate", "moderate", "high", "high", "extreme", "extreme"
    ]  # fmt: skip
    assert m.escalates(15) and not m.escalates(12)
    assert m.likelihood[0] == "Rare" and m.consequence[4] == "Catastrophic"
    with pytest.raises(ValueError):
        m.band(0)


@pytest.mark.parametrize(
    "bands, field",
    [
        ([(4, "a"), (3, "b"), (25, "c")], "band_2_top"),
        ([(4, "a"), (20, "b")], "band_2_top"),
        ([(4, "a"), (25, "A")], "band_2_name"),
        ([], "band_1_name"),
    ],
)
def test_check_refuses_bands_that_do_not_cover_the_scores(bands, field):
    assert field in check(["x"] * 5, ["y"] * 5, bands, 15)


def test_check_accepts_a_good_matrix():
    assert check(["x"] * 5, ["y"] * 5, [(4, "a"), (25, "b")], 10) == {}


def _risk(org="CONS", current=(3, 3), **kw):
    return Risk("R1", org, 3, 3, *current, None, None, dt.date(2011, 6, 1), **kw)


def test_an_unreviewed_risk_reads_on_its_organisations_matrix():
    facts = Facts(risks=[_risk()], matrices={"CONS": THREE})
    [a] = analyse(facts, dt.date(2011, 7, 1), 15, with_baf=False)
    assert (a.band, a.escalate_to_baf) == ("amber", True)


def test_a_reviewed_risk_keeps_the_band_and_threshold_it_was_given():
    reviewed = _risk(reviewed=True, matrix_id=None, band_name="high", threshold=15)
    facts = Facts(risks=[reviewed], matrices={"CONS": THREE})
    [a] = analyse(facts, dt.date(2011, 7, 1), 15, with_baf=False)
    assert (a.band, a.escalate_to_baf) == ("high", False)


def test_heat_map_counts_each_cell():
    def row(lik, con):
        return RiskRow(
            "R", "O", "t", "c", "C", None, "", 1, "low", lik, con, lik * con, "", None, "",
            None, dt.date(2011, 1, 1), False, False, None, False,
        )  # fmt: skip

    picture = heat_map([row(4, 4), row(4, 4), row(1, 5)], nhs_standard(15))
    by_cell = {(c.likelihood, c.consequence): c for c in picture.cells}
    assert by_cell[(4, 4)].count == 2 and by_cell[(1, 5)].count == 1
    assert by_cell[(5, 5)].band == "extreme" and by_cell[(1, 1)].band == "low"
    assert picture.rows()[0][0].likelihood == 5  # the top row is likelihood 5
    assert sum(c.count for c in picture.cells) == picture.total == 3
