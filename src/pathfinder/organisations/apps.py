from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "pathfinder.organisations"
    label = "organisations"

    def ready(self):
        from pathfinder.organisations import signals

        signals.connect()
