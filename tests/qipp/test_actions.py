"""QIPP schemes written one at a time through the QIPP actions: audited, checked, and
read back by the delivery analysis."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pathfinder.core.models import AuditEvent
from pathfinder.core.money import FinancialYear
from pathfinder.qipp import actions, delivery
from pathfinder.qipp.models import QippSaving, QippScheme

pytestmark = pytest.mark.django_db
BY = "test:qipp"
YEAR = FinancialYear.parse("2011-12")


def result(scheme_id: str, as_at: dt.date):
    (found,) = [
        r
        for r in delivery.analyse(delivery.load_facts(YEAR, as_at), as_at)
        if r.scheme == scheme_id
    ]
    return found


def test_a_sign_off_by_the_schemes_own_body_makes_it_owned(east):
    as_at = dt.date(2012, 1, 31)
    assert result("Q-PET-1", as_at).not_owned
    actions.sign_off(
        QippScheme.objects.get(pk="Q-PET-1"), by=BY, body_id="B-PET", on=dt.date(2012, 1, 10)
    )
    assert not result("Q-PET-1", as_at).not_owned
    assert result("Q-PET-1", dt.date(2012, 1, 9)).not_owned
    event = AuditEvent.objects.get(actor=BY)
    assert (event.before["signed_off_by_id"], event.after["signed_off_by_id"]) == (None, "B-PET")


def test_a_month_is_added_then_changed(east):
    scheme = actions.add_scheme(
        by=BY,
        scheme_id="Q-PET-9",
        org_id="C-PET",
        name="Hospital at home",
        domain="quality",
        financial_year="2011-12",
    )
    actions.record_month(scheme, by=BY, month="2011-04", planned=Decimal("1000.00"))
    actions.record_month(
        scheme, by=BY, month="2011-04", planned=Decimal("1000.00"), delivered=Decimal("960.00")
    )
    saving = QippSaving.objects.get(scheme=scheme)
    assert (saving.planned, saving.delivered) == (Decimal("1000.00"), Decimal("960.00"))
    assert result("Q-PET-9", dt.date(2011, 4, 30)).rag == "green"
    operations = (
        AuditEvent.objects.filter(actor=BY).order_by("id").values_list("operation", "model")
    )
    assert list(operations) == [
        ("create", "qipp.QippScheme"),
        ("create", "qipp.QippSaving"),
        ("update", "qipp.QippSaving"),
    ]


def test_a_month_not_written_yyyy_mm_is_refused(east):
    scheme = QippScheme.objects.get(pk="Q-PET-1")
    with pytest.raises(ValidationError) as refused:
        actions.record_month(scheme, by=BY, month="April", planned=Decimal("1"))
    assert "month" in refused.value.message_dict
    assert not QippSaving.objects.filter(scheme=scheme, month="April").exists()
    assert not AuditEvent.objects.filter(actor=BY).exists()
