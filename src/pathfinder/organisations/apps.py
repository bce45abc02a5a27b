from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "pathfinder.organisations"
    label = "organisations"
