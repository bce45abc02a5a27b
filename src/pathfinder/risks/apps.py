from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "pathfinder.risks"
    label = "risks"
