from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "pathfinder.support"
    label = "support"
