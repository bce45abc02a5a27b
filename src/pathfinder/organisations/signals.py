"""The closure `Below` kept right when an organisation or a relationship is saved, or a
relationship deleted, through the ORM one at a time (loads and imports write in bulk and
rebuild it themselves: organisations/actions.py). No receiver on an organisation's
delete: it would make every wipe delete row by row, and a deleted organisation's own
closure rows grant nothing (no record refers to it)."""

from django.db.models.signals import post_delete, post_save

from pathfinder.organisations.models import Organisation, Relationship


def _refresh(sender, **kwargs):
    from pathfinder.organisations import actions

    actions.refresh_below()


def connect():
    post_save.connect(_refresh, sender=Organisation, dispatch_uid="below-organisation-save")
    post_save.connect(_refresh, sender=Relationship, dispatch_uid="below-relationship-save")
    post_delete.connect(_refresh, sender=Relationship, dispatch_uid="below-relationship-delete")
