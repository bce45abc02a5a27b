"""LedgerMonth kept right when a ledger line is saved or deleted through the ORM, one at
a time (bulk writes refresh or tally it themselves: finance/actions.py)."""

from django.db.models.signals import post_delete, post_save, pre_save

from pathfinder.finance.models import LedgerEntry


def _note_old_org(sender, instance: LedgerEntry, **kwargs):
    instance._org_before = (
        LedgerEntry.objects.filter(pk=instance.pk).values_list("org_id", flat=True).first()
        if instance.pk
        else None
    )


def _refresh(sender, instance: LedgerEntry, **kwargs):
    from pathfinder.finance import actions

    orgs = {instance.org_id, getattr(instance, "_org_before", None)} - {None}
    actions.refresh_months(orgs)


def connect():
    pre_save.connect(_note_old_org, sender=LedgerEntry, dispatch_uid="ledger-month-before")
    post_save.connect(_refresh, sender=LedgerEntry, dispatch_uid="ledger-month-save")
    post_delete.connect(_refresh, sender=LedgerEntry, dispatch_uid="ledger-month-delete")
