"""Reading, recognising and planning ODS extracts, over hand-built rows; no database."""

import datetime as dt
import zipfile

import pytest

from pathfinder.core.errors import UserError
from pathfinder.organisations.ods_parse import LinkRow, OrgRow, parse
from pathfinder.organisations.ods_plan import ExistingLink, plan
from pathfinder.organisations.ods_read import detect, read_rows

D = dt.date


def ods(code, name, opened="", closed="", **cols):
    """A 27-field ODS row; `cols` sets fields by 1-based column number, as `c14="B"`."""
    row = [""] * 27
    row[0], row[1], row[10], row[11] = code, name, opened, closed
    for key, value in cols.items():
        row[int(key[1:]) - 1] = value
    return row


def practice(code, commissioner="00K", setting="4", joined="20130401", left="", **kw):
    return ods(
        code,
        f"SURGERY {code}",
        c13="A",
        c14="B",
        c15=commissioner,
        c16=joined,
        c17=left,
        c24=commissioner,
        c26=setting,
        **kw,
    )


def ccg(code, role="RO319", **kw):
    return ods(code, f"NHS {code} CCG", "20130401", c14=role, **kw)


def trust(code, **kw):
    return ods(code, f"TRUST {code}", "20000401", c24="B", **kw)


# ---- recognising the layout


def test_detects_each_layout_from_its_content():
    assert detect([practice("A81001"), practice("A81002")]) == "epraccur"
    assert detect([ccg("00C", role=""), ccg("00D"), ccg("13R", role="RO218")]) == "eccg"
    assert detect([trust("RTQ"), trust("RTQ01")]) == "etr"


def test_amendments_with_practitioner_records_are_epraccur():
    gp = ods("G1234567", "SMITH J", "19990101", c14="O", c15="A81001")
    assert detect([gp, gp, practice("A81001")]) == "epraccur"


def test_a_file_with_no_sign_of_any_layout_is_refused():
    with pytest.raises(UserError, match="not an ODS extract"):
        detect([ods("X", "Y"), ods("Z", "W")])


def test_reads_a_zip_holding_one_csv_and_skips_a_header(tmp_path):
    text = "Organisation Code,Name,a,b,c,d,e,f,g,h,Open Date,Close Date\n"
    text += ",".join(f'"{c}"' for c in trust("RTQ", c11="20000401")) + "\n"
    path = tmp_path / "etr.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("etr.csv", text)
        z.writestr("readme.pdf", b"%PDF")
    name, rows, digest = read_rows(path)
    assert name == "etr.csv" and len(rows) == 1 and rows[0][0] == "RTQ" and len(digest) == 64


def test_a_zip_without_exactly_one_csv_is_refused(tmp_path):
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.csv", "x")
        z.writestr("b.csv", "y")
    with pytest.raises(UserError, match="exactly one CSV"):
        read_rows(path)


def test_a_narrow_csv_is_refused_with_its_line(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("code,name,kind\nA,B,practice\n")
    with pytest.raises(UserError, match="line 1: 3 fields"):
        read_rows(path)


def test_a_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="cannot read"):
        read_rows(tmp_path / "nope.csv")


# ---- what the rows become


def test_prescribing_setting_4_is_a_practice_and_others_are_not():
    rows = [practice("A1"), practice("A2", setting="2"), practice("A3", setting="25")]
    rows.append(practice("A4", setting="0"))
    kinds = {o.code: o.kind for o in parse("epraccur", rows).orgs}
    assert kinds == {"A1": "practice", "A2": "provider", "A3": "other", "A4": "other"}


def test_practices_get_dates_and_a_membership_of_a_known_commissioner():
    rows = [
        practice("A1", opened="19740401", closed="20171031", joined="20130401", left="20171031"),
        practice("A2", commissioner="7A1"),
        practice("A3", setting="9"),
    ]
    parsed = parse("epraccur", rows, known_codes={"00K"})
    a1 = parsed.orgs[0]
    assert (a1.opened, a1.closed, a1.statutory) == (D(1974, 4, 1), D(2017, 10, 31), False)
    assert parsed.links == [LinkRow("00K", "A1", "member_practice", D(2013, 4, 1), D(2017, 10, 31))]
    assert parsed.unknown_parent == 1


def test_practitioner_records_are_skipped_and_bad_rows_rejected():
    rows = [
        ods("G1234567", "SMITH J", "19990101", c14="O", c15="A1"),
        practice("A1", opened="2013-04-01"),
        practice("bad code!"),
        practice("A2", opened="20100101", closed="20090101"),
    ]
    parsed = parse("epraccur", rows)
    assert parsed.skipped == 1 and parsed.orgs == []
    assert len(parsed.rejected) == 3


def test_commissioning_roles_become_kinds():
    rows = [
        ccg("00C", role=""),
        ccg("00T", role="RO319"),
        ccg("07W", role="RO319|RO326"),
        ccg("13R", role="RO218"),
        ccg("A4R1E", role="RO327"),
        ccg("QHM", role="RO318"),
        ccg("00F", role="C"),
    ]
    got = {o.code: (o.kind, o.statutory) for o in parse("eccg", rows).orgs}
    assert got == {
        "00C": ("ccg", True),
        "00T": ("ccg", True),
        "07W": ("ccg", True),
        "13R": ("support_unit", False),
        "A4R1E": ("other", False),
        "QHM": ("icb", True),
        "00F": ("ccg", True),
    }


def test_trusts_are_statutory_and_their_sites_are_hosted_providers():
    rows = [trust("RTQ"), trust("RTQ01", c12="20200101"), trust("G6V2S"), trust("RXX02")]
    parsed = parse("etr", rows, known_trusts={"RXX"})
    got = {o.code: (o.kind, o.statutory) for o in parsed.orgs}
    assert got == {
        "RTQ": ("trust", True),
        "RTQ01": ("provider", False),
        "G6V2S": ("trust", True),
        "RXX02": ("provider", False),
    }
    assert LinkRow("RTQ", "RTQ01", "hosts", D(2000, 4, 1), D(2020, 1, 1)) in parsed.links


# ---- planning against the database's rows


def org(code, name="SURGERY", kind="practice", closed=None):
    return OrgRow(code, name, kind, False, D(1990, 1, 1), closed)


def parsed_of(orgs, links=()):
    p = parse("epraccur", [])
    p.orgs, p.links = list(orgs), list(links)
    return p


def test_plan_creates_updates_and_leaves_unchanged():
    existing = {"A1": org("A1"), "A2": org("A2", kind="other")}
    out = plan(parsed_of([org("A1"), org("A2"), org("A3")]), existing, [])
    assert [o.code for o in out.create_orgs] == ["A3"]
    assert [o.code for o in out.update_orgs] == ["A2"]
    assert out.unchanged_orgs == 1


def test_a_name_differing_only_in_case_is_kept():
    existing = {"A1": org("A1", name="Mill Road Surgery")}
    out = plan(parsed_of([org("A1", name="MILL ROAD SURGERY")]), existing, [])
    assert out.unchanged_orgs == 1 and not out.update_orgs


def test_an_older_file_does_not_reopen_a_later_closure():
    existing = {"A1": org("A1", closed=D(2019, 3, 31)), "A2": org("A2", closed=D(2001, 1, 1))}
    older = parsed_of([org("A1"), org("A2"), org("A9", closed=D(2015, 11, 1))])
    out = plan(older, existing, [])
    # A1 closed after the file was made; A2 closed before it, and the file says open
    assert [o.code for o in out.update_orgs] == ["A2"]
    assert out.update_orgs[0].closed is None


def link(parent, start, end=None, child="A1"):
    return LinkRow(parent, child, "member_practice", start, end)


def old_link(pk, parent, start, end=None, child="A1"):
    return ExistingLink(pk, parent, child, "member_practice", start, end)


def test_a_newer_membership_ends_the_open_one_before_it():
    existing = [old_link(1, "00K", D(2013, 4, 1))]
    out = plan(parsed_of([org("A1")], [link("16C", D(2019, 4, 1))]), {"A1": org("A1")}, existing)
    assert out.update_links == {1: D(2019, 3, 31)}
    assert out.create_links == [link("16C", D(2019, 4, 1))]


def test_an_older_membership_imported_later_is_ended_before_the_newer_one():
    existing = [old_link(1, "16C", D(2019, 4, 1))]
    out = plan(parsed_of([org("A1")], [link("00K", D(2013, 4, 1))]), {"A1": org("A1")}, existing)
    assert out.update_links == {}
    assert out.create_links == [link("00K", D(2013, 4, 1), D(2019, 3, 31))]


def test_the_same_membership_is_unchanged_and_a_new_leave_date_updates_it():
    existing = [old_link(1, "00K", D(2013, 4, 1))]
    same = plan(parsed_of([org("A1")], [link("00K", D(2013, 4, 1))]), {}, existing)
    assert (same.unchanged_links, same.update_links, same.create_links) == (1, {}, [])
    left = plan(parsed_of([org("A1")], [link("00K", D(2013, 4, 1), D(2017, 10, 31))]), {}, existing)
    assert left.update_links == {1: D(2017, 10, 31)}


def test_an_older_file_does_not_reopen_a_membership_ended_after_it():
    existing = [old_link(1, "00K", D(2013, 4, 1), D(2017, 10, 31))]
    out = plan(parsed_of([org("A1")], [link("00K", D(2013, 4, 1))]), {}, existing)
    assert out.update_links == {} and out.unchanged_links == 1
